//! Writing PDF objects: numbered objects and streams, the cross-reference table, the
//! deterministic document id, compression, and numbers and strings as PDF spells them.

use std::fmt::Write as _;
use std::io::{self, Write};

use flate2::{Compress, Compression, FlushCompress, Status};

/// Compress a stream. Level 1: content streams of short text gain little from harder work,
/// and compression is most of the cost of a large batch.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    Deflater::default().deflate(data)
}

/// A compressor kept for many streams: setting one up clears a few hundred KB of tables,
/// which for a page of 1–2 KB costs more than compressing it.
pub struct Deflater(Compress);

impl Default for Deflater {
    fn default() -> Self {
        Deflater(Compress::new(Compression::new(1), true))
    }
}

impl Deflater {
    pub fn deflate(&mut self, data: &[u8]) -> Vec<u8> {
        self.0.reset();
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let consumed = self.0.total_in() as usize;
            let status = self
                .0
                .compress_vec(&data[consumed..], &mut out, FlushCompress::Finish);
            match status.expect("compressing into memory cannot fail") {
                Status::StreamEnd => return out,
                // Out of room: compress_vec only fills the spare capacity.
                Status::Ok | Status::BufError => out.reserve(out.capacity().max(64)),
            }
        }
    }
}

/// FNV-1a: a stable hash for the document id and subset tags (std's hasher may change
/// between releases, and the output must not).
pub(super) struct Fnv(pub(super) u64);

impl Fnv {
    pub(super) fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    pub(super) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The number of an indirect object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjId(u32);

impl std::fmt::Display for ObjId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 0 R", self.0)
    }
}

/// Writes numbered objects in any order and the cross-reference table at the end.
/// Nothing time- or chance-dependent goes in: the document id hashes the bytes written.
pub struct PdfWriter<W: Write> {
    out: W,
    pos: u64,
    offsets: Vec<u64>,
    hash: Fnv,
}

impl<W: Write> PdfWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut w = PdfWriter {
            out,
            pos: 0,
            offsets: Vec::new(),
            hash: Fnv::new(),
        };
        // The binary comment tells transfer tools the file is not text.
        w.put(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(w)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.hash.write(bytes);
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// Reserve an object number, to refer to the object before it is written.
    pub fn alloc(&mut self) -> ObjId {
        self.offsets.push(0);
        ObjId(self.offsets.len() as u32)
    }

    pub fn object(&mut self, id: ObjId, body: &[u8]) -> io::Result<()> {
        self.offsets[id.0 as usize - 1] = self.pos;
        self.put(format!("{} 0 obj\n", id.0).as_bytes())?;
        self.put(body)?;
        self.put(b"\nendobj\n")
    }

    /// A Flate-compressed stream; `data` is already compressed, `dict` holds any entries
    /// besides /Length and /Filter.
    pub fn stream(&mut self, id: ObjId, dict: &str, data: &[u8]) -> io::Result<()> {
        self.filtered_stream(id, dict, "/FlateDecode", data)
    }

    /// A stream already encoded with `filter` (`/DCTDecode`: a JPEG file as it is).
    pub fn filtered_stream(
        &mut self,
        id: ObjId,
        dict: &str,
        filter: &str,
        data: &[u8],
    ) -> io::Result<()> {
        self.offsets[id.0 as usize - 1] = self.pos;
        self.put(
            format!(
                "{} 0 obj\n<< {dict} /Filter {filter} /Length {} >>\nstream\n",
                id.0,
                data.len()
            )
            .as_bytes(),
        )?;
        self.put(data)?;
        self.put(b"\nendstream\nendobj\n")
    }

    pub fn finish(mut self, root: ObjId, info: ObjId) -> io::Result<W> {
        let xref = self.pos;
        let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", self.offsets.len() + 1);
        for off in &self.offsets {
            writeln!(table, "{off:010} 00000 n ").unwrap();
        }
        let h = self.hash.0;
        write!(
            table,
            "trailer\n<< /Size {} /Root {root} /Info {info} /ID [<{h:016X}{:016X}> <{h:016X}{:016X}>] >>\nstartxref\n{xref}\n%%EOF\n",
            self.offsets.len() + 1,
            !h,
            !h
        )
        .unwrap();
        self.put(table.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A PDF text string: UTF-16BE with a byte-order mark, in hex.
pub(super) fn text_string(s: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in s.encode_utf16() {
        write!(out, "{unit:04X}").unwrap();
    }
    out.push('>');
    out
}

/// A number with at most two decimals and no trailing zeros, as content streams want it.
pub(super) fn push_num(buf: &mut Vec<u8>, v: f32) {
    let hundredths = (v * 100.0).round() as i64;
    if hundredths < 0 {
        buf.push(b'-');
    }
    let a = hundredths.unsigned_abs();
    // Digits of the integer part, written backwards into a stack buffer (no allocation:
    // this runs for every coordinate of every page).
    let (mut digits, mut n, mut i) = ([0u8; 20], a / 100, 20);
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
    let frac = a % 100;
    if frac != 0 {
        buf.push(b'.');
        buf.push(b'0' + (frac / 10) as u8);
        if !frac.is_multiple_of(10) {
            buf.push(b'0' + (frac % 10) as u8);
        }
    }
}

/// [`push_num`] into a String, for dictionaries.
pub(super) fn num(v: f32) -> String {
    let mut buf = Vec::new();
    push_num(&mut buf, v);
    String::from_utf8(buf).expect("digits are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-0.126), "-0.13");
        assert_eq!(num(0.004), "0");
    }

    #[test]
    fn text_strings_are_utf16() {
        assert_eq!(text_string("Bằng"), "<FEFF00421EB1006E0067>");
    }
}
