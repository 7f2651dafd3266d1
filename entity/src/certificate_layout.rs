use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One saved version of a conference's certificate layout of one kind; rows are only ever
/// inserted (going back to an old version saves it again as a new one).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "certificate_layout")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    /// bang_khen, giay_khen or danh_hieu.
    pub kind: String,
    /// 1, 2, 3 … per conference and kind.
    pub version: i32,
    /// The layout as TOML, as the layout files write it.
    #[sea_orm(column_type = "Text")]
    pub source: String,
    /// What changed, in the saver's words or the server's ("restored version 2").
    pub note: String,
    /// The actor as the audit log names them.
    pub saved_by: String,
    pub user_id: Option<i32>,
    pub saved_at: chrono::DateTime<chrono::Utc>,
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
