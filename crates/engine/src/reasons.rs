//! The words of an assessment: why a post is suitable, or every rule it fails, with the numbers
//! and the policy field that set each limit.
//!
//! This module owns [`Assessor`], the public way to assess one (person, post) pair, and the text
//! the round's placements, near misses and `--explain` output show. The decision itself is made
//! in `eligibility.rs`; this module only describes it, so the words can never disagree with the
//! decision.

use redeploy_model::{Policy, Scenario};

use crate::eligibility::{Assessment, Failure, PairFacts, Preference, Rule, RuleSet, soft_costs};
use crate::error::Error;
use crate::index::RoundIndex;
use crate::person_view::PersonView;

/// Assesses (person, post) pairs of one scenario under one policy.
///
/// ```no_run
/// # fn demo(scenario: &redeploy_model::Scenario) -> Result<(), redeploy_engine::Error> {
/// use redeploy_engine::Assessor;
///
/// let assessor = Assessor::new(scenario, &scenario.policy)?;
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
    /// When the scenario names a record it does not hold, repeats an id, or the policy lists no
    /// tiers.
    pub fn new(scenario: &'s Scenario, policy: &'s Policy) -> Result<Self, Error> {
        Ok(Assessor {
            index: RoundIndex::new(scenario, policy, &crate::constraints::NONE)?,
        })
    }

    /// Assesses the post `vacancy_id` for the person `person_id`; `None` when either id is not
    /// in the scenario. The assessment looks only at suitability, not at whether a ring-fence
    /// tier would offer the post.
    pub fn assess(&self, person_id: &str, vacancy_id: &str) -> Option<Assessment> {
        let scenario = self.index.scenario;
        let person = scenario.people.iter().position(|p| p.id == person_id)?;
        let vacancy = scenario.vacancies.iter().position(|v| v.id == vacancy_id)?;
        Some(assess(
            &self.index,
            u32::try_from(person).ok()?,
            u32::try_from(vacancy).ok()?,
        ))
    }
}

/// Assesses one pair with the full words.
pub(crate) fn assess(index: &RoundIndex<'_>, person: u32, vacancy: u32) -> Assessment {
    assess_with_facts(index, person, vacancy).1
}

/// Assesses one pair with the full words, returning the numbers it was decided on as well.
pub(crate) fn assess_with_facts(
    index: &RoundIndex<'_>,
    person: u32,
    vacancy: u32,
) -> (PairFacts, Assessment) {
    let view = PersonView::new(index, person);
    let post = &index.vacancies[vacancy as usize].terms;
    let facts = view.facts_of(post);
    (
        facts,
        describe(index, person, vacancy, &facts, view.check(post)),
    )
}

fn describe(
    index: &RoundIndex<'_>,
    person: u32,
    vacancy: u32,
    facts: &PairFacts,
    failed: RuleSet,
) -> Assessment {
    let facts = *facts;
    if failed.is_empty() {
        let soft_costs = soft_costs(index, person, vacancy, &facts);
        let cost = soft_costs.weighted_total(&index.policy.weights, redeploy_assign::MAX_COST);
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
                detail: failure_detail(index, person, vacancy, &facts, rule),
            })
            .collect();
        Assessment::NotSuitable { failures }
    }
}

/// `0.8` rather than `0.80000001`.
fn wte(value: f64) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0');
    if text.ends_with('.') {
        format!("{text}0")
    } else {
        text.to_string()
    }
}

fn plural(count: u32, one: &str, many: &str) -> String {
    if count == 1 {
        format!("{count} {one}")
    } else {
        format!("{count} {many}")
    }
}

/// "journey 45 min (commute 20 + 25 between sites)" or "journey 25 min between sites (commute
/// not known)".
fn journey(index: &RoundIndex<'_>, person: u32, facts: &PairFacts) -> String {
    match index.scenario.people[person as usize].commute_minutes {
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
fn missing_skills<'s>(
    index: &RoundIndex<'s>,
    person: u32,
    vacancy: u32,
) -> (Vec<&'s str>, Vec<(&'s str, u32)>) {
    let held = &index.people[person as usize].skills;
    let name = |skill: u32| index.skill_names[skill as usize];
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

fn training_list(trainable: &[(&str, u32)]) -> String {
    trainable
        .iter()
        .map(|(skill, weeks)| format!("{skill} {weeks}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One failed rule in words.
fn failure_detail(
    index: &RoundIndex<'_>,
    person: u32,
    vacancy: u32,
    facts: &PairFacts,
    rule: Rule,
) -> String {
    let sae = &index.policy.sae;
    let who = &index.scenario.people[person as usize];
    let post = &index.scenario.vacancies[vacancy as usize];
    let steps = facts.band_steps.unsigned_abs();
    match rule {
        Rule::BandDrop => format!(
            "band {} is {steps} below band {}; policy allows {} (sae.max_band_drop)",
            post.band, who.band, sae.max_band_drop
        ),
        Rule::BandRise => {
            let allowed = if who.reasonable_adjustment {
                format!(
                    "{} (sae.max_band_rise {} + sae.reasonable_adjustment_band_rise {})",
                    index.band_rise(person),
                    sae.max_band_rise,
                    sae.reasonable_adjustment_band_rise
                )
            } else {
                format!("{} (sae.max_band_rise)", sae.max_band_rise)
            };
            format!(
                "band {} is {steps} above band {}; policy allows {allowed}",
                post.band, who.band
            )
        }
        Rule::HoursReduction => format!(
            "{} WTE is {} fewer than today's {}; policy allows {} (sae.max_wte_reduction)",
            wte(post.wte),
            wte(-facts.wte_change),
            wte(who.wte),
            wte(sae.max_wte_reduction)
        ),
        Rule::HoursIncrease => format!(
            "{} WTE is {} more than today's {}; policy allows {} (sae.max_wte_increase)",
            wte(post.wte),
            wte(facts.wte_change),
            wte(who.wte),
            wte(sae.max_wte_increase)
        ),
        Rule::Travel => format!(
            "{} is over {} (sae.max_travel_minutes)",
            journey(index, person, facts),
            sae.max_travel_minutes
        ),
        Rule::ExtraTravel => format!(
            "{} extra min each way is over {} (sae.max_extra_travel_minutes)",
            facts.site_minutes,
            sae.max_extra_travel_minutes.unwrap_or_default()
        ),
        Rule::PersonalTravelLimit => format!(
            "{} is over the {} min the person will travel (preferences.max_travel_minutes)",
            journey(index, person, facts),
            who.preferences.max_travel_minutes.unwrap_or_default()
        ),
        Rule::PriorityTravel => format!(
            "{} is over {} for a person with statutory priority (priority.max_travel_minutes)",
            journey(index, person, facts),
            index.policy.priority.max_travel_minutes.unwrap_or_default()
        ),
        Rule::EssentialSkills => {
            let (untrainable, _) = missing_skills(index, person, vacancy);
            format!(
                "lacks essential {} {}, which the post does not train",
                if untrainable.len() == 1 { "skill" } else { "skills" },
                untrainable.join(", ")
            )
        }
        Rule::Training => {
            let (_, trainable) = missing_skills(index, person, vacancy);
            format!(
                "needs {} of training ({}); policy allows {} (sae.max_training_weeks)",
                plural(facts.training_weeks, "week", "weeks"),
                training_list(&trainable),
                sae.max_training_weeks
            )
        }
        Rule::Registration => format!(
            "post requires registration {}, which the person does not hold",
            post.registration.as_deref().unwrap_or_default()
        ),
        Rule::ContractType => "fixed-term post for a person on a permanent contract; policy does not allow it (sae.allow_fixed_term_for_permanent)".to_string(),
        Rule::Excluded => format!(
            "excluded this round: {} (constraints.excluded)",
            index
                .constraints
                .exclusion(person, vacancy)
                .unwrap_or_default()
        ),
        Rule::JobFamily => format!(
            "job family {} differs from the person's {}; policy requires the same (sae.same_job_family)",
            post.job_family, who.job_family
        ),
    }
}

/// Why a suitable post is suitable, one sentence per rule that had something to say.
fn suitable_reasons(
    index: &RoundIndex<'_>,
    person: u32,
    vacancy: u32,
    facts: &PairFacts,
) -> Vec<String> {
    let sae = &index.policy.sae;
    let who = &index.scenario.people[person as usize];
    let post = &index.scenario.vacancies[vacancy as usize];
    let mut reasons = Vec::new();
    let steps = facts.band_steps.unsigned_abs();
    reasons.push(match facts.band_steps {
        0 => format!("same band {}", post.band),
        s if s < 0 => format!(
            "band {} is {steps} below band {}, within {} (sae.max_band_drop); pay protected for {} months",
            post.band, who.band, sae.max_band_drop, index.policy.protection.pay_protection_months
        ),
        _ => format!(
            "band {} is {steps} above band {}, within {}{}",
            post.band,
            who.band,
            index.band_rise(person),
            if who.reasonable_adjustment {
                " as a reasonable adjustment (sae.reasonable_adjustment_band_rise)"
            } else {
                " (sae.max_band_rise)"
            }
        ),
    });
    reasons.push(format!(
        "{} WTE against today's {}; policy allows {} fewer (sae.max_wte_reduction) and {} more (sae.max_wte_increase)",
        wte(post.wte),
        wte(who.wte),
        wte(sae.max_wte_reduction),
        wte(sae.max_wte_increase)
    ));
    reasons.push(if facts.site_minutes == 0 {
        "no change of journey (same base or no travel between the sites)".to_string()
    } else {
        format!(
            "{}, within {} (sae.max_travel_minutes)",
            journey(index, person, facts),
            sae.max_travel_minutes
        )
    });
    let (_, trainable) = missing_skills(index, person, vacancy);
    reasons.push(if trainable.is_empty() {
        "holds every essential skill".to_string()
    } else {
        format!(
            "needs {} of training ({}), within {} (sae.max_training_weeks)",
            plural(facts.training_weeks, "week", "weeks"),
            training_list(&trainable),
            sae.max_training_weeks
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
