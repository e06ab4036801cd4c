//! Property tests: on random small rectangular problems with forbidden pairs, capacities and
//! priority classes, the sparse solver matches the dense reference (and brute force on the
//! smallest ones), returns valid assignments, and is identical across thread counts.

use proptest::prelude::*;
use redeploy_assign::{Assignment, Problem, solve, solve_parallel, solve_reference};

/// A random problem: up to `max_rows` x `max_cols`, each pair allowed with probability ~1/2,
/// costs in `0..max_cost` (small ranges make many ties), capacities 0..=3, classes from a
/// gappy set.
fn problem(max_rows: usize, max_cols: usize, max_cost: i64) -> impl Strategy<Value = Problem> {
    problem_with_classes(max_rows, max_cols, max_cost, vec![0, 0, 0, 1, 4])
}

/// As [`problem`], with row classes drawn from `classes`.
fn problem_with_classes(
    max_rows: usize,
    max_cols: usize,
    max_cost: i64,
    classes: Vec<u8>,
) -> impl Strategy<Value = Problem> {
    (0..=max_rows, 0..=max_cols).prop_flat_map(move |(rows, cols)| {
        (
            prop::collection::vec(prop::option::weighted(0.5, 0..max_cost), rows * cols),
            prop::collection::vec(prop::sample::select(vec![0u32, 1, 1, 1, 2, 3]), cols),
            prop::collection::vec(prop::sample::select(classes.clone()), rows),
        )
            .prop_map(move |(cells, capacities, classes)| {
                let mut builder = Problem::builder(rows, cols);
                for (k, cost) in cells.into_iter().enumerate() {
                    if let Some(cost) = cost {
                        builder.arc(k / cols.max(1), k % cols.max(1), cost);
                    }
                }
                for (col, cap) in capacities.into_iter().enumerate() {
                    builder.capacity(col, cap);
                }
                for (row, class) in classes.into_iter().enumerate() {
                    builder.priority(row, class);
                }
                builder.build().expect("generated problems are valid")
            })
    })
}

/// The best objective over every assignment, by enumeration (tiny problems only).
fn brute_force_objective(problem: &Problem) -> Vec<i64> {
    fn go(
        problem: &Problem,
        row: usize,
        load: &mut Vec<u32>,
        chosen: &mut Vec<Option<usize>>,
        best: &mut Option<Vec<i64>>,
    ) {
        if row == problem.rows() {
            let assignment = assignment_of(problem, chosen.clone());
            let key = assignment.objective();
            if best.as_ref().is_none_or(|b| key < *b) {
                *best = Some(key);
            }
            return;
        }
        chosen.push(None);
        go(problem, row + 1, load, chosen, best);
        chosen.pop();
        for (col, _) in problem.row_arcs(row) {
            if load[col] < problem.capacity(col) {
                load[col] += 1;
                chosen.push(Some(col));
                go(problem, row + 1, load, chosen, best);
                chosen.pop();
                load[col] -= 1;
            }
        }
    }
    let mut best = None;
    go(
        problem,
        0,
        &mut vec![0; problem.cols()],
        &mut Vec::new(),
        &mut best,
    );
    best.expect("the empty assignment always exists")
}

fn assignment_of(problem: &Problem, row_to_col: Vec<Option<usize>>) -> Assignment {
    let mut matched_by_class = vec![0; usize::from(problem.max_class()) + 1];
    let mut cost = 0;
    for (row, col) in row_to_col.iter().enumerate() {
        if let Some(col) = col {
            matched_by_class[usize::from(problem.priority(row))] += 1;
            cost += problem
                .arc_cost(row, *col)
                .expect("enumeration uses arcs only");
        }
    }
    Assignment {
        matched: row_to_col.iter().flatten().count(),
        row_to_col,
        cost,
        matched_by_class,
    }
}

fn with_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a local thread pool")
        .install(f)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn sparse_matches_dense_reference(problem in problem(8, 8, 12)) {
        let sparse = solve(&problem);
        prop_assert!(sparse.check(&problem).is_ok(), "invalid sparse assignment: {:?}", sparse.check(&problem));
        let reference = solve_reference(&problem);
        prop_assert!(reference.check(&problem).is_ok(), "invalid reference assignment");
        prop_assert_eq!(&sparse.matched_by_class, &reference.matched_by_class, "per-class counts differ");
        prop_assert_eq!(sparse.matched, reference.matched, "cardinality differs");
        prop_assert_eq!(sparse.cost, reference.cost, "cost differs");
    }

    /// One class only: deficient components go through the surplus/rest split.
    #[test]
    fn single_class_matches_dense_reference(problem in problem_with_classes(9, 7, 12, vec![2])) {
        let sparse = solve(&problem);
        prop_assert!(sparse.check(&problem).is_ok(), "invalid sparse assignment");
        let reference = solve_reference(&problem);
        prop_assert_eq!(sparse.objective(), reference.objective(), "objective differs from the reference");
    }

    #[test]
    fn identical_for_any_thread_count(problem in problem(10, 10, 6)) {
        let sequential = solve(&problem);
        let one = with_threads(1, || solve_parallel(&problem));
        let two = with_threads(2, || solve_parallel(&problem));
        prop_assert_eq!(&sequential, &one, "solve and solve_parallel on 1 thread differ");
        prop_assert_eq!(&sequential, &two, "solve and solve_parallel on 2 threads differ");
    }

    #[test]
    fn capacities_native_equal_expanded(problem in problem(8, 6, 10)) {
        let native = solve(&problem);
        let (expanded, origin) = problem.expand_capacities();
        let by_copies = solve(&expanded);
        prop_assert_eq!(native.objective(), by_copies.objective(), "native and expanded capacities differ");
        let mapped: Vec<Option<usize>> = by_copies.row_to_col.iter().map(|c| c.map(|c| origin[c])).collect();
        prop_assert!(assignment_of(&problem, mapped).check(&problem).is_ok(), "expanded answer does not map back");
    }
}

/// Square problems with one class and few arcs per row (the auction's case when a perfect
/// assignment exists, the shortest path solver's when not): a permutation of arcs (when
/// `perfect`) plus up to two random arcs per row.
fn sparse_square() -> impl Strategy<Value = Problem> {
    (2usize..14, any::<bool>()).prop_flat_map(|(n, perfect)| {
        (
            Just(n).prop_shuffle_free(perfect),
            prop::collection::vec(prop::collection::vec((0..n, 0i64..9), 0..3), n),
            prop::collection::vec(0i64..9, n),
        )
            .prop_map(move |((n, perm), extra, perm_costs)| {
                let mut builder = Problem::builder(n, n);
                for (row, arcs) in extra.into_iter().enumerate() {
                    for (col, cost) in arcs {
                        builder.arc(row, col, cost);
                    }
                }
                if let Some(perm) = perm {
                    for (row, (col, cost)) in perm.into_iter().zip(perm_costs).enumerate() {
                        builder.arc(row, col, cost);
                    }
                }
                builder.build().expect("valid")
            })
    })
}

/// A random permutation of `0..n` when `wanted`.
trait ShuffleFree {
    fn prop_shuffle_free(self, wanted: bool) -> BoxedStrategy<(usize, Option<Vec<usize>>)>;
}

impl ShuffleFree for Just<usize> {
    fn prop_shuffle_free(self, wanted: bool) -> BoxedStrategy<(usize, Option<Vec<usize>>)> {
        let n = self.0;
        if wanted {
            Just((0..n).collect::<Vec<_>>())
                .prop_shuffle()
                .prop_map(move |p| (n, Some(p)))
                .boxed()
        } else {
            Just((n, None)).boxed()
        }
    }
}

/// Complete problems (every pair allowed), the dense scan's case, with capacities and classes.
fn complete() -> impl Strategy<Value = Problem> {
    (1usize..8, 1usize..8).prop_flat_map(|(rows, cols)| {
        (
            prop::collection::vec(0i64..7, rows * cols),
            prop::collection::vec(prop::sample::select(vec![0u32, 1, 1, 2]), cols),
            prop::collection::vec(prop::sample::select(vec![0u8, 0, 3]), rows),
        )
            .prop_map(move |(costs, caps, classes)| {
                let mut builder = Problem::builder(rows, cols);
                for (k, cost) in costs.into_iter().enumerate() {
                    builder.arc(k / cols, k % cols, cost);
                }
                for (col, cap) in caps.into_iter().enumerate() {
                    builder.capacity(col, cap);
                }
                for (row, class) in classes.into_iter().enumerate() {
                    builder.priority(row, class);
                }
                builder.build().expect("valid")
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn complete_matches_dense_reference(problem in complete()) {
        let sparse = solve(&problem);
        prop_assert!(sparse.check(&problem).is_ok(), "invalid assignment");
        prop_assert_eq!(sparse.objective(), solve_reference(&problem).objective(), "objective differs");
    }

    #[test]
    fn sparse_square_matches_dense_reference(problem in sparse_square()) {
        let sparse = solve(&problem);
        prop_assert!(sparse.check(&problem).is_ok(), "invalid assignment");
        prop_assert_eq!(sparse.objective(), solve_reference(&problem).objective(), "objective differs");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn sparse_matches_brute_force(problem in problem(5, 4, 8)) {
        let sparse = solve(&problem);
        prop_assert_eq!(sparse.objective(), brute_force_objective(&problem), "not the lexicographic optimum");
    }

    #[test]
    fn reference_matches_brute_force(problem in problem(5, 4, 8)) {
        let reference = solve_reference(&problem);
        prop_assert_eq!(reference.objective(), brute_force_objective(&problem), "reference is not the optimum");
    }
}

/// Complete square problems with capacities 1 and one class: the Jonker–Volgenant path. Small
/// cost ranges make many ties, which exercise the scan of every column at the current minimum
/// (and a free column found among them) and the tie rule of the row reduction.
fn complete_square(max_n: usize) -> impl Strategy<Value = Problem> {
    (1..=max_n, prop::sample::select(vec![1i64, 2, 3, 10, 1_000])).prop_flat_map(|(n, range)| {
        prop::collection::vec(0..range, n * n).prop_map(move |costs| {
            let mut builder = Problem::builder(n, n);
            for (k, cost) in costs.into_iter().enumerate() {
                builder.arc(k / n, k % n, cost);
            }
            builder.build().expect("valid")
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn complete_square_matches_dense_reference(problem in complete_square(12)) {
        let jv = solve(&problem);
        prop_assert!(jv.check(&problem).is_ok(), "invalid assignment");
        prop_assert_eq!(jv.matched, problem.rows(), "a complete square problem is always perfect");
        prop_assert_eq!(jv.objective(), solve_reference(&problem).objective(), "objective differs");
        prop_assert_eq!(&with_threads(2, || solve_parallel(&problem)), &jv, "2 threads differ");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn complete_square_matches_brute_force(problem in complete_square(5)) {
        prop_assert_eq!(solve(&problem).objective(), brute_force_objective(&problem), "not the optimum");
    }
}

/// Larger sparse square problems with a perfect assignment (a hidden permutation plus up to
/// three random arcs per row): large enough that the auction stops at a small ε and hands over
/// to shortest augmenting paths.
fn sparse_square_large() -> impl Strategy<Value = Problem> {
    (
        24usize..80,
        prop::sample::select(vec![3i64, 40, 1_000, 1_000_000]),
    )
        .prop_flat_map(|(n, range)| {
            (
                Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
                prop::collection::vec(prop::collection::vec((0..n, 0..range), 0..4), n),
                prop::collection::vec(0..range, n),
            )
                .prop_map(move |(perm, extra, perm_costs)| {
                    let mut builder = Problem::builder(n, n);
                    for (row, arcs) in extra.into_iter().enumerate() {
                        for (col, cost) in arcs {
                            builder.arc(row, col, cost);
                        }
                    }
                    for (row, (col, cost)) in perm.into_iter().zip(perm_costs).enumerate() {
                        builder.arc(row, col, cost);
                    }
                    builder.build().expect("valid")
                })
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn auction_handover_matches_dense_reference(problem in sparse_square_large()) {
        let sparse = solve(&problem);
        prop_assert!(sparse.check(&problem).is_ok(), "invalid assignment");
        prop_assert_eq!(sparse.matched, problem.rows(), "a perfect assignment exists");
        prop_assert_eq!(sparse.objective(), solve_reference(&problem).objective(), "objective differs");
    }
}
