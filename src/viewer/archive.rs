//! The archive's index (`bulletin render --feed`): the bulletin's name as its masthead, then
//! every issue of the feed, newest first, with its date and 要目, each linking to its page.
//! Static HTML only (`crate::render`): nothing in the viewer's wasm draws it, so it is not
//! linked into it.

use super::masthead::title;
use crate::model::FeedEntry;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ArchiveIndexView`].
#[derive(Properties, PartialEq)]
pub struct ArchiveIndexProps {
    /// The bulletin's name.
    pub title: AttrValue,
    /// The issues, newest first, each with the URL of its page.
    pub pages: Rc<Vec<(FeedEntry, String)>>,
}

/// 往期: the masthead with the bulletin's name, and the list of its issues.
#[function_component]
pub fn ArchiveIndexView(props: &ArchiveIndexProps) -> Html {
    html! {
        <div class="bv-issue" lang="zh-CN">
            <header class="bv-masthead">
                { title(&props.title) }
                <p class="bv-number">{ "往期" }</p>
            </header>
            <ol class="bv-archive">
                { for props.pages.iter().map(|(e, url)| html! {
                    <li class="bv-archive-issue">
                        <h2 class="bv-article-title"><a href={url.clone()}>{ format!("{} {}", e.title, e.label) }</a></h2>
                        <p class="bv-archive-date"><time datetime={e.date.clone()}>{ &e.date_display }</time></p>
                        <ul>
                            { for e.headlines.iter().map(|h| html! { <li>{ h }</li> }) }
                        </ul>
                    </li>
                }) }
            </ol>
        </div>
    }
}
