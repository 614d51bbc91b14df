//! A spread of whole numbers in a few figures: lowest, median, highest and a small histogram.

use serde::Serialize;

/// Most histogram bars: one per value while the values span no more, equal ranges beyond.
const BARS: usize = 12;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Distribution {
    pub min: i64,
    /// The lower middle value when there is an even number: always a value some run reached.
    pub median: i64,
    pub max: i64,
    /// How many values fall in each of up to twelve equal ranges from `min` to `max`.
    pub histogram: Vec<u32>,
}

impl Distribution {
    /// `None` for no values.
    pub fn of(values: &mut [i64]) -> Option<Distribution> {
        values.sort_unstable();
        let (&min, &max) = (values.first()?, values.last()?);
        let span = i128::from(max) - i128::from(min) + 1;
        let bars = span.min(BARS as i128);
        let mut histogram = vec![0; bars as usize];
        for &value in values.iter() {
            let bar = (i128::from(value) - i128::from(min)) * bars / span;
            histogram[bar as usize] += 1;
        }
        Some(Distribution {
            min,
            median: values[(values.len() - 1) / 2],
            max,
            histogram,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_spans_get_a_bar_per_value() {
        let d = Distribution::of(&mut [3, 1, 2, 2, 5]).unwrap();
        assert_eq!((d.min, d.median, d.max), (1, 2, 5));
        assert_eq!(d.histogram, vec![1, 2, 1, 0, 1]);
    }

    #[test]
    fn wide_spans_share_twelve_bars() {
        let mut values: Vec<i64> = (0..120).collect();
        let d = Distribution::of(&mut values).unwrap();
        assert_eq!(d.histogram, vec![10; 12]);
        assert_eq!(d.median, 59);
    }

    #[test]
    fn extremes_do_not_overflow() {
        let d = Distribution::of(&mut [i64::MIN, i64::MAX]).unwrap();
        assert_eq!(d.histogram.iter().sum::<u32>(), 2);
        assert_eq!(Distribution::of(&mut []), None);
    }
}
