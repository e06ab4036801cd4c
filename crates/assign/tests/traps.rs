//! The two trap instances of the peer benchmark: a small "unassigned" penalty loses a placement
//! (penalty trap); skipping a row with no augmenting path gets the count right but not the cost
//! (skipped-row trap). The expected answers are read from each file's `c expect` comment.

use std::path::Path;

use redeploy_assign::{dimacs, solve, solve_parallel, solve_reference};

/// `(matched, total_cost)` from the `c expect matched=M total_cost=C` line.
fn expected(text: &str) -> (usize, i64) {
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("c expect "))
        .expect("trap files carry a `c expect` line");
    let field = |key: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key))
            .expect("both fields are present")
            .parse::<i64>()
            .expect("numeric field")
    };
    (field("matched=") as usize, field("total_cost="))
}

fn check_trap(name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("trap file is readable");
    let problem = dimacs::read(text.as_bytes()).expect("trap file parses");
    let (matched, cost) = expected(&text);
    for (solver, assignment) in [
        ("solve", solve(&problem)),
        ("solve_parallel", solve_parallel(&problem)),
        ("solve_reference", solve_reference(&problem)),
    ] {
        assert_eq!(
            assignment.matched, matched,
            "{name}: {solver} placed the wrong number of rows"
        );
        assert_eq!(assignment.cost, cost, "{name}: {solver} has the wrong cost");
        assignment.check(&problem).expect("valid assignment");
    }
}

#[test]
fn penalty_trap() {
    check_trap("penalty_trap.asn");
}

#[test]
fn skip_row_trap() {
    check_trap("skip_row_trap.asn");
}
