//! Text → issue: reads a bulletin in the plain-text form extracted from a printed issue
//! (`tests/fixtures/seed/lianluo-dongtai-2024-18.txt`) and repairs what extraction broke.
//!
//! The form, line by line:
//!
//! ```text
//! # 联络动态                         bulletin title (the `#` may be missing)
//! 第 18 期                           masthead lines, any order: issue number,
//! (总第七百二十期)                   cumulative number, compiling organ, date
//! 湖南省人大常委会代表工作委员会编
//! 2024 年 11 月 4 日
//! ---                                rules are optional separators
//! ## 要 目                           contents (optional: derived from the articles if absent)
//! - 全省基层人大工作推进会召开…
//! ## 全省基层人大工作推进会召开…     one article per `##` heading; paragraphs between blank
//! 10月31日,全省基层人大…             lines; `### ` sub-heading, `- ` list, `> ` quote,
//! (摘编自湖南日报)                   `![alt](src)` image; a last bracketed line is the source
//! ---
//! **送：**全国人大常委会…            报尾: distribution lines, 责任编辑/联系方式, 批准文号
//! 责任编辑：汤 建 联系方式：0731—85309319 hnrldgwxrc@163.com
//! 批准文号：湘党简准字〔2000〕第 28 号
//! ```
//!
//! Inside an article, `| a | b |` lines are the rows of a table (a `| --- | --- |` line after
//! the first row makes it the header row; a `Table: 表题` line just before the rows is its
//! caption), `![alt](src "caption")` an image with a caption, and a line starting with `\`
//! is a paragraph taken as written (`\- 1 -` is not a list item); `Byline: 作者` right under
//! an article's heading is its author or speaker line.
//!
//! The same converter reads Word and PDF files: `crate::import` turns them into this form,
//! with [`Options::explicit_paragraphs`] because those formats know where paragraphs end; a
//! text that starts with the line [`EXPLICIT_PARAGRAPHS`] (as `bulletin convert --text`
//! writes it) is read that way too.

pub(crate) mod fields;
mod repair;

pub use repair::{ends_sentence, is_bracketed, repair};

use repair::{note, repair_at, Join, Piece};

use crate::model::{
    Article, Block, Contact, ContentsEntry, Distribution, Footer, Issue, Masthead, SCHEMA_VERSION,
};
use fields::{plain, split_line};
use std::fmt;

/// Input the converter cannot understand: where, and what it expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvertError {
    /// Line of the input (1-based).
    pub line: usize,
    /// What was found and what was expected.
    pub message: String,
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConvertError {}

fn error(line: usize, message: impl Into<String>) -> ConvertError {
    ConvertError {
        line,
        message: message.into(),
    }
}

/// One repair the converter made to the text: what, where, before → after.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Repair {
    /// Line of the input (1-based) where the repaired text is.
    pub line: usize,
    /// What was repaired.
    pub kind: RepairKind,
    /// A short stretch of the text around the change as it was (about 6 characters each side,
    /// whole text if shorter), and as it is after this change alone. A blank line inside the
    /// stretch shows as `¶`, a line break as a space; a `(…)` pair too far apart for one
    /// stretch shows the text between them elided as `…`.
    pub before: String,
    /// The same stretch with this change applied (and no other).
    pub after: String,
}

/// The kinds of [`Repair`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RepairKind {
    /// Two paragraphs cut by a page/line break joined into one (a blank line inside a sentence).
    JoinedParagraphs,
    /// Half-width punctuation made full-width (`,` → `，`, `(…)` → `（…）`, `.` → `。`…).
    FullWidthPunctuation,
    /// Spaces removed (next to Chinese) or runs of spaces made one.
    RemovedSpace,
    /// A look-alike radical mapped to the ideograph (⼈ → 人).
    Ideograph,
}

/// [`convert`], also returning the repairs it made, in input order. The issue (or error) is
/// exactly what `convert` gives for the same input; after an error, the repairs are those made
/// before it. Each repair is one change: each comma widened, each run of spaces removed, each
/// `(…)` pair, each blank line joined over. Spaces trimmed at the ends of a line or field and
/// the space that stands for a line break inside a paragraph are not logged.
///
/// The repairs are collected on this thread while `convert` runs (a thread-local log); outside
/// `convert_logged` the converter logs nothing and costs nothing more.
pub fn convert_logged(input: &str) -> (Result<Issue, ConvertError>, Vec<Repair>) {
    let (result, mut repairs) = repair::logging(|| convert(input));
    // Each text's repairs are in order; a 报尾 line continued later is repaired again later.
    repairs.sort_by_key(|r| r.line);
    (result, repairs)
}

/// [`repair`] of the text of line `line`, logged within [`convert_logged`].
fn fix(text: &str, line: usize) -> String {
    repair_at(text, &Piece::line(line))
}

/// One line of input with its number.
#[derive(Clone, Copy)]
struct Line<'a> {
    no: usize,
    text: &'a str,
}

impl Line<'_> {
    fn trimmed(&self) -> &str {
        self.text.trim_matches(crate::text::is_space)
    }
    fn is_blank(&self) -> bool {
        self.trimmed().is_empty()
    }
    fn is_rule(&self) -> bool {
        let t = self.trimmed();
        t.len() >= 3 && t.chars().all(|c| c == '-' || c == '*' || c == '_')
    }
    /// The text of a heading of exactly `level` `#`s.
    fn heading(&self, level: usize) -> Option<&str> {
        let t = self.trimmed();
        let rest = t.strip_prefix(&"#".repeat(level)[..])?;
        (!rest.starts_with('#')).then(|| rest.trim_matches(crate::text::is_space))
    }
}

/// How the text was made.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Every blank line ends a paragraph. Text extracted from print (the default) breaks
    /// paragraphs at line and page ends, so there a blank line ends one only where its
    /// sentence ends; a Word or PDF reader that knows the paragraphs sets this.
    pub explicit_paragraphs: bool,
}

/// The first line of a text form whose paragraphs end at every blank line (what `bulletin
/// convert --text` writes from a Word or PDF file, whose readers know the paragraphs).
pub const EXPLICIT_PARAGRAPHS: &str = "<!-- bulletin: paragraphs end at blank lines -->";

/// The text with Windows (CRLF) and classic Mac (CR) line ends as LF, so that a line never
/// keeps a CR and a file saved with CRs alone is read line by line. Borrowed when there is no
/// CR.
pub fn normalize_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        text.into()
    }
}

/// Converts the text of one issue. Errors carry the line number and what was expected.
pub fn convert(input: &str) -> Result<Issue, ConvertError> {
    let input = normalize_line_ends(input);
    let explicit = input
        .trim_start_matches('\u{FEFF}')
        .lines()
        .next()
        .is_some_and(|l| l.trim() == EXPLICIT_PARAGRAPHS);
    convert_with(
        &input,
        Options {
            explicit_paragraphs: explicit,
        },
    )
}

/// [`convert`] with [`Options`].
pub fn convert_with(input: &str, options: Options) -> Result<Issue, ConvertError> {
    // Lines end at LF, CRLF or CR alike (line numbers count them so).
    let input = normalize_line_ends(input);
    let lines: Vec<Line> = input
        .lines()
        .enumerate()
        .map(|(i, text)| Line {
            no: i + 1,
            // The directive line is not text of the issue.
            text: match text.trim_start_matches('\u{FEFF}') {
                t if i == 0 && t.trim() == EXPLICIT_PARAGRAPHS => "",
                t => t,
            },
        })
        .collect();
    let (masthead, pos) = masthead(&lines)?;
    let (contents, articles, footer) = body(&lines, pos, options)?;
    let contents = match contents {
        Some(entries) => match_contents(entries, &articles)?,
        None => articles
            .iter()
            .map(|(_, a)| ContentsEntry {
                title: a.title.clone(),
                article: a.id.clone(),
            })
            .collect(),
    };
    Ok(Issue {
        schema_version: SCHEMA_VERSION,
        masthead,
        contents,
        articles: articles.into_iter().map(|(_, a)| a).collect(),
        footer,
    })
}

/// The title and the masthead lines under it, up to the first rule or heading; and where
/// the body starts.
fn masthead(lines: &[Line]) -> Result<(Masthead, usize), ConvertError> {
    let mut pos = 0;
    // Title.
    while pos < lines.len() && (lines[pos].is_blank() || lines[pos].is_rule()) {
        pos += 1;
    }
    let Some(first) = lines.get(pos) else {
        return Err(error(
            1,
            "the file is empty; expected the bulletin title (# 名称)",
        ));
    };
    if first.heading(2).is_some() || first.heading(3).is_some() {
        return Err(error(
            first.no,
            "expected the bulletin title (# 名称) before any article heading",
        ));
    }
    let title = fix(first.heading(1).unwrap_or(first.trimmed()), first.no);
    let title_line = first.no;
    pos += 1;

    // Masthead: every line up to the first rule or heading.
    let mut issue = None;
    let mut cumulative = None;
    let mut organ = None;
    let mut date = None;
    while pos < lines.len() && !lines[pos].is_rule() && !lines[pos].trimmed().starts_with("##") {
        let line = lines[pos];
        pos += 1;
        if line.is_blank() {
            continue;
        }
        let text = plain(line.text);
        // The printed masthead puts organ and date on one line: try the parts too.
        let parts = split_line(&text);
        for part in &parts {
            // The fields' parsers repair the text they keep themselves.
            if let Some(n) = fields::issue_number(part) {
                note(part, line.no);
                issue = Some(n);
            } else if let Some(c) = fields::cumulative_number(part) {
                note(part, line.no);
                cumulative = Some(c);
            } else if let Some(d) = fields::issue_date(part) {
                note(part, line.no);
                date = Some(d);
            } else if fields::is_organ(part) {
                organ = Some(fix(part, line.no));
            } else {
                return Err(error(
                    line.no,
                    format!(
                        "\"{part}\" is not a masthead line; expected the issue number (第 N 期), \
                         the cumulative number ((总第 N 期)), the compiling organ (…编) or the \
                         date (YYYY 年 M 月 D 日)"
                    ),
                ));
            }
        }
    }
    let missing = |what: &str| {
        error(
            title_line,
            format!("the masthead under the title has no {what}"),
        )
    };
    let masthead = Masthead {
        title,
        issue: issue.ok_or_else(|| missing("issue number (第 N 期)"))?,
        cumulative,
        organ: organ.ok_or_else(|| missing("compiling organ (…编)"))?,
        date: date.ok_or_else(|| missing("date (YYYY 年 M 月 D 日)"))?,
    };
    Ok((masthead, pos))
}

/// 要目 entries with their lines, articles with the lines of their headings, and the 报尾.
type Body = (Option<Vec<(usize, String)>>, Vec<(usize, Article)>, Footer);

/// The body, from line index `pos`: 要目, articles, 报尾.
fn body(lines: &[Line], mut pos: usize, options: Options) -> Result<Body, ConvertError> {
    // Body: 要目, articles, 报尾.
    let mut contents: Option<Vec<(usize, String)>> = None;
    let mut articles: Vec<(usize, Article)> = Vec::new();
    let mut footer = Footer::default();
    let mut section = Section::None;
    // The paragraph under construction: lines are joined until a sentence ends.
    let mut pending: Option<Pending> = None;
    // The caption of the table whose rows follow (`Table: …`).
    let mut table_caption: Option<String> = None;
    // Whether the last line was a table row (the next row joins that table).
    let mut in_table = false;

    while pos < lines.len() {
        let line = lines[pos];
        pos += 1;
        let was_in_table = std::mem::take(&mut in_table);
        if line.is_blank() {
            // A paragraph ends at a blank line only when its sentence ends there.
            if let Some(p) = &mut pending {
                if options.explicit_paragraphs || ends_sentence(&p.text) {
                    flush(&mut pending, &mut articles);
                } else {
                    p.blank = true;
                }
            }
            continue;
        }
        if line.is_rule() {
            flush(&mut pending, &mut articles);
            if matches!(section, Section::Article) {
                section = Section::AfterRule;
            }
            continue;
        }
        if let Some(h) = line.heading(2) {
            flush(&mut pending, &mut articles);
            if matches!(section, Section::Footer) {
                return Err(error(
                    line.no,
                    "an article heading after the 报尾; the 报尾 ends the issue",
                ));
            }
            let compact: String = h.chars().filter(|c| !crate::text::is_space(*c)).collect();
            if articles.is_empty() && (compact == "要目" || compact == "本期要目") {
                contents = Some(Vec::new());
                section = Section::Contents;
            } else {
                let id = format!("a-{}", articles.len() + 1);
                articles.push((
                    line.no,
                    Article {
                        id,
                        title: fix(h, line.no),
                        byline: None,
                        blocks: Vec::new(),
                        source: None,
                    },
                ));
                section = Section::Article;
            }
            continue;
        }
        let starts_footer =
            fields::distribution(line.text).is_some() || fields::footer_fields(line.text).is_some();
        if starts_footer && !articles.is_empty() {
            flush(&mut pending, &mut articles);
            section = Section::Footer;
        }
        match section {
            Section::None => {
                return Err(error(
                    line.no,
                    "expected 要目 (## 要目) or an article heading (## 标题) after the masthead",
                ))
            }
            Section::Contents => {
                let t = line.trimmed();
                // List marks, and the ◆ ★ ◎ that printed 要目 put before entries.
                let entry = t
                    .trim_start_matches(|c| "-*·•◆◇★☆●■◎◉".contains(c) || crate::text::is_space(c));
                if let Some(c) = contents.as_mut() {
                    c.push((line.no, fix(entry, line.no)));
                }
            }
            Section::Article => {
                let t = line.trimmed();
                // `Byline: …` right under the title: the author or speaker line.
                if let Some(byline) = t.strip_prefix("Byline:") {
                    if let Some((_, a)) = articles.last_mut() {
                        if a.blocks.is_empty() && pending.is_none() && a.byline.is_none() {
                            a.byline = Some(fix(byline, line.no));
                            continue;
                        }
                    }
                }
                if let Some(caption) = t.strip_prefix("Table:") {
                    flush(&mut pending, &mut articles);
                    table_caption = Some(fix(caption, line.no));
                    continue;
                }
                if t.starts_with('|') {
                    flush(&mut pending, &mut articles);
                    if let Some((_, a)) = articles.last_mut() {
                        table_row(a, line.no, t, was_in_table, table_caption.take());
                    }
                    in_table = true;
                    continue;
                }
                if let Some(text) = t.strip_prefix('\\') {
                    pending.get_or_insert_default().push(line.no, text);
                    continue;
                }
                if let Some(block) = markdown_block(line.trimmed(), line.no) {
                    flush(&mut pending, &mut articles);
                    if let Some((_, a)) = articles.last_mut() {
                        push_block(a, block);
                    }
                    continue;
                }
                pending
                    .get_or_insert_default()
                    .push(line.no, line.trimmed());
            }
            Section::AfterRule => {
                return Err(error(
                    line.no,
                    format!(
                        "\"{}\" after the rule; expected an article heading (## 标题) or a 报尾 \
                         line (送：…, 责任编辑：…, 批准文号：…)",
                        line.trimmed()
                    ),
                ))
            }
            Section::Footer => footer_line(&mut footer, line)?,
        }
    }
    flush(&mut pending, &mut articles);

    if articles.is_empty() {
        return Err(error(
            lines.len().max(1),
            "no article found; expected at least one article heading (## 标题)",
        ));
    }
    for (no, a) in &mut articles {
        // A last paragraph standing in brackets is the source note: （摘编自湖南日报）.
        if let Some(Block::Paragraph { text }) = a.blocks.last() {
            if is_bracketed(text) && a.blocks.len() > 1 {
                let inner: String = text
                    .chars()
                    .skip(1)
                    .take(text.chars().count() - 2)
                    .collect();
                a.source = Some(inner);
                a.blocks.pop();
            }
        }
        if a.blocks.is_empty() {
            return Err(error(
                *no,
                format!("the article \"{}\" has no text under its heading", a.title),
            ));
        }
    }

    Ok((contents, articles, footer))
}

/// Each 要目 entry with the id of the article it names.
fn match_contents(
    entries: Vec<(usize, String)>,
    articles: &[(usize, Article)],
) -> Result<Vec<ContentsEntry>, ConvertError> {
    entries
        .into_iter()
        .map(|(no, title)| {
            let id = find_article(&title, articles).ok_or_else(|| {
                error(
                    no,
                    format!("the 要目 entry \"{title}\" names no article of this issue"),
                )
            })?;
            Ok(ContentsEntry { title, article: id })
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Section {
    None,
    Contents,
    Article,
    /// After a rule that ended an article: another article or the 报尾 follows.
    AfterRule,
    Footer,
}

/// A paragraph under construction: its lines, each after a space, and where each starts.
#[derive(Default)]
struct Pending {
    text: String,
    /// Chars in `text`.
    chars: usize,
    pieces: Vec<Piece>,
    /// A blank line came after the last line (inside a sentence: the next line joins over it).
    blank: bool,
}

impl Pending {
    fn push(&mut self, line: usize, text: &str) {
        let join = if std::mem::take(&mut self.blank) {
            Join::Blank
        } else {
            Join::Line
        };
        self.pieces.push(Piece {
            at: self.chars,
            line,
            join,
        });
        self.text.push(' ');
        self.text.push_str(text);
        self.chars += 1 + text.chars().count();
    }
}

/// Ends the paragraph under construction and adds it to the last article.
fn flush(pending: &mut Option<Pending>, articles: &mut [(usize, Article)]) {
    if let Some(p) = pending.take() {
        if let Some((_, a)) = articles.last_mut() {
            let text = repair_at(&p.text, &p.pieces);
            a.blocks.push(Block::Paragraph { text });
        }
    }
}

/// Adds a block, merging consecutive list items into one list.
fn push_block(article: &mut Article, block: Block) {
    if let (
        Some(Block::List { items, ordered }),
        Block::List {
            items: new,
            ordered: o,
        },
    ) = (article.blocks.last_mut(), &block)
    {
        if ordered == o {
            items.extend(new.iter().cloned());
            return;
        }
    }
    article.blocks.push(block);
}

/// Adds a `| a | b |` row to the table the article ends with (`continues`: the previous line
/// was a row of it), or starts a table. A `| --- |` row after the first marks a header.
fn table_row(
    article: &mut Article,
    no: usize,
    line: &str,
    continues: bool,
    caption: Option<String>,
) {
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    // Cells split at `|` but not at `\|`.
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(fix(&std::mem::take(&mut cell), no)),
            _ => cell.push(c),
        }
    }
    cells.push(fix(&cell, no));
    let separator = cells.iter().all(|c| {
        let c = c.trim_matches(':');
        !c.is_empty() && c.chars().all(|ch| ch == '-')
    });
    if continues {
        if let Some(Block::Table { rows, header, .. }) = article.blocks.last_mut() {
            if separator && rows.len() == 1 {
                *header = true;
            } else if !separator {
                rows.push(cells);
            }
            return;
        }
    }
    if !separator {
        article.blocks.push(Block::Table {
            header: false,
            rows: vec![cells],
            caption,
        });
    }
}

/// The Markdown blocks the form allows inside an article besides paragraphs (`t` of line
/// `no`).
fn markdown_block(t: &str, no: usize) -> Option<Block> {
    let fix = |text: &str| fix(text, no);
    if let Some(h) = t.strip_prefix("### ") {
        return Some(Block::Heading { text: fix(h) });
    }
    if let Some(q) = t.strip_prefix("> ") {
        return Some(Block::Quote { text: fix(q) });
    }
    if let Some(item) = t.strip_prefix("- ") {
        return Some(Block::List {
            ordered: false,
            items: vec![fix(item)],
        });
    }
    let alt_src = t
        .strip_prefix("![")
        .and_then(|s| s.strip_suffix(')'))
        .and_then(|s| s.split_once("]("));
    alt_src.map(|(alt, src)| {
        // ![alt](src "caption")
        let (src, caption) = match src.trim().split_once(" \"") {
            Some((src, caption)) => (src, caption.strip_suffix('"').map(fix)),
            None => (src.trim(), None),
        };
        Block::Image {
            src: src.trim().to_string(),
            alt: fix(alt),
            caption: caption.filter(|c| !c.is_empty()),
        }
    })
}

/// Reads one line of the 报尾 into the footer.
fn footer_line(footer: &mut Footer, line: Line) -> Result<(), ConvertError> {
    if let Some((label, text)) = fields::distribution_parts(line.text) {
        let text = fix(&text, line.no);
        footer.distribution.push(Distribution { label, text });
        return Ok(());
    }
    if let Some(fields) = fields::footer_fields(line.text) {
        for (label, value) in fields {
            match label {
                "责任编辑" | "编辑" => footer.editor = Some(fix(&value, line.no)),
                "批准文号" | "准印证号" => footer.approval = Some(fix(&value, line.no)),
                _ => {
                    let contact = footer.contact.get_or_insert_with(Contact::default);
                    let (phone, email) = fields::phone_and_email(&value);
                    if phone.is_none() && email.is_none() {
                        return Err(error(
                            line.no,
                            format!(
                                "{label}: \"{value}\" holds no telephone number or e-mail address"
                            ),
                        ));
                    }
                    contact.phone = phone.or(contact.phone.take());
                    contact.email = email.or(contact.email.take());
                }
            }
        }
        return Ok(());
    }
    // A distribution list that extraction broke over two lines continues the last one.
    if let Some(last) = footer.distribution.last_mut() {
        if !ends_sentence(&last.text) {
            // The text before was repaired and logged already (its line is not kept).
            let joined = format!("{} {}", last.text, line.trimmed());
            let pieces = [
                Piece::line(line.no)[0],
                Piece {
                    at: last.text.chars().count(),
                    line: line.no,
                    join: Join::Line,
                },
            ];
            last.text = repair_at(&joined, &pieces);
            return Ok(());
        }
    }
    Err(error(
        line.no,
        format!(
            "\"{}\" in the 报尾; expected a distribution line (送：…), 责任编辑：…, 联系方式：… or 批准文号：…",
            line.trimmed()
        ),
    ))
}

/// Text compared without spaces or punctuation width, for matching 要目 to headings.
fn match_key(s: &str) -> String {
    repair(s)
        .chars()
        .filter(|c| !crate::text::is_space(*c))
        .collect()
}

/// The id of the article a 要目 entry names: the same title ignoring spacing; else the one
/// article whose title holds the entry's characters in order, all but a few (a 要目 often
/// shortens a title: 湘潭市委书记胡贺波的发言 for 湘潭市委书记胡贺波在…推进会上的发言).
fn find_article(entry: &str, articles: &[(usize, Article)]) -> Option<String> {
    let key: Vec<char> = match_key(entry).chars().collect();
    if key.is_empty() {
        return None;
    }
    let titles: Vec<Vec<char>> = articles
        .iter()
        .map(|(_, a)| match_key(&a.title).chars().collect())
        .collect();
    if let Some(i) = titles.iter().position(|t| *t == key) {
        return Some(articles[i].1.id.clone());
    }
    // Share of the entry's characters found in order in the title.
    let score = |t: &Vec<char>| common_subsequence(&key, t) * 100 / key.len();
    let scores: Vec<usize> = titles.iter().map(score).collect();
    let best = *scores.iter().max()?;
    let mut at_best = scores.iter().enumerate().filter(|(_, s)| **s == best);
    match (at_best.next(), at_best.next()) {
        (Some((i, _)), None) if best >= 85 => Some(articles[i].1.id.clone()),
        _ => None,
    }
}

/// Length of the longest common subsequence of two texts.
fn common_subsequence(a: &[char], b: &[char]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for &ca in a {
        let mut diagonal = 0;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}
