//! The page's localStorage, where the browser allows it: reader settings, a kiosk's last
//! good issue. Every call tolerates storage that is blocked or full.

/// A value from the page's localStorage (absent where storage is blocked).
pub fn storage_get(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// Stores a value in the page's localStorage; false when the browser refuses (storage
/// blocked, or full).
pub fn storage_set(key: &str, value: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a value from the page's localStorage.
pub fn storage_remove(key: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.remove_item(key);
    }
}
