//! The hot path of eligibility: one person's side of every hard rule, worked out once per person.
//!
//! This module owns [`PersonView`]: what the rules need of one person (band, hours, journey and
//! its limits, skills, registrations, contract, job family) with every policy limit that applies
//! to them resolved once, so that assessing each of their candidate posts reads only the post's
//! compact entry and one row of the travel matrix. It is the one place where a pair's
//! [`PairFacts`] and failed [`RuleSet`] are computed: `eligibility.rs` defines them, the
//! eligibility table calls this for every candidate pair, and `reasons.rs` puts the result into
//! words, so the three can never disagree.
//!
//! The eligibility table's hot path, [`PersonView::check`], decides the skill rules with bit
//! masks when the post's essential and trainable skills all lie in the mask range of
//! [`SkillSet`] (the first 128 skills of the catalogue), and skill by skill otherwise; the
//! numbers of a pair ([`PersonView::facts`]) are always counted skill by skill.

use redeploy_model::ContractType;

use crate::eligibility::{PairFacts, Preference, Rule, RuleSet};
use crate::index::RoundIndex;
use crate::posts::PostTerms;
use crate::skills::SkillSet;

/// Tolerance when comparing whole-time-equivalent hours, so that 0.8 + 0.2 counts as 1.0.
const WTE_TOLERANCE: f64 = 1e-9;

/// One person as the hard rules see them, with the policy's limits for them.
pub(crate) struct PersonView<'i, 's> {
    index: &'i RoundIndex<'s>,
    band: i32,
    wte: f64,
    permanent: bool,
    job_family: u32,
    skills: &'i SkillSet,
    registrations: &'i [u32],
    ranked: &'i [u32],
    commute: Option<u32>,
    /// Minutes from the person's site to every site.
    travel_row: &'i [u32],
    max_band_drop: u32,
    max_band_rise: u32,
    /// Hours limits with the tolerance added.
    max_wte_reduction: f64,
    max_wte_increase: f64,
    max_travel: u32,
    max_extra_travel: Option<u32>,
    personal_travel_limit: Option<u32>,
    /// The priority travel limit, only for a person with statutory priority.
    priority_travel_limit: Option<u32>,
    max_training_weeks: u32,
    fixed_term_refused: bool,
    family_required: bool,
}

/// The most bands above their own a person may move to: `sae.max_band_rise`, plus
/// `sae.reasonable_adjustment_band_rise` for a reasonable adjustment.
pub(crate) fn allowed_band_rise(index: &RoundIndex<'_>, person: u32) -> u32 {
    let sae = &index.policy.sae;
    let mut rise = u32::from(sae.max_band_rise);
    if index.scenario.people[person as usize].reasonable_adjustment {
        rise += u32::from(sae.reasonable_adjustment_band_rise);
    }
    rise
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'i, 's> PersonView<'i, 's> {
    /// The view of person `person` (a position in `scenario.people`).
    pub fn new(index: &'i RoundIndex<'s>, person: u32) -> Self {
        let entry = &index.people[person as usize];
        let record = &index.scenario.people[person as usize];
        let sae = &index.policy.sae;
        PersonView {
            index,
            band: i32::try_from(record.band.index()).unwrap_or(i32::MAX),
            wte: record.wte,
            permanent: record.contract == ContractType::Permanent,
            job_family: entry.job_family,
            skills: &entry.skills,
            registrations: &entry.registrations,
            ranked: &entry.ranked,
            commute: record.commute_minutes,
            travel_row: index.travel.row(entry.site as usize),
            max_band_drop: u32::from(sae.max_band_drop),
            max_band_rise: allowed_band_rise(index, person),
            max_wte_reduction: sae.max_wte_reduction + WTE_TOLERANCE,
            max_wte_increase: sae.max_wte_increase + WTE_TOLERANCE,
            max_travel: sae.max_travel_minutes,
            max_extra_travel: sae.max_extra_travel_minutes,
            personal_travel_limit: record.preferences.max_travel_minutes,
            priority_travel_limit: entry.priority.and(index.policy.priority.max_travel_minutes),
            max_training_weeks: sae.max_training_weeks,
            fixed_term_refused: !sae.allow_fixed_term_for_permanent,
            family_required: sae.same_job_family,
        }
    }

    /// Every number of the pair (this person, `vacancy`).
    pub fn facts(&self, vacancy: u32) -> PairFacts {
        self.facts_of(&self.index.vacancies[vacancy as usize].terms)
    }

    /// Every number of the pair (this person, `post`).
    pub fn facts_of(&self, post: &PostTerms) -> PairFacts {
        let mut facts = self.terms_facts(post);
        self.add_skill_facts(post, &mut facts);
        facts
    }

    /// Every hard rule the pair fails, given its facts.
    pub fn failed(&self, facts: &PairFacts) -> RuleSet {
        self.terms_failed(facts).union(self.skills_failed(facts))
    }

    /// Every hard rule the pair (this person, `post`) fails, without the numbers that words and
    /// soft costs need: the hot path of the eligibility table. Always equal to
    /// `failed(&facts_of(post))`.
    #[inline(always)]
    pub fn check(&self, post: &PostTerms) -> RuleSet {
        self.terms_failed(&self.terms_facts(post))
            .union(self.skill_rules(post))
    }

    /// [`PersonView::check`], or `None` as soon as more than `bound` rules are known to fail
    /// (the terms of the move are checked before the skills).
    pub fn check_within(&self, post: &PostTerms, bound: u32) -> Option<RuleSet> {
        let terms = self.terms_failed(&self.terms_facts(post));
        if terms.len() > bound {
            return None;
        }
        let failed = terms.union(self.skill_rules(post));
        (failed.len() <= bound).then_some(failed)
    }

    /// The skill rules of a pair; with masks, without counting skills.
    #[inline(always)]
    fn skill_rules(&self, post: &PostTerms) -> RuleSet {
        let Some(masks) = post.skill_masks() else {
            let mut facts = self.terms_facts(post);
            self.add_skill_facts(post, &mut facts);
            return self.skills_failed(&facts);
        };
        let skills = self.skills;
        let training_weeks = if masks.trainable.all_held_by(skills) {
            0
        } else {
            weeks_to_train(self.index.trainable_in(post), skills)
        };
        let mut failed = RuleSet::default();
        failed.set(Rule::EssentialSkills, !masks.essential.all_held_by(skills));
        failed.set(Rule::Training, training_weeks > self.max_training_weeks);
        failed
    }

    /// Everything but the skills; the skill fields are left at zero.
    #[inline(always)]
    fn terms_facts(&self, post: &PostTerms) -> PairFacts {
        let site_minutes = self.travel_row[post.site as usize];
        let journey_minutes = self
            .commute
            .map_or(site_minutes, |commute| commute.saturating_add(site_minutes));
        let preference = if self.ranked.is_empty() {
            Preference::NoneGiven
        } else {
            self.ranked
                .iter()
                .position(|&ranked| ranked == post.vacancy)
                .map_or(Preference::Unranked, |position| {
                    Preference::Ranked(count(position))
                })
        };
        PairFacts {
            band_steps: i32::from(post.band) - self.band,
            wte_change: post.wte - self.wte,
            site_minutes,
            journey_minutes,
            training_weeks: 0,
            missing_essential: 0,
            missing_desirable: 0,
            post_skills: 0,
            held_post_skills: 0,
            registration_missing: post
                .registration
                .is_some_and(|reg| self.registrations.binary_search(&reg).is_err()),
            contract_mismatch: self.permanent && post.fixed_term,
            family_mismatch: self.job_family != post.job_family,
            preference,
        }
    }

    /// Fills in the skill fields, counting skill by skill (only suitable pairs and the pairs a
    /// report words need them; the hot path decides the skill rules by mask in `skill_rules`).
    fn add_skill_facts(&self, post: &PostTerms, facts: &mut PairFacts) {
        let counts = self.count_skills(post.vacancy);
        facts.training_weeks = counts.training_weeks;
        facts.missing_essential = counts.essential - counts.held_essential;
        facts.missing_desirable = counts.desirable - counts.held_desirable;
        facts.post_skills = counts.essential + counts.trainable + counts.desirable;
        facts.held_post_skills =
            counts.held_essential + counts.held_trainable + counts.held_desirable;
    }

    /// The skill counts of a post, skill by skill.
    fn count_skills(&self, vacancy: u32) -> SkillCounts {
        let (index, skills) = (self.index, self.skills);
        let held = |list: &[u32]| count(list.iter().filter(|&&s| skills.holds(s)).count());
        let (essential, desirable) = (index.essential_of(vacancy), index.desirable_of(vacancy));
        let trainable = index.trainable_of(vacancy);
        SkillCounts {
            essential: count(essential.len()),
            trainable: count(trainable.len()),
            desirable: count(desirable.len()),
            held_essential: held(essential),
            held_trainable: count(trainable.iter().filter(|(s, _)| skills.holds(*s)).count()),
            held_desirable: held(desirable),
            training_weeks: weeks_to_train(trainable, skills),
        }
    }

    /// The rules on the terms of the move: band, hours, journey, registration, contract, family.
    #[inline(always)]
    fn terms_failed(&self, facts: &PairFacts) -> RuleSet {
        let mut failed = RuleSet::default();
        let steps = facts.band_steps;
        failed.set(
            Rule::BandDrop,
            steps < 0 && steps.unsigned_abs() > self.max_band_drop,
        );
        failed.set(
            Rule::BandRise,
            steps > 0 && steps.unsigned_abs() > self.max_band_rise,
        );
        failed.set(
            Rule::HoursReduction,
            -facts.wte_change > self.max_wte_reduction,
        );
        failed.set(
            Rule::HoursIncrease,
            facts.wte_change > self.max_wte_increase,
        );
        // A post no farther than today's base never fails a travel rule.
        if facts.site_minutes > 0 {
            let journey = facts.journey_minutes;
            failed.set(Rule::Travel, journey > self.max_travel);
            failed.set(
                Rule::ExtraTravel,
                self.max_extra_travel
                    .is_some_and(|limit| facts.site_minutes > limit),
            );
            failed.set(
                Rule::PersonalTravelLimit,
                self.personal_travel_limit
                    .is_some_and(|limit| journey > limit),
            );
            failed.set(
                Rule::PriorityTravel,
                self.priority_travel_limit
                    .is_some_and(|limit| journey > limit),
            );
        }
        failed.set(Rule::Registration, facts.registration_missing);
        failed.set(
            Rule::ContractType,
            facts.contract_mismatch && self.fixed_term_refused,
        );
        failed.set(
            Rule::JobFamily,
            facts.family_mismatch && self.family_required,
        );
        failed
    }

    /// The rules on skills: essential skills held or trainable, training within the limit.
    fn skills_failed(&self, facts: &PairFacts) -> RuleSet {
        let mut failed = RuleSet::default();
        failed.set(Rule::EssentialSkills, facts.missing_essential > 0);
        failed.set(
            Rule::Training,
            facts.training_weeks > self.max_training_weeks,
        );
        failed
    }
}

/// How many skills a post lists and how many of them a person holds.
struct SkillCounts {
    essential: u32,
    trainable: u32,
    desirable: u32,
    held_essential: u32,
    held_trainable: u32,
    held_desirable: u32,
    training_weeks: u32,
}

/// Weeks of training for the trainable skills the person does not hold.
fn weeks_to_train(trainable: &[(u32, u32)], skills: &SkillSet) -> u32 {
    trainable
        .iter()
        .filter(|(skill, _)| !skills.holds(*skill))
        .fold(0u32, |weeks, (_, more)| weeks.saturating_add(*more))
}
