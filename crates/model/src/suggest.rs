//! "Did you mean" hints.
//!
//! This module owns the edit distance used to suggest the closest known name when a user writes
//! an unknown field, column, id or keyword.

/// The known name closest to `wanted`, if one is close enough to be a likely typo.
///
/// A name is close enough when its edit distance (ignoring case, with `-`, `_` and spaces
/// treated alike) is at most a third of the longer name, and at least 1. Ties go to the name listed
/// first.
pub(crate) fn closest<'a>(
    wanted: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_norm = normalise(wanted);
    let mut best: Option<(usize, &str)> = None;
    for name in known {
        let distance = edit_distance(&wanted_norm, &normalise(name));
        let limit = (wanted.chars().count().max(name.chars().count()) / 3).max(1);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, name));
        }
    }
    best.map(|(_, name)| name)
}

/// Up to three of `ids` within two edits of `wanted` (ignoring case, with `-` and `_` alike),
/// closest first, ties in id order: the ids to suggest for an id that is not there.
///
/// ```
/// let ids = ["P05", "P50", "P15", "Q99"];
/// assert_eq!(redeploy_model::near_ids("p5", ids), ["P05", "P15", "P50"]);
/// assert!(redeploy_model::near_ids("XYZ123", ids).is_empty());
/// ```
pub fn near_ids<'a>(wanted: &str, ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let wanted = normalise(wanted);
    let mut near: Vec<(usize, &str)> = ids
        .into_iter()
        .map(|id| (edit_distance(&wanted, &normalise(id)), id))
        .filter(|&(distance, _)| distance <= 2)
        .collect();
    near.sort_unstable();
    near.into_iter().take(3).map(|(_, id)| id).collect()
}

/// `"did you mean `x`?"` for the closest known name, if any.
///
/// ```
/// use redeploy_model::did_you_mean;
///
/// let known = ["band", "salary", "employer"];
/// assert_eq!(did_you_mean("salery", known).as_deref(), Some("did you mean `salary`?"));
/// assert_eq!(did_you_mean("colour", known), None);
/// ```
pub fn did_you_mean<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<String> {
    closest(wanted, known).map(|name| format!("did you mean `{name}`?"))
}

/// `what` with its indefinite article: `a person`, `an employer`.
pub(crate) fn a(what: &str) -> String {
    let vowel = what.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {what}", if vowel { "an" } else { "a" })
}

fn normalise(name: &str) -> Vec<char> {
    name.chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Edit distance between two character sequences, counting an insertion, a deletion, a
/// substitution or a swap of two neighbours as one edit (optimal string alignment).
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            table[i * width + j] = if i == 0 || j == 0 {
                i + j
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (table[(i - 1) * width + j] + 1)
                    .min(table[i * width + j - 1] + 1)
                    .min(table[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(table[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    table[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: &str, b: &str) -> usize {
        edit_distance(&normalise(a), &normalise(b))
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_substitutions() {
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("band", "band"), 0);
        assert_eq!(distance("bnad", "band"), 1);
        assert_eq!(distance("round-date", "round_date"), 0);
    }

    #[test]
    fn suggests_close_names_only() {
        let known = ["band", "pay_point", "salary", "employer"];
        assert_eq!(closest("bnad", known), Some("band"));
        assert_eq!(closest("emploer", known), Some("employer"));
        assert_eq!(closest("paypoint", known), Some("pay_point"));
        assert_eq!(closest("colour", known), None);
        assert_eq!(
            did_you_mean("salery", known).as_deref(),
            Some("did you mean `salary`?")
        );
    }
}
