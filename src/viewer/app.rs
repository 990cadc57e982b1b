//! The root: loads an issue and shows it, or says why it cannot; handles in-page navigation.

use super::article::ArticleView;
use super::contents::Contents;
use super::controls::ReaderControls;
use super::footer::FooterView;
use super::load::{self, LoadError, LoadState};
use super::masthead::MastheadView;
use super::status::{ErrorScreen, Loading, ProblemsNotice};
use crate::model::{Issue, Problem};
use crate::ui::{article_in_fragment, ReaderPrefs, UiLang};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::Element;
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
}

/// Loads the issue at `src` and renders it; shows loading and error states.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state = use_state(|| LoadState::Loading);
    // Bumped by the retry button: a new value re-runs the fetch effect.
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with((props.src.clone(), *attempt), move |(src, _)| {
            // A newer src (or removal) aborts this fetch, and its answer is never shown.
            let controller = web_sys::AbortController::new().ok();
            let current = Rc::new(Cell::new(true));
            if src.is_empty() {
                state.set(LoadState::Failed(LoadError::NoSource));
            } else {
                state.set(LoadState::Loading);
                let signal = controller.as_ref().map(|c| c.signal());
                let (src, current) = (src.to_string(), current.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = load::fetch(&src, signal.as_ref()).await;
                    if current.get() {
                        state.set(result);
                    }
                });
            }
            move || {
                current.set(false);
                if let Some(c) = controller {
                    c.abort();
                }
            }
        });
    }

    // Deep links: once the issue is shown, open at the article the page's fragment names,
    // and follow later fragment changes (back/forward, an edited URL).
    let root = use_node_ref();
    let loaded = matches!(*state, LoadState::Loaded { .. });
    {
        let root = root.clone();
        use_effect_with((loaded, props.ns.clone()), move |(loaded, ns)| {
            let listener = loaded.then(|| {
                let ns = ns.to_string();
                show_fragment_article(&root, &ns);
                let window = web_sys::window()?;
                Some(gloo_events::EventListener::new(
                    &window,
                    "hashchange",
                    move |_| show_fragment_article(&root, &ns),
                ))
            });
            move || drop(listener)
        });
    }
    let on_navigate = {
        let (root, ns) = (root.clone(), props.ns.clone());
        Callback::from(move |id: String| {
            if let Some(article) = find_article(&root, &id) {
                article.scroll_into_view();
                if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                    let _ = history.push_state_with_url(
                        &JsValue::NULL,
                        "",
                        Some(&format!("#{ns}/{id}")),
                    );
                }
            }
        })
    };

    // The reader's settings, kept in localStorage: read once mounted, saved on change.
    let prefs = use_state(ReaderPrefs::default);
    {
        let prefs = prefs.clone();
        use_effect_with((), move |_| {
            if let Some(stored) =
                storage().and_then(|s| s.get_item(ReaderPrefs::STORAGE_KEY).ok().flatten())
            {
                prefs.set(ReaderPrefs::from_storage(&stored));
            }
        });
    }
    let on_prefs = {
        let prefs = prefs.clone();
        Callback::from(move |next: ReaderPrefs| {
            if let Some(s) = storage() {
                let _ = s.set_item(ReaderPrefs::STORAGE_KEY, &next.to_storage());
            }
            prefs.set(next);
        })
    };

    let on_retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    let content = match &*state {
        LoadState::Loading => html! { <Loading lang={props.lang} /> },
        LoadState::Failed(error) => html! {
            <ErrorScreen error={error.clone()} lang={props.lang} {on_retry} />
        },
        LoadState::Loaded { issue, problems } => html! {
            <>
            if props.controls {
                <ReaderControls prefs={*prefs} lang={props.lang} on_change={on_prefs} />
            }
            <IssueView
                issue={issue.clone()}
                problems={problems.clone()}
                lang={props.lang}
                link_base={format!("{}#{}/", props.page, props.ns)}
                {on_navigate}
            />
            </>
        },
    };
    html! {
        <div class={classes!("bv-app", prefs.classes())} lang={props.lang.tag()} ref={root}>{ content }</div>
    }
}

/// The page's localStorage, when the browser allows it (not in some private modes).
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The article element with `id` inside this viewer.
fn find_article(root: &NodeRef, id: &str) -> Option<Element> {
    // Ids are validated ([a-z][a-z0-9-]*), so they are safe in a selector.
    if !crate::model::is_fragment_id(id) {
        return None;
    }
    root.cast::<Element>()?
        .query_selector(&format!("article[id=\"{id}\"]"))
        .ok()?
}

/// Scrolls to the article the page's fragment names, if it names one of this viewer's.
fn show_fragment_article(root: &NodeRef, ns: &str) {
    let hash = web_sys::window().and_then(|w| w.location().hash().ok());
    if let Some(id) = hash.as_deref().and_then(|h| article_in_fragment(h, ns)) {
        if let Some(article) = find_article(root, id) {
            article.scroll_into_view();
        }
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
    /// A 要目 link was followed (carries the article id).
    #[prop_or_default]
    pub on_navigate: Callback<String>,
}

/// One issue, as the printed bulletin reads: 报头, 要目, articles, 报尾.
#[function_component]
pub fn IssueView(props: &IssueViewProps) -> Html {
    let issue = &props.issue;
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
                        on_navigate={props.on_navigate.clone()}
                    />
                }
                <main class="bv-articles">
                    { for issue.articles.iter().map(|a| html! {
                        <ArticleView key={a.id.clone()} article={a.clone()} />
                    }) }
                </main>
                <FooterView footer={issue.footer.clone()} />
            </div>
        </>
    }
}
