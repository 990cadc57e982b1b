//! The network: a request with a timeout and a cap on the bytes read, conditional requests
//! for a kiosk's checks, retries with growing pauses, and an abortable pause.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a request gave no answer to read: the network's faults, apart from what the answer
/// says (that is [`super::load`]'s to judge).
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
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
}

impl FetchError {
    /// A 304 where there is no earlier answer to stand for it (an unconditional request, or
    /// a server that answers 304 to validators it never gave).
    pub fn not_modified(url: &str) -> FetchError {
        FetchError::Http {
            url: url.to_string(),
            status: 304,
        }
    }
}

/// A fault that may pass by itself, so that [`with_retries`] tries again without being asked.
pub trait Transient {
    /// Whether it may pass by itself.
    fn transient(&self) -> bool;
}

impl Transient for FetchError {
    fn transient(&self) -> bool {
        match self {
            FetchError::Network { .. } | FetchError::Timeout { .. } => true,
            FetchError::Http { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            FetchError::Unsafe { .. } | FetchError::TooLarge { .. } => false,
        }
    }
}

/// A retry about to be made, as [`with_retries`] reports it.
#[derive(Clone, Debug, PartialEq)]
pub struct Retry<E> {
    /// What went wrong.
    pub error: E,
    /// The retry about to be made (1-based).
    pub attempt: u32,
    /// How many retries in all; None: without limit (a kiosk).
    pub of: Option<u32>,
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

/// An answer the loader asked for before the viewer ran: the element's issue or feed, with
/// the request the viewer would make (`www/bulletin-viewer.js`, `prefetch`). The viewer's
/// first request for that URL takes it instead of asking again.
struct Prefetched {
    host: web_sys::Element,
    url: String,
    credentials: String,
    response: js_sys::Promise,
    controller: web_sys::AbortController,
}

thread_local! {
    static PREFETCHED: std::cell::RefCell<Vec<Prefetched>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps the loader's request for `host` (`{url, credentials, response, controller}`), if
/// it is one.
pub fn keep_prefetched(host: &web_sys::Element, prefetched: &JsValue) {
    let get = |name: &str| js_sys::Reflect::get(prefetched, &name.into()).ok();
    let (Some(url), Some(credentials), Some(response), Some(controller)) = (
        get("url").and_then(|u| u.as_string()),
        get("credentials").and_then(|c| c.as_string()),
        get("response").and_then(|r| r.dyn_into::<js_sys::Promise>().ok()),
        get("controller").and_then(|c| c.dyn_into::<web_sys::AbortController>().ok()),
    ) else {
        return;
    };
    PREFETCHED.with_borrow_mut(|all| {
        all.push(Prefetched {
            host: host.clone(),
            url,
            credentials,
            response,
            controller,
        })
    });
}

/// Aborts and forgets what the loader asked for `host` and the viewer did not take.
pub fn drop_prefetched(host: &web_sys::Element) {
    PREFETCHED.with_borrow_mut(|all| {
        all.retain(|p| {
            let mine = &p.host == host;
            if mine {
                p.controller.abort();
            }
            !mine
        })
    });
}

/// The loader's request for `url` with these credentials, once.
fn take_prefetched(
    url: &str,
    credentials: web_sys::RequestCredentials,
) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    let credentials = match credentials {
        web_sys::RequestCredentials::Include => "include",
        web_sys::RequestCredentials::Omit => "omit",
        _ => "same-origin",
    };
    PREFETCHED.with_borrow_mut(|all| {
        let at = all
            .iter()
            .position(|p| p.url == url && p.credentials == credentials)?;
        let p = all.swap_remove(at);
        Some((p.response, p.controller))
    })
}

/// Aborts `controller` when `signal` aborts, for as long as it lives.
struct AbortWith {
    signal: web_sys::AbortSignal,
    listener: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl AbortWith {
    fn new(signal: &web_sys::AbortSignal, controller: web_sys::AbortController) -> AbortWith {
        if signal.aborted() {
            controller.abort();
        }
        let listener =
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort());
        let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        AbortWith {
            signal: signal.clone(),
            listener,
        }
    }
}

impl Drop for AbortWith {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}

/// Runs `step` until it succeeds, fails for good, or transient faults have been retried
/// `retries` times (`None`: without limit), waiting 1 s, 2 s, 4 s… (at most `max_pause_ms`)
/// in between; each retry is reported through `on_retry`. None when `signal` aborted it.
pub async fn with_retries<T, E: Transient>(
    signal: &web_sys::AbortSignal,
    retries: Option<u32>,
    max_pause_ms: i32,
    on_retry: impl Fn(Retry<E>),
    mut step: impl AsyncFnMut() -> Result<T, E>,
) -> Option<Result<T, E>> {
    let mut tried = 0u32;
    loop {
        let result = step().await;
        if signal.aborted() {
            return None;
        }
        match result {
            Err(error) if error.transient() && retries.is_none_or(|r| tried < r) => {
                tried += 1;
                on_retry(Retry {
                    error,
                    attempt: tried,
                    of: retries,
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
    /// Where the body stops being UTF-8, if it does (the rest is read with U+FFFD for what
    /// cannot be read, and the reader is told).
    pub bad_utf8: Option<usize>,
}

/// Fetches the text at `url`; `signal` (removal, a new src) aborts it.
pub async fn fetch_text(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) -> Result<Answer, FetchError> {
    // Unconditional: a 304 can only be an error status here.
    let answer = request(url, signal, options, None).await?;
    answer.ok_or_else(|| FetchError::not_modified(url))
}

/// Fetches the text at `url` unless it is unchanged since `since` (None: 304, not
/// modified). The request bypasses the HTTP cache and carries `If-None-Match` /
/// `If-Modified-Since` from those validators.
pub async fn fetch_if_changed(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
    since: &Validators,
) -> Result<Option<Answer>, FetchError> {
    request(url, signal, options, Some(since)).await
}

/// A request, conditional when given validators; None for a 304 to a conditional request.
async fn request(
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
    conditional: Option<&Validators>,
) -> Result<Option<Answer>, FetchError> {
    // A URL the viewer may fetch: http(s), data: and blob: (JSON in the page itself), or
    // relative; a `javascript:` or `file:` src is refused at once, not retried.
    let scheme = crate::model::url_scheme(url.trim());
    let allowed = scheme.is_none_or(|s| {
        ["http", "https", "data", "blob"]
            .iter()
            .any(|a| s.eq_ignore_ascii_case(a))
    });
    if !allowed {
        return Err(FetchError::Unsafe {
            url: url.to_string(),
        });
    }
    let network = |e: JsValue| {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default();
        if name == "TimeoutError" {
            return FetchError::Timeout {
                url: url.to_string(),
                seconds: options.timeout,
            };
        }
        FetchError::Network {
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
    // The loader's request if it made this one (its own timeout, from when it asked), else
    // a new one.
    let prefetched = conditional
        .is_none()
        .then(|| take_prefetched(url, options.credentials))
        .flatten();
    let (pending, _abort) = match prefetched {
        Some((response, controller)) => (response, Some(AbortWith::new(signal, controller))),
        None => (window.fetch_with_str_and_init(url, &init), None),
    };
    let response: web_sys::Response = JsFuture::from(pending)
        .await
        .and_then(|r| r.dyn_into())
        .map_err(network)?;
    if response.status() == 304 && conditional.is_some() {
        return Ok(None);
    }
    if !response.ok() {
        return Err(FetchError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    let content_type = header("content-type").unwrap_or_default();
    let too_large = FetchError::TooLarge {
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
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(at))
        }
    };
    Ok(Some(Answer {
        text,
        bad_utf8,
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
