//! The writable fields of each record, as clients send them (JSON, forms, rows of an
//! imported list), and the rules they must satisfy without looking at stored data: text
//! normalised to NFC and trimmed, lengths, vocabularies, ranges. What depends on stored data
//! (references, unique names) is checked by the store.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::kinds::{
    AgendaKind, Attendance, AttendeeCategory, AwardForm, ConferenceStatus, Honorific, IssuerLevel,
    RecipientKind, SpeechKind,
};
use super::validate::{
    ACRONYM, Checker, FULL_TEXT, FieldError, LONG, NAME, RANK, SHORT, TITLE, schema as text,
};

pub const DEFAULT_TIME_ZONE: &str = "Asia/Ho_Chi_Minh";

/// Every IANA time zone name the server knows, the only values `time_zone` accepts.
fn time_zone_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(
            chrono_tz::TZ_VARIANTS
                .iter()
                .map(|tz| serde_json::Value::from(tz.name()))
                .chain([serde_json::Value::Null]),
        ))
        .description(Some("IANA time zone; default Asia/Ho_Chi_Minh"))
        .build()
}

/// A key figure of the year, for the report: "Khu dân cư đạt tiêu chuẩn An toàn về ANTT" — "85%".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    #[schema(schema_with = text::title)]
    pub label: String,
    #[schema(schema_with = text::short)]
    pub value: String,
}

/// The writable fields of a conference.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConferenceInput {
    /// "Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018"
    #[schema(schema_with = text::title)]
    pub title: String,
    /// Short name for schedule feeds ("BVANTQ-2018").
    #[schema(schema_with = text::opt_acronym)]
    pub acronym: Option<String>,
    /// The movement or topic reviewed.
    #[schema(schema_with = text::title)]
    pub movement: String,
    #[schema(minimum = 1945, maximum = 2200)]
    pub year_reviewed: i32,
    pub held_on: NaiveDate,
    /// "UBND huyện Kim Sơn"
    #[schema(schema_with = text::name)]
    pub host_body: String,
    #[schema(schema_with = text::title)]
    pub venue: String,
    /// Place name for date lines: "Kim Sơn".
    #[schema(schema_with = text::short)]
    pub place_name: String,
    /// IANA time zone; default Asia/Ho_Chi_Minh.
    #[serde(default)]
    #[schema(schema_with = time_zone_schema)]
    pub time_zone: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<ConferenceStatus>)]
    pub status: Option<String>,
    #[serde(default, deserialize_with = "array_of_objects")]
    #[schema(max_items = 50)]
    pub key_figures: Vec<KeyFigure>,
    /// What the invitation (giấy mời) says beyond the fields above; absent: defaults.
    #[serde(default, deserialize_with = "object_or_null")]
    pub invitation: Option<InvitationSettings>,
}

/// What a conference's invitation (giấy mời) says beyond the conference's own fields. Every
/// field is optional: the printout derives a default from the conference (see
/// `print::invitations`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvitationSettings {
    /// The registered number, "15/GM-UBND"; absent: "Số:      /GM-UBND" to fill in.
    #[serde(default)]
    #[schema(schema_with = text::opt_short)]
    pub number: Option<String>,
    /// Date of issue; absent: day and month left blank to fill in by hand.
    #[serde(default)]
    pub dated: Option<NaiveDate>,
    /// The issuing office under the host body ("VĂN PHÒNG HĐND VÀ UBND"); absent: the host
    /// body issues it.
    #[serde(default)]
    #[schema(schema_with = text::opt_name)]
    pub issuing_unit: Option<String>,
    /// The body the host body answers to, printed above it on every paper in regular
    /// capitals ("CÔNG AN TỈNH NINH BÌNH" above "CÔNG AN HUYỆN KIM SƠN", Decree 30); absent:
    /// none (a People's Committee has none on its papers).
    #[serde(default)]
    #[schema(schema_with = text::opt_name)]
    pub parent_body: Option<String>,
    /// The subject line; absent: "Dự <title of the conference>".
    #[serde(default)]
    #[schema(schema_with = text::opt_title)]
    pub subject: Option<String>,
    /// The starting time as written ("7 giờ 30"); absent: the first agenda item's.
    #[serde(default)]
    #[schema(schema_with = text::opt_short)]
    pub time: Option<String>,
    /// What delegates should bring or prepare; absent: nothing is asked.
    #[serde(default)]
    #[schema(schema_with = text::opt_long)]
    pub bring: Option<String>,
    /// "Nơi nhận" (one entry per line); absent: "Như trên;" and "Lưu: VT.".
    #[serde(default)]
    #[schema(schema_with = text::opt_long)]
    pub recipients: Option<String>,
    /// Signer's title, one line per row ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"); absent: derived
    /// from the host body.
    #[serde(default)]
    #[schema(schema_with = text::opt_short_lines)]
    pub signer_title: Option<String>,
    /// Signer's name; absent: left blank to write in.
    #[serde(default)]
    #[schema(schema_with = text::opt_name)]
    pub signer_name: Option<String>,
    /// A police or military signer's rank, on the line above the name ("Đại tá").
    #[serde(default)]
    #[schema(schema_with = text::opt_rank)]
    pub signer_rank: Option<String>,
}

impl InvitationSettings {
    /// Read back as stored in the conference's `invitation` column (null or unreadable:
    /// the defaults).
    pub fn of(stored: Option<&serde_json::Value>) -> InvitationSettings {
        stored
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default()
    }

    fn validate(&mut self, c: &mut Checker) {
        c.opt_text("invitation.number", &mut self.number, SHORT);
        c.opt_text("invitation.issuing_unit", &mut self.issuing_unit, NAME);
        c.opt_text("invitation.parent_body", &mut self.parent_body, NAME);
        c.opt_text("invitation.subject", &mut self.subject, TITLE);
        c.opt_text("invitation.time", &mut self.time, SHORT);
        c.opt_long_text("invitation.bring", &mut self.bring, LONG);
        c.opt_long_text("invitation.recipients", &mut self.recipients, LONG);
        c.opt_long_text("invitation.signer_title", &mut self.signer_title, SHORT);
        c.opt_text("invitation.signer_name", &mut self.signer_name, NAME);
        c.opt_text("invitation.signer_rank", &mut self.signer_rank, RANK);
        if let Some(r) = &self.recipients {
            c.check_coded(
                r.lines().count() <= 20,
                "invitation.recipients",
                "at-most-lines",
                &[("max", "20".into())],
                "at most 20 lines",
            );
        }
        if let Some(t) = &self.signer_title {
            c.check_coded(
                t.lines().count() <= 4,
                "invitation.signer_title",
                "at-most-lines",
                &[("max", "4".into())],
                "at most 4 lines",
            );
        }
        if let Some(b) = &self.bring {
            c.check_coded(
                b.lines().count() <= 10,
                "invitation.bring",
                "at-most-lines",
                &[("max", "10".into())],
                "at most 10 lines",
            );
        }
    }
}

impl ConferenceInput {
    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        c.text("title", &mut i.title, TITLE);
        c.opt_text("acronym", &mut i.acronym, ACRONYM);
        c.text("movement", &mut i.movement, TITLE);
        c.range("year_reviewed", i.year_reviewed, 1945, 2200);
        c.check_coded(
            i.held_on.year() >= i.year_reviewed,
            "held_on",
            "held-before-reviewed",
            &[
                ("reviewed", i.year_reviewed.to_string()),
                ("held", i.held_on.year().to_string()),
            ],
            format!(
                "a conference reviewing {} cannot be held in {}",
                i.year_reviewed,
                i.held_on.year()
            ),
        );
        c.text("host_body", &mut i.host_body, NAME);
        c.text("venue", &mut i.venue, TITLE);
        c.text("place_name", &mut i.place_name, SHORT);
        let tz = i
            .time_zone
            .get_or_insert_with(|| DEFAULT_TIME_ZONE.to_string());
        *tz = tz.trim().to_string();
        if tz.parse::<chrono_tz::Tz>().is_err() {
            c.coded(
                "time_zone",
                "time-zone",
                &[("value", tz.clone())],
                format!("'{tz}' is not an IANA time zone such as Asia/Ho_Chi_Minh"),
            );
        }
        let status = i
            .status
            .get_or_insert_with(|| ConferenceStatus::Draft.code().to_string());
        c.code::<ConferenceStatus>("status", status);
        c.check_coded(
            i.key_figures.len() <= 50,
            "key_figures",
            "at-most-items",
            &[("max", "50".into())],
            "at most 50 key figures",
        );
        for (n, f) in i.key_figures.iter_mut().enumerate() {
            c.text(&format!("key_figures[{n}].label"), &mut f.label, TITLE);
            c.text(&format!("key_figures[{n}].value"), &mut f.value, SHORT);
        }
        if let Some(inv) = i.invitation.as_mut() {
            inv.validate(&mut c);
        }
        if i.invitation == Some(InvitationSettings::default()) {
            i.invitation = None;
        }
        c.finish()
    }
}

/// The writable fields of an attendee.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AttendeeInput {
    #[schema(value_type = Option<Honorific>)]
    pub honorific: Option<String>,
    #[schema(schema_with = text::name)]
    pub full_name: String,
    /// Chức vụ: "Phó Chủ tịch UBND huyện".
    #[schema(schema_with = text::opt_title)]
    pub position: Option<String>,
    #[schema(schema_with = text::opt_title)]
    pub organisation: Option<String>,
    /// Default `delegate`.
    #[schema(value_type = Option<AttendeeCategory>)]
    pub category: Option<String>,
    /// Order of introduction: lower comes first (default 1000).
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub rank: Option<i32>,
    #[schema(schema_with = text::opt_name)]
    pub contact: Option<String>,
    #[schema(schema_with = text::opt_short)]
    pub seat: Option<String>,
    /// Default `invited`.
    #[schema(value_type = Option<Attendance>)]
    pub attendance: Option<String>,
    pub checked_in_at: Option<DateTime<FixedOffset>>,
}

impl AttendeeInput {
    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        c.opt_code::<Honorific>("honorific", &mut i.honorific);
        c.text("full_name", &mut i.full_name, NAME);
        c.opt_text("position", &mut i.position, TITLE);
        c.opt_text("organisation", &mut i.organisation, TITLE);
        c.code::<AttendeeCategory>(
            "category",
            i.category.get_or_insert_with(|| "delegate".into()),
        );
        c.range("rank", *i.rank.get_or_insert(1000), 0, 1_000_000);
        c.opt_text("contact", &mut i.contact, NAME);
        c.opt_text("seat", &mut i.seat, SHORT);
        let attendance = i.attendance.get_or_insert_with(|| "invited".into());
        c.code::<Attendance>("attendance", attendance);
        if attendance == Attendance::CheckedIn.code() && i.checked_in_at.is_none() {
            i.checked_in_at = Some(Utc::now().fixed_offset());
        }
        c.finish()
    }
}

/// The writable fields of an agenda item.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItemInput {
    /// Place in the programme; a new item goes last when absent.
    #[schema(minimum = 1, maximum = 10_000)]
    pub position: Option<i32>,
    /// Start, RFC 3339 with offset: "2019-03-14T07:30:00+07:00".
    pub starts_at: DateTime<FixedOffset>,
    /// Length in minutes; give this or `ends_at`.
    #[schema(minimum = 0, maximum = 1440)]
    pub duration_minutes: Option<i32>,
    /// End, RFC 3339; when given it sets the duration and must be after the start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ends_at: Option<DateTime<FixedOffset>>,
    #[schema(value_type = AgendaKind)]
    pub kind: String,
    #[schema(schema_with = text::title)]
    pub title: String,
    /// The presenter, when an attendee.
    pub presenter_attendee_id: Option<i32>,
    /// The presenter as free text ("Đồng chí Chủ tịch UBND huyện").
    #[schema(schema_with = text::opt_name)]
    pub presenter_text: Option<String>,
    #[schema(schema_with = text::opt_long)]
    pub notes: Option<String>,
}

impl AgendaItemInput {
    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        if let Some(p) = i.position {
            c.range("position", p, 1, 10_000);
        }
        match (i.ends_at.take(), i.duration_minutes) {
            (Some(end), _) if end <= i.starts_at => c.coded(
                "ends_at",
                "ends-before-start",
                &[],
                format!(
                    "ends at {} but starts at {}; the end must be after the start",
                    end.to_rfc3339(),
                    i.starts_at.to_rfc3339()
                ),
            ),
            (Some(end), _) => i.duration_minutes = Some((end - i.starts_at).num_minutes() as i32),
            (None, None) => c.coded(
                "duration_minutes",
                "duration-or-end",
                &[],
                "give duration_minutes or ends_at".into(),
            ),
            (None, Some(_)) => {}
        }
        if let Some(d) = i.duration_minutes {
            c.range("duration_minutes", d, 0, 24 * 60);
        }
        c.code::<AgendaKind>("kind", &mut i.kind);
        c.text("title", &mut i.title, TITLE);
        c.opt_text("presenter_text", &mut i.presenter_text, NAME);
        c.opt_long_text("notes", &mut i.notes, LONG);
        c.finish()
    }
}

/// The writable fields of a speech.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SpeechInput {
    /// The speaker, when an attendee; otherwise give `speaker_name`.
    pub speaker_attendee_id: Option<i32>,
    #[schema(schema_with = text::opt_name)]
    pub speaker_name: Option<String>,
    #[schema(schema_with = text::opt_title)]
    pub speaker_position: Option<String>,
    #[schema(value_type = SpeechKind)]
    pub kind: String,
    #[schema(schema_with = text::title)]
    pub title: String,
    #[schema(minimum = 1, maximum = 600)]
    pub planned_minutes: Option<i32>,
    #[schema(schema_with = text::opt_long)]
    pub summary: Option<String>,
    #[schema(schema_with = text::opt_full_text)]
    pub full_text: Option<String>,
    /// The agenda item where it is given.
    pub agenda_item_id: Option<i32>,
}

impl SpeechInput {
    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        c.opt_text("speaker_name", &mut i.speaker_name, NAME);
        c.opt_text("speaker_position", &mut i.speaker_position, TITLE);
        c.check_coded(
            i.speaker_attendee_id.is_some() || i.speaker_name.is_some(),
            "speaker_name",
            "speaker-needed",
            &[],
            "give speaker_attendee_id or speaker_name",
        );
        c.code::<SpeechKind>("kind", &mut i.kind);
        c.text("title", &mut i.title, TITLE);
        if let Some(m) = i.planned_minutes {
            c.range("planned_minutes", m, 1, 600);
        }
        c.opt_long_text("summary", &mut i.summary, LONG);
        c.opt_long_text("full_text", &mut i.full_text, FULL_TEXT);
        c.finish()
    }
}

/// Records given as JSON objects only: a list of them (`array_of_objects`) or one or null
/// (`object_or_null`). serde would also read a record from an array of its fields in order
/// (`["Khu dân cư", "85%"]`), which the OpenAPI document does not allow and no client means.
fn only_objects<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
    list: bool,
) -> Result<T, D::Error> {
    use serde::de::Error;
    use serde_json::Value;
    let value = Value::deserialize(d)?;
    let fits = match &value {
        Value::Array(items) => list && items.iter().all(Value::is_object),
        Value::Object(_) => !list,
        Value::Null => !list,
        _ => false,
    };
    if !fits {
        let expected = if list {
            "a list of objects"
        } else {
            "an object or null"
        };
        return Err(D::Error::custom(format!(
            "expected {expected}, not {value}"
        )));
    }
    serde_json::from_value(value).map_err(D::Error::custom)
}

fn array_of_objects<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
) -> Result<T, D::Error> {
    only_objects(d, true)
}

fn object_or_null<'de, D: serde::Deserializer<'de>, T: serde::de::DeserializeOwned>(
    d: D,
) -> Result<T, D::Error> {
    only_objects(d, false)
}

/// A text that may be left out or null: then empty (to be derived).
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// The lines an issuer's certificate heading may have: the built-in layouts hold two.
pub const HEADING_LINES: usize = 2;

/// The writable fields of an issuer; a blank heading, signer title or place is suggested
/// from the name.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuerInput {
    /// "UBND tỉnh Ninh Bình"; unique in the conference.
    #[schema(schema_with = text::name)]
    pub name: String,
    #[schema(value_type = IssuerLevel)]
    pub level: String,
    /// Ceremony order among issuers of the same level: lower first (default 100).
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub rank: Option<i32>,
    /// Place name of its date lines: "Ninh Bình" (blank: taken from the name).
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schema(schema_with = text::blank_short)]
    pub place_name: String,
    /// Red heading of its certificates, at most two lines: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
    /// NINH BÌNH" (blank: derived from the name).
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schema(schema_with = text::blank_title_lines)]
    pub certificate_heading: String,
    /// Usual signer title, one line per row: "CHỦ TỊCH" (blank: derived from the name).
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schema(schema_with = text::blank_short_lines)]
    pub signer_title: String,
    /// Its legal grounds for the decisions and proposals drafted in its name, one "Căn cứ
    /// …;" per line (blank: the defaults of its level on the decision's date).
    #[serde(default)]
    #[schema(schema_with = text::opt_long)]
    pub grounds: Option<String>,
}

impl IssuerInput {
    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        c.text("name", &mut i.name, NAME);
        // What is left blank is suggested from the name, as a certificate of that body reads:
        // "UBND huyện Yên Mô" → "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ", "CHỦ TỊCH", "Yên Mô".
        let blank = |s: &str| s.trim().is_empty();
        if !i.name.is_empty()
            && (blank(&i.certificate_heading) || blank(&i.signer_title) || blank(&i.place_name))
        {
            let style = crate::domain::issuers::style_of(&i.name);
            if blank(&i.certificate_heading) {
                i.certificate_heading = style.certificate_heading;
            }
            if blank(&i.signer_title) {
                i.signer_title = style.signer_title;
            }
            if blank(&i.place_name) {
                i.place_name = style.place_name.unwrap_or_default();
            }
        }
        c.code::<IssuerLevel>("level", &mut i.level);
        c.range("rank", *i.rank.get_or_insert(100), 0, 1_000_000);
        // Blank and not to be had from the name ("Bộ Công an"): it must be given.
        if !i.name.is_empty() && i.place_name.trim().is_empty() {
            c.coded(
                "place_name",
                "place-name-needed",
                &[("name", i.name.clone())],
                format!(
                    "give the place of its date lines: it cannot be taken from the name '{}'",
                    i.name
                ),
            );
        } else {
            c.text("place_name", &mut i.place_name, SHORT);
        }
        c.lines("certificate_heading", &mut i.certificate_heading, TITLE);
        let lines = i.certificate_heading.lines().count();
        if lines > HEADING_LINES {
            c.coded(
                "certificate_heading",
                "heading-lines",
                &[("max", HEADING_LINES.to_string())],
                format!(
                    "has {lines} lines; a certificate has room for {HEADING_LINES} lines of heading"
                ),
            );
        }
        c.lines("signer_title", &mut i.signer_title, SHORT);
        c.opt_long_text("grounds", &mut i.grounds, LONG);
        c.finish()
    }
}

/// The writable fields of an award decision.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    pub issuer_id: i32,
    /// "123/QĐ-UBND"; unique per issuer.
    #[schema(schema_with = text::short)]
    pub number: String,
    pub decided_on: NaiveDate,
    #[schema(value_type = AwardForm)]
    pub form: String,
    /// Name of the title or order when the form is a title, huân chương or huy chương:
    /// "Đơn vị quyết thắng".
    #[schema(schema_with = text::opt_title)]
    pub title_name: Option<String>,
    /// Reason printed for recipients who have none of their own.
    #[schema(schema_with = text::opt_long)]
    pub reason: Option<String>,
    /// Signer title, one line per row: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".
    #[schema(schema_with = text::short_lines)]
    pub signer_title: String,
    /// Empty (or null) while not known (award lists rarely carry it): the decision's
    /// certificates do not print until it is given.
    #[serde(deserialize_with = "null_as_empty")]
    #[schema(schema_with = text::blank_name)]
    pub signer_name: String,
    /// A police or military signer's rank, printed on the line above the name ("Đại tá",
    /// "Thượng tướng"); empty for a civilian signer.
    #[serde(default, deserialize_with = "null_as_empty")]
    #[schema(schema_with = text::blank_rank)]
    pub signer_rank: String,
    /// The cash award of each individual in đồng, where the decision gives another amount
    /// than the decree's coefficient × the base salary (0: none); absent or null: the
    /// decree's.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    pub cash_individual: Option<i64>,
    /// The same for each collective.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 100_000_000_000_i64)]
    pub cash_collective: Option<i64>,
}

impl DecisionInput {
    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        c.text("number", &mut i.number, SHORT);
        c.code::<AwardForm>("form", &mut i.form);
        c.opt_text("title_name", &mut i.title_name, TITLE);
        c.check_coded(
            i.form != AwardForm::Title.code() || i.title_name.is_some(),
            "title_name",
            "title-name-needed",
            &[],
            "a title award needs the title's name, e.g. \"Đơn vị quyết thắng\"",
        );
        c.opt_long_text("reason", &mut i.reason, LONG);
        c.lines("signer_title", &mut i.signer_title, SHORT);
        if !i.signer_name.trim().is_empty() {
            c.text("signer_name", &mut i.signer_name, NAME);
        } else {
            i.signer_name.clear();
        }
        if !i.signer_rank.trim().is_empty() {
            c.text("signer_rank", &mut i.signer_rank, RANK);
        } else {
            i.signer_rank.clear();
        }
        for (field, amount) in [
            ("cash_individual", i.cash_individual),
            ("cash_collective", i.cash_collective),
        ] {
            c.check_coded(
                amount.is_none_or(|a| (0..=super::cash::MAX_AMOUNT).contains(&a)),
                field,
                "amount-range",
                &[("max", super::cash::MAX_AMOUNT.to_string())],
                format!(
                    "must be an amount of đồng from 0 to {}",
                    super::cash::MAX_AMOUNT
                ),
            );
        }
        c.finish()
    }
}

/// The writable fields of a recipient.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientInput {
    pub decision_id: i32,
    #[schema(value_type = RecipientKind)]
    pub kind: String,
    /// Only for individuals.
    #[schema(value_type = Option<Honorific>)]
    pub honorific: Option<String>,
    /// "Cán bộ và nhân dân Thị trấn Phát Diệm" or "Đặng Văn Ngọc".
    #[schema(schema_with = text::name)]
    pub name: String,
    #[schema(schema_with = text::opt_title)]
    pub position: Option<String>,
    #[schema(schema_with = text::opt_title)]
    pub unit: Option<String>,
    /// Own reason; the decision's reason is printed when absent.
    #[schema(schema_with = text::opt_long)]
    pub reason: Option<String>,
    /// Số sổ vàng / số bằng.
    #[schema(schema_with = text::opt_short)]
    pub register_number: Option<String>,
    /// Order within its decision; a new recipient goes last when absent.
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub presentation_order: Option<i32>,
}

impl RecipientInput {
    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        c.code::<RecipientKind>("kind", &mut i.kind);
        c.opt_code::<Honorific>("honorific", &mut i.honorific);
        c.check_coded(
            i.kind != RecipientKind::Collective.code() || i.honorific.is_none(),
            "honorific",
            "collective-honorific",
            &[],
            "a collective has no honorific",
        );
        c.text("name", &mut i.name, NAME);
        c.opt_text("position", &mut i.position, TITLE);
        c.opt_text("unit", &mut i.unit, TITLE);
        c.opt_long_text("reason", &mut i.reason, LONG);
        c.opt_text("register_number", &mut i.register_number, SHORT);
        if let Some(o) = i.presentation_order {
            c.range("presentation_order", o, 1, 1_000_000);
        }
        c.finish()
    }
}

/// The decision a recipient row names, by its issuer and number; the other fields are
/// needed only when the decision is new.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionRef {
    pub issuer: String,
    pub number: String,
    pub decided_on: Option<NaiveDate>,
    #[schema(value_type = Option<crate::domain::kinds::AwardForm>)]
    pub form: Option<String>,
    pub title_name: Option<String>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
}

/// One row of an award list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwardRow {
    pub decision: DecisionRef,
    /// The recipient; its `decision_id` is set on import.
    pub recipient: RecipientInput,
}

/// What an import wrote (or, in a dry run, would write).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ImportSummary {
    pub imported: usize,
    /// Rows that repeat a person or collective already stored (the same name and unit, and
    /// for a recipient the same decision): not imported again.
    pub already_there: usize,
    /// Rows that look like one already stored but differ in their writing (diacritics,
    /// case, spacing): imported, and listed for the organiser to look at.
    pub near_repeats: Vec<NearRepeat>,
    /// Issuers that did not exist and were created (names).
    pub created_issuers: Vec<String>,
    /// Decisions that did not exist and were created ("123/QĐ-UBND of UBND tỉnh Ninh Bình").
    pub created_decisions: Vec<String>,
    /// Of those, the ones the list gives no signer for: their certificates do not print
    /// until the signer is entered.
    pub decisions_without_signer: Vec<String>,
    /// The decisions created: number, issuer, and whether the list gave their signer.
    pub new_decisions: Vec<NewDecision>,
    /// The issuers created, with the heading, signer and place derived from their names,
    /// for the organiser to check and correct.
    pub new_issuers: Vec<NewIssuer>,
}

/// A decision an import created.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NewDecision {
    pub number: String,
    pub issuer: String,
    /// The list named its signer (else its certificates wait for one).
    pub signed: bool,
}

/// A row of a list like a record already stored, written differently.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NearRepeat {
    pub row: usize,
    /// As the row writes it.
    pub name: String,
    /// As the stored record writes it.
    pub stored: String,
}

/// An issuer an import created, as its certificates will print it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NewIssuer {
    pub name: String,
    #[schema(value_type = crate::domain::kinds::IssuerLevel)]
    pub level: String,
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI".
    pub certificate_heading: String,
    pub signer_title: String,
    /// "Gia Lai": the place of its certificates' date lines.
    pub place_name: String,
}

/// The writable fields of a printer's offset for pre-printed blanks.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrinterInput {
    /// "máy in phòng Văn phòng"; unique in the conference.
    #[schema(schema_with = text::short)]
    pub name: String,
    /// To the right, in mm, −50 to 50 (read off the calibration page's rulers).
    #[schema(minimum = -50.0, maximum = 50.0)]
    pub offset_x_mm: f64,
    /// Downwards, in mm, −50 to 50.
    #[schema(minimum = -50.0, maximum = 50.0)]
    pub offset_y_mm: f64,
}

impl PrinterInput {
    /// The largest offset a printer may need, either way, in mm.
    pub const MAX_OFFSET_MM: f64 = 50.0;

    /// Normalise the text and check every field, reporting all problems at once.
    pub fn validate(&mut self) -> Result<(), Vec<FieldError>> {
        let i = self;
        let mut c = Checker::new();
        c.text("name", &mut i.name, SHORT);
        for (field, v) in [
            ("offset_x_mm", i.offset_x_mm),
            ("offset_y_mm", i.offset_y_mm),
        ] {
            c.check_coded(
                v.is_finite() && v.abs() <= Self::MAX_OFFSET_MM,
                field,
                "offset-range",
                &[("value", v.to_string())],
                format!("must be between -50 and 50 mm, not {v}"),
            );
        }
        c.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record nested in a conference is an object; serde's reading of a record from an
    /// array of its fields is refused.
    #[test]
    fn nested_records_are_objects_only() {
        let base = serde_json::json!({"title": "T", "movement": "M", "year_reviewed": 2019,
            "held_on": "2020-01-10", "host_body": "H", "venue": "V", "place_name": "P"});
        let with = |key: &str, value: serde_json::Value| {
            let mut body = base.clone();
            body[key] = value;
            serde_json::from_value::<ConferenceInput>(body)
        };
        assert!(with("invitation", serde_json::json!(null)).is_ok());
        assert!(with("invitation", serde_json::json!({"number": "1/GM"})).is_ok());
        assert!(with("invitation", serde_json::json!([null, null])).is_err());
        assert!(
            with(
                "key_figures",
                serde_json::json!([{"label": "a", "value": "1"}])
            )
            .is_ok()
        );
        assert!(with("key_figures", serde_json::json!([["a", "1"]])).is_err());
        assert!(with("key_figures", serde_json::json!("a")).is_err());
    }
}
