//! The states around an issue: loading, failure, and problems found in the data.

use super::load::LoadError;
use crate::model::{JsonFault, Problem, ProblemKind};
use crate::ui::{problem_text, UiLang};
use yew::prelude::*;

/// Shown while the issue is fetched. (The status lines here are plain functions, not
/// components: they have no state, and each component costs the wasm about 1 KB.)
pub fn loading(lang: UiLang) -> Html {
    html! {
        <div class="bv-status" role="status">
            <p>{ lang.text().loading }</p>
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
    /// Set while an automatic retry is pending: the attempt, and of how many (None: without
    /// limit).
    #[prop_or_default]
    pub retrying: Option<(u32, Option<u32>)>,
    /// Asked to load again.
    pub on_retry: Callback<()>,
}

/// Says what failed and where, in the interface language, with a retry button (and, for
/// transient faults, that the viewer is retrying by itself).
#[function_component]
pub fn ErrorScreen(props: &ErrorScreenProps) -> Html {
    let t = props.lang.text();
    let (what, url, detail): (String, Option<&String>, String) = match &props.error {
        LoadError::NoSource => (t.no_src.into(), None, String::new()),
        LoadError::Network { url, detail } => (t.network.into(), Some(url), detail.clone()),
        LoadError::Timeout { url, seconds } => (
            format!("{}{seconds}{}", t.timeout.0, t.timeout.1),
            Some(url),
            String::new(),
        ),
        LoadError::Http { url, status } => {
            let what = match status {
                404 | 410 => t.not_found,
                400..=499 => t.refused,
                _ => t.http,
            };
            (what.into(), Some(url), format!("HTTP {status}"))
        }
        LoadError::NotJson { url, content_type } => (
            t.not_json.into(),
            Some(url),
            format!("Content-Type: {content_type}"),
        ),
        LoadError::Empty { url } => (t.empty.into(), Some(url), String::new()),
        LoadError::Unsafe { url } => (t.unsafe_url.into(), Some(url), String::new()),
        LoadError::TooLarge { url, limit } => (
            format!("{}{}{}", t.too_large.0, megabytes(*limit), t.too_large.1),
            Some(url),
            String::new(),
        ),
        LoadError::Invalid {
            url,
            content_type,
            error,
        } => {
            let what = match error.kind {
                ProblemKind::Json(JsonFault::EndOfInput(_)) => t.truncated,
                _ => t.invalid,
            };
            let mut detail = detail_of(error, props.lang);
            if !content_type.is_empty() && !content_type.contains("json") {
                detail.push_str(&format!(" — Content-Type: {content_type}"));
            }
            (what.into(), Some(url), detail)
        }
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
            if let Some((attempt, of)) = props.retrying {
                if let Some(of) = of {
                    <p class="bv-retrying">{ t.retrying.0 }{ attempt }{ t.retrying.1 }{ of }{ t.retrying.2 }</p>
                } else {
                    <p class="bv-retrying">{ t.retrying_on.0 }{ attempt }{ t.retrying_on.1 }</p>
                }
            }
            if !matches!(props.error, LoadError::NoSource | LoadError::Unsafe { .. }) {
                <button type="button" onclick={on_click}>{ t.retry }</button>
            }
        </div>
    }
}

/// Where and what, in the interface language: `articles[1].title：不能为空（第 3 行第 5 个字符）`.
fn detail_of(error: &Problem, lang: UiLang) -> String {
    let what = problem_text(error, lang);
    match error.path.as_str() {
        "" => what,
        path => format!("{path}{}{what}", lang.text().colon),
    }
}

/// A small line in a corner of the kiosk: when the issue shown was last confirmed as the
/// newest (`status`), that updates are failing, or that page turning is `paused`.
pub fn kiosk_status(status: super::kiosk::Status, paused: bool, lang: UiLang) -> Html {
    let t = lang.text();
    let s = status;
    let zh = lang == UiLang::ZhCn;
    let when = s.confirmed.map(|c| c.text(zh));
    html! {
        <p class={classes!("bv-kiosk-status", s.failing.then_some("bv-failing"))} role="status">
            if let Some(when) = when {
                if s.failing {
                    { t.stale.0 }{ when }{ t.stale.1 }
                } else {
                    { t.confirmed.0 }{ when }{ t.confirmed.1 }
                }
            }
            if paused {
                <span class="bv-paused">{ t.paused }</span>
            }
        </p>
    }
}

/// Lists the problems found in an issue that can still be shown, so none passes unseen.
pub fn problems_notice(problems: &[Problem], lang: UiLang) -> Html {
    let t = lang.text();
    html! {
        <div class="bv-problems" role="note">
            <p>{ t.problems.0 }{ problems.len() }{ t.problems.1 }</p>
            <ul>
                { for problems.iter().map(|p| html! {
                    <li>
                        if !p.path.is_empty() { <code>{ &p.path }</code>{ t.colon } }
                        { problem_text(p, lang) }
                    </li>
                }) }
            </ul>
        </div>
    }
}

/// Bytes as megabytes with up to three decimals (5000000 → "5", 300000 → "0.3"), without
/// float formatting, which would add kilobytes to the wasm.
fn megabytes(bytes: u32) -> String {
    let whole = bytes / 1_000_000;
    let thousandths = (bytes % 1_000_000) / 1000;
    if thousandths == 0 {
        return whole.to_string();
    }
    let frac = format!("{thousandths:03}");
    format!("{whole}.{}", frac.trim_end_matches('0'))
}
