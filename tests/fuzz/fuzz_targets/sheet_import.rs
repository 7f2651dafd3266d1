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
    let mut mapping = BTreeMap::new();
    if choice & 0x10 != 0 {
        mapping.insert("full_name".to_string(), "B".to_string());
    }
    if choice & 0x20 != 0 {
        mapping.insert("name".to_string(), "Họ tên".to_string());
    }
    let Ok(grid) = sheet::read(file, encoding) else {
        return;
    };
    for row in &grid.rows {
        for cell in &row.cells {
            assert_eq!(cell, &nfc(cell), "cell of row {} is not NFC", row.number);
        }
    }
    let last_row = grid.rows.iter().map(|r| r.number).max().unwrap_or(0);
    let attendee_map: BTreeMap<_, _> = mapping
        .iter()
        .filter(|(k, _)| k.as_str() == "full_name")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Ok(parsed) = lists::attendees(&grid, &attendee_map) {
        for (row, input) in &parsed.items {
            assert!(*row <= last_row);
            assert_eq!(input.full_name, nfc(&input.full_name));
        }
        assert!(parsed.problems.iter().all(|p| p.row <= last_row));
    }
    let award_map: BTreeMap<_, _> = mapping
        .iter()
        .filter(|(k, _)| k.as_str() == "name")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if let Ok(parsed) = lists::awards(&grid, &award_map) {
        for (row, award) in &parsed.items {
            assert!(*row <= last_row);
            assert_eq!(award.recipient.name, nfc(&award.recipient.name));
        }
        assert!(parsed.problems.iter().all(|p| p.row <= last_row));
    }
}
