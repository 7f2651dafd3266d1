//! A decision's own cash award per recipient, for individuals and for collectives, where
//! the issuer gives another amount than the decree's coefficient (from its own fund, or
//! none: 0). Null: the decree's amount. Rows written before have none.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AwardDecision {
    Table,
    CashIndividual,
    CashCollective,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters a table one column at a time.
        for column in [AwardDecision::CashIndividual, AwardDecision::CashCollective] {
            m.alter_table(
                Table::alter()
                    .table(AwardDecision::Table)
                    .add_column(big_integer_null(column))
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [AwardDecision::CashIndividual, AwardDecision::CashCollective] {
            m.alter_table(
                Table::alter()
                    .table(AwardDecision::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
