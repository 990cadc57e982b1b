//! The panic path, in headless Chromium: a panic anywhere in the viewer's code leaves no dead,
//! blank element — every viewer on the page says it stopped and asks for a reload. Its own
//! test binary: after a panic the wasm instance cannot go on, so nothing may run after it.
#![cfg(target_arch = "wasm32")]

use bulletin::viewer::variant::element::ViewerHandle;
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_panic_shows_the_error_screen_not_a_blank_area() {
    bulletin::viewer::variant::element::init();
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("bulletin-viewer").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    // A mounted viewer (without src it says so).
    let _viewer = ViewerHandle::new(host.clone(), root.clone(), None, None, None);
    // Drawn within a few frames; on a busy machine it can take longer than 100 ms.
    let mut before = String::new();
    for _ in 0..50 {
        TimeoutFuture::new(100).await;
        before = root.text_content().unwrap_or_default();
        if before.contains("没有指定要显示的简报") {
            break;
        }
    }
    assert!(before.contains("没有指定要显示的简报"), "{before}");

    // A panic in the viewer's code, run by the browser's event loop as its callbacks are.
    let boom = Closure::once_into_js(|| -> () { panic!("a test panic") });
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0)
        .unwrap();
    TimeoutFuture::new(200).await;

    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert in the viewer");
    let said = alert.text_content().unwrap_or_default();
    assert!(said.contains("简报显示出错，请刷新页面重试"), "{said}");
    assert!(said.contains("please reload the page"), "{said}");
    assert!(said.contains("a test panic"), "{said}");
    assert!(
        !root.text_content().unwrap_or_default().contains("没有指定"),
        "the dead viewer's screen is gone"
    );
}
