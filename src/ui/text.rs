//! The text of the viewer's own interface (its "chrome") in each interface language.

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
    /// The address is not http(s).
    pub unsafe_url: &'static str,
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
    /// 语音阅读: the switch in the settings that offers reading aloud.
    pub speech: &'static str,
    /// Read aloud: the whole issue, one article (its title follows for screen readers).
    pub read: (&'static str, &'static str),
    /// The player: its name, pause, resume, stop.
    pub player: (&'static str, &'static str, &'static str, &'static str),
    /// Speed: the group's name and its three steps.
    pub rate: (&'static str, [&'static str; 3]),
    /// What the player says it does: reading (before and after the article number), paused.
    pub reading: (&'static str, &'static str, &'static str),
    /// The shortcuts of reading aloud (the 朗读 buttons' title).
    pub keys_speech: &'static str,
    /// Why reading aloud cannot start: no speech in the browser, no Chinese voice, it failed.
    pub speech_fault: (&'static str, &'static str, &'static str),
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
    /// After the count when not every hit is marked: before and after the number marked.
    pub marked: (&'static str, &'static str),
    /// Back to the contents.
    pub to_contents: &'static str,
    /// Article i of n: before i, between, after n.
    pub article_of: (&'static str, &'static str, &'static str),
    /// Retrying without a limit (kiosk): before and after the attempt.
    pub retrying_on: (&'static str, &'static str),
    /// Name of the issue switcher, and its button (the count follows).
    pub issues: &'static str,
    /// A year of the feed's issues: before the year, between it and the count, after.
    pub year: (&'static str, &'static str, &'static str),
    /// The button that draws more of a long list: before and after the number left.
    pub more: (&'static str, &'static str),
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
    /// 往期检索: the panel's button, the field's label, and its placeholder.
    pub find_all: (&'static str, &'static str, &'static str),
    /// The feed has no index; the query is too short; nothing found; looking up.
    pub find_all_states: (&'static str, &'static str, &'static str, &'static str),
    /// Issues and articles found: before the issues, between, after the articles.
    pub find_all_found: (&'static str, &'static str, &'static str),
    /// While issues are checked; a part of the index that could not be fetched (the file
    /// names follow); the index could not be fetched (the detail follows); an issue that
    /// could not be fetched.
    pub find_all_faults: (&'static str, &'static str, &'static str, &'static str),
    /// The button for the next page of results; while the search build loads; when it could
    /// not be loaded.
    pub find_all_more: (&'static str, &'static str, &'static str),
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
    unsafe_url: "这个地址不能用来加载简报：只能用 http、https、data 或相对地址。",
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
    speech: "语音阅读",
    read: ("朗读全文", "朗读本篇"),
    player: ("朗读", "暂停", "继续", "停止"),
    rate: ("语速", ["慢", "正常", "快"]),
    reading: ("正在朗读第 ", " 篇", "朗读已暂停"),
    keys_speech: "快捷键：R 朗读或暂停，Esc 停止",
    speech_fault: (
        "此浏览器不能朗读。",
        "本设备没有中文语音，无法朗读。可在系统设置中添加中文（普通话）语音。",
        "朗读出错，已停止。",
    ),
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
    marked: ("（标出前 ", " 处）"),
    to_contents: "回到要目",
    article_of: ("第 ", " 篇，共 ", " 篇"),
    retrying_on: ("正在重试（第 ", " 次）…"),
    find_all: ("往期检索", "检索全部往期", "输入词语，如 代表联络站"),
    find_all_states: (
        "这份往期目录没有检索索引，暂不能检索往期。",
        "请至少输入两个字，或一个英文词、一个数字。",
        "往期中没有找到。",
        "正在检索…",
    ),
    find_all_found: ("找到 ", " 期，", " 篇"),
    find_all_faults: (
        "正在核对原文…",
        "检索索引有一部分无法载入，已用其余部分检索：",
        "检索索引无法载入：",
        "本期无法载入",
    ),
    find_all_more: ("更多结果", "正在载入往期检索…", "往期检索未能载入。"),
    issues: "往期",
    year: ("", " 年 · ", " 期"),
    more: ("显示更多（还有 ", " 期）"),
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
    unsafe_url: "This address cannot be used to load a bulletin: only http, https, data or relative addresses can.",
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
    speech: "Read aloud",
    read: ("Read the issue aloud", "Read this article aloud"),
    player: ("Reading aloud", "Pause", "Resume", "Stop"),
    rate: ("Speed", ["Slow", "Normal", "Fast"]),
    reading: ("Reading article ", " aloud", "Reading paused"),
    keys_speech: "Keys: R reads or pauses, Esc stops",
    speech_fault: (
        "This browser cannot read aloud.",
        "This device has no Chinese voice to read with. A Chinese (Mandarin) voice can be added in the system settings.",
        "Reading aloud failed and stopped.",
    ),
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
    marked: (" (the first ", " marked)"),
    to_contents: "Back to contents",
    article_of: ("Article ", " of ", ""),
    retrying_on: ("Retrying (attempt ", ")…"),
    find_all: ("Search all issues", "Search every issue", "A word or phrase, e.g. 代表联络站"),
    find_all_states: (
        "This feed has no search index: its issues cannot be searched.",
        "Type at least two characters, a word or a number.",
        "Not found in any issue.",
        "Searching…",
    ),
    find_all_found: ("Found in ", " issues, ", " articles"),
    find_all_faults: (
        "Checking the text…",
        "Part of the search index could not be fetched; the rest was used: ",
        "The search index could not be fetched: ",
        "This issue could not be fetched",
    ),
    find_all_more: ("More results", "Loading the search…", "The search could not load."),
    issues: "Issues",
    year: ("", " · ", " issues"),
    more: ("Show more (", " more)"),
    older: "Previous issue",
    newer: "Next issue",
    newest: " (latest)",
    confirmed: ("Up to date as of ", ""),
    stale: ("Cannot update; showing what was current at ", "; retrying"),
    paused: "Page turning paused",
};
