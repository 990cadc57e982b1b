//! `bulletin`: convert, validate and describe bulletin issues. See `bulletin --help`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(bulletin::cli::run(&args));
}
