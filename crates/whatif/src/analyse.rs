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
use redeploy_engine::{Constraints, DualView, PreparedRound, Rework, Round, run_round_constrained};
use redeploy_model::{Policy, Scenario};
use serde::Serialize;

use crate::change::{Change, relaxations};
use crate::error::Error;
use crate::fallback::{Fallback, fallbacks};
use crate::new_post::{NewPostScore, new_post_candidates, shortlist};
use crate::outcome::{Effect, Figures};

/// Which vacancies are withdrawn, each on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VacancyScope {
    /// Every vacancy in the round.
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
    /// What the round's dual view said of it, which put it on the shortlist.
    pub score: NewPostScore,
    /// What it does.
    pub effect: Effect,
}

/// How much work the analysis did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Effort {
    /// Whole rounds run: the baseline and every relaxation.
    pub rounds: usize,
    /// Changes decided again from the baseline in the scope units they touch only (see
    /// [`redeploy_engine::PreparedRound`]): vacancies withdrawn, exempt vacancies joining the
    /// ring-fence, new posts.
    pub reruns: usize,
    /// Of them, withdrawals decided without solving anything: no stage of the baseline offered
    /// the vacancy, so no stage's input changes.
    pub reruns_unchanged: usize,
    /// People at risk the other reruns decided again (each rerun, the people of the units it
    /// touches), summed; whole rounds would have decided `reruns × people_at_risk`.
    pub rerun_people: u64,
    /// Tier problems (one scope unit of one employer step or tier pass each) the reruns built
    /// and solved.
    pub problems_solved: u64,
    /// Their rows (people).
    pub rows_solved: u64,
    /// Tier problems a withdrawal met exactly as the baseline met them, whose answer it took
    /// from the baseline instead of building and solving them.
    pub problems_reused: u64,
    /// Their rows (people).
    pub rows_reused: u64,
    /// People at risk in the round.
    pub people_at_risk: u32,
    /// New-post candidates considered before the shortlist.
    pub new_post_candidates: usize,
}

impl Effort {
    /// Adds the work of one change.
    fn count(&mut self, work: Work) {
        match work {
            Work::Round => self.rounds += 1,
            Work::Rerun(Rework::Unchanged) => {
                self.reruns += 1;
                self.reruns_unchanged += 1;
            }
            Work::Rerun(Rework::Unit {
                people,
                problems_solved,
                rows_solved,
                problems_reused,
                rows_reused,
            }) => {
                self.reruns += 1;
                self.rerun_people += u64::from(people);
                self.problems_solved += u64::from(problems_solved);
                self.rows_solved += u64::from(rows_solved);
                self.problems_reused += u64::from(problems_reused);
                self.rows_reused += u64::from(rows_reused);
            }
        }
    }
}

/// How one change was decided.
#[derive(Debug, Clone, Copy)]
enum Work {
    /// A whole round was run.
    Round,
    /// Decided again from the baseline.
    Rerun(Rework),
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

/// The effect of `change`, and how it was decided; `None` when it cannot be made. A change
/// that touches only vacancy records is decided again from the baseline in their units
/// ([`PreparedRound::with_vacancies`], [`PreparedRound::withdraw`]); a relaxation runs the whole
/// round.
fn run_changed(
    scenario: &Scenario,
    policy: &Policy,
    prepared: &PreparedRound<'_>,
    base: &Round,
    change: &Change,
) -> Result<Option<(Effect, Work)>, Error> {
    if let Change::Withdraw { vacancy } = change {
        let rerun = prepared.withdraw(vacancy)?;
        return Ok(Some((
            Effect::of_rerun(&Figures::of(base), &rerun),
            Work::Rerun(rerun.work),
        )));
    }
    let flags_only = matches!(
        change,
        Change::BringIn { .. } | Change::JoinRingFence { .. }
    );
    if flags_only && !prepared.ring_fence_matters() {
        let rerun = prepared.unchanged();
        return Ok(Some((
            Effect::of_rerun(&Figures::of(base), &rerun),
            Work::Rerun(rerun.work),
        )));
    }
    let Some((s, p, c)) = change.apply(scenario, policy) else {
        return Ok(None);
    };
    if let Some(touched) = change.touched_vacancies(scenario) {
        let touched: Vec<&str> = touched.iter().map(String::as_str).collect();
        let rerun = prepared.with_vacancies(&s, &touched)?;
        return Ok(Some((
            Effect::of_rerun(&Figures::of(base), &rerun),
            Work::Rerun(rerun.work),
        )));
    }
    let round = run_round_constrained(&s, &p.validate()?, &c)?;
    Ok(Some((Effect::between(base, &round), Work::Round)))
}

/// Tries every change in `changes` in parallel; results in the order given, changes that
/// cannot be made left out; their work added to `effort`.
fn try_all(
    scenario: &Scenario,
    policy: &Policy,
    prepared: &PreparedRound<'_>,
    base: &Round,
    changes: Vec<Change>,
    effort: &mut Effort,
) -> Result<Vec<Tried>, Error> {
    let runs: Vec<Result<Option<(Tried, Work)>, Error>> = changes
        .into_par_iter()
        .map(|change| {
            let Some((effect, work)) = run_changed(scenario, policy, prepared, base, &change)?
            else {
                return Ok(None);
            };
            let tried = Tried {
                step: change.describe(policy),
                effect,
                change,
            };
            Ok(Some((tried, work)))
        })
        .collect();
    let mut tried = Vec::with_capacity(runs.len());
    for run in runs {
        if let Some((t, work)) = run? {
            effort.count(work);
            tried.push(t);
        }
    }
    Ok(tried)
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
    let valid = policy.validate()?;
    let prepared = PreparedRound::new(scenario, &valid, &none)?;
    let base = prepared.round();
    let mut effort = Effort {
        rounds: 1,
        people_at_risk: base.metrics.people_at_risk,
        ..Effort::default()
    };
    let relaxations = relaxations(scenario, policy);
    let relaxed = try_all(scenario, policy, &prepared, &base, relaxations, &mut effort)?;
    let unplaced = fixes(&base, &relaxed);
    tracing::info!(?effort, ms = started.elapsed().as_millis(), "relaxations");

    let vacancies = vacancy_values(
        scenario,
        policy,
        &prepared,
        &base,
        options.vacancies,
        &mut effort,
    )?;
    tracing::info!(?effort, ms = started.elapsed().as_millis(), "vacancies");

    let shortlisting = Instant::now();
    // No new post is asked for: no dual view to build.
    let view = if options.top > 0 {
        prepared.duals()?
    } else {
        DualView::default()
    };
    let candidates = new_post_candidates(scenario, &view);
    effort.new_post_candidates = candidates.len();
    let scored = shortlist(scenario, policy, &view, candidates, options.top)?;
    tracing::info!(
        candidates = effort.new_post_candidates,
        ms = shortlisting.elapsed().as_millis(),
        "new posts shortlisted"
    );
    let (changes, scores): (Vec<Change>, Vec<NewPostScore>) = scored.into_iter().unzip();
    let scores: BTreeMap<String, NewPostScore> = changes
        .iter()
        .zip(scores)
        .map(|(c, s)| (c.describe(policy), s))
        .collect();
    let confirmed = try_all(scenario, policy, &prepared, &base, changes, &mut effort)?;
    let mut new_posts: Vec<NewPostValue> = confirmed
        .into_iter()
        .map(|t| NewPostValue {
            score: scores.get(&t.step).copied().unwrap_or_default(),
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
    tracing::info!(?effort, ms = started.elapsed().as_millis(), "new posts");

    let fallbacks = fallbacks(&prepared, &base)?;
    tracing::info!(ms = started.elapsed().as_millis(), "fallbacks");
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
        effort,
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
/// in (none when `scope` is `None`); their work added to `effort`.
fn vacancy_values(
    scenario: &Scenario,
    policy: &Policy,
    prepared: &PreparedRound<'_>,
    base: &Round,
    scope: VacancyScope,
    effort: &mut Effort,
) -> Result<Vec<VacancyValue>, Error> {
    if scope == VacancyScope::None {
        return Ok(Vec::new());
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
    let withdraw: Vec<Change> = vacancies
        .iter()
        .map(|v| Change::Withdraw {
            vacancy: v.id.clone(),
        })
        .collect();
    let withdrawn = try_all(scenario, policy, prepared, base, withdraw, effort)?;
    let brought = try_all(scenario, policy, prepared, base, bring, effort)?;
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
    Ok(values)
}
