//! A kiosk's screen: touches and keys (which pause it), and the pages turning by themselves.

use super::spawn_abortable;
use crate::model::Issue;
use crate::viewer::turning::{turn_pages, watch_activity};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The screen's last touch, and whether it paused the turning of pages.
pub struct Touch {
    /// When the screen was last touched (a key, a click, the wheel), on the monotonic clock:
    /// page turning and a switch to a newer issue wait until it has been idle for a while.
    pub last: Rc<Cell<f64>>,
    /// Whether a touch has paused the turning of pages.
    pub paused: UseStateHandle<bool>,
}

/// Whether to watch for touches, and whether they pause anything.
pub struct TouchArgs {
    /// Kiosk mode.
    pub on: bool,
    /// Pages turn (`dwell` is not 0): a touch pauses them.
    pub pages_turn: bool,
}

/// Watches a kiosk's screen for touches and keys.
#[hook]
pub fn use_touch(args: TouchArgs) -> Touch {
    let last = use_state(|| Rc::new(Cell::new(f64::NEG_INFINITY)));
    let paused = use_state_eq(|| false);
    {
        let (last, paused) = ((*last).clone(), paused.clone());
        let deps = (args.on, args.pages_turn);
        use_effect_with(deps, move |&(on, pages_turn)| {
            let on_pause = Callback::from(move |_| {
                if pages_turn {
                    paused.set(true);
                }
            });
            let listeners = match on {
                true => watch_activity(last, on_pause),
                false => Vec::new(),
            };
            move || drop(listeners)
        });
    }
    Touch {
        last: (*last).clone(),
        paused,
    }
}

/// What turns: the issue shown (None: nothing turns), how long each screenful stays, and how
/// long after a touch the pages go on.
pub struct PageTurning {
    /// The viewer's root.
    pub root: NodeRef,
    /// The issue whose pages turn; None when no issue is shown or pages do not turn.
    pub issue: Option<Rc<Issue>>,
    /// Seconds each screenful stays.
    pub dwell: u32,
    /// Seconds after the last touch before the pages turn again.
    pub idle: u32,
}

/// Turns the pages of the issue shown, from its masthead; a touch or key pauses it.
#[hook]
pub fn use_page_turning(args: PageTurning, touch: &Touch) {
    let PageTurning {
        root,
        issue,
        dwell,
        idle,
    } = args;
    let (paused, last) = (touch.paused.clone(), touch.last.clone());
    use_effect_with((issue, dwell, idle), move |(issue, dwell, idle)| {
        if issue.is_none() {
            paused.set(false); // nothing turns, so nothing is paused
        }
        let (dwell_ms, idle_ms) = ((*dwell * 1000) as i32, (*idle * 1000) as i32);
        spawn_abortable(issue.is_some(), move |signal| {
            let on_resume = Callback::from(move |_| paused.set(false));
            turn_pages(root, dwell_ms, idle_ms, last, signal, on_resume)
        })
    });
}
