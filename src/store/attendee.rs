//! Attendees (đại biểu): leaders, guests, delegates, press and staff.

use chrono::{DateTime, FixedOffset, Utc};
use entity::attendee::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::resource::{Resource, scoped};
use crate::domain::kinds::{Attendance, AttendeeCategory, Honorific};
use crate::domain::text::fold;
use crate::domain::validate::{Checker, FieldError, NAME, SHORT, TITLE};
use crate::error::AppResult;

/// The writable fields of an attendee.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendeeInput {
    #[schema(value_type = Option<Honorific>)]
    pub honorific: Option<String>,
    pub full_name: String,
    /// Chức vụ: "Phó Chủ tịch UBND huyện".
    pub position: Option<String>,
    pub organisation: Option<String>,
    /// Default `delegate`.
    #[schema(value_type = Option<AttendeeCategory>)]
    pub category: Option<String>,
    /// Order of introduction: lower comes first (default 1000).
    pub rank: Option<i32>,
    pub contact: Option<String>,
    pub seat: Option<String>,
    /// Default `invited`.
    #[schema(value_type = Option<Attendance>)]
    pub attendance: Option<String>,
    pub checked_in_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendeeFilter {
    /// Words of the full name, with or without diacritics and in any case: "nguyen van"
    /// finds "Nguyễn Văn Đức" (and "Nguyên Văn …": the marks are ignored).
    pub q: Option<String>,
    #[param(value_type = Option<AttendeeCategory>)]
    pub category: Option<String>,
    #[param(value_type = Option<Attendance>)]
    pub attendance: Option<String>,
}

pub struct Attendees;

impl Resource for Attendees {
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Input = AttendeeInput;
    type Filter = AttendeeFilter;
    const NOUN: &'static str = "attendee";

    scoped!(ConferenceId);

    fn select(mut select: Select<Entity>, f: &AttendeeFilter) -> Select<Entity> {
        if let Some(q) = f.q.as_deref().map(fold).filter(|q| !q.is_empty()) {
            select = select.filter(Column::SearchKey.contains(q));
        }
        if let Some(c) = &f.category {
            select = select.filter(Column::Category.eq(c.trim()));
        }
        if let Some(a) = &f.attendance {
            select = select.filter(Column::Attendance.eq(a.trim()));
        }
        select.order_by_asc(Column::Rank).order_by_asc(Column::Id)
    }

    fn to_input(m: &Model) -> AttendeeInput {
        AttendeeInput {
            honorific: m.honorific.clone(),
            full_name: m.full_name.clone(),
            position: m.position.clone(),
            organisation: m.organisation.clone(),
            category: Some(m.category.clone()),
            rank: Some(m.rank),
            contact: m.contact.clone(),
            seat: m.seat.clone(),
            attendance: Some(m.attendance.clone()),
            checked_in_at: m.checked_in_at.map(|t| t.fixed_offset()),
        }
    }

    fn validate(i: &mut AttendeeInput) -> Result<(), Vec<FieldError>> {
        let mut c = Checker::new();
        c.opt_code::<Honorific>("honorific", &mut i.honorific);
        c.text("full_name", &mut i.full_name, NAME);
        c.opt_text("position", &mut i.position, TITLE);
        c.opt_text("organisation", &mut i.organisation, TITLE);
        c.code::<AttendeeCategory>(
            "category",
            i.category.get_or_insert_with(|| "delegate".into()),
        );
        c.range("rank", *i.rank.get_or_insert(1000), 0, 1_000_000);
        c.opt_text("contact", &mut i.contact, NAME);
        c.opt_text("seat", &mut i.seat, SHORT);
        let attendance = i.attendance.get_or_insert_with(|| "invited".into());
        c.code::<Attendance>("attendance", attendance);
        if attendance == Attendance::CheckedIn.code() && i.checked_in_at.is_none() {
            i.checked_in_at = Some(Utc::now().fixed_offset());
        }
        c.finish()
    }

    async fn resolve<C: ConnectionTrait>(
        _: &C,
        _: i32,
        _: Option<&Model>,
        _: &mut AttendeeInput,
    ) -> AppResult<()> {
        Ok(())
    }

    fn to_active(conference_id: i32, i: AttendeeInput, _: Option<&Model>) -> ActiveModel {
        ActiveModel {
            conference_id: Set(conference_id),
            honorific: Set(i.honorific),
            search_key: Set(fold(&i.full_name)),
            full_name: Set(i.full_name),
            position: Set(i.position),
            organisation: Set(i.organisation),
            category: Set(i.category.unwrap_or_default()),
            rank: Set(i.rank.unwrap_or(1000)),
            contact: Set(i.contact),
            seat: Set(i.seat),
            attendance: Set(i.attendance.unwrap_or_default()),
            checked_in_at: Set(i.checked_in_at.map(|t| t.with_timezone(&Utc))),
            ..Default::default()
        }
    }
}

/// Every attendee of a conference in order of introduction (rank, then id), as the
/// printouts read them.
pub async fn in_rank_order<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<crate::domain::model::Attendee>> {
    Ok(Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .order_by_asc(Column::Rank)
        .order_by_asc(Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect())
}
