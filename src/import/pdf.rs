//! PDF text layers: every glyph with its position (pdf-extract's `OutputDev` on a document
//! opened with lopdf; fonts, encodings and ToUnicode CMaps are theirs), handed to the layout
//! step the PDF, OFD and OCR readers share ([`super::positioned`]), which puts them back in
//! reading order by position — not in the order the content stream draws them, which puts
//! quotes set in a fallback font away from their words. Ideographs given as look-alike
//! radicals (⼈ for 人) are mapped back by the converter's repairs
//! ([`crate::text::ideograph`]), as for text pasted from such a PDF.

use super::layout::Located;
use super::ocr::{self, Need, Ocr, OcrMode, OcrReport, PageImage};
use super::pdf_budget::{self, MAX_GLYPHS};
use super::positioned::{Glyph, Page};
use super::{ImportError, ImportFault, PdfBudget};
use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// Collects the glyphs of every page.
#[derive(Default)]
struct Collector {
    pages: Vec<Page>,
    /// For each page, the codes shown that no font maps to text (nothing, or control
    /// characters): what OCR is for ([`ocr::page_need`]).
    unmapped: Vec<usize>,
    /// Characters shown: past [`MAX_GLYPHS`], reading stops.
    glyphs: usize,
    /// When asked for: every glyph of every page as the fonts give it, no text left out (for
    /// [`ocr::codes::coded`]).
    raw: Option<Vec<Vec<Glyph>>>,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Page {
            width: media_box.urx - media_box.llx,
            height: media_box.ury - media_box.lly,
            glyphs: Vec::new(),
        });
        self.unmapped.push(0);
        if let Some(raw) = self.raw.as_mut() {
            raw.push(Vec::new());
        }
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        self.glyphs += 1;
        if self.glyphs > MAX_GLYPHS {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        // The font size in page space: the square with the area the matrix gives it.
        let vx = font_size * (trm.m11 + trm.m21);
        let vy = font_size * (trm.m12 + trm.m22);
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || size < 0.5 {
            return Ok(());
        }
        let (x, y, end) = (trm.m31, page.height - trm.m32, trm.m31 + width * size);
        if let Some(raw) = self.raw.as_mut().and_then(|r| r.last_mut()) {
            raw.push(Glyph {
                x,
                y,
                end,
                size,
                text: text.to_string(),
                ocr: None,
            });
        }
        if text.is_empty()
            || text
                .chars()
                .any(|c| c.is_control() && !" \t\n\r".contains(c))
        {
            if let Some(n) = self.unmapped.last_mut() {
                *n += 1;
            }
            if text.is_empty() {
                return Ok(());
            }
        }
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        page.glyphs.push(Glyph {
            x,
            y,
            end,
            size,
            text,
            ocr: None,
        });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Reads a PDF's text layer into parts, in reading order; pages with no text layer (that
/// draw a picture: a scan) or whose text layer is not text ([`ocr::page_need`]) are read by
/// OCR when `ocr` allows it (every page with `--ocr always`), the others keep their text.
pub fn read(
    bytes: &[u8],
    ocr: &mut Ocr<'_>,
) -> Result<(Vec<Located>, Option<OcrReport>), ImportError> {
    let (pages, unmapped, pictures, ..) = glyphs(bytes, None)?;
    let todo: Vec<ocr::ToRead<'_>> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, page)| {
            let need = match ocr.mode {
                OcrMode::Always => Some(Need::Asked),
                _ => match ocr::page_need(page, unmapped.get(i).copied().unwrap_or(0)) {
                    // A page with nothing on it but no picture either is blank.
                    Some(Need::NoText) if !pictures.get(i).copied().unwrap_or(false) => None,
                    need => need,
                },
            }?;
            Some(ocr::ToRead {
                page: i,
                need,
                image: Some((
                    PageImage::Pdf {
                        pdf: bytes,
                        page: i + 1,
                    },
                    (0.0, 0.0, page.width, page.height),
                )),
            })
        })
        .collect();
    // Pages whose fonts have no Unicode map, to be read by OCR: each font's codes decoded by
    // what OCR reads at all their places ([`ocr::codes`]).
    let unmapped_to_read = todo.iter().any(|t| t.need == Need::NotText)
        && ocr.mode != OcrMode::Never
        && ocr.engine.is_some();
    let coded = if unmapped_to_read {
        let plain = glyphs(bytes, Some(false)).ok().and_then(|g| g.3);
        let keyed = glyphs(bytes, Some(true))
            .ok()
            .and_then(|g| Some((g.3?, g.4)));
        plain
            .zip(keyed)
            .and_then(|(p, (k, keys))| ocr::codes::coded(p, &k, keys))
    } else {
        None
    };
    ocr::read_pages(pages, todo, ocr, coded)
}

/// Opens a PDF with the PDF library, decrypted when it opens with the empty password.
pub(super) fn open(bytes: &[u8]) -> Result<lopdf::Document, ImportError> {
    let mut doc = quiet_catch(|| lopdf::Document::load_mem(bytes))
        .map_err(|()| ImportError::file(ImportFault::PdfReaderFailed))?
        .map_err(|e| {
            ImportError::file(ImportFault::UnreadablePdf {
                detail: crate::text::excerpt(&e.to_string(), 200),
            })
        })?;
    if doc.is_encrypted() {
        // Printing and copying restrictions alone (an owner password) open with the empty
        // user password; a document that needs a password to open does not.
        if doc.decrypt("").is_err() || doc.is_encrypted() {
            return Err(ImportError::file(ImportFault::EncryptedPdf));
        }
    }
    Ok(doc)
}

/// What a PDF uses of each budget of [`pdf_budget`] (for the limits' table and the test that
/// holds real files far below them); the error when it is over one.
pub fn figures(bytes: &[u8]) -> Result<pdf_budget::Figures, ImportError> {
    pdf_budget::check_bytes(bytes)?;
    let mut doc = open(bytes)?;
    pdf_budget::decode_streams(&mut doc)?;
    pdf_budget::check_pages(&doc)
}

/// The glyphs of every page, read within the budgets of [`super::pdf_budget`]. pdf-extract
/// panics on some malformed files: that becomes an error too.
type Glyphs = (
    Vec<Page>,
    Vec<usize>,
    Vec<bool>,
    Option<Vec<Vec<Glyph>>>,
    ocr::codes::Keys,
);

/// The glyphs of every page, the codes of each that map to no text, and whether it draws a
/// picture; with `raw` Some, also every glyph as the fonts give it — with every font that has
/// no Unicode map keyed ([`ocr::codes::key_fonts`]) when `raw` is Some(true).
fn glyphs(bytes: &[u8], raw: Option<bool>) -> Result<Glyphs, ImportError> {
    pdf_budget::check_bytes(bytes)?;
    let mut doc = open(bytes)?;
    pdf_budget::decode_streams(&mut doc)?;
    pdf_budget::check_pages(&doc)?;
    let keys = if raw == Some(true) {
        ocr::codes::key_fonts(&mut doc)
    } else {
        ocr::codes::Keys::default()
    };
    let pictures = pdf_budget::pages_with_pictures(&doc);
    let mut collector = Collector {
        raw: raw.map(|_| Vec::new()),
        ..Collector::default()
    };
    let result = quiet_catch(|| pdf_extract::output_doc(&doc, &mut collector));
    if collector.glyphs > MAX_GLYPHS {
        return Err(ImportError::file(ImportFault::PdfOverBudget {
            what: PdfBudget::Glyphs,
            limit: MAX_GLYPHS as u64,
        }));
    }
    match result {
        Ok(Ok(())) => Ok((
            collector.pages,
            collector.unmapped,
            pictures,
            collector.raw,
            keys,
        )),
        Ok(Err(e)) => Err(ImportError::file(ImportFault::PdfText {
            detail: crate::text::excerpt(&e.to_string(), 200),
        })),
        Err(()) => Err(ImportError::file(ImportFault::PdfReaderFailed)),
    }
}

/// Runs `f`, turning a panic into `Err(())` without printing it.
fn quiet_catch<T>(f: impl FnOnce() -> T) -> Result<T, ()> {
    use std::cell::Cell;
    use std::sync::Once;
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|_| ())
}
