//! A short-lived cache of the read-mostly views of a conference (programme, award summary),
//! which delegates' phones and the press reload far more often than organisers write.
//!
//! Writes through this server invalidate a conference's views at once. On PostgreSQL, where
//! several instances may share the database, each write is also announced (`NOTIFY`) and
//! every instance listening drops that conference's views when it hears it; a view is in
//! any case recomputed after `MAX_AGE`, which bounds staleness if a notice is lost.

use std::borrow::Cow;
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};

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

type Key = (i32, Cow<'static, str>);

/// A view's place in the cache: the view when computed, and the lock that lets one request
/// at a time compute it.
#[derive(Default)]
struct Slot {
    view: Option<(Instant, View)>,
    computing: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Default)]
pub struct ViewCache {
    /// Keyed by conference and view: a fixed name ("programme") or one made from a page's
    /// address ("award-12-vi").
    entries: Mutex<HashMap<Key, Slot>>,
    /// Bumped by every invalidation, so a view computed across a write is not kept.
    generation: AtomicU64,
}

impl ViewCache {
    /// The cached view, or `compute` it and keep it unless a write happened meanwhile.
    ///
    /// One request at a time computes a view: when it is older than `MAX_AGE`, the others
    /// are answered with the older copy meanwhile; when there is none (the first request,
    /// or the first after a write), they wait for the one computing it. So a crowd opening
    /// the same page at the same second costs one computation, not one each.
    pub async fn get_or_compute<F, Fut>(
        &self,
        conference_id: i32,
        view: impl Into<Cow<'static, str>>,
        compute: F,
    ) -> AppResult<View>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<Bytes>>,
    {
        let key: Key = (conference_id, view.into());
        let (older, computing) = {
            let mut entries = self.entries.lock().expect("cache lock");
            let slot = entries.entry(key.clone()).or_default();
            match &slot.view {
                Some((at, view)) if at.elapsed() < MAX_AGE => return Ok(view.clone()),
                older => (
                    older.as_ref().map(|(_, v)| v.clone()),
                    slot.computing.clone(),
                ),
            }
        };
        let _turn = match (computing.clone().try_lock_owned(), older) {
            (Ok(turn), _) => turn,
            (Err(_), Some(older)) => return Ok(older),
            (Err(_), None) => computing.lock_owned().await,
        };
        // Computed by the request this one waited for?
        if let Some(view) = self.fresh(&key) {
            return Ok(view);
        }
        let generation = self.generation.load(Ordering::Acquire);
        let computed = compute().await;
        let mut entries = self.entries.lock().expect("cache lock");
        match computed {
            Ok(bytes) => {
                let view = View::new(bytes);
                if self.generation.load(Ordering::Acquire) == generation
                    && let Some(slot) = entries.get_mut(&key)
                {
                    slot.view = Some((Instant::now(), view.clone()));
                }
                Ok(view)
            }
            Err(e) => {
                // No empty place is kept for what does not exist (an unknown page).
                if entries.get(&key).is_some_and(|slot| slot.view.is_none()) {
                    entries.remove(&key);
                }
                Err(e)
            }
        }
    }

    fn fresh(&self, key: &Key) -> Option<View> {
        let entries = self.entries.lock().expect("cache lock");
        match &entries.get(key)?.view {
            Some((at, view)) if at.elapsed() < MAX_AGE => Some(view.clone()),
            _ => None,
        }
    }

    /// Drop every view (after a gap in listening, anything may have changed).
    pub fn invalidate_all(&self) {
        let mut entries = self.entries.lock().expect("cache lock");
        self.generation.fetch_add(1, Ordering::AcqRel);
        entries.clear();
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
        if state.db.get_database_backend() == DbBackend::Postgres {
            // The id is a number: nothing to quote.
            let notice = format!("NOTIFY {CHANNEL}, '{id}'");
            if let Err(e) = state.db.execute_unprepared(&notice).await {
                tracing::warn!(%e, "cannot announce a change to other instances");
            }
        }
    }
    res
}

/// The PostgreSQL channel on which instances announce the conference a write changed.
const CHANNEL: &str = "hoinghi_views";

/// On PostgreSQL, listen for the writes other instances announce and drop the views they
/// change, for as long as the runtime lives. Does nothing on SQLite (one process).
pub fn listen(db: &DatabaseConnection, views: Arc<ViewCache>) {
    listen_to(db, CHANNEL, move |notice| match notice {
        Some(id) => views.invalidate(id),
        // (Re)connected, or a notice not about one conference: anything may have changed.
        None => views.invalidate_all(),
    });
}

/// On PostgreSQL, pass each conference id announced on `channel` (by any instance) to
/// `on_notice`, and None when the listener (re)connects or a notice names no conference,
/// for as long as the runtime lives; reconnects after a lost connection. Does nothing on
/// SQLite (one process) or outside a runtime.
pub fn listen_to(
    db: &DatabaseConnection,
    channel: &'static str,
    on_notice: impl Fn(Option<i32>) + Send + 'static,
) {
    if db.get_database_backend() != DbBackend::Postgres {
        return;
    }
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let pool = db.get_postgres_connection_pool().clone();
    runtime.spawn(async move {
        use sea_orm::sqlx::postgres::PgListener;
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(e) = listener.listen(channel).await {
                        tracing::warn!(%e, channel, "cannot listen for other instances' notices");
                    }
                    on_notice(None);
                    // `try_recv` answers None when the connection was lost: listen again.
                    while let Ok(Some(notice)) = listener.try_recv().await {
                        on_notice(notice.payload().parse().ok());
                    }
                }
                Err(e) if pool.is_closed() => {
                    tracing::debug!(%e, "the database is closed: no more listening");
                    return;
                }
                Err(e) => tracing::warn!(%e, channel, "cannot listen for other instances' notices"),
            }
            if pool.is_closed() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}

fn conference_of(path: &str) -> Option<i32> {
    path.strip_prefix("/api/v1/conferences/")?
        .split('/')
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A crowd asking for the same view at once costs one computation; a write meanwhile
    /// is not hidden by it; an unknown view leaves no place behind.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_crowd_computes_a_view_once() {
        let cache = Arc::new(ViewCache::default());
        let computed = Arc::new(AtomicU64::new(0));
        let mut crowd = Vec::new();
        for _ in 0..16 {
            let (cache, computed) = (cache.clone(), computed.clone());
            crowd.push(tokio::spawn(async move {
                cache
                    .get_or_compute(1, "page", || async move {
                        computed.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Ok(Bytes::from_static(b"<html>"))
                    })
                    .await
                    .unwrap()
                    .etag
            }));
        }
        let mut tags = Vec::new();
        for one in crowd {
            tags.push(one.await.unwrap());
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
        tags.dedup();
        assert_eq!(tags.len(), 1);
        // After a write, the next request computes it again.
        cache.invalidate(1);
        let again = cache
            .get_or_compute(1, "page", || async { Ok(Bytes::from_static(b"<p>")) })
            .await
            .unwrap();
        assert_eq!(&again.bytes[..], b"<p>");
        // What fails to compute is not kept, nor its place.
        let missing = cache
            .get_or_compute(1, format!("award-{}", 999), || async {
                Err(crate::error::AppError::not_found("decision", 999))
            })
            .await;
        assert!(missing.is_err());
        assert_eq!(cache.entries.lock().unwrap().len(), 1);
    }
}
