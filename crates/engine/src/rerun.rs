//! A round split at its eligibility table, and run again with one vacancy withdrawn.
//!
//! This module owns [`PreparedRound`]: a round's index and eligibility table built once (the
//! phases of [`RoundPhases`], run in order and kept), the round decided on them ([`PreparedRound::round`] is what [`crate::run_round_constrained`]
//! returns), [`PreparedRound::withdraw`], which decides the round again with one vacancy's open
//! posts set to 0, and [`PreparedRound::with_vacancies`], which decides it again with some
//! vacancy records changed or added. Both report only what `redeploy whatif` reads: the round's
//! [`RoundFigures`] and the people whose post changes ([`Rerun`]).
//!
//! # Why a withdrawal is exact
//!
//! - **The table.** A vacancy with no open post takes no part in the round, so the changed
//!   round's table is the baseline's without that vacancy's pairs. Every stage after the table
//!   (pins, slotting-in, each pass and each employer step) reads a pair only while its vacancy has
//!   a place left, so the baseline's table with the vacancy's capacity set to 0 gives every stage
//!   the same input as the changed round's own table.
//! - **One scope unit.** Every pair of the table joins a person and a vacancy in the same unit of
//!   the policy's widest tier (candidates are bucketed by that unit), slotting-in stays inside
//!   the person's own employer, and each pass solves each of its units (all inside one widest
//!   unit) on its own. So the people of other widest units meet the same problems as in the
//!   baseline and are placed as there; only the vacancy's own unit is decided again, its people
//!   in the same order, with the same rows, columns and costs as in a whole round.
//! - **A vacancy nobody was offered.** When no stage of the baseline offered the vacancy (it was
//!   nobody's slotting-in choice and no column of a problem with a pair), withdrawing it changes
//!   no stage's input: each person's closest slotting-in vacancy is the same (the vacancy was not
//!   it), each pass groups the same people (a person whose only open pair was the vacancy would
//!   have made it a column) and builds the same problems. Nothing is solved again.
//!
//! - **Vacancy records changed.** A changed or added vacancy record changes only the candidate
//!   pairs of the people in its widest unit, so [`PreparedRound::with_vacancies`] assesses those
//!   people's rows again on the changed scenario (the others' rows are never read: they keep
//!   their posts) and decides their units again, as above.
//!
//!   A change of ring-fence flags alone, under a policy whose widest tier is the employer,
//!   changes no pair at all (the flag decides only what people of other employers may be
//!   offered), so nothing is decided again.
//!
//! - **Problems met unchanged.** Inside the re-decided unit, a withdrawal follows the prepared
//!   round stage by stage (each employer step and each pass) and takes the prepared round's
//!   answer for every problem whose people and vacancies stand as they stood then; only the
//!   others are built and solved (`replay.rs` gives the argument). [`Rework::Unit`] counts both.
//!   Slotting-in, which stays inside each person's own employer, runs again only for the
//!   withdrawn vacancy's employer; everyone else in the unit takes the slotting-in this round
//!   recorded (`SlottingReplay` in `replay.rs`).
//!
//! A property test in `redeploy-whatif` compares every withdrawal and every vacancy change with
//! a whole round run on the changed inputs.

use std::sync::Arc;

use redeploy_model::{IxVec, PersonIx, Scenario, Tier, VacancyIx, ValidPolicy};

use crate::error::Error;
use crate::index::{RoundIndex, ScopeUnit};
use crate::person_view::PersonView;
use crate::phases::{self, Eligibility, Matched, RoundPhases};
use crate::replay::{Replayed, SlottingReplay, StageRecord, Stages, UnitPeople};
use crate::round::PlacementRoute;
use crate::round::Round;
use crate::table::EligibilityTable;
use crate::tiers::{Placed, Pool};
use crate::{Constraints, Money, excess_travel};

/// What a round is judged by: the metrics `redeploy whatif` compares, read from the placements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RoundFigures {
    /// People placed.
    pub placed: u32,
    /// Redundancy pay the placements avoid.
    pub redundancy_cost_avoided: Money,
    /// Pay protection of the placements.
    pub pay_protection_cost: Money,
    /// Excess travel of the placements.
    pub excess_travel_cost: Money,
    /// Redundancy pay avoided less pay protection and excess travel.
    pub net_saving: Money,
}

impl RoundFigures {
    fn add(&mut self, money: PlacementMoney, sign: i64) {
        self.redundancy_cost_avoided += Money(money.avoided.0 * sign);
        self.pay_protection_cost += Money(money.protection.0 * sign);
        self.excess_travel_cost += Money(money.excess.0 * sign);
        self.net_saving += Money((money.avoided.0 - money.protection.0 - money.excess.0) * sign);
    }
}

/// A person whose post a rerun changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Person id.
    pub person: String,
    /// Their vacancy in the prepared round (`None`: unplaced).
    pub from: Option<String>,
    /// Their vacancy in the rerun (`None`: unplaced).
    pub to: Option<String>,
}

/// How much of the round a rerun decided again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rework {
    /// Nothing: no stage of the prepared round offered the vacancy.
    Unchanged,
    /// The people of one scope unit of the widest tier went through slotting-in and the tiers
    /// again.
    Unit {
        /// People at risk in the unit.
        people: u32,
        /// Tier problems (one unit of one employer step or pass each) built and solved.
        problems_solved: u32,
        /// Their rows.
        rows_solved: u32,
        /// Tier problems met exactly as this round met them, whose answer was taken from this
        /// round instead (withdrawals only; see `replay.rs`).
        problems_reused: u32,
        /// Their rows.
        rows_reused: u32,
    },
}

/// The round decided again with a change: its figures and the people it moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rerun {
    /// The changed round's figures.
    pub figures: RoundFigures,
    /// People whose vacancy differs from the prepared round's (gain, lose or change a post), by
    /// person id.
    pub moved: Vec<Moved>,
    /// What was decided again.
    pub work: Rework,
}

/// The money of one placement, as the round's result counts it.
#[derive(Debug, Clone, Copy)]
struct PlacementMoney {
    avoided: Money,
    protection: Money,
    excess: Money,
}

/// A round built up to its eligibility table and decided once; see the module docs.
pub struct PreparedRound<'s> {
    constraints: &'s Constraints,
    /// The index (`phases.index`).
    pub(crate) phases: RoundPhases<'s>,
    /// The eligibility table (`eligibility.table`).
    pub(crate) eligibility: Eligibility,
    /// The round's pool, slotting-in and passes.
    pub(crate) matched: Matched,
    figures: RoundFigures,
    /// Each stage of the tier loop as it ran, for withdrawals to replay.
    stages: Vec<StageRecord>,
    /// Everyone slotting-in placed, with their vacancy, in scenario order (for withdrawals).
    slotted: Vec<(PersonIx, Placed)>,
    /// The people of each scope unit of each tier (for withdrawals).
    unit_people: UnitPeople,
    /// The people and vacancies of each scope unit of the widest tier.
    members: Vec<Members>,
}

impl<'s> PreparedRound<'s> {
    /// Builds the index and the eligibility table of `scenario` under `policy` and
    /// `constraints`, and decides the round.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_engine::{Constraints, PreparedRound, run_round};
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// let none = Constraints::default();
    /// let policy = scenario.policy.validate().unwrap();
    /// let prepared = PreparedRound::new(&scenario, &policy, &none).unwrap();
    /// assert_eq!(prepared.round(), run_round(&scenario, &policy).unwrap());
    /// assert_eq!(prepared.figures().placed, prepared.round().metrics.placed);
    /// ```
    ///
    /// # Errors
    /// As [`crate::run_round_constrained`].
    pub fn new(
        scenario: &'s Scenario,
        policy: &'s ValidPolicy,
        constraints: &'s Constraints,
    ) -> Result<PreparedRound<'s>, Error> {
        let phases = RoundPhases::index_constrained(scenario, policy, constraints)?;
        let eligibility = phases.eligibility()?;
        let mut stages = Stages::Record(Vec::new());
        let matched = phases.matching_with(&eligibility, &mut stages)?;
        let index = &phases.index;
        let mut figures = RoundFigures::default();
        let slotted = matched
            .pool
            .placed
            .iter_ids()
            .filter_map(|(person, placed)| Some((person, (*placed)?)))
            .filter(|(_, placed)| placed.route == PlacementRoute::Slotted)
            .collect();
        for (person, placed) in matched.pool.placed.iter_ids() {
            if let Some(placed) = placed {
                figures.placed += 1;
                figures.add(money(index, person, placed.vacancy), 1);
            }
        }
        let unit_people = UnitPeople::new(index);
        Ok(PreparedRound {
            constraints,
            members: every_unit_members(index),
            phases,
            eligibility,
            matched,
            figures,
            stages: stages.into_records(),
            slotted,
            unit_people,
        })
    }

    /// The round's result, with every record and explanation.
    pub fn round(&self) -> Round {
        self.phases.result(&self.eligibility, &self.matched)
    }

    /// Whether a vacancy's ring-fence flag can change anything in this round: only when the
    /// policy's widest tier is wider than the employer. The flag decides only whether people of
    /// other employers may be offered the vacancy (`RoundIndex::level_of`, the candidate
    /// buckets), and under an employer-only policy no one of another employer is ever offered
    /// it, so bringing exempt vacancies into the ring-fence changes no pair and no placement.
    pub fn ring_fence_matters(&self) -> bool {
        self.phases.index.widest > Tier::Employer
    }

    /// This round as a [`Rerun`] of itself: its figures, no one moved, nothing decided again.
    pub fn unchanged(&self) -> Rerun {
        Rerun {
            figures: self.figures,
            moved: Vec::new(),
            work: Rework::Unchanged,
        }
    }

    /// The round's figures (equal to its [`Round::metrics`]).
    pub fn figures(&self) -> RoundFigures {
        self.figures
    }

    /// The vacancies a tier of the policy may offer person `person` and the engine's rules find
    /// suitable, each with its weighted soft cost (without tier distance), in scenario order:
    /// the person's row of the round's eligibility table. `None` for an id the scenario does
    /// not hold; nothing for a person not taking part in matching.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_engine::{Assessment, Assessor, Constraints, PreparedRound};
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// let none = Constraints::default();
    /// let policy = scenario.policy.validate().unwrap();
    /// let prepared = PreparedRound::new(&scenario, &policy, &none).unwrap();
    /// let assessor = Assessor::new(&scenario, &policy).unwrap();
    /// let placed = &prepared.round().placements[0];
    /// let suitable: Vec<(&str, i64)> = prepared.suitable_posts(&placed.person).unwrap().collect();
    /// assert!(suitable.iter().any(|&(vacancy, _)| vacancy == placed.vacancy));
    /// for (vacancy, cost) in suitable {
    ///     let Some(Assessment::Suitable { cost: assessed, .. }) = assessor.assess(&placed.person, vacancy)
    ///     else { panic!("{vacancy} is suitable") };
    ///     assert_eq!(cost, assessed);
    /// }
    /// ```
    pub fn suitable_posts(
        &self,
        person: &str,
    ) -> Option<impl Iterator<Item = (&'s str, i64)> + '_> {
        let person = self.phases.index.ids.person(person)?;
        let vacancies = &self.phases.index.ids.vacancies;
        Some(
            self.eligibility.table.rows[person]
                .suitable
                .iter()
                .map(|pair| {
                    let vacancy: &'s redeploy_model::Vacancy = vacancies[pair.vacancy];
                    (vacancy.id.as_str(), pair.cost)
                }),
        )
    }

    /// The round decided again with vacancy `vacancy` withdrawn (its open posts 0, as
    /// [`Constraints::open_posts`] withdraws one): the same figures and placements as
    /// [`crate::run_round_constrained`] with that constraint added, without the records.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_engine::{Constraints, PreparedRound, run_round_constrained};
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// let none = Constraints::default();
    /// let policy = scenario.policy.validate().unwrap();
    /// let prepared = PreparedRound::new(&scenario, &policy, &none).unwrap();
    /// let vacancy = prepared.round().placements[0].vacancy.clone();
    /// let rerun = prepared.withdraw(&vacancy).unwrap();
    /// let mut withdrawn = Constraints::default();
    /// withdrawn.open_posts.insert(vacancy, 0);
    /// let whole = run_round_constrained(&scenario, &policy, &withdrawn).unwrap();
    /// assert_eq!(rerun.figures.placed, whole.metrics.placed);
    /// assert_eq!(rerun.figures.net_saving, whole.metrics.net_saving);
    /// ```
    ///
    /// # Errors
    /// [`Error::UnknownConstraintId`] for a vacancy the scenario does not hold;
    /// [`Error::InvalidConstraint`] when a pair is pinned to it.
    pub fn withdraw(&self, vacancy: &str) -> Result<Rerun, Error> {
        let index = &self.phases.index;
        let withdrawn = index
            .ids
            .vacancy(vacancy)
            .ok_or_else(|| Error::UnknownConstraintId {
                constraint: "open_posts",
                kind: "vacancy",
                id: vacancy.to_string(),
            })?;
        if index
            .constraints
            .pinned()
            .iter()
            .any(|pin| pin.vacancy == withdrawn)
        {
            return Err(Error::InvalidConstraint {
                constraint: "pinned",
                detail: format!(
                    "vacancy `{vacancy}` has 0 open posts, fewer than the people pinned to it"
                ),
            });
        }
        if !self.matched.pool.reached[withdrawn] {
            return Ok(self.unchanged());
        }
        let unit = index.unit_of_employer(index.widest, index.vacancies[withdrawn].terms.employer);
        let slotting = SlottingReplay {
            employer: index.vacancies[withdrawn].terms.employer,
            recorded: &self.slotted,
        };
        let stages = Stages::replay(&self.stages, &self.unit_people, Some(slotting));
        let members = self.members[unit.position()].clone();
        let table = &self.eligibility.table;
        self.rerun_units(index, table, &[unit], Some(members), stages, |pool| {
            pool.capacity[withdrawn] = 0
        })
    }

    /// The round decided again on `changed`: this round's scenario with the records of the
    /// vacancies `touched` changed or appended, and nothing else (the same people and every
    /// other vacancy record the same, in the same places). Only the people of the touched
    /// vacancies' units of the widest tier are assessed and decided again: no other person's
    /// candidate pairs include a touched vacancy (see the module docs).
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_engine::{Constraints, PreparedRound, run_round};
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/footprint/scenario.toml");
    /// let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// let none = Constraints::default();
    /// let policy = scenario.policy.validate().unwrap();
    /// let prepared = PreparedRound::new(&scenario, &policy, &none).unwrap();
    /// let mut changed = scenario.clone();
    /// let exempt = changed.vacancies.iter_mut().find(|v| !v.ring_fenced).unwrap();
    /// exempt.ring_fenced = true;
    /// let id = exempt.id.clone();
    /// let rerun = prepared.with_vacancies(&changed, &[id.as_str()]).unwrap();
    /// let whole = run_round(&changed, &policy).unwrap();
    /// assert_eq!(rerun.figures.placed, whole.metrics.placed);
    /// assert_eq!(rerun.figures.net_saving, whole.metrics.net_saving);
    /// ```
    ///
    /// # Errors
    /// As [`crate::run_round_constrained`] on `changed`; [`Error::Inconsistent`] when `changed`
    /// differs from this round's scenario in more than the touched vacancies.
    pub fn with_vacancies(&self, changed: &Scenario, touched: &[&str]) -> Result<Rerun, Error> {
        let base = self.phases.index.scenario;
        let differs = |what: String| {
            Err(Error::Inconsistent(format!(
                "a round decided again with vacancies changed: {what}"
            )))
        };
        if changed.people.len() != base.people.len()
            || changed.vacancies.len() < base.vacancies.len()
        {
            return differs("the people or vacancies differ in number".to_string());
        }
        if changed.sites != base.sites || changed.travel_times != base.travel_times {
            return differs("the sites or journey times differ".to_string());
        }
        for (was, now) in base.vacancies.iter().zip(&changed.vacancies) {
            if was.id != now.id || (was != now && !touched.contains(&was.id.as_str())) {
                return differs(format!("vacancy `{}` changed but is not listed", was.id));
            }
        }
        for now in &changed.vacancies[base.vacancies.len()..] {
            if !touched.contains(&now.id.as_str()) {
                return differs(format!("vacancy `{}` added but is not listed", now.id));
            }
        }
        if !self.ring_fence_matters() && flags_only(base, changed) {
            return Ok(self.unchanged());
        }
        let travel = Some(std::sync::Arc::clone(&self.phases.index.travel));
        let index =
            RoundIndex::with_travel(changed, self.phases.index.policy, self.constraints, travel)?;
        let mut units: Vec<ScopeUnit> = Vec::with_capacity(touched.len());
        for id in touched {
            let Some(vacancy) = index.ids.vacancy(id) else {
                return differs(format!("vacancy `{id}` is not in the changed scenario"));
            };
            units.push(
                index.unit_of_employer(index.widest, index.vacancies[vacancy].terms.employer),
            );
        }
        units.sort_unstable();
        units.dedup();
        let table = EligibilityTable::build_for(&index, |person| {
            units.contains(&index.unit_of_employer(index.widest, index.people[person].employer))
        })?;
        let stages = Stages::Count(Replayed::default());
        self.rerun_units(&index, &table, &units, None, stages, |_| {})
    }

    /// Decides the round on `index` and `table` again for the people of `units` (of the
    /// widest tier) only, after `set_up` changes the fresh pool; every other person keeps this
    /// round's placement. `stages` replays this round's stages, or not (`replay.rs`). The people
    /// whose post changes, and the figures, against this round.
    fn rerun_units(
        &self,
        index: &RoundIndex<'_>,
        table: &EligibilityTable,
        units: &[ScopeUnit],
        members: Option<Members>,
        mut stages: Stages<'_>,
        set_up: impl FnOnce(&mut Pool),
    ) -> Result<Rerun, Error> {
        let (people, vacancies) = members.unwrap_or_else(|| unit_members(index, units));
        let mut pool = Pool::with_members(index, people, vacancies);
        set_up(&mut pool);
        pool.frozen = IxVec::filled(&index.people, true);
        let mut people = 0;
        for &person in pool.people.iter() {
            pool.frozen[person] = false;
            people += u32::from(index.people[person].present);
        }
        phases::decide(index, table, &mut pool, &mut stages)?;
        let counts = stages.counts();
        let mut figures = self.figures;
        let mut moved: Vec<(u32, Moved)> = Vec::new();
        for &person in pool.people.iter() {
            let entry = &index.people[person];
            let before = self.matched.pool.placed[person].map(|p| p.vacancy);
            let after = pool.placed[person].map(|p| p.vacancy);
            // The vacancies of this round keep their positions in `index` (a rerun's changed
            // scenario only appends vacancies), so equal positions are the same vacancy.
            if before == after {
                continue;
            }
            if let Some(vacancy) = before {
                figures.placed -= 1;
                figures.add(money(&self.phases.index, person, vacancy), -1);
            }
            if let Some(vacancy) = after {
                figures.placed += 1;
                figures.add(money(index, person, vacancy), 1);
            }
            moved.push((
                entry.id_rank,
                Moved {
                    person: index.ids.people[person].id.clone(),
                    from: before.map(|v| self.phases.index.ids.vacancies[v].id.clone()),
                    to: after.map(|v| index.ids.vacancies[v].id.clone()),
                },
            ));
        }
        moved.sort_unstable_by_key(|(rank, _)| *rank);
        Ok(Rerun {
            figures,
            moved: moved.into_iter().map(|(_, m)| m).collect(),
            work: Rework::Unit {
                people,
                problems_solved: counts.solved,
                rows_solved: counts.solved_rows,
                problems_reused: counts.reused,
                rows_reused: counts.reused_rows,
            },
        })
    }
}

/// Whether `changed` has the vacancies of `base`, none added, differing in their ring-fence
/// flags at most.
fn flags_only(base: &Scenario, changed: &Scenario) -> bool {
    base.vacancies.len() == changed.vacancies.len()
        && base
            .vacancies
            .iter()
            .zip(&changed.vacancies)
            .all(|(was, now)| {
                was.ring_fenced == now.ring_fenced || {
                    let mut flagged = was.clone();
                    flagged.ring_fenced = now.ring_fenced;
                    flagged == *now
                }
            })
}

/// The people and the vacancies of some scope units of the widest tier, each in scenario order.
type Members = (Arc<[PersonIx]>, Arc<[VacancyIx]>);

/// The people and the vacancies of `units` (of the widest tier).
fn unit_members(index: &RoundIndex<'_>, units: &[ScopeUnit]) -> Members {
    let inside = |employer| units.contains(&index.unit_of_employer(index.widest, employer));
    (
        index
            .people
            .iter_ids()
            .filter(|(_, entry)| inside(entry.employer))
            .map(|(person, _)| person)
            .collect(),
        index
            .vacancies
            .iter_ids()
            .filter(|(_, entry)| inside(entry.terms.employer))
            .map(|(vacancy, _)| vacancy)
            .collect(),
    )
}

/// Each scope unit's people and vacancies, by unit of the widest tier.
fn every_unit_members(index: &RoundIndex<'_>) -> Vec<Members> {
    let units = index.unit_count(index.widest);
    let mut people: Vec<Vec<PersonIx>> = vec![Vec::new(); units];
    let mut vacancies: Vec<Vec<VacancyIx>> = vec![Vec::new(); units];
    for (person, entry) in index.people.iter_ids() {
        people[index
            .unit_of_employer(index.widest, entry.employer)
            .position()]
        .push(person);
    }
    for (vacancy, entry) in index.vacancies.iter_ids() {
        let unit = index.unit_of_employer(index.widest, entry.terms.employer);
        vacancies[unit.position()].push(vacancy);
    }
    people
        .into_iter()
        .zip(vacancies)
        .map(|(people, vacancies)| (people.into(), vacancies.into()))
        .collect()
}

/// The money of placing `person` in `vacancy`, as the result's placement records it.
fn money(index: &RoundIndex<'_>, person: PersonIx, vacancy: VacancyIx) -> PlacementMoney {
    let facts = PersonView::new(index, person).facts_of(&index.vacancies[vacancy].terms);
    let soft = crate::eligibility::soft_costs(index, person, vacancy, &facts);
    PlacementMoney {
        avoided: index.people[person].redundancy.amount,
        protection: soft.pay_protection,
        excess: excess_travel(facts.site_minutes, &index.policy.protection).expect(
            "a validated policy bounds excess travel below 2^59 pence for any u32 of minutes",
        ),
    }
}
