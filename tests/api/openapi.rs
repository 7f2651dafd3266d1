//! The OpenAPI document says what the server accepts (issue 11, defect 8): every enum value
//! and every example it documents for a request body or a query parameter is accepted.

use std::collections::BTreeSet;

use axum::http::Method;
use serde_json::{Value, json};

use crate::helpers::{
    FILE, TestApp, conference_body, decision_body, issuer_body, run_tool, spawn_app, user,
};

/// Resolve `$ref`, and a nullable `oneOf`/`anyOf`/`allOf` wrapper, to the schema within.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        return resolve(doc, &doc["components"]["schemas"][name]);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(alts) = schema[key].as_array()
            && let Some(inner) = alts.iter().find(|s| s["type"] != "null")
        {
            return resolve(doc, inner);
        }
    }
    schema
}

/// The name of the component schema a reference (or a nullable wrapper of one) points to.
fn schema_name(schema: &Value) -> Option<String> {
    if let Some(r) = schema["$ref"].as_str() {
        return Some(r.rsplit('/').next().unwrap().to_string());
    }
    ["oneOf", "anyOf", "allOf"].iter().find_map(|k| {
        schema[*k]
            .as_array()
            .and_then(|alts| alts.iter().find_map(schema_name))
    })
}

/// The values a schema documents: its enum, and its examples.
fn documented(schema: &Value, resolved: &Value) -> Vec<Value> {
    let mut values: Vec<Value> = resolved["enum"].as_array().cloned().unwrap_or_default();
    for s in [schema, resolved] {
        values.extend(s.get("example").cloned());
        values.extend(s["examples"].as_array().cloned().unwrap_or_default());
    }
    values
}

/// A valid body for a route that creates or sets something; `n` keeps names distinct.
async fn valid_body(app: &TestApp, path: &str, conference: i64, n: usize) -> Option<Value> {
    let tail = path.rsplit('/').next().unwrap();
    Some(match tail {
        "conferences" => conference_body(),
        "attendees" => json!({"full_name": format!("Nguyễn Văn {n}")}),
        "agenda" => {
            json!({"starts_at": "2025-01-10T08:00:00+07:00", "kind": "opening", "duration_minutes": 10,
                           "title": format!("Khai mạc {n}")})
        }
        "speeches" => json!({"kind": "other", "title": format!("Phát biểu {n}"),
                             "speaker_name": "Lê Văn Bình"}),
        "issuers" => issuer_body(&format!("UBND tỉnh số {n}")),
        "decisions" => {
            let issuer = app
                .create(
                    &format!("/api/v1/conferences/{conference}/issuers"),
                    issuer_body(&format!("Cơ quan {n}")),
                )
                .await;
            let mut d = decision_body(&issuer["id"], &format!("{n}/QĐ-UBND"));
            d["title_name"] = json!("Lao động tiên tiến");
            d
        }
        "recipients" => {
            let decision = Box::pin(valid_body(app, "/decisions", conference, n + 100_000))
                .await
                .unwrap();
            let decision = app
                .create(
                    &format!("/api/v1/conferences/{conference}/decisions"),
                    decision,
                )
                .await;
            json!({"decision_id": decision["id"], "kind": "individual",
                   "name": format!("Đặng Văn {n}")})
        }
        "members" => json!({"email": "colleague@kimson.gov.vn", "role": "viewer"}),
        "printers" => json!({"name": format!("Máy in {n}"), "offset_x_mm": 0, "offset_y_mm": 0}),
        // The designer's preview and check of the saved layout.
        "preview" | "check" => json!({}),
        _ => return None,
    })
}

#[tokio::test]
async fn every_documented_enum_value_and_example_is_accepted() {
    let app = spawn_app().await;
    user(&app.db, "colleague@kimson.gov.vn").await;
    let conference = app.conference().await;
    let doc = app.get("/api/v1/openapi.json").await.body;
    let mut enums_seen = BTreeSet::new();
    let mut tried = 0;
    let mut n = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        let uri = path
            .replace("{conference_id}", &conference.to_string())
            .replace("{id}", &conference.to_string())
            .replace("{kind}", "bang_khen");
        for (method, op) in item.as_object().unwrap() {
            // Request bodies of the routes that create or set something.
            let body_schema = &op["requestBody"]["content"]["application/json"]["schema"];
            let method = match method.as_str() {
                "post" => Method::POST,
                "put" => Method::PUT,
                "get" => Method::GET,
                _ => continue,
            };
            if method != Method::GET && !body_schema.is_null() && !path.ends_with("}") {
                let schema = resolve(&doc, body_schema);
                for (field, prop) in schema["properties"].as_object().into_iter().flatten() {
                    let resolved = resolve(&doc, prop);
                    enums_seen.extend(
                        resolved["enum"]
                            .is_array()
                            .then(|| schema_name(prop))
                            .flatten(),
                    );
                    for value in documented(prop, resolved) {
                        n += 1;
                        let Some(mut body) = valid_body(&app, path, conference, n).await else {
                            panic!("{method} {path}: no valid body to try {field} = {value} on");
                        };
                        body[field] = value.clone();
                        let res = app.send(method.clone(), &uri, Some(body), &[]).await;
                        assert!(
                            res.status.is_success(),
                            "{method} {path} with {field} = {value}: {} {}",
                            res.status,
                            res.body
                        );
                        tried += 1;
                    }
                }
            }
            // Query parameters of the lists (of the routes whose path it can fill in).
            if method == Method::GET && !uri.contains('{') {
                for param in op["parameters"].as_array().into_iter().flatten() {
                    if param["in"] != "query" {
                        continue;
                    }
                    let resolved = resolve(&doc, &param["schema"]);
                    enums_seen.extend(
                        resolved["enum"]
                            .is_array()
                            .then(|| schema_name(&param["schema"]))
                            .flatten(),
                    );
                    let mut values = documented(&param["schema"], resolved);
                    values.extend(param.get("example").cloned());
                    for value in values {
                        let text = value
                            .as_str()
                            .map_or_else(|| value.to_string(), str::to_string);
                        let name = param["name"].as_str().unwrap();
                        let res = app.get(&format!("{uri}?{name}={text}")).await;
                        // A layout other than the decisions' own is a valid value the
                        // data refuses: the certificates of a bằng khen are not giấy khen.
                        let other_kind = res.body["errors"][0]["code"] == "layout-other-kind";
                        assert!(
                            res.status.is_success() || (name == "layout" && other_kind),
                            "GET {path}?{name}={text}: {} {}",
                            res.status,
                            res.body
                        );
                        tried += 1;
                    }
                }
            }
        }
    }
    // The vocabularies of a layout's elements, nested in the body of the layout route: each
    // value saved in a layout. An image element is refused there with its own message (a
    // layout kept by the server reads no files; it is for layout files on disk).
    let layouts = [
        ("Align", "align"),
        ("Case", "case"),
        ("ElementKind", "kind"),
        ("FaceStyle", "face"),
        ("Field", "field"),
        ("Layer", "layer"),
        ("Orientation", "orientation"),
    ];
    for (name, key) in layouts {
        let values = doc["components"]["schemas"][name]["enum"]
            .as_array()
            .unwrap();
        for value in values {
            let mut layout = json!({"name": "Thử", "paper": "A4"});
            let mut element = json!({"name": "x", "layer": "variable", "box": [10, 10, 180, 30],
                                     "field": "reason", "size": 12});
            match (key, value.as_str().unwrap()) {
                ("orientation", _) => layout["orientation"] = value.clone(),
                ("kind", "double_border") => {
                    element = json!({"name": "x", "layer": "static", "box": [10, 10, 180, 30],
                                     "kind": "double_border"})
                }
                ("kind", "qr") => {
                    element = json!({"name": "x", "layer": "variable", "box": [10, 10, 30, 30],
                                     "kind": "qr"})
                }
                ("kind", "emblem") => {
                    element = json!({"name": "x", "layer": "static", "box": [10, 10, 30, 30],
                                     "kind": "emblem"})
                }
                ("kind", "image") => {
                    element = json!({"name": "x", "layer": "static", "box": [10, 10, 180, 30],
                                     "kind": "image", "image": "quoc_huy.png"})
                }
                _ => element[key] = value.clone(),
            }
            layout["element"] = json!([element]);
            let uri = format!("/api/v1/conferences/{conference}/layouts/bang_khen");
            let res = app
                .send(Method::PUT, &uri, Some(json!({"layout": layout})), &[])
                .await;
            if value == "image" {
                assert!(
                    res.body["detail"]
                        .as_str()
                        .unwrap()
                        .contains("cannot read picture files"),
                    "{}",
                    res.body
                );
            } else {
                assert!(res.status.is_success(), "{name} {value}: {}", res.body);
            }
            tried += 1;
        }
        enums_seen.insert(name.to_string());
    }
    // Every vocabulary the document lists was tried through some route, but those that only
    // describe answers (what an import detected in a file).
    let answers_only = ["Encoding", "Format"];
    let all_enums: BTreeSet<String> = doc["components"]["schemas"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, s)| s["enum"].is_array() && !answers_only.contains(&name.as_str()))
        .map(|(name, _)| name.clone())
        .collect();
    let untried: Vec<_> = all_enums.difference(&enums_seen).collect();
    assert!(untried.is_empty(), "enums never tried: {untried:?}");
    assert!(tried > 40, "only {tried} values tried");
}

/// The award forms the document lists are the codes the server stores and accepts.
#[tokio::test]
async fn the_documented_award_forms_are_the_stored_codes() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await.body;
    assert_eq!(
        doc["components"]["schemas"]["AwardForm"]["enum"],
        json!([
            "huan_chuong",
            "huy_chuong",
            "title",
            "bang_khen",
            "giay_khen"
        ])
    );
}

/// The document is a valid OpenAPI 3.1 document by a validator nobody here wrote (issue 26):
/// openapi-spec-validator, from the virtual environment `.ci/run` makes (`HOINGHI_VENV`).
#[tokio::test]
async fn the_document_passes_openapi_spec_validator() {
    let app = spawn_app().await;
    let doc = app.get("/api/v1/openapi.json").await.body;
    assert_eq!(doc["openapi"], "3.1.0");
    let Some(out) = run_tool(
        "python3-openapi_spec_validator",
        &[
            "-m",
            "openapi_spec_validator",
            "--schema",
            "3.1",
            "--validation-errors",
            "all",
            FILE,
        ],
        doc.to_string().as_bytes(),
        "validating the OpenAPI document",
    ) else {
        return;
    };
    assert!(out.contains("OK"), "{out}");
}

/// A document with a response lacking its description is refused: the validator test above
/// can fail.
#[test]
fn openapi_spec_validator_refuses_a_response_without_description() {
    let doc = json!({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {}}}}}});
    let python = ["python3", "/usr/bin/python3"]
        .map(std::path::PathBuf::from)
        .into_iter()
        .chain([hoinghi::test_support::venv().join("bin/python3")])
        .find(|p| {
            std::process::Command::new(p)
                .args(["-c", "import openapi_spec_validator"])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    let Some(python) = python else {
        // The test above says SKIPPED (or fails under HOINGHI_REQUIRE_ALL=1).
        return;
    };
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), doc.to_string()).unwrap();
    let out = std::process::Command::new(python)
        .args(["-m", "openapi_spec_validator", "--schema", "3.1"])
        .arg(file.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("description"),
        "{out:?}"
    );
}

/// The bounds the document states for the fields of a body (numeric ranges, lengths, the
/// text pattern) are the ones the server enforces (issue 26): at each bound the value is
/// accepted, one step past it refused with a 422 naming the field.
#[tokio::test]
async fn stated_bounds_are_the_enforced_ones() {
    let app = spawn_app().await;
    user(&app.db, "colleague@kimson.gov.vn").await;
    let conference = app.conference().await;
    let doc = app.get("/api/v1/openapi.json").await.body;
    let mut n = 0;
    let mut checked = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(op) = item.get("post") else { continue };
        let body_schema = &op["requestBody"]["content"]["application/json"]["schema"];
        if body_schema.is_null() || path.ends_with('}') {
            continue;
        }
        let uri = path
            .replace("{conference_id}", &conference.to_string())
            .replace("{id}", &conference.to_string())
            .replace("{kind}", "bang_khen");
        let schema = resolve(&doc, body_schema);
        for (field, prop) in schema["properties"].as_object().into_iter().flatten() {
            let prop = resolve(&doc, prop);
            let mut cases: Vec<(Value, bool)> = Vec::new();
            let integer = prop["type"] == "integer"
                || prop["type"]
                    .as_array()
                    .is_some_and(|t| t.contains(&json!("integer")));
            let step = if integer { 1.0 } else { 0.5 };
            if let Some(min) = prop["minimum"].as_f64() {
                cases.push((json!(min), true));
                cases.push((json!(min - step), false));
            }
            if let Some(max) = prop["maximum"].as_f64() {
                cases.push((json!(max), true));
                cases.push((json!(max + step), false));
            }
            if let Some(max) = prop["maxLength"].as_u64() {
                cases.push((json!("ă".repeat(max as usize)), true));
                cases.push((json!("ă".repeat(max as usize + 1)), false));
            }
            if prop["pattern"].is_string() {
                cases.push((json!(" \tĐức\u{0007}Anh "), false));
                cases.push((json!("Đức\u{202E}Anh"), false));
                cases.push((json!(" Đức Anh\n"), true));
            }
            if cases.is_empty() {
                continue;
            }
            for (value, accepted) in cases {
                let value = if integer {
                    json!(value.as_f64().unwrap() as i64)
                } else {
                    value
                };
                n += 1;
                let Some(mut body) = valid_body(&app, path, conference, n).await else {
                    panic!("POST {path}: no valid body to try {field} = {value} on");
                };
                body[field] = value.clone();
                if field == "year_reviewed" {
                    body["held_on"] = json!(format!("{}-12-31", value.as_i64().unwrap().max(2000)));
                }
                let res = app.send(Method::POST, &uri, Some(body), &[]).await;
                if accepted {
                    assert!(
                        res.status.is_success(),
                        "POST {path} with {field} = {value}: {} {}",
                        res.status,
                        res.body
                    );
                } else {
                    assert_eq!(
                        res.status, 422,
                        "POST {path} with {field} = {value}: {}",
                        res.body
                    );
                    assert!(
                        res.body["errors"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .any(|e| e["field"] == *field),
                        "POST {path} with {field} = {value}: {}",
                        res.body
                    );
                }
            }
            checked.insert(format!("{path} {field}"));
        }
    }
    // The inputs of every record are among those checked.
    for expected in [
        "conferences year_reviewed",
        "conferences title",
        "attendees rank",
        "agenda duration_minutes",
        "issuers name",
        "decisions signer_title",
        "recipients name",
        "speeches full_text",
        "printers offset_x_mm",
    ] {
        let (tail, field) = expected.split_once(' ').unwrap();
        assert!(
            checked
                .iter()
                .any(|c| c.ends_with(&format!("/{tail} {field}"))),
            "{expected} not checked: {checked:?}"
        );
    }
}
