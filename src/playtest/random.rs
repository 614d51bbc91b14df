//! Many seeded random runs, spread over the machine's cores, added up into a report.

use std::collections::BTreeSet;
use std::num::NonZero;
use std::thread;

use serde::Serialize;

use crate::scenario::{Scenario, SceneIx};

use super::coverage::{Coverage, Seen};
use super::run::{Ended, RunEnd, Runner, Stall, Trail};
use super::stats::Distribution;

/// Runs per thread below which another thread costs more than it saves.
const RUNS_PER_THREAD: u32 = 64;

#[derive(Debug, Clone, Copy)]
pub struct RandomOptions {
    pub runs: u32,
    pub seed: u64,
    /// A run that answers this many questions without reaching an ending is stuck.
    pub max_answers: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RandomReport {
    pub runs: u32,
    pub seed: u64,
    pub max_answers: usize,
    /// Answers given in all runs together.
    pub answers: u64,
    /// Answers given by each run that reached an ending.
    pub answers_per_run: Option<Distribution>,
    /// Most reached first.
    pub endings: Vec<EndingCount>,
    pub coverage: Coverage,
    /// Final scores of the runs that reached an ending, per competency.
    pub scores: Vec<ScoreSpread>,
    /// Final share of the attainable score, 0 to 100.
    pub percent: Option<Distribution>,
    /// Every grade band, highest first, with the runs that earned it.
    pub grades: Vec<GradeCount>,
    /// Runs that reached no ending, in run order.
    pub stuck: Vec<StuckRun>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EndingCount {
    pub scene: String,
    pub title: String,
    pub runs: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreSpread {
    pub competency: String,
    pub name: String,
    pub distribution: Option<Distribution>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeCount {
    pub name: String,
    pub runs: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct StuckRun {
    /// Counted from 0.
    pub run: u32,
    /// Replays the run with `dojo play PATH --plain --seed SEED`.
    pub seed: u64,
    pub answered: usize,
    pub why: Why,
    /// The answers to type, one per line, to follow the run to where it got stuck.
    pub replay: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Why {
    /// No ending within the allowed answers. From answer `from_answer` on (counted from 1), the
    /// run only went round `scenes`; the replay gets there and goes round once.
    NoEnding {
        from_answer: usize,
        scenes: Vec<String>,
    },
    /// The question in `scene` offered no option to choose.
    NoOptions { scene: String },
    /// After the last answer, scenes without questions led into each other without end.
    Circling { scenes: Vec<String> },
    /// The engine refused an answer made from the options it showed.
    Refused { scene: String, message: String },
}

/// The seed of run `run`: well spread, so neighbouring runs share nothing.
pub fn run_seed(seed: u64, run: u32) -> u64 {
    splitmix64(seed ^ splitmix64(u64::from(run).wrapping_add(1)))
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Plays every run and adds them up. The report is the same whatever the number of cores.
pub fn random_runs(scenario: &Scenario, options: RandomOptions) -> RandomReport {
    let runner = Runner::new(scenario, options.max_answers);
    let threads = thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(options.runs.div_ceil(RUNS_PER_THREAD).max(1) as usize);
    let runner = &runner;
    // One share of the runs per thread, so each thread keeps one story and one coverage tally.
    let shares: Vec<usize> = (0..threads).collect();
    let parts = crate::parallel::map(&shares, |&first| {
        let mut seen = Seen::new(scenario);
        let mut story = runner.story();
        let ends: Vec<(u32, RunEnd)> = (first as u32..options.runs)
            .step_by(threads)
            .map(|run| {
                let seed = run_seed(options.seed, run);
                (run, runner.play(&mut story, seed, &mut seen, None))
            })
            .collect();
        (ends, seen)
    });
    let mut seen = Seen::new(scenario);
    let mut ends = Vec::with_capacity(options.runs as usize);
    for (part, part_seen) in parts {
        seen.merge(&part_seen);
        ends.extend(part);
    }
    ends.sort_by_key(|(run, _)| *run);
    let mut ended = Vec::new();
    let mut stuck = Vec::new();
    for (run, end) in ends {
        match end {
            RunEnd::Ended(end) => ended.push(end),
            RunEnd::Stuck(_) => stuck.push(stuck_run(runner, &seen, options.seed, run)),
        }
    }
    report(scenario, options, &ended, seen.coverage(scenario), stuck)
}

fn report(
    scenario: &Scenario,
    options: RandomOptions,
    ended: &[Ended],
    coverage: Coverage,
    stuck: Vec<StuckRun>,
) -> RandomReport {
    let mut endings: Vec<(SceneIx, EndingCount)> = Vec::new();
    for end in ended {
        match endings.iter_mut().find(|(scene, _)| *scene == end.ending) {
            Some((_, count)) => count.runs += 1,
            None => endings.push((
                end.ending,
                EndingCount {
                    scene: scenario.scenes[end.ending].id.clone(),
                    title: end.title.clone(),
                    runs: 1,
                },
            )),
        }
    }
    endings.sort_by_key(|(scene, count)| (std::cmp::Reverse(count.runs), *scene));
    let spread = |value: &dyn Fn(&Ended) -> i64| {
        Distribution::of(&mut ended.iter().map(value).collect::<Vec<_>>())
    };
    let stuck_answers: u64 = stuck.iter().map(|s| s.answered as u64).sum();
    RandomReport {
        runs: options.runs,
        seed: options.seed,
        max_answers: options.max_answers,
        answers: ended.iter().map(|e| e.answers as u64).sum::<u64>() + stuck_answers,
        answers_per_run: spread(&|e| e.answers as i64),
        endings: endings.into_iter().map(|(_, count)| count).collect(),
        coverage,
        scores: scenario
            .competencies
            .iter()
            .enumerate()
            .map(|(i, competency)| ScoreSpread {
                competency: competency.id.clone(),
                name: competency.name.clone(),
                distribution: spread(&|e| e.scores.get(i).copied().unwrap_or(0)),
            })
            .collect(),
        percent: spread(&|e| i64::from(e.percent)),
        grades: scenario
            .grades
            .iter()
            .enumerate()
            .map(|(i, band)| GradeCount {
                name: band.name.clone(),
                runs: ended.iter().filter(|e| e.grade == Some(i)).count() as u32,
            })
            .collect(),
        stuck,
    }
}

/// Plays a stuck run again, keeping its trail this time (runs are deterministic, and keeping
/// a trail for every run would slow all of them for the few that need it).
fn stuck_run(runner: &Runner<'_>, seen: &Seen, seed: u64, run: u32) -> StuckRun {
    let scenes_of = |ix: SceneIx| runner.scenario.scenes[ix].id.clone();
    let seed = run_seed(seed, run);
    let mut trail = Trail::default();
    let end = runner.play(
        &mut runner.story(),
        seed,
        &mut seen.clone(),
        Some(&mut trail),
    );
    let answered = trail.answers.len();
    // Distinct scenes entered after `from` answers and before `until`, in the order met.
    let met = |from: usize, until: usize| {
        let mut scenes: Vec<String> = Vec::new();
        for &(_, scene) in trail
            .entered
            .iter()
            .filter(|(n, _)| (from..until).contains(n))
        {
            if !scenes.contains(&scenes_of(scene)) {
                scenes.push(scenes_of(scene));
            }
        }
        scenes
    };
    let mut replay_len = answered;
    let why = match end {
        RunEnd::Ended(_) | RunEnd::Stuck(Stall::TooLong) => {
            let (from, until) = round_trip(&trail.answers);
            replay_len = until;
            Why::NoEnding {
                from_answer: from + 1,
                scenes: met(from, until + 1),
            }
        }
        RunEnd::Stuck(Stall::NoOptions(scene)) => Why::NoOptions {
            scene: scenes_of(scene),
        },
        RunEnd::Stuck(Stall::Circling) => Why::Circling {
            scenes: met(answered, answered + 1),
        },
        RunEnd::Stuck(Stall::Refused { scene, message }) => Why::Refused {
            scene: scenes_of(scene),
            message,
        },
    };
    StuckRun {
        run,
        seed,
        answered,
        why,
        replay: trail.answers[..replay_len]
            .iter()
            .map(|(line, _)| line.clone())
            .collect(),
    }
}

/// Where a long run started going round: the scenes its second half answered in are the
/// round, which starts after the last answer elsewhere. Returns that start and where one full
/// round after it ends.
fn round_trip(answers: &[(String, SceneIx)]) -> (usize, usize) {
    let round: BTreeSet<SceneIx> = answers[answers.len() / 2..]
        .iter()
        .map(|(_, scene)| *scene)
        .collect();
    let from = answers
        .iter()
        .rposition(|(_, scene)| !round.contains(scene))
        .map_or(0, |i| i + 1);
    let mut met = BTreeSet::new();
    let mut until = from;
    while until < answers.len() && met.len() < round.len() {
        met.insert(answers[until].1);
        until += 1;
    }
    (from, until)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_starts_after_the_last_answer_elsewhere() {
        let answers: Vec<(String, SceneIx)> = [0, 1, 2, 3, 2, 3, 2, 3, 2, 3]
            .into_iter()
            .map(|scene| (scene.to_string(), scene))
            .collect();
        assert_eq!(round_trip(&answers), (2, 4));
    }

    #[test]
    fn run_seeds_differ() {
        let seeds: BTreeSet<u64> = (0..1000).map(|run| run_seed(1, run)).collect();
        assert_eq!(seeds.len(), 1000);
        assert_ne!(run_seed(1, 0), run_seed(2, 0));
    }
}
