//! The print centre: every paper of the conference as a PDF of the API (opened in a new tab,
//! where the browser's viewer is the preview, or downloaded), and for certificates a choice
//! of recipients, paper and printer offset, checked before printing with the same function
//! the printer uses, so that a decision without its signer is named here, in the user's
//! language, instead of failing in the new tab.

use std::collections::BTreeSet;

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::routing::get;

use super::awards::label_of;
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render};
use crate::app::AppState;
use crate::domain::access::Need;
use crate::domain::model::Conference;
use crate::error::AppError;
use crate::print::{CertificateFields, CertificateKind};
use crate::store;
use crate::store::attendee::Attendees;
use crate::store::programme::{self, Selection};
use crate::store::resource::{self, Paging};

pub fn router() -> Router<AppState> {
    Router::new().route("/app/c/{id}/print", get(centre))
}

/// Above this many pages a batch takes a while: the page says so before it is opened.
const BIG_BATCH: usize = 100;

#[derive(askama::Template)]
#[template(path = "web/print.html")]
struct PrintPage {
    c: Chrome,
    /// (label key, hint key, PDF path, optional alphabetical variant)
    papers: Vec<Paper>,
    delegates: u64,
    /// The certificate form: choices and what is chosen.
    issuers: Vec<Choice>,
    decisions: Vec<Choice>,
    groups: Vec<RecipientGroup>,
    mode: String,
    offset_x: String,
    offset_y: String,
    /// The check of the selection.
    check: Option<Check>,
}

struct Paper {
    label: String,
    hint: String,
    url: String,
    variant: Option<(String, String)>,
}

struct Choice {
    id: i32,
    label: String,
    selected: bool,
}

struct RecipientGroup {
    label: String,
    recipients: Vec<Choice>,
}

/// What the chosen selection would print.
struct Check {
    pages: usize,
    /// Problems that stop the printing: message and a link to correct it.
    problems: Vec<(String, Option<String>)>,
    /// The query string of the certificates' PDF (and of the calibration page).
    query: String,
    calibration_query: String,
    big: bool,
}

fn ids(pairs: &[(String, String)], name: &str) -> Vec<i32> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .flat_map(|(_, v)| v.split(','))
        .filter_map(|v| v.trim().parse().ok())
        .collect::<BTreeSet<i32>>()
        .into_iter()
        .collect()
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn join(ids: &[i32]) -> String {
    ids.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

async fn centre(
    State(state): State<AppState>,
    mut c: Chrome,
    Path(id): Path<i32>,
    RawQuery(query): RawQuery,
) -> WebResult {
    c.in_conference(&state, id, Need::Read).await?;
    let tr = c.tr;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let api = format!("/api/v1/conferences/{id}");
    let paper = |label: &str, hint: &str, file: &str, variant: Option<(&str, &str)>| Paper {
        label: tr.t(label),
        hint: tr.t(hint),
        url: format!("{api}/{file}"),
        variant: variant.map(|(key, q)| (tr.t(key), format!("{api}/{file}?{q}"))),
    };
    let papers = vec![
        paper(
            "print-programme",
            "print-programme-hint",
            "programme.pdf",
            None,
        ),
        paper(
            "print-delegates",
            "print-delegates-hint",
            "attendees.pdf",
            Some(("print-alphabetical", "order=alphabetical")),
        ),
        paper(
            "print-sign-in",
            "print-sign-in-hint",
            "sign-in.pdf",
            Some(("print-by-rank", "order=rank")),
        ),
        paper(
            "print-place-cards",
            "print-place-cards-hint",
            "place-cards.pdf",
            None,
        ),
        paper("print-roster", "print-roster-hint", "roster.pdf", None),
        paper("print-script", "print-script-hint", "script.pdf", None),
    ];
    let delegates = resource::list::<Attendees, _>(
        &state.db,
        id,
        Paging {
            limit: Some(1),
            offset: None,
        },
        &Default::default(),
    )
    .await?
    .total;

    let chosen = Selection {
        decisions: ids(&pairs, "decision"),
        issuers: ids(&pairs, "issuer"),
        recipients: ids(&pairs, "recipient"),
    };
    let mode = match value(&pairs, "mode") {
        Some("blank") => "blank".to_string(),
        _ => "full".to_string(),
    };
    let offset_x = value(&pairs, "offset_x").unwrap_or("0").to_string();
    let offset_y = value(&pairs, "offset_y").unwrap_or("0").to_string();

    // The choices: everything of the conference, in ceremony order.
    let (mut issuers, mut decisions, mut groups) = (Vec::new(), Vec::new(), Vec::new());
    let check = if c.workspace().can_write {
        let ceremony = programme::ceremony(&state.db, id).await?;
        for d in &ceremony {
            if !issuers.iter().any(|i: &Choice| i.id == d.issuer.id) {
                issuers.push(Choice {
                    id: d.issuer.id,
                    label: d.issuer.name.clone(),
                    selected: chosen.issuers.contains(&d.issuer.id),
                });
            }
            let label = format!(
                "{} – {} ({}, {})",
                d.decision.number,
                label_of(&tr, "form", &d.decision.form),
                d.issuer.name,
                tr.t1("count-recipients", "count", d.recipients.len()),
            );
            decisions.push(Choice {
                id: d.decision.id,
                label: label.clone(),
                selected: chosen.decisions.contains(&d.decision.id),
            });
            if !d.recipients.is_empty() {
                groups.push(RecipientGroup {
                    label,
                    recipients: d
                        .recipients
                        .iter()
                        .map(|r| Choice {
                            id: r.id,
                            label: r.name.clone(),
                            selected: chosen.recipients.contains(&r.id),
                        })
                        .collect(),
                });
            }
        }
        Some(check(&state, &tr, id, &chosen, &mode, &offset_x, &offset_y).await?)
    } else {
        None
    };
    render(PrintPage {
        c,
        papers,
        delegates,
        issuers,
        decisions,
        groups,
        mode,
        offset_x,
        offset_y,
        check,
    })
}

/// What the selection prints, checked as the printer checks it: each recipient's fields made
/// by `CertificateFields::from_models`, each decision's layout by its form.
async fn check(
    state: &AppState,
    tr: &Tr,
    id: i32,
    chosen: &Selection,
    mode: &str,
    offset_x: &str,
    offset_y: &str,
) -> Result<Check, AppError> {
    let conference: Conference = store::conference::get(&state.db, id).await?.into();
    let ceremony = programme::selected_ceremony(&state.db, id, chosen).await?;
    let mut problems: Vec<(String, Option<String>)> = Vec::new();
    let mut pages = 0;
    for d in &ceremony {
        if d.recipients.is_empty() {
            continue;
        }
        pages += d.recipients.len();
        let link = Some(format!("/app/c/{id}/awards/{}", d.decision.id));
        if d.decision.signer_name.trim().is_empty() {
            problems.push((
                tr.t2(
                    "print-no-signer",
                    ("decision", d.decision.number.clone().into()),
                    ("issuer", d.issuer.name.clone().into()),
                ),
                link,
            ));
            continue;
        }
        if let Err(e) = CertificateKind::for_form_code(&d.decision.form) {
            problems.push((e.to_string(), link.clone()));
        }
        for r in &d.recipients {
            if let Err(e) = CertificateFields::from_models(&conference, &d.issuer, &d.decision, r) {
                let message = e.to_string();
                if !problems.iter().any(|(m, _)| *m == message) {
                    problems.push((
                        message,
                        Some(format!(
                            "{}/recipients/{}",
                            link.clone().unwrap_or_default(),
                            r.id
                        )),
                    ));
                }
            }
        }
    }
    if pages == 0 {
        problems.push((tr.t("print-nothing-selected"), None));
    }
    let mut offsets = Vec::new();
    for (name, text) in [("offset_x", offset_x), ("offset_y", offset_y)] {
        match text.replace(',', ".").parse::<f32>() {
            Ok(v) if (-50.0..=50.0).contains(&v) => offsets.push((name, v)),
            _ => problems.push((tr.t("print-offset-range"), None)),
        }
    }
    let mut query = vec![format!("mode={mode}")];
    for (name, v) in &offsets {
        if *v != 0.0 {
            query.push(format!("{name}={v}"));
        }
    }
    let calibration_query = query.join("&");
    for (name, list) in [
        ("decision", &chosen.decisions),
        ("issuer", &chosen.issuers),
        ("recipient", &chosen.recipients),
    ] {
        if !list.is_empty() {
            query.push(format!("{name}={}", join(list)));
        }
    }
    Ok(Check {
        pages,
        problems,
        query: query.join("&"),
        calibration_query,
        big: pages > BIG_BATCH,
    })
}
