//! 往期检索's panel, beside 往期 (the search build): the field, what was found (newest first,
//! grouped by issue: label and date, each article's title and a snippet with the hit
//! marked), and 更多结果. Its state lives in `use_findall` ([`mod@super::hook`]), so
//! that it survives the issue changing under it (opening a result).

use super::super::load::Shelf;
use super::super::scroll::{go_to, push_fragment};
use super::super::spaced::spaced;
use super::super::turning::to_top;
use super::hook::{use_findall, FindAllPanel};
use super::state::{Check, Finding, FoundArticle, FoundIssue, Refused, NAMED_SHOWN};
use super::{opened, FindAllArgs};
use crate::index::{Refusal, Unsearchable};
use crate::ui::UiLang;
use crate::viewer::source::SourceAction;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// 往期检索 in the search build: its state, and what opening a result does.
pub struct FindAll {
    panel: FindAllPanel,
    on_open: Callback<(usize, Option<String>)>,
}

impl FindAll {
    /// The panel, for the feed `shelf`; links start with `link_base`.
    pub fn view(&self, shelf: &Rc<Shelf>, link_base: &AttrValue, lang: UiLang) -> Html {
        find_all(Panel {
            view: &self.panel,
            shelf,
            link_base,
            lang,
            on_open: self.on_open.clone(),
        })
    }
}

/// 往期检索's state (fetching the index as it is needed), and opening a result: the issue
/// chosen (or scrolled to the top, or to the article, when it is the one shown), the
/// fragment pushed, the in-issue search given the query so that the hits are marked.
#[hook]
pub fn use_find_all(args: FindAllArgs<'_>) -> FindAll {
    let FindAllArgs {
        fetch,
        open_at_first,
        ready,
        ..
    } = args;
    let panel = use_findall(args.shelf.clone(), fetch, open_at_first, ready);
    let (root, ns, shelf) = (args.root.clone(), args.ns.clone(), args.shelf.clone());
    let (dispatch, shown) = (args.source.dispatcher(), args.source.entry());
    let on_query = args.on_query.clone();
    let query = panel.query.clone();
    let on_open = Callback::from(move |(i, id): (usize, Option<String>)| {
        let Some(key) = shelf.as_ref().and_then(|s| s.keys.get(i)).cloned() else {
            return;
        };
        let path = format!("{ns}/{key}");
        match &id {
            Some(id) => push_fragment(&format!("{path}/{id}")),
            None => push_fragment(&path),
        }
        // The in-issue search takes over, with the hits marked.
        on_query.emit(query.clone());
        if shown == Some(i) {
            match &id {
                Some(id) => go_to(&root, &path, id, false),
                None => to_top(&root),
            }
        } else {
            dispatch.dispatch(SourceAction::Choose(Some(key)));
            if id.is_none() {
                to_top(&root);
            }
        }
    });
    FindAll { panel, on_open }
}

/// What [`find_all`] draws.
struct Panel<'a> {
    /// The search's state and callbacks.
    pub view: &'a FindAllPanel,
    /// The feed.
    pub shelf: &'a Shelf,
    /// What links start with; the issue key follows (`…#bulletin/` + `2024-17`).
    pub link_base: &'a str,
    /// Interface language.
    pub lang: UiLang,
    /// A result was opened: the issue's index in the feed, and the article's id.
    pub on_open: Callback<(usize, Option<String>)>,
}

/// The note for `n` issues the index does not list that were not searched (past
/// `state::UNLISTED`). Its words are here rather than in `UiText`, so that the lite
/// and full builds, which never show it, do not carry them: the plain embed's first view is
/// at its 150 KB goal.
fn unlisted_note(lang: UiLang, n: usize) -> String {
    match lang {
        UiLang::ZhCn => format!("另有 {n} 期尚未编入检索索引，这次没有检索。"),
        UiLang::En => {
            format!("{n} more issues are not in the search index yet and were not searched.")
        }
    }
}

/// 往期检索不可用, and why: the index does not add up (the issue is read as ever). Its words
/// are here, in the search build only, as `unlisted_note`'s are.
fn unavailable(lang: UiLang, r: &Refused) -> String {
    let file = &r.file;
    let max = crate::model::MAX_ARTICLES;
    match lang {
        UiLang::ZhCn => {
            let why = match r.why {
                None => format!("检索索引 {file} 无法读取"),
                Some(Refusal::Articles { claimed, .. }) => {
                    format!("检索索引称一期有 {claimed} 篇文章，超过每期 {max} 篇的上限")
                }
                Some(Refusal::Total { claimed }) => {
                    format!("检索索引所记文章共 {claimed} 篇，超出可以编号的范围")
                }
                Some(Refusal::PastTheEnd { total, .. }) => {
                    format!("检索索引 {file} 所列的文章超出索引所记的 {total} 篇")
                }
                Some(Refusal::Counts) => format!("检索索引 {file} 中的数目与内容不符"),
            };
            format!("往期检索不可用：{why}。")
        }
        UiLang::En => {
            let why = match r.why {
                None => format!("its index {file} cannot be read"),
                Some(Refusal::Articles { claimed, .. }) => {
                    format!("its index says an issue has {claimed} articles, more than the {max} an issue may have")
                }
                Some(Refusal::Total { claimed }) => {
                    format!("its index counts {claimed} articles, more than can be numbered")
                }
                Some(Refusal::PastTheEnd { total, .. }) => {
                    format!("its index {file} lists articles past the {total} the index counts")
                }
                Some(Refusal::Counts) => format!("the counts in its index {file} do not add up"),
            };
            format!("Search across issues is unavailable: {why}.")
        }
    }
}

/// The articles an issue shows: those its text holds once read; before, the first
/// [`NAMED_SHOWN`] the index names, titled from the feed's 要目 when they match.
fn shown_articles(issue: &FoundIssue, headlines: &[String]) -> Vec<FoundArticle> {
    match issue.check {
        Check::Done => issue.articles.clone(),
        _ => issue
            .named
            .iter()
            .take(NAMED_SHOWN)
            .map(|&article| FoundArticle {
                article,
                id: None,
                title: match issue.titled {
                    true => headlines.get(article).cloned().unwrap_or_default(),
                    false => String::new(),
                },
                title_marks: Vec::new(),
                snippet: None,
            })
            .collect(),
    }
}

/// A title with its hits marked.
fn marked(text: &str, marks: &[(usize, usize)]) -> Html {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in marks {
        if s < at || e > text.len() {
            continue;
        }
        out.push(spaced(&text[at..s]));
        out.push(html! { <mark>{ &text[s..e] }</mark> });
        at = e;
    }
    out.push(spaced(&text[at..]));
    out.into_iter().collect()
}

/// The 往期检索 panel (a disclosure, like 往期).
fn find_all(p: Panel) -> Html {
    let t = p.lang.text();
    let view = p.view;
    let ontoggle = {
        let on_toggle = view.on_toggle.clone();
        Callback::from(move |e: Event| on_toggle.emit(opened(&e)))
    };
    let oninput = {
        let on_query = view.on_query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                on_query.emit(input.value());
            }
        })
    };
    let open = |entry: usize, id: Option<String>| {
        let on_open = p.on_open.clone();
        Callback::from(move |e: MouseEvent| {
            // A modified click opens a new tab, as a link does.
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return;
            }
            e.prevent_default();
            on_open.emit((entry, id.clone()));
        })
    };
    let issues = &p.shelf.feed.issues;
    let mut notes: Vec<Html> = Vec::new();
    let (status, list, more) = match &view.finding {
        Finding::Idle | Finding::Unsearchable(Unsearchable::Empty) => {
            (String::new(), Html::default(), false)
        }
        Finding::NoIndex => (t.find_all_states.0.into(), Html::default(), false),
        Finding::Unsearchable(Unsearchable::TooShort) => {
            (t.find_all_states.1.into(), Html::default(), false)
        }
        Finding::Searching => (t.find_all_states.3.into(), Html::default(), false),
        Finding::Unavailable(r) => (unavailable(p.lang, r), Html::default(), false),
        Finding::Failed(m) => (
            format!("{}{m}", t.find_all_faults.2),
            Html::default(),
            false,
        ),
        Finding::Found(found) => {
            if !found.missing.is_empty() {
                notes.push(html! {
                    <p class="bv-findall-note">{ t.find_all_faults.1 }{ found.missing.join("、") }</p>
                });
            }
            if found.unchecked > 0 {
                notes.push(html! {
                    <p class="bv-findall-note">{ unlisted_note(p.lang, found.unchecked) }</p>
                });
            }
            let shown: Vec<_> = found.shown().collect();
            let (n, articles) = found.tally();
            let mut status = match (n, found.checking, found.more()) {
                (0, false, false) => t.find_all_states.2.to_string(),
                (0, true, _) => String::new(),
                _ => format!(
                    "{}{n}{}{articles}{}",
                    t.find_all_found.0, t.find_all_found.1, t.find_all_found.2
                ),
            };
            if found.checking {
                status.push_str(t.find_all_faults.0);
            }
            let article = |key: &str, entry: usize, a: &FoundArticle| {
                let href = match &a.id {
                    Some(id) => format!("{}{key}/{id}", p.link_base),
                    None => format!("{}{key}", p.link_base),
                };
                let title = match a.title.is_empty() {
                    true => {
                        let after = t
                            .article_of
                            .1
                            .trim_end_matches(['，', ',', ' ', '共', 'o', 'f']);
                        html! { { format!("{}{}{after}", t.article_of.0, a.article + 1) } }
                    }
                    false => marked(&a.title, &a.title_marks),
                };
                html! {
                    <li>
                        <a {href} class="bv-found-title" onclick={open(entry, a.id.clone())}>{ title }</a>
                        if let Some((before, hit, after)) = &a.snippet {
                            <p class="bv-found-snippet">{ spaced(before) }<mark>{ hit }</mark>{ spaced(after) }</p>
                        }
                    </li>
                }
            };
            let list = html! {
                <ol class="bv-found">
                    { for shown.iter().filter_map(|issue| {
                        let e = issues.get(issue.entry)?;
                        let key = p.shelf.keys.get(issue.entry)?;
                        Some(html! {
                            <li>
                                <a class="bv-found-issue" href={format!("{}{key}", p.link_base)}
                                    onclick={open(issue.entry, None)}>
                                    { spaced(&e.label) }{ " · " }{ spaced(&e.date_display) }
                                </a>
                                if issue.check == Check::Failed {
                                    <p class="bv-findall-note">{ t.find_all_faults.3 }</p>
                                }
                                <ul>{ for shown_articles(issue, &e.headlines).iter().map(|a| article(key, issue.entry, a)) }</ul>
                            </li>
                        })
                    }) }
                </ol>
            };
            (status, list, found.more() && !found.checking)
        }
    };
    let on_more = {
        let on_more = view.on_more.clone();
        Callback::from(move |_: MouseEvent| on_more.emit(()))
    };
    html! {
        <details class="bv-findall" open={view.open} {ontoggle}>
            <summary>{ t.find_all.0 }</summary>
            if view.open {
                <div class="bv-findall-panel" role="search" aria-label={t.find_all.0}>
                    <input ref={view.input.clone()} type="search" class="bv-findall-input"
                        aria-label={t.find_all.1} placeholder={t.find_all.2} {oninput}
                        aria-describedby="bv-findall-status" enterkeyhint="search"
                        value={view.typed.clone()} />
                    <p id="bv-findall-status" class="bv-findall-status" role="status">{ status }</p>
                    { for notes }
                    { list }
                    if more {
                        <button type="button" class="bv-control bv-more" onclick={on_more}>{ t.find_all_more.0 }</button>
                    }
                </div>
            }
        </details>
    }
}
