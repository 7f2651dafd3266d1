use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A collective or individual named in an award decision.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "recipient")]
#[schema(as = Recipient)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub decision_id: i32,
    pub kind: String,
    pub honorific: Option<String>,
    pub name: String,
    pub position: Option<String>,
    pub unit: Option<String>,
    pub reason: Option<String>,
    pub register_number: Option<String>,
    pub presentation_order: i32,
    pub version: i32,
    /// The name folded for search without diacritics ("nguyen van duc"); not shown.
    #[serde(skip)]
    pub search_key: String,
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
    #[sea_orm(
        belongs_to = "super::award_decision::Entity",
        from = "Column::DecisionId",
        to = "super::award_decision::Column::Id",
        on_delete = "Cascade"
    )]
    Decision,
}

impl ActiveModelBehavior for ActiveModel {}
