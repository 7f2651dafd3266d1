//! The answers every route can give because of the extractors and layers it passes, added
//! to the OpenAPI document in one place rather than repeated on each route: 400 (a path, a
//! query string, a body or an If-Match that does not parse), 413 and 415 (a body too large
//! or not of the declared type), 422 (a query value or a field that is not accepted), 404
//! (an id in the path that does not exist), 412 (If-Match), 503 (timeout, busy). Also the
//! shapes of the parameters the extractors accept: ids in a path are i32 numbers from 1,
//! If-Match is an ETag this server sends. A route's own errors name `body = Problem`; they
//! are answered, and documented here, as `application/problem+json`.

use serde_json::{Map, Value, json};

use std::sync::LazyLock;

use super::extract::IF_MATCH_PATTERN;

/// A list of ids in a query (`?decision=3,7`): numbers separated by commas, spaces around
/// them and empty places allowed. [`id_list`] checks it; the document states it.
pub const ID_LIST_PATTERN: &str = r"^ *([0-9]{1,9} *)?(, *([0-9]{1,9} *)?)*$";

/// The schema of an id list parameter (`#[param(schema_with = id_list_schema)]`).
pub fn id_list_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(ID_LIST_PATTERN))
        .description(Some("Ids separated by commas: `3,7`"))
        .build()
}

/// The ids of an id list parameter, or a 422 naming the parameter and the first word that
/// is not an id.
pub fn id_list(param: &str, value: Option<&str>) -> crate::error::AppResult<Vec<i32>> {
    static PATTERN: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(ID_LIST_PATTERN).expect("a valid pattern"));
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    let words = value
        .split(',')
        .map(|w| w.trim_matches(' '))
        .filter(|w| !w.is_empty());
    if !PATTERN.is_match(value) {
        let bad = words
            .clone()
            .find(|w| !(w.len() <= 9 && w.bytes().all(|b| b.is_ascii_digit())))
            .unwrap_or(value);
        return Err(crate::error::AppError::field(
            param,
            format!("'{bad}' is not an id; give ids separated by commas"),
        ));
    }
    Ok(words
        .map(|w| w.parse().expect("digits, by the pattern"))
        .collect())
}

/// The problem+json answer of `status`, worded by `description`.
fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    })
}

/// Complete the document served at `/api/v1/openapi.json` (see the module's comment).
pub fn complete(doc: &mut Value) {
    merge_patches(doc);
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        if !path.starts_with("/api/") {
            continue;
        }
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        // Everything but signing in, and this document, may need an account.
        let open = matches!(path.as_str(), "/api/v1/auth/login" | "/api/v1/openapi.json")
            || path.starts_with("/api/v1/docs");
        for (method, op) in item.iter_mut() {
            if let Some(op) = op.as_object_mut() {
                complete_operation(op, method, !open, method != "get" || path.contains('{'));
            }
        }
    }
}

/// A PATCH body is a JSON merge patch (RFC 7396) of the input a POST takes: the same
/// fields with the same rules, none of them required. Each such input gets a `…Patch`
/// schema, its copy without `required`, and the PATCH routes point to it.
fn merge_patches(doc: &mut Value) {
    let mut patched = Vec::new();
    for item in doc
        .get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|p| p.values_mut())
    {
        let Some(schema) = item
            .pointer_mut("/patch/requestBody/content/application~1json/schema")
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
            .map(str::to_string)
        else {
            continue;
        };
        schema.insert(
            "$ref".into(),
            json!(format!("#/components/schemas/{name}Patch")),
        );
        patched.push(name);
    }
    let schemas = &mut doc["components"]["schemas"];
    for name in patched {
        let mut patch = schemas[&name].clone();
        if let Some(patch) = patch.as_object_mut() {
            let required: Vec<Value> = patch
                .remove("required")
                .and_then(|r| r.as_array().cloned())
                .unwrap_or_default();
            // Null removes a member (RFC 7396): an optional field goes back to its default.
            for (field, prop) in patch
                .get_mut("properties")
                .and_then(Value::as_object_mut)
                .into_iter()
                .flatten()
            {
                if !required.contains(&json!(field)) && !allows_null(prop) {
                    *prop = json!({"anyOf": [prop.take(), {"type": "null"}]});
                }
            }
            let what = patch
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            patch.insert(
                "description".into(),
                json!(format!("A JSON merge patch of {name}: only the fields to change; null clears an optional one. {what}")),
            );
        }
        schemas[format!("{name}Patch")] = patch;
    }
}

/// Whether a property's schema already accepts null.
fn allows_null(schema: &Value) -> bool {
    schema["type"] == "null"
        || schema["type"]
            .as_array()
            .is_some_and(|t| t.contains(&json!("null")))
        || ["oneOf", "anyOf"].iter().any(|k| {
            schema[*k]
                .as_array()
                .is_some_and(|alts| alts.iter().any(allows_null))
        })
}

/// `signed`: the route may need sign-in (401); `guarded`: a role or membership may be
/// lacking, or a cookie-signed write come from another site (403).
fn complete_operation(op: &mut Map<String, Value>, method: &str, signed: bool, guarded: bool) {
    let mut in_path = false;
    let mut in_query = false;
    let mut if_match = false;
    for param in op
        .get_mut("parameters")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        match param["in"].as_str() {
            Some("path") => {
                in_path = true;
                if param["schema"]["format"] == "int32" {
                    // Every id (and version number) in a path is an i32 from 1.
                    param["schema"]["minimum"] = json!(1);
                    param["schema"]["maximum"] = json!(i32::MAX);
                }
            }
            Some("query") => in_query = true,
            Some("header")
                if param["name"]
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case("if-match")) =>
            {
                if_match = true;
                param["schema"] = json!({"type": "string", "pattern": IF_MATCH_PATTERN});
            }
            _ => {}
        }
    }
    let body = op.contains_key("requestBody");
    let responses = op
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("responses is an object");
    // A route states `body = Problem` for its own errors; every Problem is problem+json.
    for response in responses.values_mut() {
        let content = response.get_mut("content").and_then(Value::as_object_mut);
        if let Some(content) = content
            && content
                .get("application/json")
                .map(|c| &c["schema"]["$ref"])
                == Some(&json!("#/components/schemas/Problem"))
            && let Some(problem) = content.remove("application/json")
        {
            content.insert("application/problem+json".into(), problem);
        }
    }
    let mut add = |status: &str, description: &str| {
        responses
            .entry(status.to_string())
            .or_insert_with(|| problem(description));
    };
    if in_path || in_query || body || if_match {
        add(
            "400",
            "Malformed: a path parameter, the query string, the body or If-Match does not parse (code invalid-path, invalid-query, malformed-json, unreadable-body, invalid-if-match)",
        );
    }
    if signed {
        add(
            "401",
            "Sign-in required, or the token or session is no longer valid (code sign-in)",
        );
    }
    if signed && guarded {
        add(
            "403",
            "Not allowed: not a member, a viewer writing, or a write signed by cookie from another site",
        );
    }
    if in_path {
        add(
            "404",
            "A record named in the path does not exist (code not-found; args what, id)",
        );
    }
    if if_match {
        add(
            "412",
            "Changed by someone else meanwhile (code changed-meanwhile; args what, current, sent)",
        );
    }
    if body {
        add(
            "413",
            "The body is larger than the route accepts (code payload-too-large; args limit)",
        );
        add(
            "415",
            "The body is not of the declared content type (code unsupported-media-type)",
        );
    }
    if body || in_query || matches!(method, "post" | "put" | "patch") {
        add(
            "422",
            "Invalid fields or query values, each named in errors; or the data does not allow it (a typed problem: code and args)",
        );
    }
    add(
        "503",
        "Stopped after the time limit (code timeout), or the server is busy with work of this kind (code busy; Retry-After)",
    );
}

/// A body that is one of several component schemas (`anyOf`), for an answer whose shape
/// depends on who asks or on what happened: `any_of!(ProgrammeAnswer: Programme, PublicProgramme)`.
/// Only the document uses the type; the handler answers one of the members.
macro_rules! any_of {
    ($(#[$meta:meta])* $name:ident: $($member:ty),+) => {
        $(#[$meta])*
        pub struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::AnyOfBuilder::new()
                    $(.item(utoipa::openapi::Ref::from_schema_name(<$member as utoipa::ToSchema>::name())))+
                    .into()
            }
        }

        impl utoipa::ToSchema for $name {
            fn schemas(
                schemas: &mut Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>,
            ) {
                $(
                    schemas.push((
                        <$member as utoipa::ToSchema>::name().into(),
                        <$member as utoipa::PartialSchema>::schema(),
                    ));
                    <$member as utoipa::ToSchema>::schemas(schemas);
                )+
            }
        }
    };
}
pub(crate) use any_of;
