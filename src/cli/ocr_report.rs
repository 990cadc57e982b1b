//! What `bulletin convert` says of what OCR read, for one file (`convert.rs`) and for each file
//! of a folder (`folder.rs`): the pages read and why, and the words a person should check.

use crate::import;

/// Which pages OCR read, why, with what, and how sure it was on the whole.
pub fn ocr_summary(report: &import::OcrReport) -> String {
    use import::ocr::{page_list, Need};
    let of = |n: Need| -> Vec<usize> {
        report
            .pages
            .iter()
            .filter(|p| p.1 == n)
            .map(|p| p.0)
            .collect()
    };
    let mut why = Vec::new();
    for (need, said) in [
        (Need::NoText, "no text layer"),
        (
            Need::NotText,
            "fonts without a Unicode map, the text layer is not text",
        ),
        (Need::Asked, "--ocr always"),
    ] {
        let pages = of(need);
        if !pages.is_empty() {
            why.push(format!("{} ({said})", page_list(&pages)));
        }
    }
    let words: usize = report.lines.len();
    let mean = if words == 0 {
        0.0
    } else {
        report.lines.iter().map(|l| l.confidence).sum::<f32>() / words as f32
    };
    format!(
        "read by OCR ({}): page{} {}; {} lines, mean confidence {:.0}%",
        report.engine,
        if report.pages.len() > 1 { "s" } else { "" },
        why.join(", "),
        report.lines.len(),
        mean
    )
}

/// What OCR read that a person should check: each word it is unsure of, and each fix the
/// issue's vocabulary suggests, with its place.
pub fn ocr_checks(report: &import::OcrReport) -> Vec<String> {
    let mut out: Vec<String> = report
        .doubtful()
        .map(|(place, word, confidence)| {
            format!(
                "{place}: OCR is unsure of “{word}” ({confidence:.0}%): check it against the page"
            )
        })
        .collect();
    out.extend(report.corrected.iter().map(|c| {
        let (place, read, now) = (c.place, &c.read, &c.written);
        match c.why {
            import::Why::OrganEnds => format!(
                "{place}: OCR read the organ as “{read}”; an organ's line ends with 编, which \
                 OCR reads as 纺: written “{now}” (check it)"
            ),
            import::Why::FontCode { seen: 0 } => format!(
                "{place}: OCR read “{read}”; the font's own encoding gives its codes as “{now}”: \
                 written “{now}” (check it)"
            ),
            import::Why::FontCode { seen } => format!(
                "{place}: OCR read “{read}”; the font draws it with the codes it read as “{now}” \
                 in {seen} other place{}: written “{now}” (check it)",
                if seen == 1 { "" } else { "s" }
            ),
        }
    }));
    out.extend(report.suggestions.iter().map(|s| {
        format!(
            "{}: OCR read “{}”; this issue writes “{}” {} times: check it (not changed)",
            s.place, s.read, s.instead, s.seen
        )
    }));
    out
}

/// How many words to check, in a line.
pub fn ocr_count(report: &import::OcrReport) -> String {
    let doubtful = report.doubtful().count();
    let plural = |n: usize, one: &'static str, more: &'static str| if n == 1 { one } else { more };
    let corrected = match report.corrected.len() {
        0 => "nothing was changed".to_string(),
        n => format!("{n} misreading{} corrected", plural(n, "", "s")),
    };
    format!(
        "OCR: {doubtful} word{} to check, {} suggested fix{} ({corrected}): check them \
         against the pages",
        plural(doubtful, "", "s"),
        report.suggestions.len(),
        plural(report.suggestions.len(), "", "es")
    )
}
