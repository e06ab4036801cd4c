//! Redeployment policies: ring-fence tiers, suitability (SAE) thresholds, priority, costs.
//!
//! This module owns [`Policy`] and its parts. Every threshold the engine applies is a field
//! here with a documented default taken from the NHS rules in `docs/rules.md`; nothing in the
//! engine hard-codes a threshold. Policies are read from TOML (`configs/policies/*.toml`);
//! every section and field may be left out to take its default, and unknown fields are
//! rejected.

use serde::{Deserialize, Serialize};

/// A named redeployment policy: who may be matched to what, in which order, at what cost.
///
/// ```
/// use redeploy_model::{Policy, Tier, MatchingRule};
///
/// let policy = Policy::default();
/// assert_eq!(policy.tiers, vec![Tier::Employer]);
/// assert_eq!(policy.rule, MatchingRule::Optimal);
/// assert_eq!(policy.sae.max_band_drop, 1);
/// assert_eq!(policy.sae.max_travel_minutes, 60);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Short name shown in reports (`"footprint-ring-fence"`).
    pub name: String,
    /// One or two sentences saying what the policy is for.
    pub description: String,
    /// Ring-fence tiers in the order they are tried. Default: `["employer"]`, the legal minimum.
    pub tiers: Vec<Tier>,
    /// How tiers are combined. Default: `sequential`.
    pub tier_mode: TierMode,
    /// Which matching rule fills posts inside a tier. Default: `optimal`.
    pub rule: MatchingRule,
    /// When true, every vacancy in a tier's scope is ring-fenced for at-risk staff, whatever its
    /// own `ring_fenced` flag says (the footprint blocks external recruitment). Default: false.
    pub block_external_recruitment: bool,
    /// Research option: whether a solve wider than the employer tier (every solve of the
    /// `weighted` mode, or a sequential policy without an employer tier first) may move a person
    /// off the suitable post their own employer's tier would give them, so that more people are
    /// placed elsewhere. Default false: people their own employer can place are placed there
    /// first (as its tier would), and a wider solve may only move them to a post that costs them
    /// no more (the statutory duty is the employer's, to its own staff).
    pub may_displace_own_employer: bool,
    /// Suitable-alternative-employment thresholds (hard rules).
    pub sae: SaeRules,
    /// Statutory priority (regulation 10 and reasonable adjustments).
    pub priority: PriorityRules,
    /// Slotting-in before any competition.
    pub slotting: SlottingRules,
    /// Voluntary redundancy volunteers.
    pub voluntary_redundancy: VoluntaryRedundancyRules,
    /// NHS Terms and Conditions Section 16 redundancy pay.
    pub redundancy_pay: RedundancyPayRules,
    /// Pay protection and excess travel on redeployment.
    pub protection: ProtectionRules,
    /// Weights of the soft costs that rank suitable posts (least disruption first).
    pub weights: SoftCostWeights,
    /// How ties in rankings are broken and in what order serial dictatorship serves people.
    pub ranking: RankingRules,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            name: "own-employer".to_string(),
            description: "Suitable alternative employment inside the person's own employer only, as the law requires.".to_string(),
            tiers: vec![Tier::Employer],
            tier_mode: TierMode::Sequential,
            rule: MatchingRule::Optimal,
            block_external_recruitment: false,
            may_displace_own_employer: false,
            sae: SaeRules::default(),
            priority: PriorityRules::default(),
            slotting: SlottingRules::default(),
            voluntary_redundancy: VoluntaryRedundancyRules::default(),
            redundancy_pay: RedundancyPayRules::default(),
            protection: ProtectionRules::default(),
            weights: SoftCostWeights::default(),
            ranking: RankingRules::default(),
        }
    }
}

/// A ring-fence scope: a person may be matched at this tier to posts whose employer lies in the
/// same scope as their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// The person's own legal employer (the statutory SAE duty).
    Employer,
    /// Every employer in the person's footprint (ICS / STP).
    Footprint,
    /// Every employer in the person's NHS region.
    Region,
}

impl Tier {
    /// The name used in policy files and reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Tier::Employer => "employer",
            Tier::Footprint => "footprint",
            Tier::Region => "region",
        }
    }
}

/// How the tiers of a policy are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TierMode {
    /// Each tier solves what the previous ones left (the ring-fence as practised).
    #[default]
    Sequential,
    /// One solve over the widest tier, with tier distance as a soft cost (for research).
    Weighted,
}

/// The rule that fills posts inside a tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchingRule {
    /// Lexicographic optimum: statutory priority placed first, then most people placed, then
    /// least disruption (minimum soft cost).
    #[default]
    Optimal,
    /// People propose in preference order, employers rank by priority then suitability (stable).
    DeferredAcceptance,
    /// In priority then length-of-service order, each person takes their best remaining post.
    SerialDictatorship,
    /// Posts in advertised order go to the first suitable person on the register.
    FirstCome,
    /// Vacancies propose in their ranking order, people hold their best offer (stable, the
    /// best stable outcome for the employers).
    DeferredAcceptancePosts,
    /// The most people at their first choice, then at their second, and so on (Irving et al.
    /// 2006), through the assignment solver.
    RankMaximal,
}

impl MatchingRule {
    /// Every rule, in the order reports list them.
    pub const ALL: [MatchingRule; 6] = [
        MatchingRule::Optimal,
        MatchingRule::DeferredAcceptance,
        MatchingRule::SerialDictatorship,
        MatchingRule::FirstCome,
        MatchingRule::DeferredAcceptancePosts,
        MatchingRule::RankMaximal,
    ];

    /// The name used in policy files, on the command line and in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            MatchingRule::Optimal => "optimal",
            MatchingRule::DeferredAcceptance => "deferred-acceptance",
            MatchingRule::SerialDictatorship => "serial-dictatorship",
            MatchingRule::FirstCome => "first-come",
            MatchingRule::DeferredAcceptancePosts => "deferred-acceptance-posts",
            MatchingRule::RankMaximal => "rank-maximal",
        }
    }
}

impl std::str::FromStr for MatchingRule {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        MatchingRule::ALL
            .into_iter()
            .find(|rule| rule.as_str() == text)
            .ok_or_else(|| {
                let names: Vec<&str> = MatchingRule::ALL.iter().map(|r| r.as_str()).collect();
                format!(
                    "unknown matching rule `{text}` (expected one of {})",
                    names.join(", ")
                )
            })
    }
}

/// How explicit rankings are read and how ties are broken in the rules that need strict orders
/// (deferred acceptance, serial dictatorship).
///
/// ```
/// use redeploy_model::{Lottery, SerialOrder, RankingRules};
///
/// let ranking = RankingRules::default();
/// assert_eq!((ranking.lottery, ranking.seed), (Lottery::None, 0));
/// assert_eq!(ranking.serial_order, SerialOrder::Seniority);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RankingRules {
    /// The lottery that breaks ties in a ranking. Default `none`: ties fall to the derived order
    /// (statutory priority, fit, service, id).
    pub lottery: Lottery,
    /// The lottery's seed. Default 0.
    pub seed: u32,
    /// The order serial dictatorship serves people in. Default `seniority`.
    pub serial_order: SerialOrder,
    /// The order serial dictatorship serves people in when `serial_order = "given"`: person
    /// ids, first served first; people not listed follow in seniority order.
    pub order: Vec<String>,
    /// What a ranking means for the ids it leaves out. Default `last`.
    pub unlisted: Unlisted,
}

/// What an explicit ranking means for the ids it does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unlisted {
    /// Acceptable, ranked below every listed id (by the derived order).
    #[default]
    Last,
    /// Unacceptable: the pair is never matched (as in the stable-matching literature, where a
    /// list names exactly the acceptable partners).
    Unacceptable,
}

/// A tie-breaking lottery (Abdulkadiroğlu, Pathak and Roth 2009).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lottery {
    /// No lottery: ties fall to the derived order.
    #[default]
    None,
    /// One lottery number per person (per vacancy, on the people's side), shared by every
    /// ranking.
    Single,
    /// A separate lottery number for each (ranking, ranked) pair.
    Multiple,
}

impl Lottery {
    /// The name used in policy files and reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Lottery::None => "none",
            Lottery::Single => "single",
            Lottery::Multiple => "multiple",
        }
    }
}

/// The order serial dictatorship serves people in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SerialOrder {
    /// Statutory priority (when placed first), then longer service, then person id.
    #[default]
    Seniority,
    /// The order given in `ranking.order`.
    Given,
    /// A seeded lottery order (`ranking.seed`).
    Lottery,
}

impl SerialOrder {
    /// The name used in policy files and reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            SerialOrder::Seniority => "seniority",
            SerialOrder::Given => "given",
            SerialOrder::Lottery => "lottery",
        }
    }
}

/// Hard suitability rules: a pair failing any of them is not suitable alternative employment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SaeRules {
    /// How many bands below the person's current band a post may be (with pay protection).
    /// Default 1 (MiP, NHS Scotland PIN).
    pub max_band_drop: u8,
    /// How many bands above the person's current band a post may be. Default 0: a higher band
    /// is a promotion and goes to open competition.
    pub max_band_rise: u8,
    /// Extra bands above allowed for a person with a reasonable-adjustment flag (*Archibald v
    /// Fife Council*). Default 1.
    pub reasonable_adjustment_band_rise: u8,
    /// Largest cut in contracted hours, in whole-time equivalent (0.2 = one day a week).
    /// Default 0.0: no reduction without consent.
    pub max_wte_reduction: f64,
    /// Largest rise in contracted hours, in whole-time equivalent. Default 0.2.
    pub max_wte_increase: f64,
    /// Longest journey to the new base, in minutes, door to door where the person's commute is
    /// known, otherwise site to site. Default 60 (NHS Scotland PIN "e.g. within 1 hour").
    pub max_travel_minutes: u32,
    /// Longest extra journey over today's, in minutes; `None` applies no such limit.
    /// Default none.
    pub max_extra_travel_minutes: Option<u32>,
    /// Total weeks of training a person may need to meet a post's essential skills.
    /// Default 26 (six months, one example policy; local).
    pub max_training_weeks: u32,
    /// Whether a fixed-term post may be offered to a person on a permanent contract.
    /// Default false (permanent to permanent).
    pub allow_fixed_term_for_permanent: bool,
    /// Whether the post must be in the person's job family. Default false.
    pub same_job_family: bool,
    /// How band 1 is treated by the band rules. Default `as-band-2`: band 1 has been closed to
    /// new entrants since 1 December 2018 and the staff still on it are paid the band 2 rate
    /// (Health Careers, Agenda for Change pay rates), so a band 1 person or post counts as band 2.
    pub band_1: Band1Treatment,
}

/// How the band rules treat band 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band1Treatment {
    /// Band 1 counts as band 2 (its staff are paid the band 2 rate). Default.
    #[default]
    #[serde(rename = "as-band-2")]
    AsBand2,
    /// Band 1 is a band of its own: a band 2 post is a promotion for band 1 staff.
    OwnBand,
}

impl Band1Treatment {
    /// The band index the band rules compare, for a band of index `index` (0 is band 1).
    ///
    /// ```
    /// use redeploy_model::{Band, Band1Treatment};
    ///
    /// assert_eq!(Band1Treatment::AsBand2.rule_index(Band::B1.index()), Band::B2.index());
    /// assert_eq!(Band1Treatment::OwnBand.rule_index(Band::B1.index()), Band::B1.index());
    /// assert_eq!(Band1Treatment::AsBand2.rule_index(Band::B7.index()), Band::B7.index());
    /// ```
    pub fn rule_index(self, index: usize) -> usize {
        match self {
            Band1Treatment::AsBand2 => index.max(1),
            Band1Treatment::OwnBand => index,
        }
    }
}

impl Default for SaeRules {
    fn default() -> Self {
        SaeRules {
            max_band_drop: 1,
            max_band_rise: 0,
            reasonable_adjustment_band_rise: 1,
            max_wte_reduction: 0.0,
            max_wte_increase: 0.2,
            max_travel_minutes: 60,
            max_extra_travel_minutes: None,
            max_training_weeks: 26,
            allow_fixed_term_for_permanent: false,
            same_job_family: false,
            band_1: Band1Treatment::AsBand2,
        }
    }
}

/// Statutory priority: who must be offered a suitable post before anyone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PriorityRules {
    /// Place people with statutory priority first inside each tier. Default true.
    pub statutory_first: bool,
    /// Months after birth or placement that maternity, adoption and shared parental leave
    /// protection lasts. Default 18 (Protection from Redundancy Act 2023, from April 2024).
    pub protected_months_after_birth: u32,
    /// Whether a reasonable-adjustment flag (disability) gives statutory priority. Default true.
    pub reasonable_adjustment_is_priority: bool,
    /// A stricter journey limit for people with statutory priority (regulation 10: "not
    /// substantially less favourable"); `None` uses the general limit. Default none.
    pub max_travel_minutes: Option<u32>,
    /// Consider permanent staff at risk before fixed-term staff: after statutory priority,
    /// permanent staff are placed first (NHS Scotland PIN policy, Redeployment, Annex D: fixed-term
    /// staff come after organisational change and capability redeployees). Default false.
    pub permanent_before_fixed_term: bool,
}

impl Default for PriorityRules {
    fn default() -> Self {
        PriorityRules {
            statutory_first: true,
            protected_months_after_birth: 18,
            reasonable_adjustment_is_priority: true,
            max_travel_minutes: None,
            permanent_before_fixed_term: false,
        }
    }
}

/// Slotting-in: a person whose current job closely matches a new post at their own employer is
/// placed in it before any competition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlottingRules {
    /// Whether slotting-in runs before matching. Default true.
    pub enabled: bool,
    /// Smallest job-content match (0–1) that slots a person in. Default 0.67 (unconfirmed;
    /// local).
    pub threshold: f64,
}

impl Default for SlottingRules {
    fn default() -> Self {
        SlottingRules {
            enabled: true,
            threshold: 0.67,
        }
    }
}

/// People who volunteered for voluntary redundancy.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VoluntaryRedundancyRules {
    /// Whether volunteers take part in matching. Default false: they leave under VR.
    pub include_volunteers: bool,
}

/// Whether the redundancy-pay floor and cap apply to the whole-time-equivalent salary or to the
/// actual (part-time) earnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FloorCapBasis {
    /// Floor and cap apply to the whole-time-equivalent salary (NHSBSA wording). Default.
    #[default]
    Wte,
    /// Floor and cap apply to actual earnings.
    Actual,
}

/// NHS Terms and Conditions Section 16 (England) redundancy pay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RedundancyPayRules {
    /// Continuous NHS service needed to qualify, in weeks. Default 104 (two years).
    pub min_continuous_service_weeks: u32,
    /// Most years of reckonable service paid (one month's pay each). Default 24.
    pub max_years: u32,
    /// Annual earnings floor, pounds. Default 23,000.
    pub salary_floor: u32,
    /// Annual earnings cap, pounds. Default 80,000.
    pub salary_cap: u32,
    /// What the floor and cap apply to. Default `wte`.
    pub floor_cap_basis: FloorCapBasis,
    /// A month's pay is the better of a twelfth of annual pay and this many weeks' pay.
    /// Default 4.35.
    pub weeks_per_month: f64,
    /// Statutory limit on a week's pay in pounds (Employment Rights Act 1996 s.227), applied to
    /// the weeks route of a month's pay. Default 719 (from 6 April 2025; 700 from April 2024).
    pub max_week_pay: u32,
    /// Minimum pension age for early retirement on redundancy. Default 55.
    pub min_pension_age: u32,
    /// Whether the early-retirement alternative is costed where it applies. Default true.
    pub early_retirement: bool,
}

impl Default for RedundancyPayRules {
    fn default() -> Self {
        RedundancyPayRules {
            min_continuous_service_weeks: 104,
            max_years: 24,
            salary_floor: 23_000,
            salary_cap: 80_000,
            floor_cap_basis: FloorCapBasis::Wte,
            weeks_per_month: 4.35,
            max_week_pay: 719,
            min_pension_age: 55,
            early_retirement: true,
        }
    }
}

/// Protection paid to a redeployed person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProtectionRules {
    /// Months a downgraded person keeps their old pay (mark time, no uplift). Default 12
    /// (local; the observed range is 6 months to 5 years).
    pub pay_protection_months: u32,
    /// Months excess travel is reimbursed after a change of base. Default 24.
    pub excess_travel_months: u32,
    /// Cost of one extra minute of journey, one way, per working day, in pence. Default 28
    /// (56p a mile at 30 mph).
    pub excess_travel_pence_per_minute: u32,
    /// Working days a year, for excess travel. Default 225.
    pub working_days_per_year: u32,
}

impl Default for ProtectionRules {
    fn default() -> Self {
        ProtectionRules {
            pay_protection_months: 12,
            excess_travel_months: 24,
            excess_travel_pence_per_minute: 28,
            working_days_per_year: 225,
        }
    }
}

/// Weights of the soft costs that rank suitable posts for one person (all non-negative
/// integers, so the solver's objective stays exact).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SoftCostWeights {
    /// Per band below the person's current band. Default 1,000.
    pub band_drop: u32,
    /// Per extra minute of journey. Default 10.
    pub extra_travel_minute: u32,
    /// Per week of training needed. Default 25.
    pub training_week: u32,
    /// Per desirable skill the person lacks. Default 5.
    pub missing_desirable_skill: u32,
    /// Per place down the person's own ranking (first choice costs nothing). Default 40.
    pub preference_rank: u32,
    /// For a post the person did not rank when they ranked others. Default 400.
    pub unranked_post: u32,
    /// Per £1,000 of pay protection the move costs. Default 5.
    pub pay_protection_per_thousand: u32,
    /// Per tier of distance from the person's own employer (weighted tier mode). Default 5,000.
    pub tier_distance: u32,
}

impl Default for SoftCostWeights {
    fn default() -> Self {
        SoftCostWeights {
            band_drop: 1_000,
            extra_travel_minute: 10,
            training_week: 25,
            missing_desirable_skill: 5,
            preference_rank: 40,
            unranked_post: 400,
            pay_protection_per_thousand: 5,
            tier_distance: 5_000,
        }
    }
}
