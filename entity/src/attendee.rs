use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A delegate or guest (đại biểu).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "attendee")]
#[schema(as = Attendee)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub honorific: Option<String>,
    pub full_name: String,
    pub position: Option<String>,
    pub organisation: Option<String>,
    pub category: String,
    pub rank: i32,
    pub contact: Option<String>,
    pub seat: Option<String>,
    pub attendance: String,
    pub checked_in_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i32,
    /// The name folded for search without diacritics ("nguyen van duc"); not shown.
    #[serde(skip)]
    pub search_key: String,
    /// The check-in code printed on the invitation (16 characters of Crockford base32, 80
    /// random bits); members who read the delegates see it, the public never does.
    pub checkin_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::conference::Entity",
        from = "Column::ConferenceId",
        to = "super::conference::Column::Id",
        on_delete = "Cascade"
    )]
    Conference,
}

impl ActiveModelBehavior for ActiveModel {}
