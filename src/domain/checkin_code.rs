//! The check-in code (mã đón tiếp) printed on a delegate's invitation: 16 characters of
//! Crockford base32, 80 random bits, so that no one guesses another delegate's code. Typed
//! by hand it is read leniently: any case, spaces and dashes ignored, and the letters
//! Crockford leaves out because they look like digits (I, L, O) read as 1, 1, 0.

use rand::Rng;

/// Crockford's base32 alphabet: digits and letters without I, L, O, U.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of a code: 16 × 5 = 80 random bits.
pub const LEN: usize = 16;

/// A new code from the thread's generator (ChaCha, seeded from the operating system).
pub fn generate() -> String {
    let mut rng = rand::rng();
    (0..LEN)
        .map(|_| ALPHABET[rng.random_range(0..32)] as char)
        .collect()
}

/// The code as stored, from what a person typed or a scanner read; `None` when it cannot
/// be a code at all (wrong length, a character outside the alphabet). Bounded: text longer
/// than a few grouped codes is refused before it is looked at.
pub fn parse(typed: &str) -> Option<String> {
    if typed.len() > 4 * LEN {
        return None;
    }
    let mut code = String::with_capacity(LEN);
    for c in typed.chars() {
        let c = match c.to_ascii_uppercase() {
            ' ' | '-' | '\t' | '\n' | '\r' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => c,
            _ => return None,
        };
        code.push(c);
    }
    (code.len() == LEN).then_some(code)
}

/// "7K3M-Q9XA-0BC4-ZZ2P": in groups of four, as printed under the QR code.
pub fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|g| String::from_utf8_lossy(g).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_has_80_bits_in_the_alphabet_and_codes_differ() {
        let a = generate();
        assert_eq!(a.len(), LEN);
        assert!(a.bytes().all(|b| ALPHABET.contains(&b)), "{a}");
        let many: std::collections::HashSet<String> = (0..1000).map(|_| generate()).collect();
        assert_eq!(many.len(), 1000);
    }

    #[test]
    fn typed_codes_are_read_leniently_and_anything_else_is_refused() {
        let code = "7K3MQ9XA0BC4ZZ2P";
        assert_eq!(parse(code).as_deref(), Some(code));
        assert_eq!(parse(&grouped(code)).as_deref(), Some(code));
        assert_eq!(parse(" 7k3m q9xa-ObC4 zz2p ").as_deref(), Some(code));
        assert_eq!(
            parse("7K3MQ9XAIBC4ZZ2P").as_deref(),
            Some("7K3MQ9XA1BC4ZZ2P")
        );
        assert_eq!(parse("7K3MQ9XA0BC4ZZ2"), None);
        assert_eq!(parse("7K3MQ9XA0BC4ZZ2PP"), None);
        assert_eq!(parse("7K3MQ9XA0BC4ZZ2U"), None);
        assert_eq!(parse("Ạ7K3MQ9XA0BC4ZZ2"), None);
        assert_eq!(parse(&"-".repeat(10_000)), None);
        assert_eq!(grouped(code), "7K3M-Q9XA-0BC4-ZZ2P");
    }
}
