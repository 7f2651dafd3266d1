//! The steps every record page repeats: save a record from a posted form (create, or patch
//! with the version the form was filled from as If-Match), refill the form when that fails
//! (someone else's values beside the user's on a 412, else the problems beside the fields),
//! and delete a record.

use std::collections::HashMap;

use serde_json::Value;

use super::form::{self, Form};
use super::i18n::Tr;
use crate::app::AppState;
use crate::domain::access::Actor;
use crate::error::AppError;
use crate::store::begin_write;
use crate::store::resource::{self, Resource};

/// How a page puts the error of a failed save beside its fields (`Form::with_error`, or a
/// page's own variant of it).
pub type Problems = fn(Form, &Tr, &AppError) -> Form;

/// Create (`id` is `None`) or patch record `id` of `R` in conference `conference_id` from
/// `body` (the posted form as JSON, or the problem found making it), in one write
/// transaction; a patch sends the version the form was filled from as If-Match.
pub async fn save<R: Resource>(
    state: &AppState,
    actor: &Actor,
    conference_id: i32,
    id: Option<i32>,
    body: Result<Value, AppError>,
    posted: &HashMap<String, String>,
) -> Result<R::Model, AppError> {
    let body = body?;
    let txn = begin_write(&state.db).await?;
    let m = match id {
        None => resource::create::<R, _>(&txn, actor, conference_id, body).await?,
        Some(id) => {
            let version = form::posted_version(posted);
            resource::patch::<R, _>(&txn, actor, conference_id, id, body, version).await?
        }
    };
    txn.commit().await?;
    Ok(m)
}

/// Delete record `id` of `R` in conference `conference_id`, in one write transaction.
pub async fn delete<R: Resource>(
    state: &AppState,
    actor: &Actor,
    conference_id: i32,
    id: i32,
) -> Result<(), AppError> {
    let txn = begin_write(&state.db).await?;
    resource::delete::<R, _>(&txn, actor, conference_id, id, None).await?;
    txn.commit().await?;
    Ok(())
}

/// The form (filled from what was posted) after saving it failed with `error`: it keeps the
/// posted version; on a 412 it shows `stored` (the record as saved meanwhile: its values and
/// version) beside the user's values, else `problems` puts the error beside the fields.
pub fn refilled(
    form: Form,
    tr: &Tr,
    posted: &HashMap<String, String>,
    error: &AppError,
    stored: Option<(Value, i32)>,
    problems: Problems,
) -> Form {
    let mut form = form;
    form.version = form::posted_version(posted);
    match (error, stored) {
        (AppError::PreconditionFailed { .. }, Some((values, version))) => {
            form.with_conflict(&values, version)
        }
        _ => problems(form, tr, error),
    }
}

/// `refilled` for record `id` of `R`, read again only when someone else saved first.
pub async fn refill<R: Resource>(
    state: &AppState,
    tr: &Tr,
    form: Form,
    posted: &HashMap<String, String>,
    error: &AppError,
    (conference_id, id): (i32, i32),
    problems: Problems,
) -> Result<Form, AppError> {
    let stored = match error {
        AppError::PreconditionFailed { .. } => {
            let m = resource::get::<R, _>(&state.db, conference_id, id).await?;
            Some((form::values_of(&m), R::version(&m)))
        }
        _ => None,
    };
    Ok(refilled(form, tr, posted, error, stored, problems))
}
