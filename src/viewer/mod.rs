//! The viewer: Yew function components, one per region of the printed bulletin, and the
//! `<bulletin-viewer>` element that hosts them in a shadow root.
//!
//! [`App`] lists what the viewer does — one hook each — and `screen` shows the loading, error
//! and loaded states; [`IssueView`] renders a loaded issue. Components only describe markup;
//! every browser call (fetch, history, styles, panic reporting) lives in effects, callbacks
//! or `element`, so the same components can be rendered to static HTML.
//!
//! By feature, each a folder with its state as plain data (`state.rs`, tested natively), its
//! effects (`hook.rs`) and its views: [`source`] (where the issue comes from), [`speech`]
//! (朗读), [`findall`] (往期检索). The builds: `variant` says what the lite, full and search
//! builds have (stand-ins where one leaves a part out), `element` is the browser builds'
//! entry; nothing else here names a feature.
//!
//! By job, the rest:
//! - components, one per region: `issue` (the whole issue), `masthead`, `contents`, `article`,
//!   `footer`; around it `chrome` (skip link, search box `find`, settings `controls`),
//!   `issues` (the feed's issues) and `status` (loading, errors, problems, a kiosk's line);
//! - [`hooks`]: the App's smaller hooks (touches and page turning, settings, search in the
//!   issue, reading position, fragment links);
//! - loading: `fetch` (the network, retries), `load` (states, reading an answer as an issue
//!   or a feed), `kiosk` (following the newest issue, kept in `storage`);
//! - the page: `host` (the element around the shadow root, the loader's handshake), `scroll`
//!   (going to places, the fragment and history), `watch` (observers and shortcuts), `links`
//!   (plain clicks), `turning` (a kiosk's pages), `storage`.

mod app;
pub mod archive;
mod article;
mod chrome;
mod contents;
mod controls;
mod fetch;
mod find;
pub mod findall;
mod footer;
pub mod hooks;
mod host;
mod issue;
mod issues;
mod kiosk;
mod links;
mod load;
pub mod masthead;
mod props;
mod screen;
mod scroll;
pub mod source;
mod spaced;
pub mod speech;
mod status;
mod storage;
mod turning;
pub mod variant;
mod watch;

pub use app::App;
pub use archive::{ArchiveIndexProps, ArchiveIndexView};
// The loader's requests are kept and dropped by the element (`variant/element.rs`), which the native
// build that draws the components to HTML has not.
pub use fetch::{drop_prefetched, keep_prefetched, FetchOptions};
pub use issue::{IssueView, IssueViewProps};
pub use load::{LoadError, LoadState, Loaded};
pub use props::AppProps;

use wasm_bindgen::{JsCast, JsValue};

/// The viewer's stylesheet (`www/viewer.css`), compiled in so the component is one file.
pub const CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/viewer.min.css"));

thread_local! {
    /// The viewer's folder, which the stylesheet's `url(bv-…)` pictures are in.
    static ASSET_BASE: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    /// One constructed stylesheet, shared by every viewer on the page.
    static SHEET: Option<web_sys::CssStyleSheet> = web_sys::CssStyleSheet::new()
        .ok()
        .filter(|sheet| sheet.replace_sync(&css_here()).is_ok());
}

/// Notes the viewer's folder from a file in it (the loader's URL), before the first styles.
pub fn set_asset_base(file: &str) {
    if let Ok(url) = web_sys::Url::new_with_base(".", file) {
        ASSET_BASE.with(|b| *b.borrow_mut() = url.href());
    }
}

/// [`CSS`] with its pictures' addresses made absolute: a constructed stylesheet (or a
/// `<style>`) resolves them against the page, not the viewer's folder.
fn css_here() -> String {
    ASSET_BASE.with(|b| CSS.replace("url(bv-", &format!("url({}bv-", b.borrow())))
}

/// Applies [`CSS`] to a shadow root (or document) as the shared constructed stylesheet: no
/// inline `<style>`, so a strict Content-Security-Policy (`style-src 'self'`) allows it. Where
/// constructed stylesheets are unsupported, a `<style>` element is the fallback.
pub fn apply_styles(target: &JsValue, fallback_parent: &web_sys::Node) {
    let adopted = SHEET.with(|sheet| {
        let sheet = sheet.as_ref().ok_or(JsValue::NULL)?;
        let key = JsValue::from_str("adoptedStyleSheets");
        let sheets: js_sys::Array = js_sys::Reflect::get(target, &key)?.dyn_into()?;
        // Compared one by one, not with `Array.prototype.includes`, which a portal may have
        // patched (one that always says yes left the viewer unstyled).
        let own: &JsValue = sheet.as_ref();
        if !sheets.iter().any(|s| &s == own) {
            sheets.push(sheet);
            js_sys::Reflect::set(target, &key, &sheets)?;
        }
        Ok::<(), JsValue>(())
    });
    if adopted.is_err() {
        let style = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("style").ok());
        if let Some(style) = style {
            style.set_text_content(Some(&css_here()));
            let _ = fallback_parent.append_child(&style);
        }
    }
}
