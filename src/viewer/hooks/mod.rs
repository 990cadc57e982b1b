//! The App's smaller hooks (as yew's `function_todomvc` example keeps its hooks): a kiosk's
//! touches and page turning, reading position, fragment links, search in the issue and the
//! reader's settings; the features with state of their own are folders beside this one
//! (`source`, `speech`, `findall`). Each takes a small named struct, and every browser call it
//! makes is in an effect or a callback.

mod fragment;
mod kiosk;
mod prefs;
mod reading;
mod search;

pub use fragment::{use_fragment_place, FragmentPlace};
pub use kiosk::{use_page_turning, use_touch, PageTurning, Touch, TouchArgs};
pub use prefs::{use_reader_prefs, Prefs};
pub use reading::{use_reading, Reading, ReadingArgs};
pub use search::{use_search, Search};

/// Runs `job` with an abort signal when `on`; the returned cleanup (an effect's) aborts it.
pub(crate) fn spawn_abortable<F>(
    on: bool,
    job: impl FnOnce(web_sys::AbortSignal) -> F,
) -> impl FnOnce()
where
    F: std::future::Future<Output = ()> + 'static,
{
    let controller = web_sys::AbortController::new().ok().filter(|_| on);
    if let Some(c) = &controller {
        wasm_bindgen_futures::spawn_local(job(c.signal()));
    }
    move || {
        if let Some(c) = controller {
            c.abort();
        }
    }
}
