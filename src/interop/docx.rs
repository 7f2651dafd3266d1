//! Word documents (DOCX) of the papers an office edits before signing: the award decision
//! or the proposal for one, with its annex. Real paragraphs, tables and styles, Times New Roman 14 pt on A4 with
//! Decree 30's margins (top and bottom 20 mm, left 30 mm, right 15 mm), the same text as the
//! PDF (`print::decision::Draft`).

use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table,
    TableCell, TableRow, WidthType,
};

use crate::domain::cash::grouped;
use crate::print::admin::HeadingText;
use crate::print::decision::Draft;

/// Twips (1/1440 inch) in a millimetre.
const TWIPS_PER_MM: f32 = 56.693;

fn mm(v: f32) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// Half-points, as Word sizes text.
fn pt(v: usize) -> usize {
    v * 2
}

fn text(t: &str) -> Run {
    Run::new().add_text(t)
}

fn centred(run: Run) -> Paragraph {
    Paragraph::new().add_run(run).align(AlignmentType::Center)
}

/// A paragraph of body text with its first line indented, as Decree 30 sets it.
fn body(runs: Vec<Run>) -> Paragraph {
    runs.into_iter()
        .fold(Paragraph::new(), Paragraph::add_run)
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(mm(10.0))),
            None,
            None,
        )
}

/// A cell of `width_mm` holding `paragraphs`.
fn cell(width_mm: f32, paragraphs: Vec<Paragraph>) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(mm(width_mm) as usize, WidthType::Dxa)
}

/// A draft (decision or proposal) and its annex as a DOCX document under `head`, the same
/// heading as the PDF's.
pub fn draft(t: &Draft, head: &HeadingText) -> Vec<u8> {
    let bold = |s: &str| text(s).bold();
    // The heading: the issuer in full at the left, the national name and motto at the right.
    let mut left: Vec<Paragraph> = head
        .body
        .iter()
        .map(|(l, b)| centred(if *b { bold(l) } else { text(l) }))
        .collect();
    left.push(centred(text("_______")));
    left.extend(head.number.iter().map(|n| centred(text(n).size(pt(13)))));
    let right = vec![
        centred(bold("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").size(pt(13))),
        centred(bold("Độc lập - Tự do - Hạnh phúc")),
        centred(text("_______________________")),
        centred(text(&head.date_line).italic()),
    ];
    let heading = Table::without_borders(vec![TableRow::new(vec![
        cell(70.0, left),
        cell(95.0, right),
    ])])
    .set_grid(vec![mm(70.0) as usize, mm(95.0) as usize]);
    let mut doc = Docx::new()
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman")
                .east_asia("Times New Roman"),
        )
        .default_size(pt(14))
        .page_size(mm(210.0) as u32, mm(297.0) as u32)
        .page_margin(
            PageMargin::new()
                .top(mm(20.0))
                .bottom(mm(20.0))
                .left(mm(30.0))
                .right(mm(15.0)),
        )
        .add_table(heading)
        .add_paragraph(Paragraph::new())
        .add_paragraph(centred(bold(t.kind)))
        .add_paragraph(centred(bold(&t.summary)))
        .add_paragraph(centred(text("_______")))
        .add_paragraph(centred(if t.addressed {
            text(&t.authority)
        } else {
            bold(&t.authority)
        }));
    for g in &t.grounds {
        doc = doc.add_paragraph(body(vec![text(g).italic()]));
    }
    if t.decides {
        doc = doc.add_paragraph(centred(bold("QUYẾT ĐỊNH:")));
    }
    for (lead, rest) in &t.articles {
        // "Điều 1." in bold, the rest regular.
        let runs = if lead.is_empty() {
            vec![text(rest)]
        } else {
            vec![bold(lead), text(&format!(" {rest}"))]
        };
        doc = doc.add_paragraph(body(runs));
    }
    // "Nơi nhận" at the left, the signer at the right.
    let mut receivers =
        vec![Paragraph::new().add_run(text("Nơi nhận:").bold().italic().size(pt(12)))];
    receivers.extend(
        t.recipients
            .iter()
            .map(|r| Paragraph::new().add_run(text(r).size(pt(11)))),
    );
    let mut signer: Vec<Paragraph> = t
        .signer_title
        .lines()
        .map(|l| centred(bold(&l.to_uppercase())))
        .collect();
    signer.extend((0..4).map(|_| Paragraph::new()));
    signer.extend(t.signer_name.lines().map(|l| centred(bold(l))));
    doc = doc.add_table(
        Table::without_borders(vec![TableRow::new(vec![
            cell(80.0, receivers),
            cell(85.0, signer),
        ])])
        .set_grid(vec![mm(80.0) as usize, mm(85.0) as usize]),
    );

    // The annex from a new page.
    doc = doc
        .add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        .add_paragraph(centred(bold(&t.annex_title)))
        .add_paragraph(centred(bold(&t.annex_subject)))
        .add_paragraph(centred(text(&t.annex_attached).italic()));
    let widths = [12.0, 70.0, 55.0, 28.0];
    let header = ["STT", "Tập thể, cá nhân", "Đơn vị", "Số tiền (đồng)"];
    for (label, rows) in &t.groups {
        doc = doc.add_paragraph(Paragraph::new().add_run(bold(label)));
        let mut table_rows = vec![TableRow::new(
            header
                .iter()
                .zip(widths)
                .map(|(h, w)| cell(w, vec![centred(bold(h).size(pt(13)))]))
                .collect(),
        )];
        for (i, r) in rows.iter().enumerate() {
            let amount = r.amount.map(grouped).unwrap_or_default();
            let cells = [
                centred(text(&(i + 1).to_string()).size(pt(13))),
                Paragraph::new().add_run(text(&r.name).size(pt(13))),
                Paragraph::new().add_run(text(&r.unit).size(pt(13))),
                Paragraph::new()
                    .add_run(text(&amount).size(pt(13)))
                    .align(AlignmentType::Right),
            ];
            table_rows.push(TableRow::new(
                cells
                    .into_iter()
                    .zip(widths)
                    .map(|(p, w)| cell(w, vec![p]))
                    .collect(),
            ));
        }
        doc = doc.add_table(
            Table::new(table_rows).set_grid(widths.iter().map(|w| mm(*w) as usize).collect()),
        );
    }
    if let Some(total) = t.annex_total {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                text(&format!(
                    "Tổng số tiền: {} đồng ({}).",
                    grouped(total),
                    crate::domain::cash::words(total)
                ))
                .italic(),
            ),
        );
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .expect("a document in memory is always written");
    out.into_inner()
}
