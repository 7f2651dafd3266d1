//! Codes of 80 random bits written in Crockford's base32: the check-in code on a delegate's
//! invitation and the verification code on a certificate. 16 characters, printed in groups
//! of four.

use rand::Rng;

/// Crockford's base32 alphabet: digits and letters without I, L, O, U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of a code: 16 × 5 = 80 random bits.
pub const LEN: usize = 16;

/// A new code from the thread's generator (ChaCha, seeded from the operating system).
pub fn generate() -> String {
    let mut rng = rand::rng();
    (0..LEN)
        .map(|_| ALPHABET[rng.random_range(0..32)] as char)
        .collect()
}

/// "7K3M-Q9XA-0BC4-ZZ2P": in groups of four, as printed under the QR code.
pub fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|g| String::from_utf8_lossy(g).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}
