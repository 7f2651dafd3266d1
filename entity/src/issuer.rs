use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A body that issues awards: Bộ Công an, UBND tỉnh Ninh Bình …
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "issuer")]
#[schema(as = Issuer)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub name: String,
    pub level: String,
    pub rank: i32,
    pub place_name: String,
    /// Heading printed in red on its certificates ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH").
    pub certificate_heading: String,
    pub signer_title: String,
    /// Its own legal grounds for decisions and proposals, one "Căn cứ …" per line; null:
    /// the defaults of its level on the decision's date.
    pub grounds: Option<String>,
    pub version: i32,
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
