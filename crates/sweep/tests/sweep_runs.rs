//! A sweep's table is the same whatever the thread count and the sharding, `--resume` runs only
//! what is missing, and a bad override is refused with the field named.

use std::path::{Path, PathBuf};

use redeploy_sweep::{grid, merge, run, spec::Spec};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-sweep-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn spec() -> Spec {
    let small =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    Spec::parse(&format!(
        "scenarios = [{:?}]\nrules = [\"optimal\", \"deferred-acceptance\", \"serial-dictatorship\"]\n[overrides]\n\"sae.max_band_drop\" = [0, 1, 2]\n\"sae.max_travel_minutes\" = [45, 90]\n",
        small.display().to_string()
    ))
    .unwrap()
}

fn run_in(dir: &Path, shard: (usize, usize), threads: usize, resume: bool) -> run::Summary {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let options = run::Options {
        out: dir.to_path_buf(),
        shard,
        resume,
    };
    pool.install(|| run::run(&spec(), &options)).unwrap()
}

#[test]
fn the_table_is_byte_identical_for_any_threads_and_sharding() {
    let whole = scratch("whole");
    let summary = run_in(&whole, (1, 1), 1, false);
    assert_eq!((summary.cells, summary.run), (18, 18));
    merge::merge(std::slice::from_ref(&whole), &whole).unwrap();
    let expected = std::fs::read(whole.join("sweep.csv")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&expected).lines().count(),
        1 + 18 * run::measures_count(),
        "a header and one row per (cell, measure)"
    );
    let shards: Vec<PathBuf> = (1..=3).map(|i| scratch(&format!("shard{i}"))).collect();
    for (i, dir) in shards.iter().enumerate() {
        run_in(dir, (i + 1, 3), 2, false);
    }
    let merged = scratch("merged");
    merge::merge(&shards, &merged).unwrap();
    assert_eq!(std::fs::read(merged.join("sweep.csv")).unwrap(), expected);
    assert_eq!(
        std::fs::read(merged.join("sweep.html")).unwrap(),
        std::fs::read(whole.join("sweep.html")).unwrap()
    );
    for dir in shards.iter().chain([&whole, &merged]) {
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn resume_runs_only_missing_cells() {
    let dir = scratch("resume");
    run_in(&dir, (1, 1), 2, false);
    let cells = grid::cells(&spec()).unwrap();
    std::fs::remove_file(dir.join(cells[4].path()).join(run::RESULT_FILE)).unwrap();
    let summary = run_in(&dir, (1, 1), 2, true);
    assert_eq!((summary.run, summary.skipped), (1, 17));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unknown_override_is_refused_with_the_fields_there_are() {
    let spec = Spec::parse("scenarios = [\"s.toml\"]\n[overrides]\n\"sae.max_band_dorp\" = [1]\n")
        .unwrap();
    let err = grid::cells(&spec).unwrap_err().to_string();
    assert!(
        err.contains("unknown policy field `sae.max_band_dorp`"),
        "{err}"
    );
    assert!(err.contains("max_band_drop"), "{err}");
    let spec =
        Spec::parse("scenarios = [\"s.toml\"]\n[overrides]\n\"sae.max_band_drop\" = [\"two\"]\n")
            .unwrap();
    assert!(grid::cells(&spec).is_err());
    assert!(grid::parse_shard("0/3").is_err());
    assert_eq!(grid::parse_shard("2/3").unwrap(), (2, 3));
}
