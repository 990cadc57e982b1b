//! 朗读: reading the issue aloud with the browser's speech synthesis, one sentence per
//! utterance ([`crate::speech`] says what), the sentence highlighted on screen and kept in
//! view. One viewer reads at a time on a page; reading stops when the viewer goes, when the
//! page is hidden, or with Esc.

use crate::model::Issue;
use crate::search::Field;
use crate::speech::{script, Spot, Utterance};
use crate::viewer::kiosk::monotonic;
use crate::viewer::watch::{addressed_to, typing};
use gloo_events::EventListener;
use js_sys::{Array, Function, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Element, KeyboardEvent, Node, ScrollIntoViewOptions, ScrollLogicalPosition, SpeechSynthesis,
    SpeechSynthesisUtterance, SpeechSynthesisVoice,
};
use yew::prelude::*;

/// The event by which a viewer that starts reading tells the others on the page to stop.
const STARTS: &str = "bulletin-viewer-speaks";
/// The name of the highlight (CSS Custom Highlight API) of the sentence being read.
const HIGHLIGHT: &str = "bv-speaking";

/// What the player is doing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SpeechState {
    /// Not reading.
    #[default]
    Idle,
    /// Reading.
    Playing,
    /// Paused at a sentence (resumes at its start).
    Paused,
}

/// Why reading could not start or go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeechFault {
    /// The browser has no speech synthesis.
    Unsupported,
    /// No Chinese voice is installed.
    NoVoice,
    /// The synthesis failed.
    Failed,
}

/// What the viewer shows of the reading.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpeechView {
    /// Reading, paused or not.
    pub state: SpeechState,
    /// The article being read (none for the masthead line).
    pub article: Option<usize>,
    /// Why the last start failed, until the next.
    pub fault: Option<SpeechFault>,
}

/// What [`use_speech`] needs.
pub struct SpeechArgs {
    /// The viewer's root.
    pub root: NodeRef,
    /// The issue shown.
    pub issue: Option<Rc<Issue>>,
    /// Whether reading aloud is offered at all.
    pub on: bool,
    /// Speech rate (1 is normal).
    pub rate: f32,
    /// The R and Esc keys (not on a kiosk).
    pub shortcuts: bool,
    /// A kiosk's last activity: reading counts as activity, so pages do not turn under it.
    pub activity: Option<Rc<Cell<f64>>>,
}

/// The reading and its controls.
pub struct Speech {
    /// What to show.
    pub view: SpeechView,
    /// Start reading: the whole issue (`None`) or from an article on.
    pub on_start: Callback<Option<usize>>,
    /// Pause, or resume where it paused.
    pub on_pause: Callback<()>,
    /// Stop.
    pub on_stop: Callback<()>,
}

impl Speech {
    /// No reading aloud (the lite build).
    pub fn none() -> Speech {
        Speech {
            view: SpeechView::default(),
            on_start: Callback::noop(),
            on_pause: Callback::noop(),
            on_stop: Callback::noop(),
        }
    }
}

/// The state the browser's callbacks share.
#[derive(Default)]
struct Player {
    root: NodeRef,
    issue: Option<Rc<Issue>>,
    queue: Vec<Utterance>,
    at: usize,
    /// Bumped whenever what is spoken changes: events of an older utterance are ignored.
    generation: u32,
    rate: f32,
    voice: Option<SpeechSynthesisVoice>,
    state: SpeechState,
    /// True while this viewer announces its start (its own announcement is not for it).
    announcing: bool,
    activity: Option<Rc<Cell<f64>>>,
    /// What is shown (the source of truth; `view` gets a copy on every change).
    shown: SpeechView,
    view: Option<UseStateHandle<SpeechView>>,
    /// The current utterance's listeners (dropped with it).
    listeners: Vec<EventListener>,
}

type Shared = Rc<RefCell<Player>>;

fn synth() -> Option<SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok()
}

/// Reading aloud for the issue shown, and its controls.
#[hook]
pub fn use_speech(args: SpeechArgs) -> Speech {
    let view = use_state_eq(SpeechView::default);
    let player: Shared = use_mut_ref(Player::default);
    {
        let mut p = player.borrow_mut();
        p.root = args.root.clone();
        p.activity = args.activity.clone();
        p.view = Some(view.clone());
        p.rate = args.rate;
    }
    // A new issue, reading turned off, or the viewer gone: reading stops.
    {
        let player = player.clone();
        let deps = (args.issue.clone(), args.on);
        use_effect_with(deps, move |(issue, _)| {
            player.borrow_mut().issue = issue.clone();
            move || stop(&player)
        });
    }
    // A new speed applies from the sentence being read.
    {
        let player = player.clone();
        use_effect_with(args.rate.to_bits(), move |_| {
            if player.borrow().state == SpeechState::Playing {
                speak(&player);
            }
        });
    }
    // Stop when the page is hidden or another viewer starts; R and Esc.
    {
        let player = player.clone();
        let (root, shortcuts) = (args.root.clone(), args.shortcuts);
        use_effect_with((args.on, shortcuts), move |&(on, shortcuts)| {
            let listeners = on.then(|| listen(&player, root, shortcuts));
            move || drop(listeners)
        });
    }
    let on_start = {
        let player = player.clone();
        Callback::from(move |from: Option<usize>| start(&player, from))
    };
    let on_pause = {
        let player = player.clone();
        Callback::from(move |_| pause(&player))
    };
    let on_stop = Callback::from(move |_| stop(&player));
    Speech {
        view: *view,
        on_start,
        on_pause,
        on_stop,
    }
}

fn listen(player: &Shared, root: NodeRef, shortcuts: bool) -> Vec<EventListener> {
    let mut out = Vec::new();
    let Some(window) = web_sys::window() else {
        return out;
    };
    if let Some(document) = window.document() {
        let (p, d) = (player.clone(), document.clone());
        out.push(EventListener::new(
            &document,
            "visibilitychange",
            move |_| {
                if d.hidden() {
                    stop(&p);
                }
            },
        ));
    }
    let p = player.clone();
    out.push(EventListener::new(&window, STARTS, move |_| {
        if !p.borrow().announcing {
            stop(&p);
        }
    }));
    let p = player.clone();
    out.push(EventListener::new(&window, "keydown", move |e| {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let state = p.borrow().state;
        if e.key() == "Escape" && state != SpeechState::Idle {
            stop(&p);
            return;
        }
        if !shortcuts
            || e.default_prevented()
            || e.ctrl_key()
            || e.meta_key()
            || e.alt_key()
            || !matches!(e.key().as_str(), "r" | "R")
            || typing(e)
            || !addressed_to(&root, e)
        {
            return;
        }
        e.prevent_default();
        match state {
            SpeechState::Idle => {
                let from = current_article(&root);
                start(&p, from);
            }
            _ => pause(&p),
        }
    }));
    out
}

/// The article whose heading is nearest the top of the screen, if the 要目 is scrolled past.
fn current_article(root: &NodeRef) -> Option<usize> {
    let root = root.cast::<Element>()?;
    let articles = root.query_selector_all("article[data-index]").ok()?;
    let mut found = None;
    for i in 0..articles.length() {
        let a = articles.item(i)?.dyn_into::<Element>().ok()?;
        if a.get_bounding_client_rect().top() <= 80.0 {
            found = Some(i as usize);
        }
    }
    found
}

fn set_view(player: &Shared, change: impl FnOnce(&mut SpeechView)) {
    let (view, next) = {
        let mut p = player.borrow_mut();
        change(&mut p.shown);
        (p.view.clone(), p.shown)
    };
    if let Some(view) = view {
        view.set(next);
    }
}

fn start(player: &Shared, from: Option<usize>) {
    let Some(synth) = synth() else {
        return fail(player, SpeechFault::Unsupported);
    };
    let voices = synth.get_voices();
    if voices.length() == 0 {
        // Chromium lists its voices only after a first call, with `voiceschanged`.
        let (p, fired) = (player.clone(), Rc::new(Cell::new(false)));
        let once = {
            let fired = fired.clone();
            move |p: &Shared| {
                if !fired.replace(true) {
                    let voices = self::synth().map(|s| s.get_voices()).unwrap_or_default();
                    begin(p, from, &voices);
                }
            }
        };
        let listener = {
            let (p, once) = (p.clone(), once.clone());
            EventListener::once(&synth, "voiceschanged", move |_| once(&p))
        };
        let _ = after(1500, move || {
            drop(listener);
            once(&p);
        });
        return;
    }
    begin(player, from, &voices);
}

/// Runs `f` once after `ms` (the timer is not cancelled).
fn after(ms: i32, f: impl FnOnce() + 'static) -> Option<i32> {
    let f = wasm_bindgen::closure::Closure::once_into_js(f);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms)
        .ok()
}

/// The best Chinese voice: Mandarin for mainland China first, then any Mandarin one.
fn chinese_voice(voices: &Array) -> Option<SpeechSynthesisVoice> {
    let all: Vec<SpeechSynthesisVoice> = voices
        .iter()
        .filter_map(|v| v.dyn_into::<SpeechSynthesisVoice>().ok())
        .collect();
    let lang = |v: &SpeechSynthesisVoice| v.lang().to_ascii_lowercase().replace('_', "-");
    let pick = |f: &dyn Fn(&str) -> bool| all.iter().find(|v| f(&lang(v))).cloned();
    pick(&|l| l == "zh-cn" || l.starts_with("zh-hans"))
        .or_else(|| pick(&|l| l.starts_with("cmn")))
        .or_else(|| pick(&|l| l == "zh" || (l.starts_with("zh-") && !l.starts_with("zh-yue"))))
}

fn begin(player: &Shared, from: Option<usize>, voices: &Array) {
    let Some(voice) = chinese_voice(voices) else {
        return fail(player, SpeechFault::NoVoice);
    };
    let Some(issue) = player.borrow().issue.clone() else {
        return;
    };
    let queue = script(&issue, from);
    if queue.is_empty() {
        return;
    }
    // Others stop first (synchronously), then this one speaks.
    player.borrow_mut().announcing = true;
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new(STARTS)) {
        let _ = w.dispatch_event(&e);
    }
    {
        let mut p = player.borrow_mut();
        p.announcing = false;
        p.queue = queue;
        p.at = 0;
        p.voice = Some(voice);
        p.state = SpeechState::Playing;
    }
    let article = player.borrow().queue.first().and_then(|u| u.article);
    set_view(player, |v| {
        *v = SpeechView {
            state: SpeechState::Playing,
            article,
            fault: None,
        }
    });
    speak(player);
}

fn fail(player: &Shared, fault: SpeechFault) {
    stop(player);
    set_view(player, |v| v.fault = Some(fault));
}

/// Speaks the sentence at the player's position (again, after a pause or a new speed).
fn speak(player: &Shared) {
    let Some(synth) = synth() else {
        return fail(player, SpeechFault::Unsupported);
    };
    let (text, rate, voice, generation) = {
        let mut p = player.borrow_mut();
        p.generation = p.generation.wrapping_add(1);
        p.listeners.clear();
        let Some(u) = p.queue.get(p.at) else {
            drop(p);
            return stop(player);
        };
        (u.text.clone(), p.rate, p.voice.clone(), p.generation)
    };
    // Whatever was being said is cut off; its events no longer count.
    synth.cancel();
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text) else {
        return fail(player, SpeechFault::Failed);
    };
    utterance.set_lang("zh-CN");
    utterance.set_rate(rate);
    utterance.set_voice(voice.as_ref());
    let current = {
        let player = player.clone();
        move || player.borrow().generation == generation
    };
    let on_start = {
        let (p, current) = (player.clone(), current.clone());
        EventListener::new(&utterance, "start", move |_| {
            if current() {
                shown(&p);
            }
        })
    };
    let on_end = {
        let (p, current) = (player.clone(), current.clone());
        EventListener::new(&utterance, "end", move |_| {
            if current() && p.borrow().state == SpeechState::Playing {
                next(&p);
            }
        })
    };
    let on_error = {
        let p = player.clone();
        EventListener::new(&utterance, "error", move |e| {
            let code = Reflect::get(e, &JsValue::from_str("error"))
                .ok()
                .and_then(|c| c.as_string())
                .unwrap_or_default();
            // Cut off on purpose (pause, stop, another sentence): not a fault.
            if current() && code != "interrupted" && code != "canceled" {
                fail(&p, SpeechFault::Failed);
            }
        })
    };
    player.borrow_mut().listeners = vec![on_start, on_end, on_error];
    synth.speak(&utterance);
}

fn next(player: &Shared) {
    let more = {
        let mut p = player.borrow_mut();
        p.at += 1;
        p.at < p.queue.len()
    };
    if more {
        speak(player);
    } else {
        stop(player);
    }
}

/// The sentence started: highlight it, keep it in view, follow it in the 要目.
fn shown(player: &Shared) {
    let (root, utterance, activity) = {
        let p = player.borrow();
        (
            p.root.clone(),
            p.queue.get(p.at).cloned(),
            p.activity.clone(),
        )
    };
    let Some(u) = utterance else {
        return;
    };
    if let Some(a) = activity {
        a.set(monotonic());
    }
    let article = u.article;
    set_view(player, |v| v.article = article);
    let issue = player.borrow().issue.clone();
    let place = issue
        .zip(u.spot)
        .and_then(|(issue, spot)| sentence_range(&root, &issue, spot));
    highlight(place.as_ref().map(|(r, _)| r));
    let target = place.map(|(_, e)| e).or_else(|| {
        let root = root.cast::<Element>()?;
        match u.article {
            Some(i) => root
                .query_selector(&format!("article[data-index=\"{i}\"]"))
                .ok()?,
            None => root.query_selector(".bv-masthead").ok()?,
        }
    });
    if let Some(e) = target {
        keep_in_view(&e);
    }
}

/// Scrolls `e` to the middle of the screen when it is not within it (above the player bar).
fn keep_in_view(e: &Element) {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let r = e.get_bounding_client_rect();
    if r.top() < 0.0 || r.bottom() > height - 96.0 {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        e.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

fn stop(player: &Shared) {
    let was = {
        let mut p = player.borrow_mut();
        p.generation = p.generation.wrapping_add(1);
        p.listeners.clear();
        std::mem::replace(&mut p.state, SpeechState::Idle)
    };
    if was != SpeechState::Idle {
        if let Some(s) = synth() {
            s.cancel();
        }
        highlight(None);
    }
    set_view(player, |v| *v = SpeechView::default());
}

fn pause(player: &Shared) {
    let state = player.borrow().state;
    match state {
        SpeechState::Playing => {
            {
                let mut p = player.borrow_mut();
                p.generation = p.generation.wrapping_add(1);
                p.listeners.clear();
                p.state = SpeechState::Paused;
            }
            if let Some(s) = synth() {
                s.cancel();
            }
            set_view(player, |v| v.state = SpeechState::Paused);
        }
        SpeechState::Paused => {
            player.borrow_mut().state = SpeechState::Playing;
            set_view(player, |v| v.state = SpeechState::Playing);
            speak(player);
        }
        SpeechState::Idle => {}
    }
}

/// Sets the page's sentence highlight (CSS Custom Highlight API; where a browser lacks it,
/// the sentence is still kept in view). Highlights are not in the accessibility tree, so a
/// screen reader is not told of each sentence. One `Highlight` is registered, once, and its
/// range changed: WebKit (Safari before its 2026 fix) does not repaint when a new `Highlight`
/// takes the name of another or the name is deleted, leaving old sentences painted.
fn highlight(range: Option<&web_sys::Range>) {
    // Whatever is missing (no `CSS.highlights`, no `Highlight`) gives `undefined`, and calls
    // on `undefined` do nothing.
    let global = js_sys::global();
    let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).unwrap_or_default();
    let call = |o: &JsValue, k: &str, args: &Array| {
        get(o, k)
            .dyn_into::<Function>()
            .ok()
            .and_then(|f| f.apply(o, args).ok())
            .unwrap_or_default()
    };
    let registry = get(&get(&global, "CSS"), "highlights");
    let name = Array::of1(&JsValue::from_str(HIGHLIGHT));
    let mut h = call(&registry, "get", &name);
    if h.is_undefined() {
        h = get(&global, "Highlight")
            .dyn_into::<Function>()
            .ok()
            .and_then(|c| Reflect::construct(&c, &Array::new()).ok())
            .unwrap_or_default();
        name.push(&h);
        call(&registry, "set", &name);
    }
    call(&h, "clear", &Array::new());
    if let Some(range) = range {
        call(&h, "add", &Array::of1(range));
    }
}

/// The DOM range of a sentence, and the element holding it.
fn sentence_range(root: &NodeRef, issue: &Issue, spot: Spot) -> Option<(web_sys::Range, Element)> {
    let root = root.cast::<Element>()?;
    let i = match spot.field {
        Field::Title(i) | Field::Byline(i) | Field::Source(i) => i,
        Field::Block(i, ..) | Field::Caption(i, _) => i,
        _ => return None,
    };
    let el = root
        .query_selector(&format!("article[data-index=\"{i}\"]"))
        .ok()??;
    let block = |b: usize| -> Option<Element> {
        el.query_selector_all(
            ":scope > :not(.bv-article-title, .bv-byline, .bv-source, .bv-pager, .bv-read)",
        )
        .ok()?
        .item(b as u32)?
        .dyn_into()
        .ok()
    };
    let text = crate::search::fields(issue)
        .into_iter()
        .find(|(f, _)| *f == spot.field)?
        .1;
    let (element, prefix): (Element, usize) = match spot.field {
        Field::Title(_) => (el.query_selector(".bv-article-title").ok()??, 0),
        Field::Byline(_) => (el.query_selector(".bv-byline").ok()??, 0),
        // Drawn in brackets: （source）.
        Field::Source(_) => (el.query_selector(".bv-source").ok()??, 1),
        Field::Block(_, b, k) => {
            let e = block(b)?;
            match e.tag_name().as_str() {
                "UL" | "OL" => (
                    e.query_selector_all(":scope > li")
                        .ok()?
                        .item(k as u32)?
                        .dyn_into()
                        .ok()?,
                    0,
                ),
                _ => (e, 0),
            }
        }
        Field::Caption(_, b) => (block(b)?.query_selector("figcaption").ok()??, 0),
        _ => return None,
    };
    let from = prefix + text.get(..spot.start)?.encode_utf16().count();
    let to = prefix + text.get(..spot.end)?.encode_utf16().count();
    let mut nodes = Vec::new();
    text_nodes(&element, &mut nodes);
    let place = |at: usize| -> Option<(Node, u32)> {
        let mut seen = 0;
        for n in &nodes {
            let len = n.node_value().unwrap_or_default().encode_utf16().count();
            if at <= seen + len {
                return Some((n.clone(), (at - seen) as u32));
            }
            seen += len;
        }
        None
    };
    let ((a, ao), (b, bo)) = (place(from)?, place(to)?);
    let range = web_sys::window()?.document()?.create_range().ok()?;
    range.set_start(&a, ao).ok()?;
    range.set_end(&b, bo).ok()?;
    Some((range, element))
}

fn text_nodes(node: &Node, out: &mut Vec<Node>) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        if let Some(c) = children.item(i) {
            if c.node_type() == Node::TEXT_NODE {
                out.push(c);
            } else {
                text_nodes(&c, out);
            }
        }
    }
}
