//! Runs the walkthrough of `docs/exercise.md`: every command in its `console` blocks, in order,
//! and checks that every line shown under a command appears in that command's output (stdout
//! and stderr), so that the figures in the docs stay in step with the code. A command whose
//! shown lines include an `error:` line must fail; every other command must succeed.

use std::path::Path;
use std::process::Command;

struct Step {
    command: String,
    expected: Vec<String>,
}

fn steps(docs: &str) -> Vec<Step> {
    let walkthrough = docs
        .split("## Walkthrough")
        .nth(1)
        .expect("docs/exercise.md has a walkthrough");
    let walkthrough = walkthrough.split("\n## ").next().unwrap_or(walkthrough);
    let mut steps: Vec<Step> = Vec::new();
    let mut in_block = false;
    for line in walkthrough.lines() {
        if line.starts_with("```console") {
            in_block = true;
        } else if line.starts_with("```") {
            in_block = false;
        } else if in_block {
            if let Some(command) = line.strip_prefix("$ ") {
                steps.push(Step {
                    command: command.to_string(),
                    expected: Vec::new(),
                });
            } else if let Some(step) = steps.last_mut() {
                step.expected.push(line.trim().to_string());
            }
        }
    }
    steps
}

#[test]
fn the_walkthrough_runs_as_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let docs = std::fs::read_to_string(root.join("docs/exercise.md")).unwrap();
    let steps = steps(&docs);
    assert!(steps.len() > 30, "only {} commands found", steps.len());
    let dir = std::env::temp_dir().join(format!("redeploy-walkthrough-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(root.join("configs"), dir.join("configs")).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_redeploy")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for step in &steps {
        let output = Command::new("sh")
            .arg("-c")
            .arg(&step.command)
            .current_dir(&dir)
            .env("PATH", &path)
            .env_remove("RUST_LOG")
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let should_fail = step.expected.iter().any(|l| l.starts_with("error:"));
        assert_eq!(
            output.status.success(),
            !should_fail,
            "`{}` exited with {:?}:\n{text}",
            step.command,
            output.status.code()
        );
        for expected in step.expected.iter().filter(|l| !l.is_empty()) {
            assert!(
                text.lines().any(|line| line.contains(expected.as_str())),
                "`{}`: the docs show\n  {expected}\nbut the output is:\n{text}",
                step.command
            );
        }
    }
    // The report's figures quoted in the text.
    let report = dir.join("kingsmoor-report");
    let funnel = std::fs::read_to_string(report.join("funnel.csv")).unwrap();
    for row in [
        "proposed,359",
        "offered,8",
        "accepted,4",
        "trial,3",
        "confirmed,2",
        "refused,2",
        "refused unreasonably (flagged),1",
        "trial failed,1",
    ] {
        assert!(funnel.contains(row), "funnel.csv lacks {row}:\n{funnel}");
    }
    let rounds = std::fs::read_to_string(report.join("rounds.csv")).unwrap();
    for row in [
        "1,2025-10-06,350,600,122",
        "2,2025-10-27,348,599,120",
        "3,2025-11-17,344,596,117",
    ] {
        assert!(rounds.contains(row), "rounds.csv lacks {row}:\n{rounds}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(report.join("exercise.json")).unwrap())
            .unwrap();
    assert_eq!(json["pay"]["avoided"].to_string(), "55700.92");
    assert_eq!(json["pay"]["paid"].to_string(), "75592.0");
    assert_eq!(json["pay"]["flagged"].to_string(), "60556.18");
    for figure in [
        "£55,700.92 avoided",
        "£75,592.00 paid",
        "£60,556.18 belongs",
        "359 proposals over three rounds",
        "pools of 350, 348 and 344 people against 600, 599 and 596",
    ] {
        assert!(
            docs.contains(figure),
            "docs/exercise.md no longer says {figure}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
