//! Loading an issue: the states the viewer can be in, and the fetch that moves between them.

use crate::model::{is_safe_image_url, parse_issue, validate, Block, Issue, ParseError, Problem};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Every state the viewer can be in.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadState {
    /// The issue is being fetched.
    Loading,
    /// The issue was read; `problems` lists what validation found (shown above the issue).
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
    /// The request did not complete (offline, refused, blocked by CORS…).
    Network {
        /// The URL requested.
        url: String,
        /// What the browser said.
        detail: String,
    },
    /// The server answered with an error status.
    Http {
        /// The URL requested.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// The answer is not issue JSON.
    Invalid {
        /// The URL requested.
        url: String,
        /// Where and what.
        error: ParseError,
    },
}

impl LoadError {
    /// Whether trying again may help.
    pub fn retryable(&self) -> bool {
        match self {
            LoadError::Network { .. } => true,
            LoadError::Http { status, .. } => *status >= 500 || *status == 408 || *status == 429,
            LoadError::Invalid { .. } | LoadError::NoSource => false,
        }
    }
}

/// Reads issue JSON text into the loaded state. Relative image URLs in the issue are
/// relative to the issue's own URL (`base`), as in an HTML document, not to the page.
pub fn read(url: &str, base: &str, text: &str) -> LoadState {
    match parse_issue(text) {
        Ok(mut issue) => {
            let problems = validate(&issue);
            resolve_images(&mut issue, base);
            LoadState::Loaded {
                issue: Rc::new(issue),
                problems: Rc::new(problems),
            }
        }
        Err(error) => LoadState::Failed(LoadError::Invalid {
            url: url.to_string(),
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

/// Fetches and reads the issue at `url`; `signal` aborts the request.
pub async fn fetch(url: &str, signal: Option<&web_sys::AbortSignal>) -> LoadState {
    match fetch_text(url, signal).await {
        Ok((text, final_url)) => read(url, &final_url, &text),
        Err(e) => LoadState::Failed(e),
    }
}

/// The body of the answer, and the URL it finally came from (after redirects).
async fn fetch_text(
    url: &str,
    signal: Option<&web_sys::AbortSignal>,
) -> Result<(String, String), LoadError> {
    let network = |e: JsValue| LoadError::Network {
        url: url.to_string(),
        detail: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_default(),
    };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let init = web_sys::RequestInit::new();
    init.set_signal(signal);
    // No cookies to other origins (the fetch default, said explicitly).
    init.set_credentials(web_sys::RequestCredentials::SameOrigin);
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .and_then(|r| r.dyn_into())
        .map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?;
    Ok((text.as_string().unwrap_or_default(), response.url()))
}
