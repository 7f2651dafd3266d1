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
        eprintln!("SKIPPED {test}: `{name}` is not installed (install poppler-utils)");
    }
    found
}
