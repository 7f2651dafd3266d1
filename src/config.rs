//! Settings from flags and the environment, validated once at start-up.

use std::net::SocketAddr;

/// Where the data lives when nothing else is said: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://hoinghi.sqlite";
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Check a database URL: SQLite (`sqlite://file.sqlite`, `sqlite::memory:`) or PostgreSQL
/// (`postgres://user:pass@host/db`).
pub fn database_url(url: Option<String>) -> Result<String, String> {
    let url = url
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_string());
    if url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://")
    {
        Ok(url)
    } else {
        Err(format!(
            "database URL '{url}' must start with sqlite: or postgres://"
        ))
    }
}

pub fn bind_address(bind: &str) -> Result<SocketAddr, String> {
    bind.parse()
        .map_err(|_| format!("--bind '{bind}' is not an address like 127.0.0.1:8080"))
}

/// The public address of this server as printed in certificates' verification QR codes:
/// `https://khenthuong.ninhbinh.gov.vn` (no trailing slash); by default the bind address.
pub fn public_url(given: Option<String>, bind: &str) -> Result<String, String> {
    let url = given.unwrap_or_else(|| format!("http://{bind}"));
    let url = url.trim().trim_end_matches('/').to_string();
    let ok = (url.starts_with("http://") || url.starts_with("https://"))
        && url.len() <= 200
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    if !ok {
        return Err(format!(
            "--public-url '{url}' is not an address like https://khenthuong.example.gov.vn"
        ));
    }
    Ok(url)
}
