//! What the App shows for the state it is in: loading, a fault (retrying or not), or the issue
//! with the chrome around it (a kiosk's status line instead on a lobby screen), the player of
//! 朗读 and the 要目 dock; the feed's issues stay at hand in every state. A function of the
//! App's render: it holds no state, and every callback it makes goes to a hook's.

use super::chrome::{chrome, Chrome};
use super::hooks::{Prefs, Reading, Search, Touch};
use super::issue::IssueView;
use super::issues::IssueNav;
use super::load::{LoadState, Loaded, Shelf};
use super::props::AppProps;
use super::scroll::{go_to, go_to_contents, push_fragment};
use super::source::{IssueSource, SourceAction};
use super::speech::{Player, Speech, SpeechState};
use super::status::{kiosk_status, loading, ErrorScreen};
use super::turning::to_top;
use super::variant::{self, FindAll};
use crate::ui::{Anchor, ReaderPrefs};
use std::rc::Rc;
use yew::prelude::*;

/// What [`screen`] draws from.
pub struct Screen<'a> {
    /// The App's properties.
    pub props: &'a AppProps,
    /// The viewer's root.
    pub root: NodeRef,
    /// A lobby screen.
    pub kiosk: bool,
    /// Where the issue comes from.
    pub source: &'a IssueSource,
    /// The feed of reader mode (None: one issue, or a kiosk).
    pub shelf: &'a Option<Rc<Shelf>>,
    /// Where deep links point.
    pub anchor: &'a Anchor,
    /// A kiosk's touches.
    pub touch: &'a Touch,
    /// The reader's settings.
    pub prefs: &'a Prefs,
    /// The reader changed them.
    pub on_prefs: Callback<ReaderPrefs>,
    /// Search in the issue.
    pub search: &'a Search,
    /// 朗读, and whether it is offered.
    pub speech: Speech,
    /// Whether 朗读 is offered.
    pub speech_on: bool,
    /// Where the reader is.
    pub reading: &'a Reading,
    /// Whether the 要目 is open.
    pub contents_open: &'a UseStateHandle<bool>,
    /// 往期检索 (its panel, its button, or nothing).
    pub find_all: &'a FindAll,
}

/// The App's section: its label, its look (the reader's settings; a kiosk's own), and what
/// the state shows.
pub fn screen(s: Screen) -> Html {
    let props = s.props;
    let (t, lang) = (props.lang.text(), props.lang);
    // The feed's issues stay at hand while one loads or fails, marking the one chosen. (The
    // lite build's tests of `variant::FULL` here and below leave out what it never shows.)
    let issue_nav = s
        .shelf
        .as_ref()
        .filter(|_| variant::FULL)
        .and_then(|shelf| Some((shelf.clone(), s.source.entry()?)))
        .map(|(shelf, index)| {
            let link_base: AttrValue = format!("{}#{}/", props.page, props.ns).into();
            let search = s.find_all.view(&shelf, &link_base, lang);
            let on_choose = choose(&s);
            html! { <IssueNav {shelf} {index} {link_base} {lang} {on_choose} {search} /> }
        })
        .unwrap_or_default();
    let on_retry = {
        let dispatch = s.source.dispatcher();
        Callback::from(move |_| dispatch.dispatch(SourceAction::Retry))
    };
    let (label, content) = match &s.source.load {
        LoadState::Loading => (
            t.name.to_string(),
            html! { <>{ issue_nav }{ loading(lang) }</> },
        ),
        LoadState::Failed(error) => (
            t.error_title.to_string(),
            html! { <>{ issue_nav }<ErrorScreen error={error.clone()} {lang} {on_retry} /></> },
        ),
        LoadState::Retrying { error, attempt, of } => (
            t.error_title.to_string(),
            html! { <>{ issue_nav }<ErrorScreen error={error.clone()} {lang} retrying={Some((*attempt, *of))} {on_retry} /></> },
        ),
        LoadState::Loaded(loaded) => shown(&s, loaded, issue_nav),
    };
    let (look, oncontextmenu) = match variant::FULL && s.kiosk {
        // No context menu on a kiosk (nor selection: see the stylesheet).
        true => (
            "bv-kiosk".to_string(),
            Some(Callback::from(|e: MouseEvent| e.prevent_default())),
        ),
        false => (s.prefs.value.classes(), None),
    };
    html! {
        <section class={classes!("bv-app", look)} lang={lang.tag()} aria-label={label} ref={s.root} {oncontextmenu}>
            { content }
        </section>
    }
}

/// Choosing an issue of the feed: its fragment pushed, the issue shown from its top.
fn choose(s: &Screen) -> Callback<usize> {
    let (root, ns, dispatch) = (s.root.clone(), s.props.ns.clone(), s.source.dispatcher());
    let shelf = s.shelf.clone();
    Callback::from(move |i: usize| {
        if let Some(key) = shelf.as_ref().and_then(|s| s.keys.get(i)).cloned() {
            push_fragment(&format!("{ns}/{key}"));
            dispatch.dispatch(SourceAction::Choose(Some(key)));
            to_top(&root);
        }
    })
}

/// The issue shown, its label, with the chrome (or a kiosk's status line), the player and
/// the 要目 dock.
fn shown(s: &Screen, loaded: &Loaded, issue_nav: Html) -> (String, Html) {
    let Loaded { issue, problems } = loaded;
    let (props, kiosk, search) = (s.props, variant::FULL && s.kiosk, s.search);
    let speech_on = variant::FULL && s.speech_on;
    let (t, lang) = (props.lang.text(), props.lang);
    let link_base: AttrValue = format!("{}#{}/", props.page, s.anchor.path()).into();
    let count = issue.articles.len();
    let first = issue
        .articles
        .first()
        .map(|a| a.id.clone())
        .unwrap_or_default();
    let on_navigate = {
        let (root, path) = (s.root.clone(), s.anchor.path());
        Callback::from(move |id: String| go_to(&root, &path, &id, true))
    };
    let on_skip = {
        let (on_navigate, first) = (on_navigate.clone(), first.clone());
        Callback::from(move |_| on_navigate.emit(first.clone()))
    };
    let speech = &s.speech;
    // While reading aloud, the 要目 follows the article being read.
    let article = match speech.view.state {
        SpeechState::Idle => s.reading.article,
        _ => speech.view.article.unwrap_or(s.reading.article),
    };
    let on_read = speech_on.then(|| {
        let on_start = speech.on_start.clone();
        Callback::from(move |i: usize| on_start.emit(Some(i)))
    });
    let on_contents = {
        let (root, contents_open) = (s.root.clone(), s.contents_open.clone());
        Callback::from(move |_: MouseEvent| {
            contents_open.set(true);
            go_to_contents(&root);
        })
    };
    let on_toggle_contents = {
        let contents_open = s.contents_open.clone();
        Callback::from(move |_| contents_open.set(!*contents_open))
    };
    // A draft may have neither: the region is then named as the viewer.
    let label = match format!("{} {}", issue.masthead.title, issue.masthead.issue.label).trim() {
        "" => t.name.to_string(),
        label => label.to_string(),
    };
    let content = html! {
        <>
        if kiosk {
            { kiosk_status(s.source.kiosk, *s.touch.paused, lang) }
        } else {
            { chrome(Chrome {
                lang,
                first_article: format!("{link_base}{first}").into(),
                on_skip,
                hits: search.hits.all.len(),
                hits_total: search.hits.total,
                current_hit: search.current,
                searching: search.active,
                search_input: search.input.clone(),
                query: search.text.clone(),
                on_query: search.on_query.clone(),
                on_step: search.on_step.clone(),
                controls: props.controls,
                prefs: s.prefs.value,
                on_prefs: s.on_prefs.clone(),
                issues: issue_nav,
                speech: speech_on,
                on_read: speech.on_start.clone(),
            }) }
        }
        <IssueView
            issue={issue.clone()}
            problems={problems.clone()}
            {lang}
            link_base={link_base.clone()}
            hits={search.hits.clone()}
            current_hit={search.current}
            current_article={Some(article)}
            contents_open={**s.contents_open}
            {on_toggle_contents}
            {on_navigate}
            links={!kiosk}
            {on_read}
        />
        { variant::player(Player {
            view: speech.view,
            prefs: s.prefs.value,
            lang,
            on_pause: speech.on_pause.clone(),
            on_stop: speech.on_stop.clone(),
            on_prefs: s.on_prefs.clone(),
        }) }
        if count > 1 && !s.reading.contents_visible && !kiosk {
            <button type="button" class="bv-dock" onclick={on_contents}
                aria-label={format!("{}（{}{}{}{}{}）", t.to_contents, t.article_of.0, article + 1, t.article_of.1, count, t.article_of.2)}>
                <span aria-hidden="true">{ "要目 " }{ article + 1 }{ "/" }{ count }</span>
            </button>
        }
        </>
    };
    (label, content)
}
