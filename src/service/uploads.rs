//! Files uploaded to the import wizard (`web::imports`), kept between its steps: for half an hour, in this
//! instance's memory, under a random token bound to the user and the conference. Bounded
//! per user, per conference and in all (in count and bytes): a user's new upload evicts
//! that user's own oldest files, never another's; when the room of the conference or the
//! server is taken by others' files, the upload waits (503).

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use crate::error::AppError;
use crate::http::IMPORT_BODY_LIMIT;

/// How long an uploaded file is kept for the next step.
const KEEP_FOR: Duration = Duration::from_secs(30 * 60);
/// What one user may have kept at once: a new upload evicts that user's own oldest files,
/// never another's.
const PER_USER: Quota = Quota {
    files: 4,
    bytes: 2 * IMPORT_BODY_LIMIT,
};
/// What the uploads into one conference may hold at once; beyond it, a new upload waits.
const PER_CONFERENCE: Quota = Quota {
    files: 16,
    bytes: 4 * IMPORT_BODY_LIMIT,
};
/// What the server holds in all; beyond it, a new upload waits (503) for files to expire
/// or be imported.
const IN_ALL: Quota = Quota {
    files: 64,
    bytes: 256 * 1024 * 1024,
};

struct Quota {
    files: usize,
    bytes: usize,
}

impl Quota {
    /// Whether `held` files and one more of `adding` bytes stay within the quota.
    fn admits<'a>(&self, held: impl Iterator<Item = &'a Held>, adding: usize) -> bool {
        let (files, bytes) = held.fold((0, 0), |(n, b), h| (n + 1, b + h.bytes.len()));
        files < self.files && bytes + adding <= self.bytes
    }
}

struct Held {
    conference: i32,
    user: i32,
    file_name: String,
    bytes: Vec<u8>,
    expires: Instant,
}

fn held() -> &'static Mutex<HashMap<String, Held>> {
    static HELD: OnceLock<Mutex<HashMap<String, Held>>> = OnceLock::new();
    HELD.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Keep a file for the user's next step; the token to name it by. The user's own oldest
/// files make room for it; when the conference's or the server's room is taken by others'
/// files, the upload is refused (503) and theirs are kept.
pub fn keep(
    conference: i32,
    user: i32,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<String, AppError> {
    let mut map = held().lock().unwrap_or_else(|e| e.into_inner());
    let now = Instant::now();
    map.retain(|_, h| h.expires > now);
    while !PER_USER.admits(map.values().filter(|h| h.user == user), bytes.len()) {
        let oldest = map
            .iter()
            .filter(|(_, h)| h.user == user)
            .min_by_key(|(_, h)| h.expires)
            .map(|(k, _)| k.clone());
        match oldest {
            Some(k) => map.remove(&k),
            None => break,
        };
    }
    let fits = PER_USER.admits(map.values().filter(|h| h.user == user), bytes.len())
        && PER_CONFERENCE.admits(
            map.values().filter(|h| h.conference == conference),
            bytes.len(),
        )
        && IN_ALL.admits(map.values(), bytes.len());
    if !fits {
        return Err(AppError::Busy {
            retry_after: crate::service::work::RETRY_AFTER * 6,
        });
    }
    let token = uuid::Uuid::new_v4().simple().to_string();
    map.insert(
        token.clone(),
        Held {
            conference,
            user,
            file_name,
            bytes,
            expires: now + KEEP_FOR,
        },
    );
    Ok(token)
}

/// The file kept under `token` for this user and conference, if still there.
pub fn kept(token: &str, conference: i32, user: i32) -> Option<(String, Vec<u8>)> {
    let map = held().lock().unwrap_or_else(|e| e.into_inner());
    map.get(token)
        .filter(|h| h.conference == conference && h.user == user && h.expires > Instant::now())
        .map(|h| (h.file_name.clone(), h.bytes.clone()))
}

pub fn forget(token: &str) {
    held()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .remove(token);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_file_is_for_its_user_and_conference_only() {
        let token = keep(7, 1, "ds.csv".into(), b"Ho ten\nA\n".to_vec()).unwrap();
        assert!(kept(&token, 7, 1).is_some());
        assert!(kept(&token, 7, 2).is_none(), "another user");
        assert!(kept(&token, 8, 1).is_none(), "another conference");
        forget(&token);
        assert!(kept(&token, 7, 1).is_none());
    }

    /// Bob uploading many large files into his own conference evicts his own, never
    /// Alice's: her next step still finds her file.
    #[test]
    fn one_users_uploads_never_evict_anothers() {
        let alice = keep(70, 100, "alice.csv".into(), b"Ho ten\nA\n".to_vec()).unwrap();
        let mut bobs = Vec::new();
        for i in 0..40 {
            match keep(71, 101, format!("bob{i}.csv"), vec![b'x'; 20 * 1024 * 1024]) {
                Ok(t) => bobs.push(t),
                Err(e) => assert!(matches!(e, AppError::Busy { .. }), "{e}"),
            }
        }
        assert!(
            kept(&alice, 70, 100).is_some(),
            "Alice's file is still there"
        );
        let held: usize = bobs.iter().filter(|t| kept(t, 71, 101).is_some()).count();
        assert!(held <= PER_USER.files, "{held}");
        for t in bobs.iter().chain([&alice]) {
            forget(t);
        }
    }
}
