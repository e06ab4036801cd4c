//! Look-ups on a validated [`Scenario`].
//!
//! This module owns the small helpers that find a record by id and walk from an employer to its
//! footprint and region. They scan the (short) organisation lists; callers that look up people
//! or vacancies in a hot loop should build their own index.

use crate::{Employer, Footprint, Person, Region, Scenario, Site, Vacancy};

impl Scenario {
    /// The employer with this id.
    ///
    /// ```
    /// # use redeploy_model::*;
    /// # let scenario = redeploy_model::parse_scenario(include_str!("../tests/data/tiny.toml"), std::path::Path::new("crates/model/tests/data/tiny.toml")).unwrap();
    /// let employer = scenario.employer("RX1").unwrap();
    /// assert_eq!(scenario.footprint_of_employer("RX1").map(|f| f.id.as_str()), Some("north"));
    /// assert_eq!(scenario.region_of_employer("RX1").map(|r| r.id.as_str()), Some("midlands"));
    /// assert!(scenario.employer("nobody").is_none());
    /// # let _ = employer;
    /// ```
    pub fn employer(&self, id: &str) -> Option<&Employer> {
        self.employers.iter().find(|employer| employer.id == id)
    }

    /// The footprint with this id.
    pub fn footprint(&self, id: &str) -> Option<&Footprint> {
        self.footprints.iter().find(|footprint| footprint.id == id)
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|region| region.id == id)
    }

    /// The site with this id.
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|site| site.id == id)
    }

    /// The person with this id (a scan; index people yourself in hot loops).
    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|person| person.id == id)
    }

    /// The vacancy with this id (a scan; index vacancies yourself in hot loops).
    pub fn vacancy(&self, id: &str) -> Option<&Vacancy> {
        self.vacancies.iter().find(|vacancy| vacancy.id == id)
    }

    /// The footprint an employer belongs to.
    pub fn footprint_of_employer(&self, employer: &str) -> Option<&Footprint> {
        self.footprint(&self.employer(employer)?.footprint)
    }

    /// The region an employer belongs to (through its footprint).
    pub fn region_of_employer(&self, employer: &str) -> Option<&Region> {
        self.region(&self.footprint_of_employer(employer)?.region)
    }

    /// Total number of posts over all vacancies (a vacancy may have several).
    pub fn total_posts(&self) -> u64 {
        self.vacancies
            .iter()
            .map(|vacancy| u64::from(vacancy.posts))
            .sum()
    }
}
