//! One broken file gives its own problems first: references that fail only because that file
//! could not be read are knock-on problems, counted after the root causes. A CSV file split by
//! `;` or tabs is reported once, with a hint about the delimiter.

use std::path::{Path, PathBuf};

use redeploy_model::{Error, load_scenario};

/// A private copy of the shipped pay scales, policies and footprint example, with `file`
/// (relative to the example) rewritten by `edit`; returns the loading error.
fn load_edited(name: &str, file: &str, edit: impl Fn(&str) -> String) -> Error {
    let configs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs");
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("knock_on")
        .join(name);
    for dir in ["pay", "policies", "examples/footprint"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
        for entry in std::fs::read_dir(configs.join(dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.path().is_file() {
                std::fs::copy(entry.path(), root.join(dir).join(entry.file_name())).unwrap();
            }
        }
    }
    let example = root.join("examples/footprint");
    let text = std::fs::read_to_string(example.join(file)).unwrap();
    std::fs::write(example.join(file), edit(&text)).unwrap();
    load_scenario(&example.join("scenario.toml")).expect_err("the edited scenario is invalid")
}

fn lines(diagnostics: &[redeploy_model::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| {
            let file = d.file.file_name().unwrap().to_string_lossy().into_owned();
            d.to_string()
                .replacen(&d.file.display().to_string(), &file, 1)
        })
        .collect()
}

#[test]
fn a_vacancies_file_without_ids_reports_its_header_not_every_reference() {
    let err = load_edited("no-id", "vacancies.csv", |text| {
        text.replacen("id,title,", "vacancy,title,", 1)
    });
    assert_eq!(
        lines(err.root_causes()),
        [
            "vacancies.csv: header (line 1), column `vacancy`: unknown column for a vacancy",
            "vacancies.csv: header (line 1), column `id`: missing column, required for every vacancy",
        ]
    );
    // Every person who ranks vacancies refers to one that could not be read.
    let knock_on = err.knock_on_count();
    assert!(knock_on > 100, "{knock_on} knock-on problems");
    assert!(err.diagnostics()[2..].iter().all(|d| d.knock_on));
    assert_eq!(
        err.knock_on_note().unwrap(),
        format!(
            "{knock_on} more errors follow from these (column `ranked_vacancies` of people.csv)"
        )
    );
    let shown = err.to_string();
    assert_eq!(shown.lines().count(), 3, "{shown}");
    assert!(shown.ends_with("of people.csv)"), "{shown}");
}

#[test]
fn a_dropped_row_makes_references_to_its_kind_knock_on() {
    // The first vacancy loses a cell, so the row cannot be read: people who rank it follow.
    let err = load_edited("short-row", "vacancies.csv", |text| {
        text.replacen(",1,permanent,true,1\n", ",permanent,true,1\n", 1)
    });
    let roots = lines(err.root_causes());
    assert_eq!(
        roots,
        [
            "vacancies.csv: record 1 (line 2): the record has 14 cells, expected 15 (one per column of the header)"
        ]
    );
    assert!(err.diagnostics()[1..].iter().all(|d| d.knock_on));
}

#[test]
fn an_unknown_reference_into_a_complete_table_is_a_root_cause() {
    let err = load_edited("typo", "people.csv", |text| {
        text.replacen("P0001,RKU,", "P0001,RKUX,", 1)
    });
    assert_eq!(err.knock_on_count(), 0);
    assert_eq!(
        lines(err.diagnostics()),
        [
            "people.csv: record 1 (line 2), column `employer`: unknown employer `RKUX`, expected the id of an employer in this scenario; did you mean `RKU`?"
        ]
    );
}

#[test]
fn a_file_split_by_semicolons_gets_one_problem_with_a_hint() {
    let err = load_edited("semicolon", "vacancies.csv", |text| text.replace(',', ";"));
    let roots = err.root_causes();
    assert_eq!(roots.len(), 1, "{:?}", lines(roots));
    let root = &lines(roots)[0];
    assert!(
        root.starts_with(
            "vacancies.csv: header (line 1): the header is one column split by `;`, expected columns separated by commas; the file looks separated by `;`: save it as comma-separated CSV"
        ),
        "{root}"
    );
    assert!(err.diagnostics()[1..].iter().all(|d| d.knock_on));
}

#[test]
fn a_tab_separated_file_gets_a_hint() {
    let err = load_edited("tab", "people.csv", |text| text.replace(',', "\t"));
    assert_eq!(
        lines(err.diagnostics()),
        [
            "people.csv: header (line 1): the header is one column split by a tab, expected columns separated by commas; the file looks separated by a tab: save it as comma-separated CSV (in Excel, \"CSV UTF-8 (Comma delimited)\")"
        ]
    );
}

#[test]
fn a_row_split_by_semicolons_gets_the_hint_too() {
    let err = load_edited("semicolon-row", "people.csv", |text| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[3] = lines[3].replace(',', ";");
        lines.join("\n") + "\n"
    });
    let roots = lines(err.root_causes());
    assert_eq!(roots.len(), 1, "{roots:?}");
    assert!(
        roots[0].starts_with("people.csv: record 3 (line 4): the record has 1 cell, expected")
            && roots[0].contains("; the file looks separated by `;`"),
        "{}",
        roots[0]
    );
}
