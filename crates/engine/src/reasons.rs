//! The words of an assessment: why a post is suitable, or every rule it fails, with the numbers
//! and the policy field that set each limit.
//!
//! This module owns [`Assessor`], the public way to assess one (person, post) pair, and the text
//! the round's placements, near misses and `--explain` output show. The decision itself is made
//! in `eligibility.rs`; this module only describes it, so the words can never disagree with the
//! decision.

use redeploy_model::policy_fields as F;
use redeploy_model::{Band, Band1Treatment, Scenario, ValidPolicy};
use redeploy_model::{PersonIx, VacancyIx};

use crate::eligibility::{Assessment, Failure, PairFacts, Preference, RuleSet, soft_costs};
use crate::error::Error;
use crate::index::RoundIndex;
use crate::person_view::PersonView;

/// Assesses (person, post) pairs of one scenario under one policy.
///
/// ```no_run
/// # fn demo(scenario: &redeploy_model::Scenario) -> Result<(), redeploy_engine::Error> {
/// use redeploy_engine::Assessor;
///
/// let policy = scenario.policy.validate()?;
/// let assessor = Assessor::new(scenario, &policy)?;
/// if let Some(assessment) = assessor.assess("P001", "V010") {
///     println!("{}", serde_json::to_string_pretty(&assessment).unwrap());
/// }
/// # Ok(()) }
/// ```
pub struct Assessor<'s> {
    index: RoundIndex<'s>,
}

impl<'s> Assessor<'s> {
    /// Prepares the scenario's indices for `policy`.
    ///
    /// # Errors
    /// When a scenario built in code names a record it does not hold or repeats an id.
    pub fn new(scenario: &'s Scenario, policy: &'s ValidPolicy) -> Result<Self, Error> {
        Ok(Assessor {
            index: RoundIndex::new(scenario, policy, &crate::constraints::NONE)?,
        })
    }

    /// Assesses the post `vacancy_id` for the person `person_id`; `None` when either id is not
    /// in the scenario. The assessment looks only at suitability, not at whether a ring-fence
    /// tier would offer the post.
    pub fn assess(&self, person_id: &str, vacancy_id: &str) -> Option<Assessment> {
        let ids = &self.index.ids;
        Some(assess(
            &self.index,
            ids.person(person_id)?,
            ids.vacancy(vacancy_id)?,
        ))
    }

    /// The weighted soft cost of the post `vacancy_id` for the person `person_id` when it is
    /// suitable (as [`Assessment::Suitable`]'s `cost`, without the words); `None` when it is not,
    /// or either id is not in the scenario.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_engine::{Assessment, Assessor};
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// let policy = scenario.policy.validate().unwrap();
    /// let assessor = Assessor::new(&scenario, &policy).unwrap();
    /// for person in &scenario.people {
    ///     for vacancy in &scenario.vacancies {
    ///         let cost = match assessor.assess(&person.id, &vacancy.id) {
    ///             Some(Assessment::Suitable { cost, .. }) => Some(cost),
    ///             _ => None,
    ///         };
    ///         assert_eq!(assessor.suitable_cost(&person.id, &vacancy.id), cost);
    ///     }
    /// }
    /// ```
    pub fn suitable_cost(&self, person_id: &str, vacancy_id: &str) -> Option<i64> {
        let index = &self.index;
        let person = index.ids.person(person_id)?;
        let vacancy = index.ids.vacancy(vacancy_id)?;
        let view = PersonView::new(index, person);
        let post = &index.vacancies[vacancy].terms;
        if !view.check(post).is_empty() {
            return None;
        }
        let facts = view.facts_of(post);
        Some(soft_costs(index, person, vacancy, &facts).weighted_total(&index.policy.weights))
    }

    /// Position in the policy's tier list of the first tier that may offer the post
    /// `vacancy_id` to the person `person_id` (whether or not it is suitable), or `None` when
    /// no tier may or either id is not in the scenario.
    ///
    /// ```
    /// use std::path::Path;
    /// use redeploy_engine::Assessor;
    ///
    /// let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/scenario.toml");
    /// let scenario = redeploy_model::load_scenario(&path).unwrap();
    /// let policy = scenario.policy.validate().unwrap();
    /// let assessor = Assessor::new(&scenario, &policy).unwrap();
    /// let person = &scenario.people[0];
    /// let own = scenario.vacancies.iter().find(|v| v.employer == person.employer).unwrap();
    /// assert_eq!(assessor.first_tier(&person.id, &own.id), Some(0));
    /// assert_eq!(assessor.first_tier("nobody", &own.id), None);
    /// ```
    pub fn first_tier(&self, person_id: &str, vacancy_id: &str) -> Option<u8> {
        let index = &self.index;
        let person = index.ids.person(person_id)?;
        let vacancy = index.ids.vacancy(vacancy_id)?;
        index.level_of(&index.people[person], &index.vacancies[vacancy].terms)
    }
}

/// Assesses one pair with the full words.
pub(crate) fn assess(index: &RoundIndex<'_>, person: PersonIx, vacancy: VacancyIx) -> Assessment {
    let view = PersonView::new(index, person);
    let post = &index.vacancies[vacancy].terms;
    let facts = view.facts_of(post);
    describe(&view, person, vacancy, &facts, view.check(post))
}

/// The numbers and the words of a pair already found suitable (a placement): the reasons it is
/// suitable, without deciding the rules again.
pub(crate) fn placement_words(
    index: &RoundIndex<'_>,
    person: PersonIx,
    vacancy: VacancyIx,
) -> (PairFacts, Vec<String>) {
    let view = PersonView::new(index, person);
    let facts = view.facts_of(&index.vacancies[vacancy].terms);
    (facts, suitable_reasons(index, person, vacancy, &facts))
}

/// The assessment of a pair in words: the rules `check` found failed, each worded by the same
/// view that decided it, or why the post is suitable.
fn describe(
    view: &PersonView<'_, '_>,
    person: PersonIx,
    vacancy: VacancyIx,
    facts: &PairFacts,
    failed: RuleSet,
) -> Assessment {
    let index = view.index();
    let facts = *facts;
    if failed.is_empty() {
        let soft_costs = soft_costs(index, person, vacancy, &facts);
        let cost = soft_costs.weighted_total(&index.policy.weights);
        Assessment::Suitable {
            reasons: suitable_reasons(index, person, vacancy, &facts),
            soft_costs,
            cost,
        }
    } else {
        let failures = failed
            .iter()
            .map(|rule| Failure {
                rule,
                detail: view.failure_words(vacancy, &facts, rule),
            })
            .collect();
        Assessment::NotSuitable { failures }
    }
}

/// A band as the band rules saw it: band 1 says when it counted as band 2 (`sae.band_1`).
pub(crate) fn band_name(index: &RoundIndex<'_>, band: Band) -> String {
    if band == Band::B1 && index.policy.sae.band_1 == Band1Treatment::AsBand2 {
        format!("1 (counted as band 2, {})", F::SAE_BAND_1)
    } else {
        band.to_string()
    }
}

/// `0.8` rather than `0.80000001`.
pub(crate) fn wte(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0');
    if text.ends_with('.') {
        format!("{text}0")
    } else {
        text.to_string()
    }
}

pub(crate) fn plural(count: u32, one: &str, many: &str) -> String {
    if count == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

/// "journey 45 min (commute 20 + 25 between sites)" or "journey 25 min between sites (commute
/// not known)".
pub(crate) fn journey(index: &RoundIndex<'_>, person: PersonIx, facts: &PairFacts) -> String {
    match index.ids.people[person].commute_minutes {
        Some(commute) => format!(
            "journey {} min (commute {commute} + {} between sites)",
            facts.journey_minutes, facts.site_minutes
        ),
        None => format!(
            "journey {} min between sites (commute not known)",
            facts.site_minutes
        ),
    }
}

/// The skills of a post the person does not hold: (untrainable, trainable with weeks).
pub(crate) fn missing_skills<'s>(
    index: &RoundIndex<'s>,
    person: PersonIx,
    vacancy: VacancyIx,
) -> (Vec<&'s str>, Vec<(&'s str, u32)>) {
    let held = &index.people[person].skills;
    let name = |skill| index.skill_name(skill);
    let untrainable = index
        .essential_of(vacancy)
        .iter()
        .filter(|&&s| !held.holds(s))
        .map(|&s| name(s))
        .collect();
    let trainable = index
        .trainable_of(vacancy)
        .iter()
        .filter(|&&(s, _)| !held.holds(s))
        .map(|&(s, weeks)| (name(s), weeks))
        .collect();
    (untrainable, trainable)
}

pub(crate) fn training_list(trainable: &[(&str, u32)]) -> String {
    trainable
        .iter()
        .map(|(skill, weeks)| format!("{skill} {weeks}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Why a suitable post is suitable, one sentence per rule that had something to say.
fn suitable_reasons(
    index: &RoundIndex<'_>,
    person: PersonIx,
    vacancy: VacancyIx,
    facts: &PairFacts,
) -> Vec<String> {
    let sae = &index.policy.sae;
    let who = &index.ids.people[person];
    let post = &index.ids.vacancies[vacancy];
    let mut reasons = Vec::new();
    let steps = facts.band_steps.unsigned_abs();
    reasons.push(match facts.band_steps {
        0 => format!("same band {}", band_name(index, post.band)),
        s if s < 0 => format!(
            "band {} is {steps} below band {}, within {} ({}); pay protected for {} months",
            band_name(index, post.band),
            band_name(index, who.band),
            sae.max_band_drop,
            F::SAE_MAX_BAND_DROP,
            index.policy.protection.pay_protection_months
        ),
        _ => format!(
            "band {} is {steps} above band {}, within {}{}",
            band_name(index, post.band),
            band_name(index, who.band),
            index.band_rise(person),
            if who.reasonable_adjustment {
                format!(
                    " as a reasonable adjustment ({})",
                    F::SAE_REASONABLE_ADJUSTMENT_BAND_RISE
                )
            } else {
                format!(" ({})", F::SAE_MAX_BAND_RISE)
            }
        ),
    });
    reasons.push(format!(
        "{} WTE against today's {}; policy allows {} fewer ({}) and {} more ({})",
        wte(post.wte),
        wte(who.wte),
        wte(sae.max_wte_reduction),
        F::SAE_MAX_WTE_REDUCTION,
        wte(sae.max_wte_increase),
        F::SAE_MAX_WTE_INCREASE
    ));
    reasons.push(if facts.site_minutes == 0 {
        "no change of journey (same base or no travel between the sites)".to_string()
    } else {
        format!(
            "{}, within {} ({})",
            journey(index, person, facts),
            sae.max_travel_minutes,
            F::SAE_MAX_TRAVEL_MINUTES
        )
    });
    let (_, trainable) = missing_skills(index, person, vacancy);
    reasons.push(if trainable.is_empty() {
        "holds every essential skill".to_string()
    } else {
        format!(
            "needs {} of training ({}), within {} ({})",
            plural(facts.training_weeks, "week", "weeks"),
            training_list(&trainable),
            sae.max_training_weeks,
            F::SAE_MAX_TRAINING_WEEKS
        )
    });
    if let Some(registration) = &post.registration {
        reasons.push(format!("holds the required registration {registration}"));
    }
    if post.contract != who.contract {
        reasons.push(format!(
            "{} post for a person on a {} contract",
            post.contract.as_str(),
            who.contract.as_str()
        ));
    }
    match facts.preference {
        Preference::Ranked(position) => {
            reasons.push(format!("the person's choice number {}", position + 1));
        }
        Preference::Unranked => reasons.push("not among the posts the person ranked".to_string()),
        Preference::NoneGiven => {}
    }
    reasons
}
