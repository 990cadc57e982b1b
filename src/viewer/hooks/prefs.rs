//! The reader's settings (text size, 适老化, contrast, theme), kept in localStorage.

use crate::ui::ReaderPrefs;
use crate::viewer::storage::{storage_get, storage_set};
use yew::prelude::*;

/// The reader's settings and how to change them.
pub struct Prefs {
    /// The settings in force.
    pub value: ReaderPrefs,
    /// The reader changed them (they are stored).
    pub on_change: Callback<ReaderPrefs>,
}

/// The reader's settings: the defaults until the stored ones are read once mounted, saved
/// on every change.
#[hook]
pub fn use_reader_prefs() -> Prefs {
    let prefs = use_state(ReaderPrefs::default);
    {
        let prefs = prefs.clone();
        use_effect_with((), move |_| {
            if let Some(stored) = storage_get(ReaderPrefs::STORAGE_KEY) {
                prefs.set(ReaderPrefs::from_storage(&stored));
            }
        });
    }
    let on_change = {
        let prefs = prefs.clone();
        Callback::from(move |next: ReaderPrefs| {
            storage_set(ReaderPrefs::STORAGE_KEY, &next.to_storage());
            prefs.set(next);
        })
    };
    Prefs {
        value: *prefs,
        on_change,
    }
}
