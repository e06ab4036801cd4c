//! Criterion benchmark of `redeploy import` at England scale: 50,000 staff rows (all at risk)
//! and 100,000 vacancy rows, shaped as the shipped ESR and NHS Jobs presets expect, with a
//! lookup of 2,000 postcodes and 210 employers in 42 footprints.
//!
//! - `import/england`: everything `redeploy import --force` does — read the mapping and the
//!   presets, the pay scale and policy, the three CSV files and the at-risk list, read every
//!   row, assemble the scenario, write it through the model's writer into a staging directory,
//!   load it back, and move the files into place.
//!
//! The extracts are generated here from a seed (invented organisations, postcodes and people)
//! into a temporary directory before timing starts; the target is under 3 s. With
//! `REDEPLOY_BENCH_IMPORT_DIR=DIR` they are written to `DIR/in` and kept, so that the same
//! import can be timed from the command line (`docs/import.md`).

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use redeploy_import::{Sources, build, write};
use redeploy_synth::SplitMix64;

const SEED: u64 = 15;
const STAFF: usize = 50_000;
const VACANCIES: usize = 100_000;
const POSTCODES: usize = 2_000;
const FOOTPRINTS: usize = 42;
const EMPLOYERS_PER_FOOTPRINT: usize = 5;

const GROUPS: [(&str, &str, &str, &str); 6] = [
    (
        "Administrative and Clerical",
        "Finance",
        "B0A",
        "Accountant",
    ),
    (
        "Administrative and Clerical",
        "Human Resources",
        "G0C",
        "HR Advisor",
    ),
    (
        "Administrative and Clerical",
        "Health Records",
        "G1F",
        "Medical Records Clerk",
    ),
    (
        "Nursing and Midwifery Registered",
        "Adult Nursing",
        "N0C",
        "Staff Nurse",
    ),
    (
        "Allied Health Professionals",
        "Physiotherapy",
        "S0B",
        "Physiotherapist",
    ),
    ("Administrative and Clerical", "Procurement", "B0E", "Buyer"),
];
const BANDS: [(&str, u32); 8] = [
    ("Band 2", 1),
    ("BAND 3", 2),
    ("band 4", 2),
    ("Band 5", 3),
    ("Agenda for Change Band 6", 3),
    ("Band 7", 3),
    ("Band 8a", 2),
    ("BAND 8B", 2),
];

fn employer_name(index: usize) -> String {
    format!("Bench Employer {index:03} NHS Trust")
}

fn postcode(index: usize) -> String {
    let letters = b"ABDEFGHJLNPQRSTUWXYZ";
    let a = letters[index % 20] as char;
    let b = letters[(index / 20) % 20] as char;
    format!("XB{} {}{a}{b}", index / 400 + 1, index % 10)
}

fn date(rng: &mut SplitMix64, from: u64, to: u64, day_first: bool) -> String {
    let year = rng.range(from, to);
    let month = rng.range(1, 12);
    let day = rng.range(1, 28);
    if day_first {
        format!("{day:02}/{month:02}/{year}")
    } else {
        format!("{year}-{month:02}-{day:02}")
    }
}

/// Writes the extracts, the lookup, the at-risk list and a mapping into `dir`.
fn write_inputs(dir: &Path) -> Sources {
    std::fs::create_dir_all(dir).unwrap();
    let configs = Path::new(env!("CARGO_MANIFEST_DIR")).join("configs");
    let mut rng = SplitMix64::stream(SEED, 0);

    let mut lookup = String::from("postcode,latitude,longitude\n");
    for i in 0..POSTCODES {
        let lat = 50.8 + rng.unit() * 4.0;
        let lon = -3.0 + rng.unit() * 3.5;
        let _ = writeln!(lookup, "{},{lat:.4},{lon:.4}", postcode(i));
    }
    std::fs::write(dir.join("postcodes.csv"), lookup).unwrap();

    let employers = FOOTPRINTS * EMPLOYERS_PER_FOOTPRINT;
    let mut staff = String::from(
        "\u{feff}Assignment Number,Full Name,Organisation,Position Title,Occupation Code,Staff Group,Job Role,Area of Work,Grade,Pay Point,Annual Salary,FTE,Contracted Hours,NHS Continuous Service Start Date,Date of Birth,Pension Scheme,Work Location,Work Location Postcode,Gender,Ethnic Origin,Disability,Assignment Category,Leave Status,Leave Start Date,Child Birth or Placement Date\n",
    );
    let mut at_risk = String::from("Assignment Number\n");
    for i in 0..STAFF {
        let (group, area, occupation, role) = GROUPS[rng.index(GROUPS.len())];
        let (band, points) = BANDS[rng.index(BANDS.len())];
        let employer = rng.index(employers);
        let id = format!("{:08}-1", 20_000_000 + i);
        let born = {
            let day_first = rng.chance(0.5);
            date(&mut rng, 1965, 1995, day_first)
        };
        let start = {
            let day_first = rng.chance(0.5);
            date(&mut rng, 2012, 2024, day_first)
        };
        let _ = writeln!(
            staff,
            "{id},Bench Person {i},{},{role},{occupation},{group},{role},{area},{band},{},,{},37.5,{start},{born},NHS Pension Scheme 2015,,{},Female,Not stated,No,Permanent,Active Assignment,,",
            employer_name(employer),
            rng.range(1, u64::from(points)),
            if rng.chance(0.8) { "1.0" } else { "" },
            postcode(rng.index(POSTCODES)),
        );
        let _ = writeln!(at_risk, "{id}");
    }
    std::fs::write(dir.join("staff.csv"), staff).unwrap();
    std::fs::write(dir.join("at-risk.csv"), at_risk).unwrap();

    let mut vacancies = String::from(
        "\u{feff}Vacancy ID,Vacancy Ref Number,Organisation Name,Job Title,Staff Group,Area of Work,Salary,Working Pattern,Pay Band/Scale,Published Date,Advert Closed Date,Job Type,Fixed Term Contract Length,Post Code,Region\n",
    );
    for i in 0..VACANCIES {
        let (group, area, _, role) = GROUPS[rng.index(GROUPS.len())];
        let (band, _) = BANDS[rng.index(BANDS.len())];
        let published = {
            let day_first = rng.chance(0.5);
            date(&mut rng, 2025, 2025, day_first)
        };
        let _ = writeln!(
            vacancies,
            "{},{}-WZ,{},{role},{group},{area},\"£30,000 a year\",Full time,{band},{published},2025-12-01,{},,{},England",
            10_000_000 + i,
            i,
            employer_name(rng.index(employers)),
            if rng.chance(0.9) {
                "Permanent"
            } else {
                "Fixed-term"
            },
            postcode(rng.index(POSTCODES)),
        );
    }
    std::fs::write(dir.join("vacancies.csv"), vacancies).unwrap();

    let mut mapping = format!(
        "staff = \"{0}/import/esr-staff.toml\"\nvacancies = \"{0}/import/nhs-jobs-foi-03121.toml\"\ncodes = \"{0}/import/codes.toml\"\n\n[scenario]\nname = \"bench-england\"\nround_date = 2025-10-01\npay_scale = \"{0}/pay/afc-2025-26.toml\"\npolicy = \"{0}/policies/footprint-region-block-external.toml\"\n",
        configs.display()
    );
    for region in 0..7 {
        let _ = write!(mapping, "\n[[regions]]\nid = \"region-{region}\"\n");
    }
    for footprint in 0..FOOTPRINTS {
        let _ = write!(
            mapping,
            "\n[[footprints]]\nid = \"footprint-{footprint}\"\nregion = \"region-{}\"\n",
            footprint / 6
        );
    }
    for employer in 0..employers {
        let _ = write!(
            mapping,
            "\n[[employers]]\nid = \"E{employer:03}\"\nname = \"{}\"\nkind = \"acute\"\nfootprint = \"footprint-{}\"\n",
            employer_name(employer),
            employer / EMPLOYERS_PER_FOOTPRINT
        );
    }
    std::fs::write(dir.join("mapping.toml"), mapping).unwrap();

    Sources {
        staff: dir.join("staff.csv"),
        vacancies: dir.join("vacancies.csv"),
        mapping: dir.join("mapping.toml"),
        postcodes: dir.join("postcodes.csv"),
        at_risk: Some(dir.join("at-risk.csv")),
    }
}

/// Set to a directory to keep the generated inputs there (to time `redeploy import` on them).
const KEEP_VARIABLE: &str = "REDEPLOY_BENCH_IMPORT_DIR";

fn scratch() -> PathBuf {
    if let Some(dir) = std::env::var_os(KEEP_VARIABLE) {
        return PathBuf::from(dir);
    }
    let dir = std::env::temp_dir().join(format!("redeploy-bench-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn bench_import(c: &mut Criterion) {
    let dir = scratch();
    let sources = write_inputs(&dir.join("in"));
    let out = dir.join("out");
    // One run first, to check the inputs import cleanly, timed by phase.
    let started = std::time::Instant::now();
    let built = build(&sources).expect("the bench inputs read");
    let built_in = started.elapsed();
    assert!(
        !built.report.has_errors(),
        "bench inputs have problems:\n{}",
        built.report
    );
    assert_eq!(built.scenario.people.len(), STAFF);
    assert_eq!(built.scenario.vacancies.len(), VACANCIES);
    let started = std::time::Instant::now();
    write(&out, &built, true).expect("the bench scenario writes");
    eprintln!(
        "import/england phases: read and build {:.2} s, write and load back {:.2} s",
        built_in.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );

    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("england", |b| {
        b.iter(|| {
            let built = build(black_box(&sources)).unwrap();
            write(&out, &built, true).unwrap()
        })
    });
    group.finish();
    if std::env::var_os(KEEP_VARIABLE).is_none() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
