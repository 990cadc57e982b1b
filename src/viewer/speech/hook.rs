//! 朗读's effects: the browser's speech synthesis says the sentences [`Reading`] gives, one
//! utterance each, and its events, the reader's keys and the page's changes go back to it as
//! [`Event`]s. One viewer reads at a time on a page; reading stops when the viewer goes, when
//! the page is hidden, or with Esc.

use super::page::{current_article, highlight, light};
use super::state::{Event, Reading, SpeechFault, SpeechState, SpeechView, Then};
use crate::model::Issue;
use crate::viewer::kiosk::monotonic;
use crate::viewer::watch::{addressed_to, typing};
use gloo_events::EventListener;
use js_sys::{Array, Reflect};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{KeyboardEvent, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
use yew::prelude::*;

/// The event by which a viewer that starts reading tells the others on the page to stop.
const STARTS: &str = "bulletin-viewer-speaks";

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

/// What the browser's callbacks share: the reading, and what speaking it takes.
#[derive(Default)]
struct Player {
    reading: Reading,
    root: NodeRef,
    rate: f32,
    voice: Option<SpeechSynthesisVoice>,
    /// True while this viewer announces its start (its own announcement is not for it).
    announcing: bool,
    activity: Option<Rc<Cell<f64>>>,
    /// What the App shows (set from the reading's view on every event).
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
            run(&player, Event::Issue(issue.clone()));
            move || run(&player, Event::Stop)
        });
    }
    // A new speed applies from the sentence being read.
    {
        let player = player.clone();
        use_effect_with(args.rate.to_bits(), move |_| run(&player, Event::Rate));
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
        Callback::from(move |_| run(&player, Event::Pause))
    };
    let on_stop = Callback::from(move |_| run(&player, Event::Stop));
    Speech {
        view: *view,
        on_start,
        on_pause,
        on_stop,
    }
}

/// Gives `event` to the reading and does what it answers.
fn run(player: &Shared, event: Event) {
    let then = step(player, event);
    perform(player, then);
}

/// Gives `event` to the reading; what it shows is set, and a finished utterance's listeners
/// dropped.
fn step(player: &Shared, event: Event) -> Then {
    let (then, view, shown) = {
        let mut p = player.borrow_mut();
        let then = p.reading.step(event);
        if !matches!(then, Then::Nothing | Then::Light) {
            p.listeners.clear();
        }
        (then, p.view.clone(), p.reading.view())
    };
    if let Some(view) = view {
        view.set(shown);
    }
    then
}

/// Does what the reading answered.
fn perform(player: &Shared, then: Then) {
    match then {
        Then::Nothing | Then::Forget => {}
        Then::Hush | Then::End => {
            if let Some(s) = synth() {
                s.cancel();
            }
            if then == Then::End {
                highlight(None);
            }
        }
        Then::Say => speak(player),
        Then::Light => {
            let p = player.borrow();
            if let Some(a) = &p.activity {
                a.set(monotonic());
            }
            if let Some(u) = p.reading.sentence() {
                light(&p.root, p.reading.issue().map(|i| &**i), u);
            }
        }
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
                    run(&p, Event::Stop);
                }
            },
        ));
    }
    let p = player.clone();
    out.push(EventListener::new(&window, STARTS, move |_| {
        if !p.borrow().announcing {
            run(&p, Event::Stop);
        }
    }));
    let p = player.clone();
    out.push(EventListener::new(&window, "keydown", move |e| {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        let state = p.borrow().reading.view().state;
        if e.key() == "Escape" && state != SpeechState::Idle {
            return run(&p, Event::Stop);
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
            SpeechState::Idle => start(&p, current_article(&root)),
            _ => run(&p, Event::Pause),
        }
    }));
    out
}

fn start(player: &Shared, from: Option<usize>) {
    let Some(synth) = synth() else {
        return run(player, Event::Fail(SpeechFault::Unsupported));
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

/// Starts reading with the voice found: the others on the page stop first (synchronously),
/// then this one speaks.
fn begin(player: &Shared, from: Option<usize>, voices: &Array) {
    let Some(voice) = chinese_voice(voices) else {
        return run(player, Event::Fail(SpeechFault::NoVoice));
    };
    player.borrow_mut().voice = Some(voice);
    let then = step(player, Event::Start(from));
    if then == Then::Say {
        player.borrow_mut().announcing = true;
        if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new(STARTS)) {
            let _ = w.dispatch_event(&e);
        }
        player.borrow_mut().announcing = false;
    }
    perform(player, then);
}

/// Speaks the sentence the reading is at (again, after a pause or at a new speed), cutting
/// off whatever was being said.
fn speak(player: &Shared) {
    let Some(synth) = synth() else {
        return run(player, Event::Fail(SpeechFault::Unsupported));
    };
    let (text, rate, voice, generation) = {
        let p = player.borrow();
        let Some(u) = p.reading.sentence() else {
            return;
        };
        (
            u.text.clone(),
            p.rate,
            p.voice.clone(),
            p.reading.generation(),
        )
    };
    synth.cancel();
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text) else {
        return run(player, Event::Fail(SpeechFault::Failed));
    };
    utterance.set_lang("zh-CN");
    utterance.set_rate(rate);
    utterance.set_voice(voice.as_ref());
    // Each of the utterance's events, told to the reading with its generation.
    let on = |name: &'static str, event: fn(&web_sys::Event, u32) -> Option<Event>| {
        let p = player.clone();
        EventListener::new(&utterance, name, move |e| {
            if let Some(e) = event(e, generation) {
                run(&p, e);
            }
        })
    };
    player.borrow_mut().listeners = vec![
        on("start", |_, g| Some(Event::Began(g))),
        on("end", |_, g| Some(Event::Ended(g))),
        on("error", |e, g| {
            let code = Reflect::get(e, &JsValue::from_str("error"))
                .ok()
                .and_then(|c| c.as_string())
                .unwrap_or_default();
            // Cut off on purpose (pause, stop, another sentence): not a fault.
            (code != "interrupted" && code != "canceled").then_some(Event::Broke(g))
        }),
    ];
    synth.speak(&utterance);
}
