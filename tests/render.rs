//! Static HTML (`bulletin render`): a complete page with the issue's structure, links that
//! resolve, escaped text, structured data, and the same bytes for the same input.

use bulletin::model::{parse_issue, Issue};
use bulletin::render::page;
use bulletin::render::Stylesheet::{Inline, Link};

mod common;
use common::SEED;

fn seed() -> Issue {
    parse_issue(SEED).unwrap()
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn a_complete_page() {
    let html = page(&seed());
    assert!(html.starts_with("<!doctype html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("<title>联络动态 第18期</title>"));
    assert!(html.contains("<meta name=\"description\" content=\"联络动态 第18期（2024年11月4日）要目：全省基层人大工作推进会召开沈晓明作出批示；湘潭市委书记胡贺波在全省基层人大工作推进会上的发言\">"));
    assert!(
        html.contains(".bv-p{margin:0 0 0.35em;text-indent:2em;"),
        "the viewer's styles are in"
    );
    assert_eq!(
        count(&html, "<script"),
        1,
        "no script but the structured data"
    );
}

#[test]
fn landmarks_headings_and_links_that_resolve() {
    let html = page(&seed());
    assert_eq!(count(&html, "<header class=\"bv-masthead\">"), 1);
    assert_eq!(
        count(&html, "<nav aria-labelledby=\"bv-contents-heading\""),
        1
    );
    assert_eq!(count(&html, "<article "), 2);
    assert_eq!(count(&html, "<footer class=\"bv-footer\">"), 1);
    assert_eq!(count(&html, "<h1 "), 1);
    assert!(html.contains("<h1 class=\"bv-title\">联络动态</h1>"));
    // Every fragment link leads to an element with that id.
    let mut links = 0;
    for part in html.split("href=\"#").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            html.contains(&format!("id=\"{id}\"")),
            "#{id} leads nowhere"
        );
        links += 1;
    }
    assert_eq!(links, 4, "2 要目 links and previous/next");
    // Digits next to Han characters carry the spacing spans; next to punctuation they do not.
    assert!(html
        .contains("批准文号：</span>湘党简准字〔2000〕第<span class=\"bv-wl bv-wr\">28</span>号"));
}

#[test]
fn structured_data_describes_the_issue() {
    let html = page(&seed());
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["@type"], "PublicationIssue");
    assert_eq!(ld["datePublished"], "2024-11-04");
    assert_eq!(ld["isPartOf"]["name"], "联络动态");
    assert_eq!(
        ld["isPartOf"]["publisher"]["name"],
        "湖南省人大常委会代表工作委员会"
    );
    assert_eq!(ld["hasPart"].as_array().unwrap().len(), 2);
    assert_eq!(ld["hasPart"][1]["url"], "#a-2");
}

#[test]
fn text_is_escaped_everywhere() {
    let mut issue = seed();
    let payload = "</script><script>alert(1)</script><img src=x onerror=alert(2)>";
    issue.masthead.title = payload.into();
    issue.articles[0].title = payload.into();
    issue.contents[0].title = payload.into();
    if let bulletin::model::Block::Paragraph { text } = &mut issue.articles[1].blocks[0] {
        *text = payload.into();
    }
    let html = page(&issue);
    assert_eq!(count(&html, "<script"), 1, "only the structured data block");
    assert_eq!(count(&html, "<img"), 0);
    assert!(html.contains(
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    ));
    let ld_start = html.find("application/ld+json").unwrap();
    let ld_end = ld_start + html[ld_start..].find("</script>").unwrap();
    assert!(
        !html[ld_start..ld_end].contains("</"),
        "the payload cannot end the data block"
    );
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    assert_eq!(page(&seed()), page(&seed()));
    let a = bulletin::render::fragment(&seed(), "a.json", Link("viewer.css"));
    assert_eq!(
        a,
        bulletin::render::fragment(&seed(), "a.json", Link("viewer.css"))
    );
}

#[test]
fn the_fragment_is_the_embed_with_a_declarative_shadow_root() {
    let html = bulletin::render::fragment(
        &seed(),
        "/b/\"><script>x</script>.json",
        Link("/c/viewer.css"),
    );
    assert!(html.starts_with("<bulletin-viewer src=\"/b/&quot;&gt;&lt;script&gt;x&lt;/script&gt;.json\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/c/viewer.css\"><div class=\"bv-root bv-static bv-ssr\">"));
    assert!(html.ends_with("</template></bulletin-viewer>\n"));
    assert_eq!(count(&html, "<script"), 0);
    // Links in the viewer's own form, followed by the viewer once it has loaded.
    assert!(html.contains("href=\"#bulletin/a-2\""));
}

#[test]
fn an_inline_fragment_carries_the_stylesheet_and_no_link() {
    let html = bulletin::render::fragment(&seed(), "a.json", Inline);
    let css = bulletin::render::inline_css();
    assert!(css.contains(".bv-masthead"), "the viewer's stylesheet");
    assert!(html.starts_with(&format!(
        "<bulletin-viewer src=\"a.json\"><template shadowrootmode=\"open\"><style>{css}</style><div class=\"bv-root bv-static bv-ssr\">"
    )));
    assert_eq!(count(&html, "<link"), 0);
    assert_eq!(count(&html, "</style"), 1);
}

#[test]
fn the_archive_index_escapes_and_encodes() {
    let mut issue = seed();
    issue.masthead.title = "<b>联络</b>".into();
    let feed = bulletin::model::build_feed(&[("a#b?.json".into(), issue)]);
    let entry = feed.issues[0].clone();
    let html = bulletin::render::archive_index(&feed, &[(entry, "a#b?.html".into())]);
    assert!(html.contains("href=\"a%23b%3F.html\""));
    assert!(html.contains("&lt;b&gt;联络&lt;/b&gt; 第18期"));
    assert!(!html.contains("<b>"));
}

#[test]
fn the_command_refuses_invalid_issues() {
    let tmp_bad = tempfile::tempdir().unwrap();
    let bad = tmp_bad.path().join("bulletin-render.json");
    std::fs::write(
        &bad,
        SEED.replacen("\"article\": \"a-2\"", "\"article\": \"a-9\"", 1),
    )
    .unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["render", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr)
        .contains("contents[1].article: no article with id \"a-9\""));
    assert!(o.stdout.is_empty());
}

/// A table converted from a Word file: a real table with a header row and its caption, in a
/// box that scrolls sideways by itself (and can be reached by keyboard), cells as text.
#[test]
fn tables_are_drawn_as_tables() {
    let issue = parse_issue(include_str!("fixtures/import/table/expected.json")).unwrap();
    let html = page(&issue);
    assert_eq!(count(&html, "<table>"), 1);
    assert_eq!(count(&html, "<th scope=\"col\">"), 5);
    assert_eq!(count(&html, "<td>"), 25);
    // The caption with the quarter-em between Han and digits, as all text is spaced.
    assert!(html.contains(
        "<figcaption>表<span class=\"bv-wl bv-wr\">1</span>部分市州代表建议办理情况</figcaption>"
    ));
    assert!(html.contains(
        "<div role=\"region\" tabindex=\"0\" aria-label=\"表1部分市州代表建议办理情况\" class=\"bv-table-scroll\">"
    ));
    assert!(html.contains("<th scope=\"col\">代表满意或基本满意率</th>"));
    assert!(html.contains("<td>合计</td>"));
}

#[test]
fn static_pages_carry_their_own_icon() {
    // Copied to any server, a page must not ask it for a /favicon.ico it lacks (a 404 on every
    // page of an archive): the icon is inline.
    let page = bulletin::render::page(&seed());
    let feed = bulletin::model::build_feed(&[("a.json".into(), seed())]);
    let entry = feed.issues[0].clone();
    let index = bulletin::render::archive_index(&feed, &[(entry, "a.html".into())]);
    for html in [&page, &index] {
        assert_eq!(count(html, "rel=\"icon\""), 1);
        assert!(html.contains("<link rel=\"icon\" href=\"data:image/svg+xml,"));
    }
}
