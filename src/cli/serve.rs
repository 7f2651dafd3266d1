//! `hoinghi serve`: load the demo if asked, and serve the web application until Ctrl-C,
//! within the connection limits that keep slow clients from holding the server.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;

use crate::config;
use crate::print::Layouts;

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
            header_read_timeout: Duration::from_secs(self.header_timeout),
            keep_alive_timeout: Duration::from_secs(self.keep_alive),
            max_connections: crate::server::fit_to_descriptor_limit(
                usize::try_from(self.max_connections).unwrap_or(usize::MAX),
            ),
        }
    }
}

/// What `serve` was asked for on the command line.
pub struct Options {
    pub bind: String,
    /// For the certificates' verification QR codes.
    pub public_url: String,
    pub demo: bool,
    pub trust_proxy: bool,
    pub proxy_hops: u64,
    pub limits: ConnectionLimits,
}

pub async fn serve(
    db: DatabaseConnection,
    layouts: Arc<Layouts>,
    options: Options,
) -> Result<(), String> {
    let addr = config::bind_address(&options.bind)?;
    if options.demo {
        let id = crate::demo::load(&db)
            .await
            .map_err(|e| format!("cannot load the demo: {e}"))?;
        let (email, password) = crate::demo::organiser(&db, id)
            .await
            .map_err(|e| format!("cannot create the demo organiser: {e}"))?;
        println!("demo conference {id}: its public page is http://{addr}/p/{id}");
        println!(
            "demo organiser: sign in at http://{addr}/login as {email} with password {password}"
        );
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!(
        "hoinghi serving on http://{addr} (the organisers' pages; API reference: http://{addr}/api/v1/docs)"
    );
    if crate::service::readiness::is_local_address(&options.public_url) {
        println!(
            "the public address is {}: certificates with a verification QR code are not printed \
             until --public-url (HOINGHI_PUBLIC_URL) names the address the public reaches",
            options.public_url
        );
    }
    let mut state = crate::app::AppState::new(db);
    state.trust_proxy = options.trust_proxy;
    state.proxy_hops = options.proxy_hops as usize;
    state.layouts = layouts;
    state.public_url = options.public_url;
    let limits = options.limits.limits();
    if (limits.max_connections as u64) < options.limits.max_connections {
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
