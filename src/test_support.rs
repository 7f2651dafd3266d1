//! Helpers shared by tests, unit and integration alike (hence public, and not part of the
//! API): skipping a test whose external tool is missing, and checking PDF structure.

use std::io::Write;
use std::path::PathBuf;

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
