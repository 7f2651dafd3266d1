//! The certificate designer: one layout per kind of certificate (Bằng khen, Giấy khen,
//! title), drawn to scale over the office's blank, edited with the mouse and the keyboard by
//! `designer.js` through the layout API, with the print engine's preview of a real
//! recipient (by default the longest name, where layouts break). Viewers see the layout
//! and its preview but cannot change it.

use axum::Router;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;

use super::i18n::Tr;
use super::page::{Chrome, WebResult, render};
use super::page::{In, Reads};
use crate::app::AppState;
use crate::error::AppError;
use crate::print::CertificateKind;
use crate::store::programme;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/designer", get(first))
        .route("/app/c/{id}/designer/{kind}", get(page))
}

/// The kinds in the order of the tabs, with their codes and label keys.
const KINDS: [(CertificateKind, &str, &str); 3] = [
    (
        CertificateKind::CertificateOfMerit,
        "bang_khen",
        "design-kind-bang-khen",
    ),
    (
        CertificateKind::Commendation,
        "giay_khen",
        "design-kind-giay-khen",
    ),
    (CertificateKind::Title, "danh_hieu", "design-kind-danh-hieu"),
];

/// The fields an element can show (the layout's `field` values), in the panel's order.
const FIELDS: [&str; 16] = [
    "issuer_heading",
    "form_name",
    "recipient",
    "honorific",
    "recipient_name",
    "position",
    "unit",
    "position_unit",
    "reason",
    "decision_line",
    "register_number",
    "place_date",
    "signer_title",
    "signer_rank",
    "signer_name",
    "verification_code",
];

struct Tab {
    code: &'static str,
    label: String,
    current: bool,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

/// Recipients the chooser offers before a search.
const CHOICES: u64 = 20;

#[derive(askama::Template)]
#[template(path = "web/designer.html")]
struct DesignerPage {
    c: Chrome,
    kind: &'static str,
    kind_label: String,
    tabs: Vec<Tab>,
    /// The recipients printed with this layout with the longest names, the longest chosen.
    recipients: Vec<Choice>,
    /// The decisions printed with this layout ("3,5"), to keep a search to them.
    decision_ids: String,
    fields: Vec<Choice>,
    faces: Vec<Choice>,
    aligns: Vec<Choice>,
    cases: Vec<Choice>,
    layers: Vec<Choice>,
    /// Whether the layout has a background to ask where it is placed.
    has_background: bool,
}

fn choices(tr: &Tr, prefix: &str, codes: &[&str]) -> Vec<Choice> {
    codes
        .iter()
        .map(|code| Choice {
            value: code.to_string(),
            label: tr.t(&format!("{prefix}-{}", code.replace('_', "-"))),
            selected: false,
        })
        .collect()
}

async fn first(Path(id): Path<i32>) -> impl IntoResponse {
    Redirect::to(&format!("/app/c/{id}/designer/bang_khen"))
}

async fn page(
    In { state, c, id, .. }: In<Reads>,
    Path((_, kind)): Path<(i32, String)>,
) -> WebResult {
    let tr = c.tr;
    let Some(&(chosen, code, label_key)) = KINDS.iter().find(|(_, code, _)| *code == kind) else {
        return Err(AppError::NotFound {
            what: "certificate layout",
            id: kind.chars().take(40).collect(),
        }
        .into());
    };
    // The longest names of this kind to choose from (where layouts break), the longest
    // chosen; any other is found by the search beside them. Never every recipient: a
    // province's conference has ten thousand.
    let decisions = programme::ceremony_decisions(&state.db, id).await?;
    let numbers: std::collections::HashMap<i32, String> = decisions
        .into_iter()
        .filter(|d| CertificateKind::for_form_code(&d.decision.form).ok() == Some(chosen))
        .map(|d| (d.decision.id, d.decision.number))
        .collect();
    let kind_decisions: Vec<i32> = numbers.keys().copied().collect();
    let longest =
        crate::store::award::longest_names(&state.db, id, kind_decisions.clone(), CHOICES).await?;
    let recipients: Vec<Choice> = longest
        .iter()
        .enumerate()
        .map(|(i, r)| Choice {
            value: r.id.to_string(),
            label: format!(
                "{} ({})",
                r.name,
                numbers.get(&r.decision_id).map_or("", String::as_str)
            ),
            selected: i == 0,
        })
        .collect();
    let decision_ids = kind_decisions
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let tabs = KINDS
        .iter()
        .map(|(_, code, key)| Tab {
            code,
            label: tr.t(key),
            current: *code == kind,
        })
        .collect();
    render(DesignerPage {
        kind: code,
        kind_label: tr.t(label_key),
        tabs,
        recipients,
        decision_ids,
        fields: choices(&tr, "design-field", &FIELDS),
        faces: choices(
            &tr,
            "design-face",
            &["regular", "bold", "italic", "bold_italic"],
        ),
        aligns: choices(&tr, "design-align", &["left", "centre", "right"]),
        cases: choices(&tr, "design-case", &["as_is", "upper"]),
        layers: choices(&tr, "design-layer", &["static", "variable"]),
        has_background: crate::service::layouts::has_background(&state.db, id, chosen).await?,
        c,
    })
}
