//! OCR in the import: which pages need it, the engine's words made glyphs for the layout step
//! the PDF and OFD readers share ([`super::positioned`]), and what is reported of them — the
//! engine's confidence for each line read, the words it is unsure of, and fixes the issue's
//! own vocabulary suggests ([`review`]).
//!
//! The engine itself is not here: the `bulletin` command gives one (Tesseract's command, with
//! poppler's `pdftoppm` rendering PDF pages: `cli/ocr.rs`); this module only knows the
//! [`OcrEngine`] trait, so the library still builds for the browser, where the 编辑台 gives
//! none and a page that needs OCR is said as such ([`super::ImportFault::NeedsOcr`]).

use super::layout::Located;
// The lines OCR read and the confidence named below are placed with the lines of the layout
// step, which reads them.
use super::positioned::{join_wrapped_cells, line_at, lines, ocr_lines, paragraphs, Glyph, Page};
pub use super::positioned::{OcrLine, DOUBTFUL_BELOW};
use super::{ImportError, ImportFault, Place};

/// What an engine read, made glyphs ([`glyphs_of`]) and reviewed ([`review`],
/// [`correct_organ`]): in builds with an engine (feature `ocr`, the `bulletin` command).
/// The 编辑台's wasm has none, and stand-ins instead that are never reached: [`read_pages`]
/// says a page needs OCR before it would read one.
#[cfg(feature = "ocr")]
#[path = "ocr_words.rs"]
mod words;
#[cfg(not(feature = "ocr"))]
mod words {
    use super::{Glyph, OcrLine, OcrReport, Recognised, Suggestion};
    /// No engine, no words.
    pub fn chars_of(_: &Recognised, _: (f64, f64, f64, f64), _: u32, _: &[Glyph]) -> Vec<Glyph> {
        Vec::new()
    }
    /// No engine, no words.
    pub fn glyphs_of(_: &Recognised, _: (f64, f64, f64, f64), _: u32) -> Vec<Glyph> {
        Vec::new()
    }
    /// Nothing read by OCR, nothing to review.
    pub fn review(_: &str, _: &[OcrLine]) -> Vec<Suggestion> {
        Vec::new()
    }
    /// Nothing read by OCR, nothing to correct.
    pub fn correct_organ(_: &mut String, _: &mut OcrReport) {}
}
pub use words::{chars_of, correct_organ, glyphs_of, review};

/// A font's codes decoded by what OCR read at every place each is drawn ([`codes::lay_out`]):
/// in builds with an engine. The 编辑台's wasm has stand-ins that key nothing, so a page is
/// laid out from what OCR read, as it would be without them.
#[cfg(feature = "ocr")]
#[path = "ocr_codes.rs"]
pub(super) mod codes;
#[cfg(not(feature = "ocr"))]
pub(super) mod codes {
    use super::{Changed, Glyph, Page};
    /// No glyph is ever coded here.
    pub enum Coded {}
    /// No font keyed.
    #[derive(Clone, Copy, Default)]
    pub struct Keys {
        _none: (),
    }
    /// Keys no font.
    pub fn key_fonts(_: &mut lopdf::Document) -> Keys {
        Keys::default()
    }
    /// Nothing to pair.
    pub fn coded(_: Vec<Vec<Glyph>>, _: &[Vec<Glyph>], _: Keys) -> Option<Vec<Vec<Coded>>> {
        None
    }
    /// The pages laid out from what OCR read.
    pub fn lay_out(
        pages: &mut [Page],
        _: Option<Vec<Vec<Coded>>>,
        read: Vec<(usize, Vec<Glyph>, Vec<Glyph>)>,
        _: u32,
    ) -> Vec<Changed> {
        for (p, read, _) in read {
            if let Some(page) = pages.get_mut(p) {
                page.glyphs = read;
            }
        }
        Vec::new()
    }
}

/// A word OCR read otherwise than its codes' votes decode it.
#[derive(Clone, Debug, PartialEq)]
pub struct Changed {
    /// The page (0-based).
    pub page: usize,
    /// The word's baseline.
    pub y: f64,
    /// What OCR read there.
    pub read: String,
    /// What the codes decode.
    pub written: String,
    /// The fewest places any of its changed codes was read as written.
    pub seen: usize,
}

/// When to OCR a page (`bulletin convert --ocr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Never: a page that needs OCR is refused, said as such.
    Never,
    /// The pages that need it: no text layer, or a text layer that is not text.
    #[default]
    Auto,
    /// Every page, whatever its text layer says.
    Always,
}

/// Why a page was (or would be) read by OCR.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The page has no text layer (a scan, a picture of the page).
    NoText,
    /// The page's text layer is not text: glyph codes with no Unicode map (what fonts
    /// without a ToUnicode map give), private-use or control characters.
    NotText,
    /// `--ocr always` asked for it.
    Asked,
}

/// A picture of a page, for the engine to read.
#[derive(Clone, Copy, Debug)]
pub enum PageImage<'a> {
    /// Page `page` (1-based) of a PDF file, for the engine to render.
    Pdf {
        /// The PDF file.
        pdf: &'a [u8],
        /// The page, 1-based.
        page: usize,
    },
    /// A picture file (PNG, JPEG, TIFF, BMP) that is the page, as an OFD holds a scan.
    Picture {
        /// The picture's bytes.
        bytes: &'a [u8],
    },
}

/// A word the engine found, in the picture's pixels (from its top left).
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    /// Left edge.
    pub left: f64,
    /// Right edge.
    pub right: f64,
    /// The bottom of the line the word stands on (its baseline, near enough).
    pub line_bottom: f64,
    /// The height of that line.
    pub line_height: f64,
    /// The height of the word's own box (its ink).
    pub height: f64,
    /// The engine's confidence, 0–100.
    pub confidence: f32,
    /// What the engine read.
    pub text: String,
    /// Where each character of `text` (spaces aside) stands: its left and right edges, when
    /// the engine said (empty when not).
    pub chars: Vec<(f64, f64)>,
}

/// What the engine read on a picture.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Recognised {
    /// The picture's width, pixels.
    pub width: f64,
    /// The picture's height, pixels.
    pub height: f64,
    /// The words, in the engine's reading order.
    pub words: Vec<Word>,
}

/// Why the engine could not read a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OcrFailure {
    /// There is no engine to read with: what is not installed.
    Unavailable(super::OcrMissing),
    /// The engine failed on the page: what it said.
    Failed(String),
}

/// An OCR engine: reads the words of a page's picture with their boxes and confidence.
pub trait OcrEngine {
    /// Reads a page.
    fn recognise(&mut self, image: PageImage<'_>) -> Result<Recognised, OcrFailure>;
    /// The engine and its model, for the report (`Tesseract 5.3.0, chi_sim`).
    fn describe(&self) -> String;
}

/// How a file is read: when to OCR, and with what.
pub struct Ocr<'a> {
    /// When to OCR.
    pub mode: OcrMode,
    /// The engine; None where there is none (the 编辑台).
    pub engine: Option<&'a mut dyn OcrEngine>,
}

impl Ocr<'_> {
    /// No OCR engine: pages that need OCR are said as such.
    pub fn none() -> Ocr<'static> {
        Ocr {
            mode: OcrMode::Auto,
            engine: None,
        }
    }
}

/// A page to read by OCR: which (0-based), why, and its picture with where the picture
/// stands on the page (left, top, width, height in points); None when it has none (an OFD
/// page of glyph codes only).
pub(super) struct ToRead<'a> {
    /// The page, 0-based.
    pub page: usize,
    /// Why.
    pub need: Need,
    /// Its picture and the frame it fills on the page.
    pub image: Option<(PageImage<'a>, (f64, f64, f64, f64))>,
}

/// The pages' text in reading order, the pages of `todo` read by OCR first (when `ocr` allows
/// it; else the fault that says they need it); the report of what OCR read.
pub(super) fn read_pages(
    mut pages: Vec<Page>,
    todo: Vec<ToRead<'_>>,
    ocr: &mut Ocr<'_>,
    coded: Option<Vec<Vec<codes::Coded>>>,
) -> Result<(Vec<Located>, Option<OcrReport>), ImportError> {
    let mut report = None;
    let mut changed = Vec::new();
    if !todo.is_empty() {
        let needs: Vec<(usize, Need)> = todo.iter().map(|t| (t.page + 1, t.need)).collect();
        let engine = match (ocr.mode, ocr.engine.as_deref_mut()) {
            (OcrMode::Never, _) | (_, None) => {
                return Err(ImportError::file(ImportFault::NeedsOcr {
                    pages: needs,
                    engine: ocr.engine.is_some(),
                }))
            }
            (_, Some(engine)) => engine,
        };
        let mut first_word = 0u32;
        let mut read_here = Vec::new();
        for t in &todo {
            let Some((image, frame)) = t.image else {
                return Err(ImportError::file(ImportFault::NoPictureToRead {
                    page: t.page + 1,
                }));
            };
            let read = engine.recognise(image).map_err(|f| {
                ImportError::file(match f {
                    OcrFailure::Unavailable(missing) => ImportFault::OcrUnavailable {
                        pages: needs.clone(),
                        missing,
                    },
                    OcrFailure::Failed(detail) => ImportFault::OcrFailed {
                        page: t.page + 1,
                        detail: crate::text::excerpt(&detail, 200),
                    },
                })
            })?;
            let set = glyphs_of(&read, frame, first_word);
            let chars = chars_of(&read, frame, first_word, &set);
            read_here.push((t.page, set, chars));
            first_word = first_word.saturating_add(read.words.len() as u32);
        }
        changed = codes::lay_out(&mut pages, coded, read_here, first_word);
        report = Some(OcrReport {
            engine: engine.describe(),
            pages: needs,
            ..OcrReport::default()
        });
    }
    let lines = join_wrapped_cells(lines(pages));
    if let Some(r) = report.as_mut() {
        r.lines = ocr_lines(&lines);
        r.corrected = changed
            .into_iter()
            .map(|c| Correction {
                place: Place::Page {
                    page: c.page + 1,
                    line: line_at(&lines, c.page + 1, c.y),
                },
                read: c.read,
                written: c.written,
                why: Why::FontCode { seen: c.seen },
            })
            .collect();
    }
    Ok((paragraphs(&lines), report))
}

/// Pages as a reader says them: `1`, `1–3`, `1, 3, 5–6`.
pub fn page_list(pages: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < pages.len() {
        let mut j = i;
        while j + 1 < pages.len() && pages[j + 1] == pages[j] + 1 {
            j += 1;
        }
        out.push(if j > i {
            format!("{}–{}", pages[i], pages[j])
        } else {
            pages[i].to_string()
        });
        i = j + 1;
    }
    out.join(", ")
}

/// Why the 编辑台 does not OCR scans in the browser, as its message says. Measured
/// (book/src/reference/import.md, “OCR in the 编辑台”): tesseract.js 7 with the same Chinese
/// model reads a 300 dpi page in 1.7–2.4 s with 300 MB of memory, but needs 1.06 MB (gzip) of
/// engine, 1.72 MB of model and pdf.js's 0.49 MB to render the pages: 3.3 MB, four and a half
/// times the 编辑台's own converter, not yet built into it.
pub const WHY_NOT_IN_THE_BROWSER: &str =
    "浏览器里的识别程序、中文模型和渲染 PDF 页面的程序共约 3.3 MB（压缩后），\
     是编辑台转换程序的四倍多，识别每页约 2 秒、约占 300 MB 内存，尚未接入编辑台";

/// The usual width of a character, in ems: ideographs and full-width forms one, the rest
/// half (what fixed-layout formats that give no widths are read with too).
pub fn advance(c: char) -> f64 {
    if crate::text::is_cjk(c)
        || ('\u{FF01}'..='\u{FF60}').contains(&c)
        || ('\u{2460}'..='\u{27BF}').contains(&c)
        || ('\u{2500}'..='\u{25FF}').contains(&c)
        || "“”‘’…—".contains(c)
    {
        1.0
    } else {
        0.5
    }
}

/// Whether a page's text layer is text: None when it is, else why it needs OCR. Counted over
/// the glyphs the page shows (`codes_without_text`: those with no Unicode text at all):
///
/// - no glyph at all: no text layer;
/// - characters no font maps to text — U+FFFD, private-use (U+E000–U+F8FF, planes 15 and 16)
///   and control characters, or glyphs with no text — a fifth of what the page shows or more;
/// - no Chinese in a page of glyphs set as wide as the type is large (an em: what an
///   ideograph or full-width punctuation takes) that read as Latin letters, digits, ASCII
///   punctuation or spacing accents (˘ˇˆ˙˝˛˚˜): what codes with no Unicode map come out as,
///   read in a default encoding. Letters are half an em wide; a page of Chinese has none of
///   these at an em (a producer that spreads a run of digits over a line's box gives a few).
pub fn page_need(page: &Page, codes_without_text: usize) -> Option<Need> {
    let shown: Vec<&Glyph> = page
        .glyphs
        .iter()
        .filter(|g| !g.text.trim().is_empty())
        .collect();
    if shown.is_empty() && codes_without_text == 0 {
        return Some(Need::NoText);
    }
    let unmapped = |c: char| {
        c == '\u{FFFD}'
            || ('\u{E000}'..='\u{F8FF}').contains(&c)
            || c as u32 >= 0xF0000
            || (c.is_control() && !"\t\n\r".contains(c))
    };
    let latin_at_an_em = |g: &Glyph| {
        let wide = g.size > 0.0 && (g.end - g.x) >= g.size * 0.8;
        wide && g
            .text
            .chars()
            .all(|c| c.is_ascii_graphic() || ('\u{00A0}'..='\u{02FF}').contains(&c))
    };
    let no_text = shown
        .iter()
        .filter(|g| g.text.chars().any(unmapped))
        .count()
        + codes_without_text;
    let all = shown.len() + codes_without_text;
    if no_text * 5 >= all && no_text >= 3 {
        return Some(Need::NotText);
    }
    let wide_latin = shown.iter().filter(|g| latin_at_an_em(g)).count();
    let chinese = shown
        .iter()
        .filter(|g| g.text.chars().any(crate::text::is_cjk))
        .count();
    (wide_latin >= 3 && wide_latin * 2 >= shown.len() && chinese * 10 < shown.len())
        .then_some(Need::NotText)
}

/// A fix the issue's own vocabulary suggests for what OCR read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// Where.
    pub place: Place,
    /// What OCR read.
    pub read: String,
    /// What the issue writes elsewhere.
    pub instead: String,
    /// How often the issue writes that.
    pub seen: usize,
}

/// What OCR did to a file: for the report and the problems.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct OcrReport {
    /// The engine and its model.
    pub engine: String,
    /// The pages read by OCR, and why.
    pub pages: Vec<(usize, Need)>,
    /// Every line read by OCR.
    pub lines: Vec<OcrLine>,
    /// Fixes suggested by the issue's vocabulary (never applied).
    pub suggestions: Vec<Suggestion>,
    /// Misreadings corrected, each said: where the file itself fixes the word (a font's code
    /// read otherwise at most of its places) or the bulletin's form does (the organ's 编).
    pub corrected: Vec<Correction>,
}

/// A misreading corrected, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Correction {
    /// Where.
    pub place: Place,
    /// What OCR read.
    pub read: String,
    /// What was written.
    pub written: String,
    /// Why.
    pub why: Why,
}

/// Why a misreading was corrected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// A font's codes read otherwise here than at most of their places: the fewest places
    /// one of them was read as written (0: none, the font's encoding gives it).
    FontCode {
        /// How often.
        seen: usize,
    },
    /// An organ's line ends with 编, which OCR is known to read as another character.
    OrganEnds,
}

impl OcrReport {
    /// The words OCR is unsure of, each with its place.
    pub fn doubtful(&self) -> impl Iterator<Item = (Place, &str, f32)> {
        self.lines.iter().flat_map(|l| {
            l.doubtful
                .iter()
                .map(move |(w, c)| (l.place, w.as_str(), *c))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, size: f64, text: &str) -> Glyph {
        Glyph {
            x,
            y: 100.0,
            end: x + size * advance(text.chars().next().unwrap_or(' ')),
            size,
            text: text.into(),
            ocr: None,
        }
    }

    #[test]
    fn a_page_of_chinese_is_text() {
        let page = Page {
            width: 595.0,
            height: 842.0,
            glyphs: "全省基层人大工作推进会召开，2024年11月4日"
                .chars()
                .enumerate()
                .map(|(i, c)| glyph(i as f64 * 16.0, 16.0, &c.to_string()))
                .collect(),
        };
        assert_eq!(page_need(&page, 0), None);
    }

    #[test]
    fn latin_at_an_em_and_unmapped_codes_are_not_text() {
        // What a font without a ToUnicode map gives in a default encoding: ASCII and
        // spacing accents, each as wide as the type is large.
        let garbage: Vec<Glyph> = "#˘ˇˆ˙˝˛˚˜!\"#$%&'("
            .chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                end: i as f64 * 16.0 + 16.0,
                ..glyph(i as f64 * 16.0, 16.0, &c.to_string())
            })
            .collect();
        let page = Page {
            width: 595.0,
            height: 842.0,
            glyphs: garbage,
        };
        assert_eq!(page_need(&page, 0), Some(Need::NotText));
        let private = Page {
            width: 595.0,
            height: 842.0,
            glyphs: (0..10)
                .map(|i| glyph(i as f64 * 16.0, 16.0, "\u{E012}"))
                .collect(),
        };
        assert_eq!(page_need(&private, 0), Some(Need::NotText));
        assert_eq!(page_need(&Page::default(), 0), Some(Need::NoText));
        assert_eq!(page_need(&Page::default(), 40), Some(Need::NotText));
    }
}
