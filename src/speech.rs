//! 朗读 (reading aloud): what the viewer says for an issue, one sentence at a time, and how
//! numbers are said. No UI and no browser here: the viewer gives each [`Utterance`] to the
//! browser's speech synthesis and highlights its [`Spot`] on screen.

use crate::model::{is_bidi_control, Block, Issue};
use crate::search::Field;

/// Where an utterance's words are on screen: a field's text and a byte range of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spot {
    /// The field (the search's numbering of an issue's texts).
    pub field: Field,
    /// Byte range of the sentence in the field's text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// One sentence to be said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Utterance {
    /// The article it belongs to; `None` for the masthead line.
    pub article: Option<usize>,
    /// Where it is on screen, when it is one stretch of one field's text.
    pub spot: Option<Spot>,
    /// What is said: the sentence, numbers spelt as they are read, invisible controls left
    /// out.
    pub text: String,
}

/// What is read for the whole issue (`from` = `None`: the masthead line first) or from
/// article `from` on to the end of the issue, in reading order: each article's title,
/// byline, body (paragraphs, headings, quotations, list items, captions, table rows) and
/// source note, sentence by sentence.
pub fn script(issue: &Issue, from: Option<usize>) -> Vec<Utterance> {
    let mut out = Vec::new();
    if from.is_none() {
        let m = &issue.masthead;
        let cumulative = m.cumulative.as_ref().map_or("", |c| c.text.as_str());
        // A draft's empty parts are left out, not said as a pause.
        let mut line = String::new();
        for part in [
            m.title.as_str(),
            &m.issue.label,
            cumulative,
            &m.organ,
            &m.date.display,
        ] {
            let part = part.trim();
            if !part.is_empty() {
                if !line.is_empty() {
                    line.push('，');
                }
                line.push_str(part);
            }
        }
        push(&mut out, None, None, &line);
    }
    for (i, a) in issue.articles.iter().enumerate().skip(from.unwrap_or(0)) {
        let field = |field: Field, text: &str, out: &mut Vec<Utterance>| {
            for (start, end) in sentences(text) {
                let spot = Spot { field, start, end };
                push(out, Some(i), Some(spot), &text[start..end]);
            }
        };
        field(Field::Title(i), &a.title, &mut out);
        if let Some(b) = &a.byline {
            field(Field::Byline(i), b, &mut out);
        }
        for (b, block) in a.blocks.iter().enumerate() {
            match block {
                Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text } => {
                    field(Field::Block(i, b, 0), text, &mut out)
                }
                Block::List { items, .. } => {
                    for (k, item) in items.iter().enumerate() {
                        field(Field::Block(i, b, k), item, &mut out);
                    }
                }
                Block::Image { alt, caption, .. } => match caption {
                    Some(c) => field(Field::Caption(i, b), c, &mut out),
                    None if !alt.trim().is_empty() => {
                        push(&mut out, Some(i), None, &format!("图片：{alt}"))
                    }
                    None => {}
                },
                Block::Table { rows, caption, .. } => {
                    if let Some(c) = caption {
                        field(Field::Caption(i, b), c, &mut out);
                    }
                    // A row is one utterance, its cells apart by a pause.
                    for row in rows {
                        push(&mut out, Some(i), None, &row.join("，"));
                    }
                }
            }
        }
        if let Some(s) = &a.source {
            field(Field::Source(i), s, &mut out);
        }
    }
    out
}

/// Adds an utterance unless nothing in it would be heard.
fn push(out: &mut Vec<Utterance>, article: Option<usize>, spot: Option<Spot>, text: &str) {
    let text = spoken(text);
    if text.chars().any(audible) {
        out.push(Utterance {
            article,
            spot,
            text,
        });
    }
}

/// A letter, digit or Han character: something a voice says (punctuation alone is not).
/// Not `char::is_alphanumeric`, whose Unicode tables would cost the wasm ~2 KB.
fn audible(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
            | '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' | '\u{20000}'..='\u{3134F}')
}

/// Sentence ends: a sentence ends after one of these (and any that follow it).
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '…')
}

/// Closing quotation marks and brackets: they stay with the sentence they close.
fn closes(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〕' | '"' | '\''
    )
}

/// The sentences of `text` as byte ranges, without the white space around them: split after
/// 。！？； (and their ASCII forms, an ellipsis, a line end), keeping closing quotation marks and
/// brackets, and further end marks (？！), with the sentence they end.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !ends_sentence(c) {
            continue;
        }
        while let Some(&(_, n)) = chars.peek() {
            if (ends_sentence(n) && n != '\n') || closes(n) {
                chars.next();
            } else {
                break;
            }
        }
        let end = chars.peek().map_or(text.len(), |&(j, _)| j);
        trimmed(text, start, end, &mut out);
        start = end;
    }
    trimmed(text, start, text.len(), &mut out);
    out
}

fn trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if !body.is_empty() {
        out.push((start + lead, start + lead + body.len()));
    }
}

/// What a speech engine is given for `text`: invisible controls (bidi, zero-width, other
/// control characters) left out, full-width digits and signs made plain, and numbers spelt
/// in Chinese as they are read: years and telephone, postal or other long numbers digit by
/// digit (二〇二四年, 零七三一 八五三〇〇〇〇〇), amounts as amounts (十一月, 一千二百三十四,
/// 百分之七十八点三).
pub fn spoken(text: &str) -> String {
    let plain: Vec<char> = text
        .chars()
        .filter(|&c| !(is_bidi_control(c) || is_invisible(c)))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '，' | '、' => c,
            '％' => '%',
            '－' => '-',
            '\n' | '\t' => ' ',
            _ => c,
        })
        .collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < plain.len() {
        if !plain[i].is_ascii_digit() {
            out.push(plain[i]);
            i += 1;
            continue;
        }
        // A run of digits, with thousands commas and one decimal point.
        let start = i;
        let mut grouped = false;
        while i < plain.len() {
            let c = plain[i];
            let next_digit = plain.get(i + 1).is_some_and(char::is_ascii_digit);
            if c.is_ascii_digit() {
                i += 1;
            } else if c == ','
                && next_digit
                && plain[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count()
                    == 3
            {
                grouped = true;
                i += 1;
            } else {
                break;
            }
        }
        let whole: String = plain[start..i].iter().filter(|c| **c != ',').collect();
        let mut fraction = String::new();
        if plain.get(i) == Some(&'.') && plain.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
            while i < plain.len() && plain[i].is_ascii_digit() {
                fraction.push(plain[i]);
                i += 1;
            }
        }
        let next = plain.get(i).copied();
        // A telephone number: digit groups joined by hyphens (0731-85300000).
        let mut phone = false;
        if fraction.is_empty()
            && !grouped
            && next == Some('-')
            && plain.get(i + 1).is_some_and(char::is_ascii_digit)
        {
            phone = true;
        }
        let after = plain[i..].iter().find(|c| **c != ' ').copied();
        if phone || (fraction.is_empty() && !grouped && is_digit_string(&whole, after)) {
            out.push_str(&digits(&whole));
            while phone
                && plain.get(i) == Some(&'-')
                && plain.get(i + 1).is_some_and(char::is_ascii_digit)
            {
                out.push(' ');
                i += 1;
                let s = i;
                while i < plain.len() && plain[i].is_ascii_digit() {
                    i += 1;
                }
                out.push_str(&digits(&plain[s..i].iter().collect::<String>()));
            }
            continue;
        }
        let percent = next == Some('%');
        if percent {
            out.push_str("百分之");
            i += 1;
        }
        out.push_str(&amount(&whole));
        if !fraction.is_empty() {
            out.push('点');
            out.push_str(&digits(&fraction));
        }
    }
    out
}

/// Zero-width and other invisible format or control characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
        || (c.is_control() && c != '\n' && c != '\t')
}

/// Whether a whole number is read digit by digit: a year (four digits before 年), a number
/// written with a leading zero (area codes, 0731), or one of seven digits or more without
/// thousands commas (telephone, postal and document numbers).
fn is_digit_string(whole: &str, next: Option<char>) -> bool {
    (whole.len() == 4 && next == Some('年'))
        || (whole.len() > 1 && whole.starts_with('0'))
        || whole.len() >= 7
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Each digit said alone.
fn digits(s: &str) -> String {
    s.chars()
        .filter_map(|c| c.to_digit(10))
        .map(|d| DIGITS[d as usize])
        .collect()
}

/// A whole number as an amount: 10 → 十, 105 → 一百零五, 2000 → 两千, 12,345 → 一万两千三百四十五.
/// Beyond 亿亿 it is said digit by digit.
fn amount(whole: &str) -> String {
    let Ok(n) = whole.trim_start_matches('0').parse::<u64>() else {
        return if whole.chars().all(|c| c == '0') {
            "零".into()
        } else {
            digits(whole)
        };
    };
    if n == 0 {
        return "零".into();
    }
    if n >= 10_000_000_000_000_000 {
        return digits(whole);
    }
    // Groups of four digits: 亿, 万, units.
    let groups = [
        (n / 100_000_000, "亿"),
        (n / 10_000 % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (g, unit) in groups {
        if g == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero || (!out.is_empty() && g < 1000) {
            out.push('零');
        }
        out.push_str(&below_10000(g as u32, out.is_empty()));
        out.push_str(unit);
        zero = false;
    }
    out
}

/// 1–9999; `leading` when nothing comes before it (then 10–19 are 十…, and 2 before 千 is 两).
fn below_10000(n: u32, leading: bool) -> String {
    let places = [
        (n / 1000, '千'),
        (n / 100 % 10, '百'),
        (n / 10 % 10, '十'),
        (n % 10, ' '),
    ];
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in places {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        match (d, unit) {
            (1, '十') if out.is_empty() && leading => {}
            (2, '千') if out.is_empty() => out.push('两'),
            _ => out.push(DIGITS[d as usize]),
        }
        if unit != ' ' {
            out.push(unit);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn sentences_end_at_chinese_marks_and_keep_their_quotes() {
        assert_eq!(
            said("他说：“要抓落实。”大家赞同！真的吗？是的；好\n下一行"),
            [
                "他说：“要抓落实。”",
                "大家赞同！",
                "真的吗？",
                "是的；",
                "好",
                "下一行"
            ]
        );
        assert_eq!(said("什么？！（完）"), ["什么？！", "（完）"]);
        assert_eq!(said("  没有句号  "), ["没有句号"]);
        assert_eq!(said("（会议强调。）然后"), ["（会议强调。）", "然后"]);
        assert!(said(" \n ").is_empty());
        // Punctuation alone is not read.
        assert!(script_of("（……）").is_empty());
        assert_eq!(script_of("好。！").len(), 1);
    }

    fn script_of(text: &str) -> Vec<Utterance> {
        let mut out = Vec::new();
        for (s, e) in sentences(text) {
            push(&mut out, Some(0), None, &text[s..e]);
        }
        out
    }

    #[test]
    fn numbers_read_as_people_read_them() {
        assert_eq!(spoken("2024年11月4日"), "二零二四年十一月四日");
        assert_eq!(spoken("2024 年 11 月 4 日"), "二零二四 年 十一 月 四 日");
        assert_eq!(spoken("2000年"), "二零零零年");
        assert_eq!(spoken("增长78.3%"), "增长百分之七十八点三");
        assert_eq!(spoken("占７８．３％"), "占百分之七十八点三");
        assert_eq!(spoken("电话0731-85300000"), "电话零七三一 八五三零零零零零");
        assert_eq!(spoken("410011人"), "四十一万零一十一人");
        assert_eq!(spoken("13800138000"), "一三八零零一三八零零零");
        assert_eq!(spoken("共1,234人"), "共一千二百三十四人");
        assert_eq!(
            spoken("105件、2000元、10个、15天、20万"),
            "一百零五件、两千元、十个、十五天、二十万"
        );
        assert_eq!(spoken("12,345"), "一万两千三百四十五");
        assert_eq!(spoken("100,000,001"), "一亿零一");
        assert_eq!(spoken("0"), "零");
        assert_eq!(spoken("3.14"), "三点一四");
    }

    #[test]
    fn invisible_controls_are_never_spoken() {
        assert_eq!(
            spoken("a\u{202E}b\u{2066}c\u{200B}d\u{feff}e\u{7}f"),
            "abcdef"
        );
    }

    #[test]
    fn a_draft_says_what_it_has_and_no_empty_sentence() {
        let mut issue: Issue =
            serde_json::from_str(include_str!("../www/issues/lianluo-dongtai-2024-18.json"))
                .unwrap();
        issue.masthead.issue.label.clear();
        issue.masthead.issue.number = None;
        issue.masthead.organ.clear();
        issue.masthead.date.iso.clear();
        issue.masthead.date.display.clear();
        issue.articles[0].title.clear();
        issue.articles[1].blocks.clear();
        let all = script(&issue, None);
        assert_eq!(all[0].text, "联络动态，总第七百二十期");
        assert!(all.iter().all(|u| u.text.chars().any(audible)));
        assert_eq!(all[1].spot.unwrap().field, Field::Block(0, 0, 0));
        // The second article is its title alone (and its source note).
        let second: Vec<_> = all.iter().filter(|u| u.article == Some(1)).collect();
        assert_eq!(second[0].spot.unwrap().field, Field::Title(1));
        issue.masthead.title.clear();
        issue.masthead.cumulative = None;
        assert_eq!(
            script(&issue, None)[0].article,
            Some(0),
            "no masthead line at all"
        );
        assert_eq!(script(&issue, Some(5)), vec![]);
    }

    #[test]
    fn the_seed_issue_reads_masthead_then_every_article_in_order() {
        let issue: Issue =
            serde_json::from_str(include_str!("../www/issues/lianluo-dongtai-2024-18.json"))
                .unwrap();
        let all = script(&issue, None);
        assert_eq!(all[0].article, None);
        assert!(
            all[0].text.starts_with("联络动态，第十八期"),
            "{}",
            all[0].text
        );
        assert!(
            all[0].text.ends_with("二零二四年十一月四日"),
            "{}",
            all[0].text
        );
        assert_eq!(all[1].spot.unwrap().field, Field::Title(0));
        // Every sentence's spot is where its text is, and the articles come in order.
        let mut last = 0;
        for u in &all[1..] {
            let a = u.article.unwrap();
            assert!(a >= last);
            last = a;
        }
        assert_eq!(last, issue.articles.len() - 1);
        let from_second = script(&issue, Some(1));
        assert_eq!(from_second[0].spot.unwrap().field, Field::Title(1));
        assert!(from_second.iter().all(|u| u.article == Some(1)));
    }
}
