//! Text with consistent spacing between Chinese and Latin letters or digits.

use crate::text::{runs, Run};
use yew::prelude::*;

/// Renders text so that Chinese next to Latin letters or digits is spaced alike everywhere:
/// browsers with CSS `text-autospace` space it themselves; for the others, each Western run
/// next to a Han character is a `<span>` whose margin (viewer.css, `@supports not`) gives the
/// same quarter-em. Computed here, while rendering; the DOM is never rewritten afterwards.
pub fn spaced(text: &str) -> Html {
    let runs = runs(text);
    if let [Run::Plain(only)] | [Run::Western { text: only, .. }] = runs.as_slice() {
        return html! { { only.to_string() } };
    }
    runs.into_iter()
        .map(|run| match run {
            Run::Plain(t)
            | Run::Western {
                text: t,
                han_before: false,
                han_after: false,
            } => html! { { t.to_string() } },
            Run::Western {
                text,
                han_before,
                han_after,
            } => html! {
                <span class={classes!(han_before.then_some("bv-wl"), han_after.then_some("bv-wr"))}>
                    { text.to_string() }
                </span>
            },
        })
        .collect()
}
