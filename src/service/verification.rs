//! Looking up a certificate by the code on it, for anyone (no sign-in): a code of a
//! certificate still standing shows what the certificate says as the records say it now;
//! one whose recipient, decision or conference was deleted shows what it said, marked
//! revoked with the date; every other string is simply unknown, the same answer for every
//! wrong guess. Lookups are counted per client address.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use crate::domain::model::{AwardDecision, Conference, Issuer, Recipient};
use crate::domain::verification::{VerifiedCertificate, normalize_code};
use crate::error::{AppError, AppResult};
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::verification::{self, Revoked};
use crate::store::{conference, resource, throttle};

/// Lookups one client address may make in [`WINDOW`] seconds.
pub const LOOKUPS: i64 = 30;
pub const WINDOW: i64 = 60;

pub enum Lookup {
    Valid(VerifiedCertificate),
    Revoked {
        shown: Option<VerifiedCertificate>,
        at: DateTime<Utc>,
        /// The day of `at` where the conference was held (Vietnam's time zone if the
        /// conference itself was deleted).
        on: NaiveDate,
    },
    Unknown,
    /// Too many lookups from this address: try again in this many seconds.
    TooMany(u64),
}

pub async fn lookup(db: &DatabaseConnection, typed: &str, address: &str) -> AppResult<Lookup> {
    let now = Utc::now().timestamp();
    let (count, started) =
        throttle::count_attempt(db, throttle::Counter::Verify, address, now, WINDOW).await?;
    if count > LOOKUPS {
        return Ok(Lookup::TooMany((started + WINDOW - now).max(1) as u64));
    }
    let Some(code) = normalize_code(typed) else {
        return Ok(Lookup::Unknown);
    };
    let Some(row) = verification::find(db, &code).await? else {
        return Ok(Lookup::Unknown);
    };
    let at = match row.revoked_at {
        Some(at) => at,
        None => match current(db, &row).await? {
            Some(shown) => return Ok(Lookup::Valid(shown)),
            None => {
                // Deleted by a path that recorded nothing (it should not happen): revoked now.
                verification::revoke(db, Revoked::Recipient(row.recipient_id)).await?;
                Utc::now()
            }
        },
    };
    let tz = match conference::get(db, row.conference_id).await {
        Ok(m) => conference::time_zone(&m),
        Err(AppError::NotFound { .. }) => chrono_tz::Asia::Ho_Chi_Minh,
        Err(e) => return Err(e),
    };
    Ok(Lookup::Revoked {
        shown: verification::snapshot(&row),
        at,
        on: at.with_timezone(&tz).date_naive(),
    })
}

/// The certificate as the records say it now, if its recipient still stands.
async fn current(
    db: &DatabaseConnection,
    row: &entity::verification::Model,
) -> AppResult<Option<VerifiedCertificate>> {
    let conference_id = row.conference_id;
    let Some(r) = resource::find::<Recipients, _>(db, conference_id, row.recipient_id).await?
    else {
        return Ok(None);
    };
    let recipient: Recipient = r.into();
    let decision: AwardDecision =
        resource::get::<Decisions, _>(db, conference_id, recipient.decision_id)
            .await?
            .into();
    let issuer: Issuer = resource::get::<Issuers, _>(db, conference_id, decision.issuer_id)
        .await?
        .into();
    let conference: Conference = conference::get(db, conference_id).await?.into();
    Ok(Some(VerifiedCertificate::of(
        &conference,
        &issuer,
        &decision,
        &recipient,
    )))
}
