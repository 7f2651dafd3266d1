use sea_orm::entity::prelude::*;
use serde::Serialize;

/// The scan of an office's pre-printed blank behind a conference's layout of one kind, as
/// a normalised JPEG, and where it lies on the paper.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel, Serialize)]
#[sea_orm(table_name = "certificate_background")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub conference_id: i32,
    pub kind: String,
    #[serde(skip)]
    pub jpeg: Vec<u8>,
    pub width_px: i32,
    pub height_px: i32,
    /// The name of the uploaded file.
    pub file_name: String,
    /// Scale; None: stretched to the paper.
    pub mm_per_px: Option<f64>,
    /// Where the image's top-left pixel lies on the paper, in mm (with a scale).
    pub origin_x_mm: f64,
    pub origin_y_mm: f64,
    /// Printed as the page's background on plain paper; never on blanks.
    pub print_in_full_mode: bool,
    pub uploaded_by: String,
    pub uploaded_at: chrono::DateTime<chrono::Utc>,
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
