//! Any file offered to the attendee or award import: reading it as XLSX, XLS, ODS or CSV
//! either fails with an error or gives a grid, and parsing the grid as either list gives
//! rows and problems, never a panic. Every value read is NFC; every problem names a row of
//! the file. Panics inside calamine on a damaged workbook are caught by `sheet::read` and
//! are no failure here; any other panic is.
#![no_main]

use std::collections::BTreeMap;

use hoinghi::domain::text::nfc;
use hoinghi::interop::encoding::Encoding;
use hoinghi::interop::{lists, sheet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        // `sheet::read` catches calamine's panics on damaged workbooks and answers an error;
        // libFuzzer's hook would abort on them anyway. Abort on every other panic.
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                abort(info);
            }
        }));
    },
    |data: &[u8]| check(data)
);

fn check(data: &[u8]) {
    // The first byte picks the encoding override (none, or one of the six) and whether an
    // explicit column mapping is given; the rest is the file.
    let Some((&choice, file)) = data.split_first() else {
        return;
    };
    let encoding = match (choice & 0x0F) as usize {
        0 => None,
        i => Encoding::ALL.get(i - 1).copied(),
    };
    // An explicit mapping, for each list, when the choice byte asks for one.
    let mapping = |bit: u8, field: &str, column: &str| {
        let mut m = BTreeMap::new();
        if choice & bit != 0 {
            m.insert(field.to_string(), column.to_string());
        }
        m
    };
    let Ok(grid) = sheet::read(file, encoding) else {
        return;
    };
    for row in &grid.rows {
        for cell in &row.cells {
            assert_eq!(cell, &nfc(cell), "cell of row {} is not NFC", row.number);
        }
    }
    let last_row = grid.rows.iter().map(|r| r.number).max().unwrap_or(0);
    // Each item: the row it came from and its name.
    let check_items = |items: Vec<(usize, &str)>, problems: &[lists::RowProblem]| {
        for (row, name) in items {
            assert!(
                row <= last_row,
                "item of row {row} past the last row {last_row}"
            );
            assert_eq!(name, nfc(name), "name of row {row} is not NFC");
        }
        assert!(problems.iter().all(|p| p.row <= last_row));
    };
    if let Ok(p) = lists::attendees(&grid, &mapping(0x10, "full_name", "B")) {
        let items = p.items.iter().map(|(r, i)| (*r, i.full_name.as_str()));
        check_items(items.collect(), &p.problems);
    }
    if let Ok(p) = lists::awards(&grid, &mapping(0x20, "name", "Họ tên")) {
        let items = p.items.iter().map(|(r, a)| (*r, a.recipient.name.as_str()));
        check_items(items.collect(), &p.problems);
    }
}
