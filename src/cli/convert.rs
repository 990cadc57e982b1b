//! `bulletin convert`: a PDF, Word or text file of an issue → issue JSON (or the text form it
//! is read as); a folder of them → one JSON per issue and a report (`folder.rs`).

use super::ocr_report::{ocr_checks, ocr_count, ocr_summary};
use super::{read_bytes, write_output};
use crate::{import, model};
use std::io::Write;

/// When to read pages by OCR (`--ocr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OcrChoice {
    /// Never: a page that needs OCR is refused, said as such
    Never,
    /// Pages with no text layer (scans) and pages whose text layer is not text (fonts with no
    /// Unicode map)
    Auto,
    /// Every page, whatever its text layer holds
    Always,
}

impl OcrChoice {
    fn mode(self) -> import::OcrMode {
        match self {
            OcrChoice::Never => import::OcrMode::Never,
            OcrChoice::Auto => import::OcrMode::Auto,
            OcrChoice::Always => import::OcrMode::Always,
        }
    }

    fn arg(self) -> &'static str {
        match self {
            OcrChoice::Never => "never",
            OcrChoice::Auto => "auto",
            OcrChoice::Always => "always",
        }
    }
}

/// The arguments of `convert`.
#[derive(clap::Args)]
pub struct ConvertArgs {
    /// The file (.pdf, .docx, .ofd, .txt — recognised by content), or a folder of them
    input: String,
    /// Where to write the issue JSON (default: standard output); pictures go beside it
    #[arg(short, long, value_name = "FILE")]
    output: Option<String>,
    /// For a folder: where to write one JSON per issue (and their pictures)
    #[arg(long, value_name = "DIR", conflicts_with = "text")]
    out: Option<String>,
    /// Print the text form the file is read as, to correct by hand and convert again
    #[arg(long)]
    text: bool,
    /// The most CPU time reading one file may take, in seconds (each file is read in a
    /// process of its own, within this and 2 GiB of memory)
    #[arg(long, value_name = "SECONDS", default_value_t = super::isolate::TIME_LIMIT,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    time_limit: u64,
    /// When to read pages by OCR (Tesseract): pages with no text layer and pages whose text
    /// layer is not text (auto), every page (always), or none (never). Each page OCR'd may
    /// take --time-limit seconds more
    #[arg(long, value_name = "WHEN", value_enum, default_value_t = OcrChoice::Auto)]
    ocr: OcrChoice,
    /// For a folder run: the reading child writes its result into this folder
    #[arg(long, hide = true, value_name = "DIR", requires = "worker_index")]
    worker_out: Option<String>,
    /// For a folder run: the file's number
    #[arg(long, hide = true)]
    worker_index: Option<usize>,
}

/// Runs `convert`; the exit status.
pub fn run(args: ConvertArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<i32> {
    let ConvertArgs {
        input,
        output,
        out: to,
        text,
        time_limit,
        ocr,
        worker_out,
        worker_index,
    } = args;
    if let (Some(to), Some(index)) = (worker_out, worker_index) {
        return super::folder::worker(input.as_ref(), index, to.as_ref(), ocr.mode(), time_limit);
    }
    if std::path::Path::new(&input).is_dir() {
        let Some(to) = to.or(output) else {
            writeln!(
                err,
                "bulletin: convert DIR needs --out DIR (see bulletin convert --help)"
            )?;
            return Ok(2);
        };
        if text {
            writeln!(err, "bulletin: --text takes a file, not a folder")?;
            return Ok(2);
        }
        return super::folder::convert_dir(
            input.as_ref(),
            to.as_ref(),
            (time_limit, ocr.arg()),
            out,
            err,
        );
    }
    if to.is_some() {
        writeln!(
            err,
            "bulletin: --out DIR is for a folder; for a file use -o FILE"
        )?;
        return Ok(2);
    }
    let file = input.as_str();
    if !super::isolate::is_child() {
        // Read in a process of its own, within the limits: this one says how that ended.
        let mut args = vec!["convert".to_string(), input.clone()];
        if let Some(o) = &output {
            args.extend(["-o".to_string(), o.clone()]);
        }
        if text {
            args.push("--text".to_string());
        }
        args.extend([
            "--ocr".to_string(),
            ocr.arg().to_string(),
            "--time-limit".to_string(),
            time_limit.to_string(),
        ]);
        out.flush()?;
        let (end, stderr) = super::isolate::run(&args, std::process::Stdio::inherit(), time_limit)?;
        return Ok(match end {
            super::isolate::End::Exited(code) => {
                err.write_all(stderr.as_bytes())?;
                code
            }
            super::isolate::End::Failed(why) => {
                writeln!(err, "{file}: could not be read: {why}")?;
                1
            }
        });
    }
    let mut engine = super::ocr::Tesseract::new(time_limit);
    let mut reader = import::Ocr {
        mode: ocr.mode(),
        engine: Some(&mut engine),
    };
    if text {
        let Some(bytes) = read_bytes(file, err)? else {
            return Ok(2);
        };
        return match import::read_with(&bytes, &mut reader) {
            Ok(read) => {
                say_encoding(file, read.encoding, err)?;
                if let Some(report) = &read.ocr {
                    writeln!(err, "{file}: {}", ocr_summary(report))?;
                }
                // Converting this text again gives the same issue: it says that its
                // paragraphs end at blank lines (a text file's did already).
                let text = if read.format == import::Format::Text {
                    read.text
                } else {
                    format!("{}\n{}", crate::convert::EXPLICIT_PARAGRAPHS, read.text)
                };
                write_output(output, &text, out)?;
                Ok(0)
            }
            Err(e) => {
                writeln!(err, "{file}: {e}")?;
                Ok(1)
            }
        };
    }
    let Some(bytes) = read_bytes(file, err)? else {
        return Ok(2);
    };
    let mut imported = match import::import_with(&bytes, &mut reader) {
        Ok(imported) => imported,
        Err(e) => {
            match e.place {
                // Text keeps the form editors and compilers use: file:line: message.
                Some(import::Place::Line(n)) => writeln!(err, "{file}:{n}: {}", e.kind)?,
                _ => writeln!(err, "{file}: {e}")?,
            }
            return Ok(1);
        }
    };
    say_encoding(file, imported.encoding, err)?;
    if !imported.images.is_empty() {
        let Some(json) = &output else {
            writeln!(
                        err,
                        "bulletin: {file} has pictures ({}), written as files beside the issue: give -o FILE.json",
                        imported.images.len()
                    )?;
            return Ok(2);
        };
        super::folder::write_images(&mut imported, std::path::Path::new(json))?;
    }
    let json = model::to_json(&imported.issue);
    let mut problems = super::issue_problems(&imported.issue, &imported.gaps);
    problems.extend(super::too_large_for_the_viewer(json.len()));
    for p in &problems {
        writeln!(err, "{file}: converted issue: {p}")?;
    }
    let checks = match &imported.ocr {
        Some(report) => {
            writeln!(err, "{file}: {}", ocr_summary(report))?;
            let checks = ocr_checks(report);
            for c in &checks {
                writeln!(err, "{file}: {c}")?;
            }
            writeln!(err, "{file}: {}", ocr_count(report))?;
            checks.len()
        }
        None => 0,
    };
    if !imported.gaps.is_empty() {
        let what = match &output {
            Some(o) => format!("written to {o} as a draft"),
            None => "a draft".to_string(),
        };
        writeln!(
            err,
            "{file}: {what}: fill in what is missing above (or correct the source and convert \
             again); `bulletin validate` refuses it until then"
        )?;
    }
    // With problems the issue is still written (when it goes to a file), to be fixed
    // there; the exit status says it needs that.
    if problems.is_empty() || output.is_some() {
        write_output(output, &json, out)?;
    }
    Ok(if problems.is_empty() && checks == 0 {
        0
    } else {
        1
    })
}

/// Says which encoding a text file was read in when it was not UTF-8, so that a file
/// mis-saved in another encoding is recognised by its garbled text rather than trusted.
fn say_encoding(file: &str, encoding: Option<&str>, err: &mut dyn Write) -> std::io::Result<()> {
    if let Some(encoding) = encoding {
        writeln!(err, "{file}: read as {encoding} text (not UTF-8)")?;
    }
    Ok(())
}
