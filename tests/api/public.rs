//! What anyone may read of a published conference, without signing in: every field of every
//! public answer is listed here, so a field added to a record does not reach the public
//! unnoticed. Members keep seeing the whole record.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::spawn_app;

/// The paths of every field of a JSON document, arrays as `[]`: "agenda[].presenter.full_name".
fn fields(v: &Value) -> BTreeSet<String> {
    fn walk(v: &Value, at: &str, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(o) => {
                for (k, v) in o {
                    let path = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    out.insert(path.clone());
                    walk(v, &path, out);
                }
            }
            Value::Array(a) => {
                for v in a {
                    walk(v, &format!("{at}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(v, "", &mut out);
    out
}

fn set(paths: &[&str]) -> BTreeSet<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

const CONFERENCE: &[&str] = &[
    "id",
    "title",
    "acronym",
    "movement",
    "year_reviewed",
    "held_on",
    "host_body",
    "venue",
    "place_name",
    "time_zone",
    "status",
    "key_figures",
    "key_figures[].label",
    "key_figures[].value",
    "version",
    "created_at",
    "updated_at",
];

/// Private details the organisers typed, which no public answer may carry.
const SECRETS: [&str; 4] = [
    "0912 345 678",
    "Ghế A-07",
    "Ghi chú nội bộ: đón đoàn ở cổng phụ",
    "Toàn văn bài phát biểu, chỉ Ban Tổ chức được xem",
];

#[tokio::test]
async fn a_published_conference_shows_the_public_only_what_is_printed() {
    let app = spawn_app().await;
    let id = app.demo().await;
    let base = format!("/api/v1/conferences/{id}");
    // The organisers' own details: the presenter's contact and seat, an item's notes, a
    // speech's full text.
    let presenter = app.get(&format!("{base}/agenda")).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| !i["presenter_attendee_id"].is_null())
        .cloned()
        .unwrap();
    let attendee = presenter["presenter_attendee_id"].as_i64().unwrap();
    let res = app
        .patch(
            &format!("{base}/attendees/{attendee}"),
            json!({"contact": SECRETS[0], "seat": SECRETS[1]}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = app
        .patch(
            &format!("{base}/agenda/{}", presenter["id"]),
            json!({"notes": SECRETS[2]}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let speech = app.get(&format!("{base}/speeches")).await.body["items"][0]["id"].clone();
    let res = app
        .patch(
            &format!("{base}/speeches/{speech}"),
            json!({"full_text": SECRETS[3]}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);

    // Members see the whole record.
    let whole = app.get(&format!("{base}/programme")).await;
    assert_eq!(whole.status, 200);
    for secret in SECRETS {
        assert!(
            whole.body.to_string().contains(secret),
            "members see {secret}"
        );
    }

    let public = app.anonymous();
    let programme = public.get(&format!("{base}/programme")).await;
    assert_eq!(programme.status, 200, "{}", programme.body);
    let mut expected = set(&[
        "conference",
        "agenda",
        "agenda[].position",
        "agenda[].starts_at",
        "agenda[].duration_minutes",
        "agenda[].kind",
        "agenda[].title",
        "agenda[].presenter",
        "agenda[].presenter.honorific",
        "agenda[].presenter.full_name",
        "agenda[].presenter.position",
        "agenda[].presenter.organisation",
        "agenda[].presenter_text",
        "agenda[].speeches",
        "agenda[].speeches[].kind",
        "agenda[].speeches[].title",
        "agenda[].speeches[].speaker_name",
        "agenda[].speeches[].speaker_position",
        "agenda[].speeches[].planned_minutes",
        "agenda[].speeches[].summary",
        "agenda[].decisions",
        "agenda[].decisions[].number",
        "agenda[].decisions[].decided_on",
        "agenda[].decisions[].form",
        "agenda[].decisions[].title_name",
        "agenda[].decisions[].issuer",
        "agenda[].decisions[].signer_title",
        "agenda[].decisions[].signer_name",
        "agenda[].decisions[].recipients",
        "agenda[].decisions[].recipients[].kind",
        "agenda[].decisions[].recipients[].honorific",
        "agenda[].decisions[].recipients[].name",
        "agenda[].decisions[].recipients[].position",
        "agenda[].decisions[].recipients[].unit",
        "agenda[].decisions[].recipients[].reason",
        "agenda[].decisions[].recipients[].register_number",
    ]);
    expected.extend(CONFERENCE.iter().map(|f| format!("conference.{f}")));
    assert_eq!(fields(&programme.body), expected);
    // As printed: every recipient with a reason, the decision's where it has none of its own.
    let recipients: Vec<&Value> = programme.body["agenda"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["decisions"].as_array().unwrap())
        .flat_map(|d| d["recipients"].as_array().unwrap())
        .collect();
    assert_eq!(recipients.len(), 17);
    assert!(recipients.iter().all(|r| r["reason"].is_string()));

    let summary = public.get(&format!("{base}/awards/summary")).await;
    assert_eq!(summary.status, 200);
    assert_eq!(
        fields(&summary.body),
        set(&[
            "counts",
            "counts[].issuer_id",
            "counts[].issuer",
            "counts[].form",
            "counts[].title_name",
            "counts[].collectives",
            "counts[].individuals",
            "total_collectives",
            "total_individuals",
            "text",
        ])
    );

    let conference = public.get(&base).await;
    assert_eq!(conference.status, 200);
    assert_eq!(fields(&conference.body), set(CONFERENCE));
    let list = public.get("/api/v1/conferences").await;
    assert_eq!(list.status, 200);
    let mut expected = set(&["items", "total"]);
    expected.extend(CONFERENCE.iter().map(|f| format!("items[].{f}")));
    assert_eq!(fields(&list.body), expected);

    // The feeds and the printed programme carry none of the private details either.
    let mut texts = Vec::new();
    for feed in [
        "agenda.ics",
        "schedule.xml",
        "schedule.json",
        "programme.pdf",
    ] {
        let (status, _, bytes) = public.download(&format!("{base}/{feed}")).await;
        assert_eq!(status, 200, "{feed}");
        if feed.ends_with(".pdf") {
            texts.extend(
                crate::helpers::pdf_text(&bytes, "the public programme's text").map(|t| (feed, t)),
            );
        } else {
            texts.push((feed, String::from_utf8(bytes).unwrap()));
        }
    }
    for (feed, text) in &texts {
        for secret in SECRETS {
            assert!(!text.contains(secret), "{feed} shows {secret}");
        }
    }
    for answer in [&programme.body, &summary.body, &conference.body, &list.body] {
        for secret in SECRETS {
            assert!(!answer.to_string().contains(secret), "{secret} is public");
        }
    }
}

#[tokio::test]
async fn public_views_carry_a_validator_and_may_be_kept_a_few_seconds() {
    use axum::http::Method;
    let app = spawn_app().await;
    let id = app.demo().await;
    let public = app.anonymous();
    for view in ["programme", "awards/summary"] {
        let uri = format!("/api/v1/conferences/{id}/{view}");
        let first = public.get(&uri).await;
        assert_eq!(first.status, 200);
        assert_eq!(
            first.headers["cache-control"], "public, max-age=5",
            "{view}"
        );
        assert_eq!(
            first.headers["vary"],
            "Authorization, Cookie, Accept-Language"
        );
        let etag = first.etag();
        assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");
        // The same version: 304 without a body, with the same validator.
        let again = public
            .send(Method::GET, &uri, None, &[("if-none-match", &etag)])
            .await;
        assert_eq!(again.status, 304, "{view}");
        assert_eq!(again.body, Value::Null);
        assert_eq!(again.etag(), etag);
        // Another version held: the whole view.
        let other = public
            .send(Method::GET, &uri, None, &[("if-none-match", "\"0\"")])
            .await;
        assert_eq!(other.status, 200);
        assert_eq!(other.body, first.body);
    }
    // A member's programme is the whole record, for them alone.
    let member = app
        .get(&format!("/api/v1/conferences/{id}/programme"))
        .await;
    assert_eq!(member.headers["cache-control"], "private, no-cache");
    assert_ne!(
        member.etag(),
        public
            .get(&format!("/api/v1/conferences/{id}/programme"))
            .await
            .etag()
    );

    // A change is seen at once: renamed, then unpublished.
    let before = public
        .get(&format!("/api/v1/conferences/{id}/programme"))
        .await;
    move_venue(&app, id).await;
    let after = public
        .get(&format!("/api/v1/conferences/{id}/programme"))
        .await;
    assert_eq!(
        after.body["conference"]["venue"],
        "Nhà văn hóa huyện Kim Sơn"
    );
    assert_ne!(after.etag(), before.etag());
    let res = app
        .patch(
            &format!("/api/v1/conferences/{id}"),
            json!({"status": "draft"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    for view in ["programme", "awards/summary"] {
        let hidden = public
            .get(&format!("/api/v1/conferences/{id}/{view}"))
            .await;
        assert_eq!(hidden.status, 401, "{view} of a draft: {}", hidden.body);
    }
    let missing = public.get("/api/v1/conferences/999999/programme").await;
    assert_eq!(missing.status, 404);
}

/// The public page people open from the invitation's code is kept as the JSON views are: the
/// same bytes and validator for every anonymous visitor in a language, 304 when held, a
/// change seen at once; a signed-in editor's page is theirs alone.
#[tokio::test]
async fn the_public_page_is_kept_and_answers_304() {
    use axum::http::Method;
    let app = spawn_app().await;
    let id = app.demo().await;
    let public = app.anonymous();
    let uri = format!("/p/{id}");
    let vi = [("accept-language", "vi")];
    let first = public.send(Method::GET, &uri, None, &vi).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.headers["cache-control"], "public, max-age=5");
    assert!(
        first.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = first.body.as_str().unwrap().to_string();
    assert!(html.contains("Hội trường UBND huyện Kim Sơn"), "{html}");
    let etag = first.etag();
    // The page in Vietnamese, for a visitor holding the first version.
    let holding = [("accept-language", "vi"), ("if-none-match", etag.as_str())];
    let again = || public.send(Method::GET, &uri, None, &holding);
    let held = again().await;
    assert_eq!(held.status, 304);
    assert_eq!(held.body, Value::Null);
    // English is another page, with its own validator.
    let english = public
        .send(Method::GET, &uri, None, &[("accept-language", "en")])
        .await;
    assert_eq!(english.status, 200);
    assert_ne!(english.etag(), etag);
    // A change is seen at once.
    move_venue(&app, id).await;
    let after = again().await;
    assert_eq!(after.status, 200);
    assert!(
        after
            .body
            .as_str()
            .unwrap()
            .contains("Nhà văn hóa huyện Kim Sơn")
    );
    // The home page (one published conference: its page) too.
    let home = public.send(Method::GET, "/", None, &vi).await;
    assert_eq!(home.status, 200);
    assert_eq!(home.headers["cache-control"], "public, max-age=5");
}

/// An organiser's change the public must see at once: the venue moves.
async fn move_venue(app: &crate::helpers::TestApp, id: i64) {
    let res = app
        .patch(
            &format!("/api/v1/conferences/{id}"),
            json!({"venue": "Nhà văn hóa huyện Kim Sơn"}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
}

/// The public page names each decision with its count and links to its list; the list is a
/// page of its own, searched without diacritics, kept for anonymous visitors with its ETag,
/// and shows nothing of a decision the programme's ceremony does not announce.
#[tokio::test]
async fn each_decision_has_a_public_list_of_its_own() {
    use axum::http::Method;
    let app = spawn_app().await;
    let id = app.demo().await;
    let public = app.anonymous();
    let vi = [("accept-language", "vi")];
    let page = public
        .send(Method::GET, &format!("/p/{id}"), None, &vi)
        .await;
    let html = page.body.as_str().unwrap().to_string();
    // Counts and links, no names: a province's lists are pages of their own.
    assert!(!html.contains("Đặng Văn Ngọc"), "{html}");
    let link = "/p/1/awards/3\"".replace('1', &id.to_string());
    assert!(html.contains(&link), "{html}");
    assert!(html.contains("3 người/đơn vị"), "{html}");

    let uri = format!("/p/{id}/awards/3");
    let list = public.send(Method::GET, &uri, None, &vi).await;
    assert_eq!(list.status, 200);
    assert_eq!(list.headers["cache-control"], "public, max-age=5");
    let text = list.body.as_str().unwrap().to_string();
    for expected in [
        "Bằng khen",
        "Công an xã Kim Chính",
        "Cán bộ và nhân dân xã Kim Đông",
        "<strong>Đặng Văn Ngọc</strong>, Trưởng Công an xã",
        "Hiện 3 trong 3",
    ] {
        assert!(text.contains(expected), "{expected} missing in {text}");
    }
    let etag = list.etag();
    let held = public
        .send(
            Method::GET,
            &uri,
            None,
            &[("accept-language", "vi"), ("if-none-match", etag.as_str())],
        )
        .await;
    assert_eq!(held.status, 304);
    // Searched without diacritics: one of three.
    let found = public
        .send(Method::GET, &format!("{uri}?q=dang+van"), None, &vi)
        .await;
    let text = found.body.as_str().unwrap();
    assert!(
        text.contains("Đặng Văn Ngọc") && !text.contains("xã Kim Đông</strong>"),
        "{text}"
    );
    assert!(text.contains("Hiện 1 trong 1"), "{text}");
    // An unknown decision, a hostile key and a draft conference: nothing shown.
    let missing = public
        .send(Method::GET, &format!("/p/{id}/awards/999999"), None, &vi)
        .await;
    assert_eq!(missing.status, 404);
    let odd = public
        .send(Method::GET, &format!("{uri}?after=9.9.9.9.x"), None, &vi)
        .await;
    assert_eq!(odd.status, 200);
    // An address that is not an id is a page in the reader's language, not plain text.
    for odd in ["/p/abc", "/p/1/awards/abc", "/p/99999999999/awards/3"] {
        let page = public.send(Method::GET, odd, None, &vi).await;
        assert_eq!(page.status, 404, "{odd}");
        assert!(
            page.body.as_str().unwrap().contains("Không tìm thấy"),
            "{odd}: {}",
            page.body
        );
    }
    let draft = app.conference().await;
    let hidden = public
        .send(Method::GET, &format!("/p/{draft}/awards/3"), None, &vi)
        .await;
    assert_eq!(hidden.status, 404);
}
