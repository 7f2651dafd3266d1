//! The sign-in throttle: attempts counted per account and per client address, so guessing
//! passwords is slow. Counted in the database, so several server instances share it, and
//! counted before the password is checked, in one atomic step per counter, so concurrent
//! attempts cannot all pass the check: the sixth of forty simultaneous guesses is refused.

use chrono::Utc;
use sea_orm::ConnectionTrait;

use crate::error::{AppError, AppResult};
use crate::store::throttle::{self, Counter};

/// Seconds of a counting window; the first attempt starts it.
const WINDOW: i64 = 15 * 60;
const PER_ACCOUNT: i64 = 5;
const PER_ADDRESS: i64 = 20;

/// An attempt let through to the password check.
pub(crate) struct Attempt {
    account: String,
    address: String,
    address_window: i64,
}

/// Count an attempt to sign in to `email` from `address`; refuse it (429, with when to
/// retry) if either counter is past its limit. Refused attempts count too, so hammering does
/// not help, but the window does not move.
pub(crate) async fn attempt<C: ConnectionTrait>(
    db: &C,
    email: &str,
    address: &str,
) -> AppResult<Attempt> {
    let now = Utc::now().timestamp();
    let (on_account, account_window) =
        throttle::count_attempt(db, Counter::Account, email, now, WINDOW).await?;
    let (on_address, address_window) =
        throttle::count_attempt(db, Counter::Address, address, now, WINDOW).await?;
    let account = throttle::key(Counter::Account, email);
    let address = throttle::key(Counter::Address, address);
    let retry_after = [
        (on_account > PER_ACCOUNT).then_some(account_window),
        (on_address > PER_ADDRESS).then_some(address_window),
    ]
    .into_iter()
    .flatten()
    .map(|started| started + WINDOW - now)
    .max();
    if let Some(seconds) = retry_after {
        return Err(AppError::TooManyRequests {
            retry_after: u64::try_from(seconds.max(1)).unwrap_or(1),
        });
    }
    Ok(Attempt {
        account,
        address,
        address_window,
    })
}

/// The password was right: the account's attempts are forgotten, and this one is not held
/// against the address (an office behind one address signs in many people).
pub(crate) async fn succeeded<C: ConnectionTrait>(db: &C, attempt: Attempt) -> AppResult<()> {
    throttle::forget(db, &attempt.account).await?;
    throttle::uncount(db, &attempt.address, attempt.address_window).await
}
