//! The declared `minutes` against the play-time estimate of random runs.

use crate::diagnostic::Diagnostic;
use crate::playtest::PlayTime;
use crate::scenario::{LintFacts, Scenario};

use super::codes::MINUTES_OFF;
use super::diagnostic;

/// How far the declared minutes may stray from the median estimate, as a share of it.
const TOLERANCE: f64 = 0.25;
/// ... and in minutes, whatever the share: a quarter of a three-minute story is less than one
/// answer's time, finer than the estimate can tell.
const SLACK_MINUTES: f64 = 2.0;

/// A warning when `minutes` is more than a quarter (and more than two minutes) off the median
/// run's estimated length.
pub fn minutes_off(
    scenario: &Scenario,
    facts: &LintFacts,
    estimate: &PlayTime,
) -> Option<Diagnostic> {
    let location = facts.minutes.as_ref()?;
    let declared = f64::from(scenario.meta.minutes);
    let median = estimate.median_minutes;
    if (declared - median).abs() <= (TOLERANCE * median).max(SLACK_MINUTES) {
        return None;
    }
    let suggested = median.round().max(1.0);
    let plural = if suggested == 1.0 { "" } else { "s" };
    Some(
        diagnostic(
            MINUTES_OFF,
            format!(
                "`minutes = {}`, but a median run is estimated at {suggested} minute{plural}",
                scenario.meta.minutes
            ),
            location,
            "more than 25% off the estimate",
        )
        .hint(format!(
            "declare `minutes = {suggested}`, or shorten or lengthen the story; `dojo check --explain {MINUTES_OFF}` says how the estimate is made"
        )),
    )
}
