//! Reading and checking a mapping file.
//!
//! This module owns [`load_mapping`]: it reads the TOML of the mapping and of every section file
//! it names, rejects unknown keys with a "did you mean" at their line and column, and checks the
//! mapping across fields (references that resolve, code values in their sets) before any extract
//! is read.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use redeploy_model::{Band, Diagnostic, EmployerKind, Position, PriorityKind, did_you_mean};

use crate::error::ImportError;
use crate::mapping::{
    Codes, EmployerEntry, FootprintEntry, Mapping, PostcodeColumns, RegionEntry, ScenarioFrame,
    SiteEntry, StaffColumns, VacancyColumns,
};

/// The top level of a mapping file; the three sections that may live in other files are read
/// on their own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Top {
    scenario: ScenarioFrame,
    #[serde(default)]
    regions: Vec<RegionEntry>,
    #[serde(default)]
    footprints: Vec<FootprintEntry>,
    employers: Vec<EmployerEntry>,
    #[serde(default)]
    sites: Vec<SiteEntry>,
    #[serde(default)]
    postcodes: PostcodeColumns,
    staff: toml::Value,
    vacancies: toml::Value,
    #[serde(default)]
    codes: Option<toml::Value>,
}

/// Reads a mapping file and every section file it names, and checks the code tables.
///
/// ```
/// use std::path::Path;
///
/// let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../configs/import/sample/mapping.toml"));
/// let mapping = redeploy_import::load_mapping(path).unwrap();
/// assert_eq!(mapping.staff.id, "Assignment Number");
/// assert_eq!(mapping.vacancies.band, "Pay Band/Scale");
/// assert!(mapping.codes.rules.iter().any(|rule| rule.registration.as_deref() == Some("NMC")));
/// ```
///
/// # Errors
///
/// [`ImportError::Io`] when a file cannot be read, [`ImportError::Mapping`] listing every problem
/// in the mapping (unknown keys with a suggestion, values a code table cannot hold).
pub fn load_mapping(path: &Path) -> Result<Mapping, ImportError> {
    let text = read(path)?;
    let top: Top = parse(&text, path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    let staff = section(&top.staff, "staff", path, base, &mut problems, || {
        parse::<InlineStaff>(&text, path).map(|inline| inline.staff)
    });
    let vacancies = section(
        &top.vacancies,
        "vacancies",
        path,
        base,
        &mut problems,
        || parse::<InlineVacancies>(&text, path).map(|inline| inline.vacancies),
    );
    let codes = match &top.codes {
        Some(toml::Value::Array(files)) => {
            // Several code files, read in order: later tables add to and override earlier ones,
            // rules are appended.
            let mut merged = Some(Codes::default());
            for file in files {
                let part = section(file, "codes", path, base, &mut problems, || {
                    Err(ImportError::Mapping(vec![problem(
                        path,
                        Position::File,
                        Some("codes"),
                        "found a table in the list, expected the paths of code files".to_string(),
                    )]))
                });
                merged = merged.zip(part).map(|(mut all, part)| {
                    all.merge(part);
                    all
                });
            }
            merged
        }
        Some(value) => section(value, "codes", path, base, &mut problems, || {
            parse::<InlineCodes>(&text, path).map(|inline| inline.codes)
        }),
        None => Some(Codes::default()),
    };
    let (Some(staff), Some(vacancies), Some(codes)) = (staff, vacancies, codes) else {
        return Err(ImportError::Mapping(problems));
    };
    let mapping = Mapping {
        path: path.to_path_buf(),
        scenario: top.scenario,
        regions: top.regions,
        footprints: top.footprints,
        employers: top.employers,
        sites: top.sites,
        postcodes: top.postcodes,
        staff,
        vacancies,
        codes,
    };
    problems.extend(check(&mapping));
    if problems.is_empty() {
        Ok(mapping)
    } else {
        Err(ImportError::Mapping(problems))
    }
}

impl Mapping {
    /// A path the mapping names, read relative to the mapping file.
    pub fn relative(&self, path: &Path) -> std::path::PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join(path)
    }
}

pub(crate) fn read(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// A section written inline or as the path of another file.
fn section<T: DeserializeOwned>(
    value: &toml::Value,
    key: &str,
    path: &Path,
    base: &Path,
    problems: &mut Vec<Diagnostic>,
    inline: impl FnOnce() -> Result<T, ImportError>,
) -> Option<T> {
    let result = match value {
        toml::Value::String(file) => {
            let file = base.join(file);
            match read(&file) {
                Ok(included) => parse::<T>(&included, &file),
                Err(err) => Err(ImportError::Mapping(vec![problem(
                    path,
                    Position::File,
                    Some(key),
                    err.to_string(),
                )])),
            }
        }
        toml::Value::Table(_) => inline(),
        other => Err(ImportError::Mapping(vec![problem(
            path,
            Position::File,
            Some(key),
            format!(
                "found a {}, expected a table or the path of a file holding the section",
                other.type_str()
            ),
        )])),
    };
    match result {
        Ok(section) => Some(section),
        Err(ImportError::Mapping(mut found)) => {
            problems.append(&mut found);
            None
        }
        Err(other) => {
            problems.push(problem(path, Position::File, Some(key), other.to_string()));
            None
        }
    }
}

/// The inline `[staff]` section read from the whole mapping text, so problems keep their line
/// and column (the other keys are read by [`Top`]).
#[derive(Deserialize)]
struct InlineStaff {
    staff: StaffColumns,
}

/// The inline `[vacancies]` section, as [`InlineStaff`].
#[derive(Deserialize)]
struct InlineVacancies {
    vacancies: VacancyColumns,
}

/// The inline `[codes]` section, as [`InlineStaff`].
#[derive(Deserialize)]
struct InlineCodes {
    codes: Codes,
}

fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, ImportError> {
    toml::from_str(text).map_err(|err| {
        let position = err.span().map_or(Position::File, |span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            Position::Text { line, column }
        });
        let message = err.message().trim_end().to_string();
        let mut diagnostic = problem(path, position, None, message.clone());
        diagnostic.help = unknown_key_hint(&message);
        ImportError::Mapping(vec![diagnostic])
    })
}

/// "did you mean" for serde's "unknown field `x`, expected one of `a`, `b`".
fn unknown_key_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (wanted, rest) = rest.split_once('`')?;
    let known: Vec<&str> = rest.split('`').skip(1).step_by(2).collect();
    did_you_mean(wanted, known)
}

pub(crate) fn problem(
    path: &Path,
    position: Position,
    field: Option<&str>,
    message: String,
) -> Diagnostic {
    Diagnostic {
        file: path.to_path_buf(),
        position,
        field: field.map(str::to_string),
        found: None,
        message,
        help: None,
        knock_on: false,
    }
}

/// Checks across the mapping: references that resolve, kinds and code values that exist.
fn check(mapping: &Mapping) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut at = |field: String, message: String| {
        problems.push(problem(
            &mapping.path,
            Position::File,
            Some(&field),
            message,
        ));
    };
    let regions: Vec<&str> = mapping.regions.iter().map(|r| r.id.as_str()).collect();
    for footprint in &mapping.footprints {
        if !regions.contains(&footprint.region.as_str()) {
            at(
                format!("footprints.{}.region", footprint.id),
                format!(
                    "`{}` is not a region of [[regions]], expected one of {}",
                    footprint.region,
                    listed(&regions)
                ),
            );
        }
    }
    let footprints: Vec<&str> = mapping.footprints.iter().map(|f| f.id.as_str()).collect();
    for employer in &mapping.employers {
        if !footprints.contains(&employer.footprint.as_str()) {
            at(
                format!("employers.{}.footprint", employer.id),
                format!(
                    "`{}` is not a footprint of [[footprints]], expected one of {}",
                    employer.footprint,
                    listed(&footprints)
                ),
            );
        }
        if !EmployerKind::ALL
            .iter()
            .any(|kind| kind.as_str() == employer.kind)
        {
            let kinds: Vec<&str> = EmployerKind::ALL.iter().map(|k| k.as_str()).collect();
            at(
                format!("employers.{}.kind", employer.id),
                format!(
                    "`{}` is not a kind of employer, expected one of {}",
                    employer.kind,
                    listed(&kinds)
                ),
            );
        }
    }
    if mapping.staff.location.is_none() && mapping.staff.postcode.is_none() {
        at(
            "staff".into(),
            "neither `location` nor `postcode` is mapped, expected at least one (a person needs a site)".into(),
        );
    }
    if mapping.vacancies.location.is_none() && mapping.vacancies.postcode.is_none() {
        at(
            "vacancies".into(),
            "neither `location` nor `postcode` is mapped, expected at least one (a post needs a site)".into(),
        );
    }
    let codes = &mapping.codes;
    for (code, band) in &codes.band {
        if band != "skip" && band.parse::<Band>().is_err() {
            at(
                format!("codes.band.{code}"),
                format!("`{band}` is not a band, expected 1–9, 8a–8d or `skip`"),
            );
        }
    }
    for (code, contract) in &codes.contract {
        if !["permanent", "fixed-term", "skip"].contains(&contract.as_str()) {
            at(
                format!("codes.contract.{code}"),
                format!(
                    "`{contract}` is not a contract, expected `permanent`, `fixed-term` or `skip`"
                ),
            );
        }
    }
    for (code, wte) in &codes.working_pattern {
        if !(*wte > 0.0 && *wte <= 1.5) {
            at(
                format!("codes.working_pattern.{code}"),
                format!(
                    "`{wte}` is out of range, expected a whole-time equivalent above 0 and at most 1.5"
                ),
            );
        }
    }
    for (code, kind) in &codes.leave {
        if priority_kind(kind).is_none() {
            at(
                format!("codes.leave.{code}"),
                format!(
                    "`{kind}` is not a priority, expected `none`, `pregnancy`, `maternity`, `adoption` or `shared-parental`"
                ),
            );
        }
    }
    for (code, family) in &codes.job_family {
        if family.trim().is_empty() || family.trim() != family {
            at(
                format!("codes.job_family.{code}"),
                format!("`{family}` is not a job family, expected trimmed text"),
            );
        }
    }
    for (index, rule) in codes.rules.iter().enumerate() {
        let keys = [
            &rule.occupation_code,
            &rule.job_role,
            &rule.area_of_work,
            &rule.staff_group,
        ];
        if keys.iter().all(|key| key.is_none()) {
            at(
                format!("codes.rules[{}]", index + 1),
                "the rule has no key, expected at least one of `occupation_code`, `job_role`, `area_of_work`, `staff_group`".into(),
            );
        }
        for skill in &rule.skills {
            if skill.is_empty() || skill.contains(';') || skill.trim() != skill {
                at(
                    format!("codes.rules[{}].skills", index + 1),
                    format!("`{skill}` is not a skill id, expected trimmed text without `;`"),
                );
            }
        }
    }
    problems
}

/// The statutory priority a `[codes.leave]` value names.
pub(crate) fn priority_kind(name: &str) -> Option<PriorityKind> {
    [
        PriorityKind::None,
        PriorityKind::Pregnancy,
        PriorityKind::Maternity,
        PriorityKind::Adoption,
        PriorityKind::SharedParental,
    ]
    .into_iter()
    .find(|kind| kind.as_str() == name)
}

fn listed(names: &[&str]) -> String {
    if names.is_empty() {
        return "(none listed)".to_string();
    }
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::Rule;
    use std::path::PathBuf;

    #[test]
    fn an_unknown_key_gets_its_place_and_a_suggestion() {
        let text = "[scenario]\nname = \"x\"\nround_date = \"2025-10-01\"\npay_scle = \"p.toml\"\n";
        let err = parse::<Top>(text, Path::new("m.toml")).err().unwrap();
        let ImportError::Mapping(problems) = err else {
            panic!("a mapping problem")
        };
        let shown = problems[0].to_string();
        assert!(shown.starts_with("m.toml:4:1:"), "{shown}");
        assert!(shown.contains("unknown field `pay_scle`"), "{shown}");
        assert!(shown.ends_with("did you mean `pay_scale`?"), "{shown}");
    }

    #[test]
    fn code_values_out_of_their_sets_are_each_named() {
        let mut codes = Codes::default();
        codes.contract.insert("Bank".into(), "casual".into());
        codes
            .leave
            .insert("Maternity Leave".into(), "maternal".into());
        codes.rules.push(Rule::default());
        let mapping = Mapping {
            path: PathBuf::from("m.toml"),
            scenario: ScenarioFrame {
                name: "x".into(),
                round_date: "2025-10-01".into(),
                seed: 0,
                pay_scale: PathBuf::from("p.toml"),
                policy: None,
            },
            regions: Vec::new(),
            footprints: Vec::new(),
            employers: Vec::new(),
            sites: Vec::new(),
            postcodes: PostcodeColumns::default(),
            staff: toml::from_str(
                "id='a'\norganisation='b'\nband='c'\nstaff_group='d'\nnhs_service_start='e'\ndate_of_birth='f'\npostcode='g'",
            )
            .unwrap(),
            vacancies: toml::from_str("id='a'\norganisation='b'\nband='c'\nstaff_group='d'\npostcode='g'")
                .unwrap(),
            codes,
        };
        let problems: Vec<String> = check(&mapping).iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("codes.contract.Bank"), "{problems:#?}");
        assert!(
            problems[1].contains("`maternal` is not a priority"),
            "{problems:#?}"
        );
        assert!(problems[2].contains("the rule has no key"), "{problems:#?}");
    }
}
