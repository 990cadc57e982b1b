//! Loading an issue: the states the viewer can be in, why it can fail, and reading an answer
//! as an issue or a feed (the checks that tell a faulty answer apart). The network itself is
//! in [`super::fetch`].

use super::fetch::{fetch_text, Answer, FetchError, FetchOptions, Retry, Transient};
use crate::model::json::Fault;
use crate::model::{
    feed_keys, is_safe_url, read_feed, read_issue_apart, validate, validate_feed, Block, Feed,
    Issue, Problem, ProblemKind,
};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Every state the viewer can be in.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// The issue is being fetched.
    Loading,
    /// A transient fault; the viewer tries again by itself after a pause.
    Retrying {
        /// What went wrong.
        error: LoadError,
        /// The retry about to be made (1-based).
        attempt: u32,
        /// How many retries in all; None: without limit (a kiosk).
        of: Option<u32>,
    },
    /// The issue was read.
    Loaded(Loaded),
    /// The issue could not be shown.
    Failed(LoadError),
}

/// An issue read, with what was left out or is wrong in it (shown above it).
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The issue.
    pub issue: Rc<Issue>,
    /// What is wrong with it, if anything.
    pub problems: Rc<Vec<Problem>>,
}

/// Why an issue could not be shown.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// No issue URL was given.
    NoSource,
    /// The request did not complete (offline, refused, blocked by CORS, redirect loop…).
    Network {
        /// The URL requested.
        url: String,
        /// What the browser said.
        detail: String,
    },
    /// No answer within the time allowed.
    Timeout {
        /// The URL requested.
        url: String,
        /// The time allowed, in seconds.
        seconds: u32,
    },
    /// The server answered with an error status.
    Http {
        /// The URL requested.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The URL is not one the viewer may fetch (only http and https).
    Unsafe {
        /// The URL given.
        url: String,
    },
    /// The answer is larger than the viewer reads.
    TooLarge {
        /// The URL requested.
        url: String,
        /// The cap, in bytes.
        limit: u32,
    },
    /// The answer is a web page (an error page, a login page), not issue JSON.
    NotJson {
        /// The URL requested.
        url: String,
        /// The Content-Type the server gave.
        content_type: String,
    },
    /// The answer is empty.
    Empty {
        /// The URL requested.
        url: String,
    },
    /// The answer is not readable issue JSON.
    Invalid {
        /// The URL requested.
        url: String,
        /// The Content-Type the server gave.
        content_type: String,
        /// Where and what.
        error: Box<Problem>,
    },
}

/// A fault of the network may pass by itself (the viewer retries without being asked); a
/// faulty answer does not.
impl Transient for LoadError {
    fn transient(&self) -> bool {
        match self {
            LoadError::Network { .. } | LoadError::Timeout { .. } => true,
            LoadError::Http { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            _ => false,
        }
    }
}

/// The network's faults are the first faults of loading, by the same names.
impl From<FetchError> for LoadError {
    fn from(e: FetchError) -> Self {
        match e {
            FetchError::Network { url, detail } => LoadError::Network { url, detail },
            FetchError::Timeout { url, seconds } => LoadError::Timeout { url, seconds },
            FetchError::Http { url, status } => LoadError::Http { url, status },
            FetchError::Unsafe { url } => LoadError::Unsafe { url },
            FetchError::TooLarge { url, limit } => LoadError::TooLarge { url, limit },
        }
    }
}

impl From<Retry<LoadError>> for LoadState {
    fn from(r: Retry<LoadError>) -> Self {
        LoadState::Retrying {
            error: r.error,
            attempt: r.attempt,
            of: r.of,
        }
    }
}

/// Reads issue JSON text into the loaded state. Relative image URLs in the issue are
/// relative to the issue's own URL (`base`), as in an HTML document, not to the page.
pub fn read(url: &str, base: &str, content_type: &str, text: &str) -> Result<Loaded, LoadError> {
    let (mut issue, mut problems, ignored) =
        read_issue_apart(text).map_err(|error| LoadError::Invalid {
            url: url.to_string(),
            content_type: content_type.to_string(),
            error: Box::new(error),
        })?;
    note_ignored(url, &ignored);
    problems.extend(validate(&issue));
    resolve_images(&mut issue, base);
    Ok(Loaded {
        issue: Rc::new(issue),
        problems: Rc::new(problems),
    })
}

/// Notes in the console the fields this build does not know, read past (a newer `bulletin`
/// wrote them: the compatibility rule, README “Release”); the reader is not shown them.
fn note_ignored(url: &str, ignored: &[Fault]) {
    for f in ignored {
        let note = format!(
            "<bulletin-viewer>: {url}: {}: unknown field, ignored",
            f.path
        );
        web_sys::console::warn_1(&JsValue::from_str(&note));
    }
}

/// Makes the relative image URLs of an issue absolute, against `base`. Unsafe ones are left
/// alone: validation reported them and the renderer will not load them.
fn resolve_images(issue: &mut Issue, base: &str) {
    for article in &mut issue.articles {
        for block in &mut article.blocks {
            if let Block::Image { src, .. } = block {
                if is_safe_url(src) {
                    if let Ok(url) = web_sys::Url::new_with_base(src, base) {
                        *src = url.href();
                    }
                }
            }
        }
    }
}

/// Fetches and reads the issue at `url`; `signal` (removal, a new src) aborts it.
pub async fn fetch_issue(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) -> Result<Loaded, LoadError> {
    issue_of(url, &fetch_text(url, signal, options).await?)
}

/// Fetches and reads the feed at `url`.
pub async fn fetch_feed(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) -> Result<Shelf, LoadError> {
    feed_of(url, &fetch_text(url, signal, options).await?)
}

/// The text of an answer, once it is known to be neither empty nor a web page.
fn json_text<'a>(url: &str, answer: &'a Answer) -> Result<&'a str, LoadError> {
    let start = answer
        .text
        .trim_start_matches(['\u{feff}', ' ', '\n', '\r', '\t']);
    if start.is_empty() {
        return Err(LoadError::Empty {
            url: url.to_string(),
        });
    }
    // An HTML page where JSON was expected: say so rather than quote a JSON error.
    if start.starts_with('<') {
        return Err(LoadError::NotJson {
            url: url.to_string(),
            content_type: answer.content_type.clone(),
        });
    }
    // A byte-order mark is not part of the JSON (Response.text() drops it too).
    Ok(answer.text.strip_prefix('\u{feff}').unwrap_or(&answer.text))
}

/// Reads an answer as an issue.
pub fn issue_of(url: &str, answer: &Answer) -> Result<Loaded, LoadError> {
    let text = json_text(url, answer)?;
    // (A feed where an issue was expected is said so by the reader: ProblemKind::FeedNotIssue.)
    let mut loaded = read(url, &answer.url, &answer.content_type, text)?;
    if let Some(byte) = answer.bad_utf8 {
        let problem = Problem::at_path("", ProblemKind::NotUtf8 { byte });
        Rc::make_mut(&mut loaded.problems).insert(0, problem);
    }
    Ok(loaded)
}

/// A feed whose issue URLs are absolute and safe; what was wrong with it goes to the console.
#[derive(Debug, PartialEq)]
pub struct Shelf {
    /// The feed's entries that can be fetched, newest first.
    pub feed: Feed,
    /// Their keys in links (unique, and stable as issues are added).
    pub keys: Vec<String>,
    /// Why the feed's newest entry was left out, if it was: a reader still gets the others,
    /// a kiosk (which shows only the newest) reports it.
    pub newest_unusable: Option<LoadError>,
    /// The feed's URL (after redirects): its issues' URLs in the index are relative to it.
    pub url: String,
    /// The absolute URL of its search index's manifest (往期检索), if it has a safe one.
    pub search: Option<String>,
}

impl Shelf {
    /// The entry a fragment's issue key names, else the newest; None for an empty feed.
    pub fn pick(&self, key: Option<&str>) -> Option<usize> {
        let named = key.and_then(|k| self.keys.iter().position(|x| x == k));
        named.or((!self.feed.issues.is_empty()).then_some(0))
    }
}

/// Reads an answer as a feed: entries with unsafe URLs are left out (with a console warning),
/// the others made absolute against the feed's own URL. A feed with no usable issue is an
/// error.
pub fn feed_of(url: &str, answer: &Answer) -> Result<Shelf, LoadError> {
    let text = json_text(url, answer)?;
    let invalid = |error: Problem| LoadError::Invalid {
        url: url.to_string(),
        content_type: answer.content_type.clone(),
        error: Box::new(error),
    };
    let fault = |path: &str, kind| invalid(Problem::at_path(path, kind));
    // (An issue where a feed was expected is said so by the reader: ProblemKind::IssueNotFeed.)
    let (mut feed, ignored) = read_feed(text).map_err(invalid)?;
    note_ignored(url, &ignored);
    for p in validate_feed(&feed) {
        let message = format!("<bulletin-viewer>: feed {url}: {p}");
        web_sys::console::warn_1(&JsValue::from_str(&message));
    }
    // Keys from the whole feed, so that leaving an entry out does not change the others'.
    let mut keys = feed_keys(&feed);
    let usable: Vec<bool> = feed
        .issues
        .iter()
        .map(|e| !e.url.trim().is_empty() && is_safe_url(&e.url))
        .collect();
    let newest_unusable = match feed.issues.first() {
        None => return Err(fault("issues", ProblemKind::NoIssues)),
        Some(e) if !usable[0] => Some(fault(
            "issues[0].url",
            ProblemKind::UnsafeUrl(e.url.clone()),
        )),
        Some(_) => None,
    };
    let mut flags = usable.iter();
    feed.issues.retain(|_| *flags.next().unwrap_or(&false));
    let mut flags = usable.iter();
    keys.retain(|_| *flags.next().unwrap_or(&false));
    if let (true, Some(e)) = (feed.issues.is_empty(), &newest_unusable) {
        return Err(e.clone());
    }
    for e in &mut feed.issues {
        if let Ok(u) = web_sys::Url::new_with_base(e.url.trim(), &answer.url) {
            e.url = u.href();
        }
    }
    // Only an index beside the feed's own origin: a query's words are not sent elsewhere.
    let origin = web_sys::Url::new(&answer.url).map(|u| u.origin());
    let search = feed
        .search
        .as_deref()
        .filter(|u| !u.trim().is_empty() && is_safe_url(u))
        .and_then(|u| web_sys::Url::new_with_base(u.trim(), &answer.url).ok())
        .filter(|u| origin.as_ref().is_ok_and(|o| *o == u.origin()))
        .map(|u| u.href());
    Ok(Shelf {
        feed,
        keys,
        newest_unusable,
        url: answer.url.clone(),
        search,
    })
}
