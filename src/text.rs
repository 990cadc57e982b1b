//! Character classes of Chinese text, shared by the converter and the renderer.

/// A Han character (汉字), including 〇.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '〇')
}

/// Chinese punctuation: CJK symbols (。、《》〔〕…), full-width forms (，：；（）…), and the
/// quotes, dashes and ellipsis that Chinese text shares with Western text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

/// Han character or Chinese punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Spaces as they come out of text extraction: ASCII, tab, no-break and ideographic space.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{A0}' | '\u{3000}' | '\u{2002}'..='\u{200B}'
    )
}

/// A run of text for rendering with consistent Chinese–Latin spacing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Run<'a> {
    /// Chinese text, punctuation and spaces: rendered as it is.
    Plain(&'a str),
    /// Latin letters, digits and the like (`2024`, `5.2%`, `Yew`), with whether a Han
    /// character stands right before it and right after it: there the renderer adds the
    /// quarter-em space of clreq (CSS `text-autospace`, or a margin where unsupported).
    Western {
        /// The run's text.
        text: &'a str,
        /// A Han character comes right before it.
        han_before: bool,
        /// A Han character comes right after it.
        han_after: bool,
    },
}

/// Splits text into [`Run`]s. Spacing goes only between Han characters and Western runs,
/// never next to punctuation or spaces (“，5部” stays tight), as `text-autospace` does.
pub fn runs(text: &str) -> Vec<Run<'_>> {
    let western = |c: char| !is_cjk(c) && !c.is_whitespace();
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_western = false;
    let mut prev: Option<char> = None;
    let mut han_before = false;
    for (i, c) in text.char_indices() {
        let w = western(c);
        if w && !in_western {
            if i > start {
                out.push(Run::Plain(&text[start..i]));
            }
            start = i;
            in_western = true;
            han_before = prev.is_some_and(is_han);
        } else if !w && in_western {
            out.push(Run::Western {
                text: &text[start..i],
                han_before,
                han_after: is_han(c),
            });
            start = i;
            in_western = false;
        }
        prev = Some(c);
    }
    if start < text.len() {
        out.push(if in_western {
            Run::Western {
                text: &text[start..],
                han_before,
                han_after: false,
            }
        } else {
            Run::Plain(&text[start..])
        });
    }
    out
}

/// Ideographs that PDF text layers give as look-alike radicals: the Kangxi Radicals block
/// (U+2F00–U+2FD5) and CJK compatibility ideographs map by NFKC (⼈ → 人, ⽇ → 日); from the
/// CJK Radicals Supplement, the forms that are the same as a unified ideograph (⻓ → 长,
/// ⻅ → 见, ⻔ → 门…), after Unicode's EquivalentUnifiedIdeograph.txt. Latin ligatures
/// (ﬁ → fi) are unfolded too.
pub fn ideograph(c: char) -> Option<char> {
    use unicode_normalization::UnicodeNormalization;
    let nfkc = |c: char| {
        let mut it = std::iter::once(c).nfkc();
        match (it.next(), it.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    };
    match c {
        '\u{2F00}'..='\u{2FD5}' | '\u{F900}'..='\u{FAFF}' => nfkc(c),
        '\u{2E80}'..='\u{2EFF}' => RADICALS_SUPPLEMENT
            .iter()
            .find(|(r, _)| *r == c)
            .map(|(_, i)| *i),
        _ => None,
    }
}

/// CJK Radicals Supplement forms identical to a unified ideograph.
const RADICALS_SUPPLEMENT: [(char, char); 52] = [
    ('⺁', '厂'),
    ('⺆', '冂'),
    ('⺊', '卜'),
    ('⺌', '小'),
    ('⺒', '巳'),
    ('⺓', '幺'),
    ('⺗', '心'),
    ('⺝', '月'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺧', '牛'),
    ('⺩', '王'),
    ('⺬', '示'),
    ('⺮', '竹'),
    ('⺯', '糸'),
    ('⺶', '羊'),
    ('⺼', '肉'),
    ('⺽', '臼'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻑', '長'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻫', '斉'),
    ('⻬', '齐'),
    ('⻭', '歯'),
    ('⻮', '齿'),
    ('⻯', '竜'),
    ('⻰', '龙'),
    ('⻱', '龜'),
    ('⻳', '龟'),
];

#[cfg(test)]
/// A run of three or more words of ASCII letters (an English sentence left
/// untranslated), within ASCII text: a Chinese character or punctuation breaks it.
pub(crate) fn english_sentence(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii()).find_map(|segment| {
        let mut run: Vec<&str> = Vec::new();
        for token in segment.split_whitespace() {
            let word = token.trim_matches(|c: char| c.is_ascii_punctuation());
            if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'') {
                run.push(word);
                if run.len() >= 3 {
                    return Some(run.join(" "));
                }
            } else {
                run.clear();
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_become_ideographs() {
        let fixed: String = "⼈⼤⼯⽉⽇⽬⽰⾔⻓⻅⻔ok"
            .chars()
            .map(|c| ideograph(c).unwrap_or(c))
            .collect();
        assert_eq!(fixed, "人大工月日目示言长见门ok");
        // Unmapped supplement forms stay (⺀ has no ideograph of its own).
        assert_eq!(ideograph('⺀'), None);
    }

    #[test]
    fn classes() {
        assert!(is_han('湘'));
        assert!(is_han('〇'));
        assert!(!is_han('。'));
        assert!(is_cjk_punct('，'));
        assert!(is_cjk_punct('“'));
        assert!(is_cjk_punct('〔'));
        assert!(!is_cjk('a'));
        assert!(!is_cjk('5'));
        assert!(is_space('\u{3000}'));
    }

    #[test]
    fn western_runs_between_han() {
        use Run::*;
        assert_eq!(
            runs("制定法规5部，全市5100余名代表"),
            [
                Plain("制定法规"),
                Western {
                    text: "5",
                    han_before: true,
                    han_after: true
                },
                Plain("部，全市"),
                Western {
                    text: "5100",
                    han_before: true,
                    han_after: true
                },
                Plain("余名代表"),
            ]
        );
        assert_eq!(
            runs("10月31日，"),
            [
                Western {
                    text: "10",
                    han_before: false,
                    han_after: true
                },
                Plain("月"),
                Western {
                    text: "31",
                    han_before: true,
                    han_after: true
                },
                Plain("日，"),
            ]
        );
        assert_eq!(
            runs("（2000）第28号"),
            [
                Plain("（"),
                Western {
                    text: "2000",
                    han_before: false,
                    han_after: false
                },
                Plain("）第"),
                Western {
                    text: "28",
                    han_before: true,
                    han_after: true
                },
                Plain("号"),
            ]
        );
        assert_eq!(runs("纯中文。"), [Plain("纯中文。")]);
        assert_eq!(runs(""), []);
        let all: String = runs("Yew 框架 v1.0 与 5.2%")
            .iter()
            .map(|r| match r {
                Plain(t) | Western { text: t, .. } => *t,
            })
            .collect();
        assert_eq!(all, "Yew 框架 v1.0 与 5.2%");
    }
}

/// At most `max` characters of `text`, with … where it was cut: what a message quotes of a
/// paragraph or a library's error, so that a message stays a few lines whatever the file
/// holds.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => format!("{}…", &text[..cut]),
    }
}

#[cfg(test)]
mod excerpt_tests {
    #[test]
    fn long_text_is_cut() {
        assert_eq!(super::excerpt("简报", 5), "简报");
        assert_eq!(super::excerpt("工作简报第一期", 4), "工作简报…");
        assert_eq!(
            super::excerpt(&"&".repeat(12_000_000), 60).chars().count(),
            61
        );
    }
}
