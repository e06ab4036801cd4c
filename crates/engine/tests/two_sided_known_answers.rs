//! Published stable-matching instances with both sides' preferences, given as explicit
//! rankings in a scenario, and the published matchings under deferred acceptance from each
//! side. Every pair is suitable (one employer, one band, one site), slotting-in is off, and
//! nobody has statutory priority, so only the rankings decide.

mod common;

use common::{person, policy_without_slotting, scenario, vacancy};
use redeploy_engine::{Round, run_round};
use redeploy_model::{
    Band, Lottery, MatchingRule, Policy, Ranking, Scenario, SerialOrder, Tier, Unlisted,
};

/// A scenario of people (with their rankings of vacancies) and vacancies (with places and their
/// rankings of people), every pair suitable.
fn instance(people: &[(&str, &[&str])], vacancies: &[(&str, u32, &[&str])]) -> Scenario {
    let mut s = scenario();
    let ranking = |ids: &[&str]| ids.iter().map(|id| id.to_string()).collect::<Ranking>();
    for (id, ranked) in people {
        let mut someone = person(id, "E1", Band::B6);
        someone.preferences.ranked_vacancies = ranking(ranked);
        s.people.push(someone);
    }
    for (id, posts, ranked) in vacancies {
        let mut post = vacancy(id, "E1", Band::B6);
        post.posts = *posts;
        post.ranked_people = ranking(ranked);
        s.vacancies.push(post);
    }
    s
}

fn policy(rule: MatchingRule) -> Policy {
    let mut policy = policy_without_slotting(&[Tier::Employer]);
    policy.rule = rule;
    policy.ranking.unlisted = Unlisted::Unacceptable;
    policy
}

/// (person, vacancy) pairs of a round, sorted by person.
fn pairs(round: &Round) -> Vec<(String, String)> {
    round
        .placements
        .iter()
        .map(|p| (p.person.clone(), p.vacancy.clone()))
        .collect()
}

fn expect(pairs_given: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = pairs_given
        .iter()
        .map(|(p, v)| (p.to_string(), v.to_string()))
        .collect();
    v.sort();
    v
}

fn run(s: &Scenario, rule: MatchingRule) -> Round {
    run_round(s, &policy(rule).validate().unwrap()).expect("the instance is a valid scenario")
}

/// Gale, D. and Shapley, L. S. (1962), "College admissions and the stability of marriage",
/// *American Mathematical Monthly* 69(1): 9–15, Example 1: three men α, β, γ (people P-alpha…)
/// and three women A, B, C (vacancies), each ranking cyclically. "There are three stable
/// sets": the men's first choices (αA, βB, γC) are the men-optimal one, the women's first
/// choices (αC, βA, γB) the women-optimal one.
#[test]
fn gale_shapley_1962_example_1_has_the_published_optima() {
    let s = instance(
        &[
            ("Palpha", &["A", "B", "C"]),
            ("Pbeta", &["B", "C", "A"]),
            ("Pgamma", &["C", "A", "B"]),
        ],
        &[
            ("A", 1, &["Pbeta", "Pgamma", "Palpha"]),
            ("B", 1, &["Pgamma", "Palpha", "Pbeta"]),
            ("C", 1, &["Palpha", "Pbeta", "Pgamma"]),
        ],
    );
    let people = run(&s, MatchingRule::DeferredAcceptance);
    assert_eq!(
        pairs(&people),
        expect(&[("Palpha", "A"), ("Pbeta", "B"), ("Pgamma", "C")]),
        "people proposing: every man gets his first choice"
    );
    assert_eq!(people.metrics.measures.people_ranks.counts, vec![3]);
    assert_eq!(people.metrics.measures.post_ranks.counts, vec![0, 0, 3]);
    let posts = run(&s, MatchingRule::DeferredAcceptancePosts);
    assert_eq!(
        pairs(&posts),
        expect(&[("Palpha", "C"), ("Pbeta", "A"), ("Pgamma", "B")]),
        "vacancies proposing: every woman gets her first choice"
    );
    assert_eq!(posts.metrics.measures.post_ranks.counts, vec![3]);
    for round in [&people, &posts] {
        assert_eq!(round.metrics.measures.stability.blocking_pairs, 0);
        assert_eq!(round.metrics.measures.stability.justified_envy, 0);
    }
}

/// Gale and Shapley (1962), Example 2: four men and four women with "only one stable set of
/// marriages": αC, βD, γA, δB. Both sides' deferred acceptance must find it.
#[test]
fn gale_shapley_1962_example_2_has_one_stable_matching() {
    let s = instance(
        &[
            ("Palpha", &["A", "B", "C", "D"]),
            ("Pbeta", &["A", "D", "C", "B"]),
            ("Pgamma", &["B", "A", "C", "D"]),
            ("Pdelta", &["D", "B", "C", "A"]),
        ],
        &[
            ("A", 1, &["Pdelta", "Pgamma", "Palpha", "Pbeta"]),
            ("B", 1, &["Pbeta", "Pdelta", "Palpha", "Pgamma"]),
            ("C", 1, &["Pdelta", "Palpha", "Pbeta", "Pgamma"]),
            ("D", 1, &["Pgamma", "Pbeta", "Palpha", "Pdelta"]),
        ],
    );
    let published = expect(&[
        ("Palpha", "C"),
        ("Pbeta", "D"),
        ("Pdelta", "B"),
        ("Pgamma", "A"),
    ]);
    for rule in [
        MatchingRule::DeferredAcceptance,
        MatchingRule::DeferredAcceptancePosts,
    ] {
        let round = run(&s, rule);
        assert_eq!(pairs(&round), published, "{}", rule.as_str());
        assert_eq!(round.metrics.measures.stability.blocking_pairs, 0);
    }
    // Serial dictatorship in the given order α, β, γ, δ: α takes A, β D, γ B, δ C; (δ, B) then
    // blocks (B ranks δ above γ, and δ prefers B to C).
    let mut policy = policy(MatchingRule::SerialDictatorship);
    policy.ranking.serial_order = SerialOrder::Given;
    policy.ranking.order = ["Palpha", "Pbeta", "Pgamma", "Pdelta"]
        .map(String::from)
        .to_vec();
    let round = run_round(&s, &policy.validate().unwrap()).unwrap();
    assert_eq!(
        pairs(&round),
        expect(&[
            ("Palpha", "A"),
            ("Pbeta", "D"),
            ("Pdelta", "C"),
            ("Pgamma", "B")
        ])
    );
    assert!(round.metrics.measures.stability.blocking_pairs > 0);
}

/// The Python `matching` library's README (daffidwilde/matching, "Playing a simple game"):
/// suitors A: (D, E, F), B: (D, F, E), C: (F, D, E); reviewers D: (B, C, A), E: (A, C, B),
/// F: (C, B, A). `StableMarriage(...).solve()` gives {A: E, B: D, C: F}.
#[test]
fn matching_library_readme_stable_marriage() {
    let s = instance(
        &[
            ("A", &["D", "E", "F"]),
            ("B", &["D", "F", "E"]),
            ("C", &["F", "D", "E"]),
        ],
        &[
            ("D", 1, &["B", "C", "A"]),
            ("E", 1, &["A", "C", "B"]),
            ("F", 1, &["C", "B", "A"]),
        ],
    );
    let round = run(&s, MatchingRule::DeferredAcceptance);
    assert_eq!(pairs(&round), expect(&[("A", "E"), ("B", "D"), ("C", "F")]));
}

/// The `matching` library's hospital–resident example (docs/discussion/hospital_resident,
/// example.rst and hr_stable.tex): residents Ada (C), Sam (C, M), Dani (C, M, G), Jo (C, G, M),
/// Luc (M, C, G); hospitals Mercy (D, L, S, J), City (D, A, S, L, J), General (D, J, L), two
/// places each. The stable matching A–C, D–C, S–M, L–M, J–G "is both resident- and
/// hospital-optimal". Incomplete lists: a pair is acceptable only when listed.
#[test]
fn matching_library_hospital_resident_example() {
    let s = instance(
        &[
            ("A", &["C"]),
            ("S", &["C", "M"]),
            ("D", &["C", "M", "G"]),
            ("J", &["C", "G", "M"]),
            ("L", &["M", "C", "G"]),
        ],
        &[
            ("M", 2, &["D", "L", "S", "J"]),
            ("C", 2, &["D", "A", "S", "L", "J"]),
            ("G", 2, &["D", "J", "L"]),
        ],
    );
    let published = expect(&[("A", "C"), ("D", "C"), ("J", "G"), ("L", "M"), ("S", "M")]);
    for rule in [
        MatchingRule::DeferredAcceptance,
        MatchingRule::DeferredAcceptancePosts,
    ] {
        let round = run(&s, rule);
        assert_eq!(pairs(&round), published, "{}", rule.as_str());
        assert_eq!(round.metrics.measures.stability.blocking_pairs, 0);
    }
}

/// With every vacancy indifferent between two people (one tie), a single lottery decides who
/// wins both posts' ties the same way, and the round records the lottery and its seed.
#[test]
fn a_single_lottery_breaks_every_tie_the_same_way() {
    let mut s = instance(
        &[("P1", &["V1", "V2"]), ("P2", &["V1", "V2"])],
        &[("V1", 1, &[]), ("V2", 1, &[])],
    );
    for post in &mut s.vacancies {
        post.ranked_people = Ranking::from_groups(vec![vec!["P1".to_string(), "P2".to_string()]]);
    }
    let mut winners = std::collections::BTreeSet::new();
    for seed in 0..16 {
        let mut policy = policy(MatchingRule::DeferredAcceptance);
        policy.ranking.lottery = Lottery::Single;
        policy.ranking.seed = seed;
        let round = run_round(&s, &policy.validate().unwrap()).unwrap();
        assert_eq!(round.tie_break.seed, seed);
        assert_eq!(round.tie_break.lottery, Lottery::Single);
        let first = round.placements.iter().find(|p| p.vacancy == "V1").unwrap();
        winners.insert(first.person.clone());
        // Ties are indifference: no outcome has a blocking pair under the stated rankings.
        assert_eq!(round.metrics.measures.stability.blocking_pairs, 0);
    }
    assert_eq!(
        winners.len(),
        2,
        "over 16 seeds each person wins the lottery sometimes"
    );
}

/// A ranking never makes an unsuitable pair suitable: a vacancy that ranks a person two bands
/// above it (outside the band window) does not get them, and the round says why.
#[test]
fn an_explicit_ranking_does_not_override_a_hard_rule() {
    let mut s = instance(&[("P1", &["V1"])], &[("V1", 1, &["P1"])]);
    s.people[0].band = Band::B8a;
    s.people[0].salary = common::top_of(Band::B8a);
    let round = run(&s, MatchingRule::DeferredAcceptance);
    assert!(round.placements.is_empty());
    let listed: Vec<(&str, &str, &str)> = round
        .ranked_unsuitable
        .iter()
        .map(|r| (r.ranked_by, r.person.as_str(), r.vacancy.as_str()))
        .collect();
    assert_eq!(listed, [("person", "P1", "V1"), ("vacancy", "P1", "V1")]);
    assert!(!round.ranked_unsuitable[0].failures.is_empty());
}
