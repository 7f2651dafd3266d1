//! Slow clients (issue 11, defect 2): connections that send half a request head and wait must
//! not keep the server from answering others.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use hoinghi::server::{Limits, serve};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::helpers::spawn_app;

async fn start(limits: Limits) -> SocketAddr {
    let app = spawn_app().await;
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener, app.router, limits, std::future::pending()));
    addr
}

/// Half a request head, never finished.
async fn slowloris(addr: SocketAddr) -> Option<TcpStream> {
    let mut s = TcpStream::connect(addr).await.ok()?;
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .await
        .ok()?;
    Some(s)
}

/// GET /healthz on a new connection; the time until the whole answer has arrived.
async fn healthz(addr: SocketAddr) -> Duration {
    let started = Instant::now();
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    started.elapsed()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_while_two_thousand_clients_send_half_a_header() {
    hoinghi::server::fit_to_descriptor_limit(10_000);
    let addr = start(Limits {
        header_read_timeout: Duration::from_secs(30),
        keep_alive_timeout: Duration::from_secs(30),
        max_connections: 500,
    })
    .await;
    let mut held = Vec::new();
    for _ in 0..2_000 {
        held.extend(slowloris(addr).await);
    }
    for _ in 0..5 {
        let took = tokio::time::timeout(Duration::from_secs(5), healthz(addr))
            .await
            .expect("/healthz answers at all");
        assert!(took < Duration::from_secs(1), "/healthz took {took:?}");
    }
    drop(held);
}

#[tokio::test]
async fn a_half_sent_header_is_dropped_after_the_header_timeout() {
    let addr = start(Limits {
        header_read_timeout: Duration::from_secs(1),
        ..Limits::default()
    })
    .await;
    let mut slow = slowloris(addr).await.unwrap();
    let started = Instant::now();
    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the connection is still open after 5 s");
    assert!(started.elapsed() >= Duration::from_millis(900));
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let addr = start(Limits {
        keep_alive_timeout: Duration::from_secs(1),
        ..Limits::default()
    })
    .await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut buf = vec![0; 4096];
    let n = s.read(&mut buf).await.unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    let closed = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await;
    assert!(
        matches!(closed, Ok(Ok(0)) | Ok(Err(_))),
        "still open: {closed:?}"
    );
}
