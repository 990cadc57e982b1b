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
//! The masthead's fields may stand in any order, several to a line and in any brackets
//! (`2025年第5期（总第133期）`, `特刊〔2025〕第3号`, organ ⇥ date); rules may be drawn with any
//! rule character (━━━, ＊＊＊); the 报尾 takes every line offices print (报/送/发/抄送…,
//! 审核/签发, （共印80份）, the 印发 line) and keeps any other as a note. What cannot be found
//! leaves a draft with [`Gap`]s, never a refusal; only a text that is no bulletin at all is
//! refused ([`Refusal`]).
//!
//! The same converter reads Word and PDF files: `crate::import` turns them into this form,
//! with [`Options::explicit_paragraphs`] because those formats know where paragraphs end; a
//! text that starts with the line [`EXPLICIT_PARAGRAPHS`] (as `bulletin convert --text`
//! writes it) is read that way too.

pub mod fields;
mod repair;

pub use repair::{ends_sentence, is_bracketed, repair};

use repair::{note, repair_at, Join, Piece};

use crate::model::{
    Article, Block, Contact, ContentsEntry, Distribution, Footer, Issue, Masthead, SCHEMA_VERSION,
};
use crate::ui::UiLang;
use fields::plain;
use std::fmt;

/// Input that is no bulletin at all: where, and why. Anything less — a part missing or
/// unreadable — gives a draft with [`Gap`]s instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConvertError {
    /// Line of the input (1-based).
    pub line: usize,
    /// Why it is refused.
    pub kind: Refusal,
}

/// Why a text is no bulletin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing but blank lines.
    Empty,
    /// No title line and no masthead field (issue number, date, organ) before the text.
    NoMasthead,
    /// No article: no heading and no text under the masthead.
    NoArticle,
    /// A title over text, with no masthead field and no article heading: a notice or a
    /// letter.
    NotABulletin,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Empty => "the file is empty; expected the bulletin title (# 名称)",
            Refusal::NoMasthead => {
                "not a bulletin: no masthead (the bulletin's name with its issue number, date \
                 or compiling organ) before the text"
            }
            Refusal::NoArticle => {
                "not a bulletin: no article found; expected at least one article heading (## 标题)"
            }
            Refusal::NotABulletin => {
                "not a bulletin: no masthead (issue number, date or compiling organ under the \
                 title) and no article heading; a notice or a letter is not converted"
            }
        })
    }
}

impl Refusal {
    /// What is wrong, in the interface language.
    pub fn text(&self, lang: UiLang) -> String {
        match lang {
            UiLang::En => self.to_string(),
            UiLang::ZhCn => match self {
                Refusal::Empty => "文件是空的；应以简报名称开头（# 名称）",
                Refusal::NoMasthead => {
                    "不是简报：正文前没有报头（简报名称及期号、日期或编印单位）"
                }
                Refusal::NoArticle => "不是简报：没有找到文章；至少应有一个文章标题（## 标题）",
                Refusal::NotABulletin => {
                    "不是简报：标题下没有报头（期号、日期或编印单位），也没有文章标题；通知、信函等不转换"
                }
            }
            .to_string(),
        }
    }
}

impl fmt::Display for ConvertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

impl std::error::Error for ConvertError {}

fn refuse(line: usize, kind: Refusal) -> ConvertError {
    ConvertError { line, kind }
}

/// A part of the issue the converter could not find or read: the issue is still made, as a
/// draft with that part empty (or left out, as said), for the editor to fill in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// Line of the input (1-based) where the part is, or should be.
    pub line: usize,
    /// The JSON path of the part in the draft (`masthead.issue`, `articles[1].blocks`).
    pub path: String,
    /// What is missing or could not be read.
    pub kind: GapKind,
}

/// The kinds of [`Gap`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GapKind {
    /// The masthead has no title line (the bulletin's name).
    NoTitle,
    /// The masthead has no issue number (第N期, 第N号, 增刊…).
    NoIssueNumber,
    /// The masthead has no date.
    NoDate,
    /// The masthead has no compiling organ.
    NoOrgan,
    /// A masthead line that is none of its fields (left out; quoted here so it is not lost).
    UnreadMastheadLine(String),
    /// Text under the masthead before any article heading: an article without a title.
    NoArticleTitle,
    /// An article heading with no text under it.
    EmptyArticle(String),
    /// A 要目 entry that names no article of the issue.
    UnmatchedContents(String),
    /// An article heading after the 报尾 (the 报尾 usually ends the issue).
    ArticleAfterFooter(String),
    /// A 联系方式 line with no telephone number or e-mail address (kept with the 报尾's
    /// other lines).
    UnreadContact(String),
}

impl fmt::Display for GapKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use GapKind as G;
        match self {
            G::NoTitle => {
                f.write_str("the masthead has no title (the bulletin's name); fill it in")
            }
            G::NoIssueNumber => {
                f.write_str("the masthead has no issue number (第 N 期); fill it in")
            }
            G::NoDate => f.write_str("the masthead has no date (YYYY 年 M 月 D 日); fill it in"),
            G::NoOrgan => f.write_str("the masthead has no compiling organ (…编); fill it in"),
            G::UnreadMastheadLine(t) => write!(
                f,
                "\"{t}\" in the masthead is none of its fields (issue number, cumulative \
                 number, organ, date); it is left out"
            ),
            G::NoArticleTitle => f.write_str(
                "text before the first article heading: the article has no title; fill it in",
            ),
            G::EmptyArticle(t) => write!(f, "the article \"{t}\" has no text under its heading"),
            G::UnmatchedContents(t) => {
                write!(f, "the 要目 entry \"{t}\" names no article of this issue")
            }
            G::ArticleAfterFooter(t) => write!(
                f,
                "the article \"{t}\" comes after the 报尾, which usually ends the issue"
            ),
            G::UnreadContact(t) => write!(
                f,
                "\"{t}\" holds no telephone number or e-mail address; kept as a line of the 报尾"
            ),
        }
    }
}

impl GapKind {
    /// What is missing, in the interface language.
    pub fn text(&self, lang: UiLang) -> String {
        use GapKind as G;
        match lang {
            UiLang::En => self.to_string(),
            UiLang::ZhCn => match self {
                G::NoTitle => "报头没有简报名称，请补上".to_string(),
                G::NoIssueNumber => "报头没有期号（第 N 期），请补上".to_string(),
                G::NoDate => "报头没有日期（YYYY 年 M 月 D 日），请补上".to_string(),
                G::NoOrgan => "报头没有编印单位（……编），请补上".to_string(),
                G::UnreadMastheadLine(t) => {
                    format!("报头中的“{t}”不是期号、总期号、编印单位或日期，未收入")
                }
                G::NoArticleTitle => {
                    "第一个文章标题之前有正文：这篇文章没有标题，请补上".to_string()
                }
                G::EmptyArticle(t) => format!("文章“{t}”的标题下没有正文"),
                G::UnmatchedContents(t) => format!("要目“{t}”找不到对应的文章"),
                G::ArticleAfterFooter(t) => format!("文章“{t}”在报尾之后（报尾通常在最后）"),
                G::UnreadContact(t) => {
                    format!("“{t}”中没有电话号码或电子邮件地址，已作为报尾的其他行保留")
                }
            },
        }
    }
}

/// What a gap quotes of a line: at most 60 characters, so that a message stays short
/// whatever the line holds.
fn quoted(text: &str) -> String {
    crate::text::excerpt(text, 60)
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.kind)
    }
}

/// An issue converted: complete when `gaps` is empty, else a draft with those parts to fill
/// in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Converted {
    /// The issue (a draft while `gaps` is not empty).
    pub issue: Issue,
    /// What the converter could not find or read, in input order.
    pub gaps: Vec<Gap>,
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
pub fn convert_logged(input: &str) -> (Result<Converted, ConvertError>, Vec<Repair>) {
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
        is_rule(self.trimmed())
    }
    /// The text of a heading of exactly `level` `#`s.
    fn heading(&self, level: usize) -> Option<&str> {
        let t = self.trimmed();
        let rest = t.strip_prefix(&"#".repeat(level)[..])?;
        (!rest.starts_with('#')).then(|| rest.trim_matches(crate::text::is_space))
    }
}

/// A line drawn as a rule: three or more of the characters offices draw rules with — `-`,
/// `*`, `_`, `=`, `~`, box drawing (━ ─ ═ ┅…), dashes (— ―), stars and other ornaments
/// (＊ ★ ※ ◆ ● ■ …) — and nothing else but spaces.
pub fn is_rule(text: &str) -> bool {
    let mut count = 0;
    for c in text.chars() {
        if crate::text::is_space(c) {
            continue;
        }
        let drawn = matches!(c, '\u{2500}'..='\u{257F}' | '\u{2010}'..='\u{2015}')
            || "-*_=~＊＝－～＿﹏﹋·•●○◆◇★☆■□▲△▼▽※◎◉✦✧❖♦".contains(c);
        if !drawn {
            return false;
        }
        count += 1;
    }
    count >= 3
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

/// Converts the text of one issue: the issue, complete or a draft with the parts it could
/// not find ([`Converted::gaps`]). Refuses only a text that is no bulletin at all.
pub fn convert(input: &str) -> Result<Converted, ConvertError> {
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
pub fn convert_with(input: &str, options: Options) -> Result<Converted, ConvertError> {
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
    let mut gaps = Vec::new();
    let (masthead, pos) = masthead(&lines, &mut gaps)?;
    let (contents, articles, footer) = body(&lines, pos, options, &mut gaps)?;
    // A title over untitled text, with no masthead field: a notice or a letter, not a
    // bulletin with parts missing.
    let no_field = masthead.issue.label.is_empty()
        && masthead.organ.is_empty()
        && masthead.date.iso.is_empty();
    if no_field && articles.iter().all(|(_, a)| a.title.is_empty()) {
        return Err(refuse(
            lines.iter().find(|l| !l.is_blank()).map_or(1, |l| l.no),
            Refusal::NotABulletin,
        ));
    }
    let contents = match contents {
        Some(entries) => match_contents(entries, &articles, &mut gaps),
        None => articles
            .iter()
            .filter(|(_, a)| !a.title.is_empty())
            .map(|(_, a)| ContentsEntry {
                title: a.title.clone(),
                article: a.id.clone(),
            })
            .collect(),
    };
    gaps.sort_by_key(|g| g.line);
    Ok(Converted {
        issue: Issue {
            schema_version: SCHEMA_VERSION,
            masthead,
            contents,
            articles: articles.into_iter().map(|(_, a)| a).collect(),
            footer,
        },
        gaps,
    })
}

/// Whether a line under the masthead reads as body text rather than a masthead line: a
/// sentence (its punctuation) or longer than a masthead line is.
fn reads_as_text(text: &str) -> bool {
    text.chars().count() > 40 || text.chars().any(|c| "。；！？!?".contains(c))
}

/// Whether a line names the 要目: 要目, 本期要目, 目录, 本期目录 (spaced out or not).
fn is_contents_heading(text: &str) -> bool {
    let compact: String = text
        .chars()
        .filter(|c| !crate::text::is_space(*c) && !"#【】[]〔〕：:".contains(*c))
        .collect();
    matches!(
        compact.as_str(),
        "要目" | "本期要目" | "目录" | "本期目录" | "本期导读" | "目次"
    )
}

/// The title and the masthead lines under it, up to the first rule or heading (or the first
/// line that reads as body text); and where the body starts. A field not found is left empty
/// and said in `gaps`.
fn masthead(lines: &[Line], gaps: &mut Vec<Gap>) -> Result<(Masthead, usize), ConvertError> {
    let mut pos = 0;
    while pos < lines.len() && (lines[pos].is_blank() || lines[pos].is_rule()) {
        pos += 1;
    }
    let Some(first) = lines.get(pos) else {
        return Err(refuse(1, Refusal::Empty));
    };
    let first_no = first.no;
    // The title: a `# ` line, or the first line unless that is itself a masthead field (the
    // title line missing) or an article heading.
    let title = if let Some(t) = first.heading(1) {
        pos += 1;
        Some(fix(t, first.no))
    } else if first.heading(2).is_some() || first.heading(3).is_some() {
        None
    } else {
        let m = fields::masthead_line(first.text);
        let organ_like = m.rest.len() == 1 && fields::is_organ(&m.rest[0]);
        if m.has_field() || organ_like || is_contents_heading(first.text) {
            None
        } else {
            pos += 1;
            Some(fix(first.trimmed(), first.no))
        }
    };

    let mut issue = None;
    let mut cumulative = None;
    let mut organ: Option<String> = None;
    let mut date = None;
    // The line the organ was read from: a line right under it with nothing else continues
    // it (an organ's table cell wrapped onto two lines).
    let mut organ_line = 0;
    let mut last_line = 0;
    // The masthead ends at the first rule or heading — unless what follows is still a
    // masthead line (a red rule under the title, an issue line set centred like a title).
    let masthead_only = |text: &str| {
        let m = fields::masthead_line(text);
        m.has_field()
            && m.rest
                .iter()
                .all(|r| !reads_as_text(r) && r.chars().count() <= 30)
    };
    while pos < lines.len() {
        let line = lines[pos];
        if line.is_blank() {
            pos += 1;
            continue;
        }
        if is_contents_heading(line.text) {
            break;
        }
        let text = if line.is_rule() {
            // Under the rule: a masthead line, or a short line (an organ wrapped onto two
            // lines) and then one.
            let mut next = lines[pos..]
                .iter()
                .filter(|l| !l.is_blank() && !l.is_rule())
                .map(|l| l.heading(2).or_else(|| l.heading(3)).unwrap_or(l.trimmed()));
            let first = next.next();
            let goes_on = first.is_some_and(masthead_only)
                || (first.is_some_and(|t| {
                    !t.starts_with('#')
                        && !is_contents_heading(t)
                        && !reads_as_text(t)
                        && t.chars().count() <= 30
                }) && next.next().is_some_and(masthead_only));
            if goes_on {
                pos += 1;
                continue;
            }
            break;
        } else if let Some(h) = line.heading(2).or_else(|| line.heading(3)) {
            if !masthead_only(h) {
                break;
            }
            h
        } else if let Some(b) = line.trimmed().strip_prefix("Byline:") {
            // A line set under a centred masthead line as if it were a byline.
            b
        } else {
            line.text
        };
        let m = fields::masthead_line(text);
        if !m.has_field() && m.rest.iter().any(|r| reads_as_text(r)) {
            break;
        }
        pos += 1;
        // The fields' parsers repair the text they keep themselves: logged as written.
        for written in &m.written {
            note(written, line.no);
        }
        if let Some(n) = m.issue {
            issue.get_or_insert(n);
        }
        if let Some(c) = m.cumulative {
            cumulative.get_or_insert(c);
        }
        if let Some(d) = m.date {
            date.get_or_insert(d);
        }
        for part in m.rest {
            match &mut organ {
                None => {
                    organ = Some(fix(&part, line.no));
                    organ_line = line.no;
                }
                Some(o) if organ_line == last_line && !is_organ_complete(o) => {
                    o.push_str(&fix(&part, line.no));
                    organ_line = line.no;
                }
                Some(_) => gaps.push(Gap {
                    line: line.no,
                    path: "masthead".into(),
                    kind: GapKind::UnreadMastheadLine(quoted(&part)),
                }),
            }
        }
        last_line = line.no;
    }
    if title.is_none() && issue.is_none() && date.is_none() && organ.is_none() {
        return Err(refuse(first_no, Refusal::NoMasthead));
    }
    let mut gap = |path: &str, kind: GapKind| {
        gaps.push(Gap {
            line: first_no,
            path: path.into(),
            kind,
        })
    };
    if title.is_none() {
        gap("masthead.title", GapKind::NoTitle);
    }
    if issue.is_none() {
        gap("masthead.issue", GapKind::NoIssueNumber);
    }
    if organ.is_none() {
        gap("masthead.organ", GapKind::NoOrgan);
    }
    if date.is_none() {
        gap("masthead.date", GapKind::NoDate);
    }
    let masthead = Masthead {
        title: title.unwrap_or_default(),
        issue: issue.unwrap_or(crate::model::IssueNumber {
            label: String::new(),
            number: None,
            special: None,
        }),
        cumulative,
        organ: organ.unwrap_or_default(),
        date: date.unwrap_or(crate::model::IssueDate {
            iso: String::new(),
            display: String::new(),
        }),
    };
    Ok((masthead, pos))
}

/// Whether an organ's line ends as an organ's name ends (…编, …主办), so that the next line
/// does not continue it.
fn is_organ_complete(organ: &str) -> bool {
    ["编", "编印", "主办", "印发", "编发", "承办"]
        .iter()
        .any(|s| organ.ends_with(s))
}

/// 要目 entries with their lines, articles with the lines of their headings, and the 报尾.
type Body = (Option<Vec<(usize, String)>>, Vec<(usize, Article)>, Footer);

/// Whether a line starts the 报尾: a distribution line (送：…), a labelled field (责任编辑：,
/// 审核：, 签发：…), the print run (（共印80份）) or the 印发 line.
pub fn starts_footer(text: &str) -> bool {
    fields::distribution(text).is_some()
        || fields::footer_fields(text).is_some()
        || fields::print_run(text).is_some_and(|(_, rest)| rest.chars().count() <= 40)
        || fields::issued_line(text).is_some()
}

/// An 编者按 (editor's note) paragraph: 编者按：…, 编者的话：…, 按：….
fn is_editors_note(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| crate::text::is_space(c) || "【[〔（(".contains(c));
    ["编者按", "编者的话", "编辑部按", "按语"]
        .iter()
        .any(|p| t.starts_with(p))
}

/// A new article headed `title` (empty: none found) at line `no`.
fn new_article(articles: &mut Vec<(usize, Article)>, no: usize, title: String) {
    let id = format!("a-{}", articles.len() + 1);
    articles.push((
        no,
        Article {
            id,
            title,
            byline: None,
            blocks: Vec::new(),
            source: None,
        },
    ));
}

/// The body, from line index `pos`: 要目, articles, 报尾.
fn body(
    lines: &[Line],
    mut pos: usize,
    options: Options,
    gaps: &mut Vec<Gap>,
) -> Result<Body, ConvertError> {
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
    // An 编者按 before the article it introduces (kept for that article).
    let mut preface: Vec<Block> = Vec::new();

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
            continue;
        }
        let heading = line.heading(2).map(str::to_string).or_else(|| {
            (!matches!(section, Section::Article)
                && articles.is_empty()
                && is_contents_heading(line.text))
            .then(|| line.trimmed().to_string())
        });
        if let Some(h) = heading {
            flush(&mut pending, &mut articles);
            if articles.is_empty() && contents.is_none() && is_contents_heading(&h) {
                contents = Some(Vec::new());
                section = Section::Contents;
            } else {
                let title = fix(&h, line.no);
                if matches!(section, Section::Footer) {
                    gaps.push(Gap {
                        line: line.no,
                        path: format!("articles[{}]", articles.len()),
                        kind: GapKind::ArticleAfterFooter(quoted(&title)),
                    });
                }
                new_article(&mut articles, line.no, title);
                if let Some((_, a)) = articles.last_mut() {
                    a.blocks.append(&mut preface);
                }
                section = Section::Article;
            }
            continue;
        }
        if starts_footer(line.text) && !articles.is_empty() {
            flush(&mut pending, &mut articles);
            section = Section::Footer;
        }
        match section {
            Section::None => {
                if is_editors_note(line.text) && articles.is_empty() {
                    // An editor's note before the first article: that article's opening quote.
                    preface.push(Block::Quote {
                        text: fix(line.trimmed().trim_start_matches("> "), line.no),
                    });
                    continue;
                }
                // Text under the masthead before any heading: an article without a title.
                gaps.push(Gap {
                    line: line.no,
                    path: format!("articles[{}].title", articles.len()),
                    kind: GapKind::NoArticleTitle,
                });
                new_article(&mut articles, line.no, String::new());
                if let Some((_, a)) = articles.last_mut() {
                    a.blocks.append(&mut preface);
                }
                section = Section::Article;
                pos -= 1;
            }
            Section::Contents => {
                // A 要目 set as a table (number | title | page): its cells are the entry.
                let t = line.trimmed();
                let entry = if t.starts_with('|') {
                    let cells: Vec<&str> = t
                        .trim_matches('|')
                        .split('|')
                        .map(|c| c.trim_matches(crate::text::is_space))
                        .filter(|c| !c.is_empty() && !c.chars().all(|ch| ch == '-' || ch == ':'))
                        .collect();
                    cells.join("")
                } else {
                    t.to_string()
                };
                if !entry.is_empty() {
                    if let Some(c) = contents.as_mut() {
                        c.push((line.no, fix(&contents_entry(&entry), line.no)));
                    }
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
                // `1. 项`: an ordered list, its items numbered from 1 on; a number out of
                // turn starts a paragraph of its own, the number written as typed.
                if let Some((n, item)) = ordered_item(line.trimmed()) {
                    let next = match articles.last().and_then(|(_, a)| a.blocks.last()) {
                        Some(Block::List {
                            ordered: true,
                            items,
                        }) if pending.is_none() => items.len() + 1,
                        _ => 1,
                    };
                    flush(&mut pending, &mut articles);
                    if n == next {
                        if let Some((_, a)) = articles.last_mut() {
                            push_block(
                                a,
                                Block::List {
                                    ordered: true,
                                    items: vec![fix(item, line.no)],
                                },
                            );
                        }
                        continue;
                    }
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
            Section::Footer => footer_line(&mut footer, line, gaps),
        }
    }
    flush(&mut pending, &mut articles);

    if articles.is_empty() {
        return Err(refuse(lines.len().max(1), Refusal::NoArticle));
    }
    for (i, (no, a)) in articles.iter_mut().enumerate() {
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
        // An 编者按 opening the article, set as a paragraph: the quote it is.
        if let Some(Block::Paragraph { text }) = a.blocks.first() {
            if is_editors_note(text) && a.blocks.len() > 1 {
                let text = text.clone();
                a.blocks[0] = Block::Quote { text };
            }
        }
        if a.blocks.is_empty() {
            gaps.push(Gap {
                line: *no,
                path: format!("articles[{i}].blocks"),
                kind: GapKind::EmptyArticle(quoted(&a.title)),
            });
        }
    }

    Ok((contents, articles, footer))
}

/// A 要目 entry as printed, without its list mark or number (◆, 1., 一、, （一）, ①) and
/// without the page number a printed 要目 sets after dot leaders (……3).
fn contents_entry(line: &str) -> String {
    let is_space = crate::text::is_space;
    let mut t = line.trim_start_matches(|c| "#-*·•◆◇★☆●■□◎◉▶►>".contains(c) || is_space(c));
    // 1. 1、 1) (1) （1） 一、 （一） ① 第一篇
    let numbered = |t: &str| -> Option<usize> {
        let chars: Vec<char> = t.chars().collect();
        let mut k = 0;
        let open = matches!(chars.first(), Some('(' | '（' | '〔' | '['));
        if open {
            k += 1;
        }
        let start = k;
        while k < chars.len()
            && (chars[k].is_ascii_digit() || "〇一二三四五六七八九十".contains(chars[k]))
        {
            k += 1;
        }
        if k == start {
            return ('\u{2460}'..='\u{2473}')
                .contains(chars.first()?)
                .then_some(chars[0].len_utf8());
        }
        let close = chars.get(k)?;
        let ok = if open {
            ")）〕]".contains(*close)
        } else {
            ".、．)）:：".contains(*close)
        };
        ok.then(|| chars[..=k].iter().map(|c| c.len_utf8()).sum())
    };
    if let Some(n) = numbered(t) {
        t = &t[n..];
    }
    let t = t.trim_matches(is_space);
    // Dot leaders and a page number at the end.
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit() || is_space(c));
    let leaders = body.trim_end_matches(['…', '.', '·', '．', '-', '—']);
    if leaders.len() < body.len() && body.len() < t.len() {
        return leaders.trim_matches(is_space).to_string();
    }
    t.to_string()
}

/// Each 要目 entry with the id of the article it names. An entry wrapped onto two lines is
/// joined when the two together name an article and neither does alone. An entry naming
/// no article keeps an empty id (a [`Gap`]).
fn match_contents(
    entries: Vec<(usize, String)>,
    articles: &[(usize, Article)],
    gaps: &mut Vec<Gap>,
) -> Vec<ContentsEntry> {
    let mut out: Vec<ContentsEntry> = Vec::new();
    let mut lines = Vec::new();
    let mut i = 0;
    while i < entries.len() {
        let (no, title) = &entries[i];
        let mut found = find_article(title, articles);
        let mut title = title.clone();
        // An entry wrapped onto the next line: the two together name an article that
        // neither names alone, or the one both would name.
        if let Some((_, next)) = entries.get(i + 1) {
            let next_found = find_article(next, articles);
            if found.is_none() || next_found == found {
                let joined = format!("{title}{next}");
                if let Some(id) = find_article(&joined, articles) {
                    if (found.is_none() && next_found.is_none()) || found.as_ref() == Some(&id) {
                        found = Some(id);
                        title = joined;
                        i += 1;
                    }
                }
            }
        }
        // A list mark read as a character (OCR reads ◆ as 令, ● as 急): the entry is one
        // character more than the title of the article it names, at its start (the rest
        // the title but for a misreading or two, as OCR may read the two).
        let named = found
            .as_ref()
            .and_then(|id| articles.iter().find(|(_, a)| &a.id == id));
        if let Some((_, a)) = named {
            let mut chars = title.chars();
            let first = chars.next().filter(|c| !c.is_ascii_alphanumeric());
            let rest = chars.as_str().trim_start_matches(crate::text::is_space);
            let (rest_key, title_key): (Vec<char>, Vec<char>) = (
                match_key(rest).chars().collect(),
                match_key(&a.title).chars().collect(),
            );
            // The rest the title, character for character but for a misreading or two.
            let same = rest_key
                .iter()
                .zip(&title_key)
                .filter(|(a, b)| a == b)
                .count();
            if first.is_some()
                && !rest_key.is_empty()
                && rest_key.len() == title_key.len()
                && same * 100 >= rest_key.len() * 85
            {
                title = rest.to_string();
            }
        }
        i += 1;
        lines.push(*no);
        out.push(ContentsEntry {
            title,
            article: found.unwrap_or_default(),
        });
    }
    for (k, (entry, no)) in out.iter().zip(lines).enumerate() {
        if entry.article.is_empty() {
            gaps.push(Gap {
                line: no,
                path: format!("contents[{k}].article"),
                kind: GapKind::UnmatchedContents(quoted(&entry.title)),
            });
        }
    }
    out
}

#[derive(Clone, Copy)]
enum Section {
    None,
    Contents,
    Article,
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

/// `1. 项` (or `1．`): the item's number and text.
fn ordered_item(t: &str) -> Option<(usize, &str)> {
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = t[digits..]
        .strip_prefix('.')
        .or_else(|| t[digits..].strip_prefix('．'))?;
    let item = rest.strip_prefix(' ')?.trim_matches(crate::text::is_space);
    (!item.is_empty()).then(|| Some((t[..digits].parse().ok()?, item)))?
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

/// Reads one line of the 报尾 into the footer. A line no field is for is kept as a note.
fn footer_line(footer: &mut Footer, line: Line, gaps: &mut Vec<Gap>) {
    if let Some((label, text)) = fields::distribution_parts(line.text) {
        let text = fix(&text, line.no);
        footer.distribution.push(Distribution { label, text });
        return;
    }
    // （共印80份）, alone or beside the 印发 line.
    let mut text = plain(line.text);
    if let Some((copies, rest)) = fields::print_run(&text) {
        footer.copies = Some(copies);
        if rest.is_empty() {
            return;
        }
        text = rest;
    }
    if let Some(issued) = fields::issued_line(&text) {
        note(&text, line.no);
        footer.issued = Some(issued);
        return;
    }
    if let Some(found) = fields::footer_fields(&text) {
        for (label, value) in found {
            let value_fixed = || fix(&value, line.no);
            match label {
                "责任编辑" | "本期编辑" | "编辑" => footer.editor = Some(value_fixed()),
                "审核" | "审稿" | "审定" => footer.reviewer = Some(value_fixed()),
                "签发" | "签批" => footer.signer = Some(value_fixed()),
                "批准文号" | "准印证号" => footer.approval = Some(value_fixed()),
                "主编" | "校对" => footer.notes.push(format!("{label}：{}", value_fixed())),
                _ => {
                    let (phone, email) = fields::phone_and_email(&value);
                    if phone.is_none() && email.is_none() {
                        let note = format!("{label}：{}", value_fixed());
                        gaps.push(Gap {
                            line: line.no,
                            path: format!("footer.notes[{}]", footer.notes.len()),
                            kind: GapKind::UnreadContact(quoted(&note)),
                        });
                        footer.notes.push(note);
                        continue;
                    }
                    let contact = footer.contact.get_or_insert_with(Contact::default);
                    contact.phone = phone.or(contact.phone.take());
                    contact.email = email.or(contact.email.take());
                }
            }
        }
        return;
    }
    // A distribution list that extraction broke over two lines continues the last one.
    if let Some(last) = footer.distribution.last_mut() {
        if !ends_sentence(&last.text) && footer.notes.is_empty() {
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
            return;
        }
    }
    footer.notes.push(fix(&text, line.no));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{english_sentence, is_han};

    /// Every refusal and every kind of gap, once (the `match` fails to compile when a kind
    /// is added and not listed here).
    fn every_kind() -> (Vec<Refusal>, Vec<GapKind>) {
        let gaps = vec![
            GapKind::NoTitle,
            GapKind::NoIssueNumber,
            GapKind::NoDate,
            GapKind::NoOrgan,
            GapKind::UnreadMastheadLine("内部资料".into()),
            GapKind::NoArticleTitle,
            GapKind::EmptyArticle("标题".into()),
            GapKind::UnmatchedContents("标题".into()),
            GapKind::ArticleAfterFooter("标题".into()),
            GapKind::UnreadContact("联系方式：见官网".into()),
        ];
        for g in &gaps {
            match g {
                GapKind::NoTitle
                | GapKind::NoIssueNumber
                | GapKind::NoDate
                | GapKind::NoOrgan
                | GapKind::UnreadMastheadLine(_)
                | GapKind::NoArticleTitle
                | GapKind::EmptyArticle(_)
                | GapKind::UnmatchedContents(_)
                | GapKind::ArticleAfterFooter(_)
                | GapKind::UnreadContact(_) => {}
            }
        }
        let refusals = vec![
            Refusal::Empty,
            Refusal::NoMasthead,
            Refusal::NoArticle,
            Refusal::NotABulletin,
        ];
        for r in &refusals {
            match r {
                Refusal::Empty
                | Refusal::NoMasthead
                | Refusal::NoArticle
                | Refusal::NotABulletin => {}
            }
        }
        (refusals, gaps)
    }

    #[test]
    fn every_gap_and_refusal_has_a_chinese_text() {
        let (refusals, gaps) = every_kind();
        let texts = refusals
            .iter()
            .map(|r| (r.text(UiLang::ZhCn), r.text(UiLang::En)))
            .chain(
                gaps.iter()
                    .map(|g| (g.text(UiLang::ZhCn), g.text(UiLang::En))),
            );
        for (zh, en) in texts {
            assert!(zh.chars().any(is_han), "{zh}");
            assert_ne!(zh, en);
            assert_eq!(english_sentence(&zh), None, "{zh}");
            assert!(english_sentence(&en).is_some(), "{en}");
        }
    }
}
