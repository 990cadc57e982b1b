//! 朗读: reading the issue aloud with the browser's speech synthesis, one sentence per
//! utterance ([`crate::speech`] says what), the sentence lit on screen and kept in view.
//!
//! - [`state`]: the reading as a machine over plain data (the sentences, pause and resume,
//!   stopping), tested natively;
//! - [`mod@hook`]: its effects (the synthesis, its events, the keys, the page hidden or another
//!   viewer reading), on [`page`]: the sentence found, lit and kept in view;
//! - [`view`]: the 朗读全文 button and the player bar.

pub mod hook;
pub mod page;
pub mod state;
pub mod view;

pub use hook::{use_speech, Speech, SpeechArgs};
pub use state::{SpeechFault, SpeechState, SpeechView};
pub use view::{player, read_all, Player};
