//! The HTML report of the footprint example in a real browser (headless Chromium): it loads
//! without a console message, every chart is laid out at the size it declares, and a
//! screenshot shows each chart drawn (not blank).
//!
//! Needs Chromium (`apt-get install chromium`; `.ci/run` installs it). Without it the tests say
//! so and pass, unless `CI=true`, where a missing browser fails them. `REDEPLOY_CHROMIUM` names
//! the browser binary when it is not on the PATH. `UPDATE_SCREENSHOT=1` also writes the top of
//! the page to `docs/img/report.png` for the README.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const FOOTPRINT: &str = "configs/examples/footprint/scenario.toml";
const WIDTH: u32 = 1280;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The browser, or `None` (after saying why) when the test should be skipped.
fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("REDEPLOY_CHROMIUM").map(PathBuf::from);
    if let Some(named) = &named {
        assert!(
            named.is_file(),
            "REDEPLOY_CHROMIUM names `{}`, which is not a file",
            named.display()
        );
    }
    let found = named.or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| {
                [
                    "chromium",
                    "chromium-browser",
                    "google-chrome",
                    "google-chrome-stable",
                ]
                .map(|name| dir.join(name))
            })
            .find(|candidate| candidate.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no Chromium found: install it (apt-get install chromium) or set REDEPLOY_CHROMIUM"
        );
        // Straight to stderr, past the test harness's capture, so the skip is seen.
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: headless Chromium not found; install it (apt-get install chromium) to run the browser test"
        );
    }
    found
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("redeploy-browser-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the browser on `page` with `args`; returns (stdout, stderr). Each run gets a fresh
/// profile and is stopped after two minutes.
fn browse(browser: &Path, page: &Path, args: &[String]) -> (String, String) {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let profile = scratch(&format!("profile-{}", RUNS.fetch_add(1, Ordering::Relaxed)));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the browser starts");
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the browser did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = std::fs::remove_dir_all(profile);
    (out_reader.join().unwrap(), err_reader.join().unwrap())
}

/// Console messages and uncaught errors in the browser's log.
fn console_messages(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|line| line.contains(":CONSOLE") || line.contains("Uncaught"))
        .collect()
}

/// The footprint example's report, written by `redeploy run --out`.
fn footprint_report(dir: &Path) -> PathBuf {
    let output = Command::new(env!("CARGO_BIN_EXE_redeploy"))
        .current_dir(root())
        .args(["run", FOOTPRINT, "--out"])
        .arg(dir)
        .output()
        .expect("redeploy runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    dir.join("report.html")
}

/// A chart as laid out: its declared size and where the browser put it.
#[derive(Debug)]
struct Chart {
    id: String,
    declared: (f64, f64),
    left: f64,
    top: f64,
    width: f64,
    height: f64,
    marks: usize,
}

/// A copy of the page with a script that writes every chart's layout into the document, so
/// `--dump-dom` can report it (the report itself has no script).
fn measuring_copy(page: &Path, dir: &Path) -> PathBuf {
    let script = r#"<script>
const rows = [...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  return [svg.id, svg.getAttribute('width'), svg.getAttribute('height'), box.left + scrollX,
    box.top + scrollY, box.width, box.height, svg.querySelectorAll('rect, path').length].join(' ');
});
const pre = document.createElement('pre');
pre.id = 'measured';
pre.textContent = document.documentElement.scrollHeight + '\n' + rows.join('\n');
document.body.appendChild(pre);
</script></body>"#;
    let html = std::fs::read_to_string(page)
        .unwrap()
        .replace("</body>", script);
    let copy = dir.join("measured.html");
    std::fs::write(&copy, html).unwrap();
    copy
}

fn measure(dom: &str) -> (f64, Vec<Chart>) {
    let start = dom
        .find("<pre id=\"measured\">")
        .expect("the measuring script ran")
        + 19;
    let end = start + dom[start..].find("</pre>").unwrap();
    let mut lines = dom[start..end].lines();
    let height: f64 = lines.next().unwrap().trim().parse().unwrap();
    let charts = lines
        .map(|line| {
            let cells: Vec<&str> = line.split(' ').collect();
            let number = |i: usize| cells[i].parse::<f64>().unwrap();
            Chart {
                id: cells[0].to_string(),
                declared: (number(1), number(2)),
                left: number(3),
                top: number(4),
                width: number(5),
                height: number(6),
                marks: cells[7].parse().unwrap(),
            }
        })
        .collect();
    (height, charts)
}

#[test]
fn a_page_with_errors_is_caught() {
    // The check below must be able to fail: a page with a console error and an uncaught
    // exception is reported.
    let Some(browser) = chromium() else { return };
    let dir = scratch("bad");
    let page = dir.join("bad.html");
    std::fs::write(
        &page,
        "<!DOCTYPE html><html><body><script>console.error('deliberate'); missing();</script></body></html>",
    )
    .unwrap();
    let (_, log) = browse(&browser, &page, &["--dump-dom".into()]);
    assert_eq!(console_messages(&log).len(), 2, "log:\n{log}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn footprint_report_opens_cleanly_and_every_chart_is_drawn() {
    let Some(browser) = chromium() else { return };
    let dir = scratch("report");
    let page = footprint_report(&dir);

    // 1. The report itself loads without a console message.
    let (dom, log) = browse(
        &browser,
        &page,
        &["--dump-dom".into(), format!("--window-size={WIDTH},1000")],
    );
    assert!(dom.contains("Band flow"), "the page rendered");
    let messages = console_messages(&log);
    assert!(messages.is_empty(), "console messages: {messages:#?}");

    // 2. Every chart is laid out at the size it declares.
    let measured = measuring_copy(&page, &dir);
    let (dom, _) = browse(
        &browser,
        &measured,
        &["--dump-dom".into(), format!("--window-size={WIDTH},1000")],
    );
    let (page_height, charts) = measure(&dom);
    assert!(
        charts.len() >= 11,
        "only {} charts: {charts:?}",
        charts.len()
    );
    for chart in &charts {
        assert!(
            (chart.width - chart.declared.0).abs() < 1.0
                && (chart.height - chart.declared.1).abs() < 1.0,
            "{} is {}x{}, declared {:?}",
            chart.id,
            chart.width,
            chart.height,
            chart.declared
        );
        assert!(chart.marks > 0, "{} has no marks", chart.id);
    }

    // 3. A screenshot down to the last chart shows each chart drawn, not blank.
    let last_chart = charts.iter().map(|c| c.top + c.height).fold(0.0, f64::max);
    assert!(page_height > last_chart, "the page holds its charts");
    let height = (last_chart + 40.0).ceil() as u32;
    assert!(height < 16_000, "charts end at {height} px");
    let shot = dir.join("page.png");
    browse(
        &browser,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size={WIDTH},{height}"),
        ],
    );
    let image = Image::read(&shot);
    assert_eq!((image.width, image.height), (WIDTH, height));
    for chart in &charts {
        let (inked, colours) = image.ink(chart);
        assert!(
            inked > 0.02 && colours >= 3,
            "{} looks blank: {:.1}% inked, {colours} colours",
            chart.id,
            inked * 100.0
        );
    }
    if std::env::var_os("UPDATE_SCREENSHOT").is_some() {
        let top = root().join("docs/img/report.png");
        std::fs::create_dir_all(top.parent().unwrap()).unwrap();
        browse(
            &browser,
            &page,
            &[
                format!("--screenshot={}", top.display()),
                format!("--window-size={WIDTH},1500"),
            ],
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// A decoded screenshot, RGB(A) rows.
struct Image {
    width: u32,
    height: u32,
    channels: usize,
    pixels: Vec<u8>,
}

impl Image {
    fn read(path: &Path) -> Image {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(path).expect("the screenshot was written"),
        ));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
        let info = reader.next_frame(&mut pixels).expect("a frame");
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        Image {
            width: info.width,
            height: info.height,
            channels: info.color_type.samples(),
            pixels,
        }
    }

    /// Share of the chart's pixels that are not the white of the page, and how many distinct
    /// colours it has (coarsely, 4 bits a channel).
    fn ink(&self, chart: &Chart) -> (f64, usize) {
        let mut inked = 0usize;
        let mut total = 0usize;
        let mut colours = std::collections::BTreeSet::new();
        let x0 = chart.left.max(0.0) as u32;
        let y0 = chart.top.max(0.0) as u32;
        let x1 = ((chart.left + chart.width) as u32).min(self.width);
        let y1 = ((chart.top + chart.height) as u32).min(self.height);
        for y in y0..y1 {
            for x in x0..x1 {
                let at = (y as usize * self.width as usize + x as usize) * self.channels;
                let rgb = &self.pixels[at..at + 3];
                total += 1;
                if rgb.iter().any(|&c| c < 235) {
                    inked += 1;
                }
                colours.insert((rgb[0] >> 4, rgb[1] >> 4, rgb[2] >> 4));
            }
        }
        (inked as f64 / total.max(1) as f64, colours.len())
    }
}
