//! Word documents (.docx): `word/document.xml` read paragraph by paragraph, in order,
//! including those inside tables and text boxes (mastheads are often laid out in a
//! borderless table or a text box), with alignment, bold and size (direct, or from the
//! paragraph's style), tabs (organ ⇥ date), paragraph borders (the red rule), list
//! numbering, tables and images with their descriptions.
//!
//! A table of one row or one column is layout (a masthead's organ | date, a boxed 要目) and is
//! read as paragraphs; a larger one is a table of the article.

use super::layout::{is_masthead_line, is_rule_text, join_words, Align, Located, Part};
use super::package::{self, El, Zip, MAX_DEPTH};
use super::{ImageFile, ImportError, ImportFault, Place};
use std::collections::HashMap;

/// What a Word document holds, in reading order.
pub struct Document {
    /// Paragraphs, tables, rules and images.
    pub parts: Vec<Located>,
    /// The images the parts point at (`image-1.png`…).
    pub images: Vec<ImageFile>,
}

/// Reads a .docx file.
pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    let mut zip = Zip::open(bytes)?;
    let Some(xml) = zip.text("word/document.xml")? else {
        let kind = match zip.text("mimetype")?.as_deref().map(str::trim) {
            Some("application/vnd.oasis.opendocument.text") => ImportFault::OpenDocument,
            _ if zip.has("xl/workbook.xml") => ImportFault::Excel,
            _ if zip.has("ppt/presentation.xml") => ImportFault::PowerPoint,
            _ => ImportFault::ZipWithoutDocument,
        };
        return Err(ImportError::file(kind));
    };
    let rels = match zip.text("word/_rels/document.xml.rels")? {
        Some(x) => relationships(&parse(&x, "word/_rels/document.xml.rels")?),
        None => HashMap::new(),
    };
    let styles = match zip.text("word/styles.xml")? {
        Some(x) => Styles::read(&parse(&x, "word/styles.xml")?),
        None => Styles::default(),
    };
    let numbering = match zip.text("word/numbering.xml")? {
        Some(x) => Numbering::read(&parse(&x, "word/numbering.xml")?),
        None => Numbering::default(),
    };
    let root = parse(&xml, "word/document.xml")?;
    let mut reader = Reader {
        numbering,
        styles,
        rels,
        zip,
        parts: Vec::new(),
        images: Vec::new(),
        paragraphs: 0,
    };
    if let Some(body) = root.find("w:body") {
        reader.blocks(body)?;
    }
    Ok(Document {
        parts: reader.parts,
        images: reader.images,
    })
}

/// The prefix this reader uses for a namespace, whatever the document binds it to (Word
/// writes `w:`, other programs may write `x:` or a default namespace); strict Office Open
/// XML's namespaces too.
fn prefix_of(ns: &[u8]) -> Option<&'static str> {
    Some(match ns {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        | b"http://purl.oclc.org/ooxml/wordprocessingml/main" => "w",
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
        | b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing" => "wp",
        b"http://schemas.openxmlformats.org/drawingml/2006/main"
        | b"http://purl.oclc.org/ooxml/drawingml/main" => "a",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        | b"http://purl.oclc.org/ooxml/officeDocument/relationships" => "r",
        b"http://schemas.openxmlformats.org/markup-compatibility/2006" => "mc",
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingShape" => "wps",
        b"http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" => "wpg",
        b"urn:schemas-microsoft-com:vml" => "v",
        // The package's relationships: plain names (Relationship, Id, Target).
        b"http://schemas.openxmlformats.org/package/2006/relationships" => "",
        _ => return None,
    })
}

/// Word's XML parsed with its namespaces as this reader spells them (`w:p` for any prefix
/// bound to WordprocessingML), within the limits of [`package::parse`].
fn parse(xml: &str, part: &str) -> Result<El, ImportError> {
    package::parse(xml, part, prefix_of)
}

/// A `w:val`-style on/off property: present and not "0"/"false"/"off".
trait OnOff {
    fn on(&self, name: &str) -> Option<bool>;
}

impl OnOff for El {
    fn on(&self, name: &str) -> Option<bool> {
        self.child(name)
            .map(|e| !matches!(e.attr("w:val"), Some("0" | "false" | "off" | "none")))
    }
}

/// Relationship id → target (relative to `word/`), for images.
fn relationships(root: &El) -> HashMap<String, String> {
    root.els()
        .filter(|e| e.name == "Relationship")
        .filter(|e| e.attr("TargetMode") != Some("External"))
        .filter_map(|e| Some((e.attr("Id")?.to_string(), e.attr("Target")?.to_string())))
        .collect()
}

/// Formatting a paragraph or run style gives, with what it is based on.
#[derive(Clone, Default, Debug)]
struct Style {
    based_on: Option<String>,
    align: Option<Align>,
    bold: Option<bool>,
    /// Half-points.
    size: Option<u32>,
    /// Numbering (numId, level) the style gives its paragraphs.
    num: Option<(String, u32)>,
    /// What the style's own id or name says its paragraphs are (Title, Subtitle).
    role: Option<Role>,
    /// Paragraph borders the style draws: (top, bottom).
    borders: Option<(bool, bool)>,
}

/// What a paragraph style says a paragraph is, by its id or name: Word's built-in Title and
/// Subtitle (pandoc's Word writer puts a document's title and subtitle in them, as many
/// templates put a masthead), pandoc's Author and Date under them; the names as Word and
/// WPS write them in Chinese too. A style based on one of them is one too (the nearest in
/// the chain wins: pandoc bases Subtitle on Title).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// The document's title: the bulletin's name.
    Title,
    /// A line under the title: the masthead.
    Subtitle,
}

impl Role {
    fn of(name: &str) -> Option<Role> {
        let name: String = name
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        match name.as_str() {
            "title" | "标题" | "標題" => Some(Role::Title),
            "subtitle" | "副标题" | "副標題" | "author" | "作者" | "date" | "日期" => {
                Some(Role::Subtitle)
            }
            _ => None,
        }
    }
}

/// Top and bottom paragraph borders that draw a line (`w:pBdr`); None without `w:pBdr`.
fn borders(ppr: &El) -> Option<(bool, bool)> {
    let b = ppr.child("w:pBdr")?;
    let side = |name: &str| {
        b.child(name)
            .is_some_and(|e| !matches!(e.attr("w:val"), Some("nil" | "none")))
    };
    Some((side("w:top"), side("w:bottom")))
}

#[derive(Default)]
struct Styles {
    styles: HashMap<String, Style>,
    default_size: Option<u32>,
    default_paragraph: Option<String>,
}

impl Styles {
    fn read(root: &El) -> Styles {
        let mut out = Styles {
            default_size: root
                .find("w:docDefaults")
                .and_then(|d| d.find("w:rPr"))
                .and_then(size),
            ..Styles::default()
        };
        for s in root.els().filter(|e| e.name == "w:style") {
            let Some(id) = s.attr("w:styleId") else {
                continue;
            };
            if s.attr("w:default").is_some_and(|d| d == "1" || d == "true")
                && s.attr("w:type") == Some("paragraph")
            {
                out.default_paragraph = Some(id.to_string());
            }
            let ppr = s.child("w:pPr");
            let rpr = s.child("w:rPr");
            out.styles.insert(
                id.to_string(),
                Style {
                    based_on: s
                        .child("w:basedOn")
                        .and_then(|b| b.attr("w:val"))
                        .map(str::to_string),
                    align: ppr.and_then(align),
                    bold: rpr.and_then(|r| r.on("w:b")),
                    size: rpr.and_then(size),
                    num: ppr.and_then(num_pr),
                    role: Role::of(id).or_else(|| {
                        s.child("w:name")
                            .and_then(|n| n.attr("w:val"))
                            .and_then(Role::of)
                    }),
                    borders: ppr.and_then(borders),
                },
            );
        }
        out
    }

    /// A style with what it inherits resolved.
    fn resolved(&self, id: Option<&str>) -> Style {
        let mut out = Style::default();
        let mut next = id
            .map(str::to_string)
            .or_else(|| self.default_paragraph.clone());
        let mut seen = 0;
        while let Some(id) = next.take() {
            let Some(s) = self.styles.get(&id) else {
                break;
            };
            out.align = out.align.or(s.align);
            out.bold = out.bold.or(s.bold);
            out.size = out.size.or(s.size);
            out.num = out.num.take().or_else(|| s.num.clone());
            out.role = out.role.or(s.role);
            out.borders = out.borders.or(s.borders);
            seen += 1;
            if seen < 32 {
                next = s.based_on.clone();
            }
        }
        out.size = out.size.or(self.default_size);
        out
    }
}

fn align(ppr: &El) -> Option<Align> {
    Some(match ppr.child("w:jc")?.attr("w:val")? {
        "center" => Align::Centre,
        "right" | "end" => Align::Right,
        _ => Align::Left,
    })
}

/// A paragraph's numbering: numId and level (`w:numPr`).
fn num_pr(ppr: &El) -> Option<(String, u32)> {
    let n = ppr.child("w:numPr")?;
    let id = n.child("w:numId")?.attr("w:val")?.to_string();
    let level = n
        .child("w:ilvl")
        .and_then(|l| l.attr("w:val"))
        .and_then(|l| l.parse().ok())
        .unwrap_or(0)
        .min(8);
    Some((id, level))
}

/// Word's list numbering (`word/numbering.xml`): what each numbered paragraph shows before
/// its text (一、 1. （1） ①…), counted as Word counts.
#[derive(Default)]
struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// (abstractNumId, level) → (format, text pattern such as "%1、", start).
    levels: HashMap<(String, u32), (String, String, u32)>,
    /// numId → the count at each level.
    counters: HashMap<String, [u32; 9]>,
    /// (numId, level) → the start a list sets over its abstract one (`w:startOverride`:
    /// Word's “set numbering value”, a list restarted at another number).
    starts: HashMap<(String, u32), u32>,
}

/// How a numbered paragraph reads.
enum Number {
    /// A bullet: a list item.
    Bullet,
    /// A number to put before the text.
    Text(String),
    /// Numbering switched off (numId 0), or a format that shows nothing.
    None,
}

impl Numbering {
    fn read(root: &El) -> Numbering {
        let mut out = Numbering::default();
        for e in root.els() {
            match e.name.as_str() {
                "w:abstractNum" => {
                    let Some(id) = e.attr("w:abstractNumId") else {
                        continue;
                    };
                    for lvl in e.els().filter(|l| l.name == "w:lvl") {
                        let level = lvl.attr("w:ilvl").and_then(|l| l.parse().ok()).unwrap_or(0);
                        let val = |name: &str| {
                            lvl.child(name)
                                .and_then(|c| c.attr("w:val"))
                                .map(str::to_string)
                        };
                        let start = val("w:start").and_then(|s| s.parse().ok()).unwrap_or(1);
                        out.levels.insert(
                            (id.to_string(), level),
                            (
                                val("w:numFmt").unwrap_or_else(|| "decimal".into()),
                                val("w:lvlText").unwrap_or_default(),
                                start,
                            ),
                        );
                    }
                }
                "w:num" => {
                    if let (Some(id), Some(abs)) = (
                        e.attr("w:numId"),
                        e.child("w:abstractNumId").and_then(|a| a.attr("w:val")),
                    ) {
                        out.nums.insert(id.to_string(), abs.to_string());
                        for o in e.els().filter(|o| o.name == "w:lvlOverride") {
                            let level = o.attr("w:ilvl").and_then(|l| l.parse().ok());
                            let start = o
                                .child("w:startOverride")
                                .and_then(|s| s.attr("w:val"))
                                .and_then(|v| v.parse().ok());
                            if let (Some(level), Some(start)) = (level, start) {
                                out.starts.insert((id.to_string(), level), start);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The number of the next paragraph of list `id` at `level`.
    fn next(&mut self, id: &str, level: u32) -> Number {
        if id == "0" {
            return Number::None;
        }
        let Some(abs) = self.nums.get(id).cloned() else {
            return Number::Bullet;
        };
        let Some((format, pattern, _)) = self.levels.get(&(abs.clone(), level)).cloned() else {
            return Number::Bullet;
        };
        match format.as_str() {
            "bullet" => return Number::Bullet,
            "none" => return Number::None,
            _ => {}
        }
        let counters = self.counters.entry(id.to_string()).or_default();
        let l = level as usize;
        let starts = &self.starts;
        let start = |lv: usize| {
            starts
                .get(&(id.to_string(), lv as u32))
                .copied()
                .unwrap_or_else(|| {
                    self.levels
                        .get(&(abs.clone(), lv as u32))
                        .map_or(1, |(_, _, s)| *s)
                })
        };
        counters[l] = if counters[l] == 0 {
            start(l)
        } else {
            // A counter started at u32::MAX stays there rather than overflow.
            counters[l].saturating_add(1)
        };
        for deeper in counters.iter_mut().skip(l + 1) {
            *deeper = 0;
        }
        let counts = *counters;
        let mut text = pattern;
        for k in (0..=l).rev() {
            let fmt = self
                .levels
                .get(&(abs.clone(), k as u32))
                .map_or("decimal", |(f, _, _)| f.as_str());
            let n = if counts[k] == 0 { start(k) } else { counts[k] };
            text = text.replace(&format!("%{}", k + 1), &number_text(n, fmt));
        }
        Number::Text(text)
    }
}

/// A number as a list format writes it.
fn number_text(n: u32, format: &str) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    let chinese = |n: u32| -> String {
        match n {
            0..=9 => DIGITS[n as usize].to_string(),
            10..=19 => format!(
                "十{}",
                if n > 10 {
                    DIGITS[(n % 10) as usize].to_string()
                } else {
                    String::new()
                }
            ),
            20..=99 => format!(
                "{}十{}",
                DIGITS[(n / 10) as usize],
                if !n.is_multiple_of(10) {
                    DIGITS[(n % 10) as usize].to_string()
                } else {
                    String::new()
                }
            ),
            _ => n.to_string(),
        }
    };
    // A counter started far out (a crafted w:start of 4,000,000,000) would spell millions of
    // letters or ms: past what a list shows (zzzz, mmmcmxcix) the number is written in digits.
    if matches!(format, "lowerLetter" | "upperLetter") && n > 26 * 4
        || matches!(format, "lowerRoman" | "upperRoman") && n > 3999
    {
        return n.to_string();
    }
    let letter = |n: u32, base: u8| -> String {
        let k = (n.max(1) - 1) % 26;
        let times = (n.max(1) - 1) / 26 + 1;
        std::iter::repeat_n(char::from(base + k as u8), times as usize).collect()
    };
    let roman = |mut n: u32| -> String {
        let mut s = String::new();
        for (v, r) in [
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ] {
            while n >= v {
                s.push_str(r);
                n -= v;
            }
        }
        s
    };
    match format {
        "chineseCounting" | "chineseCountingThousand" | "chineseLegalSimplified" => chinese(n),
        "ideographTraditional" if (1..=10).contains(&n) => "甲乙丙丁戊己庚辛壬癸"
            .chars()
            .nth(n as usize - 1)
            .map(String::from)
            .unwrap_or_default(),
        "lowerLetter" => letter(n, b'a'),
        "upperLetter" => letter(n, b'A'),
        "lowerRoman" => roman(n),
        "upperRoman" => roman(n).to_uppercase(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        _ => n.to_string(),
    }
}

fn size(rpr: &El) -> Option<u32> {
    rpr.child("w:sz")?.attr("w:val")?.parse().ok()
}

struct Reader<'a> {
    styles: Styles,
    rels: HashMap<String, String>,
    zip: Zip<'a>,
    parts: Vec<Located>,
    images: Vec<ImageFile>,
    /// Paragraphs met so far, for places.
    paragraphs: usize,
    numbering: Numbering,
}

/// What the runs of one paragraph hold.
#[derive(Default)]
struct Runs<'e> {
    text: String,
    /// Characters in bold / not bold (spaces aside).
    bold: usize,
    plain: usize,
    /// Largest size, half-points.
    size: u32,
    /// Images: relationship id and description.
    images: Vec<(String, String)>,
    /// Text boxes met inside the paragraph, read after it.
    boxes: Vec<&'e El>,
}

impl Reader<'_> {
    fn place(&self) -> Place {
        Place::Paragraph(self.paragraphs.max(1))
    }

    fn push(&mut self, part: Part) {
        let at = self.place();
        self.parts.push(Located { part, at });
    }

    /// Block-level content: paragraphs, tables, content controls.
    fn blocks(&mut self, parent: &El) -> Result<(), ImportError> {
        for el in parent.els() {
            match el.name.as_str() {
                "w:p" => self.paragraph(el)?,
                "w:tbl" => self.table(el)?,
                "w:sdt" => {
                    if let Some(content) = el.child("w:sdtContent") {
                        self.blocks(content)?;
                    }
                }
                "w:customXml" | "w:txbxContent" | "w:sdtContent" => self.blocks(el)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, p: &El) -> Result<(), ImportError> {
        self.paragraphs += 1;
        let ppr = p.child("w:pPr");
        let style = self.styles.resolved(
            ppr.and_then(|p| p.child("w:pStyle"))
                .and_then(|s| s.attr("w:val")),
        );
        let align = ppr.and_then(align).or(style.align).unwrap_or(Align::Left);
        let numbering = ppr.and_then(num_pr).or_else(|| style.num.clone());
        let number = match &numbering {
            Some((id, level)) => self.numbering.next(id, *level),
            None => Number::None,
        };
        let list = matches!(number, Number::Bullet);
        let mut runs = Runs::default();
        self.runs(p, &style, &mut runs);
        // Empty: nothing but spaces, also ideographic and zero-width ones.
        let empty = runs
            .text
            .chars()
            .all(|c| c.is_whitespace() || crate::text::is_space(c))
            && runs.images.is_empty()
            && runs.boxes.is_empty();
        // Borders set on the paragraph draw rules. A style's borders do on an empty
        // paragraph (a 红线 style); on text they are the style's look (an underlined
        // heading, the underline under a template's Title), not a rule between parts.
        let (top, bottom) = ppr
            .and_then(borders)
            .or(if empty { style.borders } else { None })
            .unwrap_or((false, false));
        // A paragraph that is only a line: empty with a border (a rule drawn as a
        // bordered empty paragraph), or a row of line characters (━━━━, ＊＊＊): one rule.
        if (empty && (top || bottom)) || is_rule_text(&runs.text) {
            self.push(Part::Rule);
            return Ok(());
        }
        if top {
            self.push(Part::Rule);
        }
        let at = self.place();
        // Text boxes anchored here come first: they stand above the anchor's text.
        for b in std::mem::take(&mut runs.boxes) {
            self.blocks(b)?;
        }
        let mut text = runs.text.trim_end_matches(['\n', ' ']).to_string();
        if let Number::Text(n) = number {
            if !text.trim().is_empty() {
                text.insert_str(0, &n);
            }
        }
        if !text.trim().is_empty() {
            let bold = runs.bold > 0 && runs.plain == 0;
            let size = runs.size as f32 / 2.0;
            let part = match style.role {
                Some(role) => Part::Masthead {
                    text,
                    title: role == Role::Title,
                    align,
                    size,
                },
                None => Part::Text {
                    text,
                    align,
                    size,
                    bold,
                    list,
                },
            };
            self.parts.push(Located { part, at });
        }
        for (id, alt) in std::mem::take(&mut runs.images) {
            self.image(&id, alt, at)?;
        }
        if bottom {
            self.push(Part::Rule);
        }
        Ok(())
    }

    /// Collects the text of runs under `el` (runs, hyperlinks, insertions, fields…).
    fn runs<'e>(&self, el: &'e El, style: &Style, out: &mut Runs<'e>) {
        for k in el.els() {
            match k.name.as_str() {
                "w:r" => self.run(k, style, out),
                // Deleted and moved-away text, and field codes' instructions, are not shown.
                "w:del" | "w:moveFrom" | "w:pPr" | "w:instrText" => {}
                "mc:AlternateContent" => {
                    if let Some(choice) = k.child("mc:Choice") {
                        self.runs(choice, style, out);
                    }
                }
                _ => self.runs(k, style, out),
            }
        }
    }

    fn run<'e>(&self, r: &'e El, style: &Style, out: &mut Runs<'e>) {
        let rpr = r.child("w:rPr");
        let bold = rpr
            .and_then(|r| r.on("w:b"))
            .or(style.bold)
            .unwrap_or(false);
        let sz = rpr.and_then(size).or(style.size).unwrap_or(21);
        let count = |s: &str, out: &mut Runs| {
            let n = s.chars().filter(|c| !c.is_whitespace()).count();
            if n > 0 {
                out.size = out.size.max(sz);
            }
            if bold {
                out.bold += n;
            } else {
                out.plain += n;
            }
        };
        for k in r.els() {
            match k.name.as_str() {
                "w:t" => {
                    let t = k.text();
                    count(&t, out);
                    out.text.push_str(&t);
                }
                "w:tab" | "w:ptab" => out.text.push('\t'),
                // A page break is no line of text.
                "w:br" | "w:cr" if k.attr("w:type") != Some("page") => out.text.push('\n'),
                "w:noBreakHyphen" => out.text.push('-'),
                // Ruby (注音): the base text, not the annotation above it.
                "w:ruby" => {
                    if let Some(base) = k.child("w:rubyBase") {
                        self.runs(base, style, out);
                    }
                }
                "w:sym" => {
                    if let Some(c) = k
                        .attr("w:char")
                        .and_then(|c| u32::from_str_radix(c, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| !('\u{F000}'..='\u{F0FF}').contains(c))
                    {
                        out.text.push(c);
                    }
                }
                "w:drawing" | "w:pict" | "w:object" | "mc:AlternateContent" => self.drawing(k, out),
                _ => {}
            }
        }
    }

    /// An inline or floating drawing: an image (with its description) or a text box.
    fn drawing<'e>(&self, el: &'e El, out: &mut Runs<'e>) {
        if el.name == "mc:AlternateContent" {
            // The same drawing twice: the modern form (mc:Choice) and a VML fallback.
            if let Some(choice) = el.child("mc:Choice") {
                for k in choice.els() {
                    self.drawing(k, out);
                }
            }
            return;
        }
        // Text boxes, all of them (a group holds several).
        let boxes = el.find_all("w:txbxContent");
        if !boxes.is_empty() {
            out.boxes.extend(boxes);
            return;
        }
        let descr = el
            .find("wp:docPr")
            .map(|d| {
                let descr = d.attr("descr").unwrap_or("").trim();
                if descr.is_empty() {
                    d.attr("title").unwrap_or("").trim().to_string()
                } else {
                    descr.to_string()
                }
            })
            .or_else(|| {
                el.find("v:shape")
                    .and_then(|s| s.attr("alt"))
                    .map(str::to_string)
            })
            .unwrap_or_default();
        let id = el
            .find("a:blip")
            .and_then(|b| b.attr("r:embed"))
            .or_else(|| el.find("v:imagedata").and_then(|i| i.attr("r:id")));
        if let Some(id) = id {
            out.images.push((id.to_string(), descr));
        }
    }

    /// Writes an image part (the picture itself goes to [`Document::images`]).
    fn image(&mut self, id: &str, alt: String, at: Place) -> Result<(), ImportError> {
        let Some(target) = self.rels.get(id).cloned() else {
            return Ok(());
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("word/{target}"),
        };
        let Some(bytes) = self.zip.bytes(&path)? else {
            return Err(ImportError {
                place: Some(at),
                kind: ImportFault::MissingImage { target },
            });
        };
        let Some(ext) = image_type(&bytes) else {
            // EMF/WMF and the like: browsers cannot show them. Kept as text.
            let ext = path.rsplit('.').next().unwrap_or("?").to_lowercase();
            let text = if alt.is_empty() {
                format!("［图片：{ext} 格式，网页无法显示］")
            } else {
                format!("［图片：{alt}］")
            };
            self.parts.push(Located {
                part: Part::Text {
                    text,
                    align: Align::Centre,
                    size: 0.0,
                    bold: false,
                    list: false,
                },
                at,
            });
            return Ok(());
        };
        let name = format!("image-{}.{ext}", self.images.len() + 1);
        self.images.push(ImageFile {
            name: name.clone(),
            bytes,
        });
        self.parts.push(Located {
            part: Part::Image { src: name, alt },
            at,
        });
        Ok(())
    }

    fn table(&mut self, tbl: &El) -> Result<(), ImportError> {
        let rows: Vec<&El> = tbl.els().filter(|e| e.name == "w:tr").collect();
        let width = rows
            .iter()
            .map(|r| r.els().filter(|c| c.name == "w:tc").count())
            .max()
            .unwrap_or(0);
        if rows.len() < 2 || width < 2 {
            return self.layout_table(&rows);
        }
        let at = Place::Paragraph(self.paragraphs + 1);
        let mut cells_rows = Vec::new();
        for r in &rows {
            let mut row = Vec::new();
            for tc in r.els().filter(|c| c.name == "w:tc") {
                let tcpr = tc.child("w:tcPr");
                let continued = tcpr
                    .and_then(|p| p.child("w:vMerge"))
                    .is_some_and(|m| m.attr("w:val") != Some("restart"));
                let span = tcpr
                    .and_then(|p| p.child("w:gridSpan"))
                    .and_then(|s| s.attr("w:val"))
                    .and_then(|s| s.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 64);
                let text = self.cell_text(tc);
                row.push(if continued { String::new() } else { text });
                row.extend(std::iter::repeat_n(String::new(), span - 1));
            }
            cells_rows.push(row);
        }
        let first = rows[0];
        let header = first
            .child("w:trPr")
            .and_then(|p| p.on("w:tblHeader"))
            .unwrap_or(false)
            || self.all_bold(first);
        self.parts.push(Located {
            part: Part::Table {
                rows: cells_rows,
                header,
            },
            at,
        });
        Ok(())
    }

    /// A cell's paragraphs as one text (counted as paragraphs for places), also those of
    /// tables and content controls inside it.
    fn cell_text(&mut self, tc: &El) -> String {
        let mut lines = Vec::new();
        self.cell_lines(tc, &mut lines, 0);
        lines.join("\n")
    }

    fn cell_lines(&mut self, el: &El, lines: &mut Vec<String>, depth: usize) {
        for e in el.els() {
            match e.name.as_str() {
                "w:p" => {
                    self.paragraphs += 1;
                    let mut runs = Runs::default();
                    self.runs(e, &Style::default(), &mut runs);
                    let t = runs.text.trim().to_string();
                    if !t.is_empty() {
                        lines.push(t);
                    }
                }
                "w:tbl" | "w:tr" | "w:tc" | "w:sdt" | "w:sdtContent" | "w:customXml"
                    if depth < MAX_DEPTH =>
                {
                    self.cell_lines(e, lines, depth + 1)
                }
                _ => {}
            }
        }
    }

    fn all_bold(&self, row: &El) -> bool {
        let mut runs = Runs::default();
        for tc in row.els().filter(|c| c.name == "w:tc") {
            for p in tc.els().filter(|e| e.name == "w:p") {
                let style = self.styles.resolved(
                    p.child("w:pPr")
                        .and_then(|p| p.child("w:pStyle"))
                        .and_then(|s| s.attr("w:val")),
                );
                self.runs(p, &style, &mut runs);
            }
        }
        runs.bold > 0 && runs.plain == 0
    }

    /// A table used for layout: a row whose cells each hold one line is one line with the
    /// cells set apart (organ ⇥ date); otherwise the cells' paragraphs in order. A cell
    /// too narrow for its field, wrapped over lines or paragraphs (湖南省人民代表大会常务委员会
    /// ↵ 办公厅编), holds one line when its lines together read as one masthead field and
    /// not each alone.
    fn layout_table(&mut self, rows: &[&El]) -> Result<(), ImportError> {
        for r in rows {
            let cells: Vec<&El> = r.els().filter(|c| c.name == "w:tc").collect();
            let lines: Vec<Vec<String>> = cells.iter().map(|c| self.cell_lines_of(c)).collect();
            let one_line = lines.iter().filter(|l| !l.is_empty()).count() > 1
                && lines.iter().all(|l| l.len() <= 1);
            if !one_line {
                for c in &cells {
                    self.blocks(c)?;
                }
                continue;
            }
            let at = Place::Paragraph(self.paragraphs + 1);
            let mut size = 0u32;
            for c in &cells {
                for p in c.els().filter(|e| e.name == "w:p") {
                    self.paragraphs += 1;
                    let style = self.styles.resolved(
                        p.child("w:pPr")
                            .and_then(|p| p.child("w:pStyle"))
                            .and_then(|s| s.attr("w:val")),
                    );
                    let mut runs = Runs::default();
                    self.runs(p, &style, &mut runs);
                    size = size.max(runs.size);
                }
            }
            let texts: Vec<String> = lines.into_iter().flatten().collect();
            self.parts.push(Located {
                part: Part::Text {
                    text: texts.join("\t"),
                    align: Align::Left,
                    size: size as f32 / 2.0,
                    bold: false,
                    list: false,
                },
                at,
            });
        }
        Ok(())
    }

    /// A layout cell's paragraphs with text, as one line when their lines (paragraphs and
    /// line breaks) are a masthead field wrapped.
    fn cell_lines_of(&self, cell: &El) -> Vec<String> {
        let mut paragraphs: Vec<String> = Vec::new();
        for p in cell.els().filter(|p| p.name == "w:p") {
            let mut runs = Runs::default();
            self.runs(p, &Style::default(), &mut runs);
            let t = runs.text.trim().to_string();
            if !t.is_empty() {
                paragraphs.push(t);
            }
        }
        let lines: Vec<&str> = paragraphs
            .iter()
            .flat_map(|p| p.lines())
            .map(|l| l.trim_matches(crate::text::is_space))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() > 1 {
            let mut joined = String::new();
            for l in &lines {
                join_words(&mut joined, l);
            }
            if is_masthead_line(&joined) && !lines.iter().all(|l| is_masthead_line(l)) {
                return vec![joined];
            }
        }
        paragraphs
    }
}

/// The file extension for an image the browser can show, by its first bytes.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {

    /// A counter started at 4,000,000,000 is written in digits, not as millions of letters
    /// (#33: a 38 KB file took 4.8 GB).
    #[test]
    fn a_huge_list_number_stays_short() {
        for format in ["lowerLetter", "upperLetter", "lowerRoman", "upperRoman"] {
            assert_eq!(number_text(4_000_000_000, format), "4000000000", "{format}");
        }
        assert_eq!(number_text(28, "lowerLetter"), "bb");
        assert_eq!(number_text(104, "lowerLetter"), "zzzz");
        assert_eq!(number_text(3999, "upperRoman"), "MMMCMXCIX");
    }

    use super::*;

    #[test]
    fn masthead_styles_by_id_or_name_through_based_on() {
        for n in ["Title", "title", "标题", "標題"] {
            assert_eq!(Role::of(n), Some(Role::Title), "{n}");
        }
        for n in ["Subtitle", "副标题", "Author", "Date"] {
            assert_eq!(Role::of(n), Some(Role::Subtitle), "{n}");
        }
        for n in ["标题 1", "Heading1", "Normal", "TitleChar"] {
            assert_eq!(Role::of(n), None, "{n}");
        }
        let xml = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>
              <w:pPr><w:pBdr><w:bottom w:val="single"/></w:pBdr></w:pPr></w:style>
            <w:style w:type="paragraph" w:styleId="Subtitle"><w:basedOn w:val="Title"/></w:style>
            <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="报头"/><w:basedOn w:val="Title"/></w:style>
            <w:style w:type="paragraph" w:styleId="a6"><w:name w:val="红线"/>
              <w:pPr><w:pBdr><w:top w:val="nil"/><w:bottom w:val="single"/></w:pBdr></w:pPr></w:style>
            </w:styles>"#;
        let styles = Styles::read(&parse(xml, "word/styles.xml").unwrap());
        // The nearest in the chain wins: pandoc bases Subtitle on Title.
        assert_eq!(styles.resolved(Some("Subtitle")).role, Some(Role::Subtitle));
        assert_eq!(styles.resolved(Some("a5")).role, Some(Role::Title));
        assert_eq!(styles.resolved(Some("a6")).role, None);
        assert_eq!(styles.resolved(Some("a6")).borders, Some((false, true)));
        assert_eq!(styles.resolved(Some("a5")).borders, Some((false, true)));
    }
}
