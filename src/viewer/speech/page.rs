//! 朗读 on the page: the sentence being read found in the drawn issue, lit (CSS Custom
//! Highlight API) and kept in view, and the article in view (where R starts reading).

use crate::model::Issue;
use crate::search::Field;
use crate::speech::{Spot, Utterance};
use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Node, ScrollIntoViewOptions, ScrollLogicalPosition};
use yew::NodeRef;

/// The name of the highlight (CSS Custom Highlight API) of the sentence being read.
const HIGHLIGHT: &str = "bv-speaking";

/// Lights the sentence `u` of `issue` and keeps it in view (its article, or the masthead,
/// where the sentence cannot be placed).
pub fn light(root: &NodeRef, issue: Option<&Issue>, u: &Utterance) {
    let place = issue
        .zip(u.spot)
        .and_then(|(issue, spot)| sentence_range(root, issue, spot));
    highlight(place.as_ref().map(|(r, _)| r));
    let target = place.map(|(_, e)| e).or_else(|| match u.article {
        Some(i) => article(root, i),
        None => root
            .cast::<Element>()?
            .query_selector(".bv-masthead")
            .ok()?,
    });
    if let Some(e) = target {
        keep_in_view(&e);
    }
}

/// The drawn article of index `i`.
fn article(root: &NodeRef, i: usize) -> Option<Element> {
    let selector = format!("article[data-index=\"{i}\"]");
    root.cast::<Element>()?.query_selector(&selector).ok()?
}

/// The article whose heading is nearest the top of the screen, if the 要目 is scrolled past.
pub fn current_article(root: &NodeRef) -> Option<usize> {
    let root = root.cast::<Element>()?;
    let articles = root.query_selector_all("article[data-index]").ok()?;
    let mut found = None;
    for i in 0..articles.length() {
        let a = articles.item(i)?.dyn_into::<Element>().ok()?;
        if a.get_bounding_client_rect().top() <= 80.0 {
            found = Some(i as usize);
        }
    }
    found
}

/// Scrolls `e` to the middle of the screen when it is not within it (above the player bar).
fn keep_in_view(e: &Element) {
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let r = e.get_bounding_client_rect();
    if r.top() < 0.0 || r.bottom() > height - 96.0 {
        let options = ScrollIntoViewOptions::new();
        options.set_block(ScrollLogicalPosition::Center);
        e.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Sets the page's sentence highlight (CSS Custom Highlight API; where a browser lacks it,
/// the sentence is still kept in view). Highlights are not in the accessibility tree, so a
/// screen reader is not told of each sentence. One `Highlight` is registered, once, and its
/// range changed: WebKit (Safari before its 2026 fix) does not repaint when a new `Highlight`
/// takes the name of another or the name is deleted, leaving old sentences painted.
pub fn highlight(range: Option<&web_sys::Range>) {
    // Whatever is missing (no `CSS.highlights`, no `Highlight`) gives `undefined`, and calls
    // on `undefined` do nothing.
    let global = js_sys::global();
    let get = |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).unwrap_or_default();
    let call = |o: &JsValue, k: &str, args: &Array| {
        get(o, k)
            .dyn_into::<Function>()
            .ok()
            .and_then(|f| f.apply(o, args).ok())
            .unwrap_or_default()
    };
    let registry = get(&get(&global, "CSS"), "highlights");
    let name = Array::of1(&JsValue::from_str(HIGHLIGHT));
    let mut h = call(&registry, "get", &name);
    if h.is_undefined() {
        h = get(&global, "Highlight")
            .dyn_into::<Function>()
            .ok()
            .and_then(|c| Reflect::construct(&c, &Array::new()).ok())
            .unwrap_or_default();
        name.push(&h);
        call(&registry, "set", &name);
    }
    call(&h, "clear", &Array::new());
    if let Some(range) = range {
        call(&h, "add", &Array::of1(range));
    }
}

/// The DOM range of a sentence, and the element holding it.
fn sentence_range(root: &NodeRef, issue: &Issue, spot: Spot) -> Option<(web_sys::Range, Element)> {
    let i = match spot.field {
        Field::Title(i) | Field::Byline(i) | Field::Source(i) => i,
        Field::Block(i, ..) | Field::Caption(i, _) => i,
        _ => return None,
    };
    let el = article(root, i)?;
    let block = |b: usize| -> Option<Element> {
        el.query_selector_all(
            ":scope > :not(.bv-article-title, .bv-byline, .bv-source, .bv-pager, .bv-read)",
        )
        .ok()?
        .item(b as u32)?
        .dyn_into()
        .ok()
    };
    let text = crate::search::fields(issue)
        .into_iter()
        .find(|(f, _)| *f == spot.field)?
        .1;
    let (element, prefix): (Element, usize) = match spot.field {
        Field::Title(_) | Field::Byline(_) | Field::Source(_) => {
            let (selector, prefix) = match spot.field {
                Field::Title(_) => (".bv-article-title", 0),
                Field::Byline(_) => (".bv-byline", 0),
                // Drawn in brackets: （source）.
                _ => (".bv-source", 1),
            };
            (el.query_selector(selector).ok()??, prefix)
        }
        Field::Block(_, b, k) => {
            let e = block(b)?;
            match e.tag_name().as_str() {
                "UL" | "OL" => (
                    e.query_selector_all(":scope > li")
                        .ok()?
                        .item(k as u32)?
                        .dyn_into()
                        .ok()?,
                    0,
                ),
                _ => (e, 0),
            }
        }
        Field::Caption(_, b) => (block(b)?.query_selector("figcaption").ok()??, 0),
        _ => return None,
    };
    let from = prefix + text.get(..spot.start)?.encode_utf16().count();
    let to = prefix + text.get(..spot.end)?.encode_utf16().count();
    let mut nodes = Vec::new();
    text_nodes(&element, &mut nodes);
    let place = |at: usize| -> Option<(Node, u32)> {
        let mut seen = 0;
        for n in &nodes {
            let len = n.node_value().unwrap_or_default().encode_utf16().count();
            if at <= seen + len {
                return Some((n.clone(), (at - seen) as u32));
            }
            seen += len;
        }
        None
    };
    let ((a, ao), (b, bo)) = (place(from)?, place(to)?);
    let range = web_sys::window()?.document()?.create_range().ok()?;
    range.set_start(&a, ao).ok()?;
    range.set_end(&b, bo).ok()?;
    Some((range, element))
}

fn text_nodes(node: &Node, out: &mut Vec<Node>) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        if let Some(c) = children.item(i) {
            if c.node_type() == Node::TEXT_NODE {
                out.push(c);
            } else {
                text_nodes(&c, out);
            }
        }
    }
}
