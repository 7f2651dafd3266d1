//! Recipients in pages: a province's conference gives thousands of awards, so no page lists
//! them all. A decision's page and the awards page's search show 100 at a time, by key
//! (after the last row shown), with a search without diacritics and filters (collective or
//! individual, missing a reason or a unit).

use serde::Deserialize;

use super::i18n::Tr;
use crate::app::AppState;
use crate::domain::kinds::RecipientKind;
use crate::error::AppError;
use crate::store::award::{self, Missing, RecipientKey, RecipientQuery};

/// Rows a page shows.
pub const PAGE: u64 = 100;

/// The search and filters in a page's address (`?q=&kind=&missing=&after=`); anything not
/// understood is left out rather than refused.
#[derive(Debug, Default, Deserialize)]
pub struct RecipientSearch {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub missing: String,
    #[serde(default)]
    pub after: String,
}

impl RecipientSearch {
    /// Whether it narrows the list (a search or a filter).
    pub fn narrows(&self) -> bool {
        !(self.q.trim().is_empty() && self.kind.is_empty() && self.missing.is_empty())
    }

    fn query(&self, decision: Option<i32>) -> RecipientQuery {
        RecipientQuery {
            decision,
            q: crate::store::programme::Selection::search_of(&self.q),
            kind: RecipientKind::from_code(&self.kind),
            missing: Missing::from_code(&self.missing),
        }
    }

    /// The address of the page after `key`, keeping the search.
    fn next(&self, base: &str, key: RecipientKey) -> String {
        let search = [
            ("q", self.q.trim()),
            ("kind", &self.kind),
            ("missing", &self.missing),
        ];
        super::page::page_after(base, &search, Some(&key.to_string()))
    }
}

/// One recipient as a list shows it.
pub struct RecipientRow {
    pub id: i32,
    pub decision: i32,
    pub kind: String,
    pub honorific: String,
    pub name: String,
    pub position: String,
    pub unit: String,
    pub reason: String,
    pub register_number: String,
    pub order: i32,
}

/// A page of recipients: the rows, how many the search selects, and the next page.
pub struct RecipientTable {
    pub rows: Vec<RecipientRow>,
    /// "Showing 1–100 of 10,000".
    pub count: String,
    /// How many the search selects.
    pub total: u64,
    pub next: Option<String>,
    /// Whether this is a page after the first (a link back to the first is shown).
    pub later: bool,
    /// The search form's values and where it sends.
    pub search: RecipientSearch,
    pub action: String,
    /// The choices of the kind and missing filters: (code, label).
    pub kinds: Vec<(String, String)>,
    pub missings: Vec<(String, String)>,
}

/// The page of recipients `search` asks for (of `decision`, or of the whole conference),
/// linking on from `base`: two queries (the page, its count), however many there are. For
/// the whole conference, only when it narrows the list: the awards page lists decisions,
/// not every recipient.
pub async fn table(
    state: &AppState,
    tr: &Tr,
    id: i32,
    decision: Option<i32>,
    search: RecipientSearch,
    base: &str,
) -> Result<RecipientTable, AppError> {
    let mut table = RecipientTable {
        rows: Vec::new(),
        count: String::new(),
        total: 0,
        next: None,
        later: false,
        action: base.to_string(),
        kinds: super::awards::choices_of::<RecipientKind>(tr, "kind"),
        missings: ["reason", "unit"]
            .iter()
            .map(|m| (m.to_string(), tr.t(&format!("awards-missing-{m}"))))
            .collect(),
        search,
    };
    if decision.is_none() && !table.search.narrows() {
        return Ok(table);
    }
    let search = &table.search;
    let query = search.query(decision);
    let after = RecipientKey::parse(&search.after);
    // One row more than a page says whether there is a next one.
    let mut found = award::recipient_page(&state.db, id, &query, after, PAGE + 1).await?;
    let more = found.len() as u64 > PAGE;
    found.truncate(PAGE as usize);
    let total = award::recipient_count(&state.db, id, &query).await?;
    let next = more
        .then(|| found.last().map(|r| search.next(base, RecipientKey::of(r))))
        .flatten();
    table.rows = found.iter().map(|r| row(tr, r)).collect();
    table.count = tr.t2(
        "awards-list-count",
        ("shown", tr.number(table.rows.len()).into()),
        ("total", tr.number(total).into()),
    );
    table.total = total;
    table.next = next;
    table.later = after.is_some();
    Ok(table)
}

fn row(tr: &Tr, r: &entity::recipient::Model) -> RecipientRow {
    use super::awards::label_of;
    RecipientRow {
        id: r.id,
        decision: r.decision_id,
        kind: label_of(tr, "kind", &r.kind),
        honorific: r
            .honorific
            .as_deref()
            .map(|h| label_of(tr, "honorific", h))
            .unwrap_or_default(),
        name: r.name.clone(),
        position: r.position.clone().unwrap_or_default(),
        unit: r.unit.clone().unwrap_or_default(),
        reason: r.reason.clone().unwrap_or_default(),
        register_number: r.register_number.clone().unwrap_or_default(),
        order: r.presentation_order,
    }
}

/// A decision's recipients on its page: a page of them as the search asks, and how many it
/// awards in all.
pub struct DecisionRecipients {
    pub id: i32,
    /// All of the decision's, whatever the search.
    pub total: i64,
    pub table: RecipientTable,
    /// What each collective and each individual is paid, worded (the decision's page).
    pub cash: Vec<String>,
}

/// The decision's recipients, a page of them as the page's address (`query`) asks.
pub async fn of_decision(
    state: &AppState,
    tr: &Tr,
    id: i32,
    decision: i32,
    query: &std::collections::HashMap<String, String>,
) -> Result<DecisionRecipients, AppError> {
    let search: RecipientSearch = serde_json::to_value(query)
        .and_then(serde_json::from_value)
        .unwrap_or_default();
    let base = format!("/app/c/{id}/awards/{decision}");
    let table = table(state, tr, id, Some(decision), search, &base).await?;
    let total = if table.search.narrows() {
        let all = RecipientQuery {
            decision: Some(decision),
            ..Default::default()
        };
        award::recipient_count(&state.db, id, &all).await? as i64
    } else {
        // The count of the page's own query.
        table.total as i64
    };
    Ok(DecisionRecipients {
        id: decision,
        total,
        table,
        cash: Vec::new(),
    })
}
