//! Vacancies as the hot path reads them.
//!
//! This module owns [`PostTerms`], the compact record of one vacancy that the hard rules and the
//! ring-fence scopes read for every candidate pair (80 bytes, every reference interned; the
//! footprint and region are looked up from the employer), and [`Buckets`]: copies of those records grouped by bucket (a scope unit and a
//! band) in one contiguous array. Walking a person's candidates then reads memory in order, one
//! record after the next, instead of jumping between vacancies scattered over the scenario; at
//! England scale that is the difference between the eligibility table waiting on memory and
//! not. Inside each bucket, records are in vacancy id order.

use crate::skills::SkillMask;
use redeploy_model::{EmployerIx, SiteIx, VacancyIx};

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

/// Post records grouped by bucket, each bucket contiguous, in one array.
#[derive(Debug, Clone, Default)]
pub(crate) struct Buckets {
    records: Vec<PostTerms>,
    /// Bucket `b` is `records[starts[b]..starts[b + 1]]`.
    starts: Vec<usize>,
}

impl Buckets {
    /// Groups `records` into `count` buckets, `bucket_of` saying which bucket each goes to (or
    /// none); records keep their order inside a bucket.
    pub fn new(
        count: usize,
        records: &[PostTerms],
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
        Buckets {
            records: grouped,
            starts,
        }
    }

    /// The records of bucket `bucket`.
    pub fn get(&self, bucket: usize) -> &[PostTerms] {
        &self.records[self.starts[bucket]..self.starts[bucket + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(vacancy: u32, band: u8) -> PostTerms {
        PostTerms {
            vacancy: redeploy_model::Ix::from_position(vacancy),
            band,
            ..PostTerms::default()
        }
    }

    #[test]
    fn buckets_keep_order_and_leave_out_what_has_no_bucket() {
        let records = [post(0, 2), post(1, 0), post(2, 2), post(3, 9), post(4, 1)];
        let buckets = Buckets::new(3, &records, |p| {
            (usize::from(p.band) < 3).then_some(usize::from(p.band))
        });
        let ids = |b: usize| {
            buckets
                .get(b)
                .iter()
                .map(|p| redeploy_model::Ix::raw(p.vacancy))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(0), [1]);
        assert_eq!(ids(1), [4]);
        assert_eq!(ids(2), [0, 2]);
    }

    #[test]
    fn a_post_record_takes_80_bytes() {
        assert_eq!(std::mem::size_of::<PostTerms>(), 80);
    }

    #[test]
    fn empty_buckets_are_empty_slices() {
        let buckets = Buckets::new(4, &[], |_| Some(0));
        assert!((0..4).all(|b| buckets.get(b).is_empty()));
    }
}
