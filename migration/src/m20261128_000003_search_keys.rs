//! Search without diacritics: attendees and recipients keep their name folded ("Nguyễn Văn
//! Đức" → "nguyen van duc") in `search_key`. The application fills it on every write, and at
//! start-up for rows written before this migration (folding is the application's rule, so it
//! is not repeated here in SQL).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attendee {
    Table,
    SearchKey,
}

#[derive(DeriveIden)]
enum Recipient {
    Table,
    SearchKey,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Attendee::Table)
                    .add_column(string(Attendee::SearchKey).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Recipient::Table)
                    .add_column(string(Recipient::SearchKey).default(""))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Attendee::Table)
                    .drop_column(Attendee::SearchKey)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Recipient::Table)
                    .drop_column(Recipient::SearchKey)
                    .to_owned(),
            )
            .await
    }
}
