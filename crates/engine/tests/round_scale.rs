//! A round at England scale (7 regions, 42 footprints, 210 employers, 2,100 sites, 50,000 people,
//! 100,000 posts), ignored by default: `cargo test --release -p redeploy-engine --test round_scale
//! -- --ignored --nocapture` prints the time of each step (with `RUST_LOG=redeploy_engine=info`,
//! the time of each stage of the round). The scenario is built from a fixed
//! linear congruential sequence, so every run sees the same one.

mod common;

use std::time::Instant;

use common::{date, person, scenario, vacancy};
use redeploy_engine::run_round;
use redeploy_model::{Band, Employer, EmployerKind, Footprint, Policy, Region, Site, Tier};

/// A fixed pseudo-random sequence (Knuth's MMIX constants).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

const SKILLS: [&str; 12] = [
    "ledger",
    "audit",
    "payroll",
    "budgeting",
    "procurement",
    "contracts",
    "analysis",
    "sql",
    "hr",
    "recruitment",
    "minutes",
    "diary",
];

fn england(people: usize, posts: usize) -> redeploy_model::Scenario {
    let mut s = scenario();
    let mut seq = Sequence(2025);
    s.regions = (0..7)
        .map(|r| Region {
            id: format!("R{r}"),
            name: format!("Region {r}"),
        })
        .collect();
    s.footprints = (0..42)
        .map(|f| Footprint {
            id: format!("F{f:02}"),
            name: format!("Footprint {f}"),
            region: format!("R{}", f % 7),
        })
        .collect();
    s.employers = (0..210)
        .map(|e| Employer {
            id: format!("E{e:03}"),
            name: format!("Employer {e}"),
            kind: EmployerKind::Acute,
            footprint: format!("F{:02}", e / 5),
            associated_with: Vec::new(),
        })
        .collect();
    s.sites = (0..2_100)
        .map(|i| {
            let footprint = (i / 10) / 5;
            Site {
                id: format!("S{i:04}"),
                name: String::new(),
                latitude: 50.5 + (footprint / 7) as f64 * 0.5 + seq.next(100) as f64 / 400.0,
                longitude: -3.0 + (footprint % 7) as f64 * 0.5 + seq.next(100) as f64 / 400.0,
            }
        })
        .collect();
    s.travel_times.clear();
    let skills = |seq: &mut Sequence, count: u64| -> Vec<String> {
        (0..count)
            .map(|_| SKILLS[seq.next(SKILLS.len() as u64) as usize].to_string())
            .collect()
    };
    for i in 0..people {
        let employer = seq.next(210) as usize;
        let band = Band::ALL[3 + seq.next(7) as usize];
        let mut someone = person(&format!("P{i:05}"), &format!("E{employer:03}"), band);
        someone.site = format!("S{:04}", employer * 10 + seq.next(10) as usize);
        someone.skills = skills(&mut seq, 3);
        someone.nhs_service_start = date(1990 + seq.next(34) as i32, 4, 1);
        s.people.push(someone);
    }
    let mut made = 0;
    while made < posts {
        let employer = seq.next(210) as usize;
        let band = Band::ALL[2 + seq.next(8) as usize];
        let mut post = vacancy(
            &format!("V{:06}", s.vacancies.len()),
            &format!("E{employer:03}"),
            band,
        );
        post.site = format!("S{:04}", employer * 10 + seq.next(10) as usize);
        post.essential_skills = skills(&mut seq, 2);
        post.desirable_skills = skills(&mut seq, 2);
        post.posts = 1 + seq.next(2) as u32;
        post.ring_fenced = seq.next(3) == 0;
        post.advertised_order = seq.next(1_000) as u32;
        made += post.posts as usize;
        s.vacancies.push(post);
    }
    s
}

#[test]
#[ignore = "England scale: run in release with --ignored"]
fn england_scale_round() {
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_ansi(false)
            .init();
    }
    let started = Instant::now();
    let s = england(50_000, 100_000);
    println!("built scenario in {:?}", started.elapsed());
    let mut policy = Policy {
        tiers: vec![Tier::Employer, Tier::Footprint, Tier::Region],
        ..Policy::default()
    };
    policy.slotting.enabled = true;
    let started = Instant::now();
    let round = run_round(&s, &policy.validate().unwrap()).unwrap();
    let round_time = started.elapsed();
    let started = Instant::now();
    let json = serde_json::to_string(&round).unwrap();
    println!(
        "round {:?}, JSON {:?} ({} MB): placed {}, unplaced {}, suitable pairs {}",
        round_time,
        started.elapsed(),
        json.len() / 1_000_000,
        round.metrics.placed,
        round.metrics.unplaced,
        round.metrics.eligible_pairs
    );
    assert_eq!(
        round.metrics.placed + round.metrics.unplaced + round.metrics.volunteers_leaving,
        round.metrics.people_at_risk
    );
}
