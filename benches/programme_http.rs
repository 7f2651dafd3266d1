//! Throughput and latency of `GET /api/v1/conferences/{id}/programme` for the demo
//! conference against `GET /healthz` on the same server in the same run.
//!
//! `cargo bench --bench programme_http [-- SECONDS CONNECTIONS]` (defaults 10 s, 32).
//! Set BENCH_DATABASE_URL to measure on PostgreSQL instead of a fresh SQLite file.

mod support;

use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

struct Figures {
    requests: usize,
    errors: usize,
    seconds: f64,
    p50: Duration,
    p99: Duration,
}

async fn hammer(url: &str, seconds: u64, connections: usize) -> Figures {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let start = Instant::now();
    let deadline = start + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..connections)
        .map(|_| {
            let client = client.clone();
            let uri: hyper::Uri = url.parse().unwrap();
            tokio::spawn(async move {
                let (mut latencies, mut errors) = (Vec::new(), 0);
                while Instant::now() < deadline {
                    let t = Instant::now();
                    match client.get(uri.clone()).await {
                        Ok(res) if res.status().is_success() => {
                            let _ = res.into_body().collect().await;
                            latencies.push(t.elapsed());
                        }
                        _ => errors += 1,
                    }
                }
                (latencies, errors)
            })
        })
        .collect();
    let (mut all, mut errors) = (Vec::new(), 0);
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        errors += e;
    }
    let seconds = start.elapsed().as_secs_f64();
    all.sort();
    let at = |q: f64| {
        all.get(((all.len() as f64 * q) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    Figures {
        requests: all.len(),
        errors,
        seconds,
        p50: at(0.50),
        p99: at(0.99),
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let seconds: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(10);
    let connections: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(32);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let server = support::start().await;
        let (addr, id) = (server.addr, server.conference_id);
        println!("{seconds} s per endpoint, {connections} connections, database {}", server.database);
        let mut rates = Vec::new();
        for (name, path) in [("healthz", "/healthz".to_string()), ("programme", format!("/api/v1/conferences/{id}/programme"))] {
            let f = hammer(&format!("http://{addr}{path}"), seconds, connections).await;
            let rate = f.requests as f64 / f.seconds;
            println!(
                "{name:>10}: {rate:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms  ({} requests, {} errors)",
                support::ms(f.p50),
                support::ms(f.p99),
                f.requests,
                f.errors
            );
            rates.push(rate);
        }
        println!("programme / healthz throughput: {:.2}", rates[1] / rates[0]);
    });
}
