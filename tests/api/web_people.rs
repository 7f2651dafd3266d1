//! The people pages, driven as a browser does: signed in by the session cookie, forms posted
//! with this site's Origin. Members, my account (password, API tokens), the site admins'
//! users and the audit log.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use hoinghi::domain::access::Role;

use crate::helpers::{TestApp, Web, spawn_app, user};

const PASSWORD: &str = "mật khẩu đủ dài";
const ORGANISER: &str = "organiser@kimson.gov.vn";

/// A browser of one user: the session cookie (and a language cookie, if chosen).
struct Browser<'a> {
    app: &'a TestApp,
    cookie: String,
}

struct Answer {
    status: StatusCode,
    location: String,
    html: String,
}

fn encode(form: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form {
        s.append_pair(k, v);
    }
    s.finish()
}

async fn send(app: &TestApp, req: Request<Body>) -> Answer {
    let res = app.raw(req).await;
    Answer {
        status: res.status,
        location: res
            .headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default(),
        html: match res.body {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        },
    }
}

/// Sign in on the sign-in page; `None` if refused.
async fn try_sign_in<'a>(app: &'a TestApp, email: &str, password: &str) -> Option<Browser<'a>> {
    let cookie = Web::session_cookie(app, email, password).await?;
    assert!(cookie.starts_with("hoinghi_session="), "{cookie}");
    Some(Browser { app, cookie })
}

async fn sign_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    try_sign_in(app, email, PASSWORD).await.expect("signed in")
}

impl Browser<'_> {
    fn english(mut self) -> Self {
        self.cookie = format!("{}; hoinghi_lang=en", self.cookie);
        self
    }

    async fn get(&self, uri: &str) -> Answer {
        let req = Request::builder()
            .uri(uri)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, &self.cookie)
            .body(Body::empty())
            .unwrap();
        send(self.app, req).await
    }

    /// GET a page that must be there (200) and return its HTML.
    async fn page(&self, uri: &str) -> String {
        let a = self.get(uri).await;
        assert_eq!(a.status, StatusCode::OK, "{uri}: {}", a.html);
        a.html
    }

    async fn post_with(&self, uri: &str, form: &[(&str, &str)], origin: bool) -> Answer {
        let mut req = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if origin {
            req = req.header(header::ORIGIN, "http://localhost");
        }
        send(self.app, req.body(Body::from(encode(form))).unwrap()).await
    }

    async fn post(&self, uri: &str, form: &[(&str, &str)]) -> Answer {
        self.post_with(uri, form, true).await
    }
}

/// The role the user has in the conference, as stored.
async fn role_of(app: &TestApp, id: i64, user_id: i32) -> Option<String> {
    hoinghi::store::account::membership(&app.db, id as i32, user_id)
        .await
        .unwrap()
        .map(|m| m.role)
}

/// The text of the element with this id (up to its closing tag), to check a field's problem.
fn element(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id} in the page: {html}"));
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest[open..].find('<').unwrap();
    rest[open..open + close].to_string()
}

#[tokio::test]
async fn an_owner_adds_changes_and_removes_a_colleague_and_the_log_shows_it() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (colleague_id, _) = user(&app.db, "colleague@kimson.gov.vn").await;
    let owner = sign_in(&app, ORGANISER).await;
    let members = format!("/app/c/{id}/members");

    // No account with that email: the problem beside the field, what was typed kept.
    let a = owner
        .post(
            &members,
            &[("email", "nobody@kimson.gov.vn"), ("role", "viewer")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        element(&a.html, "f-email-error").contains("chưa có tài khoản"),
        "{}",
        a.html
    );
    assert!(a.html.contains("value=\"nobody@kimson.gov.vn\""));

    let a = owner
        .post(
            &members,
            &[("email", " Colleague@Kimson.gov.vn "), ("role", "viewer")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    assert_eq!(a.location, format!("{members}?done=done-member-saved"));
    assert_eq!(
        role_of(&app, id, colleague_id).await.as_deref(),
        Some("viewer")
    );
    let html = owner.page(&a.location).await;
    assert!(html.contains("Đã lưu vai trò của thành viên."));
    assert!(html.contains("colleague@kimson.gov.vn"));
    assert!(html.contains(&format!("id=\"role-{colleague_id}\"")));

    // The viewer sees the list, with no control to change it, and may not change it.
    let viewer = sign_in(&app, "colleague@kimson.gov.vn").await;
    let html = viewer.page(&members).await;
    assert!(html.contains(ORGANISER) && html.contains("Chủ trì"));
    assert!(
        !html.contains("/remove\"") && !html.contains("Thêm thành viên"),
        "{html}"
    );
    let a = viewer
        .post(
            &format!("{members}/{colleague_id}/role"),
            &[("role", "owner")],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(
        role_of(&app, id, colleague_id).await.as_deref(),
        Some("viewer")
    );
    // The audit log is for editors and owners.
    assert_eq!(
        viewer.get(&format!("/app/c/{id}/audit")).await.status,
        StatusCode::FORBIDDEN
    );

    let a = owner
        .post(
            &format!("{members}/{colleague_id}/role"),
            &[("role", "editor")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    assert_eq!(
        role_of(&app, id, colleague_id).await.as_deref(),
        Some("editor")
    );

    let a = owner
        .post(&format!("{members}/{colleague_id}/remove"), &[])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    assert_eq!(a.location, format!("{members}?done=done-member-removed"));
    assert_eq!(role_of(&app, id, colleague_id).await, None);
    assert!(
        !owner
            .page(&members)
            .await
            .contains("colleague@kimson.gov.vn")
    );
    // Removed, they no longer see the conference.
    let status = viewer.get(&members).await.status;
    assert!(
        matches!(status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "{status}"
    );

    // The log: newest first, with who did it and whom it concerned.
    let audit = format!("/app/c/{id}/audit");
    let html = owner.page(&format!("{audit}?resource=member")).await;
    let removed = html.find(">Xóa thành viên</td>").expect("the removal");
    let granted: Vec<_> = html
        .match_indices(">Giao vai trò</td>")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(granted.len(), 2, "{html}");
    assert!(removed < granted[0], "newest first");
    assert_eq!(html.matches(&format!(">{ORGANISER}</td>")).count(), 3);
    assert_eq!(
        html.matches("Thành viên · colleague@kimson.gov.vn").count(),
        3,
        "{html}"
    );
    // The change of role, field by field: viewer → editor.
    assert!(
        html.contains("<del>Xem</del> → <ins>Biên tập</ins>"),
        "{html}"
    );
    // Filtered by action.
    let html = owner.page(&format!("{audit}?action=revoke")).await;
    assert_eq!(html.matches(">Xóa thành viên</td>").count(), 1);
    assert!(!html.contains(">Giao vai trò</td>"));
    let html = owner.page(&format!("{audit}?actor=someone@else.vn")).await;
    assert!(html.contains("Không có mục nào khớp với bộ lọc."));
}

#[tokio::test]
async fn the_only_owner_cannot_demote_or_remove_themselves() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let owner = sign_in(&app, ORGANISER).await;
    let me = app.user_id;
    let a = owner
        .post(
            &format!("/app/c/{id}/members/{me}/role"),
            &[("role", "editor")],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.html.contains("người chủ trì duy nhất"), "{}", a.html);
    assert!(a.html.contains("role=\"alert\""));
    assert_eq!(role_of(&app, id, me).await.as_deref(), Some("owner"));
    let a = owner
        .post(&format!("/app/c/{id}/members/{me}/remove"), &[])
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(a.html.contains("người chủ trì duy nhất"));
    assert_eq!(role_of(&app, id, me).await.as_deref(), Some("owner"));
    // With a second owner, the first may step down.
    let (other, _) = user(&app.db, "pho@kimson.gov.vn").await;
    hoinghi::store::account::set_role(&app.db, id as i32, other, Role::Owner)
        .await
        .unwrap();
    let a = owner
        .post(
            &format!("/app/c/{id}/members/{me}/role"),
            &[("role", "editor")],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(role_of(&app, id, me).await.as_deref(), Some("editor"));
}

#[tokio::test]
async fn a_password_is_changed_only_with_the_current_one() {
    let app = spawn_app().await;
    let me = sign_in(&app, ORGANISER).await;
    assert!(me.page("/app/account").await.contains("Đổi mật khẩu"));
    let new = "mật khẩu mới đủ dài";

    let a = me
        .post(
            "/app/account/password",
            &[
                ("current_password", "sai rồi sai rồi"),
                ("new_password", new),
                ("repeat_password", new),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(element(&a.html, "f-current_password-error").contains("không đúng mật khẩu hiện tại"));
    assert!(!a.html.contains(new), "passwords are not written back");

    let a = me
        .post(
            "/app/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("repeat_password", "khác hẳn đấy nhé"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(element(&a.html, "f-repeat_password-error").contains("không khớp"));

    let a = me
        .post(
            "/app/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", "ngắn"),
                ("repeat_password", "ngắn"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(element(&a.html, "f-new_password-error").contains("ít nhất 10 ký tự"));
    assert!(
        try_sign_in(&app, ORGANISER, PASSWORD).await.is_some(),
        "unchanged"
    );

    let a = me
        .post(
            "/app/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new),
                ("repeat_password", new),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    assert!(a.location.starts_with("/login?"));
    assert!(a.location.contains("done=done-password-changed"));
    // The session ended with the old password; the new one signs in.
    assert_eq!(me.get("/app/account").await.status, StatusCode::SEE_OTHER);
    assert!(try_sign_in(&app, ORGANISER, PASSWORD).await.is_none());
    let again = try_sign_in(&app, ORGANISER, new)
        .await
        .expect("the new password works");
    assert!(again.page("/app/account").await.contains(ORGANISER));
}

#[tokio::test]
async fn a_token_is_shown_once_works_on_the_api_and_stops_when_revoked() {
    let app = spawn_app().await;
    let me = sign_in(&app, ORGANISER).await;
    let a = me.post("/app/account/tokens", &[("name", "")]).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(element(&a.html, "token-name-error").contains("từ 1 đến 100 ký tự"));

    let a = me
        .post(
            "/app/account/tokens",
            &[("name", "Bảng tính phòng Tổ chức")],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.html);
    let start = a.html.find("value=\"hn_").expect("the secret is shown") + 7;
    let secret = &a.html[start..start + a.html[start..].find('"').unwrap()];
    assert!(a.html.contains("chỉ hiện một lần"));
    let page = me.page("/app/account").await;
    assert!(page.contains("Bảng tính phòng Tổ chức") && page.contains("Chưa dùng"));
    assert!(!page.contains(secret), "never shown again");

    let by_token = app.as_token(secret);
    let who = by_token.get("/api/v1/auth/me").await;
    assert_eq!(who.status, StatusCode::OK);
    assert_eq!(who.body["email"], ORGANISER);
    let tokens = app.get("/api/v1/auth/tokens").await.body;
    let token_id = tokens
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Bảng tính phòng Tổ chức")
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    let a = me
        .post(&format!("/app/account/tokens/{token_id}/revoke"), &[])
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER);
    assert_eq!(
        by_token.get("/api/v1/auth/me").await.status,
        StatusCode::UNAUTHORIZED
    );
    let page = me.page(&a.location).await;
    assert!(page.contains("Đã thu hồi mã truy cập"));
    assert!(page.contains("Đã thu hồi lúc"));
    assert!(!page.contains(&format!("/app/account/tokens/{token_id}/revoke")));
    // Somebody else's token is not theirs to revoke.
    let (_, _) = user(&app.db, "khac@kimson.gov.vn").await;
    let other = sign_in(&app, "khac@kimson.gov.vn").await;
    let a = other.post("/app/account/tokens/1/revoke", &[]).await;
    assert_eq!(a.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_site_admins_see_users_and_create_accounts() {
    let app = spawn_app().await;
    let plain = sign_in(&app, ORGANISER).await;
    assert_eq!(
        plain.get("/app/admin/users").await.status,
        StatusCode::FORBIDDEN
    );
    let a = plain
        .post(
            "/app/admin/users",
            &[("email", "x@kimson.gov.vn"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);

    hoinghi::store::account::create_user(&app.db, "admin@kimson.gov.vn", PASSWORD.into(), true)
        .await
        .unwrap();
    let admin = sign_in(&app, "admin@kimson.gov.vn").await;
    let html = admin.page("/app/admin/users").await;
    assert!(html.contains(ORGANISER) && html.contains("admin@kimson.gov.vn"));

    // Problems beside their fields; the email and the box kept, never the password.
    let a = admin
        .post(
            "/app/admin/users",
            &[
                ("email", ORGANISER),
                ("password", "mật khẩu thứ hai"),
                ("is_admin", "true"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(element(&a.html, "f-email-error").contains("đã có tài khoản"));
    assert!(!a.html.contains("mật khẩu thứ hai"));
    let a = admin
        .post(
            "/app/admin/users",
            &[("email", "moi@kimson.gov.vn"), ("password", "ngắn")],
        )
        .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(element(&a.html, "f-password-error").contains("ít nhất 10 ký tự"));
    assert!(a.html.contains("value=\"moi@kimson.gov.vn\""));

    let a = admin
        .post(
            "/app/admin/users",
            &[
                ("email", "Moi@Kimson.gov.vn"),
                ("password", "mật khẩu ban đầu"),
            ],
        )
        .await;
    assert_eq!(a.status, StatusCode::SEE_OTHER, "{}", a.html);
    let html = admin.page(&a.location).await;
    assert!(html.contains("Đã tạo tài khoản") && html.contains("moi@kimson.gov.vn"));
    let new = hoinghi::store::account::find_user(&app.db, "moi@kimson.gov.vn")
        .await
        .unwrap()
        .unwrap();
    assert!(!new.is_admin);
    let them = try_sign_in(&app, "moi@kimson.gov.vn", "mật khẩu ban đầu")
        .await
        .expect("the new user signs in");
    assert_eq!(
        them.get("/app/admin/users").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_pages_speak_english_when_chosen() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let me = sign_in(&app, ORGANISER).await.english();
    let html = me.page(&format!("/app/c/{id}/members")).await;
    assert!(
        html.contains("<h1>Members</h1>") && html.contains("Add a member"),
        "{html}"
    );
    assert!(html.contains(">Owner</option>"));
    assert!(!html.contains("Thêm thành viên"));
    let html = me.page("/app/account").await;
    assert!(html.contains("Change the password") && html.contains("API tokens"));
    let html = me.page(&format!("/app/c/{id}/audit")).await;
    assert!(html.contains("<h1>Audit log</h1>") && html.contains("Done by"));
    let a = me
        .post(
            &format!("/app/c/{id}/members/{}/role", app.user_id),
            &[("role", "viewer")],
        )
        .await;
    assert_eq!(a.status, StatusCode::CONFLICT);
    assert!(
        a.html
            .contains("only owner. Make another member an owner first"),
        "{}",
        a.html
    );
}

#[tokio::test]
async fn a_post_without_origin_is_refused() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let (colleague_id, _) = user(&app.db, "colleague@kimson.gov.vn").await;
    let owner = sign_in(&app, ORGANISER).await;
    let a = owner
        .post_with(
            &format!("/app/c/{id}/members"),
            &[("email", "colleague@kimson.gov.vn"), ("role", "owner")],
            false,
        )
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(role_of(&app, id, colleague_id).await, None);
    let a = owner
        .post_with("/app/account/tokens", &[("name", "lén lút")], false)
        .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert!(!owner.page("/app/account").await.contains("lén lút"));
}

#[tokio::test]
async fn the_audit_log_is_paged_by_a_hundred() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let actor = hoinghi::domain::access::Actor::Operator;
    for n in 0..130 {
        hoinghi::store::audit::record(
            &app.db,
            &actor,
            hoinghi::store::audit::Event::detail(
                id as i32,
                "print",
                "programme",
                serde_json::json!({ "pages": n }),
            ),
        )
        .await
        .unwrap();
    }
    let owner = sign_in(&app, ORGANISER).await;
    let audit = format!("/app/c/{id}/audit?action=print");
    let first = owner.page(&audit).await;
    assert_eq!(first.matches(">In</td>").count(), 100);
    assert!(first.contains("Mục 1–100 trong tổng số 130"), "{first}");
    assert!(first.contains("Số trang: 129"), "newest first");
    let next = first.find("rel=\"next\"").expect("a link to older events");
    let link = &first[first[..next].rfind("href=\"").unwrap() + 6..next - 2];
    // By key: the older events after the last one shown, the filter kept.
    assert!(
        link.contains("action=print") && link.contains("after="),
        "{link}"
    );
    assert!(
        !first.contains("Trang đầu"),
        "no link back on the first page"
    );
    let second = owner
        .page(&link.replace("&#38;", "&").replace("&amp;", "&"))
        .await;
    assert_eq!(second.matches(">In</td>").count(), 30);
    assert!(second.contains("Mục 101–130 trong tổng số 130"), "{second}");
    assert!(second.contains("Số trang: 0<") && second.contains("Trang đầu"));
    assert!(!second.contains("rel=\"next\""));
    // A key that is not an id gives the first page, not an error.
    let odd = owner.page(&format!("{audit}&after=NaN")).await;
    assert!(odd.contains("Mục 1–100 trong tổng số 130"));
    // Printed by the operator at the console.
    assert!(second.contains(">cli</td>"));
}
