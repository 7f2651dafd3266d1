use sea_orm::entity::prelude::*;

/// The verification code of a recipient's certificate (`/v/<code>`): stable across reprints,
/// kept after the recipient is removed, then with `revoked_at` set.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "verification")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub code: String,
    pub conference_id: i32,
    pub decision_id: i32,
    pub recipient_id: i32,
    /// What the certificate said at its last print (recipient, unit, form, title, issuer,
    /// decision number and date, conference), shown once it is revoked.
    pub snapshot: Json,
    /// A 64-bit hash of the snapshot as written, to learn cheaply whether a reprint says
    /// something else (none on rows from before it was kept).
    pub fingerprint: Option<i64>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
