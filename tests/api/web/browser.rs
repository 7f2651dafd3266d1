//! `Browser`: the application served on a real socket and a real headless Chromium driving
//! it over WebDriver (chromedriver, through the `fantoccini` client), so that page tests see
//! what a user sees: the CSP, the scripts, the layout at a given window size, downloads.
//!
//! A page test reads like this:
//!
//! ```ignore
//! let app = spawn_app().await;
//! let Some(browser) = Browser::start(app.router.clone()).await else { return }; // SKIPPED
//! browser.goto("/some/page").await;
//! browser.wait_for("main h1").await;
//! browser.fill("#email", "organiser@kimson.gov.vn").await;
//! browser.click("button[type=submit]").await;
//! browser.screenshot("some-page-wide").await;
//! browser.assert_accessible("some page").await;
//! browser.close().await;
//! ```
//!
//! The helpers panic with a readable message instead of returning errors: a test has
//! nothing better to do with a failed WebDriver command than to fail.

use std::fmt::Write as _;
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, LazyLock};
use std::time::{Duration, Instant};

use axum::Router;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::helpers::{require_tool, spawn_app};

/// A laptop's window, the size screenshots and page tests use unless they say otherwise.
pub const WIDE: (u32, u32) = (1366, 900);
/// A phone's viewport (an iPhone 12 to 15 in CSS pixels): the narrow layout.
pub const PHONE: (u32, u32) = (390, 844);
/// How long `wait_for` waits for an element to appear, and chromedriver to start. Redoc
/// renders in about 4 s on a loaded two-core machine; the margin costs only failing tests.
pub const WAIT: Duration = Duration::from_secs(20);

/// axe-core, vendored (tests/fixtures/axe/README.md); injected into pages, never served.
const AXE: &str = include_str!("../../fixtures/axe/axe.min.js");

/// One browser at a time in this test binary: Chromium is heavy, and two of them on a
/// two-core CI machine (next to the other tests) make every wait in them a gamble.
static TURN: LazyLock<Arc<Semaphore>> = LazyLock::new(|| Arc::new(Semaphore::new(1)));

/// Headless Chromium on a page of the application. Dropping it kills chromedriver and the
/// browser it started; `close` ends the WebDriver session politely first.
pub struct Browser {
    client: Client,
    /// `http://127.0.0.1:<port>`, where the application answers.
    base: String,
    downloads: tempfile::TempDir,
    // Declared before the profile so that the browser is dead before its profile is removed.
    _driver: Driver,
    _profile: tempfile::TempDir,
    _turn: Option<OwnedSemaphorePermit>,
    /// The tools, to open another session (`another`).
    tools: (PathBuf, PathBuf),
}

impl Browser {
    /// Serve `router` on a loopback port and open a WebDriver session with a fresh
    /// headless Chromium, its window `WIDE`. None, after saying the test is SKIPPED, when
    /// `chromedriver` or `chromium` is not installed (a panic under HOINGHI_REQUIRE_ALL=1).
    pub async fn start(router: Router) -> Option<Browser> {
        let what = "driving the web pages in a browser";
        let chromedriver = require_tool("chromedriver", what)?;
        let chromium = require_tool("chromium", what)?;
        let turn = TURN.clone().acquire_owned().await.unwrap();
        let addr = serve(router).await;
        Some(
            Browser::open(
                format!("http://{addr}"),
                (chromedriver, chromium),
                Some(turn),
            )
            .await,
        )
    }

    /// A second browser, with its own profile (its own cookies: another person), on the
    /// same application: a screen and the remote that drives it.
    pub async fn another(&self) -> Browser {
        Browser::open(self.base.clone(), self.tools.clone(), None).await
    }

    async fn open(
        base: String,
        (chromedriver, chromium): (PathBuf, PathBuf),
        turn: Option<OwnedSemaphorePermit>,
    ) -> Browser {
        let driver = Driver::start(&chromedriver);
        let profile = tempfile::tempdir().unwrap();
        let downloads = tempfile::tempdir().unwrap();
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless=new",
                    // Containers and CI run as root, where the sandbox cannot start.
                    "--no-sandbox",
                    "--disable-gpu",
                    // /dev/shm is 64 MB in containers; Chromium crashes when it fills.
                    "--disable-dev-shm-usage",
                    format!("--window-size={},{}", WIDE.0, WIDE.1),
                    // Screenshots in CSS pixels, the same on every machine.
                    "--force-device-scale-factor=1",
                    format!("--user-data-dir={}", profile.path().display()),
                    // No network but the application's: nothing to wait for, nothing leaks.
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-quic",
                ],
                "prefs": {
                    // A Vietnamese office's browser; English is chosen on the page.
                    "intl.accept_languages": "vi-VN,vi",
                    // Links to files land in a directory `downloaded` watches, without a
                    // prompt; a PDF is downloaded rather than shown in Chromium's viewer,
                    // so a test gets its bytes.
                    "download.default_directory": downloads.path(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                    "plugins.always_open_pdf_externally": true,
                },
            },
            // axe on a large page takes seconds (about 20 on Redoc's, on a loaded two-core
            // machine); a hung page fails rather than hangs.
            "timeouts": { "script": 60_000, "pageLoad": 30_000, "implicit": 0 },
        });
        let Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "no WebDriver session with Chromium: {e}\nchromedriver said:\n{}",
                    driver.log()
                )
            });
        let browser = Browser {
            client,
            base,
            downloads,
            _driver: driver,
            _profile: profile,
            _turn: turn,
            tools: (chromedriver, chromium),
        };
        browser.set_window(WIDE.0, WIDE.1).await;
        browser
    }

    /// The absolute URL of `path` on the application.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The WebDriver client, for what the helpers below do not cover.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Load `path` of the application and wait for its `load` event.
    pub async fn goto(&self, path: &str) {
        let url = self.url(path);
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("opening {url}: {e}"));
    }

    /// Make the viewport (what the page lays out in, `innerWidth` × `innerHeight`)
    /// `width` × `height` CSS pixels: `WIDE` or `PHONE`. WebDriver sizes the outer window,
    /// so the difference is measured and made up.
    pub async fn set_window(&self, width: u32, height: u32) {
        let mut outer = (width, height);
        for attempt in 0..8 {
            self.client
                .set_window_size(outer.0, outer.1)
                .await
                .unwrap_or_else(|e| panic!("resizing the window to {outer:?}: {e}"));
            if attempt > 0 {
                // A busy machine may lay the page out again only a moment after the resize.
                tokio::time::sleep(std::time::Duration::from_millis(100 * attempt)).await;
            }
            let inner = self
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await;
            let inner = (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap());
            if inner == (i64::from(width), i64::from(height)) {
                return;
            }
            let grow = |o: u32, want: u32, got: i64| {
                u32::try_from(i64::from(o) + i64::from(want) - got).unwrap()
            };
            outer = (
                grow(outer.0, width, inner.0),
                grow(outer.1, height, inner.1),
            );
        }
        panic!("the viewport does not become {width}×{height}");
    }

    /// Save a PNG of the viewport as `<target dir>/screenshots/<name>.png`, say where, and
    /// return its path. The directory outlives the run, for a human to look at.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
        path
    }

    /// The element `css` selects, now (no waiting).
    pub async fn find(&self, css: &str) -> Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(element) => element,
            Err(e) => panic!("no element {css:?} on {}: {e}", self.current_url().await),
        }
    }

    /// Wait up to `WAIT` for an element `css` selects, and return it: for what a script
    /// renders after the page has loaded.
    pub async fn wait_for(&self, css: &str) -> Element {
        match self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
        {
            Ok(element) => element,
            Err(e) => panic!(
                "no element {css:?} on {} within {WAIT:?}: {e}",
                self.current_url().await
            ),
        }
    }

    /// Replace the value of the field `css` with `text`, typed as a user would.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clearing {css:?}: {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into {css:?}: {e}"));
    }

    /// Click the element `css` selects (it must be visible and not covered).
    pub async fn click(&self, css: &str) {
        self.find(css)
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("clicking {css:?}: {e}"));
    }

    /// Click `css`, which leads to another page (a form's submit, a link), and wait until
    /// that page has replaced this one and shows its heading. Waiting for the heading alone
    /// is not enough: the old page's heading answers until the new page arrives, then goes
    /// stale under a reader who found it a moment before.
    pub async fn submit(&self, css: &str) {
        let old = self.find("html").await;
        self.click(css).await;
        let deadline = Instant::now() + WAIT;
        loop {
            match old.tag_name().await {
                // Stale, or (Chromium 156) "does not belong to the document": either way the
                // old page is gone.
                Err(_) => break,
                Ok(_) if Instant::now() >= deadline => panic!(
                    "clicking {css:?} did not lead to another page within {WAIT:?} (still on {})",
                    self.current_url().await
                ),
                Ok(_) => tokio::time::sleep(Duration::from_millis(25)).await,
            }
        }
        self.wait_for("main h1").await;
    }

    /// The text of the element `css` selects, as rendered (hidden parts left out).
    pub async fn text(&self, css: &str) -> String {
        self.find(css)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("the text of {css:?}: {e}"))
    }

    /// The page's current DOM, serialised.
    pub async fn page_source(&self) -> String {
        self.client
            .source()
            .await
            .unwrap_or_else(|e| panic!("the page source: {e}"))
    }

    /// Run `script` (a function body; `arguments` holds `args`) in the page and return what
    /// it returns. WebDriver scripts are not subject to the page's CSP.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("a script failed: {e}"))
    }

    /// Wait up to `timeout` for a finished download whose file name ends in `suffix`,
    /// then take it out of the download directory (so that the next one of that name is
    /// seen afresh) and return its bytes. Chromium writes into `*.crdownload` and renames
    /// when done, so nothing is read while any download is still running.
    pub async fn downloaded(&self, suffix: &str, timeout: Duration) -> Vec<u8> {
        let deadline = Instant::now() + timeout;
        loop {
            let names: Vec<String> = std::fs::read_dir(self.downloads.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            let running = names.iter().any(|n| n.ends_with(".crdownload"));
            if !running && let Some(name) = names.iter().find(|n| n.ends_with(suffix)) {
                let path = self.downloads.path().join(name);
                let bytes = std::fs::read(&path).unwrap();
                std::fs::remove_file(&path).unwrap();
                return bytes;
            }
            if Instant::now() >= deadline {
                panic!(
                    "no finished download ending in {suffix:?} within {timeout:?}; \
                     the download directory holds {names:?}"
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Run axe-core on the current page and return all it found wrong, and how many of its
    /// rules the page passes. axe is injected anew on each call (a navigation forgets it),
    /// as a WebDriver script, which the page's CSP does not govern.
    pub async fn axe_report(&self) -> AxeReport {
        let injected = self
            .execute(&format!("{AXE}\n;return typeof window.axe;"), vec![])
            .await;
        assert_eq!(injected, "object", "axe-core is not in the page");
        let result = self
            .client
            .execute_async(AXE_RUN, vec![])
            .await
            .unwrap_or_else(|e| panic!("axe did not finish: {e}"));
        if let Some(error) = result.get("error") {
            panic!("axe failed on {}: {error}", self.current_url().await);
        }
        serde_json::from_value(result).expect("axe's results as AxeReport")
    }

    /// The serious and critical accessibility violations on the current page (axe's
    /// "moderate" and "minor" are left to review).
    pub async fn axe(&self) -> Vec<Violation> {
        self.axe_report()
            .await
            .violations
            .into_iter()
            .filter(Violation::is_serious)
            .collect()
    }

    /// Fail, listing each with the elements it concerns, when the current page (called
    /// `page` in the message) has serious or critical accessibility violations.
    pub async fn assert_accessible(&self, page: &str) {
        let violations = self.axe().await;
        if !violations.is_empty() {
            let mut list = String::new();
            for v in &violations {
                let _ = writeln!(
                    list,
                    "- [{}] {}: {} ({})",
                    v.impact, v.id, v.help, v.help_url
                );
                for node in &v.nodes {
                    let _ = writeln!(list, "    {}  {}", node.target, shorten(&node.html));
                }
            }
            panic!(
                "{page} ({}) has {} serious or critical accessibility violation(s):\n{list}",
                self.current_url().await,
                violations.len()
            );
        }
    }

    /// End the WebDriver session (Chromium quits), then stop chromedriver.
    pub async fn close(self) {
        let _ = self.client.clone().close().await;
    }

    async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .map_or_else(|e| format!("(no URL: {e})"), |u| u.to_string())
    }
}

/// Run axe on the whole document and hand back only what `AxeReport` reads: the full
/// results of a large page are megabytes.
const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(
  (r) => done({
    passes: r.passes.length,
    violations: r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        // A selector per frame; in a shadow tree, a selector per shadow host.
        target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | '),
        html: n.html,
      })),
    })),
  }),
  (e) => done({ error: String((e && e.stack) || e) }),
);
"#;

/// What axe found on a page.
#[derive(Debug, Deserialize)]
pub struct AxeReport {
    /// How many rules the page passes: more than none means axe really ran.
    pub passes: usize,
    /// Every violation, of any impact.
    pub violations: Vec<Violation>,
}

/// One rule a page breaks, and where.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Violation {
    /// The axe rule, e.g. `color-contrast`.
    pub id: String,
    /// `minor`, `moderate`, `serious` or `critical`.
    pub impact: String,
    pub help: String,
    pub help_url: String,
    pub nodes: Vec<ViolationNode>,
}

/// An element that breaks a rule.
#[derive(Debug, Deserialize)]
pub struct ViolationNode {
    /// A CSS selector of the element.
    pub target: String,
    /// The element's opening tag (axe's snippet).
    pub html: String,
}

impl Violation {
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_str(), "serious" | "critical")
    }
}

fn shorten(html: &str) -> String {
    let line = html.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(160) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line,
    }
}

/// `<target dir>/screenshots`: integration tests know their target directory's `tmp`.
fn screenshot_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("screenshots")
}

/// Serve `router` on a loopback port through the application's own accept loop (which
/// gives handlers the peer address the sign-in throttle keys on) and return the address.
/// The server lives as long as the test's runtime.
async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(hoinghi::server::serve(
        listener,
        router,
        hoinghi::server::Limits::default(),
        std::future::pending(),
    ));
    addr
}

/// A chromedriver process of our own, in a process group of its own so that dropping it
/// kills the Chromium it started too (a killed chromedriver leaves its browser running).
struct Driver {
    child: Child,
    port: u16,
    log: tempfile::NamedTempFile,
}

impl Driver {
    /// Start chromedriver on a free loopback port and wait until it accepts connections.
    fn start(chromedriver: &Path) -> Driver {
        use std::os::unix::process::CommandExt;
        // Free when asked; taken by chromedriver a moment later (another process could
        // take it in between, which the start-up check below would report).
        let port = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = tempfile::NamedTempFile::new().unwrap();
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log.reopen().unwrap())
            .stderr(log.reopen().unwrap())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", chromedriver.display()));
        let mut driver = Driver { child, port, log };
        let deadline = Instant::now() + WAIT;
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            if let Some(status) = driver.child.try_wait().unwrap() {
                panic!("chromedriver exited ({status}):\n{}", driver.log());
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver does not answer on port {port} within {WAIT:?}:\n{}",
                driver.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What chromedriver has written, for failure messages.
    fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let Ok(group) = i32::try_from(self.child.id()) else {
            return;
        };
        // SAFETY: kill(2) with the negated id of the group we created (process_group(0)
        // made chromedriver its leader): it signals only chromedriver and its browser.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

// The harness, proven on what the application serves today.

/// The Redoc API reference: rendered, usable at both window sizes, photographed, and
/// checked by axe. Redoc is third-party, so its violations are counted, not failed on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_reference_is_driven_photographed_and_checked_by_axe() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start(app.router.clone()).await else {
        return;
    };
    browser.goto("/api/v1/docs").await;
    browser.wait_for(".api-content h1").await;
    assert!(
        browser
            .text(".api-content h1")
            .await
            .contains("hoinghi API"),
        "the reference shows its title"
    );
    assert!(browser.page_source().await.contains("menu-content"));
    let wide = browser.screenshot("api-docs-wide").await;
    assert_eq!(png_size(&wide), WIDE);

    // Redoc's search: typing finds the attendees' operations.
    browser.fill("input.search-input", "attendees").await;
    let hit = "[data-role='search:results'] li[role=menuitem]";
    browser.wait_for(hit).await;
    assert!(browser.text(hit).await.to_lowercase().contains("attendees"));
    browser.click(hit).await;
    let url = browser.client().current_url().await.unwrap();
    assert!(
        url.fragment()
            .unwrap_or_default()
            .starts_with("tag/attendees"),
        "{url}"
    );

    browser.set_window(PHONE.0, PHONE.1).await;
    let phone = browser.screenshot("api-docs-phone").await;
    assert_eq!(png_size(&phone), PHONE);
    browser.set_window(WIDE.0, WIDE.1).await;

    // The page's CSP is in force (an inline script does not run), and yet axe, injected
    // as a WebDriver script, runs.
    let inline_ran = browser
        .execute(
            "const s = document.createElement('script');
             s.textContent = 'window.inlineRan = true';
             document.head.append(s);
             return window.inlineRan === true;",
            vec![],
        )
        .await;
    assert_eq!(inline_ran, false, "the CSP forbids inline scripts");
    let report = browser.axe_report().await;
    assert!(report.passes > 0, "axe ran: {report:?}");
    let serious = report.violations.iter().filter(|v| v.is_serious()).count();
    eprintln!(
        "axe on the API reference (Redoc): {} violations, {serious} serious or critical",
        report.violations.len()
    );
    for v in &report.violations {
        eprintln!("  [{}] {}: {} element(s)", v.impact, v.id, v.nodes.len());
    }
    browser.close().await;
}

/// A link with `download`, and a plain link to a PDF, both land in the download directory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_to_files_download() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start(with_test_pages(app.router.clone())).await else {
        return;
    };
    browser.goto("/test/downloads.html").await;

    browser.click("#openapi").await;
    let openapi: Value = serde_json::from_slice(&browser.downloaded(".json", WAIT).await).unwrap();
    assert!(openapi["openapi"].as_str().unwrap().starts_with("3."));
    assert!(openapi["paths"].get("/api/v1/docs").is_some());

    browser.click("#pdf").await;
    let pdf = browser.downloaded(".pdf", WAIT).await;
    assert_eq!(pdf, SAMPLE_PDF.as_bytes());
    browser.close().await;
}

/// `assert_accessible` passes a plain accessible page, and `axe` reports what is wrong with
/// one that is not: the check can fail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_passes_an_accessible_page_and_names_what_is_wrong_with_another() {
    let app = spawn_app().await;
    let Some(browser) = Browser::start(with_test_pages(app.router.clone())).await else {
        return;
    };
    browser.goto("/test/downloads.html").await;
    browser.assert_accessible("the downloads test page").await;

    browser.goto("/test/unlabelled.html").await;
    let violations = browser.axe().await;
    let ids: Vec<&str> = violations.iter().map(|v| v.id.as_str()).collect();
    assert!(
        ids.contains(&"image-alt") && ids.contains(&"label"),
        "{violations:#?}"
    );
    let unlabelled = violations.iter().find(|v| v.id == "label").unwrap();
    assert_eq!(unlabelled.nodes[0].target, "#name", "{unlabelled:#?}");
    assert!(!unlabelled.help.is_empty() && unlabelled.help_url.starts_with("https://"));
    assert!(unlabelled.nodes[0].html.starts_with("<input"));
    browser.close().await;
}

/// `router` and pages of the tests' own beside it, reachable without signing in (and
/// outside the application's middleware): a page of links to files, a page with faults
/// axe knows, and a PDF.
fn with_test_pages(router: Router) -> Router {
    use axum::http::header::CONTENT_TYPE;
    use axum::response::Html;
    use axum::routing::get;
    router
        .route(
            "/test/downloads.html",
            get(|| async {
                Html(
                    r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Downloads</title></head>
<body><main><h1>Downloads</h1><ul>
<li><a id="openapi" href="/api/v1/openapi.json" download>The OpenAPI document</a></li>
<li><a id="pdf" href="/test/sample.pdf">A certificate (PDF)</a></li>
</ul></main></body></html>"#,
                )
            }),
        )
        .route(
            "/test/unlabelled.html",
            get(|| async {
                Html(
                    r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Faults</title></head>
<body><main><h1>Faults</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">
<input id="name" type="text">
</main></body></html>"#,
                )
            }),
        )
        .route(
            "/test/sample.pdf",
            get(|| async { ([(CONTENT_TYPE, "application/pdf")], SAMPLE_PDF) }),
        )
}

/// The smallest well-formed PDF: one empty page.
const SAMPLE_PDF: &str = "%PDF-1.4
1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj
trailer <</Root 1 0 R>>
%%EOF
";

/// The width and height a PNG's header gives.
fn png_size(path: &Path) -> (u32, u32) {
    let png = std::fs::read(path).unwrap();
    assert_eq!(
        &png[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is a PNG",
        path.display()
    );
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}
