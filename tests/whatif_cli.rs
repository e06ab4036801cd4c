//! End-to-end tests of `redeploy whatif`: the footprint example as docs/whatif.md shows it, the
//! CSV, JSON and HTML forms, `--out`, and clear errors.

mod cli;
use cli::{redeploy, root, stdout};

const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";
const POLICY: &str = "configs/policies/footprint-ring-fence.toml";

#[test]
fn docs_show_the_output_of_the_documented_command() {
    // docs/whatif.md reads this exact output line by line; when a change alters it, update the docs.
    let output = redeploy(&["whatif", FOOTPRINT, "--policy", POLICY, "--top", "5"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let docs = std::fs::read_to_string(root().join("docs/whatif.md")).unwrap();
    let start = docs.find("```text\n").expect("the output block") + "```text\n".len();
    let end = start + docs[start..].find("```").unwrap();
    assert_eq!(
        &docs[start..end],
        stdout(&output),
        "docs/whatif.md shows a different analysis"
    );
}

#[test]
fn out_writes_every_form_and_refuses_to_overwrite() {
    let dir = std::env::temp_dir().join(format!("redeploy-whatif-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let small = "configs/examples/small/scenario.toml";
    let dir_text = dir.to_str().unwrap();
    let first = redeploy(&[
        "whatif", small, "--top", "2", "--format", "json", "--out", dir_text,
    ]);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&first)).unwrap();
    assert!(json["relaxations"].is_array() && json["vacancies"].is_array());
    for name in ["whatif.txt", "whatif.csv", "whatif.json", "whatif.html"] {
        assert!(dir.join(name).is_file(), "{name} not written");
    }
    let written = std::fs::read_to_string(dir.join("whatif.json")).unwrap();
    assert_eq!(
        written,
        stdout(&first),
        "whatif.json is what --format json prints"
    );
    let html = std::fs::read_to_string(dir.join("whatif.html")).unwrap();
    assert!(html.contains("critical-posts") && html.contains("whatif-placed"));
    let csv = std::fs::read_to_string(dir.join("whatif.csv")).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("relaxation,")));
    let again = redeploy(&["whatif", small, "--out", dir_text]);
    assert_eq!(
        again.status.code(),
        Some(2),
        "an earlier analysis is kept without --force"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_is_a_clear_error() {
    let missing = redeploy(&["whatif", "no/such/scenario.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/scenario.toml"));
    let format = redeploy(&["whatif", FOOTPRINT, "--format", "pdf"]);
    assert_eq!(format.status.code(), Some(2));
}
