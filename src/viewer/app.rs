//! The root: loads an issue and shows it, or says why it cannot.

use super::article::ArticleView;
use super::contents::Contents;
use super::footer::FooterView;
use super::load::{self, LoadState};
use super::masthead::MastheadView;
use super::status::{ErrorScreen, Loading, ProblemsNotice};
use crate::model::{Issue, Problem};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// URL of the issue JSON.
    pub src: AttrValue,
}

/// Loads the issue at `src` and renders it; shows loading and error states.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    let state = use_state(|| LoadState::Loading);
    // Bumped by the retry button: a new value re-runs the fetch effect.
    let attempt = use_state(|| 0u32);
    {
        let state = state.clone();
        use_effect_with((props.src.clone(), *attempt), move |(src, _)| {
            state.set(LoadState::Loading);
            let src = src.to_string();
            wasm_bindgen_futures::spawn_local(async move {
                state.set(load::fetch(&src).await);
            });
        });
    }
    let on_retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    match &*state {
        LoadState::Loading => html! { <Loading /> },
        LoadState::Failed(error) => html! { <ErrorScreen error={error.clone()} {on_retry} /> },
        LoadState::Loaded { issue, problems } => html! {
            <IssueView issue={issue.clone()} problems={problems.clone()} />
        },
    }
}

/// Properties of [`IssueView`].
#[derive(Properties, PartialEq)]
pub struct IssueViewProps {
    /// The issue to show.
    pub issue: Rc<Issue>,
    /// Problems validation found, listed above the issue.
    #[prop_or_default]
    pub problems: Rc<Vec<Problem>>,
}

/// One issue, as the printed bulletin reads: 报头, 要目, articles, 报尾.
#[function_component]
pub fn IssueView(props: &IssueViewProps) -> Html {
    let issue = &props.issue;
    html! {
        <div class="bv-issue" lang="zh-CN">
            if !props.problems.is_empty() {
                <ProblemsNotice problems={props.problems.clone()} />
            }
            <MastheadView masthead={issue.masthead.clone()} />
            if !issue.contents.is_empty() {
                <Contents entries={issue.contents.clone()} />
            }
            <main class="bv-articles">
                { for issue.articles.iter().map(|a| html! {
                    <ArticleView key={a.id.clone()} article={a.clone()} />
                }) }
            </main>
            <FooterView footer={issue.footer.clone()} />
        </div>
    }
}
