//! Load: 50 concurrent clients for 30 s, half writing (new attendees, as organisers do when
//! the delegate list arrives) and half reading (the attendee list and the programme), with
//! an API token. Reports throughput, errors and p99 latency, then counts the rows: none may
//! be lost.
//!
//! `cargo bench --bench load [-- SECONDS CLIENTS]`; BENCH_DATABASE_URL=postgres://… for
//! PostgreSQL.

mod support;

use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let seconds: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(30);
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let server = support::start().await;
        let user = hoinghi::store::account::create_user(&server.db, "load@hoinghi.local", "mật khẩu thử tải".into(), false).await.unwrap();
        hoinghi::store::account::set_role(&server.db, server.conference_id, user.id, hoinghi::domain::access::Role::Editor).await.unwrap();
        let (_, token) = hoinghi::store::account::create_token(&server.db, user.id, "load").await.unwrap();
        let count = || async {
            entity::attendee::Entity::find()
                .filter(entity::attendee::Column::ConferenceId.eq(server.conference_id))
                .count(&server.db)
                .await
                .unwrap()
        };
        let before = count().await;

        let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
        let base = format!("http://{}/api/v1/conferences/{}", server.addr, server.conference_id);
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let started = Instant::now();
        let tasks: Vec<_> = (0..clients)
            .map(|n| {
                let (client, base, token) = (client.clone(), base.clone(), token.clone());
                tokio::spawn(async move {
                    let writer = n % 2 == 0;
                    let (mut latencies, mut errors, mut created) = (Vec::new(), Vec::new(), 0u64);
                    let mut i = 0u64;
                    while Instant::now() < deadline {
                        i += 1;
                        let req = if writer {
                            let body = format!(r#"{{"full_name": "Đại biểu {n}-{i}", "organisation": "Xã Kim Chính", "rank": {i}}}"#);
                            Request::builder()
                                .method(Method::POST)
                                .uri(format!("{base}/attendees"))
                                .header("content-type", "application/json")
                                .header("authorization", format!("Bearer {token}"))
                                .body(Full::new(Bytes::from(body)))
                        } else {
                            let path = if i.is_multiple_of(2) { "attendees?limit=50" } else { "programme" };
                            Request::builder()
                                .uri(format!("{base}/{path}"))
                                .header("authorization", format!("Bearer {token}"))
                                .body(Full::new(Bytes::new()))
                        }
                        .unwrap();
                        let t = Instant::now();
                        match client.request(req).await {
                            Ok(res) => {
                                let status = res.status();
                                let body = res.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
                                if status.is_success() {
                                    latencies.push(t.elapsed());
                                    created += u64::from(writer);
                                } else {
                                    errors.push(format!("{status}: {}", String::from_utf8_lossy(&body)));
                                }
                            }
                            Err(e) => errors.push(e.to_string()),
                        }
                    }
                    (writer, latencies, errors, created)
                })
            })
            .collect();
        let (mut reads, mut writes, mut errors, mut created) = (Vec::new(), Vec::new(), Vec::new(), 0);
        for t in tasks {
            let (writer, l, e, c) = t.await.unwrap();
            if writer { writes.extend(l) } else { reads.extend(l) }
            errors.extend(e);
            created += c;
        }
        let elapsed = started.elapsed().as_secs_f64();
        reads.sort();
        writes.sort();
        let after = count().await;
        println!("{clients} clients for {seconds} s on {}", server.database);
        for (name, l) in [("writes", &writes), ("reads", &reads)] {
            println!(
                "{name:>7}: {:>6} ok, {:>7.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
                l.len(),
                l.len() as f64 / elapsed,
                support::ms(support::quantile(l, 0.5)),
                support::ms(support::quantile(l, 0.99)),
                support::ms(l.last().copied().unwrap_or_default())
            );
        }
        println!("errors: {}", errors.len());
        for e in errors.iter().take(5) {
            println!("  {e}");
        }
        println!("rows: {before} before + {created} created = {} expected, {after} counted, lost {}", before + created, (before + created) as i64 - after as i64);
        assert!(errors.is_empty() && after == before + created, "errors or lost rows");
    });
}
