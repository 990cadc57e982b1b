//! What the reader sets with the controls (text size, 适老化, contrast, theme, 语音阅读 and
//! its speed), in the form
//! it is stored in and the classes that apply it.

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
    /// 语音阅读: the 朗读 controls are offered (off until the reader turns them on).
    pub speech: bool,
    /// Reading speed: 0 slow, 1 normal, 2 fast.
    pub rate: u8,
}

impl Default for ReaderPrefs {
    fn default() -> Self {
        ReaderPrefs {
            size: 1,
            elder: false,
            contrast: false,
            theme: Theme::Auto,
            speech: false,
            rate: 1,
        }
    }
}

impl ReaderPrefs {
    /// The largest size step.
    pub const MAX_SIZE: u8 = 4;
    /// Key under which the preferences are stored.
    pub const STORAGE_KEY: &'static str = "bulletin-viewer:reader";

    /// The stored form: `size=2;elder=1;contrast=0;theme=dark;speech=1;rate=1`.
    pub fn to_storage(self) -> String {
        format!(
            "size={};elder={};contrast={};theme={};speech={};rate={}",
            self.size,
            u8::from(self.elder),
            u8::from(self.contrast),
            self.theme.key(),
            u8::from(self.speech),
            self.rate
        )
    }

    /// The speech rate for the browser's synthesis (1 is the voice's normal speed).
    pub fn speech_rate(self) -> f32 {
        match self.rate {
            0 => 0.75,
            2 => 1.35,
            _ => 1.0,
        }
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
                "speech" => p.speech = value == "1",
                "rate" => p.rate = value.parse::<u8>().map_or(1, |r| r.min(2)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_prefs_round_trip_and_tolerate_junk() {
        let p = ReaderPrefs {
            size: 3,
            elder: true,
            contrast: false,
            theme: Theme::Dark,
            speech: true,
            rate: 2,
        };
        assert_eq!(
            p.to_storage(),
            "size=3;elder=1;contrast=0;theme=dark;speech=1;rate=2"
        );
        assert_eq!(ReaderPrefs::from_storage(&p.to_storage()), p);
        assert_eq!(p.classes(), "bv-size-3 bv-theme-dark bv-elder");
        let junk = ReaderPrefs::from_storage("size=99;theme=purple;x");
        assert_eq!(junk.size, ReaderPrefs::MAX_SIZE);
        assert_eq!(junk.theme, Theme::Auto);
        // Settings stored before reading aloud existed keep it off.
        let old = ReaderPrefs::from_storage("size=2;elder=1;contrast=0;theme=dark");
        assert!(!old.speech && old.rate == 1 && old.elder);
        assert_eq!(ReaderPrefs::from_storage("rate=9").rate, 2);
        assert_eq!(ReaderPrefs::from_storage(""), ReaderPrefs::default());
    }
}
