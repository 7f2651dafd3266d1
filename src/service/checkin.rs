//! Check-in by the code printed on the invitation (mã đón tiếp): read or scanned at the
//! door, it checks its delegate in exactly once. A code of another conference, a code used
//! already and a code that is no code at all each get their own answer. Undo is the
//! ordinary check-in undo (an attendee patch), as on the check-in page.

use entity::attendee::{ActiveModel, Column, Entity, Model};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;

use crate::domain::access::Actor;
use crate::domain::checkin_code;
use crate::domain::kinds::Attendance;
use crate::error::{AppError, AppResult};
use crate::store::attendee::{self, Attendees};
use crate::store::{audit, begin_write, resource};

/// What a code did.
#[derive(Debug, Clone, PartialEq)]
pub enum CodeCheckin {
    /// The delegate is checked in now.
    CheckedIn(Model),
    /// The delegate had been checked in already (at `checked_in_at`, when known).
    Already(Model),
    /// A real code, of a delegate of another conference: nothing changed.
    OtherConference,
    /// No delegate has this code (mistyped or forged): nothing changed.
    Unknown,
}

/// Whether the attendee has arrived, as the check-in page counts it.
pub fn is_here(a: &Model) -> bool {
    a.checked_in_at.is_some() || a.attendance == Attendance::CheckedIn.code()
}

/// Check in the delegate of conference `conference_id` whose code `typed` is (any case,
/// dashes and spaces ignored). The check is one write transaction whose update is
/// conditional on the version read, so two scans of one code check in once.
pub async fn check_in_by_code(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    typed: &str,
) -> AppResult<CodeCheckin> {
    crate::store::conference::ensure_exists(db, conference_id).await?;
    let Some(code) = checkin_code::parse(typed) else {
        return Ok(CodeCheckin::Unknown);
    };
    let txn = begin_write(db).await?;
    let Some(found) = attendee::by_checkin_code(&txn, &code).await? else {
        return Ok(CodeCheckin::Unknown);
    };
    if found.conference_id != conference_id {
        return Ok(CodeCheckin::OtherConference);
    }
    if is_here(&found) {
        return Ok(CodeCheckin::Already(found));
    }
    let change = json!({ "attendance": Attendance::CheckedIn.code() });
    match resource::patch::<Attendees, _>(
        &txn,
        actor,
        conference_id,
        found.id,
        change,
        Some(found.version),
    )
    .await
    {
        Ok(updated) => {
            txn.commit().await?;
            Ok(CodeCheckin::CheckedIn(updated))
        }
        // Someone changed the delegate between the read and the write (another scan of the
        // same code, on PostgreSQL): read again and answer as it stands.
        Err(AppError::PreconditionFailed { .. }) => {
            drop(txn);
            let now = resource::get::<Attendees, _>(db, conference_id, found.id).await?;
            Ok(if is_here(&now) {
                CodeCheckin::Already(now)
            } else {
                CodeCheckin::Unknown
            })
        }
        Err(e) => Err(e),
    }
}

/// Give the attendee a new check-in code (a lost or misprinted invitation): the old one
/// stops working at once. Audited (without either code); the attendee's version moves on.
pub async fn regenerate_code(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    attendee_id: i32,
) -> AppResult<Model> {
    let txn = begin_write(db).await?;
    let current = resource::get::<Attendees, _>(&txn, conference_id, attendee_id).await?;
    let result = Entity::update_many()
        .set(ActiveModel {
            checkin_code: Set(Some(crate::domain::code::generate())),
            version: Set(current.version + 1),
            ..Default::default()
        })
        .filter(Column::Id.eq(attendee_id))
        .filter(Column::Version.eq(current.version))
        .exec(&txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::conflict(
            "delegate-changed",
            &[],
            "the delegate was changed meanwhile; try again",
        ));
    }
    let updated = resource::get::<Attendees, _>(&txn, conference_id, attendee_id).await?;
    audit::record(
        &txn,
        actor,
        audit::Event {
            conference_id: Some(conference_id),
            action: "regenerate-checkin-code",
            resource: "attendee",
            resource_id: Some(attendee_id),
            before: None,
            after: None,
            detail: Some(json!({ "full_name": updated.full_name, "version": updated.version })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(updated)
}

/// The codes of attendees stored before codes existed, filled in before invitations print.
pub async fn ensure_codes(db: &DatabaseConnection) -> AppResult<()> {
    attendee::fill_checkin_codes(db).await?;
    Ok(())
}
