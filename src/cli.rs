//! The command line: serve the API, load the demo conference.

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
    },
    /// Manage organiser accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Load the demo conference (idempotent).
    Demo {
        /// Also add a conference with this many generated award recipients, for load tests.
        #[arg(long)]
        synthetic_recipients: Option<u32>,
    },
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
    let db = crate::store::connect(&url)
        .await
        .map_err(|e| format!("cannot open the database {url}: {e}"))?;
    match cli.command.unwrap_or(Command::Serve {
        bind: DEFAULT_BIND.into(),
        demo: false,
        trust_proxy: false,
    }) {
        Command::Serve {
            bind,
            demo,
            trust_proxy,
        } => {
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
            let app = crate::app::router(state)
                .into_make_service_with_connect_info::<std::net::SocketAddr>();
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
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
        Command::User {
            command: UserCommand::Add { email, admin },
        } => {
            let password = read_new_password()?;
            let user = crate::store::account::create_user(&db, &email, password, admin)
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
