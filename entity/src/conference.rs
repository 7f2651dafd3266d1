use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A review conference (hội nghị tổng kết).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "conference")]
#[schema(as = Conference)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub acronym: Option<String>,
    pub movement: String,
    pub year_reviewed: i32,
    pub held_on: chrono::NaiveDate,
    pub host_body: String,
    pub venue: String,
    pub place_name: String,
    pub time_zone: String,
    pub status: String,
    /// Key figures of the year: `[{"label": …, "value": …}]`.
    #[schema(value_type = Vec<Object>)]
    pub key_figures: Json,
    /// What the invitation (giấy mời) says beyond the conference's own fields: number,
    /// subject, what to bring, "Nơi nhận", signer (`InvitationSettings`); null: defaults.
    #[schema(value_type = Option<Object>)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invitation: Option<Json>,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
