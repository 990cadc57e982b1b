//! Reading an office file in a child process of its own (the same binary), under an
//! address-space and a CPU-time limit and a wall-clock deadline: the readers' budgets
//! (`import::pdf_budget`, the Word reader's caps) bound what they know of, and this bounds
//! the rest. A stack overflow, an allocation failure or a hang ends that child alone; the
//! parent says which in a sentence, and a folder run goes on with the next file.
//!
//! On Unix the limits are `setrlimit` in the child before it runs (`RLIMIT_AS`,
//! `RLIMIT_CPU`); on Windows only the deadline applies (the child is killed at it).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Set in a reading child's environment: it reads in its own process.
const CHILD: &str = "BULLETIN_READING_CHILD";
/// The address space a reading child may use (2 GiB): a bulletin needs well under 200 MiB.
pub const MEMORY_LIMIT: u64 = 2 << 30;
/// The default time limit of reading one file, seconds: the largest real PDF tried (36 pages)
/// converts in 0.7 s.
pub const TIME_LIMIT: u64 = 30;
/// The most of a child's standard error kept.
const MAX_STDERR: u64 = 64 << 10;

/// The address-space limit, MiB, when a test sets one lower than [`MEMORY_LIMIT`] (to see a
/// real allocation failure end a child).
const MEMORY_LIMIT_VARIABLE: &str = "BULLETIN_MEMORY_LIMIT_MIB";

fn memory_limit() -> u64 {
    std::env::var(MEMORY_LIMIT_VARIABLE)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(MEMORY_LIMIT, |mib| (mib << 20).min(MEMORY_LIMIT))
}

/// Whether this process is a reading child.
pub fn is_child() -> bool {
    std::env::var_os(CHILD).is_some()
}

/// How a child ended.
pub enum End {
    /// It exited with this status, having said on standard error what it had to.
    Exited(i32),
    /// It was stopped or failed: why, as the end of a sentence (`could not be read: …`).
    Failed(String),
}

/// Runs `bulletin ARGS` as a reading child within the limits; standard output goes to
/// `stdout`. What it wrote on standard error is returned with how it ended. The child runs in
/// a process group of its own, so that what it starts (OCR's commands) ends with it; each
/// page it starts OCR'ing ([`super::ocr::PAGE_STARTED`] on its standard error) gives it
/// `time_limit` seconds more.
pub fn run(args: &[String], stdout: Stdio, time_limit: u64) -> std::io::Result<(End, String)> {
    let exe = std::env::current_exe()?;
    let mut command = Command::new(exe);
    command
        .args(args)
        .env(CHILD, "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped());
    #[cfg(unix)]
    limit(&mut command, time_limit);
    let mut child = command.spawn()?;
    let stderr = child.stderr.take();
    let pages = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = pages.clone();
    let reader = std::thread::spawn(move || {
        use std::io::BufRead;
        let mut text = String::new();
        if let Some(e) = stderr {
            let mut lines = std::io::BufReader::new(e.take(MAX_STDERR));
            let mut line = String::new();
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                if line.trim_end() == super::ocr::PAGE_STARTED {
                    counted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                } else {
                    text.push_str(&line);
                }
                line.clear();
            }
        }
        text
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        let granted = 1 + pages.load(std::sync::atomic::Ordering::Relaxed);
        let deadline = start
            + Duration::from_secs(time_limit.saturating_mul(granted))
            + Duration::from_millis(500);
        if Instant::now() >= deadline {
            kill_group(&mut child);
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = reader.join().unwrap_or_default();
    let too_long =
        || format!("reading it took longer than {time_limit} s, the time limit (--time-limit)");
    let end = match status {
        None => End::Failed(too_long()),
        Some(status) => {
            if stderr.contains("memory allocation of") {
                End::Failed(format!(
                    "reading it needed more than the {} MiB of memory a file may use",
                    memory_limit() >> 20
                ))
            } else if stderr.contains("overflowed its stack") {
                End::Failed(
                    "its structure nests deeper than the reader can follow (stack overflow)"
                        .to_string(),
                )
            } else if stderr.contains("panicked") {
                End::Failed("the converter failed on it (a bug: please report it)".to_string())
            } else {
                match status.code() {
                    Some(code) => End::Exited(code),
                    None => End::Failed(signal_reason(&status, &too_long)),
                }
            }
        }
    };
    Ok((end, stderr))
}

/// Ends the child and what it started (its process group, on Unix).
fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill with a negative pid signals the child's own process group, which
        // `limit` made it the leader of.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
}

#[cfg(unix)]
fn signal_reason(status: &std::process::ExitStatus, too_long: &dyn Fn() -> String) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        Some(libc::SIGXCPU) | Some(libc::SIGKILL) => too_long(),
        Some(s) => format!("the reader stopped on it (signal {s}): a bug, please report it"),
        None => "the reader stopped on it: a bug, please report it".to_string(),
    }
}

#[cfg(not(unix))]
fn signal_reason(_: &std::process::ExitStatus, _: &dyn Fn() -> String) -> String {
    "the reader stopped on it: a bug, please report it".to_string()
}

/// Sets the child's address-space and CPU-time limits before it runs.
#[cfg(unix)]
fn limit(command: &mut Command, seconds: u64) {
    use std::os::unix::process::CommandExt;
    let memory = memory_limit();
    let set = |resource, soft: u64, hard: u64| {
        let limit = libc::rlimit {
            rlim_cur: soft as libc::rlim_t,
            rlim_max: hard as libc::rlim_t,
        };
        // SAFETY: setrlimit is async-signal-safe and only reads `limit`.
        unsafe { libc::setrlimit(resource, &limit) }
    };
    // SAFETY: the closure calls only setpgid, setrlimit, prctl, getppid and raise
    // (async-signal-safe), as pre_exec requires.
    #[cfg(target_os = "linux")]
    let parent = unsafe { libc::getpid() };
    unsafe {
        command.pre_exec(move || {
            // A process group of its own: what it starts is ended with it.
            libc::setpgid(0, 0);
            // Ended when the command ends, however it ends (Ctrl-C reaches only the
            // terminal's process group, not this one).
            #[cfg(target_os = "linux")]
            {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                if libc::getppid() != parent {
                    libc::raise(libc::SIGKILL);
                }
            }
            set(libc::RLIMIT_AS, memory, memory);
            set(libc::RLIMIT_CPU, seconds, seconds + 1);
            Ok(())
        });
    }
}
