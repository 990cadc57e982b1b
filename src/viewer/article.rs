//! One article: title, byline, body blocks, source note, and the way to the next one.

use super::spaced::{marked, or_unfilled, unfilled, unfilled_as};
use crate::model::{is_safe_url, Block, Issue};
use crate::search::{Field, Hits};
use crate::ui::UiLang;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ArticleView`].
#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    /// The issue (shared; compared by pointer first).
    pub issue: Rc<Issue>,
    /// Which article of it to show.
    pub index: usize,
    /// Search hits in the issue.
    pub hits: Rc<Hits>,
    /// The hit the reader stepped to, when it is in this article.
    pub current_hit: Option<usize>,
    /// What links to articles start with; the article id follows.
    pub link_base: AttrValue,
    /// Interface language.
    pub lang: UiLang,
    /// Previous/next was followed (carries the article id).
    pub on_navigate: Callback<String>,
    /// 朗读本篇 (carries the index); none: the button is not offered.
    #[prop_or_default]
    pub on_read: Option<Callback<usize>>,
}

/// One article, its id the target of the 要目 link; previous/next links at its end.
#[function_component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let i = props.index;
    let Some(a) = props.issue.articles.get(i) else {
        return html! {};
    };
    let text = |field: Field, s: &str| marked(s, &props.hits.in_field(field), props.current_hit);
    let heading_id = format!("{}-title", a.id);
    let (lang, t) = (props.lang, props.lang.text());
    // A draft's article may have no title yet: its stand-in shows, here and in the pager.
    let untitled = a.title.trim().is_empty();
    let link = |j: usize, label: &'static str, class: &'static str| {
        let other = props.issue.articles.get(j)?;
        let onclick = super::links::link_click(&props.on_navigate, other.id.clone());
        Some(html! {
            <a class={class} href={format!("{}{}", props.link_base, other.id)} {onclick}>
                <span class="bv-pager-label">{ label }</span>{ or_unfilled(&other.title, t.unfilled.title, lang) }
            </a>
        })
    };
    let prev = i
        .checked_sub(1)
        .and_then(|j| link(j, t.previous, "bv-prev"));
    let next = link(i + 1, t.next, "bv-next");
    html! {
        <article id={a.id.clone()} class="bv-article" aria-labelledby={heading_id.clone()} data-index={i.to_string()}>
            <h2 id={heading_id} class="bv-article-title" tabindex="-1">{ match untitled {
                true => unfilled(t.unfilled.title, lang),
                false => text(Field::Title(i), &a.title),
            } }</h2>
            if let Some(on_read) = props.on_read.clone().filter(|_| super::variant::FULL) {
                <button type="button" class="bv-control bv-read" title={t.keys_speech}
                    aria-label={format!("{}：{}", t.read.1, if untitled { t.unfilled.title } else { &a.title })}
                    onclick={Callback::from(move |_: MouseEvent| on_read.emit(i))}>
                    <span aria-hidden="true" class="bv-read-icon">{ "▶" }</span>{ t.read.1 }
                </button>
            }
            if let Some(byline) = &a.byline {
                <p class="bv-byline">{ text(Field::Byline(i), byline) }</p>
            }
            { for a.blocks.iter().enumerate().map(|(b, block)| render_block(i, b, block, &text, t.table)) }
            if a.blocks.is_empty() {
                { unfilled_as("bv-unfilled bv-blank", t.unfilled.body, lang) }
            }
            if let Some(source) = &a.source {
                <p class="bv-source">{ "（" }{ text(Field::Source(i), source) }{ "）" }</p>
            }
            if prev.is_some() || next.is_some() {
                <div class="bv-pager">
                    { prev.unwrap_or_default() }
                    { next.unwrap_or_default() }
                </div>
            }
        </article>
    }
}

/// One block of article `i`, block number `b`; `text` renders a field's text with its hits;
/// `table_name` names a table without a caption.
fn render_block(
    i: usize,
    b: usize,
    block: &Block,
    text: &dyn Fn(Field, &str) -> Html,
    table_name: &'static str,
) -> Html {
    match block {
        Block::Paragraph { text: s } => {
            html! { <p class="bv-p">{ text(Field::Block(i, b, 0), s) }</p> }
        }
        Block::Heading { text: s } => {
            html! { <h3 class="bv-subheading">{ text(Field::Block(i, b, 0), s) }</h3> }
        }
        Block::Quote { text: s } => {
            html! { <blockquote class="bv-quote">{ text(Field::Block(i, b, 0), s) }</blockquote> }
        }
        Block::List { ordered, items } => {
            let items = items
                .iter()
                .enumerate()
                .map(|(k, s)| html! { <li>{ text(Field::Block(i, b, k), s) }</li> });
            if *ordered {
                html! { <ol class="bv-list">{ for items }</ol> }
            } else {
                html! { <ul class="bv-list">{ for items }</ul> }
            }
        }
        Block::Image { src, alt, caption } => html! {
            <figure class="bv-figure">
                if is_safe_url(src) {
                    <img src={src.clone()} alt={alt.clone()} loading="lazy" />
                } else {
                    <p class="bv-figure-missing">{ "［图片：" }{ alt }{ "］" }</p>
                }
                if let Some(caption) = caption {
                    <figcaption>{ text(Field::Caption(i, b), caption) }</figcaption>
                }
            </figure>
        },
        Block::Table {
            header,
            rows,
            caption,
        } => {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            // Cells are numbered row by row, as search numbers them.
            let mut k = 0;
            let mut row = |cells: &[String], tag: &'static str| {
                let drawn = (0..width).map(|c| {
                    let (content, long) = match cells.get(c) {
                        Some(s) => {
                            k += 1;
                            (text(Field::Block(i, b, k - 1), s), s.chars().count() > 16)
                        }
                        None => (Html::default(), false),
                    };
                    // Short cells (a name, a number) stay on one line; longer text wraps.
                    let class = long.then_some("bv-long");
                    if tag == "th" {
                        html! { <th scope="col" {class}>{ content }</th> }
                    } else {
                        html! { <td {class}>{ content }</td> }
                    }
                });
                html! { <tr>{ for drawn }</tr> }
            };
            let (head, body) = match rows.split_first() {
                Some((first, rest)) if *header => (Some(row(first, "th")), rest),
                _ => (None, &rows[..]),
            };
            let body: Vec<Html> = body.iter().map(|r| row(r, "td")).collect();
            let label = caption.clone().unwrap_or_else(|| table_name.to_string());
            html! {
                <figure class="bv-table">
                    if let Some(caption) = caption {
                        <figcaption>{ text(Field::Caption(i, b), caption) }</figcaption>
                    }
                    // Scrolls sideways inside itself, never the page; focusable so that the
                    // keyboard can scroll it too.
                    <div class="bv-table-scroll" role="region" tabindex="0" aria-label={label}>
                        <table>
                            if let Some(head) = head {
                                <thead>{ head }</thead>
                            }
                            <tbody>{ for body }</tbody>
                        </table>
                    </div>
                </figure>
            }
        }
    }
}
