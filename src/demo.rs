//! The demo conference, from the seed report: UBND huyện Kim Sơn reviews the movement
//! "Toàn dân bảo vệ an ninh Tổ quốc" of 2018 on 14/3/2019, with every award group of the
//! report. Names the report does not give are invented. It is data, a backup document
//! (`assets/demo/kim-son-2019.json`), loaded through the same restore as a user's backup;
//! the printouts' tests read the same file without a database (`print::samples`).

use entity::{conference, recipient};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};
use serde_json::{Value, json};

use crate::domain::access::{Actor, Role};
use crate::domain::model::{AwardDecision, Conference, Issuer, Recipient};
use crate::error::{AppError, AppResult};
use crate::store::account;
use crate::store::award::{Decisions, Issuers};
use crate::store::conference as conferences;
use crate::store::resource::{self, Resource};

/// The demo conference as a backup document.
pub const DEMO: &str = include_str!("../assets/demo/kim-son-2019.json");

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
    let doc = serde_json::from_str(DEMO).map_err(AppError::internal)?;
    crate::service::backup::restore(db, &Actor::Operator, doc).await
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

/// One certificate's records from the demo's document, read without a database: the first
/// recipient of a decision `accept`s, with its conference, issuer and decision. The designer
/// previews it for a conference that has no recipient of a layout's kind yet.
pub fn sample_award(
    accept: impl Fn(&AwardDecision) -> bool,
) -> Option<(Conference, Issuer, AwardDecision, Recipient)> {
    let doc: Value = serde_json::from_str(DEMO).ok()?;
    // Each record is the input that recreates it with its id; a model has the rest.
    fn model<T: serde::de::DeserializeOwned>(record: &Value) -> Option<T> {
        let mut v = record.clone();
        let o = v.as_object_mut()?;
        for (key, value) in [
            ("id", json!(1)),
            ("conference_id", json!(1)),
            ("version", json!(1)),
            ("created_at", json!("2019-01-01T00:00:00Z")),
            ("updated_at", json!("2019-01-01T00:00:00Z")),
        ] {
            o.entry(key).or_insert(value);
        }
        serde_json::from_value(v).ok()
    }
    let section = |name: &str| doc[name].as_array().cloned().unwrap_or_default();
    let conference: Conference = model(&doc["conference"])?;
    let decisions: Vec<AwardDecision> = section("decisions").iter().filter_map(model).collect();
    let issuers: Vec<Issuer> = section("issuers").iter().filter_map(model).collect();
    let recipients: Vec<Recipient> = section("recipients").iter().filter_map(model).collect();
    let decision = decisions.into_iter().find(|d| accept(d))?;
    let issuer = issuers.into_iter().find(|i| i.id == decision.issuer_id)?;
    let recipient = recipients
        .into_iter()
        .find(|r| r.decision_id == decision.id)?;
    Some((conference, issuer, decision, recipient))
}
