//! `docs/research.md` stays true: its path end to end runs as written (import, run, compare,
//! export, sweep, merge) in a scratch directory, and the comparison it shows is what `compare`
//! prints.

use std::path::{Path, PathBuf};
use std::process::Command;

fn docs() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/research.md")).unwrap()
}

/// The first fenced block of `kind` after `after`.
fn block(text: &str, kind: &str, after: &str) -> String {
    let start = text
        .find(after)
        .unwrap_or_else(|| panic!("no `{after}` in the docs"));
    let fence = format!("```{kind}\n");
    let open = start + text[start..].find(&fence).unwrap() + fence.len();
    let close = open + text[open..].find("```").unwrap();
    text[open..close].to_string()
}

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-research-docs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_research_path_runs_as_written() {
    let text = docs();
    let dir = scratch();
    std::fs::write(
        dir.join("hr.json"),
        block(&text, "json", "## The path end to end"),
    )
    .unwrap();
    std::fs::write(
        dir.join("sweep.toml"),
        block(&text, "toml", "The sweep specification"),
    )
    .unwrap();
    let shown = block(&text, "text", "The comparison's rows");
    let mut compared = None;
    for line in block(&text, "sh", "Import it as a scenario").lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(
            words[0], "redeploy",
            "every step is a redeploy command: {line}"
        );
        let output = Command::new(env!("CARGO_BIN_EXE_redeploy"))
            .args(&words[1..])
            .current_dir(&dir)
            .env_remove("RUST_LOG")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`{line}` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        if words[1] == "compare" {
            compared = Some(String::from_utf8(output.stdout).unwrap());
        }
    }
    let compared = compared.expect("the path compares the rules");
    for row in shown.lines() {
        assert!(
            compared.lines().any(|line| line == row),
            "docs/research.md shows a row `compare` does not print:\n{row}\n\ncompare printed:\n{compared}"
        );
    }
    for file in [
        "hr.toml",
        "hr.asn",
        "hr-back.json",
        "hr-preflib/people.toi",
        "hr-preflib/vacancies.toi",
        "runs/sweep.csv",
        "runs/sweep.html",
    ] {
        assert!(dir.join(file).is_file(), "the path writes {file}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
