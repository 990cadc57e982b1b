//! 要目: the contents, linking to the articles.

use crate::model::ContentsEntry;
use yew::prelude::*;

/// Properties of [`Contents`].
#[derive(Properties, PartialEq)]
pub struct ContentsProps {
    /// The entries, in order.
    pub entries: Vec<ContentsEntry>,
    /// What each link starts with; the article id follows (`…#bulletin/` + `a-2`).
    pub link_base: AttrValue,
    /// An entry was activated (carries the article id).
    pub on_navigate: Callback<String>,
}

/// 要目: one link per entry. Fragment navigation cannot see into the viewer's shadow root,
/// so a plain click is handled here; modified clicks (new tab…) keep the real link.
#[function_component]
pub fn Contents(props: &ContentsProps) -> Html {
    html! {
        <nav class="bv-contents" aria-labelledby="bv-contents-heading">
            <h2 id="bv-contents-heading" class="bv-contents-heading">{ "要目" }</h2>
            <ol>
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
                        <li><a href={format!("{}{}", props.link_base, e.article)} {onclick}>{ &e.title }</a></li>
                    }
                }) }
            </ol>
        </nav>
    }
}
