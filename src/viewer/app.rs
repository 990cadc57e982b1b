//! The root: loads an issue and shows it, or says why it cannot; in-page navigation, search,
//! keyboard shortcuts and the reader's settings.

use super::article::ArticleView;
use super::contents::Contents;
use super::controls::ReaderControls;
use super::find::SearchBox;
use super::footer::FooterView;
use super::load::{self, FetchOptions, LoadError, LoadState};
use super::masthead::MastheadView;
use super::nav;
use super::status::{ErrorScreen, Loading, ProblemsNotice};
use crate::model::{Issue, Problem};
use crate::search::{search, Hits};
use crate::ui::{ReaderPrefs, UiLang};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Absolute URL of the issue JSON; empty when none was given.
    pub src: AttrValue,
    /// Language of the interface (the bulletin itself is always Chinese).
    #[prop_or_default]
    pub lang: UiLang,
    /// Fragment namespace: deep links read `#<ns>/<article id>`.
    #[prop_or(AttrValue::Static("bulletin"))]
    pub ns: AttrValue,
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
    #[prop_or(3)]
    pub retries: u32,
    /// The issue is shown (emitted once per issue): a prerendered copy can go.
    #[prop_or_default]
    pub on_shown: Callback<()>,
}

/// Loads the issue at `src` and renders it; shows loading and error states.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state = use_state(|| LoadState::Loading);
    // Bumped by the retry button: a new value re-runs the fetch effect.
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        let deps = (props.src.clone(), *attempt, props.fetch, props.retries);
        use_effect_with(deps, move |(src, _, options, retries)| {
            // A newer src (or removal) aborts this fetch and its pauses; its answer is never
            // shown.
            let controller = web_sys::AbortController::new().ok();
            let current = Rc::new(Cell::new(true));
            match (src.is_empty(), &controller) {
                (true, _) => state.set(LoadState::Failed(LoadError::NoSource)),
                (false, None) => {}
                (false, Some(controller)) => {
                    state.set(LoadState::Loading);
                    let signal = controller.signal();
                    let (src, current, options, retries) =
                        (src.to_string(), current.clone(), *options, *retries);
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut tried = 0;
                        loop {
                            let result = load::fetch(&src, &signal, options).await;
                            if !current.get() {
                                return;
                            }
                            match result {
                                // Transient: wait 1 s, 2 s, 4 s… and try again.
                                LoadState::Failed(error)
                                    if error.transient() && tried < retries =>
                                {
                                    tried += 1;
                                    state.set(LoadState::Retrying {
                                        error,
                                        attempt: tried,
                                        of: retries,
                                    });
                                    load::pause(1000 << (tried - 1).min(5), &signal).await;
                                    if !current.get() {
                                        return;
                                    }
                                }
                                other => {
                                    state.set(other);
                                    return;
                                }
                            }
                        }
                    });
                }
            }
            move || {
                current.set(false);
                if let Some(c) = controller {
                    c.abort();
                }
            }
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
    let root = use_node_ref();
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
        use_effect_with((issue.clone(), props.ns.clone()), move |(issue, ns)| {
            let watchers = issue.as_ref().map(|issue| {
                nav::show_fragment_article(&root, ns, false);
                nav::Watchers::new(
                    &root,
                    ns.to_string(),
                    issue.articles.iter().map(|a| a.id.clone()).collect(),
                    search_input,
                    Callback::from(move |i| current_article.set(i)),
                    Callback::from(move |v| contents_visible.set(v)),
                )
            });
            move || drop(watchers)
        });
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
        let (root, ns) = (root.clone(), props.ns.clone());
        Callback::from(move |id: String| nav::go_to(&root, &ns, &id, true))
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
    let link_base: AttrValue = format!("{}#{}/", props.page, props.ns).into();
    let (label, content) = match &*state {
        LoadState::Loading => (t.name.to_string(), html! { <Loading lang={props.lang} /> }),
        LoadState::Failed(error) => (
            t.error_title.to_string(),
            html! { <ErrorScreen error={error.clone()} lang={props.lang} {on_retry} /> },
        ),
        LoadState::Retrying { error, attempt, of } => (
            t.error_title.to_string(),
            html! { <ErrorScreen error={error.clone()} lang={props.lang} retrying={Some((*attempt, *of))} {on_retry} /> },
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
                    <a class="bv-skip" href={format!("{link_base}{first}")} onclick={skip}>{ t.skip }</a>
                    <div class={classes!("bv-controls", (!query.trim().is_empty()).then_some("bv-searching"))}>
                        <SearchBox count={hits.all.len()} current={*current_hit} active={!query.trim().is_empty()}
                            lang={props.lang} input={search_input.clone()} {on_query} {on_step} />
                        if props.controls {
                            <ReaderControls prefs={*prefs} lang={props.lang} on_change={on_prefs} />
                        }
                    </div>
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
                    />
                    if count > 1 && !*contents_visible {
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
    html! {
        <section class={classes!("bv-app", prefs.classes())} lang={props.lang.tag()} aria-label={label} ref={root}>
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
                <FooterView footer={issue.footer.clone()} hits={props.hits.clone()} current_hit={props.current_hit} />
            </div>
        </>
    }
}
