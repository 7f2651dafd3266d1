//! The command line: its arguments, and one call per command. Each command parses its
//! arguments, calls a use case and reports; `serve` runs the server.

mod lists;
mod print;
mod serve;
mod user;

use clap::{Parser, Subcommand};

pub use print::{Printout, PrintoutArgs};
pub use user::UserCommand;

use crate::config::{self, DEFAULT_BIND};

#[derive(Debug, Parser)]
#[command(
    name = "hoinghi",
    version,
    about = "Plan review conferences (hội nghị tổng kết) and print their programmes, lists and certificates"
)]
pub struct Cli {
    /// Database URL: sqlite://file.sqlite (default sqlite://hoinghi.sqlite) or postgres://…
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// A folder of certificate layouts (bang_khen.toml, giay_khen.toml, danh_hieu.toml)
    /// replacing the built-in ones it has; checked at start.
    #[arg(long, env = "HOINGHI_LAYOUTS", global = true)]
    pub layouts: Option<std::path::PathBuf>,
    /// This server's public address, printed in the certificates' verification QR codes
    /// (`…/v/<code>`); default: http:// and the bind address.
    #[arg(long, env = "HOINGHI_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum LayoutCommand {
    /// Write the current layout of a kind to a TOML file.
    Export {
        #[arg(long)]
        conference: i32,
        /// bang_khen, giay_khen or danh_hieu.
        #[arg(long, value_enum)]
        kind: crate::print::CertificateKind,
        file: std::path::PathBuf,
    },
    /// Save a TOML file as the next version of a kind's layout (checked as the server does).
    Import {
        #[arg(long)]
        conference: i32,
        #[arg(long, value_enum)]
        kind: crate::print::CertificateKind,
        file: std::path::PathBuf,
        /// What changed, for the history.
        #[arg(long)]
        note: Option<String>,
    },
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
        limits: serve::ConnectionLimits,
    },
    /// Print one of a conference's printouts to a PDF file.
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
    /// Export or import a conference's certificate layout as a TOML file.
    Layout {
        #[command(subcommand)]
        command: LayoutCommand,
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

/// An error of the application as the command line prints it, in the language of the
/// environment's locale: each field's problem on a line of its own, named by its field.
pub(crate) fn said(e: crate::error::AppError) -> String {
    let tr = crate::i18n::Tr::new(crate::i18n::Lang::of_environment());
    match &e {
        crate::error::AppError::Validation(errors) => errors
            .iter()
            .map(|f| format!("{}: {}", f.field, tr.field_problem(f)))
            .collect::<Vec<_>>()
            .join("\n"),
        other => tr.error(other),
    }
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
        limits: serve::ConnectionLimits::default(),
    }) {
        Command::Serve {
            bind,
            demo,
            trust_proxy,
            proxy_hops,
            limits,
        } => {
            let options = serve::Options {
                public_url: config::public_url(cli.public_url, &bind)?,
                bind,
                demo,
                trust_proxy,
                proxy_hops,
                limits,
            };
            serve::serve(db, layouts, options).await
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
        Command::Print { printout } => {
            let public_url = config::public_url(cli.public_url, DEFAULT_BIND)?;
            print::print(&db, layouts, printout, &public_url).await
        }
        Command::Import {
            list,
            conference,
            file,
            dry_run,
            encoding,
            mapping,
        } => lists::import(&db, list, conference, &file, dry_run, encoding, mapping).await,
        Command::Export {
            format,
            conference,
            output,
        } => lists::export(&db, format, conference, &output).await,
        Command::Restore { file } => lists::restore(&db, &file).await,
        Command::Layout { command } => layout(&db, &layouts, command).await,
        Command::User {
            command: UserCommand::Add { email, admin },
        } => user::add(&db, &email, admin).await,
    }
}

/// `hoinghi layout export|import`: the same use cases as the API, as the operator.
async fn layout(
    db: &sea_orm::DatabaseConnection,
    server: &crate::print::Layouts,
    command: LayoutCommand,
) -> Result<(), String> {
    use crate::service::layouts::{self, Source};
    match command {
        LayoutCommand::Export {
            conference,
            kind,
            file,
        } => {
            let v = layouts::current(db, server, conference, kind)
                .await
                .map_err(said)?;
            std::fs::write(&file, &v.toml).map_err(|e| format!("{}: {e}", file.display()))?;
            println!(
                "{}: version {} written to {}",
                v.kind,
                v.version,
                file.display()
            );
            Ok(())
        }
        LayoutCommand::Import {
            conference,
            kind,
            file,
            note,
        } => {
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let actor = crate::domain::access::Actor::Operator;
            let v = layouts::save(
                db,
                server,
                &actor,
                conference,
                kind,
                Source::Toml(text),
                note,
                None,
            )
            .await
            .map_err(said)?;
            println!("{}: saved as version {}", v.kind, v.version);
            Ok(())
        }
    }
}
