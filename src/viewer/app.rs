//! The root: what the viewer does, as a list — where the issue comes from
//! ([`super::source`]), a kiosk's touches and page turning, the reader's settings, search,
//! reading position and fragment links ([`super::hooks`]), reading aloud
//! ([`super::speech`]) and 往期检索 ([`super::findall`]), each a hook, the builds' stand-ins
//! from [`super::variant`] — and which screen that state shows ([`super::screen`]).

use super::findall::FindAllArgs;
use super::hooks::{
    use_fragment_place, use_reader_prefs, use_reading, use_search, use_touch, FragmentPlace, Prefs,
    ReadingArgs, Touch, TouchArgs,
};
use super::load::{LoadState, Loaded, Shelf};
use super::props::AppProps;
use super::screen::{screen, Screen};
use super::source::{use_issue_source, IssueSource, SourceAction, SourceArgs};
use super::variant::{self, use_find_all, use_page_turning, use_speech, SpeechFrom};
use crate::ui::{place_in_fragment, Anchor, Mode, ReaderPrefs};
use std::rc::Rc;
use yew::prelude::*;

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
    let source = use_issue_source(source_args(props, &touch, &root));
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

    // Where deep links point: in a feed they name the issue shown.
    let shelf = source.shelf.clone().filter(|_| reader_feed);
    let anchor = anchor(props, &shelf, &source);
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
    screen(Screen {
        props,
        on_prefs: on_prefs(&prefs, &root),
        root,
        kiosk,
        source: &source,
        shelf: &shelf,
        anchor: &anchor,
        touch: &touch,
        prefs: &prefs,
        search: &search,
        speech,
        speech_on,
        reading: &reading,
        contents_open: &contents_open,
        find_all: &find_all,
    })
}

/// Where the issue comes from, as the App's properties say.
fn source_args(props: &AppProps, touch: &Touch, root: &NodeRef) -> SourceArgs {
    SourceArgs {
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
    }
}

/// Where deep links point: the namespace, and in a feed the issue shown (and whether it is
/// the newest).
fn anchor(props: &AppProps, shelf: &Option<Rc<Shelf>>, source: &IssueSource) -> Anchor {
    let entry = shelf
        .as_ref()
        .zip(source.shown)
        .and_then(|(s, i)| Some((i, s.keys.get(i)?.clone())));
    Anchor {
        ns: props.ns.to_string(),
        issue: entry.as_ref().map(|(_, key)| key.clone()),
        newest: entry.as_ref().is_some_and(|(i, _)| *i == 0),
    }
}

/// The reader changed the settings: they are stored; turning 语音阅读 on in the lite build
/// asks the loader for the full build, which takes over.
fn on_prefs(prefs: &Prefs, root: &NodeRef) -> Callback<ReaderPrefs> {
    let (on_change, root) = (prefs.on_change.clone(), root.clone());
    Callback::from(move |next: ReaderPrefs| {
        on_change.emit(next);
        if !variant::FULL && next.speech {
            super::host::ask_for_build(&root, None);
        }
    })
}
