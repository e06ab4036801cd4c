//! Job families: their skills, registrations, titles and bands, and how often each appears among
//! the people at risk and the posts of each kind of employer.
//!
//! People at risk are corporate and management staff (finance, HR, digital, estates, admin and
//! clerical, commissioning, analytics …); posts are mostly clinical (nursing, allied health,
//! healthcare support) with a corporate share. Registered roles need a registration: nursing
//! the NMC, allied health and paramedics the HCPC. The weights are the shapes of the domain
//! notes §7 (ICB and CSU cuts; 86% of trust leaders cutting non-clinical posts [S]) and of the
//! shipped footprint example; the exact numbers are assumptions [?].

use redeploy_model::{Band, EmployerKind};

use crate::calibration::Group;

/// A job family.
#[derive(Debug)]
pub(crate) struct Family {
    pub(crate) id: &'static str,
    pub(crate) skills: &'static [&'static str],
    pub(crate) registration: Option<&'static str>,
    /// Titles from junior to senior.
    pub(crate) titles: &'static [&'static str],
    /// The bands the family's roles take (inclusive); a band drawn outside is brought inside.
    pub(crate) bands: (Band, Band),
}

/// Every job family. The skills catalogue is the union of their skills, in this order.
pub(crate) const FAMILIES: [Family; 17] = [
    Family {
        id: "finance",
        skills: &[
            "financial-accounting",
            "management-accounting",
            "budgeting",
            "payroll",
            "financial-systems",
            "audit",
        ],
        registration: None,
        titles: &[
            "Finance assistant",
            "Finance officer",
            "Management accountant",
            "Finance business partner",
            "Head of finance",
            "Director of finance",
        ],
        bands: (Band::B3, Band::B9),
    },
    Family {
        id: "procurement",
        skills: &[
            "procurement",
            "contract-management",
            "supplier-management",
            "tendering",
        ],
        registration: None,
        titles: &[
            "Procurement assistant",
            "Procurement officer",
            "Category manager",
            "Head of procurement",
        ],
        bands: (Band::B3, Band::B8c),
    },
    Family {
        id: "commissioning",
        skills: &[
            "commissioning",
            "contract-management",
            "population-health",
            "stakeholder-engagement",
            "service-redesign",
        ],
        registration: None,
        titles: &[
            "Commissioning support officer",
            "Commissioning officer",
            "Commissioning manager",
            "Senior commissioning manager",
            "Head of commissioning",
        ],
        bands: (Band::B4, Band::B9),
    },
    Family {
        id: "data-analytics",
        skills: &[
            "data-analysis",
            "sql",
            "python",
            "data-visualisation",
            "information-governance",
            "statistics",
        ],
        registration: None,
        titles: &[
            "Information officer",
            "Information analyst",
            "Senior data analyst",
            "Analytics manager",
            "Head of analytics",
        ],
        bands: (Band::B4, Band::B8d),
    },
    Family {
        id: "admin-clerical",
        skills: &[
            "diary-management",
            "minute-taking",
            "document-management",
            "customer-service",
            "data-entry",
        ],
        registration: None,
        titles: &[
            "Clerical officer",
            "Administrator",
            "Team secretary",
            "Executive assistant",
            "Office manager",
        ],
        bands: (Band::B2, Band::B6),
    },
    Family {
        id: "workforce",
        skills: &[
            "hr-casework",
            "recruitment",
            "workforce-planning",
            "learning-development",
            "esr",
            "employee-relations",
        ],
        registration: None,
        titles: &[
            "HR assistant",
            "HR adviser",
            "Senior HR adviser",
            "HR business partner",
            "Head of people",
        ],
        bands: (Band::B3, Band::B9),
    },
    Family {
        id: "project-management",
        skills: &[
            "project-management",
            "change-management",
            "programme-management",
            "benefits-realisation",
        ],
        registration: None,
        titles: &[
            "Project support officer",
            "Project manager",
            "Senior project manager",
            "Programme manager",
            "Programme director",
        ],
        bands: (Band::B4, Band::B9),
    },
    Family {
        id: "communications",
        skills: &[
            "communications",
            "digital-content",
            "media-relations",
            "engagement",
        ],
        registration: None,
        titles: &[
            "Communications officer",
            "Communications manager",
            "Engagement lead",
            "Head of communications",
        ],
        bands: (Band::B4, Band::B8d),
    },
    Family {
        id: "digital",
        skills: &[
            "it-support",
            "network-administration",
            "cyber-security",
            "ehr-systems",
            "software-development",
        ],
        registration: None,
        titles: &[
            "IT support analyst",
            "Systems administrator",
            "Network engineer",
            "Digital lead",
            "Chief digital officer",
        ],
        bands: (Band::B3, Band::B9),
    },
    Family {
        id: "health-records",
        skills: &[
            "medical-records",
            "clinical-coding",
            "information-governance",
        ],
        registration: None,
        titles: &["Medical records clerk", "Clinical coder", "Records manager"],
        bands: (Band::B2, Band::B7),
    },
    Family {
        id: "quality-governance",
        skills: &[
            "clinical-governance",
            "risk-management",
            "complaints-handling",
            "patient-safety",
        ],
        registration: None,
        titles: &[
            "Governance officer",
            "Patient safety lead",
            "Risk manager",
            "Head of quality",
        ],
        bands: (Band::B4, Band::B9),
    },
    Family {
        id: "estates",
        skills: &[
            "estates-management",
            "facilities",
            "health-and-safety",
            "capital-projects",
        ],
        registration: None,
        titles: &[
            "Facilities assistant",
            "Facilities officer",
            "Estates manager",
            "Head of estates",
        ],
        bands: (Band::B2, Band::B8d),
    },
    Family {
        id: "senior-management",
        skills: &[
            "board-governance",
            "strategy",
            "leadership",
            "financial-management",
        ],
        registration: None,
        titles: &["Associate director", "Deputy director", "Director"],
        bands: (Band::B8c, Band::B9),
    },
    Family {
        id: "nursing",
        skills: &[
            "nursing-care",
            "safeguarding",
            "medicines-management",
            "clinical-assessment",
        ],
        registration: Some("NMC"),
        titles: &[
            "Staff nurse",
            "Community nurse",
            "Ward sister",
            "Nurse consultant",
        ],
        bands: (Band::B5, Band::B8b),
    },
    Family {
        id: "allied-health",
        skills: &[
            "physiotherapy",
            "occupational-therapy",
            "clinical-assessment",
            "rehabilitation",
        ],
        registration: Some("HCPC"),
        titles: &[
            "Therapist",
            "Senior therapist",
            "Clinical specialist",
            "Consultant therapist",
        ],
        bands: (Band::B5, Band::B8b),
    },
    Family {
        id: "paramedic",
        skills: &[
            "paramedic-practice",
            "clinical-assessment",
            "emergency-care",
        ],
        registration: Some("HCPC"),
        titles: &["Paramedic", "Specialist paramedic", "Advanced paramedic"],
        bands: (Band::B5, Band::B8a),
    },
    Family {
        id: "healthcare-support",
        skills: &["patient-care", "phlebotomy", "observations"],
        registration: None,
        titles: &[
            "Healthcare assistant",
            "Senior healthcare assistant",
            "Assistant practitioner",
        ],
        bands: (Band::B2, Band::B4),
    },
];

/// Skills many roles share, which people sometimes hold outside their own family [?].
pub(crate) const TRANSFERABLE_SKILLS: [&str; 6] = [
    "stakeholder-engagement",
    "project-management",
    "data-analysis",
    "minute-taking",
    "change-management",
    "budgeting",
];

/// The family with this id.
///
/// # Panics
/// When no family has the id (the tables below only name families above).
pub(crate) fn family(id: &str) -> &'static Family {
    FAMILIES
        .iter()
        .find(|family| family.id == id)
        .unwrap_or_else(|| panic!("no job family `{id}`"))
}

/// Job families of the people at risk, by employer group [?]: ICBs mostly commissioning,
/// finance and analytics; CSUs analytics and digital; trust corporate teams admin and clerical,
/// finance, HR and records, with a few registered nurses in corporate roles.
pub(crate) const fn people_families(group: Group) -> &'static [(&'static str, u32)] {
    match group {
        Group::Icb => &[
            ("commissioning", 28),
            ("finance", 12),
            ("data-analytics", 12),
            ("admin-clerical", 12),
            ("project-management", 9),
            ("quality-governance", 7),
            ("workforce", 5),
            ("communications", 4),
            ("senior-management", 5),
            ("digital", 3),
            ("procurement", 2),
            ("estates", 1),
        ],
        Group::Csu => &[
            ("data-analytics", 24),
            ("digital", 18),
            ("commissioning", 14),
            ("finance", 12),
            ("procurement", 8),
            ("workforce", 8),
            ("admin-clerical", 8),
            ("project-management", 6),
            ("communications", 2),
        ],
        Group::Trust => &[
            ("admin-clerical", 24),
            ("finance", 11),
            ("workforce", 10),
            ("health-records", 9),
            ("project-management", 7),
            ("data-analytics", 7),
            ("digital", 7),
            ("quality-governance", 6),
            ("estates", 5),
            ("communications", 3),
            ("senior-management", 3),
            ("procurement", 3),
            ("nursing", 3),
        ],
    }
}

/// Job families of posts, by kind of employer [?]: trusts mostly nursing, healthcare support and
/// allied health (nationally, registered nursing has the highest vacancy rate, 11.9% in 2022
/// [O], domain notes §7); ambulance trusts paramedics; ICBs and CSUs a few corporate posts.
pub(crate) const fn post_families(kind: EmployerKind) -> &'static [(&'static str, u32)] {
    match kind {
        EmployerKind::Icb => &[
            ("commissioning", 30),
            ("finance", 15),
            ("data-analytics", 15),
            ("admin-clerical", 15),
            ("quality-governance", 10),
            ("project-management", 10),
            ("workforce", 5),
        ],
        EmployerKind::Csu => &[
            ("data-analytics", 40),
            ("digital", 40),
            ("admin-clerical", 20),
        ],
        EmployerKind::Ambulance => &[
            ("paramedic", 34),
            ("healthcare-support", 14),
            ("admin-clerical", 18),
            ("nursing", 4),
            ("digital", 6),
            ("finance", 5),
            ("workforce", 5),
            ("estates", 6),
            ("data-analytics", 4),
            ("quality-governance", 4),
        ],
        _ => &[
            ("nursing", 24),
            ("healthcare-support", 14),
            ("admin-clerical", 16),
            ("allied-health", 8),
            ("finance", 5),
            ("health-records", 6),
            ("workforce", 4),
            ("data-analytics", 4),
            ("digital", 5),
            ("estates", 5),
            ("project-management", 3),
            ("quality-governance", 2),
            ("procurement", 1),
            ("communications", 1),
            ("commissioning", 1),
            ("senior-management", 1),
        ],
    }
}

/// Share of people at risk outside the registered families who still hold a registration
/// (nurses in quality and commissioning teams, for example), by family [?].
pub(crate) fn extra_registration(family: &str) -> Option<(&'static str, f64)> {
    match family {
        "quality-governance" => Some(("NMC", 0.4)),
        "commissioning" => Some(("NMC", 0.08)),
        _ => None,
    }
}

/// A title of about the right seniority for the band: titles are listed junior first and spread
/// evenly over the family's bands.
pub(crate) fn title(family: &Family, band: Band) -> &'static str {
    let (low, high) = family.bands;
    let span = high.index().saturating_sub(low.index()).max(1);
    let rank = band.index().saturating_sub(low.index()).min(span);
    let last = family.titles.len() - 1;
    family.titles[(rank * last + span / 2) / span]
}

/// Every skill of every family, each once, in family order.
pub(crate) fn skill_catalogue() -> Vec<&'static str> {
    let mut skills: Vec<&'static str> = Vec::new();
    for skill in FAMILIES.iter().flat_map(|family| family.skills.iter()) {
        if !skills.contains(skill) {
            skills.push(skill);
        }
    }
    for skill in TRANSFERABLE_SKILLS {
        if !skills.contains(&skill) {
            skills.push(skill);
        }
    }
    skills
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_family_named_in_a_table_exists() {
        for group in [Group::Icb, Group::Csu, Group::Trust] {
            for (id, _) in people_families(group) {
                family(id);
            }
        }
        for kind in EmployerKind::ALL {
            for (id, _) in post_families(kind) {
                family(id);
            }
        }
    }

    #[test]
    fn titles_rise_with_band() {
        let finance = family("finance");
        assert_eq!(title(finance, Band::B3), "Finance assistant");
        assert_eq!(title(finance, Band::B9), "Director of finance");
        let senior = family("senior-management");
        assert_eq!(title(senior, Band::B8c), "Associate director");
        assert_eq!(title(senior, Band::B9), "Director");
    }

    #[test]
    fn transferable_skills_are_in_the_catalogue_once() {
        let catalogue = skill_catalogue();
        let mut sorted = catalogue.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), catalogue.len(), "a skill is listed twice");
        assert!(TRANSFERABLE_SKILLS.iter().all(|s| catalogue.contains(s)));
    }
}
