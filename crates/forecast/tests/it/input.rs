//! Scenario parsing: KTAB CSV, TOML and plain tables; every bad input names row and column.

use forecast::{ForecastError, Scenario, TableRow, parse_ktab_csv, parse_toml_scenario};

const GOOD: &str = "Demo,\"Two issues\",3,2,\nActor,Description,Power,Tax Position,Tax Salience,Aid Position,Aid Salience,\nNorth,,100,20,50,70,30,\nSouth,\"The south, united\",60,80,40,10,40,\nEast,,40,50,20,50,60,\n";

#[test]
fn reads_ktab_csv() {
    let sc = parse_ktab_csv(GOOD).expect("valid");
    assert_eq!(sc.dimensions, ["Tax Position", "Aid Position"]);
    assert_eq!(sc.actors[1].description, "The south, united");
    assert_eq!(sc.actors[1].capability, 60.0);
    assert_eq!(sc.actors[0].position, [0.2, 0.7]);
    assert_eq!(sc.actors[2].salience, [0.2, 0.6]);
}

#[track_caller]
fn check_err(text: &str, want: &str) {
    let err = parse_ktab_csv(text).expect_err("must be rejected");
    assert_eq!(err.to_string(), want);
}

#[test]
fn csv_errors_name_row_and_column() {
    check_err(
        &GOOD.replace("South,\"The south, united\",60,80", "South,x,60,abc"),
        "row 4, column 4: `abc` is not a number; write a plain decimal such as 42.5",
    );
    check_err(
        &GOOD.replace("40,50,20,50,60", "40,50,120,50,60"),
        "row 5, column 5: 120 is outside 0–100; rescale the value to that range",
    );
    check_err(
        &GOOD.replace("North,,100,20,50,70,30,", "North,,100,20,50,70,"),
        "row 3: column 7 is empty; every actor needs a number there",
    );
    check_err(
        &GOOD.replace("North,,100,20,50,70,30,", "North,,100,20,50,70"),
        "row 3: expected 7 columns, found 6; each actor needs name, description, capability and a position and salience per dimension",
    );
    check_err(
        &GOOD.replace("East,", "North,"),
        "row 5: actor `North` already appears in row 3; give every actor a unique name",
    );
    check_err(
        &GOOD.replace("40,50,20,50,60", "40,NaN,20,50,60"),
        "row 5, column 4: `NaN` is not a number; write a plain decimal such as 42.5",
    );
    check_err(
        &GOOD.replace("East,,40,50,20,50,60", "East,,40,50,60,50,60"),
        "row 5: saliences of `East` add up to 120.00, more than 100; scale them down",
    );
    check_err(
        "One,solo,1,1,\nActor,Desc,Power,P,S,\nA,,10,50,50,\n",
        "a scenario needs at least two actors, found 1; add the other parties to the table",
    );
    check_err(
        &GOOD.replace(",3,2,", ",4,2,"),
        "row 1: the first line announces 4 actors but 3 follow; fix the count",
    );
}

#[test]
fn reads_toml() {
    let text = r#"
name = "Demo"
dimensions = ["tax"]

[model]
voting_rule = "Cubic"

[[actor]]
name = "North"
capability = 100
position = [20]
salience = [50]

[[actor]]
name = "South"
capability = 60
position = [80]
salience = [40]
"#;
    let (sc, model) = parse_toml_scenario(text).expect("valid");
    assert_eq!(sc.actors[1].position, [0.8]);
    assert_eq!(
        model.expect("model table").voting_rule,
        forecast::smp::VotingRule::Cubic
    );
    let bad = text.replace("position = [80]", "position = [180]");
    assert_eq!(
        parse_toml_scenario(&bad)
            .expect_err("out of range")
            .to_string(),
        "row 2, column position[tax]: 180 is outside 0–100; rescale the value to that range"
    );
    let err = parse_toml_scenario("dimensions = [")
        .expect_err("syntax")
        .to_string();
    assert!(
        err.starts_with("TOML scenario: TOML parse error at line 1, column 15"),
        "{err}"
    );
}

#[test]
fn table_reports_every_missing_value() {
    let dims = vec!["tax".to_string()];
    let rows = vec![
        TableRow {
            actor: "A".into(),
            capability: Some(1.0),
            position: vec![Some(10.0)],
            salience: vec![None],
        },
        TableRow {
            actor: "B".into(),
            capability: None,
            position: vec![None],
            salience: vec![Some(30.0)],
        },
    ];
    let err = Scenario::from_table("t", &dims, &rows).expect_err("incomplete");
    assert_eq!(
        err.to_string(),
        "3 missing value(s), first: actor `A`, salience[tax]; fill them in or drop the actor"
    );
    match err {
        ForecastError::Missing { missing } => {
            let got: Vec<(String, String)> =
                missing.into_iter().map(|m| (m.actor, m.field)).collect();
            assert_eq!(
                got,
                [
                    ("A".into(), "salience[tax]".into()),
                    ("B".into(), "capability".into()),
                    ("B".into(), "position[tax]".into())
                ]
            );
        }
        other => panic!("expected missing values, got {other:?}"),
    }
    let full = vec![
        TableRow {
            actor: "A".into(),
            capability: Some(1.0),
            position: vec![Some(10.0)],
            salience: vec![Some(50.0)],
        },
        TableRow {
            actor: "B".into(),
            capability: Some(2.0),
            position: vec![Some(90.0)],
            salience: vec![Some(30.0)],
        },
    ];
    let sc = Scenario::from_table("t", &dims, &full).expect("complete table");
    assert_eq!(sc.actors[1].salience, [0.3]);
}

proptest::proptest! {
    #[test]
    fn parsers_never_panic(s in "\\PC{0,400}") {
        let _ = parse_ktab_csv(&s);
        let _ = parse_toml_scenario(&s);
        let _ = forecast::parse_deu(&s);
        let _ = forecast::parse_ktab_xml(&s);
        let _ = forecast::parse_eum_csv(&s, 1.0);
    }

    #[test]
    fn csv_like_input_never_panics(rows in proptest::collection::vec("[A-Za-z0-9 .,\"-]{0,40}", 0..6)) {
        let text = format!("S,d,3,1,\nActor,Desc,Power,P,S\n{}", rows.join("\n"));
        if let Ok(sc) = parse_ktab_csv(&text) {
            let cfg = forecast::SmpConfig { max_rounds: 3, ..forecast::SmpConfig::default() };
            let _ = forecast::run_smp(&sc, &cfg);
        }
    }
}

proptest::proptest! {
    #[test]
    fn xml_like_input_never_panics(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<Scenario>", "</Scenario>", "<Actors>", "</Actors>", "<Actor>", "</Actor>", "<name>", "</name>",
        "<capability>", "</capability>", "<Position>", "</Position>", "<dCoord>", "</dCoord>", "12.5", "x",
        "<Dimensions>", "<dName>", "</dName>", "</Dimensions>", "<!-- c -->", "<a/>", "<", ">", "&amp;",
    ]), 0..40)) {
        let _ = forecast::parse_ktab_xml(&parts.concat());
    }
}
