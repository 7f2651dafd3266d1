//! The listener: our own accept loop around hyper, so that slow or idle clients cannot hold
//! the server. A request head must arrive within a time limit, an idle keep-alive connection
//! is closed, and the number of open connections is capped below the file-descriptor limit;
//! at the cap, connections that have not yet sent a whole request are dropped first.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::net::TcpListener;
use tokio::sync::{Notify, Semaphore, watch};
use tower::ServiceExt;

/// How long and how many: the limits every connection lives by.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// A request head (the request line and headers) must arrive within this time, counted
    /// from when the server starts waiting for it.
    pub header_read_timeout: Duration,
    /// A keep-alive connection with no request in flight is closed after this long.
    pub keep_alive_timeout: Duration,
    /// Connections open at once; more wait in the kernel's queue.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            keep_alive_timeout: Duration::from_secs(5),
            max_connections: 10_000,
        }
    }
}

/// File descriptors kept free for the database, files being read and the log.
const RESERVED_DESCRIPTORS: u64 = 256;
/// How long connections may finish their requests after the shutdown signal.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Raise the soft limit of open files to the hard one (as Go's runtime does) and return the
/// connection cap that fits under it, with descriptors to spare.
pub fn fit_to_descriptor_limit(wanted: usize) -> usize {
    let Some(limit) = raise_descriptor_limit() else {
        return wanted;
    };
    let room = limit.saturating_sub(RESERVED_DESCRIPTORS).max(1);
    wanted.min(usize::try_from(room).unwrap_or(usize::MAX))
}

#[cfg(unix)]
fn raise_descriptor_limit() -> Option<u64> {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct we pass.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return None;
        }
        if lim.rlim_cur < lim.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: lim.rlim_max,
                rlim_max: lim.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                lim = raised;
            }
        }
    }
    #[allow(clippy::useless_conversion)] // rlim_t is not u64 everywhere
    u64::try_from(lim.rlim_cur).ok()
}

#[cfg(not(unix))]
fn raise_descriptor_limit() -> Option<u64> {
    None
}

/// What the accept loop and the connections share.
struct Shared {
    limits: Limits,
    permits: Arc<Semaphore>,
    /// Woken when the cap is reached: connections without a request give up their place.
    pressure: Notify,
}

/// One connection's activity, as its service sees it.
#[derive(Default)]
struct Activity {
    /// Requests whose head has arrived.
    requests: AtomicU64,
    /// Requests being answered.
    busy: AtomicUsize,
}

/// Serve `router` on `listener` within `limits` until `shutdown` completes; then stop
/// accepting and give open requests up to 30 seconds to finish. Handlers see the peer's
/// address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let shared = Arc::new(Shared {
        limits,
        permits: Arc::new(Semaphore::new(limits.max_connections)),
        pressure: Notify::new(),
    });
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(limits.keep_alive_timeout)
        .keep_alive_timeout(limits.header_read_timeout);
    let builder = Arc::new(builder);
    let (stop, stopped) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let permit = match shared.permits.clone().try_acquire_owned() {
            Ok(permit) => permit,
            Err(_) => {
                // Full: connections that have not sent a whole request make room.
                shared.pressure.notify_waiters();
                tokio::select! {
                    permit = shared.permits.clone().acquire_owned() => permit.expect("never closed"),
                    () = &mut shutdown => break,
                }
            }
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) if is_connection_error(&e) => continue,
                Err(e) => {
                    // Out of descriptors (EMFILE, ENFILE) or memory: make room and wait a
                    // little rather than spin on an accept that keeps failing.
                    tracing::warn!("accept failed: {e}; pausing");
                    shared.pressure.notify_waiters();
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let builder = builder.clone();
        let router = router.clone();
        let stopped = stopped.clone();
        tokio::spawn(async move {
            connection(&builder, &shared, stream, peer, router, stopped).await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
    if tokio::time::timeout(SHUTDOWN_GRACE, shared.permits.acquire_many(all))
        .await
        .is_err()
    {
        tracing::warn!("connections still open after {SHUTDOWN_GRACE:?}; stopping anyway");
    }
    Ok(())
}

/// Errors of one connection that was gone before we took it; the listener is fine.
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

async fn connection(
    builder: &auto::Builder<TokioExecutor>,
    shared: &Shared,
    stream: tokio::net::TcpStream,
    peer: SocketAddr,
    router: Router,
    mut stopped: watch::Receiver<bool>,
) {
    let activity = Arc::new(Activity::default());
    let seen = activity.clone();
    let service = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
        let router = router.clone();
        let seen = seen.clone();
        seen.requests.fetch_add(1, Ordering::Relaxed);
        seen.busy.fetch_add(1, Ordering::Relaxed);
        let mut req = req.map(axum::body::Body::new);
        req.extensions_mut().insert(ConnectInfo(peer));
        async move {
            let res = router.oneshot(req).await;
            seen.busy.fetch_sub(1, Ordering::Relaxed);
            res
        }
    });
    let conn = builder.serve_connection_with_upgrades(TokioIo::new(stream), service);
    tokio::pin!(conn);
    let keep_alive = shared.limits.keep_alive_timeout;
    let mut idle_since = (0, tokio::time::Instant::now());
    loop {
        let pressure = shared.pressure.notified();
        tokio::select! {
            _ = conn.as_mut() => return,
            () = pressure => {
                if activity.requests.load(Ordering::Relaxed) == 0 {
                    return; // dropped: it has not asked for anything
                }
                if activity.busy.load(Ordering::Relaxed) == 0 {
                    break;
                }
            }
            _ = stopped.changed() => break,
            () = tokio::time::sleep_until(idle_since.1 + keep_alive) => {
                let requests = activity.requests.load(Ordering::Relaxed);
                if requests == idle_since.0 && activity.busy.load(Ordering::Relaxed) == 0 {
                    break;
                }
                idle_since = (requests, tokio::time::Instant::now());
            }
        }
    }
    // Finish the request in flight, if any, then close.
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn handlers_see_the_peer_address() {
        let router = Router::new().route(
            "/peer",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
        );
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(
            listener,
            router,
            Limits::default(),
            std::future::pending(),
        ));
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let me = stream.local_addr().unwrap();
        stream
            .write_all(b"GET /peer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .await
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.ends_with(&me.to_string()), "{answer}");
    }
}
