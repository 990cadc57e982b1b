//! A font without a Unicode map still draws each character with one code, wherever it stands:
//! what OCR reads at each place the code is drawn is a vote for what the code means, and the
//! page's text is then the font's codes decoded by the votes, at the places the PDF draws them
//! (feature `ocr`: the builds that have an engine).
//!
//! A misreading at one place (常 read as 和铝 in a masthead) is outvoted by the places where
//! the same code was read right, and what was changed so is said ([`Changed`]), never
//! silent. The codes are told apart by giving every font without a Unicode map one of our own
//! ([`key_fonts`]) that maps each code to a key of two private characters; the PDF is read a
//! second time with them ([`coded`]) and each glyph paired with what the first reading showed.

use super::Changed;
use crate::import::positioned::{Glyph, OcrMark, Page};
use std::collections::HashMap;

/// A glyph of a page with a text layer, and the code it was drawn with when its font has no
/// Unicode map (font × 65,536 + code), None when its text is its font's own.
#[derive(Clone, Debug)]
pub struct Coded {
    /// Where it stands, and the text the PDF gives it.
    pub glyph: Glyph,
    /// Its font and code, when its font has no Unicode map.
    pub key: Option<u32>,
    /// Whether the text the PDF gives it may be what it shows: a font mostly of text, and
    /// text itself (one vote for it, [`PRIOR`]).
    pub prior: bool,
}

/// The first private-use character of a key (the font's): a simple font has one, its codes
/// being one byte; a composite font sixteen, one for each top four bits of its two-byte codes.
const MARKER: u32 = 0xE000;
/// The private-use characters of the BMP (U+E000–U+F8FF): the markers there are.
const MARKERS: u32 = 6400;
/// The second character of a key: the code's low twelve bits above this (U+1000–U+1FFF:
/// neither surrogates nor private, each one UTF-16 unit).
const LOW: u32 = 0x1000;

/// How the fonts were keyed ([`key_fonts`]): the simple fonts take the first markers, one
/// each; the composite fonts the next, sixteen each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Simple fonts keyed.
    simple: u32,
    /// Composite fonts keyed.
    composite: u32,
}

/// Gives every font of `doc` that has no Unicode map (`/ToUnicode`) one mapping each code to
/// a key ([`Keys::key_of`] reads it back), as many as the markers allow (6,400 simple fonts,
/// or 400 composite ones: a font past them keeps its own text).
pub fn key_fonts(doc: &mut lopdf::Document) -> Keys {
    use lopdf::{Dictionary, Object, Stream};
    let fonts: Vec<(lopdf::ObjectId, bool)> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            let d = o.as_dict().ok()?;
            let is = |k: &[u8], v: &[u8]| d.get(k).and_then(Object::as_name).ok() == Some(v);
            let subtype = d.get(b"Subtype").and_then(Object::as_name).ok()?;
            let simple = [&b"Type1"[..], b"MMType1", b"TrueType", b"Type3"].contains(&subtype);
            (is(b"Type", b"Font")
                && (simple || subtype == b"Type0")
                && d.get(b"ToUnicode").is_err())
            .then_some((*id, subtype == b"Type0"))
        })
        .collect();
    // The simple fonts first (one marker each), then the composite ones while markers last.
    let simple: Vec<lopdf::ObjectId> = fonts
        .iter()
        .filter(|f| !f.1)
        .map(|f| f.0)
        .take(MARKERS as usize)
        .collect();
    let room = (MARKERS - simple.len() as u32) / 16;
    let composite: Vec<lopdf::ObjectId> = fonts
        .iter()
        .filter(|f| f.1)
        .map(|f| f.0)
        .take(room as usize)
        .collect();
    let keys = Keys {
        simple: simple.len() as u32,
        composite: composite.len() as u32,
    };
    let all = simple.iter().map(|&id| (id, false));
    for (n, (id, composite)) in all
        .chain(composite.iter().map(|&id| (id, true)))
        .enumerate()
    {
        let cmap = to_unicode(keys.first_marker(n as u32), composite);
        let stream = doc.add_object(Stream::new(Dictionary::new(), cmap));
        if let Ok(Object::Dictionary(d)) = doc.get_object_mut(id) {
            d.set("ToUnicode", Object::Reference(stream));
        }
    }
    keys
}

impl Keys {
    /// The first marker (offset from [`MARKER`]) of font `n`.
    fn first_marker(&self, n: u32) -> u32 {
        if n < self.simple {
            n
        } else {
            self.simple + (n - self.simple) * 16
        }
    }

    /// The font and code a text from a keyed font stands for (font × 65,536 + code).
    pub fn key_of(&self, text: &str) -> Option<u32> {
        let mut chars = text.chars().map(u32::from);
        let (marker, low) = (chars.next()?, chars.next()?);
        let end = self.simple + self.composite * 16;
        if chars.next().is_some()
            || !(MARKER..MARKER + end).contains(&marker)
            || !(LOW..LOW + 0x1000).contains(&low)
        {
            return None;
        }
        let (m, low) = (marker - MARKER, low - LOW);
        Some(if m < self.simple {
            m << 16 | low
        } else {
            let k = m - self.simple;
            (self.simple + k / 16) << 16 | (k % 16) << 12 | low
        })
    }
}

/// A ToUnicode CMap giving each code of a font its key, the font's first marker `first`: one
/// range for a simple font's 256 codes, 256 of 256 codes each for a composite font's two
/// bytes. A range's destination is counted up from its first value as a whole: the low byte
/// of a key's second character is the code's, so it never carries within a range.
fn to_unicode(first: u32, composite: bool) -> Vec<u8> {
    let key =
        |code: u32| -> u32 { ((MARKER + first + (code >> 12)) << 16) | (LOW + (code & 0xFFF)) };
    let mut ranges = String::new();
    let count = if composite {
        for high in 0..256u32 {
            ranges.push_str(&format!(
                "<{high:02X}00> <{high:02X}FF> <{:08X}>\n",
                key(high << 8)
            ));
        }
        256
    } else {
        ranges.push_str(&format!("<00> <FF> <{:08X}>\n", key(0)));
        1
    };
    let space = if composite {
        "<0000> <FFFF>"
    } else {
        "<00> <FF>"
    };
    format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CMapName /BulletinKeys def\n/CMapType 2 def\n\
         1 begincodespacerange\n{space}\nendcodespacerange\n\
         {count} beginbfrange\n{ranges}endbfrange\n\
         endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    .into_bytes()
}

/// A character a text layer shows that is not text: what a code with no Unicode map gives
/// (nothing, U+FFFD, a private-use or control character), as [`super::page_need`] counts them.
fn not_text(g: &Glyph) -> bool {
    let unmapped = |c: char| {
        c == '\u{FFFD}'
            || ('\u{E000}'..='\u{F8FF}').contains(&c)
            || c as u32 >= 0xF0000
            || c.is_control()
    };
    // Read in a default encoding, codes come out as Latin letters and accents set an em wide.
    let latin_at_an_em = g.size > 0.0
        && (g.end - g.x) >= g.size * 0.8
        && g.text
            .chars()
            .all(|c| c.is_ascii_graphic() || ('\u{00A0}'..='\u{02FF}').contains(&c));
    g.text.is_empty() || g.text.chars().any(unmapped) || latin_at_an_em
}

/// The glyphs of both readings paired, page by page: `plain` as the PDF's fonts give them,
/// `keyed` with the keys of [`key_fonts`] (the same glyphs in the same order, or None). The
/// text a font with no Unicode map gives through its encoding is right for some (a standard
/// encoding, glyph names) and not for others: it may count as one vote ([`PRIOR`]) for what
/// a code shows when its font's text is mostly text and the glyph's is text, and OCR reads
/// most of the font's glyphs it matched as the font gives them ([`decide`]).
pub fn coded(plain: Vec<Vec<Glyph>>, keyed: &[Vec<Glyph>], keys: Keys) -> Option<Vec<Vec<Coded>>> {
    if plain.len() != keyed.len() || plain.iter().zip(keyed).any(|(a, b)| a.len() != b.len()) {
        return None;
    }
    // Per font: glyphs, and those whose text is not text.
    let mut fonts: HashMap<u32, (usize, usize)> = HashMap::new();
    for (a, b) in plain.iter().flatten().zip(keyed.iter().flatten()) {
        if let Some(key) = keys.key_of(&b.text) {
            let f = fonts.entry(key >> 16).or_default();
            f.0 += 1;
            f.1 += usize::from(not_text(a));
        }
    }
    let pages = plain
        .into_iter()
        .zip(keyed)
        .map(|(page, keyed)| {
            page.into_iter()
                .zip(keyed)
                .map(|(mut glyph, k)| {
                    let key = keys.key_of(&k.text);
                    let text_font = key
                        .and_then(|key| fonts.get(&(key >> 16)))
                        .is_some_and(|&(all, not)| not * 2 < all);
                    let prior = text_font && !not_text(&glyph);
                    glyph.text.retain(|c| !c.is_control());
                    Coded { glyph, key, prior }
                })
                .collect()
        })
        .collect();
    Some(pages)
}

/// What the votes made of the pages read by OCR: for each, the glyphs to lay out (None: the
/// codes could not be matched with what OCR read, and OCR's own words stand), and the words
/// OCR read differently from what the votes give.
pub struct Decided {
    /// Per page given: its glyphs, or None.
    pub pages: Vec<Option<Vec<Glyph>>>,
    /// The words written otherwise than OCR read them.
    pub changed: Vec<Changed>,
}

/// A page given to [`decide`]: its coded glyphs and what OCR read on it, as glyphs.
pub struct Voted<'a> {
    /// The PDF's glyphs of the page.
    pub coded: &'a [Coded],
    /// What OCR read there, where ([`super::chars_of`]).
    pub read: &'a [Glyph],
}

/// The pages OCR read (`read`: page index, what was read there set as lines for the layout
/// ([`super::glyphs_of`]) and where ([`super::chars_of`])) laid out from their
/// codes where the votes decode them ([`decide`]), else from what OCR read; the words
/// written otherwise than OCR read them, their `page` the page's index.
pub fn lay_out(
    pages: &mut [Page],
    coded: Option<Vec<Vec<Coded>>>,
    read: Vec<(usize, Vec<Glyph>, Vec<Glyph>)>,
    first_word: u32,
) -> Vec<Changed> {
    let coded = coded.unwrap_or_default();
    // The pages read that have glyphs of their own to match.
    let (with_codes, voted): (Vec<usize>, Vec<Voted<'_>>) = read
        .iter()
        .enumerate()
        .filter_map(|(i, (p, _, chars))| {
            let coded = coded.get(*p).filter(|c| !c.is_empty())?;
            Some((i, Voted { coded, read: chars }))
        })
        .unzip();
    let decided = decide(&voted, first_word);
    let mut laid: Vec<Option<Vec<Glyph>>> = vec![None; read.len()];
    for (i, glyphs) in with_codes.iter().zip(decided.pages) {
        laid[*i] = glyphs;
    }
    let changed = decided
        .changed
        .into_iter()
        .map(|c| Changed {
            page: read[with_codes[c.page]].0,
            ..c
        })
        .collect();
    for ((p, read, _), laid) in read.into_iter().zip(laid) {
        if let Some(page) = pages.get_mut(p) {
            page.glyphs = laid.unwrap_or(read);
        }
    }
    changed
}

/// Share of what OCR read that must fall on the PDF's glyphs, and of the keyed glyphs that
/// must be given a reading, for a page to be laid out from its codes.
const MATCHED: f64 = 0.8;

/// A reading of a code: how much confidence voted for it, how often, and the words (by
/// number) that read it.
#[derive(Default, Clone)]
struct Tally {
    weight: f64,
    votes: usize,
    confidence: f64,
}

/// Each code's reading, its confidence, and how many places read it so.
type Decoded = HashMap<u32, (String, f32, usize)>;

/// Each code's reading: the one most confidence voted for; its confidence, the mean of those
/// votes times the share of all the weight they had.
fn tally(votes: HashMap<u32, HashMap<String, Tally>>) -> Decoded {
    votes
        .into_iter()
        .filter_map(|(key, readings)| {
            let total: f64 = readings.values().map(|t| t.weight).sum();
            let (text, t) = readings
                .into_iter()
                .max_by(|a, b| a.1.weight.total_cmp(&b.1.weight).then(b.0.cmp(&a.0)))?;
            // The font's own text alone: as sure as OCR's doubt line and a half.
            let mean = if t.votes == 0 {
                90.0
            } else {
                t.confidence / t.votes as f64
            };
            let confidence = mean * t.weight / total;
            Some((key, (text, confidence as f32, t.votes)))
        })
        .collect()
}

/// Matches what OCR read with the PDF's glyphs, page by page, and decodes every keyed glyph
/// by the reading its code was given most (weighted by the engine's confidence), across all
/// the pages. `first_word` numbers the glyphs no word of OCR's fell on.
pub fn decide(pages: &[Voted<'_>], first_word: u32) -> Decided {
    // Matched twice: by place alone, then by place and by what the first matching decoded
    // (a character read at a glyph whose code the other places read otherwise costs more),
    // which puts right a matching that slid by a character where the engine's boxes did.
    let mut decoded: Decoded = HashMap::new();
    let mut matched: Vec<Vec<Match>> = Vec::new();
    let mut shares: Vec<f64> = Vec::new();
    // The fonts whose own text OCR mostly read so where it matched their glyphs (found in
    // the first matching): their text is a vote.
    let mut agreeing: HashMap<u32, (usize, usize)> = HashMap::new();
    for round in 0..2 {
        if round == 1 {
            for (page, words) in pages.iter().zip(&matched) {
                for m in words {
                    for (&k, r) in m.glyphs.iter().zip(&m.readings) {
                        let c = &page.coded[k];
                        if let (Some(key), true, false) = (c.key, c.prior, r.is_empty()) {
                            let a = agreeing.entry(key >> 16).or_default();
                            a.0 += 1;
                            a.1 += usize::from(*r == c.glyph.text);
                        }
                    }
                }
            }
        }
        matched.clear();
        shares.clear();
        let mut votes: HashMap<u32, HashMap<String, Tally>> = HashMap::new();
        // The fonts' own text, once for each code.
        let agrees = |key: u32| {
            agreeing
                .get(&(key >> 16))
                .is_some_and(|&(n, same)| same * 2 > n)
        };
        for c in pages
            .iter()
            .flat_map(|p| p.coded.iter())
            .filter(|c| c.prior)
        {
            if let Some(key) = c.key.filter(|&k| agrees(k)) {
                let readings = votes.entry(key).or_default();
                if readings.is_empty() {
                    readings.insert(
                        c.glyph.text.clone(),
                        Tally {
                            weight: PRIOR,
                            votes: 0,
                            confidence: 0.0,
                        },
                    );
                }
            }
        }
        for page in pages {
            let (words, share) = match_words(page, &decoded);
            for m in &words {
                for (k, reading) in m.glyphs.iter().zip(&m.readings) {
                    if let (Some(key), false) = (page.coded[*k].key, reading.is_empty()) {
                        let t = votes
                            .entry(key)
                            .or_default()
                            .entry(reading.clone())
                            .or_default();
                        let c = f64::from(m.confidence);
                        t.weight += c.max(1.0);
                        t.votes += 1;
                        t.confidence += c;
                    }
                }
            }
            matched.push(words);
            shares.push(share);
        }
        decoded = tally(votes);
    }
    let mut out = Decided {
        pages: Vec::new(),
        changed: Vec::new(),
    };
    let mut fresh = first_word;
    for (p, page) in pages.iter().enumerate() {
        // The keyed glyphs OCR should read: not those narrower than a third of their size
        // (what a space, a thin space, is drawn with).
        let keyed: Vec<usize> = (0..page.coded.len())
            .filter(|&k| {
                let g = &page.coded[k].glyph;
                page.coded[k].key.is_some() && g.end - g.x >= g.size / 3.0
            })
            .collect();
        let given = keyed
            .iter()
            .filter(|&&k| {
                page.coded[k]
                    .key
                    .is_some_and(|key| decoded.contains_key(&key))
            })
            .count();
        if shares[p] < MATCHED || (given as f64) < MATCHED * keyed.len() as f64 {
            out.pages.push(None);
            continue;
        }
        // The word each glyph fell in, with the lowest confidence of the word's glyphs.
        let mut word_of: Vec<Option<u32>> = vec![None; page.coded.len()];
        for m in &matched[p] {
            for &k in &m.glyphs {
                word_of[k].get_or_insert(m.word);
            }
        }
        let text_of = |c: &Coded| -> Option<(String, Option<f32>)> {
            match c.key {
                Some(key) => decoded
                    .get(&key)
                    .map(|(t, conf, _)| (t.clone(), Some(*conf))),
                None => Some((c.glyph.text.clone(), None)),
            }
        };
        let mut glyphs: Vec<Glyph> = Vec::new();
        let mut lowest: HashMap<u32, f32> = HashMap::new();
        for (k, c) in page.coded.iter().enumerate() {
            let Some((text, confidence)) = text_of(c) else {
                continue;
            };
            if c.key.is_some() && text.trim().is_empty() {
                continue;
            }
            let ocr = confidence.map(|confidence| {
                let word = *word_of[k].get_or_insert_with(|| {
                    fresh = fresh.saturating_add(1);
                    fresh
                });
                let low = lowest.entry(word).or_insert(confidence);
                *low = low.min(confidence);
                OcrMark { word, confidence }
            });
            glyphs.push(Glyph {
                text,
                ocr,
                ..c.glyph.clone()
            });
        }
        for g in &mut glyphs {
            if let Some(mark) = g.ocr.as_mut() {
                mark.confidence = lowest.get(&mark.word).copied().unwrap_or(mark.confidence);
            }
        }
        // The words OCR read otherwise than the codes decode.
        for m in &matched[p] {
            let written: Option<String> = m
                .glyphs
                .iter()
                .map(|&k| text_of(&page.coded[k]).map(|t| t.0))
                .collect();
            let Some(written) = written else { continue };
            // The codes decoded otherwise than read here: how often each was read as decoded.
            let seen: Vec<usize> = m
                .glyphs
                .iter()
                .zip(&m.readings)
                .filter_map(|(&k, r)| {
                    let d = decoded.get(&page.coded[k].key?)?;
                    (&d.0 != r).then_some(d.2)
                })
                .collect();
            if let (Some(&seen), false) = (seen.iter().min(), written.trim() == m.text.trim()) {
                out.changed.push(Changed {
                    page: p,
                    y: m.y,
                    read: m.text.clone(),
                    written,
                    seen,
                });
            }
        }
        out.pages.push(Some(glyphs));
    }
    out
}

/// An OCR word matched with the glyphs it fell on.
struct Match {
    word: u32,
    confidence: f32,
    /// The word as read.
    text: String,
    /// Its baseline.
    y: f64,
    /// The glyphs from the first its characters fell on to the last, left to right, and
    /// what it read on each ("" for none: a glyph it read nothing for).
    glyphs: Vec<usize>,
    readings: Vec<String>,
}

/// The weight of the text a font's encoding gives a code ([`Coded::prior`]): about one
/// confident reading, so that OCR reading the code otherwise at two places or more outweighs
/// it (a glyph name that says another character), once not.
const PRIOR: f64 = 120.0;

/// Cost of leaving a character OCR read, or a glyph the PDF draws, unmatched.
const UNMATCHED: f64 = 1.0;
/// How far (in type sizes) the engine's boxes may put a character from its glyph at no cost:
/// Tesseract's boxes for Chinese are often most of a character off (measured on a page
/// printed by LibreOffice: up to 0.8 of the type's size).
const SLACK: f64 = 1.0;
/// Cost of matching a character with a glyph known to show another.
const DIFFERS: f64 = 0.6;

/// The OCR words of a page matched with the PDF's glyphs, line by line: the characters of an
/// OCR line with the glyphs of the PDF's line at its baseline, in order from left to right,
/// each with a glyph or with none (what OCR read in a rule, or twice; a glyph it did not
/// read) — the alignment that costs least, a match costing what its distance exceeds
/// [`SLACK`] by, and [`DIFFERS`] more when the glyph is known to show another character
/// (`decoded`). Returns the words and the share of what OCR read that fell on a glyph.
fn match_words(page: &Voted<'_>, decoded: &Decoded) -> (Vec<Match>, f64) {
    // The PDF's lines: glyphs on one baseline, left to right.
    let mut order: Vec<usize> = (0..page.coded.len())
        .filter(|&k| page.coded[k].key.is_some() || !page.coded[k].glyph.text.trim().is_empty())
        .collect();
    order.sort_by(|&a, &b| page.coded[a].glyph.y.total_cmp(&page.coded[b].glyph.y));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for k in order {
        let g = &page.coded[k].glyph;
        match rows.last_mut() {
            Some(row)
                if (g.y - page.coded[row[0]].glyph.y).abs()
                    < page.coded[row[0]].glyph.size.min(g.size) * 0.4 =>
            {
                row.push(k)
            }
            _ => rows.push(vec![k]),
        }
    }
    let centre = |g: &Glyph| (g.x + g.end) / 2.0;
    for row in &mut rows {
        row.sort_by(|&a, &b| centre(&page.coded[a].glyph).total_cmp(&centre(&page.coded[b].glyph)));
    }
    // OCR's characters by the PDF line they stand on.
    let read: Vec<&Glyph> = page
        .read
        .iter()
        .filter(|g| g.ocr.is_some() && !g.text.trim().is_empty())
        .collect();
    let mut on_row: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    for (i, c) in read.iter().enumerate() {
        let nearest = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let g = &page.coded[row[0]].glyph;
                (r, (g.y - c.y).abs(), g.size)
            })
            .filter(|&(_, d, size)| d < size * 0.6)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((r, ..)) = nearest {
            on_row[r].push(i);
        }
    }
    // Each character's glyph.
    let mut fell_on: Vec<Option<usize>> = vec![None; read.len()];
    for (row, chars) in rows.iter().zip(&mut on_row) {
        // In the engine's order within each word (its boxes for the characters of a word
        // can be far off; the order it read them in is not), the words by their left edges.
        let word_left = |i: usize| {
            let w = read[i].ocr.map(|m| m.word);
            chars
                .iter()
                .filter(|&&c| read[c].ocr.map(|m| m.word) == w)
                .map(|&c| read[c].x)
                .fold(f64::MAX, f64::min)
        };
        let lefts: HashMap<usize, f64> = chars.iter().map(|&i| (i, word_left(i))).collect();
        chars.sort_by(|&a, &b| lefts[&a].total_cmp(&lefts[&b]).then(a.cmp(&b)));
        let (n, m) = (chars.len(), row.len());
        if n == 0 {
            continue;
        }
        let cost = |i: usize, j: usize| {
            let c = &page.coded[row[j]];
            let apart = (centre(read[chars[i]]) - centre(&c.glyph)).abs() / c.glyph.size.max(0.5);
            // What the glyph is known to show: its text, or what its code was read as.
            let known = match c.key {
                Some(key) => decoded.get(&key).map(|d| d.0.as_str()),
                None => Some(c.glyph.text.as_str()),
            };
            // A glyph as wide as the character is not (a space for an ideograph).
            let width = (c.glyph.end - c.glyph.x) / c.glyph.size.max(0.5);
            let wide = read[chars[i]].text.chars().map(super::advance).sum::<f64>();
            let text = &read[chars[i]].text;
            // A glyph narrower than a third of the type (a space) shows at most a stroke.
            let narrow = width < 1.0 / 3.0 && !text.chars().all(|c| ".,:;'!|il`".contains(c));
            let differs =
                known.is_some_and(|k| k != text.as_str()) || (width - wide).abs() > 0.4 || narrow;
            (apart - SLACK).max(0.0) + apart * 0.05 + if differs { DIFFERS } else { 0.0 }
        };
        // d[i][j]: the least cost of the first i characters and j glyphs.
        let mut d = vec![vec![0.0f64; m + 1]; n + 1];
        for i in 0..=n {
            for j in 0..=m {
                d[i][j] = match (i, j) {
                    (0, _) | (_, 0) => (i + j) as f64 * UNMATCHED,
                    _ => (d[i - 1][j - 1] + cost(i - 1, j - 1))
                        .min(d[i - 1][j] + UNMATCHED)
                        .min(d[i][j - 1] + UNMATCHED),
                };
            }
        }
        let (mut i, mut j) = (n, m);
        while i > 0 && j > 0 {
            if d[i][j] == d[i - 1][j - 1] + cost(i - 1, j - 1) {
                fell_on[chars[i - 1]] = Some(row[j - 1]);
                i -= 1;
                j -= 1;
            } else if d[i][j] == d[i - 1][j] + UNMATCHED {
                i -= 1;
            } else {
                j -= 1;
            }
        }
    }
    let fell = fell_on.iter().filter(|f| f.is_some()).count();
    // The words: their characters, and the glyphs from the first they fell on to the last.
    let mut out: Vec<Match> = Vec::new();
    let mut i = 0;
    while i < read.len() {
        let word = read[i].ocr.map_or(0, |m| m.word);
        let mut end = i + 1;
        while end < read.len() && read[end].ocr.map(|m| m.word) == Some(word) {
            end += 1;
        }
        let on: Vec<(usize, usize)> = (i..end).filter_map(|c| Some((c, fell_on[c]?))).collect();
        if let (Some(&(_, first)), Some(&(_, last))) = (on.first(), on.last()) {
            // The glyphs between, on their row.
            let row = rows.iter().find(|r| r.contains(&first));
            let span: Vec<usize> = row
                .map(|r| {
                    let a = r.iter().position(|&k| k == first).unwrap_or(0);
                    let b = r.iter().position(|&k| k == last).unwrap_or(a);
                    r[a.min(b)..=a.max(b)].to_vec()
                })
                .unwrap_or_default();
            let readings = span
                .iter()
                .map(|&k| {
                    on.iter()
                        .filter(|&&(_, g)| g == k)
                        .map(|&(c, _)| read[c].text.as_str())
                        .collect::<String>()
                })
                .collect();
            out.push(Match {
                word,
                confidence: read[i].ocr.map_or(0.0, |m| m.confidence),
                text: read[i..end].iter().map(|g| g.text.as_str()).collect(),
                y: read[i].y,
                glyphs: span,
                readings,
            });
        }
        i = end;
    }
    let share = if read.is_empty() {
        0.0
    } else {
        fell as f64 / read.len() as f64
    };
    (out, share)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, text: &str, ocr: Option<(u32, f32)>) -> Glyph {
        Glyph {
            x,
            y,
            end: x + 16.0,
            size: 16.0,
            text: text.into(),
            ocr: ocr.map(|(word, confidence)| OcrMark { word, confidence }),
        }
    }

    #[test]
    fn keys_name_the_font_and_the_code() {
        // Three simple fonts, then two composite ones.
        let keys = Keys {
            simple: 3,
            composite: 2,
        };
        let text = |marker: u32, low: u32| {
            let (m, l) = (char::from_u32(MARKER + marker), char::from_u32(LOW + low));
            format!("{}{}", m.unwrap(), l.unwrap())
        };
        assert_eq!(keys.key_of(&text(0, 0x41)), Some(0x41));
        assert_eq!(keys.key_of(&text(2, 0xFF)), Some(2 << 16 | 0xFF));
        // Font 3, the first composite: markers 3–18; font 4: 19–34.
        assert_eq!(keys.key_of(&text(3 + 4, 0xE2D)), Some(3 << 16 | 0x4E2D));
        assert_eq!(keys.key_of(&text(19 + 15, 0xFFF)), Some(4 << 16 | 0xFFFF));
        assert_eq!(keys.key_of(&text(35, 0)), None);
        assert_eq!(keys.key_of("常"), None);
        assert_eq!(keys.key_of("ab"), None);
    }

    /// What the CMap parser pdf-extract uses makes of ours: every code its own key.
    #[test]
    fn the_cmap_gives_every_code_its_key() {
        // Font 5 of five simple fonts and one composite: its first marker 5.
        let keys = Keys {
            simple: 5,
            composite: 1,
        };
        for (composite, font, first) in [(false, 4, 4), (true, 5, 5)] {
            let map = adobe_cmap_parser::get_unicode_map(&to_unicode(first, composite)).unwrap();
            let codes: Vec<u32> = if composite {
                vec![0, 0x20, 0xFF, 0x100, 0x4E2D, 0xFFFF]
            } else {
                vec![0, 0x20, 0xFF]
            };
            for code in codes {
                let units: Vec<u16> = map[&code]
                    .chunks(2)
                    .map(|b| u16::from_be_bytes([b[0], b[1]]))
                    .collect();
                let text = String::from_utf16(&units).unwrap();
                assert_eq!(keys.key_of(&text), Some(font << 16 | code), "{code:X}");
            }
        }
    }

    /// 常 read right at two places and as 和铝 at a third: the third is written 常, and said.
    #[test]
    fn a_misreading_is_outvoted_by_the_same_code_read_elsewhere() {
        let key = |c: u32| Some(c);
        // Codes: 1 人, 2 大, 3 常, 4 委 (one font, key = code).
        let line = |y: f64, codes: &[u32]| -> Vec<Coded> {
            codes
                .iter()
                .enumerate()
                .map(|(i, &c)| Coded {
                    glyph: glyph(100.0 + 16.0 * i as f64, y, "\u{1}", None),
                    key: key(c),
                    prior: false,
                })
                .collect()
        };
        let mut coded = line(100.0, &[1, 2, 3, 4]);
        coded.extend(line(200.0, &[1, 2, 3, 4]));
        coded.extend(line(300.0, &[1, 2, 3, 4]));
        let word = |y: f64, n: u32, text: &str, conf: f32| -> Vec<Glyph> {
            let chars: Vec<char> = text.chars().collect();
            let w = 64.0 / chars.len() as f64;
            chars
                .iter()
                .enumerate()
                .map(|(i, c)| Glyph {
                    end: 100.0 + w * (i + 1) as f64,
                    ..glyph(
                        100.0 + w * i as f64,
                        y + 2.0,
                        &c.to_string(),
                        Some((n, conf)),
                    )
                })
                .collect()
        };
        let mut read = word(100.0, 0, "人大常委", 92.0);
        read.extend(word(200.0, 1, "人大常委", 90.0));
        read.extend(word(300.0, 2, "人大和铝委", 20.0));
        let d = decide(
            &[Voted {
                coded: &coded,
                read: &read,
            }],
            10,
        );
        let glyphs = d.pages[0].as_ref().expect("laid out from the codes");
        let text: String = glyphs.iter().map(|g| g.text.as_str()).collect();
        assert_eq!(text, "人大常委人大常委人大常委");
        assert_eq!(
            d.changed,
            [Changed {
                page: 0,
                y: 302.0,
                read: "人大和铝委".into(),
                written: "人大常委".into(),
                seen: 2
            }]
        );
        // The outvoted word keeps a confidence under the doubt line only if the votes split.
        assert!(glyphs.iter().all(|g| g.ocr.unwrap().confidence > 60.0));
    }

    /// Where OCR's words do not fall on the PDF's glyphs (another page's picture), its own
    /// words stand.
    #[test]
    fn unmatched_pages_keep_what_ocr_read() {
        let coded = vec![Coded {
            glyph: glyph(100.0, 100.0, "\u{1}", None),
            key: Some(1),
            prior: false,
        }];
        let read = vec![glyph(400.0, 600.0, "常", Some((0, 90.0)))];
        let d = decide(
            &[Voted {
                coded: &coded,
                read: &read,
            }],
            0,
        );
        assert!(d.pages[0].is_none());
    }
}
