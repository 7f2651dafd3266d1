//! The demo conference (the seed's UBND huyện Kim Sơn, 14/3/2019) built from domain values
//! without a database, for the printouts' tests and benchmarks.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

use crate::domain::model::{
    AgendaItem, Attendee, AwardDecision, Conference, Issuer, Recipient, Speech,
};
use crate::domain::programme::{CeremonyDecision, Programme, ProgrammeItem};

pub fn conference() -> Conference {
    Conference {
        id: 1,
        title: "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018".into(),
        acronym: None,
        movement: "Toàn dân bảo vệ an ninh Tổ quốc".into(),
        year_reviewed: 2018,
        held_on: NaiveDate::from_ymd_opt(2019, 3, 14).unwrap(),
        host_body: "UBND huyện Kim Sơn".into(),
        venue: "Hội trường UBND huyện Kim Sơn".into(),
        place_name: "Kim Sơn".into(),
        time_zone: "Asia/Ho_Chi_Minh".into(),
        status: "published".into(),
        key_figures: serde_json::json!([]),
        version: 1,
        created_at: DateTime::UNIX_EPOCH,
        updated_at: DateTime::UNIX_EPOCH,
    }
}

/// (honorific, name, position, organisation, rank)
const ATTENDEES: [(&str, &str, &str, &str, i32); 10] = [
    (
        "dong_chi",
        "Nguyễn Văn Sơn",
        "Thiếu tướng, Phó Cục trưởng",
        "Bộ Công an",
        1,
    ),
    (
        "dong_chi",
        "Tống Quang Thìn",
        "Phó Chủ tịch UBND tỉnh",
        "UBND tỉnh Ninh Bình",
        2,
    ),
    (
        "ong",
        "Trần Văn Hùng",
        "Chủ tịch UBND huyện",
        "UBND huyện Kim Sơn",
        3,
    ),
    (
        "dong_chi",
        "Đinh Văn Đạt",
        "Trưởng Công an huyện",
        "Công an huyện Kim Sơn",
        4,
    ),
    (
        "ba",
        "Phạm Thị Ánh",
        "Chủ tịch Ủy ban MTTQ huyện",
        "Ủy ban MTTQ huyện Kim Sơn",
        5,
    ),
    (
        "ong",
        "Lê Văn Anh",
        "Bí thư Đảng ủy",
        "Thị trấn Phát Diệm",
        6,
    ),
    (
        "ong",
        "Đặng Văn Ngọc",
        "Trưởng Công an xã",
        "Công an xã Kim Chính",
        7,
    ),
    (
        "ba",
        "Vũ Thị Ân",
        "Trưởng thôn",
        "Thôn Tân Mỹ, xã Kim Tân",
        8,
    ),
    (
        "ong",
        "Hoàng Văn Ăn",
        "Chủ tịch UBND xã",
        "UBND xã Kim Hải",
        9,
    ),
    ("ba", "Bùi Thị Dung", "Phóng viên", "Báo Ninh Bình", 10),
];

/// The delegates, given in an order that is neither rank nor alphabetical.
pub fn attendees() -> Vec<Attendee> {
    let mut v: Vec<_> = ATTENDEES
        .iter()
        .enumerate()
        .map(|(i, &(h, name, position, org, rank))| {
            attendee(i as i32 + 1, h, name, position, org, rank)
        })
        .collect();
    v.reverse();
    v.swap(0, 4);
    v
}

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
    }
}

fn issuer(id: i32, name: &str, level: &str) -> Issuer {
    Issuer {
        id,
        conference_id: 1,
        name: name.into(),
        level: level.into(),
        rank: 1,
        place_name: "Ninh Bình".into(),
        certificate_heading: String::new(),
        signer_title: "CHỦ TỊCH".into(),
        version: 1,
    }
}

fn decision(
    id: i32,
    issuer: Issuer,
    number: &str,
    form: &str,
    title: Option<&str>,
    recipients: Vec<Recipient>,
) -> CeremonyDecision {
    CeremonyDecision {
        decision: AwardDecision {
            id,
            conference_id: 1,
            issuer_id: issuer.id,
            number: number.into(),
            decided_on: NaiveDate::from_ymd_opt(2019, 3, 10).unwrap(),
            form: form.into(),
            title_name: title.map(Into::into),
            reason: Some(
                "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018"
                    .into(),
            ),
            signer_title: "CHỦ TỊCH".into(),
            signer_name: "Trần Văn Hùng".into(),
            version: 1,
        },
        issuer,
        recipients: recipients
            .into_iter()
            .enumerate()
            .map(|(i, mut r)| {
                r.decision_id = id;
                r.id = id * 100 + i as i32;
                r.presentation_order = i as i32 + 1;
                r
            })
            .collect(),
    }
}

pub fn collective(name: &str, unit: &str) -> Recipient {
    Recipient {
        id: 0,
        conference_id: 1,
        decision_id: 0,
        kind: "collective".into(),
        honorific: None,
        name: name.into(),
        position: None,
        unit: Some(unit.into()),
        reason: None,
        register_number: None,
        presentation_order: 0,
        version: 1,
    }
}

pub fn individual(honorific: &str, name: &str, position: &str, unit: &str) -> Recipient {
    Recipient {
        kind: "individual".into(),
        honorific: Some(honorific.into()),
        position: Some(position.into()),
        ..collective(name, unit)
    }
}

/// The seed's four issuers and their decisions, in ceremony order.
pub fn ceremony() -> Vec<CeremonyDecision> {
    let mut v = vec![
        decision(
            3,
            issuer(3, "UBND huyện Kim Sơn", "district"),
            "789/QĐ-UBND",
            "giay_khen",
            None,
            (1..=12)
                .map(|i| {
                    individual(
                        if i % 2 == 0 { "ba" } else { "ong" },
                        &format!("Nguyễn Thị Hồng {i:02}"),
                        "Công an viên",
                        &format!("Công an xã Kim Định, thôn {i}"),
                    )
                })
                .collect(),
        ),
        decision(
            1,
            issuer(1, "Bộ Công an", "central"),
            "1234/QĐ-BCA",
            "bang_khen",
            None,
            vec![collective(
                "Cán bộ và nhân dân Thị trấn Phát Diệm",
                "huyện Kim Sơn, tỉnh Ninh Bình",
            )],
        ),
        decision(
            2,
            issuer(2, "UBND tỉnh Ninh Bình", "province"),
            "456/QĐ-UBND",
            "bang_khen",
            None,
            vec![
                collective("Công an xã Kim Chính", "huyện Kim Sơn"),
                collective("Xã Kim Tân", "huyện Kim Sơn"),
                individual(
                    "ong",
                    "Đặng Văn Ngọc",
                    "Trưởng Công an xã",
                    "Công an xã Kim Chính",
                ),
            ],
        ),
        decision(
            4,
            issuer(2, "UBND tỉnh Ninh Bình", "province"),
            "457/QĐ-UBND",
            "title",
            Some("Đơn vị quyết thắng"),
            vec![collective(
                "Công an huyện Kim Sơn",
                "Công an tỉnh Ninh Bình",
            )],
        ),
    ];
    v.sort_by_key(CeremonyDecision::key);
    v
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

fn speech(id: i32, item: i32, speaker: i32, kind: &str, title: &str) -> Speech {
    Speech {
        id,
        conference_id: 1,
        speaker_attendee_id: Some(speaker),
        speaker_name: None,
        speaker_position: None,
        kind: kind.into(),
        title: title.into(),
        planned_minutes: Some(10),
        summary: None,
        full_text: None,
        agenda_item_id: Some(item),
        version: 1,
    }
}

/// The demo programme: the customary order of a review conference.
pub fn programme() -> Programme {
    let people = attendees();
    let person = |id: i32| people.iter().find(|a| a.id == id).cloned();
    let mut agenda = vec![
        (item(1, (7, 30), 30, "welcome", "Đón tiếp đại biểu"), None),
        (item(2, (8, 0), 5, "flag_salute", "Chào cờ"), None),
        (
            item(
                3,
                (8, 5),
                10,
                "opening",
                "Tuyên bố lý do, giới thiệu đại biểu",
            ),
            Some(4),
        ),
        (
            item(
                4,
                (8, 15),
                30,
                "report",
                "Báo cáo tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018, phương hướng nhiệm vụ năm 2019",
            ),
            Some(3),
        ),
        (item(5, (8, 45), 30, "contribution", "Tham luận"), None),
        (
            item(
                6,
                (9, 15),
                30,
                "award_ceremony",
                "Công bố quyết định khen thưởng, trao thưởng",
            ),
            Some(4),
        ),
        (
            item(7, (9, 45), 20, "directive_speech", "Phát biểu chỉ đạo"),
            Some(2),
        ),
        (
            item(8, (10, 5), 10, "reply", "Tiếp thu ý kiến chỉ đạo"),
            Some(3),
        ),
        (item(9, (10, 15), 5, "closing", "Bế mạc"), Some(4)),
    ];
    // Stored out of time order: the printout must sort.
    agenda.swap(1, 7);
    let agenda = agenda
        .into_iter()
        .map(|(mut item, presenter)| {
            item.presenter_attendee_id = presenter;
            if item.id == 2 {
                item.presenter_text = Some("Toàn thể hội nghị".into());
            }
            let speeches = if item.id == 5 {
                vec![
                    speech(
                        1,
                        5,
                        7,
                        "contribution",
                        "Tham luận của Công an xã Kim Chính",
                    ),
                    speech(2, 5, 9, "contribution", "Tham luận của UBND xã Kim Hải"),
                ]
            } else {
                Vec::new()
            };
            ProgrammeItem {
                presenter: presenter.and_then(person),
                speeches,
                decisions: if item.kind == "award_ceremony" {
                    ceremony()
                } else {
                    Vec::new()
                },
                item,
            }
        })
        .collect();
    Programme {
        conference: conference(),
        agenda,
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
