//! The issues of a feed around the one shown: the older and newer issue, and a list of all
//! (往期). Real links (`#bulletin/2024-17`), so an issue can be opened in a new tab or shared.
//!
//! An archive can hold hundreds or thousands of issues (联络动态 is at its 720th): the list
//! is drawn only while open, grouped by year when it spans several (the year of the issue
//! shown open), each year's list in pieces of [`PIECE`] with a button for more, and it
//! scrolls in a box of its own.

use super::load::Shelf;
use super::spaced::spaced;
use crate::ui::UiLang;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// How many issues of a year are drawn at first, and added by each “more”.
const PIECE: usize = 100;

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
    /// 往期检索, beside 往期.
    #[prop_or_default]
    pub search: Html,
}

/// The year of an entry (the first four characters of its ISO date).
fn year_of(date: &str) -> &str {
    date.get(..4).unwrap_or(date)
}

/// Whether a `toggle` event's `<details>` is now open.
fn is_open(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|d| d.has_attribute("open"))
}

/// 上一期 · 往期 · 下一期.
#[function_component]
pub fn IssueNav(props: &IssueNavProps) -> Html {
    let t = props.lang.text();
    let issues = &props.shelf.feed.issues;
    // Whether the list is open; which years were opened or closed by the reader; how many
    // of a year's issues are drawn.
    let open = use_state_eq(|| false);
    let years_set = use_state(HashMap::<String, bool>::new);
    let drawn = use_state(HashMap::<String, usize>::new);
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
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(is_open(&e)))
    };
    let item = |i: usize| {
        let e = &issues[i];
        html! {
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
        }
    };
    // The issues of one year (all of the feed when it spans one), in pieces.
    let list = |year: &str, range: std::ops::Range<usize>| {
        let count = drawn.get(year).copied().unwrap_or(PIECE);
        let end = range.start + count.min(range.len());
        let left = range.end - end;
        let more = {
            let (drawn, year) = (drawn.clone(), year.to_string());
            Callback::from(move |_: MouseEvent| {
                let mut next = (*drawn).clone();
                next.insert(year.clone(), count + PIECE);
                drawn.set(next);
            })
        };
        html! {
            <>
            <ol>{ for (range.start..end).map(item) }</ol>
            if left > 0 {
                <button type="button" class="bv-control bv-more" onclick={more}>
                    { t.more.0 }{ left }{ t.more.1 }
                </button>
            }
            </>
        }
    };
    let body = if *open {
        // Runs of one year, newest first.
        let mut groups: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
        for (i, e) in issues.iter().enumerate() {
            match groups.last_mut() {
                Some((y, r)) if *y == year_of(&e.date) => r.end = i + 1,
                _ => groups.push((year_of(&e.date), i..i + 1)),
            }
        }
        let shown_year = issues.get(props.index).map(|e| year_of(&e.date));
        let content = match groups.as_slice() {
            [(year, range)] => list(year, range.clone()),
            _ => groups
                .iter()
                .map(|(year, range)| {
                    let open_year = years_set
                        .get(*year)
                        .copied()
                        .unwrap_or(shown_year == Some(*year));
                    let ontoggle = {
                        let (years_set, year) = (years_set.clone(), year.to_string());
                        Callback::from(move |e: Event| {
                            let now = is_open(&e);
                            if years_set.get(&year) != Some(&now) {
                                let mut next = (*years_set).clone();
                                next.insert(year.clone(), now);
                                years_set.set(next);
                            }
                        })
                    };
                    html! {
                        <details class="bv-year" open={open_year} {ontoggle}>
                            <summary>{ t.year.0 }{ *year }{ t.year.1 }{ range.len() }{ t.year.2 }</summary>
                            if open_year { { list(year, range.clone()) } }
                        </details>
                    }
                })
                .collect::<Html>(),
        };
        html! { <div class="bv-archive-list">{ content }</div> }
    } else {
        Html::default()
    };
    html! {
        <nav class="bv-issues" aria-label={t.issues}>
            if older < issues.len() {
                { link(older, Some("bv-older"), html! {
                    <><span class="bv-pager-label">{ t.older }</span><span>{ spaced(&issues[older].label) }</span></>
                }) }
            }
            <details class="bv-archive" open={*open} {ontoggle}>
                <summary>{ t.issues }{ " " }{ issues.len() }</summary>
                { body }
            </details>
            { props.search.clone() }
            if let Some(newer) = newer {
                { link(newer, Some("bv-newer"), html! {
                    <><span class="bv-pager-label">{ t.newer }</span><span>{ spaced(&issues[newer].label) }</span></>
                }) }
            }
        </nav>
    }
}
