//! Any bytes to the PDF reader: it returns the text's parts or an error, never panics, and
//! within libFuzzer's memory (`-rss_limit_mb`) and time (`-timeout`) limits — the budgets of
//! `import::pdf_budget`. Seeded with the crafted files of tests/fixtures/hostile/.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = bulletin::import::pdf::read(data, &mut bulletin::import::ocr::Ocr::none());
});
