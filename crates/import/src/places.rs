//! Sites: work locations named in the mapping, and postcodes looked up in the user's file.
//!
//! This module owns turning a row's work location or postcode into a scenario [`Site`]. A
//! location named by a `[[sites]]` entry (its id, name or one of its `names`) is that site.
//! Otherwise the postcode is looked up in the postcode file: the full postcode first
//! (`NV1 4AB`), then its district (`NV1`), so a lookup of districts alone works too. Each
//! postcode or district found becomes one site, its id the postcode as the lookup keys it. A
//! postcode in neither is a problem naming the row.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use redeploy_model::{Diagnostic, Site};

use crate::cell::{code_key, parse_number, postcode_district, postcode_key};
use crate::error::ImportError;
use crate::extract::Extract;
use crate::mapping::{Mapping, SiteEntry};

/// A site id, or (column kind, found, what was expected).
type Resolved = Result<String, (&'static str, String, String)>;

/// The sites of the scenario as rows are resolved.
#[derive(Debug, Clone)]
pub(crate) struct Places {
    named: Arc<HashMap<String, usize>>,
    entries: Arc<Vec<SiteEntry>>,
    lookup: Arc<HashMap<String, (f64, f64)>>,
    used: BTreeMap<String, Site>,
    /// What each (location, postcode) met resolved to.
    memo: HashMap<String, Resolved>,
    /// Rows of the postcode file.
    pub(crate) lookup_rows: usize,
}

impl Places {
    /// Reads the postcode file through the `[postcodes]` columns of the mapping; its problems
    /// go to `problems`.
    pub(crate) fn load(
        mapping: &Mapping,
        postcodes: &Path,
        problems: &mut Vec<Diagnostic>,
    ) -> Result<Places, ImportError> {
        let mut extract = Extract::read(postcodes)?;
        let columns = &mapping.postcodes;
        let key = extract.column(&columns.postcode, "postcodes.postcode");
        let latitude = extract.column(&columns.latitude, "postcodes.latitude");
        let longitude = extract.column(&columns.longitude, "postcodes.longitude");
        let mut lookup = HashMap::with_capacity(extract.rows.len());
        let mut found = Vec::new();
        if let (Some(key), Some(lat), Some(lon)) = (key, latitude, longitude) {
            for row in &extract.rows {
                let Some(code) = row.get(Some(key)) else {
                    continue;
                };
                let coordinate = |column: usize, name: &str, limit: f64| {
                    let text = row.get(Some(column)).unwrap_or("");
                    parse_number(text)
                        .filter(|value| value.abs() <= limit)
                        .ok_or_else(|| {
                            (
                                name.to_string(),
                                text.to_string(),
                                format!("`{text}` is not a {name}, expected degrees from -{limit} to {limit}"),
                            )
                        })
                };
                match (
                    coordinate(lat, &columns.latitude, 90.0),
                    coordinate(lon, &columns.longitude, 180.0),
                ) {
                    (Ok(lat), Ok(lon)) => {
                        lookup.insert(postcode_key(code), (lat, lon));
                    }
                    (Err(bad), _) | (_, Err(bad)) => found.push((row.position(), bad)),
                }
            }
        }
        for (position, (column, text, message)) in found {
            extract.problem(position, Some(&column), Some(text), message);
        }
        problems.append(&mut extract.problems);
        let mut named = HashMap::new();
        for (index, entry) in mapping.sites.iter().enumerate() {
            let names = [Some(&entry.id), entry.name.as_ref()]
                .into_iter()
                .flatten()
                .chain(&entry.names);
            for name in names {
                named.insert(code_key(name), index);
            }
        }
        Ok(Places {
            named: Arc::new(named),
            entries: Arc::new(mapping.sites.clone()),
            lookup: Arc::new(lookup),
            used: BTreeMap::new(),
            memo: HashMap::new(),
            lookup_rows: extract.rows.len(),
        })
    }

    /// The site of a row: its work location if the mapping names it, else its postcode; or
    /// (column kind, found, what was expected).
    pub(crate) fn resolve(&mut self, location: Option<&str>, postcode: Option<&str>) -> Resolved {
        let mut key = String::with_capacity(24);
        key.push_str(location.unwrap_or("\u{1}"));
        key.push('\u{1f}');
        key.push_str(postcode.unwrap_or("\u{1}"));
        if let Some(found) = self.memo.get(&key) {
            return found.clone();
        }
        let found = self.resolve_uncached(location, postcode);
        self.memo.insert(key, found.clone());
        found
    }

    fn resolve_uncached(&mut self, location: Option<&str>, postcode: Option<&str>) -> Resolved {
        if let Some(index) = location.and_then(|name| self.named.get(&code_key(name))) {
            let entry = &self.entries[*index];
            let id = entry.id.clone();
            self.used.entry(id.clone()).or_insert_with(|| Site {
                id: entry.id.clone(),
                name: entry.name.clone().unwrap_or_else(|| entry.id.clone()),
                latitude: entry.latitude,
                longitude: entry.longitude,
            });
            return Ok(id);
        }
        let Some(postcode) = postcode else {
            return Err(match location {
                Some(name) => (
                    "location",
                    name.to_string(),
                    format!(
                        "`{name}` is not a site of [[sites]] and the row has no postcode; expected a listed work location or a postcode"
                    ),
                ),
                None => (
                    "postcode",
                    String::new(),
                    "the row has neither a work location nor a postcode, expected one".to_string(),
                ),
            });
        };
        let full = postcode_key(postcode);
        let district = postcode_district(&full);
        let (id, (latitude, longitude)) = match self.lookup.get(&full) {
            Some(place) => (full.clone(), *place),
            None => match self.lookup.get(district) {
                Some(place) => (district.to_string(), *place),
                None => {
                    return Err((
                        "postcode",
                        postcode.to_string(),
                        format!(
                            "`{postcode}` is not in the postcode file, nor is its district `{district}`; expected a postcode the lookup lists"
                        ),
                    ));
                }
            },
        };
        self.used.entry(id.clone()).or_insert_with(|| Site {
            id: id.clone(),
            name: id.clone(),
            latitude,
            longitude,
        });
        Ok(id)
    }

    /// Adds the sites another reader resolved.
    pub(crate) fn merge(&mut self, other: Places) {
        for (id, site) in other.used {
            self.used.entry(id).or_insert(site);
        }
    }

    /// Every site a row resolved to, by id.
    pub(crate) fn into_sites(self) -> Vec<Site> {
        self.used.into_values().collect()
    }
}
