//! Word (.docx), PDF and text files → the converter's text form → an [`Issue`].
//!
//! The format is recognised by content, not by name: `%PDF-` is a PDF, a zip holding
//! `word/document.xml` a Word document, text the converter's text form ([`crate::convert`]:
//! UTF-8, or GB18030/GBK or UTF-16 with a byte-order mark as Chinese office software saves
//! it, decoded with `encoding_rs`; line ends CRLF and CR read as LF); legacy Word/WPS (OLE compound files), RTF, other zips and binary
//! files get a message saying what to do. Each reader turns what the page shows into
//! [`layout::Part`]s, and [`layout::to_text`] writes those in the text form, so all three
//! routes end in the one converter with its repairs; errors point back into the file (page
//! and line of a PDF, paragraph of a Word document, line of a text file).
//!
//! Bytes in, text and images out: no file system here (the CLI reads and writes files).

pub mod docx;
mod fault;
pub mod layout;
pub mod ocr;
pub mod ofd;
mod package;
pub mod pdf;
pub mod pdf_budget;
pub mod positioned;

pub use fault::{ImportFault, OcrMissing, PdfBudget};
pub use ocr::{Correction, Ocr, OcrMode, OcrReport, Why};

use crate::convert::{self, ConvertError, Gap, Options};
use crate::model::Issue;
use std::fmt;

/// The largest file read (64 MiB): a bulletin is a few pages.
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// The most a file may inflate to, all its compressed parts together (256 MiB): a zip or
/// PDF bomb is refused before it fills the memory.
pub const MAX_INFLATED_BYTES: u64 = 256 << 20;

/// The kinds of file [`import`] recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A PDF with a text layer.
    Pdf,
    /// A Word document (Office Open XML, .docx).
    Docx,
    /// An OFD file (GB/T 33190-2016, .ofd).
    Ofd,
    /// The converter's text form: UTF-8, GB18030 (GBK) or UTF-16 with a byte-order mark.
    Text,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Pdf => "PDF",
            Format::Docx => "Word document",
            Format::Ofd => "OFD",
            Format::Text => "text",
        })
    }
}

/// A place in an input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Line of a text file (1-based).
    Line(usize),
    /// Page of a PDF and line of text on that page (both 1-based).
    Page {
        /// Page (1-based).
        page: usize,
        /// Line of text on the page, from the top (1-based).
        line: usize,
    },
    /// Paragraph of a Word document, counted from the start in reading order, including
    /// those in tables and text boxes (1-based).
    Paragraph(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Line(n) => write!(f, "line {n}"),
            Place::Page { page, line } => write!(f, "page {page}, line {line}"),
            Place::Paragraph(n) => write!(f, "paragraph {n}"),
        }
    }
}

/// Why a file could not be converted: where (when it is known) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Where in the file, when the problem has a place.
    pub place: Option<Place>,
    /// What is wrong and, where it helps, what to do.
    pub kind: ImportFault,
}

impl ImportError {
    /// A fault of the whole file, with no place in it.
    fn file(kind: ImportFault) -> Self {
        ImportError { place: None, kind }
    }

    /// The message with its place in the interface language: `page 2, line 5: …` /
    /// `第 2 页第 5 行：…`.
    pub fn text(&self, lang: crate::ui::UiLang) -> String {
        match (self.place, lang) {
            (None, _) => self.kind.text(lang),
            (Some(p), crate::ui::UiLang::En) => {
                format!("{}: {}", p.text(lang), self.kind.text(lang))
            }
            (Some(p), crate::ui::UiLang::ZhCn) => {
                format!("{}：{}", p.text(lang), self.kind.text(lang))
            }
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Some(p) => write!(f, "{p}: {}", self.kind),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for ImportError {}

/// An image found in a document, to be written as a file beside the issue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageFile {
    /// The file name the issue's image block points at (`image-1.png`).
    pub name: String,
    /// The image's bytes.
    pub bytes: Vec<u8>,
}

/// The file a picture is written to beside the issue JSON `STEM.json`: `STEM-image-1.png`,
/// so that the pictures of issues kept in one folder never collide.
pub fn picture_file(stem: &str, name: &str) -> String {
    format!("{stem}-{name}")
}

/// A file converted.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    /// What kind of file it was.
    pub format: Format,
    /// The issue (a draft when `gaps` is not empty).
    pub issue: Issue,
    /// The parts the converter could not find or read, with their places in the file.
    pub gaps: Vec<PlacedGap>,
    /// Images the issue's image blocks point at (relative file names).
    pub images: Vec<ImageFile>,
    /// The text form the file was read as (what the converter read).
    pub text: String,
    /// The encoding a text file was decoded from when it was not UTF-8 (`GB18030`,
    /// `UTF-16LE`, `UTF-16BE`), for the user to be told.
    pub encoding: Option<&'static str>,
    /// What OCR read, when it read pages: the engine, the pages and why, each line with its
    /// place and confidence, the words it is unsure of, fixes the issue's vocabulary suggests.
    pub ocr: Option<OcrReport>,
}

/// A file read into the converter's text form, before converting.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    /// What kind of file it was.
    pub format: Format,
    /// The text form.
    pub text: String,
    /// For each line of `text`, the place in the file it came from.
    pub places: Vec<Place>,
    /// Images the text's image lines point at.
    pub images: Vec<ImageFile>,
    /// The encoding a text file was decoded from when it was not UTF-8 (`GB18030`,
    /// `UTF-16LE`, `UTF-16BE`).
    pub encoding: Option<&'static str>,
    /// What OCR read, when it read pages.
    pub ocr: Option<OcrReport>,
}

/// Reads a PDF, Word, OFD or text file into the converter's text form (what `bulletin
/// convert --text` prints, to be corrected by hand and converted again when a layout defeats
/// the readers), with no OCR engine: pages that need OCR are said as such.
pub fn read(bytes: &[u8]) -> Result<Read, ImportError> {
    read_with(bytes, &mut Ocr::none())
}

/// [`read`], OCR'ing the pages that need it as `ocr` says.
pub fn read_with(bytes: &[u8], ocr: &mut Ocr<'_>) -> Result<Read, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::file(ImportFault::TooLarge {
            bytes: bytes.len(),
        }));
    }
    let format = sniff(bytes)?;
    let read = match format {
        Format::Pdf | Format::Ofd => {
            let (parts, report) = if format == Format::Pdf {
                pdf::read(bytes, ocr)?
            } else {
                ofd::read(bytes, ocr)?
            };
            let (text, places) = layout::to_text(&parts);
            Read {
                format,
                text,
                places,
                images: Vec::new(),
                encoding: None,
                ocr: report,
            }
        }
        Format::Docx => {
            let doc = docx::read(bytes)?;
            let (text, places) = layout::to_text(&doc.parts);
            Read {
                format: Format::Docx,
                text,
                places,
                images: doc.images,
                encoding: None,
                ocr: None,
            }
        }
        Format::Text => {
            let (text, encoding) = decode_text(bytes)?;
            let text = convert::normalize_line_ends(&text).into_owned();
            Read {
                format: Format::Text,
                places: (1..=text.lines().count()).map(Place::Line).collect(),
                text,
                images: Vec::new(),
                encoding,
                ocr: None,
            }
        }
    };
    if read.text.trim().is_empty() && read.format != Format::Text {
        return Err(ImportError::file(match read.format {
            Format::Pdf => ImportFault::NoTextLayer,
            _ => ImportFault::NoText,
        }));
    }
    Ok(read)
}

/// Reads a PDF, Word, OFD or text file and converts it to an issue, with no OCR engine:
/// pages that need OCR are said as such ([`ImportFault::NeedsOcr`]).
pub fn import(bytes: &[u8]) -> Result<Imported, ImportError> {
    import_with(bytes, &mut Ocr::none())
}

/// [`import`], OCR'ing the pages that need it as `ocr` says; what OCR read is reviewed
/// against the issue's own vocabulary ([`ocr::review`]).
pub fn import_with(bytes: &[u8], ocr: &mut Ocr<'_>) -> Result<Imported, ImportError> {
    let Read {
        format,
        text,
        places,
        images,
        encoding,
        ocr: mut report,
    } = read_with(bytes, ocr)?;
    if let Some(r) = report.as_mut() {
        r.suggestions = ocr::review(&text, &r.lines);
    }
    if format == Format::Text {
        let converted = convert::convert(&text).map_err(|e| ImportError {
            place: Some(Place::Line(e.line)),
            kind: ImportFault::Convert(e),
        })?;
        return Ok(Imported {
            format,
            gaps: placed(converted.gaps, &places),
            issue: converted.issue,
            images,
            text,
            encoding,
            ocr: None,
        });
    }
    if text.trim().is_empty() {
        return Err(ImportError::file(match format {
            Format::Pdf => ImportFault::NoTextLayer,
            _ => ImportFault::NoText,
        }));
    }
    let options = Options {
        explicit_paragraphs: true,
    };
    let converted = convert::convert_with(&text, options).map_err(|e| locate(e, &places))?;
    let gaps = placed(converted.gaps, &places);
    let mut issue = converted.issue;
    if let Some(r) = report.as_mut() {
        ocr::correct_organ(&mut issue.masthead.organ, r);
    }
    // Only the images the issue shows are written.
    let used: Vec<&str> = issue
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .filter_map(|b| match b {
            crate::model::Block::Image { src, .. } => Some(src.as_str()),
            _ => None,
        })
        .collect();
    let images = images
        .into_iter()
        .filter(|i| used.contains(&i.name.as_str()))
        .collect();
    Ok(Imported {
        format,
        issue,
        gaps,
        images,
        text,
        encoding,
        ocr: report,
    })
}

/// A part the converter could not find, at its place in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlacedGap {
    /// What is missing, and its line of the text form.
    pub gap: Gap,
    /// Where that line came from in the file.
    pub place: Option<Place>,
}

/// The gaps with the places in the file their lines came from.
fn placed(gaps: Vec<Gap>, places: &[Place]) -> Vec<PlacedGap> {
    gaps.into_iter()
        .map(|gap| PlacedGap {
            place: places
                .get(gap.line.saturating_sub(1))
                .or(places.last())
                .copied(),
            gap,
        })
        .collect()
}

/// A text file's characters: UTF-8 (a byte-order mark dropped); UTF-16 LE or BE when it
/// starts with that byte-order mark; otherwise, when it is not UTF-8, GB18030 (of which GBK
/// and GB2312 are subsets: what Chinese Windows saves as “ANSI”). Bytes that are not valid in
/// the encoding are refused, never replaced: a file is read as it is or not at all. The
/// second value names the encoding when it was not UTF-8.
fn decode_text(
    bytes: &[u8],
) -> Result<(std::borrow::Cow<'_, str>, Option<&'static str>), ImportError> {
    use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
    let (encoding, bom) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let body = &bytes[bom..];
    if encoding == UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok((text.into(), None)),
            Err(e) if bom > 0 => Err(ImportError::file(ImportFault::BomButNotUtf8 {
                offset: bom + e.valid_up_to(),
            })),
            Err(e) => match GB18030.decode_without_bom_handling_and_without_replacement(body) {
                Some(text) => Ok((text, Some("GB18030"))),
                None => Err(ImportError::file(ImportFault::NeitherUtf8NorGb18030 {
                    offset: e.valid_up_to(),
                })),
            },
        };
    }
    let name = if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else {
        encoding.name()
    };
    match encoding.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok((text, Some(name))),
        None => Err(ImportError::file(ImportFault::BomButInvalid {
            encoding: name,
        })),
    }
}

/// A converter error on a line of the text form, at its place in the file.
fn locate(e: ConvertError, places: &[Place]) -> ImportError {
    ImportError {
        place: places
            .get(e.line.saturating_sub(1))
            .or(places.last())
            .copied(),
        kind: ImportFault::Convert(e),
    }
}

/// What kind of file the bytes are, or why they cannot be read.
pub fn sniff(bytes: &[u8]) -> Result<Format, ImportError> {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        // An OFD file is a zip package too: told by its entry, OFD.xml.
        return Ok(match package::Zip::open(bytes) {
            Ok(zip) if ofd::is_ofd(&zip) => Format::Ofd,
            _ => Format::Docx,
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(ImportError::file(ImportFault::LegacyWord));
    }
    // UTF-16 text (Notepad's “Unicode”) has zero bytes; its byte-order mark says what it is.
    // UTF-32's mark starts like UTF-16LE's.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(ImportError::file(ImportFault::Utf32));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(Format::Text);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(ImportError::file(ImportFault::Rtf));
    }
    let binary = head
        .iter()
        .any(|&b| b == 0 || (b < 0x20 && !b"\t\n\r\x0c".contains(&b)));
    if binary && looks_like_utf16(head) {
        return Err(ImportError::file(ImportFault::Utf16WithoutBom));
    }
    if binary {
        return Err(ImportError::file(ImportFault::UnknownFormat));
    }
    Ok(Format::Text)
}

/// Zero bytes all at even or all at odd offsets, as ASCII and line ends give in UTF-16.
fn looks_like_utf16(head: &[u8]) -> bool {
    let zeros = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|&(i, &b)| b == 0 && i % 2 == parity)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    head.len() >= 8 && (even == 0) != (odd == 0) && even.max(odd) * 4 >= head.len() / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Ok(Format::Pdf));
        assert_eq!(sniff(b"PK\x03\x04...."), Ok(Format::Docx));
        assert_eq!(sniff("# 联络动态\n".as_bytes()), Ok(Format::Text));
        let kind = |b: &[u8]| sniff(b).map_err(|e| e.kind);
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(kind(&ole), Err(ImportFault::LegacyWord));
        assert!(sniff(&ole)
            .unwrap_err()
            .to_string()
            .contains("save it as .docx"));
        assert_eq!(kind(b"{\\rtf1\\ansi"), Err(ImportFault::Rtf));
        assert_eq!(
            kind(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"),
            Err(ImportFault::UnknownFormat)
        );
        // UTF-16 by its byte-order mark; without one, a message saying what it looks like.
        assert_eq!(sniff(b"\xff\xfe#\x00 \x00\x54\x80"), Ok(Format::Text));
        assert_eq!(sniff(b"\xfe\xff\x00#\x00 \x80\x54"), Ok(Format::Text));
        assert_eq!(
            kind(b"\xff\xfe\x00\x00#\x00\x00\x00"),
            Err(ImportFault::Utf32)
        );
        assert_eq!(
            kind(b"#\x00 \x00\x54\x80\x4e\x00\n\x00"),
            Err(ImportFault::Utf16WithoutBom)
        );
    }
}
