//! What an OCR engine read, made text and reviewed (feature `ocr`: the builds that have an
//! engine): the words placed as glyphs for the layout step ([`glyphs_of`]), the review of what
//! was read against the issue's own vocabulary ([`review`]), and the organ's 编 ([`correct_organ`]).

use super::{
    advance, Correction, OcrLine, OcrReport, Recognised, Suggestion, Why, Word, DOUBTFUL_BELOW,
};
use crate::import::positioned::{Glyph, OcrMark};

/// The glyphs of words read from a picture, placed on a page of `width` × `height` points
/// whose top left corner the picture's stands at (`left`, `top`, points), the picture being
/// `width` × `height` points large on the page. `first_word` numbers the words of the file.
///
/// Read as a line of type is set, not as the engine's boxes fall:
/// - the words of a line (those standing on one line box) follow each other in the engine's
///   order, none starting before the one before it ends (ink boxes of neighbours overlap);
/// - a gap narrower than half the type's size is no gap: the engine's boxes hug the ink, and
///   the space between two characters of a Chinese line would read as a space, or as a gap
///   between table cells;
/// - a word the engine read over a word of another line, with less confidence, is a shadow
///   of it (large type read twice) and is left out, as are lines of symbols read with
///   little confidence (rules, specks);
/// - 〇 read as letters between Chinese numerals is 〇; vertical strokes read from a
///   character's edge are dropped.
pub fn glyphs_of(read: &Recognised, frame: (f64, f64, f64, f64), first_word: u32) -> Vec<Glyph> {
    let (left, top, width, height) = frame;
    if read.width <= 0.0 || read.height <= 0.0 {
        return Vec::new();
    }
    let sx = width / read.width;
    let sy = height / read.height;
    // The lines: runs of words on one line box, with their mean confidence.
    let mut lines: Vec<(usize, usize, f32)> = Vec::new();
    for (i, w) in read.words.iter().enumerate() {
        match lines.last_mut() {
            Some((_, end, _))
                if read.words[*end - 1].line_bottom == w.line_bottom
                    && read.words[*end - 1].line_height == w.line_height =>
            {
                *end = i + 1
            }
            _ => lines.push((i, i + 1, 0.0)),
        }
    }
    for l in &mut lines {
        let words = &read.words[l.0..l.1];
        l.2 = words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32;
    }
    // A word the engine read over a word of another line — mostly within its height and
    // its width — with less confidence is a shadow of it (large type read twice, the top of
    // a line read as a line of its own).
    let line_of_word: Vec<usize> = {
        let mut v = vec![0; read.words.len()];
        for (k, l) in lines.iter().enumerate() {
            v[l.0..l.1].iter_mut().for_each(|x| *x = k);
        }
        v
    };
    let shadowed: Vec<bool> = (0..read.words.len())
        .map(|i| {
            let w = &read.words[i];
            let (a, b) = (w.line_bottom - w.line_height, w.line_bottom);
            read.words.iter().enumerate().any(|(j, o)| {
                let (c, d) = (o.line_bottom - o.line_height, o.line_bottom);
                let across = (w.right.min(o.right) - w.left.max(o.left))
                    > 0.5 * (w.right - w.left).min(o.right - o.left);
                line_of_word[j] != line_of_word[i]
                    && o.confidence > w.confidence
                    && (b.min(d) - a.max(c)) > 0.5 * (b - a).min(d - c)
                    && across
            })
        })
        .collect();
    // The type's size of each line: the ink of ideographs is nine tenths of it, evenly (the
    // line's box grows with the brackets, quotes and commas it holds); lines with none: the
    // box. Sizes within 8% of each other are one size (the ink varies from line to line),
    // as a page is set in a few sizes.
    let mut sizes: Vec<(usize, f64)> = lines
        .iter()
        .enumerate()
        .map(|(k, &(from, to, _))| {
            let mut han: Vec<f64> = read.words[from..to]
                .iter()
                .filter(|w| !w.text.is_empty() && w.text.chars().all(crate::text::is_han))
                .map(|w| w.height)
                .collect();
            han.sort_by(f64::total_cmp);
            let size = match han.get(han.len().saturating_sub(1) / 2) {
                Some(h) => h / 0.9 * sy,
                None => read.words[from].line_height * sy,
            };
            (k, size.max(0.5))
        })
        .collect();
    sizes.sort_by(|a, b| a.1.total_cmp(&b.1));
    let mut size_of = vec![0.0; lines.len()];
    let mut g = 0;
    while g < sizes.len() {
        let mut h = g + 1;
        while h < sizes.len() && sizes[h].1 < sizes[h - 1].1 * 1.08 {
            h += 1;
        }
        let median = sizes[(g + h - 1) / 2].1;
        for &(k, _) in &sizes[g..h] {
            size_of[k] = median;
        }
        g = h;
    }
    // What the engine reads from what is not text (a rule, specks, a stamp's ring): no
    // character of Chinese, and mostly symbols, or read with little confidence. A line of
    // rule characters (＊＊＊, ━━━) is a rule, kept.
    let noise = |k: usize| {
        let (from, to, confidence) = lines[k];
        let text: String = read.words[from..to]
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        let shown: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        let letters = shown.iter().filter(|c| c.is_alphanumeric()).count();
        !shown.iter().any(|&c| crate::text::is_han(c))
            && !crate::import::layout::is_rule_text(&text)
            && (confidence < 50.0 || letters * 2 < shown.len())
            // A character or two read with little confidence, alone on a line: specks.
            || (shown.len() <= 2 && confidence < 60.0)
    };
    // 〇, the one ideograph shaped like Latin letters, read as letters O or digits 0 (one or
    // two words) between Chinese numerals (二〇二四年 as 二OO二四年).
    let zero_like = |w: &Word| {
        !w.text.trim().is_empty() && w.text.trim().chars().all(|c| "〇Oo0○◯Ｏｏ０".contains(c))
    };
    let numeral = |c: Option<char>| c.is_some_and(|c| "〇零一二三四五六七八九十".contains(c));
    let mut out = Vec::new();
    for (k, &(from, to, _)) in lines.iter().enumerate() {
        if noise(k) || (from..to).all(|n| shadowed[n]) {
            continue;
        }
        let size = size_of[k];
        // The line's words (numbered in the file), 〇 read as letters made 〇 again.
        let mut words: Vec<(usize, Word)> = Vec::new();
        let mut n = from;
        while n < to {
            if shadowed[n] {
                n += 1;
                continue;
            }
            let mut w = read.words[n].clone();
            let mut last = n;
            if zero_like(&w) {
                while last + 1 < to && zero_like(&read.words[last + 1]) {
                    last += 1;
                }
                let before = words.last().and_then(|(_, b)| b.text.chars().last());
                let after = read.words.get(last + 1).filter(|_| last + 1 < to);
                if numeral(before) || numeral(after.and_then(|a| a.text.chars().next())) {
                    w.right = read.words[last].right;
                    let ems = ((w.right - w.left) * sx / size).round().max(1.0) as usize;
                    w.text = "〇".repeat(ems.min(4));
                } else {
                    last = n;
                }
            }
            words.push((n, w));
            n = last + 1;
        }
        let mut previous_end = f64::MIN;
        for (i, (n, w)) in words.iter().enumerate() {
            let mut chars: Vec<char> = w.text.chars().filter(|c| !c.is_whitespace()).collect();
            // Vertical strokes the engine reads from a character's edge (21]日, 会|): a bar,
            // or a square bracket with no partner in a word it is unsure of, glued to what it
            // read. The word is still named as read, for the editor to check.
            let square = chars.contains(&'[') != chars.contains(&']');
            let doubtful = w.confidence < DOUBTFUL_BELOW;
            chars.retain(|&c| c != '|' && !(doubtful && square && "[]".contains(c)));
            if chars.is_empty() {
                continue;
            }
            // Never before the word before ends; right after it when only ink margins are
            // between them.
            let ink_left = left + w.left * sx;
            let mut x = ink_left.max(previous_end);
            if previous_end > f64::MIN && ink_left - previous_end < size * 0.5 {
                x = previous_end;
            }
            // The word ends where the next one starts when only the ink's margins are between
            // them, or when its box runs into the next one (the engine's boxes are sometimes
            // wider than the word).
            let mut right = left + w.right * sx;
            if let Some((_, next)) = words.get(i + 1) {
                let next_left = left + next.left * sx;
                if next_left > x && (next_left < right || next_left - right < size * 0.5) {
                    right = next_left;
                }
            }
            let span = (right - x).max(size * 0.3);
            let units: f64 = chars.iter().map(|&c| advance(c)).sum();
            for &c in &chars {
                let advance = span * advance(c) / units;
                out.push(Glyph {
                    x,
                    y: top + w.line_bottom * sy,
                    end: x + advance,
                    size,
                    text: c.to_string(),
                    ocr: Some(OcrMark {
                        word: first_word.saturating_add(*n as u32),
                        confidence: w.confidence,
                    }),
                });
                x += advance;
            }
            previous_end = x;
        }
        // The line's last character takes its full width: its ink (a comma's, a full stop's)
        // may be a fraction of it, and where a line ends tells whether its paragraph goes on.
        if previous_end > f64::MIN {
            if let Some(last) = out.last_mut() {
                let full = last.x + last.size * last.text.chars().next().map_or(0.5, advance);
                last.end = last.end.max(full);
            }
        }
    }
    out
}

/// The characters of the words read from a picture each as a glyph, spread over the word's
/// own box by their usual widths (not set as a line is: [`glyphs_of`]), on the page as
/// [`glyphs_of`] places them: where what OCR read stands, to match with the glyphs a text
/// layer draws there (`codes::lay_out`). Only the words `set` kept (what
/// [`glyphs_of`] gave: no shadows, no specks).
pub fn chars_of(
    read: &Recognised,
    frame: (f64, f64, f64, f64),
    first_word: u32,
    set: &[Glyph],
) -> Vec<Glyph> {
    let kept: std::collections::HashSet<u32> =
        set.iter().filter_map(|g| g.ocr.map(|m| m.word)).collect();
    let (left, top, width, height) = frame;
    if read.width <= 0.0 || read.height <= 0.0 {
        return Vec::new();
    }
    let (sx, sy) = (width / read.width, height / read.height);
    let mut out = Vec::new();
    for (n, w) in read.words.iter().enumerate() {
        let number = first_word.saturating_add(n as u32);
        if !kept.contains(&number) {
            continue;
        }
        // 〇 read as letters, made 〇 again where the line's glyphs have it.
        let zero: Vec<&Glyph> = set
            .iter()
            .filter(|g| g.ocr.is_some_and(|m| m.word == number) && g.text == "〇")
            .collect();
        if !zero.is_empty() && !w.text.contains('〇') {
            out.extend(zero.into_iter().cloned());
            continue;
        }
        let chars: Vec<char> = w.text.chars().filter(|c| !c.is_whitespace()).collect();
        let units: f64 = chars.iter().map(|&c| advance(c)).sum();
        let (mut x, span) = (left + w.left * sx, (w.right - w.left) * sx);
        let size = (w.height * sy / 0.9).max(0.5);
        // Each character's own edges, when the engine said where it stands.
        let placed = w.chars.len() == chars.len();
        for (i, c) in chars.into_iter().enumerate() {
            let advance = span * advance(c) / units;
            let (from, to) = match w.chars.get(i).filter(|_| placed) {
                Some(&(l, r)) => (left + l * sx, left + r * sx),
                None => (x, x + advance),
            };
            out.push(Glyph {
                x: from,
                y: top + w.line_bottom * sy,
                end: to,
                size,
                text: c.to_string(),
                ocr: Some(OcrMark {
                    word: first_word.saturating_add(n as u32),
                    confidence: w.confidence,
                }),
            });
            x += advance;
        }
    }
    out
}

/// The organ's line ends with 编 (or 编印): when OCR read it ending with a character it is
/// known to read for 编 ([`CONFUSIONS`]: 纺), the organ is written with 编 and the change
/// said (`corrected`), never silently. Only an organ read by OCR is touched.
pub fn correct_organ(organ: &mut String, report: &mut OcrReport) {
    let chars: Vec<char> = organ.chars().collect();
    let (at, tail) = match chars.as_slice() {
        [.., c, '印'] => (chars.len() - 2, *c),
        [.., c] => (chars.len() - 1, *c),
        [] => return,
    };
    if !CONFUSIONS
        .iter()
        .any(|&(read, meant)| read == tail && meant == '编')
    {
        return;
    }
    let flat = |t: &str| -> String { t.chars().filter(|c| !c.is_whitespace()).collect() };
    let Some(line) = report
        .lines
        .iter()
        .find(|l| flat(&l.text).contains(&flat(organ)))
    else {
        return;
    };
    let mut fixed = chars.clone();
    fixed[at] = '编';
    let fixed: String = fixed.into_iter().collect();
    report.corrected.push(Correction {
        place: line.place,
        read: organ.clone(),
        written: fixed.clone(),
        why: Why::OrganEnds,
    });
    *organ = fixed;
}

/// Characters Tesseract's Chinese model is known to read for others (measured on bulletins
/// printed by LibreOffice and Chromium, then scanned): each pair is (read, meant).
const CONFUSIONS: &[(char, char)] = &[
    ('党', '常'),
    ('单', '常'),
    ('纺', '编'),
    ('斌', '试'),
    ('酒', '湘'),
    ('次', '沈'),
    ('冶', '治'),
    ('锅', '贺'),
    ('人', '入'),
    ('入', '人'),
    ('己', '已'),
    ('已', '己'),
    ('未', '末'),
    ('末', '未'),
    ('曰', '日'),
    ('日', '曰'),
];

/// The review pass: for each run of Chinese characters OCR read, the words of three to five
/// characters in it that the issue writes less often than a word that differs from it in
/// one character — one of the known confusions ([`CONFUSIONS`]), or (four characters and
/// more) one that OCR is unsure of — or in two characters the engine was unsure of read
/// for one (常 as 和铝). `text` is every line of the issue as read (the text form), `lines`
/// those OCR read. Each misread character is suggested a fix once, the longest word first.
pub fn review(text: &str, lines: &[OcrLine]) -> Vec<Suggestion> {
    use std::collections::HashMap;
    // How often the issue writes each short word (n-grams of Chinese characters).
    let mut seen: HashMap<String, usize> = HashMap::new();
    let runs = |s: &str| -> Vec<Vec<char>> {
        let mut out = vec![Vec::new()];
        for c in s.chars() {
            if crate::text::is_han(c) {
                if let Some(r) = out.last_mut() {
                    r.push(c);
                }
            } else if out.last().is_some_and(|r| !r.is_empty()) {
                out.push(Vec::new());
            }
        }
        out.retain(|r| r.len() >= 2);
        out
    };
    let mut count = |text: &str, by: isize| {
        for run in runs(text) {
            for n in 2..=5 {
                for w in run.windows(n) {
                    let e = seen.entry(w.iter().collect()).or_default();
                    *e = e.saturating_add_signed(by);
                }
            }
        }
    };
    count(text, 1);
    // Words OCR was unsure of are not the issue's vocabulary (a misreading it repeats would
    // vouch for itself): OCR'd lines count without them.
    for line in lines {
        let mut trusted = line.text.clone();
        for (word, _) in &line.doubtful {
            trusted = trusted.replacen(word.as_str(), " ", 1);
        }
        count(&line.text, -1);
        count(&trusted, 1);
    }
    // The words of four or five characters the issue writes at least twice, by each
    // character left out: what a word read with one character wrong, or one character read as
    // two, is looked up by.
    const GAP: char = '\u{0}';
    let mut by_pattern: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
    for (k, &count) in &seen {
        let chars: Vec<char> = k.chars().collect();
        if chars.len() >= 4 && count >= 2 {
            for i in 0..chars.len() {
                let mut p = chars.clone();
                p[i] = GAP;
                by_pattern
                    .entry(p.into_iter().collect())
                    .or_default()
                    .push((k.as_str(), count));
            }
        }
    }
    let mut out: Vec<Suggestion> = Vec::new();
    for line in lines {
        let doubtful: String = line.doubtful.iter().map(|(w, _)| w.as_str()).collect();
        // The characters of this line a suggestion already changes: one suggestion each.
        let mut changed: Vec<(usize, usize)> = Vec::new();
        for (r, run) in runs(&line.text).into_iter().enumerate() {
            for n in (3..=5).rev() {
                for (start, w) in run.windows(n).enumerate() {
                    let read: String = w.iter().collect();
                    let read_seen = seen.get(&read).copied().unwrap_or(0);
                    // (first character changed, characters replaced, the word instead)
                    let mut candidates: Vec<(usize, usize, String)> = Vec::new();
                    for (i, &c) in w.iter().enumerate() {
                        for &(_, meant) in CONFUSIONS.iter().filter(|(r, _)| *r == c) {
                            let mut fixed = w.to_vec();
                            fixed[i] = meant;
                            candidates.push((i, 1, fixed.into_iter().collect()));
                        }
                        let unsure = doubtful.contains(c);
                        let next_unsure = w.get(i + 1).is_some_and(|d| doubtful.contains(*d));
                        // Any character the issue writes in this one's place (four or more).
                        if unsure && n >= 4 {
                            let mut p = w.to_vec();
                            p[i] = GAP;
                            let p: String = p.into_iter().collect();
                            for &(k, _) in by_pattern.get(&p).into_iter().flatten() {
                                candidates.push((i, 1, k.to_string()));
                            }
                        }
                        // This character and the next read for one (常 read as 和铝).
                        if (unsure || next_unsure) && i + 1 < n && n >= 5 {
                            let mut p = w[..i].to_vec();
                            p.push(GAP);
                            p.extend_from_slice(&w[i + 2..]);
                            let p: String = p.into_iter().collect();
                            for &(k, _) in by_pattern.get(&p).into_iter().flatten() {
                                // One new character, neither of the two (else it is a
                                // character left out, not two read for one).
                                let new = k.chars().nth(i);
                                if new.is_some_and(|m| m != w[i] && m != w[i + 1]) {
                                    candidates.push((i, 2, k.to_string()));
                                }
                            }
                        }
                    }
                    for (i, width, instead) in candidates {
                        let count = seen.get(&instead).copied().unwrap_or(0);
                        let free = (i..i + width).all(|k| !changed.contains(&(r, start + k)));
                        // The issue writes the fix more often than what was read, and at
                        // least twice (once would be the word itself, read elsewhere).
                        if instead != read && count >= 2 && count > read_seen && free {
                            changed.extend((i..i + width).map(|k| (r, start + k)));
                            out.push(Suggestion {
                                place: line.place,
                                read: read.clone(),
                                instead,
                                seen: count,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Place;

    #[test]
    fn words_become_glyphs_in_their_boxes() {
        let read = Recognised {
            width: 2480.0,
            height: 3508.0,
            words: vec![Word {
                left: 300.0,
                right: 500.0,
                line_bottom: 1000.0,
                line_height: 60.0,
                height: 54.0,
                confidence: 91.0,
                text: "第18期".into(),
                chars: Vec::new(),
            }],
        };
        let g = glyphs_of(&read, (0.0, 0.0, 595.0, 842.0), 0);
        assert_eq!(g.len(), 4);
        let units = 1.0 + 0.5 + 0.5 + 1.0;
        let w = 200.0 * 595.0 / 2480.0;
        assert!((g[1].x - (g[0].x + w / units)).abs() < 1e-9);
        assert!((g[3].end - (g[0].x + w)).abs() < 1e-9);
        assert!((g[0].y - 1000.0 * 842.0 / 3508.0).abs() < 1e-9);
    }

    #[test]
    fn the_review_suggests_what_the_issue_writes_elsewhere() {
        let text = "湖南省人大常委会代表工作委员会编\n省人大常委会主任沈晓明作出批示。\n\
                    区人大常委会将及时总结。\n市人大单委会办公厅。";
        let line = OcrLine {
            place: Place::Page { page: 2, line: 7 },
            text: "市人大单委会办公厅。".into(),
            confidence: 80.0,
            doubtful: vec![],
        };
        let got = review(text, std::slice::from_ref(&line));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].read, "人大单委会");
        assert_eq!(got[0].instead, "人大常委会");
        assert_eq!(got[0].seen, 3);
        // A word the issue writes as read is left alone.
        let fine = OcrLine {
            text: "省人大常委会主任".into(),
            ..line
        };
        assert!(review(text, &[fine]).is_empty());
    }
}
