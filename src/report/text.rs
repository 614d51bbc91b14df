//! The report as terminal text: short tables that fit the width given, bars drawn with blocks.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::{Count, Report, Retries, Spread};

/// The widest a bar is drawn, whatever the width.
const MAX_BAR: usize = 24;

/// The report laid out in `width` columns (at least 40 are used).
pub fn text(report: &Report, width: usize) -> String {
    let width = width.max(40);
    let mut out = String::new();
    let c = &report.cohort;
    line(
        &mut out,
        width,
        &format!(
            "Cohort report: {} ({})",
            report.scenario.title, report.scenario.id
        ),
    );
    out.push('\n');
    line(
        &mut out,
        width,
        &format!(
            "Learners {}   started {}   finished {}   abandoned {}",
            c.learners, c.started, c.finished, c.abandoned
        ),
    );
    if let Some(minutes) = &c.minutes {
        wrapped(&mut out, width, &spread("Active time", minutes, " min", 1));
    }
    if let Some(percent) = &c.percent {
        wrapped(&mut out, width, &spread("Score", percent, "%", 0));
        out.push_str("\nScores of finished sessions\n");
        let most = c.percent_histogram.iter().copied().max().unwrap_or(0);
        for (bin, &count) in c.percent_histogram.iter().enumerate() {
            let label = if bin + 1 == c.percent_histogram.len() {
                format!("{}-100", bin * 10)
            } else {
                format!("{}-{}", bin * 10, bin * 10 + 9)
            };
            let bar = bar(count, most, width.saturating_sub(16));
            line(&mut out, width, &format!("  {label:>6}  {count:>4} {bar}"));
        }
    }
    counts(&mut out, width, "Endings", &c.endings);
    counts(&mut out, width, "Grades", &c.grades);
    if let Some(pass) = &c.pass {
        out.push('\n');
        line(
            &mut out,
            width,
            &format!(
                "Passed {} of {} (pass mark {}%), failed {}",
                pass.passed,
                pass.passed + pass.failed,
                pass.mark,
                pass.failed
            ),
        );
    }
    retries(&mut out, width, &c.retries);
    if !c.competencies.is_empty() {
        out.push_str("\nCompetencies (percent of what the learner could earn)\n");
        for competency in &c.competencies {
            let figures = competency.percent.as_ref().map_or_else(String::new, |s| {
                format!(
                    "median {:.0}%, middle half {:.0}% to {:.0}%",
                    s.median, s.q1, s.q3
                )
            });
            line(
                &mut out,
                width,
                &format!("  {}: {figures}", competency.name),
            );
        }
    }
    items(&mut out, width, report);
    if !report.drop_off.is_empty() {
        out.push_str("\nWhere unfinished sessions stopped\n");
        for drop in &report.drop_off {
            line(
                &mut out,
                width,
                &format!("  {:>4}  {}", drop.sessions, drop.scene),
            );
        }
    }
    if !report.rejected.is_empty() {
        out.push_str("\nLeft out\n");
        for rejected in &report.rejected {
            // Paths are never cut: a person has to find the file.
            let _ = writeln!(out, "  {}: {}", rejected.path, rejected.reason);
        }
    }
    out
}

fn items(out: &mut String, width: usize, report: &Report) {
    if report.items.is_empty() {
        return;
    }
    out.push('\n');
    let about = format!(
        "Items: difficulty is the share of right first answers; discrimination is the {}. Pick rates of order questions count who put the option first.",
        report.discrimination
    );
    for part in textwrap::wrap(&about, width) {
        line(out, width, &part);
    }
    // The figures always show; the scene column gives up room first.
    let scene = width.saturating_sub(33).clamp(8, 24);
    line(
        out,
        width,
        &format!("   #  {:<scene$}  answered  right  discr.", "scene"),
    );
    for (number, item) in report.items.iter().enumerate() {
        let right = item
            .difficulty
            .map_or_else(|| "-".to_string(), |d| format!("{:.0}%", d * 100.0));
        let disc = item
            .discrimination
            .map_or_else(|| "-".to_string(), |r| format!("{r:+.2}"));
        line(
            out,
            width,
            &format!(
                "  {:>2}  {:<scene$}  {:>8}  {:>5}  {:>6}",
                number + 1,
                fit(&item.scene, scene),
                item.answered,
                right,
                disc
            ),
        );
        for part in textwrap::wrap(&item.prompt, width.saturating_sub(6)) {
            line(out, width, &format!("      {part}"));
        }
        for pick in &item.options {
            let bar = bar(pick.picks, item.answered, 10);
            line(
                out,
                width,
                &format!("      {:>4.0}% {bar:<10} {}", pick.rate * 100.0, pick.text),
            );
        }
        if !item.flags.is_empty() {
            let flags: Vec<&str> = item.flags.iter().map(|f| f.words()).collect();
            line(out, width, &format!("      ! {}", flags.join(", ")));
        }
    }
}

/// Who went back from an ending, their first attempts beside their last, and where they went
/// back from; nothing when nobody did.
fn retries(out: &mut String, width: usize, r: &Retries) {
    if r.sessions == 0 {
        return;
    }
    out.push_str("\nRetries\n");
    wrapped(out, width, &format!("  {}", retry_summary(r)));
    if let (Some(first), Some(last)) = (&r.first_attempt_percent, &r.final_percent) {
        wrapped(out, width, &spread("  First attempts", first, "%", 0));
        wrapped(
            out,
            width,
            &spread("  The same sessions at the end", last, "%", 0),
        );
    }
    line(out, width, "  Taken at:");
    count_rows(out, width, &r.endings);
}

/// The retry figures in one sentence, for every rendering.
pub(crate) fn retry_summary(r: &Retries) -> String {
    format!(
        "{} of {} finished {} went back from an ending ({} {}); {} {} in all, {:.2} per finished session",
        r.sessions,
        r.of,
        if r.of == 1 { "session" } else { "sessions" },
        r.learners,
        if r.learners == 1 {
            "learner"
        } else {
            "learners"
        },
        r.retries,
        if r.retries == 1 { "retry" } else { "retries" },
        r.per_session
    )
}

fn counts(out: &mut String, width: usize, title: &str, counts: &[Count]) {
    if counts.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    count_rows(out, width, counts);
}

/// One row per count: how many, the share, a bar and the name.
fn count_rows(out: &mut String, width: usize, counts: &[Count]) {
    let most = counts.iter().map(|c| c.count).max().unwrap_or(0);
    for count in counts {
        let bar = bar(count.count, most, (width / 4).min(MAX_BAR));
        line(
            out,
            width,
            &format!(
                "  {:>4} {:>4.0}% {bar:<w$} {}",
                count.count,
                count.share * 100.0,
                count.name,
                w = (width / 4).min(MAX_BAR)
            ),
        );
    }
}

fn spread(label: &str, s: &Spread, unit: &str, decimals: usize) -> String {
    format!(
        "{label}: median {:.d$}{unit}, middle half {:.d$} to {:.d$}{unit}, all {:.d$} to {:.d$}{unit}",
        s.median,
        s.q1,
        s.q3,
        s.min,
        s.max,
        d = decimals
    )
}

/// A bar of `count` out of `most`, at most `room` blocks; at least one block for any count.
fn bar(count: usize, most: usize, room: usize) -> String {
    let room = room.min(MAX_BAR);
    if most == 0 || count == 0 {
        return String::new();
    }
    let blocks = (count * room).div_ceil(most).max(1);
    "█".repeat(blocks)
}

/// `text` cut to `width` columns, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() + 1 > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A line of prose wrapped to `width`, the lines after the first indented.
fn wrapped(out: &mut String, width: usize, text: &str) {
    let options = textwrap::Options::new(width).subsequent_indent("    ");
    for part in textwrap::wrap(text, options) {
        line(out, width, &part);
    }
}

fn line(out: &mut String, width: usize, text: &str) {
    out.push_str(fit(text, width).trim_end());
    out.push('\n');
}
