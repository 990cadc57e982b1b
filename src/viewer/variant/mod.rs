//! The viewer's three builds, and every difference between them (the loader gives each
//! element the build it needs: book/src/reference/element.md, "What loads, and when"):
//!
//! - the lite build (feature `lite`): one issue in reader mode — the plain embed;
//! - the full build: adds feeds, kiosks, reading aloud (朗读), and 往期检索's button, which
//!   brings the search build;
//! - the search build (feature `findall`): the full build with 往期检索's panel.
//!
//! The rest of the viewer is the same code in every build and calls what this module gives,
//! by the same names: a build without a part gets a stand-in of the same signature that does
//! nothing, so features add code and never remove it, and no other module of the viewer
//! names a feature.

pub mod element;

use super::hooks::Touch;
use super::speech::Player;
use crate::model::Issue;
use std::rc::Rc;
use yew::{Html, NodeRef};

/// Whether this build follows feeds and kiosks and reads aloud (every build but the lite
/// one, which the loader gives an element showing one issue in reader mode).
pub const FULL: bool = !cfg!(feature = "lite");

/// A kiosk's pages turning by themselves, and reading aloud (~15 KB gzip), from what the
/// App has (borrowed: the lite build takes nothing). In the lite build they do nothing: a
/// reader who turns 语音阅读 on gets the full build from the loader instead.
#[cfg(not(feature = "lite"))]
pub use full::{use_page_turning, use_speech};
#[cfg(feature = "lite")]
pub use lite::{use_page_turning, use_speech};

/// What reading aloud needs of the App (the lite build reads none of it).
#[cfg_attr(feature = "lite", allow(dead_code))]
pub struct SpeechFrom<'a> {
    /// The viewer's root.
    pub root: &'a NodeRef,
    /// The issue shown.
    pub issue: &'a Option<Rc<Issue>>,
    /// Whether 朗读 is offered.
    pub on: bool,
    /// The reader's rate.
    pub rate: f32,
    /// A kiosk (no shortcuts; a touch counts as activity).
    pub kiosk: bool,
    /// The kiosk's touches.
    pub touch: &'a Touch,
}

/// The full builds' page turning and reading aloud.
#[cfg(not(feature = "lite"))]
mod full {
    use super::super::hooks::{self, PageTurning, Touch};
    use super::super::speech::{self, Speech, SpeechArgs};
    use super::SpeechFrom;
    use crate::model::Issue;
    use std::rc::Rc;
    use yew::prelude::*;

    /// The pages of `issue` turning when `on`, every `dwell` seconds, `idle` seconds after the
    /// last touch.
    #[hook]
    pub fn use_page_turning(
        root: &NodeRef,
        issue: &Option<Rc<Issue>>,
        on: bool,
        timing: (u32, u32),
        touch: &Touch,
    ) {
        let (dwell, idle) = timing;
        let args = PageTurning {
            root: root.clone(),
            issue: issue.clone().filter(|_| on),
            dwell,
            idle,
        };
        hooks::use_page_turning(args, touch)
    }

    /// Reading aloud.
    #[hook]
    pub fn use_speech(from: SpeechFrom<'_>) -> Speech {
        speech::use_speech(SpeechArgs {
            root: from.root.clone(),
            issue: from.issue.clone(),
            on: from.on,
            rate: from.rate,
            shortcuts: !from.kiosk,
            activity: from.kiosk.then(|| from.touch.last.clone()),
        })
    }
}

/// The feed of reader mode fetched, and a kiosk following the newest issue: neither in the
/// lite build (the loader gives an element with `feed` or in kiosk mode a full build).
#[cfg(not(feature = "lite"))]
pub use super::source::{use_feed, use_kiosk};
#[cfg(feature = "lite")]
pub use lite::{use_feed, use_kiosk};

/// 往期检索 beside 往期: the panel (the search build), the button that brings the search build
/// (the full build), nothing (the lite build). Each `FindAll` has `view(shelf, link_base,
/// lang)`.
#[cfg(all(not(feature = "lite"), not(feature = "findall")))]
pub use super::findall::button::{use_find_all, FindAll};
#[cfg(feature = "findall")]
pub use super::findall::panel::{use_find_all, FindAll};
#[cfg(feature = "lite")]
pub use lite::{use_find_all, FindAll};

/// The bar of 朗读 while it reads (none in the lite build).
pub fn player(props: Player) -> Html {
    match FULL {
        true => super::speech::player(props),
        false => Html::default(),
    }
}

/// The stand-ins of the lite build.
#[cfg(feature = "lite")]
mod lite {
    use super::super::findall::FindAllArgs;
    use super::super::hooks::Touch;
    use super::super::load::Shelf;
    use super::super::source::{IssueSource, SourceArgs};
    use super::super::speech::Speech;
    use super::SpeechFrom;
    use crate::model::Issue;
    use crate::ui::UiLang;
    use std::rc::Rc;
    use yew::prelude::*;

    /// No page turning.
    #[hook]
    pub fn use_page_turning(
        _root: &NodeRef,
        _issue: &Option<Rc<Issue>>,
        _on: bool,
        _timing: (u32, u32),
        _touch: &Touch,
    ) {
    }

    /// Nothing to read aloud.
    #[hook]
    pub fn use_speech(_from: SpeechFrom<'_>) -> Speech {
        Speech::none()
    }

    /// No feed.
    #[hook]
    pub fn use_feed(_source: &IssueSource, _args: &SourceArgs, _on: bool) {}

    /// No kiosk.
    #[hook]
    pub fn use_kiosk(_source: &IssueSource, _args: &SourceArgs, _on: bool) {}

    /// No 往期检索.
    pub struct FindAll;

    impl FindAll {
        /// Nothing to show.
        pub fn view(&self, _shelf: &Rc<Shelf>, _link_base: &AttrValue, _lang: UiLang) -> Html {
            Html::default()
        }
    }

    /// No 往期检索.
    #[hook]
    pub fn use_find_all(_args: FindAllArgs<'_>) -> FindAll {
        FindAll
    }
}
