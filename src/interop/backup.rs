//! The whole conference as one JSON document, and its restore into a new conference.
//!
//! Each record is written as the input that would recreate it (`Resource::to_input`) plus
//! its old `id`; a restore creates everything again through the store's own validation, in
//! one transaction, mapping old ids to new ones in the fields that refer to other records.
//! Ids and agenda guids are new after a restore: the copy is a new conference, and a frab
//! guid must not name two events.

use std::collections::HashMap;

use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::{Map, Value, json};

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::store::agenda::Agenda;
use crate::store::attendee::Attendees;
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::conference::{self, Conferences};
use crate::store::speech::Speeches;
use crate::store::{Resource, begin_write, resource};

/// Marks a backup document, so a restore can refuse anything else.
pub const FORMAT: &str = "hoinghi-backup";
pub const VERSION: u64 = 1;

/// The sections of a backup, in the order a restore creates them, each with the fields that
/// refer to earlier sections.
const SECTIONS: [(&str, &[(&str, &str)]); 6] = [
    ("attendees", &[]),
    ("agenda", &[("presenter_attendee_id", "attendees")]),
    (
        "speeches",
        &[
            ("speaker_attendee_id", "attendees"),
            ("agenda_item_id", "agenda"),
        ],
    ),
    ("issuers", &[]),
    ("decisions", &[("issuer_id", "issuers")]),
    ("recipients", &[("decision_id", "decisions")]),
];

async fn section<R: Resource, C: sea_orm::ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Value> {
    let rows = resource::all::<R, C>(db, conference_id).await?;
    rows.iter()
        .map(|m| {
            let mut v = serde_json::to_value(R::to_input(m)).map_err(AppError::internal)?;
            if let Value::Object(o) = &mut v {
                o.insert("id".into(), json!(R::id(m)));
            }
            Ok(v)
        })
        .collect::<AppResult<Vec<Value>>>()
        .map(Value::Array)
}

/// The conference and everything in it, as one JSON document.
pub async fn export(db: &DatabaseConnection, conference_id: i32) -> AppResult<Value> {
    // One read transaction: a consistent picture even while others write.
    let txn = db.begin().await?;
    let conf = conference::get(&txn, conference_id).await?;
    let doc = json!({
        "format": FORMAT,
        "version": VERSION,
        "conference": Conferences::to_input(&conf),
        "attendees": section::<Attendees, _>(&txn, conference_id).await?,
        "agenda": section::<Agenda, _>(&txn, conference_id).await?,
        "speeches": section::<Speeches, _>(&txn, conference_id).await?,
        "issuers": section::<Issuers, _>(&txn, conference_id).await?,
        "decisions": section::<Decisions, _>(&txn, conference_id).await?,
        "recipients": section::<Recipients, _>(&txn, conference_id).await?,
    });
    txn.commit().await?;
    Ok(doc)
}

/// Rebuild a backup as a new conference owned by `actor`; all of it or, at the first
/// problem (named by section and index), nothing. Returns the new conference's id.
pub async fn restore(db: &DatabaseConnection, actor: &Actor, doc: Value) -> AppResult<i32> {
    let Value::Object(mut doc) = doc else {
        return Err(AppError::field("body", "a backup is a JSON object"));
    };
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(AppError::field(
            "format",
            format!("must be \"{FORMAT}\": this is not a hoinghi backup"),
        ));
    }
    if doc.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return Err(AppError::field(
            "version",
            format!("this hoinghi restores backups of version {VERSION}"),
        ));
    }
    let txn = begin_write(db).await?;
    let body = doc.remove("conference").unwrap_or(Value::Null);
    let conf = conference::create(&txn, actor, body)
        .await
        .map_err(|e| e.within("conference"))?;
    let mut ids: HashMap<&str, HashMap<i64, i32>> = HashMap::new();
    for (name, references) in SECTIONS {
        let records = match doc.remove(name) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a,
            Some(_) => return Err(AppError::field(name, "must be a list")),
        };
        let mut new_ids = HashMap::new();
        for (index, record) in records.into_iter().enumerate() {
            let at = format!("{name}[{index}]");
            let Value::Object(mut fields) = record else {
                return Err(AppError::field(at, "must be an object"));
            };
            let old_id = fields.remove("id").and_then(|v| v.as_i64());
            remap(&mut fields, references, &ids, &at)?;
            let body = Value::Object(fields);
            let id = match name {
                "attendees" => create::<Attendees>(&txn, actor, conf.id, body).await,
                "agenda" => create::<Agenda>(&txn, actor, conf.id, body).await,
                "speeches" => create::<Speeches>(&txn, actor, conf.id, body).await,
                "issuers" => create::<Issuers>(&txn, actor, conf.id, body).await,
                "decisions" => create::<Decisions>(&txn, actor, conf.id, body).await,
                _ => create::<Recipients>(&txn, actor, conf.id, body).await,
            }
            .map_err(|e| e.within(&at))?;
            if let Some(old) = old_id {
                new_ids.insert(old, id);
            }
        }
        ids.insert(name, new_ids);
    }
    txn.commit().await?;
    Ok(conf.id)
}

async fn create<R: Resource>(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    conference_id: i32,
    body: Value,
) -> AppResult<i32> {
    Ok(R::id(
        &resource::create::<R, _>(txn, actor, conference_id, body).await?,
    ))
}

/// Replace old ids by new ones in the fields that refer to records restored before.
fn remap(
    fields: &mut Map<String, Value>,
    references: &[(&str, &str)],
    ids: &HashMap<&str, HashMap<i64, i32>>,
    at: &str,
) -> AppResult<()> {
    for (field, target) in references {
        let Some(old) = fields.get(*field).and_then(Value::as_i64) else {
            continue;
        };
        let new = ids.get(target).and_then(|m| m.get(&old)).ok_or_else(|| {
            AppError::field(
                format!("{at}.{field}"),
                format!("refers to {target} id {old}, which the backup does not hold"),
            )
        })?;
        fields.insert(field.to_string(), json!(new));
    }
    Ok(())
}
