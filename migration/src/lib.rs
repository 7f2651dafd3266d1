//! The schema's history. Migrations run at start-up, the same on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_conference_model;
mod m20261128_000002_accounts;
mod m20261128_000003_search_keys;
mod m20261129_000004_login_throttle;
mod m20261130_000005_certificate_layouts;
mod m20261130_000006_invitations;
mod m20261130_000007_print_jobs;
mod m20261130_000008_verification;
mod m20261130_000009_large_batches;
mod m20261207_000010_signer_rank;
mod m20261207_000011_issuer_emblem;
mod m20261207_000012_decision_cash;
mod m20261207_000013_issuer_grounds;
mod m20261207_000014_ceremony_screen;

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_conference_model::Migration),
            Box::new(m20261128_000002_accounts::Migration),
            Box::new(m20261128_000003_search_keys::Migration),
            Box::new(m20261129_000004_login_throttle::Migration),
            Box::new(m20261130_000005_certificate_layouts::Migration),
            Box::new(m20261130_000006_invitations::Migration),
            Box::new(m20261130_000007_print_jobs::Migration),
            Box::new(m20261130_000008_verification::Migration),
            Box::new(m20261130_000009_large_batches::Migration),
            Box::new(m20261207_000010_signer_rank::Migration),
            Box::new(m20261207_000011_issuer_emblem::Migration),
            Box::new(m20261207_000012_decision_cash::Migration),
            Box::new(m20261207_000013_issuer_grounds::Migration),
            Box::new(m20261207_000014_ceremony_screen::Migration),
        ]
    }
}
