//! Wall-clock latency of the real wizard in a pseudo-terminal (portable-pty + vt100),
//! against a baseline measured in the same run:
//!
//! - start → first frame: spawn `authwiz` (80×24) until the screen shows `--expect`
//!   (default "Welcome"); baseline: spawn `/bin/echo <expect>` in the same setup.
//! - key → redrawn frame: write a key, time to the first output and to the last byte of
//!   the redraw (output then stays quiet for `--quiet` ms; the event loop draws only
//!   when something changed); baseline: one byte echoed back by the PTY to `cat`.
//!   Keys timed: `Enter` on the welcome screen (into the questions), `↓`/`↑` on a
//!   question (cursor), `Enter` on a question (answer: the engine re-decides).
//!
//! `cargo build --release --examples --bins && target/release/examples/pty_timing
//! [--bin target/release/authwiz] [--runs 30] [--data NAME|FILE] [--expect Welcome]
//! [--whole-run]`
//!
//! `--whole-run` instead drives one whole wizard run under `/usr/bin/time -v` (to the
//! result, compare, matrix, help, quit) and prints its maximum resident set size.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const COLS: u16 = 80;
const ROWS: u16 = 24;
const WAIT: Duration = Duration::from_secs(20);

struct Opts {
    bin: String,
    runs: usize,
    data: Option<String>,
    expect: String,
    quiet: Duration,
    whole_run: bool,
}

fn opts() -> Opts {
    let mut o = Opts {
        bin: "target/release/authwiz".into(),
        runs: 30,
        data: None,
        expect: "Welcome".into(),
        quiet: Duration::from_millis(60),
        whole_run: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--bin" => o.bin = val(),
            "--runs" => o.runs = val().parse().expect("--runs N"),
            "--data" => o.data = Some(val()),
            "--expect" => o.expect = val(),
            "--quiet" => o.quiet = Duration::from_millis(val().parse().expect("--quiet MS")),
            "--whole-run" => o.whole_run = true,
            other => panic!("unknown argument {other}"),
        }
    }
    // The child runs in a temporary directory: make paths absolute.
    let abs = |p: &str| {
        std::fs::canonicalize(p).map_or_else(|_| p.to_owned(), |a| a.display().to_string())
    };
    o.bin = abs(&o.bin);
    o.data = o.data.map(|d| abs(&d));
    o
}

/// One process in a fresh PTY; output chunks arrive time-stamped by a reader thread.
struct Session {
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    _dir: tempfile::TempDir,
}

impl Session {
    /// Spawns `argv`; returns the session and the instant just before the spawn.
    fn spawn(argv: &[String]) -> (Self, Instant) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let dir = tempfile::tempdir().expect("tempdir");
        let mut cmd = CommandBuilder::new(&argv[0]);
        cmd.args(&argv[1..]);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.cwd(dir.path());
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let t0 = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let parser = vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        );
        (
            Self {
                _master: pair.master,
                child,
                writer,
                rx,
                parser,
                _dir: dir,
            },
            t0,
        )
    }

    /// Waits until the screen shows `text`: the arrival time of the chunk that made it so.
    fn wait_text(&mut self, text: &str) -> Instant {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((t, bytes)) => {
                    self.parser.process(&bytes);
                    if self.parser.screen().contents().contains(text) {
                        return t;
                    }
                }
                Err(_) => panic!(
                    "timed out waiting for {text:?}; the screen shows:\n{}",
                    self.parser.screen().contents()
                ),
            }
        }
    }

    /// Reads until the output stays quiet for `quiet`: (first chunk, last chunk) times,
    /// or `None` when nothing came.
    fn settle(&mut self, quiet: Duration) -> Option<(Instant, Instant)> {
        let mut first = None;
        let mut last = None;
        let deadline = Instant::now() + WAIT;
        loop {
            // Wait long for the first byte, then only `quiet` for more.
            let wait = if first.is_none() {
                deadline
                    .saturating_duration_since(Instant::now())
                    .min(quiet * 20)
            } else {
                quiet
            };
            match self.rx.recv_timeout(wait) {
                Ok((t, bytes)) => {
                    self.parser.process(&bytes);
                    first.get_or_insert(t);
                    last = Some(t);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return first.zip(last);
                }
            }
        }
    }

    /// Writes a key; the instant just before it was written (taken after, a busy machine
    /// may deschedule this thread while the wizard already answers).
    fn send(&mut self, key: &[u8]) -> Instant {
        let t = Instant::now();
        self.writer.write_all(key).expect("write");
        self.writer.flush().expect("flush");
        t
    }

    /// A key, then its redraw: (to first output, to last byte of the redraw).
    fn key(&mut self, key: &[u8], quiet: Duration) -> Option<(Duration, Duration)> {
        let t = self.send(key);
        let r = self.settle(quiet);
        if std::env::var_os("PTY_TIMING_DEBUG").is_some() {
            eprintln!(
                "key {key:?}: {:?}",
                r.map(|(a, b)| (a.checked_duration_since(t), b.checked_duration_since(t)))
            );
        }
        r.map(|(a, b)| (a - t, b - t))
    }

    fn finish(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Median and 90th percentile, in milliseconds.
fn stats(v: &mut [Duration]) -> (f64, f64) {
    v.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    if v.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    let p = |q: f64| ms(v[((v.len() - 1) as f64 * q).round() as usize]);
    (p(0.5), p(0.9))
}

fn row(name: &str, v: &mut [Duration], base: Option<f64>) -> f64 {
    let (med, p90) = stats(v);
    let ratio = base.map_or(String::from("—"), |b| format!("{:.2}×", med / b));
    println!(
        "| {name:<44} | {:>5} | {med:>9.3} | {p90:>9.3} | {ratio:>8} |",
        v.len()
    );
    med
}

const ENTER: &[u8] = b"\r";
const DOWN: &[u8] = b"\x1b[B";
const UP: &[u8] = b"\x1b[A";

fn wizard_argv(o: &Opts) -> Vec<String> {
    let mut argv = vec![o.bin.clone()];
    if let Some(d) = &o.data {
        argv.push("--data".into());
        argv.push(d.clone());
    }
    argv
}

fn timing(o: &Opts) {
    let argv = wizard_argv(o);
    let echo = vec!["/bin/echo".to_string(), o.expect.clone()];
    let cat = vec!["/bin/cat".to_string()];
    let (mut base_start, mut start, mut start_full) = (vec![], vec![], vec![]);
    let (mut base_key, mut enter_first, mut enter_last) = (vec![], vec![], vec![]);
    let (mut move_first, mut move_last) = (vec![], vec![]);
    let (mut answer_first, mut answer_last) = (vec![], vec![]);
    for _ in 0..o.runs {
        // Interleaved, so both see the same load.
        let (mut s, t0) = Session::spawn(&echo);
        base_start.push(s.wait_text(&o.expect) - t0);
        s.finish();

        let (mut s, _) = Session::spawn(&cat);
        s.settle(Duration::from_millis(20));
        for _ in 0..3 {
            if let Some((first, _)) = s.key(b"x", o.quiet) {
                base_key.push(first);
            }
        }
        s.finish();

        let (mut s, t0w) = Session::spawn(&argv);
        start.push(s.wait_text(&o.expect) - t0w);
        if let Some((_, last)) = s.settle(o.quiet) {
            start_full.push(last - t0w);
        }
        if let Some((a, b)) = s.key(ENTER, o.quiet) {
            enter_first.push(a);
            enter_last.push(b);
        }
        for k in [DOWN, UP, DOWN, UP] {
            if let Some((a, b)) = s.key(k, o.quiet) {
                move_first.push(a);
                move_last.push(b);
            }
        }
        // Answer the first option of the next three questions.
        for _ in 0..3 {
            if let Some((a, b)) = s.key(ENTER, o.quiet) {
                answer_first.push(a);
                answer_last.push(b);
            }
        }
        s.finish();
    }
    println!(
        "binary {} {} · {} runs · PTY {COLS}×{ROWS} · times in ms",
        o.bin,
        o.data.as_deref().unwrap_or("(default edition)"),
        o.runs
    );
    println!(
        "| {:<44} | {:>5} | {:>9} | {:>9} | {:>8} |",
        "measure", "n", "median", "p90", "ratio"
    );
    println!(
        "|{:-<46}|{:->7}|{:->11}|{:->11}|{:->10}|",
        "", "", "", "", ""
    );
    let b = row("baseline: spawn echo → text shown", &mut base_start, None);
    row(
        &format!("start → first frame shows {:?}", o.expect),
        &mut start,
        Some(b),
    );
    row("start → first frame complete", &mut start_full, Some(b));
    let k = row("baseline: byte → PTY echo (cat)", &mut base_key, None);
    row("Enter on welcome → first output", &mut enter_first, Some(k));
    row(
        "Enter on welcome → redraw complete",
        &mut enter_last,
        Some(k),
    );
    row("↓/↑ on a question → first output", &mut move_first, Some(k));
    row(
        "↓/↑ on a question → redraw complete",
        &mut move_last,
        Some(k),
    );
    row("Enter (answer) → first output", &mut answer_first, Some(k));
    row(
        "Enter (answer) → redraw complete",
        &mut answer_last,
        Some(k),
    );
}

/// One whole run under `/usr/bin/time -v`: to the result, compare, matrix, help, quit.
fn whole_run(o: &Opts) {
    let out = std::env::temp_dir().join(format!("pty_timing_time_{}.txt", std::process::id()));
    let mut argv = vec![
        "/usr/bin/time".to_string(),
        "-v".into(),
        "-o".into(),
        out.display().to_string(),
    ];
    argv.extend(wizard_argv(o));
    let (mut s, _) = Session::spawn(&argv);
    s.wait_text(&o.expect);
    s.settle(o.quiet);
    let mut keys = 0;
    // Enter until the result (its hint bar offers exports), at most 200 keys.
    while keys < 200 && !s.parser.screen().contents().contains("export") {
        s.key(ENTER, o.quiet);
        keys += 1;
    }
    let reached = s.parser.screen().contents().contains("export");
    for k in [&b"c"[..], b"\x1b", b"m", b"\x1b", b"?", b"\x1b"] {
        s.key(k, Duration::from_millis(200));
    }
    s.send(b"q");
    let status = s.child.wait().expect("wait");
    let _ = s.settle(o.quiet);
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    let _ = std::fs::remove_file(&out);
    let rss = text
        .lines()
        .find(|l| l.contains("Maximum resident set size"))
        .unwrap_or("Maximum resident set size: ?");
    println!(
        "whole run of {} {}: {keys} Enter keys, result reached: {reached}, exit {}",
        o.bin,
        o.data.as_deref().unwrap_or("(default edition)"),
        status.exit_code()
    );
    println!("{}", rss.trim());
}

fn main() {
    let o = opts();
    if o.whole_run {
        whole_run(&o);
    } else {
        timing(&o);
    }
}
