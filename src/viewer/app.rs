//! The root: what the viewer does, as a list — where the issue comes from, a kiosk's
//! touches and page turning, the reader's settings, search, reading position and fragment
//! links (each a hook in [`super::hooks`]) — and which screen that state shows.

use super::chrome::{chrome, Chrome};
use super::fetch::FetchOptions;
use super::findall::FindAllArgs;
use super::hooks::{
    use_fragment_place, use_issue_source, use_reader_prefs, use_reading, use_search, use_touch,
    FragmentPlace, ReadingArgs, SourceAction, SourceArgs, TouchArgs,
};
use super::issue::IssueView;
use super::issues::IssueNav;
use super::load::{LoadState, Loaded};
use super::scroll::{go_to, go_to_contents, push_fragment};
use super::speech::{Player, SpeechState};
use super::status::{kiosk_status, loading, ErrorScreen};
use super::turning::to_top;
use super::variant::{self, use_find_all, use_page_turning, use_speech, SpeechFrom};
use crate::ui::{defaults, place_in_fragment, Anchor, Mode, UiLang};
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
    /// Timeout, size cap and credentials of the requests.
    #[prop_or_default]
    pub fetch: FetchOptions,
    /// Automatic retries after a transient fault.
    #[prop_or(defaults::RETRIES)]
    pub retries: u32,
    /// Kiosk: 朗读 is offered (the `speech` attribute; on a page the reader's settings say).
    #[prop_or_default]
    pub speech: bool,
    /// The issue is shown (emitted once per issue): a prerendered copy can go.
    #[prop_or_default]
    pub on_shown: Callback<()>,
    /// 往期检索 starts open (the reader opened it in the full build, which brought this one).
    #[prop_or_default]
    pub open_search: bool,
}

/// Loads an issue (from `src`, a feed, or followed by a kiosk) and shows it, or says why it
/// cannot; in-page navigation, search, keyboard shortcuts and the reader's settings.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    // The lite build (one issue in reader mode) leaves the rest out.
    let kiosk = variant::FULL && props.mode == Mode::Kiosk;
    let reader_feed = variant::FULL && !kiosk && !props.feed.is_empty();
    let root = use_node_ref();

    let touch = use_touch(TouchArgs {
        on: kiosk,
        pages_turn: props.dwell > 0,
    });
    let source = use_issue_source(SourceArgs {
        src: props.src.clone(),
        feed: props.feed.clone(),
        mode: props.mode,
        fetch: props.fetch,
        retries: props.retries,
        interval: props.interval,
        idle: props.idle,
        fragment_issue: place_in_fragment(&props.fragment, &props.ns)
            .and_then(|p| p.issue.map(String::from)),
        last_touch: touch.last.clone(),
        root: root.clone(),
    });
    let issue = match &source.load {
        LoadState::Loaded(Loaded { issue, .. }) => Some(issue.clone()),
        _ => None,
    };
    use_page_turning(
        &root,
        &issue,
        kiosk && props.dwell > 0,
        (props.dwell, props.idle),
        &touch,
    );
    let prefs = use_reader_prefs();
    let search = use_search(root.clone(), issue.clone());
    // 朗读 is in the full build only (~15 KB gzip): when the reader turns it on in the lite
    // one, the loader brings the full build, which takes over (see `on_prefs`).
    let speech_on = variant::FULL
        && if kiosk {
            props.speech
        } else {
            prefs.value.speech
        };
    let speech = use_speech(SpeechFrom {
        root: &root,
        issue: &issue,
        on: speech_on,
        rate: prefs.value.speech_rate(),
        kiosk,
        touch: &touch,
    });
    let on_prefs = {
        let (on_change, root) = (prefs.on_change.clone(), root.clone());
        Callback::from(move |next: crate::ui::ReaderPrefs| {
            on_change.emit(next);
            if !variant::FULL && next.speech {
                ask_for_full_build(&root);
            }
        })
    };

    // Where deep links point: in a feed they name the issue shown.
    let shelf = source.shelf.clone().filter(|_| reader_feed);
    let entry = shelf
        .as_ref()
        .zip(source.shown)
        .and_then(|(s, i)| Some((i, s.keys.get(i)?.clone())));
    let anchor = Anchor {
        ns: props.ns.to_string(),
        issue: entry.as_ref().map(|(_, key)| key.clone()),
        newest: entry.as_ref().is_some_and(|(i, _)| *i == 0),
    };
    let reading = use_reading(ReadingArgs {
        root: root.clone(),
        issue: issue.clone(),
        anchor: anchor.clone(),
        shortcuts: !kiosk,
        search_input: search.input.clone(),
    });
    let choose_issue = {
        let dispatch = source.dispatcher();
        Callback::from(move |key| dispatch.dispatch(SourceAction::Choose(key)))
    };
    use_fragment_place(FragmentPlace {
        root: root.clone(),
        anchor: anchor.clone(),
        showing: issue.is_some(),
        on_issue: reader_feed.then_some(choose_issue),
    });
    // Once the issue is drawn, a prerendered copy of it (bulletin render --fragment) can go.
    {
        let on_shown = props.on_shown.clone();
        use_effect_with(issue.is_some(), move |shown| {
            if *shown {
                on_shown.emit(());
            }
        });
    }
    let contents_open = use_state(|| true);

    let on_navigate = {
        let (root, path) = (root.clone(), anchor.path());
        Callback::from(move |id: String| go_to(&root, &path, &id, true))
    };
    let on_choose = {
        let (root, ns, dispatch) = (root.clone(), props.ns.clone(), source.dispatcher());
        let shelf = shelf.clone();
        Callback::from(move |i: usize| {
            if let Some(key) = shelf.as_ref().and_then(|s| s.keys.get(i)).cloned() {
                push_fragment(&format!("{ns}/{key}"));
                dispatch.dispatch(SourceAction::Choose(Some(key)));
                to_top(&root);
            }
        })
    };
    // 往期检索: the panel (the search build), its button (the full build), none (lite).
    let find_all = use_find_all(FindAllArgs {
        root: &root,
        ns: &props.ns,
        shelf: &shelf,
        fetch: props.fetch,
        open_at_first: props.open_search,
        ready: issue.is_some(),
        source: &source,
        on_query: &search.on_query,
    });
    let on_retry = {
        let dispatch = source.dispatcher();
        Callback::from(move |_| dispatch.dispatch(SourceAction::Retry))
    };
    let on_contents = {
        let (root, contents_open) = (root.clone(), contents_open.clone());
        Callback::from(move |_: MouseEvent| {
            contents_open.set(true);
            go_to_contents(&root);
        })
    };
    let on_toggle_contents = {
        let contents_open = contents_open.clone();
        Callback::from(move |_| contents_open.set(!*contents_open))
    };

    let t = props.lang.text();
    let lang = props.lang;
    let link_base: AttrValue = format!("{}#{}/", props.page, anchor.path()).into();
    // The feed's issues stay at hand while one loads or fails, marking the one chosen.
    let issue_nav = shelf
        .as_ref()
        .and_then(|s| Some((s.clone(), source.entry()?)))
        .map(|(shelf, index)| {
            let link_base: AttrValue = format!("{}#{}/", props.page, props.ns).into();
            let search = find_all.view(&shelf, &link_base, lang);
            html! { <IssueNav {shelf} {index} {link_base} {lang} {on_choose} {search} /> }
        })
        .unwrap_or_default();
    let (label, content) = match &source.load {
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
        LoadState::Loaded(Loaded { issue, problems }) => {
            let count = issue.articles.len();
            let first = issue
                .articles
                .first()
                .map(|a| a.id.clone())
                .unwrap_or_default();
            let on_skip = {
                let (on_navigate, first) = (on_navigate.clone(), first.clone());
                Callback::from(move |_| on_navigate.emit(first.clone()))
            };
            // While reading aloud, the 要目 follows the article being read.
            let article = match speech.view.state {
                SpeechState::Idle => reading.article,
                _ => speech.view.article.unwrap_or(reading.article),
            };
            let on_read = speech_on.then(|| {
                let on_start = speech.on_start.clone();
                Callback::from(move |i: usize| on_start.emit(Some(i)))
            });
            (
                // A draft may have neither: the region is then named as the viewer.
                match format!("{} {}", issue.masthead.title, issue.masthead.issue.label).trim() {
                    "" => t.name.to_string(),
                    label => label.to_string(),
                },
                html! {
                    <>
                    if kiosk {
                        { kiosk_status(source.kiosk, *touch.paused, lang) }
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
                            prefs: prefs.value,
                            on_prefs: on_prefs.clone(),
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
                        contents_open={*contents_open}
                        {on_toggle_contents}
                        {on_navigate}
                        links={!kiosk}
                        {on_read}
                    />
                    { variant::player(Player {
                        view: speech.view,
                        prefs: prefs.value,
                        lang,
                        on_pause: speech.on_pause.clone(),
                        on_stop: speech.on_stop.clone(),
                        on_prefs: on_prefs.clone(),
                    }) }
                    if count > 1 && !reading.contents_visible && !kiosk {
                        <button type="button" class="bv-dock" onclick={on_contents}
                            aria-label={format!("{}（{}{}{}{}{}）", t.to_contents, t.article_of.0, article + 1, t.article_of.1, count, t.article_of.2)}>
                            <span aria-hidden="true">{ "要目 " }{ article + 1 }{ "/" }{ count }</span>
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
        false => (prefs.value.classes(), None),
    };
    html! {
        <section class={classes!("bv-app", look)} lang={lang.tag()} aria-label={label} ref={root} {oncontextmenu}>
            { content }
        </section>
    }
}

/// Tells the loader that this element now needs the full build (the reader turned 语音阅读
/// on in the lite one).
fn ask_for_full_build(root: &NodeRef) {
    super::host::ask_for_build(root, None);
}
