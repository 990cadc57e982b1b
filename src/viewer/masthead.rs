//! 报头: the red masthead.

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
            <h1 class="bv-title">{ &m.title }</h1>
            <p class="bv-number">{ &m.issue.label }</p>
            if let Some(c) = &m.cumulative {
                <p class="bv-cumulative">{ "（" }{ &c.text }{ "）" }</p>
            }
            <p class="bv-imprint">
                <span class="bv-organ">{ &m.organ }</span>
                <time class="bv-date" datetime={m.date.iso.clone()}>{ &m.date.display }</time>
            </p>
        </header>
    }
}
