//! Organiser accounts, sessions, API tokens, per-conference roles and the audit log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Email,
    PasswordHash,
    IsAdmin,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    Id,
    UserId,
    Name,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
    Id,
    ConferenceId,
    UserId,
    Role,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    ConferenceId,
    At,
    UserId,
    Actor,
    Action,
    Resource,
    ResourceId,
    Before,
    After,
    Detail,
}

#[derive(DeriveIden)]
enum Conference {
    Table,
    Id,
}

fn owned_by_user<T: IntoIden + 'static>(table: T) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_tbl(table)
        .from_col(Alias::new("user_id"))
        .to(AppUser::Table, AppUser::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(AppUser::Table)
                .col(pk_auto(AppUser::Id))
                .col(string_uniq(AppUser::Email))
                .col(string(AppUser::PasswordHash))
                .col(boolean(AppUser::IsAdmin))
                .col(timestamp_with_time_zone(AppUser::CreatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Session::Table)
                .col(string(Session::Id).primary_key())
                .col(integer(Session::UserId))
                .col(timestamp_with_time_zone(Session::CreatedAt))
                .col(timestamp_with_time_zone(Session::LastSeenAt))
                .col(timestamp_with_time_zone(Session::ExpiresAt))
                .foreign_key(&mut owned_by_user(Session::Table))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ApiToken::Table)
                .col(pk_auto(ApiToken::Id))
                .col(integer(ApiToken::UserId))
                .col(string(ApiToken::Name))
                .col(string_uniq(ApiToken::TokenHash))
                .col(timestamp_with_time_zone(ApiToken::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiToken::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiToken::RevokedAt))
                .foreign_key(&mut owned_by_user(ApiToken::Table))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Membership::Table)
                .col(pk_auto(Membership::Id))
                .col(integer(Membership::ConferenceId))
                .col(integer(Membership::UserId))
                .col(string(Membership::Role))
                .foreign_key(&mut owned_by_user(Membership::Table))
                .foreign_key(
                    ForeignKey::create()
                        .from(Membership::Table, Membership::ConferenceId)
                        .to(Conference::Table, Conference::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_membership_conference_user")
                .table(Membership::Table)
                .col(Membership::ConferenceId)
                .col(Membership::UserId)
                .unique()
                .to_owned(),
        )
        .await?;
        // The audit log keeps no foreign keys: it outlives what it describes.
        m.create_table(
            Table::create()
                .table(AuditEvent::Table)
                .col(big_pk_auto(AuditEvent::Id))
                .col(integer_null(AuditEvent::ConferenceId))
                .col(timestamp_with_time_zone(AuditEvent::At))
                .col(integer_null(AuditEvent::UserId))
                .col(string(AuditEvent::Actor))
                .col(string(AuditEvent::Action))
                .col(string(AuditEvent::Resource))
                .col(integer_null(AuditEvent::ResourceId))
                .col(json_null(AuditEvent::Before))
                .col(json_null(AuditEvent::After))
                .col(json_null(AuditEvent::Detail))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_audit_conference")
                .table(AuditEvent::Table)
                .col(AuditEvent::ConferenceId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_session_user")
                .table(Session::Table)
                .col(Session::UserId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AuditEvent::Table.into_iden(),
            Membership::Table.into_iden(),
            ApiToken::Table.into_iden(),
            Session::Table.into_iden(),
            AppUser::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
