//! 往期检索 in the full build: its button. Opened, it says the search is loading and asks
//! the loader for the search build (~25 KB gzip that a feed's first view does not carry),
//! which takes over with the panel open.

use super::super::host;
use super::super::load::Shelf;
use super::{opened, FindAllArgs};
use crate::ui::UiLang;
use std::rc::Rc;
use yew::prelude::*;

/// 往期检索 in the full build: the button, and whether the search build could not be loaded.
pub struct FindAll {
    root: NodeRef,
    failed: UseStateHandle<bool>,
}

impl FindAll {
    /// The button (the feed and links are the search build's business).
    pub fn view(&self, _shelf: &Rc<Shelf>, _link_base: &AttrValue, lang: UiLang) -> Html {
        find_all_button(lang, &self.root, &self.failed)
    }
}

/// Listens for the loader saying the search build could not be loaded (on the host).
#[hook]
pub fn use_find_all(args: FindAllArgs<'_>) -> FindAll {
    let failed = use_state_eq(|| false);
    {
        let (root, set) = (args.root.clone(), failed.setter());
        use_effect_with((), move |_| {
            let listener = host::element(&root).map(|h| {
                gloo_events::EventListener::new(&h, "bulletin-viewer-upgrade-failed", move |_| {
                    set.set(true)
                })
            });
            move || drop(listener)
        });
    }
    FindAll {
        root: args.root.clone(),
        failed,
    }
}

/// The full build's 往期检索: the button; opened, it says the search is loading and asks the
/// loader for the search build (`failed`: it could not be loaded; the reader may try again).
fn find_all_button(lang: UiLang, root: &NodeRef, failed: &UseStateHandle<bool>) -> Html {
    let t = lang.text();
    let ask = {
        let (root, failed) = (root.clone(), failed.clone());
        move || {
            failed.set(false);
            host::ask_for_build(&root, Some("search"));
        }
    };
    let ontoggle = {
        let ask = ask.clone();
        Callback::from(move |e: Event| {
            if opened(&e) {
                ask();
            }
        })
    };
    let retry = Callback::from(move |_: MouseEvent| ask());
    html! {
        <details class="bv-findall" {ontoggle}>
            <summary>{ t.find_all.0 }</summary>
            <p class="bv-findall-status" role="status">
                { if **failed { t.find_all_more.2 } else { t.find_all_more.1 } }
            </p>
            if **failed {
                <button type="button" class="bv-control" onclick={retry}>{ t.retry }</button>
            }
        </details>
    }
}
