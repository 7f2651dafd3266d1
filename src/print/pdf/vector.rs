//! A page of another PDF kept as vector: an issuer's emblem drawn by a designer arrives as a
//! one-page PDF, and is embedded as a form XObject so it prints sharp at any size.
//!
//! The page's content is copied with the objects its resources reach (fonts, pictures,
//! patterns, inner forms), renumbered into the document being written; nothing else of the
//! file comes along (no annotations, actions or scripts). Everything is bounded: the file's
//! size, what its streams inflate to, the number of objects copied and how deep they nest.

use std::collections::HashMap;
use std::io::{self, Write};

use lopdf::{Dictionary, Object, ObjectId};

use super::objects::{ObjId, PdfWriter, deflate};

/// The largest PDF accepted.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// What the page's content may inflate to.
const MAX_CONTENT: usize = 16 * 1024 * 1024;
/// Objects copied with the page's resources.
const MAX_OBJECTS: usize = 5_000;
/// Arrays and dictionaries inside one another.
const MAX_DEPTH: usize = 32;
/// A page side, in pt (5 m: PDF's own limit is 200 inches).
const MAX_SIDE_PT: f32 = 14_400.0;

/// Why a PDF cannot be kept as vector: a code (`pdf-pages` …, worded by the catalogs as
/// `problem-<code>`), its values, and the English wording.
#[derive(Debug, Clone)]
pub struct Unusable {
    pub code: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub english: String,
}

fn unusable(code: &'static str, args: &[(&'static str, String)], english: String) -> Unusable {
    Unusable {
        code,
        args: args.to_vec(),
        english,
    }
}

/// One page, ready to be written as a form that maps its box onto the unit square (as an
/// image is drawn), so it is placed exactly like a picture.
#[derive(Clone, Debug)]
pub struct VectorPage {
    /// The page's box, [x0, y0, x1, y1] in pt.
    pub bbox: [f32; 4],
    /// The page's content, Flate-compressed.
    content: Vec<u8>,
    /// The page's resource dictionary, its references numbered into `objects`.
    resources: Object,
    /// The objects the resources reach; `Reference((i, 0))` means `objects[i]`.
    objects: Vec<Object>,
}

impl VectorPage {
    pub fn width_pt(&self) -> f32 {
        self.bbox[2] - self.bbox[0]
    }

    pub fn height_pt(&self) -> f32 {
        self.bbox[3] - self.bbox[1]
    }

    /// Read the only page of `bytes`; the problem says what is wrong with the file.
    pub fn read(bytes: &[u8]) -> Result<VectorPage, Unusable> {
        if bytes.len() > MAX_BYTES {
            let (size, limit) = (
                format!("{:.1}", bytes.len() as f64 / 1_048_576.0),
                (MAX_BYTES / 1_048_576).to_string(),
            );
            return Err(unusable(
                "file-too-large",
                &[("size", size.clone()), ("limit", limit.clone())],
                format!("the file is {size} MB; the limit is {limit} MB"),
            ));
        }
        let options = lopdf::LoadOptions {
            max_decompressed_size: Some(MAX_CONTENT),
            ..Default::default()
        };
        let unreadable = |detail: String| {
            unusable(
                "pdf-unreadable",
                &[("detail", detail.clone())],
                format!("the PDF cannot be read: {detail}"),
            )
        };
        let doc = lopdf::Document::load_mem_with_options(bytes, options)
            .map_err(|e| unreadable(e.to_string()))?;
        let pages = doc.get_pages();
        let page = match pages.len() {
            1 => *pages.values().next().expect("one page"),
            n => {
                return Err(unusable(
                    "pdf-pages",
                    &[("count", n.to_string())],
                    format!("the PDF has {n} pages; upload a PDF of one page"),
                ));
            }
        };
        let rotate = inherited(&doc, page, b"Rotate")
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0);
        if rotate.rem_euclid(360) != 0 {
            return Err(unusable(
                "pdf-turned",
                &[("degrees", rotate.to_string())],
                format!(
                    "the PDF's page is turned by {rotate}°; save it upright and upload it again"
                ),
            ));
        }
        let bbox = inherited(&doc, page, b"CropBox")
            .or_else(|| inherited(&doc, page, b"MediaBox"))
            .and_then(|o| page_box(&doc, o))
            .ok_or_else(|| unreadable("the page has no size (MediaBox)".into()))?;
        let content = doc
            .get_page_content_with_limit(page, MAX_CONTENT)
            .map_err(|e| unreadable(e.to_string()))?;
        let resources = match inherited(&doc, page, b"Resources") {
            Some(r) => deref(&doc, r).clone(),
            None => Object::Dictionary(Dictionary::new()),
        };
        if !matches!(resources, Object::Dictionary(_)) {
            return Err(unreadable(
                "the page's resources are not a dictionary".into(),
            ));
        }
        let mut copy = Copy {
            local: HashMap::new(),
            objects: Vec::new(),
            queue: Vec::new(),
        };
        let resources = copy.localised(&resources, 0)?;
        while let Some((id, index)) = copy.queue.pop() {
            let object = match doc.get_object(id) {
                Ok(o) => copy.localised(o, 0)?,
                Err(_) => Object::Null,
            };
            copy.objects[index] = object;
        }
        Ok(VectorPage {
            bbox,
            content: deflate(&content),
            resources,
            objects: copy.objects,
        })
    }

    /// Write the page as a form XObject whose unit square is the page; returns its id.
    pub(super) fn write<W: Write>(&self, w: &mut PdfWriter<W>) -> io::Result<ObjId> {
        let ids: Vec<ObjId> = self.objects.iter().map(|_| w.alloc()).collect();
        for (object, id) in self.objects.iter().zip(&ids) {
            let mut body = Vec::new();
            serialise(object, &ids, &mut body);
            w.object(*id, &body)?;
        }
        let [x0, y0, ..] = self.bbox;
        let (width, height) = (self.width_pt(), self.height_pt());
        let mut resources = Vec::new();
        serialise(&self.resources, &ids, &mut resources);
        let dict = format!(
            "/Type /XObject /Subtype /Form /BBox [{x0} {y0} {} {}] /Matrix [{:.6} 0 0 {:.6} {:.6} {:.6}] /Resources {}",
            self.bbox[2],
            self.bbox[3],
            1.0 / width,
            1.0 / height,
            -x0 / width,
            -y0 / height,
            String::from_utf8_lossy(&resources)
        );
        let id = w.alloc();
        w.stream(id, &dict, &self.content)?;
        Ok(id)
    }
}

/// A page attribute, from the page or the nearest ancestor that has it.
fn inherited<'a>(doc: &'a lopdf::Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..MAX_DEPTH {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = doc.get_dictionary(parent).ok()?;
    }
    None
}

/// The object itself when `object` refers to one (through a few references at most).
fn deref<'a>(doc: &'a lopdf::Document, object: &'a Object) -> &'a Object {
    doc.dereference(object).map_or(object, |(_, o)| o)
}

/// A page box [x0, y0, x1, y1], corners put in order, of a sensible size.
fn page_box(doc: &lopdf::Document, object: &Object) -> Option<[f32; 4]> {
    let Object::Array(items) = deref(doc, object) else {
        return None;
    };
    let mut v = [0.0f32; 4];
    if items.len() != 4 {
        return None;
    }
    for (slot, item) in v.iter_mut().zip(items) {
        *slot = deref(doc, item).as_float().ok()?;
        if !slot.is_finite() {
            return None;
        }
    }
    let (x0, x1) = (v[0].min(v[2]), v[0].max(v[2]));
    let (y0, y1) = (v[1].min(v[3]), v[1].max(v[3]));
    let sensible = |side: f32| (1.0..=MAX_SIDE_PT).contains(&side);
    (sensible(x1 - x0) && sensible(y1 - y0)).then_some([x0, y0, x1, y1])
}

/// Copies objects out of a document, numbering the ones referred to in order of discovery.
struct Copy {
    local: HashMap<ObjectId, usize>,
    objects: Vec<Object>,
    /// Referred to but not yet copied: (id in the file, local number).
    queue: Vec<(ObjectId, usize)>,
}

impl Copy {
    /// `object` with its references turned into local numbers; what they refer to is queued.
    fn localised(&mut self, object: &Object, depth: usize) -> Result<Object, Unusable> {
        if depth > MAX_DEPTH {
            return Err(unusable(
                "pdf-too-complex",
                &[],
                "the PDF's page is too complex to embed; simplify it or upload a PNG".into(),
            ));
        }
        Ok(match object {
            Object::Reference(id) => {
                let index = match self.local.get(id) {
                    Some(&i) => i,
                    None => {
                        if self.objects.len() >= MAX_OBJECTS {
                            return Err(unusable(
                                "pdf-too-complex",
                                &[],
                                "the PDF's page is too complex to embed; simplify it or upload a PNG".into(),
                            ));
                        }
                        let i = self.objects.len();
                        self.objects.push(Object::Null);
                        self.local.insert(*id, i);
                        self.queue.push((*id, i));
                        i
                    }
                };
                Object::Reference((index as u32, 0))
            }
            Object::Array(items) => Object::Array(
                items
                    .iter()
                    .map(|o| self.localised(o, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Object::Dictionary(dict) => Object::Dictionary(self.dictionary(dict, depth)?),
            Object::Stream(stream) => {
                let mut copied = stream.clone();
                copied.dict = self.dictionary(&stream.dict, depth)?;
                Object::Stream(copied)
            }
            other => other.clone(),
        })
    }

    /// A dictionary copied without what would pull in the rest of the file: the page tree
    /// above (`Parent`) and a stream's length (written anew).
    fn dictionary(&mut self, dict: &Dictionary, depth: usize) -> Result<Dictionary, Unusable> {
        let mut out = Dictionary::new();
        for (key, value) in dict.iter() {
            if key == b"Parent" || key == b"Length" {
                continue;
            }
            out.set(key.clone(), self.localised(value, depth + 1)?);
        }
        Ok(out)
    }
}

/// Write `object` in PDF syntax, local references as the ids given them.
fn serialise(object: &Object, ids: &[ObjId], out: &mut Vec<u8>) {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => {
            let r = if r.is_finite() { *r } else { 0.0 };
            out.extend_from_slice(format!("{r:.6}").trim_end_matches('0').as_bytes());
        }
        Object::Name(name) => name_into(name, out),
        Object::String(bytes, _) => {
            out.push(b'<');
            for b in bytes {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialise(item, ids, out);
            }
            out.push(b']');
        }
        Object::Dictionary(dict) => dictionary_into(dict, ids, out),
        Object::Stream(stream) => {
            let mut dict = stream.dict.clone();
            dict.set("Length", Object::Integer(stream.content.len() as i64));
            dictionary_into(&dict, ids, out);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((index, _)) => match ids.get(*index as usize) {
            Some(id) => out.extend_from_slice(id.to_string().as_bytes()),
            None => out.extend_from_slice(b"null"),
        },
    }
}

fn dictionary_into(dict: &Dictionary, ids: &[ObjId], out: &mut Vec<u8>) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        out.push(b' ');
        name_into(key, out);
        out.push(b' ');
        serialise(value, ids, out);
    }
    out.extend_from_slice(b" >>");
}

/// A name, with `#xx` for what may not stand in one as it is.
fn name_into(name: &[u8], out: &mut Vec<u8>) {
    out.push(b'/');
    for &b in name {
        if (b'!'..=b'~').contains(&b) && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_keeps_its_box_content_and_resources() {
        let page = VectorPage::read(&crate::test_support::emblem_pdf(80.0, 100.0)).unwrap();
        assert_eq!(page.bbox, [0.0, 0.0, 80.0, 100.0]);
        // The inner form is the one object copied, and the page tree is left behind.
        assert_eq!(page.objects.len(), 1);
        let mut out = Vec::new();
        let mut w = PdfWriter::new(&mut out).unwrap();
        page.write(&mut w).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("/Resources << /XObject << /Fm0 1 0 R >> >>"),
            "{text}"
        );
        assert!(text.contains("/Matrix [0.012500 0 0 0.010000"), "{text}");
        assert!(!text.contains("/Pages"), "{text}");
    }

    #[test]
    fn more_than_one_page_or_no_pdf_is_refused() {
        assert_eq!(
            VectorPage::read(b"%PDF-1.4 nothing").unwrap_err().code,
            "pdf-unreadable"
        );
        let too_big = vec![b' '; MAX_BYTES + 1];
        assert_eq!(
            VectorPage::read(&too_big).unwrap_err().code,
            "file-too-large"
        );
    }
}
