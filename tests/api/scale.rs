//! The workspace at a province's scale (issue 23): the pages that list recipients and
//! delegates make the same number of database queries however many rows there are, show a
//! page of 100 at a time, and the next page starts after the last row shown.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::body::Body;
use axum::http::{Request, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use hoinghi::domain::access::Actor;
use hoinghi::interop::lists::{ImportOptions, ListKind};

use serde_json::json;

use crate::helpers::spawn_app;

/// Import `n` delegates and `n` recipients in two Giấy khen decisions (the second holds
/// three quarters of them).
async fn grow(db: &sea_orm::DatabaseConnection, id: i32, n: usize, tag: &str) {
    let mut delegates = String::from("Họ và tên,Chức vụ,Đơn vị,Thành phần\n");
    let mut awards = String::from(
        "Họ và tên,Cá nhân/Tập thể,Đơn vị,Thành tích,Số quyết định,Ngày quyết định,Cơ quan khen thưởng,Hình thức,Chức vụ người ký,Người ký\n",
    );
    for i in 0..n {
        delegates.push_str(&format!(
            "Nguyễn Văn {tag} {i},Trưởng thôn,Thôn {i},Đại biểu\n"
        ));
        let decision = if i % 4 == 0 { 1 } else { 2 };
        awards.push_str(&format!(
            "Trần Thị {tag} {i},Cá nhân,Thôn {i},Đã có thành tích,{decision}/QĐ-{tag},05/03/2019,UBND huyện Kim Sơn,Giấy khen,CHỦ TỊCH,Lê Văn Ký\n"
        ));
    }
    for (kind, csv) in [(ListKind::Attendees, delegates), (ListKind::Awards, awards)] {
        hoinghi::service::import::import(
            db,
            &hoinghi::service::work::Work::for_command_line(),
            &Actor::Operator,
            id,
            kind,
            "scale.csv",
            csv.into_bytes(),
            ImportOptions::default(),
        )
        .await
        .unwrap();
    }
}

/// The HTML of a page and the number of queries it made.
struct Counted {
    router: axum::Router,
    token: String,
    queries: Arc<AtomicUsize>,
}

impl Counted {
    async fn get(&self, path: &str) -> (String, usize) {
        let req = Request::get(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.token))
            .body(Body::empty())
            .unwrap();
        self.queries.store(0, Ordering::Relaxed);
        let res = self.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), 200, "{path}");
        let body = res.into_body().collect().await.unwrap().to_bytes();
        (
            String::from_utf8(body.to_vec()).unwrap(),
            self.queries.load(Ordering::Relaxed),
        )
    }
}

/// The key of the next page in a page's "Trang sau" link.
fn next_link(html: &str) -> Option<String> {
    let at = html.find("rel=\"next\"")?;
    let start = html[..at].rfind("href=\"")? + 6;
    let end = start + html[start..].find('"')?;
    Some(html[start..end].replace("&amp;", "&"))
}

#[tokio::test]
async fn list_pages_make_the_same_queries_for_three_times_the_rows() {
    let app = spawn_app().await;
    let small = app.conference().await as i32;
    let large = app.conference().await as i32;
    grow(&app.db, small, 150, "A").await;
    grow(&app.db, large, 450, "B").await;
    let mut db = hoinghi::store::connect(&app.url()).await.unwrap();
    let queries = Arc::new(AtomicUsize::new(0));
    let counter = queries.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, Ordering::Relaxed);
    });
    let pages = Counted {
        router: hoinghi::app::router(crate::helpers::state(db)),
        token: app.token.clone().unwrap(),
        queries,
    };
    let decision_of = |id: i32| {
        let app = &app;
        async move {
            let body = app
                .get(&format!("/api/v1/conferences/{id}/decisions"))
                .await
                .body;
            // The second decision: three quarters of the rows.
            body["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|d| d["number"].as_str().unwrap().starts_with("2/"))
                .unwrap()["id"]
                .as_i64()
                .unwrap()
        }
    };
    let (d_small, d_large) = (decision_of(small).await, decision_of(large).await);
    // An award ceremony in each programme, where the public page lists the decisions.
    for id in [small, large] {
        let item = json!({"starts_at": "2019-03-14T09:00:00+07:00", "duration_minutes": 30,
                          "kind": "award_ceremony", "title": "Công bố quyết định khen thưởng"});
        let res = app
            .post(&format!("/api/v1/conferences/{id}/agenda"), item)
            .await;
        assert_eq!(res.status, 201, "{}", res.body);
    }
    let paths = |id: i32, d: i64| {
        vec![
            format!("/app/c/{id}/awards"),
            format!("/app/c/{id}/awards?q=tran+thi"),
            format!("/app/c/{id}/awards?missing=reason"),
            format!("/app/c/{id}/awards/{d}"),
            format!("/app/c/{id}/delegates"),
            format!("/app/c/{id}/checkin?q=nguyen"),
            format!("/app/c/{id}/print"),
            format!("/app/c/{id}/designer/giay_khen"),
            format!("/p/{id}"),
            format!("/p/{id}/awards/{d}"),
            format!("/p/{id}/awards/{d}?q=tran+thi"),
        ]
    };
    for (few, many) in paths(small, d_small).iter().zip(paths(large, d_large)) {
        let (_, q_few) = pages.get(few).await;
        let (html, q_many) = pages.get(&many).await;
        assert_eq!(q_few, q_many, "{many}: queries grow with the rows");
        assert!(
            !html.contains("Trần Thị B 449<") || many.contains("?q="),
            "{many} lists every recipient"
        );
    }

    // A decision of 337 recipients: 100 a page, then the next 100 after the last shown.
    let (first, _) = pages.get(&format!("/app/c/{large}/awards/{d_large}")).await;
    assert!(first.contains("Hiện 100 trong 337 người/đơn vị"), "{first}");
    let next = next_link(&first).expect("a next page");
    let (second, _) = pages.get(&next).await;
    assert!(second.contains("Hiện 100 trong 337"), "{second}");
    let rows = |html: &str| html.matches("<th scope=\"row\"").count();
    assert_eq!((rows(&first), rows(&second)), (100, 100));
    // No row twice.
    let ids = |html: &str| -> Vec<String> {
        html.split("/recipients/")
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .filter(|s| s.chars().all(|c| c.is_ascii_digit()))
            .map(String::from)
            .collect()
    };
    let (a, b) = (ids(&first), ids(&second));
    assert!(a.iter().all(|i| !b.contains(i)), "a row on two pages");
    // The last page has the 37 left, and no link on.
    let (third, _) = pages.get(&next_link(&second).unwrap()).await;
    let (fourth, _) = pages.get(&next_link(&third).unwrap()).await;
    assert_eq!(rows(&fourth), 37);
    assert!(next_link(&fourth).is_none());

    // Delegates likewise: 450 + 0, 100 a page.
    let (first, _) = pages.get(&format!("/app/c/{large}/delegates")).await;
    assert_eq!(first.matches("<tr id=\"a-").count(), 100);
    let (second, _) = pages.get(&next_link(&first).unwrap()).await;
    assert_eq!(second.matches("<tr id=\"a-").count(), 100);

    // The print centre lists no recipient, and a search selects them as a query.
    let (print, _) = pages.get(&format!("/app/c/{large}/print")).await;
    assert!(
        !print.contains("name=\"recipient\""),
        "no recipient checkboxes"
    );
    let (print, _) = pages
        .get(&format!("/app/c/{large}/print?q=tran+thi+b+44"))
        .await;
    // "… B 44" and "… B 440" to "… B 449": eleven certificates.
    assert!(
        print.contains("q=tran+thi+b+44"),
        "the search is carried to the PDF link"
    );
    assert!(
        print.contains("Lựa chọn này in 11 bằng") || print.contains("Chưa in được (11 trang)"),
        "{print}"
    );
}
