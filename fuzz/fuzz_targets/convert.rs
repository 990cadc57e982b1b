//! Any text to the converter: it returns an issue (a draft with its gaps, each on a line of
//! the text) or a refusal with a line, never panics; an issue it returns writes to JSON that
//! reads back the same.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match bulletin::convert::convert(text) {
        Ok(converted) => {
            let lines = bulletin::convert::normalize_line_ends(text).lines().count().max(1);
            assert!(converted.gaps.iter().all(|g| (1..=lines).contains(&g.line)));
            let issue = converted.issue;
            let _ = bulletin::model::validate(&issue);
            let json = bulletin::model::to_json(&issue);
            assert_eq!(bulletin::model::parse_issue(&json).ok(), Some(issue));
        }
        Err(e) => assert!(e.line >= 1),
    }
});
