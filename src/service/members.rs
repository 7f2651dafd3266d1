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
    let user = account::find_user(db, email).await?.ok_or_else(|| {
        let english = "there is no account with this email";
        AppError::invalid("email", "no-account", &[], english)
    })?;
    let txn = store::begin_write(db).await?;
    account::lock_members(&txn, conference_id).await?;
    let before = account::membership(&txn, conference_id, user.id).await?;
    if role != Role::Owner {
        keep_an_owner(
            &txn,
            conference_id,
            before.as_ref(),
            "give them another role",
        )
        .await?;
    }
    let m = account::set_role(&txn, conference_id, user.id, role).await?;
    audit::record(
        &txn,
        actor,
        audit::Event {
            conference_id: Some(conference_id),
            action: "grant",
            resource: "member",
            resource_id: Some(user.id),
            before: before.and_then(|b| serde_json::to_value(b).ok()),
            after: serde_json::to_value(&m).ok(),
            detail: Some(serde_json::json!({ "email": user.email })),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(m)
}

/// Take a user's membership of the conference away: they no longer read or change it.
/// Owners only; refused if it would leave the conference without an owner; audited.
pub async fn remove(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    user_id: i32,
) -> AppResult<()> {
    allow(db, actor, conference_id, Need::Own).await?;
    let txn = store::begin_write(db).await?;
    account::lock_members(&txn, conference_id).await?;
    let Some(before) = account::membership(&txn, conference_id, user_id).await? else {
        return Err(AppError::not_found("member", user_id));
    };
    keep_an_owner(&txn, conference_id, Some(&before), "remove them").await?;
    account::remove_member(&txn, conference_id, user_id).await?;
    audit::record(
        &txn,
        actor,
        audit::Event {
            conference_id: Some(conference_id),
            action: "revoke",
            resource: "member",
            resource_id: Some(user_id),
            before: serde_json::to_value(&before).ok(),
            after: None,
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Refuse to take the owner role from the conference's last owner.
async fn keep_an_owner<C: sea_orm::ConnectionTrait>(
    db: &C,
    conference_id: i32,
    member: Option<&Membership>,
    change: &str,
) -> AppResult<()> {
    let is_owner = member.is_some_and(|m| m.role == Role::Owner.code());
    if is_owner && account::owner_count(db, conference_id).await? <= 1 {
        return Err(AppError::conflict(
            "last-owner",
            &[("change", change.to_string())],
            format!(
                "this member is the conference's only owner; make another member an owner before you {change}, or nobody could manage the conference"
            ),
        ));
    }
    Ok(())
}

/// The audit log of a conference, newest first; for its editors and owners.
pub async fn audit_log(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    paging: Paging,
) -> AppResult<Page<AuditEvent>> {
    search_audit_log(db, actor, conference_id, &audit::Filter::default(), paging).await
}

/// The events of a conference's audit log that match `filter`, newest first; for its
/// editors and owners.
pub async fn search_audit_log(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    filter: &audit::Filter,
    paging: Paging,
) -> AppResult<Page<AuditEvent>> {
    allow(db, actor, conference_id, Need::Write).await?;
    audit::search(db, conference_id, filter, paging).await
}

/// The actions, resources and actors of a conference's audit log (for filtering it); for
/// its editors and owners.
pub async fn audit_kinds(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
) -> AppResult<(Vec<String>, Vec<String>, Vec<String>)> {
    allow(db, actor, conference_id, Need::Write).await?;
    audit::kinds(db, conference_id).await
}
