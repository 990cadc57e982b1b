//! Reader controls: text size, 适老化 (large print), high contrast, colour theme, 语音阅读.

use crate::ui::{ReaderPrefs, Theme, UiLang};
use yew::prelude::*;

/// Properties of [`ReaderControls`].
#[derive(Properties, PartialEq)]
pub struct ReaderControlsProps {
    /// The current preferences.
    pub prefs: ReaderPrefs,
    /// Interface language.
    pub lang: UiLang,
    /// The reader changed a preference.
    pub on_change: Callback<ReaderPrefs>,
}

/// One button (“Aa 阅读设置”) that opens a small toolbar of real buttons: reachable by
/// keyboard, named for screen readers, with their state (`aria-pressed`) announced.
#[function_component]
pub fn ReaderControls(props: &ReaderControlsProps) -> Html {
    let open = use_state(|| false);
    let button = use_node_ref();
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // Esc closes the panel and returns focus to its button.
    let onkeydown = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let t = props.lang.text();
    let p = props.prefs;
    let set = |next: ReaderPrefs| {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(next))
    };
    let smaller = ReaderPrefs {
        size: p.size.saturating_sub(1),
        ..p
    };
    let larger = ReaderPrefs {
        size: (p.size + 1).min(ReaderPrefs::MAX_SIZE),
        ..p
    };
    html! {
        <>
        <button ref={button} type="button" class="bv-control bv-settings" aria-expanded={open.to_string()}
            aria-controls="bv-settings" onclick={toggle}>
            <span aria-hidden="true" class="bv-settings-icon">{ "Aa" }</span>{ t.controls }
        </button>
        <div id="bv-settings" class="bv-settings-panel" role="toolbar" aria-label={t.controls} hidden={!*open} {onkeydown}>
            <span class="bv-control-group" role="group" aria-label={format!("{} {}/{}", t.size, p.size + 1, ReaderPrefs::MAX_SIZE + 1)}>
                <button type="button" class="bv-control" aria-label={format!("A− {}", t.smaller)} title={t.smaller}
                    disabled={p.size == 0} onclick={set(smaller)}>{ "A−" }</button>
                <button type="button" class="bv-control bv-control-large" aria-label={format!("A+ {}", t.larger)} title={t.larger}
                    disabled={p.size == ReaderPrefs::MAX_SIZE} onclick={set(larger)}>{ "A+" }</button>
            </span>
            <button type="button" class="bv-control" aria-pressed={p.elder.to_string()}
                onclick={set(ReaderPrefs { elder: !p.elder, ..p })}>{ t.elder }</button>
            <button type="button" class="bv-control" aria-pressed={p.contrast.to_string()}
                onclick={set(ReaderPrefs { contrast: !p.contrast, ..p })}>{ t.contrast }</button>
            <button type="button" class="bv-control" aria-pressed={p.speech.to_string()} title={t.keys_speech}
                onclick={set(ReaderPrefs { speech: !p.speech, ..p })}>{ t.speech }</button>
            <span class="bv-control-group" role="radiogroup" aria-label={t.theme.0}>
                { for Theme::ALL.into_iter().zip(t.theme.1).map(|(theme, name)| html! {
                    <button type="button" class="bv-control" role="radio"
                        aria-checked={(p.theme == theme).to_string()}
                        onclick={set(ReaderPrefs { theme, ..p })}>{ name }</button>
                }) }
            </span>
        </div>
        </>
    }
}
