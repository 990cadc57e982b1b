//! Watching the reader while an issue is shown: which article is being read and whether the
//! 要目 is at hand (intersection observers), and the keyboard shortcuts. Each watcher stops
//! when dropped.

use super::scroll::go_to;
use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, IntersectionObserver, IntersectionObserverEntry,
    IntersectionObserverInit, KeyboardEvent,
};
use yew::{Callback, NodeRef};

type ObserverCallback = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

/// Where the reader is; dropping it disconnects the observers.
pub struct Reading {
    observers: Vec<(IntersectionObserver, ObserverCallback)>,
}

impl Drop for Reading {
    fn drop(&mut self) {
        for (observer, _) in &self.observers {
            observer.disconnect();
        }
    }
}

impl Reading {
    /// Watches the article crossing the top 40% of the screen (its index goes to `current`
    /// and `on_article`) and whether the 要目 is in view or still ahead
    /// (`on_contents_visible`).
    pub fn watch(
        root: &NodeRef,
        current: Rc<Cell<usize>>,
        on_article: Callback<usize>,
        on_contents_visible: Callback<bool>,
    ) -> Reading {
        let mut observers = Vec::new();
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
                        current.set(i);
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
        Reading { observers }
    }
}

/// What the keyboard shortcuts act on.
pub struct ShortcutTargets {
    /// The viewer's root element.
    pub root: NodeRef,
    /// What links to articles start with ([`crate::ui::Anchor::path`]).
    pub path: String,
    /// The articles' ids, in order.
    pub ids: Vec<String>,
    /// The article being read ([`Reading`] keeps it).
    pub current: Rc<Cell<usize>>,
    /// The search field, for `/`.
    pub search_input: NodeRef,
}

/// The reading shortcuts: ← or k the previous article, → or j the next, / the search field.
/// Keys typed into a field, with a modifier, or meant for another viewer are left alone.
/// Dropping it removes the listener.
pub struct Shortcuts {
    _listener: Option<EventListener>,
}

impl Shortcuts {
    /// Starts listening for the shortcuts.
    pub fn listen(targets: ShortcutTargets) -> Shortcuts {
        let ShortcutTargets {
            root,
            path,
            ids,
            current,
            search_input,
        } = targets;
        let active = gloo_events::EventListenerOptions::enable_prevent_default();
        let listener = web_sys::window().map(|window| {
            EventListener::new_with_options(&window, "keydown", active, move |e| {
                let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if e.default_prevented()
                    || e.ctrl_key()
                    || e.meta_key()
                    || e.alt_key()
                    || typing(e)
                    || !addressed_to(&root, e)
                {
                    return;
                }
                let step = |d: isize| {
                    // From the article that has focus (the one just gone to, whose heading
                    // has it), else the one the observers last saw crossing the screen: their
                    // reports arrive late while a scroll is under way.
                    let from = focused_article(&root).unwrap_or_else(|| current.get());
                    let i = from as isize + d;
                    if let Some(id) = usize::try_from(i).ok().and_then(|i| ids.get(i)) {
                        current.set(i as usize);
                        go_to(&root, &path, id, true);
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
        });
        Shortcuts {
            _listener: listener,
        }
    }
}

/// The index of the article holding keyboard focus inside the viewer, if one does.
fn focused_article(root: &NodeRef) -> Option<usize> {
    super::host::shadow(root)?
        .active_element()?
        .closest("article[data-index]")
        .ok()??
        .get_attribute("data-index")?
        .parse()
        .ok()
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
pub(crate) fn typing(e: &KeyboardEvent) -> bool {
    let target = e.composed_path().get(0).dyn_into::<HtmlElement>().ok();
    target.is_some_and(|t| {
        matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || t.is_content_editable()
    })
}

/// Whether a key press is meant for this viewer: it happened inside it, or nothing on the
/// page has focus and this is the page's first viewer.
pub(crate) fn addressed_to(root: &NodeRef, e: &KeyboardEvent) -> bool {
    let Some(host) = super::host::element(root) else {
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
