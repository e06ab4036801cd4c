//! Running a shard of a sweep's cells in parallel, each result written atomically under the
//! cell's path as `result.json`, and the shard's long-format table.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use redeploy_engine::Round;
use redeploy_model::{Policy, Scenario};
use serde::{Deserialize, Serialize};

use crate::Error;
use crate::grid::{self, Cell, Source};
use crate::spec::Spec;

/// The file each cell's result is written to, under the cell's path.
pub const RESULT_FILE: &str = "result.json";

/// A cell's result as written: its number, key and measures in a fixed order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CellResult {
    /// Position in grid order.
    pub cell: usize,
    /// (dimension, value), in path order.
    pub key: Vec<(String, String)>,
    /// (measure, value as written), in [`measures`] order.
    pub measures: Vec<(String, String)>,
}

/// How to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output directory.
    pub out: PathBuf,
    /// This run's shard `(i, n)`, 1-based; `(1, 1)` runs every cell.
    pub shard: (usize, usize),
    /// Skip cells whose result is already written.
    pub resume: bool,
}

/// What a run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Cells in the grid.
    pub cells: usize,
    /// Cells of this shard.
    pub in_shard: usize,
    /// Cells run now.
    pub run: usize,
    /// Cells skipped because their result was there (`--resume`).
    pub skipped: usize,
}

fn io(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: err.to_string(),
    }
}

/// How many measures each cell has.
pub fn measures_count() -> usize {
    MEASURES
}

const MEASURES: usize = 20;

/// The measures of a round, in the order every table lists them: (name, value as written).
/// Whole numbers as integers, means with six decimals, money in pounds with two.
pub fn measures(round: &Round) -> Vec<(String, String)> {
    let m = &round.metrics;
    let people = &m.measures.people_ranks;
    let posts = &m.measures.post_ranks;
    let at = |rank: usize| people.counts.get(rank).copied().unwrap_or(0);
    let rows: [(&str, String); MEASURES] = [
        ("placed", m.placed.to_string()),
        ("unplaced", m.unplaced.to_string()),
        ("placed_with_priority", m.placed_with_priority.to_string()),
        ("downgraded", m.downgraded.to_string()),
        ("matched", m.measures.matched.to_string()),
        ("matched_1st_choice", at(0).to_string()),
        ("matched_2nd_choice", at(1).to_string()),
        (
            "matched_3rd_choice_or_lower",
            people.counts.iter().skip(2).sum::<u64>().to_string(),
        ),
        ("mean_choice_rank", format!("{:.6}", people.mean)),
        ("worst_choice_rank", people.worst.to_string()),
        ("mean_post_rank", format!("{:.6}", posts.mean)),
        ("worst_post_rank", posts.worst.to_string()),
        (
            "blocking_pairs",
            m.measures.stability.blocking_pairs.to_string(),
        ),
        (
            "justified_envy",
            m.measures.stability.justified_envy.to_string(),
        ),
        (
            "envious_people",
            m.measures.stability.envious_people.to_string(),
        ),
        ("soft_cost", m.measures.cost.to_string()),
        (
            "placed_first_tier",
            m.by_tier.first().map_or(0, |t| t.placed).to_string(),
        ),
        (
            "net_saving",
            m.net_saving.to_string().replace(['£', ','], ""),
        ),
        ("posts_filled", m.posts_filled.to_string()),
        ("eligible_pairs", m.eligible_pairs.to_string()),
    ];
    rows.into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect()
}

fn load_sources(spec: &Spec, cells: &[&Cell]) -> Result<BTreeMap<Source, Scenario>, Error> {
    let mut sources: Vec<Source> = cells.iter().map(|c| c.source.clone()).collect();
    sources.sort();
    sources.dedup();
    let loaded: Vec<Result<(Source, Scenario), Error>> = sources
        .into_par_iter()
        .map(|source| {
            let scenario = match &source {
                Source::File(path) => redeploy_model::load_scenario(path)?,
                Source::Seed(seed) => {
                    let generate = spec.generate.as_ref().expect("seeds come from [generate]");
                    let mut config = redeploy_synth::SynthConfig::footprint_scale(*seed);
                    config.people = generate.people;
                    config.posts = generate.posts;
                    config.footprints = generate.footprints;
                    redeploy_synth::generate(&config)
                        .map_err(|err| Error::Spec(format!("generate: seed {seed}: {err}")))?
                }
            };
            Ok((source, scenario))
        })
        .collect();
    loaded.into_iter().collect()
}

fn policies(cells: &[&Cell]) -> Result<BTreeMap<PathBuf, Policy>, Error> {
    let mut paths: Vec<PathBuf> = cells.iter().filter_map(|c| c.policy.clone()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .map(|path| Ok((path.clone(), redeploy_model::load_policy(&path)?)))
        .collect()
}

/// The policy of a cell: the file's or the scenario's, with the overrides and the rule.
fn cell_policy(
    cell: &Cell,
    scenario: &Scenario,
    policies: &BTreeMap<PathBuf, Policy>,
) -> Result<Policy, Error> {
    let mut policy = match &cell.policy {
        Some(path) => policies[path].clone(),
        None => scenario.policy.clone(),
    };
    for (field, value) in &cell.overrides {
        policy = grid::apply(&policy, field, value)?;
    }
    if let Some(rule) = cell.rule {
        policy.rule = rule;
    }
    Ok(policy)
}

/// Runs one cell and writes its result.
fn run_cell(
    cell: &Cell,
    scenario: &Scenario,
    policies: &BTreeMap<PathBuf, Policy>,
    out: &Path,
) -> Result<CellResult, Error> {
    let policy = cell_policy(cell, scenario, policies)?;
    let round = policy
        .validate()
        .map_err(redeploy_engine::Error::from)
        .and_then(|policy| redeploy_engine::run_round(scenario, &policy))
        .map_err(|source| Error::Round {
            cell: cell.path(),
            source: Box::new(source),
        })?;
    let result = CellResult {
        cell: cell.index,
        key: cell.key.clone(),
        measures: measures(&round),
    };
    let dir = out.join(cell.path());
    std::fs::create_dir_all(&dir).map_err(|err| io(&dir, err))?;
    let mut text = serde_json::to_string(&result).map_err(|err| io(&dir, err))?;
    text.push('\n');
    let target = dir.join(RESULT_FILE);
    redeploy_report::output::write_atomic(&target, text.as_bytes())
        .map_err(|err| io(&target, err))?;
    Ok(result)
}

/// Reads a cell's result file, if it is there and readable.
pub fn read_result(path: &Path) -> Option<CellResult> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Runs this shard's cells of `spec` into `options.out`, and writes the shard's table as
/// `table-<i>-of-<n>.csv`.
///
/// # Errors
/// The first cell's error, in grid order: a scenario or policy that cannot be loaded, an override
/// that does not apply, a round that fails, a file that cannot be written.
pub fn run(spec: &Spec, options: &Options) -> Result<Summary, Error> {
    let cells = grid::cells(spec)?;
    let mine: Vec<&Cell> = cells
        .iter()
        .filter(|cell| grid::in_shard(cell.index, options.shard))
        .collect();
    let done = |cell: &Cell| {
        options.resume
            && read_result(&options.out.join(cell.path()).join(RESULT_FILE))
                .is_some_and(|result| result.cell == cell.index && result.key == cell.key)
    };
    let todo: Vec<&Cell> = mine.iter().copied().filter(|cell| !done(cell)).collect();
    let scenarios = load_sources(spec, &todo)?;
    let policies = policies(&todo)?;
    let results: Vec<Result<CellResult, Error>> = todo
        .par_iter()
        .map(|cell| run_cell(cell, &scenarios[&cell.source], &policies, &options.out))
        .collect();
    for result in results {
        result?;
    }
    let mut shard_results = Vec::with_capacity(mine.len());
    for cell in &mine {
        let path = options.out.join(cell.path()).join(RESULT_FILE);
        shard_results.push(read_result(&path).ok_or_else(|| io(&path, "cannot read the result"))?);
    }
    let (i, n) = options.shard;
    let table = crate::merge::table(&shard_results);
    let target = options.out.join(format!("table-{i}-of-{n}.csv"));
    redeploy_report::output::write_atomic(&target, table.as_bytes())
        .map_err(|err| io(&target, err))?;
    Ok(Summary {
        cells: cells.len(),
        in_shard: mine.len(),
        run: todo.len(),
        skipped: mine.len() - todo.len(),
    })
}
