//! Search without diacritics: attendees and recipients keep their name folded ("Nguyễn Văn
//! Đức" → "nguyen van duc") in `search_key`. The application fills it on every write, and at
//! start-up for rows written before this migration (folding is the application's rule, so it
//! is not repeated here in SQL).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables whose names are searched.
const TABLES: [&str; 2] = ["attendee", "recipient"];

#[derive(DeriveIden)]
struct SearchKey;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .add_column(string(SearchKey).default(""))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES {
            manager
                .alter_table(
                    Table::alter()
                        .table(Alias::new(table))
                        .drop_column(SearchKey)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
