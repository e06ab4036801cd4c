//! Tests of the field readers: each reader against its documented forms and errors.

use super::*;

fn toml_value(text: &str) -> DeValue<'static> {
    let owned: &'static str = Box::leak(text.to_string().into_boxed_str());
    DeValue::parse(owned).unwrap().into_inner()
}

#[test]
fn whole_numbers_reject_negatives_and_overflow() {
    assert_eq!(u32::from_toml(&toml_value("12")), Ok(12));
    let err = u32::from_toml(&toml_value("-5")).unwrap_err();
    assert_eq!(
        err.message,
        "`-5` is out of range, expected a whole number from 0 to 4294967295"
    );
    let err = u8::from_cell("300").unwrap_err();
    assert_eq!(
        err.message,
        "expected a whole number from 0 to 255, found `300`"
    );
    let err = u32::from_toml(&toml_value("\"12\"")).unwrap_err();
    assert_eq!(
        err.message,
        "expected a whole number from 0 to 4294967295, found the string `\"12\"`"
    );
}

#[test]
fn dates_come_as_toml_dates_or_iso_text() {
    let expected = NaiveDate::from_ymd_opt(1990, 4, 1);
    assert_eq!(
        NaiveDate::from_toml(&toml_value("1990-04-01")).ok(),
        expected
    );
    assert_eq!(
        NaiveDate::from_toml(&toml_value("\"1990-04-01\"")).ok(),
        expected
    );
    let err = NaiveDate::from_cell("01/04/1990").unwrap_err();
    assert_eq!(err.help.as_deref(), Some("did you mean `1990-04-01`?"));
    assert!(NaiveDate::from_toml(&toml_value("1990-04-01T10:00:00")).is_err());
    assert!(NaiveDate::from_cell("1990-4-1").is_err());
    assert!(NaiveDate::from_cell("1990-02-30").is_err());
    assert_eq!(
        NaiveDate::from_cell("2000-02-29").ok(),
        NaiveDate::from_ymd_opt(2000, 2, 29)
    );
    // The quick path agrees with chrono's `%Y-%m-%d` on ten characters.
    for text in [
        "0000-01-01",
        "9999-12-31",
        "1990-13-01",
        "1990-00-10",
        "1990-1-011",
        "19900-1-01",
        "+1990-1-01",
        " 1990-1-01",
    ] {
        let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        assert_eq!(NaiveDate::from_cell(text).ok(), chrono, "{text}");
        assert!(
            iso_date(text).is_none_or(|date| Some(date) == chrono),
            "{text}"
        );
    }
}

#[test]
fn trimming_agrees_with_the_standard_library() {
    for text in [
        "",
        " ",
        "a",
        " a",
        "a ",
        "\ta\n",
        "a b",
        "\u{a0}a",
        "a\u{3000}",
        "é",
        " é ",
        "-",
        "~x~",
        "\u{85}",
        "x\u{2028}",
        "\u{7f}a",
    ] {
        assert_eq!(trim(text), text.trim(), "{text:?}");
    }
}

proptest::proptest! {
    #[test]
    fn trimming_agrees_with_the_standard_library_on_any_text(text in "\\PC{0,6}|[ \t\u{a0}\u{3000}a-c,;é]{0,6}") {
        proptest::prop_assert_eq!(trim(&text), text.trim());
    }
}

#[test]
fn keywords_suggest_the_closest_name() {
    let err = EmployerKind::from_cell("acut").unwrap_err();
    assert_eq!(err.help.as_deref(), Some("did you mean `acute`?"));
    assert_eq!(
        EmployerKind::from_cell("Mental-Health"),
        Ok(EmployerKind::MentalHealth)
    );
}

#[test]
fn lists_and_trainable_skills_read_from_cells_and_toml() {
    assert_eq!(
        Vec::<String>::from_cell("a; b;;c"),
        Ok(vec!["a".into(), "b".into(), "c".into()])
    );
    let trainable = Vec::<TrainableEntry>::from_toml(&toml_value(
        "[\"budgeting:6\", { skill = \"excel\", weeks = 2 }]",
    ))
    .unwrap();
    assert_eq!(
        trainable[0],
        TrainableEntry {
            skill: "budgeting".into(),
            weeks: 6
        }
    );
    assert_eq!(
        trainable[1],
        TrainableEntry {
            skill: "excel".into(),
            weeks: 2
        }
    );
    assert!(Vec::<TrainableEntry>::from_cell("budgeting").is_err());
    assert!(Vec::<TrainableEntry>::from_cell("budgeting:-1").is_err());
}

#[test]
fn bands_accept_numbers_and_text() {
    assert_eq!(Band::from_toml(&toml_value("5")), Ok(Band::B5));
    assert_eq!(Band::from_toml(&toml_value("\"8a\"")), Ok(Band::B8a));
    assert!(Band::from_toml(&toml_value("10")).is_err());
}
