//! The conference, its agenda, attendees, speeches, issuers, award decisions and recipients.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Conference {
    Table,
    Id,
    Title,
    Acronym,
    Movement,
    YearReviewed,
    HeldOn,
    HostBody,
    Venue,
    PlaceName,
    TimeZone,
    Status,
    KeyFigures,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AgendaItem {
    Table,
    Id,
    ConferenceId,
    Position,
    StartsAt,
    DurationMinutes,
    Kind,
    Title,
    PresenterAttendeeId,
    PresenterText,
    Notes,
    Guid,
    Version,
}

#[derive(DeriveIden)]
enum Attendee {
    Table,
    Id,
    ConferenceId,
    Honorific,
    FullName,
    Position,
    Organisation,
    Category,
    Rank,
    Contact,
    Seat,
    Attendance,
    CheckedInAt,
    Version,
}

#[derive(DeriveIden)]
enum Speech {
    Table,
    Id,
    ConferenceId,
    SpeakerAttendeeId,
    SpeakerName,
    SpeakerPosition,
    Kind,
    Title,
    PlannedMinutes,
    Summary,
    FullText,
    AgendaItemId,
    Version,
}

#[derive(DeriveIden)]
enum Issuer {
    Table,
    Id,
    ConferenceId,
    Name,
    Level,
    Rank,
    PlaceName,
    CertificateHeading,
    SignerTitle,
    Version,
}

#[derive(DeriveIden)]
enum AwardDecision {
    Table,
    Id,
    ConferenceId,
    IssuerId,
    Number,
    DecidedOn,
    Form,
    TitleName,
    Reason,
    SignerTitle,
    SignerName,
    Version,
}

#[derive(DeriveIden)]
enum Recipient {
    Table,
    Id,
    ConferenceId,
    DecisionId,
    Kind,
    Honorific,
    Name,
    Position,
    Unit,
    Reason,
    RegisterNumber,
    PresentationOrder,
    Version,
}

/// Every row of a conference's tables goes with the conference.
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
                .table(Conference::Table)
                .col(pk_auto(Conference::Id))
                .col(string(Conference::Title))
                .col(string_null(Conference::Acronym))
                .col(string(Conference::Movement))
                .col(integer(Conference::YearReviewed))
                .col(date(Conference::HeldOn))
                .col(string(Conference::HostBody))
                .col(string(Conference::Venue))
                .col(string(Conference::PlaceName))
                .col(string(Conference::TimeZone))
                .col(string(Conference::Status))
                .col(json(Conference::KeyFigures))
                .col(integer(Conference::Version))
                .col(timestamp_with_time_zone(Conference::CreatedAt))
                .col(timestamp_with_time_zone(Conference::UpdatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Attendee::Table)
                .col(pk_auto(Attendee::Id))
                .col(integer(Attendee::ConferenceId))
                .col(string_null(Attendee::Honorific))
                .col(string(Attendee::FullName))
                .col(string_null(Attendee::Position))
                .col(string_null(Attendee::Organisation))
                .col(string(Attendee::Category))
                .col(integer(Attendee::Rank))
                .col(string_null(Attendee::Contact))
                .col(string_null(Attendee::Seat))
                .col(string(Attendee::Attendance))
                .col(timestamp_with_time_zone_null(Attendee::CheckedInAt))
                .col(integer(Attendee::Version))
                .foreign_key(&mut belongs_to_conference(Attendee::Table))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AgendaItem::Table)
                .col(pk_auto(AgendaItem::Id))
                .col(integer(AgendaItem::ConferenceId))
                .col(integer(AgendaItem::Position))
                .col(timestamp_with_time_zone(AgendaItem::StartsAt))
                .col(integer(AgendaItem::DurationMinutes))
                .col(string(AgendaItem::Kind))
                .col(string(AgendaItem::Title))
                .col(integer_null(AgendaItem::PresenterAttendeeId))
                .col(string_null(AgendaItem::PresenterText))
                .col(text_null(AgendaItem::Notes))
                .col(uuid(AgendaItem::Guid))
                .col(integer(AgendaItem::Version))
                .foreign_key(&mut belongs_to_conference(AgendaItem::Table))
                .foreign_key(
                    ForeignKey::create()
                        .from(AgendaItem::Table, AgendaItem::PresenterAttendeeId)
                        .to(Attendee::Table, Attendee::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Speech::Table)
                .col(pk_auto(Speech::Id))
                .col(integer(Speech::ConferenceId))
                .col(integer_null(Speech::SpeakerAttendeeId))
                .col(string_null(Speech::SpeakerName))
                .col(string_null(Speech::SpeakerPosition))
                .col(string(Speech::Kind))
                .col(string(Speech::Title))
                .col(integer_null(Speech::PlannedMinutes))
                .col(text_null(Speech::Summary))
                .col(text_null(Speech::FullText))
                .col(integer_null(Speech::AgendaItemId))
                .col(integer(Speech::Version))
                .foreign_key(&mut belongs_to_conference(Speech::Table))
                .foreign_key(
                    ForeignKey::create()
                        .from(Speech::Table, Speech::SpeakerAttendeeId)
                        .to(Attendee::Table, Attendee::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Speech::Table, Speech::AgendaItemId)
                        .to(AgendaItem::Table, AgendaItem::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Issuer::Table)
                .col(pk_auto(Issuer::Id))
                .col(integer(Issuer::ConferenceId))
                .col(string(Issuer::Name))
                .col(string(Issuer::Level))
                .col(integer(Issuer::Rank))
                .col(string(Issuer::PlaceName))
                .col(string(Issuer::CertificateHeading))
                .col(string(Issuer::SignerTitle))
                .col(integer(Issuer::Version))
                .foreign_key(&mut belongs_to_conference(Issuer::Table))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_issuer_conference_name")
                .table(Issuer::Table)
                .col(Issuer::ConferenceId)
                .col(Issuer::Name)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AwardDecision::Table)
                .col(pk_auto(AwardDecision::Id))
                .col(integer(AwardDecision::ConferenceId))
                .col(integer(AwardDecision::IssuerId))
                .col(string(AwardDecision::Number))
                .col(date(AwardDecision::DecidedOn))
                .col(string(AwardDecision::Form))
                .col(string_null(AwardDecision::TitleName))
                .col(text_null(AwardDecision::Reason))
                .col(string(AwardDecision::SignerTitle))
                .col(string(AwardDecision::SignerName))
                .col(integer(AwardDecision::Version))
                .foreign_key(&mut belongs_to_conference(AwardDecision::Table))
                .foreign_key(
                    ForeignKey::create()
                        .from(AwardDecision::Table, AwardDecision::IssuerId)
                        .to(Issuer::Table, Issuer::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_decision_issuer_number")
                .table(AwardDecision::Table)
                .col(AwardDecision::IssuerId)
                .col(AwardDecision::Number)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Recipient::Table)
                .col(pk_auto(Recipient::Id))
                .col(integer(Recipient::ConferenceId))
                .col(integer(Recipient::DecisionId))
                .col(string(Recipient::Kind))
                .col(string_null(Recipient::Honorific))
                .col(string(Recipient::Name))
                .col(string_null(Recipient::Position))
                .col(string_null(Recipient::Unit))
                .col(text_null(Recipient::Reason))
                .col(string_null(Recipient::RegisterNumber))
                .col(integer(Recipient::PresentationOrder))
                .col(integer(Recipient::Version))
                .foreign_key(&mut belongs_to_conference(Recipient::Table))
                .foreign_key(
                    ForeignKey::create()
                        .from(Recipient::Table, Recipient::DecisionId)
                        .to(AwardDecision::Table, AwardDecision::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        for (name, table, col) in [
            ("ix_agenda_conference", AgendaItem::Table.into_iden(), AgendaItem::ConferenceId.into_iden()),
            ("ix_attendee_conference", Attendee::Table.into_iden(), Attendee::ConferenceId.into_iden()),
            ("ix_speech_conference", Speech::Table.into_iden(), Speech::ConferenceId.into_iden()),
            ("ix_decision_conference", AwardDecision::Table.into_iden(), AwardDecision::ConferenceId.into_iden()),
            ("ix_recipient_conference", Recipient::Table.into_iden(), Recipient::ConferenceId.into_iden()),
            ("ix_recipient_decision", Recipient::Table.into_iden(), Recipient::DecisionId.into_iden()),
        ] {
            m.create_index(Index::create().name(name).table(table).col(col).to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Recipient::Table.into_iden(),
            AwardDecision::Table.into_iden(),
            Issuer::Table.into_iden(),
            Speech::Table.into_iden(),
            AgendaItem::Table.into_iden(),
            Attendee::Table.into_iden(),
            Conference::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
