//! An issuer's emblem or logo (the national emblem for a people's committee, the police
//! badge for the police), uploaded once and drawn by a layout's `emblem` element on every
//! certificate of that issuer printed on plain paper. Stored as uploaded: a PNG or JPEG, or
//! a one-page PDF kept as vector.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Issuer {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum IssuerEmblem {
    Table,
    Id,
    IssuerId,
    Format,
    Data,
    Width,
    Height,
    FileName,
    UploadedBy,
    UploadedAt,
    Version,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(IssuerEmblem::Table)
                .col(pk_auto(IssuerEmblem::Id))
                .col(integer(IssuerEmblem::IssuerId).unique_key())
                .col(string(IssuerEmblem::Format))
                .col(blob(IssuerEmblem::Data))
                .col(double(IssuerEmblem::Width))
                .col(double(IssuerEmblem::Height))
                .col(string(IssuerEmblem::FileName))
                .col(string(IssuerEmblem::UploadedBy))
                .col(timestamp_with_time_zone(IssuerEmblem::UploadedAt))
                .col(integer(IssuerEmblem::Version))
                .foreign_key(
                    ForeignKey::create()
                        .from_tbl(IssuerEmblem::Table)
                        .from_col(IssuerEmblem::IssuerId)
                        .to(Issuer::Table, Issuer::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(IssuerEmblem::Table).to_owned())
            .await
    }
}
