//! The viewer's place in the page: the `<bulletin-viewer>` element that hosts its shadow root,
//! and the handshake with the loader (`www/bulletin-viewer.js`) that runs on that element.

use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot};
use yew::NodeRef;

/// The shadow root the node `root` is rendered in.
pub fn shadow(root: &NodeRef) -> Option<ShadowRoot> {
    root.cast::<Element>()?.get_root_node().dyn_into().ok()
}

/// The `<bulletin-viewer>` element whose shadow root holds `root`.
pub fn element(root: &NodeRef) -> Option<Element> {
    shadow(root).map(|s| s.host())
}

/// Asks the loader for a build with more in it: `bulletin-viewer-upgrade` on the host
/// element, with the detail `search` for the one with 往期检索, none for the full build (the
/// reader turned 语音阅读 on in the lite one). The loader loads it and lets it take over, this
/// build's drawing in view until the new one has drawn.
pub fn ask_for_build(root: &NodeRef, detail: Option<&str>) {
    let init = web_sys::CustomEventInit::new();
    if let Some(d) = detail {
        init.set_detail(&wasm_bindgen::JsValue::from_str(d));
    }
    let event = web_sys::CustomEvent::new_with_event_init_dict("bulletin-viewer-upgrade", &init);
    if let (Some(host), Ok(e)) = (element(root), event) {
        let _ = host.dispatch_event(&e);
    }
}
