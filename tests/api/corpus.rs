//! The bad-input corpus: hundreds of malformed, mistyped, oversize, unauthorised and forged
//! requests across the API. None may cause a server error; each gets a problem+json that
//! names the field, or a detail that names the reason.

use axum::body::Body;
use axum::http::{Method, Request, header};
use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app, user};

struct Case {
    name: String,
    request: Request<Body>,
    status: u16,
    /// A field `errors` must name, or a word the detail must contain.
    names: Option<String>,
}

fn request(
    method: Method,
    uri: &str,
    token: Option<&str>,
    content_type: Option<&str>,
    body: impl Into<Body>,
) -> Request<Body> {
    let mut r = Request::builder().method(method).uri(uri);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(c) = content_type {
        r = r.header(header::CONTENT_TYPE, c);
    }
    r.body(body.into()).unwrap()
}

/// A wrong-typed stand-in for a valid value.
fn wrong_type(v: &Value) -> Value {
    match v {
        Value::String(_) => json!(12345),
        Value::Number(_) => json!("mười"),
        Value::Bool(_) => json!("có"),
        Value::Array(_) => json!("danh sách"),
        Value::Object(_) => json!([1]),
        Value::Null => json!({"a": 1}),
    }
}

/// The resources, with a valid body and which fields are required.
fn resources(issuer: i64, decision: i64) -> Vec<(&'static str, Value, &'static [&'static str])> {
    vec![
        (
            "agenda",
            json!({"position": 50, "starts_at": "2019-03-14T11:20:00+07:00", "duration_minutes": 5, "ends_at": "2019-03-14T11:25:00+07:00",
                   "kind": "other", "title": "Chụp ảnh lưu niệm", "presenter_attendee_id": 1, "presenter_text": "Ban Tổ chức", "notes": "Sân trước hội trường"}),
            &["starts_at", "kind", "title"],
        ),
        (
            "attendees",
            json!({"honorific": "ong", "full_name": "Trần Quốc Toản", "position": "Trưởng thôn", "organisation": "Thôn 1", "category": "delegate",
                   "rank": 30, "contact": "0912 345 678", "seat": "B12", "attendance": "confirmed", "checked_in_at": "2019-03-14T07:40:00+07:00"}),
            &["full_name"],
        ),
        (
            "speeches",
            json!({"speaker_attendee_id": 1, "speaker_name": "Trần Quốc Toản", "speaker_position": "Trưởng thôn", "kind": "contribution",
                   "title": "Tham luận", "planned_minutes": 7, "summary": "Tóm tắt", "full_text": "Toàn văn", "agenda_item_id": 1}),
            &["kind", "title"],
        ),
        (
            "issuers",
            json!({"name": "Đảng ủy xã Kim Chính", "level": "commune", "rank": 9, "place_name": "Kim Chính",
                   "certificate_heading": "BAN CHẤP HÀNH ĐẢNG BỘ XÃ KIM CHÍNH", "signer_title": "BÍ THƯ"}),
            // The heading, signer title and place are suggested from the name when left out.
            &["name", "level"],
        ),
        (
            "decisions",
            json!({"issuer_id": issuer, "number": "77/QĐ-UBND", "decided_on": "2019-03-12", "form": "giay_khen", "title_name": "x",
                   "reason": "Lý do", "signer_title": "CHỦ TỊCH", "signer_name": "Nguyễn Văn Tuấn"}),
            &[
                "issuer_id",
                "number",
                "decided_on",
                "form",
                "signer_title",
                "signer_name",
            ],
        ),
        (
            "recipients",
            json!({"decision_id": decision, "kind": "individual", "honorific": "ba", "name": "Vũ Thị Mến", "position": "Chi hội trưởng",
                   "unit": "xóm 3", "reason": "Lý do", "register_number": "77", "presentation_order": 9}),
            &["decision_id", "kind", "name"],
        ),
    ]
}

fn cases(
    app: &TestApp,
    conf: i64,
    other_conf: i64,
    foreign_attendee: i64,
    issuer: i64,
    decision: i64,
) -> Vec<Case> {
    let token = app.token.as_deref();
    let json_type = Some("application/json");
    let mut cases = Vec::new();
    let mut add = |name: String, request: Request<Body>, status: u16, names: Option<&str>| {
        cases.push(Case {
            name,
            request,
            status,
            names: names.map(str::to_string),
        })
    };
    let conference = json!({"title": "Hội nghị", "acronym": "HN", "movement": "Thi đua", "year_reviewed": 2024, "held_on": "2025-01-10",
        "host_body": "UBND xã", "venue": "Hội trường", "place_name": "Kim Chính", "time_zone": "Asia/Ho_Chi_Minh", "status": "draft",
        "key_figures": [{"label": "Tỷ lệ", "value": "80%"}]});
    let mut targets: Vec<(String, Value, Vec<&str>)> = vec![(
        "/api/v1/conferences".into(),
        conference,
        vec![
            "title",
            "movement",
            "year_reviewed",
            "held_on",
            "host_body",
            "venue",
            "place_name",
        ],
    )];
    for (res, body, required) in resources(issuer, decision) {
        targets.push((
            format!("/api/v1/conferences/{conf}/{res}"),
            body,
            required.to_vec(),
        ));
    }

    for (uri, valid, required) in &targets {
        // Malformed JSON and other bodies that are not a JSON object.
        for (label, raw, status, names) in [
            ("truncated", &b"{\"title\": "[..], 400, "JSON"),
            ("open brace", b"{", 400, "JSON"),
            ("bare word", b"hello", 400, "JSON"),
            ("trailing garbage", b"{} x", 400, "JSON"),
            ("empty", b"", 400, "JSON"),
            ("invalid utf-8", b"{\"title\": \"\xff\xfe\"}", 400, "JSON"),
            ("array", b"[1, 2]", 422, "body"),
            ("string", b"\"text\"", 422, "body"),
            ("null", b"null", 422, "body"),
        ] {
            add(
                format!("POST {uri}: {label}"),
                request(Method::POST, uri, token, json_type, raw.to_vec()),
                status,
                Some(names),
            );
        }
        add(
            format!("POST {uri}: text/plain"),
            request(
                Method::POST,
                uri,
                token,
                Some("text/plain"),
                valid.to_string(),
            ),
            415,
            Some("JSON"),
        );
        add(
            format!("POST {uri}: form"),
            request(
                Method::POST,
                uri,
                token,
                Some("application/x-www-form-urlencoded"),
                "a=b",
            ),
            415,
            Some("JSON"),
        );
        add(
            format!("POST {uri}: no type"),
            request(Method::POST, uri, token, None, valid.to_string()),
            415,
            Some("Content-Type"),
        );
        let huge = json!({"title": "x".repeat(1_100_000)}).to_string();
        add(
            format!("POST {uri}: oversize"),
            request(Method::POST, uri, token, json_type, huge),
            413,
            Some("limit"),
        );
        let mut unknown = valid.clone();
        unknown["colour"] = json!("đỏ");
        add(
            format!("POST {uri}: unknown field"),
            request(Method::POST, uri, token, json_type, unknown.to_string()),
            422,
            Some("colour"),
        );
        // Each field with a value of the wrong type.
        for (field, value) in valid.as_object().unwrap() {
            let mut body = valid.clone();
            body[field] = wrong_type(value);
            add(
                format!("POST {uri}: {field} wrong type"),
                request(Method::POST, uri, token, json_type, body.to_string()),
                422,
                Some(field),
            );
        }
        // Each required field missing.
        for field in required {
            let mut body = valid.clone();
            body.as_object_mut().unwrap().remove(*field);
            add(
                format!("POST {uri}: {field} missing"),
                request(Method::POST, uri, token, json_type, body.to_string()),
                422,
                Some(field),
            );
        }
        // Each text field too long, and with a bidi override.
        for (field, value) in valid.as_object().unwrap() {
            if value.is_string()
                && !field.ends_with("_at")
                && !field.ends_with("_on")
                && ![
                    "kind",
                    "level",
                    "form",
                    "honorific",
                    "category",
                    "attendance",
                    "status",
                    "time_zone",
                ]
                .contains(&field.as_str())
            {
                let mut body = valid.clone();
                body[field] = json!("Ư".repeat(250_000));
                add(
                    format!("POST {uri}: {field} too long"),
                    request(Method::POST, uri, token, json_type, body.to_string()),
                    422,
                    Some(field),
                );
                let mut body = valid.clone();
                body[field] = json!(format!("abc\u{202E}def"));
                add(
                    format!("POST {uri}: {field} bidi"),
                    request(Method::POST, uri, token, json_type, body.to_string()),
                    422,
                    Some(field),
                );
            }
        }
        // Lists with bad paging.
        for q in [
            "limit=0",
            "limit=100000",
            "limit=-1",
            "limit=ten",
            "offset=-4",
            "offset=x",
        ] {
            // Every bad number is a 422 naming its parameter.
            let (status, names) = (422, q.split('=').next().unwrap());
            add(
                format!("GET {uri}?{q}"),
                request(
                    Method::GET,
                    &format!("{uri}?{q}"),
                    token,
                    None,
                    Body::empty(),
                ),
                status,
                Some(names),
            );
        }
    }

    // Bad dates.
    for (field, bad) in [
        ("held_on", "2025-02-30"),
        ("held_on", "10/1/2025"),
        ("held_on", ""),
        ("year_reviewed", "2024.5"),
    ] {
        let mut body = targets[0].1.clone();
        body[field] = json!(bad);
        add(
            format!("conference {field}={bad}"),
            request(
                Method::POST,
                "/api/v1/conferences",
                token,
                json_type,
                body.to_string(),
            ),
            422,
            Some(field),
        );
    }
    for bad in [
        "2019-03-14 08:00",
        "2019-13-14T08:00:00+07:00",
        "08:00",
        "2019-03-14T25:00:00+07:00",
    ] {
        let mut body = targets[1].1.clone();
        body["starts_at"] = json!(bad);
        add(
            format!("agenda starts_at={bad}"),
            request(
                Method::POST,
                &targets[1].0,
                token,
                json_type,
                body.to_string(),
            ),
            422,
            Some("starts_at"),
        );
    }
    let mut backwards = targets[1].1.clone();
    backwards["ends_at"] = json!("2019-03-14T10:00:00+07:00");
    add(
        "agenda ends before it starts".into(),
        request(
            Method::POST,
            &targets[1].0,
            token,
            json_type,
            backwards.to_string(),
        ),
        422,
        Some("ends_at"),
    );

    // Unknown ids, ids of another conference, ids that are not numbers.
    for res in [
        "agenda",
        "attendees",
        "speeches",
        "issuers",
        "decisions",
        "recipients",
    ] {
        for (label, uri, status, names) in [
            (
                "unknown id",
                format!("/api/v1/conferences/{conf}/{res}/987654"),
                404,
                "987654",
            ),
            (
                "other conference's id",
                format!("/api/v1/conferences/{other_conf}/{res}/1"),
                404,
                "does not exist",
            ),
            (
                "id not a number",
                format!("/api/v1/conferences/{conf}/{res}/một"),
                400,
                "parse",
            ),
            (
                "id too large",
                format!("/api/v1/conferences/{conf}/{res}/99999999999"),
                400,
                "parse",
            ),
            (
                "unknown conference",
                format!("/api/v1/conferences/424242/{res}"),
                404,
                "424242",
            ),
        ] {
            add(
                format!("GET {label} of {res}"),
                request(Method::GET, &uri, token, None, Body::empty()),
                status,
                Some(names),
            );
            if label != "unknown conference" {
                add(
                    format!("DELETE {label} of {res}"),
                    request(Method::DELETE, &uri, token, None, Body::empty()),
                    status,
                    Some(names),
                );
            }
        }
        let patch = format!("/api/v1/conferences/{conf}/{res}/1");
        for bad in ["yesterday", "\"v1\"", "W/\"abc\""] {
            let mut r = request(Method::PATCH, &patch, token, json_type, "{}");
            r.headers_mut()
                .insert(header::IF_MATCH, bad.parse().unwrap());
            add(
                format!("PATCH {res} If-Match {bad}"),
                r,
                400,
                Some("If-Match"),
            );
        }
        let mut stale = request(Method::PATCH, &patch, token, json_type, "{}");
        stale
            .headers_mut()
            .insert(header::IF_MATCH, "\"99\"".parse().unwrap());
        add(
            format!("PATCH {res} stale If-Match"),
            stale,
            412,
            Some("changed"),
        );
    }
    let foreign = json!({"starts_at": "2019-03-14T11:30:00+07:00", "duration_minutes": 5, "kind": "other", "title": "x", "presenter_attendee_id": foreign_attendee});
    add(
        "presenter from another conference".into(),
        request(
            Method::POST,
            &targets[1].0,
            token,
            json_type,
            foreign.to_string(),
        ),
        422,
        Some("presenter_attendee_id"),
    );
    add(
        "reorder with a foreign id".into(),
        request(
            Method::POST,
            &format!("/api/v1/conferences/{conf}/agenda/reorder"),
            token,
            json_type,
            json!({"ids": [foreign_attendee, 999]}).to_string(),
        ),
        422,
        Some("ids"),
    );
    add(
        "reorder with words".into(),
        request(
            Method::POST,
            &format!("/api/v1/conferences/{conf}/agenda/reorder"),
            token,
            json_type,
            json!({"ids": ["một"]}).to_string(),
        ),
        422,
        Some("ids[0]"),
    );

    // Bad tokens, expired sessions, forged cross-site writes.
    let protected = format!("/api/v1/conferences/{conf}/attendees");
    for (label, auth) in [
        ("empty bearer", "Bearer "),
        ("basic", "Basic YTpi"),
        ("unknown token", "Bearer hn_forged"),
        ("no scheme", "hn_x"),
    ] {
        let mut r = request(Method::GET, &protected, None, None, Body::empty());
        r.headers_mut()
            .insert(header::AUTHORIZATION, auth.parse().unwrap());
        add(format!("token: {label}"), r, 401, Some("token"));
    }
    for label in ["expired session", "forged session"] {
        let mut r = request(Method::GET, &protected, None, None, Body::empty());
        r.headers_mut().insert(
            header::COOKIE,
            format!("hoinghi_session={}", label.replace(' ', "-"))
                .parse()
                .unwrap(),
        );
        add(format!("cookie: {label}"), r, 401, Some("sign in"));
    }
    add(
        "anonymous write".into(),
        request(
            Method::POST,
            &protected,
            None,
            json_type,
            json!({"full_name": "A"}).to_string(),
        ),
        401,
        Some("sign in"),
    );
    add(
        "login: missing password".into(),
        request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            json_type,
            json!({"email": "a@b.vn"}).to_string(),
        ),
        422,
        Some("password"),
    );
    add(
        "login: wrong password".into(),
        request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            json_type,
            json!({"email": "nobody@b.vn", "password": "x"}).to_string(),
        ),
        401,
        Some("wrong"),
    );
    add(
        "members: unknown email".into(),
        request(
            Method::PUT,
            &format!("/api/v1/conferences/{conf}/members"),
            token,
            json_type,
            json!({"email": "ghost@b.vn", "role": "editor"}).to_string(),
        ),
        422,
        Some("email"),
    );
    add(
        "members: bad role".into(),
        request(
            Method::PUT,
            &format!("/api/v1/conferences/{conf}/members"),
            token,
            json_type,
            json!({"email": "ghost@b.vn", "role": "king"}).to_string(),
        ),
        422,
        Some("role"),
    );
    add(
        "token: empty name".into(),
        request(
            Method::POST,
            "/api/v1/auth/tokens",
            token,
            json_type,
            json!({"name": "  "}).to_string(),
        ),
        422,
        Some("name"),
    );
    add(
        "unknown route".into(),
        request(Method::GET, "/api/v1/hoi-nghi", token, None, Body::empty()),
        404,
        Some("route"),
    );
    add(
        "wrong method".into(),
        request(Method::PUT, "/api/v1/conferences", token, json_type, "{}"),
        405,
        Some("method"),
    );
    cases
}

#[tokio::test]
async fn two_hundred_bad_requests_and_no_server_error() {
    let app = spawn_app().await;
    let conf = app.demo().await;
    let (_, other_token) = user(&app.db, "other@example.vn").await;
    let other = app.as_token(&other_token);
    let other_conf = other
        .create("/api/v1/conferences", crate::helpers::conference_body())
        .await["id"]
        .as_i64()
        .unwrap();
    let foreign_attendee = other
        .create(
            &format!("/api/v1/conferences/{other_conf}/attendees"),
            json!({"full_name": "Người ngoài"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let issuer = app
        .get(&format!("/api/v1/conferences/{conf}/issuers"))
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let decision = app
        .get(&format!("/api/v1/conferences/{conf}/decisions"))
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    let before = app
        .get(&format!("/api/v1/conferences/{conf}/programme"))
        .await
        .body;

    let cases = cases(&app, conf, other_conf, foreign_attendee, issuer, decision);
    assert!(cases.len() >= 200, "the corpus has {} cases", cases.len());
    println!("bad-input corpus: {} requests", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let res = app.raw(case.request).await;
        let content_type = res
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let fields: Vec<&str> = res.body["errors"]
            .as_array()
            .map(|e| e.iter().filter_map(|f| f["field"].as_str()).collect())
            .unwrap_or_default();
        let detail = res.body["detail"].as_str().unwrap_or("");
        let named = case.names.as_ref().is_none_or(|n| {
            fields.contains(&n.as_str()) || detail.to_lowercase().contains(&n.to_lowercase())
        });
        if res.status.as_u16() != case.status
            || content_type != "application/problem+json"
            || !named
        {
            failures.push(format!(
                "{}: got {} {content_type} {}",
                case.name, res.status, res.body
            ));
        }
        assert!(
            res.status.as_u16() < 500,
            "{}: server error {}",
            case.name,
            res.body
        );
    }
    assert!(
        failures.is_empty(),
        "{} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Nothing was half-written.
    assert_eq!(
        app.get(&format!("/api/v1/conferences/{conf}/programme"))
            .await
            .body,
        before
    );
}
