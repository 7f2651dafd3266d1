//! `hoinghi import`, `export` and `restore`: lists and backups in and out of a conference.

use std::path::Path;

use sea_orm::DatabaseConnection;

use crate::interop::export::ExportKind;

pub async fn export(
    db: &DatabaseConnection,
    format: ExportKind,
    conference: i32,
    output: &Path,
) -> Result<(), String> {
    let file = crate::service::export::render(db, conference, format)
        .await
        .map_err(super::said)?;
    std::fs::write(output, &file.bytes)
        .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
    println!("wrote {} ({} bytes)", output.display(), file.bytes.len());
    Ok(())
}

/// Rebuild a backup file as a new conference.
pub async fn restore(db: &DatabaseConnection, file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let doc =
        serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", file.display()))?;
    let id = crate::service::backup::restore(db, &crate::domain::access::Actor::Operator, doc)
        .await
        .map_err(super::said)?;
    println!("restored as conference {id}");
    Ok(())
}

/// Import a list, with a spinner while it works and the report at the end.
pub async fn import(
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
        &crate::service::work::Work::for_command_line(),
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
        crate::error::AppError::Validation(ref errors) => {
            let count = errors.len();
            let lines = super::said(e).replace('\n', "\n  ");
            format!("{file_name}: nothing imported, {count} problem(s):\n  {lines}")
        }
        other => super::said(other),
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
