//! One article: title, byline, body blocks, source note.

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
            <h2 id={heading_id} class="bv-article-title">{ &a.title }</h2>
            if let Some(byline) = &a.byline {
                <p class="bv-byline">{ byline }</p>
            }
            { for a.blocks.iter().map(block) }
            if let Some(source) = &a.source {
                <p class="bv-source">{ "（" }{ source }{ "）" }</p>
            }
        </article>
    }
}

fn block(b: &Block) -> Html {
    match b {
        Block::Paragraph { text } => html! { <p class="bv-p">{ text }</p> },
        Block::Heading { text } => html! { <h3 class="bv-subheading">{ text }</h3> },
        Block::Quote { text } => html! { <blockquote class="bv-quote">{ text }</blockquote> },
        Block::List { ordered, items } => {
            let items = items.iter().map(|i| html! { <li>{ i }</li> });
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
                    <figcaption>{ caption }</figcaption>
                }
            </figure>
        },
    }
}
