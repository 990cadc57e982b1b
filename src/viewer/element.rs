//! The browser side of `<bulletin-viewer>`: the loader (`www/bulletin-viewer.js`) defines the
//! custom element and hands each element's lifecycle to a [`ViewerHandle`].

use super::app::{App, AppProps};
use crate::ui::{fragment_namespace, Config};
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot};
use yew::AppHandle;

/// One mounted viewer: created when the element is connected, refreshed when an observed
/// attribute changes, destroyed when the element leaves the page (which stops its fetches
/// and listeners).
#[wasm_bindgen]
pub struct ViewerHandle {
    host: Element,
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl ViewerHandle {
    /// Mounts a viewer in `root`, the element's shadow root, configured by the element's
    /// attributes.
    #[wasm_bindgen(constructor)]
    pub fn new(host: Element, root: ShadowRoot) -> ViewerHandle {
        super::apply_styles(&root, &root);
        let document = web_sys::window().and_then(|w| w.document());
        let mount = document.and_then(|d| d.create_element("div").ok());
        let app = mount.map(|mount| {
            mount.set_class_name("bv-root");
            let _ = root.append_child(&mount);
            yew::Renderer::<App>::with_root_and_props(mount, props(&host)).render()
        });
        ViewerHandle { host, app }
    }

    /// Re-reads the attributes after one changed.
    pub fn refresh(&mut self) {
        let props = props(&self.host);
        if let Some(app) = self.app.as_mut() {
            app.update(props);
        }
    }

    /// Unmounts the viewer: effects are cleaned up, fetches aborted, listeners removed.
    pub fn destroy(mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        if let Some(root) = self.host.shadow_root() {
            root.set_text_content(None);
        }
    }
}

/// The App's properties from the element's attributes; warns about values it cannot use.
fn props(host: &Element) -> AppProps {
    let (config, warnings) = Config::from_attributes(|name| host.get_attribute(name));
    for w in warnings {
        web_sys::console::warn_1(&JsValue::from_str(&format!("<bulletin-viewer>: {w}")));
    }
    // Relative to the page's base URL (portals use <base href>), as a link would be.
    let src = config.src.map(|src| {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten());
        base.and_then(|b| web_sys::Url::new_with_base(&src, &b).ok())
            .map(|u| u.href())
            .unwrap_or(src)
    });
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    AppProps {
        page: page.into(),
        src: src.unwrap_or_default().into(),
        lang: config.lang,
        ns: fragment_namespace(host.get_attribute("id").as_deref()).into(),
    }
}
