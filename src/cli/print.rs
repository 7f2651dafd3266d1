//! `hoinghi print`: a conference's printouts to PDF files (certificates with a progress bar,
//! written beside the target and renamed when complete).

use crate::domain::access::Actor;
use crate::service::work::Work;
use clap::Subcommand;

use crate::print::decision::Paper;

#[derive(Debug, Subcommand)]
pub enum Printout {
    /// The programme (chương trình hội nghị).
    Programme(PrintoutArgs),
    /// The delegate list.
    Attendees(PrintoutArgs),
    /// The sign-in sheet.
    SignIn(PrintoutArgs),
    /// Tent cards, one per seated delegate.
    PlaceCards(PrintoutArgs),
    /// The award roster, in ceremony order.
    Roster(PrintoutArgs),
    /// The MC's script (PDF; --text for plain text).
    Script(PrintoutArgs),
    /// The hall's screen as 16:9 slides, for a hall with no network.
    Slides(PrintoutArgs),
    /// Invitations (giấy mời), one page per delegate in rank order, each with its check-in
    /// QR code; --labels for their envelope labels (A4 sheet of 2 × 7).
    Invitations {
        #[arg(long)]
        conference: i32,
        /// Only delegates of these categories (repeatable): leader, guest, delegate, press, staff.
        #[arg(long)]
        category: Vec<String>,
        /// Only these attendees (repeatable).
        #[arg(long)]
        attendee: Vec<i32>,
        /// The envelope labels instead of the invitations.
        #[arg(long)]
        labels: bool,
        /// Where to write the PDF.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
    /// Payment lists of the cash awards (danh sách nhận tiền thưởng), a list per decision:
    /// PDF to sign, or XLSX for the accountant (by the output's extension).
    Payments {
        #[command(flatten)]
        chosen: Chosen,
        /// Where to write it: `….pdf` or `….xlsx`.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
    /// The award decision (Quyết định khen thưởng) with its annex: PDF, or DOCX to edit in
    /// Word (by the output's extension).
    Decision(DraftArgs),
    /// The proposal (Tờ trình) in which the host body asks the decision's issuer for it,
    /// with the same annex: PDF or DOCX.
    Proposal(DraftArgs),
    /// Award certificates, one page per recipient in ceremony order.
    Certificates {
        #[command(flatten)]
        chosen: Chosen,
        /// Only these recipients (repeatable).
        #[arg(long)]
        recipient: Vec<i32>,
        /// full: the whole design on plain paper; blank: only the fields, onto pre-printed blanks.
        #[arg(long, value_enum, default_value = "full")]
        mode: crate::print::RenderMode,
        /// Use this layout for all: bang_khen, giay_khen, danh_hieu (default: each form's own).
        #[arg(long)]
        layout: Option<String>,
        /// Printer offset to the right, in mm.
        #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
        offset_x: f32,
        /// Printer offset downwards, in mm.
        #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
        offset_y: f32,
        /// Where to write the PDF.
        #[arg(short, long)]
        output: std::path::PathBuf,
    },
}

/// A conference's decisions to print, all unless some are named.
#[derive(Debug, clap::Args)]
pub struct Chosen {
    #[arg(long)]
    conference: i32,
    /// Only these decisions (repeatable).
    #[arg(long)]
    decision: Vec<i32>,
    /// Only these issuers' decisions (repeatable): each pays from its own fund.
    #[arg(long)]
    issuer: Vec<i32>,
}

#[derive(Debug, clap::Args)]
pub struct PrintoutArgs {
    #[arg(long)]
    conference: i32,
    /// Order of a delegate list: rank or alphabetical.
    #[arg(long, value_enum)]
    order: Option<crate::print::ListOrder>,
    /// The script as plain text instead of PDF.
    #[arg(long)]
    text: bool,
    /// The programme as a signed document (number, signer, "Nơi nhận") instead of the
    /// handout.
    #[arg(long)]
    document: bool,
    /// Where to write it.
    #[arg(short, long)]
    output: std::path::PathBuf,
}

pub async fn print(
    db: &sea_orm::DatabaseConnection,
    layouts: std::sync::Arc<crate::print::Layouts>,
    printout: Printout,
    public_url: &str,
) -> Result<(), String> {
    use crate::print::{CertificateKind, RenderOptions};
    use crate::service::print::{self as service, CertificateJob};
    let printout = match printout {
        Printout::Programme(a) => return print_one(db, service::Printout::Programme, a).await,
        Printout::Attendees(a) => return print_one(db, service::Printout::Attendees, a).await,
        Printout::SignIn(a) => return print_one(db, service::Printout::SignIn, a).await,
        Printout::PlaceCards(a) => return print_one(db, service::Printout::PlaceCards, a).await,
        Printout::Roster(a) => return print_one(db, service::Printout::Roster, a).await,
        Printout::Script(a) => return print_one(db, service::Printout::Script, a).await,
        Printout::Slides(a) => return print_one(db, service::Printout::Slides, a).await,
        Printout::Invitations {
            conference,
            category,
            attendee,
            labels,
            output,
        } => {
            let selection = service::InvitationSelection {
                categories: category,
                attendees: attendee,
            };
            let (bytes, pages) = service::invitations(
                db,
                &Work::for_command_line(),
                &Actor::Operator,
                conference,
                &selection,
                labels,
            )
            .await
            .map_err(super::said)?;
            let what = if labels { "label pages" } else { "invitations" };
            return written(&output, &bytes, &format!("{pages} {what}"));
        }
        Printout::Payments {
            chosen:
                Chosen {
                    conference,
                    decision,
                    issuer,
                },
            output,
        } => {
            use crate::service::payments::{self, Format};
            let format = match extension(&output, &["pdf", "xlsx"])? {
                "xlsx" => Format::Xlsx,
                _ => Format::Pdf,
            };
            let selection = crate::store::programme::Selection {
                decisions: decision,
                issuers: issuer,
                ..Default::default()
            };
            let file = payments::lists(
                db,
                &Work::for_command_line(),
                &Actor::Operator,
                conference,
                &selection,
                format,
            )
            .await
            .map_err(super::said)?;
            return written(&output, &file.bytes, "payment lists");
        }
        Printout::Decision(args) => return draft(db, args, Paper::Decision).await,
        Printout::Proposal(args) => return draft(db, args, Paper::Proposal).await,
        certificates => certificates,
    };
    let Printout::Certificates {
        chosen: Chosen {
            conference,
            decision,
            issuer,
        },
        recipient,
        mode,
        layout,
        offset_x,
        offset_y,
        output,
    } = printout
    else {
        return Err("not a certificate printout".into());
    };
    // Parsed here rather than by clap, so that a wrong name is reported as before.
    let layout = layout
        .map(|name| name.parse::<CertificateKind>())
        .transpose()
        .map_err(|e| format!("--layout {e}"))?;
    let job = CertificateJob {
        selection: crate::store::programme::Selection {
            decisions: decision,
            issuers: issuer,
            recipients: recipient,
            search: None,
            changed: false,
        },
        options: RenderOptions {
            mode,
            offset_x_mm: offset_x,
            offset_y_mm: offset_y,
            title: String::new(),
        },
        layout,
        public_url: public_url.to_string(),
        limit: None,
    };
    // The readiness check the print centre makes: a batch that would fail, or print a QR
    // code leading to this machine, is refused before anything is written.
    let work = Work::for_command_line();
    let printer = crate::service::readiness::Printer {
        layouts: &layouts,
        public_url,
        work: &work,
        memo: None,
    };
    let ready = crate::service::readiness::certificates(
        db,
        printer,
        conference,
        &job.selection,
        job.options.mode,
        job.layout,
    )
    .await
    .map_err(super::said)?;
    if !ready.obstacles.is_empty() {
        let tr = crate::i18n::Tr::new(crate::i18n::Lang::of_environment());
        let lines: Vec<String> = ready
            .words(&tr, conference)
            .into_iter()
            .map(|(words, _)| format!("- {words}"))
            .collect();
        return Err(format!(
            "{}\n{}",
            tr.t1("print-cannot", "count", ready.pages),
            lines.join("\n")
        ));
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message("certificates");
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos} pages [{elapsed}]")
            .expect("a valid template"),
    );
    let ticker = bar.clone();
    // Written beside the target and renamed when complete: a failed print leaves no half file.
    let partial = output.with_extension("pdf.part");
    let file = std::fs::File::create(&partial)
        .map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    let result = crate::service::print::certificates(
        db,
        layouts,
        &Actor::Operator,
        conference,
        job,
        std::io::BufWriter::new(file),
        move |done| ticker.set_position(done as u64),
    )
    .await;
    bar.finish_and_clear();
    let (writer, pages) = result.map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        super::said(e)
    })?;
    let file = writer
        .into_inner()
        .map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
    let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
    std::fs::rename(&partial, &output)
        .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    println!("{pages} certificates, {bytes} bytes: {}", output.display());
    Ok(())
}

/// Write a printout to `output` and say what was written: "payment lists, 12345 bytes: x.pdf".
fn written(output: &std::path::Path, bytes: &[u8], what: &str) -> Result<(), String> {
    std::fs::write(output, bytes).map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    println!("{what}, {} bytes: {}", bytes.len(), output.display());
    Ok(())
}

async fn print_one(
    db: &sea_orm::DatabaseConnection,
    which: crate::service::print::Printout,
    args: PrintoutArgs,
) -> Result<(), String> {
    use crate::service::print::Printout;
    let bytes = if args.text && which == Printout::Script {
        crate::service::print::script_text(db, args.conference)
            .await
            .map_err(super::said)?
            .into_bytes()
    } else {
        crate::service::print::printout(
            db,
            &Work::for_command_line(),
            &Actor::Operator,
            args.conference,
            which,
            crate::service::print::PrintoutOptions {
                order: args.order,
                document: args.document,
            },
        )
        .await
        .map_err(super::said)?
        .0
    };
    written(&args.output, &bytes, which.name())
}

#[derive(Debug, clap::Args)]
pub struct DraftArgs {
    #[arg(long)]
    conference: i32,
    /// The decision's id.
    #[arg(long)]
    decision: i32,
    /// Where to write it: `….pdf` or `….docx`.
    #[arg(short, long)]
    output: std::path::PathBuf,
}

/// Which of `allowed` (lower case) the output's extension is, or an error naming them.
fn extension(output: &std::path::Path, allowed: &[&'static str]) -> Result<&'static str, String> {
    let given = output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(given))
        .copied()
        .ok_or_else(|| format!("--output must end in .{}", allowed.join(" or .")))
}

async fn draft(
    db: &sea_orm::DatabaseConnection,
    args: DraftArgs,
    paper: Paper,
) -> Result<(), String> {
    let docx = extension(&args.output, &["pdf", "docx"])? == "docx";
    let file = crate::service::payments::draft(
        db,
        &Work::for_command_line(),
        &Actor::Operator,
        (args.conference, args.decision),
        paper,
        docx,
    )
    .await
    .map_err(super::said)?;
    written(&args.output, &file.bytes, "the document")
}
