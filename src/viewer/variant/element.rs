//! The browser side of `<bulletin-viewer>`, the wasm's entry: the loader
//! (`www/bulletin-viewer.js`) defines the custom element and hands each element's lifecycle to
//! a [`ViewerHandle`]; [`init`] puts the panic hook in place. Only in the browser's builds
//! (feature `viewer`): the native build that draws the same components as HTML (feature
//! `render`, `bulletin render`) has no element. In `variant/`, the only module of the viewer that
//! names a feature.
#![cfg(feature = "viewer")]

use crate::ui::{fragment_namespace, Config, Credentials};
use crate::viewer::fetch::FetchOptions;
use crate::viewer::{App, AppProps};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRoot};
use yew::AppHandle;

/// One mounted viewer: created when the element is connected, refreshed when an observed
/// attribute changes, destroyed when the element leaves the page (which stops its fetches
/// and listeners).
#[wasm_bindgen]
pub struct ViewerHandle {
    host: Element,
    app: Option<AppHandle<App>>,
    /// Removes a prerendered copy once the issue is drawn (kept across attribute changes).
    on_shown: yew::Callback<()>,
}

#[wasm_bindgen]
impl ViewerHandle {
    /// Mounts a viewer in `root`, the element's shadow root, configured by the element's
    /// attributes; `prefetched` is the loader's request for the element's issue or feed;
    /// `loader` the loader's URL (the viewer's folder holds the stylesheet's pictures);
    /// `open_search`: the reader opened 往期检索 in the full build, which brought this one
    /// (the search build): it opens there.
    #[wasm_bindgen(constructor)]
    pub fn new(
        host: Element,
        root: ShadowRoot,
        prefetched: Option<js_sys::Object>,
        loader: Option<String>,
        open_search: Option<bool>,
    ) -> ViewerHandle {
        // The stylesheet's pictures (the 特大鼠标 cursors) are beside the loader.
        if let Some(url) = loader {
            crate::viewer::set_asset_base(&url);
        }
        if let Some(p) = prefetched {
            crate::viewer::fetch::keep_prefetched(&host, &p);
        }
        crate::viewer::apply_styles(&root, &root);
        let document = web_sys::window().and_then(|w| w.document());
        let mount = document.and_then(|d| d.create_element("div").ok());
        // A copy drawn by `bulletin render --fragment` stays in view until the viewer has
        // drawn the issue itself, so the reader never sees a blank or loading screen.
        let prerendered = root.query_selector(".bv-ssr").ok().flatten();
        let mut on_shown = yew::Callback::noop();
        let app = mount.map(|mount| {
            mount.set_class_name(if prerendered.is_some() {
                "bv-root bv-pending"
            } else {
                "bv-root"
            });
            let _ = root.append_child(&mount);
            if let Some(copy) = prerendered {
                let live = mount.clone();
                on_shown = yew::Callback::from(move |_| {
                    copy.remove();
                    let _ = live.class_list().remove_1("bv-pending");
                });
            }
            let props = AppProps {
                on_shown: on_shown.clone(),
                open_search: open_search.unwrap_or(false),
                ..props(&host)
            };
            yew::Renderer::<App>::with_root_and_props(mount, props).render()
        });
        warn_shared_namespace(&host);
        ViewerHandle {
            host,
            app,
            on_shown,
        }
    }

    /// Re-reads the attributes after one changed.
    pub fn refresh(&mut self) {
        let props = props(&self.host);
        if let Some(app) = self.app.as_mut() {
            app.update(AppProps {
                on_shown: self.on_shown.clone(),
                ..props
            });
        }
    }

    /// Unmounts the viewer: effects are cleaned up, fetches aborted, listeners removed.
    pub fn destroy(mut self) {
        crate::viewer::fetch::drop_prefetched(&self.host);
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
    let absolute = |url: String| {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten());
        base.and_then(|b| web_sys::Url::new_with_base(&url, &b).ok())
            .map(|u| u.href())
            .unwrap_or(url)
    };
    let src = config.src.map(absolute);
    let feed = config.feed.map(absolute);
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let (page, fragment) = match href.split_once('#') {
        Some((page, fragment)) => (page.to_string(), format!("#{fragment}")),
        None => (href, String::new()),
    };
    // Once per task however often `font` changes: the loader batches a task's attribute
    // changes into one `refresh`.
    load_font(config.font.as_deref());
    let root = host
        .shadow_root()
        .and_then(|r| r.query_selector(".bv-root:not(.bv-ssr)").ok().flatten());
    if let Some(root) = root {
        let _ = root
            .class_list()
            .toggle_with_force("bv-webfont", config.font.is_some());
    }
    let credentials = match config.credentials {
        Credentials::SameOrigin => web_sys::RequestCredentials::SameOrigin,
        Credentials::Include => web_sys::RequestCredentials::Include,
        Credentials::Omit => web_sys::RequestCredentials::Omit,
    };
    AppProps {
        on_shown: yew::Callback::noop(),
        open_search: false,
        fetch: FetchOptions {
            timeout: config.timeout,
            max_bytes: config.max_bytes,
            credentials,
        },
        retries: config.retries,
        controls: config.controls,
        speech: config.speech,
        page: page.into(),
        fragment: fragment.into(),
        src: src.unwrap_or_default().into(),
        feed: feed.unwrap_or_default().into(),
        mode: config.mode,
        interval: config.interval,
        dwell: config.dwell,
        idle: config.idle,
        lang: config.lang,
        ns: fragment_namespace(host.get_attribute("id").as_deref()).into(),
    }
}

/// Warns when an element before `host` on the page has the same fragment namespace: both
/// would read and write `#bulletin/…`, and a link to an article of one opens the other's
/// after a reload. (Said by the later one, so once for two.)
fn warn_shared_namespace(host: &Element) {
    let ns = |e: &Element| fragment_namespace(e.get_attribute("id").as_deref());
    let all = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("bulletin-viewer").ok());
    let Some(all) = all else { return };
    let mine = ns(host);
    let first = (0..all.length())
        .filter_map(|i| all.item(i)?.dyn_into::<Element>().ok())
        .find(|e| ns(e) == mine);
    if first.is_some_and(|e| e != *host) {
        web_sys::console::warn_1(&JsValue::from_str(&format!(
            "<bulletin-viewer>: another viewer on this page uses the fragment namespace #{mine}/…, \
             so a link to an article of one opens it in the other after a reload; give each its \
             own id (id=\"news\" makes #news/…)"
        )));
    }
}

thread_local! {
    /// Web fonts already added to the page, by URL.
    static FONTS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

#[wasm_bindgen]
extern "C" {
    /// A promise, for `catch` with any function (js-sys's wants a Rust closure).
    type Loading;
    #[wasm_bindgen(method, js_name = catch)]
    fn catch_with(this: &Loading, f: &JsValue);
    #[wasm_bindgen(thread_local_v2, js_namespace = console, js_name = warn)]
    static WARN: js_sys::Function;
}

/// Adds the web font at `url` to the page once, as the family "Bulletin Webfont" that the
/// stylesheet puts first when the element has a `font` attribute. For screens without CJK
/// fonts (kiosks); a subset of the characters in use keeps it small. A font that cannot be
/// loaded gets one console warning; the system fonts after it in the stacks are used.
fn load_font(url: Option<&str>) {
    let Some(url) = url else { return };
    let known = FONTS.with(|f| f.borrow().iter().any(|u| u == url));
    if known {
        return;
    }
    let document = web_sys::window().and_then(|w| w.document());
    let absolute = document
        .as_ref()
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|b| web_sys::Url::new_with_base(url, &b).ok())
        .map(|u| u.href());
    let (Some(document), Some(absolute)) = (document, absolute) else {
        return;
    };
    let source = format!("url(\"{}\")", absolute.replace('"', "%22"));
    if let Ok(face) = web_sys::FontFace::new_with_str("Bulletin Webfont", &source) {
        let _ = document.fonts().add(&face);
        FONTS.with(|f| f.borrow_mut().push(url.to_string()));
        // The rejection handler is console.warn itself with the words and the URL bound: an
        // uncaught rejection otherwise, and no Rust closure (each costs the wasm hundreds of
        // bytes).
        if let Ok(loading) = face.load() {
            let said = WARN.with(|warn| {
                warn.bind3(
                    &JsValue::NULL,
                    &"<bulletin-viewer>: the font".into(),
                    &absolute.into(),
                    &"could not be loaded; using the system fonts:".into(),
                )
            });
            loading.unchecked_ref::<Loading>().catch_with(&said);
        }
    }
}

/// Runs once when the wasm starts: a panic must not leave dead, blank elements.
pub fn init() {
    // Through Yew, which otherwise puts its own hook in place when a viewer mounts.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        show_panic(&message);
    }));
}

/// Says in every viewer on the page that it stopped (the wasm instance cannot go on).
fn show_panic(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(hosts) = document.query_selector_all("bulletin-viewer") else {
        return;
    };
    for i in 0..hosts.length() {
        let root = hosts
            .item(i)
            .and_then(|h| h.dyn_into::<web_sys::Element>().ok())
            .and_then(|h| h.shadow_root());
        if let Some(root) = root {
            let Ok(p) = document.create_element("p") else {
                continue;
            };
            let _ = p.set_attribute("role", "alert");
            let _ = p.set_attribute("class", "bv-error");
            p.set_text_content(Some(&format!(
                "简报显示出错，请刷新页面重试。The bulletin viewer stopped; please reload the page. ({message})"
            )));
            root.set_text_content(None);
            let _ = root.append_child(&p);
        }
    }
}
