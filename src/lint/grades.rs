//! Lint on grade bands no way through the scenario ends in.

use crate::analyze::Analysis;
use crate::diagnostic::Diagnostic;
use crate::scenario::Scenario;

use super::codes::UNREACHABLE_GRADE;
use super::diagnostic;

pub(crate) fn lint(scenario: &Scenario, analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    // With no way to an ending, the flow lints say so; every band would repeat it.
    let Some(reach) = &analysis.grades else {
        return;
    };
    for (index, (band, reachable)) in scenario.grades.iter().zip(&reach.bands).enumerate() {
        if *reachable {
            continue;
        }
        let range = match index.checked_sub(1).map(|above| scenario.grades[above].min) {
            Some(above) if above > band.min + 1 => format!("{}% to {}%", band.min, above - 1),
            Some(_) => format!("exactly {}%", band.min),
            None => format!("{}% or more", band.min),
        };
        out.push(
            diagnostic(
                UNREACHABLE_GRADE,
                format!("no learner can end in the grade band `{}`", band.name),
                &band.location,
                format!("needs {range}"),
            )
            .hint(format!(
                "learners end with {}% to {}% of the score attainable on their way; move the band, or change the scores",
                reach.lowest, reach.highest
            )),
        );
    }
}
