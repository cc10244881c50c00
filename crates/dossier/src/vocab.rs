//! Built-in vocabularies: negotiation issues (for proposing a dossier and widening a known
//! issue's keywords), places that host talks, bodies that issue measures, counted nouns and
//! number words. All written for this project.

/// A negotiation issue the proposer knows.
pub struct IssueEntry {
    /// Issue id (`enrichment`).
    pub id: &'static str,
    /// Question for the dossier.
    pub question: &'static str,
    /// Terms that put a sentence on the issue.
    pub terms: &'static [&'static str],
    /// Scale ends (0, 100).
    pub scale: Option<(&'static str, &'static str)>,
}

/// Issues of negotiations in general: nuclear, ceasefire, territorial and trade talks.
pub const ISSUES: &[IssueEntry] = &[
    IssueEntry {
        id: "enrichment",
        question: "How much uranium enrichment may be kept?",
        terms: &[
            "enrich",
            "enrichment",
            "centrifuge",
            "uranium",
            "purity",
            "zero enrichment",
        ],
        scale: Some(("zero enrichment", "enrichment without limits")),
    },
    IssueEntry {
        id: "stockpile",
        question: "What happens to the stock of enriched material?",
        terms: &[
            "stockpile",
            "highly enriched uranium",
            "stock of enriched",
            "dilute",
            "ship out",
        ],
        scale: Some(("stockpile removed or diluted", "stockpile kept as it is")),
    },
    IssueEntry {
        id: "scope",
        question: "What is on the agenda: the core file only, or more?",
        terms: &[
            "agenda",
            "nuclear file",
            "nuclear issue",
            "nuclear matters",
            "nuclear-only",
            "nuclear only",
            "only the nuclear",
            "nothing else",
            "beyond the nuclear",
            "broader",
            "broader framework",
            "broader deal",
            "broader package",
            "narrower deal",
            "narrow deal",
            "wider",
            "widen",
            "maximalist",
        ],
        scale: Some(("core file only", "every other file included")),
    },
    IssueEntry {
        id: "missiles",
        question: "Are ballistic missiles on the table?",
        terms: &[
            "missile",
            "ballistic",
            "defence capabilities",
            "defense capabilities",
            "defence programme",
        ],
        scale: Some((
            "missiles not discussed",
            "missile programme limited by the deal",
        )),
    },
    IssueEntry {
        id: "proxies",
        question: "Is support for armed groups in the region on the table?",
        terms: &[
            "proxies",
            "proxy",
            "armed groups",
            "militias",
            "allied militias",
            "regional alliances",
            "hezbollah",
            "houthis",
        ],
        scale: Some(("not discussed", "support for armed groups curbed")),
    },
    IssueEntry {
        id: "sanctions",
        question: "What sanctions relief is given, and when?",
        terms: &[
            "sanctions",
            "sanctions relief",
            "lifting of sanctions",
            "embargo",
            "designations",
            "frozen assets",
        ],
        scale: Some(("no relief", "immediate and full relief")),
    },
    IssueEntry {
        id: "military_pressure",
        question: "Is military pressure scaled back?",
        terms: &[
            "military pressure",
            "warships",
            "carrier",
            "strike group",
            "deployment",
            "armada",
            "military drills",
            "threats and pressure",
        ],
        scale: Some(("pressure kept or raised", "pressure withdrawn")),
    },
    IssueEntry {
        id: "format",
        question: "Are the talks direct or indirect?",
        terms: &[
            "indirect",
            "direct talks",
            "direct negotiation",
            "face to face",
            "face-to-face",
            "separate rooms",
            "through intermediaries",
        ],
        scale: Some(("indirect only", "direct talks")),
    },
    IssueEntry {
        id: "venue",
        question: "Where are the talks held?",
        terms: &["venue", "host the talks", "where to meet"],
        scale: None,
    },
    IssueEntry {
        id: "inspections",
        question: "How intrusive is international monitoring?",
        terms: &[
            "inspect",
            "inspections",
            "inspectors",
            "iaea",
            "monitoring",
            "verification",
            "oversight",
        ],
        scale: Some(("no new monitoring", "full and intrusive inspections")),
    },
    IssueEntry {
        id: "weapons",
        question: "Is a nuclear weapon forgone?",
        terms: &[
            "nuclear weapon",
            "nuclear weapons",
            "a bomb",
            "weapons capability",
            "fatwa",
        ],
        scale: Some(("weapons option kept", "weapons renounced and verified")),
    },
    IssueEntry {
        id: "ceasefire",
        question: "Is there a ceasefire, and how long does it last?",
        terms: &[
            "ceasefire",
            "cease-fire",
            "truce",
            "halt to the fighting",
            "cessation of hostilities",
            "end the war",
            "end to the war",
        ],
        scale: Some(("no ceasefire", "permanent ceasefire")),
    },
    IssueEntry {
        id: "hostages",
        question: "Are hostages released?",
        terms: &["hostage", "hostages", "captives", "abducted"],
        scale: Some(("no release", "all hostages released")),
    },
    IssueEntry {
        id: "prisoners",
        question: "Are prisoners released or exchanged?",
        terms: &[
            "prisoner",
            "prisoners",
            "detainees",
            "prisoner exchange",
            "prisoner swap",
            "pows",
        ],
        scale: Some(("no release", "all prisoners released")),
    },
    IssueEntry {
        id: "withdrawal",
        question: "Do forces withdraw?",
        terms: &[
            "withdrawal",
            "withdraw",
            "pull out",
            "pullout",
            "troops out",
            "buffer zone",
        ],
        scale: Some(("forces stay", "full withdrawal")),
    },
    IssueEntry {
        id: "territory",
        question: "Who controls the disputed territory?",
        terms: &[
            "territory",
            "territorial",
            "annexed",
            "occupied",
            "border",
            "borders",
            "land swap",
            "front line",
        ],
        scale: Some(("all territory returned", "current lines recognised")),
    },
    IssueEntry {
        id: "security_guarantees",
        question: "What security guarantees are given?",
        terms: &[
            "security guarantees",
            "guarantees",
            "nato membership",
            "neutrality",
            "peacekeepers",
            "peacekeeping force",
        ],
        scale: Some(("no guarantees", "binding guarantees")),
    },
    IssueEntry {
        id: "humanitarian_aid",
        question: "How much aid gets in?",
        terms: &[
            "humanitarian aid",
            "aid trucks",
            "aid deliveries",
            "crossings",
            "food aid",
        ],
        scale: Some(("no aid", "unrestricted aid")),
    },
    IssueEntry {
        id: "reconstruction",
        question: "Who rebuilds, and who governs afterwards?",
        terms: &[
            "reconstruction",
            "rebuild",
            "governance",
            "administration of",
        ],
        scale: None,
    },
    IssueEntry {
        id: "tariffs",
        question: "How high do tariffs stay?",
        terms: &["tariff", "tariffs", "duties", "levies", "import taxes"],
        scale: Some(("no tariffs", "tariffs raised further")),
    },
    IssueEntry {
        id: "export_controls",
        question: "Are export controls eased?",
        terms: &[
            "export controls",
            "chip exports",
            "semiconductors",
            "entity list",
            "rare earth",
            "rare earths",
        ],
        scale: Some(("controls lifted", "controls tightened")),
    },
    IssueEntry {
        id: "purchases",
        question: "Does one side commit to buy the other's goods?",
        terms: &["purchases", "soybeans", "purchase commitments", "buy more"],
        scale: Some(("no purchases", "large purchase commitments")),
    },
    IssueEntry {
        id: "energy",
        question: "What happens to energy supplies and infrastructure?",
        terms: &[
            "energy infrastructure",
            "power plant",
            "gas transit",
            "oil exports",
            "pipeline",
        ],
        scale: None,
    },
];

/// Common nouns that name one side of a domestic dispute by its role (sector), resolved
/// against the dossier's parties: "the government" is the party coded `…GOV`, "the rebels"
/// the party coded `…REB`. Armed forces, police and courts belong to the country of the
/// governing party.
pub const PARTY_NOUNS: &[(&str, &[&str])] = &[
    (
        "GOV",
        &[
            "the government",
            "government",
            "the president",
            "president",
            "the presidency",
            "the administration",
            "the cabinet",
            "the prime minister",
            "the ruling party",
        ],
    ),
    (
        "OPP",
        &[
            "the opposition",
            "opposition",
            "opposition leader",
            "opposition leaders",
            "the main challenger",
        ],
    ),
    (
        "REB",
        &[
            "the rebels",
            "rebels",
            "rebel",
            "the insurgents",
            "insurgents",
            "rebel fighters",
            "the rebel alliance",
            "the movement",
            "the militants",
            "militants",
            "the militant group",
        ],
    ),
    (
        "MIL",
        &[
            "the army",
            "army",
            "the military",
            "the armed forces",
            "armed forces",
            "government forces",
            "government troops",
        ],
    ),
    (
        "COP",
        &["police", "the police", "riot police", "police force"],
    ),
    (
        "JUD",
        &[
            "the court",
            "supreme court",
            "the supreme court",
            "the judges",
        ],
    ),
];

/// A place where talks or visits happen.
pub struct PlaceEntry {
    /// Surface forms.
    pub names: &'static [&'static str],
    /// Canonical city (or building) name as written in subjects (`Muscat`).
    pub city: Option<&'static str>,
    /// Country name as a slug (`oman`).
    pub country: &'static str,
    /// ISO-3166 alpha-3 code.
    pub code: &'static str,
}

macro_rules! place {
    ([$($n:expr),*], $city:expr, $country:expr, $code:expr) => {
        PlaceEntry { names: &[$($n),*], city: $city, country: $country, code: $code }
    };
}

/// Cities and countries that host negotiations.
pub const PLACES: &[PlaceEntry] = &[
    place!(
        ["Muscat", "Omani capital", "Mascate"],
        Some("Muscat"),
        "oman",
        "OMN"
    ),
    place!(["Oman", "the sultanate"], None, "oman", "OMN"),
    place!(
        ["Geneva", "Genève", "Genf"],
        Some("Geneva"),
        "switzerland",
        "CHE"
    ),
    place!(["Switzerland"], None, "switzerland", "CHE"),
    place!(
        ["Vienna", "Austrian capital"],
        Some("Vienna"),
        "austria",
        "AUT"
    ),
    place!(["Doha", "Qatari capital"], Some("Doha"), "qatar", "QAT"),
    place!(["Qatar"], None, "qatar", "QAT"),
    place!(["Cairo", "Egyptian capital"], Some("Cairo"), "egypt", "EGY"),
    place!(["Egypt"], None, "egypt", "EGY"),
    place!(["Istanbul"], Some("Istanbul"), "turkey", "TUR"),
    place!(
        ["Ankara", "Turkish capital"],
        Some("Ankara"),
        "turkey",
        "TUR"
    ),
    place!(["Turkey", "Türkiye"], None, "turkey", "TUR"),
    place!(
        ["Riyadh", "Saudi capital"],
        Some("Riyadh"),
        "saudi-arabia",
        "SAU"
    ),
    place!(["Jeddah"], Some("Jeddah"), "saudi-arabia", "SAU"),
    place!(["Saudi Arabia"], None, "saudi-arabia", "SAU"),
    place!(
        ["Abu Dhabi"],
        Some("Abu Dhabi"),
        "united-arab-emirates",
        "ARE"
    ),
    place!(
        ["Washington", "the White House"],
        Some("Washington"),
        "united-states",
        "USA"
    ),
    place!(["Anchorage"], Some("Anchorage"), "united-states", "USA"),
    place!(["Beijing"], Some("Beijing"), "china", "CHN"),
    place!(["Moscow", "the Kremlin"], Some("Moscow"), "russia", "RUS"),
    place!(["Kyiv", "Kiev"], Some("Kyiv"), "ukraine", "UKR"),
    place!(["Tehran"], Some("Tehran"), "iran", "IRN"),
    place!(["Jerusalem"], Some("Jerusalem"), "israel", "ISR"),
    place!(["London"], Some("London"), "united-kingdom", "GBR"),
    place!(["Paris"], Some("Paris"), "france", "FRA"),
    place!(["Rome"], Some("Rome"), "italy", "ITA"),
    place!(["Madrid"], Some("Madrid"), "spain", "ESP"),
    place!(["Stockholm"], Some("Stockholm"), "sweden", "SWE"),
    place!(["Oslo"], Some("Oslo"), "norway", "NOR"),
    place!(["Helsinki"], Some("Helsinki"), "finland", "FIN"),
    place!(["Brussels"], Some("Brussels"), "belgium", "BEL"),
    place!(["Minsk"], Some("Minsk"), "belarus", "BLR"),
    place!(["Baku"], Some("Baku"), "azerbaijan", "AZE"),
    place!(["Islamabad"], Some("Islamabad"), "pakistan", "PAK"),
    place!(["Kuala Lumpur"], Some("Kuala Lumpur"), "malaysia", "MYS"),
    place!(["Singapore"], Some("Singapore"), "singapore", "SGP"),
    place!(["Tokyo"], Some("Tokyo"), "japan", "JPN"),
    place!(["Seoul"], Some("Seoul"), "south-korea", "KOR"),
    place!(["Nairobi"], Some("Nairobi"), "kenya", "KEN"),
    place!(["Addis Ababa"], Some("Addis Ababa"), "ethiopia", "ETH"),
    place!(["Luanda"], Some("Luanda"), "angola", "AGO"),
    place!(["Kinshasa"], Some("Kinshasa"), "dr-congo", "COD"),
    place!(
        ["Kigali", "Rwandan capital"],
        Some("Kigali"),
        "rwanda",
        "RWA"
    ),
    place!(["Goma"], Some("Goma"), "dr-congo", "COD"),
    place!(
        ["Banjul", "Gambian capital"],
        Some("Banjul"),
        "gambia",
        "GMB"
    ),
    place!(
        ["Dakar", "Senegalese capital"],
        Some("Dakar"),
        "senegal",
        "SEN"
    ),
    place!(
        ["Abuja", "Nigerian capital"],
        Some("Abuja"),
        "nigeria",
        "NGA"
    ),
    place!(["Accra", "Ghanaian capital"], Some("Accra"), "ghana", "GHA"),
    place!(["Lomé", "Lome"], Some("Lomé"), "togo", "TGO"),
    place!(["Bamako"], Some("Bamako"), "mali", "MLI"),
    place!(["Niamey"], Some("Niamey"), "niger", "NER"),
    place!(["Ouagadougou"], Some("Ouagadougou"), "burkina-faso", "BFA"),
    place!(["Khartoum"], Some("Khartoum"), "sudan", "SDN"),
    place!(["Juba"], Some("Juba"), "south-sudan", "SSD"),
    place!(["Mogadishu"], Some("Mogadishu"), "somalia", "SOM"),
    place!(["Kampala"], Some("Kampala"), "uganda", "UGA"),
    place!(["Dar es Salaam"], Some("Dar es Salaam"), "tanzania", "TZA"),
    place!(["Arusha"], Some("Arusha"), "tanzania", "TZA"),
    place!(["Pretoria"], Some("Pretoria"), "south-africa", "ZAF"),
    place!(
        ["Johannesburg"],
        Some("Johannesburg"),
        "south-africa",
        "ZAF"
    ),
    place!(["Algiers"], Some("Algiers"), "algeria", "DZA"),
    place!(["Tripoli"], Some("Tripoli"), "libya", "LBY"),
    place!(["Tunis"], Some("Tunis"), "tunisia", "TUN"),
    place!(["Rabat"], Some("Rabat"), "morocco", "MAR"),
    place!(["Bujumbura"], Some("Bujumbura"), "burundi", "BDI"),
    place!(["Lusaka"], Some("Lusaka"), "zambia", "ZMB"),
    place!(["Harare"], Some("Harare"), "zimbabwe", "ZWE"),
    place!(["Maputo"], Some("Maputo"), "mozambique", "MOZ"),
    place!(["Baghdad"], Some("Baghdad"), "iraq", "IRQ"),
    place!(["Beirut"], Some("Beirut"), "lebanon", "LBN"),
    place!(["Damascus"], Some("Damascus"), "syria", "SYR"),
    place!(["Amman"], Some("Amman"), "jordan", "JOR"),
    place!(["Sanaa", "Sana'a"], Some("Sanaa"), "yemen", "YEM"),
    place!(["Kabul"], Some("Kabul"), "afghanistan", "AFG"),
    place!(["New Delhi"], Some("New Delhi"), "india", "IND"),
    place!(["Manila"], Some("Manila"), "philippines", "PHL"),
    place!(["Jakarta"], Some("Jakarta"), "indonesia", "IDN"),
    place!(["Hanoi"], Some("Hanoi"), "vietnam", "VNM"),
    place!(["Bangkok"], Some("Bangkok"), "thailand", "THA"),
    place!(["Phnom Penh"], Some("Phnom Penh"), "cambodia", "KHM"),
    place!(["Caracas"], Some("Caracas"), "venezuela", "VEN"),
    place!(["Bogotá", "Bogota"], Some("Bogotá"), "colombia", "COL"),
    place!(["Havana"], Some("Havana"), "cuba", "CUB"),
    place!(["Brasília", "Brasilia"], Some("Brasília"), "brazil", "BRA"),
    place!(["Buenos Aires"], Some("Buenos Aires"), "argentina", "ARG"),
    place!(["Mexico City"], Some("Mexico City"), "mexico", "MEX"),
    place!(["Ottawa"], Some("Ottawa"), "canada", "CAN"),
    place!(["Berlin"], Some("Berlin"), "germany", "DEU"),
    place!(["Warsaw"], Some("Warsaw"), "poland", "POL"),
    place!(["Budapest"], Some("Budapest"), "hungary", "HUN"),
    place!(["Belgrade"], Some("Belgrade"), "serbia", "SRB"),
    place!(["Tbilisi"], Some("Tbilisi"), "georgia", "GEO"),
    place!(["Yerevan"], Some("Yerevan"), "armenia", "ARM"),
    place!(["Astana"], Some("Astana"), "kazakhstan", "KAZ"),
    place!(["The Hague"], Some("The Hague"), "netherlands", "NLD"),
    place!(["Shanghai"], Some("Shanghai"), "china", "CHN"),
    place!(["Hong Kong"], Some("Hong Kong"), "china", "CHN"),
];

/// Bodies that issue measures, with the normalised issuer value.
pub const ISSUERS: &[(&[&str], &str)] = &[
    (
        &[
            "treasury",
            "treasury department",
            "office of foreign assets control",
            "ofac",
            "trésor",
        ],
        "USAGOV:treasury",
    ),
    (&["state department", "department of state"], "USAGOV:state"),
    (
        &["commerce department", "department of commerce"],
        "USAGOV:commerce",
    ),
    (
        &["trade representative", "ustr"],
        "USAGOV:trade-representative",
    ),
    (&["european union", "eu", "e.u"], "IGOEUR"),
    (
        &["european commission", "eu commission"],
        "IGOEUR:commission",
    ),
    (
        &[
            "member states",
            "eu member states",
            "eu governments",
            "council of the eu",
            "council of the european union",
            "eu ministers",
        ],
        "IGOEUR:council",
    ),
    (
        &[
            "inspector general of police",
            "inspector-general of police",
            "police chief",
            "police force",
            "the police",
            "police",
        ],
        "police",
    ),
    (
        &[
            "interior ministry",
            "ministry of the interior",
            "ministry of interior",
            "interior minister",
            "home ministry",
            "home office",
        ],
        "interior-ministry",
    ),
    (
        &["electoral commission", "election commission"],
        "electoral-commission",
    ),
    (&["security council", "united nations", "un"], "IGOUNO"),
    (&["hm treasury", "foreign office"], "GBRGOV"),
    (&["ministry of commerce", "mofcom"], "CHNGOV:commerce"),
];

/// Long names of international bodies and the short form a normalised value uses
/// ("World Trade Organization headquarters" and "WTO headquarters" agree).
pub const ORG_SHORT: &[(&str, &str)] = &[
    ("world trade organization", "wto"),
    ("world trade organisation", "wto"),
    ("united nations", "un"),
    ("african union", "au"),
    ("european union", "eu"),
    ("international atomic energy agency", "iaea"),
    ("economic community of west african states", "ecowas"),
    ("organization of american states", "oas"),
    ("world health organization", "who"),
];

/// Nouns whose counts are claims, with the attribute they give.
pub const COUNTED: &[(&[&str], &str)] = &[
    (
        &[
            "vessel", "vessels", "tanker", "tankers", "ship", "ships", "navires",
        ],
        "vessel_count",
    ),
    (
        &[
            "company",
            "companies",
            "firm",
            "firms",
            "entities",
            "entity",
        ],
        "company_count",
    ),
    (
        &["individual", "individuals", "people", "persons"],
        "person_count",
    ),
    (
        &["hostage", "hostages", "captive", "captives"],
        "hostage_count",
    ),
    (
        &["prisoner", "prisoners", "detainee", "detainees", "pows"],
        "prisoner_count",
    ),
    (&["soldier", "soldiers", "troops"], "troop_count"),
    (&["truck", "trucks", "lorries"], "truck_count"),
    (&["round", "rounds"], "round_count"),
    (&["delegate", "delegates"], "delegate_count"),
];

/// Number words.
pub const NUMBER_WORDS: &[(&str, u64)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("a dozen", 12),
    ("dozens", 24),
    ("hundred", 100),
];

/// Ordinal words.
pub const ORDINALS: &[(&str, u64)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
];

/// Parses a number written as digits (`14`, `1,200`, `2.5`) or a number word.
pub fn number(word: &str) -> Option<f64> {
    let w = word.trim();
    let digits: String = w.chars().filter(|c| *c != ',').collect();
    if let Ok(v) = digits.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    NUMBER_WORDS
        .iter()
        .find(|(n, _)| *n == w)
        .map(|(_, v)| *v as f64)
}

/// Parses an ordinal (`seventh`, `7th`).
pub fn ordinal(word: &str) -> Option<u64> {
    let w = word.trim();
    if let Some((_, v)) = ORDINALS.iter().find(|(n, _)| *n == w) {
        return Some(*v);
    }
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.len() < w.len() && ["st", "nd", "rd", "th"].contains(&&w[digits.len()..]) {
        return digits.parse().ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ordinals() {
        assert_eq!(number("14"), Some(14.0));
        assert_eq!(number("1,200"), Some(1200.0));
        assert_eq!(number("four"), Some(4.0));
        assert_eq!(number("many"), None);
        assert_eq!(ordinal("seventh"), Some(7));
        assert_eq!(ordinal("7th"), Some(7));
        assert_eq!(ordinal("7"), None);
    }

    #[test]
    fn issue_ids_are_unique() {
        let mut ids: Vec<&str> = ISSUES.iter().map(|i| i.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(ids.len(), n);
    }
}
