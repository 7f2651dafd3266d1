//! Reading and writing the database: connecting (SQLite or PostgreSQL), running the
//! migrations, and one file per aggregate.

pub mod account;
pub mod agenda;
pub mod attendee;
pub mod audit;
pub mod award;
pub mod conference;
pub mod import;
pub mod layout;
mod model;
pub mod print_job;
pub mod printer;
pub mod programme;
pub mod resource;
pub mod speech;
pub mod throttle;
pub mod verification;

use std::time::Duration;

use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, EntityTrait};

pub use resource::{Page, Paging, Resource};

/// Open the database named by `url` and bring its schema up to date.
///
/// SQLite gets the settings a small server needs: the file is created on first start, WAL
/// lets readers work beside a writer, a busy timeout makes concurrent writers wait instead of
/// failing with "database is locked", and foreign keys are enforced.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opts = ConnectOptions::new(url);
    opts.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        opts.max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o: SqliteConnectOptions| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(30))
                    .foreign_keys(true)
            });
    } else {
        opts.max_connections(32)
            .acquire_timeout(Duration::from_secs(30));
    }
    let db = Database::connect(opts).await?;
    Migrator::up(&db, None).await?;
    fill_search_keys::<entity::attendee::Entity>(
        &db,
        entity::attendee::Column::Id,
        entity::attendee::Column::FullName,
        entity::attendee::Column::SearchKey,
    )
    .await?;
    fill_search_keys::<entity::recipient::Entity>(
        &db,
        entity::recipient::Column::Id,
        entity::recipient::Column::Name,
        entity::recipient::Column::SearchKey,
    )
    .await?;
    attendee::fill_checkin_codes(&db).await?;
    Ok(db)
}

/// Fold the names of rows stored before they had a search key (migration 000003); every
/// write since sets it. Once done, this is one query that finds nothing.
async fn fill_search_keys<E: EntityTrait>(
    db: &DatabaseConnection,
    id: E::Column,
    name: E::Column,
    key: E::Column,
) -> Result<(), DbErr> {
    use sea_orm::sea_query::Expr;
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect, TransactionTrait};
    let rows: Vec<(i32, String)> = E::find()
        .select_only()
        .column(id)
        .column(name)
        .filter(key.eq(""))
        .into_tuple()
        .all(db)
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let txn = db.begin().await?;
    for (row, text) in rows {
        E::update_many()
            .col_expr(key, Expr::value(crate::domain::text::fold(&text)))
            .filter(id.eq(row))
            .exec(&txn)
            .await?;
    }
    txn.commit().await
}

/// Begin a transaction that writes. On SQLite it takes the write lock at once (BEGIN
/// IMMEDIATE), so a transaction that reads before it writes waits for other writers instead
/// of failing with "database is locked" when it tries to write.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let sqlite = matches!(db.get_database_backend(), sea_orm::DbBackend::Sqlite);
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: sqlite.then_some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
