//! `docs/scenario-format.md` stays true: its worked example is a valid scenario.

use std::path::Path;

use redeploy_model::{Band, PriorityKind, Tier, parse_scenario};

fn docs() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/scenario-format.md");
    std::fs::read_to_string(path).unwrap()
}

/// The first ```toml block after `heading`.
fn toml_block_after(text: &str, heading: &str) -> String {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no `{heading}` in the docs"));
    let block = &text[start..];
    let open = block.find("```toml\n").unwrap() + "```toml\n".len();
    let close = block[open..].find("```").unwrap();
    block[open..open + close].to_string()
}

#[test]
fn the_worked_example_is_a_valid_scenario() {
    let text = toml_block_after(&docs(), "## Worked example");
    // Placed like a shipped example, so `../../pay/…` and `../../policies/…` resolve.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../configs/examples/small/worked.toml");
    let scenario = parse_scenario(&text, &path).unwrap();
    assert_eq!(scenario.people.len(), 3);
    assert_eq!(scenario.total_posts(), 3);
    assert_eq!(scenario.policy.tiers, [Tier::Employer, Tier::Footprint]);
    let p1 = scenario.person("P1").unwrap();
    assert_eq!(
        (p1.salary, p1.priority.kind),
        (40_823, PriorityKind::Maternity),
        "the comments' figures"
    );
    assert_eq!(scenario.person("P2").unwrap().salary, 46_580);
    assert_eq!(scenario.vacancy("V2").unwrap().band, Band::B5);
}
