//! The what-if analysis: every change tried, each by running the changed round.
//!
//! This module owns [`analyse`] and its result [`WhatIf`]. Every figure in a [`WhatIf`] is read
//! from a round that was actually run on the changed scenario and policy ([`Change::apply`]);
//! nothing is estimated. Changes are run in parallel and collected in the order they were
//! listed, so the result is the same on any number of threads.

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;
use redeploy_engine::{Round, run_round, run_round_constrained};
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
    pub suitable_unplaced: usize,
    /// What it does.
    pub effect: Effect,
}

/// How much work the analysis did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Effort {
    /// Rounds run (the baseline and every change).
    pub rounds: usize,
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
    Ok(Some(run_round_constrained(&s, &p.validate()?, &c)?))
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
    let base = run_round(scenario, &policy.validate()?)?;
    let mut rounds = 1;

    let relaxed = try_all(scenario, policy, &base, relaxations(scenario, policy))?;
    rounds += relaxed.len();
    let unplaced = fixes(&base, &relaxed);
    tracing::info!(rounds, ms = started.elapsed().as_millis(), "relaxations");

    let (vacancies, vacancy_rounds) = vacancy_values(scenario, policy, &base, options.vacancies)?;
    rounds += vacancy_rounds;
    tracing::info!(rounds, ms = started.elapsed().as_millis(), "vacancies");

    let candidates = new_post_candidates(scenario, &base);
    let effort_candidates = candidates.len();
    let scored = shortlist(scenario, policy, &base, candidates, options.top)?;
    let (changes, scores): (Vec<Change>, Vec<usize>) = scored.into_iter().unzip();
    let scores: BTreeMap<String, usize> = changes
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
/// in (none when `scope` is `None`); with the number of rounds run.
fn vacancy_values(
    scenario: &Scenario,
    policy: &Policy,
    base: &Round,
    scope: VacancyScope,
) -> Result<(Vec<VacancyValue>, usize), Error> {
    if scope == VacancyScope::None {
        return Ok((Vec::new(), 0));
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
    let withdraw: Vec<Change> = vacancies
        .iter()
        .map(|v| Change::Withdraw {
            vacancy: v.id.clone(),
        })
        .collect();
    let bring: Vec<Change> = vacancies
        .iter()
        .filter(|v| exempt_released(v))
        .map(|v| Change::BringIn {
            vacancy: v.id.clone(),
        })
        .collect();
    let withdrawn = try_all(scenario, policy, base, withdraw)?;
    let brought = try_all(scenario, policy, base, bring)?;
    let rounds = withdrawn.len() + brought.len();
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
        .map(|(v, t)| VacancyValue {
            vacancy: v.id.clone(),
            employer: v.employer.clone(),
            band: v.band.to_string(),
            posts: v.posts,
            filled: filled.get(v.id.as_str()).copied().unwrap_or(0),
            critical: t.effect.delta.placed < 0,
            withdrawn: t.effect,
            brought_in: brought.remove(&v.id),
        })
        .collect();
    Ok((values, rounds))
}
