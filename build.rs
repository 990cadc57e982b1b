//! Minifies the viewer's stylesheet (www/viewer.css) into OUT_DIR for the wasm to include:
//! the readable file stays the source, the wasm carries no comments or indentation.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo::rerun-if-changed=www/viewer.css");
    let css = fs::read_to_string("www/viewer.css").expect("www/viewer.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("viewer.min.css");
    fs::write(out, minify(&css)).expect("write minified CSS");
}

/// Drops comments and needless white space; keeps quoted strings as they are.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for d in chars.by_ref() {
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            c => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes one space before `next` unless a brace, semicolon, colon or comma makes it
/// needless on either side.
fn flush_space(out: &mut String, pending: &mut bool, next: char) {
    if *pending {
        let after = out.chars().last();
        // Not before a colon: `.a :is(b)` (a descendant) is not `.a:is(b)`.
        let tight = |c: char| "{};:,".contains(c);
        if after.is_some_and(|a| !tight(a)) && !"{};,".contains(next) {
            out.push(' ');
        }
        *pending = false;
    }
}
