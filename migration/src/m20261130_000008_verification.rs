//! Verification codes of printed certificates: the code a certificate's QR carries, with the
//! recipient it was printed for and what the certificate said. Rows outlive the recipient,
//! the decision and the conference on purpose (no foreign keys): a certificate whose
//! recipient was removed or whose decision was withdrawn must answer "revoked", with the date,
//! never look like a forgery.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Verification {
    Table,
    Id,
    Code,
    ConferenceId,
    DecisionId,
    RecipientId,
    Snapshot,
    CreatedAt,
    RevokedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Verification::Table)
                .col(pk_auto(Verification::Id))
                .col(string_uniq(Verification::Code))
                .col(integer(Verification::ConferenceId))
                .col(integer(Verification::DecisionId))
                .col(integer(Verification::RecipientId))
                .col(json(Verification::Snapshot))
                .col(timestamp_with_time_zone(Verification::CreatedAt))
                .col(timestamp_with_time_zone_null(Verification::RevokedAt))
                .to_owned(),
        )
        .await?;
        for (name, column) in [
            ("ix_verification_recipient", Verification::RecipientId),
            ("ix_verification_decision", Verification::DecisionId),
            ("ix_verification_conference", Verification::ConferenceId),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(Verification::Table)
                    .col(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Verification::Table).to_owned())
            .await
    }
}
