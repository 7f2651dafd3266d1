//! A conference's certificate layouts: the current one of each kind and its history (a
//! conference that never saved one prints with the server's, which stands as version 1),
//! saving, restoring and copying them, the scan of the blank behind them, and the layouts a
//! print loads — all in one query, once per batch.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use entity::certificate_background as background;
use entity::certificate_layout as stored;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::access::Actor;
use crate::error::{AppError, AppResult};
use crate::interop::scan;
use crate::print::layout::{Background, LayoutFile};
use crate::print::pdf::{Image, Rect};
use crate::print::{CertificateKind, Layout, Layouts};
use crate::store::layout::{self as store, kind_code};
use crate::store::{audit, begin_write};

const NOUN: &str = "certificate layout";
const BACKGROUND: &str = "certificate background";
/// The note of version 1 when it is the server's layout, stored at the first save.
const SERVER_NOTE: &str = "the server's layout";

/// The kind named in a path (`bang_khen`); any other word is a 404.
pub fn kind(code: &str) -> AppResult<CertificateKind> {
    code.parse()
        .map_err(|_| AppError::not_found("certificate layout", code))
}

/// One version of a layout: who saved it, when and why, and the layout itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct LayoutVersion {
    /// bang_khen, giay_khen or danh_hieu.
    pub kind: String,
    pub version: i32,
    pub note: String,
    /// The saver as the audit log names them; "server" for the server's layout.
    pub saved_by: String,
    /// None for the server's layout not yet saved with the conference.
    pub saved_at: Option<DateTime<Utc>>,
    /// The server's own layout (built in, or from its layout directory): the conference has
    /// saved none of this kind.
    pub built_in: bool,
    pub layout: LayoutFile,
    /// The TOML text as stored (as imported, comments included).
    #[serde(skip)]
    pub toml: String,
}

/// A version in a history list, without the layout.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionSummary {
    pub version: i32,
    pub note: String,
    pub saved_by: String,
    pub saved_at: Option<DateTime<Utc>>,
    pub built_in: bool,
}

/// One kind's layout as the list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LayoutSummary {
    pub kind: String,
    /// The layout's name ("Bằng khen").
    pub name: String,
    /// The current version.
    pub version: i32,
    pub note: String,
    pub saved_by: String,
    pub saved_at: Option<DateTime<Utc>>,
    pub built_in: bool,
    /// The scan of the blank behind it, if one was uploaded.
    pub background: Option<BackgroundInfo>,
}

/// The scan of a blank and where it lies on the paper.
#[derive(Debug, Serialize, ToSchema)]
pub struct BackgroundInfo {
    pub kind: String,
    pub file_name: String,
    /// The stored image's size in pixels (long side at most 3,508).
    pub width_px: i32,
    pub height_px: i32,
    /// Millimetres per pixel; null: stretched to the paper.
    pub mm_per_px: Option<f64>,
    /// Where the image's top-left corner lies on the paper, in mm (with a scale).
    pub origin_mm: [f64; 2],
    /// x, y, width, height on the current layout's paper, in mm.
    pub rect_mm: [f64; 4],
    /// Printed as the page's background on plain paper (never on blanks).
    pub print_in_full_mode: bool,
    pub uploaded_by: String,
    pub uploaded_at: DateTime<Utc>,
    /// Its ETag.
    pub version: i32,
}

/// A save: the layout in its JSON form and what changed.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LayoutSave {
    pub layout: LayoutFile,
    /// What changed, for the history (up to 200 characters).
    #[serde(default)]
    pub note: Option<String>,
}

/// Where the scan lies: stretched to the paper, or at a scale (given directly or by two
/// points of known distance) with its top-left corner at `origin_mm`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BackgroundPlacement {
    /// true: stretch the scan to the paper (and forget any scale).
    pub stretch: Option<bool>,
    /// Millimetres per pixel of the stored image, 0.01 to 1.
    pub mm_per_px: Option<f64>,
    /// Two points on the stored image, in pixels from its top-left corner, whose distance
    /// on the paper is `distance_mm` (the ends of a printed rule, say).
    pub points_px: Option<[[f64; 2]; 2]>,
    pub distance_mm: Option<f64>,
    /// Where the image's top-left corner lies on the paper, in mm (default 0, 0).
    pub origin_mm: Option<[f64; 2]>,
    /// Print the scan behind the design on plain paper.
    pub print_in_full_mode: Option<bool>,
}

/// What a copy from another conference brought.
#[derive(Debug, Serialize, ToSchema)]
pub struct CopyReport {
    /// The kinds that got a new version (those that differed).
    pub layouts: Vec<String>,
    /// The kinds whose background was replaced.
    pub backgrounds: Vec<String>,
    /// The printers added (those whose name was not used yet).
    pub printers: Vec<String>,
}

/// The layout text of a stored row or of the server, as a file; errors are the server's.
fn file_of(source: &str, text: &str) -> AppResult<LayoutFile> {
    LayoutFile::from_toml(source, text).map_err(AppError::internal)
}

fn server_version(server: &Layouts, kind: CertificateKind) -> AppResult<LayoutVersion> {
    let layout = server.get(kind);
    Ok(LayoutVersion {
        kind: kind_code(kind).into(),
        version: 1,
        note: SERVER_NOTE.into(),
        saved_by: "server".into(),
        saved_at: None,
        built_in: true,
        layout: file_of(&layout.source, &layout.toml)?,
        toml: layout.toml.clone(),
    })
}

fn stored_version(row: &stored::Model) -> AppResult<LayoutVersion> {
    Ok(LayoutVersion {
        kind: row.kind.clone(),
        version: row.version,
        note: row.note.clone(),
        saved_by: row.saved_by.clone(),
        saved_at: Some(row.saved_at),
        built_in: false,
        layout: file_of(&row.kind, &row.source)?,
        toml: row.source.clone(),
    })
}

/// The current layout of one kind.
pub async fn current<C: ConnectionTrait>(
    db: &C,
    server: &Layouts,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<LayoutVersion> {
    crate::store::conference::ensure_exists(db, conference_id).await?;
    match store::current(db, conference_id, kind).await? {
        Some(row) => stored_version(&row),
        None => server_version(server, kind),
    }
}

/// Every version of one kind, newest first; the server's layout is version 1 until the
/// first save stores it.
pub async fn history<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<Vec<VersionSummary>> {
    crate::store::conference::ensure_exists(db, conference_id).await?;
    let rows = store::versions(db, conference_id, kind).await?;
    if rows.is_empty() {
        return Ok(vec![VersionSummary {
            version: 1,
            note: SERVER_NOTE.into(),
            saved_by: "server".into(),
            saved_at: None,
            built_in: true,
        }]);
    }
    Ok(rows
        .into_iter()
        .map(|r| VersionSummary {
            version: r.version,
            note: r.note,
            saved_by: r.saved_by,
            saved_at: Some(r.saved_at),
            built_in: false,
        })
        .collect())
}

/// Version `n` of one kind.
pub async fn version<C: ConnectionTrait>(
    db: &C,
    server: &Layouts,
    conference_id: i32,
    kind: CertificateKind,
    n: i32,
) -> AppResult<LayoutVersion> {
    crate::store::conference::ensure_exists(db, conference_id).await?;
    match store::version(db, conference_id, kind, n).await? {
        Some(row) => stored_version(&row),
        None if n == 1 && store::current(db, conference_id, kind).await?.is_none() => {
            server_version(server, kind)
        }
        None => Err(AppError::not_found(
            "layout version",
            format!("{n} of {}", kind_code(kind)),
        )),
    }
}

/// The layouts of every kind, with their backgrounds.
pub async fn list(
    db: &DatabaseConnection,
    server: &Layouts,
    conference_id: i32,
) -> AppResult<Vec<LayoutSummary>> {
    crate::store::conference::ensure_exists(db, conference_id).await?;
    let rows = store::current_all(db, conference_id).await?;
    let backgrounds = store::backgrounds(db, conference_id).await?;
    let mut out = Vec::new();
    for kind in CertificateKind::ALL {
        let code = kind_code(kind);
        let row = rows.iter().find(|r| r.kind == code);
        let current = match row {
            Some(r) => stored_version(r)?,
            None => server_version(server, kind)?,
        };
        let paper = paper_of(&current.layout)?;
        out.push(LayoutSummary {
            kind: code.into(),
            name: current.layout.name.clone(),
            version: current.version,
            note: current.note,
            saved_by: current.saved_by,
            saved_at: current.saved_at,
            built_in: current.built_in,
            background: backgrounds
                .iter()
                .find(|b| b.kind == code)
                .map(|b| background_info(b, paper)),
        });
    }
    Ok(out)
}

/// The paper of a layout file that was validated when stored.
fn paper_of(file: &LayoutFile) -> AppResult<(f32, f32)> {
    let layout = Layout::validate("layout", file.clone(), None)?;
    Ok((layout.width_mm, layout.height_mm))
}

/// What a save brings: the layout as JSON or as TOML text (kept as written, comments too).
pub enum Source {
    Json(LayoutFile),
    Toml(String),
}

/// Check a layout with the one loader; the error names `layout` and the element.
pub fn check(kind: CertificateKind, source: Source) -> AppResult<Layout> {
    let name = kind_code(kind);
    let checked = match source {
        Source::Json(file) => Layout::validate(name, file, None),
        Source::Toml(text) => Layout::parse(name, &text, None),
    };
    checked.map_err(|e| {
        // Typed: worded in the reader's language (`problem-layout-<code>`), naming the
        // element by its field or wording.
        AppError::Validation(vec![crate::error::print_problem("layout", &e)])
    })
}

fn checked_note(note: Option<String>) -> AppResult<String> {
    let note = crate::domain::text::normalize(note.as_deref().unwrap_or(""));
    let length = note.chars().count();
    if length > 200 {
        let args = [("length", length.to_string()), ("max", "200".to_string())];
        let english = format!("is {length} characters long; the limit is 200");
        return Err(AppError::invalid("note", "length", &args, english));
    }
    Ok(note)
}

/// Save a new version of one kind; `if_match` is the version the client last saw.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    db: &DatabaseConnection,
    server: &Layouts,
    actor: &Actor,
    conference_id: i32,
    kind: CertificateKind,
    source: Source,
    note: Option<String>,
    if_match: Option<i32>,
) -> AppResult<LayoutVersion> {
    let note = checked_note(note)?;
    let layout = check(kind, source)?;
    let change = (layout.toml.as_str(), note.as_str(), "update");
    commit_version(db, (server, actor), (conference_id, kind), change, if_match).await
}

/// Add a version (its text, note and audited action) in a transaction of its own.
async fn commit_version(
    db: &DatabaseConnection,
    (server, actor): (&Layouts, &Actor),
    (conference_id, kind): (i32, CertificateKind),
    (text, note, action): (&str, &str, &str),
    if_match: Option<i32>,
) -> AppResult<LayoutVersion> {
    let txn = begin_write(db).await?;
    crate::store::conference::ensure_exists(&txn, conference_id).await?;
    let row = add_version(
        &txn,
        server,
        actor,
        conference_id,
        kind,
        text,
        note,
        action,
        if_match,
    )
    .await?;
    txn.commit().await?;
    stored_version(&row)
}

/// Save the text of version `n` again as a new version: history is never rewritten.
pub async fn restore(
    db: &DatabaseConnection,
    server: &Layouts,
    actor: &Actor,
    conference_id: i32,
    kind: CertificateKind,
    n: i32,
    if_match: Option<i32>,
) -> AppResult<LayoutVersion> {
    let old = version(db, server, conference_id, kind, n).await?;
    // Checked again: a version from before a change of the rules must still print.
    let layout = check(kind, Source::Json(old.layout))?;
    let note = format!("restored version {n}");
    let change = (layout.toml.as_str(), note.as_str(), "restore");
    commit_version(db, (server, actor), (conference_id, kind), change, if_match).await
}

/// Insert the next version, after storing the server's layout as version 1 if the
/// conference had none, and record it with the text before and after.
#[allow(clippy::too_many_arguments)]
async fn add_version<C: ConnectionTrait>(
    db: &C,
    server: &Layouts,
    actor: &Actor,
    conference_id: i32,
    kind: CertificateKind,
    text: &str,
    note: &str,
    action: &str,
    if_match: Option<i32>,
) -> AppResult<stored::Model> {
    let current = store::current(db, conference_id, kind).await?;
    let version = current.as_ref().map_or(1, |c| c.version);
    if let Some(sent) = if_match
        && sent != version
    {
        return Err(AppError::PreconditionFailed {
            what: NOUN,
            current: version,
            sent,
        });
    }
    let before = match &current {
        Some(c) => c.source.clone(),
        None => {
            let server_text = &server.get(kind).toml;
            store::insert(db, None, conference_id, kind, 1, server_text, SERVER_NOTE).await?;
            server_text.clone()
        }
    };
    let row = store::insert(
        db,
        Some(actor),
        conference_id,
        kind,
        version + 1,
        text,
        note,
    )
    .await
    .map_err(|e| match e {
        // Another save took the number between our read and our write.
        AppError::Conflict(_) => AppError::PreconditionFailed {
            what: NOUN,
            current: version + 1,
            sent: version,
        },
        other => other,
    })?;
    audit::record(
        db,
        actor,
        audit::Event {
            conference_id: Some(conference_id),
            action,
            resource: NOUN,
            resource_id: Some(row.id),
            before: Some(serde_json::json!({
                "kind": kind_code(kind), "version": version, "source": before,
            })),
            after: Some(serde_json::json!({
                "kind": kind_code(kind), "version": row.version, "note": row.note, "source": row.source,
            })),
            detail: None,
        },
    )
    .await?;
    Ok(row)
}

/// The layouts a print of the conference uses: its current ones, the server's where it
/// has none, with the backgrounds printed on plain paper when `full`. One query (two in
/// full mode with a printed background); the server's own `Arc` when nothing is stored.
pub async fn for_printing<C: ConnectionTrait>(
    db: &C,
    server: &Arc<Layouts>,
    conference_id: i32,
    full: bool,
) -> AppResult<Arc<Layouts>> {
    let rows = store::current_all(db, conference_id).await?;
    let backgrounds = if full {
        store::printed_backgrounds(db, conference_id).await?
    } else {
        Vec::new()
    };
    if rows.is_empty() && backgrounds.is_empty() {
        return Ok(server.clone());
    }
    let mut layouts = (**server).clone();
    for row in rows {
        let kind = kind(&row.kind).map_err(AppError::internal)?;
        let source = format!("{} v{}", row.kind, row.version);
        layouts.set(kind, Layout::parse(&source, &row.source, None)?);
    }
    for b in backgrounds {
        let kind = kind(&b.kind).map_err(AppError::internal)?;
        let layout = layouts.get_mut(kind);
        let [x, y, w, h] = rect_mm(&b, (layout.width_mm, layout.height_mm));
        layout.background = Some(Background {
            image: Image::from_jpeg(b.jpeg, b.width_px as u32, b.height_px as u32),
            rect: Rect {
                x: x as f32,
                y: y as f32,
                w: w as f32,
                h: h as f32,
            },
        });
    }
    Ok(Arc::new(layouts))
}

/// Where a background lies on paper of `paper` mm.
fn rect_mm(b: &background::Model, paper: (f32, f32)) -> [f64; 4] {
    match b.mm_per_px {
        Some(scale) => [
            b.origin_x_mm,
            b.origin_y_mm,
            f64::from(b.width_px) * scale,
            f64::from(b.height_px) * scale,
        ],
        None => [0.0, 0.0, f64::from(paper.0), f64::from(paper.1)],
    }
}

fn background_info(b: &background::Model, paper: (f32, f32)) -> BackgroundInfo {
    BackgroundInfo {
        kind: b.kind.clone(),
        file_name: b.file_name.clone(),
        width_px: b.width_px,
        height_px: b.height_px,
        mm_per_px: b.mm_per_px,
        origin_mm: [b.origin_x_mm, b.origin_y_mm],
        rect_mm: rect_mm(b, paper),
        print_in_full_mode: b.print_in_full_mode,
        uploaded_by: b.uploaded_by.clone(),
        uploaded_at: b.uploaded_at,
        version: b.version,
    }
}

async fn paper<C: ConnectionTrait>(
    db: &C,
    server: &Layouts,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<(f32, f32)> {
    paper_of(&current(db, server, conference_id, kind).await?.layout)
}

fn check_background_version(current: i32, if_match: Option<i32>) -> AppResult<()> {
    match if_match {
        Some(sent) if sent != current => Err(AppError::PreconditionFailed {
            what: BACKGROUND,
            current,
            sent,
        }),
        _ => Ok(()),
    }
}

/// Whether the layout of `kind` has a background (a scan of the blank).
pub async fn has_background<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<bool> {
    Ok(store::background(db, conference_id, kind, false)
        .await?
        .is_some())
}

/// The background's settings, or 404.
pub async fn background<C: ConnectionTrait>(
    db: &C,
    server: &Layouts,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<BackgroundInfo> {
    let b = store::background(db, conference_id, kind, false)
        .await?
        .ok_or_else(|| AppError::not_found(BACKGROUND, kind_code(kind)))?;
    Ok(background_info(
        &b,
        paper(db, server, conference_id, kind).await?,
    ))
}

/// The background's JPEG and its version, or 404.
pub async fn background_image<C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<(Vec<u8>, i32)> {
    let b = store::background(db, conference_id, kind, true)
        .await?
        .ok_or_else(|| AppError::not_found(BACKGROUND, kind_code(kind)))?;
    Ok((b.jpeg, b.version))
}

/// Store the scan of a blank for one kind, replacing any before it; it is stretched to the
/// paper and not printed until placed otherwise. A file that cannot be used is a 422
/// naming `file`, and nothing changes.
#[allow(clippy::too_many_arguments)]
pub async fn upload_background(
    db: &DatabaseConnection,
    work: &crate::service::work::Work,
    server: &Layouts,
    actor: &Actor,
    conference_id: i32,
    kind: CertificateKind,
    file_name: String,
    bytes: Vec<u8>,
    if_match: Option<i32>,
) -> AppResult<BackgroundInfo> {
    crate::store::conference::ensure_exists(db, conference_id).await?;
    let scan = work
        .run(crate::service::work::Heavy::Decode, move |_| {
            scan::normalise(&bytes)
        })
        .await?
        .map_err(AppError::from)?;
    let file_name = crate::domain::text::normalize(&file_name)
        .chars()
        .take(200)
        .collect::<String>();
    let txn = begin_write(db).await?;
    let existing = store::background(&txn, conference_id, kind, false).await?;
    if let Some(e) = &existing {
        check_background_version(e.version, if_match)?;
    }
    let row = background::ActiveModel {
        conference_id: Set(conference_id),
        kind: Set(kind_code(kind).into()),
        jpeg: Set(scan.jpeg),
        width_px: Set(scan.width as i32),
        height_px: Set(scan.height as i32),
        file_name: Set(file_name),
        mm_per_px: Set(None),
        origin_x_mm: Set(0.0),
        origin_y_mm: Set(0.0),
        print_in_full_mode: Set(existing.as_ref().is_some_and(|e| e.print_in_full_mode)),
        uploaded_by: Set(actor.label()),
        uploaded_at: Set(Utc::now()),
        version: Set(existing.as_ref().map_or(1, |e| e.version + 1)),
        ..Default::default()
    };
    let row = save_background(
        &txn,
        actor,
        (conference_id, "upload"),
        existing.as_ref(),
        row,
    )
    .await?;
    txn.commit().await?;
    Ok(background_info(
        &row,
        paper(db, server, conference_id, kind).await?,
    ))
}

/// Store a background row in place of `existing` (if any) and audit the change as `action`.
async fn save_background<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    (conference_id, action): (i32, &str),
    existing: Option<&background::Model>,
    row: background::ActiveModel,
) -> AppResult<background::Model> {
    let row = replace_background(db, existing, row).await?;
    record_background(db, actor, conference_id, action, existing, Some(&row)).await?;
    Ok(row)
}

async fn replace_background<C: ConnectionTrait>(
    db: &C,
    existing: Option<&background::Model>,
    mut row: background::ActiveModel,
) -> AppResult<background::Model> {
    if let Some(e) = existing {
        row.id = Set(e.id);
        let updated = background::Entity::update_many()
            .set(row)
            .filter(background::Column::Id.eq(e.id))
            .filter(background::Column::Version.eq(e.version))
            .exec(db)
            .await?;
        if updated.rows_affected == 0 {
            return Err(AppError::PreconditionFailed {
                what: BACKGROUND,
                current: e.version + 1,
                sent: e.version,
            });
        }
        let mut stored = background::Entity::find_by_id(e.id)
            .one(db)
            .await?
            .ok_or_else(|| AppError::not_found(BACKGROUND, e.id))?;
        stored.jpeg.clear();
        Ok(stored)
    } else {
        let mut stored = row.insert(db).await?;
        stored.jpeg.clear();
        Ok(stored)
    }
}

async fn record_background<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
    conference_id: i32,
    action: &str,
    before: Option<&background::Model>,
    after: Option<&background::Model>,
) -> AppResult<()> {
    let json = |b: &background::Model| serde_json::to_value(b).ok();
    let event = audit::Event::change(
        (conference_id, action, BACKGROUND),
        (before, after),
        |b| b.id,
        json,
    );
    audit::record(db, actor, event).await
}

/// The scale and origin a placement asks for: None to stretch, Some to place; `current`
/// is kept for what the placement leaves out.
fn placed(p: &BackgroundPlacement, b: &background::Model) -> AppResult<(Option<f64>, f64, f64)> {
    use crate::error::FieldError;
    // Each problem by its code (`problem-placement-<what>` in the catalogs).
    let refused = |field: &str, what: &str, args: &[(&str, String)], english: &str| {
        FieldError::coded(field, &format!("placement-{what}"), args, english)
    };
    let mut errors = Vec::new();
    let origin = p.origin_mm.unwrap_or([b.origin_x_mm, b.origin_y_mm]);
    if origin.iter().any(|v| !v.is_finite() || v.abs() > 1000.0) {
        let english = "each must be between -1000 and 1000 mm";
        errors.push(refused("origin_mm", "origin", &[], english));
    }
    let needs_scale = || {
        let english = "a stretched scan covers the paper; give a scale (mm_per_px, or points_px with distance_mm) to place it";
        refused("origin_mm", "needs-scale", &[], english)
    };
    let scale = match (p.stretch, p.mm_per_px, p.points_px, p.distance_mm) {
        (Some(true), None, None, None) => {
            if p.origin_mm.is_some() {
                errors.push(needs_scale());
            }
            None
        }
        (Some(true), ..) => {
            let english = "give either stretch or a scale (mm_per_px, or points_px with distance_mm), not both";
            return Err(refused("stretch", "stretch-and-scale", &[], english).into());
        }
        (_, Some(s), None, None) => Some(s),
        (_, None, Some([a, c]), Some(d)) => {
            let px = ((a[0] - c[0]).powi(2) + (a[1] - c[1]).powi(2)).sqrt();
            let inside = |p: [f64; 2]| {
                (0.0..=f64::from(b.width_px)).contains(&p[0])
                    && (0.0..=f64::from(b.height_px)).contains(&p[1])
            };
            if !(inside(a) && inside(c)) {
                let (width, height) = (b.width_px.to_string(), b.height_px.to_string());
                let english =
                    format!("the points must lie on the image ({width} × {height} pixels)");
                let args = [("width", width), ("height", height)];
                return Err(refused("points_px", "points-outside", &args, &english).into());
            }
            if px.is_nan() || px < 10.0 {
                let english = "the two points must be at least 10 pixels apart";
                return Err(refused("points_px", "points-close", &[], english).into());
            }
            if !(d.is_finite() && d > 0.0 && d <= 2000.0) {
                let english = "must be more than 0 and at most 2000 mm";
                return Err(refused("distance_mm", "distance", &[], english).into());
            }
            Some(d / px)
        }
        (_, None, Some(_), None) => {
            let english =
                "is required with points_px: the distance between the two points on paper";
            return Err(refused("distance_mm", "distance-needed", &[], english).into());
        }
        (_, None, None, Some(_)) => {
            let english = "is required with distance_mm: the two points, in pixels";
            return Err(refused("points_px", "points-needed", &[], english).into());
        }
        (_, None, None, None) => {
            if p.origin_mm.is_some() && b.mm_per_px.is_none() {
                return Err(needs_scale().into());
            }
            b.mm_per_px
        }
        _ => {
            let english = "give either mm_per_px or points_px with distance_mm, not both";
            return Err(refused("mm_per_px", "scale-twice", &[], english).into());
        }
    };
    if let Some(s) = scale
        && !(s.is_finite() && (0.01..=1.0).contains(&s))
    {
        let field = if p.points_px.is_some() {
            "distance_mm"
        } else {
            "mm_per_px"
        };
        // A scale far out of range (1e308) is named in short, not in 300 digits.
        let value = if s.abs() < 1e6 {
            format!("{s:.4}")
        } else {
            format!("{s:.3e}")
        };
        let english = format!("the scale must be between 0.01 and 1 mm per pixel, not {value}");
        errors.push(refused(field, "scale-range", &[("value", value)], &english));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok((scale, origin[0], origin[1]))
}

/// Place the background, or choose whether it prints on plain paper.
pub async fn place_background(
    db: &DatabaseConnection,
    server: &Layouts,
    actor: &Actor,
    conference_id: i32,
    kind: CertificateKind,
    placement: BackgroundPlacement,
    if_match: Option<i32>,
) -> AppResult<BackgroundInfo> {
    let txn = begin_write(db).await?;
    let existing = store::background(&txn, conference_id, kind, false)
        .await?
        .ok_or_else(|| AppError::not_found(BACKGROUND, kind_code(kind)))?;
    check_background_version(existing.version, if_match)?;
    let (scale, x, y) = placed(&placement, &existing)?;
    let row = background::ActiveModel {
        mm_per_px: Set(scale),
        origin_x_mm: Set(if scale.is_some() { x } else { 0.0 }),
        origin_y_mm: Set(if scale.is_some() { y } else { 0.0 }),
        print_in_full_mode: Set(placement
            .print_in_full_mode
            .unwrap_or(existing.print_in_full_mode)),
        version: Set(existing.version + 1),
        ..Default::default()
    };
    let row = save_background(&txn, actor, (conference_id, "update"), Some(&existing), row).await?;
    txn.commit().await?;
    Ok(background_info(
        &row,
        paper(db, server, conference_id, kind).await?,
    ))
}

pub async fn delete_background(
    db: &DatabaseConnection,
    actor: &Actor,
    conference_id: i32,
    kind: CertificateKind,
    if_match: Option<i32>,
) -> AppResult<()> {
    let txn = begin_write(db).await?;
    let existing = store::background(&txn, conference_id, kind, false)
        .await?
        .ok_or_else(|| AppError::not_found(BACKGROUND, kind_code(kind)))?;
    check_background_version(existing.version, if_match)?;
    background::Entity::delete_by_id(existing.id)
        .exec(&txn)
        .await?;
    record_background(&txn, actor, conference_id, "delete", Some(&existing), None).await?;
    txn.commit().await?;
    Ok(())
}

/// Copy another conference's layouts (a new version of each kind that differs), its
/// backgrounds (replacing these) and the printers whose name is not used here yet.
pub async fn copy_from(
    db: &DatabaseConnection,
    server: &Layouts,
    actor: &Actor,
    conference_id: i32,
    other_id: i32,
) -> AppResult<CopyReport> {
    use crate::store::printer::Printers;
    use crate::store::resource::Resource;
    use entity::printer;
    if other_id == conference_id {
        return Err(AppError::field(
            "other_id",
            "a conference cannot copy its own layouts",
        ));
    }
    let txn = begin_write(db).await?;
    crate::store::conference::ensure_exists(&txn, conference_id).await?;
    crate::store::conference::ensure_exists(&txn, other_id).await?;
    let mut report = CopyReport {
        layouts: Vec::new(),
        backgrounds: Vec::new(),
        printers: Vec::new(),
    };
    for kind in CertificateKind::ALL {
        let text_of = |row: Option<stored::Model>| {
            row.map_or_else(|| server.get(kind).toml.clone(), |r| r.source)
        };
        let other = store::current(&txn, other_id, kind).await?;
        let other_version = other.as_ref().map_or(1, |r| r.version);
        let theirs = text_of(other);
        let ours = text_of(store::current(&txn, conference_id, kind).await?);
        if theirs != ours {
            add_version(
                &txn,
                server,
                actor,
                conference_id,
                kind,
                &theirs,
                &format!("copied from conference {other_id} (version {other_version})"),
                "copy",
                None,
            )
            .await?;
            report.layouts.push(kind_code(kind).into());
        }
    }
    let theirs = background::Entity::find()
        .filter(background::Column::ConferenceId.eq(other_id))
        .all(&txn)
        .await?;
    for b in theirs {
        let kind = kind(&b.kind).map_err(AppError::internal)?;
        let existing = store::background(&txn, conference_id, kind, false).await?;
        let row = background::ActiveModel {
            conference_id: Set(conference_id),
            kind: Set(b.kind.clone()),
            jpeg: Set(b.jpeg),
            width_px: Set(b.width_px),
            height_px: Set(b.height_px),
            file_name: Set(b.file_name),
            mm_per_px: Set(b.mm_per_px),
            origin_x_mm: Set(b.origin_x_mm),
            origin_y_mm: Set(b.origin_y_mm),
            print_in_full_mode: Set(b.print_in_full_mode),
            uploaded_by: Set(b.uploaded_by),
            uploaded_at: Set(b.uploaded_at),
            version: Set(existing.as_ref().map_or(1, |e| e.version + 1)),
            ..Default::default()
        };
        save_background(&txn, actor, (conference_id, "copy"), existing.as_ref(), row).await?;
        report.backgrounds.push(b.kind);
    }
    let ours: Vec<String> = printer::Entity::find()
        .filter(printer::Column::ConferenceId.eq(conference_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|p| p.name)
        .collect();
    let theirs = printer::Entity::find()
        .filter(printer::Column::ConferenceId.eq(other_id))
        .all(&txn)
        .await?;
    for p in theirs.into_iter().filter(|p| !ours.contains(&p.name)) {
        let body = serde_json::to_value(Printers::to_input(&p)).map_err(AppError::internal)?;
        crate::store::resource::create::<Printers, _>(&txn, actor, conference_id, body).await?;
        report.printers.push(p.name);
    }
    audit::record(
        &txn,
        actor,
        audit::Event::detail(
            conference_id,
            "copy",
            "certificate layouts",
            serde_json::json!({
                "from": other_id,
                "layouts": report.layouts,
                "backgrounds": report.backgrounds,
                "printers": report.printers,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}
