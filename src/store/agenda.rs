//! The agenda (chương trình): ordered items with a start, a duration and a presenter.

use chrono::Utc;
use entity::agenda_item::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, TransactionSession, TransactionTrait,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::attendee::Attendees;
use super::audit;
use super::resource::{Resource, ensure_reference, scoped};
use crate::domain::access::Actor;
use crate::domain::input::AgendaItemInput;
use crate::domain::kinds::AgendaKind;
use crate::domain::validate::FieldError;
use crate::error::{AppError, AppResult};

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgendaFilter {
    /// Only items of this kind.
    pub kind: Option<AgendaKind>,
}

pub struct Agenda;

impl Resource for Agenda {
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Input = AgendaItemInput;
    type Filter = AgendaFilter;
    const NOUN: &'static str = "agenda item";

    scoped!(ConferenceId);

    fn select(select: Select<Entity>, f: &AgendaFilter) -> Select<Entity> {
        let select = match &f.kind {
            Some(k) => select.filter(Column::Kind.eq(k.code())),
            None => select,
        };
        select
            .order_by_asc(Column::Position)
            .order_by_asc(Column::StartsAt)
            .order_by_asc(Column::Id)
    }

    fn to_input(m: &Model) -> AgendaItemInput {
        AgendaItemInput {
            position: Some(m.position),
            starts_at: m.starts_at.fixed_offset(),
            duration_minutes: Some(m.duration_minutes),
            ends_at: None,
            kind: m.kind.clone(),
            title: m.title.clone(),
            presenter_attendee_id: m.presenter_attendee_id,
            presenter_text: m.presenter_text.clone(),
            notes: m.notes.clone(),
        }
    }

    fn validate(i: &mut AgendaItemInput) -> Result<(), Vec<FieldError>> {
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        _: Option<&Model>,
        i: &mut AgendaItemInput,
    ) -> AppResult<()> {
        ensure_reference::<Attendees, C>(
            db,
            conference_id,
            i.presenter_attendee_id,
            "presenter_attendee_id",
        )
        .await?;
        if i.position.is_none() {
            i.position = Some(last_position(db, conference_id).await? + 1);
        }
        Ok(())
    }

    fn to_active(conference_id: i32, i: AgendaItemInput, existing: Option<&Model>) -> ActiveModel {
        ActiveModel {
            conference_id: Set(conference_id),
            position: Set(i.position.unwrap_or(1)),
            starts_at: Set(i.starts_at.with_timezone(&Utc)),
            duration_minutes: Set(i.duration_minutes.unwrap_or(0)),
            kind: Set(i.kind),
            title: Set(i.title),
            presenter_attendee_id: Set(i.presenter_attendee_id),
            presenter_text: Set(i.presenter_text),
            notes: Set(i.notes),
            guid: Set(existing.map_or_else(uuid::Uuid::new_v4, |m| m.guid)),
            ..Default::default()
        }
    }
}

async fn last_position<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<i32> {
    let max: Option<Option<i32>> = Entity::find()
        .select_only()
        .column_as(Column::Position.max(), "max")
        .filter(Column::ConferenceId.eq(conference_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0))
}

/// Put the agenda in the order of `ids`, which must name every item of the conference once,
/// and move the start times so that they follow the durations in the new order, each slot
/// keeping the gap (or overlap) it had before it: the printed programme sorts by time, so
/// a new order shows there too. Each moved time is a `patch`, audited like any change.
pub async fn reorder<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    ids: &[i32],
) -> AppResult<Vec<Model>> {
    super::conference::ensure_exists(db, conference_id).await?;
    let txn = db.begin().await?;
    let items = Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .all(&txn)
        .await?;
    let mut known: Vec<i32> = items.iter().map(|m| m.id).collect();
    let mut given = ids.to_vec();
    known.sort_unstable();
    given.sort_unstable();
    if known != given {
        let missing: Vec<String> = known
            .iter()
            .filter(|id| !ids.contains(id))
            .map(i32::to_string)
            .collect();
        let unknown: Vec<String> = ids
            .iter()
            .filter(|id| !known.contains(id))
            .map(i32::to_string)
            .collect();
        let mut problems = Vec::new();
        if !missing.is_empty() {
            problems.push(format!("missing items {}", missing.join(", ")));
        }
        if !unknown.is_empty() {
            problems.push(format!(
                "no items {} in this conference",
                unknown.join(", ")
            ));
        }
        if given.windows(2).any(|w| w[0] == w[1]) {
            problems.push("an item is listed twice".to_string());
        }
        // Typically the agenda changed since the page was loaded: worded as such.
        let english = format!("must list every agenda item once: {}", problems.join("; "));
        return Err(AppError::invalid("ids", "agenda-order", &[], english));
    }
    for (n, item) in ids.iter().enumerate() {
        let current = items.iter().find(|m| m.id == *item).expect("checked above");
        if current.position != n as i32 + 1 {
            Entity::update_many()
                .col_expr(Column::Position, (n as i32 + 1).into())
                .col_expr(Column::Version, (current.version + 1).into())
                .filter(Column::Id.eq(*item))
                .exec(&txn)
                .await?;
        }
    }
    let mut slots = items.clone();
    slots.sort_by_key(|m| (m.position, m.id));
    let mut next: Option<chrono::DateTime<Utc>> = None;
    for (n, item) in ids.iter().enumerate() {
        let current = items.iter().find(|m| m.id == *item).expect("checked above");
        let start = match next {
            None => slots[0].starts_at,
            Some(t) => t + chrono::Duration::minutes(gap(&slots[n - 1], &slots[n])),
        };
        next = Some(start + chrono::Duration::minutes(i64::from(current.duration_minutes)));
        if start != current.starts_at {
            super::resource::patch::<Agenda, _>(
                &txn,
                actor,
                conference_id,
                current.id,
                serde_json::json!({ "starts_at": start.to_rfc3339() }),
                None,
            )
            .await?;
        }
    }
    let before: Vec<i32> = slots.iter().map(|m| m.id).collect();
    audit::record(
        &txn,
        actor,
        audit::Event {
            conference_id: Some(conference_id),
            action: "reorder",
            resource: Agenda::NOUN,
            resource_id: None,
            before: Some(serde_json::json!({ "ids": before })),
            after: Some(serde_json::json!({ "ids": ids })),
            detail: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .order_by_asc(Column::Position)
        .order_by_asc(Column::Id)
        .all(db)
        .await?)
}

/// The minutes between the end of `previous` and the start of `item` (negative: overlap).
pub fn gap(previous: &Model, item: &Model) -> i64 {
    (item.starts_at - ends(previous)).num_minutes()
}

/// When an item ends: its start plus its duration.
pub fn ends(item: &Model) -> chrono::DateTime<Utc> {
    item.starts_at + chrono::Duration::minutes(i64::from(item.duration_minutes))
}

/// When the conference starts: its earliest agenda item, if it has any.
pub async fn first_start<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Option<chrono::DateTime<Utc>>> {
    Ok(Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .order_by_asc(Column::StartsAt)
        .one(db)
        .await?
        .map(|m| m.starts_at))
}
