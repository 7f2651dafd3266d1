//! Certificate layouts stored per conference: every saved version of a kind's layout (the
//! TOML text), the scan of the office's blank behind it, and the offsets of its printers.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conference {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CertificateLayout {
    Table,
    Id,
    ConferenceId,
    Kind,
    Version,
    Source,
    Note,
    SavedBy,
    UserId,
    SavedAt,
}

#[derive(DeriveIden)]
enum CertificateBackground {
    Table,
    Id,
    ConferenceId,
    Kind,
    Jpeg,
    WidthPx,
    HeightPx,
    FileName,
    MmPerPx,
    OriginXMm,
    OriginYMm,
    PrintInFullMode,
    UploadedBy,
    UploadedAt,
    Version,
}

#[derive(DeriveIden)]
enum Printer {
    Table,
    Id,
    ConferenceId,
    Name,
    OffsetXMm,
    OffsetYMm,
    Version,
}

fn belongs_to_conference<T: IntoIden + 'static>(table: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(table)
        .from_col(Alias::new("conference_id"))
        .to(Conference::Table, Conference::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CertificateLayout::Table)
                .col(pk_auto(CertificateLayout::Id))
                .col(integer(CertificateLayout::ConferenceId))
                .col(string(CertificateLayout::Kind))
                .col(integer(CertificateLayout::Version))
                .col(text(CertificateLayout::Source))
                .col(string(CertificateLayout::Note))
                .col(string(CertificateLayout::SavedBy))
                .col(integer_null(CertificateLayout::UserId))
                .col(timestamp_with_time_zone(CertificateLayout::SavedAt))
                .foreign_key(&mut belongs_to_conference(CertificateLayout::Table))
                .to_owned(),
        )
        .await?;
        // Also the guard against two saves taking the same version number.
        m.create_index(
            Index::create()
                .name("ux_certificate_layout_version")
                .table(CertificateLayout::Table)
                .col(CertificateLayout::ConferenceId)
                .col(CertificateLayout::Kind)
                .col(CertificateLayout::Version)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CertificateBackground::Table)
                .col(pk_auto(CertificateBackground::Id))
                .col(integer(CertificateBackground::ConferenceId))
                .col(string(CertificateBackground::Kind))
                .col(blob(CertificateBackground::Jpeg))
                .col(integer(CertificateBackground::WidthPx))
                .col(integer(CertificateBackground::HeightPx))
                .col(string(CertificateBackground::FileName))
                .col(double_null(CertificateBackground::MmPerPx))
                .col(double(CertificateBackground::OriginXMm))
                .col(double(CertificateBackground::OriginYMm))
                .col(boolean(CertificateBackground::PrintInFullMode))
                .col(string(CertificateBackground::UploadedBy))
                .col(timestamp_with_time_zone(CertificateBackground::UploadedAt))
                .col(integer(CertificateBackground::Version))
                .foreign_key(&mut belongs_to_conference(CertificateBackground::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_certificate_background_kind")
                .table(CertificateBackground::Table)
                .col(CertificateBackground::ConferenceId)
                .col(CertificateBackground::Kind)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Printer::Table)
                .col(pk_auto(Printer::Id))
                .col(integer(Printer::ConferenceId))
                .col(string(Printer::Name))
                .col(double(Printer::OffsetXMm))
                .col(double(Printer::OffsetYMm))
                .col(integer(Printer::Version))
                .foreign_key(&mut belongs_to_conference(Printer::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_printer_conference_name")
                .table(Printer::Table)
                .col(Printer::ConferenceId)
                .col(Printer::Name)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Printer::Table.into_iden(),
            CertificateBackground::Table.into_iden(),
            CertificateLayout::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
