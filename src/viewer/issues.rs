//! The issues of a feed around the one shown: the older and newer issue, and a list of all
//! (往期). Real links (`#bulletin/2024-17`), so an issue can be opened in a new tab or shared.

use super::load::Shelf;
use super::spaced::spaced;
use crate::ui::UiLang;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`IssueNav`].
#[derive(Properties, PartialEq)]
pub struct IssueNavProps {
    /// The feed.
    pub shelf: Rc<Shelf>,
    /// The entry shown.
    pub index: usize,
    /// What links start with; the issue key follows (`…#bulletin/` + `2024-17`).
    pub link_base: AttrValue,
    /// Interface language.
    pub lang: UiLang,
    /// An issue was chosen (carries its index in the feed).
    pub on_choose: Callback<usize>,
}

/// 上一期 · 往期 · 下一期.
#[function_component]
pub fn IssueNav(props: &IssueNavProps) -> Html {
    let t = props.lang.text();
    let issues = &props.shelf.feed.issues;
    let link = |i: usize, class: Option<&'static str>, body: Html| {
        let onclick = super::links::link_click(&props.on_choose, i);
        let current = (i == props.index).then_some("page");
        html! {
            <a class={class} href={format!("{}{}", props.link_base, props.shelf.keys[i])}
                aria-current={current} {onclick}>{ body }</a>
        }
    };
    let older = props.index + 1;
    let newer = props.index.checked_sub(1);
    html! {
        <nav class="bv-issues" aria-label={t.issues}>
            if older < issues.len() {
                { link(older, Some("bv-older"), html! {
                    <><span class="bv-pager-label">{ t.older }</span><span>{ spaced(&issues[older].label) }</span></>
                }) }
            }
            <details class="bv-archive">
                <summary>{ t.issues }{ " " }{ issues.len() }</summary>
                <ol>
                    { for issues.iter().enumerate().map(|(i, e)| html! {
                        <li>{ link(i, None, html! {
                            <>
                            <span class="bv-archive-issue">
                                { spaced(&e.label) }{ " · " }{ spaced(&e.date_display) }
                                if i == 0 && props.shelf.newest_unusable.is_none() { { t.newest } }
                            </span>
                            if let Some(h) = e.headlines.first() {
                                <span class="bv-archive-headline">{ spaced(h) }</span>
                            }
                            </>
                        }) }</li>
                    }) }
                </ol>
            </details>
            if let Some(newer) = newer {
                { link(newer, Some("bv-newer"), html! {
                    <><span class="bv-pager-label">{ t.newer }</span><span>{ spaced(&issues[newer].label) }</span></>
                }) }
            }
        </nav>
    }
}
