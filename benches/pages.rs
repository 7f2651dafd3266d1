//! Every page of the web workspace for a conference of 1,000 delegates and 10,000 award
//! recipients (a province's year-end conference): server time (median and worst of N requests through the router, HTML
//! rendered) and the number of database queries each page makes, which must not grow with
//! the number of rows.
//!
//! `cargo bench --bench pages [-- REQUESTS]` (default 50 per page).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use hoinghi::domain::access::Actor;
use hoinghi::interop::lists::{ImportOptions, ListKind};

/// The delegates list as an office sends it.
fn delegates_csv(n: usize) -> String {
    let mut csv = String::from("Họ và tên,Chức vụ,Đơn vị,Thành phần,Ghế\n");
    for i in 0..n {
        csv.push_str(&format!(
            "Nguyễn Văn Đại Biểu {i},Trưởng Công an xã,Công an xã số {},Đại biểu,B{i}\n",
            i % 97
        ));
    }
    csv
}

/// An award list: `n` recipients in 10 decisions of two issuers.
fn awards_csv(n: usize) -> String {
    let mut csv = String::from(
        "Họ và tên,Cá nhân/Tập thể,Đơn vị,Thành tích,Số quyết định,Ngày quyết định,Cơ quan khen thưởng,Hình thức,Chức vụ người ký,Người ký\n",
    );
    for i in 0..n {
        let decision = i % 10;
        let issuer = if decision < 5 {
            "UBND huyện Kim Sơn"
        } else {
            "Công an tỉnh Ninh Bình"
        };
        csv.push_str(&format!(
            "Trần Thị Khen Thưởng {i},Cá nhân,Công an xã số {},Đã có thành tích xuất sắc trong phong trào,{}/QĐ-KT,05/03/2019,{issuer},Giấy khen,CHỦ TỊCH,Lê Văn Ký\n",
            i % 97,
            100 + decision
        ));
    }
    csv
}

fn main() {
    let requests: usize = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run(requests));
}

async fn run(requests: usize) {
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.sqlite").display()));
    let mut db = hoinghi::store::connect(&url).await.unwrap();
    let id = hoinghi::demo::load(&db).await.unwrap();
    for (kind, csv) in [
        (ListKind::Attendees, delegates_csv(1_000)),
        (ListKind::Awards, awards_csv(10_000)),
    ] {
        hoinghi::service::import::import(
            &db,
            &hoinghi::service::work::Work::for_command_line(),
            &Actor::Operator,
            id,
            kind,
            "bench.csv",
            csv.into_bytes(),
            ImportOptions::default(),
        )
        .await
        .unwrap();
    }
    let user = hoinghi::store::account::create_user(
        &db,
        "bench@hoinghi.local",
        "mật khẩu đủ dài".into(),
        true,
    )
    .await
    .unwrap();
    hoinghi::store::account::set_role(&db, id, user.id, hoinghi::domain::access::Role::Owner)
        .await
        .unwrap();
    let (_, token) = hoinghi::store::account::create_token(&db, user.id, "bench")
        .await
        .unwrap();
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    let router = hoinghi::app::router(hoinghi::app::AppState::new(db));
    let first_decision = 1;
    // A decision of the imported list: a thousand recipients.
    let big_decision = first_decision + 5;
    let pages = [
        "/".to_string(),
        format!("/p/{id}"),
        format!("/p/{id}/awards/{big_decision}"),
        format!("/p/{id}/awards/{big_decision}?q=tran+thi+khen+thuong+99"),
        format!("/p/{id}/awards/{big_decision}?after={big_decision}.500.0"),
        "/app".into(),
        format!("/app/c/{id}"),
        format!("/app/c/{id}/settings"),
        format!("/app/c/{id}/agenda"),
        format!("/app/c/{id}/delegates"),
        format!("/app/c/{id}/delegates?q=dai+bieu+99"),
        format!("/app/c/{id}/checkin"),
        format!("/app/c/{id}/checkin?q=nguyen"),
        format!("/app/c/{id}/import"),
        format!("/app/c/{id}/awards"),
        format!("/app/c/{id}/awards?q=tran+thi+khen+thuong+99"),
        format!("/app/c/{id}/awards?missing=reason"),
        format!("/app/c/{id}/awards/{first_decision}"),
        format!("/app/c/{id}/awards/{big_decision}"),
        format!("/app/c/{id}/awards/{big_decision}?after={big_decision}.500.0"),
        format!("/app/c/{id}/print"),
        format!("/app/c/{id}/designer/giay_khen"),
        format!("/app/c/{id}/members"),
        format!("/app/c/{id}/audit"),
        "/app/account".into(),
        "/app/admin/users".into(),
    ];
    println!(
        "pages of a conference with 1,000 + 11 delegates and 10,000 + 17 recipients ({}), {requests} requests each",
        url.split(':').next().unwrap()
    );
    println!(
        "{:<48} {:>6} {:>9} {:>9} {:>8} {:>9}",
        "page", "status", "median", "worst", "queries", "bytes"
    );
    for path in &pages {
        let mut times = Vec::with_capacity(requests);
        let (mut status, mut bytes, mut counted) = (0, 0, Vec::new());
        for _ in 0..requests {
            let req = Request::get(path.as_str())
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap();
            queries.store(0, Ordering::Relaxed);
            let started = Instant::now();
            let res = router.clone().oneshot(req).await.unwrap();
            status = res.status().as_u16();
            bytes = res.into_body().collect().await.unwrap().to_bytes().len();
            times.push(started.elapsed());
            counted.push(queries.load(Ordering::Relaxed));
        }
        times.sort();
        counted.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{path:<48} {status:>6} {:>7.2}ms {:>7.2}ms {:>8} {bytes:>9}",
            ms(times[times.len() / 2]),
            ms(*times.last().unwrap()),
            if counted.first() == counted.last() {
                counted[0].to_string()
            } else {
                format!("{}–{}", counted[0], counted.last().unwrap())
            },
        );
    }
}
