//! 报头: the red masthead.

use super::spaced::spaced;
use crate::model::Masthead;
use yew::prelude::*;

/// Properties of [`MastheadView`].
#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    /// The masthead to show.
    pub masthead: Masthead,
}

/// 报头: bulletin name in red, issue and cumulative numbers, organ and date, red rule.
#[function_component]
pub fn MastheadView(props: &MastheadProps) -> Html {
    let m = &props.masthead;
    html! {
        <header class="bv-masthead">
            { title(&m.title) }
            <p class="bv-number">{ spaced(&m.issue.label) }</p>
            if let Some(c) = &m.cumulative {
                <p class="bv-cumulative">{ "（" }{ spaced(&c.text) }{ "）" }</p>
            }
            <p class="bv-imprint">
                <span class="bv-organ">{ spaced(&m.organ) }</span>
                <time class="bv-date" datetime={m.date.iso.clone()}>{ spaced(&m.date.display) }</time>
            </p>
        </header>
    }
}

/// The bulletin's name in red, sized by its length (also the archive index's heading).
pub fn title(title: &str) -> Html {
    html! { <h1 class={classes!("bv-title", title_class(title))}>{ spaced(title) }</h1> }
}

/// Size class of the bulletin's name by its length: a short name (联络动态) can be large and
/// still fit one line; a longer one is set smaller.
fn title_class(title: &str) -> Option<&'static str> {
    match title.chars().count() {
        0..=4 => None,
        5..=6 => Some("bv-title-5"),
        _ => Some("bv-title-7"),
    }
}
