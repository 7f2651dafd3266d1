//! Malformed requests get their proper 4xx as problem+json, never a 500.

use axum::body::Body;
use axum::http::{Method, Request};
use serde_json::json;

use crate::helpers::spawn_app;

#[tokio::test]
async fn malformed_bodies_and_unknown_routes() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let uri = format!("/api/v1/conferences/{id}/attendees");

    let malformed = Request::post(&uri)
        .header("content-type", "application/json")
        .body(Body::from("{\"full_name\": "))
        .unwrap();
    app.raw(malformed).await.problem(400);

    let not_json = Request::post(&uri)
        .header("content-type", "text/plain")
        .body(Body::from("Nguyễn Văn A"))
        .unwrap();
    app.raw(not_json).await.problem(415);
    let no_type = Request::post(&uri).body(Body::from("{}")).unwrap();
    app.raw(no_type).await.problem(415);

    let huge = format!("{{\"full_name\": \"{}\"}}", "a".repeat(2 * 1024 * 1024));
    let oversize = Request::post(&uri)
        .header("content-type", "application/json")
        .body(Body::from(huge))
        .unwrap();
    app.raw(oversize).await.problem(413);

    let array = app.post(&uri, json!([1, 2])).await;
    assert_eq!(array.problem(422), ["body"]);

    app.get(&format!("/api/v1/conferences/{id}/attendees/9999"))
        .await
        .problem(404);
    app.get("/api/v1/conferences/9999/attendees")
        .await
        .problem(404);
    app.post(
        "/api/v1/conferences/9999/attendees",
        json!({"full_name": "A"}),
    )
    .await
    .problem(404);
    app.get(&format!("/api/v1/conferences/{id}/attendees/abc"))
        .await
        .problem(400);
    app.get("/api/v1/nothing-here").await.problem(404);
    app.send(Method::PUT, &uri, Some(json!({})), &[])
        .await
        .problem(405);
    app.send(
        Method::PATCH,
        &format!("{uri}/1"),
        Some(json!({})),
        &[("if-match", "yesterday")],
    )
    .await
    .problem(400);
}

#[tokio::test]
async fn ids_of_another_conference_are_not_found() {
    let app = spawn_app().await;
    let a = app.conference().await;
    let b = app.conference().await;
    let person = app
        .create(
            &format!("/api/v1/conferences/{a}/attendees"),
            json!({"full_name": "Lê Thị Hoa"}),
        )
        .await;
    let pid = person["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/conferences/{b}/attendees/{pid}"))
        .await
        .problem(404);
    app.patch(
        &format!("/api/v1/conferences/{b}/attendees/{pid}"),
        json!({"seat": "A1"}),
    )
    .await
    .problem(404);
    app.delete(&format!("/api/v1/conferences/{b}/attendees/{pid}"))
        .await
        .problem(404);
    // Nor can another conference's attendee present an item here.
    let item = app
        .post(
            &format!("/api/v1/conferences/{b}/agenda"),
            json!({"starts_at": "2025-01-10T08:00:00+07:00", "duration_minutes": 10, "kind": "report", "title": "Báo cáo", "presenter_attendee_id": pid}),
        )
        .await;
    assert_eq!(item.problem(422), ["presenter_attendee_id"]);
}

#[tokio::test]
async fn the_openapi_document_covers_every_route() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await.body;
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for resource in [
        "agenda",
        "attendees",
        "speeches",
        "issuers",
        "decisions",
        "recipients",
    ] {
        let collection = &paths[&format!("/api/v1/conferences/{{conference_id}}/{resource}")];
        let item = &paths[&format!("/api/v1/conferences/{{conference_id}}/{resource}/{{id}}")];
        for (path, methods) in [
            (collection, &["get", "post"][..]),
            (item, &["get", "patch", "delete"][..]),
        ] {
            for m in methods {
                assert!(path.get(m).is_some(), "{resource}: {m} is documented");
            }
        }
    }
    for p in [
        "/api/v1/conferences",
        "/api/v1/conferences/{id}",
        "/api/v1/conferences/{id}/programme",
        "/api/v1/conferences/{id}/awards/summary",
        "/api/v1/conferences/{conference_id}/agenda/reorder",
        "/healthz",
        "/api/v1/openapi.json",
        "/api/v1/docs",
    ] {
        assert!(paths.contains_key(p), "{p} is documented");
    }
    // Every documented operation answers with something other than 404-no-route or 405.
    let anonymous = app.anonymous();
    for (path, ops) in paths {
        let uri = path.replace("{conference_id}", "1").replace("{id}", "1");
        for method in ops.as_object().unwrap().keys() {
            let res = anonymous
                .send(method.to_uppercase().parse().unwrap(), &uri, None, &[])
                .await;
            assert!(
                res.body
                    .get("type")
                    .is_none_or(|t| t != "urn:hoinghi:problem:no-route"
                        && t != "urn:hoinghi:problem:method-not-allowed"),
                "{method} {uri}"
            );
        }
    }
    let mut ids: Vec<&str> = paths
        .values()
        .flat_map(|p| p.as_object().unwrap().values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    let count = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), count, "operation ids are unique");
    let page = app.get("/api/v1/docs").await;
    assert!(
        page.body
            .as_str()
            .unwrap()
            .contains("/api/v1/docs/redoc.standalone.js"),
        "the reference page loads its script from this server"
    );
    assert!(!page.body.as_str().unwrap().contains("cdn"), "no CDN");
    assert_eq!(app.get("/healthz").await.status, 200);
}

/// Defect 7 of issue 11: a number out of range in the query string was a 500 (a panic in
/// the database layer) or a 400 without the parameter's name; now a 422 naming it.
#[tokio::test]
async fn numeric_query_parameters_out_of_range_are_named() {
    let app = spawn_app().await;
    let id = app.conference().await;
    let anon = app.anonymous();
    for (uri, parameter) in [
        (
            "/api/v1/conferences?offset=9223372036854775808".to_string(),
            "offset",
        ),
        (
            "/api/v1/conferences?offset=18446744073709551616".to_string(),
            "offset",
        ),
        ("/api/v1/conferences?offset=-1".to_string(), "offset"),
        ("/api/v1/conferences?limit=-5".to_string(), "limit"),
        (
            "/api/v1/conferences?limit=99999999999999999999999".to_string(),
            "limit",
        ),
        (
            format!("/api/v1/conferences/{id}/attendees?offset=9223372036854775808"),
            "offset",
        ),
        (
            format!("/api/v1/conferences/{id}/decisions?issuer_id=2147483648"),
            "issuer_id",
        ),
        (
            format!("/api/v1/conferences/{id}/recipients?decision_id=-99999999999"),
            "decision_id",
        ),
        (
            format!("/api/v1/conferences/{id}/speeches?agenda_item_id=1e99"),
            "agenda_item_id",
        ),
        (
            format!("/api/v1/conferences/{id}/audit?limit=0&offset=1"),
            "limit",
        ),
    ] {
        let res = if uri.starts_with("/api/v1/conferences?") {
            anon.get(&uri).await
        } else {
            app.get(&uri).await
        };
        assert_eq!(res.problem(422), [parameter], "{uri}: {}", res.body);
    }
    // The largest offset the databases count is accepted: an empty page.
    let res = anon
        .get("/api/v1/conferences?offset=9223372036854775807")
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.body["items"], json!([]));
}
