//! Who works on a conference (members and their roles, given by its owners) and what was
//! done there (the audit log).

use entity::audit_event::Model as AuditEvent;
use entity::membership::Model as Membership;
use sea_orm::DatabaseConnection;

use super::access::allow;
use crate::domain::access::{Actor, Need, Role};
use crate::error::{AppError, AppResult};
use crate::store::resource::{Page, Paging};
use crate::store::{self, account, audit};

/// The members of a conference and their roles; for anyone who may read it.
pub async fn list(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
) -> AppResult<Vec<Membership>> {
    allow(db, actor, conference_id, Need::Read).await?;
    account::members(db, conference_id).await
}

/// Give the account of `email` a role in the conference, replacing any it had. Owners only;
/// the grant is audited.
pub async fn set_role(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    email: &str,
    role: Role,
) -> AppResult<Membership> {
    allow(db, actor, conference_id, Need::Own).await?;
    let user = account::find_user(db, email)
        .await?
        .ok_or_else(|| AppError::field("email", "there is no account with this email"))?;
    let txn = store::begin_write(db).await?;
    let m = account::set_role(&txn, conference_id, user.id, role).await?;
    audit::record(
        &txn,
        actor,
        audit::Event {
            conference_id: Some(conference_id),
            action: "grant",
            resource: "member",
            resource_id: Some(user.id),
            before: None,
            after: serde_json::to_value(&m).ok(),
            detail: Some(serde_json::json!({ "email": user.email })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// The audit log of a conference, newest first; for its editors and owners.
pub async fn audit_log(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    paging: Paging,
) -> AppResult<Page<AuditEvent>> {
    allow(db, actor, conference_id, Need::Write).await?;
    audit::list(db, conference_id, paging).await
}
