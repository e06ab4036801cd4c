//! Journey times between sites.
//!
//! This module owns [`TravelTimes`]: the minutes between every pair of sites in a scenario,
//! worked out once so the eligibility rules can ask for any pair in O(1).
//!
//! - **Explicit times.** The scenario's `travel_times` are the edges of an undirected petgraph
//!   site graph (a repeated pair keeps its shortest time). Every pair joined by a path in that
//!   graph takes its shortest-path time (Dijkstra from each site that has an explicit edge), so
//!   A–B 20 minutes and B–C 15 minutes give A–C 35 minutes unless A–C is given shorter.
//! - **Estimate.** Pairs with no path of explicit times are estimated from coordinates:
//!   great-circle (haversine) distance × a road-winding factor, at an average door-to-door
//!   speed, plus a fixed overhead, rounded to the nearest minute. The constants and their
//!   reasoning are documented on [`ROAD_WINDING_FACTOR`], [`AVERAGE_SPEED_KM_PER_HOUR`] and
//!   [`JOURNEY_OVERHEAD_MINUTES`].
//!
//! The matrix is dense (`sites²` minutes and sources; 2,000 sites take 20 MB) and rows are built
//! in parallel with rayon, one source site per task, collected in site order, so the result is
//! identical on any number of threads.

use std::collections::HashMap;

use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use redeploy_model::{IndexedScenario, Ix, Scenario, Site, SiteIx};
use serde::Serialize;

/// Mean radius of the Earth in kilometres (IUGG mean radius R1 = 6,371.0088 km), for the
/// great-circle distance.
pub const EARTH_RADIUS_KM: f64 = 6_371.008_8;

/// Road distance ÷ straight-line distance (the circuity or route factor). Urban road networks
/// measure about 1.2 (Newell 1980; O'Sullivan 1996 finds 1.21–1.23 around transit stations), and
/// a route-factor study of Great Britain from Google route distances finds short trips more
/// winding than long ones (Olner, "How wiggly is Britain?", 2015,
/// <https://danolner.github.io/2015/07/routeFactor>). 1.3 allows for the short, urban trips that
/// decide most journey-time tests.
pub const ROAD_WINDING_FACTOR: f64 = 1.3;

/// Average door-to-door speed over the road distance, km/h. 40 km/h (25 mph) is close to
/// peak-time driving in and between towns and to a direct bus, which SAE rules ask to allow for
/// ("by the employee's mode of travel, including public transport"). It is conservative for
/// motorway trips between cities: Leeds–York is estimated at 79 minutes where a car at peak
/// takes nearer 50. Give explicit times for pairs where that matters.
pub const AVERAGE_SPEED_KM_PER_HOUR: f64 = 40.0;

/// Minutes added to every estimated journey between different sites: leaving home, parking or
/// waiting for a bus, and walking to the building.
pub const JOURNEY_OVERHEAD_MINUTES: f64 = 10.0;

/// Where the time between two sites comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TravelSource {
    /// The same site: no journey.
    SameSite,
    /// The scenario's explicit times (directly or along a shortest path of them).
    Explicit,
    /// The estimate from coordinates.
    Estimated,
}

/// Journey times between every pair of sites a round needs: explicit times from the scenario
/// where given (shortest paths over the petgraph site graph of explicit times), otherwise a
/// documented estimate from coordinates (great-circle distance × a road-winding factor / an
/// average speed, plus a fixed overhead).
///
/// Sites are read at their typed position in `scenario.sites` ([`SiteIx`]).
///
/// ```
/// use redeploy_engine::{TravelSource, TravelTimes};
/// # use redeploy_model::{Scenario, Site, TravelTime};
/// # fn scenario_with(sites: Vec<Site>, travel_times: Vec<TravelTime>) -> Scenario {
/// #     Scenario { name: "doc".into(), round_date: chrono::NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(), seed: 0,
/// #         pay_scale: redeploy_model::PayScale { name: String::new(), year: String::new(), source: String::new(), points: Default::default() },
/// #         policy: Default::default(), regions: vec![], footprints: vec![], employers: vec![], sites, travel_times,
/// #         skills: vec![], people: vec![], vacancies: vec![] }
/// # }
/// let site = |id: &str, latitude, longitude| Site { id: id.into(), name: id.into(), latitude, longitude };
/// let scenario = scenario_with(
///     vec![site("LGI", 53.8018, -1.5519), site("BRI", 53.7918, -1.7620), site("SJH", 53.8085, -1.5200)],
///     vec![TravelTime { from: "LGI".into(), to: "SJH".into(), minutes: 15 }],
/// );
/// let travel = TravelTimes::new(&scenario.indexed().unwrap());
/// let at = |id| travel.site_index(id).unwrap();
/// let (lgi, bri, sjh) = (at("LGI"), at("BRI"), at("SJH"));
/// assert_eq!(travel.minutes(lgi, sjh), 15);
/// assert_eq!(travel.source(sjh, lgi), TravelSource::Explicit);
/// assert_eq!(travel.minutes(bri, bri), 0);
/// // Leeds General Infirmary to Bradford Royal Infirmary has no explicit time: estimated.
/// assert_eq!(travel.source(lgi, bri), TravelSource::Estimated);
/// assert!((25..=45).contains(&travel.minutes(lgi, bri)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TravelTimes {
    site_count: usize,
    /// Minutes, row-major: `minutes[from * site_count + to]`.
    minutes: Vec<u32>,
    /// Whether each entry came from explicit data (sources are otherwise implied).
    explicit: Vec<bool>,
    /// Site id → position.
    index: HashMap<String, SiteIx>,
}

/// Minutes from one site to every site: one row of a [`TravelTimes`] matrix, read by
/// [`SiteIx`].
#[derive(Debug, Clone, Copy)]
pub struct TravelRow<'t>(&'t [u32]);

impl TravelRow<'_> {
    /// Minutes to site `to`.
    ///
    /// # Panics
    /// When `to` is not a site of the scenario the matrix was built from.
    #[inline(always)]
    pub fn to(self, to: SiteIx) -> u32 {
        self.0[to.position()]
    }

    /// How many sites the row covers.
    pub fn len(self) -> usize {
        self.0.len()
    }

    /// Whether the row covers no site.
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }
}

/// The typed position of the `position`th site. The matrix holds `sites²` entries, so any
/// scenario whose matrix exists has far fewer than `u32::MAX` sites: the conversion cannot fail.
fn site_at(position: usize) -> SiteIx {
    SiteIx::from_position(crate::index::count(position))
}

impl TravelTimes {
    /// Builds the matrix for every pair of the scenario's sites.
    ///
    /// Explicit times naming a site the scenario does not have are ignored (validation reports
    /// them before a round runs), as is an explicit time from a site to itself. The scenario is
    /// indexed, so its explicit times keep the model's bounds (`Scenario::check_bounds`): every
    /// shortest path fits a `u32` of minutes.
    ///
    /// # Complexity
    /// O(S · (E + V log V)) for the Dijkstra runs, where S is the number of sites with an explicit
    /// time, plus O(V²) for the estimates; rows are built in parallel.
    pub fn new(indexed: &IndexedScenario<'_>) -> TravelTimes {
        let scenario = indexed.scenario;
        let sites = &scenario.sites;
        let site_count = sites.len();
        let index: HashMap<String, SiteIx> = sites
            .iter()
            .enumerate()
            .map(|(position, site)| (site.id.clone(), site_at(position)))
            .collect();
        let graph = explicit_graph(scenario, &index);

        let rows: Vec<(Vec<u32>, Vec<bool>)> = (0..site_count)
            .into_par_iter()
            .map(|from| row_from(&graph, sites, from))
            .collect();
        let mut minutes = Vec::with_capacity(site_count * site_count);
        let mut explicit = Vec::with_capacity(site_count * site_count);
        for (row_minutes, row_explicit) in rows {
            minutes.extend(row_minutes);
            explicit.extend(row_explicit);
        }
        TravelTimes {
            site_count,
            minutes,
            explicit,
            index,
        }
    }

    /// Minutes from site `from` to site `to`. Same site = 0.
    ///
    /// # Panics
    /// When either site is not a site of the scenario the matrix was built from.
    pub fn minutes(&self, from: SiteIx, to: SiteIx) -> u32 {
        self.minutes[self.entry(from, to)]
    }

    /// Minutes from site `from` to every site, in site order: one row of the matrix.
    ///
    /// ```
    /// use redeploy_engine::TravelTimes;
    /// # let scenario = redeploy_model::load_scenario(std::path::Path::new(concat!(
    /// #     env!("CARGO_MANIFEST_DIR"), "/../../configs/examples/small/scenario.toml"))).unwrap();
    /// let travel = TravelTimes::new(&scenario.indexed().unwrap());
    /// let sites: Vec<_> = travel.sites().collect();
    /// let row = travel.row(sites[0]);
    /// assert_eq!(row.len(), travel.site_count());
    /// assert_eq!(row.to(sites[1]), travel.minutes(sites[0], sites[1]));
    /// ```
    ///
    /// # Panics
    /// When `from` is not a site of the scenario the matrix was built from.
    pub fn row(&self, from: SiteIx) -> TravelRow<'_> {
        let from = from.position();
        assert!(
            from < self.site_count,
            "site index out of range: {from} with {} sites",
            self.site_count
        );
        TravelRow(&self.minutes[from * self.site_count..(from + 1) * self.site_count])
    }

    /// Whether the time between the two sites comes from explicit data or the estimate.
    ///
    /// # Panics
    /// When either index is not a site of the scenario the matrix was built from.
    pub fn source(&self, from: SiteIx, to: SiteIx) -> TravelSource {
        let entry = self.entry(from, to);
        if from == to {
            TravelSource::SameSite
        } else if self.explicit[entry] {
            TravelSource::Explicit
        } else {
            TravelSource::Estimated
        }
    }

    /// The position of the site with this id, if the scenario has it.
    pub fn site_index(&self, id: &str) -> Option<SiteIx> {
        self.index.get(id).copied()
    }

    /// Every site the matrix covers, in scenario order.
    pub fn sites(&self) -> impl Iterator<Item = SiteIx> + use<> {
        (0..self.site_count).map(site_at)
    }

    /// How many sites the matrix covers.
    pub fn site_count(&self) -> usize {
        self.site_count
    }

    fn entry(&self, from: SiteIx, to: SiteIx) -> usize {
        let (from, to) = (from.position(), to.position());
        assert!(
            from < self.site_count && to < self.site_count,
            "site index out of range: ({from}, {to}) with {} sites",
            self.site_count
        );
        from * self.site_count + to
    }
}

/// The estimated journey in minutes between two different sites, from their coordinates.
///
/// ```
/// use redeploy_engine::estimate_minutes;
/// use redeploy_model::Site;
///
/// let site = |latitude, longitude| Site { id: String::new(), name: String::new(), latitude, longitude };
/// // Leeds to Bradford city centres, about 14 km apart in a straight line.
/// let minutes = estimate_minutes(&site(53.7997, -1.5492), &site(53.7960, -1.7594));
/// assert_eq!(minutes, 37);
/// ```
pub fn estimate_minutes(a: &Site, b: &Site) -> u32 {
    let road_km = great_circle_km(a, b) * ROAD_WINDING_FACTOR;
    let minutes = road_km / AVERAGE_SPEED_KM_PER_HOUR * 60.0 + JOURNEY_OVERHEAD_MINUTES;
    // Saturating float-to-int conversion: a NaN coordinate gives 0, never a panic.
    minutes.round() as u32
}

/// Haversine distance in kilometres.
fn great_circle_km(a: &Site, b: &Site) -> f64 {
    let (lat_a, lat_b) = (a.latitude.to_radians(), b.latitude.to_radians());
    let half_dlat = (lat_b - lat_a) / 2.0;
    let half_dlon = (b.longitude - a.longitude).to_radians() / 2.0;
    let h = half_dlat.sin().powi(2) + lat_a.cos() * lat_b.cos() * half_dlon.sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// The undirected graph of explicit times: node `i` is site `i`; a repeated pair keeps its
/// shortest time.
fn explicit_graph(scenario: &Scenario, index: &HashMap<String, SiteIx>) -> UnGraph<(), u32> {
    let mut graph = UnGraph::<(), u32>::with_capacity(scenario.sites.len(), 0);
    for _ in &scenario.sites {
        graph.add_node(());
    }
    for time in &scenario.travel_times {
        let (Some(&from), Some(&to)) = (index.get(&time.from), index.get(&time.to)) else {
            continue;
        };
        if from == to {
            continue;
        }
        let (from, to) = (
            NodeIndex::new(from.position()),
            NodeIndex::new(to.position()),
        );
        match graph.find_edge(from, to) {
            Some(edge) => graph[edge] = graph[edge].min(time.minutes),
            None => {
                graph.add_edge(from, to, time.minutes);
            }
        }
    }
    graph
}

/// The minutes of a shortest path of explicit times. The path uses each explicit time at most
/// once and the model bounds their sum below `u32::MAX` (`Scenario::check_bounds`, which every
/// `IndexedScenario` passed), so the conversion never fails.
fn path_minutes(time: u64) -> u32 {
    debug_assert!(
        u32::try_from(time).is_ok(),
        "a path of explicit times beyond u32::MAX minutes"
    );
    time as u32
}

/// One row of the matrix: minutes and explicitness from `from` to every site.
fn row_from(graph: &UnGraph<(), u32>, sites: &[Site], from: usize) -> (Vec<u32>, Vec<bool>) {
    let node = NodeIndex::new(from);
    let mut shortest: Vec<Option<u64>> = vec![None; sites.len()];
    if graph.edges(node).next().is_some() {
        for (reached, time) in dijkstra(graph, node, None, |edge| u64::from(*edge.weight())) {
            shortest[reached.index()] = Some(time);
        }
    }
    let mut minutes = Vec::with_capacity(sites.len());
    let mut explicit = Vec::with_capacity(sites.len());
    for (to, shortest_time) in shortest.into_iter().enumerate() {
        let (time, is_explicit) = if to == from {
            (0, false)
        } else if let Some(time) = shortest_time {
            (path_minutes(time), true)
        } else {
            // Estimated with the lower index first, so both directions agree bit for bit.
            let (first, second) = (from.min(to), from.max(to));
            (estimate_minutes(&sites[first], &sites[second]), false)
        };
        minutes.push(time);
        explicit.push(is_explicit);
    }
    (minutes, explicit)
}
