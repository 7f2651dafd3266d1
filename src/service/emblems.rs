//! An issuer's emblem or logo: uploaded once per issuer, replaced or removed with its
//! version, and loaded once per batch for the issuers it prints, to be embedded once
//! however many certificates show it.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::issuer_emblem as emblem;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QuerySelect, sea_query::Expr,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::interop::emblem as upload;
use crate::print::pdf::Image;
use crate::service::work::{Heavy, Work};
use crate::store::award::Issuers;
use crate::store::{audit, begin_write, resource};

const NOUN: &str = "issuer emblem";

/// An issuer's emblem, without the file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EmblemInfo {
    pub issuer_id: i32,
    /// `png`, `jpeg` or `pdf` (one page, kept as vector).
    pub format: String,
    /// In pixels; for a PDF, the page's size in pt.
    pub width: f64,
    pub height: f64,
    pub file_name: String,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    /// Its ETag.
    pub version: i32,
}

impl EmblemInfo {
    fn of(e: &emblem::Model) -> EmblemInfo {
        EmblemInfo {
            issuer_id: e.issuer_id,
            format: e.format.clone(),
            width: e.width,
            height: e.height,
            file_name: e.file_name.clone(),
            uploaded_by: e.uploaded_by.clone(),
            uploaded_at: e.uploaded_at,
            version: e.version,
        }
    }

    /// The media type of the file.
    pub fn media_type(&self) -> &'static str {
        media_type(&self.format)
    }
}

pub fn media_type(format: &str) -> &'static str {
    match format {
        "png" => "image/png",
        "jpeg" => "image/jpeg",
        _ => "application/pdf",
    }
}

/// The stored row of an issuer's emblem, the file left out unless `with_file`.
async fn row<C: ConnectionTrait>(
    db: &C,
    issuer_id: i32,
    with_file: bool,
) -> AppResult<Option<emblem::Model>> {
    let find = emblem::Entity::find().filter(emblem::Column::IssuerId.eq(issuer_id));
    if with_file {
        return Ok(find.one(db).await?);
    }
    Ok(without_file(find).one(db).await?)
}

fn without_file(
    find: sea_orm::Select<emblem::Entity>,
) -> sea_orm::Selector<sea_orm::SelectModel<emblem::Model>> {
    find.select_only()
        .columns([
            emblem::Column::Id,
            emblem::Column::IssuerId,
            emblem::Column::Format,
            emblem::Column::Width,
            emblem::Column::Height,
            emblem::Column::FileName,
            emblem::Column::UploadedBy,
            emblem::Column::UploadedAt,
            emblem::Column::Version,
        ])
        .expr_as(Expr::val(Vec::<u8>::new()), "data")
        .into_model::<emblem::Model>()
}

/// The issuer's emblem without its file, if it has one (the issuer already checked).
pub async fn of_issuer<C: ConnectionTrait>(
    db: &C,
    issuer_id: i32,
) -> AppResult<Option<EmblemInfo>> {
    Ok(row(db, issuer_id, false)
        .await?
        .as_ref()
        .map(EmblemInfo::of))
}

/// The issuer's emblem, or 404 (for an issuer of another conference too).
pub async fn info<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    issuer_id: i32,
) -> AppResult<EmblemInfo> {
    resource::get::<Issuers, _>(db, conference_id, issuer_id).await?;
    let e = row(db, issuer_id, false)
        .await?
        .ok_or_else(|| AppError::not_found(NOUN, issuer_id))?;
    Ok(EmblemInfo::of(&e))
}

/// The issuer's emblem file: its media type, bytes and version; or 404.
pub async fn file<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    issuer_id: i32,
) -> AppResult<(&'static str, Vec<u8>, i32)> {
    resource::get::<Issuers, _>(db, conference_id, issuer_id).await?;
    let e = row(db, issuer_id, true)
        .await?
        .ok_or_else(|| AppError::not_found(NOUN, issuer_id))?;
    Ok((media_type(&e.format), e.data, e.version))
}

fn check_version(current: i32, if_match: Option<i32>) -> AppResult<()> {
    match if_match {
        Some(sent) if sent != current => Err(AppError::PreconditionFailed {
            what: NOUN,
            current,
            sent,
        }),
        _ => Ok(()),
    }
}

/// Store the issuer's emblem, replacing any before it. A file that cannot be used is a 422
/// naming `file`, and nothing changes.
#[allow(clippy::too_many_arguments)]
pub async fn upload(
    db: &DatabaseConnection,
    work: &Work,
    actor: &Actor,
    conference_id: i32,
    issuer_id: i32,
    file_name: String,
    bytes: Vec<u8>,
    if_match: Option<i32>,
) -> AppResult<EmblemInfo> {
    resource::get::<Issuers, _>(db, conference_id, issuer_id).await?;
    let checked = work
        .run(Heavy::Decode, move |_| upload::check(bytes))
        .await?
        .map_err(|e| AppError::Validation(vec![e]))?;
    let file_name = crate::domain::text::normalize(&file_name)
        .chars()
        .take(200)
        .collect::<String>();
    let txn = begin_write(db).await?;
    let existing = row(&txn, issuer_id, false).await?;
    if let Some(e) = &existing {
        check_version(e.version, if_match)?;
    }
    let mut active = emblem::ActiveModel {
        issuer_id: Set(issuer_id),
        format: Set(checked.format.into()),
        data: Set(checked.data),
        width: Set(checked.width),
        height: Set(checked.height),
        file_name: Set(file_name),
        uploaded_by: Set(actor.label()),
        uploaded_at: Set(Utc::now()),
        version: Set(existing.as_ref().map_or(1, |e| e.version + 1)),
        ..Default::default()
    };
    let stored = match &existing {
        Some(e) => {
            active.id = Set(e.id);
            let updated = emblem::Entity::update_many()
                .set(active)
                .filter(emblem::Column::Id.eq(e.id))
                .filter(emblem::Column::Version.eq(e.version))
                .exec(&txn)
                .await?;
            if updated.rows_affected == 0 {
                return Err(AppError::PreconditionFailed {
                    what: NOUN,
                    current: e.version + 1,
                    sent: e.version,
                });
            }
            row(&txn, issuer_id, false)
                .await?
                .ok_or_else(|| AppError::not_found(NOUN, issuer_id))?
        }
        None => {
            let mut inserted = active.insert(&txn).await?;
            inserted.data.clear();
            inserted
        }
    };
    record(
        &txn,
        actor,
        conference_id,
        "upload",
        existing.as_ref(),
        Some(&stored),
    )
    .await?;
    txn.commit().await?;
    Ok(EmblemInfo::of(&stored))
}

/// Remove the issuer's emblem.
pub async fn delete(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    issuer_id: i32,
    if_match: Option<i32>,
) -> AppResult<()> {
    resource::get::<Issuers, _>(db, conference_id, issuer_id).await?;
    let txn = begin_write(db).await?;
    let existing = row(&txn, issuer_id, false)
        .await?
        .ok_or_else(|| AppError::not_found(NOUN, issuer_id))?;
    check_version(existing.version, if_match)?;
    emblem::Entity::delete_by_id(existing.id).exec(&txn).await?;
    record(&txn, actor, conference_id, "delete", Some(&existing), None).await?;
    txn.commit().await?;
    Ok(())
}

async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    action: &str,
    before: Option<&emblem::Model>,
    after: Option<&emblem::Model>,
) -> AppResult<()> {
    let json = |e: &emblem::Model| serde_json::to_value(EmblemInfo::of(e)).ok();
    let event = audit::Event::change(
        (conference_id, action, NOUN),
        (before, after),
        |e| e.id,
        json,
    );
    audit::record(db, actor, event).await
}

/// The emblems of `issuers`, ready to embed, by issuer: one query, each file read once.
pub async fn for_printing<C: ConnectionTrait>(
    db: &C,
    issuers: impl IntoIterator<Item = i32>,
) -> AppResult<HashMap<i32, Image>> {
    let ids: Vec<i32> = issuers.into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = emblem::Entity::find()
        .filter(emblem::Column::IssuerId.is_in(ids))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|e| {
            let image = upload::image(&e.format, e.data, e.width, e.height).map_err(|message| {
                AppError::internal(format!("the emblem of issuer {}: {message}", e.issuer_id))
            })?;
            Ok((e.issuer_id, image))
        })
        .collect()
}
