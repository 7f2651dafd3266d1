//! Certificate batches prepared in the background: the print centre starts one, anyone of
//! the conference's editors can follow its progress and download the file later, from any
//! server instance. The finished PDF is kept in the row until newer batches push it out.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PrintJob {
    Table,
    Id,
    Token,
    ConferenceId,
    StartedBy,
    Selection,
    Pages,
    Done,
    Status,
    Error,
    File,
    CreatedAt,
    UpdatedAt,
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
                .table(PrintJob::Table)
                .col(pk_auto(PrintJob::Id))
                .col(string_uniq(PrintJob::Token))
                .col(integer(PrintJob::ConferenceId))
                .col(string(PrintJob::StartedBy))
                .col(text(PrintJob::Selection))
                .col(integer(PrintJob::Pages))
                .col(integer(PrintJob::Done))
                .col(string(PrintJob::Status))
                .col(text_null(PrintJob::Error))
                .col(blob_null(PrintJob::File))
                .col(timestamp_with_time_zone(PrintJob::CreatedAt))
                .col(timestamp_with_time_zone(PrintJob::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PrintJob::Table, PrintJob::ConferenceId)
                        .to(Conference::Table, Conference::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_print_job_conference")
                .table(PrintJob::Table)
                .col(PrintJob::ConferenceId)
                .col(PrintJob::CreatedAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PrintJob::Table).to_owned())
            .await
    }
}
