//! Where the issue comes from: the `src`, the feed's chosen issue (reader mode), or the
//! newest issue a kiosk follows. [`state`] is the one state loading, retries, the feed and
//! the issue chosen move through (a reducer, tested natively); [`mod@hook`] fetches into it
//! (the network is `fetch`, reading an answer `load`, a kiosk's following
//! `kiosk`).

pub mod hook;
pub mod state;

pub use hook::{use_feed, use_issue_source, use_kiosk, IssueSource, SourceArgs};
pub use state::{SourceAction, SourceState};
