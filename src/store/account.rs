//! Accounts: users with argon2id password hashes, database-backed sessions (so several
//! server instances on PostgreSQL share them), personal API tokens, and memberships.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use entity::{api_token, app_user, conference, membership, session};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use sha2::{Digest, Sha256};

use crate::domain::access::{Actor, Role};
use crate::error::{AppError, AppResult};

/// A session ends after this long without a request …
pub const SESSION_IDLE: Duration = Duration::hours(2);
/// … and at the latest this long after login.
pub const SESSION_ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often, so reads stay reads.
const TOUCH_EVERY: Duration = Duration::minutes(1);
pub const MIN_PASSWORD: usize = 10;

/// Hash a password with argon2id. CPU-heavy: runs off the async runtime.
pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Check a password against a stored hash, off the async runtime.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// A fresh random secret (256 bits), URL-safe.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Secrets are stored only as their SHA-256: high-entropy tokens need no slow hash.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn check_password_rules(password: &str) -> AppResult<()> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(AppError::invalid(
            "password",
            "password-short",
            &[("min", MIN_PASSWORD.to_string())],
            format!("must be at least {MIN_PASSWORD} characters long"),
        ));
    }
    if password.len() > 1024 {
        return Err(AppError::invalid(
            "password",
            "password-long",
            &[("max", "1024".into())],
            "must be at most 1024 bytes long",
        ));
    }
    Ok(())
}

pub fn normalize_email(email: &str) -> AppResult<String> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.starts_with('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if !valid {
        return Err(AppError::invalid(
            "email",
            "not-an-email",
            &[],
            "is not an email address like ten@example.vn",
        ));
    }
    Ok(email)
}

pub async fn create_user<C: ConnectionTrait>(
    db: &C,
    email: &str,
    password: String,
    is_admin: bool,
) -> AppResult<app_user::Model> {
    let email = normalize_email(email)?;
    check_password_rules(&password)?;
    if find_user(db, &email).await?.is_some() {
        return Err(AppError::Duplicate(crate::error::FieldError::coded(
            "email",
            "email-taken",
            &[("email", email.clone())],
            format!("there is already an account for {email}"),
        )));
    }
    let hash = hash_password(password).await?;
    Ok(app_user::ActiveModel {
        email: Set(email),
        password_hash: Set(hash),
        is_admin: Set(is_admin),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn find_user<C: ConnectionTrait>(
    db: &C,
    email: &str,
) -> AppResult<Option<app_user::Model>> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?)
}

pub async fn find_user_by_id<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> AppResult<Option<app_user::Model>> {
    Ok(app_user::Entity::find_by_id(user_id).one(db).await?)
}

pub async fn set_password<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    password: String,
) -> AppResult<()> {
    check_password_rules(&password)?;
    let hash = hash_password(password).await?;
    app_user::Entity::update_many()
        .col_expr(app_user::Column::PasswordHash, hash.into())
        .filter(app_user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    // Other sessions of the account end with the old password.
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Start a session; returns the secret for the cookie.
pub async fn start_session<C: ConnectionTrait>(db: &C, user_id: i32) -> AppResult<String> {
    let secret = new_secret();
    let now = Utc::now();
    session::ActiveModel {
        id: Set(digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + SESSION_ABSOLUTE),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

pub async fn end_session<C: ConnectionTrait>(db: &C, secret: &str) -> AppResult<()> {
    session::Entity::delete_by_id(digest(secret))
        .exec(db)
        .await?;
    Ok(())
}

fn actor_of(user: app_user::Model) -> Actor {
    Actor::User {
        id: user.id,
        email: user.email,
        is_admin: user.is_admin,
    }
}

/// The user of a live session; an idle or expired session is deleted and yields nothing.
pub async fn session_actor<C: ConnectionTrait>(
    db: &C,
    secret: &str,
    now: DateTime<Utc>,
) -> AppResult<Option<Actor>> {
    let Some(s) = session::Entity::find_by_id(digest(secret)).one(db).await? else {
        return Ok(None);
    };
    if now >= s.expires_at || now - s.last_seen_at >= SESSION_IDLE {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    if now - s.last_seen_at >= TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, now.into())
            .filter(session::Column::Id.eq(s.id.clone()))
            .exec(db)
            .await?;
    }
    Ok(app_user::Entity::find_by_id(s.user_id)
        .one(db)
        .await?
        .map(actor_of))
}

/// The user of a live API token.
pub async fn token_actor<C: ConnectionTrait>(db: &C, secret: &str) -> AppResult<Option<Actor>> {
    let Some(t) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(digest(secret)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = Utc::now();
    if t.last_used_at.is_none_or(|at| now - at >= TOUCH_EVERY) {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Some(now).into())
            .filter(api_token::Column::Id.eq(t.id))
            .exec(db)
            .await?;
    }
    Ok(app_user::Entity::find_by_id(t.user_id)
        .one(db)
        .await?
        .map(actor_of))
}

/// Create a token; the secret is returned once and never stored.
pub async fn create_token<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    name: &str,
) -> AppResult<(api_token::Model, String)> {
    let name = crate::domain::text::normalize(name);
    if name.is_empty() || name.chars().count() > 100 {
        return Err(AppError::invalid(
            "name",
            "token-name",
            &[("max", "100".into())],
            "must be 1 to 100 characters",
        ));
    }
    let secret = format!("hn_{}", new_secret());
    let token = api_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(name),
        token_hash: Set(digest(&secret)),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((token, secret))
}

pub async fn list_tokens<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> AppResult<Vec<api_token::Model>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_asc(api_token::Column::Id)
        .all(db)
        .await?)
}

pub async fn revoke_token<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    token_id: i32,
) -> AppResult<()> {
    let done = api_token::Entity::update_many()
        .col_expr(api_token::Column::RevokedAt, Some(Utc::now()).into())
        .filter(api_token::Column::Id.eq(token_id))
        .filter(api_token::Column::UserId.eq(user_id))
        .filter(api_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::not_found("token", token_id));
    }
    Ok(())
}

/// The caller's role in a conference, and whether it is published; 404 if it does not exist.
pub async fn standing<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
) -> AppResult<(Option<Role>, bool)> {
    let conf = conference::Entity::find_by_id(conference_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("conference", conference_id))?;
    let published = conf.status == crate::domain::kinds::ConferenceStatus::Published.code();
    let role = match actor.user_id() {
        Some(uid) => membership::Entity::find()
            .filter(membership::Column::ConferenceId.eq(conference_id))
            .filter(membership::Column::UserId.eq(uid))
            .one(db)
            .await?
            .and_then(|m| Role::from_code(&m.role)),
        None => None,
    };
    Ok((role, published))
}

/// Give a user a role in a conference (replacing any role they had).
pub async fn set_role<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    user_id: i32,
    role: Role,
) -> AppResult<membership::Model> {
    membership::Entity::delete_many()
        .filter(membership::Column::ConferenceId.eq(conference_id))
        .filter(membership::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(membership::ActiveModel {
        conference_id: Set(conference_id),
        user_id: Set(user_id),
        role: Set(role.code().into()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The membership of one user in a conference, if any.
pub async fn membership<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    user_id: i32,
) -> AppResult<Option<membership::Model>> {
    Ok(membership::Entity::find()
        .filter(membership::Column::ConferenceId.eq(conference_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?)
}

/// Hold the conference's row until the transaction ends (PostgreSQL; SQLite's write
/// transaction holds the whole database), so that two changes of its members that each
/// leave one owner cannot both pass the check.
pub async fn lock_members<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<()> {
    use sea_orm::QuerySelect;
    conference::Entity::find_by_id(conference_id)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("conference", conference_id))?;
    Ok(())
}

/// How many owners the conference has.
pub async fn owner_count<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(membership::Entity::find()
        .filter(membership::Column::ConferenceId.eq(conference_id))
        .filter(membership::Column::Role.eq(Role::Owner.code()))
        .count(db)
        .await?)
}

/// Take a user's membership away.
pub async fn remove_member<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    user_id: i32,
) -> AppResult<()> {
    membership::Entity::delete_many()
        .filter(membership::Column::ConferenceId.eq(conference_id))
        .filter(membership::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The memberships of a conference, in the order they were given.
pub async fn members<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<membership::Model>> {
    Ok(membership::Entity::find()
        .filter(membership::Column::ConferenceId.eq(conference_id))
        .order_by_asc(membership::Column::Id)
        .all(db)
        .await?)
}

/// Ids of the conferences the user is a member of.
pub async fn member_conferences<C: ConnectionTrait>(db: &C, user_id: i32) -> AppResult<Vec<i32>> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.conference_id)
        .collect())
}

/// The user's role in each conference they are a member of.
pub async fn roles_of<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
) -> AppResult<std::collections::HashMap<i32, Role>> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| Role::from_code(&m.role).map(|r| (m.conference_id, r)))
        .collect())
}

/// Every account, by email (the site admins' list of users).
pub async fn list_users<C: ConnectionTrait>(db: &C) -> AppResult<Vec<app_user::Model>> {
    Ok(app_user::Entity::find()
        .order_by_asc(app_user::Column::Email)
        .all(db)
        .await?)
}

/// The emails of these users, by id (unknown ids are left out).
pub async fn emails_of<C: ConnectionTrait>(
    db: &C,
    user_ids: &[i32],
) -> AppResult<std::collections::HashMap<i32, String>> {
    if user_ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn users_are_listed_by_email_and_emails_found_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.sqlite").display());
        let db = crate::store::connect(&url).await.unwrap();
        assert!(list_users(&db).await.unwrap().is_empty());
        let b = create_user(&db, "Ba@Example.vn", "mật khẩu đủ dài".into(), false)
            .await
            .unwrap();
        let a = create_user(&db, "an@example.vn", "mật khẩu đủ dài".into(), true)
            .await
            .unwrap();
        let users = list_users(&db).await.unwrap();
        let emails: Vec<_> = users.iter().map(|u| u.email.as_str()).collect();
        assert_eq!(emails, ["an@example.vn", "ba@example.vn"]);
        assert!(users[0].is_admin && !users[1].is_admin);
        let found = emails_of(&db, &[b.id, a.id, 999]).await.unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[&b.id], "ba@example.vn");
        assert!(emails_of(&db, &[]).await.unwrap().is_empty());
    }
}
