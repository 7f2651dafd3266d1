use sea_orm::entity::prelude::*;

/// A certificate batch prepared in the background. `token` names it in URLs (random, so
/// that one conference's batches cannot be guessed from another's); `status` is `running`,
/// `done` or `failed`; `file` holds the finished PDF.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "print_job")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub token: String,
    pub conference_id: i32,
    /// Who started it, as the audit log names them.
    pub started_by: String,
    /// The print centre's query string of the batch (selection, mode, offsets).
    pub selection: String,
    pub pages: i32,
    pub done: i32,
    pub status: String,
    pub error: Option<String>,
    pub file: Option<Vec<u8>>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
