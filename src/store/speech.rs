//! Speeches: the review report, contributions, the directive speech and the host's reply.

use entity::speech::{ActiveModel, Column, Entity, Model};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, QueryFilter, QueryOrder, Select};
use serde::Deserialize;
use utoipa::IntoParams;

use super::agenda::Agenda;
use super::attendee::Attendees;
use super::resource::{Resource, ensure_reference, scoped};
use crate::domain::input::SpeechInput;
use crate::domain::validate::FieldError;
use crate::error::AppResult;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpeechFilter {
    /// Only speeches given at this agenda item.
    pub agenda_item_id: Option<i32>,
}

pub struct Speeches;

impl Resource for Speeches {
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Input = SpeechInput;
    type Filter = SpeechFilter;
    const NOUN: &'static str = "speech";

    scoped!(ConferenceId);

    fn select(select: Select<Entity>, f: &SpeechFilter) -> Select<Entity> {
        let select = match f.agenda_item_id {
            Some(a) => select.filter(Column::AgendaItemId.eq(a)),
            None => select,
        };
        select.order_by_asc(Column::Id)
    }

    fn to_input(m: &Model) -> SpeechInput {
        SpeechInput {
            speaker_attendee_id: m.speaker_attendee_id,
            speaker_name: m.speaker_name.clone(),
            speaker_position: m.speaker_position.clone(),
            kind: m.kind.clone(),
            title: m.title.clone(),
            planned_minutes: m.planned_minutes,
            summary: m.summary.clone(),
            full_text: m.full_text.clone(),
            agenda_item_id: m.agenda_item_id,
        }
    }

    fn validate(i: &mut SpeechInput) -> Result<(), Vec<FieldError>> {
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        _: Option<&Model>,
        i: &mut SpeechInput,
    ) -> AppResult<()> {
        ensure_reference::<Attendees, C>(
            db,
            conference_id,
            i.speaker_attendee_id,
            "speaker_attendee_id",
        )
        .await?;
        ensure_reference::<Agenda, C>(db, conference_id, i.agenda_item_id, "agenda_item_id").await
    }

    fn to_active(conference_id: i32, i: SpeechInput, _: Option<&Model>) -> ActiveModel {
        ActiveModel {
            conference_id: Set(conference_id),
            speaker_attendee_id: Set(i.speaker_attendee_id),
            speaker_name: Set(i.speaker_name),
            speaker_position: Set(i.speaker_position),
            kind: Set(i.kind),
            title: Set(i.title),
            planned_minutes: Set(i.planned_minutes),
            summary: Set(i.summary),
            full_text: Set(i.full_text),
            agenda_item_id: Set(i.agenda_item_id),
            ..Default::default()
        }
    }
}
