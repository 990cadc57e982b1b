//! 要目: the contents, linking to the articles.

use super::spaced::{or_unfilled, unfilled};
use crate::model::ContentsEntry;
use crate::ui::UiLang;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Contents`].
#[derive(Properties, PartialEq)]
pub struct ContentsProps {
    /// The entries, in order.
    pub entries: Vec<ContentsEntry>,
    /// What each link starts with; the article id follows (`…#bulletin/` + `a-2`).
    pub link_base: AttrValue,
    /// Interface language (for the toggle's name).
    #[prop_or_default]
    pub lang: UiLang,
    /// Id of the article being read: its entry is marked (`aria-current`).
    #[prop_or_default]
    pub current: Option<String>,
    /// Whether the list is unfolded (narrow screens can fold it).
    #[prop_or(true)]
    pub open: bool,
    /// The heading's button was pressed.
    #[prop_or_default]
    pub on_toggle: Callback<()>,
    /// Ids of the articles present: an entry naming another is shown, but not as a link.
    #[prop_or_default]
    pub present: Rc<HashSet<String>>,
    /// An entry was activated (carries the article id).
    pub on_navigate: Callback<String>,
}

/// 要目: one link per entry. Fragment navigation cannot see into the viewer's shadow root,
/// so a plain click is handled here; modified clicks (new tab…) keep the real link. On narrow
/// screens the heading is a button that folds the list away.
#[function_component]
pub fn Contents(props: &ContentsProps) -> Html {
    let open = props.open;
    let toggle = {
        let on_toggle = props.on_toggle.clone();
        Callback::from(move |_: MouseEvent| on_toggle.emit(()))
    };
    html! {
        <nav class={classes!("bv-contents", (!open).then_some("bv-folded"))} aria-labelledby="bv-contents-heading">
            <h2 id="bv-contents-heading" class="bv-contents-heading">
                <button type="button" class="bv-contents-toggle" aria-expanded={open.to_string()}
                    aria-controls="bv-contents-list" title={props.lang.text().contents_toggle}
                    onclick={toggle}>{ "要目" }</button>
                <span class="bv-contents-label">{ "要目" }</span>
            </h2>
            <ol id="bv-contents-list">
                { for props.entries.iter().map(|e| {
                    let (lang, t) = (props.lang, props.lang.text());
                    let title = or_unfilled(&e.title, t.unfilled.title, lang);
                    if !props.present.contains(&e.article) {
                        // A draft's entry that names no article; an article that cannot be
                        // shown.
                        let why = match e.article.is_empty() {
                            true => unfilled(t.unfilled.no_article, lang),
                            false => t.unavailable.into(),
                        };
                        return html! {
                            <li class="bv-unavailable"><span>{ title }{ why }</span></li>
                        };
                    }
                    let onclick = super::links::link_click(&props.on_navigate, e.article.clone());
                    let current = props.current.as_deref() == Some(e.article.as_str());
                    html! {
                        <li class={classes!(current.then_some("bv-current"))}>
                            <a href={format!("{}{}", props.link_base, e.article)} {onclick}
                                aria-current={current.then_some("location")}>{ title }</a>
                        </li>
                    }
                }) }
            </ol>
        </nav>
    }
}
