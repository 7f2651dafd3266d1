//! What a batch of ten thousand certificates reads, made cheap:
//! - recipients in ceremony order (conference, presentation order, id) come from an index,
//!   page after page, instead of being sorted again for every page;
//! - a fingerprint of what each verification code's certificate said at its last print, so
//!   that a reprint learns which snapshots changed without reading and parsing ten thousand
//!   JSON documents. Rows written before have none: their snapshot is written again, with
//!   its fingerprint, at their next print.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Verification {
    Table,
    Fingerprint,
}

#[derive(DeriveIden)]
enum Recipient {
    Table,
    ConferenceId,
    PresentationOrder,
    Id,
}

const ORDER_INDEX: &str = "ix_recipient_ceremony_order";

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Verification::Table)
                .add_column(big_integer_null(Verification::Fingerprint))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(ORDER_INDEX)
                .table(Recipient::Table)
                .col(Recipient::ConferenceId)
                .col(Recipient::PresentationOrder)
                .col(Recipient::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(ORDER_INDEX)
                .table(Recipient::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Verification::Table)
                .drop_column(Verification::Fingerprint)
                .to_owned(),
        )
        .await
    }
}
