//! Regions, footprints, employers, sites and explicit travel times.
//!
//! This module owns the organisational map of a synthetic scenario:
//!
//! - **Regions**: a new NHS England region is opened every six footprints, up to all seven;
//!   footprints are shared among the regions in proportion to their real ICB counts (so 42
//!   footprints give exactly the real 11, 4, 3, 6, 5, 6 and 7).
//! - **Footprints**: centres on a jittered grid around the region's anchor, so they never pile
//!   up; sites lie uniformly inside a disc around the centre.
//! - **Employers**: per footprint one ICB and `employers_per_footprint - 1` local trusts in the
//!   kind pattern of [`LOCAL_TRUST_PATTERN`], which runs on from one footprint to the next (so
//!   the shares hold across England whatever the number per footprint); per region one ambulance trust (hosted by
//!   the region's first footprint, with a base in each of up to four of its footprints); and one
//!   CSU hosted by every eighth footprint, with a base in each of up to three footprints.
//! - **Travel**: a few explicit journey times per footprint that differ from the straight-line
//!   estimate.

use redeploy_model::{Employer, EmployerKind, Footprint, Region, Site, TravelTime};

use crate::calibration::{
    EXPLICIT_TRAVEL_PER_FOOTPRINT, FOOTPRINTS_PER_CSU, FOOTPRINTS_PER_REGION,
    KM_PER_DEGREE_LATITUDE, KM_PER_DEGREE_LONGITUDE, LOCAL_TRUST_PATTERN, REGIONS, RegionShape,
    sites_per_employer,
};
use crate::rng::{SplitMix64, apportion};

/// An employer and what generation needs to know of it.
#[derive(Debug, Clone)]
pub(crate) struct EmployerPlan {
    pub(crate) kind: EmployerKind,
    /// Position of its footprint in the scenario.
    pub(crate) footprint: usize,
    /// Positions of its sites in the scenario.
    pub(crate) sites: Vec<usize>,
}

/// The organisational map of a scenario.
#[derive(Debug, Clone, Default)]
pub(crate) struct Geography {
    pub(crate) regions: Vec<Region>,
    pub(crate) footprints: Vec<Footprint>,
    pub(crate) employers: Vec<Employer>,
    pub(crate) plans: Vec<EmployerPlan>,
    pub(crate) sites: Vec<Site>,
    pub(crate) travel_times: Vec<TravelTime>,
}

/// A footprint while it is being laid out.
struct FootprintPlace {
    region: usize,
    /// Short name ("Midlands 3") that employer names build on.
    label: String,
    centre_km: (f64, f64),
    radius_km: f64,
    /// Sites placed in it, for explicit travel times.
    sites: Vec<usize>,
}

/// Builds the map for `footprints` footprints with `local_employers` employers each.
pub(crate) fn build(footprints: u32, local_employers: u32, rng: &mut SplitMix64) -> Geography {
    let regions_used = footprints
        .div_ceil(FOOTPRINTS_PER_REGION)
        .clamp(1, REGIONS.len() as u32) as usize;
    let shapes = &REGIONS[..regions_used];
    let counts = region_counts(footprints, shapes);
    let mut map = Geography::default();
    let mut places = Vec::new();
    for (region_index, (shape, &count)) in shapes.iter().zip(&counts).enumerate() {
        map.regions.push(Region {
            id: shape.id.to_string(),
            name: shape.name.to_string(),
        });
        for (k, centre) in footprint_centres(shape, count, rng).into_iter().enumerate() {
            let number = map.footprints.len() + 1;
            map.footprints.push(Footprint {
                id: format!("FP{number:02}"),
                name: format!("{} {} Integrated Care System", shape.name, k + 1),
                region: shape.id.to_string(),
            });
            places.push(FootprintPlace {
                region: region_index,
                label: format!("{} {}", shape.name, k + 1),
                centre_km: centre,
                radius_km: shape.footprint_km,
                sites: Vec::new(),
            });
        }
    }
    for footprint in 0..places.len() {
        let first_trust = footprint * (local_employers as usize).saturating_sub(1);
        add_local_employers(
            &mut map,
            &mut places,
            footprint,
            local_employers,
            first_trust,
            rng,
        );
        let region = places[footprint].region;
        if places.iter().position(|p| p.region == region) == Some(footprint) {
            let served: Vec<usize> = (footprint..places.len())
                .filter(|&f| places[f].region == region)
                .take(sites_per_employer(EmployerKind::Ambulance) as usize)
                .collect();
            let code = shapes[region].code;
            let name = format!("{} Ambulance Service NHS Trust", shapes[region].name);
            add_regional(
                &mut map,
                &mut places,
                format!("AMB-{code}"),
                name,
                EmployerKind::Ambulance,
                &served,
                rng,
            );
        }
        if (footprint as u32).is_multiple_of(FOOTPRINTS_PER_CSU) {
            let served: Vec<usize> = (footprint..places.len())
                .take(sites_per_employer(EmployerKind::Csu) as usize)
                .collect();
            let id = format!("CSU-{}", map.footprints[footprint].id);
            let name = format!("{} Commissioning Support Unit", places[footprint].label);
            add_regional(
                &mut map,
                &mut places,
                id,
                name,
                EmployerKind::Csu,
                &served,
                rng,
            );
        }
    }
    map.travel_times = explicit_travel(&map.sites, &places, rng);
    map
}

/// Footprints per region: in proportion to the real ICB counts, at least one each.
fn region_counts(footprints: u32, shapes: &[RegionShape]) -> Vec<u32> {
    let weights: Vec<f64> = shapes
        .iter()
        .map(|shape| f64::from(shape.england_footprints))
        .collect();
    let mut counts: Vec<u32> = apportion(u64::from(footprints), &weights)
        .into_iter()
        .map(|count| count as u32)
        .collect();
    while let Some(empty) = counts.iter().position(|&count| count == 0) {
        let Some(largest) = (0..counts.len()).max_by_key(|&i| (counts[i], usize::MAX - i)) else {
            break;
        };
        if counts[largest] <= 1 {
            break;
        }
        counts[largest] -= 1;
        counts[empty] += 1;
    }
    counts
}

/// Footprint centres, in km east and north of the region's anchor: a grid over the region's
/// square, each centre jittered by up to a quarter of a cell.
fn footprint_centres(shape: &RegionShape, count: u32, rng: &mut SplitMix64) -> Vec<(f64, f64)> {
    let columns = (1..=count).find(|c| c * c >= count).unwrap_or(1);
    let rows = count.div_ceil(columns);
    let cell_x = 2.0 * shape.spread_km / f64::from(columns);
    let cell_y = 2.0 * shape.spread_km / f64::from(rows);
    (0..count)
        .map(|k| {
            let (column, row) = (k % columns, k / columns);
            let jitter_x = (rng.unit() - 0.5) * 0.5 * cell_x;
            let jitter_y = (rng.unit() - 0.5) * 0.5 * cell_y;
            (
                -shape.spread_km + (f64::from(column) + 0.5) * cell_x + jitter_x,
                shape.spread_km - (f64::from(row) + 0.5) * cell_y + jitter_y,
            )
        })
        .collect()
}

fn add_local_employers(
    map: &mut Geography,
    places: &mut [FootprintPlace],
    footprint: usize,
    local_employers: u32,
    first_trust: usize,
    rng: &mut SplitMix64,
) {
    let footprint_id = map.footprints[footprint].id.clone();
    let label = places[footprint].label.clone();
    let mut numbers = [0u32; 3];
    for slot in 0..local_employers {
        let (kind, id, name) = if slot == 0 {
            (
                EmployerKind::Icb,
                format!("{footprint_id}-ICB"),
                format!("NHS {label} Integrated Care Board"),
            )
        } else {
            let position = first_trust + slot as usize - 1;
            let kind = LOCAL_TRUST_PATTERN[position % LOCAL_TRUST_PATTERN.len()];
            let (counter, code, service) = match kind {
                EmployerKind::Acute => (0, "ACU", "Hospitals"),
                EmployerKind::MentalHealth => (1, "MH", "Mental Health"),
                _ => (2, "COM", "Community Health"),
            };
            numbers[counter] += 1;
            let number = numbers[counter];
            let suffix = if number > 1 {
                format!(" {number}")
            } else {
                String::new()
            };
            (
                kind,
                format!("{footprint_id}-{code}{number}"),
                format!("{label} {service} NHS Trust{suffix}"),
            )
        };
        let served = vec![footprint; sites_per_employer(kind) as usize];
        add_employer(map, places, id, name, kind, footprint, &served, rng);
    }
}

fn add_regional(
    map: &mut Geography,
    places: &mut [FootprintPlace],
    id: String,
    name: String,
    kind: EmployerKind,
    served: &[usize],
    rng: &mut SplitMix64,
) {
    add_employer(map, places, id, name, kind, served[0], served, rng);
}

/// Adds an employer hosted by `footprint`, with one site in each footprint of `site_places`.
#[allow(
    clippy::too_many_arguments,
    reason = "one private builder step with named parts"
)]
fn add_employer(
    map: &mut Geography,
    places: &mut [FootprintPlace],
    id: String,
    name: String,
    kind: EmployerKind,
    footprint: usize,
    site_places: &[usize],
    rng: &mut SplitMix64,
) {
    let mut sites = Vec::with_capacity(site_places.len());
    for (k, &place) in site_places.iter().enumerate() {
        let (x, y) = rng.in_disc();
        let spot = &places[place];
        let east = spot.centre_km.0 + x * spot.radius_km;
        let north = spot.centre_km.1 + y * spot.radius_km;
        let anchor = REGIONS[spot.region].anchor;
        let site = map.sites.len();
        map.sites.push(Site {
            id: format!("{id}-S{}", k + 1),
            name: format!("{name}, {}", site_name(kind, k)),
            latitude: round4(anchor.0 + north / KM_PER_DEGREE_LATITUDE),
            longitude: round4(anchor.1 + east / KM_PER_DEGREE_LONGITUDE),
        });
        places[place].sites.push(site);
        sites.push(site);
    }
    map.employers.push(Employer {
        id,
        name,
        kind,
        footprint: map.footprints[footprint].id.clone(),
        associated_with: Vec::new(),
    });
    map.plans.push(EmployerPlan {
        kind,
        footprint,
        sites,
    });
}

/// Degrees rounded to four decimals (about 10 m), so files stay short.
fn round4(degrees: f64) -> f64 {
    (degrees * 10_000.0).round() / 10_000.0
}

fn site_name(kind: EmployerKind, k: usize) -> String {
    let names: &[&str] = match kind {
        EmployerKind::Icb => &["headquarters", "locality office"],
        EmployerKind::Acute => &[
            "general hospital",
            "community hospital",
            "corporate offices",
        ],
        EmployerKind::MentalHealth => &[
            "mental health unit",
            "recovery centre",
            "community base",
            "day hospital",
        ],
        EmployerKind::Community => &[
            "health centre",
            "clinic",
            "community hospital",
            "therapy centre",
            "offices",
        ],
        EmployerKind::Ambulance => &[
            "headquarters",
            "emergency operations centre",
            "hub",
            "station",
        ],
        EmployerKind::Csu => &["head office", "data centre", "regional office"],
        EmployerKind::NationalBody | EmployerKind::Other => &["offices"],
    };
    names
        .get(k)
        .map_or_else(|| format!("site {}", k + 1), |name| (*name).to_string())
}

/// Journey time estimate in minutes between two sites: equirectangular distance × 1.3 (road
/// winding) at 40 km/h, plus 10 minutes (the engine's documented estimate, restated so explicit
/// times can differ from it).
fn estimate_minutes(a: &Site, b: &Site) -> f64 {
    let north = (a.latitude - b.latitude) * KM_PER_DEGREE_LATITUDE;
    let east = (a.longitude - b.longitude) * KM_PER_DEGREE_LONGITUDE;
    let km = (north * north + east * east).sqrt();
    10.0 + km * 1.3 / 40.0 * 60.0
}

/// A few explicit journey times per footprint between distinct sites in it, each 0.6 to 1.5
/// times the estimate (a fast road or a river crossing), 5 to 240 minutes.
fn explicit_travel(
    sites: &[Site],
    places: &[FootprintPlace],
    rng: &mut SplitMix64,
) -> Vec<TravelTime> {
    let mut times: Vec<TravelTime> = Vec::new();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    for place in places {
        if place.sites.len() < 2 {
            continue;
        }
        for _ in 0..EXPLICIT_TRAVEL_PER_FOOTPRINT {
            let picked = rng.distinct(place.sites.len(), 2);
            let (a, b) = (place.sites[picked[0]], place.sites[picked[1]]);
            let pair = (a.min(b), a.max(b));
            let factor = 0.6 + 0.9 * rng.unit();
            if seen.contains(&pair) {
                continue;
            }
            seen.push(pair);
            let minutes = (estimate_minutes(&sites[a], &sites[b]) * factor).round();
            times.push(TravelTime {
                from: sites[a].id.clone(),
                to: sites[b].id.clone(),
                minutes: minutes.clamp(5.0, 240.0) as u32,
            });
        }
    }
    times
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn england_has_the_real_region_sizes_and_about_220_employers() {
        let map = build(42, 5, &mut SplitMix64::new(1));
        let per_region: Vec<usize> = map
            .regions
            .iter()
            .map(|r| map.footprints.iter().filter(|f| f.region == r.id).count())
            .collect();
        assert_eq!(per_region, vec![11, 4, 3, 6, 5, 6, 7]);
        let count = |kind| map.employers.iter().filter(|e| e.kind == kind).count();
        assert_eq!(count(EmployerKind::Icb), 42);
        assert_eq!(count(EmployerKind::Ambulance), 7);
        assert_eq!(count(EmployerKind::Csu), 6);
        assert_eq!(map.employers.len(), 42 * 5 + 7 + 6);
        // 168 local trusts in the pattern's shares: 5/8 acute, 2/8 mental health, 1/8 community.
        assert_eq!(count(EmployerKind::Acute), 105);
        assert_eq!(count(EmployerKind::MentalHealth), 42);
        assert_eq!(count(EmployerKind::Community), 21);
        for footprint in &map.footprints {
            let has_acute = map
                .employers
                .iter()
                .any(|e| e.footprint == footprint.id && e.kind == EmployerKind::Acute);
            assert!(has_acute, "{} has no acute trust", footprint.id);
        }
    }

    #[test]
    fn sites_lie_inside_england() {
        let map = build(42, 8, &mut SplitMix64::new(2));
        for site in &map.sites {
            assert!(
                (49.9..=55.9).contains(&site.latitude) && (-5.8..=1.9).contains(&site.longitude),
                "{} at {}, {} is outside England's bounding box",
                site.id,
                site.latitude,
                site.longitude
            );
        }
    }

    #[test]
    fn a_single_footprint_has_an_icb_a_regional_ambulance_trust_and_a_csu() {
        let map = build(1, 3, &mut SplitMix64::new(3));
        let kinds: Vec<EmployerKind> = map.employers.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            vec![
                EmployerKind::Icb,
                EmployerKind::Acute,
                EmployerKind::MentalHealth,
                EmployerKind::Ambulance,
                EmployerKind::Csu
            ]
        );
        assert!(map.plans.iter().all(|plan| !plan.sites.is_empty()));
    }

    #[test]
    fn explicit_travel_pairs_are_distinct_and_within_one_footprint() {
        let map = build(6, 6, &mut SplitMix64::new(4));
        assert!(!map.travel_times.is_empty());
        let mut pairs: Vec<(String, String)> = map
            .travel_times
            .iter()
            .map(|t| {
                assert_ne!(t.from, t.to);
                (
                    t.from.clone().min(t.to.clone()),
                    t.from.clone().max(t.to.clone()),
                )
            })
            .collect();
        let before = pairs.len();
        pairs.sort();
        pairs.dedup();
        assert_eq!(
            pairs.len(),
            before,
            "a pair of sites has two explicit times"
        );
    }
}
