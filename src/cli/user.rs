//! `hoinghi user`: organiser accounts from the server's own console.

use clap::Subcommand;
use sea_orm::DatabaseConnection;

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

pub async fn add(db: &DatabaseConnection, email: &str, admin: bool) -> Result<(), String> {
    let password = read_new_password()?;
    let user = crate::service::account::create_user(db, email, password, admin)
        .await
        .map_err(super::said)?;
    println!(
        "created {}{}",
        user.email,
        if user.is_admin { " (site admin)" } else { "" }
    );
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
