//! The search box: find text in the issue and step through the hits.

use crate::ui::UiLang;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What [`search_box`] draws.
pub struct SearchBox {
    /// Number of hits marked (and stepped through).
    pub count: usize,
    /// Number of hits in all (more than `count` past the cap on marks).
    pub total: usize,
    /// The hit stepped to (0-based), if any.
    pub current: Option<usize>,
    /// Whether a query is entered.
    pub active: bool,
    /// Interface language.
    pub lang: UiLang,
    /// The input, so that `/` can focus it.
    pub input: NodeRef,
    /// The query (the field is drawn with it: a 往期检索 result sets it).
    pub query: String,
    /// The query changed.
    pub on_query: Callback<String>,
    /// Step to the next (+1) or previous (−1) hit.
    pub on_step: Callback<i32>,
}

/// A labelled search field with the hit count and previous/next buttons. Enter steps to the
/// next hit, Shift+Enter to the previous, Esc clears. A function of the chrome's render, not a
/// component: it keeps no state (the query lives in `use_search`).
pub fn search_box(props: SearchBox) -> Html {
    let t = props.lang.text();
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            {
                on_query.emit(input.value());
            }
        })
    };
    let onkeydown = {
        let (on_step, on_query) = (props.on_step.clone(), props.on_query.clone());
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                on_step.emit(if e.shift_key() { -1 } else { 1 });
            }
            "Escape" => {
                if let Some(input) = e
                    .target()
                    .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                {
                    input.set_value("");
                }
                on_query.emit(String::new());
            }
            _ => {}
        })
    };
    let step = |d: i32| {
        let on_step = props.on_step.clone();
        Callback::from(move |_: MouseEvent| on_step.emit(d))
    };
    let status = if !props.active {
        String::new()
    } else if props.count == 0 {
        t.no_hits.to_string()
    } else {
        let total = props.total.max(props.count);
        let mut s = match props.current {
            Some(i) => format!(
                "{}{}{}{}{}",
                t.hit_of.0,
                i + 1,
                t.hit_of.1,
                total,
                t.hit_of.2
            ),
            None => format!("{}{}{}", t.hits.0, total, t.hits.1),
        };
        // More than are marked: say how many can be stepped through.
        if total > props.count {
            s.push_str(&format!("{}{}{}", t.marked.0, props.count, t.marked.1));
        }
        s
    };
    html! {
        <div class="bv-search" role="search">
            <input ref={props.input.clone()} type="search" class="bv-search-input"
                aria-label={t.search.0} placeholder={t.search.1} {oninput} {onkeydown}
                value={props.query}
                aria-describedby="bv-search-status" />
            <span id="bv-search-status" class="bv-search-status">{ status }</span>
            if props.active && props.count > 0 {
                <button type="button" class="bv-control" aria-label={t.hit_prev} title={t.hit_prev} onclick={step(-1)}>{ "↑" }</button>
                <button type="button" class="bv-control" aria-label={t.hit_next} title={t.hit_next} onclick={step(1)}>{ "↓" }</button>
            }
        </div>
    }
}
