//! The delegate list and the sign-in sheet (danh sách đại biểu): numbered rows of name,
//! position and organisation, with a column to sign in on the day.

use super::PrintError;
use super::admin::{self, BODY, Heading};
use super::fit::Align;
use super::flow::{Cell, Column, Flow, PageFrame, Part, Table};
use super::fonts::FaceStyle;
use crate::domain::model::{Attendee, Conference};
use crate::domain::text::{name_sort_key, normalize};

/// The order of a list: `rank` or `alphabetical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(try_from = "String")]
pub enum ListOrder {
    /// By rank, as delegates are introduced (ties alphabetically).
    Rank,
    /// Vietnamese alphabetical order of names: given name first, then the rest.
    Alphabetical,
}

/// The attendees in `order`; equal keys keep their id order, so the output is stable.
pub fn ordered(attendees: &[Attendee], order: ListOrder) -> Vec<&Attendee> {
    let mut list: Vec<&Attendee> = attendees.iter().collect();
    match order {
        ListOrder::Rank => {
            list.sort_by_cached_key(|a| (a.rank, name_sort_key(&normalize(&a.full_name)), a.id))
        }
        ListOrder::Alphabetical => {
            list.sort_by_cached_key(|a| (name_sort_key(&normalize(&a.full_name)), a.id))
        }
    }
    list
}

const LIST: [Column<'static>; 4] = [
    Column::new("STT", 12.0, Align::Centre),
    Column::new("Họ và tên", 50.0, Align::Left),
    Column::new("Chức vụ", 50.0, Align::Left),
    Column::new("Đơn vị", 53.0, Align::Left),
];

const SIGN_IN: [Column<'static>; 4] = [
    Column::new("STT", 12.0, Align::Centre),
    Column::new("Họ và tên", 48.0, Align::Left),
    Column::new("Chức vụ, đơn vị", 70.0, Align::Left),
    Column::new("Ký tên", 35.0, Align::Left),
];

/// Render the delegate list, or with `sign_in` the sheet delegates sign on arrival (room
/// to sign in every row).
pub fn render_attendee_list(
    conf: &Conference,
    attendees: &[Attendee],
    order: ListOrder,
    sign_in: bool,
) -> Result<Vec<u8>, PrintError> {
    let list = ordered(attendees, order);
    let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
    admin::heading(&mut flow, &Heading::unnumbered(conf))?;
    let kind = if sign_in {
        "DANH SÁCH ĐẠI BIỂU KÝ TÊN THAM DỰ"
    } else {
        "DANH SÁCH ĐẠI BIỂU"
    };
    admin::title(&mut flow, kind, &normalize(&conf.title), &conf.title)?;
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let number = vec![Part::new((i + 1).to_string(), FaceStyle::Regular)];
            let name = vec![Part::new(admin::attendee_name(a), FaceStyle::Bold)];
            let text = |v: &Option<String>| v.as_deref().map(normalize).unwrap_or_default();
            if sign_in {
                vec![
                    number,
                    name,
                    vec![Part::new(admin::attendee_role(a), FaceStyle::Regular)],
                    Vec::new(),
                ]
            } else {
                vec![
                    number,
                    name,
                    vec![Part::new(text(&a.position), FaceStyle::Regular)],
                    vec![Part::new(text(&a.organisation), FaceStyle::Regular)],
                ]
            }
        })
        .collect();
    let mut table = Table::new(if sign_in { &SIGN_IN } else { &LIST }, BODY);
    if sign_in {
        table.min_row_height = 12.0;
    }
    table.draw(&mut flow, &rows, &|i| {
        format!("đại biểu {} ({})", i + 1, list[i].full_name)
    })?;
    flow.render(&format!("{kind} - {}", conf.title), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::samples;
    use crate::test_support::{assert_in_order, poppler};

    fn names(order: ListOrder) -> Vec<String> {
        ordered(&samples::attendees(), order)
            .iter()
            .map(|a| admin::attendee_name(a))
            .collect()
    }

    #[test]
    fn delegates_read_back_in_rank_order() {
        let pdf = render_attendee_list(
            &samples::conference(),
            &samples::attendees(),
            ListOrder::Rank,
            false,
        )
        .unwrap();
        samples::write_sample("attendees.pdf", &pdf);
        let expected = names(ListOrder::Rank);
        assert_eq!(expected[0], "Đồng chí Nguyễn Văn Hùng");
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "delegate list") else {
            return;
        };
        assert_in_order(&text, &["DANH SÁCH ĐẠI BIỂU", "STT", "Họ và tên"]);
        assert_in_order(&text, &expected);
    }

    #[test]
    fn the_sign_in_sheet_reads_back_in_vietnamese_alphabetical_order() {
        // The demo's delegates and four more whose given names test the rule: Anh, Ánh, Ăn,
        // Ân, Dũng, Đạt. Byte order would put Ân before Ăn and Ánh, and Đạt after Toàn.
        let mut people = samples::attendees();
        for (id, (honorific, name)) in [
            ("ong", "Lê Văn Anh"),
            ("ong", "Hoàng Văn Ăn"),
            ("ba", "Vũ Thị Ân"),
            ("dong_chi", "Đinh Văn Đạt"),
        ]
        .into_iter()
        .enumerate()
        {
            people.push(samples::attendee(
                100 + id as i32,
                honorific,
                name,
                "Đại biểu",
                "UBND huyện Kim Sơn",
                20,
            ));
        }
        let pdf = render_attendee_list(
            &samples::conference(),
            &people,
            ListOrder::Alphabetical,
            true,
        )
        .unwrap();
        samples::write_sample("sign-in.pdf", &pdf);
        let expected = [
            "Ông Lê Văn Anh",
            "Ông Nguyễn Đức Ánh",
            "Ông Hoàng Văn Ăn",
            "Bà Vũ Thị Ân",
            "Đồng chí Phạm Văn Dũng",
            "Đồng chí Đinh Văn Đạt",
            "Bà Vũ Thị Hạnh",
            "Bà Diệu Hoa",
            "Bà Mai Hoa",
            "Đồng chí Nguyễn Văn Hùng",
            "Bà Lê Thị Thu Hương",
            "Ông Đặng Văn Ngọc",
            "Đồng chí Hoàng Văn Phương",
            "Đồng chí Trần Văn Thắng",
            "Ông Đinh Văn Toàn",
        ];
        let names: Vec<String> = ordered(&people, ListOrder::Alphabetical)
            .iter()
            .map(|a| admin::attendee_name(a))
            .collect();
        assert_eq!(names, expected);
        let Some(text) = poppler("pdftotext", &["-raw"], &pdf, "sign-in sheet") else {
            return;
        };
        assert_in_order(&text, &["Ký tên"]);
        assert_in_order(&text, &expected);
    }

    #[test]
    fn a_long_list_repeats_its_header_on_every_page() {
        let many: Vec<Attendee> = (0..80)
            .map(|i| {
                samples::attendee(
                    i,
                    "ong",
                    &format!("Nguyễn Văn Khải {i:02}"),
                    "Trưởng Công an xã",
                    "Công an xã Kim Chính",
                    i,
                )
            })
            .collect();
        let pdf =
            render_attendee_list(&samples::conference(), &many, ListOrder::Rank, true).unwrap();
        let Some(pages) = crate::test_support::pdf_pages(&pdf, "long sign-in sheet") else {
            return;
        };
        assert!(pages.len() > 2);
        for page in &pages {
            assert_in_order(page, &["STT", "Ký tên"]);
            assert!(!page.contains("Trang "), "{page}");
        }
        // Decree 30: the bare number centred in the top margin, from the second page.
        let Some(top) = poppler(
            "pdftotext",
            &["-raw", "-x", "0", "-y", "0", "-W", "600", "-H", "56"],
            &pdf,
            "the sign-in sheet's top margins",
        ) else {
            return;
        };
        let numbers: Vec<&str> = top.split('\u{c}').map(str::trim).collect();
        assert_eq!(numbers[0], "", "no number on the first page");
        for (i, n) in numbers.iter().enumerate().take(pages.len()).skip(1) {
            assert_eq!(*n, (i + 1).to_string(), "page {}", i + 1);
        }
    }
}
