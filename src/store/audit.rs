//! The audit log: every change (who, when, what, before and after) and every print. Rows
//! are only inserted, in the same transaction as the change they describe.

use chrono::Utc;
use entity::audit_event::{self, ActiveModel, Column, Model};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::Value;

use super::resource::{Page, Paging};
use crate::domain::access::Actor;
use crate::error::AppResult;

/// One event to record.
pub struct Event<'a> {
    pub conference_id: Option<i32>,
    pub action: &'a str,
    pub resource: &'a str,
    pub resource_id: Option<i32>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub detail: Option<Value>,
}

impl<'a> Event<'a> {
    /// An action on a conference as a whole rather than on one row (a print, an import),
    /// described by `detail`.
    pub fn detail(conference_id: i32, action: &'a str, resource: &'a str, detail: Value) -> Self {
        Event {
            conference_id: Some(conference_id),
            action,
            resource,
            resource_id: None,
            before: None,
            after: None,
            detail: Some(detail),
        }
    }
}

impl<'a> Event<'a> {
    /// A row created, changed or deleted: `before` and `after` (none where it did not
    /// exist), each as `json` shows it, under the id `id` reads.
    pub fn change<M>(
        (conference_id, action, resource): (i32, &'a str, &'a str),
        (before, after): (Option<&M>, Option<&M>),
        id: impl Fn(&M) -> i32,
        json: impl Fn(&M) -> Option<Value>,
    ) -> Self {
        Event {
            conference_id: Some(conference_id),
            action,
            resource,
            resource_id: after.or(before).map(&id),
            before: before.and_then(&json),
            after: after.and_then(&json),
            detail: None,
        }
    }
}

pub async fn record<C: ConnectionTrait>(db: &C, actor: &Actor, e: Event<'_>) -> AppResult<()> {
    ActiveModel {
        conference_id: Set(e.conference_id),
        at: Set(Utc::now()),
        user_id: Set(actor.user_id()),
        actor: Set(actor.label()),
        action: Set(e.action.into()),
        resource: Set(e.resource.into()),
        resource_id: Set(e.resource_id),
        before: Set(e.before),
        after: Set(e.after),
        detail: Set(e.detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A conference's events, newest first.
pub async fn list<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    paging: Paging,
) -> AppResult<Page<Model>> {
    search(db, conference_id, &Filter::default(), paging).await
}

/// Which events to show: each given part must match exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub action: Option<String>,
    pub resource: Option<String>,
    /// The actor as the log names them (an email, "cli").
    pub actor: Option<String>,
    /// Only the events older than this one: the page after the one that ended with it
    /// (paging by key). It narrows the events listed, not the total counted.
    pub before: Option<i64>,
}

impl Filter {
    fn select(&self, conference_id: i32) -> sea_orm::Select<audit_event::Entity> {
        let mut select = audit_event::Entity::find()
            .filter(Column::ConferenceId.eq(conference_id))
            .order_by_desc(Column::Id);
        for (column, value) in [
            (Column::Action, &self.action),
            (Column::Resource, &self.resource),
            (Column::Actor, &self.actor),
        ] {
            if let Some(v) = value {
                select = select.filter(column.eq(v.as_str()));
            }
        }
        select
    }

    /// Whether it narrows the log (by action, resource or actor).
    pub fn narrows(&self) -> bool {
        self.action.is_some() || self.resource.is_some() || self.actor.is_some()
    }
}

/// A conference's events that match `filter`, newest first.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    filter: &Filter,
    paging: Paging,
) -> AppResult<Page<Model>> {
    let (limit, offset) = paging.checked()?;
    let select = filter.select(conference_id);
    let total = select.clone().count(db).await?;
    let listed = match filter.before {
        Some(id) => select.filter(Column::Id.lt(id)),
        None => select,
    };
    let items = listed.limit(limit).offset(offset).all(db).await?;
    Ok(Page { items, total })
}

/// How many events of `filter` come before its `before` event's page (newer ones): where
/// a page by key starts in the whole log.
pub async fn newer<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    filter: &Filter,
) -> AppResult<u64> {
    Ok(match filter.before {
        Some(id) => {
            filter
                .select(conference_id)
                .filter(Column::Id.gte(id))
                .count(db)
                .await?
        }
        None => 0,
    })
}

/// The actions, resources and actors that occur in a conference's log (each sorted), for
/// the choices of a filter.
pub async fn kinds<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<(Vec<String>, Vec<String>, Vec<String>)> {
    let distinct = |column: Column| {
        audit_event::Entity::find()
            .select_only()
            .column(column)
            .distinct()
            .filter(Column::ConferenceId.eq(conference_id))
            .order_by_asc(column)
            .into_tuple::<String>()
            .all(db)
    };
    Ok((
        distinct(Column::Action).await?,
        distinct(Column::Resource).await?,
        distinct(Column::Actor).await?,
    ))
}
