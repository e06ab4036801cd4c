//! DIMACS `asn` reading and writing: malformed files give a line-numbered error (never a panic),
//! and writing then reading gives back the same problem.

use proptest::prelude::*;
use redeploy_assign::{AssignError, Problem, dimacs};

/// `(file, line of the error, words the message must contain)`.
const MALFORMED: &[(&str, usize, &str)] = &[
    ("", 1, "no `p asn NODES ARCS` line"),
    ("c only a comment\n", 2, "no `p asn"),
    (
        "p asn 3\n",
        1,
        "expected `p asn NODES ARCS`, found `p asn 3`",
    ),
    ("p min 3 2\n", 1, "expected `p asn NODES ARCS`"),
    (
        "p asn 3 1\np asn 3 1\n",
        2,
        "a second `p` line (the first is line 1)",
    ),
    ("n 1\np asn 2 0\n", 1, "`n` line before the `p asn"),
    ("a 1 2 3\n", 1, "`a` line before the `p asn"),
    ("p asn 3 1\nn 1\nn 4\n", 3, "node `4` is out of range 1..=3"),
    // Found by the `dimacs_asn` fuzz target: an 18-byte header that asked for gigabytes.
    (
        "p asn 268435455 0\n",
        1,
        "`268435455` nodes are more than a file of 18 bytes can describe (at most 65554",
    ),
    (
        "p asn 8301128 0\n",
        1,
        "more than a file of 16 bytes can describe",
    ),
    ("p asn 3 1\nn 0\n", 2, "node `0` is out of range"),
    (
        "p asn 3 1\nn 1\nn 1\n",
        3,
        "node `1` is listed with `n` twice",
    ),
    (
        "p asn 3 1\nn one\n",
        2,
        "expected `n ID` with one node ID, found `n one`",
    ),
    (
        "p asn 3 2\nn 1\na 1 2 5\nn 3\n",
        4,
        "`n` line after the first `a` line (line 3)",
    ),
    (
        "p asn 3 1\nn 1\na 1 2\n",
        3,
        "expected `a SRC DST COST` with three non-negative integers, found `a 1 2`",
    ),
    (
        "p asn 3 1\nn 1\na 1 2 5 7\n",
        3,
        "expected `a SRC DST COST`",
    ),
    ("p asn 3 1\nn 1\na 1 2 x\n", 3, "found `a 1 2 x`"),
    ("p asn 3 1\nn 1\na 1 2 -3\n", 3, "cost `-3` is negative"),
    (
        "p asn 3 1\nn 1\na 1 2 4294967296\n",
        3,
        "cost `4294967296` exceeds the largest supported cost 4294967295",
    ),
    (
        "p asn 3 1\nn 1\na 1 2 99999999999999999999999\n",
        3,
        "expected `a SRC DST COST`",
    ),
    (
        "p asn 3 1\nn 1\na 2 3 1\n",
        3,
        "arc source `2` is not a source node",
    ),
    (
        "p asn 3 1\nn 1\nn 2\na 1 2 1\n",
        4,
        "arc destination `2` is a source node",
    ),
    (
        "p asn 3 1\nn 1\na 1 9 1\n",
        3,
        "node `9` is out of range 1..=3",
    ),
    (
        "p asn 3 2\nn 1\na 1 2 1\n",
        4,
        "gives the number of arcs as 2, the file has 1",
    ),
    (
        "p asn 3 0\nn 1\nx 1\n",
        3,
        "unknown line: expected one starting with `c`, `p`, `n` or `a`, found `x 1`",
    ),
    (
        "p asn 3 0\nn 1\nc redeploy-capacity 2\n",
        3,
        "expected `c redeploy-capacity NODE VALUE`",
    ),
    (
        "p asn 3 0\nn 1\nc redeploy-capacity 1 2\n",
        3,
        "node `1` is a source node: capacities belong to columns",
    ),
    (
        "p asn 3 0\nn 1\nc redeploy-priority 2 1\n",
        3,
        "node `2` is not a source node",
    ),
    (
        "p asn 3 0\nn 1\nc redeploy-priority 1 300\n",
        3,
        "priority class `300` exceeds 255",
    ),
    (
        "p asn 3 0\nn 1\nc redeploy-capacity 9 1\n",
        3,
        "node `9` is out of range",
    ),
];

#[test]
fn malformed_files_name_the_line() {
    for &(text, line, words) in MALFORMED {
        match dimacs::parse(text.as_bytes()) {
            Err(AssignError::Dimacs {
                line: found,
                message,
            }) => {
                assert_eq!(found, line, "wrong line for {text:?}: {message}");
                assert!(
                    message.contains(words),
                    "message for {text:?} is {message:?}, expected it to contain {words:?}"
                );
            }
            other => panic!("{text:?} should fail with a DIMACS error, got {other:?}"),
        }
    }
}

#[test]
fn generator_layout_reads_without_metadata() {
    // Sources listed with `n` are rows; every other node is a column, by increasing ID, even
    // when the IDs interleave.
    let text = "c no left/right metadata\r\np asn 5 3\r\nn 2\r\nn 4\r\n\r\na 2 1 7\r\na 4 5 3\r\na 2 5 9\r\n";
    let instance = dimacs::parse(text.as_bytes()).expect("valid file");
    assert_eq!(instance.row_nodes, vec![2, 4]);
    assert_eq!(instance.col_nodes, vec![1, 3, 5]);
    let problem = &instance.problem;
    assert_eq!((problem.rows(), problem.cols(), problem.arcs()), (2, 3, 3));
    assert_eq!(problem.arc_cost(0, 0), Some(7));
    assert_eq!(problem.arc_cost(0, 2), Some(9));
    assert_eq!(problem.arc_cost(1, 2), Some(3));
}

#[test]
fn repeated_pairs_keep_the_cheaper_cost() {
    let problem = dimacs::parse(b"p asn 2 3\nn 1\na 1 2 5\na 1 2 3\na 1 2 4\n")
        .expect("valid")
        .problem;
    assert_eq!((problem.arcs(), problem.arc_cost(0, 0)), (1, Some(3)));
}

fn problem_strategy() -> impl Strategy<Value = Problem> {
    (0usize..6, 0usize..6).prop_flat_map(|(rows, cols)| {
        let arcs = prop::collection::vec((0..rows.max(1), 0..cols.max(1), 0i64..1_000), 0..20);
        let caps = prop::collection::vec(0u32..4, cols);
        let classes = prop::collection::vec(0u8..3, rows);
        (arcs, caps, classes).prop_map(move |(arcs, caps, classes)| {
            let mut builder = Problem::builder(rows, cols);
            if rows > 0 && cols > 0 {
                for (r, c, cost) in arcs {
                    builder.arc(r, c, cost);
                }
            }
            for (c, cap) in caps.into_iter().enumerate() {
                builder.capacity(c, cap);
            }
            for (r, class) in classes.into_iter().enumerate() {
                builder.priority(r, class);
            }
            builder.build().expect("valid")
        })
    })
}

proptest! {
    #[test]
    fn write_then_read_round_trips(problem in problem_strategy()) {
        let mut bytes = Vec::new();
        dimacs::write(&problem, &mut bytes).expect("writing to memory");
        let back = dimacs::read(bytes.as_slice()).expect("own output parses");
        prop_assert_eq!(back, problem);
    }

    #[test]
    fn garbage_never_panics(lines in prop::collection::vec(
        prop::sample::select(vec![
            "p asn 4 2", "p asn 4 x", "n 1", "n 2", "n 9", "a 1 3 5", "a 2 4 1", "a 1 1 1", "a 1 3",
            "a 1 3 -1", "c redeploy-capacity 3 2", "c redeploy-priority 1 2", "c hi", "", "zz", "p",
            "a 99999999999999999999 1 1", "n", "a", "c redeploy-priority", "p asn 0 0",
        ]),
        0..10,
    )) {
        let text = lines.join("\n");
        let _ = dimacs::parse(text.as_bytes());
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = dimacs::parse(&bytes);
    }
}
