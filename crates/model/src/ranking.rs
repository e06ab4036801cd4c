//! Rankings with ties: a person's ranking of vacancies, a vacancy's ranking of people.
//!
//! This module owns [`Ranking`], a weak order over ids written best first. Each entry is one id,
//! or several ids tied with each other: `"V2 = V3"` in a TOML string or a CSV cell, or a nested
//! TOML array `["V2", "V3"]`. Ids not listed are below every listed id (an incomplete list).

/// A ranking of ids, best first, with ties.
///
/// ```
/// use redeploy_model::Ranking;
///
/// let ranking = Ranking::from_groups(vec![vec!["V1".into()], vec!["V2".into(), "V3".into()]]);
/// assert_eq!(ranking.rank_of("V1"), Some(1));
/// assert_eq!(ranking.rank_of("V3"), Some(2));
/// assert_eq!(ranking.rank_of("V9"), None);
/// assert_eq!(ranking.to_string(), "V1; V2 = V3");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ranking {
    groups: Vec<Vec<String>>,
}

impl Ranking {
    /// A strict ranking: one id per place.
    pub fn strict<I: IntoIterator<Item = String>>(ids: I) -> Ranking {
        Ranking {
            groups: ids.into_iter().map(|id| vec![id]).collect(),
        }
    }

    /// A ranking from groups of tied ids, best group first; empty groups are dropped.
    pub fn from_groups(groups: Vec<Vec<String>>) -> Ranking {
        Ranking {
            groups: groups.into_iter().filter(|g| !g.is_empty()).collect(),
        }
    }

    /// The groups of tied ids, best first.
    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// Every id, best first (ids of one group in the order written).
    pub fn ids(&self) -> impl Iterator<Item = &String> {
        self.groups.iter().flatten()
    }

    /// Whether no id is ranked.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Number of ids ranked.
    pub fn len(&self) -> usize {
        self.groups.iter().map(Vec::len).sum()
    }

    /// Whether some group holds more than one id.
    pub fn has_ties(&self) -> bool {
        self.groups.iter().any(|g| g.len() > 1)
    }

    /// The rank of `id` (1 = first group), or `None` when it is not listed.
    pub fn rank_of(&self, id: &str) -> Option<usize> {
        self.groups
            .iter()
            .position(|group| group.iter().any(|g| g == id))
            .map(|p| p + 1)
    }

    /// Each group as written in a TOML string or a CSV cell: ids joined by `" = "`.
    pub fn entries(&self) -> Vec<String> {
        self.groups.iter().map(|group| group.join(" = ")).collect()
    }

    /// Reads one written entry: ids separated by `=`. `None` when an id is empty.
    pub(crate) fn parse_entry(text: &str) -> Option<Vec<String>> {
        let ids: Vec<String> = text.split('=').map(|id| id.trim().to_string()).collect();
        ids.iter().all(|id| !id.is_empty()).then_some(ids)
    }
}

impl FromIterator<String> for Ranking {
    /// A strict ranking of the ids, in order.
    fn from_iter<I: IntoIterator<Item = String>>(ids: I) -> Ranking {
        Ranking::strict(ids)
    }
}

impl std::fmt::Display for Ranking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.entries().join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_split_on_equals() {
        assert_eq!(
            Ranking::parse_entry(" P1 = P2 "),
            Some(vec!["P1".to_string(), "P2".to_string()])
        );
        assert_eq!(Ranking::parse_entry("P1 ="), None);
        let strict = Ranking::strict(["A".to_string(), "B".to_string()]);
        assert_eq!((strict.rank_of("B"), strict.len()), (Some(2), 2));
        assert!(!strict.has_ties());
    }
}
