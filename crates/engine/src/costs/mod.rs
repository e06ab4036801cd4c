//! What a round costs and saves.
//!
//! This module owns the money side of a round: NHS Terms and Conditions Section 16 (England)
//! redundancy pay with its floor, cap and early-retirement alternative ([`redundancy_pay`]),
//! pay protection after a downgrade ([`pay_protection`]), excess travel after a change of base
//! ([`excess_travel`]), the salary a person is assimilated to in a new post
//! ([`salary_in_post`]), and the service and age arithmetic these rest on. Every threshold is a
//! field of the policy; `docs/rules.md` gives each rule with its source and worked examples that
//! the tests reproduce to the penny.

mod protection;
mod redundancy;
mod service;

pub use protection::{excess_travel, pay_protection, salary_in_post};
pub use redundancy::{EarlyRetirement, MonthPayRoute, RedundancyPay, redundancy_pay};
pub use service::{
    age_on, continuous_service_weeks, service_years, whole_weeks_between, whole_years_between,
};
