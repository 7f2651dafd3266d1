//! The backup document: the whole conference as one JSON object, and reading one back.
//!
//! Each record is written as the input that would recreate it (`domain::input`) plus its old
//! `id`; a restore (`service::backup`) creates everything again through the store's own
//! validation, mapping old ids to new ones in the fields that refer to other records. Ids and
//! agenda guids are new after a restore: the copy is a new conference, and a frab guid must
//! not name two events.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use crate::domain::validate::FieldError;

/// Marks a backup document, so a restore can refuse anything else.
pub const FORMAT: &str = "hoinghi-backup";
pub const VERSION: u64 = 1;

/// A section of a backup: its name and the fields that refer to earlier sections.
pub type Section = (&'static str, &'static [(&'static str, &'static str)]);

/// The sections of a backup, in the order a restore creates them.
pub const SECTIONS: [Section; 6] = [
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

/// One record of a section: the input that recreates it, with its `id`.
pub fn record(input: Value, id: i32) -> Value {
    let mut v = input;
    if let Value::Object(o) = &mut v {
        o.insert("id".into(), json!(id));
    }
    v
}

/// The document of a conference (its input) and its sections, named as in `SECTIONS`.
pub fn document(conference: Value, sections: Vec<(&str, Vec<Value>)>) -> Value {
    let mut doc = Map::new();
    doc.insert("format".into(), json!(FORMAT));
    doc.insert("version".into(), json!(VERSION));
    doc.insert("conference".into(), conference);
    for (name, records) in sections {
        doc.insert(name.into(), Value::Array(records));
    }
    Value::Object(doc)
}

/// A backup whose format and version are known, its parts not yet checked.
pub struct Backup {
    /// The conference's input.
    pub conference: Value,
    sections: Map<String, Value>,
}

/// A part of a backup that is not as this version wrote it.
fn damaged(at: &str, english: String) -> FieldError {
    FieldError::coded(at, "backup-damaged", &[], english)
}

/// Check that `doc` is a backup this version restores.
pub fn open(doc: Value) -> Result<Backup, FieldError> {
    let not_a_backup =
        |field: &str, english: &str| FieldError::coded(field, "not-a-backup", &[], english);
    let Value::Object(mut doc) = doc else {
        return Err(not_a_backup("body", "a backup is a JSON object"));
    };
    if doc.get("format").and_then(Value::as_str) != Some(FORMAT) {
        let english = format!("must be \"{FORMAT}\": this is not a hoinghi backup");
        return Err(not_a_backup("format", &english));
    }
    if doc.get("version").and_then(Value::as_u64) != Some(VERSION) {
        return Err(FieldError::coded(
            "version",
            "backup-version",
            &[("version", VERSION.to_string())],
            format!("this hoinghi restores backups of version {VERSION}"),
        ));
    }
    Ok(Backup {
        conference: doc.remove("conference").unwrap_or(Value::Null),
        sections: doc,
    })
}

impl Backup {
    /// The records of section `name` (none when it is absent).
    pub fn take(&mut self, name: &str) -> Result<Vec<Value>, FieldError> {
        match self.sections.remove(name) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(a)) => Ok(a),
            Some(_) => Err(damaged(name, "must be a list".into())),
        }
    }
}

/// Old ids of restored records, per section, mapped to their new ids.
#[derive(Default)]
pub struct IdMap(HashMap<&'static str, HashMap<i64, i32>>);

impl IdMap {
    pub fn insert(&mut self, section: &'static str, old: i64, new: i32) {
        self.0.entry(section).or_default().insert(old, new);
    }

    /// A record of a section ready to be created: its old id, and its fields with the ids
    /// of earlier sections replaced by the new ones. `at` names it in messages
    /// ("recipients[3]").
    pub fn prepare(
        &self,
        (_, references): Section,
        record: Value,
        at: &str,
    ) -> Result<(Option<i64>, Value), FieldError> {
        let Value::Object(mut fields) = record else {
            return Err(damaged(at, "must be an object".into()));
        };
        let old_id = fields.remove("id").and_then(|v| v.as_i64());
        for (field, target) in references {
            let Some(old) = fields.get(*field).and_then(Value::as_i64) else {
                continue;
            };
            let new = self
                .0
                .get(target)
                .and_then(|m| m.get(&old))
                .ok_or_else(|| {
                    let english =
                        format!("refers to {target} id {old}, which the backup does not hold");
                    damaged(&format!("{at}.{field}"), english)
                })?;
            fields.insert(field.to_string(), json!(new));
        }
        Ok((old_id, Value::Object(fields)))
    }
}
