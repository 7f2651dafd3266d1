//! The command line: serve the API, load the demo conference.

use clap::{Parser, Subcommand};

use crate::config::{self, DEFAULT_BIND};

#[derive(Debug, Parser)]
#[command(name = "hoinghi", version, about = "Plan review conferences (hội nghị tổng kết) and print their papers")]
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
        /// Load the demo conference first (idempotent).
        #[arg(long)]
        demo: bool,
    },
    /// Load the demo conference (idempotent).
    Demo {
        /// Also add a conference with this many generated award recipients, for load tests.
        #[arg(long)]
        synthetic_recipients: Option<u32>,
    },
}

pub async fn run(cli: Cli) -> Result<(), String> {
    let url = config::database_url(cli.database_url)?;
    let db = crate::store::connect(&url).await.map_err(|e| format!("cannot open the database {url}: {e}"))?;
    match cli.command.unwrap_or(Command::Serve { bind: DEFAULT_BIND.into(), demo: false }) {
        Command::Serve { bind, demo } => {
            let addr = config::bind_address(&bind)?;
            if demo {
                let id = crate::demo::load(&db).await.map_err(|e| format!("cannot load the demo: {e}"))?;
                println!("demo conference {id}: http://{addr}/api/v1/conferences/{id}/programme");
            }
            let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
            println!("hoinghi serving on http://{addr} (API reference: http://{addr}/api/v1/docs)");
            let app = crate::app::router(crate::app::AppState::new(db));
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = tokio::signal::ctrl_c().await;
                })
                .await
                .map_err(|e| e.to_string())
        }
        Command::Demo { synthetic_recipients } => {
            let id = crate::demo::load(&db).await.map_err(|e| format!("cannot load the demo: {e}"))?;
            println!("demo conference {id}");
            if let Some(n) = synthetic_recipients {
                let id = crate::demo::load_synthetic(&db, n).await.map_err(|e| format!("cannot load the synthetic conference: {e}"))?;
                println!("synthetic conference {id} with {n} recipients");
            }
            Ok(())
        }
    }
}
