//! The hybrid: an ε-scaling auction down to a small ε, then shortest augmenting paths.
//!
//! The last auction phases exist only to close the gap below one unit of unscaled cost, and each
//! of them re-bids every row. Once `ε` is at most `(n + 1) / 16` (a sixteenth of one unscaled
//! unit), the auction's prices are turned into integer dual potentials instead:
//! `v[j] = -round((price[j] - min price) / (n + 1))` and `u[i] = min_j (cost(i, j) - v[j])`,
//! so every reduced cost `cost - u - v` is non-negative. A row keeps its auction column when
//! that column attains its minimum (the pair is tight); the other rows (about 1% on random
//! sparse instances) are unassigned and inserted one by one with the shortest augmenting path
//! search, which restores optimality exactly (the invariants of the crate docs hold from the
//! start: feasible potentials, tight assigned pairs, a perfect assignment exists so every search
//! ends at a free column, whatever the free columns' potentials).
//!
//! The potentials are accepted only when `-v` stays within the crate's overflow bound
//! (`2nC` for `n` rows and largest cost `C`); otherwise the auction runs on to `ε = 1`.

use crate::Problem;
use crate::auction::{Auction, GaveUp};
use crate::search::Search;
use crate::state::{NONE, State};

/// Solves a component the auction applies to (see the `sparse` module): auction phases until
/// `ε <= (n + 1) / 16`, then [`finish`]; all auction phases when the potentials would be too
/// large.
pub(crate) fn solve(problem: &Problem) -> Result<Vec<u32>, GaveUp> {
    let mut auction = Auction::new(problem);
    let handover_epsilon = auction.scale() / 16;
    loop {
        auction.run_phase()?;
        if auction.epsilon() <= handover_epsilon
            && let Some(row_col) = finish(problem, &auction.row_col(), auction.prices())
        {
            return Ok(row_col);
        }
        if !auction.shrink() {
            return Ok(auction.row_col());
        }
    }
}

/// Completes the perfect assignment `row_col` with auction `prices` (scaled by `n + 1`) into an
/// optimal one, as described in the module docs; `None` when the potentials would leave the
/// overflow bound.
pub(crate) fn finish(problem: &Problem, row_col: &[u32], prices: &[i64]) -> Option<Vec<u32>> {
    let n = problem.rows();
    let scale = n as i64 + 1;
    let lowest = prices.iter().copied().min().unwrap_or(0);
    let bound = 2 * n as i64 * problem.max_cost();
    let mut state = State::<i64>::new(problem);
    for (column, &price) in state.cols.iter_mut().zip(prices) {
        let pot = (price - lowest + scale / 2) / scale;
        if pot > bound {
            return None;
        }
        column.pot = -pot;
    }
    let mut loose = Vec::new();
    for (row, &col) in row_col.iter().enumerate() {
        let mut best = i64::MAX;
        let mut own = i64::MAX;
        for arc in problem.row_slice(row) {
            let reduced = i64::from(arc.cost) - state.cols[arc.col as usize].pot;
            best = best.min(reduced);
            if arc.col == col {
                own = reduced;
            }
        }
        if col != NONE && own == best {
            state.attach(row as u32, col);
            state.row_pot[row] = best;
        } else {
            loose.push(row as u32);
        }
    }
    let mut search = Search::new(problem);
    for row in loose {
        search.insert(&mut state, row, false);
    }
    Some(state.row_col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auction::auction;
    use crate::sparse::solve_with;
    use crate::test_support::{next, total};

    /// A square problem with a hidden perfect assignment (returned) plus `extra` random arcs per
    /// row.
    fn random_perfect(seed: &mut u64, n: usize, extra: usize, range: u64) -> (Problem, Vec<u32>) {
        let mut hidden: Vec<u32> = (0..n as u32).collect();
        for i in (1..n).rev() {
            hidden.swap(i, next(seed) as usize % (i + 1));
        }
        let mut builder = Problem::builder(n, n);
        for (row, &col) in hidden.iter().enumerate() {
            builder.arc(row, col as usize, (next(seed) % range) as i64);
            for _ in 0..extra {
                let col = next(seed) as usize % n;
                if col != hidden[row] as usize {
                    builder.arc(row, col, (next(seed) % range) as i64);
                }
            }
        }
        (builder.build().expect("valid"), hidden)
    }

    #[test]
    fn hybrid_equals_full_auction_and_shortest_paths() {
        let mut seed = 3;
        for round in 0..80 {
            let n = 16 + round * 7;
            let range = [3, 100, 1_000_000][round % 3];
            let (problem, _) = random_perfect(&mut seed, n, 1 + round % 6, range);
            let hybrid = solve(&problem).expect("a perfect assignment exists");
            let full = auction(&problem).expect("a perfect assignment exists");
            let paths = solve_with::<i64>(&problem);
            let expected = total(&problem, &paths);
            assert_eq!(total(&problem, &hybrid), expected, "hybrid, n = {n}");
            assert_eq!(total(&problem, &full), expected, "full auction, n = {n}");
        }
    }

    #[test]
    fn finish_is_exact_from_any_prices() {
        let mut seed = 17;
        for round in 0..120 {
            let n = 5 + round % 40;
            let (problem, hidden) = random_perfect(&mut seed, n, 3, 50);
            let expected = total(&problem, &solve_with::<i64>(&problem));
            let scale = n as i64 + 1;
            // Prices that certify nothing: all equal, or random up to a few units.
            let flat = vec![7; n];
            let noisy: Vec<i64> = (0..n)
                .map(|_| (next(&mut seed) % 300) as i64 * scale / 7)
                .collect();
            for prices in [&flat, &noisy] {
                let row_col = finish(&problem, &hidden, prices).expect("prices within bound");
                assert_eq!(total(&problem, &row_col), expected, "round {round}");
            }
        }
    }

    #[test]
    fn finish_refuses_potentials_past_the_overflow_bound() {
        let (problem, hidden) = random_perfect(&mut 1, 10, 2, 5);
        let bound = 2 * 10 * problem.max_cost();
        let mut prices = vec![0; 10];
        prices[3] = (bound + 1) * 11;
        assert_eq!(finish(&problem, &hidden, &prices), None);
        prices[3] = bound * 11;
        assert!(finish(&problem, &hidden, &prices).is_some());
    }

    #[test]
    fn auction_gives_up_without_a_perfect_assignment() {
        // Small: rows 0..3 reach only columns 0 and 1, and a price soon passes its bound.
        let mut builder = Problem::builder(4, 4);
        for row in 0..3 {
            builder.arc(row, 0, row as i64).arc(row, 1, 2);
        }
        builder.arc(3, 2, 1).arc(3, 3, 1);
        assert_eq!(
            solve(&builder.build().expect("valid")),
            Err(GaveUp::PriceBound)
        );
        // Larger: the same three rows among 200, where the arc budget runs out first and the
        // maximum matching check finds the deficiency.
        let n = 200;
        let mut builder = Problem::builder(n, n);
        for row in 0..3 {
            builder.arc(row, 0, row as i64).arc(row, 1, 2);
        }
        for row in 3..n {
            builder.arc(row, row - 1, 5).arc(row, n - 1, 9);
        }
        assert_eq!(
            solve(&builder.build().expect("valid")),
            Err(GaveUp::NoPerfectAssignment)
        );
    }
}
