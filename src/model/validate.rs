//! Checks an [`Issue`] for what its types cannot express, reporting every problem at once.

use super::limits::{over_limits, MAX_LINE, MAX_TEXT};
use super::problem::{Problem, ProblemKind as K};
use super::{Block, Issue, SCHEMA_VERSION};
use std::collections::HashSet;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, path: String, kind: K) {
        self.problems.push(Problem::at_path(path, kind));
    }

    /// Checks a line the reader sees (a title, a label): see [`Checker::text`].
    fn non_empty(&mut self, path: impl FnOnce() -> String, value: &str) {
        self.text(path, value, MAX_LINE);
    }

    /// Checks a text the reader sees: not empty, at most `max` characters, and free of the
    /// invisible bidi controls that can make text read other than it is (a reversed address,
    /// a disguised name).
    fn text(&mut self, path: impl FnOnce() -> String, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.report(path(), K::Empty);
        } else if let Some(c) = value.chars().find(|c| is_bidi_control(*c)) {
            self.report(path(), K::BidiControl(c));
        } else {
            let found = value.chars().count();
            if found > max {
                self.report(path(), K::TooLong { found, max });
            }
        }
    }

    fn optional_non_empty(&mut self, path: impl FnOnce() -> String, value: &Option<String>) {
        if let Some(v) = value {
            self.non_empty(path, v);
        }
    }
}

/// Checks an issue and returns every problem found, in document order (empty when valid).
pub fn validate(issue: &Issue) -> Vec<Problem> {
    let mut c = Checker {
        problems: over_limits(issue),
    };
    if issue.schema_version != SCHEMA_VERSION {
        c.report(
            "schema_version".into(),
            K::UnsupportedVersion {
                found: Some(issue.schema_version.to_string()),
                reads: SCHEMA_VERSION,
            },
        );
    }

    let m = &issue.masthead;
    // A draft leaves a part it could not find empty: said as missing, at the part.
    for (part, path, value) in [
        ("masthead.title", "masthead.title", &m.title),
        ("masthead.issue", "masthead.issue.label", &m.issue.label),
        ("masthead.organ", "masthead.organ", &m.organ),
    ] {
        if value.trim().is_empty() {
            c.report(part.into(), K::Missing);
        } else {
            c.non_empty(|| path.into(), value);
        }
    }
    c.optional_non_empty(|| "masthead.issue.special".into(), &m.issue.special);
    if let Some(cumulative) = &m.cumulative {
        c.non_empty(|| "masthead.cumulative.text".into(), &cumulative.text);
    }
    if m.date.iso.is_empty() && m.date.display.trim().is_empty() {
        c.report("masthead.date".into(), K::Missing);
    } else {
        if !is_iso_date(&m.date.iso) {
            c.report("masthead.date.iso".into(), K::BadDate(m.date.iso.clone()));
        }
        c.non_empty(|| "masthead.date.display".into(), &m.date.display);
    }

    if issue.articles.is_empty() {
        c.report("articles".into(), K::NoArticles);
    }
    let mut ids = HashSet::new();
    for (i, a) in issue.articles.iter().enumerate() {
        let at = |field: &str| format!("articles[{i}].{field}");
        if !is_fragment_id(&a.id) {
            c.report(at("id"), K::BadId(a.id.clone()));
        } else if !ids.insert(a.id.as_str()) {
            c.report(at("id"), K::DuplicateId(a.id.clone()));
        }
        if a.title.trim().is_empty() {
            c.report(at("title"), K::Missing);
        } else {
            c.non_empty(|| at("title"), &a.title);
        }
        c.optional_non_empty(|| at("byline"), &a.byline);
        c.optional_non_empty(|| at("source"), &a.source);
        if a.blocks.is_empty() {
            c.report(at("blocks"), K::NoBlocks);
        }
        for (j, b) in a.blocks.iter().enumerate() {
            let bt = |field: &str| format!("articles[{i}].blocks[{j}].{field}");
            match b {
                Block::Heading { text } => c.non_empty(|| bt("text"), text),
                Block::Paragraph { text } | Block::Quote { text } => {
                    c.text(|| bt("text"), text, MAX_TEXT)
                }
                Block::List { items, .. } => {
                    if items.is_empty() {
                        c.report(bt("items"), K::EmptyList);
                    }
                    for (k, item) in items.iter().enumerate() {
                        c.text(
                            || format!("articles[{i}].blocks[{j}].items[{k}]"),
                            item,
                            MAX_TEXT,
                        );
                    }
                }
                Block::Image { src, alt, caption } => {
                    if !is_safe_url(src) {
                        c.report(bt("src"), K::UnsafeImage(src.clone()));
                    }
                    c.non_empty(|| bt("alt"), alt);
                    c.optional_non_empty(|| bt("caption"), caption);
                }
                Block::Table { rows, caption, .. } => {
                    if rows.is_empty() || rows.iter().all(|r| r.iter().all(|c| c.is_empty())) {
                        c.report(bt("rows"), K::EmptyTable);
                    }
                    for (r, row) in rows.iter().enumerate() {
                        if row.is_empty() {
                            c.report(format!("articles[{i}].blocks[{j}].rows[{r}]"), K::EmptyRow);
                        }
                    }
                    c.optional_non_empty(|| bt("caption"), caption);
                }
            }
        }
    }

    for (i, entry) in issue.contents.iter().enumerate() {
        c.non_empty(|| format!("contents[{i}].title"), &entry.title);
        if entry.article.is_empty() {
            c.report(format!("contents[{i}].article"), K::Missing);
        } else if !ids.contains(entry.article.as_str()) {
            c.report(
                format!("contents[{i}].article"),
                K::UnknownArticle(entry.article.clone()),
            );
        }
    }

    let f = &issue.footer;
    for (i, d) in f.distribution.iter().enumerate() {
        c.non_empty(|| format!("footer.distribution[{i}].label"), &d.label);
        c.text(
            || format!("footer.distribution[{i}].text"),
            &d.text,
            MAX_TEXT,
        );
    }
    for (path, value) in [
        ("footer.editor", &f.editor),
        ("footer.reviewer", &f.reviewer),
        ("footer.signer", &f.signer),
        ("footer.approval", &f.approval),
    ] {
        c.optional_non_empty(|| path.into(), value);
    }
    if let Some(issued) = &f.issued {
        c.optional_non_empty(|| "footer.issued.by".into(), &issued.by);
        if let Some(d) = issued.date.as_ref().filter(|d| !is_iso_date(&d.iso)) {
            c.report("footer.issued.date.iso".into(), K::BadDate(d.iso.clone()));
        }
    }
    for (i, note) in f.notes.iter().enumerate() {
        c.text(|| format!("footer.notes[{i}]"), note, MAX_TEXT);
    }
    if let Some(contact) = &f.contact {
        if let Some(phone) = &contact.phone {
            if tel_digits(phone).is_none() {
                c.report("footer.contact.phone".into(), K::NotPhone(phone.clone()));
            }
        }
        if let Some(email) = &contact.email {
            if !is_email(email) {
                c.report("footer.contact.email".into(), K::NotEmail(email.clone()));
            }
        }
    }
    c.problems
}

/// Unicode bidi embedding, override and isolate controls.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `YYYY-MM-DD` naming a real calendar date.
pub fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<u32>().ok());
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m),
        _ => false,
    }
}

/// Days in month `m` (1–12) of year `y`.
fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// An id that can stand in a URL fragment and an HTML id unchanged.
pub fn is_fragment_id(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|ch| matches!(ch, 'a'..='z' | '0'..='9' | '-'))
}

/// A URL the viewer may load or link (an image, a feed's issue): http(s) or relative, no other
/// scheme, nothing a browser would read as another host.
pub fn is_safe_url(url: &str) -> bool {
    let u = url.trim();
    // Backslashes: browsers read `\\host` and `/\host` as `//host`, another site.
    if u.is_empty() || u.chars().any(|c| c.is_control() || c == '\\') {
        return false;
    }
    match url_scheme(u) {
        Some(s) => s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"),
        None => !u.starts_with("//"),
    }
}

/// The scheme of an absolute URL (`https` of `https://…`), None for a relative one.
pub fn url_scheme(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let s = &url[..end];
    let mut chars = s.chars();
    let valid = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // A colon after a slash, ? or # belongs to a relative path or query.
    (valid && !s.contains(['/', '?', '#'])).then_some(s)
}

/// The digits (and leading +) of a telephone number, for a `tel:` link; None when the text
/// holds anything but digits and the separators printed in numbers.
pub fn tel_digits(phone: &str) -> Option<String> {
    let mut out = String::new();
    for ch in phone.chars() {
        match ch {
            '0'..='9' => out.push(ch),
            '+' if out.is_empty() => out.push(ch),
            ' ' | '-' | '—' | '–' | '(' | ')' | '（' | '）' | '.' => {}
            _ => return None,
        }
    }
    (out.chars().filter(char::is_ascii_digit).count() >= 3).then_some(out)
}

/// A plausible e-mail address: one @, something before it, a dotted domain after it, no
/// spaces or characters that would break a `mailto:` link.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let ok = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    !local.is_empty()
        && local.chars().all(ok)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_iso_date("2024-11-04"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("2024-1-4"));
        assert!(!is_iso_date("２０２４-11-04"));
    }

    #[test]
    fn ids() {
        assert!(is_fragment_id("a-1"));
        assert!(!is_fragment_id("1a"));
        assert!(!is_fragment_id("A-1"));
        assert!(!is_fragment_id("a 1"));
        assert!(!is_fragment_id(""));
    }

    #[test]
    fn safe_urls() {
        assert!(is_safe_url("https://example.gov.cn/a.png"));
        assert!(is_safe_url("images/a.png"));
        assert!(is_safe_url("/images/a.png"));
        assert!(is_safe_url("a.png?x=1:2"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("JaVaScRiPt:alert(1)"));
        assert!(!is_safe_url("data:image/png;base64,AAAA"));
        assert!(!is_safe_url("//evil.example/a.png"));
        assert!(!is_safe_url("\\\\evil.example/a.png"));
        assert!(!is_safe_url("/\\evil.example/a.png"));
        assert!(!is_safe_url("java\nscript:alert(1)"));
    }

    #[test]
    fn bidi_controls_are_reported() {
        let mut issue = crate::model::parse_issue(include_str!(
            "../../www/issues/lianluo-dongtai-2024-18.json"
        ))
        .unwrap();
        issue.contents[0].title = "\u{202E}moc.elgoog".into();
        let problems = validate(&issue);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].path, "contents[0].title");
        assert_eq!(problems[0].kind, K::BidiControl('\u{202E}'));
        assert!(problems[0].to_string().contains("U+202E"));
    }

    #[test]
    fn phones_and_emails() {
        assert_eq!(tel_digits("0731-85309319").as_deref(), Some("073185309319"));
        assert_eq!(tel_digits("0731—85309319").as_deref(), Some("073185309319"));
        assert_eq!(tel_digits("+86 731 8530"), Some("+867318530".into()));
        assert_eq!(tel_digits("javascript:1"), None);
        assert!(is_email("hnrldgwxrc@163.com"));
        assert!(!is_email("hnrldgwxrc@163"));
        assert!(!is_email("a b@163.com"));
        assert!(!is_email("a@b.com?subject=x"));
    }
}
