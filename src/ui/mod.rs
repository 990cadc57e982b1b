//! The embed's settings and the viewer's own interface, as plain data: no browser calls,
//! tested natively. The bulletin's text itself is always Chinese.
//!
//! - [`config`]: the `<bulletin-viewer>` element's attributes ([`Config`]);
//! - [`prefs`]: what the reader sets with the controls, and how it is stored;
//! - [`place`]: what a URL fragment names, and where the viewer's links point;
//! - [`messages`]: problems and faults in the interface language;
//! - [`text`]: the interface text of each language ([`UiText`]).

pub mod config;
pub mod messages;
pub mod place;
pub mod prefs;
pub mod text;

pub use config::{defaults, Config, Credentials, Mode};
pub use messages::problem_text;
pub use place::{fragment_namespace, place_in_fragment, Anchor, Place};
pub use prefs::{ReaderPrefs, Theme};
pub use text::{UiLang, UiText, Unfilled};
