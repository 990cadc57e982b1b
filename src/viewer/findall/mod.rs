//! 往期检索: searching every issue of the feed through its index ([`crate::index`]), as
//! static files fetched in the parts a query needs.
//!
//! A query waits [`hook::DEBOUNCE_MS`] after the last keystroke; typing on aborts it (its requests
//! too). It fetches the manifest (once, when the panel is first opened), then the shards of
//! its terms at once. A query the posting lists answer exactly (two characters, one word)
//! shows its issues at once and fills in titles and snippets as each issue's JSON arrives; a
//! longer one shows an issue once its text is checked. Issues are checked [`state::PAGE`] at a time,
//! newest first; 更多 checks the next ones. A shard that cannot be fetched is named, and the
//! other terms' shards stand in for it (the text check keeps the results exact).
//!
//! Issues the index does not list (published from the 编辑台, which adds an issue to the feed
//! without rebuilding the index) are checked against their text, every article, as the
//! candidates of the index are, and merged with them in the feed's order: the newest
//! [`state::UNLISTED`] of them; the panel says how many more were left.
//!
//! An index that does not add up is refused (往期检索不可用, with the reason; the issue stays
//! as it is): a manifest that claims more articles than an issue may hold, a posting list
//! that names an article past the manifest's count or whose counts are not what it holds
//! ([`crate::index::Refusal`]). Nothing is allocated or looped by a count the manifest claims
//! before real data bounds it, and shards are read and their lists compared and placed in
//! slices, with a yield to the page every few milliseconds (`hook.rs`), so that no task is
//! long however large a shard is.

//!
//! Here by part: [`state`] (what was found, the query's run and its generation, the cache of
//! the index's files: plain data, tested natively), [`look`] (the look-up over the files
//! fetched, and an issue's text checked: no browser, tested natively), [`mod@hook`] (the effects:
//! fetching, pauses, focus), and the views: [`panel`] in the search build, [`button`] (which
//! brings the search build) in the full build; `variant/` says which a build
//! has.

pub mod button;
pub mod hook;
pub mod look;
pub mod panel;
pub mod state;

use super::fetch::FetchOptions;
use super::load::Shelf;
use super::source::IssueSource;
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
