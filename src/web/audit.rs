//! A conference's audit log: who changed or printed what and when, newest first, each change
//! shown field by field (only what changed), filtered by action, resource and actor.

use std::collections::{BTreeSet, HashMap};

use axum::Router;
use axum::extract::Query;
use axum::routing::get;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde_json::Value;

use super::account::moment;
use super::i18n::Tr;
use super::page::{Chrome, WebResult, page_after, render};
use super::page::{In, Writes};
use crate::app::AppState;
use crate::service::members;
use crate::store;
use crate::store::audit::Filter;
use crate::store::resource::Paging;

pub fn router() -> Router<AppState> {
    Router::new().route("/app/c/{id}/audit", get(log))
}

/// Events on a page.
const PER_PAGE: u64 = 100;

/// Fields every record has that say nothing about the change itself.
const BOOKKEEPING: &[&str] = &[
    "id",
    "conference_id",
    "version",
    "created_at",
    "updated_at",
    "search_key",
    // A member's account: the log names it by email beside the event.
    "user_id",
];

#[derive(askama::Template)]
#[template(path = "web/audit.html")]
struct AuditPage {
    c: Chrome,
    rows: Vec<Row>,
    /// The filter's three selects: (name, label, [(value, label)], chosen).
    filters: Vec<Select>,
    filtered: bool,
    /// "1–100 of 250", and the links to the first page and the next (by key).
    range: String,
    /// The first page, from a later one; the page after this one.
    first: Option<String>,
    next: Option<String>,
}

struct Select {
    name: &'static str,
    label: String,
    options: Vec<(String, String)>,
    chosen: String,
}

struct Row {
    when: String,
    actor: String,
    action: String,
    /// What was acted on: "Đại biểu · Nguyễn Văn An".
    what: String,
    /// (field, before, after) of each field that changed.
    changes: Vec<(String, String, String)>,
    /// (label, value) of what the event tells besides (a print's options, an import's counts).
    details: Vec<(String, String)>,
}

async fn log(
    In { state, c, id, .. }: In<Writes>,
    Query(q): Query<HashMap<String, String>>,
) -> WebResult {
    let tr = c.tr;
    let chosen = |name: &str| {
        q.get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    // The page after the event `after` (the last one a page showed), by key; anything
    // that is not an id gives the first page.
    let after = q.get("after").and_then(|a| a.trim().parse::<i64>().ok());
    let filter = Filter {
        action: chosen("action"),
        resource: chosen("resource"),
        actor: chosen("actor"),
        before: after.filter(|a| *a > 0),
    };
    let paging = Paging {
        limit: Some(PER_PAGE),
        offset: None,
    };
    let events = members::search_audit_log(&state.db, &c.actor, id, &filter, paging).await?;
    let offset = store::audit::newer(&state.db, id, &filter).await?;
    let (actions, resources, actors) = members::audit_kinds(&state.db, &c.actor, id).await?;
    let tz = store::conference::time_zone(&store::conference::get(&state.db, id).await?);

    // Members are named by their account's email, which the events keep only by id.
    let member_ids: Vec<i32> = events
        .items
        .iter()
        .filter(|e| e.resource == "member")
        .filter_map(|e| e.resource_id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let emails = store::account::emails_of(&state.db, &member_ids).await?;

    let rows = events
        .items
        .iter()
        .map(|e| {
            let mut what = resource_label(&tr, &e.resource);
            let name = if e.resource == "member" {
                e.resource_id.and_then(|uid| emails.get(&uid).cloned())
            } else {
                [e.after.as_ref(), e.before.as_ref()]
                    .into_iter()
                    .flatten()
                    .find_map(name_of)
            };
            if let Some(name) = name {
                what = format!("{what} · {name}");
            } else if let Some(rid) = e.resource_id {
                what = format!("{what} #{rid}");
            }
            Row {
                when: moment(&tr, &e.at, tz),
                actor: e.actor.clone(),
                action: action_label(&tr, &e.action),
                what,
                changes: changes(&tr, tz, e.before.as_ref(), e.after.as_ref()),
                details: details(&tr, tz, e.detail.as_ref()),
            }
        })
        .collect();

    // The filter's selects, each labelled `audit-filter-<name>`.
    let select =
        |name, values: Vec<String>, show: &dyn Fn(&str) -> String, chosen: &Option<String>| {
            Select {
                name,
                label: tr.t(&format!("audit-filter-{name}")),
                options: values
                    .into_iter()
                    .map(|v| (show(&v), v))
                    .map(|(l, v)| (v, l))
                    .collect(),
                chosen: chosen.clone().unwrap_or_default(),
            }
        };
    let filters = vec![
        select("action", actions, &|v| action_label(&tr, v), &filter.action),
        select(
            "resource",
            resources,
            &|v| resource_label(&tr, v),
            &filter.resource,
        ),
        select("actor", actors, &|v| v.to_string(), &filter.actor),
    ];

    let kept = [
        ("action", filter.action.as_deref().unwrap_or("")),
        ("resource", filter.resource.as_deref().unwrap_or("")),
        ("actor", filter.actor.as_deref().unwrap_or("")),
    ];
    let base = format!("/app/c/{id}/audit");
    let link =
        |after: Option<i64>| page_after(&base, &kept, after.map(|a| a.to_string()).as_deref());
    let shown = events.items.len() as u64;
    let range = if shown == 0 {
        String::new()
    } else {
        tr.t2(
            "audit-range",
            (
                "from",
                format!("{}–{}", tr.number(offset + 1), tr.number(offset + shown)).into(),
            ),
            ("total", tr.number(events.total).into()),
        )
    };
    let first = filter.before.is_some().then(|| link(None));
    let last = events.items.last().map(|e| e.id);
    let next = last
        .filter(|_| offset + shown < events.total)
        .map(|l| link(Some(l)));
    let filtered = filter.narrows();
    render(AuditPage {
        c,
        rows,
        filters,
        filtered,
        range,
        first,
        next,
    })
}

fn action_label(tr: &Tr, action: &str) -> String {
    let label = tr.known(&format!("audit-action-{action}"));
    label.unwrap_or_else(|| action.to_string())
}

fn resource_label(tr: &Tr, resource: &str) -> String {
    let label = tr.known(&format!("audit-resource-{}", resource.replace(' ', "-")));
    label.unwrap_or_else(|| resource.to_string())
}

/// The name a record goes by, if it has one.
fn name_of(record: &Value) -> Option<String> {
    ["full_name", "name", "title", "number"]
        .iter()
        .find_map(|k| record.get(*k).and_then(Value::as_str))
        .filter(|s| !s.is_empty())
        .map(short)
}

/// A field's label: the forms' own label where the catalogs have one, else its name.
fn field_label(tr: &Tr, name: &str) -> String {
    let name_key = name.replace('_', "-");
    let label = tr.known(&format!("audit-field-{name_key}"));
    let label = label.or_else(|| tr.known(&format!("field-{name_key}")));
    label.unwrap_or_else(|| name.to_string())
}

/// A value as a person reads it: a vocabulary code by its label, yes/no, text as it is.
fn value_text(tr: &Tr, tz: Tz, name: &str, value: Option<&Value>) -> String {
    if let Some(Value::String(s)) = value
        && let Some(when) = when_text(tr, tz, s)
    {
        return when;
    }
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) if name == "printout" => resource_label(tr, s),
        Some(Value::String(s)) => Some(s)
            .filter(|s| !s.is_empty() && !s.contains(' '))
            .and_then(|s| tr.known(&format!("{name}-{s}")))
            .unwrap_or_else(|| short(s)),
        Some(Value::Bool(true)) => tr.t("people-yes"),
        Some(Value::Bool(false)) => tr.t("people-no"),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => short(&other.to_string()),
    }
}

/// A stored moment, date or time as the user reads it (moments in the conference's zone).
fn when_text(tr: &Tr, tz: Tz, s: &str) -> Option<String> {
    match s.len() {
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(|d| tr.date(&d)),
        8 => NaiveTime::parse_from_str(s, "%H:%M:%S")
            .ok()
            .map(|t| tr.time(&t)),
        20.. => DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|at| moment(tr, &at.with_timezone(&Utc), tz)),
        _ => None,
    }
}

/// Long texts cut to a readable length.
fn short(s: &str) -> String {
    const MAX: usize = 300;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// The fields that differ between before and after, in the order the record lists them.
fn changes(
    tr: &Tr,
    tz: Tz,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Vec<(String, String, String)> {
    let empty = serde_json::Map::new();
    let b = before.and_then(Value::as_object).unwrap_or(&empty);
    let a = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut names: Vec<&String> = a.keys().collect();
    names.extend(b.keys().filter(|k| !a.contains_key(*k)));
    names
        .into_iter()
        .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
        .filter_map(|k| {
            let was = value_text(tr, tz, k, b.get(k));
            let is = value_text(tr, tz, k, a.get(k));
            (was != is).then(|| (field_label(tr, k), was, is))
        })
        .collect()
}

fn details(tr: &Tr, tz: Tz, detail: Option<&Value>) -> Vec<(String, String)> {
    match detail {
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| (field_label(tr, k), value_text(tr, tz, k, Some(v))))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![(String::new(), value_text(tr, tz, "", Some(other)))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Lang;
    use serde_json::json;

    #[test]
    fn only_the_fields_that_changed_are_shown_in_words() {
        let tr = Tr::new(Lang::Vi);
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let before = json!({"id": 4, "version": 1, "full_name": "Nguyễn Văn An", "category": "delegate", "seat": null, "vip": false});
        let after = json!({"id": 4, "version": 2, "full_name": "Nguyễn Văn An", "category": "leader", "seat": "A3", "vip": true});
        let c = changes(&tr, tz, Some(&before), Some(&after));
        let names: Vec<_> = c.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names.len(), 3, "{c:?}");
        assert!(
            c.iter()
                .any(|(_, b, a)| b == &tr.t("category-delegate") && a == &tr.t("category-leader"))
        );
        assert!(
            c.iter()
                .any(|(n, b, a)| n == &tr.t("audit-field-seat") && b.is_empty() && a == "A3")
        );
        assert!(
            c.iter()
                .any(|(_, b, a)| b == &tr.t("people-no") && a == &tr.t("people-yes"))
        );
        // A creation shows what was set; a deletion what was there.
        let created = changes(&tr, tz, None, Some(&after));
        assert_eq!(created.len(), 4);
        assert!(
            changes(&tr, tz, Some(&before), None)
                .iter()
                .all(|(_, _, a)| a.is_empty())
        );
    }

    #[test]
    fn moments_dates_and_times_are_written_as_the_user_reads_them() {
        let tz = chrono_tz::Asia::Ho_Chi_Minh;
        let vi = Tr::new(Lang::Vi);
        assert_eq!(
            when_text(&vi, tz, "2026-11-29T23:02:29.668870466Z").as_deref(),
            Some("30/11/2026 06h02")
        );
        assert_eq!(
            when_text(&vi, tz, "2019-03-14").as_deref(),
            Some("14/3/2019")
        );
        assert_eq!(when_text(&vi, tz, "07:30:00").as_deref(), Some("07h30"));
        assert_eq!(when_text(&vi, tz, "Hội trường"), None);
        assert_eq!(when_text(&vi, tz, "Nguyễn Văn Hùng, Chủ tịch UBND"), None);
    }

    #[test]
    fn a_record_is_named_by_its_name() {
        assert_eq!(
            name_of(&json!({"full_name": "Bà Lê Thị Hoa"})).as_deref(),
            Some("Bà Lê Thị Hoa")
        );
        assert_eq!(
            name_of(&json!({"title": "Khai mạc", "id": 3})).as_deref(),
            Some("Khai mạc")
        );
        assert_eq!(name_of(&json!({"role": "editor"})), None);
        assert_eq!(short(&"a".repeat(400)).chars().count(), 301);
    }
}
