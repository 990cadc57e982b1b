//! Links that the viewer follows itself on a plain click (要目 entries, the article pager,
//! issues of a feed) while keeping every other click (new tab, new window) the link's own.

/// A plain click on a link (not a middle click, nor with a modifier that opens a new tab or
/// window): the viewer handles it; any other click keeps the link's own behaviour.
pub fn plain_click(ev: &web_sys::MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// A link's click handler: a plain click stays in the viewer and emits `value`; any other
/// click (new tab, new window) keeps the link's own behaviour.
pub fn link_click<T: Clone + 'static>(
    callback: &yew::Callback<T>,
    value: T,
) -> yew::Callback<web_sys::MouseEvent> {
    let callback = callback.clone();
    yew::Callback::from(move |ev: web_sys::MouseEvent| {
        if plain_click(&ev) {
            ev.prevent_default();
            callback.emit(value.clone());
        }
    })
}
