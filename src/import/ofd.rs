//! OFD files (GB/T 33190-2016, the national fixed-layout format): a zip package of XML parts,
//! read as the standard lays it out — `OFD.xml` names the document (`DocBody/DocRoot`), the
//! document (`Document.xml`) its pages, templates and resources, each page (`Content.xml`) its
//! layers of text, image and path objects — and its positioned text handed to the layout step
//! the PDF reader uses ([`super::positioned`]): reading order, centred and large lines,
//! tables.
//!
//! - Text: each `TextObject`'s `TextCode`s with their `X`/`Y` and `DeltaX`/`DeltaY` (the `g`
//!   shorthand expanded, never past the code's characters), through the object's `CTM`, in its
//!   `Boundary`; the size from `Size` (millimetres). Where no `DeltaX` is given, characters
//!   advance by their usual width ([`super::ocr::advance`]), the fonts' metrics not being read.
//! - Templates (`TemplatePage`, the pages' `Template`) and every layer (`Body`, `Background`,
//!   `Foreground`) are read, `PageBlock`s inside them too: what a page shows is read whatever
//!   part draws it.
//! - Runs of text one producer overprints (each given its whole line's box, so that they
//!   start at one place) are read in the order drawn, spread over the box they share.
//! - A page with no text but a picture (a scan saved as OFD) goes to OCR like a PDF's, the
//!   picture read in the frame it fills; a page whose text objects carry glyph numbers only
//!   (no characters) too when it has a picture, and is said as such when it has none.
//! - Names are resolved by namespace URI: the standard's `http://www.ofdspec.org/2016`, and
//!   the one the `easyofd` library (PyPI) writes instead; any prefix. Part names are resolved
//!   against the part that names them, `/` from the package's root, and one that leads out
//!   of the package is refused.
//!
//! Limits are those of a Word file ([`super::package`]: parts and the whole inflated within
//! caps, XML elements, nesting, attributes, namespaces and references counted), and a PDF's
//! pages and characters ([`super::pdf_budget::MAX_PAGES`], [`MAX_GLYPHS`]).

use super::layout::Located;
use super::ocr::{self, Need, Ocr, OcrMode, OcrReport, PageImage};
use super::package::{self, El, Zip};
use super::pdf_budget::{MAX_GLYPHS, MAX_PAGES};
use super::positioned::{Glyph, Page};
use super::{ImportError, ImportFault, PdfBudget};
use std::collections::HashMap;

/// The standard's namespace.
const OFD_NAMESPACE: &[u8] = b"http://www.ofdspec.org/2016";
/// The namespace the `easyofd` library (PyPI) writes its OFD files in.
const EASYOFD_NAMESPACE: &[u8] = b"http://blog.yuanhaiying.cn";
/// Points per millimetre: OFD measures in millimetres, the layout step in points.
const PT_PER_MM: f64 = 72.0 / 25.4;

fn prefix_of(ns: &[u8]) -> Option<&'static str> {
    match ns {
        OFD_NAMESPACE | EASYOFD_NAMESPACE => Some("ofd"),
        _ => None,
    }
}

/// Whether a zip package is an OFD file: it has the entry `OFD.xml`.
pub fn is_ofd(zip: &Zip<'_>) -> bool {
    zip.has("OFD.xml")
}

/// Reads an OFD file into parts, in reading order, and what OCR read of it.
pub fn read(
    bytes: &[u8],
    ocr: &mut Ocr<'_>,
) -> Result<(Vec<Located>, Option<OcrReport>), ImportError> {
    let mut package = Package {
        zip: Zip::open(bytes)?,
        parsed: 0,
    };
    let entry = package.xml("OFD.xml", "OFD.xml")?;
    let root_loc = entry
        .find("ofd:DocBody")
        .and_then(|b| b.child("ofd:DocRoot"))
        .map(|e| e.text().trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ImportError::file(ImportFault::OfdWithoutDocument))?;
    let doc_path = resolve("", &root_loc, "OFD.xml")?;
    let document = package.xml(&doc_path, "OFD.xml")?;
    let doc_dir = dir_of(&doc_path);

    let common = document.child("ofd:CommonData");
    let default_box = common
        .and_then(|c| c.child("ofd:PageArea"))
        .and_then(page_box);
    // Resources: fonts (for their names) and pictures (for OCR).
    let mut media: HashMap<String, String> = HashMap::new();
    if let Some(common) = common {
        for res in common
            .els()
            .filter(|e| e.name == "ofd:PublicRes" || e.name == "ofd:DocumentRes")
        {
            let res_path = resolve(&doc_dir, res.text().trim(), &doc_path)?;
            let Some(xml) = package.xml_if_present(&res_path)? else {
                continue;
            };
            let base = match xml.attr("BaseLoc") {
                Some(b) => resolve(&dir_of(&res_path), b, &res_path)?,
                None => dir_of(&res_path),
            };
            for m in xml.find_all("ofd:MultiMedia") {
                if let (Some(id), Some(file)) = (m.attr("ID"), m.child("ofd:MediaFile")) {
                    let path = resolve(&base, file.text().trim(), &res_path)?;
                    media.insert(id.to_string(), path);
                }
            }
        }
    }
    let templates: HashMap<String, String> = common
        .map(|c| {
            c.els()
                .filter(|e| e.name == "ofd:TemplatePage")
                .filter_map(|t| Some((t.attr("ID")?.to_string(), t.attr("BaseLoc")?.to_string())))
                .collect()
        })
        .unwrap_or_default();

    let page_refs: Vec<String> = document
        .child("ofd:Pages")
        .map(|p| {
            p.els()
                .filter(|e| e.name == "ofd:Page")
                .filter_map(|e| e.attr("BaseLoc").map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if page_refs.len() > MAX_PAGES {
        return Err(over(PdfBudget::Pages, MAX_PAGES as u64));
    }
    let mut pages: Vec<Page> = Vec::new();
    let mut found: Vec<PageFound> = Vec::new();
    let mut glyphs = 0usize;
    // A template's objects, read once however many pages use it.
    let mut template_objects: HashMap<String, Vec<Object>> = HashMap::new();
    for loc in &page_refs {
        let path = resolve(&doc_dir, loc, &doc_path)?;
        let page_xml = package.xml(&path, &doc_path)?;
        let (width, height) = page_xml
            .child("ofd:Area")
            .and_then(page_box)
            .or(default_box)
            .unwrap_or((210.0, 297.0));
        let mut objects = Vec::new();
        // Templates under the page (ZOrder Background, the default) and over it.
        let mut over_page = Vec::new();
        for t in page_xml.els().filter(|e| e.name == "ofd:Template") {
            let Some(id) = t.attr("TemplateID") else {
                continue;
            };
            let Some(tloc) = templates.get(id) else {
                continue;
            };
            if !template_objects.contains_key(id) {
                let tpath = resolve(&doc_dir, tloc, &doc_path)?;
                let txml = package.xml(&tpath, &doc_path)?;
                let mut read = Vec::new();
                if let Some(content) = txml.child("ofd:Content") {
                    collect(content, &mut read, &mut glyphs)?;
                }
                template_objects.insert(id.to_string(), read);
            }
            let read = template_objects.get(id).cloned().unwrap_or_default();
            if t.attr("ZOrder") == Some("Foreground") {
                over_page.extend(read);
            } else {
                objects.extend(read);
            }
        }
        if let Some(content) = page_xml.child("ofd:Content") {
            collect(content, &mut objects, &mut glyphs)?;
        }
        objects.extend(over_page);
        let (page, page_found) = place(objects, width, height, &media);
        pages.push(page);
        found.push(page_found);
    }

    let mut pictures: Vec<(usize, Need, Vec<u8>, Frame)> = Vec::new();
    let mut missing_picture: Option<(usize, Need)> = None;
    for (i, (page, f)) in pages.iter().zip(&found).enumerate() {
        let need = match ocr.mode {
            OcrMode::Always => Some(Need::Asked),
            _ => match ocr::page_need(page, f.codes_without_text) {
                Some(Need::NoText) if f.picture.is_none() => None,
                need => need,
            },
        };
        let Some(need) = need else { continue };
        match &f.picture {
            Some((path, frame)) => {
                let bytes = package
                    .zip
                    .bytes(path)?
                    .ok_or_else(|| missing(path, &doc_path))?;
                pictures.push((i, need, bytes, *frame));
            }
            None => missing_picture = missing_picture.or(Some((i, need))),
        }
    }
    let mut todo: Vec<ocr::ToRead<'_>> = Vec::new();
    for (i, need, bytes, frame) in &pictures {
        todo.push(ocr::ToRead {
            page: *i,
            need: *need,
            image: Some((PageImage::Picture { bytes }, *frame)),
        });
    }
    if let Some((i, need)) = missing_picture {
        todo.push(ocr::ToRead {
            page: i,
            need,
            image: None,
        });
        todo.sort_by_key(|t| t.page);
    }
    ocr::read_pages(pages, todo, ocr, None)
}

/// The package and the XML parts read from it.
struct Package<'a> {
    zip: Zip<'a>,
    /// Parts parsed: each is capped on its own, their number by the pages'.
    parsed: usize,
}

impl Package<'_> {
    /// A part parsed, named in `named_in`: a fault when it is missing.
    fn xml(&mut self, path: &str, named_in: &str) -> Result<El, ImportError> {
        self.xml_if_present(path)?
            .ok_or_else(|| missing(path, named_in))
    }

    fn xml_if_present(&mut self, path: &str) -> Result<Option<El>, ImportError> {
        self.parsed += 1;
        if self.parsed > 2 * MAX_PAGES + 64 {
            return Err(over(PdfBudget::Pages, MAX_PAGES as u64));
        }
        let Some(text) = self.zip.text(path)? else {
            return Ok(None);
        };
        let mut root = package::parse(&text, path, prefix_of)?;
        // A part written with no namespace at all is read as OFD; one in another namespace
        // is not OFD.
        if !root.name.starts_with("ofd:") {
            if root.name.contains(':') {
                return Err(ImportError::file(ImportFault::OfdNotOfd {
                    part: path.to_string(),
                }));
            }
            unprefixed_as_ofd(&mut root);
        }
        Ok(Some(root))
    }
}

/// Names with no namespace read as the standard's (a producer that declares none).
fn unprefixed_as_ofd(el: &mut El) {
    if !el.name.contains(':') {
        el.name = format!("ofd:{}", el.name);
    }
    for kid in &mut el.kids {
        if let package::Node::El(e) = kid {
            unprefixed_as_ofd(e);
        }
    }
}

fn missing(part: &str, named_in: &str) -> ImportError {
    ImportError::file(ImportFault::OfdMissingPart {
        part: part.to_string(),
        named_in: named_in.to_string(),
    })
}

fn over(what: PdfBudget, limit: u64) -> ImportError {
    ImportError::file(ImportFault::OfdOverBudget { what, limit })
}

/// The folder of a part (`Doc_0/` for `Doc_0/Document.xml`).
fn dir_of(path: &str) -> String {
    match path.rfind('/') {
        Some(i) => path[..=i].to_string(),
        None => String::new(),
    }
}

/// A part name (`ST_Loc`) resolved against the folder `dir` of the part `named_in` that names
/// it: `/` starts from the package's root; `.` and `..` are followed, and a name that leads
/// out of the package is refused. Backslashes, which some producers write, separate too.
fn resolve(dir: &str, loc: &str, named_in: &str) -> Result<String, ImportError> {
    let loc = loc.trim().replace('\\', "/");
    let start = if loc.starts_with('/') { "" } else { dir };
    let mut parts: Vec<&str> = Vec::new();
    for piece in start.split('/').chain(loc.split('/')) {
        match piece {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(ImportError::file(ImportFault::OfdPathOutside {
                        path: crate::text::excerpt(&loc, 200),
                        named_in: named_in.to_string(),
                    }));
                }
            }
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

/// `PhysicalBox` of an area: width and height, millimetres.
fn page_box(area: &El) -> Option<(f64, f64)> {
    let b = numbers(&area.child("ofd:PhysicalBox")?.text());
    match b.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((*w, *h)),
        _ => None,
    }
}

/// Numbers separated by spaces.
fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace()
        .filter_map(|n| n.parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .collect()
}

/// What a page shows, in the order drawn.
#[derive(Clone, Debug)]
enum Object {
    /// A run of text: one `TextCode`, its characters placed (millimetres, on the page).
    Text(Run),
    /// Glyph codes with no characters (a `TextCode` that is empty but for its glyphs).
    Codes(usize),
    /// A picture: its resource and the frame it fills (x, y, width, height, millimetres).
    Picture(String, (f64, f64, f64, f64)),
}

/// A page's objects read: what OCR needs to know.
struct PageFound {
    codes_without_text: usize,
    /// The largest picture, when it covers most of the page: its part and frame (points).
    picture: Option<(String, (f64, f64, f64, f64))>,
}

/// The objects of a `Content` (its layers, and the blocks inside them), in order.
fn collect(content: &El, out: &mut Vec<Object>, glyphs: &mut usize) -> Result<(), ImportError> {
    for el in content.els() {
        match el.name.as_str() {
            "ofd:Layer" | "ofd:PageBlock" => collect(el, out, glyphs)?,
            "ofd:TextObject" => text_object(el, out, glyphs)?,
            "ofd:ImageObject" => {
                if let (Some(id), [x, y, w, h]) = (
                    el.attr("ResourceID"),
                    numbers(el.attr("Boundary").unwrap_or("")).as_slice(),
                ) {
                    out.push(Object::Picture(id.to_string(), (*x, *y, *w, *h)));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The affine matrix `a b c d e f` of a `CTM`, identity when absent or unreadable.
fn matrix(ctm: Option<&str>) -> [f64; 6] {
    match ctm.map(numbers).as_deref() {
        Some([a, b, c, d, e, f]) => [*a, *b, *c, *d, *e, *f],
        _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    }
}

/// `DeltaX`/`DeltaY`: numbers, `g N d` standing for `d` repeated `N` times, expanded to at
/// most `max` values (the characters that follow the first).
fn deltas(text: Option<&str>, max: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut words = text.unwrap_or("").split_whitespace();
    while out.len() < max {
        let Some(w) = words.next() else { break };
        if w == "g" {
            let n = words
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0);
            let d = words
                .next()
                .and_then(|d| d.parse::<f64>().ok())
                .unwrap_or(0.0);
            let n = n.min(max - out.len());
            out.extend(std::iter::repeat_n(d, n));
        } else if let Ok(d) = w.parse::<f64>() {
            out.push(d);
        }
    }
    out
}

/// The characters of a `TextObject`, placed on the page.
fn text_object(el: &El, out: &mut Vec<Object>, glyphs: &mut usize) -> Result<(), ImportError> {
    let Some([bx, by, bw, _]) = numbers(el.attr("Boundary").unwrap_or(""))
        .get(..4)
        .and_then(|b| <[f64; 4]>::try_from(b).ok())
    else {
        return Ok(());
    };
    let size = el
        .attr("Size")
        .or_else(|| el.attr("size"))
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(3.5);
    let [a, b, c, d, e, f] = matrix(el.attr("CTM"));
    // The size on the page: the matrix's scale.
    let scale = (a * d - b * c).abs().sqrt();
    let scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let page = |x: f64, y: f64| (bx + a * x + c * y + e, by + b * x + d * y + f);
    let (mut x, mut y) = (0.0f64, 0.0f64);
    for code in el.els().filter(|e| e.name == "ofd:TextCode") {
        let chars: Vec<char> = code.text().chars().collect();
        if let Some(v) = code.attr("X").and_then(|v| v.trim().parse::<f64>().ok()) {
            x = v;
        }
        if let Some(v) = code.attr("Y").and_then(|v| v.trim().parse::<f64>().ok()) {
            y = v;
        }
        if chars.iter().all(|c| c.is_whitespace()) {
            // Glyphs drawn from glyph numbers (CGTransform) with no characters to read.
            let drawn = el
                .els()
                .filter(|e| e.name == "ofd:CGTransform")
                .filter_map(|t| t.attr("GlyphCount").and_then(|n| n.parse::<usize>().ok()))
                .sum::<usize>();
            if drawn > 0 {
                out.push(Object::Codes(drawn.min(MAX_GLYPHS)));
            }
            continue;
        }
        *glyphs += chars.len();
        if *glyphs > MAX_GLYPHS {
            return Err(over(PdfBudget::Glyphs, MAX_GLYPHS as u64));
        }
        let given = code.attr("DeltaX").is_some();
        let dx = deltas(code.attr("DeltaX"), chars.len().saturating_sub(1));
        let dy = deltas(code.attr("DeltaY"), chars.len().saturating_sub(1));
        let mut run = Vec::with_capacity(chars.len());
        for (i, &ch) in chars.iter().enumerate() {
            let step = dx
                .get(i)
                .copied()
                .unwrap_or_else(|| size * ocr::advance(ch));
            let (px, py) = page(x, y);
            run.push((px, py, step * a.hypot(b), size * scale, ch));
            x += step;
            y += dy.get(i).copied().unwrap_or(0.0);
        }
        // Advances estimated (no DeltaX) that overrun the object's box are too wide: the
        // text is drawn within its Boundary, so the run is narrowed to fit it.
        let unrotated = a > 0.0 && b == 0.0 && c == 0.0;
        if let (false, true, Some(first), Some(last)) = (given, unrotated, run.first(), run.last())
        {
            let (start, end) = (first.0, last.0 + last.2);
            let right = bx + bw;
            if end > right && right > start {
                let k = (right - start) / (end - start);
                for g in &mut run {
                    g.0 = start + (g.0 - start) * k;
                    g.2 *= k;
                }
            }
        }
        out.push(Object::Text(run));
    }
    Ok(())
}

/// A page's objects as glyphs (points), runs that overprint each other read in the order
/// drawn; what OCR needs to know of the page.
fn place(
    objects: Vec<Object>,
    width: f64,
    height: f64,
    media: &HashMap<String, String>,
) -> (Page, PageFound) {
    let mut runs: Vec<Run> = Vec::new();
    let mut codes_without_text = 0;
    let mut picture: Option<(String, (f64, f64, f64, f64))> = None;
    let mut picture_area = 0.0;
    for o in objects {
        match o {
            Object::Text(run) => runs.push(run),
            Object::Codes(n) => codes_without_text += n,
            Object::Picture(id, (x, y, w, h)) => {
                let area = w.abs() * h.abs();
                if let Some(path) = media.get(&id) {
                    // The picture that covers most of the page is the page (a scan).
                    if area > picture_area && area >= 0.5 * width * height {
                        picture_area = area;
                        let pt = |v: f64| v * PT_PER_MM;
                        picture = Some((path.clone(), (pt(x), pt(y), pt(w), pt(h))));
                    }
                }
            }
        }
    }
    let runs = unoverprint(runs);
    let mut glyphs = Vec::new();
    for run in runs {
        for (x, y, advance, size, ch) in run {
            let pt = |v: f64| v * PT_PER_MM;
            glyphs.push(Glyph {
                x: pt(x),
                y: pt(y),
                end: pt(x + advance),
                size: pt(size),
                text: ch.to_string(),
                ocr: None,
            });
        }
    }
    (
        Page {
            width: width * PT_PER_MM,
            height: height * PT_PER_MM,
            glyphs,
        },
        PageFound {
            codes_without_text,
            picture,
        },
    )
}

/// A character placed on the page: x, y (its baseline), advance, size (millimetres), and
/// the character.
type Placed = (f64, f64, f64, f64, char);

/// A run of text: one `TextCode`'s characters.
type Run = Vec<Placed>;

/// Where a picture stands: x, y, width, height.
type Frame = (f64, f64, f64, f64);

/// Runs on one baseline whose extents overlap by more than half the shorter one, with other
/// text (not a bold run drawn twice), are one run in the order drawn, spread over the extent
/// they share by the characters' usual widths: what a producer that gives every run of a line
/// the whole line's box draws (easyofd's text OFD), which a reader of positions would
/// otherwise interleave character by character.
fn unoverprint(runs: Vec<Run>) -> Vec<Run> {
    let extent = |r: &Run| -> Option<(f64, f64, f64, f64)> {
        let first = r.first()?;
        let last = r.last()?;
        Some((first.0, last.0 + last.2, first.1, first.3))
    };
    let text = |r: &Run| -> String { r.iter().map(|g| g.4).collect() };
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        let Some((l, r, y, size)) = extent(&run) else {
            continue;
        };
        let joins = groups.last().and_then(|g| {
            let (gl, gr, gy, _) = g
                .iter()
                .filter_map(extent)
                .fold((f64::MAX, f64::MIN, 0.0, 0.0), |acc, e| {
                    (acc.0.min(e.0), acc.1.max(e.1), e.2, e.3)
                });
            let overlap = r.min(gr) - l.max(gl);
            let shorter = (r - l).min(gr - gl);
            let same_text = g.iter().any(|x| text(x) == text(&run));
            ((gy - y).abs() < size * 0.2 && shorter > 0.0 && overlap > shorter * 0.5 && !same_text)
                .then_some(())
        });
        match (joins, groups.last_mut()) {
            (Some(()), Some(g)) => g.push(run),
            _ => groups.push(vec![run]),
        }
    }
    groups
        .into_iter()
        .map(|g| {
            if g.len() == 1 {
                return g.into_iter().next().unwrap_or_default();
            }
            let all: Run = g.into_iter().flatten().collect();
            let left = all.iter().map(|c| c.0).fold(f64::MAX, f64::min);
            let right = all.iter().map(|c| c.0 + c.2).fold(f64::MIN, f64::max);
            let y = all.first().map_or(0.0, |c| c.1);
            let size = all.first().map_or(0.0, |c| c.3);
            let units: f64 = all.iter().map(|c| ocr::advance(c.4)).sum();
            let mut x = left;
            all.iter()
                .map(|c| {
                    let advance = (right - left) * ocr::advance(c.4) / units;
                    let g = (x, y, advance, size, c.4);
                    x += advance;
                    g
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names_resolve_within_the_package() {
        assert_eq!(
            resolve("Doc_0/", "Pages/Page_0/Content.xml", "x").unwrap(),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(
            resolve("Doc_0/", "/Doc_0/Res/a.png", "x").unwrap(),
            "Doc_0/Res/a.png"
        );
        assert_eq!(
            resolve("Doc_0/Res/", "../Tpls/t.xml", "x").unwrap(),
            "Doc_0/Tpls/t.xml"
        );
        assert_eq!(
            resolve("", "Doc_0\\Document.xml", "x").unwrap(),
            "Doc_0/Document.xml"
        );
        let e = resolve("Doc_0/", "../../etc/passwd", "Doc_0/Document.xml").unwrap_err();
        assert_eq!(
            e.kind,
            ImportFault::OfdPathOutside {
                path: "../../etc/passwd".into(),
                named_in: "Doc_0/Document.xml".into()
            }
        );
    }

    #[test]
    fn deltas_expand_the_g_shorthand_within_the_characters() {
        assert_eq!(
            deltas(Some("g 3 2.5 1 g 2 4"), 10),
            [2.5, 2.5, 2.5, 1.0, 4.0, 4.0]
        );
        // A count of four billion is never expanded past the characters there are.
        assert_eq!(deltas(Some("g 4000000000 1"), 3), [1.0, 1.0, 1.0]);
        assert!(deltas(None, 5).is_empty());
    }

    #[test]
    fn runs_that_overprint_read_in_the_order_drawn() {
        // Three runs of one line, each spread over the whole line's box (as easyofd draws).
        let spread = |text: &str| -> Run {
            let chars: Vec<char> = text.chars().collect();
            let step = 60.0 / chars.len() as f64;
            chars
                .iter()
                .enumerate()
                .map(|(i, &c)| (10.0 + i as f64 * step, 50.0, step, 4.0, c))
                .collect()
        };
        let runs = unoverprint(vec![spread("共征集建议"), spread("126"), spread("条，")]);
        assert_eq!(runs.len(), 1);
        let text: String = runs[0].iter().map(|g| g.4).collect();
        assert_eq!(text, "共征集建议126条，");
        assert!(runs[0].windows(2).all(|w| w[0].0 < w[1].0));
        // Runs side by side are left as they are.
        let mut right = spread("条，");
        for g in &mut right {
            g.0 += 70.0;
        }
        assert_eq!(unoverprint(vec![spread("共征集建议"), right]).len(), 2);
    }
}
