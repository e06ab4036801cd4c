//! The dual view of a round: for each person in matching, whether one more suitable post would
//! let the round place one more person, and whom.
//!
//! This module owns [`DualView`], read from the last pass of a prepared round
//! ([`PreparedRound::duals`]): the problems of each scope unit that pass solved, with the
//! assignments it applied, through the solver's dual information
//! ([`redeploy_assign::alternating_reach`], [`redeploy_assign::potentials`]).
//!
//! # What it says, and when exactly
//!
//! In a problem of the last pass, a row reached by an alternating path from an unassigned row
//! can give up its column while that row is placed instead, without anyone else losing theirs;
//! a new column of one place joined to such a row adds a placement, and joined only to other
//! rows adds none (see `redeploy_assign`'s `duals` module). So for a new post of one place,
//! suitable for some people in its unit:
//!
//! - a person unplaced in the round ([`PersonDual::frees`] names themselves) or placed in the
//!   last pass and reached ([`PersonDual::frees`] names the unplaced person whose placement their
//!   move would allow, the one with the highest redundancy pay) lets the post add one placement;
//! - anyone else (placed in the last pass but not reached, or placed before it) does not.
//!
//! This is exact when the new post changes nothing but the last pass's problem by one column:
//! under the `optimal` rule, with no slotting-in (a post the new one could be someone's slotting
//! choice changes who enters matching) and one pass per unit (a policy of one tier at the
//! employer, or one tier wider with `may_displace_own_employer` and without
//! `priority.statutory_first`, so that the employer step before it neither reserves places
//! nor keeps people with priority to their own employer). Otherwise it is an estimate: a property test in `redeploy-whatif` checks
//! the exact case against the round run with the post, and `redeploy whatif` only uses the view
//! to choose which new posts to confirm by running the round.
//!
//! The potentials price the cost side. [`PersonDual::cheapest`] is the cheapest alternating path
//! that frees a person's post for an unplaced person, and whom it places: a new post adds its
//! placement along the cheapest of these, so under one priority class the person it names is
//! the one the round would place ([`redeploy_assign::cheapest_reach`]). The row potential
//! ([`PersonDual::potential`]): a new post of weighted cost `c` for a person placed in the last
//! pass with potential `u` can lower the pass's total cost by at most `u - c` with the same
//! people placed.

use std::collections::BTreeMap;

use redeploy_assign::{alternating_reach, cheapest_reach, potentials};
use redeploy_model::{Ix, IxVec, PersonIx};

use crate::error::Error;
use crate::replay::Stages;
use crate::rerun::PreparedRound;
use crate::rules::optimal::solver_problem;
use crate::tiers::Pool;
use crate::{Money, phases};

/// An unplaced person of the round whose placement a move would allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Freed {
    /// Person id.
    pub person: String,
    /// Their redundancy pay: what placing them avoids.
    pub redundancy: Money,
}

/// One person in matching, as the dual view sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDual {
    /// Person id.
    pub person: String,
    /// Placed in the round.
    pub placed: bool,
    /// When a new post suitable for this person would let the round place one more person: the
    /// unplaced person with the highest redundancy pay who would then be placed (the person
    /// themselves when unplaced); `None` when it would not.
    pub frees: Option<Freed>,
    /// When [`PersonDual::frees`] is some and the pass's assignment has potentials: the
    /// alternating path that frees this person's post (or place in matching) at the least change
    /// in the pass's weighted cost, with the unplaced person it places. A new post of weighted
    /// cost `c` for the people `s` it suits adds a placement at a cost of `min_s (cost(s) + c)`,
    /// and under one priority class the optimum places that path's person (up to ties).
    pub cheapest: Option<FreeingPath>,
    /// The person's row potential in the last pass's problem (in weighted cost units), when they
    /// are in it and the pass's assignment has potentials.
    pub potential: Option<i64>,
}

/// The cheapest alternating path that frees a person's post for an unplaced person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeingPath {
    /// The unplaced person it places.
    pub freed: Freed,
    /// The change in the pass's weighted cost of moving the people along it (0 for an unplaced
    /// person, who frees no post).
    pub cost: i64,
}

/// The dual view of a round's last pass; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DualView {
    /// The widest-tier unit of each employer, by employer id.
    unit_of: BTreeMap<String, usize>,
    /// The people in matching of each unit, in scenario order.
    units: Vec<Vec<PersonDual>>,
}

impl DualView {
    /// The people in matching of the unit of the policy's widest tier that holds `employer`
    /// (only they can be offered its posts), in scenario order; empty for an unknown employer.
    pub fn around(&self, employer: &str) -> &[PersonDual] {
        self.unit_of
            .get(employer)
            .map_or(&[], |&unit| self.units[unit].as_slice())
    }

    /// Every person in matching, unit by unit.
    pub fn people(&self) -> impl Iterator<Item = &PersonDual> {
        self.units.iter().flatten()
    }
}

impl PreparedRound<'_> {
    /// The dual view of this round's last pass (see the module docs): the round is decided once
    /// more on its own table, keeping the last pass's problems.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_engine::{Constraints, PreparedRound};
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// let none = Constraints::default();
    /// let policy = scenario.policy.validate().unwrap();
    /// let prepared = PreparedRound::new(&scenario, &policy, &none).unwrap();
    /// let view = prepared.duals().unwrap();
    /// let round = prepared.round();
    /// // Every unplaced person frees themselves.
    /// for u in &round.unplaced {
    ///     let dual = view.people().find(|p| p.person == u.person).unwrap();
    ///     assert_eq!(dual.frees.as_ref().map(|f| f.person.as_str()), Some(u.person.as_str()));
    /// }
    /// ```
    ///
    /// # Errors
    /// As [`crate::run_round_constrained`]; [`Error::Inconsistent`] if deciding the round again
    /// does not give this round's placements (a defect).
    pub fn duals(&self) -> Result<DualView, Error> {
        let index = &self.phases.index;
        let table = &self.eligibility.table;
        let mut pool = Pool::new(index);
        let (_, _, last) = phases::decide_keeping(index, table, &mut pool, true, &mut Stages::Off)?;
        if pool.placed != self.matched.pool.placed {
            return Err(Error::Inconsistent(
                "the round decided again for its dual view placed other people".to_string(),
            ));
        }
        let pay = |person: PersonIx| index.people[person].redundancy.amount;
        let freed = |person: PersonIx| Freed {
            person: index.ids.people[person].id.clone(),
            redundancy: pay(person),
        };
        let mut seen: IxVec<PersonIx, Option<InPass>> = IxVec::filled(&index.people, None);
        for (_, problem, assignment) in &last {
            let solver = solver_problem(problem)?;
            let row_to_col: Vec<Option<usize>> = assignment
                .iter()
                .map(|col| col.map(|col| col.position()))
                .collect();
            let people: Vec<PersonIx> = problem.row_ids().map(|r| problem.person_at(r)).collect();
            let reach = alternating_reach(&solver, &row_to_col, |row| pay(people[row]))
                .ok_or_else(|| {
                    Error::Inconsistent("a pass's assignment does not fit its problem".to_string())
                })?;
            let duals = potentials(&solver, &row_to_col);
            let cheapest = duals
                .as_ref()
                .and_then(|duals| cheapest_reach(&solver, &row_to_col, duals));
            for (row, &person) in people.iter().enumerate() {
                seen[person] = Some(InPass {
                    frees: reach[row].map(|from| freed(people[from])),
                    cheapest: cheapest
                        .as_ref()
                        .and_then(|paths| paths[row])
                        .map(|(from, cost)| FreeingPath {
                            freed: freed(people[from]),
                            cost,
                        }),
                    potential: duals.as_ref().map(|duals| duals.row[row]),
                });
            }
        }
        let mut view = DualView::default();
        let mut unit_index: BTreeMap<usize, usize> = BTreeMap::new();
        for (employer, record) in index.ids.employers.iter_ids() {
            let unit = index.unit_of_employer(index.widest, employer).position();
            let next = unit_index.len();
            let at = *unit_index.entry(unit).or_insert(next);
            view.unit_of.insert(record.id.clone(), at);
        }
        view.units = vec![Vec::new(); unit_index.len()];
        for (person, entry) in index.people.iter_ids() {
            if !entry.in_matching || !entry.present {
                continue;
            }
            let placed = self.matched.pool.placed[person].is_some();
            let dual = match seen[person].take() {
                Some(dual) => dual,
                // Unplaced with no open pair at the last pass: a post for them places them.
                None if !placed => InPass {
                    frees: Some(freed(person)),
                    cheapest: Some(FreeingPath {
                        freed: freed(person),
                        cost: 0,
                    }),
                    potential: None,
                },
                // Placed before the last pass.
                None => InPass {
                    frees: None,
                    cheapest: None,
                    potential: None,
                },
            };
            let unit = index
                .unit_of_employer(index.widest, entry.employer)
                .position();
            view.units[unit_index[&unit]].push(PersonDual {
                person: index.ids.people[person].id.clone(),
                placed,
                frees: dual.frees,
                cheapest: dual.cheapest,
                potential: dual.potential,
            });
        }
        Ok(view)
    }
}

/// What the last pass says of one of its people.
#[derive(Clone)]
struct InPass {
    frees: Option<Freed>,
    cheapest: Option<FreeingPath>,
    potential: Option<i64>,
}
