//! Formats out: attendee lists and award rosters as XLSX (headers, widths, frozen header
//! row) and CSV (UTF-8 with a byte-order mark, which Excel opens correctly), and the agenda
//! as iCalendar (RFC 5545) in the conference's time zone and as a frab schedule (XML, JSON). The headers are those the import
//! recognises, so an exported list can be imported again.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Offset, TimeZone, Utc};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, XlsxError};

use crate::domain::kinds::{AgendaKind, AttendeeCategory, AwardForm, Honorific, RecipientKind};
use crate::domain::model::{AgendaItem, Attendee, AwardDecision, Conference, Issuer, Recipient};
use crate::domain::text::fold;
use crate::domain::validate::Vocabulary;

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportKind {
    AttendeesXlsx,
    AttendeesCsv,
    RosterXlsx,
    Ics,
    FrabXml,
    FrabJson,
    /// The whole conference as one JSON document (see `backup.rs`).
    Backup,
}

/// An exported file: its media type, a file name and the bytes.
pub struct Download {
    pub content_type: &'static str,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A list to write: headers with their column widths (in characters), then rows.
pub struct Table {
    pub sheet: &'static str,
    pub columns: Vec<(&'static str, f64)>,
    pub rows: Vec<Vec<String>>,
}

/// The Vietnamese label of a stored code (the code itself if unknown).
fn label<V: Vocabulary>(code: &str) -> String {
    V::label_of(code).unwrap_or(code).to_string()
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// The attendee list, in introduction order.
pub fn attendee_table(attendees: &[Attendee]) -> Table {
    let rows = attendees
        .iter()
        .enumerate()
        .map(|(i, a)| {
            vec![
                (i + 1).to_string(),
                a.honorific
                    .as_deref()
                    .map(label::<Honorific>)
                    .unwrap_or_default(),
                a.full_name.clone(),
                opt(&a.position),
                opt(&a.organisation),
                label::<AttendeeCategory>(&a.category),
                a.rank.to_string(),
                opt(&a.contact),
                opt(&a.seat),
            ]
        })
        .collect();
    Table {
        sheet: "Đại biểu",
        columns: vec![
            ("STT", 6.0),
            ("Danh xưng", 11.0),
            ("Họ và tên", 28.0),
            ("Chức vụ", 36.0),
            ("Đơn vị", 36.0),
            ("Thành phần", 14.0),
            ("Thứ tự", 8.0),
            ("Liên hệ", 20.0),
            ("Ghế", 8.0),
        ],
        rows,
    }
}

/// The award roster: every recipient with its decision and issuer, decision by decision.
pub fn roster_table(
    recipients: &[Recipient],
    decisions: &[AwardDecision],
    issuers: &[Issuer],
) -> Table {
    let decisions: HashMap<i32, &AwardDecision> = decisions.iter().map(|d| (d.id, d)).collect();
    let issuers: HashMap<i32, &Issuer> = issuers.iter().map(|i| (i.id, i)).collect();
    let rows = recipients
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let d = decisions.get(&r.decision_id);
            let issuer = d.and_then(|d| issuers.get(&d.issuer_id));
            vec![
                (i + 1).to_string(),
                d.map(|d| d.number.clone()).unwrap_or_default(),
                d.map(|d| d.decided_on.format("%d/%m/%Y").to_string())
                    .unwrap_or_default(),
                issuer.map(|i| i.name.clone()).unwrap_or_default(),
                d.map(|d| label::<AwardForm>(&d.form)).unwrap_or_default(),
                d.and_then(|d| d.title_name.clone()).unwrap_or_default(),
                label::<RecipientKind>(&r.kind),
                r.honorific
                    .as_deref()
                    .map(label::<Honorific>)
                    .unwrap_or_default(),
                r.name.clone(),
                opt(&r.position),
                opt(&r.unit),
                opt(&r.reason),
                opt(&r.register_number),
                d.map(|d| d.signer_title.clone()).unwrap_or_default(),
                d.map(|d| d.signer_name.clone()).unwrap_or_default(),
            ]
        })
        .collect();
    Table {
        sheet: "Khen thưởng",
        columns: vec![
            ("STT", 6.0),
            ("Số quyết định", 16.0),
            ("Ngày quyết định", 14.0),
            ("Cơ quan khen thưởng", 28.0),
            ("Hình thức", 14.0),
            ("Danh hiệu", 20.0),
            ("Cá nhân/Tập thể", 10.0),
            ("Danh xưng", 10.0),
            ("Họ và tên", 32.0),
            ("Chức vụ", 28.0),
            ("Đơn vị", 32.0),
            ("Lý do", 40.0),
            ("Số sổ vàng", 12.0),
            ("Chức vụ người ký", 22.0),
            ("Người ký", 22.0),
        ],
        rows,
    }
}

/// The table as an XLSX workbook: bold bordered headers, set widths, the header row frozen.
pub fn xlsx(table: &Table) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(table.sheet)?;
    let bold = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    for (c, (header, width)) in table.columns.iter().enumerate() {
        let c = c as u16;
        sheet.write_with_format(0, c, *header, &bold)?;
        sheet.set_column_width(c, *width)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write(r as u32 + 1, c as u16, value)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    // Fixed document dates keep the output the same for the same data.
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?);
    book.set_properties(&props);
    book.save_to_buffer()
}

/// The characters that make a spreadsheet read a CSV cell as a formula (OWASP, "CSV
/// Injection"): a name typed as `=HYPERLINK(…)` would run when the export is opened.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell starts like a formula, after any quotes: such a cell is written with one
/// quote more, so that the import, taking one off, reads back what was written.
pub fn starts_like_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell as a CSV export writes it: one starting like a formula gets a leading `'`, which
/// spreadsheets show as text; the import takes it off again (`sheet::unescape_formula`).
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if starts_like_formula(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The table as CSV, UTF-8 with a byte-order mark so that Excel reads Vietnamese correctly.
/// No cell can be read as a formula (see `neutralise_formula`). XLSX needs no such care:
/// `xlsx` writes every cell as a string, never a formula.
pub fn csv(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(table.columns.iter().map(|(h, _)| *h))?;
        for row in &table.rows {
            w.write_record(row.iter().map(|c| neutralise_formula(c).into_owned()))?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The agenda as an iCalendar feed: one event per item, its times in the conference's time
/// zone with a VTIMEZONE that defines it, and the item's guid as the event's UID.
pub fn ics(conf: &Conference, items: &[AgendaItem]) -> String {
    let tz: chrono_tz::Tz = conf
        .time_zone
        .parse()
        .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
    let mut out = String::new();
    let mut line = |s: String| fold_line(&mut out, &s);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//hoinghi//agenda//VI".into());
    line("CALSCALE:GREGORIAN".into());
    line(format!("X-WR-CALNAME:{}", text(&conf.title)));
    line(format!("X-WR-TIMEZONE:{}", tz.name()));
    // The offset on the conference day; Vietnam has kept one offset since 1975.
    let day = conf.held_on.and_hms_opt(0, 0, 0).unwrap_or_default();
    let offset = tz.offset_from_utc_datetime(&day).fix().local_minus_utc();
    let hhmm = format!(
        "{}{:02}{:02}",
        if offset < 0 { '-' } else { '+' },
        offset.abs() / 3600,
        offset.abs() % 3600 / 60
    );
    line("BEGIN:VTIMEZONE".into());
    line(format!("TZID:{}", tz.name()));
    line("BEGIN:STANDARD".into());
    line("DTSTART:19700101T000000".into());
    line(format!("TZOFFSETFROM:{hhmm}"));
    line(format!("TZOFFSETTO:{hhmm}"));
    line("END:STANDARD".into());
    line("END:VTIMEZONE".into());
    let stamp = DateTime::<Utc>::from_naive_utc_and_offset(day, Utc).format("%Y%m%dT%H%M%SZ");
    for item in items {
        let start = item.starts_at.with_timezone(&tz);
        let end = start + Duration::minutes(item.duration_minutes.max(0) as i64);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}@hoinghi", item.guid));
        line(format!("DTSTAMP:{stamp}"));
        line(format!(
            "DTSTART;TZID={}:{}",
            tz.name(),
            start.format("%Y%m%dT%H%M%S")
        ));
        line(format!(
            "DTEND;TZID={}:{}",
            tz.name(),
            end.format("%Y%m%dT%H%M%S")
        ));
        line(format!("SUMMARY:{}", text(&item.title)));
        line(format!("LOCATION:{}", text(&conf.venue)));
        let mut description = label::<AgendaKind>(&item.kind);
        if let Some(p) = &item.presenter_text {
            description.push_str(&format!("\n{p}"));
        }
        line(format!("DESCRIPTION:{}", text(&description)));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// One agenda item as a frab event, in the conference's time zone.
struct FrabEvent<'a> {
    item: &'a AgendaItem,
    start: DateTime<chrono_tz::Tz>,
    end: DateTime<chrono_tz::Tz>,
    slug: String,
}

/// A frab schedule day: its events in order.
struct FrabDay<'a> {
    index: usize,
    date: chrono::NaiveDate,
    events: Vec<FrabEvent<'a>>,
}

/// What the frab XML and JSON share: the acronym as the schema wants it ("hntk_2018"), the
/// time zone, and the items grouped by local day.
struct Frab<'a> {
    conf: &'a Conference,
    acronym: String,
    tz: chrono_tz::Tz,
    days: Vec<FrabDay<'a>>,
}

impl<'a> Frab<'a> {
    fn new(conf: &'a Conference, items: &'a [AgendaItem]) -> Self {
        let tz: chrono_tz::Tz = conf
            .time_zone
            .parse()
            .unwrap_or(chrono_tz::Asia::Ho_Chi_Minh);
        // Both schemas: lower-case letters, digits and '_', at least four.
        let mut acronym: String = fold(conf.acronym.as_deref().unwrap_or(&conf.title))
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        if conf.acronym.is_none() || acronym.is_empty() {
            acronym = format!("hoinghi_{}", conf.id);
        }
        while acronym.len() < 4 {
            acronym.push('_');
        }
        let mut sorted: Vec<&AgendaItem> = items.iter().collect();
        sorted.sort_by_key(|i| (i.starts_at, i.position, i.id));
        let mut days: Vec<FrabDay> = Vec::new();
        for item in sorted {
            let start = item.starts_at.with_timezone(&tz);
            let end = start + Duration::minutes(item.duration_minutes.max(0) as i64);
            let words = fold(&item.title)
                .split(' ')
                .map(|w| {
                    w.chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect::<String>()
                })
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join("-");
            let slug = format!(
                "{acronym}-{}-{}",
                item.id,
                if words.is_empty() { "item" } else { &words }
            );
            let event = FrabEvent {
                item,
                start,
                end,
                slug,
            };
            match days.last_mut() {
                Some(day) if day.date == start.date_naive() => day.events.push(event),
                _ => days.push(FrabDay {
                    index: days.len() + 1,
                    date: start.date_naive(),
                    events: vec![event],
                }),
            }
        }
        Frab {
            conf,
            acronym,
            tz,
            days,
        }
    }

    fn first_day(&self) -> chrono::NaiveDate {
        self.days.first().map_or(self.conf.held_on, |d| d.date)
    }

    fn last_day(&self) -> chrono::NaiveDate {
        self.days.last().map_or(self.conf.held_on, |d| d.date)
    }

    fn day_bounds(&self, day: &FrabDay) -> (String, String) {
        let start = day.events.first().map(|e| e.start);
        let end = day.events.iter().map(|e| e.end).max();
        let midnight = || {
            self.tz
                .from_local_datetime(&day.date.and_hms_opt(0, 0, 0).unwrap_or_default())
                .single()
                .map(|t| t.to_rfc3339())
                .unwrap_or_default()
        };
        (
            start.map_or_else(midnight, |t| t.to_rfc3339()),
            end.map_or_else(midnight, |t| t.to_rfc3339()),
        )
    }
}

fn hhmm(minutes: i32) -> String {
    let m = minutes.max(0);
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The agenda as a frab schedule in JSON (c3voc schema.json), as Giggity, EventFahrplan and
/// ConfClerk read it. Each event keeps the item's id and guid.
pub fn frab_json(conf: &Conference, items: &[AgendaItem]) -> serde_json::Value {
    use serde_json::json;
    let frab = Frab::new(conf, items);
    let days: Vec<serde_json::Value> = frab
        .days
        .iter()
        .map(|day| {
            let (day_start, day_end) = frab.day_bounds(day);
            let events: Vec<serde_json::Value> = day
                .events
                .iter()
                .map(|e| {
                    let persons: Vec<serde_json::Value> = e
                        .item
                        .presenter_text
                        .iter()
                        .map(|p| json!({"name": p, "public_name": p}))
                        .collect();
                    json!({
                        "guid": e.item.guid,
                        "id": e.item.id,
                        "date": e.start.to_rfc3339(),
                        "start": e.start.format("%H:%M").to_string(),
                        "duration": hhmm(e.item.duration_minutes),
                        "room": conf.venue,
                        "slug": e.slug,
                        "url": format!("urn:uuid:{}", e.item.guid),
                        "title": e.item.title,
                        "subtitle": null,
                        "track": label::<AgendaKind>(&e.item.kind),
                        "type": e.item.kind,
                        "language": "vi",
                        // An item's notes are the organisers' own: public feeds carry none.
                        "abstract": null,
                        "persons": persons,
                        "links": [],
                    })
                })
                .collect();
            let mut rooms = serde_json::Map::new();
            rooms.insert(conf.venue.clone(), serde_json::Value::Array(events));
            json!({
                "index": day.index,
                "date": day.date.to_string(),
                "day_start": day_start,
                "day_end": day_end,
                "rooms": rooms,
            })
        })
        .collect();
    json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "hoinghi", "version": env!("CARGO_PKG_VERSION")},
        "schedule": {
            "version": conf.version.to_string(),
            "conference": {
                "acronym": frab.acronym,
                "title": conf.title,
                "start": frab.first_day().to_string(),
                "end": frab.last_day().to_string(),
                "daysCount": frab.days.len().max(1),
                "timeslot_duration": "00:15",
                "time_zone_name": frab.tz.name(),
                "days": days,
            }
        }
    })
}

/// The agenda as a frab schedule in XML (c3voc schedule.xml.xsd).
pub fn frab_xml(conf: &Conference, items: &[AgendaItem]) -> String {
    let frab = Frab::new(conf, items);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n");
    x.push_str(&format!(
        "  <generator name=\"hoinghi\" version=\"{}\"/>\n  <version>{}</version>\n",
        env!("CARGO_PKG_VERSION"),
        conf.version
    ));
    x.push_str(&format!(
        "  <conference>\n    <title>{}</title>\n    <acronym>{}</acronym>\n    <start>{}</start>\n    <end>{}</end>\n    <days>{}</days>\n    <timeslot_duration>00:15</timeslot_duration>\n    <time_zone_name>{}</time_zone_name>\n  </conference>\n",
        xml(&conf.title),
        frab.acronym,
        frab.first_day(),
        frab.last_day(),
        frab.days.len().max(1),
        frab.tz.name()
    ));
    for day in &frab.days {
        let (start, end) = frab.day_bounds(day);
        x.push_str(&format!(
            "  <day index=\"{}\" date=\"{}\" start=\"{start}\" end=\"{end}\">\n    <room name=\"{}\">\n",
            day.index,
            day.date,
            xml(&conf.venue)
        ));
        for e in &day.events {
            let i = e.item;
            x.push_str(&format!(
                "      <event id=\"{}\" guid=\"{}\">\n        <room>{}</room>\n        <title>{}</title>\n        <subtitle></subtitle>\n        <type>{}</type>\n        <date>{}</date>\n        <start>{}</start>\n        <duration>{}</duration>\n        <abstract></abstract>\n        <slug>{}</slug>\n        <track>{}</track>\n        <language>vi</language>\n        <persons>",
                i.id,
                i.guid,
                xml(&conf.venue),
                xml(&i.title),
                i.kind,
                e.start.to_rfc3339(),
                e.start.format("%H:%M"),
                hhmm(i.duration_minutes),
                e.slug,
                xml(&label::<AgendaKind>(&i.kind)),
            ));
            if let Some(p) = &i.presenter_text {
                x.push_str(&format!("<person>{}</person>", xml(p)));
            }
            x.push_str("</persons>\n        <links></links>\n      </event>\n");
        }
        x.push_str("    </room>\n  </day>\n");
    }
    x.push_str("</schedule>\n");
    x
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Escape a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Write a content line folded at 75 octets, never inside a character (RFC 5545 §3.1).
fn fold_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        fold_line(
            &mut out,
            &format!("SUMMARY:{}", "Tổng kết phong trào thi đua ".repeat(5)),
        );
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert!(unfolded.starts_with("SUMMARY:Tổng kết"));
    }

    /// Defect 5 of issue 11: cells beginning like a formula were written as they are, so
    /// `=HYPERLINK(…)` in a name ran when the export was opened in Excel.
    #[test]
    fn csv_cells_never_start_a_formula_and_read_back_the_same() {
        let cells = [
            "=HYPERLINK(\"http://x.example\",\"Bấm\")",
            "+84 912 345 678",
            "-1",
            "@SUM(A1)",
            "\tTab",
            "\rCR",
            "'quoted already",
            "'=already escaped",
            "Nguyễn Văn A",
            "",
        ];
        let t = Table {
            sheet: "x",
            columns: vec![("Họ và tên", 10.0)],
            rows: cells.iter().map(|c| vec![c.to_string()]).collect(),
        };
        let bytes = csv(&t).unwrap();
        let text = std::str::from_utf8(&bytes[3..]).unwrap();
        let mut reader = ::csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let written: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        for w in &written {
            assert!(!w.starts_with(FORMULA_STARTS), "{w:?}");
        }
        assert_eq!(written[0], "'=HYPERLINK(\"http://x.example\",\"Bấm\")");
        assert_eq!(written[2], "'-1");
        assert_eq!(written[6], "'quoted already");
        assert_eq!(written[7], "''=already escaped");
        // The import reads the export back to the same values.
        let grid = crate::interop::sheet::read(&bytes, None).unwrap();
        let read: Vec<&str> = grid.rows[1..]
            .iter()
            .map(|r| r.cells.first().map_or("", String::as_str))
            .collect();
        let mut expected: Vec<&str> = cells.to_vec();
        expected.pop(); // the empty row is skipped
        assert_eq!(read, expected);
    }

    #[test]
    fn csv_starts_with_a_bom() {
        let t = Table {
            sheet: "x",
            columns: vec![("Họ và tên", 10.0)],
            rows: vec![vec!["Đặng, Văn \"Ngọc\"".into()]],
        };
        let bytes = csv(&t).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(
            std::str::from_utf8(&bytes[3..]).unwrap(),
            "Họ và tên\n\"Đặng, Văn \"\"Ngọc\"\"\"\n"
        );
    }
}

/// Payment lists for the accountant: a sheet per decision (named by its number), the
/// amounts as numbers formatted "#,##0", the total a SUM formula (its value kept, so a
/// reader that does not calculate sees it too), the total in words, and the signers.
pub fn payments_xlsx(lists: &[crate::print::PaymentList<'_>]) -> Result<Vec<u8>, XlsxError> {
    use crate::domain::cash;
    use crate::domain::summary::award_phrase;
    use rust_xlsxwriter::Formula;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0");
    let total_money = money.clone().set_bold();
    let mut names: Vec<String> = Vec::new();
    for list in lists {
        let d = list.decision;
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&d.decision.number, &names))?;
        names.push(sheet.name());
        let form = award_phrase(&d.decision.form, d.decision.title_name.as_deref());
        sheet.write_with_format(0, 0, "DANH SÁCH NHẬN TIỀN THƯỞNG", &bold)?;
        sheet.write(
            1,
            0,
            format!("{form} của {}", crate::print::admin::giver(d)),
        )?;
        sheet.write(2, 0, format!("({})", list.attached_to()))?;
        let columns = [
            ("STT", 6.0),
            ("Tập thể, cá nhân", 36.0),
            ("Đơn vị", 32.0),
            ("Hình thức", 20.0),
            ("Số tiền (đồng)", 16.0),
            ("Ký nhận", 16.0),
        ];
        const HEAD: u32 = 4;
        for (c, (title, width)) in columns.iter().enumerate() {
            sheet.write_with_format(HEAD, c as u16, *title, &header)?;
            sheet.set_column_width(c as u16, *width)?;
        }
        let mut row = HEAD + 1;
        for (n, &(i, amount)) in list.paid.iter().enumerate() {
            let r = &d.recipients[i];
            sheet.write_with_format(row, 0, (n + 1) as f64, &cell)?;
            sheet.write_with_format(row, 1, crate::print::roster::recipient_label(r), &cell)?;
            sheet.write_with_format(row, 2, r.unit.as_deref().unwrap_or(""), &cell)?;
            sheet.write_with_format(row, 3, &form, &cell)?;
            sheet.write_with_format(row, 4, amount as f64, &money)?;
            sheet.write_with_format(row, 5, "", &cell)?;
            row += 1;
        }
        let total = list.total();
        sheet.write_with_format(row, 1, "Tổng cộng", &header)?;
        let sum =
            Formula::new(format!("=SUM(E{}:E{})", HEAD + 2, row)).set_result(total.to_string());
        sheet.write_formula_with_format(row, 4, sum, &total_money)?;
        sheet.write(row + 1, 0, format!("Bằng chữ: {}.", cash::words(total)))?;
        for (k, signer) in crate::print::payments::SIGNERS.iter().enumerate() {
            sheet.write_with_format(row + 3, (k * 2) as u16, *signer, &bold)?;
        }
        sheet.set_freeze_panes(HEAD + 1, 0)?;
    }
    if lists.is_empty() {
        book.add_worksheet().set_name("Tiền thưởng")?;
    }
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?);
    book.set_properties(&props);
    book.save_to_buffer()
}

/// A sheet's name from a decision's number: "456-QĐ-UBND" (a sheet's name has no "/" and at
/// most 31 characters), numbered on where two would be the same.
fn sheet_name(number: &str, taken: &[String]) -> String {
    let base: String = number
        .chars()
        .map(|c| if "/\\?*[]:'".contains(c) { '-' } else { c })
        .take(26)
        .collect();
    let base = if base.trim().is_empty() {
        "QĐ".to_string()
    } else {
        base
    };
    let mut name = base.clone();
    let mut n = 1;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        n += 1;
        name = format!("{base} ({n})");
    }
    name
}
