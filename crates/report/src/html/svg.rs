//! SVG building blocks: an element writer and the horizontal bar chart most charts use.
//!
//! Every chart is an `<svg class="chart">` with its size in pixels, a matching `viewBox`, a
//! `<title>` and a `<desc>` for screen readers, and `<title>` tooltips on its marks. Numbers
//! are written with at most one decimal so the same round always gives the same bytes.

use std::fmt::Write as _;

use super::escape;

/// Colours (Paul Tol's bright scheme, safe for colour-blind readers).
pub(crate) mod colour {
    /// Same band, placed, own employer.
    pub const BLUE: &str = "#4477aa";
    /// Placed elsewhere, upward moves.
    pub const CYAN: &str = "#66ccee";
    /// Good outcomes.
    pub const GREEN: &str = "#228833";
    /// Downgrades and costs of moves.
    pub const ORANGE: &str = "#ee7733";
    /// Secondary costs.
    pub const YELLOW: &str = "#ccbb44";
    /// Redundancies and flags.
    pub const RED: &str = "#cc3311";
    /// Voluntary redundancy, neutral.
    pub const GREY: &str = "#999999";
    /// Slotted in.
    pub const PURPLE: &str = "#aa3377";
}

/// A number with at most one decimal, no trailing `.0`.
pub(crate) fn num(value: f64) -> String {
    let text = format!("{value:.1}");
    match text.strip_suffix(".0") {
        Some(whole) if whole != "-0" => whole.to_string(),
        Some(_) => "0".to_string(),
        None => text,
    }
}

/// An SVG document being written.
pub(crate) struct Svg {
    width: f64,
    height: f64,
    body: String,
}

impl Svg {
    /// A chart of `width` × `height` pixels.
    pub fn new(width: f64, height: f64) -> Svg {
        Svg {
            width,
            height,
            body: String::new(),
        }
    }

    /// A rectangle with a tooltip.
    pub fn rect(&mut self, x: f64, y: f64, width: f64, height: f64, fill: &str, tip: &str) {
        let _ = write!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"><title>{}</title></rect>"#,
            num(x),
            num(y),
            num(width.max(0.0)),
            num(height.max(0.0)),
            escape(tip)
        );
    }

    /// Text; `anchor` is `start`, `middle` or `end`; `class` picks a CSS style.
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, class: &str, content: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" class="{class}">{}</text>"#,
            num(x),
            num(y),
            escape(content)
        );
    }

    /// Lines of text, one under another `LINE` px apart, the first with its baseline at `y`.
    pub fn text_lines(&mut self, x: f64, y: f64, anchor: &str, class: &str, lines: &[String]) {
        let _ = write!(
            self.body,
            r#"<text x="{}" y="{}" text-anchor="{anchor}" class="{class}">"#,
            num(x),
            num(y),
        );
        for (index, line) in lines.iter().enumerate() {
            let _ = write!(
                self.body,
                r#"<tspan x="{}" dy="{}">{}</tspan>"#,
                num(x),
                if index == 0 { 0.0 } else { LINE },
                escape(line)
            );
        }
        self.body.push_str("</text>");
    }

    /// A straight line; `dashed` draws it dashed.
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: &str, dashed: bool) {
        let _ = write!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="1"{}/>"#,
            num(from.0),
            num(from.1),
            num(to.0),
            num(to.1),
            if dashed {
                r#" stroke-dasharray="4 3""#
            } else {
                ""
            }
        );
    }

    /// A filled path with an opacity and a tooltip.
    pub fn path(&mut self, d: &str, fill: &str, opacity: f64, tip: &str) {
        let _ = write!(
            self.body,
            r#"<path d="{d}" fill="{fill}" fill-opacity="{}"><title>{}</title></path>"#,
            num(opacity),
            escape(tip)
        );
    }

    /// Legend entries (swatch and label) from `x` on the line at `y`, wrapping onto further
    /// lines 20 px apart before `max_x`; returns how many lines it took.
    pub fn legend(&mut self, x: f64, y: f64, max_x: f64, entries: &[(&str, &str)]) -> usize {
        let places = legend_layout(x, max_x, entries);
        for ((fill, label), (left, line)) in entries.iter().zip(&places) {
            let y = y + 20.0 * *line as f64;
            self.rect(*left, y - 10.0, 12.0, 12.0, fill, label);
            self.text(left + 17.0, y, "start", "legend", label);
        }
        places.last().map_or(0, |(_, line)| line + 1)
    }

    /// The finished element.
    pub fn finish(self, id: &str, title: &str, description: &str) -> String {
        format!(
            r#"<svg class="chart" id="{id}" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{}</svg>"#,
            escape(title),
            escape(description),
            self.body,
            w = num(self.width),
            h = num(self.height),
        )
    }
}

/// Where each legend entry goes: (x, line), wrapping before `max_x`.
pub(crate) fn legend_layout(x: f64, max_x: f64, entries: &[(&str, &str)]) -> Vec<(f64, usize)> {
    let mut places = Vec::with_capacity(entries.len());
    let (mut left, mut line) = (x, 0);
    for (_, label) in entries {
        let width = 17.0 + text_width(label) + 18.0;
        if left + width > max_x && left > x {
            left = x;
            line += 1;
        }
        places.push((left, line));
        left += width;
    }
    places
}

/// A rough width in pixels of `text` at the charts' 12px font (for layout only).
pub(crate) fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * 7.0
}

/// `text` broken at spaces into lines no wider than `width` (a longer word has a line to itself),
/// at most [`MAX_LINES`]; anything left over ends the last line with `…`.
pub(crate) fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if text_width(line) + text_width(" ") + text_width(word) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}

/// Most lines of a bar's label.
pub(crate) const MAX_LINES: usize = 3;
/// Distance between the lines of a label, pixels.
const LINE: f64 = 14.0;

/// One segment of a bar.
pub(crate) struct Segment {
    /// Its size.
    pub value: f64,
    /// Its colour.
    pub fill: &'static str,
    /// What it is, for the tooltip.
    pub tip: String,
}

/// One bar of a horizontal bar chart: its label, segments stacked left to right, and the text
/// shown after it.
pub(crate) struct Bar {
    pub label: String,
    pub segments: Vec<Segment>,
    pub note: String,
}

/// A horizontal stacked bar chart.
pub(crate) struct BarChart<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: String,
    pub legend: Vec<(&'static str, &'a str)>,
    pub bars: Vec<Bar>,
    /// Formats an axis value.
    pub axis: fn(f64) -> String,
    /// A dashed vertical marker at this value, with its label.
    pub marker: Option<(f64, String)>,
    /// The largest value the axis shows (at least the longest bar).
    pub axis_max: Option<f64>,
}

const ROW: f64 = 26.0;
const BAR: f64 = 17.0;
/// Width of every chart, pixels.
pub(crate) const WIDTH: f64 = 860.0;

/// A tick step of 1, 2 or 5 × 10ⁿ giving about four ticks up to `max`.
fn tick_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let rough = max / 4.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude);
    if step < 1.0 && max >= 1.0 { 1.0 } else { step }
}

impl BarChart<'_> {
    /// The chart as SVG.
    pub fn render(&self) -> String {
        let label_width = self
            .bars
            .iter()
            .map(|b| text_width(&b.label))
            .fold(60.0, f64::max)
            .min(280.0)
            + 12.0;
        let note_width = self
            .bars
            .iter()
            .map(|b| text_width(&b.note))
            .fold(0.0, f64::max)
            + 12.0;
        let legend_lines = legend_layout(8.0, WIDTH - 8.0, &self.legend)
            .last()
            .map_or(0, |(_, line)| line + 1);
        let marker_room = if self.marker.is_some() { 16.0 } else { 0.0 };
        let top = 8.0 + 20.0 * legend_lines as f64 + marker_room;
        let plot_left = label_width;
        let plot_width = (WIDTH - label_width - note_width).max(120.0);
        // Long labels wrap onto more lines, and their rows grow to hold them.
        let labels: Vec<Vec<String>> = self
            .bars
            .iter()
            .map(|b| wrap(&b.label, label_width - 12.0))
            .collect();
        let rows: Vec<f64> = labels
            .iter()
            .map(|lines| ROW.max(LINE * lines.len() as f64 + 9.0))
            .collect();
        let plot_height: f64 = rows.iter().sum();
        let height = top + plot_height + 28.0;
        let totals: Vec<f64> = self
            .bars
            .iter()
            .map(|b| b.segments.iter().map(|s| s.value).sum())
            .collect();
        let max = totals
            .iter()
            .copied()
            .fold(self.axis_max.unwrap_or(0.0), f64::max)
            .max(self.marker.as_ref().map_or(0.0, |m| m.0));
        let scale = if max > 0.0 { plot_width / max } else { 0.0 };
        let mut svg = Svg::new(WIDTH, height);
        svg.legend(8.0, 18.0, WIDTH - 8.0, &self.legend);
        let bottom = top + plot_height;
        let step = tick_step(max);
        let mut tick = 0.0;
        while tick <= max + step * 1e-9 && max > 0.0 {
            let x = plot_left + tick * scale;
            svg.line((x, top - 2.0), (x, bottom), "#dddddd", false);
            svg.text(x, bottom + 15.0, "middle", "axis", &(self.axis)(tick));
            tick += step;
        }
        let mut row_top = top;
        for ((bar, lines), row) in self.bars.iter().zip(&labels).zip(&rows) {
            let y = row_top + (row - BAR) / 2.0;
            let first_line = y + BAR - 4.0 - LINE * (lines.len().max(1) as f64 - 1.0) / 2.0;
            svg.text_lines(plot_left - 8.0, first_line, "end", "label", lines);
            row_top += row;
            let mut x = plot_left;
            for segment in &bar.segments {
                let width = segment.value * scale;
                if width > 0.0 {
                    svg.rect(x, y, width, BAR, segment.fill, &segment.tip);
                }
                x += width;
            }
            svg.text(x + 6.0, y + BAR - 4.0, "start", "value", &bar.note);
        }
        if let Some((value, label)) = &self.marker {
            let x = plot_left + value * scale;
            svg.line((x, top - 4.0), (x, bottom), "#333333", true);
            svg.text(x + 4.0, top - 6.0, "start", "axis", label);
        }
        svg.line(
            (plot_left, top - 2.0),
            (plot_left, bottom),
            "#666666",
            false,
        );
        svg.finish(self.id, self.title, &self.description)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(3.0), "3");
        assert_eq!(num(2.25), "2.2");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(10.56), "10.6");
    }

    #[test]
    fn tick_steps_are_round() {
        assert_eq!(tick_step(100.0), 50.0);
        assert_eq!(tick_step(8.0), 2.0);
        assert_eq!(tick_step(3.0), 1.0);
        assert_eq!(tick_step(1_000_000.0), 500_000.0);
        assert_eq!(tick_step(0.0), 1.0);
    }

    #[test]
    fn chart_declares_its_size_and_marks() {
        let chart = BarChart {
            id: "t",
            title: "Test",
            description: "two bars".into(),
            legend: vec![(colour::BLUE, "placed")],
            bars: vec![
                Bar {
                    label: "A".into(),
                    segments: vec![Segment {
                        value: 3.0,
                        fill: colour::BLUE,
                        tip: "3".into(),
                    }],
                    note: "3".into(),
                },
                Bar {
                    label: "B".into(),
                    segments: vec![Segment {
                        value: 0.0,
                        fill: colour::BLUE,
                        tip: "0".into(),
                    }],
                    note: "0".into(),
                },
            ],
            axis: num,
            marker: None,
            axis_max: None,
        }
        .render();
        assert!(chart.starts_with(r#"<svg class="chart" id="t""#), "{chart}");
        assert!(
            chart.contains(r#"width="860" height="108" viewBox="0 0 860 108""#),
            "{chart}"
        );
        // The legend swatch and one bar; a zero segment draws nothing.
        assert_eq!(chart.matches("<rect").count(), 2, "{chart}");
    }

    #[test]
    fn long_labels_wrap_at_spaces_within_their_width() {
        let label = "RHS Hollinbridge and Stanmere Hospitals NHS Foundation Trust";
        let lines = wrap(label, 268.0);
        assert_eq!(
            lines,
            [
                "RHS Hollinbridge and Stanmere",
                "Hospitals NHS Foundation Trust"
            ]
        );
        assert!(lines.iter().all(|line| text_width(line) <= 268.0));
        assert_eq!(wrap("short", 268.0), ["short"]);
        // A word wider than the width keeps a line to itself; past three lines, `…`.
        assert_eq!(wrap("abcdefghij k", 35.0), ["abcdefghij", "k"]);
        assert_eq!(wrap("a b c d", 10.0), ["a", "b", "c…"]);
    }

    #[test]
    fn a_chart_with_a_long_label_shows_every_word_and_grows_its_row() {
        let bar = |label: &str| Bar {
            label: label.into(),
            segments: vec![Segment {
                value: 1.0,
                fill: colour::BLUE,
                tip: "1".into(),
            }],
            note: "1".into(),
        };
        let chart = |label: &str| {
            BarChart {
                id: "t",
                title: "Test",
                description: "one bar".into(),
                legend: Vec::new(),
                bars: vec![bar(label)],
                axis: num,
                marker: None,
                axis_max: None,
            }
            .render()
        };
        let long = "mostly: beyond the person's own travel limit and the policy's, in every tier";
        let svg = chart(long);
        assert!(!svg.contains('…'), "{svg}");
        for word in long.split(' ') {
            assert!(svg.contains(&escape(word)), "{word} in {svg}");
        }
        assert!(svg.contains("<tspan"), "{svg}");
        let height = |svg: &str| -> f64 {
            let at = svg.find("height=\"").unwrap() + 8;
            svg[at..].split('"').next().unwrap().parse().unwrap()
        };
        assert!(height(&svg) > height(&chart("short")), "{svg}");
    }
}
