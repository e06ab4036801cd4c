//! The numbers the generator is calibrated to, each with its source.
//!
//! This module owns every share, weight and range the generator draws from, apart from the job
//! families (`families.rs`). Tags follow the project's domain notes: **[O]** official, **[S]**
//! secondary, **[D]** derived by arithmetic from sourced figures, **[?]** an assumption (a
//! plausible shape with no source in the notes; change it freely). `docs/synthetic.md` lists the
//! same calibration for readers.

use redeploy_model::{Band, EmployerKind};

/// An NHS England region: id, name, code for employer ids, footprints at England scale, anchor
/// (latitude, longitude) and the radius in km over which its footprint centres spread.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RegionShape {
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) code: &'static str,
    pub(crate) england_footprints: u32,
    pub(crate) anchor: (f64, f64),
    pub(crate) spread_km: f64,
    /// Radius in km of one footprint of the region (sites lie within it).
    pub(crate) footprint_km: f64,
}

/// The seven NHS England regions, in the order they are used when fewer than seven are needed
/// (Midlands first, as the shipped footprint example).
///
/// - 42 footprints (ICBs) in all [S] (domain notes §5, §7).
/// - Seven regions and the ICBs in each (Midlands 11, North East and Yorkshire 4, North West 3,
///   East of England 6, London 5, South East 6, South West 7) [?]: NHS England's regional
///   structure, not in the domain notes; the counts sum to 42.
/// - Anchors are rough centres of each region and the spreads keep every footprint inside
///   England's bounding box (latitude 50.0–55.8, longitude −5.7–1.8) [?].
/// - Footprint radius 15–25 km (London 7 km) keeps most journeys inside a footprint within the
///   60-minute default travel limit, and most between footprints outside it [D] (the engine's
///   estimate: distance × 1.3 at 40 km/h plus 10 minutes, so 60 minutes ≈ 26 km apart).
pub(crate) const REGIONS: [RegionShape; 7] = [
    RegionShape {
        id: "midlands",
        name: "Midlands",
        code: "MID",
        england_footprints: 11,
        anchor: (52.60, -1.75),
        spread_km: 85.0,
        footprint_km: 18.0,
    },
    RegionShape {
        id: "north-east-yorkshire",
        name: "North East and Yorkshire",
        code: "NEY",
        england_footprints: 4,
        anchor: (54.20, -1.55),
        spread_km: 70.0,
        footprint_km: 25.0,
    },
    RegionShape {
        id: "north-west",
        name: "North West",
        code: "NW",
        england_footprints: 3,
        anchor: (53.70, -2.55),
        spread_km: 45.0,
        footprint_km: 22.0,
    },
    RegionShape {
        id: "east-of-england",
        name: "East of England",
        code: "EOE",
        england_footprints: 6,
        anchor: (52.35, 0.45),
        spread_km: 65.0,
        footprint_km: 20.0,
    },
    RegionShape {
        id: "london",
        name: "London",
        code: "LON",
        england_footprints: 5,
        anchor: (51.51, -0.12),
        spread_km: 12.0,
        footprint_km: 7.0,
    },
    RegionShape {
        id: "south-east",
        name: "South East",
        code: "SE",
        england_footprints: 6,
        anchor: (51.20, -0.90),
        spread_km: 60.0,
        footprint_km: 18.0,
    },
    RegionShape {
        id: "south-west",
        name: "South West",
        code: "SW",
        england_footprints: 7,
        anchor: (50.90, -3.20),
        spread_km: 90.0,
        footprint_km: 22.0,
    },
];

/// Footprints per region when regions are filled in turn: a new region is opened every six
/// footprints (42 / 7) [D].
pub(crate) const FOOTPRINTS_PER_REGION: u32 = 6;

/// Kilometres per degree of latitude (mean, 111.2 km) [O: geodesy].
pub(crate) const KM_PER_DEGREE_LATITUDE: f64 = 111.2;
/// Kilometres per degree of longitude at 52.5°N (111.32 × cos 52.5° ≈ 67.8 km); one constant
/// for all of England keeps the arithmetic free of trigonometry [D].
pub(crate) const KM_PER_DEGREE_LONGITUDE: f64 = 67.8;

/// The pattern of local trust kinds after each footprint's ICB: five acute, two mental health,
/// one community in every eight (62.5%, 25%, 12.5%). The pattern runs on from one footprint to
/// the next, so the shares hold across England whatever the number of employers per footprint,
/// and any two neighbouring places hold an acute trust. England has 209 trusts [S] (NHS
/// Providers, domain notes §7); the split by kind approximates NHS Providers' counts (most trusts
/// acute, about a quarter mental health, a small community group) [?].
pub(crate) const LOCAL_TRUST_PATTERN: [EmployerKind; 8] = [
    EmployerKind::Acute,
    EmployerKind::MentalHealth,
    EmployerKind::Acute,
    EmployerKind::Community,
    EmployerKind::Acute,
    EmployerKind::MentalHealth,
    EmployerKind::Acute,
    EmployerKind::Acute,
];

/// One commissioning support unit is hosted for every eight footprints (the first of each
/// eight), serving up to three of them: about five CSUs covered England's 42 ICBs; CSUs were
/// told in June 2025 they would cease to exist [S] (domain notes §5). England scale gets six.
pub(crate) const FOOTPRINTS_PER_CSU: u32 = 8;

/// Sites per employer by kind [?]: an ICB has a headquarters and a locality office; an acute
/// trust two hospitals and corporate offices; mental health and community trusts spread over
/// more, smaller bases. An ambulance trust has one base in each of up to four footprints of its
/// region and a CSU one in each of up to three footprints it serves.
pub(crate) const fn sites_per_employer(kind: EmployerKind) -> u32 {
    match kind {
        EmployerKind::Icb => 2,
        EmployerKind::Acute => 3,
        EmployerKind::MentalHealth => 4,
        EmployerKind::Community => 5,
        EmployerKind::Ambulance => 4,
        EmployerKind::Csu => 3,
        EmployerKind::NationalBody | EmployerKind::Other => 1,
    }
}

/// Share of the people at risk by employer group, and weight of one employer within its group.
///
/// - ICBs: about 12,500 of 20,000–30,000 job losses [S] (domain notes §7: 42 ICBs employ about
///   25,000 and were told to halve running costs; total losses of 20–30k including trust
///   corporate cuts) → half of the people at risk are at ICBs [D].
/// - CSUs, ceasing to exist [S]: a tenth [?].
/// - Trusts: the remaining 40% [D], weighted acute 1.0, mental health 0.6, community 0.5,
///   ambulance 0.8 (a regional ambulance trust is as large as an acute trust) [?]. Trusts
///   estimated 200–500 cuts each, ICBs 300–400 [S] (domain notes §7).
pub(crate) const fn people_weight(kind: EmployerKind) -> (Group, f64) {
    match kind {
        EmployerKind::Icb => (Group::Icb, 1.0),
        EmployerKind::Csu => (Group::Csu, 1.0),
        EmployerKind::Acute => (Group::Trust, 1.0),
        EmployerKind::MentalHealth => (Group::Trust, 0.6),
        EmployerKind::Community => (Group::Trust, 0.5),
        EmployerKind::Ambulance => (Group::Trust, 0.8),
        EmployerKind::NationalBody | EmployerKind::Other => (Group::Trust, 0.3),
    }
}

/// Share of all people at risk for each group (before renormalising over the groups present).
pub(crate) const PEOPLE_GROUP_SHARE: [(Group, f64); 3] =
    [(Group::Icb, 0.50), (Group::Csu, 0.10), (Group::Trust, 0.40)];

/// Share of all posts for each group, and weight of one employer within its group.
///
/// - ICBs are halving and NHS England vacancies are frozen [S] (domain notes §5): 3% [?].
/// - CSUs are closing: 0.5% [?].
/// - Trusts hold the rest: about 100,000 FTE vacancies at any time, mostly clinical [D/?]
///   (domain notes §7), weighted acute 1.0, mental health 0.45, community 0.35, ambulance 0.8 [?].
pub(crate) const POSTS_GROUP_SHARE: [(Group, f64); 3] = [
    (Group::Icb, 0.03),
    (Group::Csu, 0.005),
    (Group::Trust, 0.965),
];

/// Weight of one employer within its group for posts (see [`POSTS_GROUP_SHARE`]).
pub(crate) const fn posts_weight(kind: EmployerKind) -> f64 {
    match kind {
        EmployerKind::Icb | EmployerKind::Csu | EmployerKind::Acute => 1.0,
        EmployerKind::MentalHealth => 0.45,
        EmployerKind::Community => 0.35,
        EmployerKind::Ambulance => 0.8,
        EmployerKind::NationalBody | EmployerKind::Other => 0.2,
    }
}

/// Employers of one kind differ in size: each gets a factor drawn from 0.75–1.25 [?].
pub(crate) const SIZE_SPREAD: f64 = 0.5;

/// Employer groups that share a calibration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    /// Integrated care boards.
    Icb,
    /// Commissioning support units.
    Csu,
    /// NHS trusts of every kind.
    Trust,
}

impl Group {
    pub(crate) const fn of(kind: EmployerKind) -> Group {
        people_weight(kind).0
    }
}

/// Bands of the people at risk by group: concentrated in corporate and management bands 4–8d
/// with a tail at 9 (domain notes §7: "office-based jobs"; the footprint example's shape) [D/?].
/// ICBs and CSUs sit higher than trust corporate teams [?]. Never band 1 (closed to new entrants
/// since 2018 [O], domain notes §1).
pub(crate) const fn people_bands(group: Group) -> &'static [(Band, u32)] {
    match group {
        Group::Icb => &[
            (Band::B3, 1),
            (Band::B4, 6),
            (Band::B5, 9),
            (Band::B6, 12),
            (Band::B7, 17),
            (Band::B8a, 18),
            (Band::B8b, 15),
            (Band::B8c, 10),
            (Band::B8d, 7),
            (Band::B9, 5),
        ],
        Group::Csu => &[
            (Band::B3, 2),
            (Band::B4, 8),
            (Band::B5, 14),
            (Band::B6, 18),
            (Band::B7, 20),
            (Band::B8a, 16),
            (Band::B8b, 11),
            (Band::B8c, 6),
            (Band::B8d, 3),
            (Band::B9, 2),
        ],
        Group::Trust => &[
            (Band::B2, 2),
            (Band::B3, 9),
            (Band::B4, 17),
            (Band::B5, 17),
            (Band::B6, 15),
            (Band::B7, 14),
            (Band::B8a, 11),
            (Band::B8b, 7),
            (Band::B8c, 4),
            (Band::B8d, 3),
            (Band::B9, 1),
        ],
    }
}

/// Bands of posts: skewed to lower bands (vacancies are mostly clinical and junior, domain notes
/// §7; planning figure of a vacancy feed filtered to bands 3–8d) [D/?]. Never band 1 [O].
pub(crate) const POST_BANDS: [(Band, u32); 11] = [
    (Band::B2, 110),
    (Band::B3, 170),
    (Band::B4, 160),
    (Band::B5, 210),
    (Band::B6, 150),
    (Band::B7, 100),
    (Band::B8a, 50),
    (Band::B8b, 25),
    (Band::B8c, 12),
    (Band::B8d, 8),
    (Band::B9, 3),
];

/// Age at the round date, by band of years, for people at risk [?] (NHS workforce age profile:
/// few under 25, most 35–59; a small group past 65).
pub(crate) const AGE_BANDS: [((u32, u32), u32); 6] = [
    ((20, 24), 3),
    ((25, 34), 20),
    ((35, 44), 26),
    ((45, 54), 29),
    ((55, 64), 20),
    ((65, 68), 2),
];

/// Years of continuous NHS service, by band of years [?]; clipped to the years since the
/// person's 18th birthday. The first band (under two years) exercises Section 16's 104-week
/// qualifying service [O] (domain notes §2).
pub(crate) const SERVICE_YEARS: [((u32, u32), u32); 6] = [
    ((0, 1), 8),
    ((2, 4), 20),
    ((5, 9), 24),
    ((10, 19), 28),
    ((20, 29), 15),
    ((30, 44), 5),
];

/// Shares of people at risk [?] unless noted:
/// - part-time (a whole-time equivalent below 1.0): about a third of NHS staff;
/// - fixed-term contracts: 5%;
/// - active NHS Pension Scheme members: 90%;
/// - volunteers for voluntary redundancy: 6% (the 2025 model VR scheme, domain notes §3, §5);
/// - a reasonable-adjustment (disability) flag: 2.5%;
/// - women: 72% (NHS staff are about three-quarters women);
/// - today's commute known: 85%, 10–75 minutes;
/// - a personal travel limit: 15%; ranked preferences: 15%, one to five posts.
pub(crate) mod person_shares {
    pub(crate) const PART_TIME: f64 = 0.32;
    pub(crate) const FIXED_TERM: f64 = 0.05;
    pub(crate) const PENSION_MEMBER: f64 = 0.90;
    pub(crate) const VOLUNTEERED_VR: f64 = 0.06;
    pub(crate) const REASONABLE_ADJUSTMENT: f64 = 0.025;
    pub(crate) const FEMALE: f64 = 0.72;
    pub(crate) const COMMUTE_KNOWN: f64 = 0.85;
    pub(crate) const OWN_TRAVEL_LIMIT: f64 = 0.15;
    pub(crate) const RANKS_POSTS: f64 = 0.15;
    /// Top pay point for those with five or more years' service (AfC progression reaches the
    /// top of most bands within five years) [?].
    pub(crate) const TOP_POINT_AFTER_FIVE_YEARS: f64 = 0.8;
}

/// Contracted hours of part-time people and posts, whole-time equivalent [?].
pub(crate) const PART_TIME_WTE: [(u32, u32); 7] = [
    (40, 1),
    (50, 2),
    (60, 3),
    (70, 2),
    (80, 3),
    (90, 1),
    (96, 1),
];

/// Statutory priority (regulation 10 as extended from 6 April 2024 [O], domain notes §4), as a
/// share of women aged 20–45 (pregnancy, maternity) or of everyone (adoption, shared parental
/// leave) [?]: about one in ten women of those ages is pregnant or within 18 months of a birth.
pub(crate) mod priority_shares {
    pub(crate) const PREGNANCY: f64 = 0.03;
    pub(crate) const MATERNITY: f64 = 0.07;
    pub(crate) const ADOPTION: f64 = 0.002;
    pub(crate) const SHARED_PARENTAL: f64 = 0.003;
    /// Of those on maternity leave, the share whose 18-month protected period has already run
    /// out by the round date (the engine must not give them priority) [?].
    pub(crate) const EXPIRED: f64 = 0.1;
}

/// Shares of vacancies [?]: part-time 15%; fixed-term 10%; ring-fenced by the employer for
/// at-risk staff beyond its own — ICBs 60% (they hold posts for their own restructures; NHS
/// England held about 860 of 17,000 posts vacant [S], domain notes §7), CSUs 50%, trusts 15%.
pub(crate) mod vacancy_shares {
    pub(crate) const PART_TIME: f64 = 0.15;
    pub(crate) const FIXED_TERM: f64 = 0.10;
    pub(crate) const TRAINABLE: f64 = 0.25;
    pub(crate) const EXTRA_POST: f64 = 0.35;
    pub(crate) const MAX_POSTS: u32 = 6;
}

/// Share of vacancies an employer ring-fences, by group (see [`vacancy_shares`]).
pub(crate) const fn ring_fenced_share(group: Group) -> f64 {
    match group {
        Group::Icb => 0.60,
        Group::Csu => 0.50,
        Group::Trust => 0.15,
    }
}

/// Weeks of training a trainable essential skill needs [?]: mostly within the default 26-week
/// limit (six months, one example trust policy, domain notes §3), some beyond it.
pub(crate) const TRAINING_WEEKS: [(u32, u32); 8] = [
    (2, 3),
    (4, 4),
    (6, 4),
    (8, 3),
    (12, 3),
    (16, 2),
    (26, 2),
    (39, 1),
];

/// Explicit travel times per footprint [?]: a few journeys that differ from the estimate (a
/// river crossing, a fast road), as HR teams record them.
pub(crate) const EXPLICIT_TRAVEL_PER_FOOTPRINT: u32 = 3;

/// Ethnic group as recorded, for equality monitoring only [?] (NHS workforce: about two-thirds
/// White).
pub(crate) const ETHNICITY: [(&str, u32); 6] = [
    ("White", 68),
    ("Asian or Asian British", 13),
    ("Black or Black British", 8),
    ("Mixed", 3),
    ("Other ethnic group", 2),
    ("Not stated", 6),
];
