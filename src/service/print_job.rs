//! Certificate batches in the background: a batch of hundreds of pages is started from the
//! print centre, rendered by a task of this server while its progress is written to the
//! database every second, and its file is kept there, so the organiser can leave the page,
//! come back (on any instance) and download it, and a double click joins the running batch
//! instead of printing twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sea_orm::DatabaseConnection;

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::print::Layouts;
use crate::service::print::{self, CertificateJob};
use crate::service::work::Work;
use crate::store::print_job;
use crate::store::programme;

/// What the organiser reads of a failure that is not theirs to correct (the log has it).
fn stopped() -> AppError {
    AppError::unprocessable(
        "batch-stopped",
        &[],
        "the batch stopped because of an internal error; start it again",
    )
}

/// How often a running batch writes its progress (and heartbeat).
const HEARTBEAT: Duration = Duration::from_secs(1);

/// Start printing `job` in the background, or join the running batch with the same
/// `selection` (the print centre's query string, which names the batch in the list).
/// Returns the batch's token.
pub async fn start(
    db: &DatabaseConnection,
    work: &Work,
    layouts: Arc<Layouts>,
    actor: &Actor,
    conference_id: i32,
    job: CertificateJob,
    selection: &str,
) -> AppResult<String> {
    if let Some(running) = print_job::running_like(db, conference_id, selection).await? {
        return Ok(running.token);
    }
    let pages: usize = programme::selected_ceremony(db, conference_id, &job.selection)
        .await?
        .iter()
        .map(|d| d.recipients.len())
        .sum();
    if pages == 0 {
        return Err(crate::service::print::nothing_selected());
    }
    // One of the server's batches and one of the conference's, held until it ends.
    let mut job = job;
    job.limit = Some(work.batch_limit(conference_id)?);
    let token = crate::store::account::new_secret();
    print_job::prune(db, conference_id).await?;
    print_job::insert(db, &token, conference_id, &actor.label(), selection, pages).await?;
    tokio::spawn(run(
        db.clone(),
        layouts,
        actor.clone(),
        conference_id,
        job,
        token.clone(),
    ));
    Ok(token)
}

/// Render the batch, writing progress while it runs and the file (or the reason it
/// failed) at the end.
async fn run(
    db: DatabaseConnection,
    layouts: Arc<Layouts>,
    actor: Actor,
    conference_id: i32,
    job: CertificateJob,
    token: String,
) {
    let done = Arc::new(AtomicUsize::new(0));
    let counter = done.clone();
    let render_db = db.clone();
    let mut render = tokio::spawn(async move {
        print::certificates(
            &render_db,
            layouts,
            &actor,
            conference_id,
            job,
            Vec::new(),
            move |n| counter.store(n, Ordering::Relaxed),
        )
        .await
    });
    let mut beat = tokio::time::interval(HEARTBEAT);
    let outcome = loop {
        tokio::select! {
            finished = &mut render => break finished,
            _ = beat.tick() => {
                if let Err(e) = print_job::progress(&db, &token, done.load(Ordering::Relaxed)).await {
                    tracing::warn!("print batch {conference_id}: progress not recorded: {e}");
                }
            }
        }
    };
    // A failure is kept typed (its code and values, as JSON), for each reader's language.
    let outcome = match outcome {
        Ok(Ok((file, pages))) => Ok((file, pages)),
        Ok(Err(AppError::Internal(e))) => {
            tracing::error!("print batch {conference_id} failed: {e}");
            Err(stopped())
        }
        Ok(Err(e)) => Err(e),
        Err(e) => {
            tracing::error!("print batch {conference_id} stopped: {e}");
            Err(stopped())
        }
    }
    .map_err(|e| serde_json::to_string(&e.typed()).unwrap_or_else(|_| e.to_string()));
    if let Err(e) = print_job::finish(&db, &token, outcome).await {
        tracing::error!("print batch {conference_id}: result not recorded: {e}");
    }
}
