//! Where the issue shown comes from, as one state that loading, retries, failures, the feed
//! and the issue chosen move through together: a reducer over plain data ([`SourceAction`]),
//! tested natively.

use crate::viewer::kiosk::Status;
use crate::viewer::load::{LoadState, Loaded, Shelf};
use std::rc::Rc;
use yew::Reducible;

/// Everything about where the issue shown comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceState {
    /// Loading, retrying, loaded or failed.
    pub load: LoadState,
    /// Reader mode with a feed: the feed, once read.
    pub shelf: Option<Rc<Shelf>>,
    /// The feed's entry whose issue is loaded.
    pub shown: Option<usize>,
    /// The issue chosen by a fragment or the switcher (its key); None: the newest.
    pub chosen: Option<String>,
    /// Bumped by the retry button: loading starts again.
    pub attempt: u32,
    /// Kiosk: what the status line says.
    pub kiosk: Status,
}

impl SourceState {
    /// The feed's entry to show: the chosen one, else the newest.
    pub fn entry(&self) -> Option<usize> {
        self.shelf.as_ref()?.pick(self.chosen.as_deref())
    }
}

/// How the source state changes.
pub enum SourceAction {
    /// Loading, a retry pending, or a failure.
    Load(LoadState),
    /// An issue was read (of the feed's entry, in reader mode with a feed).
    Show {
        /// The issue.
        loaded: Loaded,
        /// Its entry in the feed.
        entry: Option<usize>,
    },
    /// The feed was read (or is to be read again: None).
    Shelf(Option<Rc<Shelf>>),
    /// An issue of the feed was chosen (its key; None: the newest).
    Choose(Option<String>),
    /// The reader asked to try again.
    Retry,
    /// Kiosk: a check ended.
    KioskStatus(Status),
}

impl Reducible for SourceState {
    type Action = SourceAction;

    fn reduce(self: Rc<Self>, action: SourceAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            SourceAction::Load(load) => next.load = load,
            SourceAction::Show { loaded, entry } => {
                next.shown = entry;
                next.load = LoadState::Loaded(loaded);
            }
            SourceAction::Shelf(shelf) => next.shelf = shelf,
            SourceAction::Choose(key) => next.chosen = key,
            SourceAction::Retry => next.attempt += 1,
            SourceAction::KioskStatus(status) => next.kiosk = status,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{build_feed, feed_keys, parse_issue, Feed};
    use crate::viewer::load::LoadError;

    fn state() -> Rc<SourceState> {
        Rc::new(SourceState {
            load: LoadState::Loading,
            shelf: None,
            shown: None,
            chosen: None,
            attempt: 0,
            kiosk: Status::default(),
        })
    }

    fn shelf() -> Rc<Shelf> {
        let json = include_str!("../../../www/issues/lianluo-dongtai-2024-18.json");
        let (a, mut b) = (parse_issue(json).unwrap(), parse_issue(json).unwrap());
        b.masthead.issue.label = "第17期".into();
        b.masthead.issue.number = Some(17);
        b.masthead.date.iso = "2024-10-01".into();
        let feed: Feed = build_feed(&[("18.json".into(), a), ("17.json".into(), b)]);
        Rc::new(Shelf {
            keys: feed_keys(&feed),
            feed,
            newest_unusable: None,
            url: "feed.json".into(),
            search: None,
        })
    }

    #[test]
    fn loading_fails_retries_and_shows_an_issue_of_the_feed() {
        let s = state().reduce(SourceAction::Load(LoadState::Failed(LoadError::NoSource)));
        assert_eq!(s.load, LoadState::Failed(LoadError::NoSource));
        let s = s.reduce(SourceAction::Retry);
        assert_eq!(s.attempt, 1, "loading starts again");
        let s = s.reduce(SourceAction::Shelf(Some(shelf())));
        assert_eq!(s.entry(), Some(0), "the newest, none chosen");
        let key = s.shelf.as_ref().unwrap().keys[1].clone();
        let s = s.reduce(SourceAction::Choose(Some(key)));
        assert_eq!(s.entry(), Some(1), "the one chosen");
        let json = include_str!("../../../www/issues/lianluo-dongtai-2024-18.json");
        let loaded = Loaded {
            issue: Rc::new(parse_issue(json).unwrap()),
            problems: Rc::default(),
        };
        let s = s.reduce(SourceAction::Show {
            loaded: loaded.clone(),
            entry: Some(1),
        });
        assert_eq!((s.shown, &s.load), (Some(1), &LoadState::Loaded(loaded)));
        let s = s.reduce(SourceAction::Choose(Some("no-such-issue".into())));
        assert_eq!(s.entry(), Some(0), "a key the feed has not: the newest");
    }
}
