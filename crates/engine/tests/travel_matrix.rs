//! Journey times between sites: explicit times and shortest paths over them (checked against a
//! Floyd–Warshall oracle), the coordinate estimate for known English city pairs, symmetry,
//! zero on the same site, and the same matrix on one thread or two.

use chrono::NaiveDate;
use proptest::prelude::*;
use redeploy_engine::{TravelSource, TravelTimes, estimate_minutes};
use redeploy_model::{PayScale, Policy, Scenario, Site, TravelTime};

fn site(id: &str, latitude: f64, longitude: f64) -> Site {
    Site {
        id: id.to_string(),
        name: id.to_string(),
        latitude,
        longitude,
    }
}

fn time(from: &str, to: &str, minutes: u32) -> TravelTime {
    TravelTime {
        from: from.to_string(),
        to: to.to_string(),
        minutes,
    }
}

fn scenario(sites: Vec<Site>, travel_times: Vec<TravelTime>) -> Scenario {
    Scenario {
        name: "travel".to_string(),
        round_date: NaiveDate::from_ymd_opt(2025, 10, 1).expect("valid date"),
        seed: 0,
        pay_scale: PayScale {
            name: String::new(),
            year: String::new(),
            source: String::new(),
            points: Default::default(),
        },
        policy: Policy::default(),
        regions: Vec::new(),
        footprints: Vec::new(),
        employers: Vec::new(),
        sites,
        travel_times,
        skills: Vec::new(),
        people: Vec::new(),
        vacancies: Vec::new(),
    }
}

/// City centres (WGS84).
fn cities() -> Vec<Site> {
    vec![
        site("leeds", 53.7997, -1.5492),
        site("bradford", 53.7960, -1.7594),
        site("wakefield", 53.6830, -1.4977),
        site("york", 53.9600, -1.0873),
        site("sheffield", 53.3811, -1.4701),
        site("birmingham", 52.4862, -1.8904),
        site("london", 51.5073, -0.1276),
    ]
}

fn estimate_between(a: &str, b: &str) -> u32 {
    let all = cities();
    let find = |id: &str| all.iter().find(|s| s.id == id).expect("known city").clone();
    estimate_minutes(&find(a), &find(b))
}

#[test]
fn estimates_for_known_city_pairs_are_sane() {
    let leeds_bradford = estimate_between("leeds", "bradford");
    assert!(
        (25..=45).contains(&leeds_bradford),
        "Leeds–Bradford estimated at {leeds_bradford}"
    );
    let leeds_wakefield = estimate_between("leeds", "wakefield");
    assert!(
        (25..=45).contains(&leeds_wakefield),
        "Leeds–Wakefield estimated at {leeds_wakefield}"
    );
    let leeds_york = estimate_between("leeds", "york");
    assert!(
        (45..=90).contains(&leeds_york),
        "Leeds–York estimated at {leeds_york}"
    );
    let leeds_sheffield = estimate_between("leeds", "sheffield");
    assert!(
        (60..=150).contains(&leeds_sheffield),
        "Leeds–Sheffield estimated at {leeds_sheffield}"
    );
    let london_birmingham = estimate_between("london", "birmingham");
    assert!(
        london_birmingham > 180,
        "London–Birmingham estimated at {london_birmingham}"
    );
}

#[test]
fn different_sites_at_one_place_cost_only_the_overhead() {
    let here = site("a", 53.8, -1.55);
    let also_here = site("b", 53.8, -1.55);
    assert_eq!(estimate_minutes(&here, &also_here), 10);
}

#[test]
fn same_site_is_zero_and_the_matrix_is_symmetric() {
    let travel = TravelTimes::new(
        &scenario(cities(), vec![time("leeds", "york", 50)])
            .indexed()
            .unwrap(),
    );
    let n = travel.site_count();
    assert_eq!(n, 7);
    for from in travel.sites() {
        assert_eq!(travel.minutes(from, from), 0);
        assert_eq!(travel.source(from, from), TravelSource::SameSite);
        for to in travel.sites() {
            assert_eq!(
                travel.minutes(from, to),
                travel.minutes(to, from),
                "{from:?}→{to:?}"
            );
            assert_eq!(
                travel.source(from, to),
                travel.source(to, from),
                "{from:?}→{to:?}"
            );
        }
    }
}

#[test]
fn explicit_times_are_honoured_and_composed_along_shortest_paths() {
    let travel = TravelTimes::new(
        &scenario(
            cities(),
            vec![
                time("leeds", "bradford", 30),
                time("leeds", "wakefield", 25),
                time("wakefield", "sheffield", 40),
                time("bradford", "sheffield", 90),
                // A repeated pair keeps its shortest time; a self-loop and an unknown site are ignored.
                time("bradford", "leeds", 28),
                time("york", "york", 5),
                time("york", "nowhere", 5),
            ],
        )
        .indexed()
        .unwrap(),
    );
    let at = |id: &str| travel.site_index(id).expect("known site");
    let (leeds, bradford, wakefield, sheffield, york) = (
        at("leeds"),
        at("bradford"),
        at("wakefield"),
        at("sheffield"),
        at("york"),
    );
    assert_eq!(travel.minutes(leeds, bradford), 28);
    assert_eq!(
        travel.minutes(leeds, sheffield),
        65,
        "Leeds–Wakefield–Sheffield"
    );
    assert_eq!(
        travel.minutes(bradford, sheffield),
        90,
        "the direct 90 beats 28 + 25 + 40 = 93"
    );
    assert_eq!(
        travel.minutes(bradford, wakefield),
        53,
        "Bradford–Leeds–Wakefield"
    );
    assert_eq!(travel.source(bradford, wakefield), TravelSource::Explicit);
    assert_eq!(travel.source(leeds, york), TravelSource::Estimated);
    assert_eq!(
        travel.minutes(leeds, york),
        estimate_between("leeds", "york"),
        "York has no usable explicit time"
    );
    assert_eq!(travel.site_index("nowhere"), None);
}

#[test]
fn the_matrix_is_the_same_on_one_thread_or_two() {
    let mut sites = cities();
    for i in 0..60 {
        let step = f64::from(i);
        sites.push(site(
            &format!("s{i}"),
            52.0 + step * 0.03,
            -2.0 + step * 0.02,
        ));
    }
    let times: Vec<TravelTime> = (0..40)
        .map(|i| {
            time(
                &format!("s{i}"),
                &format!("s{}", (i * 7 + 3) % 60),
                5 + i % 30,
            )
        })
        .collect();
    let world = scenario(sites, times);
    let build = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
            .install(|| TravelTimes::new(&world.indexed().unwrap()))
    };
    assert_eq!(build(1), build(2));
}

/// All-pairs shortest paths over the explicit times by Floyd–Warshall, the oracle for Dijkstra.
fn floyd_warshall(n: usize, edges: &[(usize, usize, u32)]) -> Vec<Vec<Option<u64>>> {
    let mut best = vec![vec![None; n]; n];
    for (i, row) in best.iter_mut().enumerate() {
        row[i] = Some(0);
    }
    for &(a, b, minutes) in edges {
        if a == b {
            continue;
        }
        let minutes = u64::from(minutes);
        for (x, y) in [(a, b), (b, a)] {
            best[x][y] = Some(best[x][y].map_or(minutes, |m: u64| m.min(minutes)));
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if let (Some(ik), Some(kj)) = (best[i][k], best[k][j]) {
                    best[i][j] = Some(best[i][j].map_or(ik + kj, |m| m.min(ik + kj)));
                }
            }
        }
    }
    best
}

proptest! {
    #[test]
    fn shortest_paths_match_floyd_warshall(
        coordinates in prop::collection::vec((50.0f64..55.0, -3.0f64..0.5), 1..9),
        raw_edges in prop::collection::vec((0usize..9, 0usize..9, 1u32..120), 0..14),
    ) {
        let n = coordinates.len();
        let sites: Vec<Site> = coordinates
            .iter()
            .enumerate()
            .map(|(i, &(lat, lon))| site(&format!("s{i}"), lat, lon))
            .collect();
        let edges: Vec<(usize, usize, u32)> = raw_edges
            .into_iter()
            .filter(|&(a, b, _)| a < n && b < n)
            .collect();
        let times = edges
            .iter()
            .map(|&(a, b, m)| time(&format!("s{a}"), &format!("s{b}"), m))
            .collect();
        let travel = TravelTimes::new(&scenario(sites.clone(), times).indexed().unwrap());
        let oracle = floyd_warshall(n, &edges);
        let ids: Vec<_> = travel.sites().collect();
        for from in 0..n {
            for to in 0..n {
                let (at_from, at_to) = (ids[from], ids[to]);
                let (expected, source) = match oracle[from][to] {
                    _ if from == to => (0, TravelSource::SameSite),
                    Some(m) => (u32::try_from(m).unwrap(), TravelSource::Explicit),
                    None => (estimate_minutes(&sites[from], &sites[to]), TravelSource::Estimated),
                };
                prop_assert_eq!(travel.minutes(at_from, at_to), expected, "{} → {}", from, to);
                prop_assert_eq!(travel.source(at_from, at_to), source, "{} → {}", from, to);
            }
        }
    }

    #[test]
    fn estimates_are_symmetric_and_grow_with_distance(
        lat in 50.0f64..55.0,
        lon in -3.0f64..0.5,
        north in 0.0f64..1.0,
        further in 0.0f64..1.0,
    ) {
        let origin = site("o", lat, lon);
        let near = site("n", lat + north, lon);
        let far = site("f", lat + north + further, lon);
        prop_assert_eq!(estimate_minutes(&origin, &near), estimate_minutes(&near, &origin));
        prop_assert!(estimate_minutes(&origin, &far) >= estimate_minutes(&origin, &near));
    }
}

/// England scale: 2,000 sites on a grid over England, 3,000 explicit times. Run with
/// `cargo test --release -p redeploy-engine --test travel_matrix -- --ignored --nocapture`.
#[test]
#[ignore = "England-scale timing; run on demand"]
fn england_scale_matrix_builds_in_reasonable_time() {
    let sites: Vec<Site> = (0..2_000)
        .map(|i| {
            let (row, column) = (f64::from(i / 50), f64::from(i % 50));
            site(&format!("s{i}"), 50.5 + row * 0.1, -4.5 + column * 0.12)
        })
        .collect();
    let times: Vec<TravelTime> = (0u32..3_000)
        .map(|i| {
            let from = (i * 7919) % 2_000;
            let to = (from + 1 + (i * 104_729) % 60) % 2_000;
            time(&format!("s{from}"), &format!("s{to}"), 10 + i % 50)
        })
        .collect();
    let world = scenario(sites, times);
    let started = std::time::Instant::now();
    let travel = TravelTimes::new(&world.indexed().unwrap());
    let elapsed = started.elapsed();
    println!("2,000 sites, 3,000 explicit times: matrix built in {elapsed:?}");
    assert_eq!(travel.site_count(), 2_000);
    let started = std::time::Instant::now();
    let mut total = 0u64;
    for from in travel.sites() {
        for to in travel.sites() {
            total += u64::from(travel.minutes(from, to));
        }
    }
    println!(
        "4,000,000 look-ups in {:?} (sum {total})",
        started.elapsed()
    );
    assert!(elapsed.as_secs() < 30, "building took {elapsed:?}");
}
