//! The source's effects: the `src` fetched, or the feed and then its chosen issue (reader
//! mode), or the newest issue a kiosk follows, each with its retries, into [`SourceState`].

use super::state::{SourceAction, SourceState};
use crate::ui::Mode;
use crate::viewer::fetch::{with_retries, FetchOptions, Retry};
use crate::viewer::hooks::spawn_abortable;
use crate::viewer::kiosk::{self, Status};
use crate::viewer::load::{fetch_feed, fetch_issue, LoadError, LoadState};
use crate::viewer::turning::to_top;
use crate::viewer::variant;
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The longest automatic pause between retries in reader mode.
const MAX_RETRY_PAUSE_MS: i32 = 32_000;

/// What [`use_issue_source`] loads from, and how.
pub struct SourceArgs {
    /// Absolute URL of the issue JSON; empty when none was given.
    pub src: AttrValue,
    /// Absolute URL of a feed; empty when none was given.
    pub feed: AttrValue,
    /// Reader or kiosk.
    pub mode: Mode,
    /// Timeout, size cap, credentials.
    pub fetch: FetchOptions,
    /// Automatic retries after a transient fault (reader mode).
    pub retries: u32,
    /// Kiosk: seconds between checks.
    pub interval: u32,
    /// Kiosk: seconds without a touch before a newer issue replaces the one shown.
    pub idle: u32,
    /// The feed's issue the page's fragment names when the viewer mounts (its key).
    pub fragment_issue: Option<String>,
    /// Kiosk: when the screen was last touched ([`crate::viewer::hooks::Touch`]).
    pub last_touch: Rc<Cell<f64>>,
    /// The viewer's root: a kiosk's newer issue starts at its masthead.
    pub root: NodeRef,
}

/// The source's state; dispatch [`SourceAction`]s to it.
pub type IssueSource = UseReducerHandle<SourceState>;

/// What changes the source's state.
pub type Dispatch = UseReducerDispatcher<SourceState>;

/// Runs `step` in the loading state, retrying transient faults (each retry shown); a
/// lasting fault becomes the failed state. The value, when there is one.
async fn loading<T>(
    dispatch: &Dispatch,
    signal: &web_sys::AbortSignal,
    retries: u32,
    step: impl AsyncFnMut() -> Result<T, LoadError>,
) -> Option<T> {
    dispatch.dispatch(SourceAction::Load(LoadState::Loading));
    let report = |r: Retry<LoadError>| dispatch.dispatch(SourceAction::Load(r.into()));
    match with_retries(signal, Some(retries), MAX_RETRY_PAUSE_MS, report, step).await? {
        Ok(value) => Some(value),
        Err(e) => {
            dispatch.dispatch(SourceAction::Load(LoadState::Failed(e)));
            None
        }
    }
}

/// What the feed's effect depends on.
#[derive(Clone, PartialEq)]
struct FeedDeps {
    url: AttrValue,
    on: bool,
    attempt: u32,
    fetch: FetchOptions,
    retries: u32,
}

/// What the issue's effect depends on: the URL and the feed's entry it is.
#[derive(Clone, PartialEq)]
struct IssueDeps {
    target: Option<(AttrValue, Option<usize>)>,
    attempt: u32,
    fetch: FetchOptions,
    retries: u32,
}

/// What a kiosk's following depends on.
#[derive(Clone, PartialEq)]
struct KioskDeps {
    on: bool,
    feed: AttrValue,
    src: AttrValue,
    interval: u32,
    idle: u32,
    fetch: FetchOptions,
    attempt: u32,
}

/// Loads the issue to show and keeps it current: in reader mode the `src` (with retries),
/// or the feed and then its chosen issue; in kiosk mode the newest issue, followed.
#[hook]
pub fn use_issue_source(args: SourceArgs) -> IssueSource {
    // The lite build (one issue in reader mode) leaves feeds and kiosks out.
    let lite = !variant::FULL;
    let kiosk = !lite && args.mode == Mode::Kiosk;
    let chosen = args.fragment_issue.clone();
    let source = use_reducer_eq(move || SourceState {
        load: LoadState::Loading,
        shelf: None,
        shown: None,
        chosen,
        attempt: 0,
        kiosk: Status::default(),
    });
    let attempt = source.attempt;

    // The feed (reader mode).
    variant::use_feed(&source, &args, !kiosk && !args.feed.is_empty());

    // The issue (reader mode): the src, or the feed's entry once the feed is read.
    let target = if kiosk {
        None
    } else if lite || args.feed.is_empty() {
        Some((args.src.clone(), None))
    } else {
        source.entry().and_then(|i| {
            let url = source.shelf.as_ref()?.feed.issues[i].url.clone();
            Some((AttrValue::from(url), Some(i)))
        })
    };
    {
        let dispatch = source.dispatcher();
        let deps = IssueDeps {
            target,
            attempt,
            fetch: args.fetch,
            retries: args.retries,
        };
        use_effect_with(deps, move |deps| {
            let IssueDeps {
                target,
                fetch,
                retries,
                ..
            } = deps.clone();
            let on = match &target {
                Some((src, _)) if src.is_empty() => {
                    dispatch.dispatch(SourceAction::Load(LoadState::Failed(LoadError::NoSource)));
                    false
                }
                Some(_) => true,
                None => false,
            };
            spawn_abortable(on, move |signal| async move {
                let Some((src, entry)) = target else { return };
                let step = async || fetch_issue(&src, &signal, fetch).await;
                if let Some(loaded) = loading(&dispatch, &signal, retries, step).await {
                    dispatch.dispatch(SourceAction::Show { loaded, entry });
                }
            })
        });
    }

    // Kiosk: follows the newest issue (keeping the last good one) and says how fresh it is.
    variant::use_kiosk(&source, &args, kiosk);
    source
}

/// Fetches the feed of reader mode (retrying) while `on`, into the source's shelf.
#[hook]
pub fn use_feed(source: &IssueSource, args: &SourceArgs, on: bool) {
    let dispatch = source.dispatcher();
    let deps = FeedDeps {
        url: args.feed.clone(),
        on,
        attempt: source.attempt,
        fetch: args.fetch,
        retries: args.retries,
    };
    use_effect_with(deps, move |deps| {
        let FeedDeps {
            url,
            on,
            fetch,
            retries,
            ..
        } = deps.clone();
        dispatch.dispatch(SourceAction::Shelf(None));
        spawn_abortable(on, move |signal| async move {
            let step = async || fetch_feed(&url, &signal, fetch).await;
            if let Some(s) = loading(&dispatch, &signal, retries, step).await {
                dispatch.dispatch(SourceAction::Shelf(Some(Rc::new(s))));
            }
        })
    });
}

/// A kiosk following the newest issue while `on`: each newer one shown from its masthead,
/// the last good one kept, how fresh it is said; the last touch holds the checks back while
/// a reader is at the screen.
#[hook]
pub fn use_kiosk(source: &IssueSource, args: &SourceArgs, on: bool) {
    let dispatch = source.dispatcher();
    let (root, last_touch) = (args.root.clone(), args.last_touch.clone());
    let deps = KioskDeps {
        on,
        feed: args.feed.clone(),
        src: args.src.clone(),
        interval: args.interval,
        idle: args.idle,
        fetch: args.fetch,
        attempt: source.attempt,
    };
    use_effect_with(deps, move |deps| {
        let source = kiosk::Source {
            feed: (!deps.feed.is_empty()).then(|| deps.feed.to_string()),
            src: deps.src.to_string(),
        };
        let nothing = source.feed.is_none() && source.src.is_empty();
        if deps.on && nothing {
            dispatch.dispatch(SourceAction::Load(LoadState::Failed(LoadError::NoSource)));
        }
        let follow = kiosk::Follow {
            source,
            interval_ms: (deps.interval * 1000) as i32,
            idle_ms: (deps.idle * 1000) as i32,
            options: deps.fetch,
            last: last_touch,
        };
        spawn_abortable(deps.on && !nothing, move |signal| {
            let on_status = {
                let dispatch = dispatch.clone();
                Callback::from(move |s| dispatch.dispatch(SourceAction::KioskStatus(s)))
            };
            // A newer issue starts at its masthead (also when the pages do not turn).
            let show = Callback::from(move |s| {
                dispatch.dispatch(SourceAction::Load(s));
                to_top(&root);
            });
            kiosk::follow(follow, signal, show, on_status)
        })
    });
}
