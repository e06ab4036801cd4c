//! A DIMACS `asn` file; a problem that parses is solved serially and in parallel, the answer
//! checked, and small problems compared with the dense reference solver.
#![no_main]

use libfuzzer_sys::fuzz_target;
use redeploy_assign::{dimacs, solve, solve_parallel, try_solve_reference};

/// Largest problem (arcs) a run solves; larger ones only parse.
const MAX_SOLVED_ARCS: usize = 20_000;
/// Largest problem (rows times columns) compared with the dense reference.
const MAX_REFERENCE_CELLS: usize = 400;

fuzz_target!(|data: &[u8]| {
    let Ok(instance) = dimacs::parse(data) else {
        return;
    };
    let problem = &instance.problem;
    if problem.arcs() > MAX_SOLVED_ARCS {
        return;
    }
    let serial = solve(problem);
    serial
        .check(problem)
        .expect("the solver's assignment is valid");
    assert_eq!(
        solve_parallel(problem),
        serial,
        "parallel and serial solves differ"
    );
    if problem.rows().saturating_mul(problem.cols()) <= MAX_REFERENCE_CELLS {
        if let Ok(reference) = try_solve_reference(problem) {
            assert_eq!(reference.objective(), serial.objective(), "not optimal");
        }
    }
});
