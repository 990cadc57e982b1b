//! Going to places in an issue: scrolling (smooth unless the reader asked for less motion),
//! focus, and the URL fragment and history entries that record where the reader went. Called
//! from effects and callbacks only, never while rendering.

use crate::ui::Anchor;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::NodeRef;

/// Whether the reader asked for less motion.
fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Smooth scrolling, unless the reader asked for less motion.
pub fn motion() -> ScrollBehavior {
    if reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    }
}

fn scroll_to(el: &Element, block: ScrollLogicalPosition) {
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(motion());
    options.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = el.focus_with_options(&options);
    }
}

pub fn query(root: &NodeRef, selector: &str) -> Option<Element> {
    root.cast::<Element>()?.query_selector(selector).ok()?
}

/// The article element with `id` inside this viewer.
fn find_article(root: &NodeRef, id: &str) -> Option<Element> {
    // Ids are validated ([a-z][a-z0-9-]*), so they are safe in a selector.
    if !crate::model::is_fragment_id(id) {
        return None;
    }
    query(root, &format!("article[id=\"{id}\"]"))
}

/// Goes to an article: scrolls there (smoothly unless the reader asked for less motion),
/// moves keyboard focus to its heading, and with `push` records `#<path>/<id>` in the history
/// (`path`: [`Anchor::path`]).
pub fn go_to(root: &NodeRef, path: &str, id: &str, push: bool) {
    let Some(article) = find_article(root, id) else {
        return;
    };
    scroll_to(&article, ScrollLogicalPosition::Start);
    if let Ok(Some(heading)) = article.query_selector("h2") {
        focus(&heading);
    }
    if push {
        push_fragment(&format!("{path}/{id}"));
    }
}

/// Records `#<path>` in the history. As an absolute URL: a bare fragment would resolve
/// against a portal's `<base href>`.
pub fn push_fragment(path: &str) {
    let window = web_sys::window();
    let here = window.as_ref().and_then(|w| w.location().href().ok());
    if let (Some(history), Some(here)) = (window.and_then(|w| w.history().ok()), here) {
        let page = here.split('#').next().unwrap_or_default();
        let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&format!("{page}#{path}")));
    }
}

/// The page's fragment, with its `#`.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Scrolls to the 要目 and puts focus on it.
pub fn go_to_contents(root: &NodeRef) {
    if let Some(nav) = query(root, "nav.bv-contents") {
        scroll_to(&nav, ScrollLogicalPosition::Start);
        if let Some(target) = query(root, ".bv-contents a") {
            focus(&target);
        }
    }
}

/// Scrolls to the article the page's fragment names, if it names one of this viewer's;
/// with `with_focus` also moves focus there (not on first load: that would take focus from
/// the page).
pub fn show_fragment_article(root: &NodeRef, anchor: &Anchor, with_focus: bool) {
    let hash = location_hash();
    if let Some(id) = anchor.article_in(&hash) {
        if with_focus {
            go_to(root, &anchor.path(), id, false);
        } else if let Some(article) = find_article(root, id) {
            article.scroll_into_view();
        }
    }
}

/// Brings search hit `n` into view.
pub fn show_hit(root: &NodeRef, n: usize) {
    if let Some(mark) = query(root, &format!("#bv-hit-{n}")) {
        scroll_to(&mark, ScrollLogicalPosition::Center);
    }
}

/// When the 要目 scrolls on its own (a long issue in the side column), scrolls it so that
/// the entry of the article being read (`aria-current`) stays visible; the page does not move.
pub fn keep_entry_in_view(root: &NodeRef) {
    let (Some(nav), Some(entry)) = (
        query(root, "nav.bv-contents"),
        query(root, ".bv-contents a[aria-current]"),
    ) else {
        return;
    };
    if nav.scroll_height() <= nav.client_height() {
        return;
    }
    let (n, e) = (
        nav.get_bounding_client_rect(),
        entry.get_bounding_client_rect(),
    );
    if e.top() < n.top() {
        nav.set_scroll_top(nav.scroll_top() - (n.top() - e.top()) as i32 - 8);
    } else if e.bottom() > n.bottom() {
        nav.set_scroll_top(nav.scroll_top() + (e.bottom() - n.bottom()) as i32 + 8);
    }
}
