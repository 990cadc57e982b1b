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
    /// A lobby screen: large type, follows the newest issue, pages through it by itself.
    Kiosk,
}

/// Everything the element's attributes set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `src`: URL of the issue JSON, as written (resolved against the page by the caller).
    pub src: Option<String>,
    /// `feed`: URL of a feed of issues; the newest is shown (instead of `src`).
    pub feed: Option<String>,
    /// `mode`.
    pub mode: Mode,
    /// `lang`: the interface language.
    pub lang: UiLang,
    /// `controls`: whether the reader controls are shown (`controls="none"` hides them).
    pub controls: bool,
    /// `font`: URL of a web font (e.g. a CJK subset) for screens without CJK fonts.
    pub font: Option<String>,
    /// `timeout`: seconds to wait for the issue (1–300).
    pub timeout: u32,
    /// `max-bytes`: the largest issue read, in bytes (at least 1000).
    pub max_bytes: u32,
    /// `credentials`: whether the issue request carries cookies.
    pub credentials: Credentials,
    /// `retries`: automatic retries after a transient fault (0–10).
    pub retries: u32,
    /// `interval`: kiosk mode checks for a newer issue every this many seconds (10–86400).
    pub interval: u32,
    /// `dwell`: kiosk mode turns the page after this many seconds (0: never; up to 3600).
    pub dwell: u32,
    /// `idle`: after a touch or key, kiosk mode resumes after this many seconds (5–3600).
    pub idle: u32,
}

/// Whether requests carry cookies and other credentials (the Fetch API's `credentials`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Credentials {
    /// Only to the page's own origin (the default).
    #[default]
    SameOrigin,
    /// Also to other origins (the server must allow it).
    Include,
    /// Never.
    Omit,
}

/// A whole number attribute within `range`, or the default with a warning.
fn number_attr(
    get: &impl Fn(&str) -> Option<String>,
    name: &str,
    range: std::ops::RangeInclusive<u32>,
    default: u32,
    warnings: &mut Vec<String>,
) -> u32 {
    match get(name).as_deref().map(str::trim) {
        None | Some("") => default,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if range.contains(&n) => n,
            _ => {
                warnings.push(format!(
                    "{name}=\"{v}\" is not a whole number from {} to {}; using {default}",
                    range.start(),
                    range.end()
                ));
                default
            }
        },
    }
}

/// The defaults of the numeric attributes, in one place (the viewer's properties use them).
pub mod defaults {
    /// `timeout`, seconds.
    pub const TIMEOUT: u32 = 20;
    /// `max-bytes`.
    pub const MAX_BYTES: u32 = 5_000_000;
    /// `retries`.
    pub const RETRIES: u32 = 3;
    /// `interval`, seconds.
    pub const INTERVAL: u32 = 300;
    /// `dwell`, seconds.
    pub const DWELL: u32 = 20;
    /// `idle`, seconds.
    pub const IDLE: u32 = 60;
}

impl Default for Config {
    fn default() -> Self {
        Config {
            src: None,
            feed: None,
            mode: Mode::Reader,
            lang: UiLang::ZhCn,
            controls: true,
            font: None,
            timeout: defaults::TIMEOUT,
            max_bytes: defaults::MAX_BYTES,
            credentials: Credentials::SameOrigin,
            retries: defaults::RETRIES,
            interval: defaults::INTERVAL,
            dwell: defaults::DWELL,
            idle: defaults::IDLE,
        }
    }
}

impl Config {
    /// Reads the attributes through `get` (None for an absent attribute). Unknown or invalid
    /// values fall back to a sensible default, with a warning for the console.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut warnings = Vec::new();
        let src = get("src")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let feed = get("feed")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        if src.is_some() && feed.is_some() {
            warnings.push("both src and feed are set; showing the feed's issues".to_string());
        }
        let mode = match get("mode").as_deref().map(str::trim) {
            None | Some("") | Some("reader") => Mode::Reader,
            Some("kiosk") => Mode::Kiosk,
            Some(other) => {
                warnings.push(format!(
                    "mode=\"{other}\" is not a mode of this version (reader, kiosk); using reader"
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
        let controls = match get("controls").as_deref().map(str::trim) {
            None | Some("") | Some("reader") => true,
            Some("none") => false,
            Some(other) => {
                warnings.push(format!(
                    "controls=\"{other}\" is not a value of this version (none); showing the controls"
                ));
                true
            }
        };
        let font = get("font")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        let d = Config::default();
        let timeout = number_attr(&get, "timeout", 1..=300, d.timeout, &mut warnings);
        let max_bytes = number_attr(
            &get,
            "max-bytes",
            1000..=500_000_000,
            d.max_bytes,
            &mut warnings,
        );
        let retries = number_attr(&get, "retries", 0..=10, d.retries, &mut warnings);
        let interval = number_attr(&get, "interval", 10..=86_400, d.interval, &mut warnings);
        let dwell = number_attr(&get, "dwell", 0..=3600, d.dwell, &mut warnings);
        let idle = number_attr(&get, "idle", 5..=3600, d.idle, &mut warnings);
        let credentials = match get("credentials").as_deref().map(str::trim) {
            None | Some("") | Some("same-origin") => Credentials::SameOrigin,
            Some("include") => Credentials::Include,
            Some("omit") => Credentials::Omit,
            Some(other) => {
                warnings.push(format!(
                    "credentials=\"{other}\" is not same-origin, include or omit; using same-origin"
                ));
                Credentials::SameOrigin
            }
        };
        (
            Config {
                src,
                feed,
                mode,
                lang,
                controls,
                font,
                timeout,
                max_bytes,
                credentials,
                retries,
                interval,
                dwell,
                idle,
            },
            warnings,
        )
    }
}

/// Colour theme chosen by the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Dark text on light paper.
    Light,
    /// Light text on a dark ground.
    Dark,
}

impl Theme {
    /// All themes, in the order the controls offer them.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// What the reader set with the controls; kept in localStorage between visits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReaderPrefs {
    /// Text size step, 0 (smallest) to [`ReaderPrefs::MAX_SIZE`]; 1 is the normal size.
    pub size: u8,
    /// 适老化: large text, roomy lines, large controls, simpler layout.
    pub elder: bool,
    /// High contrast (at least 7:1).
    pub contrast: bool,
    /// Colour theme.
    pub theme: Theme,
}

impl Default for ReaderPrefs {
    fn default() -> Self {
        ReaderPrefs {
            size: 1,
            elder: false,
            contrast: false,
            theme: Theme::Auto,
        }
    }
}

impl ReaderPrefs {
    /// The largest size step.
    pub const MAX_SIZE: u8 = 4;
    /// Key under which the preferences are stored.
    pub const STORAGE_KEY: &'static str = "bulletin-viewer:reader";

    /// The stored form: `size=2;elder=1;contrast=0;theme=dark`.
    pub fn to_storage(self) -> String {
        format!(
            "size={};elder={};contrast={};theme={}",
            self.size,
            u8::from(self.elder),
            u8::from(self.contrast),
            self.theme.key()
        )
    }

    /// Reads the stored form; anything unreadable keeps its default.
    pub fn from_storage(s: &str) -> ReaderPrefs {
        let mut p = ReaderPrefs::default();
        for (key, value) in s.split(';').filter_map(|kv| kv.split_once('=')) {
            match key {
                "size" => {
                    if let Ok(n) = value.parse::<u8>() {
                        p.size = n.min(Self::MAX_SIZE);
                    }
                }
                "elder" => p.elder = value == "1",
                "contrast" => p.contrast = value == "1",
                "theme" => {
                    if let Some(t) = Theme::ALL.into_iter().find(|t| t.key() == value) {
                        p.theme = t;
                    }
                }
                _ => {}
            }
        }
        p
    }

    /// The CSS classes that apply these preferences to the viewer.
    pub fn classes(self) -> String {
        let mut c = format!("bv-size-{} bv-theme-{}", self.size, self.theme.key());
        if self.elder {
            c.push_str(" bv-elder");
        }
        if self.contrast {
            c.push_str(" bv-contrast");
        }
        c
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

/// What a fragment of a viewer's namespace names: `#bulletin/a-2` an article (of the issue
/// shown, or of the newest in a feed), `#bulletin/2024-17` an issue of the feed (its
/// [`FeedEntry::key`](crate::model::FeedEntry::key)), `#bulletin/2024-17/a-2` an article of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place<'a> {
    /// The issue's key, when the fragment names one.
    pub issue: Option<&'a str>,
    /// The article's id, when the fragment names one.
    pub article: Option<&'a str>,
}

/// Reads a fragment (with or without `#`) of namespace `ns`; None when it is not one.
pub fn place_in_fragment<'a>(fragment: &'a str, ns: &str) -> Option<Place<'a>> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = f.strip_prefix(ns)?.strip_prefix('/')?;
    let id = |s: &'a str| crate::model::is_fragment_id(s).then_some(s);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let (key, article) = match rest.split_once('/') {
            Some((key, article)) => (key, id(article)),
            None => (rest, None),
        };
        let key_ok = key.chars().all(|c| c.is_ascii_digit() || c == '-');
        return key_ok.then_some(Place {
            issue: Some(key),
            article,
        });
    }
    Some(Place {
        issue: None,
        article: Some(id(rest)?),
    })
}

/// Where a viewer's deep links point: its namespace and, when it shows an issue of a feed,
/// that issue's key (links name it, so a shared link keeps its issue when a newer appears).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Anchor {
    /// The fragment namespace ([`fragment_namespace`]).
    pub ns: String,
    /// The key of the feed's issue shown; None outside a feed.
    pub issue: Option<String>,
    /// Whether the issue shown is the feed's newest (`#bulletin/a-2` then names its articles).
    pub newest: bool,
}

impl Anchor {
    /// What follows `#` in links, before the article id: `bulletin` or `bulletin/2024-17`.
    pub fn path(&self) -> String {
        match &self.issue {
            Some(key) => format!("{}/{key}", self.ns),
            None => self.ns.clone(),
        }
    }

    /// The article of the issue shown that a fragment names, if any.
    pub fn article_in<'a>(&self, fragment: &'a str) -> Option<&'a str> {
        let place = place_in_fragment(fragment, &self.ns)?;
        let ours = match (place.issue, self.issue.as_deref()) {
            (None, None) => true,
            (None, Some(_)) => self.newest,
            (Some(key), Some(mine)) => key == mine,
            (Some(_), None) => false,
        };
        place.article.filter(|_| ours)
    }
}

/// A detail line — a problem found in an issue or feed, or the JSON reader's words — in the
/// interface language. The messages of this crate's validation and reader and the common ones
/// of serde_json are translated, the values they quote kept as they are; any other message
/// stays as written.
pub fn localize(message: &str, lang: UiLang) -> String {
    match lang {
        UiLang::En => message.to_string(),
        UiLang::ZhCn => zh(message).unwrap_or_else(|| message.to_string()),
    }
}

fn zh(m: &str) -> Option<String> {
    // "<what> (line L, column C); <what became of it>"
    if let Some((head, tail)) = m.rsplit_once("; ") {
        let then = match tail {
            "this 要目 entry is left out" => Some("这一条要目未显示"),
            "this article is left out" => Some("这篇文章未显示"),
            "the 报尾 is left out" => Some("报尾未显示"),
            _ => None,
        };
        if let Some(then) = then {
            return Some(format!(
                "{}；{then}",
                zh(head).unwrap_or_else(|| head.into())
            ));
        }
    }
    if let Some((head, at)) = m.rsplit_once(" (line ") {
        let (line, column) = at.strip_suffix(')')?.split_once(", column ")?;
        let what = zh(head).unwrap_or_else(|| head.into());
        return Some(format!("{what}（第 {line} 行第 {column} 列）"));
    }
    let fixed = match m {
        "must not be empty" => "不能为空",
        "an issue needs at least one article" => "一期简报至少要有一篇文章",
        "an article needs at least one block" => "一篇文章至少要有一段内容",
        "a list needs at least one item" => "列表至少要有一项",
        "a table needs at least one cell with text" => "表格至少要有一个有文字的单元格",
        "a table row needs at least one cell" => "表格的每一行至少要有一个单元格",
        "the feed lists no issues" => "目录中没有任何一期",
        "the feed must list the newest issue first" => "目录须把最新的一期排在最前",
        "expected value" => "此处应有一个值",
        "trailing characters" => "数据结束后还有多余的字符",
        "key must be a string" => "对象的键必须是带引号的字符串",
        _ => "",
    };
    if !fixed.is_empty() {
        return Some(fixed.into());
    }
    if m.starts_with("EOF while parsing") {
        return Some("数据在此处意外结束（可能下载不完整）".into());
    }
    if m.starts_with("control character") {
        return Some("字符串中有控制字符".into());
    }
    let after = |prefix: &str| m.strip_prefix(prefix);
    if let Some(field) = after("missing field ") {
        return Some(format!("缺少字段 {field}"));
    }
    if let Some(rest) = after("unknown field ") {
        return Some(format!("未知字段 {}", rest.split(',').next()?));
    }
    if let Some(field) = after("duplicate field ") {
        return Some(format!("字段 {field} 重复"));
    }
    if let Some(rest) = after("unknown variant ") {
        return Some(format!("未知的类型 {}", rest.split(',').next()?));
    }
    if let Some(rest) = after("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        return Some(format!(
            "类型不对：应为{}，实为{}",
            kind(expected),
            kind(found)
        ));
    }
    if let Some(rest) = after("contains the invisible bidi control ") {
        let code = rest.split(',').next()?;
        return Some(format!("含有不可见的双向控制字符 {code}，可能用来伪装文字"));
    }
    if let Some(rest) = after("version ") {
        let (found, reads) = rest.split_once(" is not supported; this viewer reads version ")?;
        return Some(format!(
            "不支持第 {found} 版格式；本阅读器读取第 {reads} 版"
        ));
    }
    if let Some(id) = after("no article with id ") {
        return Some(format!("没有编号为 {id} 的文章"));
    }
    for (unit, zh_unit) in [
        (" articles", "篇文章"),
        (" blocks", "段内容"),
        (" cells", "个单元格"),
    ] {
        if let Some((n, rest)) = m.split_once(&format!("{unit}, more than the ")) {
            let max = rest.split(' ').next()?;
            return Some(format!(
                "共 {n} {zh_unit}，超过本阅读器显示的上限 {max}；只显示前 {max}"
            ));
        }
    }
    // "<quoted value>" <what is wrong with it>
    let end = m.strip_prefix('"')?.rfind("\" ")? + 2;
    let (value, what) = (&m[..end], &m[end + 1..]);
    let said = match what {
        "is not a date in the form YYYY-MM-DD" => "不是 YYYY-MM-DD 格式的日期",
        "is used by an earlier article" => "已被前面的文章使用",
        "is not an e-mail address" => "不是电子邮件地址",
        "is not an http(s) or relative URL" => "不是 http(s) 地址或相对地址",
        w if w.starts_with("is not a usable id") => {
            "不能用作编号：只能用小写字母 a-z、数字和“-”，并以字母开头"
        }
        w if w.starts_with("is not allowed: images") => {
            "不允许：图片地址只能用 http、https 或相对地址"
        }
        w if w.starts_with("is not a telephone number") => {
            "不是电话号码（只能有数字、空格、-、+ 和括号）"
        }
        _ => return None,
    };
    Some(format!("{value} {said}"))
}

/// serde_json's name of a kind of value, in Chinese; a value it quotes is kept.
fn kind(s: &str) -> String {
    let (name, value) = match s.split_once(' ') {
        Some((a, v)) if !matches!(a, "a" | "an") => (a, Some(v)),
        _ => (s.trim_start_matches("a ").trim_start_matches("an "), None),
    };
    let zh = match name {
        "string" | "str" | "char" => "字符串",
        "integer" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => "整数",
        "floating" => "小数",
        "boolean" | "bool" => "布尔值",
        "sequence" => "列表",
        "map" | "struct" => "对象",
        "null" | "unit" => " null",
        _ => return format!(" {s}"),
    };
    match value.filter(|v| !v.starts_with("point") && name != "struct") {
        Some(v) => format!("{zh} {v}"),
        None if name == "floating" => format!("{zh} {}", s.rsplit(' ').next().unwrap_or("")),
        None => zh.to_string(),
    }
}

/// The interface text of one language.
#[derive(Debug)]
pub struct UiText {
    /// What the viewer is, to name its region before an issue is shown.
    pub name: &'static str,
    /// While the issue loads.
    pub loading: &'static str,
    /// Heading of the error screen.
    pub error_title: &'static str,
    /// The request failed (offline, refused…).
    pub network: &'static str,
    /// No answer in time: before and after the seconds.
    pub timeout: (&'static str, &'static str),
    /// The issue is not on the server (404, 410).
    pub not_found: &'static str,
    /// The server refused (other 4xx).
    pub refused: &'static str,
    /// The server failed (5xx).
    pub http: &'static str,
    /// A web page came where issue JSON was expected.
    pub not_json: &'static str,
    /// Larger than allowed: before and after the megabytes.
    pub too_large: (&'static str, &'static str),
    /// The answer ends early.
    pub truncated: &'static str,
    /// The answer is empty.
    pub empty: &'static str,
    /// After a 要目 entry whose article cannot be shown.
    pub unavailable: &'static str,
    /// Retrying: before the attempt, between, after the total.
    pub retrying: (&'static str, &'static str, &'static str),
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
    /// Name of the reader controls' toolbar.
    pub controls: &'static str,
    /// Smaller / larger text buttons.
    pub smaller: &'static str,
    /// Larger text.
    pub larger: &'static str,
    /// Spoken name of the text size, before the step number.
    pub size: &'static str,
    /// 适老化 mode button.
    pub elder: &'static str,
    /// High-contrast button.
    pub contrast: &'static str,
    /// Theme choice label, and its three options (auto, light, dark).
    pub theme: (&'static str, [&'static str; 3]),
    /// Show / hide the contents on narrow screens.
    pub contents_toggle: &'static str,
    /// Label before the previous article's title.
    pub previous: &'static str,
    /// Names a table without a caption, for the region that scrolls it.
    pub table: &'static str,
    /// Label before the next article's title.
    pub next: &'static str,
    /// The skip link to the first article.
    pub skip: &'static str,
    /// The search box's name, and its placeholder.
    pub search: (&'static str, &'static str),
    /// Previous / next search hit buttons.
    pub hit_prev: &'static str,
    /// Next search hit.
    pub hit_next: &'static str,
    /// Nothing found.
    pub no_hits: &'static str,
    /// Before and after the number of hits.
    pub hits: (&'static str, &'static str),
    /// Hit i of n: before i, between, after n.
    pub hit_of: (&'static str, &'static str, &'static str),
    /// Back to the contents.
    pub to_contents: &'static str,
    /// Article i of n: before i, between, after n.
    pub article_of: (&'static str, &'static str, &'static str),
    /// Retrying without a limit (kiosk): before and after the attempt.
    pub retrying_on: (&'static str, &'static str),
    /// Name of the issue switcher, and its button (the count follows).
    pub issues: &'static str,
    /// The older issue.
    pub older: &'static str,
    /// The newer issue.
    pub newer: &'static str,
    /// After the newest issue in the switcher.
    pub newest: &'static str,
    /// Kiosk status: before and after the time the issue was last confirmed.
    pub confirmed: (&'static str, &'static str),
    /// Kiosk status while updates fail: before and after that time.
    pub stale: (&'static str, &'static str),
    /// Kiosk status while a touch has paused the turning of pages.
    pub paused: &'static str,
}

static ZH_CN: UiText = UiText {
    name: "简报",
    loading: "正在加载简报…",
    error_title: "简报无法显示",
    network: "无法连接到服务器，简报未能加载（网络中断、地址无法访问，或被跨域策略拒绝）。",
    timeout: ("服务器在 ", " 秒内没有送达这期简报。"),
    not_found: "服务器上找不到这期简报，地址可能有误或已删除。",
    refused: "服务器拒绝提供这期简报。",
    http: "服务器出错，暂时无法提供这期简报。",
    not_json: "服务器送来的是一个网页，而不是简报数据（地址可能有误，或需要登录）。",
    too_large: ("简报数据超过 ", " MB，已停止下载。"),
    truncated: "简报数据不完整，可能是下载中断了。",
    empty: "服务器送来的内容是空的。",
    unavailable: "（无法显示）",
    retrying: ("正在重试（第 ", " 次，共 ", " 次）…"),
    invalid: "这期简报的数据有误，无法显示。",
    no_src: "没有指定要显示的简报：请在 src 属性中给出简报 JSON 的地址。",
    address: "地址：",
    detail: "详情：",
    retry: "重试",
    problems: ("本期数据有 ", " 处问题，部分内容可能显示不全："),
    colon: "：",
    controls: "阅读设置",
    smaller: "缩小字号",
    larger: "放大字号",
    size: "字号",
    elder: "适老化",
    contrast: "高对比度",
    theme: ("配色", ["自动", "浅色", "深色"]),
    contents_toggle: "展开或收起要目",
    previous: "上一篇：",
    table: "表格",
    next: "下一篇：",
    skip: "跳到正文",
    search: ("在本期中查找", "查找本期内容"),
    hit_prev: "上一处",
    hit_next: "下一处",
    no_hits: "没有找到",
    hits: ("找到 ", " 处"),
    hit_of: ("第 ", " 处，共 ", " 处"),
    to_contents: "回到要目",
    article_of: ("第 ", " 篇，共 ", " 篇"),
    retrying_on: ("正在重试（第 ", " 次）…"),
    issues: "往期",
    older: "上一期",
    newer: "下一期",
    newest: "（最新）",
    confirmed: ("", " 确认为最新"),
    stale: ("暂时无法更新，显示 ", " 确认的内容，正在重试"),
    paused: "自动翻页已暂停",
};

static EN: UiText = UiText {
    name: "Bulletin",
    loading: "Loading the bulletin…",
    error_title: "The bulletin cannot be shown",
    network: "Could not reach the server; the bulletin did not load (offline, unreachable, or refused by the cross-origin policy).",
    timeout: ("The server did not deliver this issue within ", " seconds."),
    not_found: "This issue is not on the server; the address may be wrong or the issue removed.",
    refused: "The server refused to provide this issue.",
    http: "The server failed and cannot provide this issue for now.",
    not_json: "The server sent a web page, not the bulletin's data (the address may be wrong, or a login may be needed).",
    too_large: ("The bulletin's data is larger than ", " MB; the download was stopped."),
    truncated: "The bulletin's data is incomplete; the download may have been cut off.",
    empty: "The server sent an empty answer.",
    unavailable: " (unavailable)",
    retrying: ("Retrying (", " of ", ")…"),
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
    controls: "Reading settings",
    smaller: "Smaller text",
    larger: "Larger text",
    size: "Text size",
    elder: "Large print",
    contrast: "High contrast",
    theme: ("Colours", ["Auto", "Light", "Dark"]),
    contents_toggle: "Show or hide the contents",
    previous: "Previous: ",
    table: "Table",
    next: "Next: ",
    skip: "Skip to the articles",
    search: ("Search this issue", "Search this issue"),
    hit_prev: "Previous match",
    hit_next: "Next match",
    no_hits: "No matches",
    hits: ("", " matches"),
    hit_of: ("Match ", " of ", ""),
    to_contents: "Back to contents",
    article_of: ("Article ", " of ", ""),
    retrying_on: ("Retrying (attempt ", ")…"),
    issues: "Issues",
    older: "Previous issue",
    newer: "Next issue",
    newest: " (latest)",
    confirmed: ("Up to date as of ", ""),
    stale: ("Cannot update; showing what was current at ", "; retrying"),
    paused: "Page turning paused",
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
        let (c, w) = read(&[("lang", "fr"), ("mode", "slideshow"), ("interval", "2")]);
        assert_eq!(
            (c.lang, c.mode, c.interval),
            (UiLang::ZhCn, Mode::Reader, 300)
        );
        assert_eq!(w.len(), 3, "{w:?}");
        assert!(w.iter().any(|m| m.contains("lang=\"fr\"")));
        assert!(w.iter().any(|m| m.contains("mode=\"slideshow\"")));
        assert!(w.iter().any(|m| m.contains("interval=\"2\"")));
    }

    #[test]
    fn kiosk_and_feed() {
        let attrs = [
            ("mode", "kiosk"),
            ("feed", " feed.json "),
            ("interval", "60"),
            ("dwell", "0"),
            ("idle", "30"),
        ];
        let (c, w) = read(&attrs);
        assert_eq!(c.mode, Mode::Kiosk);
        assert_eq!(c.feed.as_deref(), Some("feed.json"));
        assert_eq!((c.interval, c.dwell, c.idle), (60, 0, 30));
        assert!(w.is_empty(), "{w:?}");
        let (c, w) = read(&[("src", "a.json"), ("feed", "feed.json")]);
        assert_eq!(c.feed.as_deref(), Some("feed.json"));
        assert_eq!(w.len(), 1, "{w:?}");
    }

    #[test]
    fn controls_and_font() {
        let (c, w) = read(&[("controls", "none"), ("font", " /fonts/subset.woff2 ")]);
        assert!(!c.controls);
        assert_eq!(c.font.as_deref(), Some("/fonts/subset.woff2"));
        assert!(w.is_empty());
        let (c, w) = read(&[("controls", "off")]);
        assert!(c.controls);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn reader_prefs_round_trip_and_tolerate_junk() {
        let p = ReaderPrefs {
            size: 3,
            elder: true,
            contrast: false,
            theme: Theme::Dark,
        };
        assert_eq!(p.to_storage(), "size=3;elder=1;contrast=0;theme=dark");
        assert_eq!(ReaderPrefs::from_storage(&p.to_storage()), p);
        assert_eq!(p.classes(), "bv-size-3 bv-theme-dark bv-elder");
        let junk = ReaderPrefs::from_storage("size=99;theme=purple;x");
        assert_eq!(junk.size, ReaderPrefs::MAX_SIZE);
        assert_eq!(junk.theme, Theme::Auto);
        assert_eq!(ReaderPrefs::from_storage(""), ReaderPrefs::default());
    }

    #[test]
    fn detail_lines_in_chinese() {
        let zh = |m: &str| localize(m, UiLang::ZhCn);
        assert_eq!(zh("must not be empty"), "不能为空");
        assert_eq!(
            zh("invalid type: integer `42`, expected a string (line 12, column 7); this article is left out"),
            "类型不对：应为字符串，实为整数 `42`（第 12 行第 7 列）；这篇文章未显示"
        );
        assert_eq!(
            zh("invalid type: string \"十八\", expected u32 (line 7, column 24)"),
            "类型不对：应为整数，实为字符串 \"十八\"（第 7 行第 24 列）"
        );
        assert_eq!(zh("missing field `date`"), "缺少字段 `date`");
        assert_eq!(
            zh("unknown field `titel`, expected one of `title`, `issue`"),
            "未知字段 `titel`"
        );
        assert_eq!(
            zh("no article with id \"a-9\""),
            "没有编号为 \"a-9\" 的文章"
        );
        assert_eq!(
            zh("\"2024-13-01\" is not a date in the form YYYY-MM-DD"),
            "\"2024-13-01\" 不是 YYYY-MM-DD 格式的日期"
        );
        assert_eq!(
            zh("2400 articles, more than the 2000 this viewer shows; the first 2000 are shown"),
            "共 2400 篇文章，超过本阅读器显示的上限 2000；只显示前 2000"
        );
        assert_eq!(
            zh("EOF while parsing a string (line 2, column 10)"),
            "数据在此处意外结束（可能下载不完整）（第 2 行第 10 列）"
        );
        // Anything not known stays as written; English stays English.
        assert_eq!(zh("something new happened"), "something new happened");
        assert_eq!(zh("\"x\" is something else"), "\"x\" is something else");
        assert_eq!(
            localize("must not be empty", UiLang::En),
            "must not be empty"
        );
    }

    #[test]
    fn fragments() {
        assert_eq!(fragment_namespace(None), "bulletin");
        assert_eq!(fragment_namespace(Some("lldt-18")), "lldt-18");
        assert_eq!(fragment_namespace(Some("a b")), "bulletin");
        let plain = Anchor {
            ns: "bulletin".into(),
            ..Anchor::default()
        };
        assert_eq!(plain.path(), "bulletin");
        assert_eq!(plain.article_in("#bulletin/a-2"), Some("a-2"));
        assert_eq!(plain.article_in("bulletin/a-2"), Some("a-2"));
        assert_eq!(plain.article_in("#a-2"), None);
        assert_eq!(plain.article_in("#other/a-2"), None);
        assert_eq!(plain.article_in("#bulletin/<x>"), None);
        assert_eq!(plain.article_in("#bulletin/2024-17/a-2"), None);
    }

    #[test]
    fn fragments_in_a_feed() {
        let place = |f| place_in_fragment(f, "bulletin");
        assert_eq!(
            place("#bulletin/2024-17/a-2"),
            Some(Place {
                issue: Some("2024-17"),
                article: Some("a-2")
            })
        );
        assert_eq!(place("#bulletin/2024-17").unwrap().issue, Some("2024-17"));
        assert_eq!(place("#bulletin/2024-17/<x>").unwrap().article, None);
        assert_eq!(place("#bulletin/2024-1x"), None);
        assert_eq!(place("#bulletin/"), None);
        let older = Anchor {
            ns: "bulletin".into(),
            issue: Some("2024-17".into()),
            newest: false,
        };
        assert_eq!(older.path(), "bulletin/2024-17");
        assert_eq!(older.article_in("#bulletin/2024-17/a-2"), Some("a-2"));
        assert_eq!(older.article_in("#bulletin/2024-18/a-2"), None);
        assert_eq!(older.article_in("#bulletin/a-2"), None);
        let newest = Anchor {
            issue: Some("2024-18".into()),
            newest: true,
            ..older
        };
        assert_eq!(newest.article_in("#bulletin/a-2"), Some("a-2"));
        assert_eq!(newest.article_in("#bulletin/2024-18/a-3"), Some("a-3"));
    }
}
