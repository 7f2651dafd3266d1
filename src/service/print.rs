//! Printouts as the application makes them: load what to print through `store`, render off
//! the async runtime, and record the print in the audit log. Used by the API and the
//! command line alike.

use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sea_orm::DatabaseConnection;

use crate::domain::access::Actor;
use crate::domain::code::grouped;
use crate::domain::model::{Attendee, Conference};
use crate::domain::verification::url as verification_url;
use crate::error::{AppError, AppResult};
use crate::print::{Certificate, CertificateFields, CertificateKind, Layouts, RenderOptions};
use crate::service::work::{Deadline, Heavy, Work};
use crate::store::programme::{self, Selection};
use crate::store::verification::{self, Printed};
use crate::store::{attendee, audit, conference};

/// What to print and how.
pub struct CertificateJob {
    pub selection: Selection,
    pub options: RenderOptions,
    /// Print every certificate with this layout instead of its form's own.
    pub layout: Option<CertificateKind>,
    /// This server's public address: each certificate's QR code leads to `{public_url}/v/<code>`.
    pub public_url: String,
    /// The permit of heavy work the pages are written under (held until the last is
    /// written, even when nobody waits any more) and the deadline that stops them; none
    /// from the command line.
    pub limit: Option<Limit>,
}

/// A permit of heavy work and its deadline.
pub struct Limit {
    pub permit: Box<dyn Send>,
    pub deadline: Deadline,
}

/// A writer that fails once its deadline has passed, so a batch that has run too long
/// stops at its next page instead of writing on for nobody.
struct Deadlined<W> {
    out: W,
    deadline: Option<Deadline>,
}

impl<W: Write> Write for Deadlined<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.deadline.is_some_and(|d| d.passed()) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the batch ran past its deadline",
            ));
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The certificates of the selected recipients, one page each in ceremony order, written
/// to `out` (a file streams: memory stays one chunk of pages). Returns `out` and the page
/// count.
pub async fn certificates<W: Write + Send + 'static>(
    db: &DatabaseConnection,
    layouts: Arc<Layouts>,
    actor: &Actor,
    conference_id: i32,
    job: CertificateJob,
    out: W,
    progress: impl FnMut(usize) + Send + 'static,
) -> AppResult<(W, usize)> {
    let started = Instant::now();
    let conf = conference::get(db, conference_id).await?.into();
    // The conference's own layouts, loaded once for the whole batch.
    let full = job.options.mode == crate::print::RenderMode::Full;
    let layouts = crate::service::layouts::for_printing(db, &layouts, conference_id, full).await?;
    let ceremony = programme::selected_ceremony(db, conference_id, &job.selection).await?;
    // Each issuer's emblem, read once and embedded once however many pages show it; blanks
    // have it pre-printed.
    let emblems = if full {
        let issuers: std::collections::BTreeSet<i32> =
            ceremony.iter().map(|d| d.issuer.id).collect();
        crate::service::emblems::for_printing(db, issuers).await?
    } else {
        Default::default()
    };
    let loaded = started.elapsed();
    let mut coding = Duration::ZERO;
    // The stored rows are consumed as the fields are made, so both are not held at once;
    // the codes are given a statement's worth of certificates at a time, so that what each
    // certificate says for its code is not held for the whole batch either.
    let count = ceremony.iter().map(|d| d.recipients.len()).sum();
    let mut pages = Vec::with_capacity(count);
    let mut recipient_ids = Vec::with_capacity(count);
    let mut issuer_ids = Vec::with_capacity(count);
    let mut printed = Vec::with_capacity(verification::BATCH.min(count));
    for d in ceremony {
        if d.recipients.is_empty() {
            continue;
        }
        let own = CertificateKind::for_form_code(&d.decision.form)?;
        let kind = match job.layout {
            // A layout of another kind would print "TẶNG DANH HIỆU / BẰNG KHEN": refused.
            Some(k) if k != own => return Err(other_kind(&d.decision.number, own, k)),
            Some(k) => k,
            None => own,
        };
        for r in d.recipients {
            pages.push((
                kind,
                CertificateFields::from_models(&conf, &d.issuer, &d.decision, &r)?,
            ));
            recipient_ids.push(r.id);
            issuer_ids.push(d.issuer.id);
            printed.push(Printed::of(&conf, &d.issuer, &d.decision, &r));
            if printed.len() == verification::BATCH {
                coding += give_codes(db, &mut pages, &mut printed, &job.public_url).await?;
            }
        }
    }
    coding += give_codes(db, &mut pages, &mut printed, &job.public_url).await?;
    let prepared = started.elapsed();
    if pages.is_empty() {
        return Err(nothing_selected());
    }
    let options = job.options;
    let mode = format!("{:?}", options.mode).to_lowercase();
    let offset = (options.offset_x_mm, options.offset_y_mm);
    let mut progress = progress;
    let (permit, deadline) = match job.limit {
        Some(Limit { permit, deadline }) => (Some(permit), Some(deadline)),
        None => (None, None),
    };
    let out = Deadlined { out, deadline };
    let written = tokio::task::spawn_blocking(move || {
        let batch: Vec<Certificate<'_>> = pages
            .into_iter()
            .zip(issuer_ids)
            .map(|((kind, fields), issuer)| Certificate {
                layout: layouts.get(kind),
                fields,
                emblem: emblems.get(&issuer),
            })
            .collect();
        let written = crate::print::write_certificate_batch(out, &batch, &options, &mut progress);
        drop(permit);
        written
    })
    .await
    .map_err(AppError::internal)?;
    let pdf = match written {
        Ok(w) => w.out,
        Err(crate::print::PrintError::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => {
            return Err(AppError::Timeout {
                seconds: deadline.map_or(0.0, |d| d.limit().as_secs_f64()),
            });
        }
        Err(e) => return Err(e.into()),
    };
    let page_count = recipient_ids.len();
    tracing::debug!(
        pages = page_count,
        load_ms = loaded.as_millis(),
        fields_ms = (prepared - loaded - coding).as_millis(),
        codes_ms = coding.as_millis(),
        render_ms = (started.elapsed() - prepared).as_millis(),
        "certificates of conference {conference_id}"
    );
    let detail = serde_json::json!({
        "printout": "certificates",
        "pages": page_count,
        "recipients": recipient_ids,
        "mode": mode,
        "offset_mm": [offset.0, offset.1],
    });
    audit::record(
        db,
        actor,
        audit::Event::detail(conference_id, "print", "certificates", detail),
    )
    .await?;
    Ok((pdf, page_count))
}

/// The problem of printing a decision's certificates with a layout of another kind.
pub fn other_kind(number: &str, own: CertificateKind, asked: CertificateKind) -> AppError {
    use crate::store::layout::kind_code as code;
    AppError::Validation(vec![crate::error::FieldError::coded(
        "layout",
        "layout-other-kind",
        &[
            ("decision", number.to_string()),
            ("own", code(own).to_string()),
            ("asked", code(asked).to_string()),
        ],
        format!(
            "decision {number} awards a {} certificate; it cannot be printed with the {} layout",
            code(own),
            code(asked)
        ),
    )])
}

/// Each certificate's verification code, for the last `printed.len()` pages: given at its
/// first print, the same at every reprint; its QR code leads to the public page of the code.
async fn give_codes(
    db: &DatabaseConnection,
    pages: &mut [(CertificateKind, CertificateFields)],
    printed: &mut Vec<Printed>,
    public_url: &str,
) -> AppResult<Duration> {
    let started = Instant::now();
    let codes = verification::codes_for(db, printed).await?;
    let start = pages.len() - printed.len();
    for ((_, fields), p) in pages[start..].iter_mut().zip(printed.iter()) {
        let code = &codes[&p.recipient_id];
        fields.verification_url = verification_url(public_url, code);
        fields.verification_code = grouped(code);
    }
    printed.clear();
    Ok(started.elapsed())
}

/// The conference's printouts other than certificates.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Printout {
    /// Chương trình hội nghị.
    Programme,
    /// Danh sách đại biểu.
    Attendees,
    /// Danh sách đại biểu ký tên (sign-in sheet).
    SignIn,
    /// Biển tên đại biểu (tent cards).
    PlaceCards,
    /// Danh sách khen thưởng.
    Roster,
    /// Kịch bản dẫn chương trình.
    Script,
    /// The hall's screen as 16:9 slides, for a hall with no network.
    Slides,
}

impl Printout {
    pub fn name(self) -> &'static str {
        match self {
            Printout::Programme => "programme",
            Printout::Attendees => "attendees",
            Printout::SignIn => "sign-in",
            Printout::PlaceCards => "place-cards",
            Printout::Roster => "roster",
            Printout::Script => "script",
            Printout::Slides => "slides",
        }
    }

    /// The programme is public with a published conference; the others need a role.
    pub fn need(self) -> crate::domain::access::Need {
        match self {
            Printout::Programme => crate::domain::access::Need::PublicRead,
            _ => crate::domain::access::Need::Read,
        }
    }
}

/// Delegates who get a seat card: not the press, not the staff, not those who declined.
fn seated(a: &Attendee) -> bool {
    !matches!(a.category.as_str(), "press" | "staff") && a.attendance != "declined"
}

/// Render one of the conference's printouts, off the async runtime, and record the print.
/// `order` applies to the delegate lists (default: rank for the list, alphabetical for the
/// sign-in sheet).
/// How a printout is asked for: a delegate list's order; the programme as a signed document.
#[derive(Debug, Clone, Copy, Default)]
pub struct PrintoutOptions {
    pub order: Option<crate::print::ListOrder>,
    /// The programme issued as a document (number, the invitation's signer, "Nơi nhận")
    /// rather than handed out.
    pub document: bool,
}

pub async fn printout(
    db: &DatabaseConnection,
    work: &Work,
    actor: &Actor,
    conference_id: i32,
    which: Printout,
    options: PrintoutOptions,
) -> AppResult<(Vec<u8>, usize)> {
    let order = options.order;
    use crate::print::{self as p, ListOrder};
    let conf: Conference = conference::get(db, conference_id).await?.into();
    let attendees = if matches!(which, Printout::Programme | Printout::Roster) {
        Vec::new()
    } else {
        attendee::in_rank_order(db, conference_id).await?
    };
    let (programme, ceremony) = match which {
        Printout::Programme | Printout::Script | Printout::Slides => (
            Some(programme::programme(db, conference_id).await?),
            Vec::new(),
        ),
        Printout::Roster => (None, programme::ceremony(db, conference_id).await?),
        _ => (None, Vec::new()),
    };
    let absent = if which == Printout::Slides {
        crate::service::screen::current(db, conference_id)
            .await?
            .0
            .absent
    } else {
        Default::default()
    };
    let pdf = work
        .run(Heavy::Render, move |_| match which {
            Printout::Programme => p::render_programme(
                programme.as_ref().expect("loaded above"),
                &programme_options(&conf, options.document),
            ),
            Printout::Attendees => {
                p::render_attendee_list(&conf, &attendees, order.unwrap_or(ListOrder::Rank), false)
            }
            Printout::SignIn => p::render_attendee_list(
                &conf,
                &attendees,
                order.unwrap_or(ListOrder::Alphabetical),
                true,
            ),
            Printout::PlaceCards => {
                let seated: Vec<_> = attendees.into_iter().filter(seated).collect();
                p::render_place_cards(&seated)
            }
            Printout::Roster => p::render_roster(&conf, &ceremony),
            Printout::Script => {
                p::render_script(programme.as_ref().expect("loaded above"), &attendees)
            }
            Printout::Slides => {
                let programme = programme.as_ref().expect("loaded above");
                let deck = crate::service::screen::deck(programme, &absent);
                p::slides::render_slides(&deck, &conf.title)
            }
        })
        .await??;
    let pages = count_pages(&pdf);
    let detail = serde_json::json!({ "printout": which.name(), "pages": pages });
    audit::record(
        db,
        actor,
        audit::Event::detail(conference_id, "print", which.name(), detail),
    )
    .await?;
    Ok((pdf, pages))
}

/// The MC script as plain text.
pub async fn script_text(db: &DatabaseConnection, conference_id: i32) -> AppResult<String> {
    let programme = programme::programme(db, conference_id).await?;
    let attendees = attendee::in_rank_order(db, conference_id).await?;
    Ok(crate::print::script_text(&programme, &attendees))
}

/// Pages of a PDF this engine wrote (each page object is written as `/Type /Page `).
fn count_pages(pdf: &[u8]) -> usize {
    pdf.windows(12).filter(|w| w == b"/Type /Page ").count()
}

/// Whom to invite: by default every delegate but the staff (Phục vụ), in rank order.
#[derive(Debug, Clone, Default)]
pub struct InvitationSelection {
    /// Only these categories (leader, guest, delegate, press, staff).
    pub categories: Vec<String>,
    /// Only these attendees (ids of this conference).
    pub attendees: Vec<i32>,
}

/// The attendees `selection` picks, in rank order, with their check-in codes (attendees
/// stored before codes existed get theirs first). Unknown categories or ids are named.
async fn invited(
    db: &DatabaseConnection,
    conference_id: i32,
    selection: &InvitationSelection,
) -> AppResult<Vec<Attendee>> {
    use crate::domain::kinds::AttendeeCategory;
    for c in &selection.categories {
        if AttendeeCategory::from_code(c).is_none() {
            return Err(AppError::field(
                "category",
                format!("'{c}' is not one of: leader, guest, delegate, press, staff"),
            ));
        }
    }
    crate::service::checkin::ensure_codes(db).await?;
    let all = attendee::in_rank_order(db, conference_id).await?;
    let missing: Vec<String> = selection
        .attendees
        .iter()
        .filter(|id| !all.iter().any(|a| a.id == **id))
        .map(i32::to_string)
        .collect();
    if !missing.is_empty() {
        return Err(AppError::field(
            "attendee",
            format!(
                "no delegate of this conference has the id {}",
                missing.join(", ")
            ),
        ));
    }
    let chosen: Vec<Attendee> = all
        .into_iter()
        .filter(|a| {
            if !selection.attendees.is_empty() {
                return selection.attendees.contains(&a.id);
            }
            if !selection.categories.is_empty() {
                return selection.categories.contains(&a.category);
            }
            a.category != AttendeeCategory::Staff.code()
        })
        .collect();
    if chosen.is_empty() {
        return Err(AppError::unprocessable(
            "no-delegate-selected",
            &[],
            "no delegate matches the selection: check the category and the ids",
        ));
    }
    Ok(chosen)
}

/// The invitations (giấy mời) of the selected delegates, one page each in rank order, or
/// with `labels` their envelope labels on an A4 sheet of 14; rendered off the async
/// runtime and recorded as a print.
pub async fn invitations(
    db: &DatabaseConnection,
    work: &Work,
    actor: &Actor,
    conference_id: i32,
    selection: &InvitationSelection,
    labels: bool,
) -> AppResult<(Vec<u8>, usize)> {
    use crate::domain::input::InvitationSettings;
    use crate::print::{Invitation, LabelSheet};
    let conf: Conference = conference::get(db, conference_id).await?.into();
    // Labels need no signature; an invitation is not sent unsigned.
    if !labels && !crate::service::readiness::invitations(&conf).is_empty() {
        return Err(AppError::Validation(vec![crate::error::FieldError::coded(
            "invitation.signer_name",
            "invitation-signer",
            &[],
            "the invitation's signer has no name: enter it in the conference's settings before printing",
        )]));
    }
    let people = invited(db, conference_id, selection).await?;
    let starts_at = crate::store::agenda::first_start(db, conference_id).await?;
    let ids: Vec<i32> = people.iter().map(|a| a.id).collect();
    let pdf = work
        .run(Heavy::Render, move |_| {
            if labels {
                crate::print::render_invitation_labels(&people, &LabelSheet::A4_14)
            } else {
                let inv = Invitation {
                    settings: InvitationSettings::of(conf.invitation.as_ref()),
                    conference: &conf,
                    starts_at,
                };
                crate::print::render_invitations(&inv, &people)
            }
        })
        .await??;
    let pages = count_pages(&pdf);
    let name = if labels {
        "invitation-labels"
    } else {
        "invitations"
    };
    let detail = serde_json::json!({ "printout": name, "pages": pages, "attendees": ids });
    audit::record(
        db,
        actor,
        audit::Event::detail(conference_id, "print", name, detail),
    )
    .await?;
    Ok((pdf, pages))
}

/// No recipient in a selection of certificates.
pub fn nothing_selected() -> AppError {
    AppError::unprocessable(
        "nothing-selected",
        &[],
        "no recipient matches the selection: check the decision, issuer and recipient ids",
    )
}

/// The programme as handed out, or as a document signed as the invitations are (their
/// signer's title, rank and name) and sent to the delegates.
fn programme_options(conf: &Conference, document: bool) -> crate::print::ProgrammeOptions {
    if !document {
        return crate::print::ProgrammeOptions::default();
    }
    let invitation = crate::print::invitations::Invitation {
        conference: conf,
        settings: crate::domain::input::InvitationSettings::of(conf.invitation.as_ref()),
        starts_at: None,
    };
    crate::print::ProgrammeOptions {
        signer: Some((invitation.signer_title(), invitation.signer_name())),
        document: true,
        recipients: vec!["- Các đại biểu dự hội nghị;".into(), "- Lưu: VT.".into()],
        ..Default::default()
    }
}
