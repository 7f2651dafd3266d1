use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One item of the programme (chương trình hội nghị).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "agenda_item")]
#[schema(as = AgendaItem)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub position: i32,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub duration_minutes: i32,
    pub kind: String,
    pub title: String,
    pub presenter_attendee_id: Option<i32>,
    pub presenter_text: Option<String>,
    pub notes: Option<String>,
    /// Stable identity for schedule feeds (frab `guid`).
    pub guid: Uuid,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::conference::Entity", from = "Column::ConferenceId", to = "super::conference::Column::Id", on_delete = "Cascade")]
    Conference,
}

impl ActiveModelBehavior for ActiveModel {}
