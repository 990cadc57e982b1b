//! 往期检索's effects: the index's files and the issues fetched as a query needs them, the
//! pause after typing, the slices of work with the page's turn between them, the field's
//! focus. What they find goes to [`Search`], which the App draws from.

use super::look::{found_in, look_up, shard_files, shows, Index};
use super::state::{describe, read_manifest, Finding, Found, LookFault, Search, ABANDONED, PAGE};
use crate::index::{Candidate, Manifest, Plan};
use crate::viewer::fetch::{fetch_text, pause, FetchOptions};
use crate::viewer::load::{fetch_issue, Shelf};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The pause after a keystroke before a query runs.
pub const DEBOUNCE_MS: i32 = 250;
/// How long work on a shard runs before it yields to the page, in milliseconds.
const SLICE_MS: f64 = 12.0;

/// What the 往期检索 panel shows and does.
pub struct FindAllPanel {
    /// Whether the panel is open.
    pub open: bool,
    /// What was found.
    pub finding: Finding,
    /// The query as the in-issue search takes it over when a result is opened.
    pub query: String,
    /// The query as typed.
    pub typed: String,
    /// The panel was opened or closed.
    pub on_toggle: Callback<bool>,
    /// The query changed.
    pub on_query: Callback<String>,
    /// Show the next page of results.
    pub on_more: Callback<()>,
    /// The field, to focus when the panel opens.
    pub input: NodeRef,
}

/// What the effects and callbacks share.
#[derive(Clone)]
struct Shared {
    search: Rc<RefCell<Search>>,
    /// Draws the App again (after a change to what is shown).
    redraw: UseForceUpdateHandle,
    /// Aborts the current query's work, its requests too.
    run: Rc<RefCell<Option<web_sys::AbortController>>>,
    options: FetchOptions,
}

impl Shared {
    /// Applies a transition; draws again when it changed what is shown.
    fn apply(&self, change: impl FnOnce(&mut Search) -> bool) {
        let changed = change(&mut self.search.borrow_mut());
        if changed {
            self.redraw.force_update();
        }
    }

    /// Abandons the current query's work.
    fn abort(&self) {
        if let Some(c) = self.run.borrow_mut().take() {
            c.abort();
        }
    }
}

/// Searches the issues of `shelf` (reader mode with a feed; None: off) by its index;
/// `open_at_first`: the panel starts open (and its field takes focus once `ready`: an issue
/// is shown, so the field is where it stays).
#[hook]
pub fn use_findall(
    shelf: Option<Rc<Shelf>>,
    options: FetchOptions,
    open_at_first: bool,
    ready: bool,
) -> FindAllPanel {
    let open = use_state_eq(|| open_at_first);
    // The field is to take focus: the panel was just opened.
    let to_focus = use_mut_ref(|| open_at_first);
    let input = use_node_ref();
    let shared = Shared {
        search: use_mut_ref(Search::default),
        redraw: use_force_update(),
        run: use_mut_ref(|| None),
        options,
    };
    let index_url = shelf.as_ref().and_then(|s| s.search.clone());
    // Opening the panel fetches the manifest, so that the first query waits only for shards;
    // a manifest that does not add up is said at once.
    {
        let shared = shared.clone();
        use_effect_with((*open, index_url.clone()), move |(open, url)| {
            let url = url.clone().unwrap_or_default();
            let fetched = shared.search.borrow().cache.manifest(&url).is_some();
            let on = *open && !url.is_empty() && !fetched;
            super::super::hooks::spawn_abortable(on, move |signal| async move {
                if let Err(LookFault::Refused(r)) = manifest(&shared, &url, &signal).await {
                    shared.apply(|s| {
                        s.unavailable(r);
                        true
                    });
                }
            })
        });
    }
    // Leaving, another feed, or the feed fetched again abandons the query, and what it found.
    {
        let shared = shared.clone();
        use_effect_with(index_url.clone(), move |_| {
            move || {
                shared.abort();
                shared.apply(|s| {
                    s.leave();
                    true
                });
            }
        });
    }
    // The field takes focus when the panel opens (once: not when an issue opened from the
    // results is drawn).
    {
        let (input, to_focus) = (input.clone(), to_focus.clone());
        use_effect_with((*open, ready), move |(open, ready)| {
            if *open && *ready && *to_focus.borrow() {
                *to_focus.borrow_mut() = false;
                // After this task: the panel is drawn by 往期's component, after the App's
                // effects have run.
                let focus = wasm_bindgen::closure::Closure::once_into_js(move || {
                    if let Some(i) = input.cast::<web_sys::HtmlElement>() {
                        let _ = i.focus();
                    }
                });
                if let Some(w) = web_sys::window() {
                    let _ = w.set_timeout_with_callback(focus.unchecked_ref());
                }
            }
        });
    }
    let on_query = {
        let (shared, shelf) = (shared.clone(), shelf.clone());
        Callback::from(move |text: String| query(&shared, shelf.clone(), text))
    };
    let on_more = {
        let shared = shared.clone();
        Callback::from(move |_| more(&shared))
    };
    let on_toggle = {
        let open = open.clone();
        // A `<details open>` drawn anew (the issue changing moves the panel) says `toggle`
        // too: only a change is the reader's.
        Callback::from(move |now: bool| {
            if now != *open {
                *to_focus.borrow_mut() = now;
                open.set(now);
            }
        })
    };
    let s = shared.search.borrow();
    FindAllPanel {
        open: *open,
        finding: s.finding(index_url.as_deref(), shelf.is_some()),
        query: s.for_issue(),
        typed: s.typed().to_string(),
        on_toggle,
        on_query,
        on_more,
        input,
    }
}

/// The query `text` typed: the one before is abandoned (its requests too); this one is
/// looked up after the pause, and its first page checked.
fn query(shared: &Shared, shelf: Option<Rc<Shelf>>, text: String) {
    shared.abort();
    let mut started = None;
    shared.apply(|s| {
        started = s.query(text, shelf.as_deref());
        true
    });
    let (Some((g, plan)), Some(shelf)) = (started, shelf) else {
        return;
    };
    let (Some(index_url), Ok(controller)) = (shelf.search.clone(), web_sys::AbortController::new())
    else {
        return;
    };
    let signal = controller.signal();
    *shared.run.borrow_mut() = Some(controller);
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        pause(DEBOUNCE_MS, &signal).await;
        if signal.aborted() {
            return;
        }
        let looked = look(&shared, &shelf, &index_url, &plan, &signal).await;
        let aborted = signal.aborted();
        let mut to_check = false;
        shared.apply(|s| {
            to_check = s.looked(g, &index_url, looked);
            !aborted
        });
        if to_check {
            check(&shared, g, (0, 0), PAGE, &signal).await;
        }
    });
}

/// 更多: the next page of the query's candidates checked.
fn more(shared: &Shared) {
    let Some((g, (window, shown))) = shared.search.borrow().more() else {
        return;
    };
    let Some(signal) = shared.run.borrow().as_ref().map(|c| c.signal()) else {
        return;
    };
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        check(&shared, g, (window, shown), shown + PAGE, &signal).await;
    });
}

/// The manifest, fetched once, with its count of articles; or why the index is refused
/// (kept: the index is not fetched again).
async fn manifest(
    shared: &Shared,
    url: &str,
    signal: &web_sys::AbortSignal,
) -> Result<(Rc<Manifest>, u32), LookFault> {
    let cached = shared.search.borrow().cache.manifest(url);
    if let Some(read) = cached {
        return read.map_err(LookFault::Refused);
    }
    let answer = fetch_text(url, signal, shared.options)
        .await
        .map_err(|e| LookFault::Failed(describe(&e.into())))?;
    let read = read_manifest(url, &answer.text);
    shared
        .search
        .borrow_mut()
        .cache
        .keep_manifest(url, read.clone());
    read.map_err(LookFault::Refused)
}

/// Looks a query up: the manifest, the shards of its terms fetched at once (or taken from the
/// cache), then read ([`look_up`]) in slices.
async fn look(
    shared: &Shared,
    shelf: &Shelf,
    index_url: &str,
    plan: &Plan,
    signal: &web_sys::AbortSignal,
) -> Result<(Found, Vec<(Candidate, String)>), LookFault> {
    let (m, articles) = manifest(shared, index_url, signal).await?;
    let files = shard_files(&m, plan);
    let mut wanted: Vec<&String> = files.iter().collect();
    wanted.sort();
    wanted.dedup();
    let fetches = wanted.iter().map(|file| {
        let url = resolve(file, index_url);
        let file = (*file).clone();
        async move {
            let cached = shared.search.borrow().cache.shard(&url);
            if let Some(text) = cached {
                return (file, Some(text));
            }
            match fetch_text(&url, signal, shared.options).await {
                Ok(answer) => {
                    let text: Rc<str> = answer.text.into();
                    shared
                        .search
                        .borrow_mut()
                        .cache
                        .keep_shard(url, text.clone());
                    (file, Some(text))
                }
                Err(_) => (file, None),
            }
        }
    });
    let texts = futures::future::join_all(fetches).await;
    if signal.aborted() {
        return Err(ABANDONED);
    }
    let listed: Vec<String> = m
        .issues
        .iter()
        .map(|i| resolve(&i.url, &shelf.url))
        .collect();
    let ix = Index {
        manifest: &m,
        articles,
        feed: &shelf.feed.issues,
        listed: &listed,
        files: &files,
    };
    let mut slices = Slices::new();
    look_up(ix, plan, texts, async || slices.next(signal).await).await
}

/// Checks the candidates from `from` on (`shown` of those before are shown), a page at a
/// time, until `want` issues are shown or none are left.
async fn check(
    shared: &Shared,
    g: u32,
    (from, shown): (usize, usize),
    want: usize,
    signal: &web_sys::AbortSignal,
) {
    let Some((plan, candidates, exact)) = shared.search.borrow().to_check(g) else {
        return;
    };
    shared.apply(|s| s.checking(g, true));
    let (mut next, mut shown) = (from, shown);
    while next < candidates.len() && shown < want {
        let end = (next + PAGE).min(candidates.len());
        // Exact: shown at once, their text fills in; else each as soon as its text holds it.
        shared.apply(|s| s.window(g, end));
        let batch = candidates[next..end].iter().map(|(c, url)| {
            let plan = plan.clone();
            async move {
                let got = fetch_issue(url, signal, shared.options).await;
                if signal.aborted() {
                    return 0;
                }
                let found = got
                    .ok()
                    .map(|l| found_in(&l.issue, c.articles.as_deref(), &plan));
                let count = shows(exact, c, found.as_deref());
                shared.apply(|s| s.checked(g, c.entry, found));
                count
            }
        });
        shown += futures::future::join_all(batch)
            .await
            .into_iter()
            .sum::<usize>();
        if signal.aborted() {
            return;
        }
        next = end;
    }
    shared.apply(|s| s.checking(g, false));
}

/// The URL `file` names relative to `base`.
fn resolve(file: &str, base: &str) -> String {
    web_sys::Url::new_with_base(file, base)
        .map(|u| u.href())
        .unwrap_or_else(|_| file.to_string())
}

/// Work done in slices: after each, [`Slices::next`] yields to the page once [`SLICE_MS`]
/// have passed since the last yield, so that the page stays responsive.
struct Slices {
    since: f64,
}

impl Slices {
    fn now() -> f64 {
        web_sys::window()
            .and_then(|w| w.performance())
            .map_or(0.0, |p| p.now())
    }

    fn new() -> Slices {
        Slices {
            since: Slices::now(),
        }
    }

    /// Between two slices: false if the run was abandoned.
    async fn next(&mut self, signal: &web_sys::AbortSignal) -> bool {
        if Slices::now() - self.since >= SLICE_MS {
            pause(0, signal).await;
            self.since = Slices::now();
        }
        !signal.aborted()
    }
}
