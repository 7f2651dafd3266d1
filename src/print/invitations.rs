//! Invitations (giấy mời), one A4 page per delegate as an administrative document of
//! Decree 30/2020, each with the delegate's check-in QR code drawn as vector modules (no
//! image) and the code in text under it; and the envelope labels for them on an A4 label
//! sheet whose grid is data ([`LabelSheet`]).

use chrono::{DateTime, Utc};

use super::PrintError;
use super::admin::{self, Heading};
use super::fit::{Align, FitSpec, TextStyle, fit_field};
use super::flow::{A4, BLACK, Block, Flow, PageFrame, RecordedPage, render_pages};
use super::fonts::FaceStyle;
use super::pdf::{Rect, Surface};
use super::qr::{QUIET, draw_qr};
use crate::domain::code;
use crate::domain::input::InvitationSettings;
use crate::domain::model::{Attendee, Conference};
use crate::domain::text::{long_date, normalize, upper};
use crate::domain::validate::normalize_lines;

/// Body text of the invitation (Decree 30: 13–14 pt).
const BODY: f32 = 14.0;
/// The QR code's module, in mm: version 1 (21 modules) is 21 mm, read at 150 dpi with six
/// pixels a module and by any phone at arm's length.
const MODULE: f32 = 1.0;
/// Height kept free at the foot of the page for the QR code and its caption.
const QR_BAND: f32 = 42.0;

/// Everything an invitation says, resolved from the conference and its settings.
pub struct Invitation<'a> {
    pub conference: &'a Conference,
    pub settings: InvitationSettings,
    /// When the conference starts: the first agenda item, if any.
    pub starts_at: Option<DateTime<Utc>>,
}

impl Invitation<'_> {
    /// "Số: 15/GM-UBND"'s number, or `None` to leave dots.
    fn number(&self) -> Option<&str> {
        self.settings.number.as_deref()
    }

    /// "Dự Hội nghị tổng kết …", unless the settings say otherwise. A document with a named
    /// type (GIẤY MỜI) puts its summary directly under the name; "V/v" belongs to a công văn
    /// only (Decree 30, Appendix I).
    pub fn subject(&self) -> String {
        match &self.settings.subject {
            Some(s) => normalize(s),
            None => format!("Dự {}", normalize(&self.conference.title)),
        }
    }

    /// "7 giờ 30, thứ Năm, ngày 14 tháng 3 năm 2019".
    fn when(&self) -> Result<String, PrintError> {
        let tz = admin::time_zone(self.conference)?;
        let clock = match (&self.settings.time, self.starts_at) {
            (Some(t), _) => Some(normalize(t)),
            (None, Some(at)) => Some(admin::clock_words(at, tz)),
            (None, None) => None,
        };
        // "thứ Năm, ngày 14 tháng 3 năm 2019": the day of the week, as a meeting is called.
        let held = self.conference.held_on;
        let date = format!(
            "{}, {}",
            crate::domain::text::weekday(held),
            long_date(held)
        );
        Ok(match clock {
            Some(c) => format!("{c}, {date}"),
            None => date,
        })
    }

    /// The signer's title, one line per row: the settings' or, for a People's Committee,
    /// "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", otherwise the organising committee's head.
    pub fn signer_title(&self) -> String {
        if let Some(t) = &self.settings.signer_title {
            return normalize_lines(t);
        }
        let body = normalize(&self.conference.host_body);
        let committee = ["UBND ", "Ủy ban nhân dân ", "ỦY BAN NHÂN DÂN "]
            .iter()
            .any(|p| body.starts_with(p));
        if committee {
            "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH".into()
        } else {
            "TM. BAN TỔ CHỨC\nTRƯỞNG BAN".into()
        }
    }

    /// The signer's name as the signature block prints it, the rank above it where one is
    /// given ([`admin::ranked`]); empty: left blank to sign and write in.
    pub fn signer_name(&self) -> String {
        let name = normalize(self.settings.signer_name.as_deref().unwrap_or_default());
        admin::ranked(
            self.settings.signer_rank.as_deref().unwrap_or_default(),
            &name,
        )
    }

    /// "Nơi nhận" entries, each starting "- ".
    pub fn recipients(&self) -> Vec<String> {
        let list = match &self.settings.recipients {
            Some(r) => normalize_lines(r),
            None => "Như trên;\nLưu: VT.".into(),
        };
        list.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                if l.starts_with('-') {
                    l.to_string()
                } else {
                    format!("- {l}")
                }
            })
            .collect()
    }
}

/// Render one invitation page per attendee, in the order given (the caller's rank order).
/// Every attendee must have a check-in code.
pub fn render_invitations(
    inv: &Invitation<'_>,
    attendees: &[Attendee],
) -> Result<Vec<u8>, PrintError> {
    if attendees.is_empty() {
        return Err(PrintError::InvalidData(
            "there are no delegates to print invitations for".into(),
        ));
    }
    let pages = attendees
        .iter()
        .map(|a| page(inv, a))
        .collect::<Result<Vec<_>, _>>()?;
    render_pages(
        &pages,
        A4,
        &format!("Giấy mời - {}", normalize(&inv.conference.title)),
    )
}

fn page(inv: &Invitation<'_>, a: &Attendee) -> Result<RecordedPage, PrintError> {
    let conf = inv.conference;
    let owner = a.full_name.as_str();
    let code = a.checkin_code.as_deref().ok_or_else(|| {
        PrintError::InvalidData(format!("the delegate \"{owner}\" has no check-in code"))
    })?;
    let frame = PageFrame {
        bottom: PageFrame::ADMINISTRATIVE.bottom + QR_BAND,
        ..PageFrame::ADMINISTRATIVE
    };
    let mut flow = Flow::new(frame);
    admin::heading(
        &mut flow,
        &Heading {
            conference: conf,
            symbol: Some("GM"),
            number: inv.number(),
            dated: inv.settings.dated,
            issuing_unit: inv.settings.issuing_unit.as_deref(),
        },
    )?;
    admin::title(&mut flow, "GIẤY MỜI", &inv.subject(), owner)?;
    flow.advance(2.0);

    let plain = Block::new(FaceStyle::Regular, BODY, Align::Left);
    // The body's paragraphs start a tab in, their other lines at the margin (Decree 30).
    let left = plain.first_line_indented(10.0);
    let centred_bold = Block::new(FaceStyle::Bold, BODY, Align::Centre);
    let centred = Block::new(FaceStyle::Regular, BODY, Align::Centre);
    flow.paragraph(
        &format!("{} trân trọng kính mời:", normalize(&conf.host_body)),
        &plain,
        "cơ quan chủ trì",
        owner,
    )?;
    flow.advance(1.5);
    flow.paragraph(&admin::attendee_name(a), &centred_bold, "họ và tên", owner)?;
    let role = admin::attendee_role(a);
    if !role.is_empty() {
        flow.paragraph(&role, &centred, "chức vụ, đơn vị", owner)?;
    }
    flow.advance(1.5);
    flow.paragraph(
        &format!("Tới dự {}.", normalize(&conf.title)),
        &left,
        "tên hội nghị",
        owner,
    )?;
    flow.advance(1.0);
    flow.paragraph(
        &format!("Thời gian: {}.", inv.when()?),
        &left,
        "thời gian",
        owner,
    )?;
    flow.advance(1.0);
    flow.paragraph(
        &format!("Địa điểm: {}.", normalize(&conf.venue)),
        &left,
        "địa điểm",
        owner,
    )?;
    if let Some(bring) = &inv.settings.bring {
        flow.advance(1.0);
        flow.paragraph(&normalize_lines(bring), &left, "đề nghị chuẩn bị", owner)?;
    }
    flow.advance(1.0);
    // The reader is addressed as the invitation names him ("Ông …" then "Rất mong Ông").
    let address = a
        .honorific
        .as_deref()
        .and_then(crate::domain::kinds::Honorific::from_code)
        .map_or("đại biểu", |h| h.label());
    flow.paragraph(
        &format!("Rất mong {address} đến dự đúng giờ./."),
        &left,
        "lời mời",
        owner,
    )?;

    // "Nơi nhận" at the left, beside the signature block (drawn from the same height).
    let top = flow.y() + 4.0;
    let y = admin::recipients(&mut flow, top, &inv.recipients(), owner)?;
    admin::signature(&mut flow, &inv.signer_title(), &inv.signer_name(), owner)?;
    let bottom = flow.y().max(y);
    let mut pages = flow.into_pages(false);
    if pages.len() > 1 || bottom > frame.size.1 - frame.bottom + 0.01 {
        return Err(PrintError::TextDoesNotFit {
            field: "giấy mời".into(),
            recipient: owner.into(),
            text: inv.subject(),
            detail: "the invitation does not fit one page; shorten what to bring, the \"Nơi nhận\" list or the subject".into(),
        });
    }
    let mut page = pages.remove(0);
    qr_block(
        &mut page,
        code,
        frame.content().x,
        frame.size.1 - frame.bottom + 2.0,
    )?;
    Ok(page)
}

/// The check-in block at the foot: the QR code, the code in groups of four under it, and
/// what it is for beside it.
fn qr_block(s: &mut RecordedPage, code: &str, x: f32, y: f32) -> Result<(), PrintError> {
    let side = draw_qr(s, code, x - QUIET as f32 * MODULE, y, MODULE)?;
    let symbol = side - 2.0 * QUIET as f32 * MODULE;
    let grouped = code::grouped(code);
    let face = FaceStyle::Bold;
    let size = 10.0;
    let width = face.face().width_pt(&grouped, size) / super::pdf::MM;
    // Centred under the symbol, but never into the left margin (the code is wider).
    s.text(
        face,
        size,
        (x + (symbol - width) / 2.0).max(x),
        y + side - QUIET as f32 * MODULE + 4.0,
        &grouped,
        BLACK,
    );
    let caption_x = x + symbol + 6.0;
    let lines = [
        (FaceStyle::Bold, "Mã đón tiếp đại biểu"),
        (
            FaceStyle::Italic,
            "Xin xuất trình mã này (hoặc đọc mã số in dưới) tại bàn đón tiếp.",
        ),
    ];
    let mut baseline = y + QUIET as f32 * MODULE + 4.0;
    for (face, text) in lines {
        s.text(face, 11.0, caption_x, baseline, text, BLACK);
        baseline += 5.5;
    }
    Ok(())
}

#[cfg(test)]
mod margin_tests {
    use super::*;

    /// The check-in code's text stays inside the 30 mm left margin (it reached 21 mm).
    #[test]
    fn the_code_under_the_qr_stays_within_the_margin() {
        let frame = PageFrame::ADMINISTRATIVE;
        struct Lefts(Vec<f32>);
        impl Surface for Lefts {
            fn text(
                &mut self,
                _: FaceStyle,
                _: f32,
                x: f32,
                _: f32,
                _: &str,
                _: crate::print::pdf::Rgb,
            ) {
                self.0.push(x);
            }
            fn line(&mut self, _: f32, _: f32, _: f32, _: f32, _: f32, _: crate::print::pdf::Rgb) {}
            fn rect(&mut self, _: Rect, _: f32, _: crate::print::pdf::Rgb, _: bool) {}
            fn fill_rect(&mut self, _: Rect, _: crate::print::pdf::Rgb) {}
            fn image(&mut self, _: usize, _: Rect) {}
        }
        let mut page = RecordedPage::default();
        qr_block(&mut page, "VA1PFYRM4BAZ1V9S", frame.content().x, 250.0).unwrap();
        let mut lefts = Lefts(Vec::new());
        page.replay(&mut lefts);
        let leftmost = lefts.0.iter().copied().fold(f32::MAX, f32::min);
        assert!(
            leftmost >= frame.content().x - 0.01,
            "{leftmost} < {}",
            frame.content().x
        );
    }
}

/// An A4 sheet of self-adhesive labels: the grid as data, in mm.
#[derive(Debug, Clone, Copy, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct LabelSheet {
    pub columns: usize,
    pub rows: usize,
    /// Left edge of the first column and top edge of the first row.
    pub margin_left: f32,
    pub margin_top: f32,
    pub label_w: f32,
    pub label_h: f32,
    /// Space between two columns and between two rows.
    pub gap_x: f32,
    pub gap_y: f32,
}

impl LabelSheet {
    /// The common A4 sheet of 14 labels, 2 × 7 of 99.1 × 38.1 mm (Avery L7163 and its
    /// peers).
    pub const A4_14: LabelSheet = LabelSheet {
        columns: 2,
        rows: 7,
        margin_left: 4.65,
        margin_top: 15.15,
        label_w: 99.1,
        label_h: 38.1,
        gap_x: 2.5,
        gap_y: 0.0,
    };

    /// The grid must lie on the page and hold at least one label.
    pub fn check(&self) -> Result<(), PrintError> {
        let right = self.margin_left
            + self.columns as f32 * self.label_w
            + self.columns.saturating_sub(1) as f32 * self.gap_x;
        let bottom = self.margin_top
            + self.rows as f32 * self.label_h
            + self.rows.saturating_sub(1) as f32 * self.gap_y;
        let sane = (1..=10).contains(&self.columns)
            && (1..=30).contains(&self.rows)
            && self.label_w >= 30.0
            && self.label_h >= 15.0
            && [self.margin_left, self.margin_top, self.gap_x, self.gap_y]
                .iter()
                .all(|v| v.is_finite() && *v >= 0.0)
            && right <= A4.0 + 0.01
            && bottom <= A4.1 + 0.01;
        if sane {
            Ok(())
        } else {
            Err(PrintError::InvalidData(format!(
                "the label sheet {self:?} does not fit an A4 page (1–10 columns, 1–30 rows, labels at least 30 × 15 mm)"
            )))
        }
    }

    fn label(&self, i: usize) -> Rect {
        let (col, row) = (i % self.columns, (i / self.columns) % self.rows);
        Rect {
            x: self.margin_left + col as f32 * (self.label_w + self.gap_x),
            y: self.margin_top + row as f32 * (self.label_h + self.gap_y),
            w: self.label_w,
            h: self.label_h,
        }
    }
}

/// Envelope labels, one per attendee in the order given: "Kính gửi:", the name with
/// honorific, position and organisation, fitted into each label.
pub fn render_invitation_labels(
    attendees: &[Attendee],
    sheet: &LabelSheet,
) -> Result<Vec<u8>, PrintError> {
    sheet.check()?;
    if attendees.is_empty() {
        return Err(PrintError::InvalidData(
            "there are no delegates to print labels for".into(),
        ));
    }
    let per_page = sheet.columns * sheet.rows;
    let mut pages = Vec::new();
    for (i, a) in attendees.iter().enumerate() {
        if i % per_page == 0 {
            pages.push(RecordedPage::default());
        }
        let page = pages.last_mut().expect("pushed above");
        label(page, sheet.label(i).inset(4.0), a)?;
    }
    render_pages(&pages, A4, "Nhãn phong bì giấy mời")
}

fn label(s: &mut RecordedPage, r: Rect, a: &Attendee) -> Result<(), PrintError> {
    let owner = a.full_name.as_str();
    let parts: [(String, FaceStyle, f32, &str); 4] = [
        ("Kính gửi:".into(), FaceStyle::Italic, 11.0, "kính gửi"),
        (
            upper(&admin::attendee_name(a)),
            FaceStyle::Bold,
            12.0,
            "họ và tên",
        ),
        (
            a.position.as_deref().map(normalize).unwrap_or_default(),
            FaceStyle::Regular,
            11.0,
            "chức vụ",
        ),
        (
            a.organisation.as_deref().map(normalize).unwrap_or_default(),
            FaceStyle::Regular,
            11.0,
            "đơn vị",
        ),
    ];
    // Each part gets its share of the label's height, its size shrinking to fit.
    let share = r.h / 4.0;
    let mut y = r.y;
    for (text, face, size, field) in parts {
        if text.is_empty() {
            continue;
        }
        face.face().check_coverage(&text, field, owner)?;
        let spec = FitSpec {
            face,
            size,
            min_size: 7.0,
            max_lines: 1,
        };
        let rect = Rect {
            x: r.x,
            y,
            w: r.w,
            h: share,
        };
        let fitted = fit_field(&text, &spec, rect, field, owner)?;
        let style = TextStyle {
            face,
            align: Align::Left,
            colour: BLACK,
            underline: false,
        };
        fitted.draw(s, rect, &style);
        y += share;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::qr::qr_matrix;
    use crate::print::samples;
    use crate::test_support::poppler;

    fn invitation(conf: &Conference) -> Invitation<'_> {
        Invitation {
            conference: conf,
            settings: InvitationSettings {
                number: Some("15/GM-UBND".into()),
                bring: Some("Đại biểu mang theo giấy mời này.".into()),
                signer_name: Some("Nguyễn Văn Bình".into()),
                ..Default::default()
            },
            starts_at: Some(samples::programme().agenda[0].item.starts_at),
        }
    }

    #[test]
    fn an_invitation_reads_back_with_every_field() {
        let conf = samples::conference();
        let people = samples::attendees();
        let inv = invitation(&conf);
        let pdf = render_invitations(&inv, &people).unwrap();
        samples::write_sample("invitations.pdf", &pdf);
        crate::test_support::assert_xref_consistent(&pdf);
        // Vector modules only: no image in the file.
        assert!(!pdf.windows(14).any(|w| w == b"/Subtype /Imag"));
        let Some(pages) = crate::test_support::pdf_pages(&pdf, "invitations") else {
            return;
        };
        assert_eq!(pages.len(), people.len());
        let a = &people[0];
        for want in [
            "GIẤY MỜI",
            "Số: 15/GM-UBND",
            "trân trọng kính mời",
            &admin::attendee_name(a),
            a.position.as_deref().unwrap(),
            "Nơi nhận:",
            "Nguyễn Văn Bình",
            "CHỦ TỊCH",
            "Đại biểu mang theo giấy mời này.",
            &code::grouped(a.checkin_code.as_deref().unwrap()),
        ] {
            assert!(pages[0].contains(want), "{want} in {}", pages[0]);
        }
    }

    #[test]
    fn the_qr_modules_are_runs_of_filled_boxes() {
        let mut page = RecordedPage::default();
        let side = draw_qr(&mut page, "7K3MQ9XA0BC4ZZ2P", 0.0, 0.0, 1.0).unwrap();
        // Version 1 (21 modules) with four light modules on each side.
        assert_eq!(side, 29.0);
        let (w, dark) = qr_matrix("7K3MQ9XA0BC4ZZ2P").unwrap();
        assert_eq!(w, 21);
        // The top-left finder pattern: a row of seven dark modules.
        assert!(dark[..7].iter().all(|d| *d));
    }

    #[test]
    fn labels_fill_the_sheet_in_order_and_a_bad_grid_is_refused() {
        let people = samples::attendees();
        let pdf = render_invitation_labels(&people, &LabelSheet::A4_14).unwrap();
        samples::write_sample("invitation-labels.pdf", &pdf);
        let bad = LabelSheet {
            columns: 3,
            ..LabelSheet::A4_14
        };
        assert!(render_invitation_labels(&people, &bad).is_err());
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "labels") else {
            return;
        };
        let first = upper(&admin::attendee_name(&people[0]));
        assert!(text.contains(&first), "{text}");
    }
}
