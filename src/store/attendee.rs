//! Attendees (đại biểu): leaders, guests, delegates, press and staff.

use chrono::Utc;
use entity::attendee::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Select,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::resource::{Resource, scoped};
use crate::domain::code;
use crate::domain::input::AttendeeInput;
use crate::domain::kinds::{Attendance, AttendeeCategory};
use crate::domain::text::fold;
use crate::domain::validate::FieldError;
use crate::error::AppResult;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AttendeeFilter {
    /// Words of the full name, with or without diacritics and in any case: "nguyen van"
    /// finds "Nguyễn Văn Đức" (and "Nguyên Văn …": the marks are ignored).
    pub q: Option<String>,
    pub category: Option<AttendeeCategory>,
    pub attendance: Option<Attendance>,
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
            select = select.filter(Column::Category.eq(c.code()));
        }
        if let Some(a) = &f.attendance {
            select = select.filter(Column::Attendance.eq(a.code()));
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
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        _: &C,
        _: i32,
        _: Option<&Model>,
        _: &mut AttendeeInput,
    ) -> AppResult<()> {
        Ok(())
    }

    fn to_active(conference_id: i32, i: AttendeeInput, existing: Option<&Model>) -> ActiveModel {
        ActiveModel {
            // A new attendee gets its check-in code at once; an edit keeps it (NotSet).
            checkin_code: match existing {
                None => Set(Some(code::generate())),
                Some(_) => sea_orm::ActiveValue::NotSet,
            },
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

/// Up to `limit` attendees the filter keeps, in rank order, from after `after` (rank, id):
/// one query, by key rather than offset; and how many the filter keeps in all.
pub async fn page<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    filter: &AttendeeFilter,
    after: Option<(i32, i32)>,
    limit: u64,
) -> AppResult<(Vec<Model>, u64)> {
    let select = Attendees::select(
        Entity::find().filter(Column::ConferenceId.eq(conference_id)),
        filter,
    );
    let total = select.clone().count(db).await?;
    let mut page = select.cursor_by((Column::Rank, Column::Id));
    if let Some(key) = after {
        page.after(key);
    }
    Ok((page.first(limit).all(db).await?, total))
}

/// A page's key from its address ("100.42"): after rank 100, id 42; anything else, none.
pub fn key(after: &str) -> Option<(i32, i32)> {
    let (rank, id) = after.split_once('.')?;
    Some((rank.parse().ok()?, id.parse().ok()?))
}

/// How many attendees have arrived, and how many are expected (all but those who
/// declined): two counts.
pub async fn arrived_and_expected<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<(u64, u64)> {
    let of_conference = Entity::find().filter(Column::ConferenceId.eq(conference_id));
    let arrived = of_conference
        .clone()
        .filter(
            Condition::any()
                .add(Column::CheckedInAt.is_not_null())
                .add(Column::Attendance.eq(Attendance::CheckedIn.code())),
        )
        .count(db)
        .await?;
    let expected = of_conference
        .filter(Column::Attendance.ne(Attendance::Declined.code()))
        .count(db)
        .await?;
    Ok((arrived, expected))
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

/// Give a code to every attendee stored before codes existed (migration 000006), in one
/// transaction; every insert since sets one. Once done, one query that finds nothing.
pub async fn fill_checkin_codes(db: &sea_orm::DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{QuerySelect, TransactionTrait};
    let ids: Vec<i32> = Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::CheckinCode.is_null())
        .into_tuple()
        .all(db)
        .await?;
    if ids.is_empty() {
        return Ok(());
    }
    let txn = db.begin().await?;
    for id in ids {
        Entity::update_many()
            .col_expr(Column::CheckinCode, Expr::value(code::generate()))
            .filter(Column::Id.eq(id))
            .filter(Column::CheckinCode.is_null())
            .exec(&txn)
            .await?;
    }
    txn.commit().await
}

/// The attendee whose check-in code is `code` (as stored: see `checkin_code::parse`), in
/// whichever conference.
pub async fn by_checkin_code<C: ConnectionTrait>(db: &C, code: &str) -> AppResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::CheckinCode.eq(code))
        .one(db)
        .await?)
}
