//! `redeploy exercise status`: the terminal table and JSON.

use redeploy_exercise::Status;

use crate::Error;
use crate::text_table::Table;

/// The status as text: counts, what falls due, warnings, then every person.
pub fn render(status: &Status) -> String {
    let mut out = format!(
        "Exercise on {}: {} events, {} rounds, {} posts open\n\nPeople by stage\n",
        status.date, status.events, status.rounds, status.open_posts
    );
    let mut counts = Table::new(&[("stage", false), ("people", true)]);
    for (stage, count) in &status.counts {
        counts.row(vec![(*stage).to_string(), count.to_string()]);
    }
    counts.render(&mut out);
    if !status.held.is_empty() {
        out.push_str("\nOn hold\n");
        for (vacancy, why) in &status.held {
            out.push_str(&format!("  {vacancy}: {why}\n"));
        }
    }
    out.push_str(&format!(
        "\nDue by {} days from {}\n",
        status.days, status.date
    ));
    if status.due.is_empty() {
        out.push_str("  nothing\n");
    } else {
        let mut due = Table::new(&[
            ("date", false),
            ("what", false),
            ("person", false),
            ("detail", false),
        ]);
        for item in &status.due {
            let when = if item.date < status.date {
                format!("{} overdue", item.date)
            } else {
                item.date.to_string()
            };
            due.row(vec![
                when,
                item.what.to_string(),
                item.person.clone(),
                item.detail.clone(),
            ]);
        }
        due.render(&mut out);
    }
    out.push_str("\nWarnings\n");
    if status.warnings.is_empty() {
        out.push_str("  none\n");
    }
    for warning in &status.warnings {
        out.push_str(&format!("  {warning}\n"));
    }
    out.push_str("\nPeople\n");
    let mut people = Table::new(&[
        ("person", false),
        ("stage", false),
        ("priority", false),
        ("contract end", false),
        ("detail", false),
    ]);
    for line in &status.people {
        people.row(vec![
            line.person.clone(),
            line.stage.to_string(),
            if line.priority {
                "yes".into()
            } else {
                String::new()
            },
            line.contract_end.map(|d| d.to_string()).unwrap_or_default(),
            line.detail.clone(),
        ]);
    }
    people.render(&mut out);
    out
}

/// The status as JSON.
///
/// # Errors
/// [`Error::Json`] if serialisation fails.
pub fn to_json(status: &Status) -> Result<String, Error> {
    let mut text = serde_json::to_string_pretty(status)?;
    text.push('\n');
    Ok(text)
}
