//! Helpers shared by tests, unit and integration alike (hence public, and not part of the
//! API): the one check for an external tool (a missing one skips only the read-back that
//! needs it), the one way to run such a tool, and checks of PDF structure and text order.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::domain::model::{Attendee, Conference};
use crate::domain::programme::{CeremonyDecision, Programme};

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

/// In `run_tool`'s arguments, the temporary file that holds the input.
pub const FILE: &str = "{file}";

/// Run `tool` with `args`, FILE standing for a temporary file holding `input`, assert that
/// it succeeds and return its standard output. `tool` is a program on PATH, or
/// `python3-<module>` for a Python 3 that can import the module (Debian's package names).
/// None when it is missing: `require_tool` has said the read-back is SKIPPED, or failed the
/// test under HOINGHI_REQUIRE_ALL=1.
pub fn run_tool(tool: &str, args: &[&str], input: &[u8], what: &str) -> Option<String> {
    let program = match tool.strip_prefix("python3-") {
        Some(module) => python_with(module, tool, what)?,
        None => require_tool(tool, what)?,
    };
    let file = TempFile::new(input);
    let out = Command::new(&program)
        .args(args.iter().map(|a| match *a {
            FILE => file.0.as_os_str(),
            a => std::ffi::OsStr::new(a),
        }))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{what}: {tool} fails: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).expect("UTF-8 output"))
}

/// Where CI keeps the Python tools Debian does not package (openapi-spec-validator,
/// schemathesis): a virtual environment, `HOINGHI_VENV` or this default.
pub fn venv() -> PathBuf {
    std::env::var_os("HOINGHI_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp/hoinghi-st-venv"))
}

/// The first Python 3 that imports `module`; CI installs Debian's python3-<module>, which
/// only /usr/bin/python3 may see when another python3 comes first on PATH, and the rest in
/// the virtual environment [`venv`].
fn python_with(module: &str, tool: &str, what: &str) -> Option<PathBuf> {
    let in_venv = venv().join("bin/python3");
    [
        "python3",
        "/usr/bin/python3",
        in_venv.to_str().unwrap_or("python3"),
    ]
    .into_iter()
    .find(|python| {
        Command::new(python)
            .args(["-c", &format!("import {module}")])
            .output()
            .is_ok_and(|o| o.status.success())
    })
    .map(PathBuf::from)
    // Not found: let the one tool check say SKIPPED, or fail under HOINGHI_REQUIRE_ALL.
    .or_else(|| require_tool(tool, what))
}

/// The output of a poppler tool (`pdftotext`, `pdffonts` …) run with `args` on `pdf`, or
/// None when the tool is missing (after saying that `test` is skipped); pdftotext writes
/// its text to stdout.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8], test: &str) -> Option<String> {
    let mut all = args.to_vec();
    all.push(FILE);
    if tool == "pdftotext" {
        all.push("-");
    }
    run_tool(tool, &all, pdf, test)
}

/// `pdftotext -raw` of a PDF: pages end in a form feed.
pub fn pdf_text(pdf: &[u8], what: &str) -> Option<String> {
    run_tool("pdftotext", &["-raw", FILE, "-"], pdf, what)
}

/// The pages of a PDF as `pdftotext -raw` reads them, blank pages left out; None when
/// poppler is missing (after saying that `test` is skipped).
pub fn pdf_pages(pdf: &[u8], test: &str) -> Option<Vec<String>> {
    let text = pdf_text(pdf, test)?;
    Some(
        text.split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// A file in the temporary directory, removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(content: &[u8]) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("hoinghi-test-{}-{n}", std::process::id()));
        std::fs::write(&path, content).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
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

/// The demo conference (`assets/demo`) as the printouts see it, read back by the store.
pub struct Demo {
    pub conference: Conference,
    /// In rank order.
    pub attendees: Vec<Attendee>,
    pub programme: Programme,
    /// In ceremony order.
    pub ceremony: Vec<CeremonyDecision>,
}

/// The demo conference, restored once (per test binary) into a scratch SQLite database
/// through the same restore as a user's backup and read back by the store, so that the
/// printouts' tests see exactly what `serve --demo` prints.
pub fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let file = std::env::temp_dir().join(format!("hoinghi-demo-{}.sqlite", std::process::id()));
        let url = format!("sqlite://{}", file.display());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let demo = runtime.block_on(async {
            let db = crate::store::connect(&url)
                .await
                .expect("a scratch database");
            let id = crate::demo::load(&db).await.expect("the demo restores");
            let demo = Demo {
                conference: crate::store::conference::get(&db, id).await.unwrap().into(),
                attendees: crate::store::attendee::in_rank_order(&db, id)
                    .await
                    .unwrap(),
                programme: crate::store::programme::programme(&db, id).await.unwrap(),
                ceremony: crate::store::programme::ceremony(&db, id).await.unwrap(),
            };
            let _ = db.close().await;
            demo
        });
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
        }
        demo
    })
}

/// An OpenDocument spreadsheet whose table is `table` (rows of table:table-row).
pub fn ods(table: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

/// An emblem drawn as a one-page PDF of `width` × `height` pt: a red square and a blue one
/// drawn by an inner form.
pub fn emblem_pdf(width: f32, height: f32) -> Vec<u8> {
    use lopdf::{Object, Stream, dictionary};
    let mut doc = lopdf::Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let inner = doc.add_object(Stream::new(
        dictionary! { "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 10.into(), 10.into()] },
        b"0 0 1 rg 0 0 10 10 re f".to_vec(),
    ));
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"1 0 0 rg 10 10 50 50 re f q /Fm0 Do Q".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content,
        "Resources" => dictionary! { "XObject" => dictionary! { "Fm0" => inner } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            "MediaBox" => vec![0.into(), 0.into(), width.into(), height.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}
