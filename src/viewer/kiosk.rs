//! Kiosk mode: follows the newest issue with conditional requests, keeps the last good one
//! (also across a reboot while offline), and turns the pages by itself, pausing for a touch.

use super::fetch::{fetch_if_changed, pause, retry_pause, FetchError, FetchOptions, Validators};
use super::load::{self, feed_of, issue_of, LoadError, LoadState, Loaded};
use super::storage::{storage_get, storage_remove, storage_set};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::AbortSignal;
use yew::Callback;

/// What the kiosk's status line says; made after each check (so the date appears once the
/// confirmation is no longer from today).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Status {
    /// When the issue shown was last confirmed as the newest.
    pub confirmed: Option<Clock>,
    /// Whether the last check failed (the issue shown is kept).
    pub failing: bool,
}

impl Status {
    fn at(confirmed: Option<f64>, failing: bool) -> Status {
        Status {
            confirmed: confirmed.map(Clock::at),
            failing,
        }
    }
}

/// A moment as the status line shows it, in the page's time zone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    /// Whether it is today (then the date is left out).
    today: bool,
}

impl Clock {
    /// The moment `ms` (since the epoch), read from the page's clock.
    fn at(ms: f64) -> Clock {
        let at = js_sys::Date::new(&ms.into());
        Clock {
            month: at.get_month() + 1,
            day: at.get_date(),
            hour: at.get_hours(),
            minute: at.get_minutes(),
            today: at.to_date_string() == js_sys::Date::new_0().to_date_string(),
        }
    }

    /// `16:05`; with the month and day (`11月25日 16:05`, `11-25 16:05`) when not today.
    pub fn text(self, zh: bool) -> String {
        let time = format!("{}:{:02}", self.hour, self.minute);
        match (self.today, zh) {
            (true, _) => time,
            (false, true) => format!("{}月{}日 {time}", self.month, self.day),
            (false, false) => format!("{:02}-{:02} {time}", self.month, self.day),
        }
    }
}

/// An answer kept to compare with the next one, and to restart from: the last good issue and
/// the feed's validators are kept in localStorage, so a kiosk restarted while the server is
/// unreachable shows the issue at once, and its first checks can still be conditional.
struct Kept {
    /// The URL asked for (for a feed: the newest issue it named).
    url: String,
    /// The URL answered from, after redirects: relative images resolve against it.
    base: String,
    validators: Validators,
    /// The body (not kept for a feed: only its validators and newest issue are needed).
    text: String,
}

impl Kept {
    /// Stores it under `<key>:<part>-meta` (URL, base, ETag, Last-Modified, a line each) and,
    /// when it has one, the body under `<key>:<part>`. False when the browser refused
    /// (storage full or blocked).
    fn store(&self, key: &str, part: &str) -> bool {
        let v = &self.validators;
        let meta = [
            self.url.as_str(),
            self.base.as_str(),
            v.etag.as_deref().unwrap_or_default(),
            v.last_modified.as_deref().unwrap_or_default(),
        ]
        .join("\n");
        (self.text.is_empty() || storage_set(&format!("{key}:{part}"), &self.text))
            && storage_set(&format!("{key}:{part}-meta"), &meta)
    }

    fn load(key: &str, part: &str) -> Option<Kept> {
        let meta = storage_get(&format!("{key}:{part}-meta"))?;
        let mut lines = meta.split('\n').map(String::from);
        let url = lines.next()?;
        let base = lines.next()?;
        let mut next = || lines.next().filter(|l| !l.is_empty());
        let validators = Validators {
            etag: next(),
            last_modified: next(),
        };
        Some(Kept {
            url,
            base,
            validators,
            text: storage_get(&format!("{key}:{part}")).unwrap_or_default(),
        })
    }
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
    /// What is kept changed since it was last stored (or storing it failed).
    unsaved: bool,
}

impl Poller {
    /// Checks for a newer issue: the feed, then its newest issue (or the one issue), both as
    /// conditional requests. Some(state) when there is a new issue to show.
    async fn poll(
        &mut self,
        signal: &AbortSignal,
        options: FetchOptions,
    ) -> Result<Option<Loaded>, LoadError> {
        let none = Validators::default();
        let url = match self.source.feed.clone() {
            Some(feed_url) => {
                let since = self.feed.as_ref().map_or(&none, |k| &k.validators);
                if let Some(answer) = fetch_if_changed(&feed_url, signal, options, since).await? {
                    let shelf = feed_of(&feed_url, &answer)?;
                    // A kiosk shows the newest issue: if that cannot be fetched, an older
                    // one must not pass for it.
                    if let Some(error) = shelf.newest_unusable {
                        return Err(error);
                    }
                    self.feed = Some(Kept {
                        url: shelf.feed.issues[0].url.clone(),
                        base: answer.url,
                        validators: answer.validators,
                        text: String::new(),
                    });
                    self.unsaved = true;
                }
                match &self.feed {
                    Some(kept) => kept.url.clone(),
                    None => return Err(FetchError::not_modified(&feed_url).into()),
                }
            }
            None => self.source.src.clone(),
        };
        let same = self.issue.as_mut().filter(|k| k.url == url);
        let since = same.as_ref().map_or(&none, |k| &k.validators);
        let answer = match fetch_if_changed(&url, signal, options, since).await? {
            None if same.is_some() => return Ok(None),
            None => return Err(FetchError::not_modified(&url).into()),
            Some(answer) => answer,
        };
        // The same issue again in full (a server without validators, or new ones): keep its
        // validators for the next check.
        if let Some(kept) = same.filter(|k| k.text == answer.text) {
            if kept.validators != answer.validators {
                kept.validators = answer.validators;
                self.unsaved = true;
            }
            return Ok(None);
        }
        let loaded = issue_of(&url, &answer)?;
        self.issue = Some(Kept {
            url,
            base: answer.url,
            validators: answer.validators,
            text: answer.text,
        });
        self.unsaved = true;
        Ok(Some(loaded))
    }

    /// Keeps the issue shown and the feed's validators for a restart, with the time the issue
    /// was confirmed. What cannot be stored whole is removed, so that a restart never shows an
    /// older issue with a newer confirmation time; it is tried again after the next check.
    fn store(&mut self, confirmed: f64) {
        let Some(issue) = &self.issue else { return };
        let key = self.source.storage_key();
        let parts = !self.unsaved
            || (issue.store(&key, "issue")
                && self.feed.as_ref().is_none_or(|f| f.store(&key, "feed")));
        // Whole milliseconds: float formatting would add kilobytes to the wasm.
        let stamp = (confirmed as u64).to_string();
        self.unsaved = !(parts && storage_set(&format!("{key}:confirmed"), &stamp));
        if self.unsaved {
            for part in ["issue", "issue-meta", "feed", "feed-meta", "confirmed"] {
                storage_remove(&format!("{key}:{part}"));
            }
        }
    }

    /// The state kept by an earlier run, if whole: the issue to show and when it was confirmed.
    fn restore(&mut self) -> Option<(Loaded, f64)> {
        let key = self.source.storage_key();
        let confirmed = storage_get(&format!("{key}:confirmed"))?
            .parse::<u64>()
            .ok()? as f64;
        let issue = Kept::load(&key, "issue")?;
        let loaded = load::read(&issue.url, &issue.base, "", &issue.text).ok()?;
        // The kept feed's `url` is the newest issue it named, as after a poll.
        self.feed = Kept::load(&key, "feed").filter(|_| self.source.feed.is_some());
        self.issue = Some(issue);
        Some((loaded, confirmed))
    }
}

/// Milliseconds since the epoch (the page's clock, for what the status line says).
pub fn now() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds on a clock that never steps back (for idle times: the wall clock may be
/// corrected while a kiosk runs).
pub fn monotonic() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(now, |p| p.now())
}

/// What a kiosk follows, and how.
pub struct Follow {
    /// The feed or issue.
    pub source: Source,
    /// Between checks.
    pub interval_ms: i32,
    /// How long the screen must be untouched before a newer issue replaces the one shown.
    pub idle_ms: i32,
    /// Timeout, size cap, credentials.
    pub options: FetchOptions,
    /// When the screen was last touched ([`monotonic`]).
    pub last: Rc<Cell<f64>>,
}

/// Waits until the screen has not been touched for `idle_ms` (at once if it has not been).
async fn until_idle(last: &Cell<f64>, idle_ms: i32, signal: &AbortSignal) {
    loop {
        let since = monotonic() - last.get();
        if since >= f64::from(idle_ms) || signal.aborted() {
            return;
        }
        pause(idle_ms - since as i32 + 1, signal).await;
    }
}

/// Follows its source until `signal` aborts: first shows the stored last good issue, if any,
/// then checks every `interval_ms`; after a failure it keeps what is shown and tries again
/// after 1 s, 2 s, 4 s… (at most `interval_ms`). A newer issue waits until nobody is reading.
pub async fn follow(
    follow: Follow,
    signal: AbortSignal,
    show: Callback<LoadState>,
    status: Callback<Status>,
) {
    let Follow {
        source,
        interval_ms,
        idle_ms,
        options,
        last,
    } = follow;
    let mut poller = Poller {
        source,
        feed: None,
        issue: None,
        unsaved: false,
    };
    let mut confirmed = None;
    if let Some((loaded, at)) = poller.restore() {
        show.emit(LoadState::Loaded(loaded));
        confirmed = Some(at);
        status.emit(Status::at(confirmed, false));
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
                poller.store(now());
                if let Some(loaded) = new {
                    if confirmed.is_some() {
                        until_idle(&last, idle_ms, &signal).await;
                        if signal.aborted() {
                            return;
                        }
                    }
                    show.emit(LoadState::Loaded(loaded));
                }
                confirmed = Some(now());
            }
            // An address the viewer may not fetch will not become one: say so and stop.
            Err(error @ LoadError::Unsafe { .. }) => {
                show.emit(LoadState::Failed(error));
                return;
            }
            Err(error) => {
                failures += 1;
                if confirmed.is_none() {
                    show.emit(LoadState::Retrying {
                        error,
                        attempt: failures,
                        of: None,
                    });
                }
            }
        }
        status.emit(Status::at(confirmed, failures > 0));
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
