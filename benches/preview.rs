//! The designer's preview and "check against every recipient": time per preview of one
//! certificate (SVG and fit report) and per check of a conference's recipients.
//!
//!     cargo bench --bench preview -- [N ...]
//!
//! N (recipients checked) defaults to 500 and 5000.

use std::time::{Duration, Instant};

use hoinghi::print::certificate::{check_layout, preview_certificate};
use hoinghi::print::{CertificateFields, CertificateKind, Layout, RenderMode, RenderOptions};

#[path = "support/certificates.rs"]
mod fixtures;
use fixtures::certificate;

const LONG: &str = "Tập thể cán bộ, chiến sĩ, công nhân viên chức và nhân dân các xã Kim Chính, \
    Kim Định, Kim Tân, Kim Mỹ, Kim Hải, Kim Trung, Kim Đông thuộc huyện Kim Sơn, tỉnh Ninh Bình \
    đã có thành tích xuất sắc năm 2018";

/// Median and worst of `runs` timings of `work`.
fn time(runs: usize, mut work: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[runs - 1])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![500, 5000]
    } else {
        counts
    };
    let layout = Layout::builtin(CertificateKind::CertificateOfMerit).expect("built-in layout");
    let mut long = certificate(0);
    (long.honorific, long.recipient_name, long.recipient_label) =
        (String::new(), LONG.into(), LONG.into());
    for (what, fields) in [("short name", certificate(1)), ("200-char name", long)] {
        for mode in [RenderMode::Full, RenderMode::Blank] {
            let opts = RenderOptions {
                mode,
                ..RenderOptions::default()
            };
            let mut bytes = 0;
            let (median, worst) = time(1000, || {
                bytes = preview_certificate(&layout, &fields, &opts).svg.len();
            });
            println!(
                "preview, {what:>13}, {mode:?}: median {:.3} ms, worst {:.3} ms of 1000, {bytes} bytes of SVG",
                ms(median),
                ms(worst)
            );
        }
    }
    for n in counts {
        let mut certs: Vec<_> = (0..n).map(certificate).collect();
        certs[n / 3] = CertificateFields {
            honorific: String::new(),
            recipient_name: LONG.into(),
            recipient_label: LONG.into(),
            ..certificate(n / 3)
        };
        certs[n / 2].recipient_name = "Nguyễn Văn ꞗ".into();
        let mut found = 0;
        let (median, worst) = time(20, || {
            found = check_layout(&layout, &certs, RenderMode::Full).len();
        });
        println!(
            "check of {n:>5} recipients: median {:.1} ms, worst {:.1} ms of 20, {found} findings",
            ms(median),
            ms(worst)
        );
    }
}
