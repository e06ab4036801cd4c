//! The what-if analysis: every change tried, each by running the changed round.
//!
//! This module owns [`analyse`] and its result [`WhatIf`]. Every figure in a [`WhatIf`] is read
//! from a round that was actually run on the changed scenario and policy ([`Change::apply`]);
//! nothing is estimated. A vacancy withdrawn is decided again from the baseline's eligibility
//! table, in its own scope unit only ([`PreparedRound::withdraw`], exact); every other change
//! runs the whole round. Changes are run in parallel and collected in the order they were
//! listed, so the result is the same on any number of threads.

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;
use redeploy_engine::{Constraints, PreparedRound, Rework, Round, run_round_constrained};
use redeploy_model::{Policy, Scenario};
use serde::Serialize;

use crate::change::{Change, relaxations};
use crate::error::Error;
use crate::fallback::{Fallback, fallbacks};
use crate::new_post::{new_post_candidates, shortlist};
use crate::outcome::{Effect, Figures};

/// Which vacancies are withdrawn, each in a round of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VacancyScope {
    /// Every vacancy in the round (one round each).
    #[default]
    All,
    /// Only vacancies with a place filled in the round as it stands; the others are not
    /// reported (not assumed to be worth nothing).
    Filled,
    /// None: no vacancy is withdrawn or brought in.
    None,
}

/// What to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How many new posts to confirm and list.
    pub top: usize,
    /// Which vacancies to withdraw.
    pub vacancies: VacancyScope,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            top: 20,
            vacancies: VacancyScope::All,
        }
    }
}

/// One change tried, with its effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tried {
    /// The change.
    pub change: Change,
    /// The change in words (rule or record, and step).
    pub step: String,
    /// What it does, from the changed round.
    pub effect: Effect,
}

/// The smallest single relaxation that places an unplaced person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonFix {
    /// Person id.
    pub person: String,
    /// The relaxation (index into [`WhatIf::relaxations`]) placing them that moves the fewest
    /// people, first listed on a tie; `None` when no single relaxation places them.
    pub relaxation: Option<usize>,
    /// Its step in words, or why there is none.
    pub step: String,
    /// The vacancy they get under it.
    pub vacancy: Option<String>,
}

/// What one vacancy is worth to the round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VacancyValue {
    /// Vacancy id.
    pub vacancy: String,
    /// Employer id.
    pub employer: String,
    /// Band.
    pub band: String,
    /// Places, and places filled in the baseline.
    pub posts: u32,
    /// Places filled in the baseline.
    pub filled: u32,
    /// The effect of withdrawing it.
    pub withdrawn: Effect,
    /// For an exempt vacancy with places released: the effect of bringing it into the
    /// ring-fence.
    pub brought_in: Option<Effect>,
    /// Withdrawing it costs at least one placement.
    pub critical: bool,
}

/// A new post, confirmed by running the round with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewPostValue {
    /// The change that adds it.
    pub change: Change,
    /// The post in words.
    pub step: String,
    /// Unplaced people of the baseline at the post's employer for whom it is suitable (the
    /// shortlist's score).
    pub suitable_unplaced: u32,
    /// What it does.
    pub effect: Effect,
}

/// How much work the analysis did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Effort {
    /// Whole rounds run: the baseline, every relaxation, every exempt vacancy brought in and
    /// every shortlisted new post.
    pub rounds: usize,
    /// Vacancies withdrawn, each decided again from the baseline's eligibility table.
    pub withdrawals: usize,
    /// Of them, withdrawals decided without solving anything: no stage of the baseline offered
    /// the vacancy, so no stage's input changes.
    pub withdrawals_unchanged: usize,
    /// People at risk whose round the other withdrawals decided again (each withdrawal, the
    /// people of the vacancy's scope unit), summed; whole rounds would have decided
    /// `withdrawals × people_at_risk`.
    pub withdrawal_people: u64,
    /// People at risk in the round.
    pub people_at_risk: u32,
    /// New-post candidates considered before the shortlist.
    pub new_post_candidates: usize,
}

/// The result of [`analyse`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WhatIf {
    /// Scenario name.
    pub scenario: String,
    /// Policy name.
    pub policy: String,
    /// The round as it stands.
    pub baseline: Figures,
    /// People taking part in matching in the baseline.
    pub in_matching: u32,
    /// Every relaxation, in the order of [`relaxations`](crate::relaxations).
    pub relaxations: Vec<Tried>,
    /// Each unplaced person of the baseline, by person id.
    pub unplaced: Vec<PersonFix>,
    /// Which vacancies were withdrawn.
    pub vacancy_scope: VacancyScope,
    /// Each vacancy in the round (in the scope), by vacancy id.
    pub vacancies: Vec<VacancyValue>,
    /// The best new posts, most placements added first, then most net saving added.
    pub new_posts: Vec<NewPostValue>,
    /// Each placement's best suitable post still open, by person id.
    pub fallbacks: Vec<Fallback>,
    /// Work done.
    pub effort: Effort,
}

/// Runs `change` on the scenario and policy; `None` when it cannot be made.
pub(crate) fn run_changed(
    scenario: &Scenario,
    policy: &Policy,
    change: &Change,
) -> Result<Option<Round>, Error> {
    let Some((s, p, c)) = change.apply(scenario, policy) else {
        return Ok(None);
    };
    Ok(Some(run_round_constrained(&s, &p, &c)?))
}

/// Tries every change in `changes` in parallel; results in the order given, changes that
/// cannot be made left out.
pub(crate) fn try_all(
    scenario: &Scenario,
    policy: &Policy,
    base: &Round,
    changes: Vec<Change>,
) -> Result<Vec<Tried>, Error> {
    let runs: Vec<Result<Option<Tried>, Error>> = changes
        .into_par_iter()
        .map(|change| {
            let Some(round) = run_changed(scenario, policy, &change)? else {
                return Ok(None);
            };
            Ok(Some(Tried {
                step: change.describe(policy),
                effect: Effect::between(base, &round),
                change,
            }))
        })
        .collect();
    runs.into_iter().filter_map(Result::transpose).collect()
}

/// The what-if analysis of `scenario` under `policy`.
///
/// ```
/// use redeploy_synth::{SynthConfig, generate};
/// use redeploy_whatif::{Options, analyse};
///
/// let scenario = generate(&SynthConfig { people: 30, posts: 40, seed: 3, ..SynthConfig::default() })?;
/// let report = analyse(&scenario, &scenario.policy, &Options { top: 3, ..Options::default() })?;
/// assert!(report.new_posts.len() <= 3);
/// assert_eq!(report.unplaced.len() as i64, report.in_matching as i64 - report.baseline.placed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// When the engine cannot run the round (a scenario or policy it refuses).
pub fn analyse(scenario: &Scenario, policy: &Policy, options: &Options) -> Result<WhatIf, Error> {
    let started = Instant::now();
    let none = Constraints::default();
    let prepared = PreparedRound::new(scenario, policy, &none)?;
    let base = prepared.round();
    let mut rounds = 1;

    let relaxed = try_all(scenario, policy, &base, relaxations(scenario, policy))?;
    rounds += relaxed.len();
    let unplaced = fixes(&base, &relaxed);
    tracing::info!(rounds, ms = started.elapsed().as_millis(), "relaxations");

    let (vacancies, work) = vacancy_values(scenario, policy, &prepared, &base, options.vacancies)?;
    rounds += work.rounds;
    tracing::info!(rounds, ms = started.elapsed().as_millis(), "vacancies");

    let candidates = new_post_candidates(scenario, &base);
    let effort_candidates = candidates.len();
    let scored = shortlist(scenario, policy, &base, candidates, options.top)?;
    let (changes, scores): (Vec<Change>, Vec<u32>) = scored.into_iter().unzip();
    let scores: BTreeMap<String, u32> = changes
        .iter()
        .zip(scores)
        .map(|(c, s)| (c.describe(policy), s))
        .collect();
    let confirmed = try_all(scenario, policy, &base, changes)?;
    rounds += confirmed.len();
    let mut new_posts: Vec<NewPostValue> = confirmed
        .into_iter()
        .map(|t| NewPostValue {
            suitable_unplaced: scores.get(&t.step).copied().unwrap_or(0),
            change: t.change,
            step: t.step,
            effect: t.effect,
        })
        .collect();
    // Stable sort: the shortlist's order breaks ties.
    new_posts.sort_by(|a, b| {
        (b.effect.delta.placed, b.effect.delta.net_saving)
            .cmp(&(a.effect.delta.placed, a.effect.delta.net_saving))
    });
    new_posts.truncate(options.top);
    tracing::info!(rounds, ms = started.elapsed().as_millis(), "new posts");

    let fallbacks = fallbacks(scenario, policy, &base)?;
    Ok(WhatIf {
        scenario: scenario.name.clone(),
        policy: policy.name.clone(),
        baseline: Figures::of(&base),
        in_matching: base.metrics.in_matching,
        relaxations: relaxed,
        unplaced,
        vacancy_scope: options.vacancies,
        vacancies,
        new_posts,
        fallbacks,
        effort: Effort {
            rounds,
            new_post_candidates: effort_candidates,
            people_at_risk: base.metrics.people_at_risk,
            ..work
        },
    })
}

/// For each unplaced person of `base`, the relaxation placing them that moves the fewest people.
fn fixes(base: &Round, relaxed: &[Tried]) -> Vec<PersonFix> {
    base.unplaced
        .iter()
        .map(|u| {
            let best = relaxed
                .iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    let m = t.effect.gain.iter().find(|m| m.person == u.person)?;
                    Some((t.effect.moved(), i, m.to.clone()))
                })
                .min_by_key(|(moved, i, _)| (*moved, *i));
            match best {
                Some((_, i, vacancy)) => PersonFix {
                    person: u.person.clone(),
                    relaxation: Some(i),
                    step: relaxed[i].step.clone(),
                    vacancy,
                },
                None => PersonFix {
                    person: u.person.clone(),
                    relaxation: None,
                    step: "no single relaxation places them".to_string(),
                    vacancy: None,
                },
            }
        })
        .collect()
}

/// Every vacancy in `scope` withdrawn, and every exempt vacancy with places released brought
/// in (none when `scope` is `None`); with the work done (whole rounds run for the vacancies
/// brought in, and the withdrawals).
fn vacancy_values(
    scenario: &Scenario,
    policy: &Policy,
    prepared: &PreparedRound<'_>,
    base: &Round,
    scope: VacancyScope,
) -> Result<(Vec<VacancyValue>, Effort), Error> {
    let mut work = Effort::default();
    if scope == VacancyScope::None {
        return Ok((Vec::new(), work));
    }
    let filled: BTreeMap<&str, u32> = base.placements.iter().fold(BTreeMap::new(), |mut m, p| {
        *m.entry(p.vacancy.as_str()).or_insert(0) += 1;
        m
    });
    let released: BTreeMap<&str, u32> = base
        .released
        .iter()
        .map(|r| (r.vacancy.as_str(), r.unfilled))
        .collect();
    let mut vacancies: Vec<_> = scenario
        .vacancies
        .iter()
        .filter(|v| v.posts > 0)
        .filter(|v| scope == VacancyScope::All || filled.contains_key(v.id.as_str()))
        .collect();
    vacancies.sort_by(|a, b| a.id.cmp(&b.id));
    let exempt_released = |v: &redeploy_model::Vacancy| {
        !v.ring_fenced && !policy.block_external_recruitment && released.contains_key(v.id.as_str())
    };
    let bring: Vec<Change> = vacancies
        .iter()
        .filter(|v| exempt_released(v))
        .map(|v| Change::BringIn {
            vacancy: v.id.clone(),
        })
        .collect();
    let reruns: Vec<Result<_, Error>> = vacancies
        .par_iter()
        .map(|v| Ok(prepared.withdraw(&v.id)?))
        .collect();
    let baseline = Figures::of(base);
    let mut withdrawn = Vec::with_capacity(reruns.len());
    for rerun in reruns {
        let rerun = rerun?;
        match rerun.work {
            Rework::Unchanged => work.withdrawals_unchanged += 1,
            Rework::Unit { people } => work.withdrawal_people += u64::from(people),
        }
        withdrawn.push(Effect::of_rerun(&baseline, &rerun));
    }
    work.withdrawals = withdrawn.len();
    let brought = try_all(scenario, policy, base, bring)?;
    work.rounds = brought.len();
    let mut brought: BTreeMap<String, Effect> = brought
        .into_iter()
        .filter_map(|t| match t.change {
            Change::BringIn { vacancy } => Some((vacancy, t.effect)),
            _ => None,
        })
        .collect();
    let values = vacancies
        .iter()
        .zip(withdrawn)
        .map(|(v, effect)| VacancyValue {
            vacancy: v.id.clone(),
            employer: v.employer.clone(),
            band: v.band.to_string(),
            posts: v.posts,
            filled: filled.get(v.id.as_str()).copied().unwrap_or(0),
            critical: effect.delta.placed < 0,
            withdrawn: effect,
            brought_in: brought.remove(&v.id),
        })
        .collect();
    Ok((values, work))
}
