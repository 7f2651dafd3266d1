//! Certificates for the print benchmarks: Bằng khen of varying names, units and register
//! numbers, each with its own verification code and QR address, as a batch prints them.

use hoinghi::print::CertificateFields;

const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Đức", "Minh", "Quang", "Ngọc"];
const GIVEN: [&str; 10] = [
    "Ngọc", "Hùng", "Thìn", "Hạnh", "Dũng", "Yến", "Phúc", "Tuấn", "Lực", "Quỳnh",
];

/// A verification code of 16 Crockford base32 characters, different for every certificate.
pub fn code(i: usize) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut x = (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (0..16)
        .map(|_| {
            x = x.rotate_left(5) ^ 0x2545_F491_4F6C_DD1D;
            ALPHABET[(x % 32) as usize] as char
        })
        .collect()
}

pub fn certificate(i: usize) -> CertificateFields {
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
        verification_url: hoinghi::domain::verification::url(
            "https://khenthuong.ninhbinh.gov.vn",
            &code(i),
        ),
        verification_code: code(i),
    }
}
