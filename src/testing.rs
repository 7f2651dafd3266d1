//! Helpers shared by unit tests.

/// Whether the command-line tool `name` can be run. When it cannot, the test that needs it
/// says it was skipped, or fails if `HOINGHI_REQUIRE_ALL=1` asks for every test to run.
pub(crate) fn tool_available(name: &str, test: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("-v")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var("HOINGHI_REQUIRE_ALL").as_deref() != Ok("1"),
            "{test}: `{name}` is not installed and HOINGHI_REQUIRE_ALL=1"
        );
        // Written to stderr directly: the test harness captures eprintln! of passing tests,
        // and a skip must be seen.
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test}: `{name}` is not installed (install poppler-utils)"
        );
    }
    found
}

/// Assert that every cross-reference entry of `pdf` points at the object it names, and
/// that startxref points at the table: what a strict reader relies on.
pub(crate) fn assert_xref_consistent(pdf: &[u8]) {
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
