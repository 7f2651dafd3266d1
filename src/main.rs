//! The `hoinghi` binary: logging, then the command line handed over to the library.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "hoinghi=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match hoinghi::cli::run(hoinghi::cli::Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hoinghi: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
