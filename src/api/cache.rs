//! A short-lived cache of the read-mostly views of a conference (programme, award summary),
//! which delegates' phones and the press reload far more often than organisers write.
//!
//! Writes through this server invalidate a conference's views at once; a view is also
//! recomputed after `MAX_AGE`, which bounds how long a write made by another server instance
//! sharing the PostgreSQL database can go unseen.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::app::AppState;
use crate::error::AppResult;

const MAX_AGE: Duration = Duration::from_secs(1);

/// A computed view: its bytes and their entity tag, made once per computation.
#[derive(Clone)]
pub struct View {
    pub bytes: Bytes,
    /// A strong validator: the SHA-256 of the bytes, quoted ("\"…\"").
    pub etag: String,
}

impl View {
    fn new(bytes: Bytes) -> Self {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(&bytes);
        let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
        View {
            bytes,
            etag: format!("\"{hex}\""),
        }
    }
}

#[derive(Default)]
pub struct ViewCache {
    entries: Mutex<HashMap<(i32, &'static str), (Instant, View)>>,
    /// Bumped by every invalidation, so a view computed across a write is not kept.
    generation: AtomicU64,
}

impl ViewCache {
    /// The cached view, or `compute` it and keep it unless a write happened meanwhile.
    pub async fn get_or_compute<F, Fut>(
        &self,
        conference_id: i32,
        view: &'static str,
        compute: F,
    ) -> AppResult<View>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<Bytes>>,
    {
        if let Some((at, cached)) = self
            .entries
            .lock()
            .expect("cache lock")
            .get(&(conference_id, view))
            && at.elapsed() < MAX_AGE
        {
            return Ok(cached.clone());
        }
        let generation = self.generation.load(Ordering::Acquire);
        let computed = View::new(compute().await?);
        let mut entries = self.entries.lock().expect("cache lock");
        if self.generation.load(Ordering::Acquire) == generation {
            entries.insert((conference_id, view), (Instant::now(), computed.clone()));
        }
        Ok(computed)
    }

    pub fn invalidate(&self, conference_id: i32) {
        let mut entries = self.entries.lock().expect("cache lock");
        self.generation.fetch_add(1, Ordering::AcqRel);
        entries.retain(|(id, _), _| *id != conference_id);
    }
}

/// Middleware: after a successful write under `/api/v1/conferences/{id}`, drop that
/// conference's cached views.
pub async fn invalidate_on_write(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    let conference_id = conference_of(req.uri().path());
    let res = next.run(req).await;
    if !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS)
        && !res.status().is_client_error()
        && let Some(id) = conference_id
    {
        state.views.invalidate(id);
    }
    res
}

fn conference_of(path: &str) -> Option<i32> {
    path.strip_prefix("/api/v1/conferences/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}
