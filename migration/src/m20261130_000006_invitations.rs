//! Invitations (giấy mời) with a check-in code: every attendee gets an unguessable code,
//! unique across conferences (so that a code of another conference is told apart from a
//! forged one), and the conference keeps what its invitation says beyond its own fields
//! (number, subject, what to bring, "Nơi nhận", signer) as one JSON object.
//!
//! Existing rows get their codes from the application at start-up (the code is the
//! application's rule: random bits from the operating system, Crockford base32), as the
//! search keys of migration 000003 do; every insert since sets one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attendee {
    Table,
    CheckinCode,
}

#[derive(DeriveIden)]
enum Conference {
    Table,
    Invitation,
}

const INDEX: &str = "ux_attendee_checkin_code";

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Attendee::Table)
                    .add_column(string_len_null(Attendee::CheckinCode, 32))
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a UNIQUE column; a unique index does the same on both (NULLs,
        // rows not yet given a code, are distinct).
        manager
            .create_index(
                Index::create()
                    .name(INDEX)
                    .table(Attendee::Table)
                    .col(Attendee::CheckinCode)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Conference::Table)
                    .add_column(json_null(Conference::Invitation))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name(INDEX).table(Attendee::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Attendee::Table)
                    .drop_column(Attendee::CheckinCode)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Conference::Table)
                    .drop_column(Conference::Invitation)
                    .to_owned(),
            )
            .await
    }
}
