//! Renders batches of Bằng khen with varying names and reports wall time and size.
//!
//!     cargo bench --bench certificates -- [N ...] [--blank] [--out FILE]
//!
//! N defaults to 1000 and 10000. For the whole-process figures (time, peak RSS) run the
//! built binary under `/usr/bin/time -v` with a single N.

use std::time::Instant;

use hoinghi::print::{CertificateKind, Layout, RenderMode, RenderOptions, render_certificates};

#[path = "support/certificates.rs"]
mod fixtures;
use fixtures::certificate;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut counts: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if counts.is_empty() {
        counts = vec![1000, 10_000];
    }
    let mode = if args.iter().any(|a| a == "--blank") {
        RenderMode::Blank
    } else {
        RenderMode::Full
    };
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1));
    let layout = Layout::builtin(CertificateKind::CertificateOfMerit).expect("built-in layout");
    let opts = RenderOptions {
        mode,
        ..RenderOptions::default()
    };
    for n in counts {
        let certs: Vec<_> = (0..n).map(certificate).collect();
        let start = Instant::now();
        let pdf = render_certificates(&layout, &certs, &opts, &mut |_| {}).expect("render");
        let elapsed = start.elapsed();
        println!(
            "{n:>6} certificates ({mode:?}): {:>7.1} ms, {:>9} bytes, {:>5} bytes/page",
            elapsed.as_secs_f64() * 1000.0,
            pdf.len(),
            pdf.len() / n
        );
        if let Some(path) = out {
            std::fs::write(path, &pdf).expect("write the PDF");
        }
    }
}
