//! The print centre: every paper of the conference as a PDF of the API (opened in a new tab,
//! where the browser's viewer is the preview, or downloaded), and for certificates a choice
//! of recipients, paper and printer offset, checked before printing with the same function
//! the printer uses, so that a decision without its signer is named here, in the user's
//! language, instead of failing in the new tab. A batch of many pages is prepared in the
//! background (`service::print_job`): its page shows the progress, and the print centre
//! lists the recent batches, so the organiser can leave and come back for the file.

use axum::Router;
use axum::extract::{Form, Path, Query, RawQuery};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};

use super::account::moment;
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render, see_other, time_zone};
use super::page::{In, Reads, Writes};
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::print::{RenderMode, RenderOptions};
use crate::service::print::CertificateJob;
use crate::store::attendee::Attendees;
use crate::store::print_job::{self, Job};
use crate::store::printer::Printers;
use crate::store::programme::{self, Selection};
use crate::store::resource::{self, Paging};
use crate::{service, store};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/print", get(centre))
        .route("/app/c/{id}/print/jobs", post(start))
        .route("/app/c/{id}/print/printers", post(save_printer))
        .route("/app/c/{id}/print/jobs/{token}", get(batch))
        .route("/app/c/{id}/print/jobs/{token}/khen-thuong.pdf", get(file))
        .route("/app/c/{id}/print/certificates.pdf", get(certificates_pdf))
}

/// The papers of the conference, in the order an organiser prints them: the catalog's
/// name (`print-<name>`, and its `-hint`), the API's file (none: the drafts are a page of
/// the workspace, one per decision), and another way to print it (its words and file).
#[rustfmt::skip]
const PAPERS: &[(&str, &str, Option<(&str, &str)>)] = &[
    ("programme", "programme.pdf", Some(("print-as-document", "programme.pdf?document=true"))),
    ("delegates", "attendees.pdf", Some(("print-alphabetical", "attendees.pdf?order=alphabetical"))),
    ("sign-in", "sign-in.pdf", Some(("print-by-rank", "sign-in.pdf?order=rank"))),
    ("place-cards", "place-cards.pdf", None),
    ("roster", "roster.pdf", None),
    ("payments", "payments.pdf", Some(("print-payments-xlsx", "payments.xlsx"))),
    ("drafts", "", None),
    ("script", "script.pdf", None),
    ("slides", "slides.pdf", None),
    ("invitations", "invitations.pdf", None),
    ("invitation-labels", "invitation-labels.pdf", None),
];

/// From this many pages a batch is prepared in the background, with its progress shown.
const BIG_BATCH: usize = 100;

#[derive(askama::Template)]
#[template(path = "web/print.html")]
struct PrintPage {
    c: Chrome,
    /// Every paper of the conference, with its links (`PAPERS`).
    papers: Vec<Paper>,
    delegates: u64,
    /// The certificate form: choices and what is chosen.
    issuers: Vec<Choice>,
    decisions: Vec<Choice>,
    /// The search that narrows the recipients, as typed.
    search: String,
    /// Only the recipients whose certificate changed since it was last printed.
    changed: bool,
    /// Recipients a link named (a recipient's page: "print this one"); kept as hidden fields.
    recipients: Vec<i32>,
    mode: String,
    offset_x: String,
    offset_y: String,
    /// The check of the selection.
    check: Option<Check>,
    /// The recent batches prepared in the background, newest first.
    batches: Vec<Batch>,
    /// The conference's printers with their saved offsets, and the one chosen.
    printers: Vec<Choice>,
    /// "Save the offset 1.5 / -2 mm as a printer named"
    save_printer_label: String,
}

struct Paper {
    label: String,
    hint: String,
    url: String,
    variant: Option<(String, String)>,
    /// What stops it from printing, with the link to correct it (no print links then).
    problem: Option<(String, Option<String>)>,
    /// A page of the workspace that offers the papers (one per record), not a file.
    page: bool,
}

struct Choice {
    id: i32,
    label: String,
    selected: bool,
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
    /// How to render, when the offsets are valid.
    options: Option<RenderOptions>,
}

/// A batch in the background, as its page and the print centre's list show it.
struct Batch {
    token: String,
    started_by: String,
    started: String,
    /// "Started … by …"
    started_line: String,
    /// "Preparing: n of m pages done…"
    progress_line: String,
    pages: i32,
    done: i32,
    percent: i32,
    /// `running`, `done`, `failed` or `interrupted`.
    state: &'static str,
    error: Option<String>,
    blank: bool,
    /// The print centre with this batch's selection.
    selection: String,
}

impl Batch {
    fn of(tr: &Tr, tz: chrono_tz::Tz, job: Job) -> Batch {
        let now = chrono::Utc::now();
        let state = if job.running(now) {
            "running"
        } else if job.interrupted(now) {
            "interrupted"
        } else if job.status == print_job::DONE {
            "done"
        } else {
            "failed"
        };
        let pairs = pairs_of(&job.selection);
        let started = moment(tr, &job.created_at, tz);
        Batch {
            started_line: tr.t2(
                "print-batch-started",
                ("when", started.clone().into()),
                ("who", job.started_by.clone().into()),
            ),
            progress_line: tr.t2(
                "print-batch-running",
                ("done", job.done.into()),
                ("pages", job.pages.into()),
            ),
            started,
            started_by: job.started_by,
            pages: job.pages,
            done: job.done,
            percent: (job.done * 100).checked_div(job.pages).unwrap_or(0),
            state,
            // Kept typed (JSON of its code and values); a batch of an older version, in words.
            error: job
                .error
                .map(|e| match serde_json::from_str::<FieldError>(&e) {
                    Ok(typed) => tr.field_problem(&typed),
                    Err(_) => e,
                }),
            blank: value(&pairs, "mode") == Some("blank"),
            selection: job.selection,
            token: job.token,
        }
    }
}

/// A batch's page.
#[derive(askama::Template)]
#[template(path = "web/print_batch.html")]
struct BatchPage {
    c: Chrome,
    b: Batch,
}

/// Its progress alone, for htmx: asks again a second later while the batch runs.
#[derive(askama::Template)]
#[template(path = "web/print_batch_status.html")]
struct BatchStatus {
    c: Chrome,
    b: Batch,
}

/// What the print centre's form chose.
struct Chosen {
    selection: Selection,
    mode: String,
    offset_x: String,
    offset_y: String,
}

fn pairs_of(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

fn chosen(pairs: &[(String, String)]) -> Chosen {
    Chosen {
        selection: Selection::from_pairs(pairs),
        mode: match value(pairs, "mode") {
            Some("blank") => "blank".to_string(),
            _ => "full".to_string(),
        },
        offset_x: value(pairs, "offset_x").unwrap_or("0").to_string(),
        offset_y: value(pairs, "offset_y").unwrap_or("0").to_string(),
    }
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

async fn centre(In { state, c, id, .. }: In<Reads>, RawQuery(query): RawQuery) -> WebResult {
    let tr = c.tr;
    let pairs = pairs_of(&query.unwrap_or_default());
    let api = format!("/api/v1/conferences/{id}");
    let conference: crate::domain::model::Conference =
        store::conference::get(&state.db, id).await?.into();
    let unsigned = service::readiness::invitations(&conference)
        .first()
        .map(|o| (o.words(&tr), o.fix.as_ref().and_then(|f| f.link(id))));
    let papers = PAPERS
        .iter()
        .map(|&(name, file, variant)| Paper {
            label: tr.t(&format!("print-{name}")),
            hint: tr.t(&format!("print-{name}-hint")),
            url: match file {
                "" => format!("/app/c/{id}/awards"),
                file => format!("{api}/{file}"),
            },
            variant: variant.map(|(key, file)| (tr.t(key), format!("{api}/{file}"))),
            problem: unsigned.clone().filter(|_| name == "invitations"),
            page: file.is_empty(),
        })
        .collect();
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

    let mut picked = chosen(&pairs);
    let printer = value(&pairs, "printer").and_then(|v| v.parse::<i32>().ok());
    let mut printers = Vec::new();
    if c.workspace().can_write {
        for p in resource::all::<Printers, _>(&state.db, id).await? {
            if Some(p.id) == printer {
                picked.offset_x = p.offset_x_mm.to_string();
                picked.offset_y = p.offset_y_mm.to_string();
            }
            printers.push(Choice {
                id: p.id,
                label: format!(
                    "{} ({} / {} mm)",
                    p.name,
                    tr.decimal(p.offset_x_mm),
                    tr.decimal(p.offset_y_mm)
                ),
                selected: Some(p.id) == printer,
            });
        }
    }
    let chosen = &picked.selection;

    // The choices: the issuers and decisions of the conference in ceremony order, with
    // counts; recipients are chosen by a search (or by a link naming them), never listed.
    let (mut issuers, mut decisions) = (Vec::new(), Vec::new());
    let mut batches = Vec::new();
    let check = if c.workspace().can_write {
        let tz = time_zone(&state, id).await?;
        batches = print_job::list(&state.db, id)
            .await?
            .into_iter()
            .map(|j| Batch::of(&tr, tz, j))
            .collect();
        let ceremony = programme::ceremony_decisions(&state.db, id).await?;
        let counts = crate::store::award::recipient_counts(&state.db, id).await?;
        for d in &ceremony {
            let count = counts.get(&d.decision.id).map_or(0, |c| c.total());
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
                super::awards::form_name(&tr, &d.decision.form, &d.decision.title_name),
                d.issuer.name,
                tr.t1("count-recipients", "count", count),
            );
            decisions.push(Choice {
                id: d.decision.id,
                label,
                selected: chosen.decisions.contains(&d.decision.id),
            });
        }
        Some(check(&state, &tr, id, &picked).await?)
    } else {
        None
    };
    let save_printer_label = tr.t1(
        "print-printer-save-label",
        "offsets",
        format!("{} / {}", picked.offset_x, picked.offset_y),
    );
    render(PrintPage {
        c,
        papers,
        delegates,
        issuers,
        decisions,
        search: chosen.search.clone().unwrap_or_default(),
        changed: chosen.changed,
        recipients: chosen.recipients.clone(),
        mode: picked.mode,
        offset_x: picked.offset_x,
        offset_y: picked.offset_y,
        check,
        batches,
        printers,
        save_printer_label,
    })
}

#[derive(serde::Deserialize)]
struct PrinterForm {
    #[serde(default)]
    printer_name: String,
    #[serde(default)]
    offset_x: String,
    #[serde(default)]
    offset_y: String,
}

/// Save the offsets read off the calibration page as a named printer, chosen at once.
async fn save_printer(
    In { state, c, id, .. }: In<Writes>,
    Form(form): Form<PrinterForm>,
) -> WebResult {
    let number = |field: &str, text: &str| {
        text.trim()
            .replace(',', ".")
            .parse::<f64>()
            .map_err(|_| AppError::from(FieldError::number(field)))
    };
    let body = serde_json::json!({
        "name": form.printer_name,
        "offset_x_mm": number("offset_x", &form.offset_x)?,
        "offset_y_mm": number("offset_y", &form.offset_y)?,
    });
    let txn = store::begin_write(&state.db).await?;
    let saved = resource::create::<Printers, _>(&txn, &c.actor, id, body).await?;
    txn.commit().await?;
    Ok(see_other(
        &format!("/app/c/{id}/print?mode=blank&printer={}", saved.id),
        "done-printer-saved",
    ))
}

#[derive(serde::Deserialize)]
struct StartForm {
    /// The print centre's query string of a checked selection.
    #[serde(default)]
    query: String,
}

/// Start a batch in the background (or join the same one running) and go to its page. A
/// selection that no longer passes the check goes back to the print centre, which names
/// the problem.
async fn start(In { state, c, id, .. }: In<Writes>, Form(form): Form<StartForm>) -> WebResult {
    let picked = chosen(&pairs_of(&form.query));
    let k = check(&state, &c.tr, id, &picked).await?;
    let Some(options) = k.options.filter(|_| k.problems.is_empty()) else {
        return Ok(Redirect::to(&format!("/app/c/{id}/print?{}", k.query)).into_response());
    };
    let job = CertificateJob {
        selection: picked.selection,
        options,
        layout: None,
        public_url: state.public_url.clone(),
        limit: None,
    };
    let token = service::print_job::start(
        &state.db,
        &state.work,
        state.layouts.clone(),
        &c.actor,
        id,
        job,
        &k.query,
    )
    .await?;
    Ok(see_other(
        &format!("/app/c/{id}/print/jobs/{token}"),
        "done-print-started",
    ))
}

/// A batch's progress, then its file.
async fn batch(
    In { state, c, id, .. }: In<Writes>,
    Path((_, token)): Path<(i32, String)>,
    headers: HeaderMap,
) -> WebResult {
    let job = print_job::get(&state.db, id, &token).await?;
    let b = Batch::of(&c.tr, time_zone(&state, id).await?, job);
    if headers.contains_key("hx-request") {
        return render(BatchStatus { c, b });
    }
    render(BatchPage { c, b })
}

#[derive(serde::Deserialize)]
struct FileQuery {
    #[serde(default)]
    download: bool,
}

/// The finished PDF: shown in the browser's viewer, or downloaded.
async fn file(
    In {
        state, c: _, id, ..
    }: In<Writes>,
    Path((_, token)): Path<(i32, String)>,
    Query(q): Query<FileQuery>,
) -> WebResult {
    let (selection, bytes) = print_job::file(&state.db, id, &token).await?;
    let blank = chosen(&pairs_of(&selection)).mode == "blank";
    Ok(certificates_file(id, blank, q.download, bytes))
}

/// The certificates' PDF as the browser gets it: shown, or downloaded under a name that
/// says the conference and the paper ("khen-thuong-hoi-nghi-3-phoi.pdf" for blanks), so a
/// full and a blank print do not overwrite each other.
fn certificates_file(
    id: i32,
    blank: bool,
    download: bool,
    bytes: Vec<u8>,
) -> axum::response::Response {
    let disposition = if download { "attachment" } else { "inline" };
    let paper = if blank { "phoi" } else { "giay-trang" };
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"khen-thuong-hoi-nghi-{id}-{paper}.pdf\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// The certificates of a selection, printed while the page waits (a small one; a big one
/// is a batch). Checked first with the print centre's check: a selection that would fail
/// goes back to the print centre, which names each problem in the user's language with the
/// link to correct it — never a download that silently fails.
async fn certificates_pdf(
    In { state, c, id, .. }: In<Writes>,
    RawQuery(raw): RawQuery,
) -> WebResult {
    let pairs = pairs_of(raw.as_deref().unwrap_or(""));
    let download = pairs.iter().any(|(k, v)| k == "download" && v == "true");
    let picked = chosen(&pairs);
    let k = check(&state, &c.tr, id, &picked).await?;
    let Some(options) = k.options.clone().filter(|_| k.problems.is_empty()) else {
        return Ok(Redirect::to(&format!("/app/c/{id}/print?{}", k.query)).into_response());
    };
    let blank = options.mode == RenderMode::Blank;
    let job = CertificateJob {
        selection: picked.selection,
        options,
        layout: None,
        public_url: state.public_url.clone(),
        limit: Some(state.work.limit(crate::service::work::Heavy::Render)?),
    };
    let (bytes, _) = service::print::certificates(
        &state.db,
        state.layouts.clone(),
        &c.actor,
        id,
        job,
        Vec::new(),
        |_| {},
    )
    .await?;
    Ok(certificates_file(id, blank, download, bytes))
}

/// What the selection prints, checked by the one readiness check the printer agrees with:
/// every certificate made from the records and fitted in the conference's saved layouts.
async fn check(state: &AppState, tr: &Tr, id: i32, picked: &Chosen) -> Result<Check, AppError> {
    let (chosen, mode) = (&picked.selection, &picked.mode);
    let render_mode = if mode == "blank" {
        RenderMode::Blank
    } else {
        RenderMode::Full
    };
    let ready =
        service::readiness::certificates(&state.db, state.printer(), id, chosen, render_mode, None)
            .await?;
    let pages = ready.pages;
    let mut problems = ready.words(tr, id);
    let mut offsets = Vec::new();
    for (name, text) in [
        ("offset_x", &picked.offset_x),
        ("offset_y", &picked.offset_y),
    ] {
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
    let options = match offsets[..] {
        [(_, x), (_, y)] => Some(RenderOptions {
            mode: render_mode,
            offset_x_mm: x,
            offset_y_mm: y,
            title: String::new(),
        }),
        _ => None,
    };
    let selection = chosen.to_query();
    if !selection.is_empty() {
        query.push(selection);
    }
    Ok(Check {
        pages,
        problems,
        query: query.join("&"),
        calibration_query,
        big: pages >= BIG_BATCH,
        options,
    })
}
