//! A conference at a glance, before anyone prints: delegates by category and attendance,
//! recipients per issuer and form, the award summary sentence, and a checklist of what is
//! missing (each entry names the record to fix). A fixed number of queries, whatever the
//! size of the conference.

use std::collections::BTreeMap;

use sea_orm::DatabaseConnection;

use crate::domain::kinds::RecipientKind;
use crate::domain::model::{AgendaItem, Attendee};
use crate::domain::programme::CeremonyDecision;
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

/// Load and count everything the dashboard shows.
pub async fn overview(db: &DatabaseConnection, conference_id: i32) -> AppResult<Overview> {
    let held_on = store::conference::get(db, conference_id).await?.held_on;
    let attendees = store::attendee::in_rank_order(db, conference_id).await?;
    let agenda: Vec<AgendaItem> =
        store::resource::all::<store::agenda::Agenda, _>(db, conference_id)
            .await?
            .into_iter()
            .map(Into::into)
            .collect();
    let ceremony = store::programme::ceremony(db, conference_id).await?;
    let summary = store::programme::summarise(&ceremony);
    Ok(count(&attendees, &agenda, &ceremony, summary, held_on))
}

fn count(
    attendees: &[Attendee],
    agenda: &[AgendaItem],
    ceremony: &[CeremonyDecision],
    summary: AwardSummary,
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
    let mut recipients = 0;
    for d in ceremony {
        let decision = &d.decision;
        if crate::domain::checks::decided_after(decision.decided_on, held_on) {
            missing.push(Missing::LateDecision {
                decision_id: decision.id,
                label: format!("{} — {}", d.issuer.name, decision.number),
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
                label: format!("{} — {}", d.issuer.name, decision.number),
                number,
                signer,
            });
        }
        for r in &d.recipients {
            recipients += 1;
            let reason = r.reason.is_none() && decision.reason.is_none();
            let unit = r.kind == RecipientKind::Individual.code() && r.unit.is_none();
            if reason || unit {
                missing.push(Missing::RecipientDetails {
                    decision_id: decision.id,
                    recipient_id: r.id,
                    name: r.name.clone(),
                    reason,
                    unit,
                });
            }
            // A recipient's characters are checked with everything else that would stop the
            // certificates (service::readiness), which the dashboard lists beside these.
        }
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
        recipients,
        summary,
        payments: crate::domain::cash::by_issuer(ceremony),
        missing,
    }
}

/// The first character of `name` that one of the certificate faces cannot draw.
fn unprintable(name: &str) -> Option<char> {
    FaceStyle::ALL
        .iter()
        .find_map(|style| style.face().first_missing(name))
}
