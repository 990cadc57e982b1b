//! 往期检索: searching every issue of the feed through its index ([`crate::index`]), as
//! static files fetched in the parts a query needs.
//!
//! A query waits [`DEBOUNCE_MS`] after the last keystroke; typing on aborts it (its requests
//! too). It fetches the manifest (once, when the panel is first opened), then the shards of
//! its terms at once. A query the posting lists answer exactly (two characters, one word)
//! shows its issues at once and fills in titles and snippets as each issue's JSON arrives; a
//! longer one shows an issue once its text is checked. Issues are checked [`PAGE`] at a time,
//! newest first; 更多 checks the next ones. A shard that cannot be fetched is named, and the
//! other terms' shards stand in for it (the text check keeps the results exact).
//!
//! Issues the index does not list (published from the 编辑台, which adds an issue to the feed
//! without rebuilding the index) are checked against their text, every article, as the
//! candidates of the index are, and merged with them in the feed's order: the newest
//! [`UNLISTED`] of them; the panel says how many more were left.
//!
//! An index that does not add up is refused (往期检索不可用, with the reason; the issue stays
//! as it is): a manifest that claims more articles than an issue may hold, a posting list
//! that names an article past the manifest's count or whose counts are not what it holds
//! ([`index::Refusal`]). Nothing is allocated or looped by a count the manifest claims
//! before real data bounds it, and shards are read and their lists compared and placed in
//! slices, with a yield to the page every few milliseconds ([`Slices`]), so that no task is
//! long however large a shard is.

use crate::index::{
    self, article_hits, snippet, Candidate, Common, Coverage, Fault, Manifest, Plan, Progress,
    Refusal, ShardRead, Unsearchable, SLICE,
};
use crate::model::Issue;
use crate::search::{fields, Field};
use crate::viewer::fetch::{fetch_text, pause, FetchOptions};
use crate::viewer::load::{fetch_issue, LoadError, Shelf};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Issues checked (and shown) per page of results.
pub const PAGE: usize = 10;
/// The pause after a keystroke before a query runs.
pub const DEBOUNCE_MS: i32 = 250;
/// Characters of context either side of a hit in a snippet.
const CONTEXT: usize = 28;
/// The most issues not in the index that a query checks against their text (the newest:
/// two pages' fetches at most); more are said in the panel, for `bulletin feed` to index.
pub const UNLISTED: usize = 20;

/// The most articles an issue shows before its text is read: those the index names in it
/// (the first of them; the text check gives the ones it holds).
pub const NAMED_SHOWN: usize = 100;
/// How long work on a shard runs before it yields to the page, in milliseconds.
const SLICE_MS: f64 = 12.0;

/// One article found.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundArticle {
    /// Its index in the issue.
    pub article: usize,
    /// Its id, once the issue is read (links name it).
    pub id: Option<String>,
    /// Its title (from the feed's 要目 until the issue is read).
    pub title: String,
    /// Hits in the title, as byte ranges.
    pub title_marks: Vec<(usize, usize)>,
    /// Text around the first hit outside the title: before, the hit, after.
    pub snippet: Option<(String, String, String)>,
}

/// Where the check of an issue stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// Its text is not read yet.
    Pending,
    /// Read: its articles are the ones that hold the query.
    Done,
    /// Its JSON could not be fetched or read.
    Failed,
}

/// One issue with articles found.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundIssue {
    /// Its index in the feed.
    pub entry: usize,
    /// The articles the index names in it, until its text is read (shared: the results are
    /// copied on every change).
    pub named: Rc<[usize]>,
    /// Whether the feed's 要目 titles stand for its articles' (they match one to one).
    pub titled: bool,
    /// Its articles that hold the query, once its text is read.
    pub articles: Vec<FoundArticle>,
    /// Its check.
    pub check: Check,
    /// Whether the index lists it; if not, only its text says whether it holds the query.
    pub listed: bool,
}

/// What the panel shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Finding {
    /// No query.
    #[default]
    Idle,
    /// The feed has no index.
    NoIndex,
    /// The query cannot be looked up.
    Unsearchable(Unsearchable),
    /// Looking up.
    Searching,
    /// The index could not be fetched or read.
    Failed(String),
    /// Issues found.
    Found(Found),
    /// The index does not add up: 往期检索 is not available.
    Unavailable(Refused),
}

/// Why the feed's index was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The file that showed it (the manifest or a shard), by its name.
    pub file: String,
    /// How it does not add up; None: the manifest cannot be read.
    pub why: Option<Refusal>,
}

/// Why a look-up failed.
enum LookFault {
    /// A file could not be fetched (which, and why).
    Failed(String),
    /// The index was refused.
    Refused(Refused),
}

/// The issues a query found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// Every issue that may hold the query, newest first.
    pub issues: Vec<FoundIssue>,
    /// Whether they all do (the posting lists are exact): then they are shown before their
    /// check.
    pub exact: bool,
    /// How many of `issues` are shown (exact) or have been checked.
    pub window: usize,
    /// Whether issues are being checked.
    pub checking: bool,
    /// Shards that could not be fetched.
    pub missing: Vec<String>,
    /// Issues the index does not list that were left unchecked (past [`UNLISTED`]).
    pub unchecked: usize,
}

impl Found {
    /// The issues to show: the window's, once they are known to hold the query.
    /// An issue whose JSON could not be read is shown with a note (it may hold the query:
    /// nothing is missed); one whose text does not hold it (an index older than the issue)
    /// is not.
    pub fn shown(&self) -> impl Iterator<Item = &FoundIssue> {
        self.issues[..self.window.min(self.issues.len())]
            .iter()
            .filter(|i| self.holds(i))
    }

    /// Whether `issue` is known to hold the query (or may: its JSON could not be read).
    /// Exact posting lists say so before the text is read, for the issues the index lists.
    fn holds(&self, issue: &FoundIssue) -> bool {
        match issue.check {
            Check::Pending => self.exact && issue.listed,
            Check::Failed => true,
            Check::Done => !issue.articles.is_empty(),
        }
    }

    /// The issues and articles found so far: exact, every issue the index lists (checked or
    /// not) and the shown ones it does not; else the shown ones.
    pub fn tally(&self) -> (usize, usize) {
        let window = self.window.min(self.issues.len());
        self.issues
            .iter()
            .enumerate()
            .filter(|(k, i)| match self.exact && i.listed {
                true => i.check != Check::Done || !i.articles.is_empty(),
                false => *k < window && self.holds(i),
            })
            .fold((0, 0), |(n, a), (_, i)| {
                let articles = match i.check {
                    Check::Done => i.articles.len(),
                    _ => i.named.len(),
                };
                (n + 1, a + articles)
            })
    }

    /// Whether there are issues past the window.
    pub fn more(&self) -> bool {
        self.window < self.issues.len()
    }
}

struct State {
    generation: u32,
    finding: Finding,
}

enum Action {
    Reset(u32, Finding),
    Window(u32, usize),
    Checking(u32, bool),
    Checked(u32, usize, Option<Vec<FoundArticle>>),
}

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let generation = match &action {
            Action::Reset(g, _) => {
                if *g < self.generation {
                    return self;
                }
                *g
            }
            Action::Window(g, _) | Action::Checking(g, _) | Action::Checked(g, ..) => {
                if *g != self.generation {
                    return self;
                }
                *g
            }
        };
        let mut finding = self.finding.clone();
        match (action, &mut finding) {
            (Action::Reset(_, f), _) => finding = f,
            (Action::Window(_, w), Finding::Found(found)) => found.window = w,
            (Action::Checking(_, on), Finding::Found(found)) => found.checking = on,
            (Action::Checked(_, entry, articles), Finding::Found(found)) => {
                if let Some(issue) = found.issues.iter_mut().find(|i| i.entry == entry) {
                    match articles {
                        Some(a) => (issue.articles, issue.check) = (a, Check::Done),
                        None => issue.check = Check::Failed,
                    }
                }
            }
            _ => {}
        }
        Rc::new(State {
            generation,
            finding,
        })
    }
}

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

/// A query's run: what later pages need.
struct Run {
    generation: u32,
    plan: Plan,
    /// Each issue that may hold the query, and its URL.
    candidates: Rc<Vec<(Candidate, String)>>,
    exact: bool,
    controller: web_sys::AbortController,
}

/// A manifest as read: with its count of articles, or why the index was refused.
type Read = Result<(Rc<Manifest>, u32), Refused>;

/// What every run shares: the index's manifest, once fetched, and the shards read.
#[derive(Default)]
struct Cache {
    /// The manifest's URL, and the manifest with its count of articles, or why the index was
    /// refused (by the manifest or, later, by a shard).
    manifest: Option<(String, Read)>,
    /// Shards by absolute URL.
    shards: HashMap<String, Rc<str>>,
}

impl Cache {
    /// Why the index at `url` was refused, if it was.
    fn refused(&self, url: &str) -> Option<Refused> {
        match &self.manifest {
            Some((u, Err(r))) if u == url => Some(r.clone()),
            _ => None,
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
    let state = use_reducer(|| State {
        generation: 0,
        finding: Finding::Idle,
    });
    let query = use_state(String::new);
    let input = use_node_ref();
    let cache = use_mut_ref(Cache::default);
    let run = use_mut_ref(|| None::<Run>);
    let generation = use_mut_ref(|| 0u32);

    let index_url = shelf.as_ref().and_then(|s| s.search.clone());
    // Opening the panel fetches the manifest, so that the first query waits only for shards;
    // a manifest that does not add up is said at once.
    {
        let (cache, index_url) = (cache.clone(), index_url.clone());
        let (state, generation) = (state.dispatcher(), generation.clone());
        use_effect_with((*open, index_url), move |(open, url)| {
            let fetched = cache.borrow().manifest.as_ref().map(|(u, _)| u.clone());
            let on = *open && url.is_some() && fetched != *url;
            let url = url.clone().unwrap_or_default();
            super::spawn_abortable(on, move |signal| async move {
                if let Err(LookFault::Refused(r)) = manifest(&cache, &url, &signal, options).await {
                    let g = *generation.borrow();
                    state.dispatch(Action::Reset(g, Finding::Unavailable(r)));
                }
            })
        });
    }
    // Leaving, another feed, or the feed fetched again abandons the run, and what it found
    // (the field is cleared: its results would be of the feed before).
    {
        let (run, generation, state, query) = (
            run.clone(),
            generation.clone(),
            state.dispatcher(),
            query.clone(),
        );
        use_effect_with(index_url.clone(), move |_| {
            move || {
                if let Some(r) = run.borrow_mut().take() {
                    r.controller.abort();
                }
                let g = {
                    let mut g = generation.borrow_mut();
                    *g += 1;
                    *g
                };
                state.dispatch(Action::Reset(g, Finding::Idle));
                query.set(String::new());
            }
        });
    }

    let on_query = {
        let (state, query, run, generation, cache) = (
            state.dispatcher(),
            query.clone(),
            run.clone(),
            generation.clone(),
            cache.clone(),
        );
        let shelf = shelf.clone();
        Callback::from(move |text: String| {
            query.set(text.clone());
            let g = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            if let Some(r) = run.borrow_mut().take() {
                r.controller.abort();
            }
            let Some(shelf) = shelf.clone() else {
                return;
            };
            let Some(index_url) = shelf.search.clone() else {
                state.dispatch(Action::Reset(g, Finding::NoIndex));
                return;
            };
            if text.trim().is_empty() {
                state.dispatch(Action::Reset(g, Finding::Idle));
                return;
            }
            let plan = match index::plan(&text) {
                Ok(p) => p,
                Err(u) => {
                    state.dispatch(Action::Reset(g, Finding::Unsearchable(u)));
                    return;
                }
            };
            let Ok(controller) = web_sys::AbortController::new() else {
                return;
            };
            // Said at once, so that nothing older stands as the answer while the pause runs.
            state.dispatch(Action::Reset(g, Finding::Searching));
            let signal = controller.signal();
            *run.borrow_mut() = Some(Run {
                generation: g,
                plan: plan.clone(),
                candidates: Rc::default(),
                exact: false,
                controller,
            });
            let (state, run, cache) = (state.clone(), run.clone(), cache.clone());
            wasm_bindgen_futures::spawn_local(async move {
                pause(DEBOUNCE_MS, &signal).await;
                if signal.aborted() {
                    return;
                }
                let looked = look_up(&cache, &shelf, &index_url, &plan, &signal, options).await;
                if signal.aborted() {
                    return;
                }
                match looked {
                    Err(LookFault::Failed(message)) => {
                        state.dispatch(Action::Reset(g, Finding::Failed(message)))
                    }
                    Err(LookFault::Refused(r)) => {
                        state.dispatch(Action::Reset(g, Finding::Unavailable(r)))
                    }
                    Ok((found, candidates)) => {
                        let exact = found.exact;
                        state.dispatch(Action::Reset(g, Finding::Found(found)));
                        if let Some(r) = run.borrow_mut().as_mut().filter(|r| r.generation == g) {
                            (r.candidates, r.exact) = (Rc::new(candidates), exact);
                        }
                        check(&run, &state, g, (0, 0), PAGE, &signal, options).await;
                    }
                }
            });
        })
    };
    let on_more = {
        let (window, shown) = match &state.finding {
            Finding::Found(f) => (f.window, f.shown().count()),
            _ => (0, 0),
        };
        let (state, run) = (state.dispatcher(), run.clone());
        Callback::from(move |_| {
            let Some((g, signal)) = run
                .borrow()
                .as_ref()
                .map(|r| (r.generation, r.controller.signal()))
            else {
                return;
            };
            let (state, run) = (state.clone(), run.clone());
            wasm_bindgen_futures::spawn_local(async move {
                check(
                    &run,
                    &state,
                    g,
                    (window, shown),
                    shown + PAGE,
                    &signal,
                    options,
                )
                .await;
            });
        })
    };
    let on_toggle = {
        let (open, to_focus) = (open.clone(), to_focus.clone());
        // A `<details open>` drawn anew (the issue changing moves the panel) says `toggle`
        // too: only a change is the reader's.
        Callback::from(move |now: bool| {
            if now != *open {
                *to_focus.borrow_mut() = now;
                open.set(now);
            }
        })
    };
    // A refused index stays refused, whatever the field holds.
    let refused = index_url.as_deref().and_then(|u| cache.borrow().refused(u));
    let finding = match (&state.finding, index_url.is_some(), shelf.is_some()) {
        (_, false, true) => Finding::NoIndex,
        (f, ..) => match refused {
            Some(r) if !matches!(f, Finding::Unavailable(_)) => Finding::Unavailable(r),
            _ => f.clone(),
        },
    };
    let for_issue = run
        .borrow()
        .as_ref()
        .map(|r| r.plan.longest().to_string())
        .unwrap_or_default();
    // The field takes focus when the panel opens (once: not when an issue opened from the
    // results is drawn).
    {
        let input = input.clone();
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
    FindAllPanel {
        open: *open,
        finding,
        query: for_issue,
        typed: (*query).clone(),
        on_toggle,
        on_query,
        on_more,
        input,
    }
}

/// The manifest, fetched once, with its count of articles; or why the index is refused
/// (kept: the index is not fetched again).
async fn manifest(
    cache: &Rc<RefCell<Cache>>,
    url: &str,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) -> Result<(Rc<Manifest>, u32), LookFault> {
    if let Some((_, m)) = cache.borrow().manifest.clone().filter(|(u, _)| u == url) {
        return m.map_err(LookFault::Refused);
    }
    let answer = fetch_text(url, signal, options)
        .await
        .map_err(|e| LookFault::Failed(describe(&e.into())))?;
    let refused = |why| Refused {
        file: file_name(url),
        why,
    };
    let read = index::parse_manifest(&answer.text)
        .map_err(|_| refused(None))
        .and_then(|m| {
            let articles = m.articles().map_err(|r| refused(Some(r)))?;
            Ok((Rc::new(m), articles))
        });
    cache.borrow_mut().manifest = Some((url.to_string(), read.clone()));
    read.map_err(LookFault::Refused)
}

/// The last part of a URL's path: how the panel names a file of the index.
fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/').next().unwrap_or(path).to_string()
}

/// Which file, and what went wrong where that says more than the file.
fn describe(e: &LoadError) -> String {
    match e {
        LoadError::NoSource => String::new(),
        LoadError::Http { url, status } => format!("{url} (HTTP {status})"),
        LoadError::Timeout { url, seconds } => format!("{url} ({seconds} s)"),
        LoadError::Network { url, .. }
        | LoadError::NotJson { url, .. }
        | LoadError::Unsafe { url }
        | LoadError::Empty { url }
        | LoadError::TooLarge { url, .. }
        | LoadError::Invalid { url, .. } => url.clone(),
    }
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

/// Abandoned: what the caller drops.
const ABANDONED: LookFault = LookFault::Failed(String::new());

/// Looks a query up in the index: the issues that may hold it, newest first, and for each its
/// URL; with them, the feed's issues the index does not list (the newest [`UNLISTED`]).
async fn look_up(
    cache: &Rc<RefCell<Cache>>,
    shelf: &Shelf,
    index_url: &str,
    plan: &Plan,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) -> Result<(Found, Vec<(Candidate, String)>), LookFault> {
    let (m, articles) = manifest(cache, index_url, signal, options).await?;
    // The shards of the terms, fetched at once.
    let files: Vec<String> = plan
        .terms
        .iter()
        .map(|t| m.shards[index::shard_of(t, m.buckets)].clone())
        .collect();
    let mut wanted: Vec<&String> = files.iter().collect();
    wanted.sort();
    wanted.dedup();
    let fetches = wanted.iter().map(|file| {
        let (cache, url) = (cache.clone(), resolve(file, index_url));
        let file = (*file).clone();
        async move {
            if let Some(text) = cache.borrow().shards.get(&url).cloned() {
                return (file, Some(text));
            }
            match fetch_text(&url, signal, options).await {
                Ok(answer) => {
                    let text: Rc<str> = answer.text.into();
                    cache.borrow_mut().shards.insert(url.clone(), text.clone());
                    (file, Some(text))
                }
                Err(_) => (file, None),
            }
        }
    });
    let texts: Vec<(String, Option<Rc<str>>)> = futures::future::join_all(fetches).await;
    if signal.aborted() {
        return Err(ABANDONED);
    }
    // Each shard read once for its terms, in slices; one that does not add up refuses the
    // index (and is remembered: the next query says so at once).
    let mut slices = Slices::new();
    let mut lists: HashMap<String, index::List> = HashMap::new();
    let mut missing = Vec::new();
    for (file, text) in texts {
        let terms: Vec<&str> = plan
            .terms
            .iter()
            .zip(&files)
            .filter(|(_, f)| **f == file)
            .map(|(t, _)| t.as_str())
            .collect();
        let Some(text) = text else {
            missing.push(file);
            continue;
        };
        let mut read = ShardRead::new(&text, &terms, articles);
        while read.step() == Progress::More {
            if !slices.next(signal).await {
                return Err(ABANDONED);
            }
        }
        match read.finish() {
            Ok(found) => {
                for term in terms {
                    let list = found
                        .iter()
                        .find(|(t, _)| t == term)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default();
                    lists.insert(term.to_string(), list);
                }
            }
            Err(Fault::Unreadable) => missing.push(file),
            Err(Fault::Refused(why)) => {
                let r = Refused {
                    file,
                    why: Some(why),
                };
                let mut cache = cache.borrow_mut();
                cache.manifest = Some((index_url.to_string(), Err(r.clone())));
                // Never read again: its shards need not be kept.
                cache.shards.clear();
                return Err(LookFault::Refused(r));
            }
        }
    }
    missing.sort();
    missing.dedup();
    if lists.is_empty() {
        return Err(LookFault::Failed(missing.join(", ")));
    }
    let mut common = Common::new(lists.values().map(|l| l.docs.clone()).collect());
    while common.step() == Progress::More {
        if !slices.next(signal).await {
            return Err(ABANDONED);
        }
    }
    let mut docs = common.finish();
    let mut exact = plan.exact;
    // Rare terms keep their positions (at most RARE, which the shard's reading checked): a
    // query made of them is decided here, exactly.
    if let Some(held) = index::exact_docs(plan, &lists, &docs) {
        (docs, exact) = (held, true);
    }
    drop(lists);
    let exact = exact && missing.is_empty();
    // Article numbers → feed entries, by the issues' URLs (both relative to the feed): an
    // issue the feed no longer has is passed over, one the index does not list yet is
    // checked whole.
    let feed: Vec<&str> = shelf.feed.issues.iter().map(|e| e.url.as_str()).collect();
    let urls: Vec<String> = m
        .issues
        .iter()
        .map(|i| resolve(&i.url, &shelf.url))
        .collect();
    let listed: Vec<&str> = urls.iter().map(String::as_str).collect();
    let coverage = Coverage::of(&feed, &listed);
    // Articles per issue, by the feed's entry (its 要目 titles stand for theirs if they match).
    let counts: HashMap<usize, usize> = coverage
        .entries
        .iter()
        .zip(&m.issues)
        .filter_map(|(e, i)| Some(((*e)?, i.articles as usize)))
        .collect();
    // Placed a slice at a time.
    let mut gather = coverage.gather();
    let mut cursor = (0, 0);
    for part in docs.chunks(SLICE) {
        gather.add(&m.places_on(part, &mut cursor));
        if !slices.next(signal).await {
            return Err(ABANDONED);
        }
    }
    let (candidates, unchecked) = gather.finish(UNLISTED);
    let issues = candidates
        .iter()
        .map(|c| FoundIssue {
            entry: c.entry,
            named: c.articles.as_deref().unwrap_or_default().into(),
            titled: counts.get(&c.entry).copied()
                == Some(shelf.feed.issues[c.entry].headlines.len()),
            articles: Vec::new(),
            check: Check::Pending,
            listed: c.articles.is_some(),
        })
        .collect();
    let candidates = candidates
        .into_iter()
        .map(|c| {
            let url = shelf.feed.issues[c.entry].url.clone();
            (c, url)
        })
        .collect();
    Ok((
        Found {
            issues,
            exact,
            window: 0,
            checking: true,
            missing,
            unchecked,
        },
        candidates,
    ))
}

/// Checks the candidates from `from` on (`shown` of those before are shown), a page at a
/// time, until `want` issues are shown or none are left.
async fn check(
    run: &Rc<RefCell<Option<Run>>>,
    state: &UseReducerDispatcher<State>,
    g: u32,
    (from, shown): (usize, usize),
    want: usize,
    signal: &web_sys::AbortSignal,
    options: FetchOptions,
) {
    let Some((plan, candidates, exact)) = run
        .borrow()
        .as_ref()
        .filter(|r| r.generation == g)
        .map(|r| (r.plan.clone(), Rc::clone(&r.candidates), r.exact))
    else {
        return;
    };
    state.dispatch(Action::Checking(g, true));
    let (mut next, mut shown) = (from, shown);
    let plan = Rc::new(plan);
    while next < candidates.len() && shown < want {
        let end = (next + PAGE).min(candidates.len());
        // Exact: shown at once, their text fills in; else each as soon as its text holds it.
        state.dispatch(Action::Window(g, end));
        let batch = candidates[next..end].iter().map(|(c, url)| {
            let (plan, state) = (plan.clone(), state.clone());
            async move {
                let got = fetch_issue(url, signal, options).await;
                if signal.aborted() {
                    return 0;
                }
                let found = got
                    .ok()
                    .map(|l| found_in(&l.issue, c.articles.as_deref(), &plan));
                // Exact and listed: shown whatever its text says (as `Found::shown` does).
                let count = match exact && c.articles.is_some() {
                    true => 1,
                    false => found.as_ref().map_or(0, |f| usize::from(!f.is_empty())),
                };
                state.dispatch(Action::Checked(g, c.entry, found));
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
    state.dispatch(Action::Checking(g, false));
}

/// The articles of `issue` among `articles` (None: all of them) that hold the query, with
/// their snippets.
fn found_in(issue: &Issue, articles: Option<&[usize]>, plan: &Plan) -> Vec<FoundArticle> {
    let texts = fields(issue);
    let every: Vec<usize>;
    let articles = match articles {
        Some(a) => a,
        None => {
            every = (0..issue.articles.len()).collect();
            &every
        }
    };
    articles
        .iter()
        .filter_map(|&a| {
            let article = issue.articles.get(a)?;
            let hits = article_hits(issue, a, plan)?;
            let mut title_marks: Vec<(usize, usize)> = hits
                .iter()
                .filter(|(f, ..)| *f == Field::Title(a))
                .map(|&(_, s, e)| (s, e))
                .collect();
            // Segment by segment: in order, and not overlapping, to be drawn.
            title_marks.sort_unstable();
            let mut end = 0;
            title_marks.retain(|&(s, e)| {
                let keep = s >= end;
                if keep {
                    end = e;
                }
                keep
            });
            let snippet =
                hits.iter()
                    .find(|(f, ..)| *f != Field::Title(a))
                    .and_then(|&(f, s, e)| {
                        let text = texts.iter().find(|(g, _)| *g == f)?.1;
                        Some(snippet(text, s, e, CONTEXT))
                    });
            Some(FoundArticle {
                article: a,
                id: Some(article.id.clone()),
                title: article.title.clone(),
                title_marks,
                snippet,
            })
        })
        .collect()
}
