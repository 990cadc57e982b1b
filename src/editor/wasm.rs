//! The editor's converter as the page's worker calls it (`www/editor/worker.js`): JSON text
//! in and out, so that the page's script holds no logic of its own beyond the form.

use super::{feed_with_in, open, update, url_in_feed, Input};
use crate::model;
use wasm_bindgen::prelude::*;

/// A file opened: the text form (as JSON, see [`super::Opened`]) and its pictures' bytes.
#[wasm_bindgen]
pub struct Opening {
    json: String,
    images: Vec<crate::import::ImageFile>,
}

#[wasm_bindgen]
impl Opening {
    /// `{"ok":true,…Opened}` or `{"ok":false,…Failure}`.
    pub fn json(&self) -> String {
        self.json.clone()
    }
    /// How many pictures the file holds.
    pub fn image_count(&self) -> usize {
        self.images.len()
    }
    /// The file name of picture `i`.
    pub fn image_name(&self, i: usize) -> String {
        self.images
            .get(i)
            .map(|im| im.name.clone())
            .unwrap_or_default()
    }
    /// The bytes of picture `i`.
    pub fn image_bytes(&self, i: usize) -> Vec<u8> {
        self.images
            .get(i)
            .map(|im| im.bytes.clone())
            .unwrap_or_default()
    }
}

fn tagged<T: serde::Serialize>(ok: bool, value: &T) -> String {
    let mut v = serde_json::to_value(value).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert("ok".into(), ok.into());
    }
    v.to_string()
}

/// Reads a dropped file (PDF, Word or text); a failure is told in `lang` (`en`, or Chinese
/// when it is anything else or absent).
#[wasm_bindgen(js_name = openFile)]
pub fn open_file(bytes: &[u8], lang: Option<String>) -> Opening {
    let lang = if lang.as_deref() == Some("en") {
        crate::ui::UiLang::En
    } else {
        crate::ui::UiLang::ZhCn
    };
    match open(bytes, lang) {
        Ok((opened, images)) => Opening {
            json: tagged(true, &opened),
            images,
        },
        Err(f) => Opening {
            json: tagged(false, &f),
            images: Vec::new(),
        },
    }
}

/// Converts the text with the fixes: [`super::Input`] as JSON in, [`super::Outcome`] out.
#[wasm_bindgen(js_name = updateIssue)]
pub fn update_issue(input: &str) -> String {
    match serde_json::from_str::<Input>(input) {
        Ok(input) => serde_json::to_string(&update(&input)).unwrap_or_default(),
        Err(e) => tagged(false, &serde_json::json!({ "message": e.to_string() })),
    }
}

/// The feed with the issue added: `{"ok":true,"json":…,"url":…}`, `{"ok":false,"message":…}`
/// for a feed or issue that cannot be read, or `{"ok":false,"name":true,"message":…}` for a
/// file name that cannot be a URL ([`url_in_feed`]).
#[wasm_bindgen(js_name = feedWith)]
pub fn feed_with_issue(
    feed_json: &str,
    issue_json: &str,
    file_name: &str,
    lang: Option<String>,
) -> String {
    let lang = if lang.as_deref() == Some("en") {
        crate::ui::UiLang::En
    } else {
        crate::ui::UiLang::ZhCn
    };
    let url = match url_in_feed(feed_json, file_name, lang) {
        Ok(url) => url,
        Err(message) => {
            return tagged(
                false,
                &serde_json::json!({ "name": true, "message": message }),
            )
        }
    };
    let result = model::parse_issue(issue_json)
        .map_err(|e| e.to_string())
        .and_then(|issue| feed_with_in(feed_json, &issue, &url, lang).map(|json| (json, url)));
    match result {
        Ok((json, url)) => tagged(true, &serde_json::json!({ "json": json, "url": url })),
        Err(message) => tagged(false, &serde_json::json!({ "message": message })),
    }
}

/// The issue as a standalone static page, as `bulletin render` writes it.
#[wasm_bindgen(js_name = renderPage)]
pub async fn render_page(issue_json: String) -> Result<String, JsValue> {
    let issue = model::parse_issue(&issue_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(crate::render::page_html(&issue).await)
}

/// Reports a panic to the worker before the instance traps (a PDF library that fails on
/// a file): the worker says which file failed and starts a fresh instance. Called by the
/// wasm's `main`, which also links this module's exports into the binary.
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        let global = js_sys::global();
        if let Ok(report) = js_sys::Reflect::get(&global, &JsValue::from_str("bulletinPanic")) {
            if let Some(f) = report.dyn_ref::<js_sys::Function>() {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&message));
            }
        }
    }));
}
