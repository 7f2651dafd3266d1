//! A fingerprint of what each verification code's certificate said at its last print, so
//! that a reprint of ten thousand certificates learns which snapshots changed without
//! reading and parsing ten thousand JSON documents. Rows written before have none: their
//! snapshot is written again, with its fingerprint, at their next print.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Verification {
    Table,
    Fingerprint,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Verification::Table)
                .add_column(big_integer_null(Verification::Fingerprint))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Verification::Table)
                .drop_column(Verification::Fingerprint)
                .to_owned(),
        )
        .await
    }
}
