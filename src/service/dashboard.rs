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
use crate::i18n::Tr;
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

impl Missing {
    /// In the reader's language (the `todo-…` messages of the catalogs).
    pub fn words(&self, tr: &Tr) -> String {
        use crate::domain::checks::AgendaWarning;
        match self {
            Missing::RecipientDetails {
                name, reason, unit, ..
            } => tr.t1(
                &lacking("todo-recipient", [("reason", *reason), ("unit", *unit)]),
                "name",
                name.clone(),
            ),
            Missing::DecisionDetails {
                label,
                number,
                signer,
                ..
            } => tr.t1(
                &lacking("todo-decision", [("number", *number), ("signer", *signer)]),
                "decision",
                label.clone(),
            ),
            Missing::MoreRecipients { count } => tr.t1("todo-more-recipients", "count", *count),
            Missing::Nothing { section } => tr.t(&format!("todo-no-{section}")),
            Missing::LateDecision {
                label, decided_on, ..
            } => tr.t2(
                "todo-late-decision",
                ("decision", label.clone().into()),
                ("date", tr.date(decided_on).into()),
            ),
            Missing::Agenda {
                warning,
                title,
                other,
            } => {
                let (key, minutes) = match warning {
                    AgendaWarning::NoMinutes { .. } => ("todo-agenda-no-minutes", 0),
                    AgendaWarning::Overlaps { minutes, .. } => ("todo-agenda-overlaps", *minutes),
                    AgendaWarning::AfterClosing { .. } => ("todo-agenda-after-closing", 0),
                };
                let args = [
                    ("item", title.clone()),
                    ("next", other.clone()),
                    ("closing", other.clone()),
                    ("minutes", minutes.to_string()),
                ];
                tr.tn(key, &args)
            }
            Missing::Presenter { title, .. } => tr.t1("todo-presenter", "item", title.clone()),
            Missing::Unprintable {
                name, character, ..
            } => tr.t2(
                "todo-unprintable",
                ("name", name.clone().into()),
                (
                    "character",
                    format!("{character} (U+{:04X})", *character as u32).into(),
                ),
            ),
        }
    }

    /// The page of the workspace where it is corrected.
    pub fn link(&self, conference_id: i32) -> String {
        let base = format!("/app/c/{conference_id}");
        match self {
            Missing::RecipientDetails {
                decision_id,
                recipient_id,
                ..
            } => format!("{base}/awards/{decision_id}/recipients/{recipient_id}"),
            Missing::DecisionDetails { decision_id, .. }
            | Missing::LateDecision { decision_id, .. } => format!("{base}/awards/{decision_id}"),
            Missing::MoreRecipients { .. } => format!("{base}/awards"),
            Missing::Nothing { section } => format!("{base}/{section}"),
            Missing::Agenda { warning, .. } => format!("{base}/agenda/{}", warning.item()),
            Missing::Presenter { item_id, .. } => format!("{base}/agenda/{item_id}"),
            Missing::Unprintable {
                record: "attendee",
                id,
                ..
            } => format!("{base}/delegates/{id}"),
            Missing::Unprintable { .. } => format!("{base}/awards"),
        }
    }
}

/// The message key of what a record lacks of two things: "todo-decision-number-signer",
/// "todo-decision-number" or "todo-decision-signer".
fn lacking(key: &str, [(a, lacks_a), (b, lacks_b)]: [(&str, bool); 2]) -> String {
    match (lacks_a, lacks_b) {
        (true, true) => format!("{key}-{a}-{b}"),
        (true, false) => format!("{key}-{a}"),
        _ => format!("{key}-{b}"),
    }
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
