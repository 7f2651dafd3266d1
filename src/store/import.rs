//! Imports of whole lists (attendees, award recipients with their decisions), written in the
//! caller's transaction so that a file imports entirely or not at all, with one audit event.

use std::collections::{BTreeMap, HashMap};

use entity::{award_decision as decision, issuer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;

use super::attendee::Attendees;
use super::audit::{self, Event};
use super::award::{Decisions, Issuers, Recipients};
use super::{Resource, conference, resource};
use crate::domain::access::Actor;
use crate::domain::input::{
    AttendeeInput, AwardRow, ImportSummary, NearRepeat, NewDecision, NewIssuer, RecipientInput,
};
use crate::domain::issuers::style_of;
use crate::domain::text::{fold, same_text_key};
use crate::error::{AppError, AppResult, FieldError};

/// Store attendees read from `file_name`, each with the row it came from.
pub async fn attendees<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    file_name: &str,
    rows: Vec<(usize, AttendeeInput)>,
) -> AppResult<ImportSummary> {
    let stored: Vec<(i32, String, String)> = resource::all::<Attendees, C>(db, conference_id)
        .await?
        .into_iter()
        .map(|m| (0, m.full_name, m.organisation.unwrap_or_default()))
        .collect();
    let mut summary = ImportSummary::default();
    let rows = without_repeats(rows, &stored, &mut summary, |a| {
        (
            0,
            a.full_name.clone(),
            a.organisation.clone().unwrap_or_default(),
        )
    });
    insert_new::<Attendees, C>(db, actor, (conference_id, file_name), rows, summary).await
}

/// Store award recipients read from `file_name`, finding their issuer by name and their
/// decision by issuer and number, and creating those that do not exist yet. `columns`
/// names the header of each field, for messages.
pub async fn awards<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    file_name: &str,
    rows: Vec<(usize, AwardRow)>,
    columns: &BTreeMap<String, String>,
) -> AppResult<ImportSummary> {
    let conf = conference::get(db, conference_id).await?;
    let mut issuers: HashMap<String, issuer::Model> = issuer::Entity::find()
        .filter(issuer::Column::ConferenceId.eq(conference_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (same_text_key(&m.name), m))
        .collect();
    let mut decisions: HashMap<(i32, String), i32> = decision::Entity::find()
        .filter(decision::Column::ConferenceId.eq(conference_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| ((m.issuer_id, same_text_key(&m.number)), m.id))
        .collect();
    let mut summary = ImportSummary::default();
    let mut numbers = Vec::with_capacity(rows.len());
    let mut inputs: Vec<RecipientInput> = Vec::with_capacity(rows.len());
    let header = |field: &str| columns.get(field).cloned().unwrap_or_else(|| field.into());
    for (
        row,
        AwardRow {
            decision: d,
            mut recipient,
        },
    ) in rows
    {
        let at = format!("row {row}");
        let key = same_text_key(&d.issuer);
        let issuer = match issuers.get(&key) {
            Some(m) => m.clone(),
            None => {
                // Heading, signer and place as the issuing body's name implies; the report
                // shows them so that the organiser can correct them.
                let style = style_of(&d.issuer);
                let body = json!({
                    "name": d.issuer,
                    "level": style.level.code(),
                    "place_name": style.place_name.as_deref().unwrap_or(&conf.place_name),
                    "certificate_heading": style.certificate_heading,
                    "signer_title": d.signer_title.as_deref().unwrap_or(&style.signer_title),
                });
                let m = resource::create::<Issuers, C>(db, actor, conference_id, body)
                    .await
                    .map_err(|e| e.within(&at))?;
                summary.created_issuers.push(m.name.clone());
                summary.new_issuers.push(NewIssuer {
                    name: m.name.clone(),
                    level: m.level.clone(),
                    certificate_heading: m.certificate_heading.clone(),
                    signer_title: m.signer_title.clone(),
                    place_name: m.place_name.clone(),
                });
                issuers.insert(key, m.clone());
                m
            }
        };
        let dkey = (issuer.id, same_text_key(&d.number));
        let decision_id = match decisions.get(&dkey) {
            Some(&id) => id,
            None => {
                let mut missing = Vec::new();
                let what = format!("decision {} of {} is new and needs", d.number, issuer.name);
                let decision = [
                    ("number", d.number.clone()),
                    ("issuer", issuer.name.clone()),
                ];
                let mut needs = |field: &str, code: &str, english: String| {
                    let at = format!("{at}, '{}'", header(field));
                    missing.push(FieldError::coded(at, code, &decision, english));
                };
                if d.decided_on.is_none() {
                    needs(
                        "decided_on",
                        "new-decision-date",
                        format!("{what} its date"),
                    );
                }
                if d.form.is_none() {
                    let english = format!("{what} its form (Bằng khen, Giấy khen …)");
                    needs("form", "new-decision-form", english);
                }
                if !missing.is_empty() {
                    return Err(AppError::Validation(missing));
                }
                let body = json!({
                    "issuer_id": issuer.id,
                    "number": d.number,
                    "decided_on": d.decided_on,
                    "form": d.form,
                    "title_name": d.title_name,
                    "signer_title": d.signer_title.as_deref().unwrap_or(&issuer.signer_title),
                    // Lists rarely carry the signer (typed once per decision): the decision is
                    // stored without one, and its certificates do not print until it is given.
                    "signer_name": d.signer_name.as_deref().unwrap_or(""),
                });
                let m = resource::create::<Decisions, C>(db, actor, conference_id, body)
                    .await
                    .map_err(|e| e.within(&at))?;
                summary.new_decisions.push(NewDecision {
                    number: m.number.clone(),
                    issuer: issuer.name.clone(),
                    signed: !m.signer_name.is_empty(),
                });
                let named = format!("{} of {}", m.number, issuer.name);
                if m.signer_name.is_empty() {
                    summary.decisions_without_signer.push(named.clone());
                }
                summary.created_decisions.push(named);
                decisions.insert(dkey, m.id);
                m.id
            }
        };
        recipient.decision_id = decision_id;
        numbers.push(row);
        inputs.push(recipient);
    }
    let stored: Vec<(i32, String, String)> = resource::all::<Recipients, C>(db, conference_id)
        .await?
        .into_iter()
        .map(|m| (m.decision_id, m.name, m.unit.unwrap_or_default()))
        .collect();
    let rows = without_repeats(
        numbers.into_iter().zip(inputs).collect(),
        &stored,
        &mut summary,
        |r: &RecipientInput| {
            (
                r.decision_id,
                r.name.clone(),
                r.unit.clone().unwrap_or_default(),
            )
        },
    );
    insert_new::<Recipients, C>(db, actor, (conference_id, file_name), rows, summary).await
}

/// The rows that are not already stored. A row with the same name and unit as a stored
/// record (and the same decision, for recipients), as [`same_text_key`] compares them, is
/// counted in `already_there` and left out, so importing a file twice adds nothing; one that
/// differs only as [`fold`] forgets (diacritics, case, punctuation) is kept and listed in
/// `near_repeats`.
fn without_repeats<T>(
    rows: Vec<(usize, T)>,
    stored: &[(i32, String, String)],
    summary: &mut ImportSummary,
    key: impl Fn(&T) -> (i32, String, String),
) -> Vec<(usize, T)> {
    use std::collections::HashSet;
    let exact: HashSet<(i32, String, String)> = stored
        .iter()
        .map(|(g, n, u)| (*g, same_text_key(n), same_text_key(u)))
        .collect();
    let loose: HashMap<(i32, String, String), &str> = stored
        .iter()
        .map(|(g, n, u)| ((*g, fold(n), fold(u)), n.as_str()))
        .collect();
    rows.into_iter()
        .filter(|(row, item)| {
            let (group, name, unit) = key(item);
            if exact.contains(&(group, same_text_key(&name), same_text_key(&unit))) {
                summary.already_there += 1;
                return false;
            }
            if let Some(stored) = loose.get(&(group, fold(&name), fold(&unit))) {
                summary.near_repeats.push(NearRepeat {
                    row: *row,
                    name,
                    stored: stored.to_string(),
                });
            }
            true
        })
        .collect()
}

/// One audit event for the whole import: who, which file, how many rows.
/// Insert the rows left (each labelled by its row in the file for messages), count them in
/// the summary, and audit the import.
async fn insert_new<R: Resource, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    (conference_id, file_name): (i32, &str),
    rows: Vec<(usize, R::Input)>,
    mut summary: ImportSummary,
) -> AppResult<ImportSummary> {
    let (numbers, inputs): (Vec<usize>, Vec<R::Input>) = rows.into_iter().unzip();
    summary.imported = resource::insert_batch::<R, C>(db, conference_id, inputs, |i| {
        format!("row {}", numbers[i])
    })
    .await?;
    record(db, actor, conference_id, R::NOUN, file_name, &summary).await?;
    Ok(summary)
}

async fn record<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    resource: &str,
    file_name: &str,
    summary: &ImportSummary,
) -> AppResult<()> {
    let detail = json!({
        "file": file_name,
        "rows": summary.imported,
        "already_there": summary.already_there,
        "created_issuers": summary.created_issuers,
        "created_decisions": summary.created_decisions,
        "decisions_without_signer": summary.decisions_without_signer,
    });
    audit::record(
        db,
        actor,
        Event::detail(conference_id, "import", resource, detail),
    )
    .await
}
