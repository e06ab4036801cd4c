//! Vacancies as the hot path reads them.
//!
//! This module owns [`PostTerms`], the compact record of one vacancy that the hard rules and the
//! ring-fence scopes read for every candidate pair (80 bytes, every reference interned; the
//! footprint and region are looked up from the employer), and [`Buckets`]: copies of those
//! records grouped by bucket (a scope unit and a band) in one contiguous array. Walking a
//! person's candidates then reads memory in order, one record after the next, instead of jumping
//! between vacancies scattered over the scenario. Inside each bucket, records are grouped by
//! (employer, site), each group in vacancy id order, and each record carries its [`PostClass`]:
//! which of the bucket's terms classes and skill profiles it belongs to, each with one
//! representative record and its size, so the screen (`screen.rs`) decides a rule once per group
//! or class.

use crate::skills::SkillMask;
use redeploy_model::{EmployerIx, Ix, SiteIx, VacancyIx};

redeploy_model::typed_id!(
    /// A terms class of one bucket: posts sharing band, hours, registration, contract and job
    /// family. Numbered from 0 in each bucket.
    pub(crate) TermsClass
);
redeploy_model::typed_id!(
    /// A skill profile of one bucket: posts sharing their essential and trainable skills.
    /// Numbered from 0 in each bucket.
    pub(crate) SkillProfile
);

/// One value per class of a bucket, indexed only by that kind of class; cleared and refilled for
/// each bucket, so its allocation is reused.
#[derive(Debug, Clone)]
pub(crate) struct ClassTable<I, T> {
    items: Vec<T>,
    marker: std::marker::PhantomData<fn(I) -> I>,
}

impl<I, T> Default for ClassTable<I, T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            marker: std::marker::PhantomData,
        }
    }
}

impl<I: Ix, T> ClassTable<I, T> {
    /// Replaces the values with `values`, one per class in class order.
    pub fn refill(&mut self, values: impl IntoIterator<Item = T>) {
        self.items.clear();
        self.items.extend(values);
    }

    /// The values in class order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }
}

impl<I: Ix, T> ClassTable<I, T> {
    /// The values as a borrowed table, for loops that read many of them.
    pub fn view(&self) -> ClassView<'_, I, T> {
        ClassView {
            items: &self.items,
            marker: std::marker::PhantomData,
        }
    }
}

/// A borrowed [`ClassTable`].
#[derive(Debug)]
pub(crate) struct ClassView<'t, I, T> {
    items: &'t [T],
    marker: std::marker::PhantomData<fn(I) -> I>,
}

impl<I, T> Clone for ClassView<'_, I, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, T> Copy for ClassView<'_, I, T> {}

impl<I: Ix, T> std::ops::Index<I> for ClassView<'_, I, T> {
    type Output = T;
    #[inline]
    fn index(&self, class: I) -> &T {
        &self.items[class.position()]
    }
}

impl<I: Ix, T> std::ops::Index<I> for ClassTable<I, T> {
    type Output = T;
    #[inline]
    fn index(&self, class: I) -> &T {
        &self.items[class.position()]
    }
}

impl<I: Ix, T> std::ops::IndexMut<I> for ClassTable<I, T> {
    #[inline]
    fn index_mut(&mut self, class: I) -> &mut T {
        &mut self.items[class.position()]
    }
}

/// A vacancy's essential and trainable skills as bit masks (what the skill rules read).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct VacancySkillMasks {
    /// Essential skills that cannot be trained.
    pub essential: SkillMask,
    /// Essential skills that may be trained instead.
    pub trainable: SkillMask,
}

/// What the hard rules and the ring-fence scopes need of one vacancy.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PostTerms {
    /// Position of the vacancy in `scenario.vacancies`.
    pub vacancy: VacancyIx,
    pub employer: EmployerIx,
    pub site: SiteIx,
    pub job_family: u32,
    pub registration: Option<u32>,
    /// Band ordinal.
    pub band: u8,
    pub fixed_term: bool,
    /// Open to at-risk staff of other employers in scope.
    pub open: bool,
    pub wte: f64,
    /// Position of the vacancy's id in sorted id order (the final tie-break).
    pub id_rank: u32,
    /// Trainable skills with their weeks: a range of the index's trainable arena.
    pub trainable: (u32, u32),
    /// Whether `masks` holds the essential and trainable skills (every one lies in the mask
    /// range).
    pub masked: bool,
    /// The essential and trainable skills as bit masks when `masked`, else empty.
    pub masks: VacancySkillMasks,
}

impl PostTerms {
    /// The essential and trainable skills as bit masks, when every one lies in the mask range.
    pub fn skill_masks(&self) -> Option<VacancySkillMasks> {
        self.masked.then_some(self.masks)
    }
}

/// The classes of one post record: which of its bucket's terms classes and skill profiles it
/// belongs to (positions in the bucket's lists of representatives).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PostClass {
    /// Posts of one terms class share band, hours, registration, contract and job family.
    pub terms: TermsClass,
    /// Posts of one skill profile share their essential and trainable skills.
    pub skills: SkillProfile,
}

/// Post records grouped by bucket, each bucket contiguous, in one array; inside a bucket, the
/// records of one (employer, site) form a contiguous group, each group in the records' order.
/// Each bucket also lists one representative record of each terms class and of each skill
/// profile among its records, and each record its classes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Buckets {
    records: Vec<PostTerms>,
    classes: Vec<PostClass>,
    /// Bucket `b` is `records[starts[b]..starts[b + 1]]`.
    starts: Vec<usize>,
    /// Ends of the groups, as positions in `records`; bucket `b`'s groups are
    /// `group_ends[group_starts[b]..group_starts[b + 1]]`.
    group_ends: Vec<u32>,
    group_starts: Vec<usize>,
    /// Representatives of each bucket's terms classes, as positions in the bucket, and how many
    /// of the bucket's records belong to each.
    terms_reps: Vec<u32>,
    terms_sizes: Vec<u32>,
    terms_starts: Vec<usize>,
    /// Representatives of each bucket's skill profiles, as positions in the bucket, and how many
    /// of the bucket's records belong to each.
    skill_reps: Vec<u32>,
    skill_sizes: Vec<u32>,
    skill_starts: Vec<usize>,
    /// The number of the first bucket among the round's buckets (see [`Bucket::number`]).
    first_number: usize,
}

/// One bucket of [`Buckets`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bucket<'b> {
    /// The bucket's number, unique among the round's buckets (open and closed), below
    /// `CandidateBuckets::count`.
    pub number: usize,
    /// The records, group after group.
    pub records: &'b [PostTerms],
    /// The classes of each record.
    pub classes: &'b [PostClass],
    /// The end of each group, as a position in `records`, in order.
    pub group_ends: &'b [u32],
    /// A record of each terms class, as a position in `records`.
    terms_reps: &'b [u32],
    /// How many records each terms class has.
    pub terms_sizes: &'b [u32],
    /// A record of each skill profile, as a position in `records`.
    skill_reps: &'b [u32],
    /// How many records each skill profile has.
    pub skill_sizes: &'b [u32],
}

impl<'b> Bucket<'b> {
    /// One record of each terms class, in class order.
    pub fn terms_representatives(&self) -> impl Iterator<Item = &'b PostTerms> + 'b {
        let records = self.records;
        self.terms_reps.iter().map(move |&at| &records[at as usize])
    }

    /// One record of each skill profile, in class order.
    pub fn skill_representatives(&self) -> impl Iterator<Item = &'b PostTerms> + 'b {
        let records = self.records;
        self.skill_reps.iter().map(move |&at| &records[at as usize])
    }

    /// The groups of records at one (employer, site), in order.
    pub fn groups(&self) -> impl Iterator<Item = std::ops::Range<usize>> + 'b {
        let mut start = 0;
        self.group_ends.iter().map(move |&end| {
            let range = start..end as usize;
            start = end as usize;
            range
        })
    }
}

/// Global class ids of a record: its terms class and its skill profile, each numbered from 0
/// over the round.
pub(crate) struct ClassKeys<'k> {
    /// The terms class of each vacancy, by vacancy position.
    pub terms: &'k [u32],
    /// The skill profile of each vacancy, by vacancy position.
    pub skills: &'k [u32],
    /// How many terms classes and skill profiles there are.
    pub counts: (usize, usize),
}

/// Numbers each class of a bucket in first-seen order, with a stamp per global class so the
/// table is not cleared between buckets.
struct LocalClasses {
    /// Per global class: (bucket stamp, local number).
    seen: Vec<(usize, u32)>,
    /// A record of each class of every bucket so far, as a position in its bucket.
    reps: Vec<u32>,
    /// How many records each class of every bucket so far has.
    sizes: Vec<u32>,
    /// Where the current bucket's classes start in `reps`.
    first: usize,
}

impl LocalClasses {
    fn new(count: usize) -> Self {
        LocalClasses {
            seen: vec![(usize::MAX, 0); count],
            reps: Vec::new(),
            sizes: Vec::new(),
            first: 0,
        }
    }

    /// Starts the classes of a new bucket.
    fn start_bucket(&mut self) {
        self.first = self.reps.len();
    }

    /// The local number of `class` in bucket `bucket`, with `position` as its representative
    /// when the class is new to the bucket.
    fn number(&mut self, bucket: usize, class: u32, position: u32) -> u32 {
        let slot = &mut self.seen[class as usize];
        if slot.0 != bucket {
            *slot = (bucket, crate::index::count(self.reps.len() - self.first));
            self.reps.push(position);
            self.sizes.push(0);
        }
        self.sizes[self.first + slot.1 as usize] += 1;
        slot.1
    }
}

impl Buckets {
    /// Groups `records` into `count` buckets, `bucket_of` saying which bucket each goes to (or
    /// none), each record given its classes of `keys`. Records keep their order inside a bucket;
    /// given in (employer, site) order, each bucket's records at one (employer, site) form one
    /// group.
    pub fn new(
        count: usize,
        records: &[PostTerms],
        keys: &ClassKeys<'_>,
        bucket_of: impl Fn(&PostTerms) -> Option<usize>,
    ) -> Buckets {
        let mut starts = vec![0usize; count + 1];
        for record in records {
            if let Some(bucket) = bucket_of(record) {
                starts[bucket + 1] += 1;
            }
        }
        for bucket in 0..count {
            starts[bucket + 1] += starts[bucket];
        }
        let mut next = starts.clone();
        let mut grouped = vec![PostTerms::default(); starts[count]];
        for record in records {
            if let Some(bucket) = bucket_of(record) {
                grouped[next[bucket]] = *record;
                next[bucket] += 1;
            }
        }
        let mut buckets = Buckets {
            classes: Vec::with_capacity(grouped.len()),
            starts,
            group_starts: vec![0],
            terms_starts: vec![0],
            skill_starts: vec![0],
            ..Buckets::default()
        };
        let mut terms = LocalClasses::new(keys.counts.0);
        let mut skills = LocalClasses::new(keys.counts.1);
        for bucket in 0..count {
            let (start, end) = (buckets.starts[bucket], buckets.starts[bucket + 1]);
            let records = &grouped[start..end];
            debug_assert!(
                records.is_sorted_by_key(|post| (post.employer, post.site)),
                "records are given in (employer, site) order"
            );
            terms.start_bucket();
            skills.start_bucket();
            for (position, post) in records.iter().enumerate() {
                let at = crate::index::count(position);
                if position > 0 {
                    let before = &records[position - 1];
                    if (before.employer, before.site) != (post.employer, post.site) {
                        buckets.group_ends.push(at);
                    }
                }
                let vacancy = post.vacancy.position();
                buckets.classes.push(PostClass {
                    terms: TermsClass::from_position(terms.number(bucket, keys.terms[vacancy], at)),
                    skills: SkillProfile::from_position(skills.number(
                        bucket,
                        keys.skills[vacancy],
                        at,
                    )),
                });
            }
            if !records.is_empty() {
                buckets.group_ends.push(crate::index::count(records.len()));
            }
            buckets.group_starts.push(buckets.group_ends.len());
            buckets.terms_starts.push(terms.reps.len());
            buckets.skill_starts.push(skills.reps.len());
        }
        buckets.records = grouped;
        (buckets.terms_reps, buckets.terms_sizes) = (terms.reps, terms.sizes);
        (buckets.skill_reps, buckets.skill_sizes) = (skills.reps, skills.sizes);
        buckets
    }

    /// How many buckets there are.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Numbers the buckets from `first` on (see [`Bucket::number`]).
    pub fn number_from(&mut self, first: usize) {
        self.first_number = first;
    }

    /// Bucket `bucket` with its groups and classes.
    pub fn bucket(&self, bucket: usize) -> Bucket<'_> {
        let (start, end) = (self.starts[bucket], self.starts[bucket + 1]);
        let terms = self.terms_starts[bucket]..self.terms_starts[bucket + 1];
        let skills = self.skill_starts[bucket]..self.skill_starts[bucket + 1];
        Bucket {
            number: self.first_number + bucket,
            records: &self.records[start..end],
            classes: &self.classes[start..end],
            group_ends: &self.group_ends[self.group_starts[bucket]..self.group_starts[bucket + 1]],
            terms_reps: &self.terms_reps[terms.clone()],
            terms_sizes: &self.terms_sizes[terms],
            skill_reps: &self.skill_reps[skills.clone()],
            skill_sizes: &self.skill_sizes[skills],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(vacancy: u32, band: u8) -> PostTerms {
        PostTerms {
            vacancy: Ix::from_position(vacancy),
            band,
            ..PostTerms::default()
        }
    }

    fn at(vacancy: u32, employer: u32, site: u32) -> PostTerms {
        PostTerms {
            employer: Ix::from_position(employer),
            site: Ix::from_position(site),
            ..post(vacancy, 0)
        }
    }

    /// Every vacancy in one class of each kind.
    fn one_class(vacancies: usize) -> (Vec<u32>, Vec<u32>) {
        (vec![0; vacancies], vec![0; vacancies])
    }

    fn keys<'k>(classes: &'k (Vec<u32>, Vec<u32>)) -> ClassKeys<'k> {
        let count = |list: &[u32]| list.iter().max().map_or(0, |&c| c as usize + 1);
        ClassKeys {
            terms: &classes.0,
            skills: &classes.1,
            counts: (count(&classes.0), count(&classes.1)),
        }
    }

    fn ids(records: &[PostTerms]) -> Vec<u32> {
        records.iter().map(|p| p.vacancy.raw()).collect()
    }

    #[test]
    fn buckets_keep_order_and_leave_out_what_has_no_bucket() {
        let records = [post(0, 2), post(1, 0), post(2, 2), post(3, 9), post(4, 1)];
        let classes = one_class(5);
        let buckets = Buckets::new(3, &records, &keys(&classes), |p| {
            (usize::from(p.band) < 3).then_some(usize::from(p.band))
        });
        assert_eq!(ids(buckets.bucket(0).records), [1]);
        assert_eq!(ids(buckets.bucket(1).records), [4]);
        assert_eq!(ids(buckets.bucket(2).records), [0, 2]);
    }

    #[test]
    fn a_bucket_groups_its_records_by_employer_and_site_each_group_in_order() {
        let mut records = [
            at(0, 1, 5),
            at(1, 0, 7),
            at(2, 1, 5),
            at(3, 0, 2),
            at(4, 0, 7),
        ];
        records.sort_by_key(|post| (post.employer, post.site));
        let classes = one_class(5);
        let buckets = Buckets::new(1, &records, &keys(&classes), |_| Some(0));
        let bucket = buckets.bucket(0);
        let groups: Vec<Vec<u32>> = bucket
            .groups()
            .map(|group| ids(&bucket.records[group]))
            .collect();
        assert_eq!(groups, [vec![3], vec![1, 4], vec![0, 2]]);
    }

    #[test]
    fn each_class_of_a_bucket_has_one_representative_of_that_class() {
        let records = [post(0, 0), post(1, 0), post(2, 1), post(3, 0), post(4, 1)];
        let classes = (vec![3, 1, 3, 3, 0], vec![0, 0, 1, 2, 1]);
        let buckets = Buckets::new(2, &records, &keys(&classes), |p| Some(usize::from(p.band)));
        for b in 0..2 {
            let bucket = buckets.bucket(b);
            for (record, class) in bucket.records.iter().zip(bucket.classes) {
                let v = record.vacancy.position();
                let terms_rep = bucket
                    .terms_representatives()
                    .nth(class.terms.position())
                    .unwrap();
                let skill_rep = bucket
                    .skill_representatives()
                    .nth(class.skills.position())
                    .unwrap();
                assert_eq!(classes.0[terms_rep.vacancy.position()], classes.0[v]);
                assert_eq!(classes.1[skill_rep.vacancy.position()], classes.1[v]);
            }
        }
        // Bucket 0 holds vacancies 0, 1 and 3: terms classes 3 and 1, skill profiles 0 and 2.
        assert_eq!(buckets.bucket(0).terms_reps.len(), 2);
        assert_eq!(buckets.bucket(0).skill_reps.len(), 2);
    }

    #[test]
    fn a_post_record_takes_80_bytes() {
        assert_eq!(std::mem::size_of::<PostTerms>(), 80);
    }

    #[test]
    fn empty_buckets_are_empty() {
        let buckets = Buckets::new(4, &[], &keys(&one_class(0)), |_| Some(0));
        assert!((0..4).all(|b| buckets.bucket(b).records.is_empty()));
        assert!((0..4).all(|b| buckets.bucket(b).groups().next().is_none()));
    }
}
