//! Progress on a terminal for long runs (indicatif), and nothing at all otherwise.
//!
//! Progress goes to stderr, and only when stderr is a terminal: output piped to a file or read
//! by a test stays exactly the report. Bars show counts and stage names only, never a person.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Whether progress is drawn.
fn on_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// A spinner showing the current stage of one run; hidden when stderr is not a terminal.
pub fn spinner(stage: &str) -> ProgressBar {
    if !on_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
        bar.set_style(style);
    }
    bar.set_message(stage.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// A bar counting `total` steps of `what`; hidden when stderr is not a terminal.
pub fn counter(total: u64, what: &str) -> ProgressBar {
    if !on_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}
