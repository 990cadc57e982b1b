//! 要目: the contents, linking to the articles.

use crate::model::ContentsEntry;
use yew::prelude::*;

/// Properties of [`Contents`].
#[derive(Properties, PartialEq)]
pub struct ContentsProps {
    /// The entries, in order.
    pub entries: Vec<ContentsEntry>,
}

/// 要目: one link per entry, to the article's id.
#[function_component]
pub fn Contents(props: &ContentsProps) -> Html {
    html! {
        <nav class="bv-contents" aria-labelledby="bv-contents-heading">
            <h2 id="bv-contents-heading" class="bv-contents-heading">{ "要目" }</h2>
            <ol>
                { for props.entries.iter().map(|e| html! {
                    <li><a href={format!("#{}", e.article)}>{ &e.title }</a></li>
                }) }
            </ol>
        </nav>
    }
}
