//! The states around an issue: loading, failure, and problems found in the data.

use super::load::LoadError;
use crate::model::Problem;
use crate::ui::UiLang;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Loading`].
#[derive(Properties, PartialEq)]
pub struct LoadingProps {
    /// Interface language.
    pub lang: UiLang,
}

/// Shown while the issue is fetched.
#[function_component]
pub fn Loading(props: &LoadingProps) -> Html {
    html! {
        <div class="bv-status" role="status">
            <p>{ props.lang.text().loading }</p>
        </div>
    }
}

/// Properties of [`ErrorScreen`].
#[derive(Properties, PartialEq)]
pub struct ErrorScreenProps {
    /// What went wrong.
    pub error: LoadError,
    /// Interface language.
    pub lang: UiLang,
    /// Asked to load again.
    pub on_retry: Callback<()>,
}

/// Says what failed and where, with a retry button when trying again may help.
#[function_component]
pub fn ErrorScreen(props: &ErrorScreenProps) -> Html {
    let t = props.lang.text();
    let (what, url, detail) = match &props.error {
        LoadError::NoSource => (t.no_src, None, String::new()),
        LoadError::Network { url, detail } => (t.network, Some(url), detail.clone()),
        LoadError::Http { url, status } => (t.http, Some(url), format!("HTTP {status}")),
        LoadError::Invalid { url, error } => (t.invalid, Some(url), error.to_string()),
    };
    let on_click = {
        let on_retry = props.on_retry.clone();
        Callback::from(move |_: MouseEvent| on_retry.emit(()))
    };
    html! {
        <div class="bv-error" role="alert">
            <h2>{ t.error_title }</h2>
            <p>{ what }</p>
            if let Some(url) = url {
                <p class="bv-error-where">{ t.address }<code>{ url }</code></p>
            }
            if !detail.is_empty() {
                <p class="bv-error-detail">{ t.detail }<code>{ detail }</code></p>
            }
            if props.error.retryable() {
                <button type="button" onclick={on_click}>{ t.retry }</button>
            }
        </div>
    }
}

/// Properties of [`ProblemsNotice`].
#[derive(Properties, PartialEq)]
pub struct ProblemsNoticeProps {
    /// What validation found.
    pub problems: Rc<Vec<Problem>>,
    /// Interface language.
    pub lang: UiLang,
}

/// Lists the problems found in an issue that can still be shown, so none passes unseen.
#[function_component]
pub fn ProblemsNotice(props: &ProblemsNoticeProps) -> Html {
    let t = props.lang.text();
    html! {
        <div class="bv-problems" role="note">
            <p>{ t.problems.0 }{ props.problems.len() }{ t.problems.1 }</p>
            <ul>
                { for props.problems.iter().map(|p| html! {
                    <li><code>{ &p.path }</code>{ t.colon }{ &p.message }</li>
                }) }
            </ul>
        </div>
    }
}
