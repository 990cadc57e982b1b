//! Component tests in headless Chromium (wasm-bindgen-test): the viewer mounted on the seed
//! issue shows what the printed bulletin shows, and bad input shows a clear error.
#![cfg(target_arch = "wasm32")]

use bulletin::model::parse_issue;
use bulletin::viewer::{apply_styles, App, AppProps, IssueView, IssueViewProps};
use gloo_timers::future::TimeoutFuture;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::SEED;

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh place on the page for one test to render into: as in `<bulletin-viewer>`, a
/// `.bv-root` in a shadow root that has the viewer's styles.
fn mount_point() -> Element {
    let doc = document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let shadow = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    apply_styles(&shadow, &shadow);
    let root = doc.create_element("div").unwrap();
    root.set_class_name("bv-root");
    shadow.append_child(&root).unwrap();
    root
}

/// Waits (up to 5 s) until `ready` holds for the rendered element.
async fn until(root: &Element, ready: impl Fn(&Element) -> bool) {
    for _ in 0..100 {
        if ready(root) {
            return;
        }
        TimeoutFuture::new(50).await;
    }
    panic!(
        "timed out; the element shows: {}",
        root.text_content().unwrap_or_default()
    );
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn style(el: &Element, property: &str) -> String {
    web_sys::window()
        .unwrap()
        .get_computed_style(el)
        .unwrap()
        .unwrap()
        .get_property_value(property)
        .unwrap()
}

/// Default properties of an IssueView (the issue is replaced).
fn props() -> IssueViewProps {
    yew::props!(IssueViewProps {
        issue: Rc::new(parse_issue(SEED).unwrap())
    })
}

fn app(src: &str) -> AppProps {
    yew::props!(AppProps {
        src: src.to_string()
    })
}

/// A mount point for an IssueView alone: inside a `.bv-app`, as App would put it.
fn issue_mount_point() -> Element {
    let root = mount_point();
    let app = document().create_element("div").unwrap();
    app.set_class_name("bv-app bv-size-1 bv-theme-light");
    root.append_child(&app).unwrap();
    app
}

async fn render_seed() -> Element {
    let root = issue_mount_point();
    let issue = Rc::new(parse_issue(SEED).unwrap());
    yew::Renderer::<IssueView>::with_root_and_props(
        root.clone(),
        IssueViewProps { issue, ..props() },
    )
    .render();
    until(&root, |r| r.query_selector("footer").unwrap().is_some()).await;
    root
}

#[wasm_bindgen_test]
async fn seed_issue_shows_masthead_contents_articles_and_footer() {
    let root = render_seed().await;
    assert_eq!(text(&root, "header h1"), "联络动态");
    assert_eq!(text(&root, "header .bv-number"), "第18期");
    assert_eq!(text(&root, "header .bv-cumulative"), "（总第七百二十期）");
    assert_eq!(
        text(&root, "header .bv-organ"),
        "湖南省人大常委会代表工作委员会编"
    );
    assert_eq!(text(&root, "header time"), "2024年11月4日");

    let entries = all(&root, "nav a");
    assert_eq!(entries.len(), 2);
    let articles = all(&root, "article");
    assert_eq!(articles.len(), 2);
    for (entry, article) in entries.iter().zip(&articles) {
        // Each 要目 link leads to the article whose title it shows.
        let href = entry.get_attribute("href").unwrap();
        assert_eq!(href, format!("#bulletin/{}", article.id()));
        let title = article
            .query_selector("h2")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert!(title.contains(&entry.text_content().unwrap()));
    }
    assert_eq!(all(&articles[0], "p.bv-p").len(), 6);
    assert_eq!(text(&articles[0], ".bv-source"), "（摘编自湖南日报）");
    assert!(articles[1]
        .text_content()
        .unwrap()
        .contains("用好工作“指挥棒”，激活"));

    let footer = text(&root, "footer");
    assert!(footer.contains("送：全国人大常委会代表工作委员会"));
    assert!(footer.contains("责任编辑：汤建"));
    assert!(footer.contains("批准文号：湘党简准字〔2000〕第28号"));
    let links: Vec<String> = all(&root, "footer a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(links, ["tel:073185309319", "mailto:hnrldgwxrc@163.com"]);
}

#[wasm_bindgen_test]
async fn baseline_typography_applies() {
    let root = render_seed().await;
    let issue = root.query_selector(".bv-issue").unwrap().unwrap();
    assert_eq!(issue.get_attribute("lang").as_deref(), Some("zh-CN"));
    // The reader's default size (medium), not the page's root size, sets the scale.
    let base: f64 = style(&root, "font-size")
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert_eq!(base, 16.0);
    let p = root.query_selector("p.bv-p").unwrap().unwrap();
    let font_size: f64 = style(&p, "font-size")
        .trim_end_matches("px")
        .parse()
        .unwrap();
    let indent: f64 = style(&p, "text-indent")
        .trim_end_matches("px")
        .parse()
        .unwrap();
    assert_eq!(
        indent,
        2.0 * font_size,
        "paragraphs are indented two characters"
    );
    assert_eq!(style(&p, "text-align"), "justify");
    assert_eq!(style(&p, "line-break"), "strict");
    let title = root.query_selector("h1").unwrap().unwrap();
    assert_eq!(style(&title, "color"), "rgb(192, 0, 24)");
    let masthead = root.query_selector("header").unwrap().unwrap();
    assert_eq!(style(&masthead, "border-bottom-color"), "rgb(192, 0, 24)");
    // A readable line: no wider than about 40 characters of body text.
    let width = p.dyn_ref::<HtmlElement>().unwrap().offset_width() as f64;
    assert!(
        width <= 41.0 * font_size,
        "line is {} characters wide",
        width / font_size
    );
}

#[wasm_bindgen_test]
async fn text_from_json_is_never_markup() {
    let root = issue_mount_point();
    let mut issue = parse_issue(SEED).unwrap();
    issue.articles[0].title = "<img src=x onerror=\"window.__pwned=1\">标题".into();
    yew::Renderer::<IssueView>::with_root_and_props(
        root.clone(),
        IssueViewProps {
            issue: Rc::new(issue),
            ..props()
        },
    )
    .render();
    until(&root, |r| r.query_selector("article").unwrap().is_some()).await;
    assert_eq!(
        text(&root, "article h2"),
        "<img src=x onerror=\"window.__pwned=1\">标题"
    );
    assert!(root.query_selector("img").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn missing_issue_says_what_and_where() {
    let root = mount_point();
    yew::Renderer::<App>::with_root_and_props(root.clone(), app("no-such-issue.json")).render();
    until(&root, |r| {
        r.query_selector("[role=alert]").unwrap().is_some()
    })
    .await;
    let alert = text(&root, "[role=alert]");
    assert!(alert.contains("简报无法显示"), "{alert}");
    assert!(alert.contains("no-such-issue.json"), "{alert}");
    assert!(alert.contains("HTTP 404"), "{alert}");
    assert!(alert.contains("找不到这期简报"), "{alert}");
    // Not retried by itself (a missing file stays missing), but the reader may.
    assert!(!alert.contains("正在重试"), "{alert}");
    assert_eq!(text(&root, "[role=alert] button"), "重试");
}

#[wasm_bindgen_test]
async fn wrong_types_name_the_json_path_and_line() {
    let root = mount_point();
    let json = "{\n  \"schema_version\": 1,\n  \"masthead\": {\n    \"title\": 3\n  }\n}";
    let src = format!(
        "data:application/json,{}",
        js_sys::encode_uri_component(json)
    );
    yew::Renderer::<App>::with_root_and_props(root.clone(), app(&src)).render();
    until(&root, |r| {
        r.query_selector("[role=alert]").unwrap().is_some()
    })
    .await;
    let alert = text(&root, "[role=alert]");
    assert!(alert.contains("数据有误"), "{alert}");
    assert!(
        alert.contains("masthead.title：类型不对：应为字符串，实为整数 `3`（第 4 行"),
        "{alert}"
    );
}

#[wasm_bindgen_test]
async fn problems_are_listed_and_the_rest_still_shows() {
    let root = mount_point();
    let json = SEED.replacen("\"article\": \"a-2\"", "\"article\": \"a-3\"", 1);
    let src = format!(
        "data:application/json,{}",
        js_sys::encode_uri_component(&json)
    );
    yew::Renderer::<App>::with_root_and_props(root.clone(), app(&src)).render();
    until(&root, |r| r.query_selector("footer").unwrap().is_some()).await;
    let note = text(&root, ".bv-problems");
    assert!(note.contains("1 处问题"), "{note}");
    assert!(
        note.contains("contents[1].article：没有编号为 \"a-3\" 的文章"),
        "{note}"
    );
    assert_eq!(all(&root, "article").len(), 2);
}

#[wasm_bindgen_test]
async fn the_interface_speaks_english_when_asked() {
    let root = mount_point();
    let props = AppProps {
        lang: bulletin::ui::UiLang::En,
        ..app("")
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    until(&root, |r| {
        r.query_selector("[role=alert]").unwrap().is_some()
    })
    .await;
    let alert = text(&root, "[role=alert]");
    assert!(alert.starts_with("The bulletin cannot be shown"), "{alert}");
    assert!(alert.contains("set the src attribute"), "{alert}");
    assert_eq!(
        root.first_element_child()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
}

const DRAFT: &str = include_str!("fixtures/render/draft/issue.json");
const FULL_FOOTER: &str = include_str!("fixtures/render/full-footer/issue.json");

fn data_url(json: &str) -> String {
    format!(
        "data:application/json,{}",
        js_sys::encode_uri_component(json)
    )
}

fn rect(el: &Element) -> web_sys::DomRect {
    el.get_bounding_client_rect()
}

/// A draft loads like any issue (not refused): its notice lists the missing parts, and each
/// empty part shows a stand-in where it would be; the 要目 entry without an article is no
/// link, and nothing is wider than the column.
#[wasm_bindgen_test]
async fn a_draft_shows_stand_ins_for_its_empty_parts() {
    let root = mount_point();
    // A phone's column.
    root.set_attribute("style", "width: 320px").unwrap();
    yew::Renderer::<App>::with_root_and_props(root.clone(), app(&data_url(DRAFT))).render();
    until(&root, |r| {
        r.query_selector("footer, article").unwrap().is_some()
    })
    .await;
    let note = text(&root, ".bv-problems");
    assert!(
        note.contains("masthead.title：未填写，请补上（草稿）"),
        "{note}"
    );
    assert_eq!(text(&root, "header h1"), "（名称未填）");
    assert_eq!(text(&root, "header .bv-number"), "第 — 期（期号未填）");
    assert_eq!(text(&root, "header .bv-organ"), "（编印单位未填）");
    assert_eq!(text(&root, "header .bv-date"), "（日期未填）");
    assert!(root.query_selector("header time").unwrap().is_none());
    // Stand-ins are set apart: muted, not the red of the name.
    let name = root.query_selector("h1 .bv-unfilled").unwrap().unwrap();
    assert_ne!(style(&name, "color"), "rgb(192, 0, 24)");
    assert!(rect(&name).height() > 0.0);

    let links = all(&root, "nav a");
    assert_eq!(links.len(), 2);
    assert_eq!(
        text(&root, "nav .bv-unavailable"),
        "基层治理工作经验交流（未找到对应文章）"
    );
    let articles = all(&root, "article");
    assert_eq!(articles.len(), 3);
    assert_eq!(text(&articles[1], "h2"), "（标题未填）");
    assert_eq!(text(&articles[2], ".bv-blank"), "（正文未填）");
    // Each link still leads to its article.
    for a in &links {
        let id = a.get_attribute("href").unwrap().replace("#bulletin/", "");
        assert!(root
            .query_selector(&format!("article[id=\"{id}\"]"))
            .unwrap()
            .is_some());
    }
    // No sideways scrolling at a phone's width.
    let app = root.query_selector(".bv-app").unwrap().unwrap();
    assert!(app.scroll_width() <= app.client_width() + 1);
}

/// In English, the stand-ins are English and marked so (the issue around them is Chinese).
#[wasm_bindgen_test]
async fn a_drafts_stand_ins_speak_the_interface_language() {
    let root = mount_point();
    let props = AppProps {
        lang: bulletin::ui::UiLang::En,
        ..app(&data_url(DRAFT))
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    until(&root, |r| r.query_selector("article").unwrap().is_some()).await;
    assert_eq!(text(&root, "header .bv-date"), "(date not filled in)");
    assert_eq!(
        text(&root, "header .bv-number"),
        "No. — (number not filled in)"
    );
    assert_eq!(
        text(&root, "nav .bv-unavailable"),
        "基层治理工作经验交流 (no matching article)"
    );
    let stand_in = root
        .query_selector(".bv-date.bv-unfilled")
        .unwrap()
        .unwrap();
    assert_eq!(stand_in.get_attribute("lang").as_deref(), Some("en"));
    // The region is named even though the draft has no name or number.
    let app = root.query_selector(".bv-app").unwrap().unwrap();
    assert_eq!(app.get_attribute("aria-label").as_deref(), Some("Bulletin"));
}

/// A full 报尾 reads as printed: the distribution lines, who made the issue, contact,
/// approval, other lines, then the 印发 line (office left, date right) and the print run.
#[wasm_bindgen_test]
async fn the_whole_footer_reads_as_printed() {
    let root = issue_mount_point();
    let issue = Rc::new(parse_issue(FULL_FOOTER).unwrap());
    yew::Renderer::<IssueView>::with_root_and_props(
        root.clone(),
        IssueViewProps { issue, ..props() },
    )
    .render();
    until(&root, |r| r.query_selector("footer").unwrap().is_some()).await;
    let footer = text(&root, "footer");
    let order = [
        "报：",
        "送：",
        "发：",
        "抄送：",
        "分送：",
        "责任编辑：王明",
        "审核：李华",
        "签发：张强",
        "联系方式：",
        "批准文号：",
        "本期共印发至县级。",
        "（内部资料　注意保存）",
        "某某市人民政府办公室秘书科",
        "2025年3月18日印发",
        "（共印80份）",
    ];
    let mut at = 0;
    for line in order {
        at += footer[at..]
            .find(line)
            .unwrap_or_else(|| panic!("{line} out of order in {footer}"))
            + line.len();
    }
    // 责任编辑, 审核, 签发 on one line (in a wide column).
    let roles = all(&root, ".bv-role");
    assert_eq!(roles.len(), 3);
    assert_eq!(rect(&roles[0]).top(), rect(&roles[2]).top());
    // The 印发 line: the office at the left edge, the date at the right edge, one line.
    let f = rect(&root.query_selector("footer").unwrap().unwrap());
    let by = rect(&root.query_selector(".bv-issued > span").unwrap().unwrap());
    let date = rect(&root.query_selector(".bv-issued-date").unwrap().unwrap());
    assert!((by.left() - f.left()).abs() < 1.0);
    assert!(
        (date.right() - f.right()).abs() < 1.0,
        "{} {}",
        date.right(),
        f.right()
    );
    assert_eq!(by.top(), date.top());
    // The print run at the right, under the last rule.
    let copies = root.query_selector(".bv-copies").unwrap().unwrap();
    assert_eq!(style(&copies, "text-align"), "right");
    let issued = root.query_selector(".bv-issued").unwrap().unwrap();
    assert_eq!(style(&issued, "border-bottom-style"), "solid");
    assert!(rect(&copies).top() >= rect(&issued).bottom());
}
