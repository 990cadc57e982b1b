//! Text placed on pages — glyphs with their positions — put back in reading order and read
//! for what the layout tells. The PDF reader ([`super::pdf`]), the OFD reader ([`super::ofd`])
//! and OCR (words found on a page image by the engine) each give glyphs; this step, shared by
//! all three, makes the parts:
//!
//! - lines are glyphs on one baseline, left to right; parts set far apart (organ ⇥ date)
//!   are separated by a tab;
//! - centred and right-aligned lines are told by their margins to the text block;
//! - a paragraph goes on while its lines reach the right margin and the next line has no
//!   first-line indent, across pages too; a URL broken at a line end is joined again;
//! - page numbers (－ 1 －) and running heads (lines repeated in the top or bottom margin of
//!   several pages) are dropped;
//! - tables are found by their columns.

use super::layout::{is_rule_text, Align, Located, Part};
use super::Place;

/// One glyph: where it starts on the page (points from the top left), its advance, size.
#[derive(Clone, Debug)]
pub struct Glyph {
    /// Where it starts, points from the page's left edge.
    pub x: f64,
    /// Its baseline, points from the page's top.
    pub y: f64,
    /// Where it ends (its advance), points from the left edge.
    pub end: f64,
    /// Its font size, points.
    pub size: f64,
    /// What it shows.
    pub text: String,
    /// When OCR read it: its word and the engine's confidence.
    pub ocr: Option<OcrMark>,
}

/// A glyph's word as OCR read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OcrMark {
    /// The word's number in the file.
    pub word: u32,
    /// The engine's confidence in the word, 0–100.
    pub confidence: f32,
}

/// The glyphs of one page.
#[derive(Clone, Debug, Default)]
pub struct Page {
    /// The page's width, points.
    pub width: f64,
    /// The page's height, points.
    pub height: f64,
    /// Its glyphs, in any order.
    pub glyphs: Vec<Glyph>,
}

/// One line of text on a page.
#[derive(Clone, Debug)]
pub struct Line {
    page: usize,
    /// Line number on its page (1-based).
    no: usize,
    /// Baseline, from the page's top.
    y: f64,
    left: f64,
    right: f64,
    size: f64,
    text: String,
    /// Parts set far apart (a tab in `text`).
    spread: bool,
    /// Width of what the line starts with that cannot be broken ([`first_unit_end`]): had
    /// the line before room for it, it would have been set there.
    first_word: f64,
    /// Runs of text separated by gaps wider than a table's cell padding: (start, end, text).
    segments: Vec<(f64, f64, String)>,
    /// The OCR'd words of the line: (word, its text, the engine's confidence).
    ocr: Vec<(u32, String, f32)>,
}

/// Glyphs grouped into lines (same baseline), left to right; page furniture dropped.
pub fn lines(pages: Vec<Page>) -> Vec<Line> {
    let mut all = Vec::new();
    for (p, page) in pages.into_iter().enumerate() {
        let mut glyphs: Vec<Glyph> = page
            .glyphs
            .into_iter()
            .filter(|g| g.x.is_finite() && g.y.is_finite())
            .collect();
        glyphs.sort_by(|a, b| a.y.total_cmp(&b.y));
        let mut rows: Vec<Vec<Glyph>> = Vec::new();
        for g in glyphs {
            match rows.last_mut() {
                Some(row) if (g.y - row[0].y).abs() < row[0].size.min(g.size) * 0.4 => row.push(g),
                _ => rows.push(vec![g]),
            }
        }
        let mut no = 0;
        for mut row in rows {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let Some(line) = line_of(&row) else { continue };
            no += 1;
            all.push(Line {
                page: p + 1,
                no,
                ..line
            });
        }
    }
    drop_furniture(all)
}

/// The text of glyphs on one baseline, left to right.
fn line_of(row: &[Glyph]) -> Option<Line> {
    let visible: Vec<&Glyph> = row.iter().filter(|g| !g.text.trim().is_empty()).collect();
    let first = visible.first()?;
    let mut sizes: Vec<f64> = visible.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let size = sizes[sizes.len() / 2];
    let mut text = String::new();
    let mut spread = false;
    let mut prev: Option<&Glyph> = None;
    let mut segments: Vec<(f64, f64, String)> = Vec::new();
    let mut ocr: Vec<(u32, String, f32)> = Vec::new();
    for g in &visible {
        if let Some(p) = prev {
            // Overprinted glyphs (fake bold) are drawn twice at almost the same place.
            if g.text == p.text && (g.x - p.x).abs() < size * 0.1 {
                continue;
            }
            let gap = g.x - p.end;
            if gap > size * 2.5 {
                text.push('\t');
                spread = true;
            } else if gap > size * 0.2 {
                text.push(' ');
            }
            if gap > size * 0.6 {
                segments.push((g.x, g.end, String::new()));
            } else if gap > size * 0.2 {
                if let Some(seg) = segments.last_mut() {
                    seg.2.push(' ');
                }
            }
        } else {
            segments.push((g.x, g.end, String::new()));
        }
        if let Some(seg) = segments.last_mut() {
            seg.1 = seg.1.max(g.end);
            seg.2.push_str(&g.text);
        }
        text.push_str(&g.text);
        if let Some(mark) = g.ocr {
            match ocr.last_mut() {
                Some((word, text, _)) if *word == mark.word => text.push_str(&g.text),
                _ => ocr.push((mark.word, g.text.clone(), mark.confidence)),
            }
        }
        prev = Some(g);
    }
    let last = visible.last()?;
    Some(Line {
        ocr,
        segments,
        first_word: first_unit_end(&visible) - first.x,
        page: 0,
        no: 0,
        y: first.y,
        left: first.x,
        right: last.end.max(last.x),
        size,
        text,
        spread,
    })
}

/// Where the first piece of a line that a line break cannot split ends: a Latin word or a
/// number (1260, 93.7%), or one Chinese character — with the punctuation that may not start
/// a line after it (条，), the opening punctuation that may not end a line before it (“微),
/// and what a quotation mark stands against on either side (议”1260: line breaking rules
/// keep a quote with both neighbours). What the line before ended with does not matter: a
/// line that ends short because this piece did not fit ends in a digit, a letter, a quote
/// or a character alike.
fn first_unit_end(glyphs: &[&Glyph]) -> f64 {
    let first_char = |g: &Glyph| g.text.chars().next().unwrap_or(' ');
    let last_char = |g: &Glyph| g.text.chars().last().unwrap_or(' ');
    let word = |c: char| c.is_ascii_alphanumeric() || "%‰.,-/:@_".contains(c);
    let quote = |c: char| "“”‘’\"'".contains(c);
    let Some(first) = glyphs.first() else {
        return 0.0;
    };
    let mut end = first.end;
    for pair in glyphs.windows(2) {
        let (a, b) = (last_char(pair[0]), first_char(pair[1]));
        let joined = NO_LINE_START.contains(b)
            || NO_LINE_END.contains(a)
            || quote(a)
            || quote(b)
            || (word(a) && word(b));
        if !joined {
            break;
        }
        end = end.max(pair[1].end);
    }
    end
}

/// Punctuation that may not start a line (closing brackets and quotes, stops, commas).
const NO_LINE_START: &str = "，。、；：？！）］｝〕〉》」』】〗〙〛”’…‥·,.;:?!)]}%‰℃°";
/// Punctuation that may not end a line (opening brackets and quotes).
const NO_LINE_END: &str = "（［｛〔〈《「『【〖〘〚“‘([{";

/// A masthead set in a borderless table whose cell wraps: `湖南省人民代表大会常务委员会 ⇥
/// 2024年12月30日` over `代表工作委员会编`. The line under a line of parts set far apart, close
/// below it (no gap), at its size, and within the column of one of its parts (from that
/// part's start to the next part's), is that cell's second line: joined to the part when
/// only together they are a masthead field (the organ, the date). The first page and
/// masthead fields are what limit this to the masthead: a table of the body is left to
/// [`tables`].
pub fn join_wrapped_cells(mut lines: Vec<Line>) -> Vec<Line> {
    let mut k = 0;
    while k + 1 < lines.len() {
        let (l, n) = (&lines[k], &lines[k + 1]);
        // The masthead is on the first page.
        let under = l.page == 1
            && l.spread
            && !n.spread
            && n.page == l.page
            && n.y - l.y < l.size * 2.0
            && (n.size - l.size).abs() < l.size * 0.2;
        let joined = if under { cell_joined(l, n) } else { None };
        match joined {
            Some((text, segment)) => {
                let n = lines.remove(k + 1);
                let l = &mut lines[k];
                l.text = text;
                if let Some(seg) = l.segments.get_mut(segment) {
                    join_line(&mut seg.2, &n.text);
                }
            }
            None => k += 1,
        }
    }
    lines
}

/// The text of line `l` with line `n` joined to the part it stands under, and the segment
/// it joined; None when `n` is not the rest of a masthead field begun in `l`.
fn cell_joined(l: &Line, n: &Line) -> Option<(String, usize)> {
    // The parts set far apart (the tabs of `l.text`), as runs of segments.
    let mut groups: Vec<(f64, f64, usize)> = Vec::new(); // start, end, last segment
    for (i, seg) in l.segments.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if seg.0 - g.1 <= l.size * 2.5 => {
                g.1 = seg.1;
                g.2 = i;
            }
            _ => groups.push((seg.0, seg.1, i)),
        }
    }
    let mut parts: Vec<String> = l.text.split('\t').map(str::to_string).collect();
    if parts.len() != groups.len() {
        return None;
    }
    let column = groups.iter().enumerate().position(|(j, g)| {
        let next = groups.get(j + 1).map_or(f64::MAX, |h| h.0);
        n.left >= g.0 - l.size * 0.6 && n.left < g.1 && n.right <= next - l.size * 0.5
    })?;
    let mut joined = parts[column].clone();
    join_line(&mut joined, &n.text);
    if super::layout::is_masthead_line(&joined) && !super::layout::is_masthead_line(&parts[column])
    {
        parts[column] = joined;
        Some((parts.join("\t"), groups[column].2))
    } else {
        None
    }
}

/// Page numbers and running heads: short lines in a page's top or bottom tenth that are a
/// page number, or repeat (digits aside) on several pages.
fn drop_furniture(lines: Vec<Line>) -> Vec<Line> {
    let pages = lines.iter().map(|l| l.page).max().unwrap_or(0);
    let (mut top, mut bottom) = (f64::MAX, f64::MIN);
    for l in &lines {
        top = top.min(l.y);
        bottom = bottom.max(l.y);
    }
    let band = (bottom - top) * 0.06;
    // The first and last line of each page, when they stand in its top or bottom band.
    let mut edge = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        let first = i == 0 || lines[i - 1].page != l.page;
        let last = i + 1 == lines.len() || lines[i + 1].page != l.page;
        edge[i] = (first && l.y < top + band) || (last && l.y > bottom - band);
    }
    let key = |l: &Line| -> String { l.text.chars().filter(|c| !c.is_ascii_digit()).collect() };
    let mut seen: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (i, l) in lines.iter().enumerate() {
        if edge[i] {
            seen.entry(key(l)).or_default().push(l.page);
        }
    }
    lines
        .iter()
        .enumerate()
        .filter(|(i, l)| {
            if !edge[*i] {
                return true;
            }
            let repeated = pages > 1
                && seen
                    .get(&key(l))
                    .is_some_and(|p| p.iter().any(|&p| p != l.page));
            // A page number OCR misread (－ 2 － as 了): a line of a character or three, alone
            // at a page's edge.
            let misread =
                !l.ocr.is_empty() && l.text.chars().filter(|c| !c.is_whitespace()).count() <= 3;
            !(is_page_number(&l.text) || repeated || misread)
        })
        .map(|(_, l)| l.clone())
        .collect()
}

/// －1－, - 1 -, 第1页, 1/3, 1.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core = t.trim_matches(|c: char| "-－—–·".contains(c));
    let core = core
        .strip_prefix('第')
        .and_then(|c| c.strip_suffix('页'))
        .unwrap_or(core);
    let digits = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    digits(core)
        || core
            .split_once('/')
            .is_some_and(|(a, b)| digits(a) && digits(b))
}

/// Confidence below which a word is named for the editor to check (percent). Measured on
/// the scans of the fixtures (Tesseract 5.3, chi_sim, 300 dpi): words read wrong had a
/// median confidence of about 45, words read right of about 93.
pub const DOUBTFUL_BELOW: f32 = 60.0;

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

/// The lines OCR read, with their places and the engine's confidence (the mean over their
/// words), naming the words below [`DOUBTFUL_BELOW`].
pub fn ocr_lines(lines: &[Line]) -> Vec<OcrLine> {
    lines
        .iter()
        .filter(|l| !l.ocr.is_empty())
        .map(|l| OcrLine {
            place: Place::Page {
                page: l.page,
                line: l.no,
            },
            text: l.text.clone(),
            confidence: l.ocr.iter().map(|w| w.2).sum::<f32>() / l.ocr.len() as f32,
            doubtful: l
                .ocr
                .iter()
                .filter(|w| w.2 < DOUBTFUL_BELOW)
                .map(|w| (w.1.clone(), w.2))
                .collect(),
        })
        .collect()
}

/// The number of the line of page `page` (1-based) nearest to baseline `y`; 0 when the page
/// has none.
pub fn line_at(lines: &[Line], page: usize, y: f64) -> usize {
    lines
        .iter()
        .filter(|l| l.page == page)
        .min_by(|a, b| (a.y - y).abs().total_cmp(&(b.y - y).abs()))
        .map_or(0, |l| l.no)
}

/// Lines joined into paragraphs, classified by alignment.
pub fn paragraphs(lines: &[Line]) -> Vec<Located> {
    let Some(body) = body_metrics(lines) else {
        return Vec::new();
    };
    let tables = tables(lines, &body);
    let in_table = |k: usize| {
        tables
            .iter()
            .any(|(start, (end, ..))| (*start..*end).contains(&k))
    };
    // Titles are set larger than the text: such a line, centred, may fill the width. (Table
    // rows, set smaller and closer, do not count.)
    let body_size = most_common(
        lines
            .iter()
            .enumerate()
            .filter(|(k, _)| !in_table(*k))
            .map(|(_, l)| l.size),
    );
    // The usual distance between lines of a paragraph; more is a gap between paragraphs.
    let pitch = most_common(
        lines
            .windows(2)
            .enumerate()
            .filter(|(k, w)| w[0].page == w[1].page && !in_table(*k) && !in_table(k + 1))
            .map(|(_, w)| w[1].y - w[0].y),
    );
    // Line `k` goes on in the next line: set at the left margin, close below, at the same
    // size, starting with what had no room at the end of line `k`. An indented first line
    // of a ragged paragraph followed so is no centred title, however its margins look.
    let goes_on = |k: usize| -> bool {
        let (Some(l), Some(n)) = (lines.get(k), lines.get(k + 1)) else {
            return false;
        };
        n.page == l.page
            && !in_table(k + 1)
            && !n.spread
            && n.y - l.y <= pitch.max(l.size) * 1.3
            && (n.size - l.size).abs() < l.size * 0.2
            && n.left - body.left < n.size * 0.5
            && body.right - l.right < n.first_word + n.size * 0.3
    };
    // Lines of an indented block (an 编者按 or a quotation set in from both margins): two
    // or more lines close together with the same left edge, each in from both margins by
    // less than a centred title's margins, at the text's size. Their margins look centred;
    // they are a paragraph.
    let near = |a: &Line, b: &Line| {
        a.page == b.page && (b.y - a.y).abs() <= pitch.max(a.size) * 1.3 && !a.spread && !b.spread
    };
    let inset = |l: &Line| {
        let (left, right) = (l.left - body.left, body.right - l.right);
        l.size <= body_size * 1.15 && left > l.size * 0.9 && right > l.size * 0.9
    };
    let block: Vec<bool> = (0..lines.len())
        .map(|k| {
            let l = &lines[k];
            let (left, right) = (l.left - body.left, body.right - l.right);
            let long = left < l.size * 6.0 && right < l.size * 6.0;
            let same = |j: Option<usize>| {
                j.and_then(|j| lines.get(j)).is_some_and(|m| {
                    near(l, m) && inset(m) && (m.left - l.left).abs() < l.size * 0.3
                })
            };
            inset(l)
                && (long || same(k.checked_sub(1)))
                && (same(k.checked_sub(1)) || same(Some(k + 1)))
        })
        .collect();
    // The right edge of the block a line belongs to (the furthest of its lines).
    let block_right = |k: usize| {
        let mut right = lines[k].right;
        let mut j = k;
        while j > 0 && block[j - 1] && near(&lines[j - 1], &lines[j]) {
            j -= 1;
            right = right.max(lines[j].right);
        }
        let mut j = k;
        while block.get(j + 1) == Some(&true) && near(&lines[j], &lines[j + 1]) {
            j += 1;
            right = right.max(lines[j].right);
        }
        right
    };
    let mut out: Vec<Located> = Vec::new();
    // The paragraph being built, and whether its last line reached the right margin.
    let mut open: Open = None; // text, place, size, last y
    let mut open_full = false;
    // Room left at the end of the paragraph's last line.
    let mut open_room = f64::MAX;

    let mut prev_page = 0;
    let mut skip_to = 0;
    for (index, l) in lines.iter().enumerate() {
        if index < skip_to {
            continue;
        }
        let at = Place::Page {
            page: l.page,
            line: l.no,
        };
        if let Some((end, rows, header)) = tables.iter().find(|t| t.0 == index).map(|t| &t.1) {
            flush(&mut open, &mut out);
            // A table that goes on over a page break, its header row repeated there, is one.
            match out.last_mut() {
                Some(Located {
                    part:
                        Part::Table {
                            rows: before,
                            header: had_header,
                        },
                    ..
                }) if prev_page + 1 == l.page && before[0].len() == rows[0].len() => {
                    let repeated = *had_header && *header && before[0] == rows[0];
                    before.extend(rows.iter().skip(usize::from(repeated)).cloned());
                }
                _ => out.push(Located {
                    part: Part::Table {
                        rows: rows.clone(),
                        header: *header,
                    },
                    at,
                }),
            }
            open_full = false;
            prev_page = l.page;
            skip_to = *end;
            continue;
        }
        // A line of rule characters (━━━━, ＊＊＊) is a rule, even one that fills the width.
        if is_rule_text(&l.text) {
            flush(&mut open, &mut out);
            out.push(Located {
                part: Part::Rule,
                at,
            });
            open_full = false;
            prev_page = l.page;
            continue;
        }
        let em = l.size;
        let gap_left = l.left - body.left;
        let gap_right = body.right - l.right;
        let large = l.size > body_size * 1.15;
        let first_line_indent = gap_left > em * 0.9 && gap_left < em * 2.6;
        if block[index] {
            // A line of an indented block: it goes on from the block's line above when that
            // one reached the block's right edge.
            let continues = index > 0
                && block[index - 1]
                && open.is_some()
                && near(&lines[index - 1], l)
                && block_right(index) - lines[index - 1].right < em * 1.2;
            go_on_or_start(&mut open, &mut out, continues, l, at);
            open_full = false;
            open_room = 0.0;
            prev_page = l.page;
            continue;
        }
        let centred = !l.spread
            && (gap_left - gap_right).abs() < em * if large { 1.0 } else { 2.0 }
            && (large || (gap_left > em * 1.5 && gap_right > em * 1.5))
            && !(first_line_indent && goes_on(index));
        let right = !l.spread && !centred && gap_left > em * 4.0 && gap_right < em;
        if centred || right || l.spread {
            flush(&mut open, &mut out);
            out.push(Located {
                part: Part::Text {
                    text: l.text.clone(),
                    align: if centred {
                        Align::Centre
                    } else if right {
                        Align::Right
                    } else {
                        Align::Left
                    },
                    size: l.size as f32,
                    bold: false,
                    list: false,
                },
                at,
            });
            open_full = false;
            prev_page = l.page;
            continue;
        }
        let indented = gap_left > em * 0.9;
        // A 报尾 line (送：…, 责任编辑：…) starts afresh even after a full line.
        let labelled = crate::convert::fields::distribution(&l.text).is_some()
            || crate::convert::fields::footer_fields(&l.text).is_some();
        let continues = match &open {
            Some((_, _, size, last_y)) => {
                let gap = l.page == prev_page && (l.y - last_y) > pitch.max(*size) * 1.3;
                // The line before ended short only because this line's first word did not
                // fit (an e-mail address, a URL).
                let fits = open_room < l.first_word + em * 0.3;
                (open_full || fits)
                    && !indented
                    && !labelled
                    && !gap
                    && (l.size - size).abs() < size * 0.2
            }
            None => false,
        };
        go_on_or_start(&mut open, &mut out, continues, l, at);
        open_full = gap_right < em * 1.2;
        open_room = gap_right;
        prev_page = l.page;
    }
    flush(&mut open, &mut out);
    out
}

/// The paragraph being built: its text, where it starts, its size and its last line's y.
type Open = Option<(String, Place, f64, f64)>;

/// Ends the paragraph being built, if any.
fn flush(open: &mut Open, out: &mut Vec<Located>) {
    if let Some((text, at, size, _)) = open.take() {
        out.push(Located {
            part: Part::Text {
                text,
                align: Align::Left,
                size: size as f32,
                bold: false,
                list: false,
            },
            at,
        });
    }
}

/// Line `l` (at `at`) goes on in the paragraph being built, or starts the next.
fn go_on_or_start(open: &mut Open, out: &mut Vec<Located>, continues: bool, l: &Line, at: Place) {
    if continues {
        if let Some((text, _, _, last_y)) = open.as_mut() {
            join_line(text, &l.text);
            *last_y = l.y;
        }
    } else {
        flush(open, out);
        *open = Some((l.text.clone(), at, l.size, l.y));
    }
}

/// A table found among the lines: (first line, (line after the last, rows, header row)).
type Table = (usize, (usize, Vec<Vec<String>>, bool));

/// Tables: three or more lines in a row, on one page, each split by wide gaps into parts
/// that fall into the same two or more columns (bands of x that no part crosses). A line
/// whose first column is empty continues the row above (a cell's text wrapped). The first
/// row is the header when it has no digits and later rows do.
fn tables(lines: &[Line], body: &Body) -> Vec<Table> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A run of lines split into parts, on one page, close together.
        let mut j = i;
        while j < lines.len()
            && lines[j].segments.len() >= 2
            && lines[j].page == lines[i].page
            && (j == i || lines[j].y - lines[j - 1].y < lines[j].size * 4.0)
        {
            j += 1;
        }
        if j - i < 2 {
            i += 1;
            continue;
        }
        // A line of fewer parts before the rows is not one of them (a caption: 表1　…).
        let most = lines[i..j]
            .iter()
            .map(|l| l.segments.len())
            .max()
            .unwrap_or(0);
        let start = (i..j)
            .find(|&k| lines[k].segments.len() == most)
            .unwrap_or(i);
        match table_at(lines, start, j, body) {
            Some((end, mut rows, mut header)) => {
                // A header row whose cells wrapped onto lines of their own (办结 / （件）
                // above and below the others): the lines right above the rows whose parts
                // all fall into the columns are that header.
                let mut top = start;
                if !header {
                    if let Some(bands) = columns(&lines[start..j]) {
                        while top > 0
                            && start - top < 4
                            && lines[top - 1].page == lines[start].page
                            && lines[top].y - lines[top - 1].y < lines[top].size * 2.5
                            && !lines[top - 1].segments.is_empty()
                            && lines[top - 1]
                                .segments
                                .iter()
                                .all(|s| header_band_of(&bands, s).is_some())
                        {
                            top -= 1;
                        }
                        let mut head = vec![String::new(); bands.len()];
                        for l in &lines[top..start] {
                            for seg in &l.segments {
                                if let Some(b) = header_band_of(&bands, seg) {
                                    if head[b].is_empty() {
                                        head[b].push_str(&seg.2);
                                    } else {
                                        join_line(&mut head[b], &seg.2);
                                    }
                                }
                            }
                        }
                        let text = |c: &String| !c.is_empty();
                        let figures = head.iter().any(|c| c.chars().any(|c| c.is_ascii_digit()));
                        if top < start && head.iter().filter(|c| text(c)).count() >= 2 && !figures {
                            rows.insert(0, head);
                            header = true;
                        } else {
                            top = start;
                        }
                    }
                }
                out.push((top, (end, rows, header)));
                i = end;
            }
            None => i = j,
        }
    }
    out
}

/// The table made of lines `start..j` (and the wrapped cells after them), if it is one.
fn table_at(
    lines: &[Line],
    start: usize,
    j: usize,
    body: &Body,
) -> Option<(usize, Vec<Vec<String>>, bool)> {
    if j - start < 2 {
        return None;
    }
    let bands = columns(&lines[start..j])?;
    // Justified text whose words happen to stand apart fills the width to the right margin;
    // a table's cells end inside their boxes.
    let justified = lines[start..j]
        .iter()
        .filter(|l| (body.right - l.right).abs() < l.size * 0.25)
        .count();

    if justified * 2 >= j - start {
        return None;
    }
    // Lines after the run that fit in the columns, with the first one empty, are the last
    // row's wrapped cells.
    let mut end = j;
    while end < lines.len()
        && lines[end].page == lines[start].page
        && lines[end].y - lines[end - 1].y < lines[end].size * 2.5
        && lines[end].left > bands[0].1
        && lines[end].right < body.right
        && lines[end]
            .segments
            .iter()
            .all(|s| band_of(&bands, s).is_some())
    {
        end += 1;
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    // The previous line's part in each column: where it ended, and its text.
    let mut ends: Vec<Option<(f64, String)>> = vec![None; bands.len()];
    let figure =
        |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ",.%-+".contains(c));
    for l in &lines[start..end] {
        let cells: Vec<(usize, &(f64, f64, String))> = l
            .segments
            .iter()
            .filter_map(|s| Some((band_of(&bands, s)?, s)))
            .collect();
        // A line continues the row above only where that row's text wrapped: it leaves some
        // columns empty, and each of its parts is under a cell whose last line reached the
        // column's right edge (figures do not wrap). Otherwise it is a row of its own (with
        // an empty first column: under a merged cell).
        let continues = !rows.is_empty()
            && cells.len() < bands.len()
            && cells.iter().all(|(b, seg)| {
                ends[*b].as_ref().is_some_and(|(end, text)| {
                    bands[*b].1 - end < l.size * 0.3 && !(figure(text) && figure(&seg.2))
                })
            });
        if !continues {
            rows.push(vec![String::new(); bands.len()]);
        }
        ends = vec![None; bands.len()];
        if let Some(row) = rows.last_mut() {
            for (b, seg) in cells {
                if row[b].is_empty() {
                    row[b].push_str(&seg.2);
                } else {
                    join_line(&mut row[b], &seg.2);
                }
                ends[b] = Some((seg.1, seg.2.clone()));
            }
        }
    }
    if rows.len() < 3 {
        return None;
    }
    // Entries with page numbers at the right (a printed 要目) are not a table.
    let page_numbers = bands.len() == 2
        && rows.iter().all(|r| {
            r[1].len() <= 3 && r[1].chars().all(|c| c.is_ascii_digit()) && !r[1].is_empty()
        });
    if page_numbers {
        return None;
    }
    let digits = |r: &Vec<String>| r.iter().any(|c| c.chars().any(|c| c.is_ascii_digit()));
    let header = !digits(&rows[0]) && rows[1..].iter().any(digits);
    Some((end, rows, header))
}

/// The columns of table lines: the x bands their parts cover, merged where they overlap;
/// None when there are fewer than two, or a part crosses them.
fn columns(lines: &[Line]) -> Option<Vec<(f64, f64)>> {
    let mut spans: Vec<(f64, f64)> = lines
        .iter()
        .flat_map(|l| l.segments.iter().map(|s| (s.0, s.1)))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut bands: Vec<(f64, f64)> = Vec::new();
    for (a, b) in spans {
        match bands.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => bands.push((a, b)),
        }
    }
    // Every line has parts in at least two columns.
    let ok = bands.len() >= 2
        && lines.iter().all(|l| {
            let used: std::collections::HashSet<usize> = l
                .segments
                .iter()
                .filter_map(|s| band_of(&bands, s))
                .collect();
            used.len() >= 2
        });
    ok.then_some(bands)
}

/// The column a header cell stands over: the one band it overlaps (a header is often wider
/// than the figures under it, centred over them).
fn header_band_of(bands: &[(f64, f64)], s: &(f64, f64, String)) -> Option<usize> {
    let mut over = bands
        .iter()
        .enumerate()
        .filter(|(_, b)| s.0 < b.1 && s.1 > b.0)
        .map(|(k, _)| k);
    match (over.next(), over.next()) {
        (Some(k), None) => Some(k),
        _ => None,
    }
}

fn band_of(bands: &[(f64, f64)], s: &(f64, f64, String)) -> Option<usize> {
    bands
        .iter()
        .position(|b| s.0 >= b.0 - 0.5 && s.1 <= b.1 + 0.5)
}

/// The most common of some measures, to the nearest half point (0 when there are none).
fn most_common(values: impl Iterator<Item = f64>) -> f64 {
    let mut counts: std::collections::HashMap<i64, usize> = Default::default();
    for v in values.filter(|v| v.is_finite() && *v > 0.0) {
        *counts.entry((v * 2.0).round() as i64).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, n)| (n, -v))
        .map_or(0.0, |(v, _)| v as f64 / 2.0)
}

/// Where the text block is: the leftmost start and rightmost end of lines.
struct Body {
    left: f64,
    right: f64,
}

fn body_metrics(lines: &[Line]) -> Option<Body> {
    // A rule drawn with characters may stand out into the margins.
    let text = || lines.iter().filter(|l| !is_rule_text(&l.text));
    let left = text().map(|l| l.left).fold(f64::MAX, f64::min);
    let right = text().map(|l| l.right).fold(f64::MIN, f64::max);
    (left < right).then_some(Body { left, right })
}

/// Joins the next line of a paragraph: no space next to Chinese; none inside a URL broken
/// at the line end; one between Latin words.
fn join_line(text: &mut String, next: &str) {
    let last = text.chars().last();
    let first = next.chars().next();
    let cjk = last.is_some_and(crate::text::is_cjk) || first.is_some_and(crate::text::is_cjk);
    // Only the end of the paragraph matters: a bounded look-back keeps joining linear.
    let mut tail = text.len().saturating_sub(512);
    while !text.is_char_boundary(tail) {
        tail += 1;
    }
    let last_token = text[tail..]
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    let in_url = {
        let lower = last_token.to_ascii_lowercase();
        (lower.contains("http://") || lower.contains("https://") || lower.contains("www."))
            && first.is_some_and(|c| c.is_ascii_graphic())
    };
    let hyphenated = last == Some('-') && first.is_some_and(|c| c.is_ascii_alphanumeric());
    // A number cut at its decimal point or thousands comma (61.⏎5%, 1,⏎000).
    let mut back = text.chars().rev();
    let number_cut = matches!(back.next(), Some('.' | ','))
        && back.next().is_some_and(|c| c.is_ascii_digit())
        && first.is_some_and(|c| c.is_ascii_digit());
    if !(cjk || in_url || hyphenated || number_cut) {
        text.push(' ');
    }
    text.push_str(next);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for t in ["－ 1 －", "- 12 -", "—3—", "第 2 页", "3/10", "7"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2024年", "第18期", "1. 总体情况"] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    /// Glyphs of a line set from `x` on baseline `y`: ASCII and curly quotes half an em
    /// wide, the rest an em.
    fn set(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        let mut x = x;
        text.chars()
            .map(|c| {
                let w = if c.is_ascii() || "“”".contains(c) {
                    0.5
                } else {
                    1.0
                } * size;
                let g = Glyph {
                    x,
                    y,
                    end: x + w,
                    size,
                    text: c.to_string(),
                    ocr: None,
                };
                x += w;
                g
            })
            .collect()
    }

    fn page(lines: &[Vec<Glyph>]) -> Vec<Page> {
        vec![Page {
            width: 595.0,
            height: 842.0,
            glyphs: lines.concat(),
        }]
    }

    fn texts(parts: &[Located]) -> Vec<String> {
        parts
            .iter()
            .map(|p| match &p.part {
                Part::Text { text, align, .. } => format!("{align:?}: {text}"),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn the_first_piece_a_line_break_cannot_split() {
        let width = |t: &str| {
            let g = set(t, 0.0, 0.0, 10.0);
            let refs: Vec<&Glyph> = g.iter().collect();
            first_unit_end(&refs)
        };
        assert_eq!(width("条，已办结"), 20.0);
        assert_eq!(width("议”1260条"), 35.0);
        assert_eq!(width("“微建议”"), 15.0);
        assert_eq!(width("APP平台"), 15.0);
        assert_eq!(width("93.7%，群众"), 35.0);
        assert_eq!(width("群众"), 10.0);
    }

    /// Ragged (left-aligned) text: each line ends short where the next line's first piece
    /// did not fit — after a digit, a letter, a quote or a character alike — and the
    /// paragraph goes on; its indented first line is no centred title.
    #[test]
    fn ragged_lines_join_whatever_they_end_with() {
        let (left, size) = (80.0, 16.0);
        // The text block: 27 ems wide (a full line sets it).
        let full = set(
            "全省各级人大代表联络站积极收集群众意见建议今年以来共提",
            left,
            100.0,
            size,
        );
        let right = left + 27.0 * size;
        assert!(full.last().is_some_and(|g| (g.end - right).abs() < 1.0));
        let mut lines = vec![full];
        let mut y = 128.0;
        for (first, rest) in [
            // Ends in digits, 1.5 em short: 条， did not fit.
            (
                "【1】全省各级人大代表联络站共同提出“微建议”1260",
                "条，已办结1180条。",
            ),
            // Ends in letters, 1.5 em short: “掌 did not fit.
            (
                "【22】全省推广使用人大代表履职服务平台及手机APP",
                "“掌上人大”提交建议。",
            ),
            // Ends before a closing quote, 3 ems short: 议”1260 did not fit.
            (
                "【3】全省各级人大代表联络站今年共同提出“微建",
                "议”1260条，已办结。",
            ),
        ] {
            let g = set(first, left + 2.0 * size, y, size);
            let short = right - g.last().map_or(0.0, |g| g.end);
            assert!(short > 1.2 * size, "{first}: {short}");
            lines.push(g);
            lines.push(set(rest, left, y + 28.0, size));
            y += 56.0;
        }
        lines.push(set("━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━", left - 8.0, y, size));
        let got = texts(&paragraphs(&super::lines(page(&lines))));
        assert_eq!(
            got,
            [
                "Left: 全省各级人大代表联络站积极收集群众意见建议今年以来共提",
                "Left: 【1】全省各级人大代表联络站共同提出“微建议”1260条，已办结1180条。",
                "Left: 【22】全省推广使用人大代表履职服务平台及手机APP“掌上人大”提交建议。",
                "Left: 【3】全省各级人大代表联络站今年共同提出“微建议”1260条，已办结。",
                "Rule",
            ]
        );
    }

    /// A masthead table's organ cell wrapped over two lines: one line with the date.
    #[test]
    fn a_wrapped_masthead_cell_is_one_line() {
        let size = 16.0;
        let mut first = set("湖南省人民代表大会常务委员会", 80.0, 200.0, size);
        first.extend(set("2024年12月30日", 400.0, 200.0, size));
        let second = set("代表工作委员会编", 80.0, 228.0, size);
        let body = set("【示例】正文第一段。", 112.0, 300.0, size);
        let got = join_wrapped_cells(lines(page(&[first.clone(), second, body.clone()])));
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0].text,
            "湖南省人民代表大会常务委员会代表工作委员会编\t2024年12月30日"
        );
        // Not a masthead field together: left as it is.
        let other = set("联络处供稿", 80.0, 228.0, size);
        let got = join_wrapped_cells(lines(page(&[first, other, body])));
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn joins_lines() {
        let mut t = "详见https://www.example.gov.cn/news/".to_string();
        join_line(&mut t, "2024/11/04.html。");
        assert_eq!(t, "详见https://www.example.gov.cn/news/2024/11/04.html。");
        let mut t = "the Yew".to_string();
        join_line(&mut t, "app");
        assert_eq!(t, "the Yew app");
        let mut t = "基层人大".to_string();
        join_line(&mut t, "工作");
        assert_eq!(t, "基层人大工作");
    }
}
