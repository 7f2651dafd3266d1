use sea_orm::entity::prelude::*;
use serde::Serialize;

/// An award decision (quyết định khen thưởng) of one issuer.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "award_decision")]
#[schema(as = AwardDecision)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub issuer_id: i32,
    pub number: String,
    pub decided_on: chrono::NaiveDate,
    pub form: String,
    pub title_name: Option<String>,
    /// Default reason for its recipients ("Đã có thành tích xuất sắc trong …").
    pub reason: Option<String>,
    /// One line per row: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".
    pub signer_title: String,
    pub signer_name: String,
    /// Military or police rank printed above the name ("Đại tá"); empty: none.
    pub signer_rank: String,
    /// The cash award of each individual, in đồng, where the decision sets its own (0:
    /// none); absent, the decree's coefficient × the base salary.
    pub cash_individual: Option<i64>,
    /// The same for each collective.
    pub cash_collective: Option<i64>,
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
    #[sea_orm(
        belongs_to = "super::issuer::Entity",
        from = "Column::IssuerId",
        to = "super::issuer::Column::Id",
        on_delete = "Restrict"
    )]
    Issuer,
}

impl Related<super::issuer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Issuer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
