//! The issue format: one issue of a bulletin (简报), as stored in JSON.
//!
//! Plain data, no UI. [`parse_issue`] reads JSON (with the model's own reader, `json.rs`)
//! and reports faults with their JSON path, line and column; [`validate`] then checks what
//! types cannot (ids, references, dates, URLs) and reports every problem at once. serde's
//! derives write JSON, and are the tests' oracle for reading it.

mod feed;
pub(crate) mod json;
mod limits;
mod problem;
mod read;
mod validate;

// The lenient readers are the viewer's (a build without it, the fuzz targets', has no use).
#[cfg_attr(not(feature = "viewer"), allow(unused_imports))]
pub(crate) use feed::read_feed;
pub use feed::{
    add_to_feed, build_feed, feed_keys, parse_feed, validate_feed, Feed, FeedEntry,
    FEED_SCHEMA_VERSION,
};
pub use limits::{
    apply_limits, over_limits, MAX_ARTICLES, MAX_BLOCKS, MAX_CONTENTS, MAX_DISTRIBUTION, MAX_LINE,
    MAX_LIST_ITEMS, MAX_TABLE_CELLS, MAX_TEXT,
};
pub use problem::{Counted, JsonFault, JsonType, JsonValue, Part, Position, Problem, ProblemKind};
pub(crate) use read::parse_error;
#[cfg_attr(not(feature = "viewer"), allow(unused_imports))]
pub(crate) use read::read_issue_apart;
pub use read::{parse_issue, read_issue};

pub use validate::{
    is_bidi_control, is_email, is_fragment_id, is_iso_date, is_safe_url, tel_digits, url_scheme,
    validate,
};

use serde::{Deserialize, Serialize};

/// The `schema_version` this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One issue of a bulletin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Issue {
    /// Version of this format: 1.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1)))]
    pub schema_version: u32,
    /// 报头: the masthead.
    pub masthead: Masthead,
    /// 要目: the contents, in reading order. Each entry points at an article.
    #[serde(default)]
    pub contents: Vec<ContentsEntry>,
    /// The articles, in reading order.
    pub articles: Vec<Article>,
    /// 报尾: distribution list, editor, contact, approval number.
    #[serde(default)]
    pub footer: Footer,
}

/// 报头: the masthead printed in red at the top of the first page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Masthead {
    /// The bulletin's name, e.g. 联络动态.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub title: String,
    /// 期号: this issue's number, e.g. 第18期 or 增刊第2期.
    pub issue: IssueNumber,
    /// 总期号: the cumulative number, e.g. 总第七百二十期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cumulative: Option<CumulativeNumber>,
    /// 编印单位: the compiling organ, e.g. 湖南省人大常委会代表工作委员会编.
    pub organ: String,
    /// 印发日期: the date of the issue.
    pub date: IssueDate,
}

/// 期号: the issue number as printed, and as a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IssueNumber {
    /// The label as printed: 第18期, 增刊第2期.
    pub label: String,
    /// The number within its series (18 for 第18期, 2 for 增刊第2期), when it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The special series for special issues: 增刊, 特刊…; absent for regular issues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub special: Option<String>,
}

/// 总期号: the running number across all issues.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CumulativeNumber {
    /// The text as printed, without brackets: 总第七百二十期.
    pub text: String,
    /// The number (720), when it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
}

/// The date of an issue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IssueDate {
    /// ISO 8601 calendar date, YYYY-MM-DD.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub iso: String,
    /// The date as printed: 2024年11月4日.
    pub display: String,
}

/// 要目 entry: a title in the contents and the id of the article it leads to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ContentsEntry {
    /// The title as the contents print it (may be shorter than the article's).
    pub title: String,
    /// The id of the article it points at.
    pub article: String,
}

/// One article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Stable id, usable in a URL fragment: lowercase ASCII letters, digits and -, starting
    /// with a letter.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"^[a-z][a-z0-9-]*$")))]
    pub id: String,
    /// The article's title.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub title: String,
    /// Author or speaker line, when printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The body, in order.
    pub blocks: Vec<Block>,
    /// 来源: where the article comes from, printed after it in brackets, without the brackets:
    /// 摘编自湖南日报, 湘潭市委办公室、市人大常委会办公室供稿.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A block of an article's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    /// A paragraph (printed with a 2-character first-line indent).
    Paragraph {
        /// The paragraph's text.
        text: String,
    },
    /// A heading inside an article (小标题).
    Heading {
        /// The heading's text.
        text: String,
    },
    /// A list of items.
    List {
        /// Whether the items are numbered.
        #[serde(default)]
        ordered: bool,
        /// The items' texts.
        items: Vec<String>,
    },
    /// A quotation set apart from the text.
    Quote {
        /// The quotation's text.
        text: String,
    },
    /// An image with its alternative text.
    Image {
        /// http(s) or relative URL of the image.
        src: String,
        /// What the image shows, for readers who cannot see it.
        alt: String,
        /// Caption printed under the image.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
    /// A table (表格): rows of cell texts. On a narrow screen it scrolls inside its block.
    Table {
        /// Whether the first row is the header row (表头).
        #[serde(default, skip_serializing_if = "is_false")]
        header: bool,
        /// The rows, each a list of cell texts (a cell may be empty); a row shorter than the
        /// longest is drawn with empty cells at its end.
        rows: Vec<Vec<String>>,
        /// Caption (表题) printed above the table.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        caption: Option<String>,
    },
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// 报尾: the block at the end of the issue, between rules (with the 版记 under it: the print
/// run and the 印发 line).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Footer {
    /// 报/送/发/抄送/分送 lines, in the order printed: who receives the issue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<Distribution>,
    /// 责任编辑: the responsible editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<String>,
    /// 审核: who reviewed the issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    /// 签发: who signed the issue off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signer: Option<String>,
    /// 联系方式: how to reach the editors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// 批准文号: the approval number, e.g. 湘党简准字〔2000〕第28号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<String>,
    /// 印数: how many copies were printed (（共印80份） → 80).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
    /// 印发: the office that printed and sent the issue, and when (××办公室 2025年3月18日印发).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<Issued>,
    /// Other lines of the 报尾, as printed (a line no field above is for: nothing is lost).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// 印发: the 版记's last line, ××办公室 2025年3月18日印发.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Issued {
    /// The office, as printed: 湖南省人大常委会办公厅秘书处.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The day it was printed and sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<IssueDate>,
}

/// One distribution line of the 报尾: 送：全国人大常委会代表工作委员会，…
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// The label before the colon: 送, 发, 报, 抄送.
    pub label: String,
    /// The recipients, as printed.
    pub text: String,
}

/// 联系方式: phone and e-mail of the editors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Telephone number as printed, e.g. 0731-85309319.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// Why issue JSON could not be read into an [`Issue`].
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    /// JSON path of the offending value (`articles[1].title`), empty when the text is not
    /// JSON at all or the problem is at the top.
    pub path: String,
    /// Line of the JSON text (1-based).
    pub line: usize,
    /// Column of the JSON text (1-based), in characters.
    pub column: usize,
    /// What is wrong.
    pub fault: JsonFault,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        write!(f, "{}", self.fault)?;
        if self.line > 0 {
            write!(f, " (line {}, character {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for ParseError {}

impl From<ParseError> for Problem {
    /// The fault as a problem that stops reading, at its place.
    fn from(e: ParseError) -> Problem {
        Problem {
            path: e.path,
            at: (e.line > 0).then_some(Position {
                line: e.line,
                column: e.column,
            }),
            kind: ProblemKind::Json(e.fault),
        }
    }
}

/// Writes an issue as pretty JSON (two-space indent, fields in declaration order), ending
/// with a newline: the form the converter writes and the bundled issues are stored in.
pub fn to_json(issue: &Issue) -> String {
    let mut s = serde_json::to_string_pretty(issue).unwrap_or_default();
    s.push('\n');
    s
}
