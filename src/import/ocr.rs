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
use super::positioned::{join_wrapped_cells, lines, ocr_lines, paragraphs, Glyph, OcrMark, Page};
use super::{ImportError, ImportFault, Place};

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
) -> Result<(Vec<Located>, Option<OcrReport>), ImportError> {
    let mut report = None;
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
            if let Some(page) = pages.get_mut(t.page) {
                page.glyphs = glyphs_of(&read, frame, first_word);
            }
            first_word = first_word.saturating_add(read.words.len() as u32);
        }
        report = Some(OcrReport {
            engine: engine.describe(),
            pages: needs,
            ..OcrReport::default()
        });
    }
    let lines = join_wrapped_cells(lines(pages));
    if let Some(r) = report.as_mut() {
        r.lines = ocr_lines(&lines);
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

/// Confidence below which a word is named for the editor to check (percent). Measured on
/// the scans of the fixtures (Tesseract 5.3, chi_sim, 300 dpi): words read wrong had a
/// median confidence of about 45, words read right of about 93.
pub const DOUBTFUL_BELOW: f32 = 60.0;

/// The glyphs of words read from a picture, placed on a page of `width` × `height` points
/// whose top left corner the picture's stands at (`left`, `top`, points), the picture being
/// `width` × `height` points large on the page. `first_word` numbers the words of the file.
///
/// Read as a line of type is set, not as the engine's boxes fall:
/// - the words of a line (those standing on one line box) follow each other in the engine's
///   order, none starting before the one before it ends (ink boxes of neighbours overlap);
/// - a gap narrower than half the type's size is no gap: the engine's boxes hug the ink, and
///   the space between two characters of a Chinese line would read as a space, or as a gap
///   between table cells;
/// - a line the engine read over another one, mostly within its height, with less
///   confidence, is a shadow of it (large type, a rule under a line) and is left out.
pub fn glyphs_of(read: &Recognised, frame: (f64, f64, f64, f64), first_word: u32) -> Vec<Glyph> {
    let (left, top, width, height) = frame;
    if read.width <= 0.0 || read.height <= 0.0 {
        return Vec::new();
    }
    let sx = width / read.width;
    let sy = height / read.height;
    // The lines: runs of words on one line box, with their mean confidence.
    let mut lines: Vec<(usize, usize, f32)> = Vec::new();
    for (i, w) in read.words.iter().enumerate() {
        match lines.last_mut() {
            Some((_, end, _))
                if read.words[*end - 1].line_bottom == w.line_bottom
                    && read.words[*end - 1].line_height == w.line_height =>
            {
                *end = i + 1
            }
            _ => lines.push((i, i + 1, 0.0)),
        }
    }
    for l in &mut lines {
        let words = &read.words[l.0..l.1];
        l.2 = words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32;
    }
    // A word the engine read over a word of another line — mostly within its height and
    // its width — with less confidence is a shadow of it (large type read twice, the top of
    // a line read as a line of its own).
    let line_of_word: Vec<usize> = {
        let mut v = vec![0; read.words.len()];
        for (k, l) in lines.iter().enumerate() {
            v[l.0..l.1].iter_mut().for_each(|x| *x = k);
        }
        v
    };
    let shadowed: Vec<bool> = (0..read.words.len())
        .map(|i| {
            let w = &read.words[i];
            let (a, b) = (w.line_bottom - w.line_height, w.line_bottom);
            read.words.iter().enumerate().any(|(j, o)| {
                let (c, d) = (o.line_bottom - o.line_height, o.line_bottom);
                let across = (w.right.min(o.right) - w.left.max(o.left))
                    > 0.5 * (w.right - w.left).min(o.right - o.left);
                line_of_word[j] != line_of_word[i]
                    && o.confidence > w.confidence
                    && (b.min(d) - a.max(c)) > 0.5 * (b - a).min(d - c)
                    && across
            })
        })
        .collect();
    // The type's size of each line: the ink of ideographs is nine tenths of it, evenly (the
    // line's box grows with the brackets, quotes and commas it holds); lines with none: the
    // box. Sizes within 8% of each other are one size (the ink varies from line to line),
    // as a page is set in a few sizes.
    let mut sizes: Vec<(usize, f64)> = lines
        .iter()
        .enumerate()
        .map(|(k, &(from, to, _))| {
            let mut han: Vec<f64> = read.words[from..to]
                .iter()
                .filter(|w| !w.text.is_empty() && w.text.chars().all(crate::text::is_han))
                .map(|w| w.height)
                .collect();
            han.sort_by(f64::total_cmp);
            let size = match han.get(han.len().saturating_sub(1) / 2) {
                Some(h) => h / 0.9 * sy,
                None => read.words[from].line_height * sy,
            };
            (k, size.max(0.5))
        })
        .collect();
    sizes.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut size_of = vec![0.0; lines.len()];
    let mut g = 0;
    while g < sizes.len() {
        let mut h = g + 1;
        while h < sizes.len() && sizes[h].1 < sizes[h - 1].1 * 1.08 {
            h += 1;
        }
        let median = sizes[(g + h - 1) / 2].1;
        for &(k, _) in &sizes[g..h] {
            size_of[k] = median;
        }
        g = h;
    }
    // What the engine reads from what is not text (a rule, specks, a stamp's ring): no
    // character of Chinese, and mostly symbols, or read with little confidence. A line of
    // rule characters (＊＊＊, ━━━) is a rule, kept.
    let noise = |k: usize| {
        let (from, to, confidence) = lines[k];
        let text: String = read.words[from..to]
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        let shown: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let letters = shown.iter().filter(|c| c.is_alphanumeric()).count();
        !shown.iter().any(|&c| crate::text::is_han(c))
            && !super::layout::is_rule_text(&text)
            && (confidence < 50.0 || letters * 2 < shown.len())
            // A character or two read with little confidence, alone on a line: specks.
            || (shown.len() <= 2 && confidence < 60.0)
    };
    // 〇, the one ideograph shaped like Latin letters, read as letters O or digits 0 (one or
    // two words) between Chinese numerals (二〇二四年 as 二OO二四年).
    let zero_like = |w: &Word| {
        !w.text.trim().is_empty() && w.text.trim().chars().all(|c| "〇Oo0○◯Ｏｏ０".contains(c))
    };
    let numeral = |c: Option<char>| c.is_some_and(|c| "〇零一二三四五六七八九十".contains(c));
    let mut out = Vec::new();
    for (k, &(from, to, _)) in lines.iter().enumerate() {
        if noise(k) || (from..to).all(|n| shadowed[n]) {
            continue;
        }
        let size = size_of[k];
        // The line's words (numbered in the file), 〇 read as letters made 〇 again.
        let mut words: Vec<(usize, Word)> = Vec::new();
        let mut n = from;
        while n < to {
            if shadowed[n] {
                n += 1;
                continue;
            }
            let mut w = read.words[n].clone();
            let mut last = n;
            if zero_like(&w) {
                while last + 1 < to && zero_like(&read.words[last + 1]) {
                    last += 1;
                }
                let before = words.last().and_then(|(_, b)| b.text.chars().last());
                let after = read.words.get(last + 1).filter(|_| last + 1 < to);
                if numeral(before) || numeral(after.and_then(|a| a.text.chars().next())) {
                    w.right = read.words[last].right;
                    let ems = ((w.right - w.left) * sx / size).round().max(1.0) as usize;
                    w.text = "〇".repeat(ems.min(4));
                } else {
                    last = n;
                }
            }
            words.push((n, w));
            n = last + 1;
        }
        let mut previous_end = f64::MIN;
        for (i, (n, w)) in words.iter().enumerate() {
            let mut chars: Vec<char> = w.text.chars().filter(|c| !c.is_whitespace()).collect();
            // Vertical strokes the engine reads from a character's edge (21]日, 会|): a bar,
            // or a square bracket with no partner in a word it is unsure of, glued to what it
            // read. The word is still named as read, for the editor to check.
            if chars.len() > 1 {
                let square = chars.contains(&'[') != chars.contains(&']');
                let doubtful = w.confidence < DOUBTFUL_BELOW;
                chars.retain(|&c| c != '|' && !(doubtful && square && "[]".contains(c)));
            }
            if chars.is_empty() {
                continue;
            }
            // Never before the word before ends; right after it when only ink margins are
            // between them.
            let ink_left = left + w.left * sx;
            let mut x = ink_left.max(previous_end);
            if previous_end > f64::MIN && ink_left - previous_end < size * 0.5 {
                x = previous_end;
            }
            // The word ends where the next one starts when only the ink's margins are between
            // them, or when its box runs into the next one (the engine's boxes are sometimes
            // wider than the word).
            let mut right = left + w.right * sx;
            if let Some((_, next)) = words.get(i + 1) {
                let next_left = left + next.left * sx;
                if next_left > x && (next_left < right || next_left - right < size * 0.5) {
                    right = next_left;
                }
            }
            let span = (right - x).max(size * 0.3);
            let units: f64 = chars.iter().map(|&c| advance(c)).sum();
            for &c in &chars {
                let advance = span * advance(c) / units;
                out.push(Glyph {
                    x,
                    y: top + w.line_bottom * sy,
                    end: x + advance,
                    size,
                    text: c.to_string(),
                    ocr: Some(OcrMark {
                        word: first_word.saturating_add(*n as u32),
                        confidence: w.confidence,
                    }),
                });
                x += advance;
            }
            previous_end = x;
        }
        // The line's last character takes its full width: its ink (a comma's, a full stop's)
        // may be a fraction of it, and where a line ends tells whether its paragraph goes on.
        if previous_end > f64::MIN {
            if let Some(last) = out.last_mut() {
                let full = last.x + last.size * last.text.chars().next().map_or(0.5, advance);
                last.end = last.end.max(full);
            }
        }
    }
    out
}

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

/// A line that OCR read, with its place in the file and the engine's confidence.
#[derive(Clone, Debug, PartialEq)]
pub struct OcrLine {
    /// Page and line (as the text form's places give them).
    pub place: Place,
    /// The line as read.
    pub text: String,
    /// The engine's mean confidence over the line's words, 0–100.
    pub confidence: f32,
    /// The words it is unsure of (below [`DOUBTFUL_BELOW`]), with their confidence.
    pub doubtful: Vec<(String, f32)>,
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
    /// Misreadings corrected where the bulletin's form fixes the word (the organ's 编), each
    /// said: the place, what was read, what was written.
    pub corrected: Vec<(Place, String, String)>,
}

/// The organ's line ends with 编 (or 编印): when OCR read it ending with a character it is
/// known to read for 编 ([`CONFUSIONS`]: 纺), the organ is written with 编 and the change
/// said (`corrected`), never silently. Only an organ read by OCR is touched.
pub fn correct_organ(organ: &mut String, report: &mut OcrReport) {
    let chars: Vec<char> = organ.chars().collect();
    let (at, tail) = match chars.as_slice() {
        [.., c, '印'] => (chars.len() - 2, *c),
        [.., c] => (chars.len() - 1, *c),
        [] => return,
    };
    if !CONFUSIONS
        .iter()
        .any(|&(read, meant)| read == tail && meant == '编')
    {
        return;
    }
    let flat = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let Some(line) = report
        .lines
        .iter()
        .find(|l| flat(&l.text).contains(&flat(organ)))
    else {
        return;
    };
    let mut fixed = chars.clone();
    fixed[at] = '编';
    let fixed: String = fixed.into_iter().collect();
    report
        .corrected
        .push((line.place, organ.clone(), fixed.clone()));
    *organ = fixed;
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

/// Characters Tesseract's Chinese model is known to read for others (measured on bulletins
/// printed by LibreOffice and Chromium, then scanned): each pair is (read, meant).
const CONFUSIONS: &[(char, char)] = &[
    ('党', '常'),
    ('单', '常'),
    ('纺', '编'),
    ('斌', '试'),
    ('酒', '湘'),
    ('次', '沈'),
    ('冶', '治'),
    ('锅', '贺'),
    ('人', '入'),
    ('入', '人'),
    ('己', '已'),
    ('已', '己'),
    ('未', '末'),
    ('末', '未'),
    ('曰', '日'),
    ('日', '曰'),
];

/// The review pass: for each run of Chinese characters OCR read, the words of two to five
/// characters in it that the issue never writes elsewhere, while it does write (more
/// often) a word that differs from it in one character — one that OCR is unsure of, or one
/// of the known confusions ([`CONFUSIONS`]). `text` is every line of the issue as read (the
/// text form), `lines` those OCR read. Each suggestion is said once per place.
pub fn review(text: &str, lines: &[OcrLine]) -> Vec<Suggestion> {
    use std::collections::HashMap;
    // How often the issue writes each short word (n-grams of Chinese characters).
    let mut seen: HashMap<String, usize> = HashMap::new();
    let runs = |s: &str| -> Vec<Vec<char>> {
        let mut out = vec![Vec::new()];
        for c in s.chars() {
            if crate::text::is_han(c) {
                if let Some(r) = out.last_mut() {
                    r.push(c);
                }
            } else if out.last().is_some_and(|r| !r.is_empty()) {
                out.push(Vec::new());
            }
        }
        out.retain(|r| r.len() >= 2);
        out
    };
    for run in runs(text) {
        for n in 2..=5 {
            for w in run.windows(n) {
                *seen.entry(w.iter().collect()).or_default() += 1;
            }
        }
    }
    let mut out: Vec<Suggestion> = Vec::new();
    for line in lines {
        let doubtful: String = line.doubtful.iter().map(|(w, _)| w.as_str()).collect();
        // The characters of this line a suggestion already changes: one suggestion each.
        let mut changed: Vec<(usize, usize)> = Vec::new();
        for (r, run) in runs(&line.text).into_iter().enumerate() {
            for n in (3..=5).rev() {
                for (start, w) in run.windows(n).enumerate() {
                    let read: String = w.iter().collect();
                    let read_seen = seen.get(&read).copied().unwrap_or(0);
                    for (i, &c) in w.iter().enumerate() {
                        let unsure = doubtful.contains(c);
                        let mut candidates: Vec<char> = CONFUSIONS
                            .iter()
                            .filter(|(r, _)| *r == c)
                            .map(|(_, m)| *m)
                            .collect();
                        if unsure && n >= 4 {
                            // Any character the issue writes in this word's place.
                            candidates.extend(seen.keys().filter_map(|k| {
                                let k: Vec<char> = k.chars().collect();
                                (k.len() == n
                                    && k[i] != c
                                    && k.iter()
                                        .zip(w)
                                        .enumerate()
                                        .all(|(j, (a, b))| j == i || a == b))
                                .then(|| k[i])
                            }));
                        }
                        for m in candidates {
                            let mut fixed = w.to_vec();
                            fixed[i] = m;
                            let instead: String = fixed.iter().collect();
                            let count = seen.get(&instead).copied().unwrap_or(0);
                            // The issue writes the fix more often than what was read, and at
                            // least twice (once would be the word itself, read elsewhere).
                            if count >= 2 && count > read_seen && !changed.contains(&(r, start + i))
                            {
                                changed.push((r, start + i));
                                {
                                    out.push(Suggestion {
                                        place: line.place,
                                        read: read.clone(),
                                        instead,
                                        seen: count,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
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

    #[test]
    fn words_become_glyphs_in_their_boxes() {
        let read = Recognised {
            width: 2480.0,
            height: 3508.0,
            words: vec![Word {
                left: 300.0,
                right: 500.0,
                line_bottom: 1000.0,
                line_height: 60.0,
                height: 54.0,
                confidence: 91.0,
                text: "第18期".into(),
            }],
        };
        let g = glyphs_of(&read, (0.0, 0.0, 595.0, 842.0), 0);
        assert_eq!(g.len(), 4);
        let units = 1.0 + 0.5 + 0.5 + 1.0;
        let w = 200.0 * 595.0 / 2480.0;
        assert!((g[1].x - (g[0].x + w / units)).abs() < 1e-9);
        assert!((g[3].end - (g[0].x + w)).abs() < 1e-9);
        assert!((g[0].y - 1000.0 * 842.0 / 3508.0).abs() < 1e-9);
    }

    #[test]
    fn the_review_suggests_what_the_issue_writes_elsewhere() {
        let text = "湖南省人大常委会代表工作委员会编\n省人大常委会主任沈晓明作出批示。\n\
                    区人大常委会将及时总结。\n市人大单委会办公厅。";
        let line = OcrLine {
            place: Place::Page { page: 2, line: 7 },
            text: "市人大单委会办公厅。".into(),
            confidence: 80.0,
            doubtful: vec![],
        };
        let got = review(text, std::slice::from_ref(&line));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].read, "人大单委会");
        assert_eq!(got[0].instead, "人大常委会");
        assert_eq!(got[0].seen, 3);
        // A word the issue writes as read is left alone.
        let fine = OcrLine {
            text: "省人大常委会主任".into(),
            ..line
        };
        assert!(review(text, &[fine]).is_empty());
    }
}
