//! Word and PDF import: the fixtures in `tests/fixtures/import/` (made by real tools with
//! `scripts/make-import-fixtures`: python-docx, LibreOffice, Chromium's print, qpdf) convert
//! to their checked-in JSON exactly, the seed issue comes back the same from every route, and
//! files that are not bulletins, or cannot be read, get a message saying what and where.
//! `UPDATE_GOLDEN=1 cargo test --features cli --test import` rewrites the expected files.

use bulletin::import::{import, read, Format, ImportError, Imported, Place};
use bulletin::model::{to_json, validate, Block, Issue};
use std::fs;
use std::io::Write;
use std::path::PathBuf;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn bytes(path: &str) -> Vec<u8> {
    fs::read(fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn imported(path: &str) -> Imported {
    import(&bytes(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn refused(data: &[u8]) -> ImportError {
    import(data).expect_err("the file must be refused")
}

fn check_golden(path: &str, actual: &str) {
    let path = fixture(path);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 creates it)", path.display()));
    assert!(
        expected == actual,
        "{} differs:\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

const SEED_JSON: &str = "www/issues/lianluo-dongtai-2024-18.json";

/// The seed issue from its text, its Word file, LibreOffice's PDF of that, Chromium's print
/// of the viewer's layout, and that PDF with an owner password: the same issue every time,
/// byte for byte — no route loses or changes an article, paragraph or footer field.
#[test]
fn the_seed_comes_back_the_same_from_every_route() {
    let bundled = fs::read_to_string(fixture(SEED_JSON)).unwrap();
    // Chromium's print gives some ideographs as Kangxi radicals in its text layer (as
    // pdf-extract reads it): ⽬ for 目 in 要目, ⼈⼤ for 人大.
    let chromium = bytes("tests/fixtures/import/seed/lianluo-dongtai-2024-18.chromium.pdf");
    let layer = pdf_extract::extract_text_from_mem(&chromium).unwrap();
    assert!(layer.contains("⼈⼤"), "{layer}");
    for (path, format) in [
        (
            "tests/fixtures/seed/lianluo-dongtai-2024-18.txt",
            Format::Text,
        ),
        (
            "tests/fixtures/import/seed/lianluo-dongtai-2024-18.docx",
            Format::Docx,
        ),
        (
            "tests/fixtures/import/seed/lianluo-dongtai-2024-18.pdf",
            Format::Pdf,
        ),
        (
            "tests/fixtures/import/seed/lianluo-dongtai-2024-18.chromium.pdf",
            Format::Pdf,
        ),
        // Restricted from printing and copying, but opens without a password.
        (
            "tests/fixtures/import/bad/owner-password-only.pdf",
            Format::Pdf,
        ),
    ] {
        let got = imported(path);
        assert_eq!(got.format, format, "{path}");
        assert_eq!(validate(&got.issue), vec![], "{path}");
        assert!(
            to_json(&got.issue) == bundled,
            "{path} reads differently:\n{}",
            to_json(&got.issue)
        );
    }
}

/// What the PDF route had to repair for the seed to come back whole: the paragraph that
/// runs over a page break, the title wrapped over two lines, the 要目 entry wrapped, the
/// organ and date set far apart, page numbers, and quotes drawn out of order.
#[test]
fn pdf_layout_is_read_in_reading_order() {
    let text = read(&bytes(
        "tests/fixtures/import/seed/lianluo-dongtai-2024-18.pdf",
    ))
    .unwrap()
    .text;
    // Organ ⇥ date: one line, two parts far apart.
    assert!(
        text.contains("湖南省人大常委会代表工作委员会编\t2024"),
        "{text}"
    );
    // The second title, two lines in print (…推进 / 会上的发言), is one heading.
    assert!(text.contains("## 湘潭市委书记胡贺波在全省基层人大工作推进会上的发言\n"));
    // No page number (－1－) is left in the text.
    assert!(!text.contains('－'), "{text}");
    // The paragraph broken by the first page's end goes on (…深学笃行习 | 近平总书记…).
    assert!(text.contains("深学笃行习近平总书记"));
    // Curly quotes, set in a Latin fallback font, stay with their words.
    assert!(text.contains("聚焦“两个联系”做好代表工作"), "{text}");
    // The right-aligned source note stands alone.
    assert!(text.contains("\n（湘潭市委办公室、市人大常委会办公室供稿）\n"));
}

#[test]
fn a_special_issue_with_its_masthead_in_a_text_box_and_a_table() {
    let docx = imported("tests/fixtures/import/special/zengkan-2.docx");
    check_golden(
        "tests/fixtures/import/special/expected.json",
        &to_json(&docx.issue),
    );
    let m = &docx.issue.masthead;
    assert_eq!(m.issue.label, "增刊第2期");
    assert_eq!(m.issue.special.as_deref(), Some("增刊"));
    assert_eq!(m.date.iso, "2024-12-31");
    // The text box's fallback copy for old software is not read twice.
    assert!(!to_json(&docx.issue).contains("旧版软件"));
    // No 要目 in the file: the contents are the articles'.
    assert_eq!(docx.issue.contents.len(), docx.issue.articles.len());
    // A URL broken over two lines in the PDF is one URL again.
    let pdf = imported("tests/fixtures/import/special/zengkan-2.pdf");
    check_golden(
        "tests/fixtures/import/special/expected-pdf.json",
        &to_json(&pdf.issue),
    );
    assert!(to_json(&pdf.issue).contains(
        "https://www.example.gov.cn/rd/lianluozhan/2024/guifanhua-jianshe-qingkuang.html。"
    ));
    assert_eq!(pdf.issue, docx.issue, "Word and its PDF read alike");
}

#[test]
fn images_of_a_word_file_are_written_and_described() {
    let got = imported("tests/fixtures/import/image/lianluo-dongtai-2024-19.docx");
    check_golden(
        "tests/fixtures/import/image/expected.json",
        &to_json(&got.issue),
    );
    let images: Vec<(&str, &str, Option<&str>)> = got.issue.articles[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image { src, alt, caption } => {
                Some((src.as_str(), alt.as_str(), caption.as_deref()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        images,
        [
            (
                "image-1.png",
                "柱状图：2021年至2024年全省代表联络站接待群众人次逐年增长",
                Some("图为2021—2024年全省代表联络站接待群众人次")
            ),
            ("image-2.png", "", None),
        ]
    );
    // The pictures themselves, as the document holds them (480 × 270 PNGs).
    assert_eq!(got.images.len(), 2);
    for image in &got.images {
        assert!(
            image.bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{}",
            image.name
        );
        assert_eq!(&image.bytes[16..24], &[0, 0, 1, 224, 0, 0, 1, 14]);
    }
    // The picture without a description is kept, and the missing alt text is a problem.
    let problems: Vec<String> = validate(&got.issue).iter().map(|p| p.to_string()).collect();
    assert_eq!(problems, ["articles[0].blocks[3].alt: must not be empty"]);

    // Known limit: a PDF's pictures are not read (its text layer has none of them); the
    // caption under the first stays as a line of text, the text around them is the same.
    let pdf = imported("tests/fixtures/import/image/lianluo-dongtai-2024-19.pdf");
    check_golden(
        "tests/fixtures/import/image/expected-pdf.json",
        &to_json(&pdf.issue),
    );
    let paragraphs = |i: &Issue| -> Vec<String> {
        i.articles[0]
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { text } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let mut expected = paragraphs(&got.issue);
    expected.insert(1, "图为2021—2024年全省代表联络站接待群众人次".into());
    assert_eq!(paragraphs(&pdf.issue), expected);
    assert!(pdf.images.is_empty());
}

#[test]
fn a_table_in_an_article_becomes_a_table_block() {
    let got = imported("tests/fixtures/import/table/lianluo-dongtai-2024-20.docx");
    check_golden(
        "tests/fixtures/import/table/expected.json",
        &to_json(&got.issue),
    );
    assert_eq!(validate(&got.issue), vec![]);
    let table = got.issue.articles[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table {
                header,
                rows,
                caption,
            } => Some((header, rows, caption)),
            _ => None,
        })
        .expect("a table block");
    assert!(
        *table.0,
        "the first row is the header (it repeats on each page)"
    );
    assert_eq!(table.1.len(), 6);
    assert_eq!(
        table.1[0],
        [
            "市州",
            "代表建议（件）",
            "已办结（件）",
            "办结率",
            "代表满意或基本满意率"
        ]
    );
    assert_eq!(table.1[5], ["合计", "3,419", "3,416", "99.9%", "98.8%"]);
    assert_eq!(table.2.as_deref(), Some("表1部分市州代表建议办理情况"));
    // The caption above the table is not taken for an article's title.
    assert_eq!(got.issue.articles.len(), 1);

    // Known limit: from the PDF the table comes back as lines of text (cells in reading
    // order); the text around it is the same.
    let pdf = imported("tests/fixtures/import/table/lianluo-dongtai-2024-20.pdf");
    check_golden(
        "tests/fixtures/import/table/expected-pdf.json",
        &to_json(&pdf.issue),
    );
    assert_eq!(pdf.issue.articles.len(), 1);
    let paragraphs: Vec<String> = pdf.issue.articles[0]
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.replace(' ', "")),
            _ => None,
        })
        .collect();
    // Each data row is a line of its cells; the header's cells wrap inside their boxes, so
    // their characters are all there, in two lines.
    for row in &table.1[1..] {
        assert!(
            paragraphs.contains(&row.concat()),
            "{row:?} in {paragraphs:?}"
        );
    }
    let all = paragraphs.concat();
    for c in table.1[0].concat().chars() {
        assert!(all.contains(c), "{c}");
    }
}

#[test]
fn a_document_that_is_not_a_bulletin_says_what_was_expected_and_where() {
    let docx = refused(&bytes("tests/fixtures/import/not-a-bulletin/tongzhi.docx"));
    assert_eq!(docx.place, Some(Place::Paragraph(1)));
    assert_eq!(
        docx.to_string(),
        "paragraph 1: the masthead under the title has no issue number (第 N 期)"
    );
    let pdf = refused(&bytes("tests/fixtures/import/not-a-bulletin/tongzhi.pdf"));
    assert_eq!(
        pdf.to_string(),
        "page 1, line 1: the masthead under the title has no issue number (第 N 期)"
    );
}

#[test]
fn files_that_cannot_be_read_say_why() {
    let e = refused(&bytes("tests/fixtures/import/bad/needs-password.pdf"));
    assert!(e.message.contains("encrypted and needs a password"), "{e}");
    let e = refused(&bytes("tests/fixtures/import/bad/scanned.pdf"));
    assert!(e.message.contains("has no text layer"), "{e}");
    assert!(e.message.contains("OCR"), "{e}");
    let e = refused(&bytes("tests/fixtures/import/bad/legacy-word.doc"));
    assert!(e.message.contains("save it as .docx"), "{e}");

    // A Word file cut short (an interrupted download).
    let docx = bytes("tests/fixtures/import/seed/lianluo-dongtai-2024-18.docx");
    let e = refused(&docx[..docx.len() / 2]);
    assert!(e.message.contains("damaged zip file"), "{e}");
    // A PDF cut short: an error, never a panic.
    let pdf = bytes("tests/fixtures/import/seed/lianluo-dongtai-2024-18.pdf");
    for cut in [pdf.len() / 2, 2000, 20] {
        let e = refused(&pdf[..cut]);
        assert!(!e.message.is_empty());
    }
    // Other files.
    let e = refused(b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0");
    assert!(
        e.message
            .contains("not a PDF, a Word document (.docx) or text"),
        "{e}"
    );
    let e = refused(&zip_of(&[("notes.txt", b"hello".as_slice())]));
    assert!(e.message.contains("not a Word document"), "{e}");
    let e = refused(&zip_of(&[("xl/workbook.xml", b"<workbook/>".as_slice())]));
    assert!(e.message.contains("Excel"), "{e}");
}

#[test]
fn a_zip_bomb_is_refused() {
    // 80 MiB of spaces inflate from a few hundred KiB: over the 64 MiB a part may inflate to.
    let spaces = vec![b' '; 80 << 20];
    let bomb = zip_of(&[
        ("[Content_Types].xml", b"<Types/>".as_slice()),
        ("word/document.xml", spaces.as_slice()),
    ]);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let e = refused(&bomb);
    assert!(e.message.contains("zip bomb"), "{e}");
    assert!(e.message.contains("word/document.xml"), "{e}");
}

/// Ideographs given as Kangxi radicals (⼈ U+2F08 for 人, ⼤ for 大…), as some PDFs' text
/// layers give them and as text pasted from those into Word carries them: the Word file and
/// its PDF (whose text layer holds the radicals) both read as the ideographs.
#[test]
fn kangxi_radicals_read_as_ideographs() {
    let pdf = bytes("tests/fixtures/import/radicals/radicals.pdf");
    let layer = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    let radical = |c: &char| ('\u{2E80}'..='\u{2FDF}').contains(c);
    // LibreOffice's font subset shares one glyph between ⽂ and 文, ⽬ and 目: its text
    // layer gives the radical even where the document had the ideograph (批准⽂号).
    assert!(layer.contains("批准⽂号"), "{layer}");
    assert!(layer.chars().filter(radical).count() >= 3, "{layer}");
    for path in [
        "tests/fixtures/import/radicals/radicals.docx",
        "tests/fixtures/import/radicals/radicals.pdf",
    ] {
        let text = to_json(&imported(path).issue);
        assert!(
            text.contains("【示例】人大代表月度工作日程"),
            "{path}: {text}"
        );
        assert!(text.contains("听取群众意见和建议"), "{path}: {text}");
        let left: String = text
            .chars()
            .filter(|c| ('\u{2E80}'..='\u{2FDF}').contains(c))
            .collect();
        assert_eq!(left, "", "{path}");
    }
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}
