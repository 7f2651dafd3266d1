//! One's own account: signing in and out, changing the password, personal API tokens; the
//! actor behind a token or a session; and creating an account (the command line's `user add`).
//! Plain values in and out: cookies, headers and statuses belong to the front doors.

use chrono::{Duration, Utc};
use entity::api_token::Model as ApiToken;
use entity::app_user::Model as User;
use sea_orm::DatabaseConnection;

use super::access::require_user;
use super::throttle;
use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::store::account;

/// A started session: who signed in, and the secret the client presents from now on.
pub struct SignedIn {
    pub user: User,
    /// Shown this once; the database keeps only its digest.
    pub secret: String,
    /// How long the session may last at most, for the cookie's lifetime.
    pub lasts: Duration,
}

/// An argon2id hash of a random password, verified when the email is unknown.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$8Pb3X0ydPnq3bOqjKdAZFUg0ATQj6dtyPgqNB3Rr7ls";

/// The longest email address there is (RFC 5321: a path of 256 octets, less its brackets).
pub const MAX_EMAIL: usize = 254;

/// Sign in with email and password from `address` (the client, as the throttle counts it).
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: String,
    address: &str,
) -> AppResult<SignedIn> {
    let email = email.trim().to_lowercase();
    // Refused before anything is counted: the throttle never stores a key a client sized.
    if email.chars().count() > MAX_EMAIL {
        return Err(AppError::field(
            "email",
            format!("an email address has at most {MAX_EMAIL} characters"),
        ));
    }
    let attempt = throttle::attempt(db, &email, address).await?;
    let user = account::find_user(db, &email).await?;
    // Verify against a dummy hash when the account does not exist, so timing does not tell.
    let hash = user
        .as_ref()
        .map_or_else(|| DUMMY_HASH.to_string(), |u| u.password_hash.clone());
    let ok = account::verify_password(password, hash).await && user.is_some();
    let Some(user) = user.filter(|_| ok) else {
        return Err(AppError::unauthorized(
            "wrong-password",
            "wrong email or password",
        ));
    };
    throttle::succeeded(db, attempt).await?;
    let secret = account::start_session(db, user.id).await?;
    Ok(SignedIn {
        user,
        secret,
        lasts: account::SESSION_ABSOLUTE,
    })
}

/// End the session of this secret (nothing happens if it has ended already).
pub async fn sign_out(db: &DatabaseConnection, secret: &str) -> AppResult<()> {
    account::end_session(db, secret).await
}

/// The user of a live session, if the secret names one.
pub async fn session_actor(db: &DatabaseConnection, secret: &str) -> AppResult<Option<Actor>> {
    account::session_actor(db, secret, Utc::now()).await
}

/// The user of a live API token; 401 for an unknown or revoked one.
pub async fn token_actor(db: &DatabaseConnection, secret: &str) -> AppResult<Actor> {
    account::token_actor(db, secret).await?.ok_or_else(|| {
        AppError::unauthorized("unknown-token", "the API token is unknown or revoked")
    })
}

/// Change the signed-in user's password; every session of the account ends.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current: String,
    new: String,
) -> AppResult<()> {
    let uid = require_user(actor)?;
    let user = account::find_user_by_id(db, uid)
        .await?
        .ok_or_else(|| AppError::not_found("user", uid))?;
    if !account::verify_password(current, user.password_hash).await {
        return Err(AppError::invalid(
            "current_password",
            "not-current-password",
            &[],
            "is not the current password",
        ));
    }
    // The rules name the field `password`; here the form calls it `new_password`.
    account::check_password_rules(&new).map_err(|e| match e {
        AppError::Validation(mut errors) => {
            for e in &mut errors {
                e.field = "new_password".into();
            }
            AppError::Validation(errors)
        }
        e => e,
    })?;
    account::set_password(db, uid, new).await
}

/// Create a personal API token; the secret is returned this once.
pub async fn create_token(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
) -> AppResult<(ApiToken, String)> {
    account::create_token(db, require_user(actor)?, name).await
}

/// The signed-in user's API tokens (without their secrets).
pub async fn list_tokens(db: &DatabaseConnection, actor: &Actor) -> AppResult<Vec<ApiToken>> {
    account::list_tokens(db, require_user(actor)?).await
}

/// Revoke one of the signed-in user's API tokens; 404 if it is not theirs or already revoked.
pub async fn revoke_token(db: &DatabaseConnection, actor: &Actor, token_id: i32) -> AppResult<()> {
    account::revoke_token(db, require_user(actor)?, token_id).await
}

/// Create an account; the email must be new and the password long enough.
pub async fn create_user(
    db: &DatabaseConnection,
    email: &str,
    password: String,
    is_admin: bool,
) -> AppResult<User> {
    account::create_user(db, email, password, is_admin).await
}
