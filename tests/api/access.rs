//! Accounts, roles, sessions, tokens, CSRF and the audit log.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;

use crate::helpers::{conference_body, spawn_app, user};

#[tokio::test]
async fn a_user_of_one_conference_cannot_touch_another() {
    let app = spawn_app().await;
    let mine = app.conference().await;
    let (_, other_token) = user(&app.db, "other@kimchinh.gov.vn").await;
    let other = app.as_token(&other_token);
    let theirs = other.create("/api/v1/conferences", conference_body()).await["id"]
        .as_i64()
        .unwrap();
    let attendee = app
        .create(
            &format!("/api/v1/conferences/{mine}/attendees"),
            json!({"full_name": "Lê Văn Tám"}),
        )
        .await;

    // Draft conferences of others are invisible: 404 for every route, read or write.
    for (method, uri, body) in [
        (Method::GET, format!("/api/v1/conferences/{mine}"), None),
        (
            Method::PATCH,
            format!("/api/v1/conferences/{mine}"),
            Some(json!({"title": "x"})),
        ),
        (Method::DELETE, format!("/api/v1/conferences/{mine}"), None),
        (
            Method::GET,
            format!("/api/v1/conferences/{mine}/attendees"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/conferences/{mine}/attendees/{}", attendee["id"]),
            None,
        ),
        (
            Method::PATCH,
            format!("/api/v1/conferences/{mine}/attendees/{}", attendee["id"]),
            Some(json!({"seat": "A1"})),
        ),
        (
            Method::DELETE,
            format!("/api/v1/conferences/{mine}/attendees/{}", attendee["id"]),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/conferences/{mine}/issuers"),
            Some(json!({})),
        ),
        (
            Method::GET,
            format!("/api/v1/conferences/{mine}/programme"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/conferences/{mine}/awards/summary"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/conferences/{mine}/audit"),
            None,
        ),
        (
            Method::GET,
            format!("/api/v1/conferences/{mine}/members"),
            None,
        ),
        (
            Method::POST,
            format!("/api/v1/conferences/{mine}/agenda/reorder"),
            Some(json!({"ids": []})),
        ),
    ] {
        let res = other.send(method.clone(), &uri, body, &[]).await;
        res.problem(404);
    }
    // Nor through their own conference's path with my ids.
    other
        .get(&format!(
            "/api/v1/conferences/{theirs}/attendees/{}",
            attendee["id"]
        ))
        .await
        .problem(404);
    let lists = other.get("/api/v1/conferences").await;
    assert_eq!(
        lists.body["total"], 1,
        "only their own conference is listed"
    );
    assert_eq!(
        app.get(&format!("/api/v1/conferences/{mine}/attendees"))
            .await
            .body["total"],
        1,
        "nothing changed"
    );
}

#[tokio::test]
async fn roles_grant_what_they_say() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let (_, viewer_token) = user(&app.db, "viewer@kimson.gov.vn").await;
    let (_, editor_token) = user(&app.db, "editor@kimson.gov.vn").await;
    for (email, role) in [
        ("viewer@kimson.gov.vn", "viewer"),
        ("editor@kimson.gov.vn", "editor"),
    ] {
        let res = app
            .send(
                Method::PUT,
                &format!("/api/v1/conferences/{id}/members"),
                Some(json!({"email": email, "role": role})),
                &[],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }
    let viewer = app.as_token(&viewer_token);
    let editor = app.as_token(&editor_token);
    assert_eq!(
        viewer
            .get(&format!("/api/v1/conferences/{id}/attendees"))
            .await
            .status,
        StatusCode::OK
    );
    viewer
        .post(
            &format!("/api/v1/conferences/{id}/attendees"),
            json!({"full_name": "A"}),
        )
        .await
        .problem(403);
    editor
        .create(
            &format!("/api/v1/conferences/{id}/attendees"),
            json!({"full_name": "Bùi Văn Đạt"}),
        )
        .await;
    editor
        .delete(&format!("/api/v1/conferences/{id}"))
        .await
        .problem(403);
    editor
        .send(
            Method::PUT,
            &format!("/api/v1/conferences/{id}/members"),
            Some(json!({"email": "viewer@kimson.gov.vn", "role": "owner"})),
            &[],
        )
        .await
        .problem(403);
    let anon = app.anonymous();
    anon.get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .problem(401);
    anon.post("/api/v1/conferences", conference_body())
        .await
        .problem(401);
    app.as_token("hn_not-a-token")
        .get("/api/v1/conferences")
        .await
        .problem(401);
}

#[tokio::test]
async fn a_published_conference_is_public_read_only() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let anon = app.anonymous();
    assert_eq!(anon.get("/api/v1/conferences").await.body["total"], 1);
    assert_eq!(
        anon.get(&format!("/api/v1/conferences/{id}/programme"))
            .await
            .status,
        StatusCode::OK
    );
    let summary = anon
        .get(&format!("/api/v1/conferences/{id}/awards/summary"))
        .await;
    assert!(
        summary.body["text"]
            .as_str()
            .unwrap()
            .starts_with("Bộ Công an tặng Bằng khen")
    );
    anon.get(&format!("/api/v1/conferences/{id}/attendees"))
        .await
        .problem(401);
    anon.patch(&format!("/api/v1/conferences/{id}"), json!({"title": "x"}))
        .await
        .problem(401);
    let (_, stranger) = user(&app.db, "stranger@example.vn").await;
    app.as_token(&stranger)
        .patch(&format!("/api/v1/conferences/{id}"), json!({"title": "x"}))
        .await
        .problem(403);
}

#[tokio::test]
async fn sessions_cookies_and_cross_site_writes() {
    let app = spawn_app().await;
    let anon = app.anonymous();
    let bad = anon
        .post(
            "/api/v1/auth/login",
            json!({"email": "organiser@kimson.gov.vn", "password": "sai mật khẩu"}),
        )
        .await;
    bad.problem(401);
    let ok = anon
        .post(
            "/api/v1/auth/login",
            json!({"email": "ORGANISER@kimson.gov.vn", "password": "mật khẩu đủ dài"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let set_cookie = ok
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_string();

    let with_cookie = |method: Method, uri: &str, origin: Option<&str>, body: serde_json::Value| {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, &cookie)
            .header(header::HOST, "hoinghi.local");
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        req.header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let me = anon
        .raw(with_cookie(
            Method::GET,
            "/api/v1/auth/me",
            None,
            json!(null),
        ))
        .await;
    assert_eq!(me.body["email"], "organiser@kimson.gov.vn");
    // A write carried by the cookie from another site is refused; from our own pages it passes.
    anon.raw(with_cookie(
        Method::POST,
        "/api/v1/conferences",
        Some("https://evil.example"),
        conference_body(),
    ))
    .await
    .problem(403);
    anon.raw(with_cookie(
        Method::POST,
        "/api/v1/conferences",
        None,
        conference_body(),
    ))
    .await
    .problem(403);
    let mine = anon
        .raw(with_cookie(
            Method::POST,
            "/api/v1/conferences",
            Some("http://hoinghi.local"),
            conference_body(),
        ))
        .await;
    assert_eq!(mine.status, StatusCode::CREATED, "{}", mine.body);

    let out = anon
        .raw(with_cookie(
            Method::POST,
            "/api/v1/auth/logout",
            Some("http://hoinghi.local"),
            json!({}),
        ))
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    anon.raw(with_cookie(
        Method::GET,
        "/api/v1/auth/me",
        None,
        json!(null),
    ))
    .await
    .problem(401);
}

#[tokio::test]
async fn failed_sign_ins_are_throttled() {
    let app = spawn_app().await;
    let anon = app.anonymous();
    for _ in 0..5 {
        anon.post(
            "/api/v1/auth/login",
            json!({"email": "organiser@kimson.gov.vn", "password": "đoán bừa"}),
        )
        .await
        .problem(401);
    }
    let throttled = anon
        .post(
            "/api/v1/auth/login",
            json!({"email": "organiser@kimson.gov.vn", "password": "mật khẩu đủ dài"}),
        )
        .await;
    throttled.problem(429);
    assert!(throttled.headers.get(header::RETRY_AFTER).is_some());
}

#[tokio::test]
async fn tokens_are_shown_once_and_revocable() {
    let app = spawn_app().await;
    let created = app
        .create(
            "/api/v1/auth/tokens",
            json!({"name": "script nhập danh sách"}),
        )
        .await;
    let secret = created["secret"].as_str().unwrap().to_string();
    assert!(created["token"].get("token_hash").is_none());
    let scripted = app.as_token(&secret);
    assert_eq!(
        scripted.get("/api/v1/auth/me").await.body["email"],
        "organiser@kimson.gov.vn"
    );
    let listed = app.get("/api/v1/auth/tokens").await.body;
    assert!(
        listed.to_string().find(&secret).is_none(),
        "the secret is never listed"
    );
    assert_eq!(
        app.delete(&format!("/api/v1/auth/tokens/{}", created["token"]["id"]))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    scripted.get("/api/v1/auth/me").await.problem(401);
}

#[tokio::test]
async fn every_change_is_in_the_audit_log() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let base = format!("/api/v1/conferences/{id}");
    let a = app
        .create(
            &format!("{base}/attendees"),
            json!({"full_name": "Lê Văn Tám"}),
        )
        .await;
    app.patch(
        &format!("{base}/attendees/{}", a["id"]),
        json!({"seat": "A1"}),
    )
    .await;
    app.delete(&format!("{base}/attendees/{}", a["id"])).await;
    let log = app.get(&format!("{base}/audit")).await.body;
    let events: Vec<(String, String)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap().into(),
                e["resource"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            ("delete", "attendee"),
            ("update", "attendee"),
            ("create", "attendee"),
            ("create", "conference")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let update = &log["items"][1];
    assert_eq!(update["actor"], "organiser@kimson.gov.vn");
    assert_eq!(update["before"]["seat"], serde_json::Value::Null);
    assert_eq!(update["after"]["seat"], "A1");
    // The log has no route to change it.
    app.send(Method::DELETE, &format!("{base}/audit"), None, &[])
        .await
        .problem(405);
}

#[tokio::test]
async fn sessions_expire_when_idle_and_at_their_end() {
    use hoinghi::store::account::{self, SESSION_ABSOLUTE, SESSION_IDLE};
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    let secret = account::start_session(&app.db, app.user_id).await.unwrap();
    assert!(
        account::session_actor(&app.db, &secret, now + chrono::Duration::minutes(30))
            .await
            .unwrap()
            .is_some()
    );
    assert!(
        account::session_actor(
            &app.db,
            &secret,
            now + SESSION_IDLE + chrono::Duration::minutes(31)
        )
        .await
        .unwrap()
        .is_none(),
        "idle too long"
    );
    let kept_alive = account::start_session(&app.db, app.user_id).await.unwrap();
    let mut t = now;
    while t < now + SESSION_ABSOLUTE - chrono::Duration::hours(1) {
        t += chrono::Duration::hours(1);
        assert!(
            account::session_actor(&app.db, &kept_alive, t)
                .await
                .unwrap()
                .is_some()
        );
    }
    assert!(
        account::session_actor(
            &app.db,
            &kept_alive,
            now + SESSION_ABSOLUTE + chrono::Duration::minutes(1)
        )
        .await
        .unwrap()
        .is_none(),
        "absolute end"
    );
}

#[tokio::test]
async fn changing_the_password_ends_sessions() {
    let app = spawn_app().await;
    let anon = app.anonymous();
    let login = json!({"email": "organiser@kimson.gov.vn", "password": "mật khẩu đủ dài"});
    let cookie = anon.post("/api/v1/auth/login", login.clone()).await.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let wrong = app
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "không phải", "new_password": "một mật khẩu mới dài"}),
        )
        .await;
    assert_eq!(wrong.problem(422), ["current_password"]);
    let short = app
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "mật khẩu đủ dài", "new_password": "ngắn"}),
        )
        .await;
    assert_eq!(short.problem(422), ["new_password"]);
    // Typed, for a program to read and a page to word in its reader's language.
    assert_eq!(wrong.body["errors"][0]["code"], "not-current-password");
    assert_eq!(short.body["errors"][0]["code"], "password-short");
    assert_eq!(short.body["errors"][0]["args"]["min"], "10");
    let ok = app
        .post(
            "/api/v1/auth/password",
            json!({"current_password": "mật khẩu đủ dài", "new_password": "một mật khẩu mới dài"}),
        )
        .await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT);
    let me = Request::get("/api/v1/auth/me")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    anon.raw(me).await.problem(401);
    let refused = anon.post("/api/v1/auth/login", login).await;
    refused.problem(401);
    // Signing in with a wrong password is its own problem, not the password form's.
    assert_eq!(refused.body["code"], "wrong-password");
    let new = anon
        .post(
            "/api/v1/auth/login",
            json!({"email": "organiser@kimson.gov.vn", "password": "một mật khẩu mới dài"}),
        )
        .await;
    assert_eq!(new.status, StatusCode::OK);
}

/// Defect 6 of issue 11: a member could not be removed (DELETE was a 405), and a sole owner
/// could demote themselves and leave a conference nobody manages.
#[tokio::test]
async fn members_are_removed_and_a_conference_keeps_an_owner() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let (colleague_id, colleague_token) = user(&app.db, "colleague@kimson.gov.vn").await;
    let (_, editor_token) = user(&app.db, "editor@kimson.gov.vn").await;
    let members = format!("/api/v1/conferences/{id}/members");
    let set = |email: &'static str, role: &'static str| {
        let app = app.clone();
        let members = members.clone();
        async move {
            app.send(
                Method::PUT,
                &members,
                Some(json!({"email": email, "role": role})),
                &[],
            )
            .await
        }
    };
    assert_eq!(set("colleague@kimson.gov.vn", "viewer").await.status, 200);
    assert_eq!(set("editor@kimson.gov.vn", "editor").await.status, 200);
    let colleague = app.as_token(&colleague_token);
    let backup = format!("/api/v1/conferences/{id}/backup.json");
    assert_eq!(colleague.download(&backup).await.0, 200);

    // Only an owner removes; an unknown member is a 404.
    app.as_token(&editor_token)
        .delete(&format!("{members}/{colleague_id}"))
        .await
        .problem(403);
    app.delete(&format!("{members}/999999")).await.problem(404);

    // The colleague who left no longer reads anything, nor downloads backups.
    let res = app.delete(&format!("{members}/{colleague_id}")).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    assert_eq!(colleague.download(&backup).await.0, 404);
    colleague
        .get(&format!("/api/v1/conferences/{id}"))
        .await
        .problem(404);
    let listed = app.get(&members).await.body;
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["user_id"] != colleague_id),
        "{listed}"
    );
    let audit = app
        .get(&format!("/api/v1/conferences/{id}/audit"))
        .await
        .body;
    let revoked = audit["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "revoke" && e["resource"] == "member")
        .expect("the removal is audited");
    assert_eq!(revoked["resource_id"], colleague_id);
    assert_eq!(revoked["before"]["role"], "viewer");

    // The sole owner can neither demote nor remove themselves.
    let me = app.user_id;
    let problem = set("organiser@kimson.gov.vn", "editor").await;
    problem.problem(409);
    assert!(
        problem.body["detail"]
            .as_str()
            .unwrap()
            .contains("only owner"),
        "{}",
        problem.body
    );
    app.delete(&format!("{members}/{me}")).await.problem(409);
    assert_eq!(
        app.get(&format!("/api/v1/conferences/{id}")).await.status,
        200,
        "still the owner"
    );

    // With a second owner, the first may step down.
    assert_eq!(set("editor@kimson.gov.vn", "owner").await.status, 200);
    assert_eq!(set("organiser@kimson.gov.vn", "editor").await.status, 200);
    let owner = app.as_token(&editor_token);
    let organiser_members = format!("{members}/{me}");
    let res = owner.delete(&organiser_members).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
}

/// Defect 4 of issue 11: forty simultaneous wrong passwords for one account were all checked
/// (32 × 401 before the first 429). The count and the check are now one step.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_wrong_passwords_are_checked_at_most_the_limit() {
    let app = spawn_app().await;
    let anon = app.anonymous();
    let guesses: Vec<_> = (0..40)
        .map(|i| {
            let anon = anon.clone();
            tokio::spawn(async move {
                anon.post(
                "/api/v1/auth/login",
                json!({"email": "organiser@kimson.gov.vn", "password": format!("đoán bừa {i}")}),
            )
            .await
            .status
            .as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for g in guesses {
        statuses.push(g.await.unwrap());
    }
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + refused, 40, "{statuses:?}");
    assert!(
        checked <= 5,
        "{checked} wrong passwords were checked: {statuses:?}"
    );
    // And the throttle is in the database: another instance on it refuses as well.
    let other = app.with_state(|_| {}).anonymous();
    other
        .post(
            "/api/v1/auth/login",
            json!({"email": "organiser@kimson.gov.vn", "password": "mật khẩu đủ dài"}),
        )
        .await
        .problem(429);
}

/// Behind a proxy the client's address is the entry the proxy added (the rightmost); a
/// client that rotates the leftmost entry is throttled all the same.
#[tokio::test]
async fn a_rotated_forwarded_for_does_not_escape_the_throttle() {
    let app = spawn_app().await;
    let proxied = app.with_state(|s| s.trust_proxy = true).anonymous();
    let mut statuses = Vec::new();
    for i in 0..25 {
        // A different account each time, so only the address's counter can stop it.
        let res = proxied
            .send(
                Method::POST,
                "/api/v1/auth/login",
                Some(json!({"email": format!("guess{i}@kimson.gov.vn"), "password": "đoán bừa"})),
                &[("x-forwarded-for", &format!("10.9.{i}.1, 203.0.113.7"))],
            )
            .await;
        statuses.push(res.status.as_u16());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        20,
        "{statuses:?}"
    );
    assert_eq!(statuses[20..], [429; 5]);
    // Another client behind the same proxy is counted apart.
    let other_client = proxied
        .send(
            Method::POST,
            "/api/v1/auth/login",
            Some(json!({"email": "organiser@kimson.gov.vn", "password": "mật khẩu đủ dài"})),
            &[("x-forwarded-for", "203.0.113.8")],
        )
        .await;
    assert_eq!(other_client.status, StatusCode::OK, "{}", other_client.body);
    // With two proxies of ours, the client is the second entry from the right.
    let two_hops = app
        .with_state(|s| {
            s.trust_proxy = true;
            s.proxy_hops = 2;
        })
        .anonymous();
    let res = two_hops
        .send(
            Method::POST,
            "/api/v1/auth/login",
            Some(json!({"email": "someone@kimson.gov.vn", "password": "đoán bừa"})),
            &[("x-forwarded-for", "1.1.1.1, 203.0.113.7, 10.0.0.2")],
        )
        .await;
    res.problem(429);
}
