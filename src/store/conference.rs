//! The conference itself: the root every other resource belongs to.

use chrono::Utc;
use entity::conference::{self, ActiveModel, Column, Entity, Model};
use sea_orm::{ActiveModelTrait, ColumnTrait, Value};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use serde::Deserialize;
use utoipa::IntoParams;

use super::audit;
use super::resource::{self, Page, Paging, Resource, scoped};
use crate::domain::access::{Actor, Role};
use crate::domain::input::{ConferenceInput, DEFAULT_TIME_ZONE};
use crate::domain::kinds::ConferenceStatus;
use crate::domain::validate::FieldError;
use crate::error::{AppError, AppResult};

/// Filters of the conference list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConferenceFilter {
    /// Only conferences of this status.
    pub status: Option<ConferenceStatus>,
}

pub struct Conferences;

impl Resource for Conferences {
    type Entity = Entity;
    type Model = Model;
    type Active = ActiveModel;
    type Input = ConferenceInput;
    type Filter = ConferenceFilter;
    const NOUN: &'static str = "conference";

    // A conference is its own conference: the generic get, patch and delete apply unchanged.
    scoped!(Id);

    async fn after_delete<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<()> {
        super::verification::revoke(db, super::verification::Revoked::Conference(id)).await
    }

    fn select(select: Select<Entity>, filter: &ConferenceFilter) -> Select<Entity> {
        let select = match &filter.status {
            Some(s) => select.filter(Column::Status.eq(s.code())),
            None => select,
        };
        select
            .order_by_desc(Column::HeldOn)
            .order_by_desc(Column::Id)
    }

    fn to_input(m: &Model) -> ConferenceInput {
        ConferenceInput {
            title: m.title.clone(),
            acronym: m.acronym.clone(),
            movement: m.movement.clone(),
            year_reviewed: m.year_reviewed,
            held_on: m.held_on,
            host_body: m.host_body.clone(),
            venue: m.venue.clone(),
            place_name: m.place_name.clone(),
            time_zone: Some(m.time_zone.clone()),
            status: Some(m.status.clone()),
            key_figures: serde_json::from_value(m.key_figures.clone()).unwrap_or_default(),
            invitation: m
                .invitation
                .as_ref()
                .map(|v| crate::domain::input::InvitationSettings::of(Some(v))),
        }
    }

    fn validate(i: &mut ConferenceInput) -> Result<(), Vec<FieldError>> {
        i.validate()
    }

    async fn resolve<C: ConnectionTrait>(
        _: &C,
        _: i32,
        _: Option<&Model>,
        _: &mut ConferenceInput,
    ) -> AppResult<()> {
        Ok(())
    }

    fn to_active(_: i32, i: ConferenceInput, existing: Option<&Model>) -> ActiveModel {
        let now = Utc::now();
        ActiveModel {
            title: Set(i.title),
            acronym: Set(i.acronym),
            movement: Set(i.movement),
            year_reviewed: Set(i.year_reviewed),
            held_on: Set(i.held_on),
            host_body: Set(i.host_body),
            venue: Set(i.venue),
            place_name: Set(i.place_name),
            time_zone: Set(i.time_zone.unwrap_or_else(|| DEFAULT_TIME_ZONE.into())),
            status: Set(i
                .status
                .unwrap_or_else(|| ConferenceStatus::Draft.code().into())),
            key_figures: Set(serde_json::to_value(i.key_figures).unwrap_or_default()),
            invitation: Set(i.invitation.and_then(|v| serde_json::to_value(v).ok())),
            created_at: Set(existing.map_or(now, |m| m.created_at)),
            updated_at: Set(now),
            ..Default::default()
        }
    }
}

/// 404 unless the conference exists.
pub async fn ensure_exists<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<()> {
    let found = Entity::find()
        .filter(Column::Id.eq(id))
        .select_only()
        .column(Column::Id)
        .count(db)
        .await?;
    if found == 0 {
        return Err(AppError::not_found("conference", id));
    }
    Ok(())
}

/// The conferences the actor may see: published ones, those they are a member of, or all
/// for an admin.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    paging: Paging,
    filter: &ConferenceFilter,
) -> AppResult<Page<Model>> {
    let (limit, offset) = paging.checked()?;
    let mut select = Conferences::select(Entity::find(), filter);
    if !actor.is_superuser() {
        let published = Column::Status.eq(ConferenceStatus::Published.code());
        select = match actor.user_id() {
            Some(uid) => select.filter(
                sea_orm::Condition::any()
                    .add(published)
                    .add(Column::Id.is_in(super::account::member_conferences(db, uid).await?)),
            ),
            None => select.filter(published),
        };
    }
    let total = select.clone().count(db).await?;
    let items = select.limit(limit).offset(offset).all(db).await?;
    Ok(Page { items, total })
}

/// Create a conference; a signed-in creator becomes its owner.
pub async fn create<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    body: serde_json::Value,
) -> AppResult<Model> {
    if !body.is_object() {
        return Err(AppError::field("body", "must be a JSON object"));
    }
    let mut input: ConferenceInput = resource::from_json(body)?;
    Conferences::validate(&mut input).map_err(AppError::Validation)?;
    let mut active = Conferences::to_active(0, input, None);
    active.set(Column::Version, Value::from(1));
    let created = active.insert(db).await?;
    if let Some(uid) = actor.user_id() {
        super::account::set_role(db, created.id, uid, Role::Owner).await?;
    }
    audit::record(
        db,
        actor,
        audit::Event {
            conference_id: Some(created.id),
            action: "create",
            resource: Conferences::NOUN,
            resource_id: Some(created.id),
            before: None,
            after: serde_json::to_value(&created).ok(),
            detail: None,
        },
    )
    .await?;
    Ok(created)
}

/// The conference's `conference` row, or 404.
pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<Model> {
    Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("conference", id))
}

pub fn time_zone(m: &conference::Model) -> chrono_tz::Tz {
    m.time_zone.parse().unwrap_or(chrono_tz::Asia::Ho_Chi_Minh)
}
