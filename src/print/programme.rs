//! The programme (chương trình hội nghị), printed as an administrative document: heading,
//! title, time and venue, and the agenda as a table of time, content and who carries it out.

use super::PrintError;
use super::admin::{self, BODY, Heading};
use super::fit::Align;
use super::flow::{Block, Cell, Column, Flow, PageFrame, Part, Table};
use super::fonts::FaceStyle;
use crate::domain::kinds::AgendaKind;
use crate::domain::model::AgendaItem;
use crate::domain::programme::{Programme, ProgrammeItem};
use crate::domain::text::{long_date, normalize};

/// What the programme's data does not say.
#[derive(Debug, Clone, Default)]
pub struct ProgrammeOptions {
    /// The registered number, "02/CTr-UBND"; absent, dots are left to fill in.
    pub number: Option<String>,
    /// The date of issue; absent, day and month are left blank.
    pub dated: Option<chrono::NaiveDate>,
    /// Who signs, when the programme is issued signed: title (one line per row, "TM. ỦY
    /// BAN NHÂN DÂN\nCHỦ TỊCH") and name.
    pub signer: Option<(String, String)>,
    /// Issued as a document (Decree 30): "Số: …/CTr-…", the signer and "Nơi nhận". Without,
    /// the programme handed out at the conference: no number, no signer.
    pub document: bool,
    /// "Nơi nhận" entries of a document, each starting "- ".
    pub recipients: Vec<String>,
}

const COLUMNS: [Column<'static>; 3] = [
    Column::new("Thời gian", 32.0, Align::Centre),
    Column::new("Nội dung", 80.0, Align::Left),
    Column::new("Thực hiện", 53.0, Align::Left),
];

/// Render the programme on A4 pages, numbered from the second at the top (Decree 30).
pub fn render_programme(p: &Programme, opts: &ProgrammeOptions) -> Result<Vec<u8>, PrintError> {
    let conf = &p.conference;
    let tz = admin::time_zone(conf)?;
    let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
    admin::heading(
        &mut flow,
        &Heading {
            conference: conf,
            // A handout carries no number; a document's is filled in or left to the office.
            symbol: opts.document.then_some("CTr"),
            number: opts.number.as_deref().filter(|_| opts.document),
            dated: opts.dated,
            issuing_unit: None,
        },
    )?;
    admin::title(
        &mut flow,
        "CHƯƠNG TRÌNH",
        &normalize(&conf.title),
        &conf.title,
    )?;

    let centred = Block::new(FaceStyle::Italic, BODY, Align::Centre);
    let starts = p
        .agenda
        .iter()
        .map(|i| i.item.starts_at)
        .min()
        .map(|t| format!("{}, ", admin::clock_words(t, tz)))
        .unwrap_or_default();
    flow.paragraph(
        &format!("Thời gian: {starts}{}", long_date(conf.held_on)),
        &centred,
        "thời gian",
        &conf.title,
    )?;
    flow.paragraph(
        &format!("Địa điểm: {}", normalize(&conf.venue)),
        &centred,
        "địa điểm",
        &conf.title,
    )?;
    flow.advance(4.0);

    let mut items: Vec<&ProgrammeItem> = p.agenda.iter().collect();
    // Time order; the store's position breaks ties (two items announced for the same time).
    items.sort_by_key(|i| (i.item.starts_at, i.item.position, i.item.id));
    let rows: Vec<Vec<Cell>> = items.iter().map(|i| row(i, tz)).collect();
    Table::new(&COLUMNS, BODY).draw(&mut flow, &rows, &|i| {
        format!("mục {} ({})", i + 1, items[i].item.title)
    })?;
    if opts.document {
        let (title, name) = opts.signer.clone().unwrap_or_default();
        // The signature and "Nơi nhận" side by side, on one page.
        let lines = title.lines().count() + name.lines().count() + 1;
        flow.ensure(4.0 + lines as f32 * 7.0 + 25.0);
        let top = flow.y() + 4.0;
        admin::recipients(&mut flow, top, &opts.recipients, &conf.title)?;
        admin::signature(&mut flow, &title, &name, &conf.title)?;
    }
    flow.render(&format!("Chương trình {}", conf.title), true)
}

/// What an agenda item is called: its own title, else its kind's label.
pub fn item_title(item: &AgendaItem) -> String {
    let title = normalize(&item.title);
    if !title.is_empty() {
        return title;
    }
    AgendaKind::from_code(&item.kind)
        .map(|k| k.label().to_string())
        .unwrap_or_default()
}

fn row(p: &ProgrammeItem, tz: chrono_tz::Tz) -> Vec<Cell> {
    let item = &p.item;
    let ends = item.starts_at + chrono::Duration::minutes(i64::from(item.duration_minutes.max(0)));
    let time = if item.duration_minutes > 0 {
        format!(
            "{} - {}",
            admin::clock(item.starts_at, tz),
            admin::clock(ends, tz)
        )
    } else {
        admin::clock(item.starts_at, tz)
    };
    let mut content = vec![Part::new(item_title(item), FaceStyle::Regular)];
    // Speeches other than the presenter's own are named so the speakers see their turn.
    for s in &p.speeches {
        let title = normalize(&s.title);
        if !title.is_empty() && title != content[0].text {
            content.push(Part::new(format!("- {title}"), FaceStyle::Italic));
        }
    }
    for d in &p.decisions {
        content.push(Part::new(
            format!("- {}", admin::decision_sentence(d)),
            FaceStyle::Italic,
        ));
    }
    let presenter = match (&p.presenter, &item.presenter_text) {
        (Some(a), _) => vec![
            Part::new(admin::attendee_name(a), FaceStyle::Bold),
            Part::new(admin::attendee_role(a), FaceStyle::Italic),
        ],
        (None, Some(text)) => vec![Part::new(normalize(text), FaceStyle::Regular)],
        (None, None) => p
            .speeches
            .iter()
            .filter_map(|s| s.speaker_name.as_deref())
            .map(|n| Part::new(normalize(n), FaceStyle::Regular))
            .collect(),
    };
    vec![
        vec![Part::new(time, FaceStyle::Regular)],
        content,
        presenter,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;
    use crate::test_support::{assert_in_order, poppler};

    #[test]
    fn the_demo_programme_reads_back_in_time_order_with_decisions_in_ceremony_order() {
        let p = samples::programme();
        let pdf = render_programme(&p, &ProgrammeOptions::default()).unwrap();
        crate::test_support::assert_xref_consistent(&pdf);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "programme read back") else {
            return;
        };
        let mut expected = vec![
            // The issuing body in full, its unit on its own line (Decree 30).
            "ỦY BAN NHÂN DÂN".to_string(),
            "HUYỆN KIM SƠN".into(),
            // A handout: no number (Decree 30 numbers the signed document only).
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
            "Độc lập - Tự do - Hạnh phúc".into(),
            "CHƯƠNG TRÌNH".into(),
            "Thời gian: 7 giờ 30, ngày 14 tháng 3 năm 2019".into(),
            "Thời gian".into(),
            "Nội dung".into(),
            "Thực hiện".into(),
        ];
        expected.extend(["07h30 - 08h00".into(), "Đón tiếp đại biểu".into()]);
        expected.push("Quyết định số 1520/QĐ-BCA".into());
        expected.push("Quyết định số 456/QĐ-UBND".into());
        expected.push("Quyết định số 457/QĐ-UBND".into());
        expected.push("Quyết định số 215/QĐ-CAT".into());
        expected.push("Quyết định số 825/QĐ-UBND".into());
        expected.push("Bế mạc".into());
        assert_in_order(&text, &expected);
        samples::write_sample("programme.pdf", &pdf);
    }

    #[test]
    fn a_60_item_agenda_spans_pages_without_cutting_a_row_and_repeats_the_header() {
        let p = samples::long_programme(60);
        let pdf = render_programme(&p, &ProgrammeOptions::default()).unwrap();
        samples::write_sample("programme-60.pdf", &pdf);
        let Some(pages) = crate::test_support::pdf_pages(&pdf, "long programme") else {
            return;
        };
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let n = pages.len();
        let mut seen = 0;
        for (i, page) in pages.iter().enumerate() {
            // Every page: the header, then whole rows (a row's time and its last word both
            // on this page), then its number.
            assert_in_order(page, &["Thời gian", "Nội dung", "Thực hiện"]);
            assert!(!page.contains("Trang "), "page {}: {page}", i + 1);
            let _ = n;
            for k in 0..60 {
                let start = format!("Mục {:02} ", k + 1);
                let end = format!("kết thúc mục {:02}", k + 1);
                let (a, b) = (page.contains(&start), page.contains(&end));
                assert_eq!(a, b, "row {} cut at page {}", k + 1, i + 1);
                if a {
                    assert_eq!(k, seen, "rows out of order");
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, 60);
    }

    #[test]
    fn a_given_number_and_date_are_printed() {
        let p = samples::programme();
        let opts = ProgrammeOptions {
            number: Some("02/CTr-UBND".into()),
            dated: chrono::NaiveDate::from_ymd_opt(2019, 3, 7),
            signer: Some((
                "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH".into(),
                "Trần Văn Hùng".into(),
            )),
            document: true,
            recipients: vec!["- Các đại biểu dự hội nghị;".into(), "- Lưu: VT.".into()],
        };
        let pdf = render_programme(&p, &opts).unwrap();
        samples::write_sample("programme-signed.pdf", &pdf);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "programme number") else {
            return;
        };
        assert_in_order(
            &text,
            &[
                "Số: 02/CTr-UBND",
                "Kim Sơn, ngày 07 tháng 3 năm 2019",
                "Bế mạc",
                "Nơi nhận:",
                "- Các đại biểu dự hội nghị;",
                "- Lưu: VT.",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
                "Trần Văn Hùng",
            ],
        );
    }

    /// As conferences hand it out: no "Số: …/CTr-…", no signer.
    #[test]
    fn the_handout_carries_no_number() {
        let pdf = render_programme(&samples::programme(), &ProgrammeOptions::default()).unwrap();
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "programme handout") else {
            return;
        };
        assert!(!text.contains("Số:"), "{text}");
        assert!(!text.contains("CTr"), "{text}");
        assert!(!text.contains("Nơi nhận"), "{text}");
        assert!(text.contains("CHƯƠNG TRÌNH"), "{text}");
    }

    #[test]
    fn output_is_deterministic() {
        let p = samples::programme();
        let opts = ProgrammeOptions::default();
        assert_eq!(
            render_programme(&p, &opts).unwrap(),
            render_programme(&p, &opts).unwrap()
        );
    }
}
