//! The value-stream map as the engine holds it once a file has been read and checked:
//! steps with their figures, the queues in front of them, how they connect, and the
//! conventions the figures were recorded under.

use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::FileId;

use super::calendar::Calendar;
use super::duration::Duration;
use super::flow::Segment;
use super::ratio::Ratio;

/// A checked map: every `after` resolves, the flow has no cycle, and every split joins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map {
    pub id: String,
    pub title: String,
    /// Who the stream serves, drawn at both ends ("Customer" unless the file says otherwise).
    pub customer: String,
    /// The map this one improves on, for a future-state map.
    pub(crate) improves: Option<Improves>,
    pub(crate) calendar: Calendar,
    pub(crate) conventions: Conventions,
    /// What the customer takes, for takt time; `None` where the map does not say.
    pub(crate) demand: Option<Demand>,
    /// Kaizen bursts, in file order.
    pub(crate) kaizen: Vec<Kaizen>,
    /// In file order; `Step::after` and [`Segment`]s refer to steps by index into this list.
    pub steps: Vec<Step>,
    /// The steps from customer to customer, in series and in parallel.
    pub(crate) flow: Vec<Segment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub people: Option<u32>,
    /// Lead time: from leaving the previous step until leaving this one, waiting included.
    pub(crate) lt: Duration,
    /// Process time: the part of the lead time someone actually works on the item.
    pub(crate) pt: Duration,
    /// Percent complete and accurate, as a fraction of one (0.7 for 70%); `None` where the
    /// map does not record it (factory maps rarely do).
    pub(crate) ca: Option<Ratio>,
    /// Indices of the steps this one follows; empty when it follows the customer.
    pub after: Vec<usize>,
    /// The queue of work waiting in front of this step.
    pub(crate) queue: Option<Queue>,
    /// Cycle time, changeover, uptime and shifts, where the map records them.
    pub(crate) factory: Factory,
    /// The step's number on the map: `1`, `2`, ..., with letters for parallel steps (`6a`).
    pub label: String,
}

/// The factory data of a process box; each figure is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Factory {
    /// Cycle time (C/T): how often the step finishes an item when it runs.
    pub ct: Option<Duration>,
    /// Changeover time (C/O).
    pub co: Option<Duration>,
    /// Uptime as a fraction of one.
    pub uptime: Option<Ratio>,
    /// Shifts a day, when the step's differ from the stream's.
    pub shifts: Option<u32>,
    /// Available time in one shift, when the step's differs from the stream's.
    pub available: Option<Duration>,
}

/// The customer's demand and the working time that meets it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Demand {
    /// Items a working day, exactly (a monthly demand divided by its working days).
    pub per_day: Ratio,
    /// As written, when given per month: items a month and working days in it.
    pub per_month: Option<(Ratio, Ratio)>,
    /// Shifts a day (1 unless written).
    pub shifts: u32,
    /// Available time in one shift; `None`: a calendar day shared by the shifts.
    pub available: Option<Duration>,
}

/// Where a future-state map names the map it improves on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Improves {
    /// The other map's `id`.
    pub id: String,
    pub file: FileId,
    pub span: Range<usize>,
}

/// A kaizen burst: an improvement noted on the step it targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Kaizen {
    /// Index into [`Map::steps`].
    pub step: usize,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Queue {
    pub name: String,
    pub items: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Conventions {
    pub queues: QueueRule,
    pub ca_recorded_on: CaRecordedOn,
}

/// What a queue's item count means for the lead time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum QueueRule {
    /// The count is shown only: the waiting is already inside the next step's LT (how the
    /// Pet Clinic team measured, and how most software teams do).
    #[default]
    InLeadTime,
    /// Items are turned into days of customer demand (items / daily demand) and added to the
    /// LT of the step they feed: the manufacturing tradition of "Learning to See".
    Demand {
        /// Items the customer takes per working day.
        daily_demand: Ratio,
    },
}

/// Which step a %C/A figure is written on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CaRecordedOn {
    /// On the step that receives the work and judges it (the Pet Clinic convention).
    #[default]
    Receiving,
    /// On the step that produced the work.
    Producing,
}

impl QueueRule {
    /// The name used in map files: `in-lead-time` or `demand`.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            QueueRule::InLeadTime => "in-lead-time",
            QueueRule::Demand { .. } => "demand",
        }
    }
}

impl CaRecordedOn {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            CaRecordedOn::Receiving => "receiving",
            CaRecordedOn::Producing => "producing",
        }
    }
}

impl Conventions {
    /// The conventions in a sentence, for the foot of a rendered map.
    pub(crate) fn describe(&self, calendar: &Calendar) -> String {
        let queues = match self.queues {
            QueueRule::InLeadTime => {
                "queues are item counts, their waiting already inside the next step's LT"
                    .to_string()
            }
            QueueRule::Demand { daily_demand } => format!(
                "queues are converted to days of demand ({} items a day) and added to the LT",
                daily_demand.decimal(2)
            ),
        };
        let ca = match self.ca_recorded_on {
            CaRecordedOn::Receiving => "%C/A is recorded on the step that receives the work",
            CaRecordedOn::Producing => "%C/A is recorded on the step that produced the work",
        };
        format!("{}; {queues}; {ca}.", calendar.describe())
    }
}

impl Map {
    /// Available working time in one day of the stream: its shifts times the time available in
    /// each, or one working day of the calendar.
    pub(crate) fn available_per_day(&self, step: Option<&Step>) -> Duration {
        let demand = self.demand.as_ref();
        let shifts = step
            .and_then(|s| s.factory.shifts)
            .or(demand.map(|d| d.shifts))
            .unwrap_or(1);
        let stream_shifts = demand.map_or(1, |d| d.shifts).max(1);
        let per_shift = step
            .and_then(|s| s.factory.available)
            .or(demand.and_then(|d| d.available))
            .unwrap_or_else(|| {
                let day = Duration::of(Ratio::ONE, super::calendar::Unit::Day, &self.calendar);
                day.per(Ratio::whole(u128::from(stream_shifts)))
            });
        per_shift.times(Ratio::whole(u128::from(shifts)))
    }

    /// Takt time: available time of a day over the items the customer takes in a day, for the
    /// stream (`None`) or for one step working its own shifts.
    pub(crate) fn takt(&self, step: Option<&Step>) -> Option<Duration> {
        let demand = self.demand.as_ref()?;
        Some(self.available_per_day(step).per(demand.per_day))
    }

    /// Steps by their numbers on the map, in order: `1 → 2 → 6b → 7`.
    pub(crate) fn path_labels(&self, ids: &[String]) -> String {
        ids.iter()
            .filter_map(|id| self.step(id).map(|s| s.label.as_str()))
            .collect::<Vec<_>>()
            .join(" → ")
    }

    pub(crate) fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    /// How long the queue in front of `step` adds to the lead time under this map's rule.
    pub(crate) fn queue_time(&self, step: &Step) -> Duration {
        match (self.conventions.queues, &step.queue) {
            (QueueRule::Demand { daily_demand }, Some(queue)) => {
                let days = Ratio::whole(u128::from(queue.items))
                    .div(daily_demand)
                    .unwrap_or(Ratio::ZERO);
                Duration::of(days, super::calendar::Unit::Day, &self.calendar)
            }
            _ => Duration::ZERO,
        }
    }
}
