//! Durations as people write them (`2w`, `3 days`, `1.5h`, `1h 30m`), held exactly as a
//! fraction of minutes on a given calendar, and shown back in the most natural unit.

use std::ops::Range;

use super::calendar::{Calendar, Unit};
use super::ratio::Ratio;

/// A length of time, exactly, in minutes. Which calendar turned "2 weeks" into minutes is
/// the map's business: a `Duration` is only ever compared with others from the same map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub(crate) struct Duration(Ratio);

/// Why a duration's text could not be read; `at` is the byte range of the culprit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum DurationError {
    #[error("no duration given")]
    Empty,
    #[error("a duration cannot be negative")]
    Negative { at: Range<usize> },
    #[error("`{found}` is not a number")]
    NotANumber { found: String, at: Range<usize> },
    #[error("`{number}` has no unit")]
    MissingUnit { number: String, at: Range<usize> },
    #[error("unknown unit `{unit}`; use {ACCEPTED}")]
    UnknownUnit { unit: String, at: Range<usize> },
}

/// The units a duration may be written in, as the error for an unknown one lists them.
pub(crate) const ACCEPTED: &str = "seconds (s, sec), minutes (m, min), hours (h, hr), days (d) or weeks (w, wk), e.g. `2w`, `3 days`, `1.5h`, `39 s`";

impl DurationError {
    /// Where in the text the problem is; `None` for the whole text.
    pub(crate) fn at(&self) -> Option<Range<usize>> {
        match self {
            DurationError::Empty => None,
            DurationError::Negative { at }
            | DurationError::NotANumber { at, .. }
            | DurationError::MissingUnit { at, .. }
            | DurationError::UnknownUnit { at, .. } => Some(at.clone()),
        }
    }
}

// `add` as a method, like `Ratio`'s, for the same reason.
#[allow(clippy::should_implement_trait)]
impl Duration {
    pub(crate) const ZERO: Duration = Duration(Ratio::ZERO);

    pub(crate) fn from_minutes(minutes: Ratio) -> Duration {
        Duration(minutes)
    }

    /// `n` of `unit` on `calendar`.
    pub(crate) fn of(n: Ratio, unit: Unit, calendar: &Calendar) -> Duration {
        Duration(n.mul(calendar.minutes_in(unit)))
    }

    pub(crate) fn minutes(self) -> Ratio {
        self.0
    }

    pub(crate) fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    pub(crate) fn add(self, other: Duration) -> Duration {
        Duration(self.0.add(other.0))
    }

    pub(crate) fn sum(items: impl IntoIterator<Item = Duration>) -> Duration {
        items.into_iter().fold(Duration::ZERO, Duration::add)
    }

    /// `n` times this duration.
    pub(crate) fn times(self, n: Ratio) -> Duration {
        Duration(self.0.mul(n))
    }

    /// This duration shared out `n` ways; zero for `n` of zero (checked where it is read).
    pub(crate) fn per(self, n: Ratio) -> Duration {
        Duration(self.0.div(n).unwrap_or(Ratio::ZERO))
    }

    /// `self - other`, or zero when `other` is longer.
    pub(crate) fn saturating_sub(self, other: Duration) -> Duration {
        Duration(self.0.checked_sub(other.0).unwrap_or(Ratio::ZERO))
    }

    /// How many `unit`s this lasts on `calendar`, exactly.
    pub(crate) fn in_unit(self, unit: Unit, calendar: &Calendar) -> Ratio {
        // A calendar's units are never zero long, so the division always succeeds.
        self.0.div(calendar.minutes_in(unit)).unwrap_or(Ratio::ZERO)
    }

    /// "384 hours", "2.98 weeks", "1 day": the value in `unit`, rounded to two decimals.
    pub(crate) fn text_in(self, unit: Unit, calendar: &Calendar) -> String {
        quantity(self.in_unit(unit, calendar), unit)
    }

    /// "384 h", "9.6 w": the short form, for tight columns.
    #[cfg(test)]
    pub(crate) fn short_in(self, unit: Unit, calendar: &Calendar) -> String {
        format!(
            "{} {}",
            self.in_unit(unit, calendar).decimal(2),
            unit.short()
        )
    }

    /// The unit a person would say this in: the largest in which it is at least one and reads
    /// exactly with at most one decimal, skipping awkward ones under 1.5 (`7 days` rather than
    /// `1.4 weeks`, `9.6 weeks` rather than `48 days`, `119 hours` rather than `2.98 weeks`);
    /// failing that, the largest in which it is at least one (`1.2 days`).
    pub(crate) fn natural_unit(self, calendar: &Calendar) -> Unit {
        for unit in [Unit::Week, Unit::Day, Unit::Hour] {
            let value = self.in_unit(unit, calendar);
            let tenths = value.mul(Ratio::whole(10));
            let readable = value.is_whole() || (tenths.is_whole() && value >= ratio(3, 2));
            if value >= Ratio::ONE && readable {
                return unit;
            }
        }
        if self.minutes().is_whole() && !self.is_zero() {
            return Unit::Minute;
        }
        // Cycle times of a few seconds to a few minutes read in seconds: `62 seconds`, not
        // `1.03 minutes`.
        let seconds = self.in_unit(Unit::Second, calendar);
        if !self.is_zero() && seconds.is_whole() && seconds <= Ratio::whole(600) {
            return Unit::Second;
        }
        // Nothing reads exactly (days of demand often do not): the largest unit that is at
        // least one, rounded when shown.
        [Unit::Week, Unit::Day, Unit::Hour]
            .into_iter()
            .find(|&unit| self.in_unit(unit, calendar) >= Ratio::ONE)
            .unwrap_or(if self.is_zero() {
                Unit::Hour
            } else if self.minutes() >= Ratio::ONE {
                Unit::Minute
            } else {
                Unit::Second
            })
    }

    /// This duration in its [natural unit](Duration::natural_unit): "9.6 weeks", "7 days".
    pub(crate) fn natural(self, calendar: &Calendar) -> String {
        self.text_in(self.natural_unit(calendar), calendar)
    }
}

fn ratio(n: u128, d: u128) -> Ratio {
    Ratio::new(n, d).unwrap_or(Ratio::ZERO)
}

/// "1 week", "1.5 weeks", "0 hours".
pub(crate) fn quantity(value: Ratio, unit: Unit) -> String {
    let text = value.decimal(2);
    format!("{text} {}", unit.name(text != "1"))
}

/// Reads one or more `<number> <unit>` terms (`2w`, `3 days`, `1h 30m`, `1 week, 2 days`).
pub(crate) fn parse(text: &str, calendar: &Calendar) -> Result<Duration, DurationError> {
    let mut total = Duration::ZERO;
    let mut rest = 0;
    let bytes = text.as_bytes();
    let skip = |mut i: usize| {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        i
    };
    let mut terms = 0;
    loop {
        rest = skip(rest);
        if rest >= text.len() {
            break;
        }
        let start = rest;
        if text[start..].starts_with('-') {
            return Err(DurationError::Negative {
                at: start..start + 1,
            });
        }
        let number_end = text[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
            .map_or(text.len(), |i| start + i);
        let word_end = |from: usize| {
            text[from..]
                .find(|c: char| c.is_whitespace() || c == ',')
                .map_or(text.len(), |i| from + i)
        };
        let Some(number) = Ratio::parse_decimal(&text[start..number_end]) else {
            let end = word_end(start).max(number_end);
            return Err(DurationError::NotANumber {
                found: text[start..end].to_string(),
                at: start..end,
            });
        };
        let unit_start = {
            let mut i = number_end;
            while i < bytes.len() && bytes[i] == b' ' {
                i += 1;
            }
            i
        };
        let unit_end = text[unit_start..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(text.len(), |i| unit_start + i);
        if unit_start == unit_end {
            return Err(DurationError::MissingUnit {
                number: text[start..number_end].to_string(),
                at: start..number_end,
            });
        }
        let word = &text[unit_start..unit_end];
        let Some(unit) = unit_named(word) else {
            return Err(DurationError::UnknownUnit {
                unit: word.to_string(),
                at: unit_start..unit_end,
            });
        };
        total = total.add(Duration::of(number, unit, calendar));
        terms += 1;
        rest = unit_end;
    }
    if terms == 0 {
        return Err(DurationError::Empty);
    }
    Ok(total)
}

fn unit_named(word: &str) -> Option<Unit> {
    match word.to_lowercase().as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => Some(Unit::Second),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(Unit::Minute),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(Unit::Hour),
        "d" | "day" | "days" => Some(Unit::Day),
        "w" | "wk" | "wks" | "week" | "weeks" => Some(Unit::Week),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> Ratio {
        parse(text, &Calendar::default())
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .minutes()
    }

    #[test]
    fn reads_every_unit_and_spelling() {
        for (text, expected) in [
            ("2w", 2 * 2400),
            ("2 weeks", 2 * 2400),
            ("1 week", 2400),
            ("1wk", 2400),
            ("3 wks", 3 * 2400),
            ("3 days", 3 * 480),
            ("1d", 480),
            ("1 day", 480),
            ("1h", 60),
            ("2 hours", 120),
            ("1 hr", 60),
            ("3hrs", 180),
            ("90m", 90),
            ("90 min", 90),
            ("1 minute", 1),
            ("45 mins", 45),
            ("2 Hours", 120),
            ("0h", 0),
        ] {
            assert_eq!(minutes(text), Ratio::whole(expected), "{text}");
        }
    }

    #[test]
    fn reads_decimals_and_compound_durations_exactly() {
        assert_eq!(minutes("1.5h"), Ratio::whole(90));
        assert_eq!(minutes("0.5 days"), Ratio::whole(240));
        assert_eq!(minutes("2.5w"), Ratio::whole(6000));
        assert_eq!(minutes("0.01h"), Ratio::new(3, 5).unwrap());
        assert_eq!(minutes("1h 30m"), Ratio::whole(90));
        assert_eq!(minutes("1h30m"), Ratio::whole(90));
        assert_eq!(minutes("1 week, 2 days"), Ratio::whole(2400 + 960));
        assert_eq!(minutes("  3 d  "), Ratio::whole(1440));
    }

    #[test]
    fn reads_seconds_exactly_and_shows_short_times_in_them() {
        let calendar = Calendar::default();
        for (text, sixtieths) in [("39 s", 39), ("1 sec", 1), ("46secs", 46), ("2 seconds", 2)] {
            assert_eq!(minutes(text), Ratio::new(sixtieths, 60).unwrap(), "{text}");
        }
        assert_eq!(minutes("1m 30s"), Ratio::new(3, 2).unwrap());
        let shown = |text: &str| parse(text, &calendar).unwrap().natural(&calendar);
        assert_eq!(shown("39 s"), "39 seconds");
        assert_eq!(shown("62 s"), "62 seconds");
        assert_eq!(shown("120 s"), "2 minutes");
        assert_eq!(shown("1 s"), "1 second");
        assert_eq!(shown("0.5 s"), "0.5 seconds");
        assert_eq!(shown("3600 s"), "1 hour");
    }

    #[test]
    fn the_calendar_decides_how_long_days_and_weeks_are() {
        let always_on = Calendar::always_on();
        assert_eq!(
            parse("2w", &always_on).unwrap().minutes(),
            Ratio::whole(2 * 7 * 24 * 60)
        );
        assert_eq!(
            parse("1.5h", &always_on).unwrap().minutes(),
            Ratio::whole(90)
        );
    }

    #[test]
    fn bad_text_gets_a_typed_error_that_points_at_the_culprit() {
        let calendar = Calendar::default();
        let error = parse("2 fortnights", &calendar).unwrap_err();
        assert_eq!(
            error,
            DurationError::UnknownUnit {
                unit: "fortnights".into(),
                at: 2..12
            }
        );
        let message = error.to_string();
        assert!(message.starts_with("unknown unit `fortnights`; use seconds (s, sec), minutes"));
        assert!(message.contains("weeks (w, wk)"));
        assert_eq!(parse("", &calendar), Err(DurationError::Empty));
        assert_eq!(parse("   ", &calendar), Err(DurationError::Empty));
        assert_eq!(
            parse("two weeks", &calendar),
            Err(DurationError::NotANumber {
                found: "two".into(),
                at: 0..3
            })
        );
        assert_eq!(
            parse("5", &calendar),
            Err(DurationError::MissingUnit {
                number: "5".into(),
                at: 0..1
            })
        );
        assert_eq!(
            parse("-1d", &calendar),
            Err(DurationError::Negative { at: 0..1 })
        );
        assert!(matches!(
            parse("1.2.3h", &calendar),
            Err(DurationError::NotANumber { .. })
        ));
        assert!(matches!(
            parse("3 months", &calendar),
            Err(DurationError::UnknownUnit { .. })
        ));
    }

    #[test]
    fn shows_durations_in_the_unit_a_person_would_use() {
        let calendar = Calendar::default();
        let hours = |h: u128| Duration::from_minutes(Ratio::whole(h * 60));
        assert_eq!(hours(384).natural(&calendar), "9.6 weeks");
        assert_eq!(hours(384).text_in(Unit::Day, &calendar), "48 days");
        assert_eq!(hours(384).text_in(Unit::Hour, &calendar), "384 hours");
        assert_eq!(hours(56).natural(&calendar), "7 days");
        assert_eq!(hours(120).natural(&calendar), "3 weeks");
        assert_eq!(hours(119).natural(&calendar), "119 hours");
        assert_eq!(hours(40).natural(&calendar), "1 week");
        assert_eq!(hours(8).natural(&calendar), "1 day");
        assert_eq!(hours(1).natural(&calendar), "1 hour");
        assert_eq!(hours(12).natural(&calendar), "1.5 days");
        assert_eq!(hours(0).natural(&calendar), "0 hours");
        assert_eq!(minutes("90m").to_string(), "90");
        assert_eq!(
            Duration::from_minutes(Ratio::whole(90)).natural(&calendar),
            "1.5 hours"
        );
        assert_eq!(
            Duration::from_minutes(Ratio::whole(20)).natural(&calendar),
            "20 minutes"
        );
        assert_eq!(hours(119).text_in(Unit::Week, &calendar), "2.98 weeks");
        let inexact = Duration::from_minutes(Ratio::new(1100 * 480, 920).unwrap());
        assert_eq!(inexact.natural(&calendar), "1.2 days");
        let inexact = Duration::from_minutes(Ratio::new(100, 3).unwrap());
        assert_eq!(inexact.natural(&calendar), "33.33 minutes");
        assert_eq!(hours(384).short_in(Unit::Hour, &calendar), "384 h");
    }
}
