//! Statutory priority for suitable vacancies.
//!
//! This module owns the decision whether a person has statutory priority on the round date and
//! on which ground ([`statutory_priority`]). People with priority must be *offered* a suitable
//! available vacancy before anyone else is considered for it:
//!
//! - **Regulation 10**, Maternity and Parental Leave etc. Regulations 1999, as extended from
//!   6 April 2024 by the Protection from Redundancy (Pregnancy and Family Leave) Act 2023 and the
//!   Maternity Leave, Adoption Leave and Shared Parental Leave (Amendment) Regulations 2024:
//!   pregnancy from notification; maternity, adoption and shared parental leave (six consecutive
//!   weeks or more) until 18 months after the birth or placement. \[O\]
//!   <https://www.nhsemployers.org/articles/updated-protection-redundancy-legislation>
//! - **Reasonable adjustments** for a disabled person, Equality Act 2010 (*Archibald v Fife
//!   Council* \[2004\] UKHL 32): moving the person into an existing vacancy, without competition,
//!   can be a required adjustment. \[O\]
//!   <https://publications.parliament.uk/pa/ld200304/ldjudgmt/jd040701/arch-1.htm>
//!
//! The length of the protected period comes from
//! [`PriorityRules::protected_months_after_birth`]; whether a reasonable-adjustment flag gives
//! priority comes from [`PriorityRules::reasonable_adjustment_is_priority`].

use chrono::{Months, NaiveDate};
use redeploy_model::{Person, PriorityKind, PriorityRules};
use serde::Serialize;

/// The ground on which a person has statutory priority on the round date, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PriorityGround {
    /// Pregnant, from notification to the employer.
    Pregnancy,
    /// On maternity leave, or back from it inside the protected period.
    Maternity,
    /// On adoption leave, or back from it inside the protected period.
    Adoption,
    /// On shared parental leave of six weeks or more, or back from it inside the protected
    /// period.
    SharedParental,
    /// A disabled person for whom redeployment is a reasonable adjustment.
    ReasonableAdjustment,
}

impl PriorityGround {
    /// The name used in reports (`"shared-parental"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            PriorityGround::Pregnancy => "pregnancy",
            PriorityGround::Maternity => "maternity",
            PriorityGround::Adoption => "adoption",
            PriorityGround::SharedParental => "shared-parental",
            PriorityGround::ReasonableAdjustment => "reasonable-adjustment",
        }
    }

    /// The law that gives the priority, in words for a placement's reasons.
    ///
    /// ```
    /// use redeploy_engine::PriorityGround;
    ///
    /// assert!(PriorityGround::Maternity.law().starts_with("regulation 10"));
    /// ```
    pub const fn law(self) -> &'static str {
        match self {
            PriorityGround::Pregnancy
            | PriorityGround::Maternity
            | PriorityGround::Adoption
            | PriorityGround::SharedParental => {
                "regulation 10 of the Maternity and Parental Leave etc. Regulations 1999 (as extended in 2024)"
            }
            PriorityGround::ReasonableAdjustment => {
                "a reasonable adjustment under the Equality Act 2010 (Archibald v Fife Council)"
            }
        }
    }
}

/// The ground on which `person` has statutory priority on `round_date`, if any.
///
/// - Pregnancy gives priority from notification (`priority.since`, when given, must be on or
///   before the round date).
/// - Maternity, adoption and shared parental leave give priority while the round date is inside
///   the protected period: the `protected_months_after_birth` calendar months beginning with the
///   child's date of birth or placement (`priority.child_date`). The period beginning with 15
///   January 2024 and lasting 18 months ends with 14 July 2025, so a round on 15 July 2025 is
///   outside it. With no `child_date` the person is taken to be still on leave, so protected.
///   Shared parental leave is recorded only when six consecutive weeks or more were taken (the
///   scenario format's definition), so no length test is made here.
/// - Otherwise a reasonable-adjustment flag gives priority when
///   `rules.reasonable_adjustment_is_priority` is set.
///
/// A family-leave ground is reported ahead of a reasonable adjustment when both apply.
///
/// ```
/// use chrono::NaiveDate;
/// use redeploy_engine::{statutory_priority, PriorityGround};
/// # use redeploy_model::{Band, ContractType, Equality, Person, Preferences, PriorityKind, PriorityRules, StatutoryPriority};
/// # let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// # let mut person = Person { id: "P1".into(), name: None, employer: "E1".into(), site: "S1".into(),
/// #     band: Band::B6, pay_point: None, salary: 46_580, wte: 1.0, job_family: "finance".into(), role: None,
/// #     skills: vec![], registrations: vec![], contract: ContractType::Permanent,
/// #     nhs_service_start: date(2010, 1, 1), date_of_birth: date(1985, 1, 1),
/// #     priority: StatutoryPriority::default(), reasonable_adjustment: false, pension_member: true,
/// #     volunteered_vr: false, commute_minutes: None, equality: Equality::default(), preferences: Preferences::default() };
/// let rules = PriorityRules::default(); // 18 months after birth
/// person.priority = StatutoryPriority {
///     kind: PriorityKind::Maternity,
///     since: Some(date(2024, 1, 1)),
///     child_date: Some(date(2024, 1, 15)),
/// };
/// assert_eq!(statutory_priority(&person, date(2025, 7, 14), &rules), Some(PriorityGround::Maternity));
/// assert_eq!(statutory_priority(&person, date(2025, 7, 15), &rules), None);
/// ```
pub fn statutory_priority(
    person: &Person,
    round_date: NaiveDate,
    rules: &PriorityRules,
) -> Option<PriorityGround> {
    family_ground(person, round_date, rules).or_else(|| {
        (person.reasonable_adjustment && rules.reasonable_adjustment_is_priority)
            .then_some(PriorityGround::ReasonableAdjustment)
    })
}

/// The regulation 10 ground, if the person's record gives one that is live on the round date.
fn family_ground(
    person: &Person,
    round_date: NaiveDate,
    rules: &PriorityRules,
) -> Option<PriorityGround> {
    let record = &person.priority;
    let leave_ground = match record.kind {
        PriorityKind::None => return None,
        PriorityKind::Pregnancy => {
            let notified = record.since.is_none_or(|since| since <= round_date);
            return notified.then_some(PriorityGround::Pregnancy);
        }
        PriorityKind::Maternity => PriorityGround::Maternity,
        PriorityKind::Adoption => PriorityGround::Adoption,
        PriorityKind::SharedParental => PriorityGround::SharedParental,
    };
    let protected = match record.child_date {
        None => true,
        Some(child_date) => {
            round_date < protected_period_end(child_date, rules.protected_months_after_birth)
        }
    };
    protected.then_some(leave_ground)
}

/// The first day after the protected period that begins with `child_date`. Adding calendar
/// months clamps to the end of a shorter month (31 August + 18 months = 28 or 29 February).
/// A date beyond chrono's range means the period never ends within representable dates.
fn protected_period_end(child_date: NaiveDate, months: u32) -> NaiveDate {
    child_date
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn protected_period_clamps_to_month_end() {
        assert_eq!(
            protected_period_end(date(2023, 8, 31), 18),
            date(2025, 2, 28)
        );
        assert_eq!(
            protected_period_end(date(2022, 8, 31), 18),
            date(2024, 2, 29)
        );
        assert_eq!(
            protected_period_end(date(2024, 1, 15), 0),
            date(2024, 1, 15)
        );
    }

    #[test]
    fn ground_names_are_kebab_case() {
        assert_eq!(PriorityGround::SharedParental.as_str(), "shared-parental");
        assert_eq!(
            serde_json::to_string(&PriorityGround::ReasonableAdjustment).unwrap(),
            "\"reasonable-adjustment\""
        );
    }
}
