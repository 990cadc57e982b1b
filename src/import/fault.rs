//! Why a file could not be read, as a type: [`ImportFault`]. English is its `Display` (what
//! `bulletin convert` prints); Chinese is [`ImportFault::text`], one exhaustive `match`, so
//! that a fault added here does not compile until it is translated (as the model's
//! problems are, in [`crate::ui::problem_text`]). Values a message quotes (a part's name,
//! an offset, what a library said) stay as they are.

use super::ocr::{page_list, Need};
use super::{Place, MAX_FILE_BYTES};
use crate::convert::ConvertError;
#[cfg(test)]
use crate::convert::Refusal;
use crate::ui::UiLang;
use std::fmt;

/// What is wrong with a file and, where it helps, what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportFault {
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge {
        /// The file's size in bytes.
        bytes: usize,
    },
    /// A PDF without a text layer (a scan).
    NoTextLayer,
    /// A Word document without any text.
    NoText,
    /// The text form does not convert: the converter's error (its line is the place).
    Convert(ConvertError),
    /// A UTF-8 byte-order mark, then bytes that are not UTF-8.
    BomButNotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// Text that is neither UTF-8 nor GB18030.
    NeitherUtf8NorGb18030 {
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// A UTF-16 byte-order mark, then bytes that are not that encoding.
    BomButInvalid {
        /// `UTF-16LE`, `UTF-16BE`.
        encoding: &'static str,
    },
    /// A legacy Word (.doc) or WPS file, or a password-protected document (OLE files).
    LegacyWord,
    /// UTF-32 text.
    Utf32,
    /// An RTF file.
    Rtf,
    /// What looks like UTF-16 text without a byte-order mark.
    Utf16WithoutBom,
    /// Binary that is none of the formats read.
    UnknownFormat,
    /// An OpenDocument text (.odt).
    OpenDocument,
    /// An Excel workbook (.xlsx).
    Excel,
    /// A PowerPoint presentation (.pptx).
    PowerPoint,
    /// A zip without `word/document.xml`.
    ZipWithoutDocument,
    /// A zip that does not open.
    DamagedZip {
        /// What the zip library said.
        detail: String,
    },
    /// A part of the zip that does not inflate.
    DamagedZipPart {
        /// The part (`word/document.xml`).
        part: String,
        /// What the zip library said.
        detail: String,
    },
    /// An XML part that is not UTF-8.
    PartNotUtf8 {
        /// The part.
        part: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// A part (or the parts together) inflating past the limit: a zip bomb.
    PartTooBig {
        /// The part.
        part: String,
        /// The limit, MiB.
        limit_mib: u64,
        /// What it inflates to at least, MiB.
        size_mib: u64,
    },
    /// XML that does not parse.
    DamagedXml {
        /// The part.
        part: String,
        /// Byte offset in the part.
        at: u64,
        /// What the XML library said.
        detail: String,
    },
    /// A damaged attribute.
    DamagedXmlAttribute {
        /// The part.
        part: String,
        /// What the XML library said.
        detail: String,
    },
    /// More elements than a document has: an XML bomb.
    TooManyElements {
        /// The part.
        part: String,
        /// The limit.
        limit: usize,
    },
    /// An element with more attributes than the limit.
    TooManyAttributes {
        /// The part.
        part: String,
        /// The limit.
        limit: usize,
    },
    /// More namespace declarations in scope than the limit.
    TooManyNamespaces {
        /// The part.
        part: String,
        /// The limit.
        limit: usize,
    },
    /// More entity or character references than the limit.
    TooManyReferences {
        /// The part.
        part: String,
        /// The limit.
        limit: usize,
    },
    /// Elements nested deeper than the limit.
    NestedTooDeep {
        /// The part.
        part: String,
        /// The limit.
        limit: usize,
    },
    /// XML that ends before its elements are closed.
    XmlEndsEarly {
        /// The part.
        part: String,
    },
    /// An image the document points at is not in it.
    MissingImage {
        /// Its path in the document (`media/image1.png`).
        target: String,
    },
    /// A PDF the PDF library cannot open.
    UnreadablePdf {
        /// What the PDF library said.
        detail: String,
    },
    /// A PDF that needs a password to open.
    EncryptedPdf,
    /// The PDF's text could not be read: the library's error.
    PdfText {
        /// What the PDF library said.
        detail: String,
    },
    /// The PDF library failed (panicked) on the file.
    PdfReaderFailed,
    /// One stream inflating past the limit: a PDF bomb.
    PdfStreamBomb {
        /// The limit of one stream, MiB.
        stream_mib: u64,
        /// The limit of all streams, MiB.
        total_mib: u64,
    },
    /// All streams together inflating past the limit: a PDF bomb.
    PdfBomb {
        /// The limit of one stream, MiB.
        stream_mib: u64,
        /// The limit of all streams, MiB.
        total_mib: u64,
    },
    /// Drawings (form XObjects) that draw themselves, or nest too deep.
    FormLoop {
        /// The deepest nesting read.
        depth: usize,
    },
    /// A PDF that asks more of the reader than a bulletin does: over one of the budgets of
    /// [`super::pdf_budget`].
    PdfOverBudget {
        /// Which.
        what: PdfBudget,
        /// Its limit.
        limit: u64,
    },
    /// Pages that need OCR (no text layer, or a text layer that is not text) where none is
    /// done: the 编辑台, or `--ocr never`.
    NeedsOcr {
        /// The pages (1-based) and why each needs it.
        pages: Vec<(usize, Need)>,
        /// An engine was there but `--ocr never` said not to use it.
        engine: bool,
    },
    /// Pages that need OCR, and the OCR engine is not installed.
    OcrUnavailable {
        /// The pages and why.
        pages: Vec<(usize, Need)>,
        /// What is missing.
        missing: OcrMissing,
    },
    /// The OCR engine failed on a page.
    OcrFailed {
        /// The page (1-based).
        page: usize,
        /// What the engine said.
        detail: String,
    },
    /// An OFD page whose text objects carry glyph numbers only, with no picture of the page
    /// for OCR to read.
    NoPictureToRead {
        /// The page (1-based).
        page: usize,
    },
    /// A zip with `OFD.xml` whose entry names no document (`DocBody/DocRoot`).
    OfdWithoutDocument,
    /// An OFD part whose elements are not in the OFD namespace.
    OfdNotOfd {
        /// The part.
        part: String,
    },
    /// A part an OFD names is not in the package.
    OfdMissingPart {
        /// The part named.
        part: String,
        /// Where it is named.
        named_in: String,
    },
    /// A part name that leads out of the package (`../../x`).
    OfdPathOutside {
        /// The name as written.
        path: String,
        /// Where it is named.
        named_in: String,
    },
    /// An OFD over a budget (pages, characters).
    OfdOverBudget {
        /// Which.
        what: PdfBudget,
        /// Its limit.
        limit: u64,
    },
}

/// What the OCR engine lacks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OcrMissing {
    /// The `tesseract` command.
    Tesseract,
    /// Tesseract's Chinese model (`chi_sim`).
    ChineseModel,
    /// `pdftoppm` (poppler), which renders PDF pages for it.
    Renderer,
}

/// How to install the engine, on the systems people run the command on.
const INSTALL_EN: &str = "install it (Debian, Ubuntu: `sudo apt-get install tesseract-ocr \
                          tesseract-ocr-chi-sim poppler-utils`; Fedora: `sudo dnf install \
                          tesseract tesseract-langpack-chi_sim poppler-utils`; macOS: `brew \
                          install tesseract tesseract-lang poppler`) and convert again";
const INSTALL_ZH: &str = "请安装后重新转换（Debian、Ubuntu：`sudo apt-get install tesseract-ocr \
                          tesseract-ocr-chi-sim poppler-utils`；Fedora：`sudo dnf install \
                          tesseract tesseract-langpack-chi_sim poppler-utils`；macOS：`brew \
                          install tesseract tesseract-lang poppler`）";

/// Which pages need OCR and why, in the interface language.
fn needs_text(pages: &[(usize, Need)], lang: UiLang) -> String {
    let of = |want: &[Need]| -> Vec<usize> {
        pages
            .iter()
            .filter(|(_, n)| want.contains(n))
            .map(|(p, _)| *p)
            .collect()
    };
    let (scans, garbled) = (of(&[Need::NoText, Need::Asked]), of(&[Need::NotText]));
    let mut parts = Vec::new();
    match lang {
        UiLang::En => {
            if !scans.is_empty() {
                let s = if scans.len() > 1 { "s" } else { "" };
                parts.push(format!(
                    "page{s} {} ha{} no text layer (a scan or a picture of the page)",
                    page_list(&scans),
                    if scans.len() > 1 { "ve" } else { "s" }
                ));
            }
            if !garbled.is_empty() {
                let s = if garbled.len() > 1 { "s" } else { "" };
                parts.push(format!(
                    "the text layer of page{s} {} is not text (its fonts have no Unicode map: \
                     glyph codes, not characters)",
                    page_list(&garbled)
                ));
            }
            parts.join("; ")
        }
        UiLang::ZhCn => {
            if !scans.is_empty() {
                parts.push(format!(
                    "第 {} 页没有文字层（是扫描件或页面的图片）",
                    page_list(&scans)
                ));
            }
            if !garbled.is_empty() {
                parts.push(format!(
                    "第 {} 页的字体没有文字映射，文字层读出来的是字形编码而不是文字",
                    page_list(&garbled)
                ));
            }
            parts.join("；")
        }
    }
}

/// The budgets a PDF is read within ([`super::pdf_budget`]), each for the fault that names
/// it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfBudget {
    /// Filters chained on one stream.
    Filters,
    /// Content operators, each drawing counted as often as it is drawn.
    Operators,
    /// Graphics states nested (`q`).
    SaveDepth,
    /// Arrays and dictionaries nested in content or a CMap.
    Nesting,
    /// Codes one CMap maps.
    CmapCodes,
    /// Codes of the fonts the pages select, page after page.
    FontCodes,
    /// Pages.
    Pages,
    /// Characters shown.
    Glyphs,
}

impl PdfBudget {
    /// What is over the limit `n`, in the interface language.
    fn text(self, n: u64, lang: UiLang) -> String {
        use PdfBudget as B;
        match lang {
            UiLang::En => match self {
                B::Filters => format!("a stream chains more than {n} filters"),
                B::Operators => format!(
                    "its pages draw more than {n} operators (each drawing counted every time it \
                     is drawn)"
                ),
                B::SaveDepth => format!("graphics states nest more than {n} deep"),
                B::Nesting => format!("arrays nest more than {n} deep"),
                B::CmapCodes => format!("a font's character map maps more than {n} codes"),
                B::FontCodes => {
                    format!("the fonts its pages select map more than {n} codes in all")
                }
                B::Pages => format!("it has more than {n} pages"),
                B::Glyphs => format!("it shows more than {n} characters"),
            },
            UiLang::ZhCn => match self {
                B::Filters => format!("有数据流串联了超过 {n} 个过滤器"),
                B::Operators => format!("各页绘制的指令超过 {n} 条（图形每绘制一次都计入）"),
                B::SaveDepth => format!("图形状态嵌套超过 {n} 层"),
                B::Nesting => format!("数组嵌套超过 {n} 层"),
                B::CmapCodes => format!("有字体的字符映射表映射超过 {n} 个编码"),
                B::FontCodes => format!("各页所用字体的映射表合计超过 {n} 个编码"),
                B::Pages => format!("页数超过 {n}"),
                B::Glyphs => format!("文字超过 {n} 个字符"),
            },
        }
    }
}

impl fmt::Display for ImportFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ImportFault as F;
        match self {
            F::TooLarge { bytes } => write!(
                f,
                "{bytes} bytes; files larger than {} MiB are not read",
                MAX_FILE_BYTES >> 20
            ),
            F::NoTextLayer => f.write_str(
                "this PDF has no text layer (a scan or a picture of the pages); it needs OCR \
                 first, or convert the Word file it was printed from",
            ),
            F::NoText => f.write_str("this document has no text"),
            F::Convert(e) => write!(f, "{}", e.kind),
            F::BomButNotUtf8 { offset } => write!(
                f,
                "not UTF-8 text although it starts with UTF-8's byte-order mark (invalid byte \
                 at offset {offset})"
            ),
            F::NeitherUtf8NorGb18030 { offset } => write!(
                f,
                "neither UTF-8 nor GB18030 (GBK) text (the byte at offset {offset} is not \
                 UTF-8, and the file is not GB18030 either): save it as UTF-8"
            ),
            F::BomButInvalid { encoding: name } => write!(
                f,
                "not valid {name} text, although it starts with {name}'s byte-order mark (a \
                 broken character or an odd number of bytes): save it as UTF-8"
            ),
            F::LegacyWord => f.write_str(
                "a legacy Word (.doc) or WPS (.wps) file, or a password-protected document: \
                 open it in Word or WPS and save it as .docx (Word 2007 and later), without a \
                 password",
            ),
            F::Utf32 => f.write_str("UTF-32 text, which is not read: save it as UTF-8"),
            F::Rtf => f.write_str("an RTF file: open it in Word or WPS and save it as .docx"),
            F::Utf16WithoutBom => f.write_str(
                "looks like UTF-16 text without a byte-order mark, which cannot be told apart \
                 reliably: save it as UTF-8 (or as UTF-16 with a byte-order mark)",
            ),
            F::UnknownFormat => {
                f.write_str("not a PDF, a Word document (.docx) or text; expected one of those")
            }
            F::OpenDocument => f.write_str("an OpenDocument text (.odt): save it as .docx"),
            F::Excel => f.write_str("an Excel workbook (.xlsx), not a Word document"),
            F::PowerPoint => f.write_str("a PowerPoint presentation (.pptx), not a Word document"),
            F::ZipWithoutDocument => {
                f.write_str("a zip file without word/document.xml: not a Word document (.docx)")
            }
            F::DamagedZip { detail } => write!(
                f,
                "a damaged zip file, not a readable Word document ({detail})"
            ),
            F::DamagedZipPart { part, detail } => {
                write!(f, "a damaged zip file: {part}: {detail}")
            }
            F::PartNotUtf8 { part, offset } => write!(
                f,
                "{part} is not UTF-8 XML (invalid byte at offset {offset})"
            ),
            F::PartTooBig {
                part,
                limit_mib,
                size_mib,
            } => write!(
                f,
                "{part} inflates to more than {limit_mib} MiB (at least {size_mib} MiB): \
                 refused, as a zip bomb would be"
            ),
            F::DamagedXml { part, at, detail } => {
                write!(f, "{part}: damaged XML at byte {at}: {detail}")
            }
            F::DamagedXmlAttribute { part, detail } => {
                write!(f, "{part}: damaged XML attribute: {detail}")
            }
            F::TooManyElements { part, limit } => write!(
                f,
                "{part}: more than {limit} XML elements; refused, as a bomb would be"
            ),
            F::NestedTooDeep { part, limit } => {
                write!(f, "{part}: elements nested more than {limit} deep")
            }
            F::TooManyAttributes { part, limit } => write!(
                f,
                "{part}: an element with more than {limit} attributes; refused, as a bomb \
                 would be"
            ),
            F::TooManyNamespaces { part, limit } => write!(
                f,
                "{part}: more than {limit} XML namespaces declared at once; refused, as a bomb \
                 would be"
            ),
            F::TooManyReferences { part, limit } => write!(
                f,
                "{part}: more than {limit} entity references (&amp; and the like); refused, as \
                 a bomb would be"
            ),
            F::XmlEndsEarly { part } => write!(f, "{part}: the XML ends too early"),
            F::MissingImage { target } => {
                write!(f, "the image {target} is missing from the document")
            }
            F::UnreadablePdf { detail } => write!(f, "not a readable PDF ({detail})"),
            F::EncryptedPdf => f.write_str(
                "this PDF is encrypted and needs a password to open; save or print it again \
                 without a password (or convert the Word file it was made from)",
            ),
            F::PdfText { detail } => write!(f, "the PDF's text could not be read ({detail})"),
            F::PdfReaderFailed => f.write_str(
                "the PDF's text could not be read: the file is damaged or uses a feature the PDF \
                 reader does not handle",
            ),
            F::PdfStreamBomb {
                stream_mib,
                total_mib,
            } => write!(
                f,
                "a stream of this PDF inflates to more than {stream_mib} MiB: refused, as a PDF \
                 bomb would be (at most {stream_mib} MiB a stream, {total_mib} MiB in all)"
            ),
            F::PdfBomb {
                stream_mib,
                total_mib,
            } => write!(
                f,
                "this PDF's streams inflate to more than {total_mib} MiB: refused, as a PDF \
                 bomb would be (at most {stream_mib} MiB a stream, {total_mib} MiB in all)"
            ),
            F::FormLoop { depth } => write!(
                f,
                "this PDF's drawings draw themselves in a loop, or nest deeper than {depth}: it \
                 cannot be read"
            ),
            F::PdfOverBudget { what, limit } => write!(
                f,
                "this PDF asks more of the reader than any bulletin does: {}; refused",
                what.text(*limit, UiLang::En)
            ),
            F::NeedsOcr {
                pages,
                engine: true,
            } => write!(
                f,
                "{}: it needs OCR, and --ocr never was given: convert it with --ocr auto",
                needs_text(pages, UiLang::En)
            ),
            F::NeedsOcr {
                pages,
                engine: false,
            } => write!(
                f,
                "{}: it needs OCR (text recognition), which is not done here: convert it with \
                 `bulletin convert FILE --ocr auto`, or convert the Word file it was printed from",
                needs_text(pages, UiLang::En)
            ),
            F::OcrUnavailable { pages, missing } => write!(
                f,
                "{}: it needs OCR, and {}: {INSTALL_EN}",
                needs_text(pages, UiLang::En),
                match missing {
                    OcrMissing::Tesseract => "Tesseract (the OCR engine) is not installed",
                    OcrMissing::ChineseModel =>
                        "Tesseract's Chinese model (chi_sim) is not installed",
                    OcrMissing::Renderer =>
                        "pdftoppm (poppler), which renders the pages for it, is not installed",
                }
            ),
            F::OcrFailed { page, detail } => {
                write!(f, "page {page} could not be read by OCR: {detail}")
            }
            F::NoPictureToRead { page } => write!(
                f,
                "page {page}: its text objects carry glyph numbers only, no characters, and \
                 the page has no picture for OCR to read: convert the PDF it was made from"
            ),
            F::OfdWithoutDocument => {
                f.write_str("an OFD file whose OFD.xml names no document (DocBody/DocRoot)")
            }
            F::OfdNotOfd { part } => write!(
                f,
                "{part}: its elements are not in the OFD namespace (http://www.ofdspec.org/2016): \
                 not an OFD file"
            ),
            F::OfdMissingPart { part, named_in } => write!(
                f,
                "{part}, named in {named_in}, is not in the OFD file: the file is damaged"
            ),
            F::OfdPathOutside { path, named_in } => write!(
                f,
                "{named_in} names the part {path}, which leads out of the package: refused"
            ),
            F::OfdOverBudget { what, limit } => write!(
                f,
                "this OFD asks more of the reader than any bulletin does: {}; refused",
                what.text(*limit, UiLang::En)
            ),
        }
    }
}

impl ImportFault {
    /// The message in the interface language: English is the `Display`; Chinese is written
    /// here for every fault.
    pub fn text(&self, lang: UiLang) -> String {
        match lang {
            UiLang::En => self.to_string(),
            UiLang::ZhCn => self.zh(),
        }
    }

    fn zh(&self) -> String {
        use ImportFault as F;
        match self {
            F::TooLarge { bytes } => format!(
                "文件有 {bytes} 字节；大于 {} MiB 的文件不予读取",
                MAX_FILE_BYTES >> 20
            ),
            F::NoTextLayer => "这个 PDF 没有文字层（是扫描件或页面的图片）：需要先做 OCR 文字识别，\
                               或改为转换印出它的 Word 文件"
                .into(),
            F::NoText => "这个文档里没有文字".into(),
            F::Convert(e) => e.kind.text(UiLang::ZhCn),
            F::BomButNotUtf8 { offset } => format!(
                "文件以 UTF-8 的字节顺序标记开头，内容却不是 UTF-8 文本（偏移 {offset} 处的字节无效）"
            ),
            F::NeitherUtf8NorGb18030 { offset } => format!(
                "既不是 UTF-8 也不是 GB18030（GBK）文本（偏移 {offset} 处的字节不是 UTF-8，\
                 文件也不是 GB18030）：请另存为 UTF-8"
            ),
            F::BomButInvalid { encoding } => format!(
                "文件以 {encoding} 的字节顺序标记开头，内容却不是有效的 {encoding} 文本\
                 （有残缺的字符，或字节数为奇数）：请另存为 UTF-8"
            ),
            F::LegacyWord => "这是旧版 Word（.doc）或 WPS（.wps）文件，或是设了密码的文档：\
                              请在 Word 或 WPS 中打开，另存为 .docx（Word 2007 及以后的格式），不设密码"
                .into(),
            F::Utf32 => "这是 UTF-32 文本，不予读取：请另存为 UTF-8".into(),
            F::Rtf => "这是 RTF 文件：请在 Word 或 WPS 中打开，另存为 .docx".into(),
            F::Utf16WithoutBom => "看来是没有字节顺序标记的 UTF-16 文本，无法可靠识别：\
                                   请另存为 UTF-8（或带字节顺序标记的 UTF-16）"
                .into(),
            F::UnknownFormat => {
                "不是 PDF、Word 文档（.docx）或文本文件；只能读取这三种文件".into()
            }
            F::OpenDocument => "这是 OpenDocument 文本（.odt）：请另存为 .docx".into(),
            F::Excel => "这是 Excel 工作簿（.xlsx），不是 Word 文档".into(),
            F::PowerPoint => "这是 PowerPoint 演示文稿（.pptx），不是 Word 文档".into(),
            F::ZipWithoutDocument => {
                "这是不含 word/document.xml 的 zip 压缩包，不是 Word 文档（.docx）".into()
            }
            F::DamagedZip { detail } => {
                format!("zip 压缩包已损坏，不是可以读取的 Word 文档（{detail}）")
            }
            F::DamagedZipPart { part, detail } => {
                format!("zip 压缩包已损坏：{part}：{detail}")
            }
            F::PartNotUtf8 { part, offset } => {
                format!("{part} 不是 UTF-8 编码的 XML（偏移 {offset} 处的字节无效）")
            }
            F::PartTooBig {
                part,
                limit_mib,
                size_mib,
            } => format!(
                "{part} 解压后超过 {limit_mib} MiB（至少 {size_mib} MiB）：\
                 像压缩炸弹一样，拒绝读取"
            ),
            F::DamagedXml { part, at, detail } => {
                format!("{part}：XML 在偏移 {at} 字节处损坏：{detail}")
            }
            F::DamagedXmlAttribute { part, detail } => {
                format!("{part}：XML 属性损坏：{detail}")
            }
            F::TooManyElements { part, limit } => {
                format!("{part}：XML 元素多于 {limit} 个，像炸弹文件一样，拒绝读取")
            }
            F::NestedTooDeep { part, limit } => {
                format!("{part}：元素嵌套超过 {limit} 层")
            }
            F::TooManyAttributes { part, limit } => {
                format!("{part}：有元素的属性多于 {limit} 个，像炸弹文件一样，拒绝读取")
            }
            F::TooManyNamespaces { part, limit } => {
                format!("{part}：同时声明的 XML 命名空间多于 {limit} 个，像炸弹文件一样，拒绝读取")
            }
            F::TooManyReferences { part, limit } => {
                format!("{part}：实体引用（如 &amp;）多于 {limit} 个，像炸弹文件一样，拒绝读取")
            }
            F::XmlEndsEarly { part } => format!("{part}：XML 没有写完就结束了"),
            F::MissingImage { target } => format!("文档中缺少图片 {target}"),
            F::UnreadablePdf { detail } => format!("不是可以读取的 PDF（{detail}）"),
            F::EncryptedPdf => "这个 PDF 已加密，要密码才能打开：请不设密码重新保存或打印，\
                                或改为转换生成它的 Word 文件"
                .into(),
            F::PdfText { detail } => format!("无法读取 PDF 中的文字（{detail}）"),
            F::PdfReaderFailed => "无法读取 PDF 中的文字：文件已损坏，\
                                   或用到了本程序的 PDF 读取器不支持的功能"
                .into(),
            F::PdfStreamBomb {
                stream_mib,
                total_mib,
            } => format!(
                "这个 PDF 有一个数据流解压后超过 {stream_mib} MiB：像 PDF 炸弹一样，拒绝读取\
                 （每个数据流至多 {stream_mib} MiB，总共至多 {total_mib} MiB）"
            ),
            F::PdfBomb {
                stream_mib,
                total_mib,
            } => format!(
                "这个 PDF 的数据流解压后总共超过 {total_mib} MiB：像 PDF 炸弹一样，拒绝读取\
                 （每个数据流至多 {stream_mib} MiB，总共至多 {total_mib} MiB）"
            ),
            F::FormLoop { depth } => format!(
                "这个 PDF 的图形（表单 XObject）循环绘制自身，或嵌套超过 {depth} 层：无法读取"
            ),
            F::PdfOverBudget { what, limit } => format!(
                "这个 PDF 超出了任何简报都用不到的读取限度：{}，拒绝读取",
                what.text(*limit, UiLang::ZhCn)
            ),
            F::NeedsOcr { pages, engine: true } => format!(
                "{}：需要文字识别（OCR），但指定了 --ocr never：请改用 --ocr auto 转换",
                needs_text(pages, UiLang::ZhCn)
            ),
            F::NeedsOcr {
                pages,
                engine: false,
            } => format!(
                "{}：需要文字识别（OCR）。编辑台不在浏览器里做文字识别（{}）。\
                 扫描件请用命令行转换：`bulletin convert 文件 --ocr auto`\
                 （用 Tesseract 识别，没把握的字逐个列为问题），\
                 或改为转换印出它的 Word 文件",
                needs_text(pages, UiLang::ZhCn),
                crate::import::ocr::WHY_NOT_IN_THE_BROWSER
            ),
            F::OcrUnavailable { pages, missing } => format!(
                "{}：需要文字识别（OCR），但{}：{INSTALL_ZH}",
                needs_text(pages, UiLang::ZhCn),
                match missing {
                    OcrMissing::Tesseract => "没有安装文字识别引擎 Tesseract",
                    OcrMissing::ChineseModel => "没有安装 Tesseract 的简体中文模型（chi_sim）",
                    OcrMissing::Renderer => "没有安装为它渲染页面的 pdftoppm（poppler）",
                }
            ),
            F::OcrFailed { page, detail } => format!("第 {page} 页的文字识别失败：{detail}"),
            F::NoPictureToRead { page } => format!(
                "第 {page} 页的文字对象只有字形编号、没有文字，页面上也没有可供文字识别的图像：\
                 请改为转换生成它的 PDF"
            ),
            F::OfdWithoutDocument => {
                "这个 OFD 文件的 OFD.xml 没有指出文档（DocBody/DocRoot）".into()
            }
            F::OfdNotOfd { part } => format!(
                "{part}：其中的元素不在 OFD 的命名空间（http://www.ofdspec.org/2016）中，不是 OFD 文件"
            ),
            F::OfdMissingPart { part, named_in } => {
                format!("{named_in} 指向的 {part} 不在 OFD 文件中：文件已损坏")
            }
            F::OfdPathOutside { path, named_in } => {
                format!("{named_in} 指向的部件 {path} 超出了文件包的范围，拒绝读取")
            }
            F::OfdOverBudget { what, limit } => format!(
                "这个 OFD 超出了任何简报都用不到的读取限度：{}，拒绝读取",
                what.text(*limit, UiLang::ZhCn)
            ),
        }
    }

    /// One of each fault, for tests: the `match` makes a fault added to the enum fail to
    /// compile here until it is listed.
    #[cfg(test)]
    pub(crate) fn all_examples() -> Vec<ImportFault> {
        use ImportFault as F;
        let part = || EXAMPLE_PART.to_string();
        let detail = || EXAMPLE_DETAIL.to_string();
        let all = vec![
            F::TooLarge { bytes: 70_000_000 },
            F::NoTextLayer,
            F::NoText,
            F::Convert(ConvertError {
                line: 3,
                kind: Refusal::Empty,
            }),
            F::Convert(ConvertError {
                line: 3,
                kind: Refusal::NoMasthead,
            }),
            F::Convert(ConvertError {
                line: 3,
                kind: Refusal::NoArticle,
            }),
            F::Convert(ConvertError {
                line: 3,
                kind: Refusal::NotABulletin,
            }),
            F::BomButNotUtf8 { offset: 8 },
            F::NeitherUtf8NorGb18030 { offset: 8 },
            F::BomButInvalid {
                encoding: "UTF-16LE",
            },
            F::LegacyWord,
            F::Utf32,
            F::Rtf,
            F::Utf16WithoutBom,
            F::UnknownFormat,
            F::OpenDocument,
            F::Excel,
            F::PowerPoint,
            F::ZipWithoutDocument,
            F::DamagedZip { detail: detail() },
            F::DamagedZipPart {
                part: part(),
                detail: detail(),
            },
            F::PartNotUtf8 {
                part: part(),
                offset: 12,
            },
            F::PartTooBig {
                part: part(),
                limit_mib: 64,
                size_mib: 300,
            },
            F::DamagedXml {
                part: part(),
                at: 120,
                detail: detail(),
            },
            F::DamagedXmlAttribute {
                part: part(),
                detail: detail(),
            },
            F::TooManyElements {
                part: part(),
                limit: 500_000,
            },
            F::NestedTooDeep {
                part: part(),
                limit: 256,
            },
            F::TooManyAttributes {
                part: part(),
                limit: 512,
            },
            F::TooManyNamespaces {
                part: part(),
                limit: 256,
            },
            F::TooManyReferences {
                part: part(),
                limit: 1_000_000,
            },
            F::XmlEndsEarly { part: part() },
            F::MissingImage {
                target: "media/image1.png".into(),
            },
            F::UnreadablePdf { detail: detail() },
            F::EncryptedPdf,
            F::PdfText { detail: detail() },
            F::PdfReaderFailed,
            F::PdfStreamBomb {
                stream_mib: 64,
                total_mib: 256,
            },
            F::PdfBomb {
                stream_mib: 64,
                total_mib: 256,
            },
            F::FormLoop { depth: 32 },
            F::PdfOverBudget {
                what: PdfBudget::Operators,
                limit: 5_000_000,
            },
            F::NeedsOcr {
                pages: vec![(1, Need::NoText), (2, Need::NoText), (4, Need::NotText)],
                engine: false,
            },
            F::NeedsOcr {
                pages: vec![(1, Need::NotText)],
                engine: true,
            },
            F::OcrUnavailable {
                pages: vec![(1, Need::NoText)],
                missing: OcrMissing::Tesseract,
            },
            F::OcrUnavailable {
                pages: vec![(1, Need::NoText)],
                missing: OcrMissing::ChineseModel,
            },
            F::OcrUnavailable {
                pages: vec![(1, Need::NotText)],
                missing: OcrMissing::Renderer,
            },
            F::OcrFailed {
                page: 2,
                detail: detail(),
            },
            F::NoPictureToRead { page: 2 },
            F::OfdWithoutDocument,
            F::OfdNotOfd { part: part() },
            F::OfdMissingPart {
                part: part(),
                named_in: part(),
            },
            F::OfdPathOutside {
                path: part(),
                named_in: part(),
            },
            F::OfdOverBudget {
                what: PdfBudget::Pages,
                limit: 2_000,
            },
        ];
        for f in &all {
            // Every fault must be listed above: adding one fails to compile here.
            match f {
                F::TooLarge { .. }
                | F::NoTextLayer
                | F::NoText
                | F::Convert(_)
                | F::BomButNotUtf8 { .. }
                | F::NeitherUtf8NorGb18030 { .. }
                | F::BomButInvalid { .. }
                | F::LegacyWord
                | F::Utf32
                | F::Rtf
                | F::Utf16WithoutBom
                | F::UnknownFormat
                | F::OpenDocument
                | F::Excel
                | F::PowerPoint
                | F::ZipWithoutDocument
                | F::DamagedZip { .. }
                | F::DamagedZipPart { .. }
                | F::PartNotUtf8 { .. }
                | F::PartTooBig { .. }
                | F::DamagedXml { .. }
                | F::DamagedXmlAttribute { .. }
                | F::TooManyElements { .. }
                | F::NestedTooDeep { .. }
                | F::TooManyAttributes { .. }
                | F::TooManyNamespaces { .. }
                | F::TooManyReferences { .. }
                | F::XmlEndsEarly { .. }
                | F::MissingImage { .. }
                | F::UnreadablePdf { .. }
                | F::EncryptedPdf
                | F::PdfText { .. }
                | F::PdfReaderFailed
                | F::PdfStreamBomb { .. }
                | F::PdfBomb { .. }
                | F::FormLoop { .. }
                | F::PdfOverBudget { .. }
                | F::NeedsOcr { .. }
                | F::OcrUnavailable { .. }
                | F::OcrFailed { .. }
                | F::NoPictureToRead { .. }
                | F::OfdWithoutDocument
                | F::OfdNotOfd { .. }
                | F::OfdMissingPart { .. }
                | F::OfdPathOutside { .. }
                | F::OfdOverBudget { .. } => {}
            }
        }
        all
    }
}

/// Values the examples quote (what a library said, the converter's own message), which
/// stay as they are in every language.
#[cfg(test)]
const EXAMPLE_DETAIL: &str = "invalid Zip archive: Could not find EOCD";
#[cfg(test)]
const EXAMPLE_PART: &str = "word/document.xml";

impl Place {
    /// Where, in the interface language: `page 2, line 5` / `第 2 页第 5 行`.
    pub fn text(&self, lang: UiLang) -> String {
        match lang {
            UiLang::En => self.to_string(),
            UiLang::ZhCn => match self {
                Place::Line(n) => format!("第 {n} 行"),
                Place::Page { page, line } => format!("第 {page} 页第 {line} 行"),
                Place::Paragraph(n) => format!("第 {n} 段"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::text::english_sentence;

    #[test]
    fn every_fault_has_a_chinese_text_without_english_sentences() {
        let all = ImportFault::all_examples();
        assert_eq!(all.len(), 52);
        for f in all {
            let zh = f.text(UiLang::ZhCn);
            let en = f.text(UiLang::En);
            assert!(!zh.trim().is_empty(), "{f:?}");
            assert!(zh.chars().any(crate::text::is_han), "{f:?}: {zh}");
            assert_ne!(zh, en);
            let mut rest = zh.clone();
            for value in [EXAMPLE_DETAIL, EXAMPLE_PART] {
                rest = rest.replace(value, "");
            }
            // Commands quoted in backticks (`sudo apt-get install …`) are values too.
            let rest: String = rest
                .split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, s)| s)
                .collect();
            assert_eq!(english_sentence(&rest), None, "{f:?}: {zh}");
            // English, quoting the Chinese terms a bulletin uses (# 名称, 第 N 期).
            assert!(english_sentence(&en).is_some(), "{en}");
        }
    }

    #[test]
    fn the_check_finds_english() {
        assert!(english_sentence("文件 is not read：请另存").is_some());
        assert!(english_sentence("请另存为 UTF-8（或 Word 2007 格式）").is_none());
    }

    #[test]
    fn places_in_chinese() {
        assert_eq!(
            Place::Page { page: 2, line: 5 }.text(UiLang::ZhCn),
            "第 2 页第 5 行"
        );
        assert_eq!(Place::Paragraph(14).text(UiLang::ZhCn), "第 14 段");
        assert_eq!(Place::Line(3).text(UiLang::ZhCn), "第 3 行");
        assert_eq!(Place::Line(3).text(UiLang::En), "line 3");
    }
}
