//! Loading an issue: the states the viewer can be in, and the fetch that moves between them,
//! with a timeout, a cap on the size read, and the checks that tell a faulty answer apart.

use crate::model::{
    feed_keys, is_safe_image_url, parse_feed, read_issue, validate, validate_feed, Block, Feed,
    Issue, ParseError, Problem,
};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

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
        /// How many retries in all.
        of: u32,
    },
    /// The issue was read; `problems` lists what was left out or is wrong (shown above it).
    Loaded {
        /// The issue.
        issue: Rc<Issue>,
        /// What is wrong with it, if anything.
        problems: Rc<Vec<Problem>>,
    },
    /// The issue could not be shown.
    Failed(LoadError),
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
    /// The answer is larger than the viewer reads.
    TooLarge {
        /// The URL requested.
        url: String,
        /// The cap, in bytes.
        limit: u32,
    },
    /// The answer is not readable issue JSON.
    Invalid {
        /// The URL requested.
        url: String,
        /// The Content-Type the server gave.
        content_type: String,
        /// Where and what.
        error: ParseError,
    },
}

impl LoadError {
    /// Whether the fault may pass by itself, so that the viewer retries without being asked.
    pub fn transient(&self) -> bool {
        match self {
            LoadError::Network { .. } | LoadError::Timeout { .. } => true,
            LoadError::Http { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            _ => false,
        }
    }
}

/// How to fetch: the element's `timeout`, `max-bytes` and `credentials` attributes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FetchOptions {
    /// Seconds to wait for the whole answer.
    pub timeout: u32,
    /// The most bytes read before giving up.
    pub max_bytes: u32,
    /// Cookies and credentials: same-origin (default), include, omit.
    pub credentials: web_sys::RequestCredentials,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: crate::ui::defaults::TIMEOUT,
            max_bytes: crate::ui::defaults::MAX_BYTES,
            credentials: web_sys::RequestCredentials::SameOrigin,
        }
    }
}

/// Reads issue JSON text into the loaded state. Relative image URLs in the issue are
/// relative to the issue's own URL (`base`), as in an HTML document, not to the page.
pub fn read(url: &str, base: &str, content_type: &str, text: &str) -> LoadState {
    match read_issue(text) {
        Ok((mut issue, mut problems)) => {
            problems.extend(validate(&issue));
            resolve_images(&mut issue, base);
            LoadState::Loaded {
                issue: Rc::new(issue),
                problems: Rc::new(problems),
            }
        }
        Err(error) => LoadState::Failed(LoadError::Invalid {
            url: url.to_string(),
            content_type: content_type.to_string(),
            error,
        }),
    }
}

/// Makes the relative image URLs of an issue absolute, against `base`. Unsafe ones are left
/// alone: validation reported them and the renderer will not load them.
fn resolve_images(issue: &mut Issue, base: &str) {
    for article in &mut issue.articles {
        for block in &mut article.blocks {
            if let Block::Image { src, .. } = block {
                if is_safe_image_url(src) {
                    if let Ok(url) = web_sys::Url::new_with_base(src, base) {
                        *src = url.href();
                    }
                }
            }
        }
    }
}

/// Fetches and reads the issue at `url` (the loaded state); `signal` (removal, a new src)
/// aborts it.
pub async fn fetch(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) -> Result<LoadState, LoadError> {
    match fetch_text(url, signal, options, None).await? {
        Fetched::Fresh(answer) => match issue_of(url, &answer) {
            LoadState::Failed(e) => Err(e),
            loaded => Ok(loaded),
        },
        Fetched::NotModified => Err(LoadError::Http {
            url: url.to_string(),
            status: 304,
        }),
    }
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
pub fn issue_of(url: &str, answer: &Answer) -> LoadState {
    match json_text(url, answer) {
        Ok(text) => read(url, &answer.url, &answer.content_type, text),
        Err(e) => LoadState::Failed(e),
    }
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
    let invalid = |error| LoadError::Invalid {
        url: url.to_string(),
        content_type: answer.content_type.clone(),
        error,
    };
    let fault = |path: &str, message: String| {
        invalid(ParseError {
            path: path.to_string(),
            line: 0,
            column: 0,
            message,
        })
    };
    let mut feed = parse_feed(text).map_err(invalid)?;
    for p in validate_feed(&feed) {
        let message = format!("<bulletin-viewer>: feed {url}: {}: {}", p.path, p.message);
        web_sys::console::warn_1(&JsValue::from_str(&message));
    }
    // Keys from the whole feed, so that leaving an entry out does not change the others'.
    let mut keys = feed_keys(&feed);
    let usable: Vec<bool> = feed
        .issues
        .iter()
        .map(|e| !e.url.trim().is_empty() && is_safe_image_url(&e.url))
        .collect();
    let newest_unusable = match feed.issues.first() {
        None => return Err(fault("issues", "the feed lists no issues".into())),
        Some(e) if !usable[0] => Some(fault(
            "issues[0].url",
            format!("\"{}\" is not an http(s) or relative URL", e.url),
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
    Ok(Shelf {
        feed,
        keys,
        newest_unusable,
    })
}

/// Fetches and reads the feed at `url`.
pub async fn fetch_feed(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) -> Result<Shelf, LoadError> {
    match fetch_text(url, signal, options, None).await? {
        Fetched::Fresh(answer) => feed_of(url, &answer),
        Fetched::NotModified => Err(LoadError::Http {
            url: url.to_string(),
            status: 304,
        }),
    }
}

/// Runs `step` until it succeeds, fails for good, or transient faults have been retried
/// `retries` times (`None`: without end), waiting 1 s, 2 s, 4 s… (at most `max_pause_ms`)
/// in between; each retry is reported through `on_retry`. None when `signal` aborted it.
pub async fn with_retries<T>(
    signal: &web_sys::AbortSignal,
    retries: Option<u32>,
    max_pause_ms: i32,
    on_retry: impl Fn(LoadState),
    mut step: impl AsyncFnMut() -> Result<T, LoadError>,
) -> Option<Result<T, LoadError>> {
    let mut tried = 0u32;
    loop {
        let result = step().await;
        if signal.aborted() {
            return None;
        }
        match result {
            Err(error) if error.transient() && retries.is_none_or(|r| tried < r) => {
                tried += 1;
                on_retry(LoadState::Retrying {
                    error,
                    attempt: tried,
                    of: retries.unwrap_or(0),
                });
                pause(retry_pause(tried, max_pause_ms), signal).await;
                if signal.aborted() {
                    return None;
                }
            }
            other => return Some(other),
        }
    }
}

/// The pause before retry `n` (1-based): 1 s, 2 s, 4 s… at most `max_ms`.
pub fn retry_pause(n: u32, max_ms: i32) -> i32 {
    (1000i32 << n.saturating_sub(1).min(16)).min(max_ms)
}

/// Validators of an earlier answer (`ETag`, `Last-Modified`), for a conditional request.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Validators {
    /// The answer's `ETag`.
    pub etag: Option<String>,
    /// The answer's `Last-Modified`.
    pub last_modified: Option<String>,
}

/// What a request brought.
pub enum Fetched {
    /// A full answer.
    Fresh(Answer),
    /// 304: unchanged since the validators given.
    NotModified,
}

/// A full answer.
pub struct Answer {
    /// The body.
    pub text: String,
    /// The URL it came from, after redirects.
    pub url: String,
    /// Its Content-Type.
    pub content_type: String,
    /// Its validators, for the next conditional request.
    pub validators: Validators,
}

/// Fetches the text at `url`. With `conditional`, the request bypasses the HTTP cache and
/// carries `If-None-Match` / `If-Modified-Since` from those validators, so that the server
/// can answer 304.
pub async fn fetch_text(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
    conditional: Option<&Validators>,
) -> Result<Fetched, LoadError> {
    let network = |e: JsValue| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "TimeoutError" {
            return LoadError::Timeout {
                url: url.to_string(),
                seconds: options.timeout,
            };
        }
        LoadError::Network {
            url: url.to_string(),
            detail: e
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .or_else(|| e.as_string())
                .unwrap_or_default(),
        }
    };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    // Aborted by whichever comes first: the caller, or the time allowed.
    let timeout = web_sys::AbortSignal::timeout_with_u32(options.timeout.saturating_mul(1000));
    let both = web_sys::AbortSignal::any(&js_sys::Array::of2(signal, &timeout));
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&both));
    init.set_credentials(options.credentials);
    if let Some(v) = conditional {
        init.set_cache(web_sys::RequestCache::NoStore);
        if let Ok(headers) = web_sys::Headers::new() {
            if let Some(etag) = &v.etag {
                let _ = headers.set("If-None-Match", etag);
            }
            if let Some(date) = &v.last_modified {
                let _ = headers.set("If-Modified-Since", date);
            }
            init.set_headers(&headers);
        }
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .and_then(|r| r.dyn_into())
        .map_err(network)?;
    if response.status() == 304 && conditional.is_some() {
        return Ok(Fetched::NotModified);
    }
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let content_type = header("content-type").unwrap_or_default();
    let too_large = LoadError::TooLarge {
        url: url.to_string(),
        limit: options.max_bytes,
    };
    let declared: Option<u64> = header("content-length").and_then(|l| l.parse().ok());
    if declared.is_some_and(|n| n > u64::from(options.max_bytes)) {
        return Err(too_large);
    }
    // Read the body chunk by chunk, counting, so an endless answer is cut off at the cap.
    let mut bytes: Vec<u8> = Vec::new();
    if let Some(body) = response.body() {
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(network)?;
            let done = js_sys::Reflect::get(&chunk, &"done".into())
                .map(|d| d.is_truthy())
                .unwrap_or(true);
            if done {
                break;
            }
            let value = js_sys::Reflect::get(&chunk, &"value".into()).map_err(network)?;
            let part = js_sys::Uint8Array::new(&value);
            if bytes.len() as u64 + u64::from(part.length()) > u64::from(options.max_bytes) {
                let _ = reader.cancel();
                return Err(too_large);
            }
            let start = bytes.len();
            bytes.resize(start + part.length() as usize, 0);
            part.copy_to(&mut bytes[start..]);
        }
    }
    Ok(Fetched::Fresh(Answer {
        text: String::from_utf8_lossy(&bytes).into_owned(),
        url: response.url(),
        content_type,
        validators: Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        },
    }))
}

/// Waits `ms` milliseconds, or less if `signal` aborts first; the timer and the listener are
/// both removed afterwards, whichever came first.
pub async fn pause(ms: i32, signal: &web_sys::AbortSignal) {
    if signal.aborted() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut resolve_fn = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| resolve_fn = Some(resolve));
    let Some(resolve) = resolve_fn else {
        return;
    };
    let id = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
        .unwrap_or_default();
    let on_abort = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
        let _ = resolve.call0(&JsValue::NULL);
    });
    let _ = signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
    let _ = JsFuture::from(promise).await;
    window.clear_timeout_with_handle(id);
    let _ = signal.remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
}
