//! Times the conference's printouts other than certificates: the programme of a 60-item
//! agenda (goal: under 20 ms) and the place cards of 1,000 delegates.
//!
//!     cargo bench --bench printouts
//!
//! Each figure is the median of several runs after one warm-up (the first run parses the
//! fonts).

use std::time::{Duration, Instant};

use hoinghi::print::{ProgrammeOptions, render_place_cards, render_programme, samples};

fn median(runs: usize, mut work: impl FnMut() -> usize) -> (Duration, usize) {
    let bytes = work();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(work());
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], bytes)
}

fn main() {
    let programme = samples::long_programme(60);
    let opts = ProgrammeOptions::default();
    let (t, bytes) = median(21, || render_programme(&programme, &opts).unwrap().len());
    println!(
        "programme, 60 items:        {:>8.2} ms  {:>7} bytes  (goal < 20 ms)",
        t.as_secs_f64() * 1e3,
        bytes
    );

    let people: Vec<_> = (0..1000)
        .map(|i| {
            let base = &samples::attendees()[i % 10];
            samples::attendee(
                i as i32,
                base.honorific.as_deref().unwrap_or("ong"),
                &format!("{} {}", base.full_name, i),
                base.position.as_deref().unwrap_or_default(),
                base.organisation.as_deref().unwrap_or_default(),
                i as i32,
            )
        })
        .collect();
    let (t, bytes) = median(5, || render_place_cards(&people).unwrap().len());
    println!(
        "place cards, 1,000 delegates: {:>7.1} ms  {:>7} bytes  ({:.3} ms a card)",
        t.as_secs_f64() * 1e3,
        bytes,
        t.as_secs_f64()
    );
}
