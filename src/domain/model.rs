//! The conference as the printouts and file formats see it: plain values, built by the
//! store from its rows, so that `print` and `interop` never touch the database. Field for
//! field these are the records of the JSON API (same names, same serialisation).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A review conference (hội nghị tổng kết).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Conference {
    pub id: i32,
    pub title: String,
    pub acronym: Option<String>,
    pub movement: String,
    pub year_reviewed: i32,
    pub held_on: NaiveDate,
    pub host_body: String,
    pub venue: String,
    pub place_name: String,
    pub time_zone: String,
    pub status: String,
    /// Key figures of the year: `[{"label": …, "value": …}]`.
    #[schema(value_type = Vec<Object>)]
    pub key_figures: serde_json::Value,
    /// What the invitation says beyond the fields above (`InvitationSettings`); null:
    /// the defaults derived from them. The organisers' paperwork (numbers, signer, "Nơi
    /// nhận"): members read it on the conference resource; the public programme, which
    /// carries this value, leaves it out.
    #[serde(skip_serializing, default)]
    #[schema(ignore)]
    pub invitation: Option<serde_json::Value>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A delegate or guest (đại biểu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Attendee {
    pub id: i32,
    pub conference_id: i32,
    pub honorific: Option<String>,
    pub full_name: String,
    pub position: Option<String>,
    pub organisation: Option<String>,
    pub category: String,
    pub rank: i32,
    pub contact: Option<String>,
    pub seat: Option<String>,
    pub attendance: String,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub version: i32,
    /// The check-in code printed on the invitation (`domain::checkin_code`); for members
    /// only: public answers never carry an `Attendee`.
    pub checkin_code: Option<String>,
}

/// One item of the programme (chương trình hội nghị).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AgendaItem {
    pub id: i32,
    pub conference_id: i32,
    pub position: i32,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub kind: String,
    pub title: String,
    pub presenter_attendee_id: Option<i32>,
    pub presenter_text: Option<String>,
    pub notes: Option<String>,
    /// Stable identity for schedule feeds (frab `guid`).
    pub guid: uuid::Uuid,
    pub version: i32,
}

/// A speech: the review report, a contribution, the directive speech, the reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Speech {
    pub id: i32,
    pub conference_id: i32,
    pub speaker_attendee_id: Option<i32>,
    pub speaker_name: Option<String>,
    pub speaker_position: Option<String>,
    pub kind: String,
    pub title: String,
    pub planned_minutes: Option<i32>,
    pub summary: Option<String>,
    pub full_text: Option<String>,
    pub agenda_item_id: Option<i32>,
    pub version: i32,
}

/// A body that issues awards: Bộ Công an, UBND tỉnh Ninh Bình …
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Issuer {
    pub id: i32,
    pub conference_id: i32,
    pub name: String,
    pub level: String,
    pub rank: i32,
    pub place_name: String,
    /// Heading printed in red on its certificates ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH").
    pub certificate_heading: String,
    pub signer_title: String,
    /// Its own legal grounds for decisions and proposals, one "Căn cứ …" per line; null:
    /// the defaults of its level on the decision's date.
    pub grounds: Option<String>,
    pub version: i32,
}

/// An award decision (quyết định khen thưởng) of one issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AwardDecision {
    pub id: i32,
    pub conference_id: i32,
    pub issuer_id: i32,
    pub number: String,
    pub decided_on: NaiveDate,
    pub form: String,
    pub title_name: Option<String>,
    /// Default reason for its recipients ("Đã có thành tích xuất sắc trong …").
    pub reason: Option<String>,
    /// One line per row: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".
    pub signer_title: String,
    pub signer_name: String,
    /// Military or police rank printed above the name ("Đại tá"); empty: none.
    #[serde(default)]
    pub signer_rank: String,
    /// The decision's own cash award per individual, in đồng (0: none); absent, the
    /// decree's.
    #[serde(default)]
    pub cash_individual: Option<i64>,
    /// The same per collective.
    #[serde(default)]
    pub cash_collective: Option<i64>,
    pub version: i32,
}

/// A collective or individual named in an award decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Recipient {
    pub id: i32,
    pub conference_id: i32,
    pub decision_id: i32,
    pub kind: String,
    pub honorific: Option<String>,
    pub name: String,
    pub position: Option<String>,
    pub unit: Option<String>,
    pub reason: Option<String>,
    pub register_number: Option<String>,
    pub presentation_order: i32,
    pub version: i32,
}
