//! A conference's certificate layouts: every saved version of each kind's layout (only ever
//! inserted), and the scan of the office's blank behind it.

use chrono::Utc;
use entity::certificate_background as background;
use entity::certificate_layout::{ActiveModel, Column, Entity, Model};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use crate::domain::access::Actor;
use crate::error::AppResult;
use crate::print::CertificateKind;

/// The kind as stored: its value name, `bang_khen`.
pub fn kind_code(kind: CertificateKind) -> &'static str {
    kind.file_name().trim_end_matches(".toml")
}

/// The latest version of each kind the conference has saved, in one query.
pub async fn current_all<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<Vec<Model>> {
    // A fixed text: the correlated subquery names only columns.
    let latest = Expr::cust(
        "(SELECT MAX(l2.version) FROM certificate_layout l2 \
         WHERE l2.conference_id = certificate_layout.conference_id AND l2.kind = certificate_layout.kind)",
    );
    Ok(Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Expr::col(Column::Version).eq(latest))
        .order_by_asc(Column::Kind)
        .all(db)
        .await?)
}

/// The latest saved version of one kind, if the conference has saved one.
pub async fn current<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::Kind.eq(kind_code(kind)))
        .order_by_desc(Column::Version)
        .one(db)
        .await?)
}

/// A version's id, number, note, saver (label and user) and time.
type VersionRow = (i32, i32, String, String, Option<i32>, chrono::DateTime<Utc>);

/// Every saved version of one kind, newest first, without their text.
pub async fn versions<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<Vec<Model>> {
    let rows: Vec<VersionRow> = Entity::find()
        .select_only()
        .columns([
            Column::Id,
            Column::Version,
            Column::Note,
            Column::SavedBy,
            Column::UserId,
            Column::SavedAt,
        ])
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::Kind.eq(kind_code(kind)))
        .order_by_desc(Column::Version)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, version, note, saved_by, user_id, saved_at)| Model {
            id,
            conference_id,
            kind: kind_code(kind).into(),
            version,
            source: String::new(),
            note,
            saved_by,
            user_id,
            saved_at,
        })
        .collect())
}

pub async fn version<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    kind: CertificateKind,
    version: i32,
) -> AppResult<Option<Model>> {
    Ok(Entity::find()
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::Kind.eq(kind_code(kind)))
        .filter(Column::Version.eq(version))
        .one(db)
        .await?)
}

/// Insert a version; the unique index refuses a number another save took meanwhile.
pub async fn insert<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Actor>,
    conference_id: i32,
    kind: CertificateKind,
    version: i32,
    source: &str,
    note: &str,
) -> AppResult<Model> {
    Ok(ActiveModel {
        conference_id: Set(conference_id),
        kind: Set(kind_code(kind).into()),
        version: Set(version),
        source: Set(source.into()),
        note: Set(note.into()),
        saved_by: Set(actor.map_or_else(|| "server".into(), Actor::label)),
        user_id: Set(actor.and_then(Actor::user_id)),
        saved_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The backgrounds of a conference without their image (for lists and settings).
pub async fn backgrounds<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<background::Model>> {
    let mut rows = background::Entity::find()
        .select_only()
        .columns([
            background::Column::Id,
            background::Column::ConferenceId,
            background::Column::Kind,
            background::Column::WidthPx,
            background::Column::HeightPx,
            background::Column::FileName,
            background::Column::MmPerPx,
            background::Column::OriginXMm,
            background::Column::OriginYMm,
            background::Column::PrintInFullMode,
            background::Column::UploadedBy,
            background::Column::UploadedAt,
            background::Column::Version,
        ])
        .expr_as(Expr::val(Vec::<u8>::new()), "jpeg")
        .filter(background::Column::ConferenceId.eq(conference_id))
        .order_by_asc(background::Column::Kind)
        .into_model::<background::Model>()
        .all(db)
        .await?;
    rows.iter_mut().for_each(|r| r.jpeg.clear());
    Ok(rows)
}

/// One kind's background, with its image when `with_image`.
pub async fn background<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    kind: CertificateKind,
    with_image: bool,
) -> AppResult<Option<background::Model>> {
    if !with_image {
        return Ok(backgrounds(db, conference_id)
            .await?
            .into_iter()
            .find(|b| b.kind == kind_code(kind)));
    }
    Ok(background::Entity::find()
        .filter(background::Column::ConferenceId.eq(conference_id))
        .filter(background::Column::Kind.eq(kind_code(kind)))
        .one(db)
        .await?)
}

/// The backgrounds printed on plain paper, with their images.
pub async fn printed_backgrounds<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<background::Model>> {
    Ok(background::Entity::find()
        .filter(background::Column::ConferenceId.eq(conference_id))
        .filter(background::Column::PrintInFullMode.eq(true))
        .all(db)
        .await?)
}
