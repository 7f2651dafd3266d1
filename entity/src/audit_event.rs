use sea_orm::entity::prelude::*;
use serde::Serialize;

/// One change or print, as it happened; rows are only ever inserted.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "audit_event")]
#[schema(as = AuditEvent)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub conference_id: Option<i32>,
    pub at: chrono::DateTime<chrono::Utc>,
    pub user_id: Option<i32>,
    /// Who: the user's email, or "cli" for the machine's operator.
    pub actor: String,
    /// create, update, delete, reorder, print …
    pub action: String,
    pub resource: String,
    pub resource_id: Option<i32>,
    #[schema(value_type = Option<Object>)]
    pub before: Option<Json>,
    #[schema(value_type = Option<Object>)]
    pub after: Option<Json>,
    #[schema(value_type = Option<Object>)]
    pub detail: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
