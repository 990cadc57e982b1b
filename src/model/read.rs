//! Reading issue JSON as far as it goes: a valid issue is read whole; in a faulty one, the
//! articles, 要目 entries and 报尾 that can be read are kept and each part that cannot is
//! reported with its JSON path, line and column — nothing is dropped without a word. Only a
//! file that is not JSON, an unsupported `schema_version` or an unreadable masthead stop it.
//!
//! A field the format does not have is read past and reported as such
//! ([`Part::Field`]): within one `schema_version` a newer `bulletin` may add optional fields,
//! and an older viewer shows the issue without them (noting them in the console), while
//! `bulletin validate` names them. A change that an older viewer must not read past raises
//! `schema_version`, which stops it.

use super::json::{
    self, boolean, elements, fields, list, missing, optional, string, u32_of, At, Fault, Kind,
    Read, Value,
};
use super::limits::apply_limits;
use super::problem::{JsonFault, Part, Position, ProblemKind};
use super::SCHEMA_VERSION;
use super::{
    Article, Block, Contact, ContentsEntry, CumulativeNumber, Distribution, Footer, Issue,
    IssueDate, IssueNumber, Issued, Masthead, ParseError, Problem,
};
use std::cell::RefCell;

/// Reads issue JSON for showing: the issue, and the problems met on the way (parts left out,
/// limits applied, fields read past). Errs only when nothing sensible can be shown: then the
/// problem is a fault of the JSON text ([`ProblemKind::Json`]) or an unsupported version,
/// with its place.
pub fn read_issue(json: &str) -> Result<(Issue, Vec<Problem>), Problem> {
    let (issue, mut problems, ignored) = read_issue_apart(json)?;
    problems.extend(ignored_fields(json, ignored));
    Ok((issue, problems))
}

/// [`read_issue`] with the faults of the fields read past apart from the problems: the
/// viewer notes them in the console, not in front of the reader.
pub(crate) fn read_issue_apart(json: &str) -> Result<(Issue, Vec<Problem>, Vec<Fault>), Problem> {
    let (value, deep) =
        json::parse_nested(json).map_err(|f| Problem::from(parse_error(json, f)))?;
    let (mut issue, mut problems, ignored) = lenient(json, &value, deep.map(|d| d.end))?;
    problems.extend(apply_limits(&mut issue));
    Ok((issue, problems, ignored))
}

/// Reads issue JSON strictly: any fault is an error naming the JSON path and the line and
/// column. (The viewer uses [`read_issue`], which keeps what can be read.)
pub fn parse_issue(json: &str) -> Result<Issue, ParseError> {
    json::parse(json)
        .and_then(|v| issue(&v, &At::TOP))
        .map_err(|f| parse_error(json, f))
}

/// A fault placed in the text: line and column of the character it is reported at.
pub(crate) fn parse_error(json: &str, f: Fault) -> ParseError {
    let (line, column) = json::place(json, f.end);
    ParseError {
        path: f.path,
        line,
        column,
        fault: f.fault,
    }
}

fn check_version(version: Option<u32>, raw: Option<&str>) -> Result<(), Problem> {
    if version == Some(SCHEMA_VERSION) {
        return Ok(());
    }
    let found = match (version, raw) {
        (Some(v), _) => Some(v.to_string()),
        (None, r) => r.map(String::from),
    };
    Err(Problem {
        path: "schema_version".into(),
        at: Some(Position { line: 1, column: 1 }),
        kind: ProblemKind::UnsupportedVersion {
            found,
            reads: SCHEMA_VERSION,
        },
    })
}

/// The parts that read, and a problem for each part left out; `deep`: where a value nested
/// too deep was passed over (the part that holds it is left out with that fault). What
/// cannot be left out — the outline (an object of known parts), the version, the masthead,
/// the list of articles — stops reading with its fault.
fn lenient(
    json: &str,
    top: &Value,
    deep: Option<usize>,
) -> Result<(Issue, Vec<Problem>, Vec<Fault>), Problem> {
    const PARTS: &[&str] = &[
        "schema_version",
        "masthead",
        "contents",
        "articles",
        "footer",
    ];
    let stop = |f: Fault| Problem::from(parse_error(json, f));
    let ignored = RefCell::new(Vec::new());
    let at = At::lenient(&ignored);
    let mut outline = fields(top, &at, "struct Issue", PARTS).map_err(stop)?;
    let mut parts: [Option<&Value>; 5] = [None; 5];
    while let Some(m) = outline.next(&at, None) {
        let (i, v) = m.map_err(stop)?;
        parts[i] = Some(v);
    }
    let [version, masthead, contents, articles, footer] = parts;
    match version {
        Some(v) => check_version(
            u32_of(v, &at).ok(),
            Some(json.get(v.start..v.end).unwrap_or_default()),
        )?,
        None => check_version(None, None)?,
    }
    let placed = |f: Fault| parse_error(json, f);
    // A part that holds the value nested too deep gives that fault.
    let holds_deep = |v: &Value, at: &At| -> Read<()> {
        match deep {
            Some(end) if v.start < end && end <= v.end => {
                Err(at.fault(end, JsonFault::RecursionLimit))
            }
            _ => Ok(()),
        }
    };
    let Some(masthead_value) = masthead else {
        // A feed where an issue was expected: said so, rather than its missing masthead.
        return Err(match json::member(top, "issues") {
            Some(_) => Problem::at_path("", ProblemKind::FeedNotIssue),
            None => stop(missing(top, &at, "masthead")),
        });
    };
    let at_masthead = at.key("masthead");
    let masthead = holds_deep(masthead_value, &at_masthead)
        .and_then(|()| self::masthead(masthead_value, &at_masthead))
        .map_err(stop)?;
    let mut problems = Vec::new();

    let mut read_contents = Vec::new();
    if let Some(v) = contents {
        let at = at.key("contents");
        for (i, raw) in elements(v, &at).map_err(stop)?.iter().enumerate() {
            let at = at.index(i);
            match holds_deep(raw, &at).and_then(|()| contents_entry(raw, &at)) {
                Ok(entry) => read_contents.push(entry),
                Err(f) => problems.push(left_out(placed(f), Part::ContentsEntry)),
            }
        }
    }
    let mut read_articles = Vec::new();
    let at_articles = at.key("articles");
    let articles = articles.ok_or_else(|| stop(missing(top, &at, "articles")))?;
    for (i, raw) in elements(articles, &at_articles)
        .map_err(stop)?
        .iter()
        .enumerate()
    {
        let at = at_articles.index(i);
        match holds_deep(raw, &at).and_then(|()| article(raw, &at)) {
            Ok(a) => read_articles.push(a),
            Err(f) => problems.push(left_out(placed(f), Part::Article)),
        }
    }
    let footer = match footer {
        None => Footer::default(),
        Some(v) => {
            let at = at.key("footer");
            holds_deep(v, &at).and_then(|()| self::footer(v, &at))
        }
        .unwrap_or_else(|f| {
            problems.push(left_out(placed(f), Part::Footer));
            Footer::default()
        }),
    };
    let issue = Issue {
        schema_version: SCHEMA_VERSION,
        masthead,
        contents: read_contents,
        articles: read_articles,
        footer,
    };
    Ok((issue, problems, ignored.into_inner()))
}

/// The fields a lenient reading read past, as problems at their places.
fn ignored_fields(json: &str, faults: Vec<Fault>) -> Vec<Problem> {
    let placed = |f| left_out(parse_error(json, f), Part::Field);
    faults.into_iter().map(placed).collect()
}

fn left_out(e: ParseError, part: Part) -> Problem {
    Problem {
        path: e.path,
        at: Some(Position {
            line: e.line,
            column: e.column,
        }),
        kind: ProblemKind::LeftOut {
            part,
            fault: e.fault,
        },
    }
}

// ---- The model's types, each read from its JSON value ---------------------------------

/// A required field's value, or the fault of its absence.
fn need<T>(x: Option<T>, v: &Value, at: &At, name: &str) -> Read<T> {
    x.ok_or_else(|| missing(v, at, name))
}

fn issue(v: &Value, at: &At) -> Read<Issue> {
    const NAMES: &[&str] = &[
        "schema_version",
        "masthead",
        "contents",
        "articles",
        "footer",
    ];
    let mut f = fields(v, at, "struct Issue", NAMES)?;
    let (mut version, mut masthead, mut contents, mut articles, mut footer) =
        (None, None, None, None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => version = Some(u32_of(x, &at)?),
            1 => masthead = Some(self::masthead(x, &at)?),
            2 => contents = Some(list(x, &at, contents_entry)?),
            3 => articles = Some(list(x, &at, article)?),
            _ => footer = Some(self::footer(x, &at)?),
        }
    }
    Ok(Issue {
        schema_version: need(version, v, at, "schema_version")?,
        masthead: need(masthead, v, at, "masthead")?,
        contents: contents.unwrap_or_default(),
        articles: need(articles, v, at, "articles")?,
        footer: footer.unwrap_or_default(),
    })
}

fn masthead(v: &Value, at: &At) -> Read<Masthead> {
    const NAMES: &[&str] = &["title", "issue", "cumulative", "organ", "date"];
    let mut f = fields(v, at, "struct Masthead", NAMES)?;
    let (mut title, mut issue, mut cumulative, mut organ, mut date) =
        (None, None, None, None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => title = Some(string(x, &at)?),
            1 => issue = Some(issue_number(x, &at)?),
            2 => cumulative = optional(Some(x), &at, cumulative_number)?,
            3 => organ = Some(string(x, &at)?),
            _ => date = Some(issue_date(x, &at)?),
        }
    }
    Ok(Masthead {
        title: need(title, v, at, "title")?,
        issue: need(issue, v, at, "issue")?,
        cumulative,
        organ: need(organ, v, at, "organ")?,
        date: need(date, v, at, "date")?,
    })
}

fn issue_number(v: &Value, at: &At) -> Read<IssueNumber> {
    const NAMES: &[&str] = &["label", "number", "special"];
    let mut f = fields(v, at, "struct IssueNumber", NAMES)?;
    let (mut label, mut number, mut special) = (None, None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => label = Some(string(x, &at)?),
            1 => number = optional(Some(x), &at, u32_of)?,
            _ => special = optional(Some(x), &at, string)?,
        }
    }
    Ok(IssueNumber {
        label: need(label, v, at, "label")?,
        number,
        special,
    })
}

fn cumulative_number(v: &Value, at: &At) -> Read<CumulativeNumber> {
    const NAMES: &[&str] = &["text", "number"];
    let mut f = fields(v, at, "struct CumulativeNumber", NAMES)?;
    let (mut text, mut number) = (None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => text = Some(string(x, &at)?),
            _ => number = optional(Some(x), &at, u32_of)?,
        }
    }
    Ok(CumulativeNumber {
        text: need(text, v, at, "text")?,
        number,
    })
}

/// An object of two required strings (a date, a 要目 entry, a distribution line).
fn two_strings(
    v: &Value,
    at: &At,
    expected: &str,
    names: &'static [&'static str],
) -> Read<(String, String)> {
    let mut f = fields(v, at, expected, names)?;
    let mut got = [None, None];
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        got[i] = Some(string(x, &at.key(names[i]))?);
    }
    let [a, b] = got;
    Ok((need(a, v, at, names[0])?, need(b, v, at, names[1])?))
}

fn issue_date(v: &Value, at: &At) -> Read<IssueDate> {
    let (iso, display) = two_strings(v, at, "struct IssueDate", &["iso", "display"])?;
    Ok(IssueDate { iso, display })
}

fn contents_entry(v: &Value, at: &At) -> Read<ContentsEntry> {
    let (title, article) = two_strings(v, at, "struct ContentsEntry", &["title", "article"])?;
    Ok(ContentsEntry { title, article })
}

fn distribution(v: &Value, at: &At) -> Read<Distribution> {
    let (label, text) = two_strings(v, at, "struct Distribution", &["label", "text"])?;
    Ok(Distribution { label, text })
}

fn article(v: &Value, at: &At) -> Read<Article> {
    const NAMES: &[&str] = &["id", "title", "byline", "blocks", "source"];
    let mut f = fields(v, at, "struct Article", NAMES)?;
    let (mut id, mut title, mut byline, mut blocks, mut source) = (None, None, None, None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => id = Some(string(x, &at)?),
            1 => title = Some(string(x, &at)?),
            2 => byline = optional(Some(x), &at, string)?,
            3 => blocks = Some(list(x, &at, block)?),
            _ => source = optional(Some(x), &at, string)?,
        }
    }
    Ok(Article {
        id: need(id, v, at, "id")?,
        title: need(title, v, at, "title")?,
        byline,
        blocks: need(blocks, v, at, "blocks")?,
        source,
    })
}

/// The block types, as `type` names them.
const BLOCK_TYPES: &[&str] = &["paragraph", "heading", "list", "quote", "image", "table"];

fn block(v: &Value, at: &At) -> Read<Block> {
    const EXPECTED: &str = "internally tagged enum Block";
    if !matches!(v.kind, Kind::Object(_)) {
        return Err(json::invalid_type(v, at, EXPECTED));
    }
    let Some(tag) = json::member(v, "type") else {
        return Err(missing(v, at, "type"));
    };
    let at_type = at.key("type");
    if let Kind::Object(members) = &v.kind {
        if let Some(again) = members.iter().filter(|m| m.key == "type").nth(1) {
            let fault = JsonFault::DuplicateField("type".to_string());
            return Err(at_type.fault(again.key_end, fault));
        }
    }
    let name = match &tag.value.kind {
        Kind::Str(name) => name,
        _ => {
            return Err(json::invalid_type(
                &tag.value,
                &at_type,
                "variant identifier",
            ))
        }
    };
    let Some(variant) = BLOCK_TYPES.iter().position(|t| *t == *name) else {
        return Err(at_type.fault(
            tag.value.end,
            JsonFault::UnknownVariant {
                variant: name.to_string(),
                rest: json::expected_one_of(BLOCK_TYPES),
            },
        ));
    };
    let names: &'static [&'static str] = match variant {
        0..=1 | 3 => &["text"],
        2 => &["ordered", "items"],
        4 => &["src", "alt", "caption"],
        _ => &["header", "rows", "caption"],
    };
    let expected = match variant {
        0 => "struct variant Block::Paragraph",
        1 => "struct variant Block::Heading",
        2 => "struct variant Block::List",
        3 => "struct variant Block::Quote",
        4 => "struct variant Block::Image",
        _ => "struct variant Block::Table",
    };
    let mut f = fields(v, at, expected, names)?;
    // Strings, a flag and a list, by field: text/src, alt, caption; ordered/header; items/rows.
    let (mut a, mut b, mut caption, mut flag) = (None, None, None, None);
    let (mut items, mut rows) = (None, None);
    while let Some(m) = f.next(at, Some("type")) {
        let (i, x) = m?;
        let at = at.key(names[i]);
        match (variant, i) {
            (2, 0) | (5, 0) => flag = Some(boolean(x, &at)?),
            (2, _) => items = Some(list(x, &at, string)?),
            (5, 1) => rows = Some(list(x, &at, |row, at| list(row, at, string))?),
            (4 | 5, 2) => caption = optional(Some(x), &at, string)?,
            (4, 1) => b = Some(string(x, &at)?),
            _ => a = Some(string(x, &at)?),
        }
    }
    let text = |a: Option<String>| need(a, v, at, names[0]);
    Ok(match variant {
        0 => Block::Paragraph { text: text(a)? },
        1 => Block::Heading { text: text(a)? },
        3 => Block::Quote { text: text(a)? },
        2 => Block::List {
            ordered: flag.unwrap_or(false),
            items: need(items, v, at, "items")?,
        },
        4 => Block::Image {
            src: text(a)?,
            alt: need(b, v, at, "alt")?,
            caption,
        },
        _ => Block::Table {
            header: flag.unwrap_or(false),
            rows: need(rows, v, at, "rows")?,
            caption,
        },
    })
}

fn footer(v: &Value, at: &At) -> Read<Footer> {
    const NAMES: &[&str] = &[
        "distribution",
        "editor",
        "reviewer",
        "signer",
        "contact",
        "approval",
        "copies",
        "issued",
        "notes",
    ];
    let mut f = fields(v, at, "struct Footer", NAMES)?;
    let mut footer = Footer::default();
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => footer.distribution = list(x, &at, distribution)?,
            4 => footer.contact = optional(Some(x), &at, contact)?,
            6 => footer.copies = optional(Some(x), &at, u32_of)?,
            7 => footer.issued = optional(Some(x), &at, issued)?,
            8 => footer.notes = list(x, &at, string)?,
            // The text fields, read by one call.
            _ => {
                let slot = match i {
                    1 => &mut footer.editor,
                    2 => &mut footer.reviewer,
                    3 => &mut footer.signer,
                    _ => &mut footer.approval,
                };
                *slot = optional(Some(x), &at, string)?;
            }
        }
    }
    Ok(footer)
}

fn issued(v: &Value, at: &At) -> Read<Issued> {
    const NAMES: &[&str] = &["by", "date"];
    let mut f = fields(v, at, "struct Issued", NAMES)?;
    let mut issued = Issued::default();
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => issued.by = optional(Some(x), &at, string)?,
            _ => issued.date = optional(Some(x), &at, issue_date)?,
        }
    }
    Ok(issued)
}

fn contact(v: &Value, at: &At) -> Read<Contact> {
    const NAMES: &[&str] = &["phone", "email"];
    let mut f = fields(v, at, "struct Contact", NAMES)?;
    let mut contact = Contact::default();
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => contact.phone = optional(Some(x), &at, string)?,
            _ => contact.email = optional(Some(x), &at, string)?,
        }
    }
    Ok(contact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_issue, JsonFault};

    const SEED: &str = include_str!("../../www/issues/lianluo-dongtai-2024-18.json");

    /// The seed with fields a newer `bulletin` might write: at the top, in the masthead, in
    /// an article, in a block and in the 报尾.
    fn with_new_fields() -> String {
        SEED.replacen(
            "\"schema_version\": 1,",
            "\"schema_version\": 1,\n  \"lang\": \"zh-CN\",",
            1,
        )
        .replacen(
            "\"title\": \"联络动态\",",
            "\"title\": \"联络动态\",\n    \"logo\": {\"src\": \"l.svg\"},",
            1,
        )
        .replacen(
            "\"id\": \"a-2\",",
            "\"id\": \"a-2\",\n      \"tags\": [\"人大\"],",
            1,
        )
        .replacen(
            "\"type\": \"paragraph\",",
            "\"type\": \"paragraph\", \"align\": \"center\",",
            1,
        )
        .replacen(
            "\"editor\": \"汤建\",",
            "\"editor\": \"汤建\", \"editor_phone\": null,",
            1,
        )
    }

    #[test]
    fn unknown_fields_are_read_past_and_each_named() {
        let json = with_new_fields();
        let (issue, problems) = read_issue(&json).unwrap();
        assert_eq!(issue, parse_issue(SEED).unwrap(), "the issue is read whole");
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "lang",
                "masthead.logo",
                "articles[0].blocks[0].align",
                "articles[1].tags",
                "footer.editor_phone"
            ]
        );
        for p in &problems {
            assert!(
                matches!(
                    &p.kind,
                    ProblemKind::LeftOut { part: Part::Field, fault: JsonFault::UnknownField { field, .. } }
                        if p.path.ends_with(field.as_str())
                ),
                "{p}"
            );
        }
        let line = json.lines().position(|l| l.contains("\"lang\"")).unwrap() + 1;
        assert_eq!(
            problems[0].to_string(),
            format!(
                "lang: unknown field `lang`, expected one of `schema_version`, `masthead`, \
                 `contents`, `articles`, `footer` (line {line}, character 8); ignored"
            )
        );
        // The strict reading refuses the first of them.
        let e = parse_issue(&json).unwrap_err();
        assert_eq!(e.path, "lang");
        assert!(matches!(e.fault, JsonFault::UnknownField { .. }));
    }

    #[test]
    fn the_viewer_gets_the_fields_read_past_apart_from_the_problems() {
        let (issue, problems, ignored) = read_issue_apart(&with_new_fields()).unwrap();
        assert_eq!(issue, parse_issue(SEED).unwrap());
        assert_eq!(problems, []);
        let paths: Vec<&str> = ignored.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths.len(), 5, "{paths:?}");
        // Read strictly again afterwards: the lenient reading leaves nothing behind.
        assert!(parse_issue(&with_new_fields()).is_err());
    }

    #[test]
    fn an_unknown_field_in_a_faulty_part_does_not_keep_it() {
        let json = SEED.replacen(
            "\"id\": \"a-2\",",
            "\"id\": \"a-2\", \"tags\": [], \"title\": 3,",
            1,
        );
        let (issue, problems) = read_issue(&json).unwrap();
        assert_eq!(issue.articles.len(), 1);
        let kinds: Vec<(&str, Option<Part>)> = problems
            .iter()
            .map(|p| match &p.kind {
                ProblemKind::LeftOut { part, .. } => (p.path.as_str(), Some(*part)),
                _ => (p.path.as_str(), None),
            })
            .collect();
        assert_eq!(
            kinds,
            [
                ("articles[1].title", Some(Part::Article)),
                ("articles[1].tags", Some(Part::Field))
            ]
        );
    }

    #[test]
    fn a_feed_read_as_an_issue_is_said_to_be_one() {
        let feed = include_str!("../../www/issues/feed.json");
        let e = read_issue(feed).unwrap_err();
        assert_eq!(e, Problem::at_path("", ProblemKind::FeedNotIssue));
        // Without a masthead and not a feed: the missing part is named.
        for json in [
            "{\"schema_version\": 1}",
            "{\"schema_version\": 1, \"title\": \"x\"}",
        ] {
            let e = read_issue(json).unwrap_err();
            assert_eq!(
                e.kind,
                ProblemKind::Json(JsonFault::MissingField("masthead".into()))
            );
        }
    }

    #[test]
    fn a_newer_schema_version_still_stops_reading() {
        let json = with_new_fields().replacen("\"schema_version\": 1", "\"schema_version\": 2", 1);
        let e = read_issue(&json).unwrap_err();
        assert!(
            matches!(e.kind, ProblemKind::UnsupportedVersion { .. }),
            "{e}"
        );
    }
}
