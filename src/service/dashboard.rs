//! A conference at a glance, before anyone prints: delegates by category and attendance,
//! recipients per issuer and form, the award summary sentence, and a checklist of what is
//! missing (each entry names the record to fix). A fixed number of queries, whatever the
//! size of the conference.

use std::collections::BTreeMap;

use sea_orm::DatabaseConnection;

use crate::domain::cash::Counted;
use crate::domain::kinds::RecipientKind;
use crate::domain::model::{AgendaItem, Attendee};
use crate::error::AppResult;
use crate::print::fonts::FaceStyle;
use crate::store::{self, programme::AwardSummary};

/// What the dashboard shows.
#[derive(Debug)]
pub struct Overview {
    /// Per category code: (delegates, checked in).
    pub categories: BTreeMap<String, (usize, usize)>,
    /// Per attendance code: delegates.
    pub attendance: BTreeMap<String, usize>,
    pub delegates: usize,
    pub checked_in: usize,
    pub agenda_items: usize,
    pub decisions: usize,
    pub recipients: usize,
    pub summary: AwardSummary,
    /// What each issuer pays in cash awards, from its own fund.
    pub payments: Vec<crate::domain::cash::IssuerTotal>,
    pub missing: Vec<Missing>,
}

/// One thing to fix before printing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// A recipient whose certificate would have no reason (neither theirs nor the
    /// decision's) or, for an individual, no unit.
    RecipientDetails {
        decision_id: i32,
        recipient_id: i32,
        name: String,
        reason: bool,
        unit: bool,
    },
    /// A decision without its number or signer.
    DecisionDetails {
        decision_id: i32,
        label: String,
        number: bool,
        signer: bool,
    },
    /// A speech or report item nobody presents.
    Presenter { item_id: i32, title: String },
    /// More recipients to complete than the dashboard lists: how many more.
    MoreRecipients { count: u64 },
    /// Nothing of this kind yet ("agenda", "delegates", "awards").
    Nothing { section: &'static str },
    /// A decision dated after the conference it is read at (a warning).
    LateDecision {
        decision_id: i32,
        label: String,
        decided_on: chrono::NaiveDate,
    },
    /// Something to look at in the agenda (a warning), with the titles it names.
    Agenda {
        warning: crate::domain::checks::AgendaWarning,
        title: String,
        other: String,
    },
    /// A name with a character the certificate font cannot draw.
    Unprintable {
        record: &'static str,
        id: i32,
        name: String,
        character: char,
    },
}

/// Recipients to complete listed at most, each with its link; beyond, how many more.
const INCOMPLETE_LISTED: u64 = 100;

/// Load and count everything the dashboard shows. Recipients are counted in the database,
/// and only those to complete are read.
pub async fn overview(db: &DatabaseConnection, conference_id: i32) -> AppResult<Overview> {
    let held_on = store::conference::get(db, conference_id).await?.held_on;
    let attendees = store::attendee::in_rank_order(db, conference_id).await?;
    let agenda: Vec<AgendaItem> =
        store::resource::all::<store::agenda::Agenda, _>(db, conference_id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
    let ceremony = store::programme::ceremony_decisions(db, conference_id).await?;
    let counts = store::award::recipient_counts(db, conference_id).await?;
    let counted: Vec<Counted<'_>> = ceremony
        .iter()
        .map(|d| {
            let c = counts.get(&d.decision.id).copied().unwrap_or_default();
            Counted {
                decision: d,
                collectives: c.collectives,
                individuals: c.individuals,
            }
        })
        .collect();
    let without_reason = ceremony
        .iter()
        .filter(|d| d.decision.reason.is_none())
        .map(|d| d.decision.id)
        .collect();
    let incomplete =
        store::award::incomplete_recipients(db, conference_id, without_reason, INCOMPLETE_LISTED)
            .await?;
    Ok(count(&attendees, &agenda, &counted, incomplete, held_on))
}

fn count(
    attendees: &[Attendee],
    agenda: &[AgendaItem],
    ceremony: &[Counted<'_>],
    (incomplete, incomplete_total): (Vec<entity::recipient::Model>, u64),
    held_on: chrono::NaiveDate,
) -> Overview {
    let mut categories: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut attendance: BTreeMap<String, usize> = BTreeMap::new();
    let mut missing = Vec::new();
    for (empty, section) in [
        (agenda.is_empty(), "agenda"),
        (attendees.is_empty(), "delegates"),
        (ceremony.is_empty(), "awards"),
    ] {
        if empty {
            missing.push(Missing::Nothing { section });
        }
    }
    for a in attendees {
        let here = a.checked_in_at.is_some();
        let entry = categories.entry(a.category.clone()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(here);
        *attendance.entry(a.attendance.clone()).or_default() += 1;
        if let Some(character) = unprintable(&a.full_name) {
            missing.push(Missing::Unprintable {
                record: "attendee",
                id: a.id,
                name: a.full_name.clone(),
                character,
            });
        }
    }
    for item in agenda {
        let speaks = matches!(
            item.kind.as_str(),
            "report" | "contribution" | "directive_speech" | "reply"
        );
        if speaks && item.presenter_attendee_id.is_none() && item.presenter_text.is_none() {
            missing.push(Missing::Presenter {
                item_id: item.id,
                title: item.title.clone(),
            });
        }
    }
    let title_of = |id: i32| {
        agenda
            .iter()
            .find(|i| i.id == id)
            .map_or_else(String::new, |i| i.title.clone())
    };
    for warning in crate::domain::checks::agenda_warnings(agenda) {
        let other = match &warning {
            crate::domain::checks::AgendaWarning::Overlaps { next, .. } => title_of(*next),
            crate::domain::checks::AgendaWarning::AfterClosing { closing, .. } => {
                title_of(*closing)
            }
            crate::domain::checks::AgendaWarning::NoMinutes { .. } => String::new(),
        };
        missing.push(Missing::Agenda {
            title: title_of(warning.item()),
            other,
            warning,
        });
    }
    for c in ceremony {
        let decision = &c.decision.decision;
        let label = format!("{} — {}", c.decision.issuer.name, decision.number);
        if crate::domain::checks::decided_after(decision.decided_on, held_on) {
            missing.push(Missing::LateDecision {
                decision_id: decision.id,
                label: label.clone(),
                decided_on: decision.decided_on,
            });
        }
        let (number, signer) = (
            decision.number.trim().is_empty(),
            decision.signer_name.trim().is_empty() || decision.signer_title.trim().is_empty(),
        );
        if number || signer {
            missing.push(Missing::DecisionDetails {
                decision_id: decision.id,
                label,
                number,
                signer,
            });
        }
    }
    // The recipients to complete, in ceremony order. A recipient's characters are checked
    // with everything else that would stop the certificates (service::readiness), which the
    // dashboard lists beside these.
    let place = |decision_id: i32| {
        ceremony
            .iter()
            .position(|c| c.decision.decision.id == decision_id)
            .unwrap_or(usize::MAX)
    };
    let mut incomplete = incomplete;
    incomplete.sort_by_key(|r| (place(r.decision_id), r.presentation_order, r.id));
    for r in &incomplete {
        let decided = ceremony
            .iter()
            .find(|c| c.decision.decision.id == r.decision_id)
            .is_some_and(|c| c.decision.decision.reason.is_some());
        missing.push(Missing::RecipientDetails {
            decision_id: r.decision_id,
            recipient_id: r.id,
            name: r.name.clone(),
            reason: r.reason.is_none() && !decided,
            unit: r.kind == RecipientKind::Individual.code() && r.unit.is_none(),
        });
    }
    if incomplete_total > incomplete.len() as u64 {
        missing.push(Missing::MoreRecipients {
            count: incomplete_total - incomplete.len() as u64,
        });
    }
    Overview {
        delegates: attendees.len(),
        checked_in: attendees
            .iter()
            .filter(|a| a.checked_in_at.is_some())
            .count(),
        categories,
        attendance,
        agenda_items: agenda.len(),
        decisions: ceremony.len(),
        recipients: ceremony
            .iter()
            .map(|c| (c.collectives + c.individuals) as usize)
            .sum(),
        summary: store::programme::summarise_counted(ceremony),
        payments: crate::domain::cash::by_issuer_counted(ceremony),
        missing,
    }
}

/// The first character of `name` that one of the certificate faces cannot draw.
fn unprintable(name: &str) -> Option<char> {
    FaceStyle::ALL
        .iter()
        .find_map(|style| style.face().first_missing(name))
}
