//! Property tests of the dual information (`potentials`, `alternating_reach`) on random small
//! problems, against their definitions and against brute force: which sets of rows can be placed
//! at once is decided by enumeration, not by the solver.

use proptest::prelude::*;
use redeploy_assign::{Problem, alternating_reach, cheapest_reach, potentials, solve};

/// A random problem of up to `max_rows` x `max_cols`, each pair allowed with probability ~1/2,
/// costs below 12 (many ties), capacities 0..=2, classes 0 or 1.
fn problem(max_rows: usize, max_cols: usize) -> impl Strategy<Value = Problem> {
    (0..=max_rows, 0..=max_cols).prop_flat_map(|(rows, cols)| {
        (
            prop::collection::vec(prop::option::weighted(0.5, 0..12i64), rows * cols),
            prop::collection::vec(prop::sample::select(vec![0u32, 1, 1, 1, 2]), cols),
            prop::collection::vec(prop::sample::select(vec![0u8, 0, 0, 1]), rows),
        )
            .prop_map(move |(cells, capacities, classes)| {
                let mut builder = Problem::builder(rows, cols);
                for (k, cost) in cells.into_iter().enumerate() {
                    if let Some(cost) = cost {
                        builder.arc(k / cols, k % cols, cost);
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

/// Whether every row in `rows` can be placed at once, by trying every column for each in turn.
fn placeable(problem: &Problem, rows: &[usize]) -> bool {
    fn go(problem: &Problem, rows: &[usize], load: &mut [u32]) -> bool {
        let Some((&row, rest)) = rows.split_first() else {
            return true;
        };
        for (col, _) in problem.row_arcs(row) {
            if load[col] < problem.capacity(col) {
                load[col] += 1;
                let ok = go(problem, rest, load);
                load[col] -= 1;
                if ok {
                    return true;
                }
            }
        }
        false
    }
    go(problem, rows, &mut vec![0; problem.cols()])
}

/// The largest number of rows that can be placed at once, by enumeration of row sets.
fn max_placed(problem: &Problem, without: Option<usize>) -> usize {
    let rows: Vec<usize> = (0..problem.rows())
        .filter(|&r| Some(r) != without)
        .collect();
    (0u32..1 << rows.len())
        .filter_map(|mask| {
            let set: Vec<usize> = (0..rows.len())
                .filter(|&k| mask >> k & 1 == 1)
                .map(|k| rows[k])
                .collect();
            placeable(problem, &set).then_some(set.len())
        })
        .max()
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The potentials of the solver's optimum exist and satisfy their definition.
    #[test]
    fn potentials_are_feasible_and_tight(problem in problem(7, 6)) {
        let assignment = solve(&problem);
        let duals = potentials(&problem, &assignment.row_to_col);
        prop_assert!(duals.is_some(), "no potentials for the optimum of {problem:?}");
        let duals = duals.unwrap();
        let load = assignment.col_load(problem.cols());
        for (col, &v) in duals.col.iter().enumerate() {
            prop_assert!(v <= 0, "column {col} has potential {v} > 0");
            if load[col] < problem.capacity(col) {
                prop_assert_eq!(v, 0, "column {} has spare capacity", col);
            }
        }
        for row in 0..problem.rows() {
            for (col, cost) in problem.row_arcs(row) {
                let reduced = duals.reduced(row, col, cost);
                prop_assert!(reduced >= 0, "arc ({row}, {col}) has reduced cost {reduced}");
                if assignment.row_to_col[row] == Some(col) {
                    prop_assert_eq!(reduced, 0, "assigned pair ({}, {}) is not tight", row, col);
                }
            }
        }
    }

    /// The bound the potentials give: adding one place to a column saves at most `-v` on the
    /// same rows (checked by solving again with the capacity raised and the same rows only).
    #[test]
    fn a_column_potential_bounds_one_more_place(problem in problem(6, 5), pick in 0usize..5) {
        prop_assume!(problem.cols() > 0);
        let col = pick % problem.cols();
        let assignment = solve(&problem);
        let duals = potentials(&problem, &assignment.row_to_col).unwrap();
        // The same rows only: every other row loses its arcs.
        let mut builder = Problem::builder(problem.rows(), problem.cols());
        for row in 0..problem.rows() {
            if assignment.row_to_col[row].is_some() {
                for (c, cost) in problem.row_arcs(row) {
                    builder.arc(row, c, cost);
                }
            }
        }
        for c in 0..problem.cols() {
            builder.capacity(c, problem.capacity(c) + u32::from(c == col));
        }
        let wider = solve(&builder.build().unwrap());
        prop_assert_eq!(wider.matched, assignment.matched);
        prop_assert!(assignment.cost - wider.cost <= -duals.col[col],
            "one more place at {} saved {} > {}", col, assignment.cost - wider.cost, -duals.col[col]);
    }

    /// A row is reached exactly when removing it keeps the maximum number placed, and the
    /// unassigned row reported is the best (by key) of those that could be placed instead of it.
    #[test]
    fn reach_is_the_exchange_structure(problem in problem(7, 6), keys in prop::collection::vec(0u32..4, 7)) {
        let assignment = solve(&problem);
        let key = |row: usize| keys[row];
        let reach = alternating_reach(&problem, &assignment.row_to_col, key).unwrap();
        let best = max_placed(&problem, None);
        prop_assert_eq!(assignment.matched, best);
        let placed: Vec<usize> = (0..problem.rows()).filter(|&r| assignment.row_to_col[r].is_some()).collect();
        for (s, &reached) in reach.iter().enumerate() {
            if assignment.row_to_col[s].is_none() {
                prop_assert_eq!(reached, Some(s));
                continue;
            }
            let keeps = max_placed(&problem, Some(s)) == best;
            prop_assert_eq!(reached.is_some(), keeps, "row {} reached {:?}", s, reached);
            // The unassigned rows r for which placed - s + r can be placed, best key first.
            let exchange = (0..problem.rows())
                .filter(|&r| assignment.row_to_col[r].is_none())
                .filter(|&r| {
                    let mut set: Vec<usize> = placed.iter().copied().filter(|&p| p != s).collect();
                    set.push(r);
                    placeable(&problem, &set)
                })
                .min_by_key(|&r| (std::cmp::Reverse(key(r)), r));
            prop_assert_eq!(reached, exchange, "row {}", s);
        }
    }

    /// A new column of one place adds a placement exactly when one of its arcs meets a reached row.
    #[test]
    fn a_new_column_adds_a_placement_at_reached_rows(problem in problem(7, 5), arcs in prop::collection::vec(any::<bool>(), 7)) {
        let assignment = solve(&problem);
        let reach = alternating_reach(&problem, &assignment.row_to_col, |_| 0).unwrap();
        let mut builder = Problem::builder(problem.rows(), problem.cols() + 1);
        for (row, &joined) in arcs.iter().enumerate().take(problem.rows()) {
            for (c, cost) in problem.row_arcs(row) {
                builder.arc(row, c, cost);
            }
            if joined {
                builder.arc(row, problem.cols(), 1);
            }
            builder.priority(row, problem.priority(row));
        }
        for c in 0..problem.cols() {
            builder.capacity(c, problem.capacity(c));
        }
        let grown = solve(&builder.build().unwrap());
        let predicted = (0..problem.rows()).any(|r| arcs[r] && reach[r].is_some());
        prop_assert_eq!(grown.matched, assignment.matched + usize::from(predicted));
    }
}

#[test]
fn a_wrong_assignment_has_no_dual_view() {
    let mut builder = Problem::builder(2, 1);
    builder.arc(0, 0, 1).arc(1, 0, 1);
    let problem = builder.build().unwrap();
    // Column 0 over its capacity, a pair that is not an arc, a row count that differs.
    assert!(potentials(&problem, &[Some(0), Some(0)]).is_none());
    assert!(alternating_reach(&problem, &[Some(0), Some(0)], |r| r).is_none());
    assert!(potentials(&problem, &[Some(1), None]).is_none());
    assert!(potentials(&problem, &[None]).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// On one-class problems, a new column adds exactly the cost the cheapest reach predicts:
    /// the least `change(s) + c(s, k)` over the reached rows `s` it joins.
    #[test]
    fn the_cheapest_reach_prices_a_new_column(
        problem in one_class(7, 5),
        arcs in prop::collection::vec(prop::option::weighted(0.5, 0..12i64), 7),
    ) {
        let assignment = solve(&problem);
        let duals = potentials(&problem, &assignment.row_to_col).unwrap();
        let reach = cheapest_reach(&problem, &assignment.row_to_col, &duals).unwrap();
        let alternating = alternating_reach(&problem, &assignment.row_to_col, |_| 0).unwrap();
        let mut builder = Problem::builder(problem.rows(), problem.cols() + 1);
        for (row, arc) in arcs.iter().enumerate().take(problem.rows()) {
            prop_assert_eq!(reach[row].is_some(), alternating[row].is_some());
            for (c, cost) in problem.row_arcs(row) {
                builder.arc(row, c, cost);
            }
            if let Some(cost) = arc {
                builder.arc(row, problem.cols(), *cost);
            }
        }
        for c in 0..problem.cols() {
            builder.capacity(c, problem.capacity(c));
        }
        let grown = solve(&builder.build().unwrap());
        let predicted = arcs
            .iter()
            .zip(&reach)
            .filter_map(|(arc, reached)| Some(reached.as_ref()?.1 + (*arc)?))
            .min();
        match predicted {
            Some(added) => {
                prop_assert_eq!(grown.matched, assignment.matched + 1);
                prop_assert_eq!(grown.cost - assignment.cost, added);
            }
            None => prop_assert_eq!(grown.matched, assignment.matched),
        }
    }
}

/// As [`problem`], every row in class 0.
fn one_class(max_rows: usize, max_cols: usize) -> impl Strategy<Value = Problem> {
    problem(max_rows, max_cols).prop_map(|p| {
        let mut builder = Problem::builder(p.rows(), p.cols());
        for row in 0..p.rows() {
            for (c, cost) in p.row_arcs(row) {
                builder.arc(row, c, cost);
            }
        }
        for c in 0..p.cols() {
            builder.capacity(c, p.capacity(c));
        }
        builder.build().unwrap()
    })
}
