//! Statutory priority on the round date: regulation 10 protected periods (as extended from
//! April 2024) and reasonable adjustments.
//! Source: <https://www.nhsemployers.org/articles/updated-protection-redundancy-legislation>

mod costs_support;

use costs_support::{date, person, round_date, with_priority};
use redeploy_engine::{PriorityGround, statutory_priority};
use redeploy_model::{Band, Person, PriorityKind, PriorityRules};

fn someone() -> Person {
    person(Band::B6, 46_580, date(2015, 4, 1))
}

fn on_leave(kind: PriorityKind, child_date: Option<chrono::NaiveDate>) -> Person {
    with_priority(someone(), kind, Some(date(2024, 3, 1)), child_date)
}

#[test]
fn no_record_no_priority() {
    assert_eq!(
        statutory_priority(&someone(), round_date(), &PriorityRules::default()),
        None
    );
}

#[test]
fn protection_ends_18_months_after_the_birth() {
    let rules = PriorityRules::default();
    // Born 1 April 2024: the 18 months beginning that day end on 30 September 2025.
    let ended = on_leave(PriorityKind::Maternity, Some(date(2024, 4, 1)));
    assert_eq!(statutory_priority(&ended, round_date(), &rules), None);
    assert_eq!(
        statutory_priority(&ended, date(2025, 9, 30), &rules),
        Some(PriorityGround::Maternity),
        "the last day of the protected period"
    );
    let live = on_leave(PriorityKind::Maternity, Some(date(2024, 4, 2)));
    assert_eq!(
        statutory_priority(&live, round_date(), &rules),
        Some(PriorityGround::Maternity)
    );
}

#[test]
fn adoption_and_shared_parental_leave_run_from_placement_or_birth() {
    let rules = PriorityRules::default();
    let adoption = on_leave(PriorityKind::Adoption, Some(date(2024, 6, 1)));
    assert_eq!(
        statutory_priority(&adoption, round_date(), &rules),
        Some(PriorityGround::Adoption)
    );
    let shared = on_leave(PriorityKind::SharedParental, Some(date(2024, 6, 1)));
    assert_eq!(
        statutory_priority(&shared, round_date(), &rules),
        Some(PriorityGround::SharedParental)
    );
    let long_ago = on_leave(PriorityKind::Adoption, Some(date(2023, 1, 1)));
    assert_eq!(statutory_priority(&long_ago, round_date(), &rules), None);
}

#[test]
fn leave_without_a_child_date_is_protected() {
    let still_on_leave = on_leave(PriorityKind::Maternity, None);
    assert_eq!(
        statutory_priority(&still_on_leave, round_date(), &PriorityRules::default()),
        Some(PriorityGround::Maternity)
    );
}

#[test]
fn the_protected_period_comes_from_the_policy() {
    let six_months = PriorityRules {
        protected_months_after_birth: 6,
        ..PriorityRules::default()
    };
    let born = on_leave(PriorityKind::Maternity, Some(date(2025, 4, 1)));
    assert_eq!(
        statutory_priority(&born, date(2025, 9, 30), &six_months),
        Some(PriorityGround::Maternity)
    );
    assert_eq!(statutory_priority(&born, round_date(), &six_months), None);
}

#[test]
fn pregnancy_is_protected_from_notification() {
    let rules = PriorityRules::default();
    let notified = with_priority(
        someone(),
        PriorityKind::Pregnancy,
        Some(date(2025, 9, 1)),
        None,
    );
    assert_eq!(
        statutory_priority(&notified, round_date(), &rules),
        Some(PriorityGround::Pregnancy)
    );
    let later = with_priority(
        someone(),
        PriorityKind::Pregnancy,
        Some(date(2025, 10, 2)),
        None,
    );
    assert_eq!(
        statutory_priority(&later, round_date(), &rules),
        None,
        "not yet notified"
    );
    let undated = with_priority(someone(), PriorityKind::Pregnancy, None, None);
    assert_eq!(
        statutory_priority(&undated, round_date(), &rules),
        Some(PriorityGround::Pregnancy)
    );
}

#[test]
fn reasonable_adjustment_gives_priority_when_the_policy_says_so() {
    let mut disabled = someone();
    disabled.reasonable_adjustment = true;
    assert_eq!(
        statutory_priority(&disabled, round_date(), &PriorityRules::default()),
        Some(PriorityGround::ReasonableAdjustment)
    );
    let off = PriorityRules {
        reasonable_adjustment_is_priority: false,
        ..PriorityRules::default()
    };
    assert_eq!(statutory_priority(&disabled, round_date(), &off), None);
}

#[test]
fn family_leave_is_reported_ahead_of_a_reasonable_adjustment() {
    let mut both = on_leave(PriorityKind::Maternity, Some(date(2025, 1, 1)));
    both.reasonable_adjustment = true;
    assert_eq!(
        statutory_priority(&both, round_date(), &PriorityRules::default()),
        Some(PriorityGround::Maternity)
    );
    let mut expired = on_leave(PriorityKind::Maternity, Some(date(2020, 1, 1)));
    expired.reasonable_adjustment = true;
    assert_eq!(
        statutory_priority(&expired, round_date(), &PriorityRules::default()),
        Some(PriorityGround::ReasonableAdjustment),
        "the adjustment still applies when the leave protection has ended"
    );
}
