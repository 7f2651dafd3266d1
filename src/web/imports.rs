//! The import wizard: upload a delegate or award list, see what a dry run of the import
//! makes of it (format, encoding, column mapping, the parsed rows, every problem at its row
//! and column), correct the mapping and check again, then import all rows or none. Every
//! step calls `service::import::import`, as the API's `?dry_run=true` does.
//!
//! The file is uploaded once and kept for the next steps (`service::uploads`). Memory is
//! this instance's own, so after a restart, or when another instance behind a load balancer
//! answers, the token is not found: the page then says so and asks for the file again,
//! keeping the chosen list kind, encoding and mapping. Every form of the wizard also
//! accepts the file anew, so nothing depends on the token surviving.

use crate::service::work::Work;
use std::collections::{BTreeMap, HashMap};

use axum::Router;
use axum::extract::multipart::Multipart;
use axum::extract::{DefaultBodyLimit, Query};
use axum::http::StatusCode;
use axum::routing::get;
use serde_json::Value;

use super::awards::label_of;
use super::i18n::Tr;
use super::page::{Chrome, WebResult, render, render_with};
use super::page::{In, Reads, Writes};
use crate::app::AppState;
use crate::error::AppError;
use crate::http::IMPORT_BODY_LIMIT;
use crate::interop::encoding::Encoding;
use crate::interop::lists::{self, ImportOptions, ImportReport, ListKind};
use crate::interop::sheet::{self, FieldSpec};
use crate::service;
use crate::service::uploads::{forget, keep, kept};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/c/{id}/import", get(start).post(step))
        .layer(DefaultBodyLimit::max(IMPORT_BODY_LIMIT + 64 * 1024))
}

// ---------------------------------------------------------------------------------------
// Pages

fn kind_of(code: &str) -> ListKind {
    if code == "awards" {
        ListKind::Awards
    } else {
        ListKind::Attendees
    }
}

fn kind_code(kind: ListKind) -> &'static str {
    match kind {
        ListKind::Attendees => "attendees",
        ListKind::Awards => "awards",
    }
}

fn fields_of(kind: ListKind) -> &'static [FieldSpec] {
    match kind {
        ListKind::Attendees => lists::ATTENDEE_FIELDS,
        ListKind::Awards => lists::AWARD_FIELDS,
    }
}

#[derive(askama::Template)]
#[template(path = "web/import.html")]
struct ImportPage {
    c: Chrome,
    kind: &'static str,
    encoding: String,
    encodings: Vec<(String, String)>,
    /// A problem of the file itself (unreadable, too large, no such column…).
    problem: Option<String>,
    /// After a dry run: what it found.
    preview: Option<Preview>,
    /// After the import: what it did.
    done: Option<Done>,
}

/// What a dry run made of the file.
#[derive(Default)]
struct Preview {
    token: String,
    file_name: String,
    format: String,
    encoding: String,
    confidence: String,
    rows: usize,
    header_row: usize,
    /// Each field: name, label, required, the chosen column, the file's columns.
    mapping: Vec<MappingField>,
    ignored: Vec<String>,
    /// The labels of the preview table's columns.
    columns: Vec<String>,
    /// The parsed rows and the rows with problems, by row number.
    table: Vec<PreviewRow>,
    shown: usize,
    /// More rows were parsed than the preview holds.
    truncated: bool,
    problems: usize,
    duplicates: Vec<String>,
    /// Rows already stored, not imported again.
    already_there: usize,
    /// Rows like a stored record but written differently ("row 4: Nguyen Van A — stored as
    /// Nguyễn Văn A").
    near_repeats: Vec<String>,
    /// Nothing stands in the way of importing.
    ready: bool,
    /// Would be written (by the dry run's rolled-back store).
    would_import: usize,
}

struct MappingField {
    name: &'static str,
    label: String,
    required: bool,
    chosen: String,
    options: Vec<(String, String)>,
}

impl Preview {
    /// The labels of the fields no column was found for, required ones or the others.
    fn unmatched(&self, required: bool) -> String {
        self.mapping
            .iter()
            .filter(|f| f.chosen.is_empty() && f.required == required)
            .map(|f| f.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

struct PreviewRow {
    row: usize,
    cells: Vec<String>,
    problems: Vec<String>,
}

/// What an import did.
struct Done {
    imported: usize,
    already_there: usize,
    near_repeats: Vec<String>,
    link: String,
    link_label: String,
    created_issuers: Vec<String>,
    created_decisions: Vec<String>,
    without_signer: Vec<String>,
    /// Name, level, heading, signer title, place.
    new_issuers: Vec<(String, String, String, String, String)>,
}

fn encodings(tr: &Tr) -> Vec<(String, String)> {
    let mut all = vec![(String::new(), tr.t("import-encoding-auto"))];
    all.extend(
        Encoding::ALL
            .iter()
            .map(|e| (e.name().to_string(), e.to_string())),
    );
    all
}

impl ImportPage {
    /// The page of list `kind` read in `encoding` (empty: detected), nothing done yet.
    fn new(c: Chrome, kind: ListKind, encoding: String) -> ImportPage {
        ImportPage {
            encodings: encodings(&c.tr),
            c,
            kind: kind_code(kind),
            encoding,
            problem: None,
            preview: None,
            done: None,
        }
    }

    /// The page with `problem` above the form (422).
    fn refused(self, problem: String) -> WebResult {
        let problem = Some(problem);
        render_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            ImportPage { problem, ..self },
        )
    }
}

/// Step 1: choose the list and the file.
async fn start(
    In {
        state: _, c, id: _, ..
    }: In<Reads>,
    Query(q): Query<HashMap<String, String>>,
) -> WebResult {
    let kind = kind_of(q.get("kind").map(String::as_str).unwrap_or(""));
    render(ImportPage::new(c, kind, String::new()))
}

/// What a step posted.
#[derive(Default)]
struct Posted {
    kind: String,
    file: Option<(String, Vec<u8>)>,
    token: String,
    encoding: String,
    /// Field → chosen column, when the mapping was shown (`map.<field>`).
    mapping: BTreeMap<String, String>,
    mapped: bool,
    action: String,
}

async fn read_posted(mut form: Multipart) -> Result<Posted, AppError> {
    let mut p = Posted::default();
    let failed = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge {
                limit: IMPORT_BODY_LIMIT,
            }
        } else {
            AppError::bad_request("unreadable-body", e.body_text())
        }
    };
    while let Some(field) = form.next_field().await.map_err(failed)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(failed)?;
            if !bytes.is_empty() {
                p.file = Some((file_name, Vec::from(bytes)));
            }
            continue;
        }
        let text = field.text().await.map_err(failed)?;
        match name.as_str() {
            "kind" => p.kind = text,
            "token" => p.token = text,
            "encoding" => p.encoding = text,
            "action" => p.action = text,
            "mapped" => p.mapped = true,
            _ => {
                if let Some(f) = name.strip_prefix("map.")
                    && !text.trim().is_empty()
                {
                    p.mapping.insert(f.to_string(), text);
                }
            }
        }
    }
    Ok(p)
}

/// The later steps: check (a dry run) or import, with the file just sent or kept.
async fn step(In { state, c, id, .. }: In<Writes>, form: Multipart) -> WebResult {
    let user = c.require_user()?;
    let posted = match read_posted(form).await {
        Ok(p) => p,
        Err(e) => {
            let problem = describe(&c.tr, &e);
            return ImportPage::new(c, ListKind::Attendees, String::new()).refused(problem);
        }
    };
    let kind = kind_of(&posted.kind);
    let encoding_text = posted.encoding.trim().to_string();
    let (token, file_name, bytes) = match posted.file {
        Some((name, bytes)) => {
            let token = keep(id, user, name.clone(), bytes.clone())?;
            (token, name, bytes)
        }
        None => match kept(&posted.token, id, user) {
            Some((name, bytes)) => (posted.token.clone(), name, bytes),
            None => {
                let key = if posted.token.is_empty() {
                    "import-choose-file"
                } else {
                    "import-file-gone"
                };
                let problem = c.tr.t(key);
                return ImportPage::new(c, kind, encoding_text).refused(problem);
            }
        },
    };
    let encoding = match encoding_text.as_str() {
        "" => None,
        // The select offers only known encodings; anything else is detected.
        e => e.parse::<Encoding>().ok(),
    };
    let mapping = if posted.mapped {
        posted.mapping.clone()
    } else {
        BTreeMap::new()
    };
    let run = |dry_run| {
        let options = ImportOptions {
            encoding,
            mapping: mapping.clone(),
            dry_run,
        };
        let (file_name, bytes) = (file_name.as_str(), bytes.clone());
        service::import::import(
            &state.db,
            &state.work,
            &c.actor,
            id,
            kind,
            file_name,
            bytes,
            options,
        )
    };
    if posted.action == "import" {
        let imported = run(false).await;
        match imported {
            Ok(report) => {
                forget(&token);
                let done = Some(done_of(&c.tr, id, kind, &report));
                let page = ImportPage::new(c, kind, encoding_text);
                return render(ImportPage { done, ..page });
            }
            // Problems (the list or the data changed since the check): show them below.
            Err(AppError::Validation(_)) => {}
            Err(e) => {
                let problem = describe(&c.tr, &e);
                return ImportPage::new(c, kind, encoding_text).refused(problem);
            }
        }
    }
    let checked = run(true).await;
    match checked {
        Ok(report) => {
            let mut preview = preview_of(&c.tr, kind, &token, &report);
            if !report.problems.is_empty() {
                fill_problem_rows(&state.work, kind, &mut preview, &report, &bytes, encoding).await;
            }
            let status = if preview.ready && posted.action != "import" {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let preview = Some(preview);
            let page = ImportPage::new(c, kind, encoding_text);
            render_with(status, ImportPage { preview, ..page })
        }
        Err(e) => {
            // The file cannot be read this way (no column for a required field…): say why,
            // and offer the mapping with the columns of the file as it reads.
            let problem = describe(&c.tr, &e);
            let preview = columns_only(
                &state.work,
                &c.tr,
                kind,
                &token,
                &file_name,
                &bytes,
                encoding,
                &mapping,
            )
            .await;
            let page = ImportPage::new(c, kind, encoding_text);
            ImportPage { preview, ..page }.refused(problem)
        }
    }
}

/// An error of the file in the user's language where known.
fn describe(tr: &Tr, e: &AppError) -> String {
    match e {
        AppError::PayloadTooLarge { .. } => tr.t("import-too-large"),
        AppError::Validation(errors) => errors
            .iter()
            .map(|f| {
                let lead = match f.field.as_str() {
                    "mapping" => tr.t("import-mapping-problem"),
                    "file" => tr.t("import-file-problem"),
                    other => other.to_string(),
                };
                // The fields without a column are named below, in the mapping, in words.
                if f.code.as_deref() == Some("no-columns") {
                    return format!("{lead} {}", tr.t("import-no-columns"));
                }
                format!("{lead} {}", tr.field_problem(f))
            })
            .collect::<Vec<_>>()
            .join(" "),
        other => tr.error(other),
    }
}

/// A problem of a row in the user's language: the list reader's own messages, then the
/// input rules' (`Tr::problem`).
fn row_problem(tr: &Tr, p: &lists::RowProblem) -> String {
    tr.field_problem(&p.to_field_error())
}

fn field_label(tr: &Tr, name: &str) -> String {
    tr.t(&format!("import-field-{name}"))
}

fn mapping_fields(
    tr: &Tr,
    kind: ListKind,
    headers: &[String],
    chosen: impl Fn(&str) -> Option<usize>,
) -> Vec<MappingField> {
    let options = sheet::column_choices(headers);
    fields_of(kind)
        .iter()
        .map(|f| MappingField {
            name: f.name,
            label: field_label(tr, f.name),
            required: f.required,
            chosen: chosen(f.name)
                .and_then(|i| options.get(i))
                .map(|(v, _)| v.clone())
                .unwrap_or_default(),
            options: options.clone(),
        })
        .collect()
}

/// A value of a parsed row as the table shows it.
fn cell(tr: &Tr, kind: ListKind, values: &Value, field: &str) -> String {
    let value = match kind {
        ListKind::Attendees => values.get(field),
        ListKind::Awards => {
            let decision_field = match field {
                "decision_number" => "number",
                f => f,
            };
            values
                .get("recipient")
                .and_then(|r| r.get(field))
                .or_else(|| values.get("decision").and_then(|d| d.get(decision_field)))
        }
    };
    let text = match value {
        None | Some(Value::Null) => return String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    match field {
        "kind" => label_of(tr, "kind", &text),
        "honorific" => label_of(tr, "honorific", &text),
        "form" => {
            let title = values
                .get("decision")
                .and_then(|d| d.get("title_name"))
                .or_else(|| values.get("title_name"))
                .and_then(Value::as_str)
                .map(str::to_string);
            super::awards::form_name(tr, &text, &title)
        }
        "category" => tr.known(&format!("category-{text}")).unwrap_or(text),
        "decided_on" => chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(|d| tr.date(&d))
            .unwrap_or(text),
        _ => text,
    }
}

fn preview_of(tr: &Tr, kind: ListKind, token: &str, report: &ImportReport) -> Preview {
    let m = &report.mapping;
    let mapping = mapping_fields(tr, kind, &m.headers, |f| m.index.get(f).copied());
    let shown_fields: Vec<&FieldSpec> = fields_of(kind)
        .iter()
        .filter(|f| m.index.contains_key(f.name))
        .collect();
    let columns = shown_fields
        .iter()
        .map(|f| field_label(tr, f.name))
        .collect();
    let mut table: Vec<PreviewRow> = report
        .parsed
        .iter()
        .map(|p| PreviewRow {
            row: p.row,
            cells: shown_fields
                .iter()
                .map(|f| cell(tr, kind, &p.values, f.name))
                .collect(),
            problems: Vec::new(),
        })
        .collect();
    for p in &report.problems {
        let text = if p.column.is_empty() {
            row_problem(tr, p)
        } else {
            tr.t2(
                "import-problem-at",
                ("column", p.column.clone().into()),
                ("message", row_problem(tr, p).into()),
            )
        };
        match table.iter_mut().find(|r| r.row == p.row) {
            Some(r) => r.problems.push(text),
            None => table.push(PreviewRow {
                row: p.row,
                cells: Vec::new(),
                problems: vec![text],
            }),
        }
    }
    table.sort_by_key(|r| r.row);
    let duplicates = report
        .duplicates
        .iter()
        .map(|d| {
            let rows = d
                .rows
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let who = match &d.unit {
                Some(u) => format!("{} ({u})", d.name),
                None => d.name.clone(),
            };
            tr.t2(
                "import-duplicate",
                ("rows", rows.into()),
                ("name", who.into()),
            )
        })
        .collect();
    Preview {
        token: token.to_string(),
        file_name: report.file_name.clone(),
        format: format!("{:?}", report.format).to_uppercase(),
        encoding: report
            .encoding
            .map_or_else(|| tr.t("import-encoding-unicode"), |e| e.to_string()),
        confidence: format!("{:.0}%", report.confidence * 100.0),
        rows: report.rows,
        header_row: m.header_row,
        mapping,
        ignored: m.ignored.clone(),
        columns,
        shown: report.parsed.len(),
        truncated: report.parsed.len() >= lists::MAX_PREVIEW,
        problems: report.problems.len(),
        table,
        duplicates,
        already_there: report.summary.already_there,
        near_repeats: near_repeats(tr, &report.summary),
        ready: report.problems.is_empty() && report.rows > 0,
        would_import: report.summary.imported,
    }
}

/// The rows with problems are not parsed: show what their cells hold, as the file has them.
async fn fill_problem_rows(
    work: &Work,
    kind: ListKind,
    preview: &mut Preview,
    report: &ImportReport,
    bytes: &[u8],
    encoding: Option<Encoding>,
) {
    let Some(grid) = service::import::grid(work, bytes, encoding).await else {
        return;
    };
    let indexes: Vec<usize> = fields_of(kind)
        .iter()
        .filter_map(|f| report.mapping.index.get(f.name).copied())
        .collect();
    for row in preview.table.iter_mut().filter(|r| r.cells.is_empty()) {
        if let Some(raw) = grid.rows.iter().find(|g| g.number == row.row) {
            row.cells = indexes
                .iter()
                .map(|&i| raw.cells.get(i).cloned().unwrap_or_default())
                .collect();
        }
    }
}

/// When no dry run could read the list: the mapping form alone, with the columns of the
/// row that looks most like headers among the first ten.
#[allow(clippy::too_many_arguments)]
async fn columns_only(
    work: &Work,
    tr: &Tr,
    kind: ListKind,
    token: &str,
    file_name: &str,
    bytes: &[u8],
    encoding: Option<Encoding>,
    chosen: &BTreeMap<String, String>,
) -> Option<Preview> {
    let grid = service::import::grid(work, bytes, encoding).await?;
    let (header_row, headers) = grid.likely_header()?;
    let options = sheet::column_choices(&headers);
    let mut mapping = mapping_fields(tr, kind, &headers, |_| None);
    for f in &mut mapping {
        if let Some(v) = chosen.get(f.name)
            && options.iter().any(|(o, _)| o == v)
        {
            f.chosen = v.clone();
        }
    }
    Some(Preview {
        token: token.to_string(),
        file_name: file_name.to_string(),
        format: format!("{:?}", grid.format).to_uppercase(),
        encoding: grid
            .encoding
            .map_or_else(|| tr.t("import-encoding-unicode"), |e| e.to_string()),
        confidence: format!("{:.0}%", grid.confidence * 100.0),
        rows: grid.rows.len().saturating_sub(1),
        header_row,
        mapping,
        ..Preview::default()
    })
}

/// "825/QĐ-UBND của UBND huyện Kim Sơn".
fn decision_of(tr: &Tr, d: &crate::domain::input::NewDecision) -> String {
    tr.t2(
        "import-decision-of",
        ("number", d.number.clone().into()),
        ("issuer", d.issuer.clone().into()),
    )
}

/// The rows like a stored record, in words.
fn near_repeats(tr: &Tr, s: &crate::domain::input::ImportSummary) -> Vec<String> {
    s.near_repeats
        .iter()
        .map(|n| {
            tr.tn(
                "import-near-repeat",
                &[
                    ("row", n.row.to_string()),
                    ("name", n.name.clone()),
                    ("stored", n.stored.clone()),
                ],
            )
        })
        .collect()
}

fn done_of(tr: &Tr, id: i32, kind: ListKind, report: &ImportReport) -> Done {
    let s = &report.summary;
    let (link, link_label) = match kind {
        ListKind::Attendees => (
            format!("/app/c/{id}/delegates"),
            tr.t("import-see-delegates"),
        ),
        ListKind::Awards => (format!("/app/c/{id}/awards"), tr.t("import-see-awards")),
    };
    Done {
        imported: s.imported,
        already_there: s.already_there,
        near_repeats: near_repeats(tr, s),
        link,
        link_label,
        created_issuers: s.created_issuers.clone(),
        // Worded here: "825/QĐ-UBND của UBND huyện Kim Sơn".
        created_decisions: s.new_decisions.iter().map(|d| decision_of(tr, d)).collect(),
        without_signer: s
            .new_decisions
            .iter()
            .filter(|d| !d.signed)
            .map(|d| decision_of(tr, d))
            .collect(),
        new_issuers: s
            .new_issuers
            .iter()
            .map(|i| {
                (
                    i.name.clone(),
                    label_of(tr, "level", &i.level),
                    i.certificate_heading.replace('\n', " / "),
                    i.signer_title.replace('\n', " / "),
                    i.place_name.clone(),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readers_problems_are_told_in_vietnamese() {
        let tr = Tr::new(crate::web::i18n::Lang::Vi);
        let problem = |code: &str, args: &[(&str, &str)], message: &str| lists::RowProblem {
            row: 3,
            column: "Thứ tự".into(),
            message: message.into(),
            code: Some(code.into()),
            args: args
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        let number = problem(
            "not-a-number",
            &[("value", "ba")],
            "'ba' is not a whole number",
        );
        assert_eq!(row_problem(&tr, &number), "“ba” không phải số nguyên");
        let choice = problem(
            "not-one-of-labels",
            &[("value", "x"), ("choices", "Ông, Bà")],
            "'x' is not one of: Ông, Bà",
        );
        assert!(row_problem(&tr, &choice).contains("Ông, Bà"));
        let en = Tr::new(crate::web::i18n::Lang::En);
        assert_eq!(row_problem(&en, &number), "“ba” is not a whole number");
    }
}
