//! Fitting a string into a box: shrink it down to a minimum size on one line, else wrap it
//! at spaces up to a line limit, else report that it does not fit. Shared by every printout.

use serde::Deserialize;

use super::PrintError;
use super::fonts::FaceStyle;
use super::pdf::{MM, Rect, Rgb, Surface};
use crate::domain::text::KEEP;

/// Baseline-to-baseline distance, as a multiple of the size.
pub const LEADING: f32 = 1.2;

/// How much the size shrinks at each try when a text wraps, in pt.
const SIZE_STEP: f32 = 0.5;

/// The most sizes tried for one text: from 200 pt down to 4 pt (a layout's bounds) in half
/// points is 392, so a valid layout never reaches it.
const MAX_STEPS: usize = 400;

/// Horizontal alignment of each line in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    #[serde(alias = "center")]
    Centre,
    Right,
}

/// How a text may be set: its face, its preferred and smallest size, and its line limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitSpec {
    pub face: FaceStyle,
    pub size: f32,
    pub min_size: f32,
    pub max_lines: usize,
}

/// One line of a fitted text, a slice of the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub width_pt: f32,
}

/// Why a text does not fit its box at its minimum size.
#[derive(Debug, Clone, PartialEq)]
pub enum Overflow {
    /// A word is wider than the box even at the minimum size `size`.
    WordTooWide { word: String, size: f32 },
    /// At the minimum size `size` the text needs `needs` lines where the box and the line
    /// limit allow `holds`.
    TooManyLines {
        size: f32,
        needs: usize,
        holds: usize,
    },
}

impl std::fmt::Display for Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Overflow::WordTooWide { word, size } => {
                write!(
                    f,
                    "the word \"{word}\" is wider than the box even at {size} pt"
                )
            }
            Overflow::TooManyLines { size, needs, holds } => write!(
                f,
                "at the minimum size {size} pt it needs {needs} lines, the box holds {holds}"
            ),
        }
    }
}

impl Overflow {
    /// [`PrintError::TextDoesNotFit`] for `text` in a named field of a named owner.
    pub fn for_field(&self, text: &str, field: &str, owner: &str) -> PrintError {
        PrintError::TextDoesNotFit {
            field: field.to_string(),
            recipient: owner.to_string(),
            text: text.to_string(),
            detail: self.to_string(),
        }
    }
}

/// A text broken into lines at the size where it fits.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedText<'a> {
    pub size: f32,
    pub lines: Vec<Line<'a>>,
}

/// Fit `text` (NFC; '\n' forces a line break) into a box of `width_mm` × `height_mm`.
///
/// First every forced line is kept whole and the size shrinks, not below `min_size`; a
/// name reads best on one line. Failing that, lines wrap at spaces at the largest size
/// from `size` down to `min_size` (in 0.5 pt steps) where they keep to `max_lines` and the
/// box height. The error is the reason, for the caller to wrap with the field's name.
pub fn fit_text<'a>(
    text: &'a str,
    spec: &FitSpec,
    width_mm: f32,
    height_mm: f32,
) -> Result<FittedText<'a>, Overflow> {
    let face = spec.face.face();
    let (box_w, box_h) = (width_mm * MM, height_mm * MM);
    let paragraphs: Vec<&str> = text.split('\n').map(str::trim).collect();
    let fits_height = |lines: usize, size: f32| lines as f32 * size * LEADING <= box_h + 0.01;

    if paragraphs.len() <= spec.max_lines {
        let widest = paragraphs
            .iter()
            .map(|p| face.unit_width(p))
            .fold(0.0, f32::max);
        let by_height = box_h / (paragraphs.len() as f32 * LEADING);
        let size = spec
            .size
            .min(box_w / widest.max(f32::EPSILON))
            .min(by_height);
        // Round down to a tenth of a point so the stream stays short and the size honest.
        let size = (size * 10.0).floor() / 10.0;
        if size >= spec.min_size {
            let lines = paragraphs
                .iter()
                .map(|p| Line {
                    text: p,
                    width_pt: face.unit_width(p) * size,
                })
                .collect();
            return Ok(FittedText { size, lines });
        }
    }

    // The sizes tried, from `size` down to `min_size` in half points: counted before the
    // loop, so it ends whatever the numbers (a size so large that subtracting half a point
    // leaves it unchanged, or not a number at all, tries `min_size` at once).
    let span = (spec.size - spec.min_size) / SIZE_STEP;
    let steps = if span.is_finite() && span > 0.0 {
        (span.ceil() as usize).min(MAX_STEPS)
    } else {
        0
    };
    let mut lines = Vec::new();
    for step in 0..=steps {
        let size = if step == steps {
            spec.min_size
        } else {
            spec.size - step as f32 * SIZE_STEP
        };
        lines.clear();
        let wrapped = paragraphs
            .iter()
            .try_for_each(|p| wrap(p, spec.face, box_w / size, &mut lines));
        match wrapped {
            Ok(()) if lines.len() <= spec.max_lines && fits_height(lines.len(), size) => {
                for line in &mut lines {
                    line.width_pt *= size;
                }
                return Ok(FittedText { size, lines });
            }
            _ if step < steps => {}
            Err(word) => {
                return Err(Overflow::WordTooWide {
                    word: word.to_string(),
                    size,
                });
            }
            Ok(()) => {
                let by_height = (box_h / (size * LEADING)).floor();
                let holds = if by_height.is_finite() && by_height > 0.0 {
                    spec.max_lines.min(by_height as usize)
                } else {
                    0
                };
                return Err(Overflow::TooManyLines {
                    size,
                    needs: lines.len(),
                    holds,
                });
            }
        }
    }
    unreachable!("the last step returns")
}

/// [`fit_text`] for a named field of a named recipient (or row, or guest): the error is
/// [`PrintError::TextDoesNotFit`], ready for the organiser.
pub fn fit_field<'a>(
    text: &'a str,
    spec: &FitSpec,
    rect: Rect,
    field: &str,
    owner: &str,
) -> Result<FittedText<'a>, PrintError> {
    fit_text(text, spec, rect.w, rect.h).map_err(|overflow| overflow.for_field(text, field, owner))
}

/// Greedy word wrap of one paragraph into lines of at most `max_units` (width at 1 pt).
/// Lines break at ordinary spaces; words joined by no-break spaces ([`KEEP`]: a person's
/// name, "tỉnh Ninh Bình") stay on one line unless together they are wider than a line, and
/// then break at those spaces too. A paragraph of several lines does not end on a lone word
/// ("… năm / 2018."): its lines are set a little narrower, as many as before, until the last
/// holds two words. Widths are left in units; Err is a word wider than a line.
fn wrap<'a>(
    para: &'a str,
    style: FaceStyle,
    max_units: f32,
    out: &mut Vec<Line<'a>>,
) -> Result<(), &'a str> {
    let mut lines = greedy(para, style, max_units)?;
    let lone = |lines: &[Line<'_>]| {
        lines.len() >= 2 && lines.last().is_some_and(|l| !l.text.contains([' ', KEEP]))
    };
    if lone(&lines) {
        for step in 1..=8 {
            let narrower = greedy(para, style, max_units * (1.0 - 0.04 * step as f32));
            if let Ok(narrower) = narrower
                && narrower.len() == lines.len()
                && !lone(&narrower)
            {
                lines = narrower;
                break;
            }
        }
    }
    out.extend(lines);
    Ok(())
}

/// Greedy word wrap of one paragraph, as [`wrap`] describes.
fn greedy<'a>(para: &'a str, style: FaceStyle, max_units: f32) -> Result<Vec<Line<'a>>, &'a str> {
    let mut out = Vec::new();
    let face = style.face();
    let space = face.unit_width(" ");
    // Each word with its byte offset in `para`, a kept group too wide for a line split up.
    let mut words: Vec<(usize, &'a str, f32)> = Vec::new();
    let mut offset = 0;
    for word in para.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let w = face.unit_width(word);
        if w > max_units && word.contains(KEEP) {
            let mut inner = start;
            for part in word.split(KEEP) {
                if !part.is_empty() {
                    words.push((inner, part, face.unit_width(part)));
                }
                inner += part.len() + KEEP.len_utf8();
            }
        } else {
            words.push((start, word, w));
        }
    }
    let mut current: Option<(usize, usize, f32)> = None; // start, end, width of the open line
    for (start, word, w) in words {
        if w > max_units {
            return Err(word);
        }
        let end = start + word.len();
        current = match current {
            Some((s, _, lw)) if lw + space + w <= max_units => Some((s, end, lw + space + w)),
            Some((s, e, lw)) => {
                out.push(Line {
                    text: &para[s..e],
                    width_pt: lw,
                });
                Some((start, end, w))
            }
            None => Some((start, end, w)),
        };
    }
    if let Some((s, e, lw)) = current {
        out.push(Line {
            text: &para[s..e],
            width_pt: lw,
        });
    }
    Ok(out)
}

/// How a fitted text is drawn in its box.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub face: FaceStyle,
    pub align: Align,
    pub colour: Rgb,
    pub underline: bool,
}

impl FittedText<'_> {
    /// Draw the lines centred vertically in `rect`, each aligned horizontally.
    pub fn draw<S: Surface + ?Sized>(&self, surface: &mut S, rect: Rect, style: &TextStyle) {
        let face = style.face.face();
        let line_h = self.size * LEADING / MM;
        let top = rect.y + (rect.h - line_h * self.lines.len() as f32) / 2.0;
        // Centre the face's ascender-to-descender span in each line's height.
        let baseline_in_line = line_h / 2.0 + (face.ascent + face.descent) / 2.0 * self.size / MM;
        for (i, line) in self.lines.iter().enumerate() {
            let width = line.width_pt / MM;
            let x = match style.align {
                Align::Left => rect.x,
                Align::Centre => rect.x + (rect.w - width) / 2.0,
                Align::Right => rect.x + rect.w - width,
            };
            let baseline = top + i as f32 * line_h + baseline_in_line;
            // A no-break space is drawn (and read back) as the space it is.
            let text = if line.text.contains(KEEP) {
                std::borrow::Cow::Owned(line.text.replace(KEEP, " "))
            } else {
                std::borrow::Cow::Borrowed(line.text)
            };
            surface.text(style.face, self.size, x, baseline, &text, style.colour);
            if style.underline {
                // Decree 30's rule under the motto: a separate solid line below the line's box,
                // as long as the line, clear of the dots under ộ, ậ, ự, ạ and the tails of p.
                let y = top + (i + 1) as f32 * line_h + 0.04 * self.size / MM;
                surface.line(x, y, x + width, y, 0.05 * self.size, style.colour);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(size: f32, min_size: f32, max_lines: usize) -> FitSpec {
        FitSpec {
            face: FaceStyle::Bold,
            size,
            min_size,
            max_lines,
        }
    }

    /// At every width where the text takes two lines, the second holds at least two words.
    #[test]
    fn a_paragraph_does_not_end_on_a_lone_word() {
        let text = "Tới dự Hội nghị tổng kết phong trào Toàn dân bảo vệ an ninh Tổ quốc năm 2018.";
        let mut two_lines = 0;
        for w in (60..300).map(|w| w as f32) {
            let fitted = fit_text(text, &spec(13.0, 13.0, 5), w, 200.0).unwrap();
            if fitted.lines.len() == 2 {
                two_lines += 1;
                let last = fitted.lines[1].text;
                assert!(last.contains(' '), "width {w} pt ends on {last:?}");
            }
        }
        assert!(two_lines > 20, "{two_lines}");
    }

    #[test]
    fn a_short_name_keeps_its_size() {
        let fitted = fit_text("ĐẶNG VĂN NGỌC", &spec(22.0, 14.0, 2), 200.0, 20.0).unwrap();
        assert_eq!(fitted.size, 22.0);
        assert_eq!(fitted.lines.len(), 1);
    }

    #[test]
    fn a_150_character_collective_name_shrinks_or_wraps_to_fit() {
        let name = "Tập thể cán bộ, chiến sĩ và nhân dân các xã Kim Chính, Kim Định, Kim Tân, \
                    Kim Mỹ, Kim Hải, Kim Trung thuộc huyện Kim Sơn, tỉnh Ninh Bình trong năm 2018";
        assert!(name.chars().count() >= 150, "{}", name.chars().count());
        let fitted = fit_text(name, &spec(22.0, 14.0, 2), 240.0, 20.0).unwrap();
        assert!(fitted.size >= 14.0 && fitted.size < 22.0);
        assert!(fitted.lines.len() <= 2);
        for line in &fitted.lines {
            assert!(line.width_pt <= 240.0 * MM + 0.01);
        }
        let rejoined: Vec<&str> = fitted.lines.iter().map(|l| l.text).collect();
        assert_eq!(
            rejoined.join(" "),
            name.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn an_impossible_text_says_why() {
        let long = "Đơn vị quyết thắng ".repeat(20);
        let err = fit_text(long.trim(), &spec(22.0, 14.0, 2), 100.0, 20.0)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("at the minimum size 14 pt it needs"),
            "{err}"
        );
        let err = fit_text(
            "Nghiêngggggggggggggggggggggggggg",
            &spec(22.0, 20.0, 3),
            20.0,
            30.0,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("is wider than the box"), "{err}");
    }

    /// Numbers no layout may hold (the loader refuses them) still end the loop at once.
    #[test]
    fn hostile_sizes_end_the_loop() {
        let name = "Nguyễn Văn A ".repeat(40);
        // Half a point off 1e8 is 1e8 in f32: the old loop never moved.
        let err = fit_text(&name, &spec(1e8, 1e7, 2), 10.0, 9e6);
        assert!(err.is_err());
        for (size, min, w, h) in [
            (f32::NAN, f32::NAN, 100.0, 20.0),
            (22.0, 14.0, f32::NAN, f32::NAN),
            (f32::INFINITY, 14.0, 100.0, 20.0),
            (22.0, 14.0, f32::INFINITY, f32::INFINITY),
        ] {
            let _ = fit_text(&name, &spec(size, min, 2), w, h);
        }
    }

    /// The line limit sizes no allocation: a limit of 2^40 lines is only a number.
    #[test]
    fn a_huge_line_limit_allocates_nothing() {
        let fitted = fit_text("ĐẶNG VĂN NGỌC", &spec(22.0, 22.0, 1 << 40), 10.0, 14.0);
        assert!(fitted.is_err() || fitted.unwrap().lines.len() < 10);
        let fitted = fit_text("ĐẶNG VĂN NGỌC", &spec(22.0, 22.0, usize::MAX), 200.0, 14.0);
        assert_eq!(fitted.unwrap().lines.len(), 1);
    }

    /// Decree 30 draws the motto's rule as a separate line below the text, as long as the
    /// text: below the lowest reach of the glyphs (the dots under ộ, ậ, ự, ạ, the tail of p),
    /// not through them as an underline at the baseline would.
    #[test]
    fn the_mottos_rule_lies_below_the_glyphs_and_spans_the_line() {
        #[derive(Default)]
        struct Drawn {
            baseline: f32,
            rule: Option<(f32, f32, f32)>,
        }
        impl Surface for Drawn {
            fn text(&mut self, _: FaceStyle, _: f32, _: f32, baseline: f32, _: &str, _: Rgb) {
                self.baseline = baseline;
            }
            fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, _: f32, _: Rgb) {
                assert_eq!(y1, y2, "a level rule");
                self.rule = Some((x1, x2, y1));
            }
            fn rect(&mut self, _: Rect, _: f32, _: Rgb, _: bool) {}
            fn fill_rect(&mut self, _: Rect, _: Rgb) {}
            fn image(&mut self, _: usize, _: Rect) {}
        }
        let motto = "Độc lập - Tự do - Hạnh phúc";
        let size = 14.0;
        let fitted = fit_text(motto, &spec(size, size, 1), 257.0, 8.0).unwrap();
        let style = TextStyle {
            face: FaceStyle::Bold,
            align: Align::Centre,
            colour: [0.0; 3],
            underline: true,
        };
        let mut drawn = Drawn::default();
        let rect = Rect {
            x: 20.0,
            y: 23.0,
            w: 257.0,
            h: 8.0,
        };
        fitted.draw(&mut drawn, rect, &style);
        let (x1, x2, y) = drawn.rule.expect("a rule");
        let face = FaceStyle::Bold.face();
        let lowest = drawn.baseline - face.descent * size / MM;
        assert!(y > lowest, "rule at {y} mm, glyphs reach {lowest} mm");
        let width = face.width_pt(motto, size) / MM;
        assert!(((x2 - x1) - width).abs() < 0.01, "{} vs {width}", x2 - x1);
    }

    #[test]
    fn forced_breaks_are_kept() {
        let fitted = fit_text(
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            &spec(14.0, 12.0, 3),
            100.0,
            20.0,
        )
        .unwrap();
        let lines: Vec<&str> = fitted.lines.iter().map(|l| l.text).collect();
        assert_eq!(lines, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    }
}
