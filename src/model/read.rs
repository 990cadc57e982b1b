//! Reading issue JSON as far as it goes: a valid issue is read whole; in a faulty one, the
//! articles, 要目 entries and 报尾 that can be read are kept and each part that cannot is
//! reported with its JSON path, line and column — nothing is dropped without a word. Only a
//! file that is not JSON, an unsupported `schema_version` or an unreadable masthead stop it.

use super::limits::apply_limits;
use super::problem::{Part, Position, ProblemKind};
use super::SCHEMA_VERSION;
use super::{Article, ContentsEntry, Footer, Issue, Masthead, ParseError, Problem};
use serde::Deserialize;
use serde_json::value::RawValue;

/// The top level of an issue, its parts still unread.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Parts<'a> {
    #[serde(borrow)]
    schema_version: Option<&'a RawValue>,
    #[serde(borrow)]
    masthead: Option<&'a RawValue>,
    #[serde(borrow, default)]
    contents: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    articles: Option<Vec<&'a RawValue>>,
    #[serde(borrow)]
    footer: Option<&'a RawValue>,
}

/// Reads issue JSON for showing: the issue, and the problems met on the way (parts left out,
/// limits applied). Errs only when nothing sensible can be shown: then the problem is a
/// fault of the JSON text ([`ProblemKind::Json`]) or an unsupported version, with its place.
pub fn read_issue(json: &str) -> Result<(Issue, Vec<Problem>), Problem> {
    let strict = serde_json::from_str::<Issue>(json);
    let (mut issue, mut problems) = match strict {
        Ok(issue) => {
            check_version(Some(issue.schema_version), None)?;
            (issue, Vec::new())
        }
        Err(e) => lenient(json, super::parse_error(json, &e).into())?,
    };
    problems.extend(apply_limits(&mut issue));
    Ok((issue, problems))
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

fn lenient(json: &str, strict: Problem) -> Result<(Issue, Vec<Problem>), Problem> {
    // Not even the outline reads (not JSON, not an object, a part of the wrong kind):
    // the strict error says best where.
    let parts: Parts = serde_json::from_str(json).map_err(|_| strict.clone())?;
    let version = parts
        .schema_version
        .map(|r| (serde_json::from_str::<u32>(r.get()).ok(), r.get()));
    match version {
        Some((v, raw)) => check_version(v, Some(raw))?,
        None => check_version(None, None)?,
    }
    let masthead_raw = parts.masthead.ok_or_else(|| strict.clone())?;
    let masthead: Masthead = part(json, masthead_raw, "masthead")?;
    let mut problems = Vec::new();

    let mut contents = Vec::new();
    for (i, raw) in parts.contents.unwrap_or_default().into_iter().enumerate() {
        match part::<ContentsEntry>(json, raw, &format!("contents[{i}]")) {
            Ok(entry) => contents.push(entry),
            Err(e) => problems.push(left_out(e, Part::ContentsEntry)),
        }
    }
    let mut articles = Vec::new();
    for (i, raw) in parts
        .articles
        .ok_or_else(|| strict.clone())?
        .into_iter()
        .enumerate()
    {
        match part::<Article>(json, raw, &format!("articles[{i}]")) {
            Ok(article) => articles.push(article),
            Err(e) => problems.push(left_out(e, Part::Article)),
        }
    }
    let footer = match parts.footer {
        None => Footer::default(),
        Some(raw) => part::<Footer>(json, raw, "footer").unwrap_or_else(|e| {
            problems.push(left_out(e, Part::Footer));
            Footer::default()
        }),
    };
    if problems.is_empty() {
        // Every part reads alone, so the fault is in how they stand together.
        return Err(strict);
    }
    let issue = Issue {
        schema_version: SCHEMA_VERSION,
        masthead,
        contents,
        articles,
        footer,
    };
    Ok((issue, problems))
}

/// Reads one part of the issue; errors carry the part's path and the position in the whole.
fn part<T: for<'de> Deserialize<'de>>(
    json: &str,
    raw: &RawValue,
    path: &str,
) -> Result<T, ParseError> {
    serde_json::from_str(raw.get()).map_err(|e| placed(json, raw, path, &e))
}

/// An error inside a part, placed in the whole text (one function for every kind of part:
/// only the reading itself is generic).
fn placed(json: &str, raw: &RawValue, path: &str, e: &serde_json::Error) -> ParseError {
    let inner = super::parse_error(raw.get(), e);
    // Where the part starts in the whole text, to give line and column there.
    let offset = (raw.get().as_ptr() as usize).saturating_sub(json.as_ptr() as usize);
    let before = json.get(..offset).unwrap_or_default();
    let base_line = before.matches('\n').count() + 1;
    let base_col = before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    let (line, column) = if inner.line == 1 {
        (base_line, base_col + inner.column)
    } else {
        (base_line + inner.line - 1, inner.column)
    };
    ParseError {
        path: match (path, inner.path.as_str()) {
            (p, "") => p.to_string(),
            (p, i) if i.starts_with('[') => format!("{p}{i}"),
            (p, i) => format!("{p}.{i}"),
        },
        line,
        column,
        fault: inner.fault,
    }
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
