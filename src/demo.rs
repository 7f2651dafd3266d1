//! The demo conference, built from the seed report: UBND huyện Kim Sơn reviews the movement
//! "Toàn dân bảo vệ an ninh Tổ quốc" of 2018 on 14/3/2019, with every award group of the
//! report and its exact counts. Names the report does not give are invented.

use entity::{conference, recipient};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};
use serde_json::{Value, json};

use crate::domain::access::{Actor, Role};
use crate::error::{AppError, AppResult};
use crate::store::account;
use crate::store::agenda::Agenda;
use crate::store::attendee::Attendees;
use crate::store::award::{Decisions, Issuers, Recipients};
use crate::store::conference as conferences;
use crate::store::resource::{self, Resource};
use crate::store::speech::Speeches;

pub const DEMO_TITLE: &str =
    "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018";
const REASON: &str =
    "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018";

/// Load the demo conference unless it is there; returns its id.
pub async fn load(db: &DatabaseConnection) -> AppResult<i32> {
    if let Some(c) = conference::Entity::find()
        .filter(conference::Column::Title.eq(DEMO_TITLE))
        .one(db)
        .await?
    {
        return Ok(c.id);
    }
    let txn = db.begin().await?;
    let id = build(&txn).await?;
    txn.commit().await?;
    Ok(id)
}

pub const DEMO_ORGANISER: &str = "demo@hoinghi.local";

/// The demo organiser, owner of the demo conference, with a fresh password each time.
pub async fn organiser(db: &DatabaseConnection, conference_id: i32) -> AppResult<(String, String)> {
    let password = account::new_secret()[..16].to_string();
    let user = match account::find_user(db, DEMO_ORGANISER).await? {
        Some(u) => {
            account::set_password(db, u.id, password.clone()).await?;
            u
        }
        None => account::create_user(db, DEMO_ORGANISER, password.clone(), false).await?,
    };
    account::set_role(db, conference_id, user.id, Role::Owner).await?;
    Ok((user.email, password))
}

async fn add<R: Resource, C: ConnectionTrait>(
    db: &C,
    conference_id: i32,
    body: Value,
) -> AppResult<R::Model> {
    resource::create::<R, C>(db, &Actor::Operator, conference_id, body).await
}

async fn build<C: ConnectionTrait>(db: &C) -> AppResult<i32> {
    let conf = conferences::create(
        db,
        &Actor::Operator,
        json!({
            "title": DEMO_TITLE,
            "acronym": "BVANTQ-2018",
            "movement": "Toàn dân bảo vệ an ninh Tổ quốc",
            "year_reviewed": 2018,
            "held_on": "2019-03-14",
            "host_body": "UBND huyện Kim Sơn",
            "venue": "Hội trường UBND huyện Kim Sơn, thị trấn Phát Diệm",
            "place_name": "Kim Sơn",
            "status": "published",
            "key_figures": [
                {"label": "Khu dân cư đạt tiêu chuẩn “An toàn về ANTT”", "value": "85%"},
                {"label": "Xã thuộc địa bàn nông thôn đạt tiêu chuẩn “An toàn về ANTT”", "value": "64%"},
                {"label": "Tỷ lệ điều tra phá án", "value": "từ 80% trở lên"}
            ]
        }),
    )
    .await?;
    let cid = conf.id;

    // Delegates, in order of introduction.
    let mut people = Vec::new();
    for (rank, honorific, name, position, organisation, category) in [
        (
            1,
            "dong_chi",
            "Nguyễn Văn Hùng",
            "Phó Giám đốc Công an tỉnh",
            "Công an tỉnh Ninh Bình",
            "leader",
        ),
        (
            2,
            "dong_chi",
            "Trần Văn Thắng",
            "Phó Bí thư Thường trực Huyện ủy",
            "Huyện ủy Kim Sơn",
            "leader",
        ),
        (
            3,
            "dong_chi",
            "Hoàng Văn Phương",
            "Phó Chủ tịch UBND huyện",
            "UBND huyện Kim Sơn",
            "leader",
        ),
        (
            4,
            "dong_chi",
            "Phạm Văn Dũng",
            "Trưởng Công an huyện",
            "Công an huyện Kim Sơn",
            "leader",
        ),
        (
            5,
            "ba",
            "Vũ Thị Hạnh",
            "Chủ tịch Ủy ban MTTQ Việt Nam huyện",
            "Ủy ban MTTQ Việt Nam huyện Kim Sơn",
            "guest",
        ),
        (
            10,
            "ong",
            "Đinh Văn Toàn",
            "Chủ tịch UBND thị trấn",
            "UBND thị trấn Phát Diệm",
            "delegate",
        ),
        (
            11,
            "ong",
            "Đặng Văn Ngọc",
            "Trưởng Công an xã",
            "Công an xã Kim Chính",
            "delegate",
        ),
        (
            12,
            "ba",
            "Lê Thị Thu Hương",
            "Chủ tịch UBND xã",
            "UBND xã Kim Đông",
            "delegate",
        ),
        (
            13,
            "ong",
            "Nguyễn Đức Ánh",
            "Trưởng thôn",
            "Thôn Tân Mỹ, xã Kim Chính",
            "delegate",
        ),
        (
            50,
            "ba",
            "Mai Hoa",
            "Phóng viên",
            "Đài truyền thanh huyện Kim Sơn",
            "press",
        ),
        (
            51,
            "ba",
            "Diệu Hoa",
            "Phóng viên",
            "Đài truyền thanh huyện Kim Sơn",
            "press",
        ),
    ] {
        let a = add::<Attendees, C>(
            db,
            cid,
            json!({"honorific": honorific, "full_name": name, "position": position, "organisation": organisation,
                   "category": category, "rank": rank, "attendance": "confirmed"}),
        )
        .await?;
        people.push(a.id);
    }
    let (province_police, vice_chair, district_police) = (people[0], people[2], people[3]);

    // The agenda of the morning, 14/3/2019 (+07:00).
    let mut items = Vec::new();
    for (start, minutes, kind, title, presenter_id, presenter_text) in [
        (
            "07:30",
            30,
            "welcome",
            "Đón tiếp đại biểu",
            None,
            Some("Ban Tổ chức"),
        ),
        (
            "08:00",
            15,
            "performance",
            "Văn nghệ chào mừng",
            None,
            Some("Đội văn nghệ thị trấn Phát Diệm"),
        ),
        ("08:15", 5, "flag_salute", "Chào cờ", None, None),
        (
            "08:20",
            10,
            "opening",
            "Tuyên bố lý do, giới thiệu đại biểu",
            None,
            Some("Chánh Văn phòng HĐND và UBND huyện"),
        ),
        (
            "08:30",
            30,
            "report",
            "Báo cáo tổng kết phong trào Toàn dân bảo vệ ANTQ năm 2018, phương hướng, nhiệm vụ năm 2019",
            Some(district_police),
            None,
        ),
        (
            "09:00",
            40,
            "contribution",
            "Tham luận của các đơn vị điển hình",
            None,
            Some("Đại diện các đơn vị"),
        ),
        ("09:40", 15, "break", "Giải lao", None, None),
        (
            "09:55",
            35,
            "award_ceremony",
            "Công bố quyết định khen thưởng và trao thưởng cho các tập thể, cá nhân",
            None,
            Some("Ban Tổ chức"),
        ),
        (
            "10:30",
            25,
            "directive_speech",
            "Phát biểu chỉ đạo của lãnh đạo Công an tỉnh",
            Some(province_police),
            None,
        ),
        (
            "10:55",
            15,
            "reply",
            "Phát biểu tiếp thu ý kiến chỉ đạo và kết luận hội nghị",
            Some(vice_chair),
            None,
        ),
        (
            "11:10",
            5,
            "closing",
            "Bế mạc hội nghị",
            None,
            Some("Chánh Văn phòng HĐND và UBND huyện"),
        ),
    ] {
        let item = add::<Agenda, C>(
            db,
            cid,
            json!({"starts_at": format!("2019-03-14T{start}:00+07:00"), "duration_minutes": minutes, "kind": kind,
                   "title": title, "presenter_attendee_id": presenter_id, "presenter_text": presenter_text}),
        )
        .await?;
        items.push(item.id);
    }

    for (speaker, name, position, kind, title, minutes, item, summary) in [
        (
            Some(district_police),
            None,
            None,
            "review_report",
            "Báo cáo tổng kết phong trào Toàn dân bảo vệ ANTQ năm 2018",
            30,
            items[4],
            "Năm 2018, số vụ phạm pháp hình sự và số đối tượng phạm pháp giảm so với năm trước; tỷ lệ điều tra phá án đạt từ 80% trở lên; 85% khu dân cư và 64% xã thuộc địa bàn nông thôn đạt tiêu chuẩn “An toàn về ANTT”.",
        ),
        (
            None,
            Some("Đinh Văn Toàn"),
            Some("Chủ tịch UBND thị trấn Phát Diệm"),
            "contribution",
            "Mô hình “Tự quản, tự phòng, tự bảo vệ, tự hòa giải” ở thị trấn Phát Diệm",
            10,
            items[5],
            "",
        ),
        (
            Some(people[8]),
            None,
            None,
            "contribution",
            "Vai trò của Trưởng thôn, người có uy tín trong bảo đảm ANTT ở cơ sở",
            10,
            items[5],
            "",
        ),
        (
            Some(province_police),
            None,
            None,
            "directive",
            "Phát biểu chỉ đạo của lãnh đạo Công an tỉnh",
            25,
            items[8],
            "",
        ),
        (
            Some(vice_chair),
            None,
            None,
            "reply",
            "Phát biểu tiếp thu ý kiến chỉ đạo và kết luận hội nghị",
            15,
            items[9],
            "Phong trào toàn dân bảo vệ ANTQ và các phong trào, cuộc vận động khác ở địa phương đã hình thành thế trận an ninh nhân dân rộng khắp, từng bước hạn chế nguyên nhân, điều kiện phát sinh tội phạm và những hành vi vi phạm pháp luật, chủ động ngăn ngừa, xử lý các vấn đề phức tạp liên quan đến ANTT ngay từ cơ sở.",
        ),
    ] {
        add::<Speeches, C>(
            db,
            cid,
            json!({"speaker_attendee_id": speaker, "speaker_name": name, "speaker_position": position, "kind": kind,
                   "title": title, "planned_minutes": minutes, "agenda_item_id": item, "summary": summary}),
        )
        .await?;
    }

    // Issuers from the highest level, and their decisions with the report's exact counts.
    let mut issuers = Vec::new();
    for (name, level, rank, place, heading, signer) in [
        (
            "Bộ Công an",
            "central",
            1,
            "Hà Nội",
            "BỘ TRƯỞNG BỘ CÔNG AN",
            "BỘ TRƯỞNG",
        ),
        (
            "UBND tỉnh Ninh Bình",
            "province",
            2,
            "Ninh Bình",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
            "CHỦ TỊCH",
        ),
        (
            "Công an tỉnh Ninh Bình",
            "province",
            3,
            "Ninh Bình",
            "GIÁM ĐỐC CÔNG AN TỈNH NINH BÌNH",
            "GIÁM ĐỐC",
        ),
        (
            "UBND huyện Kim Sơn",
            "district",
            4,
            "Kim Sơn",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
            "CHỦ TỊCH",
        ),
    ] {
        let i = add::<Issuers, C>(
            db,
            cid,
            json!({"name": name, "level": level, "rank": rank, "place_name": place,
                   "certificate_heading": heading, "signer_title": signer}),
        )
        .await?;
        issuers.push(i.id);
    }

    type Named<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>);
    let decisions: [(
        usize,
        &str,
        &str,
        &str,
        Option<&str>,
        &str,
        &str,
        Vec<Named>,
    ); 5] = [
        (
            0,
            "1520/QĐ-BCA",
            "2019-02-25",
            "bang_khen",
            None,
            "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG",
            "Trần Minh Đức",
            vec![(
                "collective",
                "Cán bộ và nhân dân Thị trấn Phát Diệm",
                None,
                None,
            )],
        ),
        (
            1,
            "456/QĐ-UBND",
            "2019-03-05",
            "title",
            Some("Đơn vị quyết thắng"),
            "CHỦ TỊCH",
            "Lê Văn Bình",
            vec![("collective", "Công an huyện Kim Sơn", None, None)],
        ),
        (
            1,
            "457/QĐ-UBND",
            "2019-03-05",
            "bang_khen",
            None,
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "Đỗ Thị Minh Nguyệt",
            vec![
                ("collective", "Công an xã Kim Chính", None, None),
                ("collective", "Cán bộ và nhân dân xã Kim Đông", None, None),
                (
                    "ong",
                    "Đặng Văn Ngọc",
                    Some("Trưởng Công an xã"),
                    Some("Công an xã Kim Chính, huyện Kim Sơn"),
                ),
            ],
        ),
        (
            2,
            "215/QĐ-CAT",
            "2019-03-08",
            "giay_khen",
            None,
            "GIÁM ĐỐC",
            "Hoàng Quốc Việt",
            vec![
                ("collective", "Công an thị trấn Phát Diệm", None, None),
                (
                    "collective",
                    "Đội Cảnh sát hình sự, Công an huyện Kim Sơn",
                    None,
                    None,
                ),
                (
                    "ong",
                    "Phạm Văn Long",
                    Some("Thiếu tá, Phó Đội trưởng Đội Cảnh sát hình sự"),
                    Some("Công an huyện Kim Sơn"),
                ),
                (
                    "ba",
                    "Trịnh Thị Lan",
                    Some("Đại úy, cán bộ Đội An ninh"),
                    Some("Công an huyện Kim Sơn"),
                ),
            ],
        ),
        (
            3,
            "825/QĐ-UBND",
            "2019-03-11",
            "giay_khen",
            None,
            "CHỦ TỊCH",
            "Nguyễn Văn Tuấn",
            vec![
                ("collective", "Ban Công an xã Kim Hải", None, None),
                (
                    "collective",
                    "Tổ tự quản ANTT phố Phát Diệm Đông",
                    None,
                    None,
                ),
                (
                    "collective",
                    "Nhân dân và cán bộ xóm 5, xã Kim Mỹ",
                    None,
                    None,
                ),
                (
                    "ong",
                    "Nguyễn Đức Ánh",
                    Some("Trưởng thôn Tân Mỹ"),
                    Some("xã Kim Chính"),
                ),
                (
                    "ba",
                    "Vũ Thị Mến",
                    Some("Chi hội trưởng Chi hội Phụ nữ"),
                    Some("xóm 3, xã Kim Đông"),
                ),
                (
                    "ong",
                    "Lưu Văn Quý",
                    Some("Công an viên"),
                    Some("xã Ân Hòa"),
                ),
                (
                    "ong",
                    "Bùi Văn Đạt",
                    Some("Bí thư chi bộ"),
                    Some("phố Đông Thượng, thị trấn Phát Diệm"),
                ),
                (
                    "ba",
                    "Đặng Thị Ngọc",
                    Some("Tổ trưởng tổ dân phố"),
                    Some("phố Trì Chính, thị trấn Phát Diệm"),
                ),
            ],
        ),
    ];
    let mut register = 100;
    for (issuer, number, date, form, title, signer_title, signer, recipients) in decisions {
        let d = add::<Decisions, C>(
            db,
            cid,
            json!({"issuer_id": issuers[issuer], "number": number, "decided_on": date, "form": form,
                   "title_name": title, "reason": REASON, "signer_title": signer_title, "signer_name": signer}),
        )
        .await?;
        for (who, name, position, unit) in recipients {
            register += 1;
            let (kind, honorific) = if who == "collective" {
                ("collective", None)
            } else {
                ("individual", Some(who))
            };
            add::<Recipients, C>(
                db,
                cid,
                json!({"decision_id": d.id, "kind": kind, "honorific": honorific, "name": name,
                       "position": position, "unit": unit, "register_number": register.to_string()}),
            )
            .await?;
        }
    }
    Ok(cid)
}

/// A conference with `n` generated award recipients (Giấy khen of UBND huyện Kim Sơn), for
/// load tests and benchmarks. Loaded once per `n`; returns its id.
pub async fn load_synthetic(db: &DatabaseConnection, n: u32) -> AppResult<i32> {
    let title = format!("Hội nghị thử tải với {n} người nhận khen thưởng");
    if let Some(c) = conference::Entity::find()
        .filter(conference::Column::Title.eq(title.as_str()))
        .one(db)
        .await?
    {
        return Ok(c.id);
    }
    let txn = db.begin().await?;
    let conf = conferences::create(
        &txn,
        &Actor::Operator,
        json!({"title": title, "movement": "Toàn dân bảo vệ an ninh Tổ quốc", "year_reviewed": 2018,
               "held_on": "2019-03-14", "host_body": "UBND huyện Kim Sơn", "venue": "Hội trường UBND huyện Kim Sơn",
               "place_name": "Kim Sơn", "status": "draft"}),
    )
    .await?;
    let issuer = add::<Issuers, _>(
        &txn,
        conf.id,
        json!({"name": "UBND huyện Kim Sơn", "level": "district", "place_name": "Kim Sơn",
               "certificate_heading": "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN KIM SƠN", "signer_title": "CHỦ TỊCH"}),
    )
    .await?;
    let decision = add::<Decisions, _>(
        &txn,
        conf.id,
        json!({"issuer_id": issuer.id, "number": "999/QĐ-UBND", "decided_on": "2019-03-11", "form": "giay_khen",
               "reason": REASON, "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "signer_name": "Hoàng Văn Phương"}),
    )
    .await?;
    const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
    const GIVEN: [&str; 8] = [
        "Văn An",
        "Thị Bình",
        "Đức Cường",
        "Thị Dung",
        "Quốc Đạt",
        "Thị Hằng",
        "Minh Khôi",
        "Thị Ngọc",
    ];
    let rows: Vec<recipient::ActiveModel> = (1..=n as i32)
        .map(|i| {
            let k = i as usize;
            let name = format!("{} {} {i}", FAMILY[(k / 8) % 8], GIVEN[k % 8]);
            recipient::ActiveModel {
                conference_id: Set(conf.id),
                decision_id: Set(decision.id),
                kind: Set("individual".into()),
                honorific: Set(Some(
                    if GIVEN[k % 8].starts_with("Thị") {
                        "ba"
                    } else {
                        "ong"
                    }
                    .into(),
                )),
                search_key: Set(crate::domain::text::fold(&name)),
                name: Set(name),
                position: Set(Some("Công an viên".into())),
                unit: Set(Some(format!("Thôn {}, xã Kim Chính", k % 40 + 1))),
                reason: Set(None),
                register_number: Set(Some(i.to_string())),
                presentation_order: Set(i),
                version: Set(1),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        recipient::Entity::insert_many(chunk.to_vec())
            .exec(&txn)
            .await?;
    }
    txn.commit().await.map_err(AppError::from)?;
    Ok(conf.id)
}
