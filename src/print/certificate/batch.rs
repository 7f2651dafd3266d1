//! A batch of certificates as one PDF: everything checked and fitted first, then written
//! as a stream in chunks of pages rendered in parallel, the design shared as one form per
//! distinct set of static values.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use super::draw::{Glyphs, Pictures, draw_layer, element_text};
use super::{CertificateFields, RenderMode, RenderOptions};
use crate::print::PrintError;
use crate::print::layout::{Content, Layer, Layout, TextElement, TextSource};
use crate::print::pdf::{Deflater, Document, GlyphUsage, Image, Surface};

/// Pages rendered, then written and dropped, at a time: bounds memory, and is large
/// enough to keep both cores busy.
pub(super) const CHUNK_PAGES: usize = 512;

/// Render one page per certificate, in the order given, into PDF bytes. `progress` is
/// called with the number of pages done after each chunk.
pub fn render_certificates(
    layout: &Layout,
    certs: &[CertificateFields],
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<Vec<u8>, PrintError> {
    write_certificates(Vec::new(), layout, certs, opts, progress)
}

/// [`render_certificates`] into any writer. Every text is checked and fitted before the
/// first byte is written, so an error leaves `out` untouched unless writing itself fails.
pub fn write_certificates<W: Write>(
    out: W,
    layout: &Layout,
    certs: &[CertificateFields],
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<W, PrintError> {
    write_pages(
        out,
        &[layout],
        &[],
        certs,
        |c| Page::of(0, None, c),
        opts,
        progress,
    )
}

/// One certificate of a mixed batch, with the layout of its kind and its issuer's emblem.
pub struct Certificate<'a> {
    pub layout: &'a Layout,
    pub fields: CertificateFields,
    /// Drawn by the layout's emblem element on plain paper; embedded once however many
    /// pages show it.
    pub emblem: Option<&'a Image>,
}

/// What the writer needs of one page: its layout and emblem (indexes into the batch's
/// lists) and its fields.
#[derive(Clone, Copy)]
struct Page<'a> {
    layout: usize,
    emblem: Option<usize>,
    fields: &'a CertificateFields,
}

impl<'a> Page<'a> {
    fn of(layout: usize, emblem: Option<usize>, fields: &'a CertificateFields) -> Self {
        Page {
            layout,
            emblem,
            fields,
        }
    }
}

/// The index of `item` in `list` (by address), added when it is not there yet.
fn index_in<'a, T>(list: &mut Vec<&'a T>, item: &'a T) -> usize {
    match list.iter().position(|l| std::ptr::eq(*l, item)) {
        Some(i) => i,
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

/// Render a batch whose certificates may be of different kinds (a Bằng khen, then Giấy
/// khen …), one page each in the order given, into `out`. The layouts must share one paper
/// size. As with [`write_certificates`], nothing is written when a text cannot be printed.
pub fn write_certificate_batch<W: Write>(
    out: W,
    certs: &[Certificate<'_>],
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<W, PrintError> {
    let (mut layouts, mut emblems) = (Vec::new(), Vec::new());
    let pages: Vec<Page<'_>> = certs
        .iter()
        .map(|c| {
            let layout = index_in(&mut layouts, c.layout);
            // Embedded only where a layout draws it.
            let emblem = c
                .emblem
                .filter(|_| c.layout.shows_emblem())
                .map(|e| index_in(&mut emblems, e));
            Page::of(layout, emblem, &c.fields)
        })
        .collect();
    write_pages(out, &layouts, &emblems, &pages, |p| *p, opts, progress)
}

/// The writer behind both entry points: `page` gives each item's layout (an index into
/// `layouts`), emblem (into `emblems`) and fields.
fn write_pages<W: Write, T: Sync>(
    out: W,
    layouts: &[&Layout],
    emblems: &[&Image],
    certs: &[T],
    page: impl Fn(&T) -> Page<'_> + Sync,
    opts: &RenderOptions,
    progress: &mut dyn FnMut(usize),
) -> Result<W, PrintError> {
    if certs.is_empty() {
        return Err(PrintError::InvalidData(
            "there are no certificates to print".into(),
        ));
    }
    let paper = (layouts[0].width_mm, layouts[0].height_mm);
    if let Some(other) = layouts.iter().find(|l| (l.width_mm, l.height_mm) != paper) {
        return Err(PrintError::InvalidData(format!(
            "\"{}\" ({:.0}×{:.0} mm) and \"{}\" ({:.0}×{:.0} mm) are on different paper and cannot share one PDF; print each kind on its own",
            layouts[0].name, paper.0, paper.1, other.name, other.width_mm, other.height_mm
        )));
    }
    let full = opts.mode == RenderMode::Full;
    // Each layout's images follow the previous layout's in the document's resources, its
    // background last; on blanks the background is not even embedded.
    fn images_of(l: &Layout, full: bool) -> Vec<&crate::print::pdf::Image> {
        let background = l.background.as_ref().filter(|_| full).map(|b| &b.image);
        l.images.iter().chain(background).collect()
    }
    let mut next = 0;
    let image_base: Vec<usize> = layouts
        .iter()
        .map(|l| {
            let base = next;
            next += images_of(l, full).len();
            base
        })
        .collect();
    // The emblems follow every layout's images; on blanks they are not embedded.
    let emblem_base = next;
    let emblems = if full { emblems } else { &[] };
    let offset = opts.field_offset();
    let draw = |s: &mut dyn Surface, item: &T, layer: Layer, offset: (f32, f32), g: Glyphs| {
        let p = page(item);
        let pictures = Pictures {
            base: image_base[p.layout],
            emblem: p
                .emblem
                .and_then(|e| Some((emblem_base + e, *emblems.get(e)?))),
        };
        draw_layer(s, layouts[p.layout], pictures, layer, p.fields, offset, g)
    };
    let key = |item: &T, g: Glyphs| -> Result<String, PrintError> {
        let p = page(item);
        Ok(format!(
            "{}\u{2}{:?}\u{2}{}",
            p.layout,
            p.emblem,
            static_key(layouts[p.layout], p.fields, g)?
        ))
    };

    // First pass: check and fit everything, and learn which glyphs the fonts must carry.
    let usages = in_parallel(certs, |part| {
        let mut usage = GlyphUsage::default();
        let mut static_seen = HashSet::new();
        for cert in part {
            if full && static_seen.insert(key(cert, Glyphs::Check)?) {
                draw(&mut usage, cert, Layer::Static, (0.0, 0.0), Glyphs::Check)?;
            }
            draw(&mut usage, cert, Layer::Variable, offset, Glyphs::Check)?;
        }
        Ok::<_, PrintError>(usage)
    });
    let mut usage = GlyphUsage::default();
    for part in usages {
        usage.merge(&part?);
    }

    let images: Vec<_> = layouts
        .iter()
        .flat_map(|l| images_of(l, full))
        .chain(emblems.iter().copied())
        .collect();
    let mut doc = Document::begin(out, &usage, &images, paper)?;
    // The design is drawn once as a form per distinct set of static values, not per page.
    let mut forms: HashMap<String, usize> = HashMap::new();
    for chunk in certs.chunks(CHUNK_PAGES) {
        let mut form_of = Vec::with_capacity(chunk.len());
        for cert in chunk {
            if !full {
                form_of.push(None);
                continue;
            }
            let k = key(cert, Glyphs::Checked)?;
            let index = match forms.get(&k) {
                Some(&index) => index,
                None => {
                    let mut canvas = doc.setup().canvas();
                    draw(
                        &mut canvas,
                        cert,
                        Layer::Static,
                        (0.0, 0.0),
                        Glyphs::Checked,
                    )?;
                    let index = doc.add_form(&canvas.into_bytes())?;
                    forms.insert(k, index);
                    index
                }
            };
            form_of.push(Some(index));
        }
        let setup = doc.setup();
        let jobs: Vec<_> = chunk.iter().zip(form_of).collect();
        let pages = in_parallel(&jobs, |part| {
            let mut deflater = Deflater::default();
            part.iter()
                .map(|(cert, form)| {
                    let mut canvas = setup.canvas();
                    if let Some(index) = form {
                        canvas.form(*index);
                    }
                    draw(&mut canvas, cert, Layer::Variable, offset, Glyphs::Checked)?;
                    Ok(deflater.deflate(&canvas.into_bytes()))
                })
                .collect::<Result<Vec<_>, PrintError>>()
        });
        for part in pages {
            for page in part? {
                doc.add_page(&page)?;
            }
        }
        progress(doc.page_count());
    }
    let title = if !opts.title.is_empty() {
        opts.title.clone()
    } else {
        layouts
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Ok(doc.finish(&title)?)
}

/// The values the static layer shows for a certificate; pages with equal keys share a form.
fn static_key(
    layout: &Layout,
    cert: &CertificateFields,
    glyphs: Glyphs,
) -> Result<String, PrintError> {
    let mut key = String::new();
    for el in layout.elements.iter().filter(|e| e.layer == Layer::Static) {
        if let Content::Text(
            t @ TextElement {
                source: TextSource::Field(_),
                ..
            },
        ) = &el.content
        {
            key.push_str(&element_text(t, cert, glyphs)?.unwrap_or_default());
            key.push('\u{1}');
        }
    }
    Ok(key)
}

/// Run `work` on `items` cut into one contiguous part per core; the results in order.
pub(super) fn in_parallel<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    // Below this a thread costs more than it saves.
    if workers < 2 || items.len() < 64 {
        return vec![work(items)];
    }
    let per = items.len().div_ceil(workers);
    let work = &work;
    std::thread::scope(|scope| {
        let rest: Vec<_> = items
            .chunks(per)
            .skip(1)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        let mut results = vec![work(&items[..per])];
        results.extend(
            rest.into_iter()
                .map(|h| h.join().expect("a certificate worker panicked")),
        );
        results
    })
}
