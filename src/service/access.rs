//! The check every use case on a conference starts with: may this actor do this there?
//! The rules are `domain::access`; this loads the actor's standing and words the refusal.

use sea_orm::ConnectionTrait;

use crate::domain::access::{Actor, Need, Verdict, decide};
use crate::error::{AppError, AppResult};
use crate::store::{account, conference};

/// Check the actor may do `need` in the conference; 401, 403 or 404 otherwise.
pub async fn allow<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    need: Need,
) -> AppResult<()> {
    if actor.is_superuser() {
        return conference::ensure_exists(db, conference_id).await;
    }
    let (role, published) = account::standing(db, actor, conference_id).await?;
    match decide(actor, role, published, need) {
        Verdict::Allowed => Ok(()),
        Verdict::SignIn => Err(AppError::unauthorized(
            "sign-in",
            "sign in (POST /api/v1/auth/login) or send an API token as 'Authorization: Bearer …'",
        )),
        Verdict::Forbidden => {
            let needed = match need {
                Need::Own => "owner",
                Need::Write => "editor",
                _ => "viewer",
            };
            Err(AppError::forbidden(
                "role-needed",
                &[("role", needed.to_string())],
                format!(
                    "your role in conference {conference_id} does not allow this; {needed} needed"
                ),
            ))
        }
        Verdict::Hidden => Err(AppError::not_found("conference", conference_id)),
    }
}

/// The signed-in user's id; 401 for anyone else.
pub fn require_user(actor: &Actor) -> AppResult<i32> {
    actor
        .user_id()
        .ok_or_else(|| AppError::unauthorized("sign-in", "sign in first"))
}
