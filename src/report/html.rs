//! The report as one self-contained HTML page: inline styles and inline SVG charts, no script and
//! nothing fetched, so it opens the same from a file, an e-mail or an offline laptop.

use std::fmt::Write;

use super::cohort::PERCENT_BINS;
use super::svg::{bars, escape, histogram, sparkbar};
use super::text::retry_summary;
use super::{Count, Report, Retries, Spread};

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#1d2733}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #d5dbe3;padding-bottom:.2em}
.figures{display:flex;gap:1.2em;flex-wrap:wrap}.figure{background:#f2f5f8;border-radius:6px;padding:.5em 1em}
.figure b{display:block;font-size:1.6em}
svg text{font:12px system-ui,sans-serif;fill:#1d2733}svg .n,svg .l{text-anchor:middle}svg .r{text-anchor:end}
.bar{fill:#3b78c2}.track{fill:#e3e8ee}.right{fill:#2f9e66}.pick{fill:#3b78c2}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .5em;border-bottom:1px solid #e3e8ee;vertical-align:top}
td.num{text-align:right;white-space:nowrap}.flag{color:#b3261e;font-weight:600}.options td{border:none;padding:.1em .5em}
.muted{color:#5b6776}";

/// The whole page.
pub fn html(report: &Report) -> String {
    let c = &report.cohort;
    let title = format!("Cohort report: {}", report.scenario.title);
    let mut page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1><p class=\"muted\">Scenario <code>{}</code></p>\n",
        escape(&title),
        escape(&title),
        escape(&report.scenario.id)
    );
    page.push_str("<div class=\"figures\">");
    let mut figures = vec![
        ("learners", c.learners.to_string()),
        ("started", c.started.to_string()),
        ("finished", c.finished.to_string()),
        ("abandoned", c.abandoned.to_string()),
        (
            "median active time",
            c.minutes
                .as_ref()
                .map_or_else(|| "-".into(), |m| format!("{:.1} min", m.median)),
        ),
        (
            "median score",
            c.percent
                .as_ref()
                .map_or_else(|| "-".into(), |p| format!("{:.0}%", p.median)),
        ),
    ];
    if let Some(pass) = &c.pass {
        figures.push((
            "passed",
            format!(
                "{} of {} at {}%",
                pass.passed,
                pass.passed + pass.failed,
                pass.mark
            ),
        ));
    }
    if c.retries.sessions > 0 {
        figures.push((
            "retried",
            format!("{} of {}", c.retries.sessions, c.retries.of),
        ));
    }
    for (label, value) in figures {
        let _ = write!(
            page,
            "<div class=\"figure\"><b>{}</b>{label}</div>",
            escape(&value)
        );
    }
    page.push_str("</div>\n");
    if let Some(percent) = &c.percent {
        page.push_str("<h2>Scores</h2>");
        let _ = write!(page, "<p>{}</p>", spread_words(percent, "%", 0));
        let labels: Vec<String> = (0..PERCENT_BINS)
            .map(|b| {
                if b + 1 == PERCENT_BINS {
                    format!("{}-100", b * 10)
                } else {
                    format!("{}-{}", b * 10, b * 10 + 9)
                }
            })
            .collect();
        page.push_str(&histogram(
            "finished sessions by total percent",
            &c.percent_histogram,
            &labels,
            120,
        ));
    }
    if let Some(minutes) = &c.minutes {
        let _ = write!(
            page,
            "<h2>Time</h2><p>Active time of finished sessions: {}</p>",
            spread_words(minutes, " min", 1)
        );
    }
    counts(&mut page, "Endings", &c.endings);
    counts(&mut page, "Grades", &c.grades);
    retries(&mut page, &c.retries);
    if !c.competencies.is_empty() {
        page.push_str("<h2>Competencies</h2><table><tr><th>competency</th><th>median</th><th>middle half</th><th>spread of percent</th></tr>");
        let labels: Vec<String> = (0..PERCENT_BINS).map(|b| format!("{}", b * 10)).collect();
        for competency in &c.competencies {
            let (median, half) = competency.percent.as_ref().map_or_else(
                || ("-".to_string(), "-".to_string()),
                |s| {
                    (
                        format!("{:.0}%", s.median),
                        format!("{:.0}% to {:.0}%", s.q1, s.q3),
                    )
                },
            );
            let _ = write!(
                page,
                "<tr><td>{}</td><td class=\"num\">{median}</td><td class=\"num\">{half}</td><td>{}</td></tr>",
                escape(&competency.name),
                histogram(&competency.name, &competency.histogram, &labels, 40)
            );
        }
        page.push_str("</table>");
    }
    items(&mut page, report);
    if !report.drop_off.is_empty() {
        page.push_str("<h2>Where unfinished sessions stopped</h2>");
        let rows: Vec<(String, usize, f64)> = report
            .drop_off
            .iter()
            .map(|d| {
                (
                    d.scene.clone(),
                    d.sessions,
                    d.sessions as f64 / c.abandoned.max(1) as f64,
                )
            })
            .collect();
        page.push_str(&bars("unfinished sessions by last scene", &rows));
    }
    if !report.rejected.is_empty() {
        page.push_str("<h2>Files left out</h2><ul>");
        for rejected in &report.rejected {
            let _ = write!(
                page,
                "<li><code>{}</code>: {}</li>",
                escape(&rejected.path),
                escape(&rejected.reason)
            );
        }
        page.push_str("</ul>");
    }
    page.push_str("\n</body></html>\n");
    page
}

fn items(page: &mut String, report: &Report) {
    if report.items.is_empty() {
        return;
    }
    let _ = write!(
        page,
        "<h2>Items</h2><p class=\"muted\">Difficulty is the share of right first answers. Discrimination is the {}: below zero, stronger learners got the item wrong more often than weaker ones.</p>",
        escape(report.discrimination)
    );
    page.push_str("<table><tr><th>#</th><th>question</th><th>answered</th><th>right</th><th>discrimination</th><th>options picked</th></tr>");
    for (number, item) in report.items.iter().enumerate() {
        let right = item.difficulty.map_or_else(
            || "not graded".to_string(),
            |d| format!("{:.0}% {}", d * 100.0, sparkbar(d, "right")),
        );
        let disc = item
            .discrimination
            .map_or_else(|| "-".to_string(), |r| format!("{r:+.2}"));
        let flags: Vec<&str> = item.flags.iter().map(|f| f.words()).collect();
        let flags = if flags.is_empty() {
            String::new()
        } else {
            format!("<div class=\"flag\">{}</div>", escape(&flags.join(", ")))
        };
        let mut options = String::from("<table class=\"options\">");
        for pick in &item.options {
            let _ = write!(
                options,
                "<tr><td class=\"num\">{:.0}%</td><td>{}</td><td>{}</td></tr>",
                pick.rate * 100.0,
                sparkbar(pick.rate, "pick"),
                escape(&pick.text)
            );
        }
        options.push_str("</table>");
        let _ = write!(
            page,
            "<tr><td class=\"num\">{}</td><td>{}<div class=\"muted\"><code>{}</code></div>{flags}</td><td class=\"num\">{}</td><td class=\"num\">{right}</td><td class=\"num\">{disc}</td><td>{options}</td></tr>",
            number + 1,
            escape(&item.prompt),
            escape(&item.scene),
            item.answered
        );
    }
    page.push_str("</table>");
}

/// Who went back from an ending: how many, their first attempts beside their last, and the
/// endings they went back from; nothing when nobody did.
fn retries(page: &mut String, r: &Retries) {
    if r.sessions == 0 {
        return;
    }
    let _ = write!(
        page,
        "<h2>Retries</h2><p>{}.</p>",
        escape(&retry_summary(r))
    );
    if let (Some(first), Some(last)) = (&r.first_attempt_percent, &r.final_percent) {
        let _ = write!(
            page,
            "<p>First attempts: {}. The same sessions at the end: {}.</p>",
            spread_words(first, "%", 0),
            spread_words(last, "%", 0)
        );
    }
    let rows: Vec<(String, usize, f64)> = r
        .endings
        .iter()
        .map(|c| (c.name.clone(), c.count, c.share))
        .collect();
    page.push_str(&bars("retries by the ending they were taken at", &rows));
}

fn counts(page: &mut String, title: &str, counts: &[Count]) {
    if counts.is_empty() {
        return;
    }
    let _ = write!(page, "<h2>{title}</h2>");
    let rows: Vec<(String, usize, f64)> = counts
        .iter()
        .map(|c| (c.name.clone(), c.count, c.share))
        .collect();
    page.push_str(&bars(title, &rows));
}

fn spread_words(s: &Spread, unit: &str, decimals: usize) -> String {
    format!(
        "median {:.d$}{unit}; the middle half from {:.d$} to {:.d$}{unit}; all from {:.d$} to {:.d$}{unit}",
        s.median,
        s.q1,
        s.q3,
        s.min,
        s.max,
        d = decimals
    )
}
