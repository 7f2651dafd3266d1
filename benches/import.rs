//! Import of 10,000-row XLSX lists (attendees, then award recipients over ten decisions)
//! into a fresh database, all in one transaction each; the issue asks for under 2 s.
//!
//! `cargo bench --bench import` (BENCH_ROWS changes the size, BENCH_DATABASE_URL the database).

use std::time::Instant;

use hoinghi::domain::access::Actor;
use hoinghi::interop::lists::{self, ImportOptions, ListKind};
use hoinghi::interop::sheet;
use rust_xlsxwriter::Workbook;

const GIVEN: [&str; 8] = [
    "Hương",
    "Ngọc",
    "Trưởng",
    "Oanh",
    "Đức",
    "Hiền",
    "Quyết",
    "Thủy",
];
const FAMILY: [&str; 6] = ["Nguyễn", "Trần", "Lê", "Phạm", "Đặng", "Vũ"];

fn name(i: usize) -> String {
    format!(
        "{} Văn {} {i}",
        FAMILY[i % FAMILY.len()],
        GIVEN[i % GIVEN.len()]
    )
}

fn workbook(headers: &[&str], rows: usize, row: impl Fn(usize) -> Vec<String>) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    for i in 0..rows {
        for (c, v) in row(i).iter().enumerate() {
            sheet.write(i as u32 + 1, c as u16, v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::main]
async fn main() {
    let rows: usize = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("bench.sqlite").display()));
    let db = hoinghi::store::connect(&url).await.unwrap();
    let conference_id = hoinghi::demo::load(&db).await.unwrap();

    let attendees = workbook(&["Họ và tên", "Chức vụ", "Đơn vị"], rows, |i| {
        vec![name(i), "Chuyên viên".into(), format!("Phòng {}", i % 40)]
    });
    let awards = workbook(
        &[
            "Họ và tên",
            "Đơn vị",
            "Số quyết định",
            "Ngày quyết định",
            "Cơ quan khen thưởng",
            "Hình thức",
            "Người ký",
        ],
        rows,
        |i| {
            vec![
                name(i),
                format!("Trường {}", i % 50),
                format!("{}/QĐ-UBND", 900 + i % 10),
                "2024-12-20".into(),
                "UBND huyện Kim Sơn".into(),
                "Giấy khen".into(),
                "Phạm Văn Nam".into(),
            ]
        },
    );
    println!(
        "{rows} rows: attendees.xlsx {} KiB, awards.xlsx {} KiB ({})",
        attendees.len() / 1024,
        awards.len() / 1024,
        url.split(':').next().unwrap()
    );
    for (kind, label, bytes) in [
        (ListKind::Attendees, "attendees", attendees),
        (ListKind::Awards, "awards", awards),
    ] {
        let start = Instant::now();
        let grid = sheet::read(&bytes, None).unwrap();
        let parsed_rows = match kind {
            ListKind::Attendees => lists::attendees(&grid, &Default::default())
                .unwrap()
                .items
                .len(),
            ListKind::Awards => lists::awards(&grid, &Default::default())
                .unwrap()
                .items
                .len(),
        };
        assert_eq!(parsed_rows, rows);
        let read = start.elapsed();
        let start = Instant::now();
        let report = hoinghi::service::import::import(
            &db,
            &hoinghi::service::work::Work::for_command_line(),
            &Actor::Operator,
            conference_id,
            kind,
            "bench.xlsx",
            bytes,
            ImportOptions::default(),
        )
        .await
        .unwrap();
        let took = start.elapsed();
        assert_eq!(report.summary.imported, rows);
        println!(
            "import {label}: {:.0} ms for {rows} rows (reading and checking the file alone: {:.0} ms){}",
            took.as_secs_f64() * 1e3,
            read.as_secs_f64() * 1e3,
            if took.as_secs_f64() < 2.0 {
                ""
            } else {
                "  (over the 2 s goal)"
            }
        );
    }
}
