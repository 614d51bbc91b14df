//! Lints on names declared or used but not both: characters who never speak, competencies no
//! answer changes, flags read but never set or set but never read.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::scenario::{Beat, LintFacts, Scenario};

use super::codes::{FLAG_NEVER_READ, FLAG_NEVER_SET, UNUSED_CHARACTER, UNUSED_COMPETENCY};
use super::diagnostic;
use crate::suggest::Suggester;

pub(crate) fn lint(scenario: &Scenario, facts: &LintFacts, out: &mut Vec<Diagnostic>) {
    characters(scenario, out);
    competencies(scenario, out);
    flags(facts, out);
}

fn characters(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let speakers: HashSet<usize> = scenario
        .scenes
        .iter()
        .flat_map(|scene| &scene.beats)
        .filter_map(|beat| match beat {
            Beat::Line { speaker, .. } => Some(*speaker),
            Beat::Narration(_) => None,
        })
        .collect();
    for (index, character) in scenario.characters.iter().enumerate() {
        if !speakers.contains(&index) {
            out.push(
                diagnostic(
                    UNUSED_CHARACTER,
                    format!("character `{}` never speaks", character.id),
                    &character.location,
                    "no dialogue line is spoken by this character",
                )
                .hint(format!(
                    "give them a line in a scene's `dialogue` (`{}: ...`), or remove the [[character]]",
                    character.id
                )),
            );
        }
    }
}

fn competencies(scenario: &Scenario, out: &mut Vec<Diagnostic>) {
    let mut touched = vec![false; scenario.competencies.len()];
    let effects = scenario
        .scenes
        .iter()
        .filter_map(|scene| scene.question.as_ref())
        .flat_map(|q| {
            let options = q.options.iter().map(|o| &o.effects);
            options.chain(
                [&q.right, &q.wrong]
                    .into_iter()
                    .flatten()
                    .map(|o| &o.effects),
            )
        });
    for (competency, delta) in effects.flat_map(|e| &e.score) {
        // `score = { flow = 0 }` names a competency without moving it.
        if *delta != 0
            && let Some(slot) = touched.get_mut(*competency)
        {
            *slot = true;
        }
    }
    for (competency, touched) in scenario.competencies.iter().zip(touched) {
        if !touched {
            out.push(
                diagnostic(
                    UNUSED_COMPETENCY,
                    format!("no answer changes competency `{}`", competency.id),
                    &competency.location,
                    "no option or outcome scores this",
                )
                .hint(format!(
                    "add `score = {{ {} = 1 }}` to the options or outcomes that show it, or remove the [[competency]]",
                    competency.id
                )),
            );
        }
    }
}

fn flags(facts: &LintFacts, out: &mut Vec<Diagnostic>) {
    let set: HashSet<&str> = facts.flag_sets.iter().map(|(f, _)| f.as_str()).collect();
    let read: HashSet<&str> = facts.flag_reads.iter().map(|(f, _)| f.as_str()).collect();
    let suggester = Suggester::default();
    for (flag, location) in &facts.flag_reads {
        if set.contains(flag.as_str()) {
            continue;
        }
        let hint = match suggester.closest(flag, set.iter().copied()) {
            Some(near) => format!("did you mean `flag.{near}`?"),
            None => format!(
                "an unset flag reads as false: set it with `set = {{ {flag} = true }}` on an option or outcome"
            ),
        };
        out.push(
            diagnostic(
                FLAG_NEVER_SET,
                format!("flag `{flag}` is read but never set"),
                location,
                "nothing sets this flag",
            )
            .hint(hint),
        );
    }
    for (flag, location) in &facts.flag_sets {
        if read.contains(flag.as_str()) {
            continue;
        }
        let hint = match suggester.closest(flag, read.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "read it in a `when` condition or as `{{flag.{flag}}}` in a text, or remove it"
            ),
        };
        out.push(
            diagnostic(
                FLAG_NEVER_READ,
                format!("flag `{flag}` is set but never read"),
                location,
                "nothing reads this flag",
            )
            .hint(hint),
        );
    }
}
