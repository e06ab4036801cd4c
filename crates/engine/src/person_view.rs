//! The hot path of eligibility: one person's side of every hard rule, worked out once per person.
//!
//! This module owns [`PersonView`]: what the rules need of one person (band, hours, journey and
//! its limits, skills, registrations, contract, job family) with every policy limit that applies
//! to them resolved once, so that assessing each of their candidate posts reads only the post's
//! compact entry and one row of the travel matrix. It is the one place where the hard rules are
//! decided ([`PersonView::check`], from the post's record) and where a pair's numbers are worked
//! out ([`PersonView::facts`], for soft costs and words): `eligibility.rs` defines both, the
//! eligibility table checks every candidate pair, and `reasons.rs` words the rules `check`
//! found failed with the numbers of `facts`.
//!
//! `check` decides the skill rules with bit masks when the post's essential and trainable skills
//! all lie in the mask range of [`SkillSet`] (the first 128 skills of the catalogue), and skill by
//! skill otherwise; `facts` always counts skill by skill.

use redeploy_model::ContractType;
use redeploy_model::{PersonIx, VacancyIx};

use crate::candidates::BandWindow;
use crate::eligibility::{PairFacts, Preference, Rule, RuleSet};
use crate::index::{RoundIndex, count};
use crate::posts::PostTerms;
use crate::reasons::{band_name, journey, missing_skills, plural, training_list, wte};
use crate::skills::{SkillId, SkillSet};
use crate::travel::TravelRow;
use redeploy_model::policy_fields as F;

/// What [`PersonView::post_rules`] reads of a person (the policy's limits aside, which are the
/// same for everyone): two people with equal keys fail the same of those rules on every post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TermsKey<'i> {
    low: u8,
    high: u8,
    /// The person's hours, as bits (equal bits, equal hours).
    wte: u64,
    job_family: u32,
    fixed_term_fails: bool,
    registrations: &'i [u32],
}

/// One person as the hard rules see them, with the policy's limits for them.
pub(crate) struct PersonView<'i, 's> {
    index: &'i RoundIndex<'s>,
    person: PersonIx,
    /// The band rules' window for the person.
    window: BandWindow,
    wte: f64,
    job_family: u32,
    skills: &'i SkillSet,
    registrations: &'i [u32],
    ranked: &'i [(VacancyIx, u32)],
    commute: Option<u32>,
    /// Minutes from the person's site to every site.
    travel_row: TravelRow<'i>,
    /// Limits as the hot path compares them: hours with the tolerance added; a travel limit that
    /// is not set is `None`.
    max_wte_reduction: f64,
    max_wte_increase: f64,
    max_travel: u32,
    max_extra_travel: Option<u32>,
    personal_travel_limit: Option<u32>,
    /// The priority travel limit for a person with statutory priority.
    priority_travel_limit: Option<u32>,
    max_training_weeks: u32,
    /// A fixed-term post fails the contract rule (the person is permanent and the policy
    /// refuses fixed-term posts for permanent staff).
    fixed_term_fails: bool,
    family_required: bool,
    /// Vacancies excluded for this person this round, by position (usually none).
    excluded: &'i [(VacancyIx, &'s str)],
}

impl<'i, 's> PersonView<'i, 's> {
    /// The view of person `person` (a position in `scenario.people`).
    pub fn new(index: &'i RoundIndex<'s>, person: PersonIx) -> Self {
        let entry = &index.people[person];
        let record = &index.ids.people[person];
        let sae = &index.policy.sae;
        let limits = index.policy.limits();
        PersonView {
            index,
            person,
            window: index.band_window(person),
            wte: record.wte,
            job_family: entry.job_family,
            skills: &entry.skills,
            registrations: &entry.registrations,
            ranked: &entry.ranked,
            commute: record.commute_minutes,
            travel_row: index.travel.row(entry.site),
            max_wte_reduction: limits.max_wte_reduction,
            max_wte_increase: limits.max_wte_increase,
            max_travel: limits.max_travel_minutes,
            max_extra_travel: limits.max_extra_travel_minutes,
            personal_travel_limit: record.preferences.max_travel_minutes,
            priority_travel_limit: entry.priority.and(limits.priority_max_travel_minutes),
            max_training_weeks: limits.max_training_weeks,
            fixed_term_fails: record.contract == ContractType::Permanent
                && !sae.allow_fixed_term_for_permanent,
            family_required: sae.same_job_family,
            excluded: index.constraints.excluded_of(person),
        }
    }

    /// The round's index the view reads.
    pub fn index(&self) -> &'i RoundIndex<'s> {
        self.index
    }

    /// What [`PersonView::post_rules`] reads of the person: people with equal keys fail the
    /// same terms rules on every post (the screen reuses one person's answers for the next).
    pub fn terms_key(&self) -> TermsKey<'i> {
        TermsKey {
            low: self.window.low,
            high: self.window.high,
            wte: self.wte.to_bits(),
            job_family: self.job_family,
            fixed_term_fails: self.fixed_term_fails,
            registrations: self.registrations,
        }
    }

    /// What [`PersonView::skill_rules`] reads of the person (the policy's training limit
    /// aside): people holding the same skills fail the same skill rules on every post.
    pub fn skills_key(&self) -> &'i SkillSet {
        self.skills
    }

    /// Every number of the pair (this person, `vacancy`).
    pub fn facts(&self, vacancy: VacancyIx) -> PairFacts {
        self.facts_of(&self.index.vacancies[vacancy].terms)
    }

    /// Every number of the pair (this person, `post`).
    pub fn facts_of(&self, post: &PostTerms) -> PairFacts {
        let mut facts = self.terms_facts(post);
        self.add_skill_facts(post, &mut facts);
        facts
    }

    /// Every hard rule the pair (this person, `post`) fails: the one place the rules are decided.
    /// The eligibility table calls it for every candidate, so it reads only the post's record and
    /// the person's row of the travel matrix, and counts no skills when the post has masks.
    #[inline(always)]
    pub fn check(&self, post: &PostTerms) -> RuleSet {
        self.terms_rules(post).union(self.skill_rules(post))
    }

    /// Whether some vacancy is excluded for this person this round (then every candidate is
    /// checked pair by pair: [`Rule::Excluded`] is decided per vacancy).
    pub fn has_exclusions(&self) -> bool {
        !self.excluded.is_empty()
    }

    /// [`PersonView::check`], or `None` as soon as more than `bound` rules are known to fail
    /// (the terms of the move are checked before the skills).
    pub fn check_within(&self, post: &PostTerms, bound: u32) -> Option<RuleSet> {
        let terms = self.terms_rules(post);
        if terms.len() > bound {
            return None;
        }
        let failed = terms.union(self.skill_rules(post));
        (failed.len() <= bound).then_some(failed)
    }

    /// The rules on the terms of the move: band, hours, journey, registration, contract, family,
    /// and whether the pair is excluded.
    #[inline(always)]
    fn terms_rules(&self, post: &PostTerms) -> RuleSet {
        let mut failed = self.post_rules(post).union(self.site_rules(post));
        if !self.excluded.is_empty() {
            failed.set(
                Rule::Excluded,
                self.excluded
                    .binary_search_by_key(&post.vacancy, |&(vacancy, _)| vacancy)
                    .is_ok(),
            );
        }
        failed
    }

    /// The rules decided by the post's band, hours, registration, contract and job family alone:
    /// every post sharing those five fails the same ones (the screen in `screen.rs` decides them
    /// once per such class of posts).
    #[inline(always)]
    pub fn post_rules(&self, post: &PostTerms) -> RuleSet {
        let change = post.wte - self.wte;
        let registration_missing = post
            .registration
            .is_some_and(|registration| !self.registrations.contains(&registration));
        let mut failed = RuleSet::default();
        failed.set(Rule::BandDrop, self.window.too_low(post.band));
        failed.set(Rule::BandRise, self.window.too_high(post.band));
        failed.set(Rule::HoursReduction, -change > self.max_wte_reduction);
        failed.set(Rule::HoursIncrease, change > self.max_wte_increase);
        failed.set(Rule::Registration, registration_missing);
        failed.set(Rule::ContractType, post.fixed_term & self.fixed_term_fails);
        failed.set(
            Rule::JobFamily,
            self.family_required & (post.job_family != self.job_family),
        );
        failed
    }

    /// The travel rules, decided by the post's site alone: every post at one site fails the same
    /// ones (the screen decides them once per site).
    #[inline(always)]
    pub fn site_rules(&self, post: &PostTerms) -> RuleSet {
        let minutes = self.travel_row.to(post.site);
        // A commute is at most MAX_MINUTES and a journey between sites at most
        // u32::MAX - MAX_MINUTES (`Scenario::check_bounds`): the sum fits.
        let journey = self.commute.unwrap_or(0) + minutes;
        // A post no farther than today's base never fails a travel rule.
        let moved = minutes > 0;
        let mut failed = RuleSet::default();
        failed.set(Rule::Travel, moved & (journey > self.max_travel));
        let over = |limit: Option<u32>, minutes: u32| limit.is_some_and(|limit| minutes > limit);
        failed.set(
            Rule::ExtraTravel,
            moved & over(self.max_extra_travel, minutes),
        );
        failed.set(
            Rule::PersonalTravelLimit,
            moved & over(self.personal_travel_limit, journey),
        );
        failed.set(
            Rule::PriorityTravel,
            moved & over(self.priority_travel_limit, journey),
        );
        failed
    }

    /// One rule the pair (this person, `vacancy`) fails, in words: the numbers of `facts`
    /// against the limits [`PersonView::check`] decided it with, and the field that sets each.
    pub fn failure_words(&self, vacancy: VacancyIx, facts: &PairFacts, rule: Rule) -> String {
        let (index, person) = (self.index, self.person);
        let sae = &index.policy.sae;
        let who = &index.ids.people[person];
        let post = &index.ids.vacancies[vacancy];
        let steps = facts.band_steps.unsigned_abs();
        match rule {
            Rule::BandDrop => format!(
                "band {} is {steps} below band {}; policy allows {} ({})",
                band_name(index, post.band),
                band_name(index, who.band),
                sae.max_band_drop,
                F::SAE_MAX_BAND_DROP
            ),
            Rule::BandRise => {
                let allowed = if who.reasonable_adjustment {
                    format!(
                        "{} ({} {} + {} {})",
                        index.band_rise(person),
                        F::SAE_MAX_BAND_RISE,
                        sae.max_band_rise,
                        F::SAE_REASONABLE_ADJUSTMENT_BAND_RISE,
                        sae.reasonable_adjustment_band_rise
                    )
                } else {
                    format!("{} ({})", sae.max_band_rise, F::SAE_MAX_BAND_RISE)
                };
                format!(
                    "band {} is {steps} above band {}; policy allows {allowed}",
                    band_name(index, post.band),
                    band_name(index, who.band)
                )
            }
            Rule::HoursReduction => format!(
                "{} WTE is {} fewer than today's {}; policy allows {} ({})",
                wte(post.wte),
                wte(-facts.wte_change),
                wte(who.wte),
                wte(sae.max_wte_reduction),
                F::SAE_MAX_WTE_REDUCTION
            ),
            Rule::HoursIncrease => format!(
                "{} WTE is {} more than today's {}; policy allows {} ({})",
                wte(post.wte),
                wte(facts.wte_change),
                wte(who.wte),
                wte(sae.max_wte_increase),
                F::SAE_MAX_WTE_INCREASE
            ),
            Rule::Travel => format!(
                "{} is over {} ({})",
                journey(index, person, facts),
                self.max_travel,
                F::SAE_MAX_TRAVEL_MINUTES
            ),
            Rule::ExtraTravel => format!(
                "{} extra min each way is over {} ({})",
                facts.site_minutes,
                self.max_extra_travel.unwrap_or_default(),
                F::SAE_MAX_EXTRA_TRAVEL_MINUTES
            ),
            Rule::PersonalTravelLimit => format!(
                "{} is over the {} min the person will travel ({})",
                journey(index, person, facts),
                self.personal_travel_limit.unwrap_or_default(),
                F::PREFERENCES_MAX_TRAVEL_MINUTES
            ),
            Rule::PriorityTravel => format!(
                "{} is over {} for a person with statutory priority ({})",
                journey(index, person, facts),
                self.priority_travel_limit.unwrap_or_default(),
                F::PRIORITY_MAX_TRAVEL_MINUTES
            ),
            Rule::EssentialSkills => {
                let (untrainable, _) = missing_skills(index, person, vacancy);
                format!(
                    "lacks essential {} {}, which the post does not train",
                    if untrainable.len() == 1 {
                        "skill"
                    } else {
                        "skills"
                    },
                    untrainable.join(", ")
                )
            }
            Rule::Training => {
                let (_, trainable) = missing_skills(index, person, vacancy);
                format!(
                    "needs {} of training ({}); policy allows {} ({})",
                    plural(facts.training_weeks, "week", "weeks"),
                    training_list(&trainable),
                    self.max_training_weeks,
                    F::SAE_MAX_TRAINING_WEEKS
                )
            }
            Rule::Registration => format!(
                "post requires registration {}, which the person does not hold",
                post.registration.as_deref().unwrap_or_default()
            ),
            Rule::ContractType => format!(
                "fixed-term post for a person on a permanent contract; policy does not allow it ({})",
                F::SAE_ALLOW_FIXED_TERM_FOR_PERMANENT
            ),
            Rule::Excluded => format!(
                "excluded this round: {} ({})",
                index
                    .constraints
                    .exclusion(person, vacancy)
                    .unwrap_or_default(),
                F::CONSTRAINTS_EXCLUDED
            ),
            Rule::JobFamily => format!(
                "job family {} differs from the person's {}; policy requires the same ({})",
                post.job_family,
                who.job_family,
                F::SAE_SAME_JOB_FAMILY
            ),
        }
    }

    /// The rules on skills: every essential skill held or trainable, training within the limit;
    /// decided by the post's essential and trainable skills alone (the screen decides them once
    /// per such profile).
    #[inline(always)]
    pub fn skill_rules(&self, post: &PostTerms) -> RuleSet {
        let skills = self.skills;
        let (essential_missing, trainable) = match post.skill_masks() {
            Some(masks) => (
                !masks.essential.all_held_by(skills),
                if masks.trainable.all_held_by(skills) {
                    &[][..]
                } else {
                    self.index.trainable_in(post)
                },
            ),
            None => (
                !self
                    .index
                    .essential_of(post.vacancy)
                    .iter()
                    .all(|&skill| skills.holds(skill)),
                self.index.trainable_in(post),
            ),
        };
        let mut failed = RuleSet::default();
        failed.set(Rule::EssentialSkills, essential_missing);
        failed.set(
            Rule::Training,
            weeks_to_train(trainable, skills) > self.max_training_weeks,
        );
        failed
    }

    /// Everything but the skills; the skill fields are left at zero.
    #[inline(always)]
    fn terms_facts(&self, post: &PostTerms) -> PairFacts {
        let site_minutes = self.travel_row.to(post.site);
        let journey_minutes = self
            .commute
            .map_or(site_minutes, |commute| commute + site_minutes);
        let preference = if self.ranked.is_empty() {
            Preference::NoneGiven
        } else {
            self.ranked
                .iter()
                .find(|&&(ranked, _)| ranked == post.vacancy)
                .map_or(Preference::Unranked, |&(_, place)| {
                    Preference::Ranked(place)
                })
        };
        PairFacts {
            band_steps: self.window.steps_to(post.band),
            wte_change: post.wte - self.wte,
            site_minutes,
            journey_minutes,
            training_weeks: 0,
            missing_essential: 0,
            missing_desirable: 0,
            post_skills: 0,
            held_post_skills: 0,
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
    fn count_skills(&self, vacancy: VacancyIx) -> SkillCounts {
        let (index, skills) = (self.index, self.skills);
        let held = |list: &[SkillId]| count(list.iter().filter(|&&s| skills.holds(s)).count());
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

/// Weeks of training for the trainable skills the person does not hold. A vacancy's trainable
/// skills take at most `u32::MAX` weeks in all (`Scenario::check_bounds`), and these are some of
/// them: the sum fits.
fn weeks_to_train(trainable: &[(SkillId, u32)], skills: &SkillSet) -> u32 {
    trainable
        .iter()
        .filter(|(skill, _)| !skills.holds(*skill))
        .map(|(_, weeks)| weeks)
        .sum()
}
