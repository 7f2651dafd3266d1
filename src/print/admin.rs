//! Pieces every administrative printout shares (Decree 30/2020): the two-column heading with
//! the host body and the national name, the title block, and how people and decisions are
//! named in running text.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

use super::PrintError;
use super::fit::{Align, FitSpec, TextStyle, fit_field};
use super::flow::{BLACK, Block, Flow, RecordedPage, fitted_height};
use super::fonts::FaceStyle;
use super::pdf::{Rect, Surface};
use crate::domain::kinds::{Honorific, RecipientKind};
use crate::domain::model::{Attendee, Conference, Issuer};
use crate::domain::programme::CeremonyDecision;
use crate::domain::summary::{award_phrase, recipients_phrase};
use crate::domain::text::{normalize, place_date_line, short_date, upper};

/// Body text size of administrative documents (13–14 pt; 13 keeps tables readable).
pub const BODY: f32 = 13.0;

/// What the heading of a document shows.
pub struct Heading<'a> {
    pub conference: &'a Conference,
    /// The document's symbol ("CTr" for a programme) when it is numbered; lists and
    /// attachments carry no number line.
    pub symbol: Option<&'a str>,
    /// The registered number ("02/CTr-UBND"); absent, the number is left as dots to fill in.
    pub number: Option<&'a str>,
    /// The date of issue; absent, day and month are left blank to fill in by hand.
    pub dated: Option<NaiveDate>,
    /// The office of the host body that issues the paper ("VĂN PHÒNG HĐND VÀ UBND"): printed
    /// in bold under the host body, which is then its governing body in regular capitals.
    pub issuing_unit: Option<&'a str>,
}

/// What a heading says, for the PDF and the DOCX alike.
pub struct HeadingText {
    /// The left block's lines, each with whether it is bold: the body in full in bold
    /// capitals, its unit on a line of its own ("ỦY BAN NHÂN DÂN" / "HUYỆN KIM SƠN"); with
    /// an issuing office, the body above it in regular capitals and the office in bold; a
    /// parent body the user names, above the body in regular capitals (Decree 30).
    pub body: Vec<(String, bool)>,
    /// "Số: 825/QĐ-UBND", or dots to fill in; none for an unnumbered paper.
    pub number: Option<String>,
    /// "Kim Sơn, ngày 11 tháng 3 năm 2019", or day and month blank.
    pub date_line: String,
}

impl<'a> Heading<'a> {
    pub fn text(&self) -> HeadingText {
        let conf = self.conference;
        let number = match (self.number, self.symbol) {
            (Some(n), _) => Some(format!("Số: {}", normalize(n))),
            (None, Some(symbol)) => Some(format!(
                "Số:        /{symbol}-{}",
                body_abbreviation(&conf.host_body)
            )),
            (None, None) => None,
        };
        let date_line = match self.dated {
            Some(d) => place_date_line(&conf.place_name, d),
            None => format!(
                "{}, ngày      tháng      năm {}",
                conf.place_name,
                conf.held_on.year()
            ),
        };
        let lines = crate::domain::issuers::issuing_body_lines(&conf.host_body);
        let body = match self.issuing_unit {
            Some(unit) => lines
                .into_iter()
                .map(|l| (l, false))
                .chain([(upper(&normalize(unit)), true)])
                .collect(),
            None => {
                let settings =
                    crate::domain::input::InvitationSettings::of(conf.invitation.as_ref());
                settings
                    .parent_body
                    .as_deref()
                    .map(|p| (upper(&normalize(p)), false))
                    .into_iter()
                    .chain(lines.into_iter().map(|l| (l, true)))
                    .collect()
            }
        };
        HeadingText {
            body,
            number,
            date_line,
        }
    }

    /// The heading of a list or attachment: no number line, the date left to fill in.
    pub fn unnumbered(conference: &'a Conference) -> Self {
        Heading {
            conference,
            symbol: None,
            number: None,
            dated: None,
            issuing_unit: None,
        }
    }
}

/// The conference as a paper of `issuer` heads it: the issuer as the issuing body, its
/// place on the date line (the conference's where it has none), no invitation's parent body.
pub fn issued_by(conf: &Conference, issuer: &Issuer) -> Conference {
    let place = normalize(&issuer.place_name);
    Conference {
        host_body: issuer.name.clone(),
        place_name: if place.is_empty() {
            conf.place_name.clone()
        } else {
            place
        },
        invitation: None,
        ..conf.clone()
    }
}

/// The abbreviation of a body for the number line: "UBND" of "UBND huyện Kim Sơn", when
/// its first word is one; otherwise dots for the office to fill in.
pub fn body_abbreviation(host_body: &str) -> &str {
    match host_body.split_whitespace().next() {
        Some(w) if w.chars().count() > 1 && w.chars().all(|c| c.is_uppercase()) => w,
        _ => "……",
    }
}

/// Draw the heading: host body and number on the left, national name and motto on the
/// right, then the place-and-date line under the motto; advances the flow below it.
pub fn heading(flow: &mut Flow, h: &Heading<'_>) -> Result<(), PrintError> {
    let content = flow.frame().content();
    let top = flow.y();
    let left = Rect {
        x: content.x - 12.0,
        y: top,
        w: 80.0,
        h: 6.0,
    };
    let right = Rect {
        x: content.x + content.w - 100.0,
        y: top,
        w: 100.0,
        h: 6.0,
    };
    let conf = h.conference;
    let text = h.text();
    let line = |flow: &mut Flow,
                text: &str,
                face: FaceStyle,
                size: f32,
                rect: Rect,
                underline: bool|
     -> Result<f32, PrintError> {
        let spec = FitSpec {
            face,
            size,
            min_size: size - 2.0,
            max_lines: 2,
        };
        let rect = Rect { h: 12.0, ..rect };
        face.face().check_coverage(text, "tiêu đề", &conf.title)?;
        let fitted = fit_field(text, &spec, rect, "tiêu đề", &conf.title)?;
        let height = super::flow::fitted_height(&fitted);
        let style = TextStyle {
            face,
            align: Align::Centre,
            colour: BLACK,
            underline,
        };
        fitted.draw(flow.page(), Rect { h: height, ..rect }, &style);
        Ok(height)
    };
    let mut y = top;
    for (words, bold) in &text.body {
        let face = if *bold {
            FaceStyle::Bold
        } else {
            FaceStyle::Regular
        };
        y += line(flow, words, face, 13.0, Rect { y, ..left }, false)?;
    }
    let (cx, rule) = (left.x + left.w / 2.0, 12.0);
    flow.page()
        .line(cx - rule, y + 0.8, cx + rule, y + 0.8, 0.6, BLACK);
    y += 3.0;
    if let Some(number) = &text.number {
        line(
            flow,
            number,
            FaceStyle::Regular,
            13.0,
            Rect { y, ..left },
            false,
        )?;
    }
    // Right: the national name, the motto underlined, then the place and date in italics.
    let mut y = top;
    let right_lines = [
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            FaceStyle::Bold,
            12.5,
            false,
        ),
        ("Độc lập - Tự do - Hạnh phúc", FaceStyle::Bold, 13.0, true),
        (text.date_line.as_str(), FaceStyle::Italic, 13.0, false),
    ];
    for (at, (words, face, size, underline)) in right_lines.into_iter().enumerate() {
        if at == 2 {
            y += 3.0;
        }
        y += line(flow, words, face, size, Rect { y, ..right }, underline)?;
    }
    flow.advance(y - top + 8.0);
    Ok(())
}

/// The title block: the kind of document in bold capitals, the conference's title under it
/// in bold, and a short rule.
pub fn title(flow: &mut Flow, kind: &str, subject: &str, owner: &str) -> Result<(), PrintError> {
    let big = Block::new(FaceStyle::Bold, 14.0, Align::Centre);
    flow.paragraph(kind, &big, "tiêu đề", owner)?;
    flow.paragraph(subject, &big, "tiêu đề", owner)?;
    let content = flow.frame().content();
    // The rule under the summary stands clear of it (a line's descenders end ~1.5 mm above
    // the line box's foot), a third of the line long.
    let (cx, y) = (content.x + content.w / 2.0, flow.y() + 1.5);
    flow.page().line(cx - 20.0, y, cx + 20.0, y, 0.6, BLACK);
    flow.advance(5.5);
    Ok(())
}

/// "Ông Đặng Văn Ngọc", "Đồng chí …", or the bare name when no honorific is known.
pub fn addressed(honorific: Option<&str>, name: &str) -> String {
    let name = normalize(name);
    match honorific.and_then(Honorific::from_code) {
        Some(h) => format!("{} {}", h.label(), name),
        None => name,
    }
}

/// The attendee's name with honorific.
pub fn attendee_name(a: &Attendee) -> String {
    addressed(a.honorific.as_deref(), &a.full_name)
}

/// "Trưởng Công an xã Kim Chính": position and organisation, as known, written as a person
/// writes them (the unit's repeat of the position merged).
pub fn attendee_role(a: &Attendee) -> String {
    crate::domain::text::unit_capitals(&crate::domain::text::position_and_unit(
        &normalize(a.position.as_deref().unwrap_or("")),
        &normalize(a.organisation.as_deref().unwrap_or("")),
    ))
}

/// "Quyết định số 456/QĐ-UBND ngày 10/3/2019 của Chủ tịch UBND tỉnh Ninh Bình tặng Bằng khen":
/// the head of the issuer decides, as the certificates say.
pub fn decision_sentence(d: &CeremonyDecision) -> String {
    format!(
        "Quyết định số {} ngày {} của {} tặng {}",
        normalize(&d.decision.number),
        short_date(d.decision.decided_on),
        giver(d),
        award_phrase(&d.decision.form, d.decision.title_name.as_deref())
    )
}

/// Who gives a decision's awards: "Chủ tịch UBND tỉnh Ninh Bình", "Bộ trưởng Bộ Công an".
pub fn giver(d: &CeremonyDecision) -> String {
    crate::domain::issuers::giver(&d.issuer.name, &d.issuer.signer_title)
}

/// "2 tập thể và 1 cá nhân": whom a decision honours.
pub fn whom(d: &CeremonyDecision) -> String {
    let collectives = d
        .recipients
        .iter()
        .filter(|r| r.kind == RecipientKind::Collective.code())
        .count() as u32;
    recipients_phrase(collectives, d.recipients.len() as u32 - collectives)
}

/// The conference's time zone, or an error naming it.
pub fn time_zone(conf: &Conference) -> Result<Tz, PrintError> {
    conf.time_zone.parse().map_err(|_| {
        PrintError::InvalidData(format!(
            "the conference's time zone \"{}\" is not an IANA time zone name",
            conf.time_zone
        ))
    })
}

/// "07h30", a clock time in the conference's zone as programmes print it.
pub fn clock(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%Hh%M").to_string()
}

/// "7 giờ 30", a clock time as written in running text.
pub fn clock_words(at: DateTime<Utc>, tz: Tz) -> String {
    let t = at.with_timezone(&tz);
    use chrono::Timelike;
    match t.minute() {
        0 => format!("{} giờ", t.hour()),
        m => format!("{} giờ {:02}", t.hour(), m),
    }
}

/// The signature block at the right: the signer's title in bold capitals (one line per
/// row, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), room to sign and seal, then the name in bold.
/// Kept whole on one page.
/// One or more lines of `text` at (`x`, `y`) within `width` mm; returns the height used.
fn text_line(
    s: &mut RecordedPage,
    text: &str,
    block: &Block,
    x: f32,
    y: f32,
    width: f32,
    owner: &str,
) -> Result<f32, PrintError> {
    block.face.face().check_coverage(text, "nơi nhận", owner)?;
    let spec = FitSpec {
        face: block.face,
        size: block.size,
        min_size: block.size,
        max_lines: 3,
    };
    let rect = Rect {
        x,
        y,
        w: width,
        h: 3.0 * block.line_height(),
    };
    let fitted = fit_field(text, &spec, rect, "nơi nhận", owner)?;
    let h = fitted_height(&fitted);
    let style = TextStyle {
        face: block.face,
        align: block.align,
        colour: BLACK,
        underline: false,
    };
    fitted.draw(s, Rect { h, ..rect }, &style);
    Ok(h)
}

/// "Nơi nhận:" and its entries at the left of the page from `top`, beside the signature
/// block (Decree 30, Appendix I); returns where they end.
pub fn recipients(
    flow: &mut Flow,
    top: f32,
    entries: &[String],
    owner: &str,
) -> Result<f32, PrintError> {
    let x = flow.frame().content().x;
    let mut y = top;
    let heading = Block::new(FaceStyle::BoldItalic, 12.0, Align::Left);
    y += text_line(flow.page(), "Nơi nhận:", &heading, x, y, 75.0, owner)?;
    let entry = Block::new(FaceStyle::Regular, 11.0, Align::Left);
    for r in entries {
        y += text_line(flow.page(), r, &entry, x, y, 75.0, owner)?;
    }
    Ok(y)
}

/// A signer's name as the signature block prints it: a police or military rank on the
/// line above the name ("Đại tá" / "Hoàng Quốc Việt"), where one is given.
pub fn ranked(rank: &str, name: &str) -> String {
    let rank = normalize(rank);
    if rank.is_empty() || name.is_empty() {
        name.to_string()
    } else {
        format!("{rank}\n{name}")
    }
}

pub fn signature(flow: &mut Flow, title: &str, name: &str, owner: &str) -> Result<(), PrintError> {
    const COLUMN: f32 = 80.0;
    const ROOM: f32 = 25.0;
    let block = Block::new(FaceStyle::Bold, BODY, Align::Centre)
        .indented(flow.frame().content().w - COLUMN);
    let lines = (title.lines().count() + name.lines().count().max(1)) as f32;
    flow.advance(4.0);
    flow.ensure(lines * block.line_height() + ROOM);
    flow.paragraph(&upper(&normalize(title)), &block, "người ký", owner)?;
    flow.advance(ROOM);
    flow.paragraph(&normalize(name), &block, "người ký", owner)
}

/// Signatures side by side across the page, as a payment list ends: each title in bold
/// capitals over its `hint` in italics ("(Ký, ghi rõ họ tên)"), then room to sign. Kept
/// whole on one page.
pub fn signatures(
    flow: &mut Flow,
    titles: &[&str],
    hint: &str,
    owner: &str,
) -> Result<(), PrintError> {
    const ROOM: f32 = 25.0;
    let content = flow.frame().content();
    let width = content.w / titles.len().max(1) as f32;
    let bold = Block::new(FaceStyle::Bold, 12.0, Align::Centre);
    let italic = Block::new(FaceStyle::Italic, 11.0, Align::Centre);
    flow.ensure(bold.line_height() + italic.line_height() + ROOM);
    let top = flow.y();
    let mut bottom = top;
    for (i, title) in titles.iter().enumerate() {
        let x = content.x + i as f32 * width;
        let mut y = top;
        y += text_line(flow.page(), title, &bold, x, y, width, owner)?;
        y += text_line(flow.page(), hint, &italic, x, y, width, owner)?;
        bottom = bottom.max(y);
    }
    flow.advance(bottom - top + ROOM);
    Ok(())
}
