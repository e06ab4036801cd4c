//! Sets of interned skills.
//!
//! This module owns [`SkillSet`], the form a person's skills take in the hot path of
//! eligibility: a bit mask for the first 128 skills of the catalogue (one instruction per
//! membership test) and a sorted list for any beyond.

/// Skill ids below this are held in a bit mask; the rest in a sorted list.
const MASK_SKILLS: u32 = 128;

/// A set of interned skills: a bit mask for the first 128 skills of the catalogue, a sorted list
/// for any beyond, so that membership is one instruction for every usual catalogue.
#[derive(Debug, Clone, Default)]
pub(crate) struct SkillSet {
    mask: u128,
    beyond: Vec<u32>,
}

impl SkillSet {
    /// The set of the given skills (duplicates ignored).
    pub fn new(mut skills: Vec<u32>) -> SkillSet {
        skills.sort_unstable();
        skills.dedup();
        let mut set = SkillSet::default();
        for skill in skills {
            if skill < MASK_SKILLS {
                set.mask |= 1 << skill;
            } else {
                set.beyond.push(skill);
            }
        }
        set
    }

    /// Whether the set holds the skill.
    pub fn holds(&self, skill: u32) -> bool {
        if skill < MASK_SKILLS {
            self.mask & (1 << skill) != 0
        } else {
            self.beyond.binary_search(&skill).is_ok()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_and_list_agree_with_a_plain_search() {
        let held = vec![3, 127, 128, 500, 3, 0];
        let set = SkillSet::new(held.clone());
        for skill in 0..600 {
            assert_eq!(set.holds(skill), held.contains(&skill), "skill {skill}");
        }
    }

    #[test]
    fn empty_set_holds_nothing() {
        let set = SkillSet::default();
        assert!(!set.holds(0) && !set.holds(127) && !set.holds(128));
    }
}
