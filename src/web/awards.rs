//! Awards: the issuers of the conference in ceremony order, each with its decisions and
//! their recipients; forms to add, change and delete each of them. The forms send the same
//! JSON as the API (`IssuerInput`, `DecisionInput`, `RecipientInput`) to the same store.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{self};
use axum::routing::get;
use serde_json::Value;

use super::award_lists::{self, RecipientSearch, RecipientTable};
use super::form::spec::{choice, date, long, number, text};
use super::form::{self, Choices, Form, Spec};
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render};
use super::page::{In, Reads};
use super::records::{self, Extra, Keys, Like, Query, RecordPage, Words};
use crate::app::AppState;
use crate::domain::kinds::{AwardForm, Honorific, IssuerLevel, RecipientKind};
use crate::domain::validate::Vocabulary;
use crate::error::AppError;
use crate::store;
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::resource;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/awards", get(list))
        .merge(records::routes::<IssuerPage>())
        .merge(records::routes::<DecisionPage>())
        .merge(records::routes::<RecipientPage>())
}

/// The fields of an issuer, as `IssuerInput` names them.
const ISSUER_FIELDS: &[Spec] = &[
    text("name", "awards-f-issuer-name").required(),
    choice("level", "awards-f-level").required(),
    number("rank", "awards-f-issuer-rank"),
    text("place_name", "awards-f-place-name"),
    long("certificate_heading", "awards-f-heading"),
    long("signer_title", "awards-f-issuer-signer-title"),
    long("grounds", "awards-f-grounds"),
];

/// The fields of a decision, as `DecisionInput` names them.
const DECISION_FIELDS: &[Spec] = &[
    choice("issuer_id", "awards-f-issuer").required(),
    text("number", "awards-f-number").required(),
    date("decided_on", "awards-f-decided-on").required(),
    choice("form", "awards-f-form").required(),
    text("title_name", "awards-f-title-name"),
    long("signer_title", "awards-f-signer-title").required(),
    text("signer_rank", "awards-f-signer-rank"),
    text("signer_name", "awards-f-signer-name"),
    long("reason", "awards-f-decision-reason"),
    number("cash_individual", "awards-f-cash-individual"),
    number("cash_collective", "awards-f-cash-collective"),
];

/// The fields of a recipient, as `RecipientInput` names them.
const RECIPIENT_FIELDS: &[Spec] = &[
    choice("decision_id", "awards-f-decision").required(),
    choice("kind", "awards-f-kind").required(),
    choice("honorific", "awards-f-honorific"),
    text("name", "awards-f-name").required(),
    text("position", "awards-f-position"),
    text("unit", "awards-f-unit"),
    long("reason", "awards-f-reason"),
    text("register_number", "awards-f-register-number"),
    number("presentation_order", "awards-f-order"),
];

/// The choices of a vocabulary, labelled in the user's language (`award-<what>-<code>`).
pub(super) fn choices_of<V: Vocabulary>(tr: &Tr, what: &str) -> Vec<(String, String)> {
    form::translated::<V>(tr, &format!("award-{what}"))
}

/// The label of a vocabulary code in the user's language (the code itself if unknown).
pub(super) fn label_of(tr: &Tr, what: &str, code: &str) -> String {
    let label = tr.known(&format!("award-{what}-{code}"));
    label.unwrap_or_else(|| code.to_string())
}

// ---------------------------------------------------------------------------------------
// The list

#[derive(askama::Template)]
#[template(path = "web/awards.html")]
struct ListPage {
    c: Chrome,
    issuers: Vec<IssuerView>,
    decisions: usize,
    recipients: i64,
    /// The recipients a search across the conference found.
    found: RecipientTable,
}

struct IssuerView {
    id: i32,
    name: String,
    level: String,
    place_name: String,
    decisions: Vec<DecisionView>,
}

struct DecisionView {
    id: i32,
    number: String,
    date: String,
    form: String,
    signer_title: String,
    signer_name: String,
    reason: String,
    count: i64,
}

/// The form as a person names it: "Danh hiệu “Đơn vị quyết thắng”", "Bằng khen".
pub(super) fn form_name(tr: &Tr, form: &str, title_name: &Option<String>) -> String {
    let label = label_of(tr, "form", form);
    match title_name {
        Some(t) if !t.trim().is_empty() => format!("{label} “{t}”"),
        _ => label,
    }
}

/// Every issuer in ceremony order with its decisions and how many each awards, and the
/// recipients a search found: a fixed number of queries however many recipients (issuers,
/// decisions, the counts, and a page of the search with its count).
async fn list(
    In { state, c, id, .. }: In<Reads>,
    extract::Query(search): extract::Query<RecipientSearch>,
) -> WebResult {
    let tr = c.tr;
    let all_issuers = resource::all::<Issuers, _>(&state.db, id).await?;
    let ceremony = store::programme::ceremony_decisions(&state.db, id).await?;
    let counts = store::award::recipient_counts(&state.db, id).await?;
    let mut issuers: Vec<IssuerView> = Vec::new();
    let decisions = ceremony.len();
    let recipients = counts.values().map(|c| c.total()).sum();
    for d in ceremony {
        let view = DecisionView {
            id: d.decision.id,
            number: d.decision.number.clone(),
            date: tr.date(&d.decision.decided_on),
            form: form_name(&tr, &d.decision.form, &d.decision.title_name),
            signer_title: d.decision.signer_title.replace('\n', " – "),
            signer_name: d.decision.signer_name.clone(),
            reason: d.decision.reason.clone().unwrap_or_default(),
            count: counts.get(&d.decision.id).map_or(0, |c| c.total()),
        };
        match issuers.iter_mut().find(|i| i.id == d.issuer.id) {
            Some(i) => i.decisions.push(view),
            None => issuers.push(IssuerView {
                id: d.issuer.id,
                name: d.issuer.name.clone(),
                level: label_of(&tr, "level", &d.issuer.level),
                place_name: d.issuer.place_name.clone(),
                decisions: vec![view],
            }),
        }
    }
    // Issuers without decisions yet come last, in their own order.
    for i in all_issuers {
        if !issuers.iter().any(|v| v.id == i.id) {
            issuers.push(IssuerView {
                id: i.id,
                level: label_of(&tr, "level", &i.level),
                name: i.name,
                place_name: i.place_name,
                decisions: Vec::new(),
            });
        }
    }
    let base = format!("/app/c/{id}/awards");
    let found = award_lists::table(&state, &tr, id, None, search, &base).await?;
    render(ListPage {
        c,
        issuers,
        decisions,
        recipients,
        found,
    })
}

// ---------------------------------------------------------------------------------------
// One record's page

/// The words every award record's page shares.
const fn words(new: &'static str, edit: &'static str) -> Words {
    Words::new(new, edit, "awards-back").delete(
        "awards-delete-title",
        Some("awards-delete-hint"),
        "awards-delete-confirm",
    )
}

fn awards(keys: &Keys) -> String {
    format!("/app/c/{}/awards", keys.conference)
}

/// An issuer's pages; a stored issuer's shows its emblem.
pub struct IssuerPage;

impl RecordPage for IssuerPage {
    type R = Issuers;
    const ROUTE: &'static str = "/app/c/{id}/awards/issuers";
    const KEY: &'static str = "{issuer}";
    const FIELDS: &'static [Spec] = ISSUER_FIELDS;
    const WORDS: Words = words("awards-issuer-new", "awards-issuer-edit");

    fn after(keys: &Keys, _: Option<&entity::issuer::Model>) -> String {
        awards(keys)
    }

    async fn choices(_: &AppState, tr: &Tr, _: &Keys) -> Result<Choices, AppError> {
        Ok(Choices::from([(
            "level",
            choices_of::<IssuerLevel>(tr, "level"),
        )]))
    }

    async fn defaults(_: &AppState, _: &Keys, _: &Query) -> Result<Value, AppError> {
        Ok(serde_json::json!({ "level": "district", "rank": 100 }))
    }

    async fn extra(
        state: &AppState,
        tr: &Tr,
        keys: &Keys,
        m: &entity::issuer::Model,
        _: &Query,
        form: Form,
    ) -> Result<(Form, Extra), AppError> {
        let emblem = super::emblems::view(state, tr, keys.conference, m.id, None).await?;
        Ok((form, Extra::Emblem(emblem)))
    }
}

/// A decision's pages; a stored decision's lists its recipients, a page at a time.
pub struct DecisionPage;

impl RecordPage for DecisionPage {
    type R = Decisions;
    const ROUTE: &'static str = "/app/c/{id}/awards";
    const KEY: &'static str = "{decision}";
    const FIELDS: &'static [Spec] = DECISION_FIELDS;
    const WORDS: Words = words("awards-decision-new", "awards-decision-edit");

    fn after(keys: &Keys, m: Option<&entity::award_decision::Model>) -> String {
        match m {
            Some(m) => format!("{}/{}", awards(keys), m.id),
            None => awards(keys),
        }
    }

    async fn choices(state: &AppState, tr: &Tr, keys: &Keys) -> Result<Choices, AppError> {
        Ok(Choices::from([
            ("issuer_id", issuer_choices(state, keys.conference).await?),
            ("form", choices_of::<AwardForm>(tr, "form")),
        ]))
    }

    /// From an issuer's page (`?issuer=3`): that issuer and its signer.
    async fn defaults(state: &AppState, keys: &Keys, query: &Query) -> Result<Value, AppError> {
        let mut values = serde_json::json!({ "form": "giay_khen" });
        if let Some(issuer) = query.get("issuer") {
            values["issuer_id"] = Value::from(issuer.clone());
            if let Ok(i) = issuer.parse::<i32>()
                && let Ok(m) = resource::get::<Issuers, _>(&state.db, keys.conference, i).await
            {
                values["signer_title"] = Value::from(m.signer_title);
            }
        }
        Ok(values)
    }

    /// A decision signed after the conference is worth a look; its recipients below.
    async fn extra(
        state: &AppState,
        tr: &Tr,
        keys: &Keys,
        m: &entity::award_decision::Model,
        query: &Query,
        form: Form,
    ) -> Result<(Form, Extra), AppError> {
        let held_on = store::conference::get(&state.db, keys.conference)
            .await?
            .held_on;
        let late = crate::domain::checks::decided_after(m.decided_on, held_on)
            .then(|| tr.t1("warn-decided-after", "date", tr.date(&held_on)));
        let mut list = award_lists::of_decision(state, tr, keys.conference, m.id, query).await?;
        let issuer = resource::get::<Issuers, _>(&state.db, keys.conference, m.issuer_id).await?;
        list.cash = cash_lines(tr, m, &issuer);
        Ok((
            form.with_warning("decided_on", late),
            Extra::Recipients(list),
        ))
    }

    /// "Quyết định 825/QĐ-UBND" once it has a number.
    fn heading(tr: &Tr, form: &Form, stored: bool) -> String {
        match form.fields.iter().find(|f| f.name == "number") {
            Some(n) if stored && !n.value.trim().is_empty() => {
                format!("{} {}", tr.t("awards-decision"), n.value.trim())
            }
            _ => tr.t(if stored {
                "awards-decision-edit"
            } else {
                "awards-decision-new"
            }),
        }
    }
}

/// A recipient's pages, below its decision's.
pub struct RecipientPage;

impl RecordPage for RecipientPage {
    type R = Recipients;
    const ROUTE: &'static str = "/app/c/{id}/awards/{decision}/recipients";
    const KEY: &'static str = "{recipient}";
    const FIELDS: &'static [Spec] = RECIPIENT_FIELDS;
    const WORDS: Words = words("awards-recipient-new", "awards-recipient-edit");

    fn after(keys: &Keys, m: Option<&entity::recipient::Model>) -> String {
        let decision = m.map_or(keys.parent(), |m| m.decision_id);
        format!("{}/{decision}", awards(keys))
    }

    async fn choices(state: &AppState, tr: &Tr, keys: &Keys) -> Result<Choices, AppError> {
        Ok(Choices::from([
            (
                "decision_id",
                decision_choices(state, tr, keys.conference).await?,
            ),
            ("kind", choices_of::<RecipientKind>(tr, "kind")),
            ("honorific", choices_of::<Honorific>(tr, "honorific")),
        ]))
    }

    async fn defaults(state: &AppState, keys: &Keys, _: &Query) -> Result<Value, AppError> {
        resource::get::<Decisions, _>(&state.db, keys.conference, keys.parent()).await?;
        Ok(serde_json::json!({ "decision_id": keys.parent(), "kind": "individual" }))
    }

    /// One already in the same decision with the same name and unit: a double is a name
    /// read out twice at the ceremony.
    async fn like(state: &AppState, keys: &Keys, posted: &Query) -> Result<Like, AppError> {
        let decision = posted.get("decision_id").and_then(|d| d.parse().ok());
        let decision = decision.unwrap_or(keys.parent());
        let found = records::same_person::<Recipients>(
            state,
            keys.conference,
            posted,
            ("name", "unit"),
            |r| {
                (r.decision_id == decision)
                    .then(|| (r.name.as_str(), r.unit.as_deref().unwrap_or("")))
            },
        )
        .await?;
        Ok(found.map(|r| {
            let link = format!("{}/{}/recipients/{}", awards(keys), r.decision_id, r.id);
            (r.name, r.unit, link)
        }))
    }
}

async fn issuer_choices(state: &AppState, id: i32) -> Result<Vec<(String, String)>, AppError> {
    Ok(resource::all::<Issuers, _>(&state.db, id)
        .await?
        .into_iter()
        .map(|i| (i.id.to_string(), i.name))
        .collect())
}

async fn decision_choices(
    state: &AppState,
    tr: &Tr,
    id: i32,
) -> Result<Vec<(String, String)>, AppError> {
    let issuers: HashMap<i32, String> = resource::all::<Issuers, _>(&state.db, id)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    Ok(resource::all::<Decisions, _>(&state.db, id)
        .await?
        .into_iter()
        .map(|d| {
            let issuer = issuers.get(&d.issuer_id).cloned().unwrap_or_default();
            let form = form_name(tr, &d.form, &d.title_name);
            (
                d.id.to_string(),
                format!("{} – {form} ({issuer})", d.number),
            )
        })
        .collect())
}

/// What the decision pays each collective and each individual, and on what basis: "Mỗi cá
/// nhân: 420.000 đồng (Nghị định 91/2017/NĐ-CP: 0,3 × 1.390.000 đồng, làm tròn lên)".
fn cash_lines(
    tr: &Tr,
    m: &entity::award_decision::Model,
    issuer: &entity::issuer::Model,
) -> Vec<String> {
    use crate::domain::cash::{self, Award, Basis};
    let award = Award {
        form: &m.form,
        title_name: m.title_name.as_deref(),
        issuer_name: &issuer.name,
        issuer_level: &issuer.level,
        decided_on: m.decided_on,
    };
    [
        (
            RecipientKind::Collective,
            m.cash_collective,
            "awards-cash-collective",
        ),
        (
            RecipientKind::Individual,
            m.cash_individual,
            "awards-cash-individual",
        ),
    ]
    .into_iter()
    .map(|(kind, set, key)| {
        let amount = cash::of(&award, kind, set);
        let basis = match amount.as_ref().map(|c| &c.basis) {
            Some(Basis::Decree {
                decree,
                coefficient,
                base_salary,
                ..
            }) => tr.tn(
                "awards-cash-by-decree",
                &[
                    ("decree", decree.clone()),
                    ("coefficient", cash::coefficient_words(*coefficient)),
                    ("base", tr.number(*base_salary)),
                ],
            ),
            Some(Basis::Decision) => tr.t("awards-cash-by-decision"),
            None => tr.t("awards-cash-none"),
        };
        let amount = amount.map_or_else(|| "—".to_string(), |c| tr.number(c.amount));
        tr.tn(key, &[("amount", amount), ("basis", basis)])
    })
    .collect()
}
