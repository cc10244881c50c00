//! The shipped national-capability table: each state's CINC score (Composite Index of National
//! Capability) from the Correlates of War Project's National Material Capabilities data, v6.0,
//! in its last year (2016), keyed by ISO 3166-1 alpha-3 code.
//!
//! CINC is a state's mean share of the world total over six components (military spending and
//! personnel, iron and steel production, primary energy use, total and urban population), so
//! it is a share between 0 and 1 (the United States had 0.133 in 2016, Oman 0.0022). The data
//! end in 2016: a forecast should say where each capability came from, and a dossier can
//! override any of them.
//!
//! `data/capability.tsv` is made by [`convert_nmc`] (run through the `convert_nmc` binary) from
//! `../shared/external/capability/nmc-latest.csv`, whose `iso3` column maps COW's own state
//! abbreviations to ISO codes (COW `OMA` is ISO `OMN`, COW `AUS` is Austria, ISO `AUT`).
//!
//! Attribution: Singer, Bremer & Stuckey (1972), "Capability Distribution, Uncertainty, and
//! Major Power War, 1820–1965", in Russett (ed.), *Peace, War, and Numbers*; Greig & Enterline
//! (2021), *Correlates of War Project National Material Capabilities (NMC) Data Documentation,
//! Version 6.0*.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::ForecastError;
use crate::scenario::split_line;

/// How a value from the shipped table is cited.
pub const CAPABILITY_SOURCE: &str = "COW National Material Capabilities v6.0, CINC";

/// One state's capability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapabilityEntry {
    /// ISO 3166-1 alpha-3 code (`XKX` for Kosovo, which has none).
    pub iso3: String,
    /// COW state abbreviation (not ISO: COW `AUS` is Austria).
    pub cow: String,
    /// COW numeric state code.
    pub ccode: u32,
    /// Year of the value.
    pub year: u16,
    /// CINC score: the state's share of world capabilities, 0–1.
    pub cinc: f64,
}

/// The capability table, sorted by ISO code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CapabilityTable {
    entries: Vec<CapabilityEntry>,
}

const BUILTIN: &str = include_str!("../data/capability.tsv");

static TABLE: LazyLock<CapabilityTable> =
    LazyLock::new(|| CapabilityTable::parse(BUILTIN).unwrap_or_default());

const HEADER: [&str; 5] = ["iso3", "cow", "ccode", "year", "cinc"];

impl CapabilityTable {
    /// The table shipped with the crate (COW NMC v6.0, 2016), parsed once per process.
    pub fn builtin() -> &'static CapabilityTable {
        &TABLE
    }

    /// Reads the tab-separated table (`#` comment lines, then a header
    /// `iso3 cow ccode year cinc`, then one row per state).
    ///
    /// # Errors
    /// A row with the wrong column count, a bad ISO code, a duplicate ISO code, or a year or
    /// CINC that is not a number in range, naming the row (1-based line).
    pub fn parse(text: &str) -> Result<CapabilityTable, ForecastError> {
        let mut entries: Vec<CapabilityEntry> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut header = false;
        for (i, line) in text.lines().enumerate() {
            let row = i + 1;
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f = split_line(line, '\t');
            if f.len() != HEADER.len() {
                return Err(ForecastError::ColumnCount {
                    row,
                    expected: HEADER.len(),
                    found: f.len(),
                });
            }
            if !header {
                if f != HEADER {
                    return Err(ForecastError::Malformed {
                        row,
                        message: format!("expected the header `{}`", HEADER.join("\t")),
                    });
                }
                header = true;
                continue;
            }
            let entry = CapabilityEntry {
                iso3: iso3(row, &f[0])?,
                cow: f[1].clone(),
                ccode: whole(row, "ccode", &f[2])?,
                year: u16::try_from(whole(row, "year", &f[3])?).map_err(|_| {
                    ForecastError::Malformed {
                        row,
                        message: format!("year `{}` is not a year", f[3]),
                    }
                })?,
                cinc: cinc(row, "cinc", &f[4])?,
            };
            if let Some(&first_row) = seen.get(&entry.iso3) {
                return Err(ForecastError::DuplicateActor {
                    row,
                    name: entry.iso3,
                    first_row,
                });
            }
            seen.insert(entry.iso3.clone(), row);
            entries.push(entry);
        }
        entries.sort_by(|a, b| a.iso3.cmp(&b.iso3));
        Ok(CapabilityTable { entries })
    }

    /// The entry of a country code; an actor code with sectors (`IRNGOV`) is looked up by its
    /// first three letters (the country).
    pub fn get(&self, code: &str) -> Option<&CapabilityEntry> {
        let country = code.get(..3)?;
        self.entries
            .binary_search_by(|e| e.iso3.as_str().cmp(country))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// Every entry, by ISO code.
    pub fn entries(&self) -> &[CapabilityEntry] {
        &self.entries
    }
}

fn iso3(row: usize, s: &str) -> Result<String, ForecastError> {
    if s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(s.to_string())
    } else {
        Err(ForecastError::Malformed {
            row,
            message: format!("`{s}` is not an ISO 3166-1 alpha-3 code (three capital letters)"),
        })
    }
}

fn whole(row: usize, column: &str, s: &str) -> Result<u32, ForecastError> {
    s.parse().map_err(|_| ForecastError::NotANumber {
        row,
        column: column.to_string(),
        value: s.to_string(),
    })
}

fn cinc(row: usize, column: &str, s: &str) -> Result<f64, ForecastError> {
    let v: f64 = s.parse().map_err(|_| ForecastError::NotANumber {
        row,
        column: column.to_string(),
        value: s.to_string(),
    })?;
    if !(v > 0.0 && v <= 1.0) {
        return Err(ForecastError::OutOfRange {
            row,
            column: column.to_string(),
            value: v,
            min: 0.0,
            max: 1.0,
        });
    }
    Ok(v)
}

/// Converts `nmc-latest.csv` (COW NMC v6.0, one row per state in its latest year, with an
/// added `iso3` column) into the shipped table: ISO code, COW abbreviation and number, year and
/// CINC, sorted by ISO code, under an attribution header. CINC is copied as written.
///
/// # Errors
/// A missing column, a row with the wrong field count, an ISO code that is malformed or used
/// twice, a CINC or year that is not a number in range; each names the row.
pub fn convert_nmc(csv: &str) -> Result<String, ForecastError> {
    let mut lines = csv
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, head)) = lines.next() else {
        return Err(ForecastError::Malformed {
            row: 1,
            message: "empty input; expected the NMC header (stateabb,ccode,year,…,cinc,iso3)"
                .into(),
        });
    };
    let head = split_line(head, ',');
    let col = |name: &str| -> Result<usize, ForecastError> {
        head.iter()
            .position(|h| h == name)
            .ok_or_else(|| ForecastError::Malformed {
                row: 1,
                message: format!(
                    "no `{name}` column; the converter reads nmc-latest.csv with its added iso3 column"
                ),
            })
    };
    let (c_abb, c_code, c_year, c_cinc, c_iso) = (
        col("stateabb")?,
        col("ccode")?,
        col("year")?,
        col("cinc")?,
        col("iso3")?,
    );
    let mut rows: Vec<(String, String)> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut years = Vec::new();
    for (i, line) in lines {
        let row = i + 1;
        let f = split_line(line, ',');
        if f.len() != head.len() {
            return Err(ForecastError::ColumnCount {
                row,
                expected: head.len(),
                found: f.len(),
            });
        }
        let iso = iso3(row, &f[c_iso])?;
        if let Some(&first_row) = seen.get(&iso) {
            return Err(ForecastError::DuplicateActor {
                row,
                name: iso,
                first_row,
            });
        }
        seen.insert(iso.clone(), row);
        let ccode = whole(row, "ccode", &f[c_code])?;
        let year = whole(row, "year", &f[c_year])?;
        cinc(row, "cinc", &f[c_cinc])?;
        years.push(year);
        rows.push((
            iso.clone(),
            format!(
                "{iso}\t{}\t{ccode}\t{year}\t{}",
                f[c_abb].trim(),
                f[c_cinc].trim()
            ),
        ));
    }
    if rows.is_empty() {
        return Err(ForecastError::Malformed {
            row: 2,
            message: "no state rows after the header".into(),
        });
    }
    rows.sort();
    let (lo, hi) = (
        years.iter().min().copied().unwrap_or(0),
        years.iter().max().copied().unwrap_or(0),
    );
    let span = if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}–{hi}")
    };
    let mut out = String::new();
    out.push_str(&format!(
        "# National capability: CINC (Composite Index of National Capability), a state's share of\n\
         # world military, industrial and demographic capabilities (0–1), year {span}, {} states.\n",
        rows.len()
    ));
    out.push_str(
        "# Source: Correlates of War Project, National Material Capabilities (NMC) v6.0.\n\
         # Cite: Singer, Bremer & Stuckey (1972), \"Capability Distribution, Uncertainty, and Major\n\
         # Power War, 1820-1965\", in Russett (ed.), Peace, War, and Numbers, 19-48; Greig &\n\
         # Enterline (2021), Correlates of War Project National Material Capabilities (NMC) Data\n\
         # Documentation, Version 6.0. COW data are free for public and academic use with citation.\n\
         # ISO 3166-1 alpha-3 codes (iso3) were mapped from COW abbreviations (cow) by hand for\n\
         # this project; they are not part of COW's data. Kosovo has no ISO code: XKX.\n\
         # Made by crates/forecast/src/bin/convert_nmc.rs; do not edit by hand.\n",
    );
    out.push_str(&HEADER.join("\t"));
    out.push('\n');
    for (_, line) in rows {
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,iso3\n\
        USA,2,2016,604452000,1381,78475,3293117,322180,197817,0.13305758,USA\n\
        AUS,305,2016,3000000,21,7000,40000,8700,5000,0.0017,AUT\n\
        OMA,698,2016,9103000,43,2000,49278,4425,1667,0.0021702684,OMN\n\
        STP,403,2016,-9,-9,0,40,200,130,4.6681293E-06,STP\n";

    #[test]
    fn converts_to_iso_codes_sorted_and_reads_back() {
        let tsv = convert_nmc(CSV).expect("converts");
        let table = CapabilityTable::parse(&tsv).expect("reads back");
        let codes: Vec<&str> = table.entries().iter().map(|e| e.iso3.as_str()).collect();
        assert_eq!(codes, ["AUT", "OMN", "STP", "USA"]);
        // COW's AUS is Austria: looked up by ISO code only.
        assert_eq!(table.get("AUT").map(|e| e.cow.as_str()), Some("AUS"));
        assert_eq!(table.get("AUS"), None);
        let omn = table
            .get("OMNGOV")
            .expect("sector code looks up the country");
        assert_eq!((omn.ccode, omn.year, omn.cinc), (698, 2016, 0.0021702684));
        assert_eq!(table.get("STP").map(|e| e.cinc), Some(4.6681293e-6));
        assert!(tsv.contains("year 2016, 4 states"));
        assert!(tsv.starts_with("# National capability"));
    }

    #[test]
    fn bad_rows_name_the_row() {
        let dup = format!("{CSV}OMA,698,2016,1,1,1,1,1,1,0.002,OMN\n");
        assert_eq!(
            convert_nmc(&dup),
            Err(ForecastError::DuplicateActor {
                row: 6,
                name: "OMN".into(),
                first_row: 4
            })
        );
        let bad = CSV.replace("0.0017,AUT", "-9,AUT");
        assert!(matches!(
            convert_nmc(&bad),
            Err(ForecastError::OutOfRange { row: 3, .. })
        ));
        let no_iso = CSV.replace(",iso3", ",iso");
        assert!(convert_nmc(&no_iso).is_err());
        let short = CSV.replace("0.0017,AUT", "0.0017");
        assert!(matches!(
            convert_nmc(&short),
            Err(ForecastError::ColumnCount { row: 3, .. })
        ));
        assert!(
            CapabilityTable::parse("iso3\tcow\tccode\tyear\tcinc\nusa\tUSA\t2\t2016\t0.1\n")
                .is_err()
        );
    }

    #[test]
    fn builtin_table_has_the_states_of_2016() {
        let t = CapabilityTable::builtin();
        assert_eq!(t.entries().len(), 195);
        assert!(t.entries().iter().all(|e| e.year == 2016));
        let usa = t.get("USA").expect("USA").cinc;
        let chn = t.get("CHN").expect("CHN").cinc;
        let irn = t.get("IRN").expect("IRN").cinc;
        assert!(chn > usa && usa > irn, "{chn} {usa} {irn}");
        assert_eq!(t.get("OMN").map(|e| e.cow.as_str()), Some("OMA"));
        assert_eq!(t.get("GBR").map(|e| e.cow.as_str()), Some("UKG"));
        let total: f64 = t.entries().iter().map(|e| e.cinc).sum();
        assert!(
            (total - 1.0).abs() < 0.02,
            "CINC shares sum to about 1: {total}"
        );
    }
}
