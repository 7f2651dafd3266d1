//! Heavy work, bounded: decoding a scan, reading a spreadsheet, a preview or a check, a PDF
//! and a background batch each take a permit of their kind before they start, so that one
//! user cannot take every core or the server's memory. A full kind answers 503 with
//! Retry-After at once instead of queueing. The work runs on a blocking thread with a
//! deadline: the request is answered (503) when it passes and the async worker is free;
//! the thread keeps its permit until it really ends, so the bound holds for work that runs
//! on unobserved, and loops that can run long ([`Deadline::passed`]) stop themselves.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{AppError, AppResult};

/// The kinds of heavy work, each with its own number of permits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heavy {
    /// Decoding an uploaded image (a scan of a blank).
    Decode,
    /// Reading an uploaded spreadsheet or CSV file.
    Sheet,
    /// A designer's preview or check, or a PDF made while the request waits.
    Render,
    /// A certificate batch in the background.
    Batch,
}

impl Heavy {
    /// How long a request waits for this work before it answers 503.
    pub fn deadline(self) -> Duration {
        match self {
            Heavy::Decode | Heavy::Sheet => Duration::from_secs(20),
            Heavy::Render => Duration::from_secs(45),
            Heavy::Batch => Duration::from_secs(30 * 60),
        }
    }
}

/// When a client should try again after a 503 of a full kind, in seconds.
pub const RETRY_AFTER: u64 = 10;

/// Background batches one conference may run at once (a double click joins the running
/// batch of the same selection; this bounds different selections).
pub const BATCHES_PER_CONFERENCE: usize = 2;

/// The permits of one server.
pub struct Work {
    decode: Arc<Semaphore>,
    sheet: Arc<Semaphore>,
    render: Arc<Semaphore>,
    batch: Arc<Semaphore>,
    /// Running background batches per conference.
    batches: Arc<Mutex<HashMap<i32, usize>>>,
    /// Whether work has a deadline (not on the command line, where the operator waits).
    timed: bool,
}

impl Default for Work {
    fn default() -> Self {
        Work::sized(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }
}

/// A deadline a long loop looks at, to stop itself once nobody waits for its result.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at: Option<Instant>,
    limit: Duration,
}

impl Deadline {
    pub fn after(limit: Duration) -> Deadline {
        Deadline {
            at: Instant::now().checked_add(limit),
            limit,
        }
    }

    /// No deadline at all.
    pub fn never() -> Deadline {
        Deadline {
            at: None,
            limit: Duration::MAX,
        }
    }

    pub fn passed(&self) -> bool {
        self.at.is_some_and(|at| Instant::now() >= at)
    }

    /// The time it was set for.
    pub fn limit(&self) -> Duration {
        self.limit
    }
}

/// A permit for one background batch of a conference, given back when dropped.
pub struct BatchPermit {
    _permit: OwnedSemaphorePermit,
    conference_id: i32,
    batches: Arc<Mutex<HashMap<i32, usize>>>,
}

impl Drop for BatchPermit {
    fn drop(&mut self) {
        let mut running = self.batches.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = running.get_mut(&self.conference_id) {
            *n -= 1;
            if *n == 0 {
                running.remove(&self.conference_id);
            }
        }
    }
}

impl Work {
    /// Permits for a machine of `cores` cores: as many decodes, reads and renders at once
    /// as there are cores (at least two), and as many background batches.
    pub fn sized(cores: usize) -> Work {
        let n = cores.clamp(2, 16);
        Work {
            decode: Arc::new(Semaphore::new(n)),
            sheet: Arc::new(Semaphore::new(n)),
            render: Arc::new(Semaphore::new(n)),
            batch: Arc::new(Semaphore::new(n)),
            batches: Arc::default(),
            timed: true,
        }
    }

    /// For the command line: one operator's work, without deadlines.
    pub fn for_command_line() -> Work {
        Work {
            timed: false,
            ..Work::default()
        }
    }

    fn semaphore(&self, kind: Heavy) -> &Arc<Semaphore> {
        match kind {
            Heavy::Decode => &self.decode,
            Heavy::Sheet => &self.sheet,
            Heavy::Render => &self.render,
            Heavy::Batch => &self.batch,
        }
    }

    /// A permit of `kind` for work given to [`crate::service::print`] (which writes under it
    /// until its deadline), or 503 when all are taken.
    pub fn limit(&self, kind: Heavy) -> AppResult<crate::service::print::Limit> {
        Ok(crate::service::print::Limit {
            permit: Box::new(self.permit(kind)?),
            deadline: Deadline::after(kind.deadline()),
        })
    }

    /// [`Work::limit`] for a background batch of `conference_id`: the permit is
    /// [`Work::batch`]'s, one of the server's and one of the conference's.
    pub fn batch_limit(&self, conference_id: i32) -> AppResult<crate::service::print::Limit> {
        Ok(crate::service::print::Limit {
            permit: Box::new(self.batch(conference_id)?),
            deadline: Deadline::after(Heavy::Batch.deadline()),
        })
    }

    /// A permit of `kind`, or 503 with Retry-After when all are taken.
    pub fn permit(&self, kind: Heavy) -> AppResult<OwnedSemaphorePermit> {
        self.semaphore(kind)
            .clone()
            .try_acquire_owned()
            .map_err(|_| AppError::Busy {
                retry_after: RETRY_AFTER,
            })
    }

    /// A permit for a background batch of `conference_id`: one of the server's, and one of
    /// the conference's [`BATCHES_PER_CONFERENCE`].
    pub fn batch(&self, conference_id: i32) -> AppResult<BatchPermit> {
        let mut running = self.batches.lock().unwrap_or_else(|e| e.into_inner());
        let count = running.entry(conference_id).or_default();
        if *count >= BATCHES_PER_CONFERENCE {
            return Err(AppError::Busy {
                retry_after: RETRY_AFTER,
            });
        }
        let permit = self.permit(Heavy::Batch)?;
        *count += 1;
        Ok(BatchPermit {
            _permit: permit,
            conference_id,
            batches: self.batches.clone(),
        })
    }

    /// Run `work` on a blocking thread once a permit of `kind` is free (503 at once if
    /// not), and answer 503 if it has not ended by the kind's deadline. `work` is given the
    /// deadline, for its loops to stop at.
    pub async fn run<T: Send + 'static>(
        &self,
        kind: Heavy,
        work: impl FnOnce(Deadline) -> T + Send + 'static,
    ) -> AppResult<T> {
        let permit = self.permit(kind)?;
        let limit = kind.deadline();
        let deadline = if self.timed {
            Deadline::after(limit)
        } else {
            Deadline::never()
        };
        let handle = tokio::task::spawn_blocking(move || {
            let result = work(deadline);
            drop(permit);
            result
        });
        if !self.timed {
            return handle.await.map_err(AppError::internal);
        }
        match tokio::time::timeout(limit, handle).await {
            Ok(joined) => joined.map_err(AppError::internal),
            Err(_) => Err(AppError::Timeout {
                seconds: limit.as_secs_f64(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_full_kind_answers_busy_and_frees_its_permit_when_work_ends() {
        let work = Work::sized(2);
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let rx = Arc::new(Mutex::new(rx));
        let mut running = Vec::new();
        for _ in 0..2 {
            let rx = rx.clone();
            let w = work.permit(Heavy::Render).unwrap();
            running.push(tokio::task::spawn_blocking(move || {
                let _w = w;
                rx.lock().unwrap().recv().ok();
            }));
        }
        let busy = work.run(Heavy::Render, |_| 1).await;
        assert!(matches!(busy, Err(AppError::Busy { retry_after: 10 })));
        // Another kind is not affected.
        assert_eq!(work.run(Heavy::Decode, |_| 2).await.unwrap(), 2);
        tx.send(()).unwrap();
        tx.send(()).unwrap();
        for r in running {
            r.await.unwrap();
        }
        assert_eq!(work.run(Heavy::Render, |_| 3).await.unwrap(), 3);
    }

    #[test]
    fn batches_are_capped_per_conference_and_given_back() {
        let work = Work::sized(8);
        let a = work.batch(1).unwrap();
        let _b = work.batch(1).unwrap();
        assert!(matches!(work.batch(1), Err(AppError::Busy { .. })));
        let _other = work.batch(2).unwrap();
        drop(a);
        assert!(work.batch(1).is_ok());
    }
}
