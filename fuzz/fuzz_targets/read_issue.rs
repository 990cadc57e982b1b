//! Any bytes as issue JSON: reading, validation and search return, never panic; a strict
//! read that succeeds writes back to JSON that reads the same.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok((issue, _)) = bulletin::model::read_issue(text) {
        let _ = bulletin::model::validate(&issue);
        let _ = bulletin::search::search(&issue, "人大");
    }
    if let Ok(issue) = bulletin::model::parse_issue(text) {
        let again = bulletin::model::parse_issue(&bulletin::model::to_json(&issue));
        assert_eq!(again.ok(), Some(issue));
    }
});
