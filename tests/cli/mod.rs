//! What the end-to-end tests share: the project root and running the `redeploy` binary there.
//! Each test file uses the part it needs.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The project root, where the shipped configs are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `redeploy` binary in the project root with `args`, without a log filter.
pub fn redeploy(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redeploy"))
        .current_dir(root())
        .args(args)
        .env_remove("RUST_LOG")
        .output()
        .expect("the redeploy binary runs")
}

/// What a run printed on stdout.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// What a run printed on stderr.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}
