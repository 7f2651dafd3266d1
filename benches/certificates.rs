//! Renders batches of Bằng khen with varying names and reports wall time and size.
//!
//!     cargo bench --bench certificates -- [N ...] [--blank] [--out FILE]
//!
//! N defaults to 1000 and 10000. For the whole-process figures (time, peak RSS) run the
//! built binary under `/usr/bin/time -v` with a single N.

use std::time::Instant;

use hoinghi::print::{
    CertificateFields, CertificateKind, Layout, RenderMode, RenderOptions, render_certificates,
};

const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Quang", "Ngọc"];
const GIVEN: [&str; 10] = [
    "Ngọc", "Hùng", "Thìn", "Hạnh", "Dũng", "Yến", "Phúc", "Tuấn", "Lực", "Quỳnh",
];

/// A verification code of 16 Crockford base32 characters, different for every certificate.
fn code(i: usize) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (0..16)
        .map(|_| {
            x = x.rotate_left(5) ^ 0x2545_F491_4F6C_DD1D;
            ALPHABET[(x % 32) as usize] as char
        })
        .collect()
}

fn certificate(i: usize) -> CertificateFields {
    let name = format!(
        "{} {} {}",
        FAMILY[i % 8],
        MIDDLE[(i / 8) % 6],
        GIVEN[(i / 48) % 10]
    );
    CertificateFields {
        recipient_label: name.clone(),
        issuer_heading: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH".into(),
        form_name: "Bằng khen".into(),
        honorific: if i.is_multiple_of(3) { "Bà" } else { "Ông" }.into(),
        recipient_name: name,
        position: "Trưởng Công an xã".into(),
        unit: format!("Công an xã Kim Chính {}, huyện Kim Sơn", i % 97),
        reason:
            "Đã có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018"
                .into(),
        decision_line: "Quyết định số 456/QĐ-UBND ngày 10/3/2019".into(),
        register_number: (i + 1).to_string(),
        place_date: "Ninh Bình, ngày 10 tháng 3 năm 2019".into(),
        signer_title: "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".into(),
        signer_name: "Đỗ Thị Minh Nguyệt".into(),
        verification_url: format!("https://khenthuong.ninhbinh.gov.vn/v/{}", code(i)),
        verification_code: code(i),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut counts: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if counts.is_empty() {
        counts = vec![1000, 10_000];
    }
    let mode = if args.iter().any(|a| a == "--blank") {
        RenderMode::Blank
    } else {
        RenderMode::Full
    };
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1));
    let layout = Layout::builtin(CertificateKind::CertificateOfMerit).expect("built-in layout");
    let opts = RenderOptions {
        mode,
        ..RenderOptions::default()
    };
    for n in counts {
        let certs: Vec<_> = (0..n).map(certificate).collect();
        let start = Instant::now();
        let pdf = render_certificates(&layout, &certs, &opts, &mut |_| {}).expect("render");
        let elapsed = start.elapsed();
        println!(
            "{n:>6} certificates ({mode:?}): {:>7.1} ms, {:>9} bytes, {:>5} bytes/page",
            elapsed.as_secs_f64() * 1000.0,
            pdf.len(),
            pdf.len() / n
        );
        if let Some(path) = out {
            std::fs::write(path, &pdf).expect("write the PDF");
        }
    }
}
