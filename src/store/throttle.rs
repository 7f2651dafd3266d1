//! The sign-in throttle's counters (table `login_throttle`): one row per account or client
//! address, counted in a fixed window. Each count is one statement, an upsert that returns
//! the new count, so concurrent attempts on one server or on several get distinct numbers.

use sea_orm::{ConnectionTrait, Statement};

use crate::error::AppResult;

/// What a counter counts. Each kind has its own window, so each forgets only its own rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// Sign-ins to one account (by email).
    Account,
    /// Sign-ins from one client address.
    Address,
    /// Certificate lookups from one client address.
    Verify,
}

impl Counter {
    fn prefix(self) -> &'static str {
        match self {
            Counter::Account => "account:",
            Counter::Address => "address:",
            Counter::Verify => "verify:",
        }
    }
}

/// The longest subject a key keeps (an email is at most 254 characters, an address 45); a
/// longer one is cut, so no client decides how much a row holds.
pub const MAX_SUBJECT: usize = 256;

/// The row's key: the counter's prefix and at most [`MAX_SUBJECT`] characters of `subject`.
pub fn key(counter: Counter, subject: &str) -> String {
    let cut = subject
        .char_indices()
        .nth(MAX_SUBJECT)
        .map_or(subject.len(), |(at, _)| at);
    format!("{}{}", counter.prefix(), &subject[..cut])
}

/// Count one attempt on `subject` at `now` (Unix seconds): a window of `window` seconds
/// starts at the first attempt and a new one after it ends. Returns the attempts counted in
/// the current window, this one included, and when the window started.
pub async fn count_attempt<C: ConnectionTrait>(
    db: &C,
    counter: Counter,
    subject: &str,
    now: i64,
    window: i64,
) -> AppResult<(i64, i64)> {
    let key = key(counter, subject);
    let key = key.as_str();
    let backend = db.get_database_backend();
    let sql = r#"INSERT INTO login_throttle ("key", window_start, attempts) VALUES ($1, $2, 1)
        ON CONFLICT ("key") DO UPDATE SET
            attempts = CASE WHEN login_throttle.window_start <= $3 THEN 1
                            ELSE login_throttle.attempts + 1 END,
            window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2
                                ELSE login_throttle.window_start END
        RETURNING attempts, window_start"#;
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [key.into(), now.into(), (now - window).into()],
        ))
        .await?
        .expect("an upsert with RETURNING returns its row");
    let attempts: i32 = row.try_get("", "attempts")?;
    let started: i64 = row.try_get("", "window_start")?;
    if attempts == 1 {
        // A new window: a moment to forget the counters of this kind whose windows have
        // ended (only this kind: another counts in a longer window).
        db.execute_raw(Statement::from_sql_and_values(
            backend,
            r#"DELETE FROM login_throttle WHERE window_start <= $1 AND "key" LIKE $2"#,
            [
                (now - window).into(),
                format!("{}%", counter.prefix()).into(),
            ],
        ))
        .await?;
    }
    Ok((i64::from(attempts), started))
}

/// Forget the attempts on `key`.
pub async fn forget<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<()> {
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        r#"DELETE FROM login_throttle WHERE "key" = $1"#,
        [key.into()],
    ))
    .await?;
    Ok(())
}

/// Take back one attempt counted on `key` in the window that started at `window_start`.
pub async fn uncount<C: ConnectionTrait>(db: &C, key: &str, window_start: i64) -> AppResult<()> {
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        r#"UPDATE login_throttle SET attempts = attempts - 1
           WHERE "key" = $1 AND window_start = $2 AND attempts > 0"#,
        [key.into(), window_start.into()],
    ))
    .await?;
    Ok(())
}
