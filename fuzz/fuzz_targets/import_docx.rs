//! Any bytes to the Word reader: a document or an error, never a panic, within libFuzzer's
//! memory and time limits (the zip and XML caps of `import::docx`). Seeded with the crafted
//! files of tests/fixtures/hostile/ and the Word fixtures.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = bulletin::import::docx::read(data);
});
