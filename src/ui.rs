//! The embed's settings, read from the `<bulletin-viewer>` element's attributes, and the
//! text of the viewer's own interface (its "chrome") in each UI language. The bulletin's
//! text itself is always Chinese. Pure data: no browser calls, tested natively.

/// Language of the viewer's interface (loading and error messages, notices).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UiLang {
    /// 简体中文 (the default).
    #[default]
    ZhCn,
    /// English.
    En,
}

impl UiLang {
    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            UiLang::ZhCn => "zh-CN",
            UiLang::En => "en",
        }
    }

    /// The interface text in this language.
    pub fn text(self) -> &'static UiText {
        match self {
            UiLang::ZhCn => &ZH_CN,
            UiLang::En => &EN,
        }
    }
}

/// How the viewer presents an issue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Reading on a page (the default).
    #[default]
    Reader,
}

/// Everything the element's attributes set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// `src`: URL of the issue JSON, as written (resolved against the page by the caller).
    pub src: Option<String>,
    /// `mode`.
    pub mode: Mode,
    /// `lang`: the interface language.
    pub lang: UiLang,
}

impl Config {
    /// Reads the attributes through `get` (None for an absent attribute). Unknown or invalid
    /// values fall back to a sensible default, with a warning for the console.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut warnings = Vec::new();
        let src = get("src")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if get("feed").is_some_and(|f| !f.trim().is_empty()) {
            warnings.push(
                "feed is not supported by this version yet and is ignored; give the issue in src"
                    .to_string(),
            );
        }
        let mode = match get("mode").as_deref().map(str::trim) {
            None | Some("") | Some("reader") => Mode::Reader,
            Some(other) => {
                warnings.push(format!(
                    "mode=\"{other}\" is not a mode of this version (reader); using reader"
                ));
                Mode::Reader
            }
        };
        let lang = match get("lang").as_deref().map(str::trim) {
            None | Some("") => UiLang::ZhCn,
            Some(tag) => {
                let lower = tag.to_ascii_lowercase();
                if lower == "zh" || lower.starts_with("zh-") {
                    UiLang::ZhCn
                } else if lower == "en" || lower.starts_with("en-") {
                    UiLang::En
                } else {
                    warnings.push(format!(
                        "lang=\"{tag}\" is not available (zh-CN, en); using zh-CN"
                    ));
                    UiLang::ZhCn
                }
            }
        };
        (Config { src, mode, lang }, warnings)
    }
}

/// The fragment namespace of a viewer: deep links read `#<namespace>/<article id>`, so they
/// cannot clash with the page's own anchors. It is the element's `id` when that is a plain
/// token, else `bulletin`.
pub fn fragment_namespace(element_id: Option<&str>) -> String {
    match element_id {
        Some(id)
            if !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
        {
            id.to_string()
        }
        _ => "bulletin".to_string(),
    }
}

/// The article id a fragment (`#bulletin/a-2`, with or without `#`) names in namespace `ns`.
pub fn article_in_fragment<'a>(fragment: &'a str, ns: &str) -> Option<&'a str> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let id = f.strip_prefix(ns)?.strip_prefix('/')?;
    crate::model::is_fragment_id(id).then_some(id)
}

/// The interface text of one language.
#[derive(Debug)]
pub struct UiText {
    /// While the issue loads.
    pub loading: &'static str,
    /// Heading of the error screen.
    pub error_title: &'static str,
    /// The request failed (offline, refused…).
    pub network: &'static str,
    /// The server answered with an error status.
    pub http: &'static str,
    /// The answer is not a readable issue.
    pub invalid: &'static str,
    /// No `src` was given.
    pub no_src: &'static str,
    /// Label before the URL.
    pub address: &'static str,
    /// Label before technical details.
    pub detail: &'static str,
    /// The retry button.
    pub retry: &'static str,
    /// Before and after the count of problems found in an issue that is still shown.
    pub problems: (&'static str, &'static str),
    /// Label separating a JSON path from its problem.
    pub colon: &'static str,
}

static ZH_CN: UiText = UiText {
    loading: "正在加载简报…",
    error_title: "简报无法显示",
    network: "无法连接到服务器，简报未能加载。",
    http: "服务器未能提供这期简报。",
    invalid: "这期简报的数据有误，无法显示。",
    no_src: "没有指定要显示的简报：请在 src 属性中给出简报 JSON 的地址。",
    address: "地址：",
    detail: "详情：",
    retry: "重试",
    problems: ("本期数据有 ", " 处问题，部分内容可能显示不全："),
    colon: "：",
};

static EN: UiText = UiText {
    loading: "Loading the bulletin…",
    error_title: "The bulletin cannot be shown",
    network: "Could not reach the server; the bulletin did not load.",
    http: "The server did not provide this issue.",
    invalid: "This issue's data is faulty and cannot be shown.",
    no_src: "No bulletin given: set the src attribute to the URL of an issue's JSON.",
    address: "Address: ",
    detail: "Details: ",
    retry: "Retry",
    problems: (
        "This issue's data has ",
        " problem(s); some parts may be incomplete:",
    ),
    colon: ": ",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn read(attrs: &[(&str, &str)]) -> (Config, Vec<String>) {
        Config::from_attributes(|name| {
            attrs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults() {
        let (c, w) = read(&[]);
        assert_eq!(c, Config::default());
        assert!(w.is_empty());
        let (c, w) = read(&[("src", " a.json "), ("lang", "en-GB"), ("mode", "reader")]);
        assert_eq!(c.src.as_deref(), Some("a.json"));
        assert_eq!(c.lang, UiLang::En);
        assert!(w.is_empty());
    }

    #[test]
    fn invalid_values_warn_and_fall_back() {
        let (c, w) = read(&[("lang", "fr"), ("mode", "slideshow"), ("feed", "feed.json")]);
        assert_eq!((c.lang, c.mode), (UiLang::ZhCn, Mode::Reader));
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w.iter().any(|m| m.contains("lang=\"fr\"")));
        assert!(w.iter().any(|m| m.contains("mode=\"slideshow\"")));
        assert!(w.iter().any(|m| m.contains("feed")));
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment_namespace(None), "bulletin");
        assert_eq!(fragment_namespace(Some("lldt-18")), "lldt-18");
        assert_eq!(fragment_namespace(Some("a b")), "bulletin");
        assert_eq!(
            article_in_fragment("#bulletin/a-2", "bulletin"),
            Some("a-2")
        );
        assert_eq!(article_in_fragment("bulletin/a-2", "bulletin"), Some("a-2"));
        assert_eq!(article_in_fragment("#a-2", "bulletin"), None);
        assert_eq!(article_in_fragment("#other/a-2", "bulletin"), None);
        assert_eq!(article_in_fragment("#bulletin/<x>", "bulletin"), None);
    }
}
