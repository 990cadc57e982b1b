//! Text as the renderer writes it: Chinese–Latin spacing, and search hits marked.

use crate::text::{runs, Run};
use yew::prelude::*;

/// A Western run longer than this (bytes) is set without kerning (`.bv-unbroken`): Chromium
/// breaks a long kerned word across lines in time that grows with the square of its length
/// (a 20,000-letter bold title took 5 s); kerning means nothing in such a string.
const LONG_RUN: usize = 64;

/// Renders text so that Chinese next to Latin letters or digits is spaced alike everywhere:
/// browsers with CSS `text-autospace` space it themselves; for the others, each Western run
/// next to a Han character is a `<span>` whose margin (viewer.css, `@supports not`) gives the
/// same quarter-em. Computed here, while rendering; the DOM is never rewritten afterwards.
pub fn spaced(text: &str) -> Html {
    let runs = runs(text);
    let short = |t: &str| t.len() <= LONG_RUN;
    if let [Run::Plain(only)] = runs.as_slice() {
        return html! { { only.to_string() } };
    }
    if let [Run::Western { text: only, .. }] = runs.as_slice() {
        if short(only) {
            return html! { { only.to_string() } };
        }
    }
    runs.into_iter()
        .map(|run| match run {
            Run::Plain(t) => html! { { t.to_string() } },
            Run::Western {
                text: t,
                han_before: false,
                han_after: false,
            } if short(t) => html! { { t.to_string() } },
            Run::Western {
                text,
                han_before,
                han_after,
            } => html! {
                <span class={classes!(han_before.then_some("bv-wl"), han_after.then_some("bv-wr"),
                    (!short(text)).then_some("bv-unbroken"))}>
                    { text.to_string() }
                </span>
            },
        })
        .collect()
}

/// Like [`spaced`], with search hits marked: `marks` are (hit number, start, end) byte ranges
/// in order; the hit numbered `current` is the one the reader stepped to.
pub fn marked(text: &str, marks: &[(usize, usize, usize)], current: Option<usize>) -> Html {
    if marks.is_empty() {
        return spaced(text);
    }
    let mut out = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for &(n, start, end) in marks {
        let (Some(before), Some(hit)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push(spaced(before));
        let is_current = current == Some(n);
        out.push(html! {
            <mark id={format!("bv-hit-{n}")} class={classes!("bv-hit", is_current.then_some("bv-hit-current"))}>
                { spaced(hit) }
            </mark>
        });
        at = end;
    }
    out.push(spaced(text.get(at..).unwrap_or_default()));
    out.into_iter().collect()
}

/// A part a draft leaves empty: `text` spaced as usual, or, when it is blank, the stand-in
/// `unfilled` (in the interface's language, `lang`), set apart so that the gap shows.
pub fn or_unfilled(text: &str, unfilled: &'static str, lang: crate::ui::UiLang) -> Html {
    if text.trim().is_empty() {
        self::unfilled(unfilled, lang)
    } else {
        spaced(text)
    }
}

/// The stand-in for an empty part of a draft (`bv-unfilled`), marked with its language: the
/// issue around it is Chinese, the interface may not be.
pub fn unfilled(text: &'static str, lang: crate::ui::UiLang) -> Html {
    unfilled_as("bv-unfilled", text, lang)
}

/// [`unfilled`] with the classes of the part it stands for (`bv-date bv-unfilled`).
pub fn unfilled_as(class: &'static str, text: &'static str, lang: crate::ui::UiLang) -> Html {
    html! { <span {class} lang={lang.tag()}>{ text }</span> }
}
