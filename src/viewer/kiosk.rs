//! Kiosk mode: follows the newest issue with conditional requests, keeps the last good one
//! (also across a reboot while offline), and turns the pages by itself, pausing for a touch.

use super::load::{
    self, feed_of, fetch_text, issue_of, pause, retry_pause, FetchOptions, Fetched, LoadError,
    LoadState, Validators,
};
use super::nav::{storage_get, storage_set};
use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, Element};
use yew::{Callback, NodeRef};

/// What the kiosk's status line says.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Status {
    /// When the issue shown was last confirmed as the newest (ms since the epoch).
    pub confirmed: Option<f64>,
    /// Whether the last check failed (the issue shown is kept).
    pub failing: bool,
}

/// The last good feed and issue, kept in localStorage for a kiosk that restarts offline:
/// under `<key>:issue`, `<key>:url`, `<key>:feed` and `<key>:confirmed` (ms since the epoch).
struct Stored {
    url: String,
    issue: String,
    confirmed: f64,
}

impl Stored {
    fn load(key: &str) -> Option<Stored> {
        Some(Stored {
            url: storage_get(&format!("{key}:url"))?,
            issue: storage_get(&format!("{key}:issue"))?,
            // Whole milliseconds: float formatting and parsing would add kilobytes to the wasm.
            confirmed: storage_get(&format!("{key}:confirmed"))?
                .parse::<u64>()
                .ok()? as f64,
        })
    }
}

/// An answer kept to compare with the next one.
struct Kept {
    url: String,
    validators: Validators,
    text: String,
}

/// Where the kiosk follows its issue: a feed (its newest issue) or one issue URL.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Absolute URL of the feed, if any.
    pub feed: Option<String>,
    /// Absolute URL of the issue when there is no feed.
    pub src: String,
}

impl Source {
    fn storage_key(&self) -> String {
        format!(
            "bulletin-viewer:kiosk:{}",
            self.feed.as_deref().unwrap_or(&self.src)
        )
    }
}

struct Poller {
    source: Source,
    feed: Option<Kept>,
    issue: Option<Kept>,
}

impl Poller {
    /// Checks for a newer issue: the feed, then its newest issue (or the one issue), both as
    /// conditional requests. Some(state) when there is a new issue to show.
    async fn poll(
        &mut self,
        signal: &AbortSignal,
        options: FetchOptions,
    ) -> Result<Option<LoadState>, LoadError> {
        let none = Validators::default();
        let url = match self.source.feed.clone() {
            Some(feed_url) => {
                let since = self.feed.as_ref().map_or(&none, |k| &k.validators);
                if let Fetched::Fresh(answer) =
                    fetch_text(&feed_url, signal, options, Some(since)).await?
                {
                    let shelf = feed_of(&feed_url, &answer)?;
                    self.feed = Some(Kept {
                        url: shelf.feed.issues[0].url.clone(),
                        validators: answer.validators,
                        text: answer.text,
                    });
                }
                match &self.feed {
                    Some(kept) => kept.url.clone(),
                    None => return Err(not_modified(&feed_url)),
                }
            }
            None => self.source.src.clone(),
        };
        let same = self.issue.as_ref().filter(|k| k.url == url);
        let since = same.map_or(&none, |k| &k.validators);
        let answer = match fetch_text(&url, signal, options, Some(since)).await? {
            Fetched::NotModified if same.is_some() => return Ok(None),
            Fetched::NotModified => return Err(not_modified(&url)),
            Fetched::Fresh(answer) => answer,
        };
        // A server without validators sends the same issue again in full.
        if same.is_some_and(|k| k.text == answer.text) {
            return Ok(None);
        }
        let state = issue_of(&url, &answer);
        if let LoadState::Failed(error) = state {
            return Err(error);
        }
        self.issue = Some(Kept {
            url,
            validators: answer.validators,
            text: answer.text,
        });
        Ok(Some(state))
    }

    /// Keeps the issue shown (and its feed) for a restart; `new`: it changed since last time.
    fn store(&self, confirmed: f64, new: bool) {
        let Some(issue) = &self.issue else { return };
        let key = self.source.storage_key();
        if new {
            storage_set(&format!("{key}:issue"), &issue.text);
            storage_set(&format!("{key}:url"), &issue.url);
            if let Some(feed) = &self.feed {
                storage_set(&format!("{key}:feed"), &feed.text);
            }
        }
        storage_set(&format!("{key}:confirmed"), &(confirmed as u64).to_string());
    }
}

fn not_modified(url: &str) -> LoadError {
    LoadError::Http {
        url: url.to_string(),
        status: 304,
    }
}

/// Milliseconds since the epoch (the page's clock).
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Follows `source` until `signal` aborts: first shows the stored last good issue, if any,
/// then checks every `interval_ms`; after a failure it keeps what is shown and tries again
/// after 1 s, 2 s, 4 s… (at most `interval_ms`).
pub async fn follow(
    source: Source,
    interval_ms: i32,
    options: FetchOptions,
    signal: AbortSignal,
    show: Callback<LoadState>,
    status: Callback<Status>,
) {
    let mut poller = Poller {
        source: source.clone(),
        feed: None,
        issue: None,
    };
    let mut confirmed = None;
    if let Some(stored) = Stored::load(&source.storage_key()) {
        let state = load::read(&stored.url, &stored.url, "", &stored.issue);
        if matches!(state, LoadState::Loaded { .. }) {
            show.emit(state);
            confirmed = Some(stored.confirmed);
            status.emit(Status {
                confirmed,
                failing: false,
            });
        }
    }
    let mut failures = 0;
    loop {
        let result = poller.poll(&signal, options).await;
        if signal.aborted() {
            return;
        }
        match result {
            Ok(new) => {
                failures = 0;
                confirmed = Some(now());
                poller.store(now(), new.is_some());
                if let Some(state) = new {
                    show.emit(state);
                }
            }
            Err(error) => {
                failures += 1;
                if confirmed.is_none() {
                    show.emit(LoadState::Retrying {
                        error,
                        attempt: failures,
                        of: 0,
                    });
                }
            }
        }
        status.emit(Status {
            confirmed,
            failing: failures > 0,
        });
        let wait = match failures {
            0 => interval_ms,
            n => retry_pause(n, interval_ms),
        };
        pause(wait, &signal).await;
        if signal.aborted() {
            return;
        }
    }
}

/// What marks a touch or key on the kiosk: pauses the turning of pages.
const ACTIVITY: [&str; 4] = ["pointerdown", "keydown", "wheel", "touchstart"];

/// Listens for touches and keys anywhere on the page, noting their time in `last`.
pub fn watch_activity(last: Rc<Cell<f64>>, on_pause: Callback<()>) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    ACTIVITY
        .iter()
        .map(|name| {
            let (last, on_pause) = (last.clone(), on_pause.clone());
            let options = gloo_events::EventListenerOptions::run_in_capture_phase();
            EventListener::new_with_options(&window, *name, options, move |_| {
                last.set(now());
                on_pause.emit(());
            })
        })
        .collect()
}

/// Turns pages every `dwell_ms` until `signal` aborts. A touch or key (its time in `last`)
/// pauses it; `idle_ms` after the last one it goes back to the masthead and carries on.
pub async fn turn_pages(
    root: NodeRef,
    dwell_ms: i32,
    idle_ms: i32,
    last: Rc<Cell<f64>>,
    signal: AbortSignal,
    on_resume: Callback<()>,
) {
    let mut paused = false;
    loop {
        let since = now() - last.get();
        if since < f64::from(idle_ms) {
            paused = true;
            pause(f64::from(idle_ms) as i32 - since as i32 + 1, &signal).await;
        } else {
            if paused {
                paused = false;
                on_resume.emit(());
                to_top(&root);
            }
            pause(dwell_ms, &signal).await;
            if !signal.aborted() && now() - last.get() >= f64::from(idle_ms) {
                turn_page(&root);
            }
        }
        if signal.aborted() {
            return;
        }
    }
}

/// The blocks a page turn lines up with the top of the screen.
const BLOCKS: &str = ".bv-masthead, .bv-contents li, .bv-article > *, .bv-footer p";

/// Shows the next screenful: the first block not wholly on screen moves to the top (a block
/// taller than the screen moves up by most of a screen); after the end, back to the masthead.
pub fn turn_page(root: &NodeRef) {
    let (Some(window), Some(el)) = (web_sys::window(), root.cast::<Element>()) else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0);
    let Ok(blocks) = el.query_selector_all(BLOCKS) else {
        return;
    };
    let next = (0..blocks.length())
        .filter_map(|i| blocks.item(i)?.dyn_into::<Element>().ok())
        .map(|b| b.get_bounding_client_rect())
        .find(|r| r.height() > 0.0 && r.bottom() > height + 1.0);
    let by = match next {
        None => return to_top(root),
        Some(r) if r.top() > height * 0.05 => r.top(),
        Some(_) => height * 0.85,
    };
    let options = web_sys::ScrollToOptions::new();
    options.set_top(by);
    options.set_behavior(super::nav::motion());
    window.scroll_by_with_scroll_to_options(&options);
}

/// Back to the masthead.
pub fn to_top(root: &NodeRef) {
    if let Some(el) = root.cast::<Element>() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(super::nav::motion());
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The time of day `ms` (since the epoch) in the page's time zone, `16:05`; with the month
/// and day (`11月25日 16:05`, `11-25 16:05`) when it is not today.
pub fn clock(ms: f64, zh: bool) -> String {
    let at = js_sys::Date::new(&ms.into());
    let today = js_sys::Date::new_0();
    let time = format!("{}:{:02}", at.get_hours(), at.get_minutes());
    if at.to_date_string() == today.to_date_string() {
        time
    } else if zh {
        format!("{}月{}日 {time}", at.get_month() + 1, at.get_date())
    } else {
        format!("{:02}-{:02} {time}", at.get_month() + 1, at.get_date())
    }
}
