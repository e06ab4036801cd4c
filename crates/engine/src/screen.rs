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
//! among the nearest misses are looked at one by one. The loop over a group's posts joins the
//! three rule sets as [`CountedRules`] (one addition each, the count of failed rules with them)
//! and keeps the posts worth a look without a branch.
//!
//! A class's rules depend on the person only through a few fields ([`PersonView::terms_key`],
//! [`PersonView::skills_key`]), and many people share them (people in one role hold the same
//! skills). Each worker keeps a [`ScreenCache`]: the rules of every class of the buckets the last
//! people of one key read, reused for the next person of that key; [`screen_order`] puts such
//! people side by side, within one unit of the widest tier so that its buckets stay in the
//! processor's caches.
//!
//! An excluded pair ([`Rule::Excluded`](crate::Rule::Excluded)) is decided per vacancy, so the
//! row of a person with exclusions is built pair by pair (`table.rs`); the property test at the
//! end of this module checks that both ways give the same row.

use redeploy_model::{Ix, PersonIx};

use crate::eligibility::{CountedRules, RuleSet, soft_costs};
use crate::index::{RoundIndex, count};
use crate::person_view::{PersonView, TermsKey};
use crate::posts::{ClassTable, ClassView, PostClass, SkillProfile, TermsClass};
use crate::skills::SkillSet;
use crate::table::{PersonRow, RULES, SuitablePair};

/// The rules each class of one kind of a bucket fails for one person, and how many of the
/// bucket's records fail each rule by their class of that kind.
struct Decided<I> {
    rules: ClassTable<I, CountedRules>,
    totals: [u32; RULES],
}

impl<I> Default for Decided<I> {
    fn default() -> Self {
        Decided {
            rules: ClassTable::default(),
            totals: [0; RULES],
        }
    }
}

impl<I: Ix> Decided<I> {
    /// Decides the rules of every class on its representative post (`rules` of each, in
    /// class order), and counts them over the classes' records (`sizes`, in class order).
    fn decide(&mut self, rules: impl Iterator<Item = RuleSet>, sizes: &[u32]) {
        self.rules.refill(rules.map(CountedRules::new));
        self.totals = [0; RULES];
        for (rules, &size) in self.rules.iter().zip(sizes) {
            for rule in rules.rules().positions() {
                self.totals[rule] += size;
            }
        }
    }
}

/// The class rules of the buckets a run of people read, for people whose fields those rules
/// read are equal: decided for the first of them, reused for the next.
struct Memo<K, I> {
    /// What the rules read of the people the tables are for.
    key: Option<K>,
    /// Bumped when the key changes, so that `slots` need not be cleared.
    generation: usize,
    /// Per bucket number: the generation its table was decided in, and where the table is.
    slots: Vec<(usize, usize)>,
    /// The tables decided for the key (the rest kept for their allocations).
    tables: Vec<Decided<I>>,
    used: usize,
}

impl<K: PartialEq + Copy, I: Ix> Memo<K, I> {
    fn new(buckets: usize) -> Self {
        Memo {
            key: None,
            generation: 0,
            slots: vec![(0, 0); buckets],
            tables: Vec::new(),
            used: 0,
        }
    }

    /// The rules of every class of bucket `bucket` for a person of key `key`: decided by
    /// `decide` unless decided for an earlier person of the same key.
    fn table(
        &mut self,
        key: K,
        bucket: usize,
        decide: impl FnOnce(&mut Decided<I>),
    ) -> &Decided<I> {
        if self.key != Some(key) {
            self.key = Some(key);
            self.generation += 1;
            self.used = 0;
        }
        let slot = &mut self.slots[bucket];
        if slot.0 != self.generation {
            if self.used == self.tables.len() {
                self.tables.push(Decided::default());
            }
            decide(&mut self.tables[self.used]);
            *slot = (self.generation, self.used);
            self.used += 1;
        }
        &self.tables[slot.1]
    }
}

/// What one worker keeps from one row to the next: the class rules of the last people screened
/// (reused for the next person whose fields those rules read are the same; [`screen_order`]
/// puts such people side by side) and the buffer of a row.
pub(crate) struct ScreenCache<'i> {
    terms: Memo<TermsKey<'i>, TermsClass>,
    skills: Memo<&'i SkillSet, SkillProfile>,
    /// The posts of a group worth a look, from the start (the rest is scratch).
    worth_a_look: Vec<(u32, CountedRules)>,
}

impl<'i> ScreenCache<'i> {
    /// An empty cache for the rows of `index`.
    pub fn new(index: &RoundIndex<'_>) -> Self {
        let buckets = index.candidates.count();
        ScreenCache {
            terms: Memo::new(buckets),
            skills: Memo::new(buckets),
            worth_a_look: Vec::new(),
        }
    }
}

/// `people` in the order the screen builds their rows in: people who read the same open buckets
/// (one unit of the widest tier) together, so that those buckets stay in the processor's caches,
/// and among them people who hold the same skills side by side, and among those people whose
/// terms rules read the same fields, so that each worker's [`ScreenCache`] answers for most of
/// them. The rows do not depend on the order.
pub(crate) fn screen_order(index: &RoundIndex<'_>, people: &mut [PersonIx]) {
    people.sort_by_cached_key(|&person| {
        let view = PersonView::new(index, person);
        let employer = index.people[person].employer;
        let unit = index.unit_of_employer(index.widest, employer);
        (unit, view.skills_key(), view.terms_key(), employer, person)
    });
}

/// The posts of a group worth a look, whose classes are `classes` from position `start` of
/// the bucket on, with the site's rules `site`: suitable, failing one rule alone, or failing
/// few enough rules (at most `bound`) to be among the nearest misses. They are written to the
/// start of `buffer` (as long as the group), with their position in the bucket and the rules
/// they fail; returns how many.
#[inline(always)]
fn worth_a_look_in(
    site: CountedRules,
    (classes, start): (&[PostClass], u32),
    (terms, skills): (
        ClassView<'_, TermsClass, CountedRules>,
        ClassView<'_, SkillProfile, CountedRules>,
    ),
    bound: u32,
    buffer: &mut [(u32, CountedRules)],
) -> usize {
    let mut kept = 0;
    for (at, class) in (start..).zip(classes) {
        let failed = site
            .join_disjoint(terms[class.terms])
            .join_disjoint(skills[class.skills]);
        // Written at every post, kept by moving past it: no branch to mispredict.
        buffer[kept] = (at, failed);
        kept += usize::from(failed.len() <= bound);
    }
    kept
}

/// The row of `person` (who has no excluded pairs): the same as checking every candidate pair
/// with [`PersonView::check`]. `cache` may come from the rows of other people of the round.
pub(crate) fn screen_row<'i>(
    index: &'i RoundIndex<'_>,
    view: &PersonView<'i, '_>,
    person: PersonIx,
    cache: &mut ScreenCache<'i>,
) -> PersonRow {
    debug_assert!(!view.has_exclusions());
    let who = &index.people[person];
    let weights = &index.policy.weights;
    let (terms_key, skills_key) = (view.terms_key(), view.skills_key());
    let ScreenCache {
        terms: terms_memo,
        skills: skills_memo,
        worth_a_look,
    } = cache;
    let mut row = PersonRow::default();
    row.outside_window = index.for_each_candidate_bucket(person, |bucket| {
        // Each class's rules, decided on the class's representative post (or known from an
        // earlier person of the same key), and the records failing each rule by their classes.
        let terms = terms_memo.table(terms_key, bucket.number, |table| {
            let rules = bucket
                .terms_representatives()
                .map(|post| view.post_rules(post));
            table.decide(rules, bucket.terms_sizes);
        });
        let skills = skills_memo.table(skills_key, bucket.number, |table| {
            let rules = bucket
                .skill_representatives()
                .map(|post| view.skill_rules(post));
            table.decide(rules, bucket.skill_sizes);
        });
        for (excluded, (&by_terms, &by_skills)) in
            (row.excluded.iter_mut()).zip(terms.totals.iter().zip(&skills.totals))
        {
            *excluded += by_terms + by_skills;
        }
        if worth_a_look.len() < bucket.records.len() {
            worth_a_look.resize(bucket.records.len(), Default::default());
        }
        for group in bucket.groups() {
            // One employer and one site: the same tier and the same travel rules for every post.
            let first = &bucket.records[group.start];
            let Some(level) = index.level_of(who, first) else {
                // No tier may offer these: not candidates, so out of the classes' counts.
                for class in &bucket.classes[group] {
                    let by_class = terms.rules[class.terms].rules();
                    for rule in by_class
                        .union(skills.rules[class.skills].rules())
                        .positions()
                    {
                        row.excluded[rule] -= 1;
                    }
                }
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
            let kept = worth_a_look_in(
                CountedRules::new(site),
                (&bucket.classes[group.clone()], count(group.start)),
                (terms.rules.view(), skills.rules.view()),
                bound,
                &mut worth_a_look[..group.len()],
            );
            for &(at, failed) in &worth_a_look[..kept] {
                let post = &bucket.records[at as usize];
                let (fails, failed) = (failed.len(), failed.rules());
                if fails == 0 {
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
                let alone = fails == 1;
                if alone {
                    for rule in failed.positions() {
                        row.excluded_alone[rule] += 1;
                    }
                }
                if (alone || (bound > 1 && fails <= bound)) && row.nearest.could_keep(fails, post) {
                    row.nearest.offer(post, failed);
                    bound = row.nearest.bound();
                }
            }
        }
    });
    row.suitable.sort_unstable_by_key(|pair| pair.vacancy);
    row
}

#[cfg(test)]
mod tests;
