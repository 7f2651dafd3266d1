//! The agenda (chương trình): ordered items with a start, a duration and a presenter.

use chrono::{DateTime, FixedOffset, Utc};
use entity::agenda_item::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Select, TransactionSession, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::attendee::Attendees;
use super::audit;
use super::resource::{Resource, ensure_reference, scoped};
use crate::domain::access::Actor;
use crate::domain::kinds::AgendaKind;
use crate::domain::validate::{Checker, FieldError, LONG, NAME, TITLE};
use crate::error::{AppError, AppResult};

/// The writable fields of an agenda item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemInput {
    /// Place in the programme; a new item goes last when absent.
    pub position: Option<i32>,
    /// Start, RFC 3339 with offset: "2019-03-14T07:30:00+07:00".
    pub starts_at: DateTime<FixedOffset>,
    /// Length in minutes; give this or `ends_at`.
    pub duration_minutes: Option<i32>,
    /// End, RFC 3339; when given it sets the duration and must be after the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<DateTime<FixedOffset>>,
    #[schema(value_type = AgendaKind)]
    pub kind: String,
    pub title: String,
    /// The presenter, when an attendee.
    pub presenter_attendee_id: Option<i32>,
    /// The presenter as free text ("Đồng chí Chủ tịch UBND huyện").
    pub presenter_text: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgendaFilter {
    /// Only items of this kind.
    #[param(value_type = Option<AgendaKind>)]
    pub kind: Option<String>,
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
            Some(k) => select.filter(Column::Kind.eq(k.trim())),
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
        let mut c = Checker::new();
        if let Some(p) = i.position {
            c.range("position", p, 1, 10_000);
        }
        match (i.ends_at.take(), i.duration_minutes) {
            (Some(end), _) if end <= i.starts_at => c.error(
                "ends_at",
                format!(
                    "ends at {} but starts at {}; the end must be after the start",
                    end.to_rfc3339(),
                    i.starts_at.to_rfc3339()
                ),
            ),
            (Some(end), _) => i.duration_minutes = Some((end - i.starts_at).num_minutes() as i32),
            (None, None) => c.error("duration_minutes", "give duration_minutes or ends_at"),
            (None, Some(_)) => {}
        }
        if let Some(d) = i.duration_minutes {
            c.range("duration_minutes", d, 0, 24 * 60);
        }
        c.code::<AgendaKind>("kind", &mut i.kind);
        c.text("title", &mut i.title, TITLE);
        c.opt_text("presenter_text", &mut i.presenter_text, NAME);
        c.opt_long_text("notes", &mut i.notes, LONG);
        c.finish()
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

/// Put the agenda in the order of `ids`, which must name every item of the conference once.
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
        return Err(AppError::field(
            "ids",
            format!("must list every agenda item once: {}", problems.join("; ")),
        ));
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
    let before: Vec<i32> = {
        let mut by_position = items.clone();
        by_position.sort_by_key(|m| (m.position, m.id));
        by_position.iter().map(|m| m.id).collect()
    };
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
