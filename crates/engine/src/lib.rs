//! NHS redeployment match rounds.

mod costs;
mod money;
mod priority;
mod travel;

pub use costs::{
    EarlyRetirement, MonthPayRoute, RedundancyPay, STATUTORY_WEEK_PAY_LIMIT, age_on,
    continuous_service_weeks, excess_travel, pay_protection, redundancy_pay,
    redundancy_pay_with_week_limit, salary_in_post, service_years, whole_weeks_between,
    whole_years_between,
};
pub use money::Money;
pub use priority::{PriorityGround, statutory_priority};
pub use travel::{
    AVERAGE_SPEED_KM_PER_HOUR, EARTH_RADIUS_KM, JOURNEY_OVERHEAD_MINUTES, ROAD_WINDING_FACTOR,
    TravelSource, TravelTimes, estimate_minutes,
};
