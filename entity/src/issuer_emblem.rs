use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An issuer's emblem or logo, as uploaded: drawn by a layout's `emblem` element on the
/// issuer's certificates printed on plain paper.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "issuer_emblem")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub issuer_id: i32,
    /// "png", "jpeg" or "pdf" (one page, kept as vector).
    pub format: String,
    #[serde(skip)]
    pub data: Vec<u8>,
    /// In pixels; for a PDF, the page's size in pt.
    pub width: f64,
    pub height: f64,
    /// The name of the uploaded file.
    pub file_name: String,
    pub uploaded_by: String,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::issuer::Entity",
        from = "Column::IssuerId",
        to = "super::issuer::Column::Id",
        on_delete = "Cascade"
    )]
    Issuer,
}

impl ActiveModelBehavior for ActiveModel {}
