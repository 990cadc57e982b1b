//! The embed's settings, read from the `<bulletin-viewer>` element's attributes.

use super::UiLang;

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
    /// `speech`: a kiosk offers 朗读 (reading aloud); off unless set. On a page the reader
    /// turns it on in the settings.
    pub speech: bool,
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
            speech: false,
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
        let speech = match get("speech").as_deref().map(str::trim) {
            None | Some("off") => false,
            Some("") | Some("on") => true,
            Some(other) => {
                warnings.push(format!(
                    "speech=\"{other}\" is not on or off; reading aloud stays off"
                ));
                false
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
                speech,
            },
            warnings,
        )
    }
}

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
}
