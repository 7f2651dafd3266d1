//! The printouts' inputs for their tests and benchmarks. The conference is the demo
//! (`assets/demo/kim-son-2019.json`, the document `serve --demo` restores), read once through
//! `test_support::demo`; what the demo lacks (a long agenda, many delegates, names that test
//! a rule) is generated here or added by the test that needs it.

use chrono::{DateTime, TimeZone, Utc};

use crate::domain::model::{AgendaItem, Attendee, Conference};
use crate::domain::programme::{CeremonyDecision, Programme, ProgrammeItem};
use crate::test_support::demo;

pub fn conference() -> Conference {
    demo().conference.clone()
}

/// The demo's delegates, given in an order that is neither rank nor alphabetical.
pub fn attendees() -> Vec<Attendee> {
    let mut v = demo().attendees.clone();
    v.reverse();
    v.swap(0, 4);
    v
}

/// The demo's decisions with their issuers and recipients, in ceremony order.
pub fn ceremony() -> Vec<CeremonyDecision> {
    demo().ceremony.clone()
}

/// The demo programme: the customary order of a review conference.
pub fn programme() -> Programme {
    demo().programme.clone()
}

/// A delegate made up for a test.
pub fn attendee(
    id: i32,
    honorific: &str,
    name: &str,
    position: &str,
    organisation: &str,
    rank: i32,
) -> Attendee {
    Attendee {
        id,
        conference_id: 1,
        honorific: Some(honorific.into()),
        full_name: name.into(),
        position: Some(position.into()),
        organisation: Some(organisation.into()),
        category: "delegate".into(),
        rank,
        contact: None,
        seat: None,
        attendance: "confirmed".into(),
        checked_in_at: None,
        version: 1,
        checkin_code: Some(crate::domain::code::generate()),
    }
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    // 14/3/2019 in Asia/Ho_Chi_Minh (UTC+7).
    Utc.with_ymd_and_hms(2019, 3, 14, h, m, 0).unwrap() - chrono::Duration::hours(7)
}

fn item(id: i32, (h, m): (u32, u32), minutes: i32, kind: &str, title: &str) -> AgendaItem {
    AgendaItem {
        id,
        conference_id: 1,
        position: id,
        starts_at: at(h, m),
        duration_minutes: minutes,
        kind: kind.into(),
        title: title.into(),
        presenter_attendee_id: None,
        presenter_text: None,
        notes: None,
        guid: uuid::Uuid::nil(),
        version: 1,
    }
}

/// A programme of `n` items of long contents, 10 minutes apart, each item's content
/// starting "Mục NN " and ending "kết thúc mục NN" so a test can see rows whole.
pub fn long_programme(n: usize) -> Programme {
    let people = attendees();
    let agenda = (0..n)
        .map(|k| {
            let start = at(7, 0) + chrono::Duration::minutes(10 * k as i64);
            let words = "tham luận về kinh nghiệm xây dựng mô hình tự quản về an ninh trật tự ở khu dân cư ";
            let title = format!(
                "Mục {:02} {}kết thúc mục {:02}",
                k + 1,
                words.repeat(1 + k % 3),
                k + 1
            );
            let mut it = item(k as i32 + 1, (0, 0), 10, "contribution", &title);
            it.starts_at = start;
            let presenter = people[k % people.len()].clone();
            it.presenter_attendee_id = Some(presenter.id);
            ProgrammeItem {
                item: it,
                presenter: Some(presenter),
                speeches: Vec::new(),
                decisions: Vec::new(),
            }
        })
        .collect();
    Programme {
        conference: conference(),
        agenda,
    }
}

/// Keep a printout to look at: written into $HOINGHI_SAMPLES_DIR when it is set.
pub fn write_sample(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("HOINGHI_SAMPLES_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), pdf).unwrap();
    }
}
