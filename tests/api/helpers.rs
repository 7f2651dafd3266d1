//! `spawn_app()` gives each test a fresh database and the application's router.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use tower::ServiceExt;

#[derive(Clone)]
pub struct TestApp {
    pub router: Router,
    pub db: DatabaseConnection,
    /// The organiser's user id and API token; requests carry it unless `anonymous()`.
    pub user_id: i32,
    pub token: Option<String>,
    /// The database's URL, to start the application again on it.
    url: String,
    _dir: Option<std::sync::Arc<tempfile::TempDir>>,
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl TestResponse {
    pub fn etag(&self) -> String {
        self.headers
            .get(header::ETAG)
            .expect("an ETag")
            .to_str()
            .unwrap()
            .to_string()
    }

    /// Assert a problem+json of this status, and return the fields its `errors` name.
    pub fn problem(&self, status: u16) -> Vec<String> {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.body
        );
        assert_eq!(
            self.headers
                .get(header::CONTENT_TYPE)
                .map(|v| v.to_str().unwrap()),
            Some("application/problem+json"),
            "errors are problem+json"
        );
        assert_eq!(self.body["status"], status);
        assert!(
            self.body["type"]
                .as_str()
                .unwrap()
                .starts_with("urn:hoinghi:problem:")
        );
        assert!(!self.body["title"].as_str().unwrap().is_empty());
        assert!(!self.body["detail"].as_str().unwrap().is_empty());
        self.body["errors"]
            .as_array()
            .map(|e| {
                e.iter()
                    .map(|f| f["field"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

pub async fn spawn_app() -> TestApp {
    let (url, dir) = match std::env::var("HOINGHI_TEST_DATABASE_URL") {
        Ok(admin) if !admin.is_empty() => (fresh_postgres(&admin).await, None),
        _ => {
            let dir = tempfile::tempdir().unwrap();
            (
                format!("sqlite://{}", dir.path().join("test.sqlite").display()),
                Some(dir),
            )
        }
    };
    let db = hoinghi::store::connect(&url)
        .await
        .expect("connect and migrate");
    let router = hoinghi::app::router(state(db.clone()));
    let (user_id, token) = user(&db, "organiser@kimson.gov.vn").await;
    TestApp {
        router,
        db,
        user_id,
        token: Some(token),
        url,
        _dir: dir.map(std::sync::Arc::new),
    }
}

/// The public address of the tests' server: an office's, so that its certificates'
/// verification QR codes may be printed (a loopback address may not).
pub const PUBLIC_URL: &str = "https://khenthuong.kimson.gov.vn";

/// The application's state on `db`, as the tests' server runs it.
pub fn state(db: DatabaseConnection) -> hoinghi::app::AppState {
    let mut state = hoinghi::app::AppState::new(db);
    state.public_url = PUBLIC_URL.into();
    state
}

/// A user with an API token.
pub async fn user(db: &DatabaseConnection, email: &str) -> (i32, String) {
    let u = hoinghi::store::account::create_user(db, email, "mật khẩu đủ dài".into(), false)
        .await
        .unwrap();
    let (_, token) = hoinghi::store::account::create_token(db, u.id, "tests")
        .await
        .unwrap();
    (u.id, token)
}

/// Create an empty database on the PostgreSQL server and return its URL.
async fn fresh_postgres(admin_url: &str) -> String {
    let admin = Database::connect(admin_url)
        .await
        .expect("connect to PostgreSQL");
    let name = format!("hoinghi_test_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    let base = admin_url.rsplit_once('/').map(|(b, _)| b).unwrap();
    format!("{base}/{name}")
}

impl TestApp {
    pub async fn send(
        &self,
        method: Method,
        uri: &str,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> TestResponse {
        let mut req = self.request(method, uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        }
        .unwrap();
        self.raw(req).await
    }

    /// A request carrying this application's token, if it has one.
    fn request(&self, method: Method, uri: &str) -> axum::http::request::Builder {
        let req = Request::builder().method(method).uri(uri);
        match &self.token {
            Some(token) => req.header(header::AUTHORIZATION, format!("Bearer {token}")),
            None => req,
        }
    }

    /// GET a file (PDF, XLSX, CSV …): the status, the content type and the bytes.
    pub async fn download(&self, uri: &str) -> (u16, String, Vec<u8>) {
        let req = self.request(Method::GET, uri).body(Body::empty()).unwrap();
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status().as_u16();
        let content_type = res
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        (status, content_type, bytes)
    }

    pub async fn raw(&self, req: Request<Body>) -> TestResponse {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()))
        };
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.send(Method::GET, uri, None, &[]).await
    }

    pub async fn post(&self, uri: &str, body: Value) -> TestResponse {
        self.send(Method::POST, uri, Some(body), &[]).await
    }

    pub async fn patch(&self, uri: &str, body: Value) -> TestResponse {
        self.send(Method::PATCH, uri, Some(body), &[]).await
    }

    pub async fn delete(&self, uri: &str) -> TestResponse {
        self.send(Method::DELETE, uri, None, &[]).await
    }

    /// POST and expect 201; returns the created resource.
    pub async fn create(&self, uri: &str, body: Value) -> Value {
        let res = self.post(uri, body).await;
        assert_eq!(
            res.status,
            StatusCode::CREATED,
            "create {uri}: {}",
            res.body
        );
        res.body
    }

    pub async fn conference(&self) -> i64 {
        self.create("/api/v1/conferences", conference_body()).await["id"]
            .as_i64()
            .unwrap()
    }

    /// The database's URL, to open another connection to it.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The decision numbered `number` of conference `id`, as the API gives it.
    pub async fn decision(&self, id: i64, number: &str) -> Value {
        let decisions = self
            .get(&format!("/api/v1/conferences/{id}/decisions"))
            .await
            .body;
        decisions["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["number"] == number)
            .unwrap_or_else(|| panic!("no decision {number}"))
            .clone()
    }

    /// The demo conference, with the organiser as its owner.
    pub async fn demo(&self) -> i64 {
        let id = hoinghi::demo::load(&self.db).await.unwrap();
        hoinghi::store::account::set_role(
            &self.db,
            id,
            self.user_id,
            hoinghi::domain::access::Role::Owner,
        )
        .await
        .unwrap();
        id as i64
    }

    /// A user who may only read conference `id` (a viewer), with the tests' password; returns
    /// their API token.
    pub async fn viewer(&self, id: impl TryInto<i32>, email: &str) -> String {
        let id = id.try_into().unwrap_or_else(|_| panic!("a conference id"));
        let (viewer, token) = user(&self.db, email).await;
        hoinghi::store::account::set_role(
            &self.db,
            id,
            viewer,
            hoinghi::domain::access::Role::Viewer,
        )
        .await
        .unwrap();
        token
    }

    /// The application started again on the same database, as after a server restart.
    pub async fn restart(self) -> TestApp {
        self.db.clone().close().await.unwrap();
        self.another_instance().await
    }

    /// A second instance of the application on the same database, as behind a load
    /// balancer: its own router, caches and connections.
    pub async fn another_instance(&self) -> TestApp {
        let db = hoinghi::store::connect(&self.url)
            .await
            .expect("connect and migrate");
        TestApp {
            router: hoinghi::app::router(state(db.clone())),
            db,
            ..self.clone()
        }
    }

    /// The same database served by a router with other settings (e.g. behind a proxy).
    pub fn with_state(&self, change: impl FnOnce(&mut hoinghi::app::AppState)) -> TestApp {
        let mut state = state(self.db.clone());
        change(&mut state);
        TestApp {
            router: hoinghi::app::router(state),
            ..self.clone()
        }
    }

    /// The same application, asked by nobody in particular.
    pub fn anonymous(&self) -> TestApp {
        TestApp {
            token: None,
            ..self.clone()
        }
    }

    /// The same application, asked with another token.
    pub fn as_token(&self, token: &str) -> TestApp {
        TestApp {
            token: Some(token.to_string()),
            ..self.clone()
        }
    }
}

pub fn conference_body() -> Value {
    json!({
        "title": "Hội nghị tổng kết công tác thi đua năm 2024",
        "movement": "Thi đua yêu nước",
        "year_reviewed": 2024,
        "held_on": "2025-01-10",
        "host_body": "UBND xã Kim Chính",
        "venue": "Hội trường UBND xã",
        "place_name": "Kim Chính"
    })
}

pub fn issuer_body(name: &str) -> Value {
    json!({"name": name, "level": "province", "place_name": "Ninh Bình",
           "certificate_heading": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "signer_title": "CHỦ TỊCH"})
}

pub fn decision_body(issuer_id: &Value, number: &str) -> Value {
    json!({"issuer_id": issuer_id, "number": number, "decided_on": "2025-01-05", "form": "bang_khen",
           "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "signer_name": "Lê Văn Bình"})
}

pub use hoinghi::test_support::{FILE, assert_in_order, pdf_text, require_tool, run_tool};

/// GET a PDF route as the organiser; asserts 200 and the PDF content type.
pub async fn pdf(app: &TestApp, uri: &str) -> Vec<u8> {
    let (status, content_type, bytes) = app.download(uri).await;
    assert_eq!(status, 200, "{uri}");
    assert_eq!(content_type, "application/pdf");
    bytes
}

/// A browser without a browser: the pages driven with a session cookie, as a person's
/// browser sends them (cookie, same-site Origin on every form post, the language cookie).
pub struct Web {
    pub app: TestApp,
    cookie: String,
    lang: Option<&'static str>,
}

/// A page as the browser got it: status, where a redirect goes, and the HTML.
#[derive(Debug)]
pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub html: String,
}

impl Page {
    /// The value of the input named `name` (a hidden version, a field's value).
    pub fn input(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let at = self
            .html
            .find(&marker)
            .unwrap_or_else(|| panic!("no input {name}"))
            + marker.len();
        let rest = &self.html[at..];
        rest[..rest.find('"').unwrap()].replace("&amp;", "&")
    }

    /// The text of the page without its tags, with whitespace collapsed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in self.html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

pub const SITE: &str = "http://localhost";

impl Web {
    /// Sign in through the form with the user's email and the tests' password.
    pub async fn sign_in(app: &TestApp, email: &str) -> Web {
        let mut web = Web {
            app: app.anonymous(),
            cookie: String::new(),
            lang: None,
        };
        let page = web
            .post(
                "/login",
                &[
                    ("email", email),
                    ("password", "mật khẩu đủ dài"),
                    ("next", "/app"),
                ],
            )
            .await;
        assert_eq!(page.status, 303, "sign-in: {}", page.text());
        web
    }

    /// The session cookie (`hoinghi_session=…`) of a sign-in through the form with
    /// `password`, or `None` when it is refused.
    pub async fn session_cookie(app: &TestApp, email: &str, password: &str) -> Option<String> {
        let mut web = Web::anonymous(app);
        let page = web
            .post(
                "/login",
                &[("email", email), ("password", password), ("next", "/app")],
            )
            .await;
        (page.status == 303 && !web.cookie.is_empty()).then_some(web.cookie)
    }

    /// Nobody signed in.
    pub fn anonymous(app: &TestApp) -> Web {
        Web {
            app: app.anonymous(),
            cookie: String::new(),
            lang: None,
        }
    }

    /// The same session, with pages in another language.
    pub fn in_language(mut self, lang: &'static str) -> Web {
        self.lang = Some(lang);
        self
    }

    fn request(&self, method: Method, uri: &str) -> axum::http::request::Builder {
        let mut cookies = Vec::new();
        if !self.cookie.is_empty() {
            cookies.push(self.cookie.clone());
        }
        if let Some(lang) = self.lang {
            cookies.push(format!("hoinghi_lang={lang}"));
        }
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "localhost");
        if cookies.is_empty() {
            req
        } else {
            req.header(header::COOKIE, cookies.join("; "))
        }
    }

    async fn answer(&mut self, req: Request<Body>) -> Page {
        let res = self.app.router.clone().oneshot(req).await.unwrap();
        for v in res.headers().get_all(header::SET_COOKIE) {
            let v = v.to_str().unwrap();
            if let Some(rest) = v.strip_prefix("hoinghi_session=") {
                let value = rest.split(';').next().unwrap();
                self.cookie = if value.is_empty() {
                    String::new()
                } else {
                    format!("hoinghi_session={value}")
                };
            }
        }
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Page {
            status,
            location,
            html: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, uri: &str) -> Page {
        let req = self.request(Method::GET, uri).body(Body::empty()).unwrap();
        self.answer(req).await
    }

    /// Post a form from this site's pages.
    pub async fn post(&mut self, uri: &str, form: &[(&str, &str)]) -> Page {
        self.post_from(uri, form, Some(SITE)).await
    }

    /// Post a form with another Origin (or none): what a forged cross-site post looks like.
    pub async fn post_from(
        &mut self,
        uri: &str,
        form: &[(&str, &str)],
        origin: Option<&str>,
    ) -> Page {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let mut req = self
            .request(Method::POST, uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(origin) = origin {
            req = req.header(header::ORIGIN, origin);
        }
        self.answer(req.body(Body::from(body)).unwrap()).await
    }

    /// Post a multipart form with one file.
    pub async fn upload(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        file_field: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Page {
        let boundary = "hoinghi-test-boundary";
        let mut body = Vec::new();
        for (k, v) in fields {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend(bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = self
            .request(Method::POST, uri)
            .header(header::ORIGIN, SITE)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        self.answer(req).await
    }
}
