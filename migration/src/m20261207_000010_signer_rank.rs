//! A signer's military or police rank ("Đại tá", "Thượng tướng"), printed on the line above
//! the name where it is set, as police documents show it. Rows written before have none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AwardDecision {
    Table,
    SignerRank,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AwardDecision::Table)
                .add_column(string(AwardDecision::SignerRank).default(""))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AwardDecision::Table)
                .drop_column(AwardDecision::SignerRank)
                .to_owned(),
        )
        .await
    }
}
