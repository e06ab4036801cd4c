//! Candidate buckets: the vacancies a person's candidates are read from, and the band window.
//!
//! This module owns [`CandidateBuckets`] and [`BandWindow`], the one place the band rules'
//! limits are worked out (the buckets a person reads, the person view's band rules and the
//! explanations all read it), and the walks over a person's candidates.
//!
//! A person's candidates are the vacancies a ring-fence tier of the policy could offer them and
//! whose band lies inside the policy's band window. A vacancy is *open* when it is ring-fenced for
//! at-risk staff beyond its employer (`ring_fenced`, or every vacancy when the policy sets
//! `block_external_recruitment`); open vacancies sit in a bucket per (widest-tier scope, band),
//! the others in a bucket per (employer, band), because only the employer's own staff may be
//! offered them. A person's candidates are therefore the open buckets of their widest scope plus
//! the closed buckets of their own employer, over the bands of their window: no pair outside
//! that set is ever looked at. The buckets also number each vacancy's terms class and skill
//! profile (vacancies sharing the fields the terms rules, or the skill rules, read), for the
//! screen in `screen.rs`.

use redeploy_model::{Ix, PersonIx};

use crate::index::{BANDS, PersonEntry, RoundIndex, count};
use rustc_hash::FxHashMap;

use crate::posts::{Bucket, Buckets, ClassKeys, PostTerms};

/// A band index as the post records and band windows hold it (there are 12 bands).
pub(crate) fn band_ordinal(index: usize) -> u8 {
    u8::try_from(index.min(BANDS - 1)).unwrap_or_default()
}

/// The bands a person's posts may have, as the band rules compare them (band 1 counted as
/// `sae.band_1` says): the one place the band rules' limits are worked out. The eligibility
/// table's buckets, the person view's band rules and the explanations all read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BandWindow {
    /// The person's band.
    pub band: u8,
    /// The lowest band a post may have (`sae.max_band_drop` below).
    pub low: u8,
    /// The highest band a post may have (`sae.max_band_rise`, plus
    /// `sae.reasonable_adjustment_band_rise` for a reasonable adjustment, above).
    pub high: u8,
}

impl BandWindow {
    /// Whether a post of band `band` is too far below the person's band (the band-drop rule).
    #[inline(always)]
    pub fn too_low(&self, band: u8) -> bool {
        band < self.low
    }

    /// Whether a post of band `band` is too far above the person's band (the band-rise rule).
    #[inline(always)]
    pub fn too_high(&self, band: u8) -> bool {
        band > self.high
    }

    /// Bands from the person's band to `band` (negative below).
    pub fn steps_to(&self, band: u8) -> i32 {
        i32::from(band) - i32::from(self.band)
    }
}

/// Vacancies a tier could offer a person that lie outside their band window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct OutsideWindow {
    /// Below the lowest band the window allows.
    pub below: u32,
    /// Above the highest band the window allows.
    pub above: u32,
}

/// The vacancies of a round grouped for reading candidates: open vacancies per (widest scope
/// unit, band), the others per (employer, band), each bucket grouped by (employer, site) and
/// each group in vacancy id order.
#[derive(Debug, Clone, Default)]
pub(crate) struct CandidateBuckets {
    /// Open vacancies per (widest scope unit, band).
    open: Buckets,
    /// Vacancies only the employer's own staff may take, per (employer, band).
    closed: Buckets,
}

impl CandidateBuckets {
    /// The buckets of `index`'s vacancies.
    pub fn new(index: &RoundIndex<'_>) -> CandidateBuckets {
        // By employer and site, then in vacancy id order, so that each bucket's groups are
        // contiguous and each group in id order; a vacancy with no post open this round is no
        // one's candidate.
        let mut terms: Vec<PostTerms> = index
            .vacancies
            .iter()
            .map(|entry| entry.terms)
            .filter(|post| index.constraints.in_round(post.vacancy))
            .collect();
        terms.sort_unstable_by_key(|post| (post.employer, post.site, post.id_rank));
        let (terms_classes, terms_count) = number_classes(index, |post, _| {
            (
                post.wte.to_bits(),
                post.registration,
                post.fixed_term,
                post.job_family,
                post.band,
            )
        });
        let (skill_profiles, skill_count) = number_classes(index, |post, index| {
            (index.essential_of(post.vacancy), index.trainable_in(post))
        });
        let keys = ClassKeys {
            terms: &terms_classes,
            skills: &skill_profiles,
            counts: (terms_count, skill_count),
        };
        let band = |post: &PostTerms| usize::from(post.band);
        let units = index.unit_count(index.widest);
        let open = Buckets::new(units * BANDS, &terms, &keys, |post| {
            let unit = index.unit_of_employer(index.widest, post.employer);
            post.open.then(|| unit.position() * BANDS + band(post))
        });
        // Closed vacancies go to their employer's association group, whose staff alone may
        // take them.
        let mut closed = Buckets::new(index.ids.employers.len() * BANDS, &terms, &keys, |post| {
            let group = index.ids.employer_group[post.employer];
            (!post.open).then(|| group.position() * BANDS + band(post))
        });
        closed.number_from(open.len());
        CandidateBuckets { open, closed }
    }

    /// How many buckets there are, open and closed: every bucket's number is below it.
    pub fn count(&self) -> usize {
        self.open.len() + self.closed.len()
    }
}

/// Numbers the vacancies' classes under `key` (vacancies with equal keys share a class): the
/// class of each vacancy, by position, and how many classes there are.
fn number_classes<'i, 's, K: std::hash::Hash + Eq>(
    index: &'i RoundIndex<'s>,
    key: impl Fn(&'i PostTerms, &'i RoundIndex<'s>) -> K,
) -> (Vec<u32>, usize) {
    let mut numbers: FxHashMap<K, u32> = FxHashMap::default();
    let classes = index
        .vacancies
        .iter()
        .map(|entry| {
            let next = count(numbers.len());
            *numbers.entry(key(&entry.terms, index)).or_insert(next)
        })
        .collect();
    (classes, numbers.len())
}

impl RoundIndex<'_> {
    /// The most bands above their own a person may move to: `sae.max_band_rise`, plus
    /// `sae.reasonable_adjustment_band_rise` for a reasonable adjustment.
    pub fn band_rise(&self, person: PersonIx) -> u32 {
        let limits = self.policy.limits();
        let mut rise = u32::from(limits.band_rise);
        if self.ids.people[person].reasonable_adjustment {
            rise += u32::from(limits.reasonable_adjustment_band_rise);
        }
        rise
    }

    /// The band window of a person: their band and the lowest and highest band a post may
    /// have, as the band rules compare bands.
    pub fn band_window(&self, person: PersonIx) -> BandWindow {
        let sae = &self.policy.sae;
        let band = sae.band_1.rule_index(self.ids.people[person].band.index());
        BandWindow {
            band: band_ordinal(band),
            low: band_ordinal(band.saturating_sub(usize::from(self.policy.limits().band_drop))),
            high: band_ordinal(band + self.band_rise(person) as usize),
        }
    }

    /// Calls `visit` with every candidate vacancy of a person (its record and the first tier
    /// that may offer it): in the widest scope, open to them, with a band inside their window.
    /// Returns how many vacancies a tier could offer the person but the band window left out,
    /// below and above it.
    pub fn for_each_candidate(
        &self,
        person: PersonIx,
        mut visit: impl FnMut(&PostTerms, u8),
    ) -> OutsideWindow {
        let who = &self.people[person];
        self.for_each_candidate_bucket(person, |bucket| {
            for post in bucket.records {
                if let Some(level) = self.level_of(who, post) {
                    visit(post, level);
                }
            }
        })
    }

    /// Calls `visit` with every bucket a person's candidates are read from (the open bucket of
    /// their widest scope and the closed bucket of their employer, for each band of their
    /// window). Returns how many vacancies a tier could offer the person but the band window
    /// left out, below and above it.
    pub fn for_each_candidate_bucket<'b>(
        &'b self,
        person: PersonIx,
        mut visit: impl FnMut(Bucket<'b>),
    ) -> OutsideWindow {
        let who = &self.people[person];
        let window = self.band_window(person);
        let (low, high) = (usize::from(window.low), usize::from(window.high));
        let mut outside = OutsideWindow::default();
        for band in 0..BANDS {
            let buckets = self.buckets_of(who, band);
            if band < low || band > high {
                let count = count(buckets.iter().map(|b| b.records.len()).sum());
                if band < low {
                    outside.below += count;
                } else {
                    outside.above += count;
                }
            } else {
                buckets.into_iter().for_each(&mut visit);
            }
        }
        outside
    }

    /// Calls `visit` with every vacancy a tier could offer a person whose band lies just outside
    /// their window (one band below it or one band above it), with the first tier that may offer
    /// it: the posts worth showing as near misses.
    pub fn for_each_just_outside_window(
        &self,
        person: PersonIx,
        mut visit: impl FnMut(&PostTerms, u8),
    ) {
        let who = &self.people[person];
        for bucket in self.buckets_just_outside_window(person) {
            for post in bucket.records {
                if let Some(level) = self.level_of(who, post) {
                    visit(post, level);
                }
            }
        }
    }

    /// The buckets of the vacancies a tier could offer a person one band below or one band above
    /// their window (every post in them is in the person's scope).
    pub fn buckets_just_outside_window(
        &self,
        person: PersonIx,
    ) -> impl Iterator<Item = Bucket<'_>> {
        let who = &self.people[person];
        let window = self.band_window(person);
        let (low, high) = (usize::from(window.low), usize::from(window.high));
        let below = low.checked_sub(1);
        let above = (high + 1 < BANDS).then_some(high + 1);
        below
            .into_iter()
            .chain(above)
            .flat_map(move |band| self.buckets_of(who, band))
    }

    /// The open bucket of a person's widest scope and the closed bucket of their employer (with
    /// its associates), for one band.
    fn buckets_of(&self, who: &PersonEntry, band: usize) -> [Bucket<'_>; 2] {
        let unit = self.unit_of_employer(self.widest, who.employer);
        [
            self.candidates.open.bucket(unit.position() * BANDS + band),
            self.candidates
                .closed
                .bucket(self.ids.employer_group[who.employer].position() * BANDS + band),
        ]
    }
}
