use sea_orm::entity::prelude::*;
use serde::Serialize;

/// A printer's offset for pre-printed blanks, measured once on the calibration page
/// ("máy in phòng Văn phòng": 1.5 mm right, 2 mm up).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize, utoipa::ToSchema)]
#[sea_orm(table_name = "printer")]
#[schema(as = Printer)]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub name: String,
    /// To the right, in mm (−50 to 50).
    pub offset_x_mm: f64,
    /// Downwards, in mm (−50 to 50).
    pub offset_y_mm: f64,
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
