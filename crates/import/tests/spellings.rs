//! Property: how an extract spells its codes — upper or lower case, extra spaces inside or
//! around — does not change what is imported. The sample staff extract is rewritten with each
//! coded cell respelled at random, and must give the same people as the sample itself.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use redeploy_import::{Sources, build};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/import/sample")
}

fn sources(staff: PathBuf) -> Sources {
    let sample = sample();
    Sources {
        staff,
        vacancies: sample.join("nhs-jobs-vacancies.csv"),
        mapping: sample.join("mapping.toml"),
        postcodes: sample.join("postcodes.csv"),
        at_risk: Some(sample.join("at-risk.csv")),
    }
}

/// The columns whose cells are codes read through tables, rules or the band reader.
const CODED: [&str; 9] = [
    "Organisation",
    "Occupation Code",
    "Staff Group",
    "Job Role",
    "Area of Work",
    "Grade",
    "Pension Scheme",
    "Assignment Category",
    "Leave Status",
];

fn respell(text: &str, how: u8) -> String {
    match how % 4 {
        0 => text.to_uppercase(),
        1 => text.to_lowercase(),
        2 => format!("  {}  ", text.split(' ').collect::<Vec<_>>().join("  ")),
        _ => text.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn code_spellings_do_not_change_the_people(seed in proptest::collection::vec(any::<u8>(), 64)) {
        let original = sample().join("esr-staff-in-post.csv");
        let baseline = build(&sources(original.clone())).unwrap();
        prop_assert!(!baseline.report.has_errors());

        let mut reader = csv::Reader::from_path(&original).unwrap();
        let header = reader.headers().unwrap().clone();
        let coded: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, name)| CODED.contains(&name.trim_start_matches('\u{feff}')))
            .map(|(index, _)| index)
            .collect();
        prop_assert_eq!(coded.len(), CODED.len());
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(&header).unwrap();
        for (row, record) in reader.records().enumerate() {
            let record = record.unwrap();
            let cells: Vec<String> = record
                .iter()
                .enumerate()
                .map(|(column, cell)| {
                    if coded.contains(&column) && !cell.trim().is_empty() {
                        respell(cell, seed[(row * 7 + column) % seed.len()])
                    } else {
                        cell.to_string()
                    }
                })
                .collect();
            writer.write_record(&cells).unwrap();
        }
        let dir = std::env::temp_dir().join(format!("redeploy-import-spellings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let respelled = dir.join("staff.csv");
        std::fs::write(&respelled, writer.into_inner().unwrap()).unwrap();
        let built = build(&sources(respelled)).unwrap();
        prop_assert!(!built.report.has_errors(), "{}", built.report);
        prop_assert_eq!(&built.scenario.people, &baseline.scenario.people);
        prop_assert_eq!(&built.report.unknown_codes, &baseline.report.unknown_codes);
    }
}
