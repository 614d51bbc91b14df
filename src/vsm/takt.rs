//! Takt time and the factory figures of a map: what the customer takes a day, the working
//! time that meets it, and each step's cycle time set against its takt. A step whose cycle
//! time is longer than its takt cannot keep up with demand: a bottleneck.
//!
//! Takt = available working time of a day / items the customer takes in a day, exactly. A
//! step working shifts of its own has a takt of its own; otherwise the stream's.

use serde::Serialize;

use super::calendar::Unit;
use super::figure::{Percent, Time};
use super::map::{Map, Step};

/// The customer's demand as figures.
#[derive(Debug, Clone, Serialize)]
pub struct DemandFigures {
    /// Items a working day.
    pub per_day: f64,
    #[serde(skip)]
    pub(crate) per_day_exact: super::ratio::Ratio,
    /// "460 items a day", or "9200 items a month over 20 working days = 460 a day".
    pub text: String,
    pub per_month: Option<f64>,
    pub working_days: Option<f64>,
    pub shifts: u32,
    /// Working time available in one shift.
    pub(crate) available_per_shift: Time,
    /// In a day, every shift.
    pub(crate) available_per_day: Time,
    /// Available time of a day / items a day.
    pub(crate) takt: Time,
}

/// A step's factory data as figures, where the map records them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FactoryFigures {
    pub(crate) cycle_time: Option<Time>,
    pub(crate) changeover: Option<Time>,
    pub(crate) uptime: Option<Percent>,
    /// Shifts a day, where the step or `[demand]` says.
    pub shifts: Option<u32>,
    /// Available time in one shift, where the step says.
    pub(crate) available_per_shift: Option<Time>,
    /// The step's takt time, when the map has a demand.
    pub(crate) takt: Option<Time>,
    /// Cycle time longer than takt.
    pub over_takt: bool,
}

impl FactoryFigures {
    pub(crate) fn is_empty(&self) -> bool {
        self.cycle_time.is_none()
            && self.changeover.is_none()
            && self.uptime.is_none()
            && self.available_per_shift.is_none()
    }
}

pub(crate) fn demand(map: &Map) -> Option<DemandFigures> {
    let demand = map.demand.as_ref()?;
    let takt = map.takt(None)?;
    let per_day = demand.per_day.decimal(2);
    let text = match demand.per_month {
        Some((month, days)) => format!(
            "{} items a month over {} working days = {per_day} a day",
            month.decimal(2),
            days.decimal(2)
        ),
        None => format!("{per_day} items a day"),
    };
    let per_shift = map
        .available_per_day(None)
        .per(super::ratio::Ratio::whole(u128::from(demand.shifts.max(1))));
    Some(DemandFigures {
        per_day: demand.per_day.to_f64(),
        per_day_exact: demand.per_day,
        text,
        per_month: demand.per_month.map(|(m, _)| m.to_f64()),
        working_days: demand.per_month.map(|(_, d)| d.to_f64()),
        shifts: demand.shifts,
        available_per_shift: in_seconds_under(per_shift, map, 86_400),
        available_per_day: in_seconds_under(map.available_per_day(None), map, 86_400),
        takt: in_seconds_when_short(takt, map),
    })
}

pub(crate) fn factory(map: &Map, step: &Step) -> FactoryFigures {
    let f = &step.factory;
    let takt = map.takt(Some(step));
    let over_takt = match (f.ct, takt) {
        (Some(ct), Some(takt)) => ct > takt,
        _ => false,
    };
    FactoryFigures {
        cycle_time: f.ct.map(|d| in_seconds_when_short(d, map)),
        changeover: f.co.map(|d| Time::new(d, &map.calendar)),
        uptime: f.uptime.map(Percent::new),
        shifts: f.shifts.or(map.demand.as_ref().map(|d| d.shifts)),
        available_per_shift: f.available.map(|d| in_seconds_under(d, map, 86_400)),
        takt: takt
            .filter(|_| f.ct.is_some() || f.shifts.is_some() || f.available.is_some())
            .map(|d| in_seconds_when_short(d, map)),
        over_takt,
    }
}

/// Cycle and takt times are compared at a glance in seconds while they are under ten minutes.
fn in_seconds_when_short(duration: super::duration::Duration, map: &Map) -> Time {
    in_seconds_under(duration, map, 600)
}

/// `duration` in seconds when it reads exactly in them and lasts at most `limit` seconds.
fn in_seconds_under(duration: super::duration::Duration, map: &Map, limit: u128) -> Time {
    let calendar = &map.calendar;
    let seconds = duration.in_unit(Unit::Second, calendar);
    if seconds.is_whole() && seconds <= super::ratio::Ratio::whole(limit) {
        Time::in_unit(duration, calendar, Unit::Second)
    } else {
        Time::new(duration, calendar)
    }
}

/// Whether the map is a factory map (a demand, or queues in days of demand), where work is
/// timed in seconds.
pub(crate) fn is_factory(map: &Map) -> bool {
    map.demand.is_some() || matches!(map.conventions.queues, super::map::QueueRule::Demand { .. })
}

/// A step's time as its map's readers say it: seconds on a factory map while under ten
/// minutes (`240 seconds`, not `4 minutes`), else the natural unit.
pub(crate) fn step_time(duration: super::duration::Duration, map: &Map) -> Time {
    if is_factory(map) {
        in_seconds_when_short(duration, map)
    } else {
        Time::new(duration, &map.calendar)
    }
}

/// The process time of a whole factory stream reads in seconds while under an hour.
pub(crate) fn stream_work_time(duration: super::duration::Duration, map: &Map) -> Time {
    if is_factory(map) {
        in_seconds_under(duration, map, 3600)
    } else {
        Time::new(duration, &map.calendar)
    }
}
