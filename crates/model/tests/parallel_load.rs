//! CSV files are parsed, and people and vacancies checked, in parallel: the scenario and every
//! problem must come out the same, in the same order, whatever the number of threads.

use std::path::{Path, PathBuf};

use redeploy_model::{Scenario, load_scenario};

const SCENARIO: &str = r#"name = "parallel"
round_date = 2025-10-01
seed = 1
people_csv = "people.csv"
vacancies_csv = "vacancies.csv"
pay_scale = "PAY_SCALE"

[[regions]]
id = "midlands"

[[footprints]]
id = "north"
region = "midlands"

[[employers]]
id = "RX1"
kind = "acute"
footprint = "north"

[[sites]]
id = "S1"
latitude = 52.48
longitude = -1.89

[[skills]]
id = "payroll"

[[people]]
id = "P0"
employer = "RX1"
site = "S1"
band = "5"
pay_point = 2
job_family = "finance"
nhs_service_start = 2010-04-01
date_of_birth = 1980-06-15
"#;

const PEOPLE: &str = "id,employer,site,band,pay_point,job_family,nhs_service_start,date_of_birth
P1,RX1,S1,5,2,finance,2010-04-01,1980-06-15
P2,RX1,S1,10,2,finance,2010-04-01,1980-06-15
P3,RX9,S1,5,2,finance,2010-04-01,1980-06-15
";

const VACANCIES: &str = "id,employer,site,band,job_family,posts
V1,RX1,S1,5,finance,x
V2,RX1,S9,5,finance,1
V3,RX1,S1,5,finance,2
";

/// Writes the scenario with its two CSV files into a directory of its own.
fn written(name: &str, people: &str, vacancies: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("parallel_load")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("people.csv"), people).unwrap();
    std::fs::write(dir.join("vacancies.csv"), vacancies).unwrap();
    let pay_scale =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/pay/afc-2025-26.toml");
    let path = dir.join("scenario.toml");
    let text = SCENARIO.replace("PAY_SCALE", &pay_scale.display().to_string());
    std::fs::write(&path, text).unwrap();
    path
}

/// Loads `path` on a pool of `threads` threads: the scenario, or every problem as shown.
fn load_on(threads: usize, path: &Path) -> Result<Scenario, Vec<String>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let dir = format!("{}/", path.parent().unwrap().display());
    pool.install(|| load_scenario(path)).map_err(|err| {
        err.diagnostics()
            .iter()
            .map(|d| d.to_string().replace(&dir, ""))
            .collect()
    })
}

#[test]
fn problems_come_in_file_order_on_any_number_of_threads() {
    let path = written("problems", PEOPLE, VACANCIES);
    let expected = [
        "people.csv: record 2 (line 3), column `band`: `10` is not an Agenda for Change band (expected one of 1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9)",
        "people.csv: record 3 (line 4), column `employer`: unknown employer `RX9`, expected the id of an employer in this scenario; did you mean `RX1`?",
        "vacancies.csv: record 1 (line 2), column `posts`: expected a whole number from 0 to 4294967295, found `x`",
        "vacancies.csv: record 2 (line 3), column `site`: unknown site `S9`, expected the id of a site in this scenario; did you mean `S1`?",
    ];
    for threads in [1, 2, 4] {
        assert_eq!(
            load_on(threads, &path).unwrap_err(),
            expected,
            "{threads} threads"
        );
    }
}

#[test]
fn records_keep_their_order_on_any_number_of_threads() {
    let people = PEOPLE.replace(",10,", ",5,").replace("RX9", "RX1");
    let vacancies = VACANCIES.replace(",x\n", ",1\n").replace("S9", "S1");
    let path = written("valid", &people, &vacancies);
    let one = load_on(1, &path).unwrap();
    let ids: Vec<&str> = one.people.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["P0", "P1", "P2", "P3"],
        "inline people first, then the file's"
    );
    let ids: Vec<&str> = one.vacancies.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["V1", "V2", "V3"]);
    for threads in [2, 4] {
        assert_eq!(load_on(threads, &path).unwrap(), one, "{threads} threads");
    }
}
