//! A round's phases one by one: the steps [`run_round`](crate::run_round) takes, each callable
//! on its own so that each can be measured (the criterion benches time `phase/index`,
//! `phase/eligibility`, `phase/matching` and `phase/result` with them).
//!
//! This module owns [`RoundPhases`] and the opaque results it hands from one phase to the next:
//! [`Eligibility`] (every person's suitable pairs and what explains them) and [`Matched`] (who
//! slotting-in and the tiers placed where), and each phase's log line. A
//! [`PreparedRound`](crate::PreparedRound) is these phases run in order and kept, so that
//! `run_round` (the prepared round's result) and `redeploy whatif`'s reruns share every step.

use redeploy_model::{Scenario, ValidPolicy};

use crate::assemble::assemble;
use crate::constraints::{Constraints, NONE, place_pins};
use crate::error::Error;
use crate::index::RoundIndex;
use crate::replay::Stages;
use crate::round::{Round, SolveMetrics};
use crate::slotting::{SlottingOutcome, slot_in, slot_in_replayed};
use crate::table::EligibilityTable;
use crate::tiers::{Pool, SolvedPass, run_tiers_keeping};
use std::time::Instant;

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
    pub(crate) index: RoundIndex<'s>,
}

/// Every person's suitable pairs, with what explains the pairs that are not: the eligibility
/// phase's result.
pub struct Eligibility {
    pub(crate) table: EligibilityTable,
}

impl Eligibility {
    /// How many (person, post) pairs are suitable at some tier.
    pub fn suitable_pairs(&self) -> usize {
        self.table.suitable_pairs()
    }
}

/// Who pinned pairs, slotting-in and the tiers placed where: the matching phase's result.
pub struct Matched {
    pub(crate) pool: Pool,
    pub(crate) slotting: SlottingOutcome,
    pub(crate) passes: Vec<SolveMetrics>,
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
        let started = Instant::now();
        let index = RoundIndex::new(scenario, policy, constraints)?;
        tracing::info!(
            sites = scenario.sites.len(),
            elapsed_ms = started.elapsed().as_millis(),
            "index and travel matrix built"
        );
        Ok(RoundPhases { index })
    }

    /// The eligibility phase: every candidate pair of every person in matching assessed.
    ///
    /// # Errors
    /// Only for a scenario with more people than ids can number, which the index refuses first.
    pub fn eligibility(&self) -> Result<Eligibility, Error> {
        let span = tracing::info_span!("eligibility");
        let _entered = span.enter();
        let started = Instant::now();
        let table = EligibilityTable::build(&self.index)?;
        tracing::info!(
            suitable_pairs = table.suitable_pairs(),
            elapsed_ms = started.elapsed().as_millis(),
            "eligibility table built"
        );
        Ok(Eligibility { table })
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
        self.matching_with(eligibility, &mut Stages::Off)
    }

    /// [`RoundPhases::matching`] with its stages recorded, or replayed (`replay.rs`).
    pub(crate) fn matching_with(
        &self,
        eligibility: &Eligibility,
        stages: &mut Stages<'_>,
    ) -> Result<Matched, Error> {
        let mut pool = Pool::new(&self.index);
        let (slotting, passes) = decide(&self.index, &eligibility.table, &mut pool, stages)?;
        Ok(Matched {
            pool,
            slotting,
            passes,
        })
    }

    /// The result phase: placements worded and costed, every unplaced person explained,
    /// metrics.
    pub fn result(&self, eligibility: &Eligibility, matched: &Matched) -> Round {
        let span = tracing::info_span!("result");
        let _entered = span.enter();
        let started = Instant::now();
        let round = assemble(
            &self.index,
            &eligibility.table,
            &matched.pool,
            &matched.slotting,
            &matched.passes,
        );
        tracing::info!(
            unplaced = round.unplaced.len(),
            elapsed_ms = started.elapsed().as_millis(),
            "result assembled, unplaced people explained"
        );
        round
    }
}

/// Pins, slotting-in and the tiers on `pool`: the matching phase, on a fresh pool for a whole
/// round or on one with people frozen for a rerun, its stages recorded or replayed by `stages`.
pub(crate) fn decide(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &mut Pool,
    stages: &mut Stages<'_>,
) -> Result<(SlottingOutcome, Vec<SolveMetrics>), Error> {
    let (slotting, passes, _) = decide_keeping(index, table, pool, false, stages)?;
    Ok((slotting, passes))
}

/// [`decide`], also handing back the last pass's problems and the assignments it applied when
/// `keep_last` (the dual view, `duals.rs`, reads them; a replay hands back only the problems it
/// solved).
pub(crate) fn decide_keeping(
    index: &RoundIndex<'_>,
    table: &EligibilityTable,
    pool: &mut Pool,
    keep_last: bool,
    stages: &mut Stages<'_>,
) -> Result<(SlottingOutcome, Vec<SolveMetrics>, SolvedPass), Error> {
    place_pins(index, pool)?;
    let slotting = match stages.slotting() {
        Some(replay) => slot_in_replayed(index, table, pool, replay),
        None => slot_in(index, table, pool),
    };
    let rule = index.policy.rule;
    let (passes, last) = run_tiers_keeping(index, table, rule, pool, keep_last, stages)?;
    Ok((slotting, passes, last))
}
