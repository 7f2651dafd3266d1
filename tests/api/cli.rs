//! The command line as an operator meets it: its errors read like the API's, one field and
//! its problem per line, never a Rust debug dump.

use serde_json::json;

/// Run the binary on a fresh SQLite database in `dir`.
fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    run_in(dir, "C.UTF-8", args)
}

/// The command run with the locale `lang` (its messages' language).
fn run_in(dir: &std::path::Path, lang: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hoinghi"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .arg("--database-url")
        .arg(format!("sqlite://{}", dir.join("cli.sqlite").display()))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_refused_restore_names_each_field_on_its_own_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(hoinghi::demo::DEMO).expect("the demo is a backup document");
    doc["attendees"][0]["full_name"] = json!("   ");
    doc["attendees"][0]["rank"] = json!(-5);
    let file = dir.path().join("backup.json");
    std::fs::write(&file, doc.to_string()).unwrap();

    let out = run(dir.path(), &["restore", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("FieldError"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "hoinghi: attendees[0], full_name: must not be empty",
            "attendees[0], rank: must be from 0 to 1000000, not -5",
        ],
        "{stderr}"
    );

    // Nothing was half-written: the same file, fixed, restores as the first conference.
    doc["attendees"][0]["full_name"] = json!("Nguyễn Văn Sơn");
    doc["attendees"][0]["rank"] = json!(1);
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = run(dir.path(), &["restore", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "restored as conference 1"
    );
}

#[test]
fn a_refused_import_lists_each_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo"]).status.success());
    let file = dir.path().join("dai-bieu.csv");
    std::fs::write(
        &file,
        "Họ và tên,Danh xưng,Thứ tự\n,Ông,1\nTrần Thị B,Ngài,x\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "import",
            "attendees",
            "--conference",
            "1",
            file.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("FieldError"), "{stderr}");
    for line in [
        "dai-bieu.csv: nothing imported, 3 problem(s):",
        "  row 2, 'Họ và tên': must not be empty",
        "  row 3, 'Danh xưng': “Ngài” is not one of: Ông, Bà, Đồng chí",
        "  row 3, 'Thứ tự': “x” is not a whole number",
    ] {
        assert!(
            stderr.lines().any(|l| l.ends_with(line)),
            "{line:?} in {stderr}"
        );
    }
    // In a Vietnamese locale, in Vietnamese.
    let out = run_in(
        dir.path(),
        "vi_VN.UTF-8",
        &[
            "import",
            "attendees",
            "--conference",
            "1",
            file.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in [
        "  row 2, 'Họ và tên': không được để trống",
        "  row 3, 'Thứ tự': “x” không phải số nguyên",
    ] {
        assert!(
            stderr.lines().any(|l| l.ends_with(line)),
            "{line:?} in {stderr}"
        );
    }
}

/// `hoinghi print payments`: the payment lists as XLSX (read back) and PDF, and a refused
/// extension.
#[test]
fn the_payment_lists_are_printed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.json");
    std::fs::write(&file, hoinghi::demo::DEMO).unwrap();
    assert!(
        run(dir.path(), &["restore", file.to_str().unwrap()])
            .status
            .success()
    );
    let xlsx = dir.path().join("tien-thuong.xlsx");
    let out = run(
        dir.path(),
        &[
            "print",
            "payments",
            "--conference",
            "1",
            "--output",
            xlsx.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    assert_eq!(book.sheet_names().len(), 5);
    let sheet = book.worksheet_range("825-QĐ-UBND").unwrap();
    assert_eq!(
        sheet.get_value((13, 4)),
        Some(&calamine::Data::Float(4_620_000.0)),
        "the district's total"
    );

    let pdf = dir.path().join("tien-thuong.pdf");
    let out = run(
        dir.path(),
        &[
            "print",
            "payments",
            "--conference",
            "1",
            "--issuer",
            "4",
            "--output",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));

    let out = run(
        dir.path(),
        &[
            "print",
            "payments",
            "--conference",
            "1",
            "--output",
            "x.doc",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(".pdf or .xlsx"));
}

/// `hoinghi print decision|proposal`: the drafts as DOCX and PDF, and a refused extension.
#[test]
fn the_decision_and_the_proposal_are_printed_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.json");
    std::fs::write(&file, hoinghi::demo::DEMO).unwrap();
    assert!(
        run(dir.path(), &["restore", file.to_str().unwrap()])
            .status
            .success()
    );
    for (paper, name, magic) in [
        ("decision", "quyet-dinh.docx", &b"PK"[..]),
        ("proposal", "to-trinh.pdf", &b"%PDF-"[..]),
    ] {
        let output = dir.path().join(name);
        let out = run(
            dir.path(),
            &[
                "print",
                paper,
                "--conference",
                "1",
                "--decision",
                "1",
                "--output",
                output.to_str().unwrap(),
            ],
        );
        assert!(
            out.status.success(),
            "{paper}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read(&output).unwrap().starts_with(magic),
            "{paper}"
        );
    }
    let out = run(
        dir.path(),
        &[
            "print",
            "decision",
            "--conference",
            "1",
            "--decision",
            "1",
            "--output",
            "x.odt",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(".pdf or .docx"));
    let out = run(
        dir.path(),
        &[
            "print",
            "proposal",
            "--conference",
            "1",
            "--decision",
            "999",
            "--output",
            "x.pdf",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("999"));
}
