//! The check-in code (mã đón tiếp) printed on a delegate's invitation: 16 characters of
//! Crockford base32, 80 random bits, so that no one guesses another delegate's code. Typed
//! by hand it is read leniently: any case, spaces and dashes ignored, and the letters
//! Crockford leaves out because they look like digits (I, L, O) read as 1, 1, 0.

use super::code::{ALPHABET, LEN};

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

#[cfg(test)]
mod tests {
    use super::super::code::{generate, grouped};
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
