//! The hall's screen during a conference: which slide every screen and remote shows, the
//! recipients marked absent on the day (they leave the screen and the MC's lines), and when
//! the ceremony was started and ended. One row a conference, written by the MC's remote.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CeremonyScreen {
    Table,
    ConferenceId,
    Slide,
    Absent,
    StartedAt,
    EndedAt,
    Version,
}

#[derive(DeriveIden)]
enum Conference {
    Table,
    Id,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CeremonyScreen::Table)
                .col(integer(CeremonyScreen::ConferenceId).primary_key())
                .col(integer(CeremonyScreen::Slide))
                .col(text(CeremonyScreen::Absent))
                .col(timestamp_with_time_zone_null(CeremonyScreen::StartedAt))
                .col(timestamp_with_time_zone_null(CeremonyScreen::EndedAt))
                .col(integer(CeremonyScreen::Version))
                .foreign_key(
                    ForeignKey::create()
                        .from(CeremonyScreen::Table, CeremonyScreen::ConferenceId)
                        .to(Conference::Table, Conference::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CeremonyScreen::Table).to_owned())
            .await
    }
}
