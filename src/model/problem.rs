//! Problems as data: where (a JSON path, and for faults of the JSON text a line and column)
//! and what ([`ProblemKind`], [`JsonFault`]). English comes from `Display`, for the CLI and
//! the English interface; every other interface language renders each kind itself
//! (`ui::messages`, an exhaustive `match`), so rewording a message here cannot silently
//! undo a translation, and a new kind cannot ship untranslated.

use std::fmt;

/// A place in a JSON text: line and column, both from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// The line.
    pub line: usize,
    /// The column, in characters (not bytes: one 汉字 is one).
    pub column: usize,
}

/// One problem found in an issue or feed: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the value, e.g. `articles[1].title`; empty for the text as a whole.
    pub path: String,
    /// Where in the JSON text, for faults of the text itself (none for validation).
    pub at: Option<Position>,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// A problem with the value at `path` (no position: the text read, the value is wrong).
    pub fn at_path(path: impl Into<String>, kind: ProblemKind) -> Problem {
        Problem {
            path: path.into(),
            at: None,
            kind,
        }
    }

    /// What is wrong, in English, without the path: the kind, then the position, then for
    /// a part left out what became of it (`… (line 3, column 5); this article is left out`).
    pub fn message(&self) -> String {
        let mut s = self.kind.to_string();
        if let Some(at) = self.at {
            s.push_str(&format!(" (line {}, character {})", at.line, at.column));
        }
        if let ProblemKind::LeftOut { part, .. } = &self.kind {
            s.push_str("; ");
            s.push_str(part.consequence());
        }
        s
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message())
    }
}

/// What can be wrong in an issue or a feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// A text the reader sees is empty.
    Empty,
    /// A part of the issue the converter could not find, left empty in a draft for the
    /// editor to fill in (the issue number, the date, the organ, an article's title, the
    /// article a 要目 entry names).
    Missing,
    /// A text holds an invisible bidi control (U+202E…), which can disguise it.
    BidiControl(char),
    /// `schema_version` is not one this build reads (`found`: as written; none: missing).
    UnsupportedVersion {
        /// The version found, as written; None when there is none.
        found: Option<String>,
        /// The version this build reads.
        reads: u32,
    },
    /// An article id that cannot stand in a URL fragment.
    BadId(String),
    /// An article id an earlier article has.
    DuplicateId(String),
    /// An issue without articles.
    NoArticles,
    /// An article without blocks.
    NoBlocks,
    /// A list without items.
    EmptyList,
    /// A table without any text.
    EmptyTable,
    /// A table row without cells.
    EmptyRow,
    /// An image URL with a scheme other than http(s).
    UnsafeImage(String),
    /// A date that is not `YYYY-MM-DD` of a real day.
    BadDate(String),
    /// Not a telephone number.
    NotPhone(String),
    /// Not an e-mail address.
    NotEmail(String),
    /// A 要目 entry pointing at no article.
    UnknownArticle(String),
    /// More of something than the viewer shows; the first `max` are shown.
    TooMany {
        /// What was counted.
        what: Counted,
        /// How many there are.
        found: usize,
        /// How many are shown.
        max: usize,
    },
    /// A text longer than such a text may be (a title is a line, not a book).
    TooLong {
        /// Its length, in characters.
        found: usize,
        /// The most it may have.
        max: usize,
    },
    /// The JSON text cannot be read (here).
    Json(JsonFault),
    /// A part of the issue that cannot be read is left out; the rest is shown.
    LeftOut {
        /// Which part.
        part: Part,
        /// Why it cannot be read.
        fault: JsonFault,
    },
    /// The text is not UTF-8 from this byte on (what cannot be read shows as U+FFFD).
    NotUtf8 {
        /// The first byte that is not.
        byte: usize,
    },
    /// A feed was given where an issue was expected.
    FeedNotIssue,
    /// An issue was given where a feed was expected.
    IssueNotFeed,
    /// A feed that lists no issues.
    NoIssues,
    /// A feed whose issues are not newest first.
    NotNewestFirst,
    /// A feed entry whose URL is neither http(s) nor relative.
    UnsafeUrl(String),
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind as K;
        match self {
            K::Empty => f.write_str("must not be empty"),
            K::Missing => f.write_str("missing: this is a draft; fill it in"),
            K::BidiControl(c) => write!(
                f,
                "contains the invisible bidi control U+{:04X}, which can disguise text",
                *c as u32
            ),
            K::UnsupportedVersion { found: Some(v), reads } => write!(
                f,
                "version {v} is not supported; this viewer reads version {reads}"
            ),
            K::UnsupportedVersion { found: None, reads } => write!(
                f,
                "the version is missing; this viewer reads version {reads}"
            ),
            K::BadId(id) => write!(
                f,
                "\"{id}\" is not a usable id: use lowercase letters a-z, digits and \"-\", starting with a letter"
            ),
            K::DuplicateId(id) => write!(f, "\"{id}\" is used by an earlier article"),
            K::NoArticles => f.write_str("an issue needs at least one article"),
            K::NoBlocks => f.write_str("an article needs at least one block"),
            K::EmptyList => f.write_str("a list needs at least one item"),
            K::EmptyTable => f.write_str("a table needs at least one cell with text"),
            K::EmptyRow => f.write_str("a table row needs at least one cell"),
            K::UnsafeImage(src) => write!(
                f,
                "\"{src}\" is not allowed: images must use http, https or a relative URL"
            ),
            K::BadDate(d) => write!(f, "\"{d}\" is not a date in the form YYYY-MM-DD"),
            K::NotPhone(p) => write!(
                f,
                "\"{p}\" is not a telephone number (digits, spaces, -, +, brackets)"
            ),
            K::NotEmail(e) => write!(f, "\"{e}\" is not an e-mail address"),
            K::UnknownArticle(id) => write!(f, "no article with id \"{id}\""),
            K::TooMany { what, found, max } => write!(
                f,
                "{found} {}, more than the {max} this viewer shows; the first {max} are shown",
                what.plural()
            ),
            K::TooLong { found, max } => write!(
                f,
                "{found} characters long, more than the {max} such a text may have"
            ),
            K::Json(fault) | K::LeftOut { fault, .. } => fault.fmt(f),
            K::NotUtf8 { byte } => write!(
                f,
                "the data is not UTF-8 from byte {byte} on; what cannot be read shows as \u{FFFD}"
            ),
            K::FeedNotIssue => f.write_str(
                "this is a feed (a list of issues), not an issue: give it as the feed attribute",
            ),
            K::IssueNotFeed => f.write_str(
                "this is an issue, not a feed (a list of issues): give it as the src attribute",
            ),
            K::NoIssues => f.write_str("the feed lists no issues"),
            K::NotNewestFirst => f.write_str("the feed must list the newest issue first"),
            K::UnsafeUrl(url) => write!(f, "\"{url}\" is not an http(s) or relative URL"),
        }
    }
}

/// What the viewer shows a limited number of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counted {
    /// Articles of an issue.
    Articles,
    /// Blocks of an article.
    Blocks,
    /// Cells of a table.
    Cells,
    /// Entries of the 要目.
    ContentsEntries,
    /// Items of a list.
    ListItems,
    /// Distribution entries of the 报尾.
    DistributionEntries,
}

impl Counted {
    fn plural(self) -> &'static str {
        match self {
            Counted::Articles => "articles",
            Counted::Blocks => "blocks",
            Counted::Cells => "cells",
            Counted::ContentsEntries => "要目 entries",
            Counted::ListItems => "list items",
            Counted::DistributionEntries => "distribution entries",
        }
    }
}

/// A part of an issue that the lenient reader can leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// One 要目 entry.
    ContentsEntry,
    /// One article.
    Article,
    /// The 报尾.
    Footer,
    /// A field the format does not have (its fault is [`JsonFault::UnknownField`]): one a
    /// newer `bulletin` wrote (an optional field added since), or a misspelt one. The viewer
    /// reads past it and notes it in the console; `bulletin validate` names it (and fails).
    Field,
}

impl Part {
    /// What became of it, in English.
    pub fn consequence(self) -> &'static str {
        match self {
            Part::ContentsEntry => "this 要目 entry is left out",
            Part::Article => "this article is left out",
            Part::Footer => "the 报尾 is left out",
            Part::Field => "ignored",
        }
    }
}

/// What is wrong with a JSON text, worded as serde_json words it: the model's reader
/// (`model/json.rs`) makes these directly, and [`JsonFault::of_message`] classifies
/// serde_json's own messages (the tests compare the two). `Display` gives the words back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonFault {
    /// The text ends in the middle of something (`EOF while parsing a string`): often a
    /// download cut short.
    EndOfInput(String),
    /// Something that is not a JSON value where one belongs (an HTML page, a stray word).
    ExpectedValue,
    /// More text after the JSON value.
    TrailingCharacters,
    /// An object key without quotes.
    KeyMustBeString,
    /// A raw control character inside a string.
    ControlCharacter,
    /// Nested deeper than the reader goes.
    RecursionLimit,
    /// A broken `\` escape in a string (`invalid escape`, `lone leading surrogate in hex
    /// escape`…): serde_json's words.
    BadEscape(String),
    /// A required field is missing.
    MissingField(String),
    /// A field the format does not have; `rest` is what serde_json expected.
    UnknownField {
        /// The field.
        field: String,
        /// serde_json's words after it (`expected one of …`).
        rest: String,
    },
    /// A field given twice.
    DuplicateField(String),
    /// A `type` (or other tag) the format does not have.
    UnknownVariant {
        /// The variant.
        variant: String,
        /// serde_json's words after it.
        rest: String,
    },
    /// A value of the wrong kind.
    InvalidType {
        /// What was found.
        found: Box<JsonValue>,
        /// What was expected.
        expected: Box<JsonValue>,
    },
    /// Anything else, in serde_json's words.
    Other(String),
}

/// A kind of JSON value as serde_json names it (`integer \`3\``, `a string`, `u32`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonValue {
    /// serde_json's words.
    pub text: String,
    /// The kind they name.
    pub kind: JsonType,
    /// The value quoted with it, as quoted (`` `3` ``, `"十八"`).
    pub shown: Option<String>,
}

/// The kinds of JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonType {
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// A number with a fraction.
    Float,
    /// true or false.
    Boolean,
    /// An array.
    Sequence,
    /// An object.
    Object,
    /// null.
    Null,
    /// Another of serde's descriptions (`internally tagged enum Block`).
    Other,
}

impl JsonValue {
    /// A value found: serde's name for its kind (`integer`), and the value as quoted.
    pub(crate) fn named(name: &str, kind: JsonType, shown: Option<String>) -> JsonValue {
        let mut text = name.to_string();
        if let Some(s) = &shown {
            text.push(' ');
            text.push_str(s);
        }
        JsonValue { text, kind, shown }
    }

    /// What was expected, in serde's words (`a string`, `u32`, `struct Masthead`).
    pub(crate) fn expected(text: &str) -> JsonValue {
        JsonValue::of(text)
    }

    fn of(text: &str) -> JsonValue {
        let words = text
            .strip_prefix("a ")
            .or_else(|| text.strip_prefix("an "))
            .unwrap_or(text);
        let (name, rest) = words.split_once(' ').unwrap_or((words, ""));
        let rest = rest.strip_prefix("point ").unwrap_or(rest);
        let kind = match name {
            "string" | "str" | "char" | "character" => JsonType::String,
            "integer" | "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
                JsonType::Integer
            }
            "floating" | "f32" | "f64" => JsonType::Float,
            "boolean" | "bool" => JsonType::Boolean,
            "sequence" => JsonType::Sequence,
            "map" | "struct" => JsonType::Object,
            "null" | "unit" => JsonType::Null,
            _ => JsonType::Other,
        };
        let quoted = rest.starts_with(['`', '"']);
        JsonValue {
            text: text.to_string(),
            kind,
            shown: (quoted && kind != JsonType::Other).then(|| rest.to_string()),
        }
    }
}

impl JsonFault {
    /// Classifies serde_json's message (without its ` at line L column C`). Whatever the
    /// classification could not give back word for word stays [`JsonFault::Other`].
    pub fn of_message(message: &str) -> JsonFault {
        let fault = Self::classify(message);
        if fault.to_string() == message {
            fault
        } else {
            JsonFault::Other(message.to_string())
        }
    }

    fn classify(m: &str) -> JsonFault {
        let ticked = |s: &str| {
            s.strip_prefix('`')
                .and_then(|s| s.strip_suffix('`'))
                .map(String::from)
        };
        // "`name`, <rest>": a name in backticks and serde_json's words after it.
        let named = |s: &str| {
            let (name, rest) = s.split_once("`, ")?;
            Some((name.strip_prefix('`')?.to_string(), rest.to_string()))
        };
        match m {
            "expected value" => return JsonFault::ExpectedValue,
            "trailing characters" => return JsonFault::TrailingCharacters,
            "key must be a string" => return JsonFault::KeyMustBeString,
            "recursion limit exceeded" => return JsonFault::RecursionLimit,
            "control character (\\u0000-\\u001F) found while parsing a string" => {
                return JsonFault::ControlCharacter
            }
            "invalid escape"
            | "unexpected end of hex escape"
            | "lone leading surrogate in hex escape"
            | "invalid unicode code point" => return JsonFault::BadEscape(m.to_string()),
            _ => {}
        }
        let fault = if let Some(what) = m.strip_prefix("EOF while parsing ") {
            Some(JsonFault::EndOfInput(what.to_string()))
        } else if let Some(f) = m.strip_prefix("missing field ") {
            ticked(f).map(JsonFault::MissingField)
        } else if let Some(f) = m.strip_prefix("duplicate field ") {
            ticked(f).map(JsonFault::DuplicateField)
        } else if let Some(rest) = m.strip_prefix("unknown field ") {
            named(rest).map(|(field, rest)| JsonFault::UnknownField { field, rest })
        } else if let Some(rest) = m.strip_prefix("unknown variant ") {
            named(rest).map(|(variant, rest)| JsonFault::UnknownVariant { variant, rest })
        } else if let Some(rest) = m.strip_prefix("invalid type: ") {
            rest.split_once(", expected ")
                .map(|(found, expected)| JsonFault::InvalidType {
                    found: Box::new(JsonValue::of(found)),
                    expected: Box::new(JsonValue::of(expected)),
                })
        } else {
            None
        };
        fault.unwrap_or_else(|| JsonFault::Other(m.to_string()))
    }
}

impl fmt::Display for JsonFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonFault::EndOfInput(what) => write!(f, "EOF while parsing {what}"),
            JsonFault::ExpectedValue => f.write_str("expected value"),
            JsonFault::TrailingCharacters => f.write_str("trailing characters"),
            JsonFault::KeyMustBeString => f.write_str("key must be a string"),
            JsonFault::ControlCharacter => {
                f.write_str("control character (\\u0000-\\u001F) found while parsing a string")
            }
            JsonFault::RecursionLimit => f.write_str("recursion limit exceeded"),
            JsonFault::BadEscape(m) | JsonFault::Other(m) => f.write_str(m),
            JsonFault::MissingField(field) => write!(f, "missing field `{field}`"),
            JsonFault::UnknownField { field, rest } => write!(f, "unknown field `{field}`, {rest}"),
            JsonFault::DuplicateField(field) => write!(f, "duplicate field `{field}`"),
            JsonFault::UnknownVariant { variant, rest } => {
                write!(f, "unknown variant `{variant}`, {rest}")
            }
            JsonFault::InvalidType { found, expected } => write!(
                f,
                "invalid type: {}, expected {}",
                found.text, expected.text
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// serde_json's own messages, as the reader meets them.
    fn fault_of(json: &str) -> JsonFault {
        let e = crate::model::parse_issue(json).unwrap_err();
        e.fault
    }

    #[test]
    fn serde_json_messages_are_classified_and_given_back_word_for_word() {
        let messages = [
            "expected value",
            "EOF while parsing a string",
            "missing field `date`",
            "unknown field `titel`, expected one of `title`, `issue`",
            "unknown variant `para`, expected one of `paragraph`, `heading`",
            "invalid type: integer `42`, expected a string",
            "invalid type: string \"十八\", expected u32",
            "invalid type: floating point `1.5`, expected u32",
            "invalid type: null, expected struct Masthead",
            "duplicate field `title`",
            "recursion limit exceeded",
            "something serde_json may say one day",
        ];
        for m in messages {
            assert_eq!(JsonFault::of_message(m).to_string(), m);
        }
        assert!(matches!(
            JsonFault::of_message("something serde_json may say one day"),
            JsonFault::Other(_)
        ));
        let JsonFault::InvalidType { found, expected } =
            JsonFault::of_message("invalid type: floating point `1.5`, expected u32")
        else {
            panic!("not classified");
        };
        assert_eq!(
            (found.kind, found.shown.as_deref()),
            (JsonType::Float, Some("`1.5`"))
        );
        assert_eq!((expected.kind, expected.shown), (JsonType::Integer, None));
    }

    #[test]
    fn faults_of_real_texts() {
        assert_eq!(fault_of("<html>"), JsonFault::ExpectedValue);
        assert!(matches!(
            fault_of("{\"schema_version\": 1, \"mast"),
            JsonFault::EndOfInput(_)
        ));
        assert!(matches!(
            fault_of("{\"schema_version\": \"1\"}"),
            JsonFault::InvalidType { .. }
        ));
        assert!(matches!(
            fault_of("{\"titel\": 1}"),
            JsonFault::UnknownField { .. }
        ));
    }

    #[test]
    fn a_part_left_out_says_where_and_what_became_of_it() {
        let p = Problem {
            path: "articles[1].title".into(),
            at: Some(Position {
                line: 12,
                column: 7,
            }),
            kind: ProblemKind::LeftOut {
                part: Part::Article,
                fault: JsonFault::MissingField("id".into()),
            },
        };
        assert_eq!(
            p.to_string(),
            "articles[1].title: missing field `id` (line 12, character 7); this article is left out"
        );
    }
}
