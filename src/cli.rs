//! The command line: serve the API, load the demo conference, import and export lists,
//! back up and restore conferences.

use clap::{Parser, Subcommand};

use crate::config::{self, DEFAULT_BIND};

#[derive(Debug, Parser)]
#[command(
    name = "hoinghi",
    version,
    about = "Plan review conferences (hội nghị tổng kết) and print their papers"
)]
pub struct Cli {
    /// Database URL: sqlite://file.sqlite (default sqlite://hoinghi.sqlite) or postgres://…
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// A folder of certificate layouts (bang_khen.toml, giay_khen.toml, danh_hieu.toml)
    /// replacing the built-in ones it has; checked at start.
    #[arg(long, env = "HOINGHI_LAYOUTS", global = true)]
    pub layouts: Option<std::path::PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web API (the default command).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "HOINGHI_BIND", default_value = DEFAULT_BIND)]
        bind: String,
        /// Load the demo conference first (idempotent) and print a demo organiser's login.
        #[arg(long)]
        demo: bool,
        /// Believe X-Forwarded-For and X-Forwarded-Proto: set only behind a reverse proxy
        /// that sets them (the session cookie is then Secure over HTTPS).
        #[arg(long, env = "HOINGHI_TRUST_PROXY")]
        trust_proxy: bool,
        /// With --trust-proxy: how many proxies of ours stand in front (each appends to
        /// X-Forwarded-For); the client is the entry the farthest one added.
        #[arg(long, env = "HOINGHI_PROXY_HOPS", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=10))]
        proxy_hops: u64,
        #[command(flatten)]
        limits: ConnectionLimits,
    },
    /// Print a conference's papers to a PDF file.
    Print {
        #[command(subcommand)]
        printout: Printout,
    },
    /// Manage organiser accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import an attendee or award list (XLSX, XLS, ODS or CSV in any Vietnamese encoding)
    /// into a conference: all rows or, at the first problem, none.
    Import {
        #[arg(value_enum)]
        list: crate::interop::lists::ListKind,
        #[arg(long)]
        conference: i32,
        file: std::path::PathBuf,
        /// Check and report only; nothing is stored.
        #[arg(long)]
        dry_run: bool,
        /// The file's encoding when detection guesses wrong: utf-8, utf-16le, utf-16be,
        /// windows-1258, tcvn3 (ABC, .VnTime) or vni.
        #[arg(long)]
        encoding: Option<String>,
        /// A column for a field whose header is not recognised: FIELD=HEADER, a column letter
        /// or number (e.g. --map full_name="Tên đại biểu" --map organisation=D). Repeatable.
        #[arg(long = "map", value_name = "FIELD=COLUMN")]
        mapping: Vec<String>,
    },
    /// Export a conference's attendees, award roster or agenda to a file.
    Export {
        #[arg(value_enum)]
        format: crate::interop::export::ExportKind,
        #[arg(long)]
        conference: i32,
        /// The file to write.
        #[arg(short = 'o', long = "output")]
        output: std::path::PathBuf,
    },
    /// Rebuild a backup (from `export backup`) as a new conference.
    Restore { file: std::path::PathBuf },
    /// Load the demo conference (idempotent).
    Demo {
        /// Also add a conference with this many generated award recipients, for load tests.
        #[arg(long)]
        synthetic_recipients: Option<u32>,
    },
}

/// How long a client may take and how many may be connected (slow clients must not hold
/// the server).
#[derive(Debug, Clone, clap::Args)]
pub struct ConnectionLimits {
    /// Seconds a client has to send a request's line and headers (from when the server
    /// starts waiting for them, on a new or a kept-alive connection).
    #[arg(long, env = "HOINGHI_HEADER_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub header_timeout: u64,
    /// Seconds an idle keep-alive connection stays open.
    #[arg(long, env = "HOINGHI_KEEP_ALIVE", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub keep_alive: u64,
    /// Connections open at once (lowered to fit the open-file limit); at the cap, those that
    /// have not sent a whole request are closed first.
    #[arg(long, env = "HOINGHI_MAX_CONNECTIONS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: u64,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        let d = crate::server::Limits::default();
        ConnectionLimits {
            header_timeout: d.header_read_timeout.as_secs(),
            keep_alive: d.keep_alive_timeout.as_secs(),
            max_connections: d.max_connections as u64,
        }
    }
}

impl ConnectionLimits {
    fn limits(&self) -> crate::server::Limits {
        crate::server::Limits {
            header_read_timeout: std::time::Duration::from_secs(self.header_timeout),
            keep_alive_timeout: std::time::Duration::from_secs(self.keep_alive),
            max_connections: crate::server::fit_to_descriptor_limit(
                usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            ),
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Printout {
    /// The programme (chương trình hội nghị).
    Programme(PaperArgs),
    /// The delegate list.
    Attendees(PaperArgs),
    /// The sign-in sheet.
    SignIn(PaperArgs),
    /// Tent cards, one per seated delegate.
    PlaceCards(PaperArgs),
    /// The award roster, in ceremony order.
    Roster(PaperArgs),
    /// The MC's script (PDF; --text for plain text).
    Script(PaperArgs),
    /// Award certificates, one page per recipient in ceremony order.
    Certificates {
        #[arg(long)]
        conference: i32,
        /// Only the recipients of these decisions (repeatable).
        #[arg(long)]
        decision: Vec<i32>,
        /// Only the recipients of these issuers (repeatable).
        #[arg(long)]
        issuer: Vec<i32>,
        /// Only these recipients (repeatable).
        #[arg(long)]
        recipient: Vec<i32>,
        /// full: the whole design on plain paper; blank: only the fields, onto pre-printed blanks.
        #[arg(long, value_enum, default_value = "full")]
        mode: Mode,
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

#[derive(Debug, clap::Args)]
pub struct PaperArgs {
    #[arg(long)]
    conference: i32,
    /// Order of a delegate list: rank or alphabetical.
    #[arg(long, value_enum)]
    order: Option<Order>,
    /// The script as plain text instead of PDF.
    #[arg(long)]
    text: bool,
    /// Where to write it.
    #[arg(short, long)]
    output: std::path::PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Order {
    Rank,
    Alphabetical,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Mode {
    Full,
    Blank,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is asked twice, or read from stdin when piped.
    Add {
        #[arg(long)]
        email: String,
        /// A site admin may do everything in every conference.
        #[arg(long)]
        admin: bool,
    },
}

pub async fn run(cli: Cli) -> Result<(), String> {
    let url = config::database_url(cli.database_url)?;
    let layouts = std::sync::Arc::new(
        match &cli.layouts {
            Some(dir) => crate::print::Layouts::with_overrides(dir),
            None => crate::print::Layouts::builtin(),
        }
        .map_err(|e| format!("certificate layouts: {e}"))?,
    );
    let db = crate::store::connect(&url)
        .await
        .map_err(|e| format!("cannot open the database {url}: {e}"))?;
    match cli.command.unwrap_or(Command::Serve {
        bind: DEFAULT_BIND.into(),
        demo: false,
        trust_proxy: false,
        proxy_hops: 1,
        limits: ConnectionLimits::default(),
    }) {
        Command::Serve {
            bind,
            demo,
            trust_proxy,
            proxy_hops,
            limits,
        } => {
            let limits_wanted = limits.max_connections;
            let addr = config::bind_address(&bind)?;
            if demo {
                let id = crate::demo::load(&db)
                    .await
                    .map_err(|e| format!("cannot load the demo: {e}"))?;
                let (email, password) = crate::demo::organiser(&db, id)
                    .await
                    .map_err(|e| format!("cannot create the demo organiser: {e}"))?;
                println!("demo conference {id}: http://{addr}/api/v1/conferences/{id}/programme");
                println!(
                    "demo organiser: {email} / password {password}  (POST /api/v1/auth/login)"
                );
            }
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
            println!("hoinghi serving on http://{addr} (API reference: http://{addr}/api/v1/docs)");
            let mut state = crate::app::AppState::new(db);
            state.trust_proxy = trust_proxy;
            state.proxy_hops = proxy_hops as usize;
            state.layouts = layouts;
            let limits = limits.limits();
            if (limits.max_connections as u64) < limits_wanted {
                println!(
                    "at most {} connections at once: the open-file limit allows no more",
                    limits.max_connections
                );
            }
            crate::server::serve(listener, crate::app::router(state), limits, async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
        }
        Command::Demo {
            synthetic_recipients,
        } => {
            let id = crate::demo::load(&db)
                .await
                .map_err(|e| format!("cannot load the demo: {e}"))?;
            println!("demo conference {id}");
            if let Some(n) = synthetic_recipients {
                let id = crate::demo::load_synthetic(&db, n)
                    .await
                    .map_err(|e| format!("cannot load the synthetic conference: {e}"))?;
                println!("synthetic conference {id} with {n} recipients");
            }
            Ok(())
        }
        Command::Print { printout } => print(&db, layouts, printout).await,
        Command::Import {
            list,
            conference,
            file,
            dry_run,
            encoding,
            mapping,
        } => import(&db, list, conference, &file, dry_run, encoding, mapping).await,
        Command::Export {
            format,
            conference,
            output,
        } => {
            let file = crate::service::export::render(&db, conference, format)
                .await
                .map_err(|e| e.to_string())?;
            std::fs::write(&output, &file.bytes)
                .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
            println!("wrote {} ({} bytes)", output.display(), file.bytes.len());
            Ok(())
        }
        Command::Restore { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let doc = serde_json::from_str(&text)
                .map_err(|e| format!("{} is not JSON: {e}", file.display()))?;
            let id =
                crate::service::backup::restore(&db, &crate::domain::access::Actor::Operator, doc)
                    .await
                    .map_err(|e| e.to_string())?;
            println!("restored as conference {id}");
            Ok(())
        }
        Command::User {
            command: UserCommand::Add { email, admin },
        } => {
            let password = read_new_password()?;
            let user = crate::service::account::create_user(&db, &email, password, admin)
                .await
                .map_err(|e| e.to_string())?;
            println!(
                "created {}{}",
                user.email,
                if user.is_admin { " (site admin)" } else { "" }
            );
            Ok(())
        }
    }
}

/// Import a list, with a spinner while it works and the report at the end.
async fn import(
    db: &sea_orm::DatabaseConnection,
    kind: crate::interop::lists::ListKind,
    conference_id: i32,
    file: &std::path::Path,
    dry_run: bool,
    encoding: Option<String>,
    mapping: Vec<String>,
) -> Result<(), String> {
    use crate::interop::lists::ImportOptions;
    let encoding = encoding
        .map(|e| e.parse::<crate::interop::encoding::Encoding>())
        .transpose()?;
    let mapping = mapping
        .iter()
        .map(|m| {
            m.split_once('=')
                .map(|(f, c)| (f.trim().to_string(), c.trim().to_string()))
                .ok_or_else(|| format!("--map {m}: write FIELD=COLUMN"))
        })
        .collect::<Result<_, _>>()?;
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.enable_steady_tick(std::time::Duration::from_millis(100));
    spinner.set_message(format!(
        "{} {file_name} ({} KiB)…",
        if dry_run { "checking" } else { "importing" },
        bytes.len() / 1024
    ));
    let options = ImportOptions {
        encoding,
        mapping,
        dry_run,
    };
    let result = crate::service::import::import(
        db,
        &crate::domain::access::Actor::Operator,
        conference_id,
        kind,
        &file_name,
        bytes,
        options,
    )
    .await;
    spinner.finish_and_clear();
    let report = result.map_err(|e| match e {
        crate::error::AppError::Validation(errors) => {
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("  {}: {}", e.field, e.message))
                .collect();
            format!(
                "{file_name}: nothing imported, {} problem(s):\n{}",
                errors.len(),
                lines.join("\n")
            )
        }
        other => other.to_string(),
    })?;
    println!(
        "{file_name}: {:?}, encoding {}, header row {}",
        report.format,
        report
            .encoding
            .map_or("Unicode cells".to_string(), |e| format!(
                "{e} (confidence {:.2})",
                report.confidence
            )),
        report.mapping.header_row
    );
    for (field, header) in &report.mapping.columns {
        println!("  {field:<16} <- '{header}'");
    }
    if !report.mapping.ignored.is_empty() {
        println!("  ignored columns: {}", report.mapping.ignored.join(", "));
    }
    for p in &report.problems {
        println!("problem: row {}, '{}': {}", p.row, p.column, p.message);
    }
    for d in &report.duplicates {
        println!(
            "likely duplicate: '{}'{} on rows {:?}",
            d.name,
            d.unit
                .as_deref()
                .map_or(String::new(), |u| format!(" ({u})")),
            d.rows
        );
    }
    let s = &report.summary;
    println!(
        "{} {} of {} rows{}{}",
        if dry_run { "would import" } else { "imported" },
        s.imported,
        report.rows,
        if s.created_issuers.is_empty() {
            String::new()
        } else {
            format!("; new issuers: {}", s.created_issuers.join(", "))
        },
        if s.created_decisions.is_empty() {
            String::new()
        } else {
            format!("; new decisions: {}", s.created_decisions.join(", "))
        }
    );
    if dry_run && !report.problems.is_empty() {
        return Err(format!("{} problem(s) found", report.problems.len()));
    }
    Ok(())
}

/// Ask for a new password twice on a terminal, or read one line from a pipe.
fn read_new_password() -> Result<String, String> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_string());
    }
    let first = rpassword::prompt_password("Password: ").map_err(|e| e.to_string())?;
    let second = rpassword::prompt_password("Password again: ").map_err(|e| e.to_string())?;
    if first != second {
        return Err("the two passwords differ".into());
    }
    Ok(first)
}

async fn print(
    db: &sea_orm::DatabaseConnection,
    layouts: std::sync::Arc<crate::print::Layouts>,
    printout: Printout,
) -> Result<(), String> {
    use crate::print::{RenderMode, RenderOptions};
    use crate::printing::{CertificateJob, Paper, kind_named, kind_names};
    let printout = match printout {
        Printout::Programme(a) => return print_paper(db, Paper::Programme, a).await,
        Printout::Attendees(a) => return print_paper(db, Paper::Attendees, a).await,
        Printout::SignIn(a) => return print_paper(db, Paper::SignIn, a).await,
        Printout::PlaceCards(a) => return print_paper(db, Paper::PlaceCards, a).await,
        Printout::Roster(a) => return print_paper(db, Paper::Roster, a).await,
        Printout::Script(a) => return print_paper(db, Paper::Script, a).await,
        certificates => certificates,
    };
    let Printout::Certificates {
        conference,
        decision,
        issuer,
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
    let layout = match layout {
        Some(name) => Some(
            kind_named(&name)
                .ok_or_else(|| format!("--layout '{name}' is not one of: {}", kind_names()))?,
        ),
        None => None,
    };
    let job = CertificateJob {
        selection: crate::store::programme::Selection {
            decisions: decision,
            issuers: issuer,
            recipients: recipient,
        },
        options: RenderOptions {
            mode: match mode {
                Mode::Full => RenderMode::Full,
                Mode::Blank => RenderMode::Blank,
            },
            offset_x_mm: offset_x,
            offset_y_mm: offset_y,
            title: String::new(),
        },
        layout,
    };
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
    let result = crate::printing::certificates(
        db,
        layouts,
        &crate::domain::access::Actor::Operator,
        conference,
        job,
        std::io::BufWriter::new(file),
        move |done| ticker.set_position(done as u64),
    )
    .await;
    bar.finish_and_clear();
    let (writer, pages) = result.map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        e.to_string()
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

async fn print_paper(
    db: &sea_orm::DatabaseConnection,
    which: crate::printing::Paper,
    args: PaperArgs,
) -> Result<(), String> {
    use crate::print::ListOrder;
    use crate::printing::Paper;
    let bytes = if args.text && which == Paper::Script {
        crate::printing::script_text(db, args.conference)
            .await
            .map_err(|e| e.to_string())?
            .into_bytes()
    } else {
        let order = args.order.map(|o| match o {
            Order::Rank => ListOrder::Rank,
            Order::Alphabetical => ListOrder::Alphabetical,
        });
        crate::printing::paper(
            db,
            &crate::domain::access::Actor::Operator,
            args.conference,
            which,
            order,
        )
        .await
        .map_err(|e| e.to_string())?
        .0
    };
    std::fs::write(&args.output, &bytes)
        .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?;
    println!(
        "{}: {} bytes: {}",
        which.name(),
        bytes.len(),
        args.output.display()
    );
    Ok(())
}
