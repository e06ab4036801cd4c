//! A round's phases one by one: the steps [`run_round`](crate::run_round) takes, each callable
//! on its own so that each can be measured (the criterion benches time `phase/index`,
//! `phase/eligibility`, `phase/matching` and `phase/result` with them).
//!
//! This module owns [`RoundPhases`] and the opaque results it hands from one phase to the next:
//! [`Eligibility`] (every person's suitable pairs and what explains them) and [`Matched`] (who
//! slotting-in and the tiers placed where). `run_round` is these four calls in order.

use redeploy_model::{Scenario, ValidPolicy};

use crate::assemble::assemble;
use crate::constraints::{Constraints, NONE, place_pins};
use crate::error::Error;
use crate::index::RoundIndex;
use crate::round::{Round, SolveMetrics};
use crate::slotting::{SlottingOutcome, slot_in};
use crate::table::EligibilityTable;
use crate::tiers::{Pool, run_tiers};

/// One round, phase by phase: the index is built by [`RoundPhases::index`], then
/// [`RoundPhases::eligibility`], [`RoundPhases::matching`] and [`RoundPhases::result`] run the
/// other phases in that order; the result is the [`Round`] that
/// [`run_round`](crate::run_round) returns.
///
/// ```
/// use std::path::Path;
/// use redeploy_engine::{RoundPhases, run_round};
///
/// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
/// let scenario = redeploy_model::load_scenario(&path).unwrap();
/// let policy = scenario.policy.validate().unwrap();
/// let phases = RoundPhases::index(&scenario, &policy).unwrap();
/// let eligibility = phases.eligibility().unwrap();
/// let matched = phases.matching(&eligibility).unwrap();
/// let round = phases.result(&eligibility, &matched);
/// assert_eq!(round, run_round(&scenario, &policy).unwrap());
/// assert_eq!(round.metrics.eligible_pairs, eligibility.suitable_pairs() as u64);
/// ```
pub struct RoundPhases<'s> {
    index: RoundIndex<'s>,
}

/// Every person's suitable pairs, with what explains the pairs that are not: the eligibility
/// phase's result.
pub struct Eligibility {
    table: EligibilityTable,
}

impl Eligibility {
    /// How many (person, post) pairs are suitable at some tier.
    pub fn suitable_pairs(&self) -> usize {
        self.table.suitable_pairs()
    }
}

/// Who pinned pairs, slotting-in and the tiers placed where: the matching phase's result.
pub struct Matched {
    pool: Pool,
    slotting: SlottingOutcome,
    passes: Vec<SolveMetrics>,
}

impl<'s> RoundPhases<'s> {
    /// The index phase: ids interned, the policy's limits resolved, vacancies bucketed and
    /// classed, the travel matrix built.
    ///
    /// # Errors
    /// As [`run_round`](crate::run_round).
    pub fn index(scenario: &'s Scenario, policy: &'s ValidPolicy) -> Result<Self, Error> {
        Self::index_constrained(scenario, policy, &NONE)
    }

    /// [`RoundPhases::index`] under `constraints`.
    ///
    /// # Errors
    /// As [`run_round_constrained`](crate::run_round_constrained).
    pub fn index_constrained(
        scenario: &'s Scenario,
        policy: &'s ValidPolicy,
        constraints: &'s Constraints,
    ) -> Result<Self, Error> {
        Ok(RoundPhases {
            index: RoundIndex::new(scenario, policy, constraints)?,
        })
    }

    /// The eligibility phase: every candidate pair of every person in matching assessed.
    ///
    /// # Errors
    /// Only for a scenario with more people than ids can number, which the index refuses first.
    pub fn eligibility(&self) -> Result<Eligibility, Error> {
        Ok(Eligibility {
            table: EligibilityTable::build(&self.index)?,
        })
    }

    /// The eligibility phase with every candidate pair checked one by one by
    /// [`Assessor`](crate::Assessor)'s rules, not by the screen that decides each rule once per
    /// group of posts sharing its answer: the same result, slower; the reference the screen is
    /// tested and measured against.
    ///
    /// ```
    /// # use std::path::Path;
    /// # use redeploy_engine::RoundPhases;
    /// # let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// # let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// # let policy = scenario.policy.validate().unwrap();
    /// let phases = RoundPhases::index(&scenario, &policy).unwrap();
    /// let (fast, slow) = (phases.eligibility().unwrap(), phases.eligibility_pair_by_pair().unwrap());
    /// assert_eq!(fast.suitable_pairs(), slow.suitable_pairs());
    /// let matched = phases.matching(&slow).unwrap();
    /// assert_eq!(phases.result(&slow, &matched), phases.result(&fast, &phases.matching(&fast).unwrap()));
    /// ```
    ///
    /// # Errors
    /// As [`RoundPhases::eligibility`].
    pub fn eligibility_pair_by_pair(&self) -> Result<Eligibility, Error> {
        Ok(Eligibility {
            table: EligibilityTable::build_pair_by_pair(&self.index)?,
        })
    }

    /// The matching phase: pinned pairs placed, slotting-in, then the tiers with the policy's
    /// matching rule.
    ///
    /// # Errors
    /// As [`run_round_constrained`](crate::run_round_constrained): a pinned pair that fails a
    /// hard rule, or a solver failure.
    pub fn matching(&self, eligibility: &Eligibility) -> Result<Matched, Error> {
        let (index, table) = (&self.index, &eligibility.table);
        let mut pool = Pool::new(index);
        place_pins(index, &mut pool)?;
        let slotting = slot_in(index, table, &mut pool);
        let passes = run_tiers(
            index,
            table,
            index.policy.rule,
            &mut pool,
            &mut crate::replay::Stages::Off,
        )?;
        Ok(Matched {
            pool,
            slotting,
            passes,
        })
    }

    /// The result phase: placements worded and costed, every unplaced person explained,
    /// metrics.
    pub fn result(&self, eligibility: &Eligibility, matched: &Matched) -> Round {
        assemble(
            &self.index,
            &eligibility.table,
            &matched.pool,
            &matched.slotting,
            &matched.passes,
        )
    }
}
