//! What the `<bulletin-viewer>` element gives the App: its attributes, read
//! ([`crate::ui::Config`]), and the loader's part (a prerendered copy to remove, 往期检索 to
//! open).

use super::fetch::FetchOptions;
use crate::ui::{defaults, Mode, UiLang};
use yew::prelude::*;

/// Properties of [`App`](super::App).
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Absolute URL of the issue JSON; empty when none was given.
    pub src: AttrValue,
    /// Absolute URL of a feed of issues (its newest is shown); empty when none was given.
    #[prop_or_default]
    pub feed: AttrValue,
    /// Reader (on a page) or kiosk (a lobby screen).
    #[prop_or_default]
    pub mode: Mode,
    /// Kiosk: seconds between checks for a newer issue.
    #[prop_or(defaults::INTERVAL)]
    pub interval: u32,
    /// Kiosk: seconds before the page turns (0: never).
    #[prop_or(defaults::DWELL)]
    pub dwell: u32,
    /// Kiosk: seconds after a touch or key before the pages turn again.
    #[prop_or(defaults::IDLE)]
    pub idle: u32,
    /// Language of the interface (the bulletin itself is always Chinese).
    #[prop_or_default]
    pub lang: UiLang,
    /// Fragment namespace: deep links read `#<ns>/<article id>`.
    #[prop_or(AttrValue::Static("bulletin"))]
    pub ns: AttrValue,
    /// The page's fragment when the viewer was mounted (`#bulletin/2024-17`): the feed's issue
    /// it names is shown first.
    #[prop_or_default]
    pub fragment: AttrValue,
    /// URL of the page without its fragment, so that links to articles are absolute
    /// (a portal's `<base href>` would otherwise send them elsewhere).
    #[prop_or_default]
    pub page: AttrValue,
    /// Whether the reader controls are shown.
    #[prop_or(true)]
    pub controls: bool,
    /// Timeout, size cap and credentials of the requests.
    #[prop_or_default]
    pub fetch: FetchOptions,
    /// Automatic retries after a transient fault.
    #[prop_or(defaults::RETRIES)]
    pub retries: u32,
    /// Kiosk: 朗读 is offered (the `speech` attribute; on a page the reader's settings say).
    #[prop_or_default]
    pub speech: bool,
    /// The issue is shown (emitted once per issue): a prerendered copy can go.
    #[prop_or_default]
    pub on_shown: Callback<()>,
    /// 往期检索 starts open (the reader opened it in the full build, which brought this one).
    #[prop_or_default]
    pub open_search: bool,
}
