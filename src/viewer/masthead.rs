//! 报头: the red masthead.

use super::spaced::{or_unfilled, spaced, unfilled_as};
use crate::model::Masthead;
use crate::ui::UiLang;
use yew::prelude::*;

/// Properties of [`MastheadView`].
#[derive(Properties, PartialEq)]
pub struct MastheadProps {
    /// The masthead to show.
    pub masthead: Masthead,
    /// Interface language (for the stand-ins of a draft's empty parts).
    #[prop_or_default]
    pub lang: UiLang,
}

/// 报头: bulletin name in red, issue and cumulative numbers, organ and date, red rule. A
/// draft's empty parts show as stand-ins (（日期未填）), so that the masthead keeps its shape.
#[function_component]
pub fn MastheadView(props: &MastheadProps) -> Html {
    let m = &props.masthead;
    let (lang, u) = (props.lang, &props.lang.text().unfilled);
    let date = &m.date;
    html! {
        <header class="bv-masthead">
            { heading(&m.title, or_unfilled(&m.title, u.name, lang)) }
            <p class="bv-number">{ or_unfilled(&m.issue.label, u.number, lang) }</p>
            if let Some(c) = &m.cumulative {
                <p class="bv-cumulative">{ "（" }{ spaced(&c.text) }{ "）" }</p>
            }
            <p class="bv-imprint">
                <span class="bv-organ">{ or_unfilled(&m.organ, u.organ, lang) }</span>
                if date.display.trim().is_empty() {
                    { unfilled_as("bv-date bv-unfilled", u.date, lang) }
                } else {
                    <time class="bv-date" datetime={date.iso.clone()}>{ spaced(&date.display) }</time>
                }
            </p>
        </header>
    }
}

/// The bulletin's name in red, sized by its length (also the archive index's heading).
pub fn title(title: &str) -> Html {
    heading(title, spaced(title))
}

/// The bulletin's name `title`, drawn as `content`.
fn heading(title: &str, content: Html) -> Html {
    html! { <h1 class={classes!("bv-title", title_class(title))}>{ content }</h1> }
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
