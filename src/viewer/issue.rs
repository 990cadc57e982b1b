//! One issue as the printed bulletin reads: 报头, 要目, articles, 报尾 — the same component
//! in the live viewer and in static HTML.

use super::article::ArticleView;
use super::contents::Contents;
use super::footer::FooterView;
use super::masthead::MastheadView;
use super::status::problems_notice;
use crate::model::{Issue, Problem};
use crate::search::Hits;
use crate::ui::UiLang;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`IssueView`].
#[derive(Properties, PartialEq)]
pub struct IssueViewProps {
    /// The issue to show.
    pub issue: Rc<Issue>,
    /// Problems validation found, listed above the issue.
    #[prop_or_default]
    pub problems: Rc<Vec<Problem>>,
    /// Language of the interface around the issue.
    #[prop_or_default]
    pub lang: UiLang,
    /// What links to articles start with; the article id follows.
    #[prop_or(AttrValue::Static("#bulletin/"))]
    pub link_base: AttrValue,
    /// Search hits to mark.
    #[prop_or_default]
    pub hits: Rc<Hits>,
    /// The hit stepped to.
    #[prop_or_default]
    pub current_hit: Option<usize>,
    /// The article being read (highlighted in the 要目); none in static HTML.
    #[prop_or_default]
    pub current_article: Option<usize>,
    /// Whether the 要目 list is unfolded (narrow screens fold it).
    #[prop_or(true)]
    pub contents_open: bool,
    /// The 要目 was folded or unfolded.
    #[prop_or_default]
    pub on_toggle_contents: Callback<()>,
    /// A link to an article was followed (carries the article id).
    #[prop_or_default]
    pub on_navigate: Callback<String>,
    /// Whether phone numbers and e-mail addresses are links (not on a kiosk).
    #[prop_or(true)]
    pub links: bool,
    /// 朗读本篇 was pressed (carries the article's index); none: no such buttons.
    #[prop_or_default]
    pub on_read: Option<Callback<usize>>,
}

/// One issue, as the printed bulletin reads: 报头, 要目, articles, 报尾.
#[function_component]
pub fn IssueView(props: &IssueViewProps) -> Html {
    let issue = &props.issue;
    let current_id = props
        .current_article
        .and_then(|i| issue.articles.get(i))
        .map(|a| a.id.clone());
    let present = use_memo(issue.clone(), |issue| {
        issue
            .articles
            .iter()
            .map(|a| a.id.clone())
            .collect::<std::collections::HashSet<_>>()
    });
    html! {
        <>
            if !props.problems.is_empty() {
                { problems_notice(&props.problems, props.lang) }
            }
            <div class={classes!("bv-issue", (!issue.contents.is_empty()).then_some("bv-with-contents"))} lang="zh-CN">
                <MastheadView masthead={issue.masthead.clone()} lang={props.lang} />
                if !issue.contents.is_empty() {
                    <Contents
                        entries={issue.contents.clone()}
                        lang={props.lang}
                        link_base={props.link_base.clone()}
                        current={current_id}
                        present={present}
                        open={props.contents_open}
                        on_toggle={props.on_toggle_contents.clone()}
                        on_navigate={props.on_navigate.clone()}
                    />
                }
                <div class="bv-articles">
                    { for issue.articles.iter().enumerate().map(|(i, a)| html! {
                        <ArticleView
                            key={a.id.clone()}
                            issue={issue.clone()}
                            index={i}
                            hits={props.hits.clone()}
                            current_hit={props.current_hit.filter(|n| props.hits.article_of(*n) == Some(i))}
                            link_base={props.link_base.clone()}
                            lang={props.lang}
                            on_navigate={props.on_navigate.clone()}
                            on_read={props.on_read.clone()}
                        />
                    }) }
                </div>
                <FooterView footer={issue.footer.clone()} hits={props.hits.clone()} current_hit={props.current_hit} links={props.links} />
            </div>
        </>
    }
}
