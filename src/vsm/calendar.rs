//! The working calendar of a value stream: how many hours make a day and how many days a week.
//!
//! Teams quote lead times in working days and weeks, so "2 weeks" means a different number of
//! hours in an 8 h x 5 d office than on a 24 h x 7 d operations rota. The calendar is a
//! setting of each map, never a constant.

use serde::{Deserialize, Serialize};

use super::ratio::Ratio;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Calendar {
    hours_per_day: Ratio,
    days_per_week: Ratio,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum CalendarError {
    #[error("a working day must last more than 0 and at most 24 hours")]
    HoursPerDay,
    #[error("a working week must have more than 0 and at most 7 days")]
    DaysPerWeek,
}

/// A unit a duration can be written in.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Unit {
    Second,
    Minute,
    #[default]
    Hour,
    Day,
    Week,
}

impl Unit {
    pub(crate) const ALL: [Unit; 5] = [
        Unit::Second,
        Unit::Minute,
        Unit::Hour,
        Unit::Day,
        Unit::Week,
    ];

    /// "week" or "weeks".
    pub(crate) fn name(self, plural: bool) -> &'static str {
        match (self, plural) {
            (Unit::Second, false) => "second",
            (Unit::Second, true) => "seconds",
            (Unit::Minute, false) => "minute",
            (Unit::Minute, true) => "minutes",
            (Unit::Hour, false) => "hour",
            (Unit::Hour, true) => "hours",
            (Unit::Day, false) => "day",
            (Unit::Day, true) => "days",
            (Unit::Week, false) => "week",
            (Unit::Week, true) => "weeks",
        }
    }

    /// The one-letter abbreviation: `s`, `m`, `h`, `d`, `w`.
    pub(crate) fn short(self) -> &'static str {
        match self {
            Unit::Second => "s",
            Unit::Minute => "m",
            Unit::Hour => "h",
            Unit::Day => "d",
            Unit::Week => "w",
        }
    }
}

impl Default for Calendar {
    /// 8 working hours a day, 5 working days a week.
    fn default() -> Calendar {
        Calendar {
            hours_per_day: Ratio::whole(8),
            days_per_week: Ratio::whole(5),
        }
    }
}

impl Calendar {
    pub(crate) fn new(
        hours_per_day: Ratio,
        days_per_week: Ratio,
    ) -> Result<Calendar, CalendarError> {
        if hours_per_day.is_zero() || hours_per_day > Ratio::whole(24) {
            return Err(CalendarError::HoursPerDay);
        }
        if days_per_week.is_zero() || days_per_week > Ratio::whole(7) {
            return Err(CalendarError::DaysPerWeek);
        }
        Ok(Calendar {
            hours_per_day,
            days_per_week,
        })
    }

    /// Round the clock, every day: the calendar of a 24 x 7 operation.
    #[cfg(test)]
    pub(crate) fn always_on() -> Calendar {
        Calendar {
            hours_per_day: Ratio::whole(24),
            days_per_week: Ratio::whole(7),
        }
    }

    pub(crate) fn hours_per_day(&self) -> Ratio {
        self.hours_per_day
    }

    pub(crate) fn days_per_week(&self) -> Ratio {
        self.days_per_week
    }

    /// How many minutes one `unit` lasts on this calendar.
    pub(crate) fn minutes_in(&self, unit: Unit) -> Ratio {
        let hour = Ratio::whole(60);
        match unit {
            // Never fails: sixty is not zero.
            Unit::Second => Ratio::new(1, 60).unwrap_or(Ratio::ONE),
            Unit::Minute => Ratio::ONE,
            Unit::Hour => hour,
            Unit::Day => hour.mul(self.hours_per_day),
            Unit::Week => hour.mul(self.hours_per_day).mul(self.days_per_week),
        }
    }

    /// "8 h days, 5-day weeks".
    pub(crate) fn describe(&self) -> String {
        format!(
            "{} h days, {}-day weeks",
            self.hours_per_day.decimal(2),
            self.days_per_week.decimal(2)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_is_eight_hours_five_days() {
        let calendar = Calendar::default();
        assert_eq!(calendar.minutes_in(Unit::Day), Ratio::whole(480));
        assert_eq!(calendar.minutes_in(Unit::Week), Ratio::whole(2400));
        assert_eq!(calendar.describe(), "8 h days, 5-day weeks");
    }

    #[test]
    fn a_round_the_clock_calendar_has_longer_days_and_weeks() {
        let calendar = Calendar::always_on();
        assert_eq!(calendar.minutes_in(Unit::Day), Ratio::whole(1440));
        assert_eq!(calendar.minutes_in(Unit::Week), Ratio::whole(10080));
    }

    #[test]
    fn rejects_impossible_calendars() {
        let half = Ratio::new(15, 2).unwrap();
        assert!(Calendar::new(half, Ratio::whole(5)).is_ok());
        assert_eq!(
            Calendar::new(Ratio::whole(25), Ratio::whole(5)),
            Err(CalendarError::HoursPerDay)
        );
        assert_eq!(
            Calendar::new(Ratio::ZERO, Ratio::whole(5)),
            Err(CalendarError::HoursPerDay)
        );
        assert_eq!(
            Calendar::new(Ratio::whole(8), Ratio::whole(8)),
            Err(CalendarError::DaysPerWeek)
        );
    }
}
