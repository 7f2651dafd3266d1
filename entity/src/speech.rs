use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A speech: the review report, a contribution, the directive speech, the reply.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "speech")]
#[schema(as = Speech)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub speaker_attendee_id: Option<i32>,
    pub speaker_name: Option<String>,
    pub speaker_position: Option<String>,
    pub kind: String,
    pub title: String,
    pub planned_minutes: Option<i32>,
    pub summary: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub full_text: Option<String>,
    pub agenda_item_id: Option<i32>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "super::conference::Entity", from = "Column::ConferenceId", to = "super::conference::Column::Id", on_delete = "Cascade")]
    Conference,
}

impl ActiveModelBehavior for ActiveModel {}
