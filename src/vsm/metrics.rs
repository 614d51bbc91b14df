//! Every figure of a value-stream map, computed exactly from its steps.
//!
//! - Total LT: the sum of step LTs along the critical path, the path with the longest LT
//!   (queue days added to the step they feed when queues are counted in days of demand).
//! - Total PT: the sum of PT along that same path.
//! - Activity ratio: total PT / total LT.
//! - Rolled %C/A: the product of every step's %C/A, parallel steps included: the share of
//!   items that pass the whole stream without rework. Steps that record none are left out,
//!   and a map where none does has no rolled or worst %C/A.
//!
//! Where two branches have the same LT, the one with more PT is taken (the path where the
//! most work happens), then the first written; the totals never depend on file order.

use serde::Serialize;

use super::calendar::Unit;
use super::duration::Duration;
use super::figure::{Percent, Time};
use super::flow::Segment;
use super::map::{Map, QueueRule};
use super::ratio::Ratio;
use super::takt::{DemandFigures, FactoryFigures, demand, factory, step_time, stream_work_time};

#[derive(Debug, Clone, Serialize)]
pub struct Metrics {
    pub map: String,
    pub title: String,
    pub calendar: CalendarFigures,
    pub conventions: ConventionFigures,
    /// Along the critical path.
    pub(crate) lead_time: Time,
    pub(crate) process_time: Time,
    /// Lead time minus process time along the critical path.
    pub(crate) wait_time: Time,
    /// Queue days of demand on the critical path; zero when queues are inside the LT.
    pub(crate) queue_time: Time,
    pub(crate) activity_ratio: Percent,
    /// Over the steps that record %C/A; `None` when none does.
    pub(crate) rolled_ca: Option<Percent>,
    /// How many steps record a %C/A.
    #[serde(skip)]
    pub(crate) ca_steps: usize,
    /// Step ids, customer to customer.
    pub critical_path: Vec<String>,
    /// Every step in flow order (parallel branches one after another).
    pub steps: Vec<StepFigures>,
    pub(crate) longest_lead_time: Pick<Time>,
    pub(crate) longest_wait: Pick<Time>,
    pub(crate) worst_ca: Option<Pick<Percent>>,
    pub(crate) worst_activity_ratio: Pick<Percent>,
    pub biggest_queue: Option<QueuePick>,
    pub people: u64,
    pub queue_items: u64,
    /// The customer's demand and takt time, when the map gives a demand.
    pub demand: Option<DemandFigures>,
    /// Steps whose cycle time is longer than their takt, in flow order.
    pub bottlenecks: Vec<Bottleneck>,
    /// The id of the map this one improves on.
    pub improves: Option<String>,
    /// Kaizen bursts, in the order the map lists them.
    pub kaizen: Vec<KaizenFigures>,
}

/// A step that cannot keep up with demand: its cycle time is longer than its takt.
#[derive(Debug, Clone, Serialize)]
pub struct Bottleneck {
    pub step: String,
    pub label: String,
    pub name: String,
    pub(crate) cycle_time: Time,
    pub(crate) takt: Time,
}

#[derive(Debug, Clone, Serialize)]
pub struct KaizenFigures {
    pub step: String,
    pub label: String,
    pub name: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CalendarFigures {
    pub hours_per_day: f64,
    pub days_per_week: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConventionFigures {
    /// `in-lead-time` or `demand`.
    pub queues: &'static str,
    /// Items a working day, when queues are counted in days of demand.
    pub daily_demand: Option<f64>,
    /// `receiving` or `producing`.
    pub ca_recorded_on: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepFigures {
    pub id: String,
    /// As numbered on the map: `3`, `6a`.
    pub label: String,
    pub name: String,
    pub owner: String,
    pub people: Option<u32>,
    pub(crate) lead_time: Time,
    pub(crate) process_time: Time,
    /// LT - PT of the step itself.
    pub(crate) wait: Time,
    /// PT / LT of the step itself.
    pub(crate) activity_ratio: Percent,
    pub(crate) ca: Option<Percent>,
    pub queue: Option<QueueFigures>,
    pub on_critical_path: bool,
    /// Cycle time, changeover, uptime, shifts and takt, where the map records them.
    #[serde(flatten)]
    pub factory: FactoryFigures,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueueFigures {
    pub name: String,
    pub items: u64,
    /// Days of demand it adds to the LT; zero when queues are inside the LT.
    pub(crate) time: Time,
}

/// The step that stands out on some figure, and that figure.
#[derive(Debug, Clone, Serialize)]
pub struct Pick<T> {
    pub step: String,
    pub name: String,
    pub value: T,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueuePick {
    pub name: String,
    pub items: u64,
    /// The step the queue feeds.
    pub step: String,
    pub step_name: String,
}

/// The steps of a part of the flow, in the order they are drawn.
pub(crate) fn flow_order(flow: &[Segment]) -> Vec<usize> {
    let mut order = Vec::new();
    for segment in flow {
        match segment {
            Segment::Step(i) => order.push(*i),
            Segment::Parallel(branches) => {
                for branch in branches {
                    order.extend(flow_order(branch));
                }
            }
        }
    }
    order
}

/// The longest-LT path through `flow`: its LT, its PT and its steps.
fn critical_path(map: &Map, flow: &[Segment]) -> (Duration, Duration, Vec<usize>) {
    let mut lt = Duration::ZERO;
    let mut pt = Duration::ZERO;
    let mut path = Vec::new();
    for segment in flow {
        match segment {
            Segment::Step(i) => {
                let step = &map.steps[*i];
                lt = lt.add(step.lt).add(map.queue_time(step));
                pt = pt.add(step.pt);
                path.push(*i);
            }
            Segment::Parallel(branches) => {
                let mut best: Option<(Duration, Duration, Vec<usize>)> = None;
                for branch in branches {
                    let candidate = critical_path(map, branch);
                    let better = best
                        .as_ref()
                        .is_none_or(|b| (candidate.0, candidate.1) > (b.0, b.1));
                    if better {
                        best = Some(candidate);
                    }
                }
                if let Some((branch_lt, branch_pt, branch_path)) = best {
                    lt = lt.add(branch_lt);
                    pt = pt.add(branch_pt);
                    path.extend(branch_path);
                }
            }
        }
    }
    (lt, pt, path)
}

impl Metrics {
    pub fn compute(map: &Map) -> Metrics {
        let calendar = &map.calendar;
        let time = |d: Duration| Time::new(d, calendar);
        // Inventory counted in days of demand: that tradition reads the stream's times in days.
        let stream_time = |d: Duration| match map.conventions.queues {
            QueueRule::Demand { .. } if d.in_unit(Unit::Day, calendar) >= Ratio::ONE => {
                Time::in_unit(d, calendar, Unit::Day)
            }
            _ => time(d),
        };
        let (lt, pt, path) = critical_path(map, &map.flow);
        let queue_time = Duration::sum(path.iter().map(|&i| map.queue_time(&map.steps[i])));
        let order = flow_order(&map.flow);
        let steps: Vec<StepFigures> = order
            .iter()
            .map(|&i| {
                let step = &map.steps[i];
                StepFigures {
                    id: step.id.clone(),
                    label: step.label.clone(),
                    name: step.name.clone(),
                    owner: step.owner.clone(),
                    people: step.people,
                    lead_time: step_time(step.lt, map),
                    process_time: step_time(step.pt, map),
                    wait: step_time(step.lt.saturating_sub(step.pt), map),
                    activity_ratio: Percent::new(ratio(step.pt, step.lt)),
                    ca: step.ca.map(Percent::new),
                    queue: step.queue.as_ref().map(|q| QueueFigures {
                        name: q.name.clone(),
                        items: q.items,
                        time: time(map.queue_time(step)),
                    }),
                    on_critical_path: path.contains(&i),
                    factory: factory(map, step),
                }
            })
            .collect();
        let recorded: Vec<Ratio> = order.iter().filter_map(|&i| map.steps[i].ca).collect();
        let rolled = (!recorded.is_empty()).then(|| {
            recorded
                .iter()
                .fold(Ratio::ONE, |product, ca| product.mul(*ca))
        });
        let pick_time = |key: fn(&StepFigures) -> &Time| {
            let best = steps.iter().reduce(|best, s| {
                if key(s).exact > key(best).exact {
                    s
                } else {
                    best
                }
            });
            pick(best, key)
        };
        let pick_percent = |key: fn(&StepFigures) -> &Percent| {
            // A step with no lead time of its own has no share of work to judge.
            let worst = steps
                .iter()
                .filter(|s| !s.lead_time.exact.is_zero())
                .reduce(|worst, s| {
                    if key(s).fraction < key(worst).fraction {
                        s
                    } else {
                        worst
                    }
                });
            pick(worst, key)
        };
        let biggest_queue = steps
            .iter()
            .filter_map(|s| s.queue.as_ref().map(|q| (s, q)))
            .reduce(|best, (s, q)| if q.items > best.1.items { (s, q) } else { best })
            .map(|(s, q)| QueuePick {
                name: q.name.clone(),
                items: q.items,
                step: s.id.clone(),
                step_name: s.name.clone(),
            });
        let bottlenecks = steps
            .iter()
            .filter(|s| s.factory.over_takt)
            .filter_map(|s| {
                Some(Bottleneck {
                    step: s.id.clone(),
                    label: s.label.clone(),
                    name: s.name.clone(),
                    cycle_time: s.factory.cycle_time.clone()?,
                    takt: s.factory.takt.clone()?,
                })
            })
            .collect();
        let kaizen = map
            .kaizen
            .iter()
            .map(|k| {
                let step = &map.steps[k.step];
                KaizenFigures {
                    step: step.id.clone(),
                    label: step.label.clone(),
                    name: step.name.clone(),
                    note: k.note.clone(),
                }
            })
            .collect();
        Metrics {
            map: map.id.clone(),
            title: map.title.clone(),
            calendar: CalendarFigures {
                hours_per_day: calendar.hours_per_day().to_f64(),
                days_per_week: calendar.days_per_week().to_f64(),
            },
            conventions: ConventionFigures {
                queues: map.conventions.queues.name(),
                daily_demand: match map.conventions.queues {
                    QueueRule::Demand { daily_demand } => Some(daily_demand.to_f64()),
                    QueueRule::InLeadTime => None,
                },
                ca_recorded_on: map.conventions.ca_recorded_on.name(),
            },
            lead_time: stream_time(lt),
            process_time: stream_work_time(pt, map),
            wait_time: stream_time(lt.saturating_sub(pt)),
            queue_time: stream_time(queue_time),
            activity_ratio: Percent::new(ratio(pt, lt)),
            rolled_ca: rolled.map(Percent::new),
            ca_steps: recorded.len(),
            critical_path: path.iter().map(|&i| map.steps[i].id.clone()).collect(),
            longest_lead_time: pick_time(|s| &s.lead_time),
            longest_wait: pick_time(|s| &s.wait),
            worst_ca: steps
                .iter()
                .filter_map(|s| s.ca.as_ref().map(|ca| (s, ca)))
                .reduce(|worst, (s, ca)| {
                    if ca.fraction < worst.1.fraction {
                        (s, ca)
                    } else {
                        worst
                    }
                })
                .map(|(s, ca)| Pick {
                    step: s.id.clone(),
                    name: s.name.clone(),
                    value: ca.clone(),
                }),
            worst_activity_ratio: pick_percent(|s| &s.activity_ratio),
            biggest_queue,
            people: steps.iter().map(|s| u64::from(s.people.unwrap_or(0))).sum(),
            queue_items: steps
                .iter()
                .filter_map(|s| s.queue.as_ref().map(|q| q.items))
                .sum(),
            steps,
            demand: demand(map),
            bottlenecks,
            improves: map.improves.as_ref().map(|i| i.id.clone()),
            kaizen,
        }
    }

    pub fn step(&self, id: &str) -> Option<&StepFigures> {
        self.steps.iter().find(|s| s.id == id)
    }
}

/// `part / whole`, or zero for an empty whole (a step with no LT of its own).
fn ratio(part: Duration, whole: Duration) -> Ratio {
    part.minutes().div(whole.minutes()).unwrap_or(Ratio::ZERO)
}

fn pick<T: Clone + Default>(step: Option<&StepFigures>, key: fn(&StepFigures) -> &T) -> Pick<T> {
    match step {
        Some(step) => Pick {
            step: step.id.clone(),
            name: step.name.clone(),
            value: key(step).clone(),
        },
        None => Pick {
            step: String::new(),
            name: String::new(),
            value: T::default(),
        },
    }
}
