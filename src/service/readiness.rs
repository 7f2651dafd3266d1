//! One answer to "will this print?", given before anything is printed: the print centre,
//! the dashboard's checklist and the command line ask it, and it asks the print engine
//! itself. Every certificate of a selection is made from the records as the printer makes
//! it and fitted in the conference's saved layouts with the engine's own fitting; what
//! would stop the printing is listed as typed obstacles (a code, named values and the
//! record to correct), which each front door words in its reader's language.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::sea_query::{Expr, ExprTrait, SimpleExpr};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use crate::domain::kinds::AwardForm;
use crate::domain::model::Conference;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::print::certificate::{Certificate, Problem, check_recipients, shown_text};
use crate::print::layout::{Content, Field, Layer, TextSource};
use crate::print::{CertificateFields, CertificateKind, Layouts, RenderMode};
use crate::service::work::{Heavy, Work};
use crate::store::layout::kind_code;
use crate::store::programme::{self, Selection};

/// The most obstacles listed; the rest are counted.
pub const MAX_LISTED: usize = 100;

/// What printing the certificates needs from the server.
#[derive(Clone, Copy)]
pub struct Printer<'a> {
    pub layouts: &'a Arc<Layouts>,
    pub public_url: &'a str,
    pub work: &'a Work,
    /// Answers kept while the records they came from are unchanged (None: check each time).
    pub memo: Option<&'a Memo>,
}

impl Printer<'_> {
    /// `fields` with a verification code of the form printing gives (the real one is given
    /// at the first print), so that the QR code and the code under it are fitted, and
    /// previewed, at their printed size.
    pub fn with_sample_code(&self, mut fields: CertificateFields) -> CertificateFields {
        fields.verification_url = crate::domain::verification::url(self.public_url, SAMPLE_CODE);
        fields.verification_code = crate::domain::code::grouped(SAMPLE_CODE);
        fields
    }
}

/// The last answers of [`certificates`], each kept with the [`Tally`] of the records it was
/// computed from: the dashboard and the print centre ask again on every visit, and at a
/// province's scale fitting every certificate takes a tenth of a second. The tally is read
/// from the database, so a change made through any instance is seen.
#[derive(Default)]
pub struct Memo {
    answers: Mutex<HashMap<String, (Tally, Instant, Readiness)>>,
}

/// Kept at most this long even when nothing seems changed.
const MEMO_AGE: Duration = Duration::from_secs(300);
/// Answers kept at most (selections differ by search): beyond, the oldest go.
const MEMO_ANSWERS: usize = 32;

impl Memo {
    fn get(&self, key: &str, tally: &Tally) -> Option<Readiness> {
        let answers = self.answers.lock().expect("memo lock");
        let (kept, at, answer) = answers.get(key)?;
        (kept == tally && at.elapsed() < MEMO_AGE).then(|| answer.clone())
    }

    fn keep(&self, key: String, tally: Tally, answer: &Readiness) {
        let mut answers = self.answers.lock().expect("memo lock");
        if answers.len() >= MEMO_ANSWERS && !answers.contains_key(&key) {
            let oldest = answers.iter().min_by_key(|(_, (_, at, _))| *at);
            if let Some(oldest) = oldest.map(|(k, _)| k.clone()) {
                answers.remove(&oldest);
            }
        }
        answers.insert(key, (tally, Instant::now(), answer.clone()));
    }
}

/// For each table a certificate is made from: its rows of the conference, the sum of their
/// versions (every edit raises one) and the highest id (a row deleted and another added).
type Tally = Vec<(i64, i64, i64)>;

async fn tally(db: &DatabaseConnection, conference_id: i32) -> AppResult<Tally> {
    use entity::{award_decision, certificate_layout, conference, issuer, recipient, verification};
    async fn of<E: EntityTrait>(
        db: &DatabaseConnection,
        conference: impl ColumnTrait,
        conference_id: i32,
        id: impl ColumnTrait,
        versions: SimpleExpr,
    ) -> AppResult<(i64, i64, i64)> {
        let row: Option<(i64, Option<i64>, Option<i32>)> = E::find()
            .select_only()
            .expr(Expr::col(id).count())
            .expr(Expr::expr(versions).cast_as("bigint"))
            .expr(Expr::col(id).max())
            .filter(conference.eq(conference_id))
            .into_tuple()
            .one(db)
            .await?;
        let (n, v, m) = row.unwrap_or_default();
        Ok((n, v.unwrap_or(0), i64::from(m.unwrap_or(0))))
    }
    // Each table by the column naming its conference, and what an edit of a row changes.
    macro_rules! of {
        ($table:ident, $conference:ident, $aggregate:ident($changes:ident)) => {
            of::<$table::Entity>(
                db,
                $table::Column::$conference,
                conference_id,
                $table::Column::Id,
                Expr::col($table::Column::$changes).$aggregate(),
            )
            .await?
        };
    }
    Ok(vec![
        of!(conference, Id, sum(Version)),
        of!(issuer, ConferenceId, sum(Version)),
        of!(award_decision, ConferenceId, sum(Version)),
        of!(recipient, ConferenceId, sum(Version)),
        of!(certificate_layout, ConferenceId, sum(Version)),
        // A revoked code keeps its row: the revoked ones are counted instead.
        of!(verification, ConferenceId, count(RevokedAt)),
    ])
}

/// Where an obstacle is corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fix {
    Issuer(i32),
    Decision(i32),
    Recipient {
        decision: i32,
        recipient: i32,
    },
    Layout(CertificateKind),
    /// The conference's settings page (the invitation's signer).
    Conference,
    /// The server's settings (`--public-url`).
    Settings,
}

impl Fix {
    /// The page of the workspace where it is corrected (none for the server's settings).
    pub fn link(&self, conference_id: i32) -> Option<String> {
        let base = format!("/app/c/{conference_id}");
        match self {
            Fix::Issuer(i) => Some(format!("{base}/awards/issuers/{i}")),
            Fix::Decision(d) => Some(format!("{base}/awards/{d}")),
            Fix::Recipient {
                decision,
                recipient,
            } => Some(format!("{base}/awards/{decision}/recipients/{recipient}")),
            Fix::Layout(kind) => Some(format!("{base}/designer/{}", kind_code(*kind))),
            Fix::Conference => Some(format!("{base}/settings")),
            Fix::Settings => None,
        }
    }
}

/// Something that would stop the certificates of a selection from printing: a stable code,
/// the values its message names, and where it is corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obstacle {
    /// `no-signer`, `no-title-name`, `no-layout`, `other-kind`, `cannot-print`, `does-not-fit`,
    /// `too-many-lines`, `missing-glyph`, `no-public-address` or `nothing-selected`.
    pub code: &'static str,
    /// The values the message names, by name: `decision`, `issuer`, `recipient`, `field`
    /// (a field code such as `issuer_heading`, for the reader's language to name), `text`,
    /// `character`, `address`, `detail`.
    pub args: Vec<(&'static str, String)>,
    pub fix: Option<Fix>,
}

impl Obstacle {
    fn new(code: &'static str, args: Vec<(&'static str, String)>, fix: Option<Fix>) -> Self {
        Obstacle { code, args, fix }
    }

    /// In the reader's language: `ready-<code>` (or `ready-<code>-of` when it is one
    /// recipient's), the field named as the designer names it.
    pub fn words(&self, tr: &Tr) -> String {
        let of_recipient = self.arg("recipient").is_some_and(|r| !r.is_empty());
        let key = if of_recipient && tr.has(&format!("ready-{}-of", self.code)) {
            format!("ready-{}-of", self.code)
        } else {
            format!("ready-{}", self.code)
        };
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, value)| {
                let label = format!("design-field-{}", value.replace('_', "-"));
                let shown = if *name == "field" && tr.has(&label) {
                    tr.t(&label)
                } else {
                    value.clone()
                };
                (*name, shown)
            })
            .collect();
        tr.tn(&key, &args)
    }

    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What a selection would print, and what stops it.
#[derive(Debug, Clone, Default)]
pub struct Readiness {
    pub pages: usize,
    /// At most [`MAX_LISTED`], in ceremony order.
    pub obstacles: Vec<Obstacle>,
    /// Obstacles found beyond those listed.
    pub more: usize,
}

impl Readiness {
    pub fn ready(&self) -> bool {
        self.obstacles.is_empty() && self.pages > 0
    }

    /// The obstacles in the reader's language, each with the link to the page where it is
    /// corrected, and a last line counting those not listed.
    pub fn words(&self, tr: &Tr, conference_id: i32) -> Vec<(String, Option<String>)> {
        let mut out: Vec<(String, Option<String>)> = self
            .obstacles
            .iter()
            .map(|o| {
                (
                    o.words(tr),
                    o.fix.as_ref().and_then(|f| f.link(conference_id)),
                )
            })
            .collect();
        if self.more > 0 {
            out.push((tr.t1("ready-more", "count", self.more), None));
        }
        out
    }

    fn push(&mut self, o: Obstacle) {
        if self.obstacles.contains(&o) {
            return;
        }
        if self.obstacles.len() < MAX_LISTED {
            self.obstacles.push(o);
        } else {
            self.more += 1;
        }
    }
}

/// The most characters of a text quoted in an obstacle.
const QUOTED: usize = 90;

/// The code printing gives a certificate has this form; its length is what is fitted.
const SAMPLE_CODE: &str = "XXXXXXXXXXXXXXXX";

/// The fields that come from the decision or its issuer, the same on every certificate of
/// a decision: listed once per decision, and corrected there.
fn shared_field(field: Field) -> Option<SharedBy> {
    match field {
        Field::IssuerHeading | Field::PlaceDate => Some(SharedBy::Issuer),
        Field::FormName
        | Field::DecisionLine
        | Field::SignerTitle
        | Field::SignerRank
        | Field::SignerName => Some(SharedBy::Decision),
        _ => None,
    }
}

enum SharedBy {
    Issuer,
    Decision,
}

/// Whether `public_url` names this machine only: a QR code leading there is of no use on a
/// paper that leaves the building.
pub fn is_local_address(public_url: &str) -> bool {
    let rest = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest);
    let host_port = rest.split('/').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.rsplit_once(':').map_or(host_port, |(h, _)| h),
    };
    let host = host.to_ascii_lowercase();
    host == "localhost"
        || host.ends_with(".localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

/// What would stop the invitations of `conference` from being signed: a paper of Decree 30
/// ends with the signer's full name under the title.
pub fn invitations(conference: &Conference) -> Vec<Obstacle> {
    let settings = crate::domain::input::InvitationSettings::of(conference.invitation.as_ref());
    if settings
        .signer_name
        .as_deref()
        .is_none_or(|n| n.trim().is_empty())
    {
        vec![Obstacle::new(
            "no-invitation-signer",
            vec![],
            Some(Fix::Conference),
        )]
    } else {
        Vec::new()
    }
}

/// Check the certificates of `selection` as `mode` prints them, each with the layout of its
/// form (or `layout` for all).
pub async fn certificates(
    db: &DatabaseConnection,
    printer: Printer<'_>,
    conference_id: i32,
    selection: &Selection,
    mode: RenderMode,
    layout: Option<CertificateKind>,
) -> AppResult<Readiness> {
    let Some(memo) = printer.memo else {
        return check_certificates(db, printer, conference_id, (selection, mode, layout)).await;
    };
    let key = format!("{conference_id} {selection:?} {mode:?} {layout:?}");
    let before = tally(db, conference_id).await?;
    if let Some(answer) = memo.get(&key, &before) {
        return Ok(answer);
    }
    let asked = (selection, mode, layout);
    let answer = check_certificates(db, printer, conference_id, asked).await?;
    // Kept only if nothing changed while it was computed.
    if tally(db, conference_id).await? == before {
        memo.keep(key, before, &answer);
    }
    Ok(answer)
}

async fn check_certificates(
    db: &DatabaseConnection,
    printer: Printer<'_>,
    conference_id: i32,
    (selection, mode, layout): (&Selection, RenderMode, Option<CertificateKind>),
) -> AppResult<Readiness> {
    let conference: Conference = crate::store::conference::get(db, conference_id)
        .await?
        .into();
    let ceremony = programme::selected_ceremony(db, conference_id, selection).await?;
    let full = mode == RenderMode::Full;
    let layouts =
        crate::service::layouts::for_printing(db, printer.layouts, conference_id, full).await?;
    let mut ready = Readiness::default();
    // Each certificate that can be made, with where it came from, to be fitted.
    let mut pages: Vec<(CertificateKind, CertificateFields)> = Vec::new();
    let mut origin: Vec<(i32, i32, i32)> = Vec::new(); // issuer, decision, recipient
    for d in &ceremony {
        if d.recipients.is_empty() {
            continue;
        }
        ready.pages += d.recipients.len();
        let decision = &d.decision;
        let named = vec![
            ("decision", decision.number.clone()),
            ("issuer", d.issuer.name.clone()),
        ];
        let fix = Some(Fix::Decision(decision.id));
        // A missing signer is named, and the rest is still checked (with a stand-in name),
        // so that entering it does not reveal the next problem only then.
        let signed;
        let decision = if decision.signer_name.trim().is_empty() {
            ready.push(Obstacle::new("no-signer", named.clone(), fix.clone()));
            let mut stand_in = decision.clone();
            stand_in.signer_name = "…".into();
            signed = stand_in;
            &signed
        } else {
            decision
        };
        let own = match CertificateKind::for_form_code(&decision.form) {
            Ok(k) => k,
            Err(_) => {
                let mut args = named;
                args.push(("form", decision.form.clone()));
                ready.push(Obstacle::new("no-layout", args, fix));
                continue;
            }
        };
        let kind = match layout {
            Some(k) if k != own => {
                let mut args = named;
                args.push(("own", kind_code(own).to_string()));
                args.push(("asked", kind_code(k).to_string()));
                ready.push(Obstacle::new("other-kind", args, fix));
                continue;
            }
            _ => own,
        };
        let titled = AwardForm::from_code(&decision.form) == Some(AwardForm::Title);
        if titled
            && decision
                .title_name
                .as_deref()
                .is_none_or(|t| t.trim().is_empty())
        {
            ready.push(Obstacle::new("no-title-name", named, fix));
            continue;
        }
        for r in &d.recipients {
            match CertificateFields::from_models(&conference, &d.issuer, decision, r) {
                Ok(fields) => {
                    pages.push((kind, printer.with_sample_code(fields)));
                    origin.push((d.issuer.id, decision.id, r.id));
                }
                Err(e) => ready.push(Obstacle::new(
                    "cannot-print",
                    vec![("recipient", r.name.clone()), ("detail", e.to_string())],
                    Some(Fix::Recipient {
                        decision: decision.id,
                        recipient: r.id,
                    }),
                )),
            }
        }
    }
    if ready.pages == 0 {
        ready.push(Obstacle::new("nothing-selected", vec![], None));
        return Ok(ready);
    }
    let printed_layers: &[Layer] = if full {
        &[Layer::Static, Layer::Variable]
    } else {
        &[Layer::Variable]
    };
    let with_qr = pages.iter().map(|(kind, _)| *kind).find(|k| {
        layouts
            .get(*k)
            .elements
            .iter()
            .any(|e| matches!(e.content, Content::Qr) && printed_layers.contains(&e.layer))
    });
    if let Some(kind) = with_qr
        && is_local_address(printer.public_url)
    {
        ready.push(Obstacle::new(
            "no-public-address",
            vec![("address", printer.public_url.to_string())],
            Some(Fix::Layout(kind)),
        ));
    }
    // The engine's own fitting, off the async runtime and bounded like a preview; with each
    // finding, the text it is about.
    let kinds: Vec<CertificateKind> = pages.iter().map(|(kind, _)| *kind).collect();
    let fitting_layouts = layouts.clone();
    let found = printer
        .work
        .run(Heavy::Render, move |_| {
            let certs: Vec<Certificate<'_>> = pages
                .into_iter()
                .map(|(kind, fields)| Certificate {
                    layout: fitting_layouts.get(kind),
                    fields,
                    emblem: None,
                })
                .collect();
            check_recipients(&certs, mode)
                .into_iter()
                .map(|f| {
                    let c = &certs[f.recipient];
                    let text = shown_text(c.layout, &f.element, &c.fields).unwrap_or_default();
                    (f, text)
                })
                .collect::<Vec<_>>()
        })
        .await?;
    for (f, text) in found {
        let (issuer, decision, recipient) = origin[f.recipient];
        let kind = kinds[f.recipient];
        let element = layouts
            .get(kind)
            .elements
            .iter()
            .find(|e| e.name == f.element);
        let field = element.and_then(|e| match &e.content {
            Content::Text(t) => match &t.source {
                TextSource::Field(field) => Some(*field),
                TextSource::Literal(_) => None,
            },
            _ => None,
        });
        let field_code = field.map_or_else(|| f.element.clone(), Field::code);
        // Enough of the text to recognise it; the record holds the rest.
        let text = match text.char_indices().nth(QUOTED) {
            Some((at, _)) => format!("{}…", text[..at].trim_end()),
            None => text,
        };
        let (who, fix) = match field.and_then(shared_field) {
            Some(SharedBy::Issuer) => (String::new(), Fix::Issuer(issuer)),
            Some(SharedBy::Decision) => (String::new(), Fix::Decision(decision)),
            // A literal of the layout, or a recipient's own field.
            None if field.is_none() => (String::new(), Fix::Layout(kind)),
            None => (
                f.recipient_label.clone(),
                Fix::Recipient {
                    decision,
                    recipient,
                },
            ),
        };
        match f.problem {
            Problem::MissingGlyphs => {
                for m in &f.missing_glyphs {
                    ready.push(Obstacle::new(
                        "missing-glyph",
                        vec![
                            ("recipient", who.clone()),
                            ("field", field_code.clone()),
                            ("character", m.char.to_string()),
                            ("code", m.code.clone()),
                        ],
                        Some(fix.clone()),
                    ));
                }
            }
            Problem::BelowMinimum | Problem::BeyondLineLimit => {
                let code = if f.problem == Problem::BeyondLineLimit {
                    "too-many-lines"
                } else {
                    "does-not-fit"
                };
                ready.push(Obstacle::new(
                    code,
                    vec![("recipient", who), ("field", field_code), ("text", text)],
                    Some(fix),
                ));
            }
        }
    }
    Ok(ready)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_addresses() {
        for local in [
            "http://127.0.0.1:8080",
            "http://localhost",
            "http://[::1]:8080",
            "http://0.0.0.0:8080",
            "HTTP://LOCALHOST:8080/",
            "http://app.localhost",
        ] {
            assert!(is_local_address(local), "{local}");
        }
        for public in [
            "https://khenthuong.ninhbinh.gov.vn",
            "http://10.1.2.3:8080",
            "https://hoinghi.kimson.gov.vn/khen",
        ] {
            assert!(!is_local_address(public), "{public}");
        }
    }
}
