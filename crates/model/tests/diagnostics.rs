//! The exact message a user sees for each kind of problem in a scenario, its CSV files, its pay
//! scale and its policy: file, line and column (or record), field, what was found and what was
//! expected — and that one run reports every problem.

use std::path::{Path, PathBuf};

use redeploy_model::{Error, Position, parse_pay_scale, parse_policy, parse_scenario};

/// A valid scenario: one employer, two sites, one person, one vacancy. Line numbers in the
/// expected messages below refer to this text (after the edit each test makes).
const BASE: &str = r#"name = "base"
round_date = 2025-10-01
seed = 1

[pay_scale]
name = "afc-2025-26"
year = "2025/26"
source = "NHS Employers"
[pay_scale.points]
1 = [24_465]
2 = [24_465]
3 = [24_937, 26_598]
4 = [27_485, 30_162]
5 = [31_049, 33_487, 37_796]
6 = [38_682, 40_823, 46_580]
7 = [47_810, 50_273, 54_710]
8a = [55_690, 62_682]
8b = [64_455, 74_896]
8c = [76_965, 88_682]
8d = [91_342, 105_337]
9 = [109_179, 125_637]

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

[[sites]]
id = "S2"
latitude = 52.50
longitude = -1.80

[[travel_times]]
from = "S1"
to = "S2"
minutes = 20

[[skills]]
id = "payroll"

[[skills]]
id = "budgeting"

[[people]]
id = "P1"
employer = "RX1"
site = "S1"
band = "5"
pay_point = 2
job_family = "finance"
skills = ["payroll"]
nhs_service_start = 2010-04-01
date_of_birth = 1980-06-15

[[vacancies]]
id = "V1"
employer = "RX1"
site = "S2"
band = "5"
job_family = "finance"
essential_skills = ["payroll", "budgeting"]
trainable_skills = ["budgeting:6"]
"#;

/// `BASE` with `old` (which must occur exactly once) replaced by `new`.
fn with(old: &str, new: &str) -> String {
    assert_eq!(
        BASE.matches(old).count(),
        1,
        "`{old}` must occur once in BASE"
    );
    BASE.replacen(old, new, 1)
}

/// Every problem of a scenario text, one message per line, as a user sees them.
fn problems(text: &str) -> Vec<String> {
    match parse_scenario(text, Path::new("s.toml")) {
        Ok(_) => Vec::new(),
        Err(err) => err.diagnostics().iter().map(ToString::to_string).collect(),
    }
}

/// Asserts the scenario text has exactly this one problem.
fn assert_one(text: &str, expected: &str) {
    assert_eq!(
        problems(text),
        [expected],
        "the edited scenario should have exactly this problem"
    );
}

#[test]
fn the_base_scenario_is_valid() {
    assert_eq!(problems(BASE), Vec::<String>::new());
}

#[test]
fn toml_syntax_errors_give_line_and_column() {
    let found = problems(&with("seed = 1", "seed = = 1"));
    assert_eq!(
        found[0],
        "s.toml:3:8: invalid TOML: extra `=`, expected nothing"
    );
}

#[test]
fn unknown_fields_suggest_the_closest_name() {
    assert_one(
        &with("seed = 1", "seed = 1\nroud_date = 2025-10-01"),
        "s.toml:4:1: field `roud_date`: unknown field for a scenario; did you mean `round_date`?",
    );
    assert_one(
        &with("pay_point = 2", "pay_point = 2\nbnad = \"5\""),
        "s.toml:62:1: field `bnad`: unknown field for a person; did you mean `band`?",
    );
}

#[test]
fn missing_required_fields_point_at_the_record() {
    assert_one(
        &with("job_family = \"finance\"\nskills", "skills"),
        "s.toml:56:1: field `job_family`: missing field, required for every person",
    );
    let without_round_date = problems(&with("round_date = 2025-10-01\n", ""));
    assert_eq!(
        without_round_date,
        ["s.toml: field `round_date`: missing field, required for every scenario"]
    );
}

#[test]
fn duplicate_ids_name_the_first_definition() {
    assert_one(
        &with(
            "[[skills]]\nid = \"budgeting\"",
            "[[skills]]\nid = \"budgeting\"\n\n[[skills]]\nid = \"payroll\"",
        ),
        "s.toml:57:6: field `id`: duplicate skill id `payroll`, first defined at line 51, column 6; ids must be unique",
    );
}

#[test]
fn unknown_references_suggest_a_known_id() {
    assert_one(
        &with(
            "employer = \"RX1\"\nsite = \"S1\"",
            "employer = \"RX2\"\nsite = \"S1\"",
        ),
        "s.toml:58:12: field `employer`: unknown employer `RX2`, expected the id of an employer in this scenario; did you mean `RX1`?",
    );
    assert_one(
        &with("footprint = \"north\"", "footprint = \"south\""),
        "s.toml:33:13: field `footprint`: unknown footprint `south`, expected the id of a footprint in this scenario",
    );
    assert_one(
        &with("region = \"midlands\"", "region = \"midland\""),
        "s.toml:28:10: field `region`: unknown region `midland`, expected the id of a region in this scenario; did you mean `midlands`?",
    );
    assert_one(
        &with("skills = [\"payroll\"]", "skills = [\"payrol\"]"),
        "s.toml:63:10: field `skills`: unknown skill `payrol`, expected the id of a skill in this scenario; did you mean `payroll`?",
    );
    assert_one(
        &with("to = \"S2\"", "to = \"S3\""),
        "s.toml:47:6: field `to`: unknown site `S3`, expected the id of a site in this scenario; did you mean `S1`?",
    );
    assert_one(
        &with(
            "skills = [\"payroll\"]",
            "skills = [\"payroll\"]\nranked_vacancies = [\"V2\"]",
        ),
        "s.toml:64:20: field `ranked_vacancies`: unknown vacancy `V2`, expected the id of a vacancy in this scenario; did you mean `V1`?",
    );
}

#[test]
fn bands_and_pay_must_fit_the_scale() {
    assert_one(
        &with("band = \"5\"\npay_point", "band = 10\npay_point"),
        "s.toml:60:8: field `band`: `10` is not an Agenda for Change band (expected one of 1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9)",
    );
    assert_one(
        &with("pay_point = 2", "pay_point = 4"),
        "s.toml:61:13: field `pay_point`: pay point `4` is outside band 5, which has points 1 to 3 on pay scale `afc-2025-26`",
    );
    assert_one(
        &with("pay_point = 2", "salary = 45_000"),
        "s.toml:61:10: field `salary`: `45000` is outside band 5, expected a full-time annual salary from 31049 to 37796 (pay scale `afc-2025-26`)",
    );
    assert_one(
        &with("pay_point = 2", "pay_point = 2\nsalary = 31_049"),
        "s.toml:62:10: field `salary`: `31049` does not match pay point 2 of band 5 (£33487), expected that salary or no `salary` field",
    );
    assert_one(
        &with("pay_point = 2\n", ""),
        "s.toml:56:1: field `salary`: missing, expected `pay_point` (a point of the band on the pay scale) or `salary` (annual, full-time)",
    );
}

#[test]
fn hours_must_be_a_real_contract() {
    for (wte, found) in [("0", "0"), ("-0.5", "-0.5"), ("1.6", "1.6")] {
        assert_one(
            &with("pay_point = 2", &format!("pay_point = 2\nwte = {wte}")),
            &format!(
                "s.toml:62:7: field `wte`: `{found}` is out of range, expected a whole-time equivalent above 0 and at most 1.5 (1.0 = 37.5 hours a week)"
            ),
        );
    }
}

#[test]
fn dates_must_make_sense_against_the_round_date() {
    assert_one(
        &with(
            "nhs_service_start = 2010-04-01",
            "nhs_service_start = 2026-01-05",
        ),
        "s.toml:64:21: field `nhs_service_start`: `2026-01-05` is after the round date 2025-10-01, expected a date on or before it",
    );
    assert_one(
        &with("date_of_birth = 1980-06-15", "date_of_birth = 2012-06-15"),
        "s.toml:65:17: field `date_of_birth`: `2012-06-15` is implausible, expected someone aged 16 to 100 on the round date 2025-10-01",
    );
    assert_one(
        &with("date_of_birth = 1980-06-15", "date_of_birth = 1995-06-15"),
        "s.toml:64:21: field `nhs_service_start`: `2010-04-01` is before the person's 16th birthday (born 1995-06-15), expected a later date",
    );
    assert_one(
        &with(
            "date_of_birth = 1980-06-15",
            "date_of_birth = \"15/06/1980\"",
        ),
        "s.toml:65:17: field `date_of_birth`: expected a date as YYYY-MM-DD, found `15/06/1980`; did you mean `1980-06-15`?",
    );
}

#[test]
fn statutory_priority_dates_follow_the_kind_of_priority() {
    assert_one(
        &with(
            "date_of_birth = 1980-06-15",
            "date_of_birth = 1980-06-15\npriority = \"maternity\"",
        ),
        "s.toml:56:1: field `child_date`: missing for `priority = \"maternity\"`, expected the date of birth or placement (the protected period runs from it)",
    );
    assert_one(
        &with(
            "date_of_birth = 1980-06-15",
            "date_of_birth = 1980-06-15\nchild_date = 2025-03-01",
        ),
        "s.toml:66:14: field `child_date`: `2025-03-01` is given but `priority` is `none`, expected no date or a kind of priority",
    );
    assert_one(
        &with(
            "date_of_birth = 1980-06-15",
            "date_of_birth = 1980-06-15\npriority = \"pregnancy\"\nchild_date = 2026-09-01",
        ),
        "s.toml:67:14: field `child_date`: `2026-09-01` is more than 42 weeks after the round date 2025-10-01, expected a birth or placement date no later than 2026-07-22",
    );
    assert_one(
        &with(
            "date_of_birth = 1980-06-15",
            "date_of_birth = 1980-06-15\npriority = \"pregnancy\"\npriority_since = 2025-11-01",
        ),
        "s.toml:67:18: field `priority_since`: `2025-11-01` is after the round date 2025-10-01, expected the date protection began",
    );
    assert_one(
        &with(
            "date_of_birth = 1980-06-15",
            "date_of_birth = 1980-06-15\npriority = \"maternaty\"",
        ),
        "s.toml:66:12: field `priority`: unknown priority `maternaty`, expected one of `none`, `pregnancy`, `maternity`, `adoption`, `shared-parental`; did you mean `maternity`?",
    );
}

#[test]
fn vacancies_need_posts_an_open_band_and_consistent_skills() {
    assert_one(
        &with("trainable_skills", "posts = 0\ntrainable_skills"),
        "s.toml:74:9: field `posts`: `0` posts is no vacancy, expected 1 or more identical posts",
    );
    assert_one(
        &with("site = \"S2\"\nband = \"5\"", "site = \"S2\"\nband = \"1\""),
        "s.toml:71:8: field `band`: band `1` has been closed to new entrants since December 2018, expected band 2 or above",
    );
    assert_one(
        &with(
            "essential_skills = [\"payroll\", \"budgeting\"]",
            "essential_skills = [\"payroll\"]",
        ),
        "s.toml:74:20: field `trainable_skills`: `budgeting` is not among the essential skills, expected a trainable skill to be an essential skill that may be learned instead of held",
    );
    assert_one(
        &with("\"budgeting:6\"", "\"budgeting:0\""),
        "s.toml:74:20: field `trainable_skills`: `budgeting:0` is out of range, expected from 1 to 520 weeks of training",
    );
    assert_one(
        &with("\"budgeting:6\"", "\"budgeting\""),
        "s.toml:74:20: field `trainable_skills`: expected `skill:weeks` (for example `budgeting:6`), found `budgeting`",
    );
}

#[test]
fn sites_and_travel_times_must_be_on_the_map() {
    assert_one(
        &with("latitude = 52.48", "latitude = 152.48"),
        "s.toml:37:12: field `latitude`: `152.48` is out of range, expected degrees from -90 to 90",
    );
    assert_one(
        &with("longitude = -1.80", "longitude = -181"),
        "s.toml:43:13: field `longitude`: `-181` is out of range, expected degrees from -180 to 180",
    );
    assert_one(
        &with("minutes = 20", "minutes = -5"),
        "s.toml:48:11: field `minutes`: `-5` is out of range, expected a whole number from 0 to 4294967295",
    );
    assert_one(
        &with("minutes = 20", "minutes = 1441"),
        "s.toml:48:11: field `minutes`: `1441` is out of range, expected minutes from 0 to 1440",
    );
    assert_one(
        &with("to = \"S2\"", "to = \"S1\""),
        "s.toml:47:6: field `to`: `S1` is the same site as `from`, expected two different sites",
    );
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let text = with(
        "band = \"5\"\npay_point = 2",
        "band = \"11\"\npay_point = 2\nwte = 0\nbnad = 1",
    )
    .replace("footprint = \"north\"", "footprint = \"south\"")
    .replace("latitude = 52.50", "latitude = 99.0");
    let found = problems(&text);
    assert_eq!(
        found.len(),
        5,
        "every problem should be reported: {found:#?}"
    );
    assert!(
        found
            .windows(2)
            .all(|pair| line_of(&pair[0]) <= line_of(&pair[1])),
        "problems come in file order: {found:#?}"
    );
}

fn line_of(message: &str) -> usize {
    message
        .split(':')
        .nth(1)
        .and_then(|line| line.parse().ok())
        .unwrap_or(0)
}

#[test]
fn diagnostics_carry_structured_positions() {
    let Err(Error::Invalid(list)) =
        parse_scenario(&with("pay_point = 2", "pay_point = 9"), Path::new("s.toml"))
    else {
        panic!("a pay point outside the band must be rejected");
    };
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0].position,
        Position::Text {
            line: 61,
            column: 13
        }
    );
    assert_eq!(list[0].field.as_deref(), Some("pay_point"));
    assert_eq!(list[0].found.as_deref(), Some("9"));
}

/// A scenario whose people come from a CSV file written next to it.
fn csv_problems(name: &str, people_csv: &str) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("diagnostics")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("people.csv"), people_csv).unwrap();
    let start = BASE.find("[[people]]").unwrap();
    let end = BASE.find("[[vacancies]]").unwrap();
    let text = format!("{}{}", &BASE[..start], &BASE[end..]).replacen(
        "seed = 1\n",
        "seed = 1\npeople_csv = \"people.csv\"\n",
        1,
    );
    let path = dir.join("s.toml");
    match parse_scenario(&text, &path) {
        Ok(_) => Vec::new(),
        Err(err) => err
            .diagnostics()
            .iter()
            .map(|d| d.to_string().replace(&format!("{}/", dir.display()), ""))
            .collect(),
    }
}

const HEADER: &str =
    "id,employer,site,band,pay_point,job_family,skills,nhs_service_start,date_of_birth\n";

#[test]
fn csv_people_load_like_toml_people() {
    let found = csv_problems(
        "ok",
        &format!("{HEADER}P1,RX1,S1,5,2,finance,payroll;budgeting,2010-04-01,1980-06-15\n"),
    );
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn csv_problems_name_the_record_line_and_column() {
    let found = csv_problems(
        "bad",
        &format!(
            "{HEADER}P1,RX1,S1,10,2,finance,payroll,2010-04-01,1980-06-15\n\nP2,RX9,S1,5,2,finance,payrol,2010-04-01,1980-06-15\nP3,RX1\n"
        ),
    );
    assert_eq!(
        found,
        [
            "people.csv: record 1 (line 2), column `band`: `10` is not an Agenda for Change band (expected one of 1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9)",
            "people.csv: record 2 (line 4), column `employer`: unknown employer `RX9`, expected the id of an employer in this scenario; did you mean `RX1`?",
            "people.csv: record 2 (line 4), column `skills`: unknown skill `payrol`, expected the id of a skill in this scenario; did you mean `payroll`?",
            "people.csv: record 3 (line 5): the record has 2 cells, expected 9 (one per column of the header)",
        ]
    );
}

#[test]
fn csv_headers_are_checked_once() {
    let found = csv_problems(
        "header",
        "id,employer,site,bnad,pay_point,job_family,nhs_service_start,date_of_birth\n",
    );
    assert_eq!(
        found,
        [
            "people.csv: header (line 1), column `bnad`: unknown column for a person; did you mean `band`?",
            "people.csv: header (line 1), column `band`: missing column, required for every person",
        ]
    );
}

#[test]
fn a_missing_csv_file_is_reported_where_it_is_named() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("diagnostics")
        .join("missing");
    std::fs::create_dir_all(&dir).unwrap();
    let text = with("seed = 1", "seed = 1\nvacancies_csv = \"nowhere.csv\"");
    let err = parse_scenario(&text, &dir.join("s.toml")).unwrap_err();
    let message = err.diagnostics()[0].to_string();
    assert!(
        message.contains("s.toml:4:17: field `vacancies_csv`: cannot read `"),
        "{message}"
    );
    assert!(message.contains("nowhere.csv`: "), "{message}");
}

#[test]
fn policy_problems_point_at_the_value() {
    let policy = "tiers = [\"employer\", \"employer\"]\n[slotting]\nthreshold = 1.2\n[redundancy_pay]\nsalary_floor = 90_000\nweeks_per_month = 0.0\n[sae]\nmax_wte_reduction = \"some\"\n";
    let err = parse_policy(policy, Path::new("p.toml")).unwrap_err();
    let found: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "p.toml:1:9: field `tiers`: tiers `employer, employer` list a tier twice, expected each tier once, from narrow to wide",
            "p.toml:3:13: field `slotting.threshold`: `1.2` is out of range, expected a number from 0 to 1",
            "p.toml:5:16: field `redundancy_pay.salary_floor`: `90000` is out of range, expected a floor no higher than the cap (`salary_cap` is 80000)",
            "p.toml:6:19: field `redundancy_pay.weeks_per_month`: `0` is out of range, expected a number above 0 and at most 5",
            "p.toml:8:21: field `sae.max_wte_reduction`: expected a number, found the string `\"some\"`",
        ]
    );
}

#[test]
fn policy_keywords_and_sections_get_suggestions() {
    let err = parse_policy(
        "tiers = [\"employer\", \"footprnt\"]\n[slotng]\n",
        Path::new("p.toml"),
    )
    .unwrap_err();
    let found: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "p.toml:1:22: field `tiers`: unknown variant `footprnt`, expected one of `employer`, `footprint`, `region`; did you mean `footprint`?",
            "p.toml:2:2: field `slotng`: unknown field for a policy; did you mean `slotting`?",
        ]
    );
}

#[test]
fn pay_scales_must_cover_every_band_with_rising_points() {
    let text = "name = \"x\"\nyear = \"2025/26\"\nsource = \"s\"\n[points]\n2 = [24_465]\n5 = [37_796, 31_049]\n10 = [1]\n";
    let err = parse_pay_scale(text, Path::new("pay.toml")).unwrap_err();
    let found: Vec<String> = err.diagnostics().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "pay.toml:4:1: field `points`: no pay points for band 1, 3, 4, 6, 7, 8a, 8b, 8c, 8d, 9, expected points for every band (band 1 is paid at the band 2 rate)",
            "pay.toml:6:5: field `points.5`: pay points must rise from the entry point to the top point",
            "pay.toml:7:1: field `points`: `10` is not an Agenda for Change band (expected one of 1, 2, 3, 4, 5, 6, 7, 8a, 8b, 8c, 8d, 9)",
        ]
    );
}

#[test]
fn a_policy_value_of_the_wrong_kind_is_named_as_the_scenario_names_it() {
    let found = |value: &str| {
        let text = format!("[sae]\nmax_travel_minutes = {value}\n");
        let err = parse_policy(&text, Path::new("p.toml")).unwrap_err();
        err.diagnostics()[0].to_string()
    };
    let expected = "p.toml:2:22: field `sae.max_travel_minutes`: expected a whole number from 0 to 4294967295, found";
    assert_eq!(found("60.5"), format!("{expected} `60.5`"));
    assert_eq!(found("true"), format!("{expected} `true`"));
    assert_eq!(
        found("\"an hour\""),
        format!("{expected} the string `\"an hour\"`")
    );
    assert_eq!(found("[60]"), format!("{expected} an array"));
}

#[test]
fn associated_employers_must_be_other_known_employers_of_the_same_footprint() {
    let employers = |associated: &str| {
        with(
            "[[employers]]\nid = \"RX1\"\nkind = \"acute\"\nfootprint = \"north\"\n",
            &format!(
                "[[footprints]]\nid = \"south\"\nregion = \"midlands\"\n\n\
                 [[employers]]\nid = \"RX1\"\nkind = \"acute\"\nfootprint = \"north\"\n\
                 associated_with = [{associated}]\n\n\
                 [[employers]]\nid = \"RX2\"\nkind = \"community\"\nfootprint = \"north\"\n\n\
                 [[employers]]\nid = \"RY9\"\nkind = \"acute\"\nfootprint = \"south\"\n"
            ),
        )
    };
    assert_eq!(problems(&employers("\"RX2\"")), Vec::<String>::new());
    let unknown = problems(&employers("\"RX3\""));
    assert!(
        unknown.len() == 1
            && unknown[0].contains("field `associated_with`: unknown employer `RX3`")
            && unknown[0].contains("did you mean `RX"),
        "{unknown:?}"
    );
    let itself = problems(&employers("\"RX1\""));
    assert!(
        itself.len() == 1 && itself[0].contains("`RX1` is this employer itself"),
        "{itself:?}"
    );
    let elsewhere = problems(&employers("\"RY9\""));
    assert!(
        elsewhere.len() == 1
            && elsewhere[0].contains(
                "`RY9` is in footprint `south`, expected an employer of footprint `north`"
            ),
        "{elsewhere:?}"
    );
    let twice = problems(&employers("\"RX2\", \"RX2\""));
    assert!(
        twice.len() == 1 && twice[0].contains("`RX2` is listed twice"),
        "{twice:?}"
    );
}
