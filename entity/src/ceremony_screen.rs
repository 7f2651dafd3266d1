use sea_orm::entity::prelude::*;

/// The hall's screen of a conference: the slide shown, the recipients absent on the day (a
/// JSON list of ids), when the ceremony started and ended.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ceremony_screen")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub conference_id: i32,
    pub slide: i32,
    pub absent: String,
    pub started_at: Option<chrono::DateTime<chrono::Utc>>,
    pub ended_at: Option<chrono::DateTime<chrono::Utc>>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
