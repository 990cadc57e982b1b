//! Kiosk mode's page turning: one screenful at a time, paused by a touch or key, back to the
//! masthead after the end and after a pause.

use super::fetch::pause;
use super::kiosk::monotonic;
use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, Element};
use yew::{Callback, NodeRef};

/// What marks a touch or key on the kiosk: pauses the turning of pages.
const ACTIVITY: [&str; 4] = ["pointerdown", "keydown", "wheel", "touchstart"];

/// Listens for touches and keys anywhere on the page, noting their time in `last`.
pub fn watch_activity(last: Rc<Cell<f64>>, on_pause: Callback<()>) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    ACTIVITY
        .iter()
        .map(|name| {
            let (last, on_pause) = (last.clone(), on_pause.clone());
            let options = gloo_events::EventListenerOptions::run_in_capture_phase();
            EventListener::new_with_options(&window, *name, options, move |_| {
                last.set(monotonic());
                on_pause.emit(());
            })
        })
        .collect()
}

/// Turns pages every `dwell_ms` until `signal` aborts. A touch or key (its time in `last`)
/// pauses it; `idle_ms` after the last one it goes back to the masthead and carries on.
pub async fn turn_pages(
    root: NodeRef,
    dwell_ms: i32,
    idle_ms: i32,
    last: Rc<Cell<f64>>,
    signal: AbortSignal,
    on_resume: Callback<()>,
) {
    // Started while someone reads (a newer issue arrived): no jump to the masthead yet.
    let mut paused = monotonic() - last.get() < f64::from(idle_ms);
    if !paused {
        on_resume.emit(());
        to_top(&root);
    }
    loop {
        let since = monotonic() - last.get();
        if since < f64::from(idle_ms) {
            paused = true;
            pause(f64::from(idle_ms) as i32 - since as i32 + 1, &signal).await;
        } else {
            if paused {
                paused = false;
                on_resume.emit(());
                to_top(&root);
            }
            pause(dwell_ms, &signal).await;
            if !signal.aborted() && monotonic() - last.get() >= f64::from(idle_ms) {
                turn_page(&root);
            }
        }
        if signal.aborted() {
            return;
        }
    }
}

/// The blocks a page turn lines up with the top of the screen.
const BLOCKS: &str =
    ".bv-masthead, .bv-contents li, .bv-article > *, .bv-footer > div > *, .bv-copies";

/// Shows the next screenful: the first block not wholly on screen moves to the top (a block
/// taller than the screen moves up by most of a screen); after the end, back to the masthead.
pub fn turn_page(root: &NodeRef) {
    let (Some(window), Some(el)) = (web_sys::window(), root.cast::<Element>()) else {
        return;
    };
    // The screen less the status line in its corner, which would hide the last line.
    let status = el
        .query_selector(".bv-kiosk-status")
        .ok()
        .flatten()
        .map(|s| s.get_bounding_client_rect())
        .filter(|r| r.height() > 0.0);
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
        .min(status.map_or(f64::INFINITY, |r| r.top()));
    let Ok(blocks) = el.query_selector_all(BLOCKS) else {
        return;
    };
    let next = (0..blocks.length())
        .filter_map(|i| blocks.item(i)?.dyn_into::<Element>().ok())
        .map(|b| b.get_bounding_client_rect())
        .find(|r| r.height() > 0.0 && r.bottom() > height + 1.0);
    let by = match next {
        None => return to_top(root),
        Some(r) if r.top() > height * 0.05 => r.top(),
        Some(_) => height * 0.85,
    };
    let options = web_sys::ScrollToOptions::new();
    options.set_top(by);
    options.set_behavior(super::scroll::motion());
    window.scroll_by_with_scroll_to_options(&options);
}

/// Back to the masthead.
pub fn to_top(root: &NodeRef) {
    if let Some(el) = root.cast::<Element>() {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_behavior(super::scroll::motion());
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}
