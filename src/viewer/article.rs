//! One article: title, byline, body blocks, source note.

use super::spaced::spaced;
use crate::model::{is_safe_image_url, Article, Block};
use yew::prelude::*;

/// Properties of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// The article to show.
    pub article: Article,
}

/// One article, its id the target of the 要目 link.
#[function_component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let a = &props.article;
    let heading_id = format!("{}-title", a.id);
    html! {
        <article id={a.id.clone()} class="bv-article" aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} class="bv-article-title">{ spaced(&a.title) }</h2>
            if let Some(byline) = &a.byline {
                <p class="bv-byline">{ spaced(byline) }</p>
            }
            { for a.blocks.iter().map(block) }
            if let Some(source) = &a.source {
                <p class="bv-source">{ "（" }{ spaced(source) }{ "）" }</p>
            }
        </article>
    }
}

fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph { text } => html! { <p class="bv-p">{ spaced(text) }</p> },
        Block::Heading { text } => html! { <h3 class="bv-subheading">{ spaced(text) }</h3> },
        Block::Quote { text } => {
            html! { <blockquote class="bv-quote">{ spaced(text) }</blockquote> }
        }
        Block::List { ordered, items } => {
            let items = items.iter().map(|i| html! { <li>{ spaced(i) }</li> });
            if *ordered {
                html! { <ol class="bv-list">{ for items }</ol> }
            } else {
                html! { <ul class="bv-list">{ for items }</ul> }
            }
        }
        Block::Image { src, alt, caption } => html! {
            <figure class="bv-figure">
                if is_safe_image_url(src) {
                    <img src={src.clone()} alt={alt.clone()} loading="lazy" />
                } else {
                    <p class="bv-figure-missing">{ "［图片：" }{ alt }{ "］" }</p>
                }
                if let Some(caption) = caption {
                    <figcaption>{ spaced(caption) }</figcaption>
                }
            </figure>
        },
    }
}
