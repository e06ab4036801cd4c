//! The eligibility screen: a person's row of the eligibility table with each hard rule decided
//! once for every class of posts that shares its answer.
//!
//! This module owns [`screen_row`]. Every hard rule of a (person, post) pair reads only some of
//! the post's fields, and [`PersonView`] decides the rules in three parts by the fields they read:
//! [`PersonView::site_rules`] (the travel rules: the post's site),
//! [`PersonView::post_rules`] (band, hours, registration, contract, job family) and
//! [`PersonView::skill_rules`] (the essential and trainable skills). The candidate buckets
//! (`posts.rs`) keep each bucket's posts grouped by (employer, site) and number the distinct
//! terms classes and skill profiles among them, so the screen asks the person view once per
//! site group, once per terms class and once per skill profile of a bucket, on a post of that
//! group or class; the loop over the posts then only joins three rule sets per post. The rules
//! are decided by the same functions [`PersonView::check`] joins, never by a second copy.
//!
//! What a row keeps for explanations is counted at the same level: how many candidates fail
//! each rule is the sum, over the groups and classes, of their size times whether they fail it;
//! only the posts that fail at most one rule (suitable, or failing one rule alone) or could be
//! among the nearest misses are looked at one by one.
//!
//! An excluded pair ([`Rule::Excluded`](crate::Rule::Excluded)) is decided per vacancy, so the
//! row of a person with exclusions is built pair by pair (`table.rs`); the property test at the
//! end of this module checks that both ways give the same row.

use redeploy_model::PersonIx;

use crate::eligibility::{RuleSet, soft_costs};
use crate::index::{RoundIndex, count};
use crate::person_view::PersonView;
use crate::posts::{Bucket, ClassTable, SkillProfile, TermsClass};
use crate::table::{PersonRow, RULES, SuitablePair};

/// The rules each class of one bucket fails for one person, and how many of the person's
/// candidates in the bucket belong to each class.
#[derive(Default)]
struct ClassRules {
    terms: ClassTable<TermsClass, RuleSet>,
    skills: ClassTable<SkillProfile, RuleSet>,
    terms_seen: ClassTable<TermsClass, u32>,
    skills_seen: ClassTable<SkillProfile, u32>,
}

impl ClassRules {
    /// Decides the rules of every class of `bucket` on its representative post; every record
    /// of the bucket counts as a candidate until [`ClassRules::leave_out`] says otherwise.
    fn decide(&mut self, view: &PersonView<'_, '_>, bucket: &Bucket<'_>) {
        self.terms.refill(
            bucket
                .terms_representatives()
                .map(|post| view.post_rules(post)),
        );
        self.skills.refill(
            bucket
                .skill_representatives()
                .map(|post| view.skill_rules(post)),
        );
        self.terms_seen.refill(bucket.terms_sizes.iter().copied());
        self.skills_seen.refill(bucket.skill_sizes.iter().copied());
    }

    /// Takes the records of a group no tier may offer the person out of the counts.
    fn leave_out(&mut self, bucket: &Bucket<'_>, group: std::ops::Range<usize>) {
        for class in &bucket.classes[group] {
            self.terms_seen[class.terms] -= 1;
            self.skills_seen[class.skills] -= 1;
        }
    }

    /// Adds, per rule, the candidates of the bucket whose class fails it.
    fn count_into(&self, excluded: &mut [u32; RULES]) {
        let classes = self.terms.iter().zip(self.terms_seen.iter());
        for (rules, &seen) in classes.chain(self.skills.iter().zip(self.skills_seen.iter())) {
            for rule in rules.positions() {
                excluded[rule] += seen;
            }
        }
    }
}

/// The row of `person` (who has no excluded pairs): the same as checking every candidate pair
/// with [`PersonView::check`].
pub(crate) fn screen_row(
    index: &RoundIndex<'_>,
    view: &PersonView<'_, '_>,
    person: PersonIx,
) -> PersonRow {
    debug_assert!(!view.has_exclusions());
    let who = &index.people[person];
    let weights = &index.policy.weights;
    let mut row = PersonRow::default();
    let mut classes = ClassRules::default();
    let mut worth_a_look: Vec<(usize, RuleSet)> = Vec::new();
    row.outside_window = index.for_each_candidate_bucket(person, |bucket| {
        classes.decide(view, &bucket);
        for group in bucket.groups() {
            // One employer and one site: the same tier and the same travel rules for every post.
            let first = &bucket.records[group.start];
            let Some(level) = index.level_of(who, first) else {
                classes.leave_out(&bucket, group);
                continue;
            };
            let site = view.site_rules(first);
            let size = count(group.len());
            row.candidates += size;
            for rule in site.positions() {
                row.excluded[rule] += size;
            }
            // A post of this group fails at least the site's rules: when that is more than one
            // and more than the nearest misses kept fail, none of its posts is looked at.
            let mut bound = row.nearest.bound();
            if !site.at_most_one() && site.len() > bound {
                continue;
            }
            // The posts worth a look: suitable, failing one rule alone, or (until three misses
            // failing one rule are kept) failing few enough rules to be among the nearest.
            let wide = bound > 1;
            let (terms, skills) = (&classes.terms, &classes.skills);
            worth_a_look.clear();
            for (at, class) in (group.start..).zip(&bucket.classes[group]) {
                let failed = site.union(terms[class.terms]).union(skills[class.skills]);
                if wide || failed.at_most_one() {
                    worth_a_look.push((at, failed));
                }
            }
            for &(at, failed) in &worth_a_look {
                let post = &bucket.records[at];
                if failed.is_empty() {
                    let facts = view.facts_of(post);
                    let cost =
                        soft_costs(index, person, post.vacancy, &facts).weighted_total(weights);
                    row.suitable.push(SuitablePair {
                        vacancy: post.vacancy,
                        level,
                        cost,
                    });
                    continue;
                }
                let alone = failed.at_most_one();
                if alone {
                    for rule in failed.positions() {
                        row.excluded_alone[rule] += 1;
                    }
                }
                if alone || (bound > 1 && failed.len() <= bound) {
                    row.nearest.offer(post, failed);
                    bound = row.nearest.bound();
                }
            }
        }
        classes.count_into(&mut row.excluded);
    });
    row.suitable.sort_unstable_by_key(|pair| pair.vacancy);
    row
}

#[cfg(test)]
mod tests;
