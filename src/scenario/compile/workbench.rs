//! Checking and resolving what a scenario says about value-stream maps: `[[map]]` files,
//! `[[workbench]]` maps the learner builds, `build` keys on questions, `show_map` on scenes and
//! `vsm.<map>.<metric>` names in expressions.

use std::collections::{HashMap, HashSet};

use toml::Spanned;

use crate::diagnostic::{Diagnostic, FileId};
use crate::vsm::{Metrics, Unit};

use super::Compiler;
use super::names::NameProblem;
use crate::scenario::compiled::{Build, Field, FigureUnit, MapDef, MapRef, WorkbenchDef};
use crate::scenario::model::{Manifest, MapFile, Question, QuestionKind, Workbench};
use crate::suggest::{closest_known, quoted};
use crate::vsm::Map;

impl Compiler<'_> {
    /// Resolves `[[map]]` and `[[workbench]]`, computing every reference map's figures once.
    pub(super) fn maps(
        &mut self,
        file: FileId,
        manifest: &Manifest,
        read: &[(MapFile, Option<crate::vsm::Map>)],
    ) -> (Vec<MapDef>, Vec<WorkbenchDef>) {
        let mut seen = HashMap::new();
        let mut maps = Vec::new();
        for (entry, map) in read {
            self.check_id(file, &entry.id, "map");
            if !self.register(&mut seen, file, &entry.id, "map") {
                continue;
            }
            if let Some(map) = map {
                self.known
                    .to_mut()
                    .map_ids
                    .insert(entry.id.get_ref().clone(), MapRef::Reference(maps.len()));
                maps.push(MapDef {
                    id: entry.id.get_ref().clone(),
                    metrics: Metrics::compute(map),
                    map: map.clone(),
                });
            }
        }
        self.check_improves(read);
        let mut benches = Vec::new();
        for bench in &manifest.workbenches {
            self.check_id(file, &bench.id, "workbench");
            if !self.register(&mut seen, file, &bench.id, "map") {
                continue;
            }
            let reference = self.map_index(file, &maps, &bench.reference);
            let fill_from =
                (bench.fill_from.as_ref()).map(|fill| (fill, self.map_index(file, &maps, fill)));
            let Some(index) = reference else {
                self.known
                    .to_mut()
                    .dead_maps
                    .insert(bench.id.get_ref().clone());
                continue;
            };
            let fill_from = match fill_from {
                Some((fill, Some(from))) => {
                    self.check_fill(file, bench, fill, &maps[index].map, &maps[from].map);
                    Some(from)
                }
                _ => None,
            };
            self.known
                .to_mut()
                .map_ids
                .insert(bench.id.get_ref().clone(), MapRef::Workbench(benches.len()));
            benches.push(WorkbenchDef {
                id: bench.id.get_ref().clone(),
                title: self.optional_text(file, &bench.title),
                reference: index,
                fill_from,
            });
        }
        self.known.to_mut().map_defs = maps.clone();
        self.known.to_mut().benches = benches.clone();
        (maps, benches)
    }

    /// The `[[map]]` a workbench key names, or `None` once the problem is reported.
    fn map_index(&mut self, file: FileId, maps: &[MapDef], id: &Spanned<String>) -> Option<usize> {
        let wanted = id.get_ref();
        let found = maps.iter().position(|m| &m.id == wanted);
        if found.is_none() && !self.map_is_broken(wanted) {
            let known: Vec<&String> = maps.iter().map(|m| &m.id).collect();
            let hint = self
                .suggest(wanted, known.iter().copied())
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| "name the `id` of a [[map]] in scenario.toml".to_string());
            self.push(
                Diagnostic::error("missing-map", format!("no map has the id `{wanted}`"))
                    .at(file, id.span(), "no such map")
                    .hint(hint),
            );
        }
        found
    }

    /// A map that fills in a learner's map holds every step of its reference, with its %C/A
    /// and its queue, since anything the learner has not given may be taken from it.
    fn check_fill(
        &mut self,
        file: FileId,
        bench: &Workbench,
        fill: &Spanned<String>,
        reference: &Map,
        from: &Map,
    ) {
        let lacking: Vec<String> = (reference.steps.iter())
            .filter(|step| from.step(&step.id).is_none())
            .map(|step| step.id.clone())
            .collect();
        if !lacking.is_empty() {
            self.push(
                Diagnostic::error(
                    "bad-fill",
                    format!(
                        "map `{}` lacks {} {}, which `{}` may need filled in",
                        fill.get_ref(),
                        if lacking.len() == 1 {
                            "the step"
                        } else {
                            "the steps"
                        },
                        quoted(&lacking),
                        bench.id.get_ref()
                    ),
                )
                .at(file, fill.span(), "not every step of the reference")
                .also(
                    file,
                    bench.reference.span(),
                    "the learner's map has the steps of this one",
                )
                .hint(format!(
                    "fill from a map with every step of `{0}`, such as `{0}` itself",
                    bench.reference.get_ref()
                )),
            );
        }
        let without_ca: Vec<String> = (reference.steps.iter())
            .filter_map(|step| from.step(&step.id))
            .filter(|step| step.ca.is_none())
            .map(|step| step.id.clone())
            .collect();
        if !without_ca.is_empty() {
            self.push(
                Diagnostic::error(
                    "bad-fill",
                    format!(
                        "map `{}` gives no %C/A for {}, which `{}` may need filled in",
                        fill.get_ref(),
                        quoted(&without_ca),
                        bench.id.get_ref()
                    ),
                )
                .at(file, fill.span(), "a map without every %C/A")
                .hint("give those steps a `ca` in the map file, or fill from another map"),
            );
        }
        let unqueued: Vec<String> = (reference.steps.iter())
            .filter(|step| step.queue.is_some())
            .filter(|step| from.step(&step.id).is_some_and(|s| s.queue.is_none()))
            .map(|step| step.id.clone())
            .collect();
        if !unqueued.is_empty() {
            self.push(
                Diagnostic::error(
                    "bad-fill",
                    format!(
                        "map `{}` has no queue in front of {}, where `{}` may need one placed",
                        fill.get_ref(),
                        quoted(&unqueued),
                        bench.id.get_ref()
                    ),
                )
                .at(file, fill.span(), "a map without every queue")
                .also(file, bench.reference.span(), "this map has a queue there")
                .hint(
                    "give those steps a `[step.queue]` in the map file, or fill from another map",
                ),
            );
        }
    }

    /// Every `improves` names the `id` of another map the scenario lists. A map file several
    /// entries name is reported once.
    fn check_improves(&mut self, read: &[(MapFile, Option<crate::vsm::Map>)]) {
        let mut ids: Vec<&String> = read
            .iter()
            .filter_map(|(_, m)| m.as_ref().map(|m| &m.id))
            .collect();
        ids.sort();
        ids.dedup();
        let mut reported = HashSet::new();
        for map in read.iter().filter_map(|(_, m)| m.as_ref()) {
            let Some(improves) = &map.improves else {
                continue;
            };
            if ids.binary_search(&&improves.id).is_ok()
                || !reported.insert((improves.file, improves.span.clone()))
            {
                continue;
            }
            let others = ids.iter().copied().filter(|id| **id != map.id);
            let hint = self
                .suggest(&improves.id, others.clone())
                .map(|close| format!("did you mean `{close}`?"))
                .unwrap_or_else(|| {
                    let others: Vec<&String> = others.collect();
                    if others.is_empty() {
                        "list the map it improves on with another [[map]] in scenario.toml"
                            .to_string()
                    } else {
                        format!("the other maps' ids are {}", quoted(others))
                    }
                });
            self.push(
                Diagnostic::error(
                    "unknown-map",
                    format!(
                        "`improves` names `{}`, which is no map of this scenario",
                        improves.id
                    ),
                )
                .at(improves.file, improves.span.clone(), "no map has this id")
                .hint(hint),
            );
        }
    }

    /// A map named by `show_map`.
    pub(super) fn show_map(&mut self, file: FileId, id: &Spanned<String>) -> Option<MapRef> {
        let found = self.known.map_ids.get(id.get_ref()).copied();
        if found.is_none() && !self.map_is_broken(id.get_ref()) {
            self.push(
                Diagnostic::error(
                    "missing-map",
                    format!("no map or workbench has the id `{}`", id.get_ref()),
                )
                .at(file, id.span(), "no such map")
                .hint(self.known_maps()),
            );
        }
        found
    }

    /// Whether `id` names a map whose problem is already reported.
    fn map_is_broken(&self, id: &str) -> bool {
        self.broken.maps.contains(id) || self.known.dead_maps.contains(id)
    }

    fn known_maps(&self) -> String {
        let mut ids: Vec<&String> = self.known.map_ids.keys().collect();
        ids.sort();
        if ids.is_empty() {
            "declare maps with [[map]] and [[workbench]] in scenario.toml".to_string()
        } else {
            format!("the maps are {}", quoted(ids))
        }
    }

    /// Reads a question's `build` key: which workbench, and what part of it the answer sets.
    pub(super) fn build(&mut self, file: FileId, question: &Question) -> Option<Build> {
        let build = question.build.as_ref()?;
        let kind = *question.kind.get_ref();
        let text = build.get_ref();
        let span = build.span();
        let (bench_id, rest) = text.split_once('.').unwrap_or((text.as_str(), ""));
        let Some(MapRef::Workbench(bench)) = self.known.map_ids.get(bench_id).copied() else {
            if !self.map_is_broken(bench_id) {
                self.push(
                    Diagnostic::error("bad-build", format!("`{bench_id}` is not a workbench"))
                        .at(file, span, "no such workbench")
                        .hint("`build` starts with the id of a [[workbench]] in scenario.toml, as in `yours.order`"),
                );
            }
            return None;
        };
        let reference = &self.known.map_defs[self.known.benches[bench].reference].map;
        let step_ids: Vec<String> = reference.steps.iter().map(|s| s.id.clone()).collect();
        let parts: Vec<&str> = rest.split('.').collect();
        let (build, wanted) = match parts.as_slice() {
            ["order"] => (Build::Order { bench }, QuestionKind::Order),
            ["parallel"] => (Build::Parallel { bench }, QuestionKind::Multiple),
            ["queue", step] => {
                let has_queue = reference.step(step).is_some_and(|s| s.queue.is_some());
                if !has_queue {
                    let queued: Vec<String> = reference
                        .steps
                        .iter()
                        .filter(|s| s.queue.is_some())
                        .map(|s| format!("`{}`", s.id))
                        .collect();
                    self.push(
                        Diagnostic::error(
                            "bad-build",
                            format!("no queue stands in front of `{step}` in the reference map"),
                        )
                        .at(file, span, "not a queued step")
                        .hint(format!("queues stand in front of {}", queued.join(", "))),
                    );
                    return None;
                }
                (
                    Build::Queue {
                        bench,
                        queue: (*step).to_string(),
                    },
                    QuestionKind::Single,
                )
            }
            [step, field @ ("lt" | "pt" | "ca")] => {
                if !step_ids.iter().any(|id| id == step) {
                    let hint = self
                        .suggest(step, step_ids.iter())
                        .map(|close| format!("did you mean `{close}`?"))
                        .unwrap_or_else(|| format!("the steps are {}", quoted(&step_ids)));
                    self.push(
                        Diagnostic::error(
                            "bad-build",
                            format!("the reference map has no step `{step}`"),
                        )
                        .at(file, span, "no such step")
                        .hint(hint),
                    );
                    return None;
                }
                let field = match *field {
                    "lt" => Field::Lt,
                    "pt" => Field::Pt,
                    _ => Field::Ca,
                };
                let unit = self.figure_unit(file, question, field)?;
                (
                    Build::Figure {
                        bench,
                        step: (*step).to_string(),
                        field,
                        unit,
                    },
                    QuestionKind::Number,
                )
            }
            _ => {
                self.push(
                    Diagnostic::error("bad-build", format!("`{text}` is not something a question can build"))
                        .at(file, span, "unknown build target")
                        .hint(format!(
                            "write `{bench_id}.order`, `{bench_id}.parallel`, `{bench_id}.queue.<step>`, or `{bench_id}.<step>.lt` / `.pt` / `.ca`"
                        )),
                );
                return None;
            }
        };
        if kind != wanted {
            self.push(
                Diagnostic::error(
                    "bad-build",
                    format!(
                        "`{text}` is built by a {} question, not a {} one",
                        wanted.as_str(),
                        kind.as_str()
                    ),
                )
                .at(file, span, "wrong kind of question")
                .also(file, question.kind.span(), "the kind is set here"),
            );
            return None;
        }
        if kind != QuestionKind::Number {
            self.check_step_options(
                file,
                question,
                &step_ids,
                matches!(build, Build::Order { .. }),
            );
        }
        Some(build)
    }

    /// For a question that builds the order of a map, the options naming steps that run side
    /// by side in the reference: they are right in either order.
    pub(super) fn interchangeable(&self, question: &Question) -> Vec<Vec<usize>> {
        let Some(build) = &question.build else {
            return Vec::new();
        };
        let bench_id = build.get_ref().split('.').next().unwrap_or_default();
        let Some(MapRef::Workbench(bench)) = self.known.map_ids.get(bench_id).copied() else {
            return Vec::new();
        };
        if *question.kind.get_ref() != QuestionKind::Order {
            return Vec::new();
        }
        let reference = &self.known.map_defs[self.known.benches[bench].reference].map;
        let mut groups = Vec::new();
        parallel_groups(&reference.flow, &mut groups);
        groups
            .into_iter()
            .map(|steps| {
                steps
                    .iter()
                    .filter_map(|&step| {
                        let id = &reference.steps[step].id;
                        question
                            .options
                            .iter()
                            .position(|o| o.get_ref().id.get_ref() == id)
                    })
                    .collect::<Vec<usize>>()
            })
            .filter(|group| group.len() > 1)
            .collect()
    }

    fn check_step_options(
        &mut self,
        file: FileId,
        question: &Question,
        step_ids: &[String],
        all: bool,
    ) {
        for option in question.options.iter().map(Spanned::get_ref) {
            let id = option.id.get_ref();
            if !step_ids.contains(id) {
                let hint = self
                    .suggest(id, step_ids.iter())
                    .map(|close| format!("did you mean `{close}`?"))
                    .unwrap_or_else(|| format!("the steps are {}", quoted(step_ids)));
                self.push(
                    Diagnostic::error(
                        "bad-build",
                        format!("option `{id}` is not a step of the reference map"),
                    )
                    .at(file, option.id.span(), "not a step id")
                    .hint(format!(
                        "a build question's options are the reference map's step ids; {hint}"
                    )),
                );
            }
        }
        if all {
            let missing: Vec<String> = step_ids
                .iter()
                .filter(|id| {
                    !question
                        .options
                        .iter()
                        .any(|o| o.get_ref().id.get_ref() == *id)
                })
                .cloned()
                .collect();
            if !missing.is_empty() {
                self.push(
                    Diagnostic::error("bad-build", format!("the order leaves out {}", quoted(&missing)))
                        .at(file, question.kind.span(), "this question")
                        .hint("a map is built from every step: list all the reference map's steps as options, in the right order"),
                );
            }
        }
    }

    fn figure_unit(
        &mut self,
        file: FileId,
        question: &Question,
        field: Field,
    ) -> Option<FigureUnit> {
        let unit = question.unit.as_deref().unwrap_or("");
        let parsed = match field {
            Field::Ca => matches!(unit, "%" | "percent").then_some(FigureUnit::Percent),
            Field::Lt | Field::Pt => Unit::ALL
                .into_iter()
                .find(|u| unit == u.name(true) || unit == u.name(false) || unit == u.short())
                .map(FigureUnit::Time),
        };
        if parsed.is_none() {
            let wanted = match field {
                Field::Ca => "`unit = \"%\"`",
                Field::Lt | Field::Pt => "`unit = \"hours\"` (or minutes, days, weeks)",
            };
            self.push(
                Diagnostic::error(
                    "bad-build",
                    format!("`{unit}` is not a unit this figure can be read in"),
                )
                .at(file, question.kind.span(), "this question")
                .hint(format!("a question that builds a figure needs {wanted}")),
            );
        }
        parsed
    }

    /// What is wrong with a `vsm.<map>.<metric>` name, if anything.
    pub(super) fn vsm_name_problem(&self, path: &[String]) -> Option<NameProblem> {
        let name = path.join(".");
        let Some(map_id) = path.get(1) else {
            return Some(NameProblem {
                message: format!("`{name}` should be `vsm.<map>.<metric>`"),
                label: "incomplete name",
                hint: self.known_maps(),
            });
        };
        if self.map_is_broken(map_id) {
            return None;
        }
        let reference = match self.known.map_ids.get(map_id) {
            Some(MapRef::Reference(i)) => *i,
            Some(MapRef::Workbench(b)) => self.known.benches[*b].reference,
            None => {
                return Some(NameProblem {
                    message: format!("`{name}` names no map `{map_id}`"),
                    label: "unknown map",
                    hint: self.known_maps(),
                });
            }
        };
        let metric = path[2..].join(".");
        let names = self.known.map_defs[reference].metrics.names();
        if names.contains(&metric) {
            return None;
        }
        let hint = match closest_known(&metric, names.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `vsm.{map_id}.{close}`?"),
            None => "see the metric names in docs/format.md, or run `dojo vsm <map file> --json`"
                .to_string(),
        };
        Some(NameProblem {
            message: format!("`{name}` names no figure of map `{map_id}`"),
            label: "unknown figure",
            hint,
        })
    }
}

/// Steps that sit alone on the branches of one split: any of them may be written first.
fn parallel_groups(segments: &[crate::vsm::Segment], groups: &mut Vec<Vec<usize>>) {
    for segment in segments {
        if let crate::vsm::Segment::Parallel(branches) = segment {
            let singles: Vec<usize> = branches
                .iter()
                .filter_map(|branch| match branch.as_slice() {
                    [crate::vsm::Segment::Step(step)] => Some(*step),
                    _ => None,
                })
                .collect();
            groups.push(singles);
            for branch in branches {
                parallel_groups(branch, groups);
            }
        }
    }
}
