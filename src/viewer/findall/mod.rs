//! 往期检索 beside 往期: the panel in the search build ([`panel`]), its button in the full build
//! ([`button`]); [`crate::viewer::variant`] says which a build has.

pub mod button;
pub mod panel;

use super::fetch::FetchOptions;
use super::hooks::IssueSource;
use super::load::Shelf;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What 往期检索 needs of the App (borrowed: a build without it takes nothing).
pub struct FindAllArgs<'a> {
    /// The viewer's root.
    pub root: &'a NodeRef,
    /// The fragment namespace (`#<ns>/<issue>/<article>`).
    pub ns: &'a AttrValue,
    /// The feed (reader mode with a feed; None: off).
    pub shelf: &'a Option<Rc<Shelf>>,
    /// How to fetch the index.
    pub fetch: FetchOptions,
    /// The panel starts open (the reader opened it in the full build).
    pub open_at_first: bool,
    /// An issue is shown (the field takes focus then).
    pub ready: bool,
    /// Where the issue comes from: the feed's issue shown, and choosing another.
    pub source: &'a IssueSource,
    /// The in-issue search's query.
    pub on_query: &'a Callback<String>,
}

/// Whether a `toggle` event's `<details>` is now open.
fn opened(e: &Event) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|d| d.has_attribute("open"))
}
