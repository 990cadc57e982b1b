//! The feed: the issues of a bulletin, newest first, each with where its JSON is. Kiosks
//! follow it for the latest issue; the archive (`bulletin render --feed`) is built from it.

use super::json::{self, fields, list, missing, optional, string, u32_of, At, Fault, Read, Value};
use super::{Issue, Problem, ProblemKind};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// The `schema_version` of feeds this build reads and writes.
pub const FEED_SCHEMA_VERSION: u32 = 1;

/// A bulletin's issues, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Feed {
    /// Version of this format: 1.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1)))]
    pub schema_version: u32,
    /// The bulletin's name, e.g. 联络动态.
    pub title: String,
    /// The issues, newest first.
    pub issues: Vec<FeedEntry>,
    /// 往期检索: URL of the search index's manifest, relative to the feed
    /// (`search/index-<hash>.json`, written by `bulletin feed -o`). Without it the viewer
    /// says that search across issues is not available.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

/// One issue in a feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedEntry {
    /// 期号 as printed: 第18期, 增刊第2期.
    pub label: String,
    /// The number within its series, when it can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// ISO date of the issue, YYYY-MM-DD.
    pub date: String,
    /// The date as printed.
    pub date_display: String,
    /// The bulletin's name.
    pub title: String,
    /// The titles in the issue's 要目, for lists and switchers.
    pub headlines: Vec<String>,
    /// URL of the issue JSON, relative to the feed.
    pub url: String,
}

impl FeedEntry {
    /// How links name this issue: year and number (`2024-17`, as 2024年第17期 is cited), or
    /// the date when there is no number.
    pub fn key(&self) -> String {
        match (self.number, self.date.get(..4)) {
            (Some(n), Some(year)) if year.bytes().all(|b| b.is_ascii_digit()) => {
                format!("{year}-{n}")
            }
            _ => self.date.clone(),
        }
    }

    /// The entry for an issue found at `url`.
    pub fn of(issue: &Issue, url: &str) -> FeedEntry {
        let m = &issue.masthead;
        let headlines = if issue.contents.is_empty() {
            issue.articles.iter().map(|a| a.title.clone()).collect()
        } else {
            issue.contents.iter().map(|c| c.title.clone()).collect()
        };
        FeedEntry {
            label: m.issue.label.clone(),
            number: m.issue.number,
            date: m.date.iso.clone(),
            date_display: m.date.display.clone(),
            title: m.title.clone(),
            headlines,
            url: url.to_string(),
        }
    }
}

/// The keys of a feed's entries ([`FeedEntry::key`]), made unique in publication order: an
/// entry whose key an older one already has (增刊第2期 after 第2期 of one year, a second
/// issue of one day) gets `-2`, `-3`…, so a key never moves to another issue when newer
/// issues are added.
pub fn feed_keys(feed: &Feed) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut keys: Vec<String> = feed
        .issues
        .iter()
        .rev()
        .map(|e| {
            let base = e.key();
            let mut key = base.clone();
            let mut n = 2;
            while !seen.insert(key.clone()) {
                key = format!("{base}-{n}");
                n += 1;
            }
            key
        })
        .collect();
    keys.reverse();
    keys
}

/// A feed of the given issues (with their URLs), newest first: by date, then by number.
pub fn build_feed(issues: &[(String, Issue)]) -> Feed {
    let mut entries: Vec<FeedEntry> = issues
        .iter()
        .map(|(url, i)| FeedEntry::of(i, url))
        .collect();
    newest_first(&mut entries);
    Feed {
        schema_version: FEED_SCHEMA_VERSION,
        title: entries.first().map(|e| e.title.clone()).unwrap_or_default(),
        issues: entries,
        search: None,
    }
}

/// Sorts entries newest first: by date, then by number (then URL, so the order is stable).
fn newest_first(entries: &mut [FeedEntry]) {
    entries.sort_by(|a, b| (&b.date, b.number, &b.url).cmp(&(&a.date, a.number, &a.url)));
}

/// Adds an issue found at `url` to a feed, in the place [`build_feed`] would give it; an
/// entry at the same URL (the issue published again, corrected) is replaced.
pub fn add_to_feed(feed: &mut Feed, issue: &Issue, url: &str) {
    feed.issues.retain(|e| e.url != url);
    feed.issues.push(FeedEntry::of(issue, url));
    newest_first(&mut feed.issues);
    // Named as `build_feed` names it: by its newest issue.
    if let Some(newest) = feed.issues.first() {
        feed.title = newest.title.clone();
    }
}

/// Checks a feed: version, dates, safe relative or http(s) URLs, newest first.
pub fn validate_feed(feed: &Feed) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |path: String, kind| problems.push(Problem::at_path(path, kind));
    if feed.schema_version != FEED_SCHEMA_VERSION {
        report(
            "schema_version".into(),
            ProblemKind::UnsupportedVersion {
                found: Some(feed.schema_version.to_string()),
                reads: FEED_SCHEMA_VERSION,
            },
        );
    }
    if let Some(url) = &feed.search {
        if url.trim().is_empty() || !super::is_safe_url(url) {
            report("search".into(), ProblemKind::UnsafeUrl(url.clone()));
        }
    }
    for (i, e) in feed.issues.iter().enumerate() {
        if !super::is_iso_date(&e.date) {
            report(
                format!("issues[{i}].date"),
                ProblemKind::BadDate(e.date.clone()),
            );
        }
        if e.url.trim().is_empty() || !super::is_safe_url(&e.url) {
            report(
                format!("issues[{i}].url"),
                ProblemKind::UnsafeUrl(e.url.clone()),
            );
        }
        if let Some(prev) = i.checked_sub(1).and_then(|p| feed.issues.get(p)) {
            if e.date > prev.date {
                report(format!("issues[{i}].date"), ProblemKind::NotNewestFirst);
            }
        }
    }
    problems
}

/// Reads feed JSON strictly, with the JSON path of any fault.
pub fn parse_feed(json: &str) -> Result<Feed, super::ParseError> {
    json::parse(json)
        .and_then(|v| feed(&v, &At::TOP))
        .map_err(|f| super::read::parse_error(json, f))
}

/// Reads feed JSON for showing: as [`parse_feed`], but a field the format does not have is
/// read past, its fault given beside the feed: a newer `bulletin feed` may add optional
/// fields within one `schema_version`, and an older viewer still shows the feed (noting them
/// in the console).
#[cfg_attr(not(feature = "viewer"), allow(dead_code))]
pub(crate) fn read_feed(json: &str) -> Result<(Feed, Vec<Fault>), Problem> {
    let placed = |f| Problem::from(super::read::parse_error(json, f));
    let v = json::parse(json).map_err(placed)?;
    let ignored = RefCell::new(Vec::new());
    match feed(&v, &At::lenient(&ignored)) {
        Ok(feed) => Ok((feed, ignored.into_inner())),
        // An issue where a feed was expected: said so, rather than its missing title.
        Err(f) if f.path.is_empty() && json::member(&v, "masthead").is_some() => {
            Err(Problem::at_path("", ProblemKind::IssueNotFeed))
        }
        Err(f) => Err(placed(f)),
    }
}

fn feed(v: &Value, at: &At) -> Read<Feed> {
    const NAMES: &[&str] = &["schema_version", "title", "issues", "search"];
    let mut f = fields(v, at, "struct Feed", NAMES)?;
    let (mut version, mut title, mut issues, mut search) = (None, None, None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            0 => version = Some(u32_of(x, &at)?),
            1 => title = Some(string(x, &at)?),
            2 => issues = Some(list(x, &at, entry)?),
            _ => search = optional(Some(x), &at, string)?,
        }
    }
    Ok(Feed {
        schema_version: version.ok_or_else(|| missing(v, at, "schema_version"))?,
        title: title.ok_or_else(|| missing(v, at, "title"))?,
        issues: issues.ok_or_else(|| missing(v, at, "issues"))?,
        search,
    })
}

fn entry(v: &Value, at: &At) -> Read<FeedEntry> {
    const NAMES: &[&str] = &[
        "label",
        "number",
        "date",
        "date_display",
        "title",
        "headlines",
        "url",
    ];
    let mut f = fields(v, at, "struct FeedEntry", NAMES)?;
    let mut texts: [Option<String>; 5] = Default::default();
    let (mut number, mut headlines) = (None, None);
    while let Some(m) = f.next(at, None) {
        let (i, x) = m?;
        let at = at.key(NAMES[i]);
        match i {
            1 => number = optional(Some(x), &at, u32_of)?,
            5 => headlines = Some(list(x, &at, string)?),
            _ => texts[TEXT_SLOT[i]] = Some(string(x, &at)?),
        }
    }
    let [label, date, date_display, title, url] = texts;
    let need = |x: Option<String>, name| x.ok_or_else(|| missing(v, at, name));
    Ok(FeedEntry {
        label: need(label, "label")?,
        number,
        date: need(date, "date")?,
        date_display: need(date_display, "date_display")?,
        title: need(title, "title")?,
        headlines: headlines.ok_or_else(|| missing(v, at, "headlines"))?,
        url: need(url, "url")?,
    })
}

/// Where each text field of a feed entry is kept while reading (by its index in the names).
const TEXT_SLOT: [usize; 7] = [0, 0, 1, 2, 3, 0, 4];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::JsonFault;

    const FEED: &str = include_str!("../../www/issues/feed.json");

    #[test]
    fn read_feed_passes_over_unknown_fields_and_names_them() {
        let json = FEED
            .replacen(
                "\"schema_version\": 1,",
                "\"schema_version\": 1, \"lang\": \"zh-CN\",",
                1,
            )
            .replacen("\"label\":", "\"cover\": \"c.png\", \"label\":", 1);
        let (feed, ignored) = read_feed(&json).unwrap();
        assert_eq!(feed, parse_feed(FEED).unwrap());
        let paths: Vec<&str> = ignored.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["lang", "issues[0].cover"]);
        assert!(ignored
            .iter()
            .all(|f| matches!(f.fault, JsonFault::UnknownField { .. })));
        // The strict reading (the CLI's) refuses the first.
        assert_eq!(parse_feed(&json).unwrap_err().path, "lang");
    }

    #[test]
    fn a_feed_field_this_build_knows_is_read_as_ever() {
        // `search` (往期检索) is the field a viewer before it refused a feed for.
        let (feed, ignored) = read_feed(FEED).unwrap();
        assert!(ignored.is_empty(), "{ignored:?}");
        assert!(feed.search.is_some_and(|s| s.starts_with("search/index-")));
    }

    #[test]
    fn an_issue_read_as_a_feed_is_said_to_be_one() {
        let issue = include_str!("../../www/issues/lianluo-dongtai-2024-18.json");
        let e = read_feed(issue).unwrap_err();
        assert_eq!(e, Problem::at_path("", ProblemKind::IssueNotFeed));
        // A feed missing a required field, not an issue: the field is named.
        let e = read_feed("{\"schema_version\": 1, \"title\": \"x\"}").unwrap_err();
        assert_eq!(
            e.kind,
            ProblemKind::Json(JsonFault::MissingField("issues".into()))
        );
        // A faulty entry still refuses the feed (only unknown fields are read past).
        let json = FEED.replacen("\"label\":", "\"number\": \"x\", \"label\":", 1);
        assert_eq!(read_feed(&json).unwrap_err().path, "issues[0].number");
    }
}
