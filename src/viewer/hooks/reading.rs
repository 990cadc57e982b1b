//! Where the reader is in the issue shown: the article being read, whether the 要目 is at
//! hand, the article the page's fragment names on arrival, and the keyboard shortcuts.

use crate::model::Issue;
use crate::ui::Anchor;
use crate::viewer::scroll::{keep_entry_in_view, show_fragment_article};
use crate::viewer::watch::{self, ShortcutTargets, Shortcuts};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// What [`use_reading`] watches.
pub struct ReadingArgs {
    /// The viewer's root.
    pub root: NodeRef,
    /// The issue shown, if any.
    pub issue: Option<Rc<Issue>>,
    /// Where its links point.
    pub anchor: Anchor,
    /// Whether the reading shortcuts are on (not on a kiosk: they would leave focus rings).
    pub shortcuts: bool,
    /// The search field, for `/`.
    pub search_input: NodeRef,
}

/// Where the reader is.
pub struct Reading {
    /// The article being read (its index).
    pub article: usize,
    /// Whether the 要目 is in view or still ahead.
    pub contents_visible: bool,
}

/// Opens at the article the page's fragment names and watches the reading; all undone when
/// the issue or the viewer goes.
#[hook]
pub fn use_reading(args: ReadingArgs) -> Reading {
    let ReadingArgs {
        root,
        issue,
        anchor,
        shortcuts,
        search_input,
    } = args;
    let article = use_state_eq(|| 0usize);
    let contents_visible = use_state_eq(|| true);
    // The article being read, shared by the observers (which set it) and the shortcuts.
    let current = use_state(|| Rc::new(Cell::new(0usize)));
    {
        let (root, current) = (root.clone(), (*current).clone());
        let (article, contents_visible) = (article.clone(), contents_visible.clone());
        let deps = (issue, anchor, shortcuts);
        use_effect_with(deps, move |(issue, anchor, shortcuts)| {
            current.set(0);
            let watching = issue.as_ref().map(|issue| {
                show_fragment_article(&root, anchor, false);
                let reading = watch::Reading::watch(
                    &root,
                    current.clone(),
                    Callback::from(move |i| article.set(i)),
                    Callback::from(move |v| contents_visible.set(v)),
                );
                let shortcuts = shortcuts.then(|| {
                    Shortcuts::listen(ShortcutTargets {
                        root: root.clone(),
                        path: anchor.path(),
                        ids: issue.articles.iter().map(|a| a.id.clone()).collect(),
                        current,
                        search_input,
                    })
                });
                (reading, shortcuts)
            });
            move || drop(watching)
        });
    }
    // The 要目 keeps the article being read in view when it scrolls on its own.
    use_effect_with(*article, move |_| keep_entry_in_view(&root));
    Reading {
        article: *article,
        contents_visible: *contents_visible,
    }
}
