//! Read models that span a conference: the whole programme in one response, the award
//! ceremony in order, and the award summary.

use std::collections::HashMap;

use entity::{agenda_item, attendee, award_decision as decision, issuer, recipient, speech};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::cash::Counted;
use crate::domain::kinds::AgendaKind;
use crate::domain::programme::{CeremonyDecision, Programme, ProgrammeItem};
use crate::domain::summary::{self, AwardCount};
use crate::error::AppResult;

/// The award summary of a conference.
#[derive(Debug, Serialize, ToSchema)]
pub struct AwardSummary {
    /// Per issuer × form, in ceremony order.
    pub counts: Vec<AwardCount>,
    pub total_collectives: u32,
    pub total_individuals: u32,
    /// The sentence a report prints.
    pub text: String,
}

/// Every decision of the conference with its issuer and recipients, in ceremony order.
pub async fn ceremony<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<CeremonyDecision>> {
    selected_ceremony(db, conference_id, &Selection::default()).await
}

/// The decisions in ceremony order with their issuers, without recipients (for pages that
/// list decisions and count their recipients apart): two queries.
pub async fn ceremony_decisions<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<Vec<CeremonyDecision>> {
    super::conference::ensure_exists(db, conference_id).await?;
    let issuers = issuers_of(db, conference_id).await?;
    let decisions = decision::Entity::find()
        .filter(decision::Column::ConferenceId.eq(conference_id))
        .all(db)
        .await?;
    Ok(in_ceremony_order(&issuers, decisions, &mut HashMap::new()))
}

async fn issuers_of<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<HashMap<i32, issuer::Model>> {
    Ok(issuer::Entity::find()
        .filter(issuer::Column::ConferenceId.eq(conference_id))
        .all(db)
        .await?
        .into_iter()
        .map(|i| (i.id, i))
        .collect())
}

/// The decisions with their issuers and the recipients taken from `recipients`, sorted
/// as the ceremony calls them.
fn in_ceremony_order(
    issuers: &HashMap<i32, issuer::Model>,
    decisions: Vec<decision::Model>,
    recipients: &mut HashMap<i32, Vec<recipient::Model>>,
) -> Vec<CeremonyDecision> {
    let mut decisions: Vec<CeremonyDecision> = decisions
        .into_iter()
        .filter_map(|d| {
            let issuer = issuers.get(&d.issuer_id)?.clone().into();
            let recipients = recipients
                .remove(&d.id)
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect();
            Some(CeremonyDecision {
                decision: d.into(),
                issuer,
                recipients,
            })
        })
        .collect();
    decisions.sort_by_key(CeremonyDecision::key);
    decisions
}

/// The ceremony narrowed in the database to a selection, so that printing one certificate
/// does not load ten thousand recipients.
pub async fn selected_ceremony<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    selection: &Selection,
) -> AppResult<Vec<CeremonyDecision>> {
    super::conference::ensure_exists(db, conference_id).await?;
    let issuers = issuers_of(db, conference_id).await?;
    let mut recipients: HashMap<i32, Vec<recipient::Model>> = HashMap::new();
    let mut recipient_query =
        recipient::Entity::find().filter(recipient::Column::ConferenceId.eq(conference_id));
    if !selection.recipients.is_empty() {
        recipient_query =
            recipient_query.filter(recipient::Column::Id.is_in(selection.recipients.clone()));
    }
    if !selection.decisions.is_empty() {
        recipient_query = recipient_query
            .filter(recipient::Column::DecisionId.is_in(selection.decisions.clone()));
    }
    if let Some(q) = &selection.search {
        recipient_query = recipient_query.filter(super::award::search_condition(q));
    }
    // In pages: the raw rows of ten thousand recipients would otherwise sit in memory beside
    // their models. Each page starts after the last row of the one before (not at an
    // offset, which would read all the rows before it again).
    const PAGE: u64 = 1000;
    let mut after: Option<(i32, i32)> = None;
    loop {
        let mut cursor = recipient_query
            .clone()
            .cursor_by((recipient::Column::PresentationOrder, recipient::Column::Id));
        if let Some(last) = after {
            cursor.after(last);
        }
        let page = cursor.first(PAGE).all(db).await?;
        let full = page.len() as u64 == PAGE;
        after = page.last().map(|r| (r.presentation_order, r.id));
        for r in page {
            recipients.entry(r.decision_id).or_default().push(r);
        }
        if !full {
            break;
        }
    }
    let mut decision_query =
        decision::Entity::find().filter(decision::Column::ConferenceId.eq(conference_id));
    if !selection.decisions.is_empty() {
        decision_query =
            decision_query.filter(decision::Column::Id.is_in(selection.decisions.clone()));
    }
    if !selection.issuers.is_empty() {
        decision_query =
            decision_query.filter(decision::Column::IssuerId.is_in(selection.issuers.clone()));
    }
    let decisions = decision_query.all(db).await?;
    let mut ceremony = in_ceremony_order(&issuers, decisions, &mut recipients);
    if selection.changed {
        let conference = super::conference::get(db, conference_id).await?.into();
        let printed = super::verification::printed(db, conference_id).await?;
        for d in &mut ceremony {
            let (issuer, decision) = (&d.issuer, &d.decision);
            d.recipients.retain(|r| {
                let now = super::verification::Printed::of(&conference, issuer, decision, r);
                printed.get(&r.id) != Some(&Some(now.fingerprint()))
            });
        }
    }
    Ok(ceremony)
}

/// Whether the programme has an award ceremony (where the public sees the decisions).
pub async fn has_ceremony<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<bool> {
    use sea_orm::PaginatorTrait;
    Ok(agenda_item::Entity::find()
        .filter(agenda_item::Column::ConferenceId.eq(conference_id))
        .filter(agenda_item::Column::Kind.eq(AgendaKind::AwardCeremony.code()))
        .count(db)
        .await?
        > 0)
}

/// The whole programme: every item with its presenter and speeches, and at the award
/// ceremony every decision with its recipients.
pub async fn programme<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<Programme> {
    programme_with(db, conference_id, true).await
}

/// The programme with the ceremony's decisions but not their recipients, for pages that
/// count the recipients apart and list them a page at a time (a province's thousands).
pub async fn outline<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<Programme> {
    programme_with(db, conference_id, false).await
}

async fn programme_with<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    recipients: bool,
) -> AppResult<Programme> {
    let conference = super::conference::get(db, conference_id).await?;
    let items = agenda_item::Entity::find()
        .filter(agenda_item::Column::ConferenceId.eq(conference_id))
        .order_by_asc(agenda_item::Column::Position)
        .order_by_asc(agenda_item::Column::StartsAt)
        .order_by_asc(agenda_item::Column::Id)
        .all(db)
        .await?;
    let presenters: Vec<i32> = items
        .iter()
        .filter_map(|i| i.presenter_attendee_id)
        .collect();
    let attendees: HashMap<i32, attendee::Model> = attendee::Entity::find()
        .filter(attendee::Column::ConferenceId.eq(conference_id))
        .filter(attendee::Column::Id.is_in(presenters))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let mut speeches: HashMap<i32, Vec<speech::Model>> = HashMap::new();
    for s in speech::Entity::find()
        .filter(speech::Column::ConferenceId.eq(conference_id))
        .filter(speech::Column::AgendaItemId.is_not_null())
        .order_by_asc(speech::Column::Id)
        .all(db)
        .await?
    {
        speeches
            .entry(s.agenda_item_id.unwrap_or_default())
            .or_default()
            .push(s);
    }
    let has_ceremony = items
        .iter()
        .any(|i| i.kind == AgendaKind::AwardCeremony.code());
    let decisions = if !has_ceremony {
        Vec::new()
    } else if recipients {
        ceremony(db, conference_id).await?
    } else {
        ceremony_decisions(db, conference_id).await?
    };
    let agenda = items
        .into_iter()
        .map(|item| ProgrammeItem {
            presenter: item
                .presenter_attendee_id
                .and_then(|id| attendees.get(&id).cloned())
                .map(Into::into),
            speeches: speeches
                .remove(&item.id)
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            decisions: if item.kind == AgendaKind::AwardCeremony.code() {
                decisions.clone()
            } else {
                Vec::new()
            },
            item: item.into(),
        })
        .collect();
    Ok(Programme {
        conference: conference.into(),
        agenda,
    })
}

pub async fn award_summary<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
) -> AppResult<AwardSummary> {
    Ok(summarise(&ceremony(db, conference_id).await?))
}

/// The paragraph of a press report about the awards.
#[derive(Debug, Serialize, ToSchema)]
pub struct Report {
    pub text: String,
}

pub async fn report<C: ConnectionTrait>(db: &C, conference_id: i32) -> AppResult<Report> {
    let decisions = ceremony(db, conference_id).await?;
    let summary = summarise(&decisions);
    let lone: Vec<summary::Named<'_>> = decisions
        .iter()
        .filter(|d| d.recipients.len() == 1)
        .map(|d| summary::Named {
            issuer_id: d.issuer.id,
            name: &d.recipients[0].name,
            reason: d.recipients[0]
                .reason
                .as_deref()
                .or(d.decision.reason.as_deref()),
        })
        .collect();
    Ok(Report {
        text: summary::report_text(&summary.counts, &lone),
    })
}

/// The award summary of a ceremony already loaded.
pub fn summarise(decisions: &[CeremonyDecision]) -> AwardSummary {
    let counted: Vec<Counted<'_>> = decisions.iter().map(Counted::of).collect();
    summarise_counted(&counted)
}

/// The same from the decisions' counts of collectives and individuals.
pub fn summarise_counted(decisions: &[Counted<'_>]) -> AwardSummary {
    let counts = summary::in_ceremony_order(
        decisions
            .iter()
            .map(|c| {
                let d = c.decision;
                AwardCount {
                    issuer_id: d.issuer.id,
                    issuer: d.issuer.name.clone(),
                    form: d.decision.form.clone(),
                    title_name: d.decision.title_name.clone(),
                    collectives: c.collectives,
                    individuals: c.individuals,
                    key: d.key(),
                }
            })
            .collect(),
    );
    AwardSummary {
        total_collectives: counts.iter().map(|c| c.collectives).sum(),
        total_individuals: counts.iter().map(|c| c.individuals).sum(),
        text: summary::summary_text(&counts),
        counts,
    }
}

/// Which recipients to print: all of the conference, or those of some decisions, issuers or
/// recipients, or those a search finds (each narrows the selection when given; see
/// `selected_ceremony`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub decisions: Vec<i32>,
    pub issuers: Vec<i32>,
    pub recipients: Vec<i32>,
    /// A name without diacritics, or a unit as typed (`store::award::search_condition`).
    pub search: Option<String>,
    /// Only the recipients whose certificate would now say something else than when it was
    /// last printed (a corrected name, a decision's new number), or was never printed.
    pub changed: bool,
}

/// The longest search a selection keeps: no name is longer.
pub const MAX_SEARCH: usize = 200;

impl Selection {
    /// A search as typed, trimmed and cut to [`MAX_SEARCH`]; None when blank.
    pub fn search_of(typed: &str) -> Option<String> {
        let q: String = typed.trim().chars().take(MAX_SEARCH).collect();
        (!q.is_empty()).then_some(q)
    }

    /// A selection as a query string names it, with the API's parameters
    /// (`decision=3,7&issuer=2&recipient=…&q=…&changed=true`); what does not parse is left
    /// out (a page's address is read leniently; the API checks each parameter itself).
    pub fn from_pairs(pairs: &[(String, String)]) -> Selection {
        let values = |name: &'static str| {
            pairs
                .iter()
                .filter(move |(k, _)| k == name)
                .map(|(_, v)| v.trim())
        };
        let ids = |name| {
            let all: std::collections::BTreeSet<i32> = values(name)
                .flat_map(|v| v.split(','))
                .filter_map(|v| v.trim().parse().ok())
                .collect();
            all.into_iter().collect()
        };
        Selection {
            decisions: ids("decision"),
            issuers: ids("issuer"),
            recipients: ids("recipient"),
            search: values("q").next().and_then(Selection::search_of),
            changed: values("changed").next() == Some("true"),
        }
    }

    /// The query string of this selection, as [`Selection::from_pairs`] reads it (ids as
    /// `decision=3,7`, readable in an address).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        for (name, ids) in [
            ("decision", &self.decisions),
            ("issuer", &self.issuers),
            ("recipient", &self.recipients),
        ] {
            if !ids.is_empty() {
                let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
                parts.push(format!("{name}={}", ids.join(",")));
            }
        }
        if let Some(q) = &self.search {
            let mut pair = form_urlencoded::Serializer::new(String::new());
            parts.push(pair.append_pair("q", q).finish());
        }
        if self.changed {
            parts.push("changed=true".into());
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::Selection;

    #[test]
    fn a_selection_reads_and_writes_its_query_string() {
        let pairs: Vec<(String, String)> = form_urlencoded::parse(
            b"decision=7,3,x&decision=3&issuer=2&q=+%C4%90%E1%BA%B7ng+&changed=true&mode=blank",
        )
        .into_owned()
        .collect();
        let s = Selection::from_pairs(&pairs);
        assert_eq!(s.decisions, [3, 7]);
        assert_eq!(s.issuers, [2]);
        assert!(s.recipients.is_empty());
        assert_eq!(s.search.as_deref(), Some("Đặng"));
        assert!(s.changed);
        let query = s.to_query();
        assert_eq!(
            query,
            "decision=3,7&issuer=2&q=%C4%90%E1%BA%B7ng&changed=true"
        );
        let again: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(Selection::from_pairs(&again), s);
        assert_eq!(Selection::default().to_query(), "");
    }
}
