//! What a Word or PDF page shows, paragraph by paragraph, turned into the converter's text
//! form ([`crate::convert`]). Both readers end here, so a bulletin reads the same whichever
//! file it came in: the layout says what plain text cannot —
//!
//! - the first line is the bulletin's title; the masthead lines follow (issue number,
//!   cumulative number, organ and date, which may share a line, set far apart);
//! - a centred line after the masthead is an article's title (two centred lines in a row are
//!   one title wrapped), unless it stands in brackets;
//! - a right-aligned line is a source note: （湘潭市委办公室供稿）;
//! - a rule (a drawn line) separates the masthead, articles and the 报尾;
//! - a bold short line inside an article is a sub-heading; numbered paragraphs a list.

use super::Place;
use crate::convert::fields;
use crate::text::is_space;

/// How a paragraph is aligned on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Left or justified.
    Left,
    /// Centred.
    Centre,
    /// Right-aligned.
    Right,
}

/// One thing on the page, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// A paragraph of text. Parts of a line set far apart (organ ⇥ date) are separated by a
    /// tab.
    Text {
        /// The text; a tab between parts set far apart.
        text: String,
        /// Alignment.
        align: Align,
        /// Font size in points (the largest in the paragraph; 0 when unknown).
        size: f32,
        /// All of its text is bold.
        bold: bool,
        /// A numbered or bulleted paragraph (a list item).
        list: bool,
    },
    /// A paragraph whose style says it is the masthead: Word's Title style (the bulletin's
    /// name) or Subtitle (a line under it). Read as such at the top of the document; further
    /// down, as the [`Part::Text`] it looks like.
    Masthead {
        /// The text.
        text: String,
        /// The bulletin's name (Title), not a line under it (Subtitle).
        title: bool,
        /// Alignment.
        align: Align,
        /// Font size in points (0 when unknown).
        size: f32,
    },
    /// A horizontal rule: a paragraph border, a drawn line, or a line of rule characters
    /// (━━━━, ＊＊＊: [`is_rule_text`]).
    Rule,
    /// An image, already written where `src` points.
    Image {
        /// Relative URL of the image file.
        src: String,
        /// Its description (alt text); empty when the document has none.
        alt: String,
    },
    /// A table with its cells' text.
    Table {
        /// Rows of cell texts.
        rows: Vec<Vec<String>>,
        /// The first row is a header row.
        header: bool,
    },
}

/// A [`Part`] and where it is in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// The part.
    pub part: Part,
    /// Where it starts.
    pub at: Place,
}

/// The converter's text form of the parts, and for each of its lines (index = line − 1) the
/// place in the file it came from.
pub fn to_text(parts: &[Located]) -> (String, Vec<Place>) {
    // Radicals given for ideographs (⽬ for 目) would hide 要目 and masthead fields.
    let parts: Vec<Located> = parts.iter().map(with_ideographs).collect();
    let parts = parts.as_slice();
    let mut w = Writer::default();
    let mut state = State::Start;
    let footer_at = footer_start(parts);
    let body_size = body_size(parts);
    // A caption is a short centred line smaller than the text, or no larger and saying it
    // is one (图1…, 表1…). Titles are often set at the text's size (in 黑体).
    let is_caption = |part: &Part| match part {
        Part::Text {
            text,
            align: Align::Centre,
            size,
            ..
        } => {
            flat(text).chars().count() <= 80
                && (*size < body_size - 0.1 || (*size <= body_size + 0.1 && caption_mark(text)))
        }
        _ => false,
    };
    // Headings set left but clearly larger than the text (Word's Heading 1 and 2, as pandoc
    // and many templates write them): the largest such size is the articles' titles, the
    // sizes between it and the text are sub-headings.
    let heading_size = left_heading_size(parts, body_size);
    let left_heading = |part: &Part| match part {
        Part::Text {
            text,
            align: Align::Left | Align::Right,
            size,
            list: false,
            ..
        } if *size >= body_size + 1.0 && is_title_like(text) && !is_editors_note(text) => {
            Some(heading_size.is_some_and(|h| *size >= h - 0.3))
        }
        _ => None,
    };
    // A title: centred, a line long, not in brackets; a caption mark (图1…) only when it is
    // larger than the text; or a line set left at the titles' size (above).
    let is_title = |part: &Part| match part {
        Part::Text {
            text,
            align: Align::Centre,
            size,
            ..
        } => {
            let small_caption = caption_mark(text) && *size <= body_size + 0.1;
            !is_bracketed(text) && is_title_like(text) && !is_editors_note(text) && !small_caption
        }
        _ => left_heading(part) == Some(true),
    };
    let above_table = |i: usize| {
        matches!(
            parts.get(i),
            Some(Located {
                part: Part::Table { .. },
                ..
            })
        )
    };
    // The article title being written, and its size: a centred line of that size right
    // after it continues it (a title wrapped by hand), as does a subtitle (——…); a smaller
    // centred line under it is its byline (湘潭市人大常委会研究室).
    let mut title: Option<(String, f32, Place)> = None;
    // The Title-styled paragraph that names the bulletin, and the short lines before it (a
    // 密级 line, 内部资料), which are written under it as masthead lines.
    let styled_title = styled_title(parts);
    let mut before_title: Vec<(String, Place)> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let Located { part, at } = &parts[i];
        let at = *at;
        let index = i;
        i += 1;
        // A masthead style below the masthead (a template's Title used for an article):
        // read as the text it looks like.
        let substitute;
        let part = match part {
            Part::Masthead {
                text,
                title,
                align,
                size,
            } if !matches!(state, State::Start | State::Masthead)
                || (state == State::Start && *title && styled_title != Some(index))
                || (state == State::Start && styled_title.is_none()) =>
            {
                substitute = Part::Text {
                    text: text.clone(),
                    align: *align,
                    size: *size,
                    bold: false,
                    list: false,
                };
                &substitute
            }
            part => part,
        };
        // A title ends at anything that does not continue it.
        if let Some((text, title_size, place)) = title.take() {
            let next = match part {
                Part::Text {
                    text: t,
                    size,
                    align: Align::Centre,
                    ..
                } if !(above_table(i) && is_caption(part)) && is_title_like(t) => {
                    let t = flat(t);
                    if (size - title_size).abs() < 0.6 || t.starts_with(['—', '-', '－']) {
                        Some(true)
                    } else if *size < title_size {
                        Some(false)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            match next {
                Some(true) => {
                    if let Part::Text { text: more, .. } = part {
                        title = Some((format!("{text}{}", flat(more)), title_size, place));
                    }
                    continue;
                }
                Some(false) => {
                    if let Part::Text { text: byline, .. } = part {
                        w.line(format!("## {text}"), place);
                        w.line(format!("Byline: {}", flat(byline)), at);
                        w.blank(at);
                    }
                    continue;
                }
                None => {
                    w.line(format!("## {text}"), place);
                    w.blank(place);
                }
            }
        }
        match (state, part) {
            // Lines before the Title-styled paragraph: kept for the masthead.
            (State::Start, Part::Text { text, .. } | Part::Masthead { text, .. })
                if styled_title.is_some_and(|k| index < k) =>
            {
                before_title.push((flat(text), at));
            }
            // The bulletin's name in Word's Title style, over one or more paragraphs.
            (State::Start, Part::Masthead { text, .. }) => {
                let mut name = flat(text);
                while let Some(Located {
                    part:
                        Part::Masthead {
                            text: more,
                            title: true,
                            ..
                        },
                    ..
                }) = parts.get(i)
                {
                    join_words(&mut name, &flat(more));
                    i += 1;
                }
                w.line(format!("# {name}"), at);
                w.blank(at);
                for (line, at) in before_title.drain(..) {
                    w.line(line, at);
                }
                state = State::Masthead;
            }
            // A masthead paragraph may hold several lines (第18期 ↵ （总第七百二十期）). Before
            // any name (a producer left the title out, or set it as a picture) such lines are
            // the masthead's too: an issue, date or organ line is never the name — the
            // converter then says the name is missing, not the issue number.
            (State::Start | State::Masthead, Part::Text { text, .. })
                if text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .all(is_masthead_line) =>
            {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    w.line(line.trim_matches(is_space).to_string(), at);
                }
                state = State::Masthead;
            }
            (State::Start, Part::Text { text, .. }) => {
                w.line(format!("# {}", flat(text)), at);
                w.blank(at);
                state = State::Masthead;
            }
            // Before the title: a logo, an empty rule.
            (State::Start, _) => {}
            // A paragraph in a masthead style (Subtitle) is a masthead line whatever it says:
            // the converter names a line it does not know.
            (State::Masthead, Part::Masthead { text, .. }) => {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    w.line(line.trim_matches(is_space).to_string(), at);
                }
            }
            (State::Masthead, _) => {
                // The masthead ends at its rule, or at the first line that is not one of it.
                w.line("---".into(), at);
                w.blank(at);
                state = State::Body;
                if !matches!(part, Part::Rule) {
                    i -= 1;
                }
            }
            (_, Part::Rule) => {
                w.line("---".into(), at);
                w.blank(at);
            }
            // Read as text above, below the masthead.
            (_, Part::Masthead { .. }) => {}
            (
                _,
                Part::Text {
                    text,
                    align,
                    bold,
                    list,
                    ..
                },
            ) => {
                let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
                if compact.is_empty() {
                    continue;
                }
                if state == State::Body && ["要目", "本期要目", "目录"].contains(&compact.as_str())
                {
                    w.line("## 要目".into(), at);
                    w.blank(at);
                    state = State::Contents;
                    continue;
                }
                if i > footer_at {
                    state = State::Footer;
                }
                if state == State::Footer {
                    // Footer lines as they are; the converter reads their labels.
                    w.line(flat(text), at);
                    continue;
                }
                let heading = is_title(part);
                // A centred line right above a table is its caption (表题).
                if above_table(i) && is_caption(&parts[i - 1].part) {
                    w.line(format!("Table: {}", flat(text)), at);
                    continue;
                }
                if heading {
                    state = State::Article;
                    let size = match part {
                        Part::Text { size, .. } => *size,
                        _ => 0.0,
                    };
                    title = Some((flat(text), size, at));
                    continue;
                }
                match state {
                    State::Contents => {
                        w.line(format!("- {}", contents_entry(text)), at);
                        continue;
                    }
                    _ if *align == Align::Right => {
                        let t = flat(text);
                        let note = if is_bracketed(&t) {
                            t
                        } else {
                            format!("（{t}）")
                        };
                        w.line(note, at);
                    }
                    _ if *list => w.line(format!("- {}", flat(text)), at),
                    _ if left_heading(part) == Some(false)
                        || (state == State::Article && numbered_heading(text))
                        || (*bold
                            && is_title_like(text)
                            && !crate::convert::ends_sentence(text)) =>
                    {
                        w.line(format!("### {}", flat(text)), at)
                    }
                    _ => w.line(paragraph_line(&flat(text)), at),
                }
                w.blank(at);
            }
            (_, Part::Image { src, alt }) => {
                // A centred line right under an image is its caption.
                let caption = match parts.get(i) {
                    Some(Located {
                        part: next @ Part::Text { text, .. },
                        ..
                    }) if is_caption(next) => {
                        i += 1;
                        Some(flat(text))
                    }
                    _ => None,
                };
                let alt = flat(alt).replace(['[', ']'], "");
                match caption {
                    Some(c) => w.line(format!("![{alt}]({src} \"{}\")", c.replace('"', "”")), at),
                    None => w.line(format!("![{alt}]({src})"), at),
                }
                w.blank(at);
            }
            (_, Part::Table { rows, header }) => {
                for (r, row) in rows.iter().enumerate() {
                    let cells: Vec<String> =
                        row.iter().map(|c| flat(c).replace('|', "\\|")).collect();
                    w.line(format!("| {} |", cells.join(" | ")), at);
                    if r == 0 && *header {
                        w.line(format!("|{}", " --- |".repeat(row.len().max(1))), at);
                    }
                }
                w.blank(at);
            }
        }
    }
    if let Some((text, _, place)) = title {
        w.line(format!("## {text}"), place);
    }
    (w.text, w.places)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Masthead,
    Body,
    Contents,
    Article,
    Footer,
}

#[derive(Default)]
struct Writer {
    text: String,
    places: Vec<Place>,
}

impl Writer {
    /// Writes one line: a line break inside `line` would shift every later place.
    fn line(&mut self, line: String, at: Place) {
        let line = line.replace(['\n', '\r'], " ");
        self.text.push_str(&line);
        self.text.push('\n');
        self.places.push(at);
    }
    fn blank(&mut self, at: Place) {
        self.line(String::new(), at);
    }
}

/// The part with look-alike radicals in its text mapped to ideographs.
fn with_ideographs(located: &Located) -> Located {
    let map = |s: &String| -> String {
        s.chars()
            .map(|c| crate::text::ideograph(c).unwrap_or(c))
            .collect()
    };
    let part = match &located.part {
        Part::Text {
            text,
            align,
            size,
            bold,
            list,
        } => Part::Text {
            text: map(text),
            align: *align,
            size: *size,
            bold: *bold,
            list: *list,
        },
        Part::Table { rows, header } => Part::Table {
            rows: rows.iter().map(|r| r.iter().map(map).collect()).collect(),
            header: *header,
        },
        Part::Image { src, alt } => Part::Image {
            src: src.clone(),
            alt: map(alt),
        },
        Part::Masthead {
            text,
            title,
            align,
            size,
        } => Part::Masthead {
            text: map(text),
            title: *title,
            align: *align,
            size: *size,
        },
        Part::Rule => Part::Rule,
    };
    Located {
        part,
        at: located.at,
    }
}

/// Where the first Title-styled paragraph is, when it names the bulletin: only rules,
/// pictures and at most three short lines stand before it (a logo, 内部资料). Further down,
/// a Title-styled paragraph is not the masthead.
fn styled_title(parts: &[Located]) -> Option<usize> {
    let k = parts
        .iter()
        .position(|p| matches!(p.part, Part::Masthead { title: true, .. }))?;
    let mut lines = 0;
    for p in &parts[..k] {
        match &p.part {
            Part::Rule | Part::Image { .. } => {}
            Part::Text { text, .. } | Part::Masthead { text, .. } if is_title_like(text) => {
                lines += 1
            }
            _ => return None,
        }
    }
    (lines <= 3).then_some(k)
}

/// Appends a piece of a line: no space next to Chinese, one between Latin words.
pub(super) fn join_words(text: &mut String, more: &str) {
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(text.chars().last()) && latin(more.chars().next()) {
        text.push(' ');
    }
    text.push_str(more);
}

/// A line that is only a rule drawn with characters: three or more of one horizontal
/// stroke — a box-drawing line (━━━━, ────, ════), a dash (————, －－－), an asterisk
/// (＊＊＊, * * *), an underscore, an equals sign, a wave dash — spaces between them allowed.
/// Mixed strokes (-*-) are text that looks like a rule, kept as text.
pub fn is_rule_text(text: &str) -> bool {
    let mut strokes = text
        .chars()
        .filter(|&c| !(is_space(c) || c.is_whitespace()));
    let Some(first) = strokes.next() else {
        return false;
    };
    let mut n = 1;
    for c in strokes {
        if c != first {
            return false;
        }
        n += 1;
    }
    n >= 3 && is_rule_char(first)
}

fn is_rule_char(c: char) -> bool {
    matches!(
        c,
        // Box drawing: light and heavy horizontals, dashed, double, half lines.
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' | '═' | '╴' | '╶' | '╸' | '╺' | '╼' | '╾'
        // Dashes and lines.
        | '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '⸺' | '⸻' | '﹘' | '﹣' | '－' | '⎯'
        // Asterisks.
        | '*' | '＊' | '∗' | '⁎' | '✱' | '✲' | '✳'
        // Underscores, equals signs, wave dashes.
        | '_' | '＿' | '﹍' | '﹎' | '﹏' | '=' | '＝' | '~' | '～' | '〜'
    )
}

/// A paragraph's text on one line: line breaks inside it become spaces (the converter's
/// repairs drop those next to Chinese), tabs too.
pub fn flat(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        });
    }
    out.trim_matches(is_space).to_string()
}

/// A body paragraph, protected from being read as markup when it starts like markup.
fn paragraph_line(text: &str) -> String {
    let markup = ["#", "- ", "> ", "|", "![", "Table:", "Byline:", "\\"];
    let rule = text.chars().filter(|c| !is_space(*c)).count() >= 3
        && text.chars().all(|c| is_space(c) || "-*_".contains(c));
    if markup.iter().any(|m| text.starts_with(m)) || rule || labelled(text) {
        format!("\\{text}")
    } else {
        text.to_string()
    }
}

/// A line that starts with a 报尾 label: 送：, 责任编辑：…
fn labelled(text: &str) -> bool {
    crate::convert::starts_footer(text)
}

/// Where the 报尾 starts: the first labelled line after which there are only labelled
/// lines, rules, and lines continuing a distribution list that has not ended its sentence
/// (送：… wrapped over several lines in a PDF). A labelled line inside an article (a
/// paragraph that starts with 编辑：) is not the 报尾.
fn footer_start(parts: &[Located]) -> usize {
    let footer_from = |j: usize| {
        let mut open = false;
        parts[j..].iter().all(|p| match &p.part {
            Part::Rule => true,
            Part::Text { text, align, .. } => {
                if labelled(text) {
                    open = fields::distribution(text).is_some()
                        && !crate::convert::ends_sentence(text);
                    true
                } else if open && *align != Align::Centre {
                    open = !crate::convert::ends_sentence(text);
                    true
                } else {
                    // A 报尾 line the converter does not know (审　核：…, …印发) still belongs
                    // to it: the converter then names it.
                    text.trim().is_empty() || label_like(text)
                }
            }
            _ => false,
        })
    };
    let is_labelled =
        |j: usize| matches!(&parts[j].part, Part::Text { text, .. } if labelled(text));
    if let Some(j) = (0..parts.len()).find(|&j| is_labelled(j) && footer_from(j)) {
        return j;
    }
    // A 报尾 with a line the converter does not know (…印发, 审核：…): from the first labelled
    // line after the last title, picture or table, so that the converter names that line.
    let last_content = parts.iter().rposition(|p| match &p.part {
        Part::Image { .. } | Part::Table { .. } | Part::Masthead { .. } => true,
        Part::Text { align, .. } => *align == Align::Centre,
        Part::Rule => false,
    });
    let from = last_content.map_or(0, |k| k + 1);
    (from..parts.len())
        .find(|&j| is_labelled(j))
        .unwrap_or(parts.len())
}

/// A line shaped like a 报尾 line: a short label and a colon (审　　核：…), or a 版记's
/// printing line (湖南省人大常委会办公厅　2024年12月2日印发).
fn label_like(text: &str) -> bool {
    let t = flat(text);
    let label = t.split_once(['：', ':']).is_some_and(|(l, _)| {
        let l: Vec<char> = l.chars().filter(|c| !is_space(*c)).collect();
        (1..=6).contains(&l.len()) && l.iter().all(|c| crate::text::is_han(*c))
    });
    label || t.ends_with("印发")
}

/// The size of the articles' titles when they are set left, larger than the text: the
/// largest size of the short lines set left below the first (the bulletin's name), when
/// such lines stand more than once (a heading level, not one big line).
fn left_heading_size(parts: &[Located], body_size: f32) -> Option<f32> {
    let mut sizes: Vec<f32> = parts
        .iter()
        .filter_map(|p| match &p.part {
            Part::Text {
                text,
                align: Align::Left | Align::Right,
                size,
                list: false,
                ..
            } if *size >= body_size + 1.0 && is_title_like(text) => Some(*size),
            _ => None,
        })
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let top = *sizes.first()?;
    (sizes.iter().filter(|s| (*s - top).abs() < 0.3).count() >= 2
        || sizes.iter().all(|s| (*s - top).abs() < 0.3))
    .then_some(top)
}

/// A sub-heading numbered as official documents number their first two levels (一、…,
/// （一）…), standing alone as a short paragraph that ends no sentence: a heading whether or
/// not its boldness survived (a PDF's text layer does not say).
fn numbered_heading(text: &str) -> bool {
    let t = flat(text);
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let rest = if let Some(r) = t.strip_prefix(['（', '(']) {
        let n = r.chars().take_while(|c| numeral(*c)).count();
        (n > 0)
            .then(|| r.chars().skip(n).collect::<String>())
            .and_then(|r| r.strip_prefix(['）', ')']).map(str::to_string))
    } else {
        let n = t.chars().take_while(|c| numeral(*c)).count();
        (n > 0)
            .then(|| t.chars().skip(n).collect::<String>())
            .and_then(|r| r.strip_prefix('、').map(str::to_string))
    };
    rest.is_some_and(|r| {
        let n = r.chars().count();
        (2..=30).contains(&n) && !crate::convert::ends_sentence(&r) && !r.ends_with(['，', '：'])
    })
}

/// An 编者按 (editor's note) paragraph, which is never a title however it is set.
fn is_editors_note(text: &str) -> bool {
    let t = flat(text);
    let t = t.trim_start_matches(['【', '[', '〔', '（', '(']);
    ["编者按", "编者的话", "编辑部按", "按语"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// The size of the body text: the size most characters are set in.
fn body_size(parts: &[Located]) -> f32 {
    let mut by_size: std::collections::HashMap<i32, usize> = Default::default();
    for p in parts {
        if let Part::Text { text, size, .. } = &p.part {
            *by_size.entry((size * 2.0).round() as i32).or_default() += text.chars().count();
        }
    }
    by_size
        .into_iter()
        .max_by_key(|&(s, n)| (n, -s))
        .map_or(0.0, |(s, _)| s as f32 / 2.0)
}

/// A caption says what it is: 图1…, 图为…, 表1…
fn caption_mark(text: &str) -> bool {
    let t = flat(text);
    let mut cs = t.chars().filter(|c| !is_space(*c));
    matches!(
        (cs.next(), cs.next()),
        (Some('图' | '表'), Some('0'..='9' | '为' | '：' | ':'))
    )
}

/// Whether every part of a line is a masthead field: 第18期, （总第七百二十期）, the organ, the
/// date.
pub(super) fn is_masthead_line(text: &str) -> bool {
    let parts = fields::split_line(&fields::plain(text));
    // In brackets of any kind, as some mastheads set the issue: （第7期）, 【第7期】.
    let unbracketed = |p: &str| -> String {
        let t = p.trim_matches(is_space);
        let mut chars = t.chars();
        match (chars.next(), chars.next_back()) {
            (Some(a), Some(b)) if "（([【〔［".contains(a) && "）)]】〕］".contains(b) => {
                chars.as_str().trim_matches(is_space).to_string()
            }
            _ => t.to_string(),
        }
    };
    !parts.is_empty()
        && parts.iter().all(|p| {
            let p = &unbracketed(p);
            fields::issue_number(p).is_some()
                || fields::cumulative_number(p).is_some()
                || fields::issue_date(p).is_some()
                || fields::is_organ(p)
        })
}

/// A title is a line, not a paragraph: short, not ending a sentence, not a figure's or
/// table's caption (图1…, 图为…, 表1…).
fn is_title_like(text: &str) -> bool {
    let t = flat(text);
    let n = t.chars().filter(|c| !is_space(*c)).count();
    (1..=80).contains(&n) && !t.ends_with(['。', '！', '？', '；', '.'])
}

/// A 要目 entry without the page number a printed contents sets at the right (after a tab
/// or dot leaders: 全省基层人大工作推进会召开⇥1, …………3).
fn contents_entry(text: &str) -> String {
    let t = text.trim_end_matches(is_space);
    let digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = digits.len() < t.len() && t.len() - digits.len() <= 3;
    let before = digits.trim_end_matches(|c: char| is_space(c) || "…·.．-—".contains(c));
    let set_apart = digits.ends_with('\t')
        || digits.ends_with("……")
        || digits.ends_with("...")
        || digits.ends_with("··");
    if number && set_apart && !before.is_empty() {
        flat(before)
    } else {
        flat(text)
    }
}

fn is_bracketed(text: &str) -> bool {
    crate::convert::is_bracketed(&flat(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(n: usize) -> Place {
        Place::Paragraph(n)
    }

    fn text(t: &str, align: Align, size: f32) -> Part {
        Part::Text {
            text: t.into(),
            align,
            size,
            bold: false,
            list: false,
        }
    }

    fn masthead(t: &str, title: bool) -> Part {
        Part::Masthead {
            text: t.into(),
            title,
            align: Align::Left,
            size: 26.0,
        }
    }

    fn lines(parts: Vec<Part>) -> Vec<String> {
        let located: Vec<Located> = parts
            .into_iter()
            .enumerate()
            .map(|(i, part)| Located {
                part,
                at: at(i + 1),
            })
            .collect();
        to_text(&located)
            .0
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn rules_drawn_with_characters() {
        for t in [
            "━━━━",
            "────────",
            "＊＊＊",
            "* * *",
            "═══",
            "————",
            "－－－",
            "___",
            "～～～",
        ] {
            assert!(is_rule_text(t), "{t}");
        }
        for t in ["——", "-*-", "——记某某", "…………", "第一期", "", "━━━━ 一"]
        {
            assert!(!is_rule_text(t), "{t}");
        }
    }

    /// A masthead printed without its name (left out, or set as a picture): the issue, date
    /// and organ lines stay masthead lines, none of them made the name.
    #[test]
    fn no_masthead_line_is_made_the_name() {
        for first in [
            "第7期",
            "（第 7 期）",
            "2025年3月2日",
            "湖南省人大常委会办公厅编",
        ] {
            let got = lines(vec![
                text(first, Align::Centre, 16.0),
                text(
                    "湖南省人大常委会办公厅编　　2025年3月2日",
                    Align::Left,
                    16.0,
                ),
                Part::Rule,
                text("某某工作会议召开", Align::Centre, 22.0),
                text("会议强调，要做好工作。", Align::Left, 16.0),
            ]);
            assert!(!got.iter().any(|l| l.starts_with("# ")), "{first}: {got:?}");
            assert_eq!(got[0], first, "{got:?}");
        }
        // A name is still the name.
        let got = lines(vec![
            text("联络动态", Align::Centre, 36.0),
            text("第7期", Align::Centre, 16.0),
            Part::Rule,
        ]);
        assert_eq!(got[0], "# 联络动态");
    }

    #[test]
    fn title_styles_make_the_masthead() {
        // Short lines before the Title-styled name go under it; a Subtitle-styled line is
        // a masthead line whatever it says; a second Title paragraph continues the name.
        let got = lines(vec![
            text("内部资料", Align::Left, 12.0),
            masthead("湖南人大", true),
            masthead("联络动态", true),
            masthead("第18期", false),
            masthead("（内部刊物）", false),
            Part::Rule,
            text("正文。", Align::Left, 16.0),
        ]);
        assert_eq!(
            got,
            [
                "# 湖南人大联络动态",
                "内部资料",
                "第18期",
                "（内部刊物）",
                "---",
                "正文。"
            ]
        );
        // A Title-styled paragraph far down is read as what it looks like.
        let mut parts = vec![
            text("联络动态", Align::Centre, 36.0),
            text("第18期", Align::Centre, 16.0),
            Part::Rule,
        ];
        parts.extend((0..4).map(|_| text("正文。", Align::Left, 16.0)));
        parts.push(Part::Masthead {
            text: "第二篇".into(),
            title: true,
            align: Align::Centre,
            size: 22.0,
        });
        let got = lines(parts);
        assert_eq!(got[0], "# 联络动态");
        assert_eq!(got.last().map(String::as_str), Some("## 第二篇"));
    }
}
