//! The page's fragment after the viewer has mounted: back/forward or an edited URL naming an
//! article of the issue shown (it is opened) or another issue of the feed (it is chosen).
//! One `hashchange` listener for both.

use crate::ui::{place_in_fragment, Anchor};
use crate::viewer::scroll::{location_hash, show_fragment_article};
use yew::prelude::*;

/// What a fragment change can move.
pub struct FragmentPlace {
    /// The viewer's root.
    pub root: NodeRef,
    /// Where the links of the issue shown point.
    pub anchor: Anchor,
    /// Whether an issue is shown (its articles can be opened).
    pub showing: bool,
    /// Reader mode with a feed: a fragment naming an issue chooses it (its key; None: the
    /// newest). The callback of the render that (re)started the listener is the one called,
    /// so it must stay valid across renders (a reducer's dispatch does).
    pub on_issue: Option<Callback<Option<String>>>,
}

/// Follows fragment changes.
#[hook]
pub fn use_fragment_place(args: FragmentPlace) {
    let FragmentPlace {
        root,
        anchor,
        showing,
        on_issue,
    } = args;
    let deps = (anchor, showing, on_issue.is_some());
    use_effect_with(deps, move |(anchor, showing, choosing)| {
        let (anchor, showing) = (anchor.clone(), *showing);
        let window = web_sys::window().filter(|_| showing || *choosing);
        let listener = window.map(|w| {
            gloo_events::EventListener::new(&w, "hashchange", move |_| {
                if let Some(on_issue) = &on_issue {
                    // Back to the page without a fragment: the newest issue. A fragment of
                    // the page's own (or another viewer's) leaves the issue alone.
                    let hash = location_hash();
                    if let Some(place) = place_in_fragment(&hash, &anchor.ns) {
                        on_issue.emit(place.issue.map(String::from));
                    } else if hash.len() <= 1 {
                        on_issue.emit(None);
                    }
                }
                if showing {
                    show_fragment_article(&root, &anchor, true);
                }
            })
        });
        move || drop(listener)
    });
}
