//! The states around an issue: loading, failure, and problems found in the data.

use super::load::LoadError;
use crate::model::Problem;
use std::rc::Rc;
use yew::prelude::*;

/// Shown while the issue is fetched.
#[function_component]
pub fn Loading() -> Html {
    html! {
        <div class="bv-status" role="status" lang="zh-CN">
            <p>{ "正在加载简报…" }</p>
        </div>
    }
}

/// Properties of [`ErrorScreen`].
#[derive(Properties, PartialEq)]
pub struct ErrorScreenProps {
    /// What went wrong.
    pub error: LoadError,
    /// Asked to load again.
    pub on_retry: Callback<()>,
}

/// Says what failed and where, with a retry button when trying again may help.
#[function_component]
pub fn ErrorScreen(props: &ErrorScreenProps) -> Html {
    let (what, url, detail) = match &props.error {
        LoadError::Network { url, detail } => {
            ("无法连接到服务器，简报未能加载。", url, detail.clone())
        }
        LoadError::Http { url, status } => {
            ("服务器未能提供这期简报。", url, format!("HTTP {status}"))
        }
        LoadError::Invalid { url, error } => {
            ("这期简报的数据有误，无法显示。", url, error.to_string())
        }
    };
    let on_click = {
        let on_retry = props.on_retry.clone();
        Callback::from(move |_: MouseEvent| on_retry.emit(()))
    };
    html! {
        <div class="bv-error" role="alert" lang="zh-CN">
            <h2>{ "简报无法显示" }</h2>
            <p>{ what }</p>
            <p class="bv-error-where">{ "地址：" }<code>{ url }</code></p>
            if !detail.is_empty() {
                <p class="bv-error-detail">{ "详情：" }<code>{ detail }</code></p>
            }
            if props.error.retryable() {
                <button type="button" onclick={on_click}>{ "重试" }</button>
            }
        </div>
    }
}

/// Properties of [`ProblemsNotice`].
#[derive(Properties, PartialEq)]
pub struct ProblemsNoticeProps {
    /// What validation found.
    pub problems: Rc<Vec<Problem>>,
}

/// Lists the problems found in an issue that can still be shown, so none passes unseen.
#[function_component]
pub fn ProblemsNotice(props: &ProblemsNoticeProps) -> Html {
    html! {
        <div class="bv-problems" role="note">
            <p>{ format!("本期数据有 {} 处问题，部分内容可能显示不全：", props.problems.len()) }</p>
            <ul>
                { for props.problems.iter().map(|p| html! {
                    <li><code>{ &p.path }</code>{ "：" }{ &p.message }</li>
                }) }
            </ul>
        </div>
    }
}
