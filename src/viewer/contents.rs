//! 要目: the contents, linking to the articles.

use super::spaced::spaced;
use crate::model::ContentsEntry;
use crate::ui::UiLang;
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
    /// An entry was activated (carries the article id).
    pub on_navigate: Callback<String>,
}

/// 要目: one link per entry. Fragment navigation cannot see into the viewer's shadow root,
/// so a plain click is handled here; modified clicks (new tab…) keep the real link. On narrow
/// screens the heading is a button that folds the list away.
#[function_component]
pub fn Contents(props: &ContentsProps) -> Html {
    let open = use_state(|| true);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    html! {
        <nav class={classes!("bv-contents", (!*open).then_some("bv-folded"))} aria-labelledby="bv-contents-heading">
            <h2 id="bv-contents-heading" class="bv-contents-heading">
                <button type="button" class="bv-contents-toggle" aria-expanded={open.to_string()}
                    aria-controls="bv-contents-list" title={props.lang.text().contents_toggle}
                    onclick={toggle}>{ "要目" }</button>
                <span class="bv-contents-label">{ "要目" }</span>
            </h2>
            <ol id="bv-contents-list">
                { for props.entries.iter().map(|e| {
                    let onclick = {
                        let (id, on_navigate) = (e.article.clone(), props.on_navigate.clone());
                        Callback::from(move |ev: MouseEvent| {
                            let plain = ev.button() == 0
                                && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
                            if plain {
                                ev.prevent_default();
                                on_navigate.emit(id.clone());
                            }
                        })
                    };
                    html! {
                        <li><a href={format!("{}{}", props.link_base, e.article)} {onclick}>{ spaced(&e.title) }</a></li>
                    }
                }) }
            </ol>
        </nav>
    }
}
