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

use super::player::Player;
use yew::Html;

/// Whether this build follows feeds and kiosks and reads aloud (every build but the lite
/// one, which the loader gives an element showing one issue in reader mode).
pub const FULL: bool = !cfg!(feature = "lite");

/// A kiosk's pages turning by themselves, and reading aloud (~15 KB gzip). In the
/// lite build they do nothing: a reader who turns 语音阅读 on gets the full build from the
/// loader instead.
#[cfg(not(feature = "lite"))]
pub use super::hooks::{use_page_turning, use_speech};
#[cfg(feature = "lite")]
pub use lite::{use_page_turning, use_speech};

/// The feed of reader mode fetched, and a kiosk following the newest issue: neither in the
/// lite build (the loader gives an element with `feed` or in kiosk mode a full build).
#[cfg(not(feature = "lite"))]
pub use super::hooks::{use_feed, use_kiosk};
#[cfg(feature = "lite")]
pub use lite::{use_feed, use_kiosk};

/// 往期检索 beside 往期: the panel (the search build), the button that brings the search build
/// (the full build), nothing (the lite build). Each `FindAll` has `view(shelf, link_base,
/// lang)`.
#[cfg(all(not(feature = "lite"), not(feature = "findall")))]
pub use super::findall::button::use_find_all;
#[cfg(feature = "findall")]
pub use super::findall::panel::use_find_all;
#[cfg(feature = "lite")]
pub use lite::use_find_all;

/// The bar of 朗读 while it reads (none in the lite build).
pub fn player(props: Player) -> Html {
    match FULL {
        true => super::player::player(props),
        false => Html::default(),
    }
}

/// The stand-ins of the lite build.
#[cfg(feature = "lite")]
mod lite {
    use super::super::findall::FindAllArgs;
    use super::super::hooks::{
        FeedDeps, KioskDeps, PageTurning, SourceDispatch, Speech, SpeechArgs, Touch,
    };
    use super::super::load::Shelf;
    use crate::ui::UiLang;
    use std::cell::Cell;
    use std::rc::Rc;
    use yew::prelude::*;

    /// No feed.
    #[hook]
    pub fn use_feed(_dispatch: SourceDispatch, _deps: FeedDeps) {}

    /// No kiosk.
    #[hook]
    pub fn use_kiosk(
        _dispatch: SourceDispatch,
        _deps: KioskDeps,
        _root: NodeRef,
        _last_touch: Rc<Cell<f64>>,
    ) {
    }

    /// No page turning.
    #[hook]
    pub fn use_page_turning(_args: PageTurning, _touch: &Touch) {}

    /// Nothing to read aloud.
    #[hook]
    pub fn use_speech(_args: SpeechArgs) -> Speech {
        Speech::none()
    }

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
    pub fn use_find_all(_args: FindAllArgs) -> FindAll {
        FindAll
    }
}
