//! The root: loads an issue and shows it, or says why it cannot; in-page navigation, search,
//! keyboard shortcuts and the reader's settings.

use super::article::ArticleView;
use super::contents::Contents;
use super::controls::ReaderControls;
use super::find::SearchBox;
use super::footer::FooterView;
use super::issues::IssueNav;
use super::kiosk;
use super::load::{self, FetchOptions, LoadError, LoadState, Shelf};
use super::masthead::MastheadView;
use super::nav;
use super::status::{ErrorScreen, KioskStatus, Loading, ProblemsNotice};
use crate::model::{Issue, Problem};
use crate::search::{search, Hits};
use crate::ui::{defaults, place_in_fragment, Anchor, Mode, ReaderPrefs, UiLang};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Absolute URL of the issue JSON; empty when none was given.
    pub src: AttrValue,
    /// Absolute URL of a feed of issues (its newest is shown); empty when none was given.
    #[prop_or_default]
    pub feed: AttrValue,
    /// Reader (on a page) or kiosk (a lobby screen).
    #[prop_or_default]
    pub mode: Mode,
    /// Kiosk: seconds between checks for a newer issue.
    #[prop_or(defaults::INTERVAL)]
    pub interval: u32,
    /// Kiosk: seconds before the page turns (0: never).
    #[prop_or(defaults::DWELL)]
    pub dwell: u32,
    /// Kiosk: seconds after a touch or key before the pages turn again.
    #[prop_or(defaults::IDLE)]
    pub idle: u32,
    /// Language of the interface (the bulletin itself is always Chinese).
    #[prop_or_default]
    pub lang: UiLang,
    /// Fragment namespace: deep links read `#<ns>/<article id>`.
    #[prop_or(AttrValue::Static("bulletin"))]
    pub ns: AttrValue,
    /// The page's fragment when the viewer was mounted (`#bulletin/2024-17`): the feed's issue
    /// it names is shown first.
    #[prop_or_default]
    pub fragment: AttrValue,
    /// URL of the page without its fragment, so that links to articles are absolute
    /// (a portal's `<base href>` would otherwise send them elsewhere).
    #[prop_or_default]
    pub page: AttrValue,
    /// Whether the reader controls are shown.
    #[prop_or(true)]
    pub controls: bool,
    /// Timeout, size cap and credentials of the request.
    #[prop_or_default]
    pub fetch: FetchOptions,
    /// Automatic retries after a transient fault.
    #[prop_or(defaults::RETRIES)]
    pub retries: u32,
    /// The issue is shown (emitted once per issue): a prerendered copy can go.
    #[prop_or_default]
    pub on_shown: Callback<()>,
}

/// The longest automatic pause between retries in reader mode.
const MAX_RETRY_PAUSE_MS: i32 = 32_000;

/// Runs `job` with an abort signal when `on`; the effect's cleanup aborts it.
fn spawn_abortable<F>(on: bool, job: impl FnOnce(web_sys::AbortSignal) -> F) -> impl FnOnce()
where
    F: std::future::Future<Output = ()> + 'static,
{
    let controller = web_sys::AbortController::new().ok().filter(|_| on);
    if let Some(c) = &controller {
        wasm_bindgen_futures::spawn_local(job(c.signal()));
    }
    move || {
        if let Some(c) = controller {
            c.abort();
        }
    }
}

/// Runs `step` in the loading state, retrying transient faults (each retry shown); a
/// lasting fault becomes the failed state. The value, when there is one.
async fn loading<T>(
    state: &UseStateHandle<LoadState>,
    signal: &web_sys::AbortSignal,
    retries: u32,
    step: impl AsyncFnMut() -> Result<T, LoadError>,
) -> Option<T> {
    state.set(LoadState::Loading);
    let report = |s| state.set(s);
    match load::with_retries(signal, Some(retries), MAX_RETRY_PAUSE_MS, report, step).await? {
        Ok(value) => Some(value),
        Err(e) => {
            state.set(LoadState::Failed(e));
            None
        }
    }
}

/// Loads the issue at `src` (or the feed's newest or chosen issue) and renders it; shows
/// loading and error states. In kiosk mode follows the newest issue and turns the pages.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let kiosk = props.mode == Mode::Kiosk;
    let root = use_node_ref();
    let state = use_state(|| LoadState::Loading);
    // Bumped by the retry button: a new value re-runs the fetch effects.
    let attempt = use_state(|| 0u32);
    // Reader mode with a feed: the feed once read, the entry shown, and the issue the
    // page's fragment chose (its key; None: the newest).
    let shelf = use_state(|| None::<Rc<Shelf>>);
    let shown = use_state(|| None::<usize>);
    let chosen = {
        let (fragment, ns) = (props.fragment.clone(), props.ns.clone());
        use_state_eq(move || {
            place_in_fragment(&fragment, &ns).and_then(|p| p.issue.map(String::from))
        })
    };
    let reader_feed = !kiosk && !props.feed.is_empty();

    // The feed (reader mode).
    {
        let (state, shelf) = (state.clone(), shelf.clone());
        let deps = (
            props.feed.clone(),
            reader_feed,
            *attempt,
            props.fetch,
            props.retries,
        );
        use_effect_with(deps, move |(feed, on, _, options, retries)| {
            let (feed, options, retries) = (feed.to_string(), *options, *retries);
            shelf.set(None);
            spawn_abortable(*on, move |signal| async move {
                let step = async || load::fetch_feed(&feed, &signal, options).await;
                if let Some(s) = loading(&state, &signal, retries, step).await {
                    shelf.set(Some(Rc::new(s)));
                }
            })
        });
    }

    // The issue (reader mode): the src, or the feed's entry.
    let target: Option<(AttrValue, Option<usize>)> = if kiosk {
        None
    } else if props.feed.is_empty() {
        Some((props.src.clone(), None))
    } else {
        shelf.as_ref().and_then(|s| {
            let i = s.pick(chosen.as_deref())?;
            Some((s.feed.issues[i].url.clone().into(), Some(i)))
        })
    };
    {
        let (state, shown) = (state.clone(), shown.clone());
        let deps = (target, *attempt, props.fetch, props.retries);
        use_effect_with(deps, move |(target, _, options, retries)| {
            let target = target.clone();
            let (options, retries) = (*options, *retries);
            if target.as_ref().is_some_and(|(src, _)| src.is_empty()) {
                state.set(LoadState::Failed(LoadError::NoSource));
            }
            let on = target.as_ref().is_some_and(|(src, _)| !src.is_empty());
            spawn_abortable(on, move |signal| async move {
                let Some((src, entry)) = target else { return };
                let step = async || load::fetch(&src, &signal, options).await;
                if let Some(loaded) = loading(&state, &signal, retries, step).await {
                    shown.set(entry);
                    state.set(loaded);
                }
            })
        });
    }
    // A fragment naming another issue of the feed (back/forward, an edited URL) opens it.
    {
        let chosen = chosen.clone();
        use_effect_with((props.ns.clone(), reader_feed), move |(ns, on)| {
            let ns = ns.to_string();
            let window = web_sys::window().filter(|_| *on);
            let listener = window.map(|w| {
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    // Back to the page without a fragment: the newest issue. A fragment of
                    // the page's own (or another viewer's) leaves the issue alone.
                    let hash = nav::location_hash();
                    if let Some(place) = place_in_fragment(&hash, &ns) {
                        chosen.set(place.issue.map(String::from));
                    } else if hash.len() <= 1 {
                        chosen.set(None);
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Kiosk: when the screen was last touched (a key, a click, the wheel): page turning and a
    // switch to a newer issue wait until it has been idle for a while.
    let activity = use_state(|| Rc::new(Cell::new(f64::NEG_INFINITY)));
    let paused = use_state_eq(|| false);
    {
        let (last, paused) = ((*activity).clone(), paused.clone());
        use_effect_with((kiosk, props.dwell > 0), move |(on, turning)| {
            let turning = *turning;
            let listeners = match on {
                true => kiosk::watch_activity(
                    last,
                    Callback::from(move |_| {
                        if turning {
                            paused.set(true);
                        }
                    }),
                ),
                false => Vec::new(),
            };
            move || drop(listeners)
        });
    }

    // Kiosk: follows the newest issue (keeping the last good one) and says how fresh it is.
    let kiosk_status = use_state_eq(kiosk::Status::default);
    {
        let (state, status, last) = (state.clone(), kiosk_status.clone(), (*activity).clone());
        let root = root.clone();
        let deps = (
            kiosk,
            props.feed.clone(),
            props.src.clone(),
            props.interval,
            props.idle,
            props.fetch,
            *attempt,
        );
        use_effect_with(deps, move |(on, feed, src, interval, idle, options, _)| {
            let source = kiosk::Source {
                feed: (!feed.is_empty()).then(|| feed.to_string()),
                src: src.to_string(),
            };
            let nothing = source.feed.is_none() && source.src.is_empty();
            if *on && nothing {
                state.set(LoadState::Failed(LoadError::NoSource));
            }
            let follow = kiosk::Follow {
                source,
                interval_ms: (*interval * 1000) as i32,
                idle_ms: (*idle * 1000) as i32,
                options: *options,
                last,
            };
            spawn_abortable(*on && !nothing, move |signal| {
                // A newer issue starts at its masthead (also when the pages do not turn).
                let show = Callback::from(move |s| {
                    state.set(s);
                    kiosk::to_top(&root);
                });
                let on_status = Callback::from(move |s| status.set(s));
                kiosk::follow(follow, signal, show, on_status)
            })
        });
    }

    // The reader's settings, kept in localStorage: read once mounted, saved on change.
    let prefs = use_state(ReaderPrefs::default);
    {
        let prefs = prefs.clone();
        use_effect_with((), move |_| {
            if let Some(stored) = nav::storage_get(ReaderPrefs::STORAGE_KEY) {
                prefs.set(ReaderPrefs::from_storage(&stored));
            }
        });
    }
    let on_prefs = {
        let prefs = prefs.clone();
        Callback::from(move |next: ReaderPrefs| {
            nav::storage_set(ReaderPrefs::STORAGE_KEY, &next.to_storage());
            prefs.set(next);
        })
    };

    let issue = match &*state {
        LoadState::Loaded { issue, .. } => Some(issue.clone()),
        _ => None,
    };
    let search_input = use_node_ref();
    let query = use_state(String::new);
    let hits = use_memo(
        (issue.clone(), (*query).clone()),
        |(issue, query)| match issue {
            Some(issue) => search(issue, query),
            None => Hits::default(),
        },
    );
    let current_hit = use_state(|| None::<usize>);
    // Where deep links point: in a feed they name the issue shown.
    let entry = (*shelf)
        .as_ref()
        .zip(*shown)
        .filter(|_| reader_feed)
        .and_then(|(s, i)| Some((s.clone(), i, s.keys.get(i)?.clone())));
    let anchor = Anchor {
        ns: props.ns.to_string(),
        issue: entry.as_ref().map(|(_, _, key)| key.clone()),
        newest: entry.as_ref().is_some_and(|(_, i, _)| *i == 0),
    };
    let current_article = use_state(|| 0usize);
    let contents_open = use_state(|| true);
    let contents_visible = use_state(|| true);

    // Open at the article the page's fragment names, and follow later fragment changes
    // (back/forward, an edited URL); watch which article is being read and whether the
    // contents are in view; keyboard shortcuts. All undone when the issue or viewer goes.
    {
        let (root, search_input) = (root.clone(), search_input.clone());
        let (current_article, contents_visible) =
            (current_article.clone(), contents_visible.clone());
        use_effect_with(
            (issue.clone(), anchor.clone(), kiosk),
            move |(issue, anchor, kiosk)| {
                // No reading shortcuts on a kiosk: they would leave focus rings on the screen.
                let kiosk = *kiosk;
                let watchers = issue.as_ref().map(|issue| {
                    nav::show_fragment_article(&root, anchor, false);
                    nav::Watchers::new(
                        &root,
                        anchor.clone(),
                        !kiosk,
                        issue.articles.iter().map(|a| a.id.clone()).collect(),
                        search_input,
                        Callback::from(move |i| current_article.set(i)),
                        Callback::from(move |v| contents_visible.set(v)),
                    )
                });
                move || drop(watchers)
            },
        );
    }
    // Once the issue is drawn, a prerendered copy of it (bulletin render --fragment) can go.
    {
        let on_shown = props.on_shown.clone();
        use_effect_with(issue.is_some(), move |shown| {
            if *shown {
                on_shown.emit(());
            }
        });
    }
    // Kiosk: turns the pages of the issue shown, from its masthead; a touch or key pauses.
    {
        let (root, paused, last) = (root.clone(), paused.clone(), (*activity).clone());
        let on = kiosk && props.dwell > 0;
        let deps = (on.then(|| issue.clone()).flatten(), props.dwell, props.idle);
        use_effect_with(deps, move |(issue, dwell, idle)| {
            if issue.is_none() {
                paused.set(false); // nothing turns, so nothing is paused
            }
            let (dwell_ms, idle_ms) = ((*dwell * 1000) as i32, (*idle * 1000) as i32);
            spawn_abortable(issue.is_some(), move |signal| {
                let on_resume = Callback::from(move |_| paused.set(false));
                kiosk::turn_pages(root, dwell_ms, idle_ms, last, signal, on_resume)
            })
        });
    }
    // The 要目 keeps the article being read in view when it scrolls on its own.
    {
        let root = root.clone();
        use_effect_with(*current_article, move |_| nav::keep_entry_in_view(&root));
    }
    // Stepping through hits brings the current one into view.
    {
        let root = root.clone();
        use_effect_with(*current_hit, move |n| {
            if let Some(n) = n {
                nav::show_hit(&root, *n);
            }
        });
    }

    let on_navigate = {
        let (root, path) = (root.clone(), anchor.path());
        Callback::from(move |id: String| nav::go_to(&root, &path, &id, true))
    };
    let on_choose = {
        let (root, chosen, ns) = (root.clone(), chosen.clone(), props.ns.clone());
        let shelf = (*shelf).clone();
        Callback::from(move |i: usize| {
            if let Some(key) = shelf.as_ref().and_then(|s| s.keys.get(i)).cloned() {
                nav::push_fragment(&format!("{ns}/{key}"));
                chosen.set(Some(key));
                kiosk::to_top(&root);
            }
        })
    };
    let on_query = {
        let (query, current_hit) = (query.clone(), current_hit.clone());
        Callback::from(move |q: String| {
            current_hit.set(None);
            query.set(q);
        })
    };
    let on_step = {
        let (current_hit, count) = (current_hit.clone(), hits.all.len());
        Callback::from(move |d: i32| {
            if count > 0 {
                let n = count as i64;
                let next = match *current_hit {
                    None if d > 0 => 0,
                    None => n - 1,
                    Some(i) => (i as i64 + i64::from(d)).rem_euclid(n),
                };
                current_hit.set(Some(next as usize));
            }
        })
    };
    let on_retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    let on_contents = {
        let (root, contents_open) = (root.clone(), contents_open.clone());
        Callback::from(move |_: MouseEvent| {
            contents_open.set(true);
            nav::go_to_contents(&root);
        })
    };
    let on_toggle_contents = {
        let contents_open = contents_open.clone();
        Callback::from(move |_| contents_open.set(!*contents_open))
    };

    let t = props.lang.text();
    let link_base: AttrValue = format!("{}#{}/", props.page, anchor.path()).into();
    // The feed's issues stay at hand while one loads or fails, marking the one chosen.
    let issue_nav = (*shelf)
        .as_ref()
        .filter(|_| reader_feed)
        .and_then(|s| Some((s.clone(), s.pick(chosen.as_deref())?)))
        .map(|(shelf, index)| {
            let link_base: AttrValue = format!("{}#{}/", props.page, props.ns).into();
            html! { <IssueNav {shelf} {index} {link_base} lang={props.lang} {on_choose} /> }
        })
        .unwrap_or_default();
    let (label, content) = match &*state {
        LoadState::Loading => (
            t.name.to_string(),
            html! { <>{ issue_nav.clone() }<Loading lang={props.lang} /></> },
        ),
        LoadState::Failed(error) => (
            t.error_title.to_string(),
            html! { <>{ issue_nav.clone() }<ErrorScreen error={error.clone()} lang={props.lang} {on_retry} /></> },
        ),
        LoadState::Retrying { error, attempt, of } => (
            t.error_title.to_string(),
            html! { <>{ issue_nav.clone() }<ErrorScreen error={error.clone()} lang={props.lang} retrying={Some((*attempt, *of))} {on_retry} /></> },
        ),
        LoadState::Loaded { issue, problems } => {
            let count = issue.articles.len();
            let first = issue
                .articles
                .first()
                .map(|a| a.id.clone())
                .unwrap_or_default();
            let skip = {
                let (on_navigate, first) = (on_navigate.clone(), first.clone());
                Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    on_navigate.emit(first.clone());
                })
            };
            (
                format!("{} {}", issue.masthead.title, issue.masthead.issue.label),
                html! {
                    <>
                    if kiosk {
                        <KioskStatus status={*kiosk_status} paused={*paused} lang={props.lang} />
                    } else {
                    <a class="bv-skip" href={format!("{link_base}{first}")} onclick={skip}>{ t.skip }</a>
                    { issue_nav.clone() }
                    <div class={classes!("bv-controls", (!query.trim().is_empty()).then_some("bv-searching"))}>
                        <SearchBox count={hits.all.len()} current={*current_hit} active={!query.trim().is_empty()}
                            lang={props.lang} input={search_input.clone()} {on_query} {on_step} />
                        if props.controls {
                            <ReaderControls prefs={*prefs} lang={props.lang} on_change={on_prefs} />
                        }
                    </div>
                    }
                    <IssueView
                        issue={issue.clone()}
                        problems={problems.clone()}
                        lang={props.lang}
                        link_base={link_base.clone()}
                        hits={hits.clone()}
                        current_hit={*current_hit}
                        current_article={Some(*current_article)}
                        contents_open={*contents_open}
                        on_toggle_contents={on_toggle_contents}
                        {on_navigate}
                        links={!kiosk}
                    />
                    if count > 1 && !*contents_visible && !kiosk {
                        <button type="button" class="bv-dock" onclick={on_contents}
                            aria-label={format!("{}（{}{}{}{}{}）", t.to_contents, t.article_of.0, *current_article + 1, t.article_of.1, count, t.article_of.2)}>
                            <span aria-hidden="true">{ "要目 " }{ *current_article + 1 }{ "/" }{ count }</span>
                        </button>
                    }
                    </>
                },
            )
        }
    };
    let (look, oncontextmenu) = match kiosk {
        // No context menu on a kiosk (nor selection: see the stylesheet).
        true => (
            "bv-kiosk".to_string(),
            Some(Callback::from(|e: MouseEvent| e.prevent_default())),
        ),
        false => (prefs.classes(), None),
    };
    html! {
        <section class={classes!("bv-app", look)} lang={props.lang.tag()} aria-label={label} ref={root} {oncontextmenu}>
            { content }
        </section>
    }
}

/// Properties of [`IssueView`].
#[derive(Properties, PartialEq)]
pub struct IssueViewProps {
    /// The issue to show.
    pub issue: Rc<Issue>,
    /// Problems validation found, listed above the issue.
    #[prop_or_default]
    pub problems: Rc<Vec<Problem>>,
    /// Language of the interface around the issue.
    #[prop_or_default]
    pub lang: UiLang,
    /// What links to articles start with; the article id follows.
    #[prop_or(AttrValue::Static("#bulletin/"))]
    pub link_base: AttrValue,
    /// Search hits to mark.
    #[prop_or_default]
    pub hits: Rc<Hits>,
    /// The hit stepped to.
    #[prop_or_default]
    pub current_hit: Option<usize>,
    /// The article being read (highlighted in the 要目); none in static HTML.
    #[prop_or_default]
    pub current_article: Option<usize>,
    /// Whether the 要目 list is unfolded (narrow screens fold it).
    #[prop_or(true)]
    pub contents_open: bool,
    /// The 要目 was folded or unfolded.
    #[prop_or_default]
    pub on_toggle_contents: Callback<()>,
    /// A link to an article was followed (carries the article id).
    #[prop_or_default]
    pub on_navigate: Callback<String>,
    /// Whether phone numbers and e-mail addresses are links (not on a kiosk).
    #[prop_or(true)]
    pub links: bool,
}

/// One issue, as the printed bulletin reads: 报头, 要目, articles, 报尾.
#[function_component]
pub fn IssueView(props: &IssueViewProps) -> Html {
    let issue = &props.issue;
    let current_id = props
        .current_article
        .and_then(|i| issue.articles.get(i))
        .map(|a| a.id.clone());
    let present = use_memo(issue.clone(), |issue| {
        issue
            .articles
            .iter()
            .map(|a| a.id.clone())
            .collect::<std::collections::HashSet<_>>()
    });
    html! {
        <>
            if !props.problems.is_empty() {
                <ProblemsNotice problems={props.problems.clone()} lang={props.lang} />
            }
            <div class={classes!("bv-issue", (!issue.contents.is_empty()).then_some("bv-with-contents"))} lang="zh-CN">
                <MastheadView masthead={issue.masthead.clone()} />
                if !issue.contents.is_empty() {
                    <Contents
                        entries={issue.contents.clone()}
                        lang={props.lang}
                        link_base={props.link_base.clone()}
                        current={current_id}
                        present={present}
                        open={props.contents_open}
                        on_toggle={props.on_toggle_contents.clone()}
                        on_navigate={props.on_navigate.clone()}
                    />
                }
                <div class="bv-articles">
                    { for issue.articles.iter().enumerate().map(|(i, a)| html! {
                        <ArticleView
                            key={a.id.clone()}
                            issue={issue.clone()}
                            index={i}
                            hits={props.hits.clone()}
                            current_hit={props.current_hit.filter(|n| props.hits.article_of(*n) == Some(i))}
                            link_base={props.link_base.clone()}
                            lang={props.lang}
                            on_navigate={props.on_navigate.clone()}
                        />
                    }) }
                </div>
                <FooterView footer={issue.footer.clone()} hits={props.hits.clone()} current_hit={props.current_hit} links={props.links} />
            </div>
        </>
    }
}
