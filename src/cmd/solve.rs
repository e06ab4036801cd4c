//! `redeploy solve`: solve a DIMACS `asn` assignment file with the sparse solver (or the dense
//! reference) and report the optimum and the time taken, apart from the time to read the file.
//!
//! `--peer-line` prints one line in the shape the peer benchmark reads:
//! `redeploy n m arcs matched total_cost seconds load=… build=0 runs=… threads=… components=…`,
//! where `seconds` is the median solve time alone.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use redeploy_assign::{
    AssignError, Assignment, Problem, component_count, dimacs, solve_parallel, try_solve_reference,
};
use redeploy_model::count;

use crate::usage;

/// Arguments of `redeploy solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// The DIMACS `asn` file (`p asn NODES ARCS`, `n ID` for each row, `a SRC DST COST`).
    pub file: PathBuf,
    /// Also print the assignment: `SRC DST COST` per row in the file's node IDs, `SRC -` when unassigned.
    #[arg(long)]
    pub assignment: bool,
    /// Print one result line in the peer benchmark's format instead of the summary.
    #[arg(long)]
    pub peer_line: bool,
    /// Solve this many times and report the median solve time.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
    /// Threads for solving components in parallel (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,
    /// Use the dense reference solver (pathfinding's Kuhn–Munkres) instead; small files only.
    #[arg(long)]
    pub reference: bool,
}

/// Runs `redeploy solve`: exit 0 when solved, 1 when the file is malformed or too large for the
/// chosen solver, 2 when it cannot be read.
pub fn run(args: &SolveArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let instance = std::fs::File::open(&args.file)
        .map_err(AssignError::from)
        .and_then(dimacs::read_instance)
        .map_err(|err| in_file(args, &err))?;
    let load = started.elapsed();
    let threads = args
        .threads
        .map_or_else(rayon::current_num_threads, |t| t as usize);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|err| usage(format!("cannot start {threads} threads: {err}")))?;
    let problem = &instance.problem;
    let solve_once = || {
        let started = Instant::now();
        let solved = if args.reference {
            try_solve_reference(problem)
        } else {
            Ok(pool.install(|| solve_parallel(problem)))
        };
        solved.map(|assignment| (assignment, started.elapsed()))
    };
    let mut times = Vec::with_capacity(args.repeat as usize);
    let (assignment, time) = solve_once().map_err(|err| in_file(args, &err))?;
    times.push(time);
    for _ in 1..args.repeat {
        let (_, time) = solve_once().map_err(|err| in_file(args, &err))?;
        times.push(time);
    }
    times.sort();
    let solve = times[times.len() / 2];
    let report = Report {
        problem,
        assignment: &assignment,
        load,
        solve,
        runs: args.repeat,
        threads,
        components: component_count(problem),
    };
    if args.peer_line {
        println!("{}", report.peer_line());
    } else {
        print!("{}", report.summary(&args.file, args.reference));
    }
    if args.assignment {
        print_assignment(&instance, &assignment);
    }
    Ok(())
}

/// An error of the solver on the file: a usage problem when the file cannot be read, invalid
/// input otherwise.
fn in_file(args: &SolveArgs, err: &AssignError) -> anyhow::Error {
    let message = format!("{}: {err}", args.file.display());
    match err {
        AssignError::Io(_) => usage(message),
        _ => anyhow::anyhow!(message),
    }
}

struct Report<'a> {
    problem: &'a Problem,
    assignment: &'a Assignment,
    load: Duration,
    solve: Duration,
    runs: u32,
    threads: usize,
    components: usize,
}

impl Report<'_> {
    fn peer_line(&self) -> String {
        let p = self.problem;
        format!(
            "redeploy {} {} {} {} {} {:.6} load={:.6} build=0 runs={} threads={} components={}",
            p.rows(),
            p.cols(),
            p.arcs(),
            self.assignment.matched,
            self.assignment.cost,
            self.solve.as_secs_f64(),
            self.load.as_secs_f64(),
            self.runs,
            self.threads,
            self.components
        )
    }

    fn summary(&self, file: &std::path::Path, reference: bool) -> String {
        let p = self.problem;
        let a = self.assignment;
        let mut out = format!(
            "{}: {} x {}, {}, {}\n",
            file.display(),
            count(p.rows(), "row", "rows"),
            count(p.cols(), "column", "columns"),
            count(p.arcs(), "arc", "arcs"),
            count(self.components, "component", "components")
        );
        out += &format!(
            "matched {} of {}, total cost {}\n",
            a.matched,
            count(p.rows(), "row", "rows"),
            a.cost
        );
        if a.matched_by_class.len() > 1 {
            let classes: Vec<String> = a
                .matched_by_class
                .iter()
                .enumerate()
                .filter(|(_, n)| **n > 0)
                .map(|(class, n)| format!("class {class}: {n}"))
                .collect();
            out += &format!("matched by priority class: {}\n", classes.join(", "));
        }
        let solver = if reference {
            "dense reference".to_string()
        } else {
            count(self.threads, "thread", "threads")
        };
        out += &format!(
            "read {:.3} s, solve {:.3} s (median of {}, {solver})\n",
            self.load.as_secs_f64(),
            self.solve.as_secs_f64(),
            self.runs
        );
        out
    }
}

fn print_assignment(instance: &dimacs::Instance, assignment: &Assignment) {
    use std::io::Write as _;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (row, col) in assignment.row_to_col.iter().enumerate() {
        let src = instance.row_nodes[row];
        let written = match col {
            Some(col) => {
                let cost = instance.problem.arc_cost(row, *col).unwrap_or_default();
                writeln!(out, "{src} {} {cost}", instance.col_nodes[*col])
            }
            None => writeln!(out, "{src} -"),
        };
        if written.is_err() {
            return;
        }
    }
    let _ = out.flush();
}
