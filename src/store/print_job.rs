//! Certificate batches prepared in the background (see `service::print_job`): the rows,
//! their progress and their finished files.

use chrono::{DateTime, Duration, Utc};
use entity::print_job::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, QuerySelect,
};

use crate::error::{AppError, AppResult};

/// Batches kept per conference; older ones (and their files) are deleted.
pub const KEPT_PER_CONFERENCE: u64 = 10;
/// A running batch whose heartbeat is older than this was interrupted (its server stopped).
pub const STALE_AFTER: Duration = Duration::seconds(30);

pub const RUNNING: &str = "running";
pub const DONE: &str = "done";
pub const FAILED: &str = "failed";

/// A batch without its file.
#[derive(Debug, Clone, FromQueryResult)]
pub struct Job {
    pub token: String,
    pub conference_id: i32,
    pub started_by: String,
    pub selection: String,
    pub pages: i32,
    pub done: i32,
    pub status: String,
    pub error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Job {
    /// Still rendering (and its server still alive).
    pub fn running(&self, now: DateTime<Utc>) -> bool {
        self.status == RUNNING && now - self.updated_at < STALE_AFTER
    }

    /// Was running when its server stopped.
    pub fn interrupted(&self, now: DateTime<Utc>) -> bool {
        self.status == RUNNING && !self.running(now)
    }
}

fn without_file() -> sea_orm::Select<Entity> {
    Entity::find().select_only().columns([
        Column::Token,
        Column::ConferenceId,
        Column::StartedBy,
        Column::Selection,
        Column::Pages,
        Column::Done,
        Column::Status,
        Column::Error,
        Column::CreatedAt,
        Column::UpdatedAt,
    ])
}

pub async fn insert<C: ConnectionTrait>(
    db: &C,
    token: &str,
    conference_id: i32,
    started_by: &str,
    selection: &str,
    pages: usize,
) -> AppResult<()> {
    let now = Utc::now();
    ActiveModel {
        token: Set(token.to_string()),
        conference_id: Set(conference_id),
        started_by: Set(started_by.to_string()),
        selection: Set(selection.to_string()),
        pages: Set(pages as i32),
        done: Set(0),
        status: Set(RUNNING.into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The conference's batches, newest first.
pub async fn list<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<Vec<Job>> {
    Ok(without_file()
        .filter(Column::ConferenceId.eq(conference_id))
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(KEPT_PER_CONFERENCE)
        .into_model::<Job>()
        .all(db)
        .await?)
}

pub async fn get<C: ConnectionTrait>(db: &C, conference_id: i32, token: &str) -> AppResult<Job> {
    without_file()
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::Token.eq(token))
        .into_model::<Job>()
        .one(db)
        .await?
        .ok_or_else(|| not_found(token))
}

fn not_found(token: &str) -> AppError {
    AppError::NotFound {
        what: "print batch",
        id: token.chars().take(32).collect(),
    }
}

/// The finished file of a batch that is done, with the selection it printed.
pub async fn file<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    token: &str,
) -> AppResult<(String, Vec<u8>)> {
    Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::Token.eq(token))
        .filter(Column::Status.eq(DONE))
        .one(db)
        .await?
        .and_then(|m: Model| Some((m.selection, m.file?)))
        .ok_or_else(|| not_found(token))
}

/// A running batch of the conference with this selection, to join instead of starting a
/// second one (a double click).
pub async fn running_like<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    selection: &str,
) -> AppResult<Option<Job>> {
    let now = Utc::now();
    Ok(without_file()
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::Selection.eq(selection))
        .filter(Column::Status.eq(RUNNING))
        .filter(Column::UpdatedAt.gt(now - STALE_AFTER))
        .into_model::<Job>()
        .one(db)
        .await?)
}

/// Record progress; also the heartbeat that tells a running batch from an interrupted one.
pub async fn progress<C: ConnectionTrait>(db: &C, token: &str, done: usize) -> AppResult<()> {
    Entity::update_many()
        .col_expr(Column::Done, (done as i32).into())
        .col_expr(Column::UpdatedAt, Utc::now().into())
        .filter(Column::Token.eq(token))
        .filter(Column::Status.eq(RUNNING))
        .exec(db)
        .await?;
    Ok(())
}

/// The end of a batch: its file, or why it failed.
pub async fn finish<C: ConnectionTrait>(
    db: &C,
    token: &str,
    outcome: Result<(Vec<u8>, usize), String>,
) -> AppResult<()> {
    let update = Entity::update_many()
        .col_expr(Column::UpdatedAt, Utc::now().into())
        .filter(Column::Token.eq(token));
    let update = match outcome {
        Ok((file, pages)) => update
            .col_expr(Column::Status, DONE.into())
            .col_expr(Column::Done, (pages as i32).into())
            .col_expr(Column::Pages, (pages as i32).into())
            .col_expr(Column::File, file.into()),
        Err(message) => update
            .col_expr(Column::Status, FAILED.into())
            .col_expr(Column::Error, message.into()),
    };
    update.exec(db).await?;
    Ok(())
}

/// Delete the conference's batches beyond the newest [`KEPT_PER_CONFERENCE`] − 1 (a new one
/// is about to be added), and every batch older than a week.
pub async fn prune<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<()> {
    let kept: Vec<i32> = Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(Column::ConferenceId.eq(conference_id))
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id)
        .limit(KEPT_PER_CONFERENCE - 1)
        .into_tuple()
        .all(db)
        .await?;
    Entity::delete_many()
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::Id.is_not_in(kept))
        .exec(db)
        .await?;
    Entity::delete_many()
        .filter(Column::CreatedAt.lt(Utc::now() - Duration::days(7)))
        .exec(db)
        .await?;
    Ok(())
}
