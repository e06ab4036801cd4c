//! A scenario's matching problem handed to other tools: both sides' rankings over the suitable
//! pairs ([`TwoSidedInstance`]), and the assignment problem ([`AssignmentExport`]).
//!
//! Both are the problem of one solve over every tier of the policy at once, before slotting-in:
//! every person in matching, every open place, every suitable pair that some tier may offer.
//! Hard rules are already applied (unsuitable pairs are absent); the rankings are the ones the
//! rules use (`build.rs`): explicit where given, derived otherwise.

use redeploy_model::{Ix, PersonIx, Scenario, VacancyIx, ValidPolicy};

use super::{SolverCol, TierProblem};
use crate::error::Error;
use crate::index::RoundIndex;
use crate::table::EligibilityTable;

/// One agent of a two-sided instance and its ranking of the other side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedAgent {
    /// Person or vacancy id.
    pub id: String,
    /// Places (1 for a person).
    pub capacity: u32,
    /// The other side's ids, best first, tied ids in one group.
    pub ranking: Vec<Vec<String>>,
}

/// Both sides' rankings over the suitable pairs of a scenario under a policy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TwoSidedInstance {
    /// People in matching with a suitable post, in scenario order.
    pub people: Vec<RankedAgent>,
    /// Vacancies some person may take, in scenario order.
    pub vacancies: Vec<RankedAgent>,
}

/// The assignment problem of a scenario under a policy, with the ids of its rows and columns.
#[derive(Debug, Clone)]
pub struct AssignmentExport {
    /// The problem (rows people, columns vacancies, weighted soft costs, priority classes).
    pub problem: redeploy_assign::Problem,
    /// Person id of each row.
    pub rows: Vec<String>,
    /// Vacancy id of each column.
    pub cols: Vec<String>,
}

fn problems(scenario: &Scenario, policy: &ValidPolicy) -> Result<Vec<TierProblem>, Error> {
    let index = RoundIndex::new(scenario, policy, &crate::constraints::NONE)?;
    let table = EligibilityTable::build(&index)?;
    Ok(crate::tiers::whole_problems(&index, &table))
}

/// Groups ids by rank (ranks 1, 2, … with ties sharing one).
fn groups(mut ranked: Vec<(u32, String)>) -> Vec<Vec<String>> {
    ranked.sort();
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut last = None;
    for (rank, id) in ranked {
        if last != Some(rank) {
            out.push(Vec::new());
            last = Some(rank);
        }
        if let Some(group) = out.last_mut() {
            group.push(id);
        }
    }
    out
}

/// Both sides' rankings of `scenario` under `policy` (see the module docs).
///
/// ```
/// use std::path::Path;
///
/// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
/// let scenario = redeploy_model::load_scenario(&path).unwrap();
/// let instance =
///     redeploy_engine::two_sided_instance(&scenario, &scenario.policy.validate().unwrap()).unwrap();
/// assert!(instance.people.iter().all(|p| !p.ranking.is_empty()));
/// ```
///
/// # Errors
/// As [`crate::run_round`].
pub fn two_sided_instance(
    scenario: &Scenario,
    policy: &ValidPolicy,
) -> Result<TwoSidedInstance, Error> {
    let problems = problems(scenario, policy)?;
    let mut people: Vec<(PersonIx, RankedAgent)> = Vec::new();
    let mut by_vacancy: std::collections::BTreeMap<VacancyIx, Vec<(u32, String)>> =
        Default::default();
    for problem in &problems {
        for row in 0..problem.rows() {
            let person = problem.people[row];
            let person_id = scenario.people[person.position()].id.clone();
            let mut ranked = Vec::new();
            for arc in problem.arc_range(row) {
                let vacancy = problem.vacancy_at(SolverCol(problem.arc_col[arc]));
                ranked.push((
                    problem.arc_rank[arc],
                    scenario.vacancies[vacancy.position()].id.clone(),
                ));
                by_vacancy
                    .entry(vacancy)
                    .or_default()
                    .push((problem.arc_post_rank[arc], person_id.clone()));
            }
            people.push((
                person,
                RankedAgent {
                    id: person_id,
                    capacity: 1,
                    ranking: groups(ranked),
                },
            ));
        }
    }
    people.sort_by_key(|(person, _)| *person);
    let vacancies = by_vacancy
        .into_iter()
        .map(|(vacancy, ranked)| RankedAgent {
            id: scenario.vacancies[vacancy.position()].id.clone(),
            capacity: scenario.vacancies[vacancy.position()].posts,
            ranking: groups(ranked),
        })
        .collect();
    Ok(TwoSidedInstance {
        people: people.into_iter().map(|(_, agent)| agent).collect(),
        vacancies,
    })
}

/// The assignment problem of `scenario` under `policy` (see the module docs), for DIMACS export.
///
/// # Errors
/// As [`crate::run_round`]; [`Error::Solver`] if the problem cannot be built.
pub fn assignment_problem(
    scenario: &Scenario,
    policy: &ValidPolicy,
) -> Result<AssignmentExport, Error> {
    let problems = problems(scenario, policy)?;
    let mut rows = Vec::new();
    let mut col_of = std::collections::BTreeMap::new();
    for problem in &problems {
        for &vacancy in &problem.vacancies {
            let next = col_of.len();
            col_of.entry(vacancy).or_insert(next);
        }
        rows.extend(problem.people.iter().copied());
    }
    let mut builder = redeploy_assign::Problem::builder(rows.len(), col_of.len());
    let mut row = 0;
    for problem in &problems {
        for local in 0..problem.rows() {
            builder.priority(row, problem.class[local]);
            for (col, cost) in problem.arcs(local) {
                builder.arc(row, col_of[&problem.vacancy_at(SolverCol(col))], cost);
            }
            row += 1;
        }
    }
    let mut cols = vec![String::new(); col_of.len()];
    for (&vacancy, &col) in &col_of {
        builder.capacity(col, scenario.vacancies[vacancy.position()].posts);
        cols[col] = scenario.vacancies[vacancy.position()].id.clone();
    }
    let problem = builder.build().map_err(|source| Error::Solver {
        tier: "export",
        source,
    })?;
    Ok(AssignmentExport {
        problem,
        rows: rows
            .into_iter()
            .map(|person| scenario.people[person.position()].id.clone())
            .collect(),
        cols,
    })
}
