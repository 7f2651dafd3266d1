//! Verification codes of printed certificates (see `domain::verification`): given out the
//! first time a recipient's certificate is printed and kept for every reprint, looked up by
//! the public page, and marked revoked when the recipient, its decision or the conference
//! is deleted.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::verification::{ActiveModel, Column, Entity, Model};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect,
};

use crate::domain::code::generate as new_code;
use crate::domain::model::{AwardDecision, Conference, Issuer, Recipient};
use crate::domain::verification::VerifiedCertificate;
use crate::error::AppResult;

/// Rows per statement, well inside SQLite's and PostgreSQL's parameter limits.
pub const BATCH: usize = 1000;

/// One certificate about to be printed: whose it is, and what it says.
pub struct Printed {
    pub conference_id: i32,
    pub decision_id: i32,
    pub recipient_id: i32,
    pub shown: VerifiedCertificate,
}

impl Printed {
    pub fn of(
        conference: &Conference,
        issuer: &Issuer,
        decision: &AwardDecision,
        recipient: &Recipient,
    ) -> Printed {
        Printed {
            conference_id: conference.id,
            decision_id: decision.id,
            recipient_id: recipient.id,
            shown: VerifiedCertificate::of(conference, issuer, decision, recipient),
        }
    }

    /// The fingerprint of what it says.
    pub fn fingerprint(&self) -> i64 {
        fingerprint(&self.shown)
    }
}

/// The fingerprint of what each recipient's certificate said when it was last printed, by
/// recipient (none on a row from before fingerprints were kept): one query.
pub async fn printed<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<HashMap<i32, Option<i64>>> {
    let rows: Vec<(i32, Option<i64>)> = Entity::find()
        .select_only()
        .columns([Column::RecipientId, Column::Fingerprint])
        .filter(Column::ConferenceId.eq(conference_id))
        .filter(Column::RevokedAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The codes of these certificates by recipient id: the recipient's code if it has one,
/// else a new one. The row's snapshot becomes what this certificate says, so that a code
/// revoked later shows the certificate as it was last printed.
pub async fn codes_for<C: ConnectionTrait>(
    db: &C,
    printed: &[Printed],
) -> AppResult<HashMap<i32, String>> {
    let mut codes = HashMap::with_capacity(printed.len());
    for part in printed.chunks(BATCH) {
        let ids: Vec<i32> = part.iter().map(|p| p.recipient_id).collect();
        // Each certificate and the fingerprint of what it says now.
        let shown: HashMap<i32, (&Printed, i64)> = part
            .iter()
            .map(|p| (p.recipient_id, (p, fingerprint(&p.shown))))
            .collect();
        let standing: Vec<(i32, String, Option<i64>)> = Entity::find()
            .select_only()
            .columns([Column::RecipientId, Column::Code, Column::Fingerprint])
            .filter(Column::RecipientId.is_in(ids))
            .filter(Column::RevokedAt.is_null())
            .into_tuple()
            .all(db)
            .await?;
        for (recipient_id, code, stored) in standing {
            // A reprint after an edit (a corrected name): rare, one update each.
            if let Some((p, now)) = shown.get(&recipient_id).filter(|(_, f)| Some(*f) != stored) {
                Entity::update_many()
                    .col_expr(Column::Snapshot, to_snapshot(&p.shown).into())
                    .col_expr(Column::Fingerprint, (*now).into())
                    .filter(Column::Code.eq(&code))
                    .exec(db)
                    .await?;
            }
            codes.insert(recipient_id, code);
        }
        let now = Utc::now();
        let missing: Vec<&Printed> = part
            .iter()
            .filter(|p| !codes.contains_key(&p.recipient_id))
            .collect();
        let new: Vec<ActiveModel> = missing
            .into_iter()
            .map(|p| {
                let code = new_code();
                codes.insert(p.recipient_id, code.clone());
                let fingerprint = shown[&p.recipient_id].1;
                ActiveModel {
                    code: Set(code),
                    conference_id: Set(p.conference_id),
                    decision_id: Set(p.decision_id),
                    recipient_id: Set(p.recipient_id),
                    snapshot: Set(to_snapshot(&p.shown)),
                    fingerprint: Set(Some(fingerprint)),
                    created_at: Set(now),
                    ..Default::default()
                }
            })
            .collect();
        if !new.is_empty() {
            Entity::insert_many(new).exec(db).await?;
        }
    }
    Ok(codes)
}

/// What a certificate says, as its row keeps it.
fn to_snapshot(shown: &VerifiedCertificate) -> serde_json::Value {
    serde_json::to_value(shown).expect("serialises")
}

/// FNV-1a of what a certificate says, as JSON text: stable across releases (std's hasher is
/// not), and a change of any field changes it but by a 2^-64 chance.
fn fingerprint(shown: &VerifiedCertificate) -> i64 {
    let text = serde_json::to_vec(shown).expect("serialises");
    let hash = text.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// A code's row, if there is one.
pub async fn find<C: ConnectionTrait>(db: &C, code: &str) -> AppResult<Option<Model>> {
    Ok(Entity::find().filter(Column::Code.eq(code)).one(db).await?)
}

/// The snapshot of a row, as the page shows a revoked certificate.
pub fn snapshot(m: &Model) -> Option<VerifiedCertificate> {
    serde_json::from_value(m.snapshot.clone()).ok()
}

/// Which codes a deletion revokes.
pub enum Revoked {
    Recipient(i32),
    Decision(i32),
    Conference(i32),
}

/// Mark the codes of what was deleted as revoked now (those not revoked already).
pub async fn revoke<C: ConnectionTrait>(db: &C, what: Revoked) -> AppResult<()> {
    let (column, id) = match what {
        Revoked::Recipient(id) => (Column::RecipientId, id),
        Revoked::Decision(id) => (Column::DecisionId, id),
        Revoked::Conference(id) => (Column::ConferenceId, id),
    };
    let now: DateTime<Utc> = Utc::now();
    Entity::update_many()
        .col_expr(Column::RevokedAt, now.into())
        .filter(column.eq(id))
        .filter(Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
