//! The browser side of moving around an issue: scrolling to articles and hits, focus, the
//! URL fragment and history, observers of what is in view, keyboard shortcuts. Called from
//! effects and callbacks only, never while rendering.

use crate::ui::Anchor;
use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, IntersectionObserver, IntersectionObserverEntry,
    IntersectionObserverInit, KeyboardEvent, ScrollBehavior, ScrollIntoViewOptions,
    ScrollLogicalPosition,
};
use yew::{Callback, NodeRef};

/// A value from the page's localStorage (absent where storage is blocked).
pub fn storage_get(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// Stores a value in the page's localStorage; false when the browser refuses (storage
/// blocked, or full).
pub fn storage_set(key: &str, value: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a value from the page's localStorage.
pub fn storage_remove(key: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(key);
    }
}

/// A plain click on a link (not a middle click, nor with a modifier that opens a new tab or
/// window): the viewer handles it; any other click keeps the link's own behaviour.
pub fn plain_click(ev: &web_sys::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// A link's click handler: a plain click stays in the viewer and emits `value`; any other
/// click (new tab, new window) keeps the link's own behaviour.
pub fn link_click<T: Clone + 'static>(
    callback: &yew::Callback<T>,
    value: T,
) -> yew::Callback<web_sys::MouseEvent> {
    let callback = callback.clone();
    yew::Callback::from(move |ev: web_sys::MouseEvent| {
        if plain_click(&ev) {
            ev.prevent_default();
            callback.emit(value.clone());
        }
    })
}

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

fn query(root: &NodeRef, selector: &str) -> Option<Element> {
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

type ObserverCallback = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

/// Everything that watches the page while an issue is shown; dropping it stops all of it.
pub struct Watchers {
    observers: Vec<(IntersectionObserver, ObserverCallback)>,
    _listeners: Vec<EventListener>,
}

impl Drop for Watchers {
    fn drop(&mut self) {
        for (observer, _) in &self.observers {
            observer.disconnect();
        }
    }
}

impl Watchers {
    /// Starts watching: the article being read (reported through `on_article`), whether the
    /// 要目 is in view (`on_contents_visible`), fragment changes, and with `keys` keyboard
    /// shortcuts (← or k: previous article, → or j: next, /: search).
    pub fn new(
        root: &NodeRef,
        anchor: Anchor,
        keys: bool,
        ids: Vec<String>,
        search_input: NodeRef,
        on_article: Callback<usize>,
        on_contents_visible: Callback<bool>,
    ) -> Watchers {
        let current = Rc::new(Cell::new(0usize));
        let mut observers = Vec::new();

        // The article being read: the one crossing the top 40% of the screen.
        let seen = current.clone();
        let reading = observe(
            root,
            "article[data-index]",
            "0px 0px -60% 0px",
            move |entry| {
                if entry.is_intersecting() {
                    let i = entry
                        .target()
                        .get_attribute("data-index")
                        .and_then(|s| s.parse().ok());
                    if let Some(i) = i {
                        seen.set(i);
                        on_article.emit(i);
                    }
                }
            },
        );
        observers.extend(reading);
        // The 要目 counts as at hand while in view or still ahead (below the screen): the
        // way back is offered only once the reader has passed it.
        observers.extend(observe(root, "nav.bv-contents", "0px", move |entry| {
            on_contents_visible
                .emit(entry.is_intersecting() || entry.bounding_client_rect().top() > 0.0)
        }));

        let mut listeners = Vec::new();
        if let Some(window) = web_sys::window() {
            let r = root.clone();
            let path = anchor.path();
            listeners.push(EventListener::new(&window, "hashchange", move |_| {
                show_fragment_article(&r, &anchor, true)
            }));
            let r = root.clone();
            let active = gloo_events::EventListenerOptions::enable_prevent_default();
            listeners.extend(keys.then(|| {
                EventListener::new_with_options(&window, "keydown", active, move |e| {
                    let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if e.default_prevented()
                        || e.ctrl_key()
                        || e.meta_key()
                        || e.alt_key()
                        || typing(e)
                        || !addressed_to(&r, e)
                    {
                        return;
                    }
                    let step = |d: isize| {
                        let i = current.get() as isize + d;
                        if let Some(id) = usize::try_from(i).ok().and_then(|i| ids.get(i)) {
                            current.set(i as usize);
                            go_to(&r, &path, id, true);
                        }
                    };
                    match e.key().as_str() {
                        "ArrowLeft" | "k" => step(-1),
                        "ArrowRight" | "j" => step(1),
                        "/" => {
                            if let Some(input) = search_input.cast::<HtmlElement>() {
                                let _ = input.focus();
                            }
                        }
                        _ => return,
                    }
                    e.prevent_default();
                })
            }));
        }
        Watchers {
            observers,
            _listeners: listeners,
        }
    }
}

/// Observes the elements matching `selector` inside the viewer.
fn observe(
    root: &NodeRef,
    selector: &str,
    margin: &str,
    mut on_entry: impl FnMut(&IntersectionObserverEntry) + 'static,
) -> Option<(IntersectionObserver, ObserverCallback)> {
    let root_el = root.cast::<Element>()?;
    let callback: ObserverCallback = Closure::new(move |entries: js_sys::Array, _| {
        for entry in entries.iter() {
            if let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() {
                on_entry(&entry);
            }
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(margin);
    let observer =
        IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    let targets = root_el.query_selector_all(selector).ok()?;
    for i in 0..targets.length() {
        if let Some(el) = targets.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            observer.observe(&el);
        }
    }
    Some((observer, callback))
}

/// Whether the key was typed into a field (shortcuts must not fire then).
fn typing(e: &KeyboardEvent) -> bool {
    let target = e.composed_path().get(0).dyn_into::<HtmlElement>().ok();
    target.is_some_and(|t| {
        matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || t.is_content_editable()
    })
}

/// Whether a key press is meant for this viewer: it happened inside it, or nothing on the
/// page has focus and this is the page's first viewer.
fn addressed_to(root: &NodeRef, e: &KeyboardEvent) -> bool {
    let Some(host) = root
        .cast::<Element>()
        .and_then(|r| r.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok())
        .map(|s| s.host())
    else {
        return false;
    };
    if e.composed_path().includes(&host, 0) {
        return true;
    }
    let document = web_sys::window().and_then(|w| w.document());
    let idle = document
        .as_ref()
        .and_then(|d| d.active_element())
        .is_none_or(|a| a.tag_name() == "BODY");
    let first = document
        .and_then(|d| d.query_selector("bulletin-viewer").ok().flatten())
        .is_some_and(|f| f == host);
    idle && first
}
