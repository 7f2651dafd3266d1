//! Helpers shared by tests, unit and integration alike (hence public, and not part of the
//! API): skipping a test whose external tool is missing, running poppler on a PDF, and
//! checking PDF structure and the order of extracted text.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The path of an external tool a test needs, or None after saying clearly that the test is
/// skipped. With HOINGHI_REQUIRE_ALL=1 a missing tool fails the test instead.
pub fn require_tool(tool: &str, what: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(tool))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var("HOINGHI_REQUIRE_ALL").is_ok_and(|v| v == "1") {
            panic!("{what} needs `{tool}`, which is not installed (HOINGHI_REQUIRE_ALL=1)");
        }
        // Straight to stderr: the harness captures eprintln! of passing tests, and a skip
        // must be seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: {what}: `{tool}` is not installed"
        );
    }
    found
}

/// The output of a poppler tool (`pdftotext`, `pdffonts` …) run with `args` on `pdf`, or
/// None when the tool is missing (after saying that `test` is skipped). The PDF goes in on
/// stdin, so there is no file to name or clean up; pdftotext writes its text to stdout.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8], test: &str) -> Option<String> {
    let program = require_tool(tool, test)?;
    let mut cmd = Command::new(program);
    cmd.args(args).arg("-");
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // Written from another thread, so a tool that answers early cannot block us both.
    let out = std::thread::scope(|scope| {
        scope.spawn(move || {
            // A tool that fails stops reading; its status and message tell why.
            let _ = stdin.write_all(pdf);
        });
        child.wait_with_output().unwrap()
    });
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap())
}

/// Assert that each of `expected` occurs in `text` after the previous one; runs of white
/// space count as one space on both sides, since wrapped cells break lines anywhere.
pub fn assert_in_order<S: AsRef<str>>(text: &str, expected: &[S]) {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = squash(text);
    let mut from = 0;
    for e in expected {
        let e = squash(e.as_ref());
        match text[from..].find(&e) {
            Some(i) => from += i + e.len(),
            None => panic!(
                "\"{e}\" not found after position {from} in:\n{}",
                &text[from.min(text.len())..]
            ),
        }
    }
}

/// Assert that every cross-reference entry of `pdf` points at the object it names, and
/// that startxref points at the table: what a strict reader relies on.
pub fn assert_xref_consistent(pdf: &[u8]) {
    // The tail (startxref) and the table are ASCII; the rest may be binary.
    let tail = std::str::from_utf8(&pdf[pdf.len().saturating_sub(40)..]).expect("an ASCII tail");
    let start: usize = tail
        .rsplit("startxref\n")
        .next()
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        pdf[start..].starts_with(b"xref\n"),
        "startxref does not point at the table"
    );
    let table = std::str::from_utf8(&pdf[start..]).expect("an ASCII table");
    let mut lines = table.lines().skip(1);
    let count: usize = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    for (number, entry) in lines.skip(1).take(count - 1).enumerate() {
        let offset: usize = entry[..10].parse().unwrap();
        let header = format!("{} 0 obj\n", number + 1);
        assert!(
            pdf[offset..].starts_with(header.as_bytes()),
            "object {} is not at {offset}",
            number + 1
        );
    }
}
