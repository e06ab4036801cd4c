//! The assignment problems of one tier pass.
//!
//! This module owns how a pass's pairs become [`TierProblem`]s: which people go into which
//! scope unit's problem ([`build_problems`]), each person's row terms ([`RowTerms`]: solver
//! class, own employer only), each vacancy's columns (split into a place reserved for its
//! employer's own staff and an open one when the own-employer protection reserves places), each
//! pair's cost (the soft cost, plus the tier distance in `weighted` mode) and the tie-break keys
//! of the matching rules (serial order, service, lottery draws). The loop over tiers that asks for
//! them is in `tiers.rs`.

use redeploy_model::{Ix, IxVec, PersonIx, VacancyIx};

use rayon::prelude::*;
use redeploy_model::{SerialOrder, SoftCostWeights, Unlisted};

use crate::error::Error;
use crate::index::{PersonEntry, RoundIndex, ScopeUnit, count};
use crate::own_staff;
use crate::rules;
use crate::rules::TierProblem;
use crate::rules::build::{OpenArc, draws};
use crate::table::{EligibilityTable, SuitablePair};
use crate::tiers::{Pass, Pool};

/// How one person's row of a tier problem is built.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowTerms {
    /// The solver priority class of the row.
    pub class: u8,
    /// Only vacancies at the person's own employer.
    pub own_only: bool,
}

impl RowTerms {
    /// A row at the person's own employer, where statutory priority acts; `own_only` keeps the
    /// row to it.
    pub(crate) fn own_employer(
        index: &RoundIndex<'_>,
        person: PersonIx,
        own_only: bool,
    ) -> RowTerms {
        RowTerms {
            class: index.person_class(person, true),
            own_only,
        }
    }
}

/// The problems of a pass, one per unit with a pair, built in parallel, in unit order; the
/// places `reserved` counts at each vacancy go to its employer's own staff only.
pub(crate) fn build_problems(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &Pool,
    pass: Pass,
    row_terms: &(impl Fn(PersonIx) -> RowTerms + Sync),
    reserved: Option<&IxVec<VacancyIx, u32>>,
) -> Vec<(ScopeUnit, TierProblem)> {
    group_people(index, table, pool, pass)
        .into_par_iter()
        .map(|(unit, people)| {
            (
                unit,
                build_problem(index, table, pool, pass, &people, row_terms, reserved),
            )
        })
        .filter(|(_, problem)| problem.arc_count() > 0)
        .collect()
}

/// The first tier of a placed pair, read back from the table.
///
/// # Errors
/// [`Error::Inconsistent`] when the pair is not among the person's suitable pairs (a defect).
pub(crate) fn pair_level(
    table: &EligibilityTable,
    person: PersonIx,
    vacancy: VacancyIx,
) -> Result<u8, Error> {
    let row = &table.rows[person].suitable;
    row.binary_search_by_key(&vacancy, |pair| pair.vacancy)
        .map(|found| row[found].level)
        .map_err(|_| {
            Error::Inconsistent(format!(
                "a placed pair ({person:?}, {vacancy:?}) is not among the person's suitable pairs"
            ))
        })
}

/// Unplaced people taking part in matching, grouped by their unit at the pass's tier, units in
/// ascending order and people in scenario order inside each.
fn group_people(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &Pool,
    pass: Pass,
) -> Vec<(ScopeUnit, Vec<PersonIx>)> {
    let mut groups: Vec<(ScopeUnit, Vec<PersonIx>)> = Vec::new();
    let mut group_of: Vec<Option<usize>> = vec![None; index.unit_count(pass.tier)];
    for &person in pool.people.iter() {
        let entry = &index.people[person];
        if pool.frozen[person] {
            continue;
        }
        let has_open_pair = table.rows[person]
            .suitable
            .iter()
            .any(|pair| pair.level <= pass.position && pool.capacity[pair.vacancy] > 0);
        if entry.in_matching && pool.placed[person].is_none() && has_open_pair {
            let unit = index.unit_of_employer(pass.tier, entry.employer);
            let group = *group_of[unit.position()].get_or_insert_with(|| {
                groups.push((unit, Vec::new()));
                groups.len() - 1
            });
            groups[group].1.push(person);
        }
    }
    groups.sort_unstable_by_key(|(unit, _)| *unit);
    groups
}

/// The tier problem of one unit: its people as rows, the vacancies they could take as columns.
fn build_problem(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &Pool,
    pass: Pass,
    people: &[PersonIx],
    row_terms: &impl Fn(PersonIx) -> RowTerms,
    reserved: Option<&IxVec<VacancyIx, u32>>,
) -> TierProblem {
    let open = |level: u8, vacancy: VacancyIx| level <= pass.position && pool.capacity[vacancy] > 0;
    let columns = Columns::new(
        people.iter().map(|&person| {
            table.rows[person]
                .suitable
                .iter()
                .filter(|pair| open(pair.level, pair.vacancy))
        }),
        |vacancy| pool.capacity[vacancy],
        reserved,
    );

    let weights = &index.policy.weights;
    let mut problem = TierProblem {
        people: people.to_vec(),
        capacity: columns.columns.iter().map(|column| column.places).collect(),
        post_order: columns
            .columns
            .iter()
            .map(|column| {
                let v = column.vacancy;
                let record = index.ids.vacancies[v];
                (record.advertised_order, index.vacancies[v].terms.id_rank)
            })
            .collect(),
        arc_start: Vec::with_capacity(people.len() + 1),
        ..TierProblem::default()
    };
    problem.arc_start.push(0);
    let tie_break = &index.policy.ranking;
    let scenario = index.scenario;
    let rankings = &index.rankings;
    let mut arcs: Vec<OpenArc> = Vec::new();
    for (row, &person) in people.iter().enumerate() {
        let entry = &index.people[person];
        let person_id = scenario.people[person.position()].id.as_str();
        let terms = row_terms(person);
        problem.class.push(terms.class);
        problem
            .register
            .push((u64::from(u8::MAX - terms.class) << 32) | u64::from(person.raw()));
        arcs.clear();
        for (pair, col) in columns.row(row) {
            if terms.own_only
                && !index.associated(index.vacancies[pair.vacancy].terms.employer, entry.employer)
            {
                continue;
            }
            let mut cost = pair.cost;
            if pass.weighted {
                // The pair's cost counts no distance; a level of at most 2 is the last term of
                // MAX_COST_UNITS, so the sum stays within MAX_COST (see `weighted_total`).
                cost += i64::from(pair.level) * i64::from(weights.tier_distance);
            }
            let listed = entry
                .ranked
                .iter()
                .find(|&&(v, _)| v == pair.vacancy)
                .map(|&(_, place)| place);
            let listed_by_post = rankings.vacancy_place(pair.vacancy, person);
            let left_out = (listed.is_none() && !entry.ranked.is_empty())
                || (listed_by_post.is_none() && rankings.vacancy_ranks(pair.vacancy));
            if left_out && tie_break.unlisted == Unlisted::Unacceptable {
                continue;
            }
            let vacancy_id = scenario.vacancies[pair.vacancy.position()].id.as_str();
            let (person_draw, post_draw) =
                draws(tie_break.lottery, tie_break.seed, person_id, vacancy_id);
            // A vacancy's reserved column, when it has one, is for its employer's own staff (and
            // an associated employer's) only.
            let own_staff =
                index.associated(index.vacancies[pair.vacancy].terms.employer, entry.employer);
            for col in columns.of_vacancy(col) {
                if !own_staff && !columns.columns[col as usize].open {
                    continue;
                }
                arcs.push(OpenArc {
                    col,
                    cost,
                    // The preference term is one of the cost's terms, so the rest is not negative.
                    fit: cost - preference_cost(entry, listed, weights),
                    listed,
                    listed_by_post,
                    id_rank: index.vacancies[pair.vacancy].terms.id_rank,
                    person_draw,
                    post_draw,
                });
            }
        }
        problem.push_row(&mut arcs);
        problem
            .serial
            .push(serial_place(index, person, terms.class));
    }
    problem.service_rank = service_ranks(index, people);
    problem.vacancies = columns
        .columns
        .iter()
        .map(|column| column.vacancy)
        .collect();
    problem.rank_posts();
    problem
}

/// The columns of one unit's problem: the vacancies of its people's open pairs, in vacancy
/// order, each split where the own-employer protection reserves some of its places
/// ([`own_staff::split`]), and each open pair with its vacancy's first column, found as the
/// columns are made (so no pair is looked up afterwards, and none can miss its column).
struct Columns<'t> {
    /// Each column, in vacancy order (a vacancy's reserved column first).
    columns: Vec<own_staff::Column>,
    /// Each open pair with its vacancy's first column, rows in order.
    pairs: Vec<(&'t SuitablePair, u32)>,
    /// Start of each row's pairs in `pairs`; one more entry than rows.
    row_start: Vec<usize>,
}

impl<'t> Columns<'t> {
    /// The columns of the open pairs of each row, rows in order, with `places` left in each
    /// vacancy and `reserved` of them kept for its employer's own staff.
    fn new<R>(
        rows: impl Iterator<Item = R>,
        places: impl Fn(VacancyIx) -> u32,
        reserved: Option<&IxVec<VacancyIx, u32>>,
    ) -> Columns<'t>
    where
        R: Iterator<Item = &'t SuitablePair>,
    {
        let mut pairs: Vec<(&SuitablePair, u32)> = Vec::new();
        let mut row_start = vec![0];
        for row in rows {
            pairs.extend(row.map(|pair| (pair, 0)));
            row_start.push(pairs.len());
        }
        let mut order: Vec<usize> = (0..pairs.len()).collect();
        order.sort_unstable_by_key(|&at| pairs[at].0.vacancy);
        let mut columns: Vec<own_staff::Column> = Vec::new();
        let mut first = 0;
        for at in order {
            let vacancy = pairs[at].0.vacancy;
            if columns.last().map(|column| column.vacancy) != Some(vacancy) {
                first = columns.len();
                columns.extend(own_staff::split(vacancy, places(vacancy), reserved));
            }
            // At most two columns per distinct vacancy, so at most u32::MAX of them.
            pairs[at].1 = count(first);
        }
        Columns {
            columns,
            pairs,
            row_start,
        }
    }

    /// The open pairs of row `row` with their vacancy's first column, in the table's order.
    fn row(&self, row: usize) -> impl Iterator<Item = (&'t SuitablePair, u32)> + '_ {
        self.pairs[self.row_start[row]..self.row_start[row + 1]]
            .iter()
            .copied()
    }

    /// The columns of the vacancy whose first column is `first`.
    fn of_vacancy(&self, first: u32) -> impl Iterator<Item = u32> + '_ {
        let vacancy = self.columns[first as usize].vacancy;
        (first..)
            .zip(&self.columns[first as usize..])
            .take_while(move |(_, column)| column.vacancy == vacancy)
            .map(|(col, _)| col)
    }
}

/// The person's preference terms inside a pair's weighted cost (taken out of the fit cost).
fn preference_cost(entry: &PersonEntry, listed: Option<u32>, weights: &SoftCostWeights) -> i64 {
    match listed {
        Some(place) => i64::from(place) * i64::from(weights.preference_rank),
        None if entry.ranked.is_empty() => 0,
        None => i64::from(weights.unranked_post),
    }
}

/// A person's place in the serial dictatorship's order: (given place or priority, lottery draw,
/// 0); the service rank breaks what remains.
fn serial_place(index: &RoundIndex<'_>, person: PersonIx, class: u8) -> (u32, u64, u32) {
    let tie_break = &index.policy.ranking;
    let priority = u32::from(u8::MAX - class);
    match tie_break.serial_order {
        SerialOrder::Seniority => (priority, 0, 0),
        SerialOrder::Given => (index.rankings.serial_given(person), 0, 0),
        SerialOrder::Lottery => {
            let id = &index.scenario.people[person.position()].id;
            (0, rules::lottery_number(tie_break.seed, "serial", id), 0)
        }
    }
}

/// Rank of each person by longer service, then person id (0 = longest service).
fn service_ranks(index: &RoundIndex<'_>, people: &[PersonIx]) -> Vec<u32> {
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_unstable_by_key(|&row| {
        let person = people[row];
        (
            std::cmp::Reverse(index.service_days(person)),
            index.people[person].id_rank,
        )
    });
    let mut ranks = vec![0; people.len()];
    for (rank, row) in order.into_iter().enumerate() {
        ranks[row] = count(rank);
    }
    ranks
}
