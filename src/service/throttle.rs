//! The sign-in throttle: failed sign-ins counted per account and per client address in a
//! sliding window, so guessing passwords is slow. Kept in memory, per server instance.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::{AppError, AppResult};

/// Failed sign-ins per account and per address in a sliding window.
#[derive(Default)]
pub struct LoginThrottle {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

const WINDOW: Duration = Duration::from_secs(15 * 60);
const PER_ACCOUNT: usize = 5;
const PER_ADDRESS: usize = 20;

/// The counters one sign-in attempt touches, each with its limit; the account's comes first.
pub(crate) fn sign_in_keys(email: &str, address: &str) -> [(String, usize); 2] {
    [
        (format!("account:{email}"), PER_ACCOUNT),
        (format!("address:{address}"), PER_ADDRESS),
    ]
}

impl LoginThrottle {
    /// Refuse (429, with when to retry) if any of the counters is at its limit.
    pub(crate) fn check(&self, keys: &[(String, usize)]) -> AppResult<()> {
        let mut map = self.failures.lock().expect("throttle lock");
        let now = Instant::now();
        for (key, limit) in keys {
            if let Some(q) = map.get_mut(key) {
                while q.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
                    q.pop_front();
                }
                if q.len() >= *limit {
                    let oldest = *q.front().expect("non-empty");
                    let retry_after = WINDOW
                        .saturating_sub(now.duration_since(oldest))
                        .as_secs()
                        .max(1);
                    return Err(AppError::TooManyRequests { retry_after });
                }
            }
        }
        Ok(())
    }

    pub(crate) fn fail(&self, keys: &[(String, usize)]) {
        let mut map = self.failures.lock().expect("throttle lock");
        for (key, _) in keys {
            map.entry(key.clone())
                .or_default()
                .push_back(Instant::now());
        }
    }

    /// A success forgets the account's failures; the address's stay counted.
    pub(crate) fn succeed(&self, account_key: &str) {
        self.failures
            .lock()
            .expect("throttle lock")
            .remove(account_key);
    }
}
