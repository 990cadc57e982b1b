//! Loading an issue: the states the viewer can be in, and the fetch that moves between them.

use crate::model::{parse_issue, validate, Issue, ParseError, Problem};
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
            LoadError::Invalid { .. } => false,
        }
    }
}

/// Reads issue JSON text into the loaded state.
pub fn read(url: &str, text: &str) -> LoadState {
    match parse_issue(text) {
        Ok(issue) => {
            let problems = validate(&issue);
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

/// Fetches and reads the issue at `url`.
pub async fn fetch(url: &str) -> LoadState {
    match fetch_text(url).await {
        Ok(text) => read(url, &text),
        Err(e) => LoadState::Failed(e),
    }
}

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let network = |e: JsValue| LoadError::Network {
        url: url.to_string(),
        detail: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_default(),
    };
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
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
    Ok(text.as_string().unwrap_or_default())
}
