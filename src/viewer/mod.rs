//! The viewer: Yew function components, one per region of the printed bulletin.
//!
//! [`App`] loads an issue from a URL and shows the loading, error and loaded states;
//! [`IssueView`] renders a loaded issue. Components only describe markup; every browser call
//! (fetch, styles, panic reporting) lives in effects or in [`start`], so the same components
//! can be rendered to static HTML.

mod app;
mod article;
mod contents;
mod footer;
mod load;
mod masthead;
mod status;

pub use app::{App, AppProps, IssueView, IssueViewProps};
pub use load::{LoadError, LoadState};

use wasm_bindgen::{JsCast, JsValue};

/// The viewer's stylesheet (`www/viewer.css`), compiled in so the component is one file.
pub const CSS: &str = include_str!("../../www/viewer.css");

/// The issue the demo shows when the page names none (`?src=` missing).
pub const DEFAULT_SRC: &str = "issues/lianluo-dongtai-2024-18.json";

/// Demo entry: mounts [`App`] on `#bulletin` (or `<body>`) with the issue named by the
/// page's `?src=` parameter, or [`DEFAULT_SRC`].
pub fn start() {
    install_panic_hook();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    apply_styles(&document);
    let root = document
        .get_element_by_id("bulletin")
        .or_else(|| document.body().map(Into::into));
    let Some(root) = root else { return };
    let src = page_param("src").unwrap_or_else(|| DEFAULT_SRC.to_string());
    yew::Renderer::<App>::with_root_and_props(root, AppProps { src: src.into() }).render();
}

/// A query parameter of the page's URL.
fn page_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
        .filter(|s| !s.is_empty())
}

/// Adds [`CSS`] to the document as a constructed stylesheet (no inline `<style>`, so a strict
/// Content-Security-Policy allows it), or as a `<style>` element where that is unsupported.
pub fn apply_styles(document: &web_sys::Document) {
    let constructed = web_sys::CssStyleSheet::new().and_then(|sheet| {
        sheet.replace_sync(CSS)?;
        let key = JsValue::from_str("adoptedStyleSheets");
        let sheets: js_sys::Array = js_sys::Reflect::get(document, &key)?.dyn_into()?;
        sheets.push(&sheet);
        js_sys::Reflect::set(document, &key, &sheets)?;
        Ok(())
    });
    if constructed.is_err() {
        if let Ok(style) = document.create_element("style") {
            style.set_text_content(Some(CSS));
            if let Some(head) = document.head() {
                let _ = head.append_child(&style);
            }
        }
    }
}

/// A panic must not leave a dead, blank element: log it and say so where the bulletin was.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        let root = web_sys::window().and_then(|w| w.document()).and_then(|d| {
            d.get_element_by_id("bulletin")
                .or_else(|| d.body().map(Into::into))
        });
        if let Some(root) = root {
            let _ = root.set_attribute("role", "alert");
            root.set_text_content(Some(&format!(
                "简报显示出错，请刷新页面重试。（内部错误：{message}）"
            )));
        }
    }));
}
