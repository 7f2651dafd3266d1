//! The certificate designer's two questions to the print engine: how does this layout (saved
//! or still being edited) print a recipient's certificate, and which recipients of the
//! conference would it fail. Both take the layout through the one loader, so a layout the
//! printer would refuse is refused here with the same message.

use std::future::Future;
use std::time::Instant;

use sea_orm::DatabaseConnection;
use serde::Serialize;

use crate::domain::model::Conference;
use crate::error::{AppError, AppResult, FieldError, print_problem};
use crate::print::certificate::{
    Finding, Preview, PreviewEmblem, check_layout_until, preview_certificate,
};
use crate::print::layout::{Layout, LayoutFile};
use crate::print::{CertificateFields, CertificateKind, RenderOptions};
use crate::service::layouts::{self, Source};
use crate::service::readiness::Printer;
use crate::service::work::Heavy;
use crate::store::{conference, programme};

/// What the designer asks about: the conference's layout of one kind, saved or being edited
/// (not saved), printed as `options` says.
pub struct Question {
    pub conference_id: i32,
    pub kind: CertificateKind,
    /// The layout being edited; None: the conference's current one.
    pub edited: Option<LayoutFile>,
    pub options: RenderOptions,
}

impl Question {
    /// The layout asked about, checked as the printer checks it, and the certificates of
    /// the conference printed with it.
    async fn load(self, db: &DatabaseConnection, printer: Printer<'_>) -> AppResult<Loaded> {
        let Question {
            conference_id,
            kind,
            edited,
            options,
        } = self;
        let file = match edited {
            Some(file) => file,
            None => {
                let current = layouts::current(db, printer.layouts, conference_id, kind).await?;
                current.layout
            }
        };
        let layout = layouts::check(kind, Source::Json(file))?;
        let certificates = certificates_of(db, printer, conference_id, kind).await?;
        Ok(Loaded {
            layout,
            certificates,
            options,
        })
    }
}

/// A question's layout and the certificates printed with it: each recipient's id, issuer
/// and fields, or why they cannot be made.
struct Loaded {
    layout: Layout,
    certificates: Vec<(i32, i32, Result<CertificateFields, FieldError>)>,
    options: RenderOptions,
}

/// The certificates of the conference printed with `kind`'s layout: each recipient's id
/// and fields. A recipient whose fields cannot be made (a decision without its signer) is
/// given with the reason instead.
async fn certificates_of(
    db: &DatabaseConnection,
    printer: Printer<'_>,
    conference_id: i32,
    kind: CertificateKind,
) -> AppResult<Vec<(i32, i32, Result<CertificateFields, FieldError>)>> {
    let conference: Conference = conference::get(db, conference_id).await?.into();
    let mut out = Vec::new();
    for d in programme::ceremony(db, conference_id).await? {
        if CertificateKind::for_form_code(&d.decision.form).ok() != Some(kind) {
            continue;
        }
        for r in &d.recipients {
            let fields = CertificateFields::from_models(&conference, &d.issuer, &d.decision, r)
                .map(|f| printer.with_sample_code(f))
                .map_err(|e| print_problem("recipient", &e));
            out.push((r.id, d.issuer.id, fields));
        }
    }
    Ok(out)
}

/// An answer of the designer and how long the server took to make it.
#[derive(Debug, Serialize)]
pub struct Timed<T> {
    #[serde(flatten)]
    pub answer: T,
    pub server_ms: f64,
}

impl<T> Timed<T> {
    /// The answer of `work`, timed.
    pub async fn of(work: impl Future<Output = AppResult<T>>) -> AppResult<Timed<T>> {
        let started = Instant::now();
        let answer = work.await?;
        let server_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(Timed { answer, server_ms })
    }
}

/// A preview, and the recipient it shows.
#[derive(Debug, Serialize)]
pub struct Previewed {
    #[serde(flatten)]
    pub preview: Preview,
    /// The recipient shown (none: the demo's sample, the conference has none of this kind).
    pub recipient: Option<i32>,
}

/// A certificate of the demo conference printed with `kind`'s layout, for a conference
/// that has no recipient of that kind yet.
fn sample(kind: CertificateKind) -> AppResult<CertificateFields> {
    crate::demo::sample_award(|d| CertificateKind::for_form_code(&d.form).ok() == Some(kind))
        .and_then(|(conference, issuer, decision, recipient)| {
            CertificateFields::from_models(&conference, &issuer, &decision, &recipient).ok()
        })
        .ok_or_else(|| {
            AppError::unprocessable(
                "no-sample",
                &[],
                "there is no sample certificate of this kind",
            )
        })
}

/// A recipient the layout cannot print as it asks.
#[derive(Debug, Serialize)]
pub struct Unfit {
    pub recipient_id: i32,
    pub recipient: String,
    /// The element, or null when the certificate cannot be made at all.
    pub element: Option<String>,
    /// `below_minimum`, `beyond_line_limit`, `missing_glyphs` or `cannot_print`.
    pub problem: String,
    pub message: String,
}

/// Every recipient checked.
#[derive(Debug, Serialize)]
pub struct Checked {
    /// Recipients tried.
    pub checked: usize,
    pub findings: Vec<Unfit>,
}

impl Question {
    /// One recipient's certificate (by default the longest name, where layouts break) as
    /// `options.mode` prints it, drawn as SVG by the print engine, with its fit report.
    pub async fn preview(
        self,
        db: &DatabaseConnection,
        printer: Printer<'_>,
        recipient: Option<i32>,
    ) -> AppResult<Previewed> {
        let (conference_id, kind) = (self.conference_id, self.kind);
        let Loaded {
            layout,
            certificates,
            options,
        } = self.load(db, printer).await?;
        let chosen = match recipient {
            Some(id) => Some(
                certificates
                    .into_iter()
                    .find(|(rid, _, _)| *rid == id)
                    .ok_or_else(|| {
                        AppError::field(
                            "recipient",
                            format!("recipient {id} is not printed with this layout"),
                        )
                    })?,
            ),
            None => certificates
                .into_iter()
                .filter(|(_, _, f)| f.is_ok())
                .max_by_key(|(_, _, f)| f.as_ref().map_or(0, |f| f.recipient_name.chars().count())),
        };
        let (recipient, issuer, fields) = match chosen {
            Some((id, issuer, fields)) => (Some(id), Some(issuer), fields.map_err(AppError::from)?),
            None => (None, None, printer.with_sample_code(sample(kind)?)),
        };
        // The issuer's emblem as the browser shows it: a picture by its address, a vector PDF
        // (which a browser cannot draw inside SVG) as a marked box of its proportions.
        let emblem = match issuer {
            Some(issuer) => crate::service::emblems::of_issuer(db, issuer)
                .await?
                .map(|e| PreviewEmblem {
                    href: (e.format != "pdf").then(|| {
                        format!(
                            "/api/v1/conferences/{conference_id}/issuers/{issuer}/emblem?v={}",
                            e.version
                        )
                    }),
                    width: e.width as f32,
                    height: e.height as f32,
                }),
            None => None,
        };
        let preview = printer
            .work
            .run(Heavy::Render, move |_| {
                preview_certificate(&layout, &fields, &options, emblem.as_ref())
            })
            .await?;
        Ok(Previewed { preview, recipient })
    }

    /// Fit every recipient of the conference printed with the question's layout, as its
    /// mode prints it, and list every text that shrinks below its minimum, needs more lines
    /// than allowed, or has characters the font lacks, and every certificate that cannot be
    /// made at all.
    pub async fn check(self, db: &DatabaseConnection, printer: Printer<'_>) -> AppResult<Checked> {
        let Loaded {
            layout,
            certificates,
            options,
        } = self.load(db, printer).await?;
        let mode = options.mode;
        let checked = certificates.len();
        let mut findings = Vec::new();
        let mut ids = Vec::with_capacity(checked);
        let mut fields = Vec::with_capacity(checked);
        for (id, _, f) in certificates {
            match f {
                Ok(f) => {
                    ids.push(id);
                    fields.push(f);
                }
                Err(problem) => findings.push(Unfit {
                    recipient_id: id,
                    recipient: String::new(),
                    element: None,
                    problem: "cannot_print".into(),
                    message: problem.message,
                }),
            }
        }
        let found: Vec<Finding> = printer
            .work
            .run(Heavy::Render, move |deadline| {
                check_layout_until(&layout, &fields, mode, &|| deadline.passed())
            })
            .await?
            .ok_or(AppError::Timeout {
                seconds: Heavy::Render.deadline().as_secs_f64(),
            })?;
        findings.extend(found.into_iter().map(|f| {
            Unfit {
                recipient_id: ids[f.recipient],
                recipient: f.recipient_label,
                element: Some(f.element),
                problem: serde_json::to_value(f.problem)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                message: f.message,
            }
        }));
        Ok(Checked { checked, findings })
    }
}
