//! End-to-end tests of where a round came from and of safe outputs: `round.json` records every
//! input file with its SHA-256 and the policy as applied; `check --against` finds files that
//! are the same, changed, missing or new; `--out` refuses a directory that holds a round's
//! outputs unless `--force`; keyed pseudonyms with `--pseudonym-key`, and `--explain` of a
//! pseudonym; `voluntary_redundancy.csv`.

use std::path::{Path, PathBuf};

use redeploy_model::{Policy, sha256_hex};

mod cli;
use cli::{redeploy, root, stderr, stdout};

const SMALL: &str = "configs/examples/small/scenario.toml";
const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";
const TEST_KEY: &str = "tests/golden/small/pseudonym-key.txt";

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("redeploy-provenance-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A copy of the footprint example in `dir` (scenario, people and vacancies, and a copy of
/// the footprint policy), naming the shared pay scale by absolute path.
fn footprint_copy(dir: &Path) -> PathBuf {
    for name in ["scenario.toml", "people.csv", "vacancies.csv"] {
        std::fs::copy(
            root().join("configs/examples/footprint").join(name),
            dir.join(name),
        )
        .unwrap();
    }
    std::fs::copy(
        root().join("configs/policies/footprint-ring-fence.toml"),
        dir.join("policy.toml"),
    )
    .unwrap();
    let scenario = std::fs::read_to_string(dir.join("scenario.toml"))
        .unwrap()
        .replace("../../policies/footprint-ring-fence.toml", "policy.toml")
        .replace("../../", &format!("{}/configs/", root().display()));
    std::fs::write(dir.join("scenario.toml"), scenario).unwrap();
    dir.join("scenario.toml")
}

#[test]
fn round_json_records_every_file_read_its_hash_and_the_policy_as_applied() {
    let dir = scratch("record");
    let out = dir.join("out");
    let output = redeploy(&[
        "run",
        FOOTPRINT,
        "--rule",
        "first-come",
        "--out",
        text(&out),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let round = json(&out.join("round.json"));
    let provenance = &round["provenance"];
    assert_eq!(provenance["tool"], "redeploy");
    assert_eq!(provenance["version"], env!("CARGO_PKG_VERSION"));
    let inputs = provenance["inputs"].as_array().unwrap();
    let roles: Vec<&str> = inputs.iter().map(|f| f["role"].as_str().unwrap()).collect();
    assert_eq!(
        roles,
        [
            "scenario",
            "pay_scale",
            "policy",
            "people_csv",
            "vacancies_csv"
        ]
    );
    assert_eq!(inputs[0]["path"], FOOTPRINT, "the scenario's path as given");
    for file in inputs {
        let path = root().join(file["path"].as_str().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(file["bytes"], bytes.len(), "{}", path.display());
        assert_eq!(file["sha256"], sha256_hex(&bytes), "{}", path.display());
    }
    // The policy as applied: the file's, with --rule, and every field a policy has.
    let policy = &provenance["policy"];
    assert_eq!(policy["name"], "footprint-ring-fence");
    assert_eq!(policy["rule"], "first-come");
    let every_field = serde_json::to_value(Policy::default()).unwrap();
    for (section, value) in every_field.as_object().unwrap() {
        assert!(policy.get(section).is_some(), "policy lacks `{section}`");
        if let Some(fields) = value.as_object() {
            for field in fields.keys() {
                assert!(
                    policy[section].get(field).is_some(),
                    "policy lacks `{section}.{field}`"
                );
            }
        }
    }
    // The short form in the summary and the HTML footer.
    let short = format!("people.csv {}", &inputs[3]["sha256"].as_str().unwrap()[..8]);
    let summary = std::fs::read_to_string(out.join("summary.txt")).unwrap();
    assert!(
        summary.contains(&format!("Made by redeploy {}", env!("CARGO_PKG_VERSION"))),
        "{summary}"
    );
    assert!(summary.contains(&short), "{summary}");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    let footer = &html[html.find("<footer>").unwrap()..];
    assert!(footer.contains(&short), "{footer}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_against_finds_same_changed_missing_and_new_files() {
    let dir = scratch("against");
    let scenario = footprint_copy(&dir);
    let extra_policy = dir.join("extra-policy.toml");
    std::fs::copy(
        root().join("configs/policies/own-employer.toml"),
        &extra_policy,
    )
    .unwrap();
    let out = dir.join("out");
    let run = redeploy(&[
        "run",
        text(&scenario),
        "--policy",
        text(&extra_policy),
        "--out",
        text(&out),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let round = out.join("round.json");

    // Nothing changed: every file is the same, exit 0, from another directory too.
    let same = redeploy(&["check", text(&scenario), "--against", text(&round)]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    let report = stdout(&same);
    assert!(
        report.contains("all 6 input files are the ones that produced the round"),
        "{report}"
    );
    assert_eq!(report.matches(" same ").count(), 6, "{report}");

    // One byte of people.csv changed; the extra policy removed; the scenario's own policy
    // file replaced by an inline table (so it is read no more) and a travel times file named.
    let people = dir.join("people.csv");
    let mut bytes = std::fs::read(&people).unwrap();
    let last = bytes.len() - 2;
    bytes[last] = if bytes[last] == b'1' { b'2' } else { b'1' };
    std::fs::write(&people, &bytes).unwrap();
    std::fs::remove_file(&extra_policy).unwrap();
    let text_before = std::fs::read_to_string(&scenario).unwrap();
    std::fs::write(
        dir.join("skills.csv"),
        "id,name\nextra-skill,An extra skill\n",
    )
    .unwrap();
    let edited = text_before.replace(
        "policy = \"policy.toml\"",
        "policy = { name = \"inline\" }\nskills_csv = \"skills.csv\"",
    );
    assert_ne!(edited, text_before);
    std::fs::write(&scenario, edited).unwrap();
    let differ = redeploy(&["check", text(&scenario), "--against", text(&round)]);
    assert_eq!(differ.status.code(), Some(1), "{}", stderr(&differ));
    let report = stdout(&differ);
    let status = |role: &str| {
        report
            .lines()
            .find(|line| line.split_whitespace().any(|word| word == role))
            .and_then(|line| {
                ["same", "changed", "missing", "new"]
                    .into_iter()
                    .find(|word| line.split_whitespace().any(|w| w == *word))
            })
            .unwrap_or_else(|| panic!("no row for {role}:\n{report}"))
    };
    assert_eq!(status("scenario"), "changed");
    assert_eq!(status("pay_scale"), "same");
    assert_eq!(status("policy"), "missing");
    assert_eq!(status("people_csv"), "changed");
    assert_eq!(status("vacancies_csv"), "same");
    assert_eq!(status("--policy"), "missing");
    assert_eq!(status("skills_csv"), "new");
    assert!(report.contains("5 of 7 input files differ"), "{report}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_against_a_file_without_provenance_is_a_usage_error() {
    let dir = scratch("no-provenance");
    let old = dir.join("round.json");
    std::fs::write(&old, "{\"scenario\": \"x\"}").unwrap();
    let output = redeploy(&["check", SMALL, "--against", text(&old)]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no `provenance`"),
        "{}",
        stderr(&output)
    );
    let missing = redeploy(&["check", SMALL, "--against", text(&dir.join("none.json"))]);
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn out_refuses_a_directory_holding_a_rounds_outputs_unless_forced() {
    let dir = scratch("force");
    let out = dir.join("out");
    let first = redeploy(&["run", SMALL, "--out", text(&out)]);
    assert!(first.status.success(), "{}", stderr(&first));
    std::fs::write(out.join("summary.txt"), "kept").unwrap();
    let again = redeploy(&["run", SMALL, "--out", text(&out)]);
    assert_eq!(again.status.code(), Some(2));
    let message = stderr(&again);
    assert!(
        message.contains("already holds") && message.contains("`summary.txt`"),
        "{message}"
    );
    assert!(message.contains("--force"), "{message}");
    assert_eq!(
        std::fs::read_to_string(out.join("summary.txt")).unwrap(),
        "kept",
        "nothing is replaced without --force"
    );
    let forced = redeploy(&["run", SMALL, "--out", text(&out), "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(
        std::fs::read_to_string(out.join("summary.txt")).unwrap(),
        "kept"
    );
    // compare --out behaves alike.
    let compare = redeploy(&["compare", SMALL, "--out", text(&out)]);
    assert!(compare.status.success(), "{}", stderr(&compare));
    let compare = redeploy(&["compare", SMALL, "--out", text(&out)]);
    assert_eq!(compare.status.code(), Some(2));
    assert!(stderr(&compare).contains("`compare.txt`"));
    let compare = redeploy(&["compare", SMALL, "--out", text(&out), "--force"]);
    assert!(compare.status.success(), "{}", stderr(&compare));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn out_never_writes_over_an_input_even_with_force() {
    let dir = scratch("input");
    let scenario = footprint_copy(&dir);
    // The people file is named like an output.
    let renamed = std::fs::read_to_string(&scenario)
        .unwrap()
        .replace("people.csv", "unplaced.csv");
    std::fs::write(&scenario, renamed).unwrap();
    std::fs::rename(dir.join("people.csv"), dir.join("unplaced.csv")).unwrap();
    let before = std::fs::read(dir.join("unplaced.csv")).unwrap();
    let output = redeploy(&["run", text(&scenario), "--out", text(&dir), "--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("it is an input of this run"));
    assert_eq!(std::fs::read(dir.join("unplaced.csv")).unwrap(), before);
    assert!(!dir.join("round.json").exists());
    std::fs::remove_dir_all(dir).unwrap();
}

/// The pseudonyms of the placements in a round.json.
fn placed_people(round: &serde_json::Value) -> Vec<String> {
    round["placements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_key_file_is_written_once_and_gives_the_same_pseudonyms() {
    let dir = scratch("key");
    let key = dir.join("key.txt");
    let run = |out: &str, key: Option<&Path>| {
        let out = dir.join(out);
        let mut args = vec!["run", SMALL, "--pseudonymise", "--format", "json"];
        if let Some(key) = key {
            args.extend(["--pseudonym-key", text(key)]);
        }
        args.extend(["--out", text(&out)]);
        let output = redeploy(&args);
        assert!(output.status.success(), "{}", stderr(&output));
        (json(&out.join("round.json")), stderr(&output))
    };
    let (first, warning) = run("a", Some(&key));
    assert!(
        warning.contains("wrote a new pseudonym key") && warning.contains("personal data"),
        "{warning}"
    );
    let key_text = std::fs::read_to_string(&key).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the key is readable by its owner only");
    }
    let (second, warning) = run("b", Some(&key));
    assert!(warning.contains("personal data"), "{warning}");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), key_text, "key kept");
    assert_eq!(
        placed_people(&first),
        placed_people(&second),
        "the same key gives the same pseudonyms"
    );
    // Without a key file each run has a fresh key.
    let (fresh, _) = run("c", None);
    let (fresh_again, _) = run("d", None);
    assert_ne!(placed_people(&fresh), placed_people(&fresh_again));
    assert_ne!(placed_people(&fresh), placed_people(&first));
    for person in placed_people(&first) {
        let tag = person.strip_prefix("anon-").unwrap();
        assert_eq!(tag.len(), 8, "{person}");
        assert!(
            tag.bytes()
                .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b)),
            "{person}"
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_bad_or_misplaced_key_file_is_refused_and_kept() {
    let dir = scratch("bad-key");
    let key = dir.join("key.txt");
    std::fs::write(&key, "not a key\n").unwrap();
    let output = redeploy(&[
        "run",
        SMALL,
        "--pseudonymise",
        "--pseudonym-key",
        text(&key),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a pseudonym key"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&key).unwrap(), "not a key\n");
    // A key among the outputs would be replaced by a report.
    let out = dir.join("out");
    let inside = out.join("round.json");
    let output = redeploy(&[
        "run",
        SMALL,
        "--pseudonymise",
        "--pseudonym-key",
        text(&inside),
        "--out",
        text(&out),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("keep the key apart"),
        "{}",
        stderr(&output)
    );
    assert!(!inside.exists());
    // A key without --pseudonymise or a pseudonym to explain has nothing to do.
    let output = redeploy(&["run", SMALL, "--pseudonym-key", TEST_KEY]);
    assert_eq!(output.status.code(), Some(2));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn explain_traces_a_pseudonym_back_with_its_key() {
    let round = redeploy(&[
        "run",
        SMALL,
        "--pseudonymise",
        "--pseudonym-key",
        TEST_KEY,
        "--format",
        "json",
    ]);
    assert!(round.status.success(), "{}", stderr(&round));
    let round: serde_json::Value = serde_json::from_str(&stdout(&round)).unwrap();
    // P05 is placed in V17 (tests/golden/small/explain-P05.txt).
    let pseudonym = round["placements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["vacancy"] == "V17")
        .map(|p| p["person"].as_str().unwrap().to_string())
        .unwrap();
    let by_id = redeploy(&["run", SMALL, "--explain", "P05"]);
    let traced = redeploy(&[
        "run",
        SMALL,
        "--explain",
        &pseudonym,
        "--pseudonym-key",
        TEST_KEY,
    ]);
    assert!(traced.status.success(), "{}", stderr(&traced));
    assert_eq!(stdout(&traced), stdout(&by_id), "the story of P05");
    // Kept pseudonymous when asked.
    let kept = redeploy(&[
        "run",
        SMALL,
        "--explain",
        &pseudonym,
        "--pseudonym-key",
        TEST_KEY,
        "--pseudonymise",
    ]);
    assert!(kept.status.success(), "{}", stderr(&kept));
    assert!(stdout(&kept).starts_with(&pseudonym), "{}", stdout(&kept));
    // Without the key, or under another key, a pseudonym names nobody.
    let no_key = redeploy(&["run", SMALL, "--explain", &pseudonym]);
    assert_eq!(no_key.status.code(), Some(2));
    assert!(
        stderr(&no_key).contains("--pseudonym-key"),
        "{}",
        stderr(&no_key)
    );
    let dir = scratch("other-key");
    let other = dir.join("other.txt");
    std::fs::write(&other, format!("{}\n", "ab".repeat(32))).unwrap();
    let wrong = redeploy(&[
        "run",
        SMALL,
        "--explain",
        &pseudonym,
        "--pseudonym-key",
        text(&other),
    ]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("no person"), "{}", stderr(&wrong));
    let absent = redeploy(&[
        "run",
        SMALL,
        "--explain",
        &pseudonym,
        "--pseudonym-key",
        text(&dir.join("absent.txt")),
    ]);
    assert_eq!(absent.status.code(), Some(2));
    assert!(
        !dir.join("absent.txt").exists(),
        "no key is made to explain"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn voluntary_redundancy_csv_lists_every_volunteer_leaving() {
    let dir = scratch("vr");
    let output = redeploy(&["run", FOOTPRINT, "--out", text(&dir)]);
    assert!(output.status.success(), "{}", stderr(&output));
    let round = json(&dir.join("round.json"));
    let leavers = round["voluntary_redundancy"].as_array().unwrap();
    assert!(!leavers.is_empty(), "the footprint example has volunteers");
    let csv = std::fs::read_to_string(dir.join("voluntary_redundancy.csv")).unwrap();
    let csv = csv.strip_prefix('\u{feff}').expect("a BOM for Excel");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "person,employer,band,redundancy_pay,redundancy_eligible,reckonable_years,early_retirement_age"
    );
    let rows: Vec<Vec<&str>> = lines.map(|line| line.split(',').collect()).collect();
    assert_eq!(rows.len(), leavers.len());
    for (row, leaver) in rows.iter().zip(leavers) {
        assert_eq!(row[0], leaver["person"]);
        assert_eq!(row[1], leaver["employer"]);
        assert_eq!(row[2], leaver["band"]);
        let pay: f64 = row[3].parse().unwrap();
        assert!((pay - leaver["redundancy"]["amount"].as_f64().unwrap()).abs() < 0.005);
    }
    // The same columns as unplaced.csv, under the same names.
    let unplaced = std::fs::read_to_string(dir.join("unplaced.csv")).unwrap();
    let unplaced_header: Vec<&str> = unplaced.lines().next().unwrap().split(',').collect();
    for column in [
        "person",
        "employer",
        "band",
        "redundancy_pay",
        "reckonable_years",
    ] {
        assert!(unplaced_header.iter().any(|c| c.ends_with(column)));
    }
    std::fs::remove_dir_all(dir).unwrap();
}
