//! Criterion benchmarks of the assignment solver on instances generated in-process from fixed
//! seeds: dense n x n (uniform costs), random sparse n x n with 20 arcs per row plus a hidden
//! perfect assignment, and a staff-like instance (bands and regions, not everyone placeable).
//!
//! `cargo bench --bench assign`; sample counts are kept low so the whole run takes a few minutes.
//! Peer comparisons on DIMACS files are in `docs/performance.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use redeploy_assign::{Problem, solve, solve_parallel, solve_reference};

/// Seed of every generated instance.
const SEED: u64 = 0x5EED_2026;
/// Costs are uniform in `0..COST_RANGE`, as in the peer benchmark.
const COST_RANGE: u64 = 1_000_000;

/// SplitMix64: a small, well-mixed generator, enough for instance generation.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

fn dense(n: usize) -> Problem {
    let mut rng = SplitMix(SEED ^ n as u64);
    let mut builder = Problem::builder(n, n);
    for row in 0..n {
        for col in 0..n {
            builder.arc(row, col, rng.below(COST_RANGE) as i64);
        }
    }
    builder.build().expect("generated instance is valid")
}

/// `k` random arcs per row plus one along a random permutation, so a perfect assignment exists.
fn sparse(n: usize, k: usize) -> Problem {
    let mut rng = SplitMix(SEED ^ (n as u64) << 8 ^ k as u64);
    let mut permutation: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        permutation.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut builder = Problem::builder(n, n);
    for (row, &hidden) in permutation.iter().enumerate() {
        builder.arc(row, hidden, rng.below(COST_RANGE) as i64);
        for _ in 0..k {
            builder.arc(
                row,
                rng.below(n as u64) as usize,
                rng.below(COST_RANGE) as i64,
            );
        }
    }
    builder.build().expect("generated instance is valid")
}

/// Staff-like: people and posts have a band (1..=12) and a region; a person may take a post in
/// the same region within one band, at cost `1000 * band gap + noise`. People skew senior and
/// posts junior, so not everyone can be placed.
fn staff_like(people: usize, posts: usize, regions: u64) -> Problem {
    let mut rng = SplitMix(SEED ^ 0x57AF);
    // Band b has weight b for people and 13 - b for posts.
    let mut band = |senior: bool| loop {
        let b = 1 + rng.below(12) as i64;
        let weight = if senior { b } else { 13 - b };
        if (rng.below(12) as i64) < weight {
            return b;
        }
    };
    let person_band: Vec<i64> = (0..people).map(|_| band(true)).collect();
    let post_band: Vec<i64> = (0..posts).map(|_| band(false)).collect();
    let mut rng = SplitMix(SEED ^ 0x4E61);
    let person_region: Vec<u64> = (0..people).map(|_| rng.below(regions)).collect();
    let post_region: Vec<u64> = (0..posts).map(|_| rng.below(regions)).collect();
    let mut by_cell = vec![Vec::new(); regions as usize * 13];
    for post in 0..posts {
        by_cell[post_region[post] as usize * 13 + post_band[post] as usize].push(post);
    }
    let mut builder = Problem::builder(people, posts);
    for person in 0..people {
        for band in person_band[person] - 1..=person_band[person] + 1 {
            if !(1..=12).contains(&band) {
                continue;
            }
            let cell = person_region[person] as usize * 13 + band as usize;
            for &post in &by_cell[cell] {
                let gap = (band - person_band[person]).abs();
                builder.arc(person, post, 1000 * gap + rng.below(100) as i64);
            }
        }
    }
    builder.build().expect("generated instance is valid")
}

fn configure(c: &mut Criterion) -> criterion::BenchmarkGroup<'_, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group("assign");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    group
}

fn bench_dense(c: &mut Criterion) {
    let mut group = configure(c);
    for n in [500, 1000, 2000] {
        let problem = dense(n);
        group.bench_with_input(BenchmarkId::new("dense", n), &problem, |b, p| {
            b.iter(|| black_box(solve(p)))
        });
    }
    let problem = dense(300);
    group.bench_with_input(
        BenchmarkId::new("dense_reference", 300),
        &problem,
        |b, p| b.iter(|| black_box(solve_reference(p))),
    );
    group.finish();
}

fn bench_sparse(c: &mut Criterion) {
    let mut group = configure(c);
    for n in [10_000, 50_000, 100_000] {
        let problem = sparse(n, 20);
        group.bench_with_input(BenchmarkId::new("sparse_k20", n), &problem, |b, p| {
            b.iter(|| black_box(solve(p)))
        });
    }
    group.finish();
}

fn bench_staff_like(c: &mut Criterion) {
    let mut group = configure(c);
    let problem = staff_like(10_000, 20_000, 21);
    group.bench_with_input(
        BenchmarkId::new("staff_like", "10k_20k"),
        &problem,
        |b, p| b.iter(|| black_box(solve(p))),
    );
    group.bench_with_input(
        BenchmarkId::new("staff_like_parallel", "10k_20k"),
        &problem,
        |b, p| b.iter(|| black_box(solve_parallel(p))),
    );
    group.finish();
}

criterion_group!(benches, bench_dense, bench_sparse, bench_staff_like);
criterion_main!(benches);
