//! 朗读's controls: the button that reads the whole issue, and the player bar while it reads
//! (pause or resume, stop, speed). Functions of the App's render: they hold no state.

use super::state::{SpeechFault, SpeechState, SpeechView};
use crate::ui::{ReaderPrefs, UiLang};
use yew::prelude::*;

/// The 朗读全文 button (reads from the masthead on).
pub fn read_all(lang: UiLang, on_start: &Callback<Option<usize>>) -> Html {
    let t = lang.text();
    let on_start = on_start.clone();
    html! {
        <button type="button" class="bv-control bv-read-all" title={t.keys_speech}
            onclick={Callback::from(move |_: MouseEvent| on_start.emit(None))}>
            <span aria-hidden="true" class="bv-read-icon">{ "▶" }</span>{ t.read.0 }
        </button>
    }
}

/// What [`player`] draws.
pub struct Player {
    /// The reading.
    pub view: SpeechView,
    /// The reader's settings (the speed is one).
    pub prefs: ReaderPrefs,
    /// Interface language.
    pub lang: UiLang,
    /// Pause or resume.
    pub on_pause: Callback<()>,
    /// Stop.
    pub on_stop: Callback<()>,
    /// A new speed (stored with the settings).
    pub on_prefs: Callback<ReaderPrefs>,
}

/// The player bar, at the foot of the screen while reading or paused; the reason when
/// reading could not start. Its status line changes with the article, not every sentence.
pub fn player(props: Player) -> Html {
    let t = props.lang.text();
    let v = props.view;
    if let Some(fault) = v.fault {
        let why = match fault {
            SpeechFault::Unsupported => t.speech_fault.0,
            SpeechFault::NoVoice => t.speech_fault.1,
            SpeechFault::Failed => t.speech_fault.2,
        };
        return html! { <p class="bv-speech-fault" role="status">{ why }</p> };
    }
    if v.state == SpeechState::Idle {
        return html! {};
    }
    let status = match (v.state, v.article) {
        (SpeechState::Paused, _) => t.reading.2.to_string(),
        (_, Some(i)) => format!("{}{}{}", t.reading.0, i + 1, t.reading.1),
        (_, None) => t.player.0.to_string(),
    };
    let paused = v.state == SpeechState::Paused;
    let (on_pause, on_stop) = (props.on_pause.clone(), props.on_stop.clone());
    let p = props.prefs;
    html! {
        <div class="bv-player" role="region" aria-label={t.player.0}>
            <span class="bv-player-status" aria-live="polite">{ status }</span>
            <button type="button" class="bv-control" aria-pressed={paused.to_string()}
                onclick={Callback::from(move |_: MouseEvent| on_pause.emit(()))}>
                { if paused { t.player.2 } else { t.player.1 } }
            </button>
            <button type="button" class="bv-control" onclick={Callback::from(move |_: MouseEvent| on_stop.emit(()))}>
                { t.player.3 }
            </button>
            <span class="bv-player-label" aria-hidden="true">{ t.rate.0 }</span>
            <span class="bv-control-group" role="radiogroup" aria-label={t.rate.0}>
                { for t.rate.1.iter().enumerate().map(|(r, name)| {
                    let on_prefs = props.on_prefs.clone();
                    let next = ReaderPrefs { rate: r as u8, ..p };
                    html! {
                        <button type="button" class="bv-control" role="radio"
                            aria-checked={(p.rate as usize == r).to_string()}
                            onclick={Callback::from(move |_: MouseEvent| on_prefs.emit(next))}>{ *name }</button>
                    }
                }) }
            </span>
        </div>
    }
}
