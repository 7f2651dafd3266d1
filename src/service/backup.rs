//! Backing up a conference as one JSON document and restoring one as a new conference: all
//! of it or, at the first problem (named by section and index), nothing.

use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, TransactionTrait};
use serde_json::Value;

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::interop::backup::{self, IdMap, SECTIONS};
use crate::store::agenda::Agenda;
use crate::store::attendee::Attendees;
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::conference::{self, Conferences};
use crate::store::speech::Speeches;
use crate::store::{Resource, begin_write, resource};

/// The records of a resource, each as the input that recreates it with its id.
async fn section<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<Value>> {
    resource::all::<R, C>(db, conference_id)
        .await?
        .iter()
        .map(|m| {
            let input = serde_json::to_value(R::to_input(m)).map_err(AppError::internal)?;
            Ok(backup::record(input, R::id(m)))
        })
        .collect()
}

/// The conference and everything in it, as one JSON document.
pub async fn export(db: &DatabaseConnection, conference_id: i32) -> AppResult<Value> {
    // One read transaction: a consistent picture even while others write.
    let txn = db.begin().await?;
    let conf = conference::get(&txn, conference_id).await?;
    let input = serde_json::to_value(Conferences::to_input(&conf)).map_err(AppError::internal)?;
    let doc = backup::document(
        input,
        vec![
            (
                "attendees",
                section::<Attendees, _>(&txn, conference_id).await?,
            ),
            ("agenda", section::<Agenda, _>(&txn, conference_id).await?),
            (
                "speeches",
                section::<Speeches, _>(&txn, conference_id).await?,
            ),
            ("issuers", section::<Issuers, _>(&txn, conference_id).await?),
            (
                "decisions",
                section::<Decisions, _>(&txn, conference_id).await?,
            ),
            (
                "recipients",
                section::<Recipients, _>(&txn, conference_id).await?,
            ),
        ],
    );
    txn.commit().await?;
    Ok(doc)
}

/// Rebuild a backup as a new conference owned by `actor`; all of it or, at the first
/// problem, nothing. Returns the new conference's id.
pub async fn restore(db: &DatabaseConnection, actor: &Actor, doc: Value) -> AppResult<i32> {
    let mut doc = backup::open(doc).map_err(AppError::from)?;
    let txn = begin_write(db).await?;
    let conf = conference::create(&txn, actor, std::mem::take(&mut doc.conference))
        .await
        .map_err(|e| e.within("conference"))?;
    let mut ids = IdMap::default();
    for section in SECTIONS {
        let name = section.0;
        for (index, record) in doc.take(name)?.into_iter().enumerate() {
            let at = format!("{name}[{index}]");
            let (old_id, body) = ids.prepare(section, record, &at)?;
            let id = match name {
                "attendees" => create::<Attendees>(&txn, actor, conf.id, body).await,
                "agenda" => create::<Agenda>(&txn, actor, conf.id, body).await,
                "speeches" => create::<Speeches>(&txn, actor, conf.id, body).await,
                "issuers" => create::<Issuers>(&txn, actor, conf.id, body).await,
                "decisions" => create::<Decisions>(&txn, actor, conf.id, body).await,
                _ => create::<Recipients>(&txn, actor, conf.id, body).await,
            }
            .map_err(|e| e.within(&at))?;
            if let Some(old) = old_id {
                ids.insert(name, old, id);
            }
        }
    }
    txn.commit().await?;
    Ok(conf.id)
}

async fn create<R: Resource>(
    txn: &DatabaseTransaction,
    actor: &Actor,
    conference_id: i32,
    body: Value,
) -> AppResult<i32> {
    Ok(R::id(
        &resource::create::<R, _>(txn, actor, conference_id, body).await?,
    ))
}
