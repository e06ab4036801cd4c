//! Interned skills and sets of them.
//!
//! This module owns [`SkillId`], a skill interned by the round's index (`index.rs` makes them,
//! and reads a skill's id back from them), [`SkillSet`], the form a person's skills take in the hot path of
//! eligibility: a bit mask for the first 128 skills of the catalogue (one instruction per
//! membership test) and a sorted list for any beyond; and [`SkillMask`], the form a vacancy's
//! skill lists take when every skill on them lies in the mask's range, so that whether a person
//! holds every skill of a list is one `AND NOT`.

/// Skill ids below this are held in a bit mask; the rest in a sorted list.
const MASK_SKILLS: u32 = 128;

/// A skill interned by the round's index: its position among the round's skill ids
/// (`RoundIndex::skill_name` reads the id back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct SkillId(u32);

impl SkillId {
    /// The skill interned at `position` (only the index's interner numbers skills).
    pub fn interned(position: u32) -> SkillId {
        SkillId(position)
    }

    /// The skill's position among the interned skills.
    pub fn position(self) -> usize {
        self.0 as usize
    }
}

/// A set of interned skills: a bit mask for the first 128 skills of the catalogue, a sorted list
/// for any beyond, so that membership is one instruction for every usual catalogue. Two sets are
/// equal when they hold the same skills.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct SkillSet {
    mask: u128,
    beyond: Vec<SkillId>,
}

impl SkillSet {
    /// The set of the given skills (duplicates ignored).
    pub fn new(mut skills: Vec<SkillId>) -> SkillSet {
        skills.sort_unstable();
        skills.dedup();
        let mut set = SkillSet::default();
        for skill in skills {
            if skill.0 < MASK_SKILLS {
                set.mask |= 1 << skill.0;
            } else {
                set.beyond.push(skill);
            }
        }
        set
    }

    /// Whether the set holds the skill.
    pub fn holds(&self, skill: SkillId) -> bool {
        if skill.0 < MASK_SKILLS {
            self.mask & (1 << skill.0) != 0
        } else {
            self.beyond.binary_search(&skill).is_ok()
        }
    }
}

/// A list of distinct skills as a bit mask; only for lists whose skills all lie below 128.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct SkillMask(pub u128);

impl SkillMask {
    /// The mask of a list of distinct skills, or `None` when one of them is 128 or beyond.
    pub fn of(skills: &[SkillId]) -> Option<SkillMask> {
        skills
            .iter()
            .try_fold(SkillMask(0), |mask, &SkillId(skill)| {
                (skill < MASK_SKILLS).then(|| SkillMask(mask.0 | 1 << skill))
            })
    }

    /// Whether the set holds every listed skill.
    pub fn all_held_by(self, set: &SkillSet) -> bool {
        self.0 & !set.mask == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(skills: &[u32]) -> Vec<SkillId> {
        skills.iter().copied().map(SkillId).collect()
    }

    #[test]
    fn mask_and_list_agree_with_a_plain_search() {
        let held = vec![3, 127, 128, 500, 3, 0];
        let set = SkillSet::new(ids(&held));
        for skill in 0..600 {
            assert_eq!(
                set.holds(SkillId(skill)),
                held.contains(&skill),
                "skill {skill}"
            );
        }
    }

    #[test]
    fn masks_say_whether_a_set_holds_every_skill() {
        let set = SkillSet::new(ids(&[1, 5, 9, 200]));
        let list = ids(&[1, 2, 9, 127]);
        let mask = SkillMask::of(&list).expect("every skill is below 128");
        assert!(!mask.all_held_by(&set));
        assert!(SkillMask::of(&ids(&[1, 9])).is_some_and(|m| m.all_held_by(&set)));
        assert_eq!(SkillMask::of(&ids(&[1, 128])), None);
        assert!(SkillMask::of(&[]).is_some_and(|m| m.all_held_by(&SkillSet::default())));
    }

    #[test]
    fn empty_set_holds_nothing() {
        let set = SkillSet::default();
        assert!(!set.holds(SkillId(0)) && !set.holds(SkillId(127)) && !set.holds(SkillId(128)));
    }
}
