//! Flowing documents: pages recorded as drawing operations and laid out top to bottom within
//! margins, paragraphs that continue on the next page, tables whose rows move whole to the
//! next page under a repeated header, and page numbers (the bare number at the top from the
//! second page, as Decree 30 has it), known only once the layout is done. Shared by every
//! printout but the certificate.

use super::PrintError;
use super::fit::{Align, FitSpec, FittedText, LEADING, TextStyle, fit_field};
use super::fonts::FaceStyle;
use super::pdf::{Deflater, Document, GlyphUsage, MM, Rect, Rgb, Surface};
use crate::domain::text::{KEEP, kept_together};

pub const BLACK: Rgb = [0.0, 0.0, 0.0];

/// A4 portrait in mm.
pub const A4: (f32, f32) = (210.0, 297.0);

/// Line limit passed to the fitter for text that may wrap freely (a cell, a paragraph):
/// the real limit is the height of a page.
const MANY_LINES: usize = 400;

/// One drawing operation of a recorded page.
#[derive(Debug, Clone)]
enum Op {
    Text {
        face: FaceStyle,
        size: f32,
        x: f32,
        baseline: f32,
        text: String,
        colour: Rgb,
    },
    Line([f32; 4], f32, Rgb),
    Rect(Rect, f32, Rgb, bool),
    Fill(Rect, Rgb),
    Grid(Rect, usize, Vec<bool>, Rgb),
    Image(usize, Rect),
    HalfTurn(f32, f32),
    EndTurn,
}

/// A page kept as its drawing operations, so that it can be drawn twice (once to learn the
/// glyphs the fonts must carry, once to write it) and numbered after the last page is known.
#[derive(Debug, Clone, Default)]
pub struct RecordedPage {
    ops: Vec<Op>,
}

impl RecordedPage {
    /// Draw the recorded operations on `surface`, in order.
    pub fn replay<S: Surface + ?Sized>(&self, surface: &mut S) {
        for op in &self.ops {
            match op {
                Op::Text {
                    face,
                    size,
                    x,
                    baseline,
                    text,
                    colour,
                } => surface.text(*face, *size, *x, *baseline, text, *colour),
                Op::Line([x1, y1, x2, y2], w, c) => surface.line(*x1, *y1, *x2, *y2, *w, *c),
                Op::Rect(r, w, c, dashed) => surface.rect(*r, *w, *c, *dashed),
                Op::Fill(r, c) => surface.fill_rect(*r, *c),
                Op::Grid(r, columns, dark, c) => surface.fill_grid(*r, *columns, dark, *c),
                Op::Image(i, r) => surface.image(*i, *r),
                Op::HalfTurn(cx, cy) => surface.begin_half_turn(*cx, *cy),
                Op::EndTurn => surface.end_turn(),
            }
        }
    }
}

impl Surface for RecordedPage {
    fn text(&mut self, face: FaceStyle, size: f32, x: f32, baseline: f32, text: &str, colour: Rgb) {
        self.ops.push(Op::Text {
            face,
            size,
            x,
            baseline,
            text: text.to_string(),
            colour,
        });
    }
    fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, width_pt: f32, colour: Rgb) {
        self.ops.push(Op::Line([x1, y1, x2, y2], width_pt, colour));
    }
    fn rect(&mut self, rect: Rect, width_pt: f32, colour: Rgb, dashed: bool) {
        self.ops.push(Op::Rect(rect, width_pt, colour, dashed));
    }
    fn fill_rect(&mut self, rect: Rect, colour: Rgb) {
        self.ops.push(Op::Fill(rect, colour));
    }
    fn fill_grid(&mut self, rect: Rect, columns: usize, dark: &[bool], colour: Rgb) {
        self.ops
            .push(Op::Grid(rect, columns, dark.to_vec(), colour));
    }
    fn image(&mut self, index: usize, rect: Rect) {
        self.ops.push(Op::Image(index, rect));
    }
    fn begin_half_turn(&mut self, cx: f32, cy: f32) {
        self.ops.push(Op::HalfTurn(cx, cy));
    }
    fn end_turn(&mut self) {
        self.ops.push(Op::EndTurn);
    }
}

/// Write recorded pages of one size as a PDF with subset fonts.
pub fn render_pages(
    pages: &[RecordedPage],
    page_mm: (f32, f32),
    title: &str,
) -> Result<Vec<u8>, PrintError> {
    let mut usage = GlyphUsage::default();
    for page in pages {
        page.replay(&mut usage);
    }
    let mut doc = Document::begin(Vec::new(), &usage, &[], page_mm)?;
    let mut deflater = Deflater::default();
    for page in pages {
        let content = {
            let mut canvas = doc.setup().canvas();
            page.replay(&mut canvas);
            deflater.deflate(&canvas.into_bytes())
        };
        doc.add_page(&content)?;
    }
    Ok(doc.finish(title)?)
}

/// Page size and margins, in mm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageFrame {
    pub size: (f32, f32),
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

impl PageFrame {
    /// A4 portrait with the margins of Decree 30/2020 for administrative documents: 20 mm
    /// top and bottom, 30 mm left (for binding), 15 mm right.
    pub const ADMINISTRATIVE: PageFrame = PageFrame {
        size: A4,
        top: 20.0,
        bottom: 20.0,
        left: 30.0,
        right: 15.0,
    };

    /// The box text may fill.
    pub fn content(&self) -> Rect {
        Rect {
            x: self.left,
            y: self.top,
            w: self.size.0 - self.left - self.right,
            h: self.size.1 - self.top - self.bottom,
        }
    }
}

/// How a block of text is set across the content width.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub face: FaceStyle,
    pub size: f32,
    pub align: Align,
    /// Extra left margin in mm (first and following lines alike).
    pub indent: f32,
    /// Further indent of each paragraph's first line, in mm (Decree 30: 1–1.27 cm).
    pub first_line: f32,
    pub underline: bool,
}

impl Block {
    pub fn new(face: FaceStyle, size: f32, align: Align) -> Block {
        Block {
            face,
            size,
            align,
            indent: 0.0,
            first_line: 0.0,
            underline: false,
        }
    }

    /// Each paragraph's first line set in by `mm`, the others at the margin.
    pub fn first_line_indented(self, mm: f32) -> Block {
        Block {
            first_line: mm,
            ..self
        }
    }

    pub fn indented(self, indent: f32) -> Block {
        Block { indent, ..self }
    }

    pub fn underlined(self) -> Block {
        Block {
            underline: true,
            ..self
        }
    }

    /// Height of one line, in mm.
    pub fn line_height(&self) -> f32 {
        self.size * LEADING / MM
    }
}

/// Fit `text` at exactly `size` (no shrinking), wrapped at spaces to `width` mm; the error
/// names `field` and `owner`.
pub fn wrap_text<'a>(
    text: &'a str,
    face: FaceStyle,
    size: f32,
    width: f32,
    max_height: f32,
    field: &str,
    owner: &str,
) -> Result<FittedText<'a>, PrintError> {
    let spec = FitSpec {
        face,
        size,
        min_size: size,
        max_lines: MANY_LINES,
    };
    let rect = Rect {
        x: 0.0,
        y: 0.0,
        w: width,
        h: max_height,
    };
    fit_field(text, &spec, rect, field, owner)
}

/// Text height in mm of a fitted text.
pub fn fitted_height(fitted: &FittedText<'_>) -> f32 {
    fitted.lines.len() as f32 * fitted.size * LEADING / MM
}

/// Pages being filled from top to bottom.
pub struct Flow {
    frame: PageFrame,
    pages: Vec<RecordedPage>,
    y: f32,
}

impl Flow {
    pub fn new(frame: PageFrame) -> Flow {
        Flow {
            frame,
            pages: vec![RecordedPage::default()],
            y: frame.top,
        }
    }

    pub fn frame(&self) -> PageFrame {
        self.frame
    }

    /// The page being filled.
    pub fn page(&mut self) -> &mut RecordedPage {
        self.pages.last_mut().expect("a flow always has a page")
    }

    /// The top of the free space on the current page, in mm from the top edge.
    pub fn y(&self) -> f32 {
        self.y
    }

    pub fn advance(&mut self, dy: f32) {
        self.y += dy;
    }

    /// Free height left on the current page.
    pub fn remaining(&self) -> f32 {
        self.frame.size.1 - self.frame.bottom - self.y
    }

    pub fn new_page(&mut self) {
        self.pages.push(RecordedPage::default());
        self.y = self.frame.top;
    }

    /// Start a new page unless `height` mm are free on this one (a fresh page takes what it
    /// can: a block taller than a page is the caller's to refuse). True when it broke.
    pub fn ensure(&mut self, height: f32) -> bool {
        if height > self.remaining() + 0.01 && self.y > self.frame.top {
            self.new_page();
            true
        } else {
            false
        }
    }

    /// Set `text` ('\n' breaks lines) across the content width, wrapped at spaces; lines
    /// that do not fit continue on the next page.
    pub fn paragraph(
        &mut self,
        text: &str,
        block: &Block,
        field: &str,
        owner: &str,
    ) -> Result<(), PrintError> {
        block.face.face().check_coverage(text, field, owner)?;
        let content = self.frame.content();
        let width = content.w - block.indent;
        // A first line set in: each paragraph's first line wrapped that much narrower, the
        // rest of the paragraph wrapped at the full width.
        let mut firsts = Vec::new();
        let fitted = if block.first_line > 0.0 {
            let mut lines = Vec::new();
            for para in text.split('\n') {
                let narrow = wrap_text(
                    para,
                    block.face,
                    block.size,
                    width - block.first_line,
                    content.h,
                    field,
                    owner,
                )?;
                let Some(first) = narrow.lines.first().copied() else {
                    continue;
                };
                let end = first.text.as_ptr() as usize - para.as_ptr() as usize + first.text.len();
                firsts.push(lines.len());
                lines.push(first);
                let rest = para[end..].trim_start();
                if !rest.is_empty() {
                    let wide =
                        wrap_text(rest, block.face, block.size, width, content.h, field, owner)?;
                    lines.extend(wide.lines);
                }
            }
            FittedText {
                size: block.size,
                lines,
            }
        } else {
            wrap_text(text, block.face, block.size, width, content.h, field, owner)?
        };
        let line_h = block.line_height();
        let style = TextStyle {
            face: block.face,
            align: block.align,
            colour: BLACK,
            underline: block.underline,
        };
        for (i, line) in fitted.lines.iter().enumerate() {
            self.ensure(line_h);
            let one = FittedText {
                size: fitted.size,
                lines: vec![*line],
            };
            let set_in = if firsts.contains(&i) {
                block.first_line
            } else {
                0.0
            };
            let rect = Rect {
                x: content.x + block.indent + set_in,
                y: self.y,
                w: width - set_in,
                h: line_h,
            };
            one.draw(self.page(), rect, &style);
            self.y += line_h;
        }
        Ok(())
    }

    /// A paragraph whose first words (`lead`, "Điều 1.") are set in bold before `text`, as
    /// Decree 30 heads an article; `block`'s first-line indent is kept before the lead.
    pub fn led_paragraph(
        &mut self,
        lead: &str,
        text: &str,
        block: &Block,
        field: &str,
        owner: &str,
    ) -> Result<(), PrintError> {
        if lead.is_empty() {
            return self.paragraph(text, block, field, owner);
        }
        FaceStyle::Bold.face().check_coverage(lead, field, owner)?;
        let width = FaceStyle::Bold
            .face()
            .width_pt(&format!("{lead} "), block.size)
            / MM;
        self.ensure(block.line_height());
        let content = self.frame.content();
        let rect = Rect {
            x: content.x + block.indent + block.first_line,
            y: self.y,
            w: width + 1.0,
            h: block.line_height(),
        };
        let fitted = wrap_text(
            lead,
            FaceStyle::Bold,
            block.size,
            rect.w,
            rect.h,
            field,
            owner,
        )?;
        let style = TextStyle {
            face: FaceStyle::Bold,
            align: Align::Left,
            colour: BLACK,
            underline: false,
        };
        fitted.draw(self.page(), rect, &style);
        let rest = Block {
            first_line: block.first_line + width,
            ..*block
        };
        self.paragraph(text, &rest, field, owner)
    }

    /// The recorded pages; with `numbers`, each page from the second gets its bare number
    /// centred in the top margin, as Decree 30 numbers an administrative document's pages
    /// (a single page needs no number, and the first page none).
    pub fn into_pages(mut self, numbers: bool) -> Vec<RecordedPage> {
        let n = self.pages.len();
        if numbers && n > 1 {
            let frame = self.frame;
            let style = TextStyle {
                face: FaceStyle::Regular,
                align: Align::Centre,
                colour: BLACK,
                underline: false,
            };
            for (i, page) in self.pages.iter_mut().enumerate().skip(1) {
                let label = (i + 1).to_string();
                let fitted = FittedText {
                    size: 11.0,
                    lines: vec![super::fit::Line {
                        width_pt: FaceStyle::Regular.face().width_pt(&label, 11.0),
                        text: &label,
                    }],
                };
                let rect = Rect {
                    x: frame.left,
                    y: (frame.top - 6.0) / 2.0,
                    w: frame.size.0 - frame.left - frame.right,
                    h: 6.0,
                };
                fitted.draw(page, rect, &style);
            }
        }
        self.pages
    }

    /// Write the document, numbering the pages when `numbers`.
    pub fn render(self, title: &str, numbers: bool) -> Result<Vec<u8>, PrintError> {
        let size = self.frame.size;
        render_pages(&self.into_pages(numbers), size, title)
    }
}

/// A column of a [`Table`]: its heading, width in mm and the alignment of its cells.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    pub title: &'a str,
    pub width: f32,
    pub align: Align,
}

impl<'a> Column<'a> {
    /// A column: its heading, its width in mm, how its cells align.
    pub const fn new(title: &'a str, width: f32, align: Align) -> Self {
        Column {
            title,
            width,
            align,
        }
    }
}

/// One paragraph of a cell, in its own face.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub text: String,
    pub face: FaceStyle,
}

impl Part {
    /// A paragraph whose names stay whole on a line ([`kept_together`]): a table breaks
    /// "Phạm Văn Dũng" or "tỉnh Ninh Bình" only where a line cannot hold it.
    pub fn new(text: impl Into<String>, face: FaceStyle) -> Part {
        Part {
            text: kept_together(&text.into()),
            face,
        }
    }
}

/// A cell: paragraphs stacked top to bottom (empty parts are skipped).
pub type Cell = Vec<Part>;

/// A ruled table whose rows never split: a row that does not fit the rest of a page starts
/// the next one, under the header drawn again.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    pub columns: &'a [Column<'a>],
    pub size: f32,
    /// Padding inside each cell, in mm.
    pub padding: f32,
    /// Smallest row height in mm (room to sign on a sign-in sheet).
    pub min_row_height: f32,
    pub rule_pt: f32,
}

/// A row fitted into its cells: per cell, its parts fitted with their face.
struct FittedRow<'a> {
    cells: Vec<Vec<(FittedText<'a>, FaceStyle)>>,
    height: f32,
}

impl<'a> Table<'a> {
    pub fn new(columns: &'a [Column<'a>], size: f32) -> Table<'a> {
        Table {
            columns,
            size,
            padding: 1.5,
            min_row_height: 0.0,
            rule_pt: 0.5,
        }
    }

    /// The columns widened where a cell holds a word or kept name wider than its column:
    /// the column with the most room to spare beyond its own widest word gives way, so a
    /// column of names is as wide as its longest name before the content column narrows.
    fn widened(&self, rows: &[Vec<Cell>]) -> Vec<Column<'a>> {
        let mut columns = self.columns.to_vec();
        let widest: Vec<f32> = (0..columns.len())
            .map(|c| {
                rows.iter()
                    .filter_map(|row| row.get(c))
                    .flatten()
                    .flat_map(|part| {
                        let face = part.face.face();
                        part.text
                            .split(' ')
                            .map(move |w| face.unit_width(w) * self.size / MM)
                    })
                    .fold(0.0, f32::max)
                    + 2.0 * self.padding
                    + 0.1
            })
            .collect();
        for c in 0..columns.len() {
            let short = widest[c] - columns[c].width;
            if short <= 0.0 {
                continue;
            }
            let spare = |d: usize, columns: &[Column<'_>]| columns[d].width - widest[d].max(15.0);
            let Some(donor) = (0..columns.len())
                .filter(|&d| d != c)
                .max_by(|&a, &b| spare(a, &columns).total_cmp(&spare(b, &columns)))
            else {
                continue;
            };
            let moved = short.min(spare(donor, &columns).max(0.0));
            columns[donor].width -= moved;
            columns[c].width += moved;
        }
        columns
    }

    /// Draw the header and `rows` at the flow's position; `row_name(i)` names row i in errors.
    pub fn draw(
        &self,
        flow: &mut Flow,
        rows: &[Vec<Cell>],
        row_name: &dyn Fn(usize) -> String,
    ) -> Result<(), PrintError> {
        let columns = self.widened(rows);
        let table = Table {
            columns: &columns,
            ..*self
        };
        table.draw_widened(flow, rows, row_name)
    }

    fn draw_widened(
        &self,
        flow: &mut Flow,
        rows: &[Vec<Cell>],
        row_name: &dyn Fn(usize) -> String,
    ) -> Result<(), PrintError> {
        let header_cells: Vec<Cell> = self
            .columns
            .iter()
            .map(|c| vec![Part::new(c.title, FaceStyle::Bold)])
            .collect();
        let page_h = flow.frame().content().h;
        let header = self.fit_row(&header_cells, page_h, "tiêu đề bảng", true)?;
        let room = page_h - header.height;
        let mut first = true;
        for (i, cells) in rows.iter().enumerate() {
            let row = self.fit_row(cells, room, &row_name(i), false)?;
            // The header never stands alone at the foot of a page.
            let needed = row.height + if first { header.height } else { 0.0 };
            if flow.ensure(needed) || first {
                self.draw_row(flow, &header, true);
            }
            first = false;
            self.draw_row(flow, &row, false);
        }
        if first {
            self.draw_row(flow, &header, true);
        }
        Ok(())
    }

    fn fit_row<'t>(
        &self,
        cells: &'t [Cell],
        max_height: f32,
        owner: &str,
        header: bool,
    ) -> Result<FittedRow<'t>, PrintError> {
        if cells.len() != self.columns.len() {
            return Err(PrintError::InvalidData(format!(
                "{owner}: {} cells for {} columns",
                cells.len(),
                self.columns.len()
            )));
        }
        let inner = max_height - 2.0 * self.padding;
        let mut height: f32 = 0.0;
        let mut fitted = Vec::with_capacity(cells.len());
        for (cell, column) in cells.iter().zip(self.columns) {
            let mut parts = Vec::with_capacity(cell.len());
            let mut cell_h = 0.0;
            for part in cell.iter().filter(|p| !p.text.is_empty()) {
                part.face
                    .face()
                    .check_coverage(&part.text, column.title, owner)?;
                let text = wrap_text(
                    &part.text,
                    part.face,
                    self.size,
                    column.width - 2.0 * self.padding,
                    inner,
                    column.title,
                    owner,
                )?;
                cell_h += fitted_height(&text);
                parts.push((text, part.face));
            }
            if cell_h > inner + 0.01 {
                return Err(PrintError::TextDoesNotFit {
                    field: column.title.to_string(),
                    recipient: owner.to_string(),
                    text: cell.iter().map(|p| p.text.replace(KEEP, " ")).collect(),
                    detail: "the row is taller than a page".into(),
                });
            }
            height = height.max(cell_h);
            fitted.push(parts);
        }
        let min = if header { 0.0 } else { self.min_row_height };
        Ok(FittedRow {
            cells: fitted,
            height: (height + 2.0 * self.padding).max(min),
        })
    }

    fn draw_row(&self, flow: &mut Flow, row: &FittedRow<'_>, header: bool) {
        let mut x = flow.frame().content().x;
        let y = flow.y();
        let page = flow.page();
        for (parts, column) in row.cells.iter().zip(self.columns) {
            page.rect(
                Rect {
                    x,
                    y,
                    w: column.width,
                    h: row.height,
                },
                self.rule_pt,
                BLACK,
                false,
            );
            let mut top = y + self.padding;
            if header {
                // Headings sit in the middle of their row.
                let h: f32 = parts.iter().map(|(t, _)| fitted_height(t)).sum();
                top = y + (row.height - h) / 2.0;
            }
            for (text, face) in parts {
                let h = fitted_height(text);
                let style = TextStyle {
                    face: *face,
                    align: if header { Align::Centre } else { column.align },
                    colour: BLACK,
                    underline: false,
                };
                let rect = Rect {
                    x: x + self.padding,
                    y: top,
                    w: column.width - 2.0 * self.padding,
                    h,
                };
                text.draw(page, rect, &style);
                top += h;
            }
            x += column.width;
        }
        flow.advance(row.height);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Cell {
        vec![Part::new(text, FaceStyle::Regular)]
    }

    /// The y of the top of every row drawn per page, read back from the recorded rectangles
    /// of the first column.
    fn row_tops(pages: &[RecordedPage]) -> Vec<Vec<(f32, f32)>> {
        pages
            .iter()
            .map(|p| {
                p.ops
                    .iter()
                    .filter_map(|op| match op {
                        Op::Rect(r, ..) if r.x == PageFrame::ADMINISTRATIVE.left => {
                            Some((r.y, r.y + r.h))
                        }
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn rows_move_whole_to_the_next_page_under_a_repeated_header() {
        let columns = [
            Column::new("Thời gian", 30.0, Align::Centre),
            Column::new("Nội dung", 135.0, Align::Left),
        ];
        let long = "Tham luận của Công an xã về kinh nghiệm xây dựng mô hình tự quản ".repeat(3);
        let rows: Vec<Vec<Cell>> = (0..40).map(|_| vec![cell("07h30"), cell(&long)]).collect();
        let mut flow = Flow::new(PageFrame::ADMINISTRATIVE);
        Table::new(&columns, 13.0)
            .draw(&mut flow, &rows, &|i| format!("dòng {}", i + 1))
            .unwrap();
        let pages = flow.into_pages(true);
        assert!(pages.len() > 2);
        let bottom = A4.1 - PageFrame::ADMINISTRATIVE.bottom;
        let mut data_rows = 0;
        for tops in row_tops(&pages) {
            // First the header at the top margin, then rows edge to edge, none past the margin.
            assert_eq!(tops[0].0, PageFrame::ADMINISTRATIVE.top);
            for pair in tops.windows(2) {
                assert!((pair[0].1 - pair[1].0).abs() < 1e-3);
            }
            assert!(tops.last().unwrap().1 <= bottom + 0.01);
            data_rows += tops.len() - 1;
        }
        assert_eq!(data_rows, 40);
    }

    #[test]
    fn a_row_taller_than_a_page_is_refused_by_name() {
        let columns = [Column {
            title: "Nội dung",
            width: 30.0,
            align: Align::Left,
        }];
        let rows = vec![vec![cell(&"Hội nghị tổng kết ".repeat(200))]];
        let err = Table::new(&columns, 13.0)
            .draw(&mut Flow::new(PageFrame::ADMINISTRATIVE), &rows, &|_| {
                "mục 7".into()
            })
            .unwrap_err();
        assert!(err.to_string().contains("mục 7"), "{err}");
    }
}
