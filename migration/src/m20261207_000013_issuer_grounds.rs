//! An issuer's own legal grounds ("Căn cứ …"), one per line, for the decisions and
//! proposals drafted in its name. Null or blank: the defaults of its level on the
//! decision's date (`print::decision::grounds`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Issuer {
    Table,
    Grounds,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Issuer::Table)
                .add_column(text_null(Issuer::Grounds))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Issuer::Table)
                .drop_column(Issuer::Grounds)
                .to_owned(),
        )
        .await
    }
}
