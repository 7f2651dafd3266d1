//! Create, read, update and delete for every resource that belongs to a conference, written
//! once. Each resource says how its input is validated and stored; versions guard against two
//! organisers overwriting each other's changes.

use std::future::Future;

use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait,
    FromQueryResult, IntoActiveModel, ModelTrait, PaginatorTrait, QueryFilter, QuerySelect, Select,
    Value,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult, FieldError};
use crate::store::audit::{self, Event};
use crate::store::conference;

/// A page of a list, with the total number of matching items.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Paging of a list: `?limit=50&offset=100`.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// Items per page, 1 to 500 (default 100).
    #[param(minimum = 1, maximum = 500)]
    pub limit: Option<u64>,
    /// Items to skip (default 0).
    #[param(maximum = 9223372036854775807_i64)]
    pub offset: Option<u64>,
}

impl Paging {
    pub const MAX: u64 = 500;

    pub fn checked(self) -> AppResult<(u64, u64)> {
        let limit = self.limit.unwrap_or(100);
        if !(1..=Self::MAX).contains(&limit) {
            return Err(AppError::field(
                "limit",
                format!("must be between 1 and {}, not {limit}", Self::MAX),
            ));
        }
        // The databases count rows in a signed 64-bit integer.
        let offset = self.offset.unwrap_or(0);
        if offset > i64::MAX as u64 {
            return Err(AppError::field(
                "offset",
                format!("must be between 0 and {}, not {offset}", i64::MAX),
            ));
        }
        Ok((limit, offset))
    }
}

type Column<R> = <<R as Resource>::Entity as EntityTrait>::Column;

/// The columns and accessors every resource has alike: `id`, `version`, and the column that
/// names its conference. `scoped!(ConferenceId)` uses the `Column` and `Model` in scope;
/// `scoped!(issuer, ConferenceId)` those of module `issuer`.
macro_rules! scoped {
    ($conference:ident) => {
        fn id_column() -> Column {
            Column::Id
        }
        fn conference_column() -> Column {
            Column::$conference
        }
        fn version_column() -> Column {
            Column::Version
        }
        fn id(m: &Model) -> i32 {
            m.id
        }
        fn version(m: &Model) -> i32 {
            m.version
        }
    };
    ($module:ident, $conference:ident) => {
        fn id_column() -> $module::Column {
            $module::Column::Id
        }
        fn conference_column() -> $module::Column {
            $module::Column::$conference
        }
        fn version_column() -> $module::Column {
            $module::Column::Version
        }
        fn id(m: &$module::Model) -> i32 {
            m.id
        }
        fn version(m: &$module::Model) -> i32 {
            m.version
        }
    };
}
pub(crate) use scoped;

/// A resource nested under a conference.
pub trait Resource: Send + Sync + 'static {
    type Entity: EntityTrait<Model = Self::Model, ActiveModel = Self::Active>;
    type Model: ModelTrait<Entity = Self::Entity>
        + FromQueryResult
        + IntoActiveModel<Self::Active>
        + Serialize
        + Clone
        + Send
        + Sync;
    type Active: ActiveModelTrait<Entity = Self::Entity> + ActiveModelBehavior + Send + Sync;
    /// The writable fields, as clients send them; a PATCH is a JSON merge patch of this.
    type Input: DeserializeOwned + Serialize + Send + Sync;
    /// Filters its list accepts besides paging.
    type Filter: DeserializeOwned + Send + Sync + Default;

    /// The noun used in messages: "attendee", "award decision".
    const NOUN: &'static str;

    fn id_column() -> Column<Self>;
    fn conference_column() -> Column<Self>;
    fn version_column() -> Column<Self>;
    fn id(model: &Self::Model) -> i32;
    fn version(model: &Self::Model) -> i32;

    /// List order and filters.
    fn select(select: Select<Self::Entity>, filter: &Self::Filter) -> Select<Self::Entity>;

    /// The input that would recreate `model` (the base a PATCH is merged into).
    fn to_input(model: &Self::Model) -> Self::Input;

    /// Normalise text and check every field, reporting all problems at once.
    fn validate(input: &mut Self::Input) -> Result<(), Vec<FieldError>>;

    /// Check what depends on stored data (ids of the same conference, unique names) and fill
    /// defaults that do (the next position); `existing` is the row being updated.
    fn resolve<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        existing: Option<&Self::Model>,
        input: &mut Self::Input,
    ) -> impl Future<Output = AppResult<()>> + Send;

    /// `resolve` for the new rows of a batch (an import), which often share what they refer
    /// to; a failure names the index of its input. The default resolves each row against the
    /// stored data alone, so rows of one batch do not see each other: a resource whose
    /// `resolve` fills a next position, or costs a query per row, answers for the whole batch.
    fn resolve_new<C: ConnectionTrait>(
        db: &C,
        conference_id: i32,
        inputs: &mut [Self::Input],
    ) -> impl Future<Output = Result<(), (usize, AppError)>> + Send {
        async move {
            for (index, input) in inputs.iter_mut().enumerate() {
                Self::resolve(db, conference_id, None, input)
                    .await
                    .map_err(|e| (index, e))?;
            }
            Ok(())
        }
    }

    /// The row to write: every input field set; `existing` is the row being updated.
    fn to_active(
        conference_id: i32,
        input: Self::Input,
        existing: Option<&Self::Model>,
    ) -> Self::Active;

    /// Refuse a delete that would leave others without what they stand on.
    fn check_delete<C: ConnectionTrait>(
        _db: &C,
        _model: &Self::Model,
    ) -> impl Future<Output = AppResult<()>> + Send {
        async { Ok(()) }
    }

    /// What a delete leaves behind to record (revoked certificates), in its transaction.
    fn after_delete<C: ConnectionTrait>(
        _db: &C,
        _id: i32,
    ) -> impl Future<Output = AppResult<()>> + Send {
        async { Ok(()) }
    }
}

/// Deserialise JSON into `T`, naming the field of the first problem (`key_figures[0].value`).
pub fn from_json<T: DeserializeOwned>(value: serde_json::Value) -> AppResult<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.into_inner().to_string();
        // serde reports a missing field at its parent; name the field itself.
        if let Some(name) = message
            .strip_prefix("missing field `")
            .and_then(|m| m.strip_suffix('`'))
        {
            let field = if path == "." {
                name.to_string()
            } else {
                format!("{path}.{name}")
            };
            return FieldError::required(field).into();
        }
        let field = if path == "." {
            "body".to_string()
        } else {
            path
        };
        if message.starts_with("invalid type: null") {
            return FieldError::required(field).into();
        }
        // What else the JSON reader says (a text for a number…), kept for the reader.
        FieldError::coded(field, "unreadable", &[("detail", message.clone())], message).into()
    })
}

/// Apply a JSON merge patch (RFC 7396) to a JSON document.
pub fn merge_patch(target: &mut serde_json::Value, patch: serde_json::Value) {
    match patch {
        serde_json::Value::Object(fields) => {
            if !target.is_object() {
                *target = serde_json::Value::Object(Default::default());
            }
            let map = target.as_object_mut().expect("made an object above");
            for (k, v) in fields {
                if v.is_null() {
                    map.remove(&k);
                } else {
                    merge_patch(map.entry(k).or_insert(serde_json::Value::Null), v);
                }
            }
        }
        other => *target = other,
    }
}

pub async fn list<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    paging: Paging,
    filter: &R::Filter,
) -> AppResult<Page<R::Model>> {
    let (limit, offset) = paging.checked()?;
    conference::ensure_exists(db, conference_id).await?;
    let select = R::select(
        R::Entity::find().filter(R::conference_column().eq(conference_id)),
        filter,
    );
    let total = select.clone().count(db).await?;
    let items = select.limit(limit).offset(offset).all(db).await?;
    Ok(Page { items, total })
}

/// Every row of the conference, in list order (for exports).
pub async fn all<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<R::Model>> {
    conference::ensure_exists(db, conference_id).await?;
    Ok(R::select(
        R::Entity::find().filter(R::conference_column().eq(conference_id)),
        &R::Filter::default(),
    )
    .all(db)
    .await?)
}

pub async fn get<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    id: i32,
) -> AppResult<R::Model> {
    conference::ensure_exists(db, conference_id).await?;
    find::<R, C>(db, conference_id, id)
        .await?
        .ok_or_else(|| AppError::not_found(R::NOUN, id))
}

pub async fn find<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    id: i32,
) -> AppResult<Option<R::Model>> {
    Ok(R::Entity::find()
        .filter(R::id_column().eq(id))
        .filter(R::conference_column().eq(conference_id))
        .one(db)
        .await?)
}

/// Check and store a new resource from its JSON body.
pub async fn create<R: Resource, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    body: serde_json::Value,
) -> AppResult<R::Model> {
    conference::ensure_exists(db, conference_id).await?;
    let input = checked_input::<R, C>(db, conference_id, None, body).await?;
    let mut active = R::to_active(conference_id, input, None);
    active.set(R::version_column(), Value::from(1));
    let created = active.insert(db).await?;
    record::<R, C>(
        db,
        actor,
        conference_id,
        "create",
        R::id(&created),
        None,
        Some(&created),
    )
    .await?;
    Ok(created)
}

/// Rows per INSERT of a batch: well under SQLite's limit of bound values per statement.
const BATCH_ROWS: usize = 500;

/// Store many inputs at once, for imports: each is validated and resolved as `create` does,
/// but written with one INSERT per few hundred rows and no audit event per row (the caller
/// records one for the whole batch). The error of an input names it by `label(index)`.
pub async fn insert_batch<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    mut inputs: Vec<R::Input>,
    label: impl Fn(usize) -> String,
) -> AppResult<usize> {
    conference::ensure_exists(db, conference_id).await?;
    for (index, input) in inputs.iter_mut().enumerate() {
        R::validate(input).map_err(|errors| AppError::Validation(errors).within(&label(index)))?;
    }
    R::resolve_new(db, conference_id, &mut inputs)
        .await
        .map_err(|(index, e)| e.within(&label(index)))?;
    let count = inputs.len();
    let mut rows = inputs.into_iter().map(|input| {
        let mut active = R::to_active(conference_id, input, None);
        active.set(R::version_column(), Value::from(1));
        active
    });
    loop {
        let batch: Vec<R::Active> = rows.by_ref().take(BATCH_ROWS).collect();
        if batch.is_empty() {
            break;
        }
        R::Entity::insert_many(batch)
            .exec_without_returning(db)
            .await?;
    }
    Ok(count)
}

/// Write the audit event of a change, with the resource as it was and as it is.
async fn record<R: Resource, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    action: &str,
    id: i32,
    before: Option<&R::Model>,
    after: Option<&R::Model>,
) -> AppResult<()> {
    let json = |m: Option<&R::Model>| m.and_then(|m| serde_json::to_value(m).ok());
    audit::record(
        db,
        actor,
        Event {
            conference_id: Some(conference_id),
            action,
            resource: R::NOUN,
            resource_id: Some(id),
            before: json(before),
            after: json(after),
            detail: None,
        },
    )
    .await
}

async fn checked_input<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    existing: Option<&R::Model>,
    body: serde_json::Value,
) -> AppResult<R::Input> {
    if !body.is_object() {
        return Err(AppError::field("body", "must be a JSON object"));
    }
    let mut input: R::Input = from_json(body)?;
    R::validate(&mut input).map_err(AppError::Validation)?;
    R::resolve(db, conference_id, existing, &mut input).await?;
    Ok(input)
}

/// Apply a JSON merge patch. With `if_match`, the change is refused (412) when the resource
/// is no longer at that version; either way two concurrent patches cannot both win silently,
/// because the write is conditional on the version it was computed from.
pub async fn patch<R: Resource, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    id: i32,
    patch: serde_json::Value,
    if_match: Option<i32>,
) -> AppResult<R::Model> {
    if !patch.is_object() {
        return Err(AppError::field(
            "body",
            "must be a JSON object (a merge patch)",
        ));
    }
    let current = get::<R, C>(db, conference_id, id).await?;
    let version = R::version(&current);
    check_precondition::<R>(version, if_match)?;
    let mut merged = serde_json::to_value(R::to_input(&current)).map_err(AppError::internal)?;
    merge_patch(&mut merged, patch);
    let input = checked_input::<R, C>(db, conference_id, Some(&current), merged).await?;
    let mut active = R::to_active(conference_id, input, Some(&current));
    active.set(R::version_column(), Value::from(version + 1));
    let result = R::Entity::update_many()
        .set(active)
        .filter(R::id_column().eq(id))
        .filter(R::conference_column().eq(conference_id))
        .filter(R::version_column().eq(version))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(lost_race::<R, C>(db, conference_id, id, version).await);
    }
    let updated = get::<R, C>(db, conference_id, id).await?;
    record::<R, C>(
        db,
        actor,
        conference_id,
        "update",
        id,
        Some(&current),
        Some(&updated),
    )
    .await?;
    Ok(updated)
}

pub async fn delete<R: Resource, C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    id: i32,
    if_match: Option<i32>,
) -> AppResult<()> {
    let current = get::<R, C>(db, conference_id, id).await?;
    let version = R::version(&current);
    check_precondition::<R>(version, if_match)?;
    R::check_delete(db, &current).await?;
    let result = R::Entity::delete_many()
        .filter(R::id_column().eq(id))
        .filter(R::version_column().eq(version))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(lost_race::<R, C>(db, conference_id, id, version).await);
    }
    R::after_delete(db, id).await?;
    record::<R, C>(db, actor, conference_id, "delete", id, Some(&current), None).await
}

pub fn check_precondition<R: Resource>(current: i32, if_match: Option<i32>) -> AppResult<()> {
    match if_match {
        Some(sent) if sent != current => Err(AppError::PreconditionFailed {
            what: R::NOUN,
            current,
            sent,
        }),
        _ => Ok(()),
    }
}

/// The conditional write touched nothing: the row was deleted or changed in between.
async fn lost_race<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    id: i32,
    version: i32,
) -> AppError {
    match find::<R, C>(db, conference_id, id).await {
        Ok(Some(now)) => AppError::PreconditionFailed {
            what: R::NOUN,
            current: R::version(&now),
            sent: version,
        },
        Ok(None) => AppError::not_found(R::NOUN, id),
        Err(e) => e,
    }
}

/// Check that `id` names a row of resource `R` in the conference; the error names `field`.
pub async fn ensure_reference<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    id: Option<i32>,
    field: &str,
) -> AppResult<()> {
    let Some(id) = id else { return Ok(()) };
    if find::<R, C>(db, conference_id, id).await?.is_none() {
        return Err(AppError::field(
            field,
            format!("there is no {} {id} in this conference", R::NOUN),
        ));
    }
    Ok(())
}
