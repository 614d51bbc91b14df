//! The few statistics a cohort report needs: quartiles, histograms and the point-biserial
//! correlation.

use serde::Serialize;

/// Where a set of numbers lies: the middle, the middle half, the ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub count: usize,
    pub min: f64,
    /// First quartile.
    pub q1: f64,
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    pub max: f64,
}

impl Spread {
    /// `None` for no numbers. Quartiles interpolate between the two nearest values (the method
    /// spreadsheets use by default).
    pub fn of(values: &[f64]) -> Option<Spread> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let (&min, &max) = (sorted.first()?, sorted.last()?);
        Some(Spread {
            count: sorted.len(),
            min,
            q1: quantile(&sorted, 0.25),
            median: quantile(&sorted, 0.5),
            q3: quantile(&sorted, 0.75),
            max,
        })
    }
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
}

/// How many values fall in each of `bins` equal bins from `low` to `high`; the last bin holds
/// `high` itself, and values outside are counted in the nearest end bin.
pub(crate) fn histogram(values: &[f64], low: f64, high: f64, bins: usize) -> Vec<usize> {
    let mut counts = vec![0; bins];
    if bins == 0 {
        return counts;
    }
    let width = (high - low) / bins as f64;
    for &value in values {
        let bin = if width > 0.0 {
            ((value - low) / width).floor().max(0.0) as usize
        } else {
            0
        };
        counts[bin.min(bins - 1)] += 1;
    }
    counts
}

/// The point-biserial correlation of a right/wrong item with a total: the Pearson correlation
/// of 1 for right and 0 for wrong with the totals. `None` when everyone got the item right, or
/// everyone wrong, or every total is the same: then it says nothing.
pub(crate) fn point_biserial(pairs: &[(bool, f64)]) -> Option<f64> {
    let n = pairs.len() as f64;
    let right: Vec<f64> = pairs.iter().filter(|p| p.0).map(|p| p.1).collect();
    let wrong: Vec<f64> = pairs.iter().filter(|p| !p.0).map(|p| p.1).collect();
    if right.is_empty() || wrong.is_empty() {
        return None;
    }
    let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
    let all = mean(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let variance = pairs.iter().map(|p| (p.1 - all).powi(2)).sum::<f64>() / n;
    if variance <= 0.0 {
        return None;
    }
    let p = right.len() as f64 / n;
    Some((mean(&right) - mean(&wrong)) / variance.sqrt() * (p * (1.0 - p)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_interpolate_like_a_spreadsheet() {
        let spread = Spread::of(&[7.0, 1.0, 3.0, 5.0]).unwrap();
        assert_eq!(
            (spread.min, spread.q1, spread.median, spread.q3, spread.max),
            (1.0, 2.5, 4.0, 5.5, 7.0)
        );
        assert!(Spread::of(&[]).is_none());
    }

    #[test]
    fn histograms_keep_the_top_value_in_the_last_bin() {
        assert_eq!(
            histogram(&[0.0, 9.9, 10.0, 55.0, 100.0], 0.0, 100.0, 10),
            [2, 1, 0, 0, 0, 1, 0, 0, 0, 1]
        );
    }

    #[test]
    fn point_biserial_is_pearson_with_zero_and_one() {
        let pairs = [(true, 90.0), (true, 70.0), (false, 60.0), (false, 20.0)];
        // Pearson by hand: x = 1,1,0,0 (mean .5), y mean 60; cov = (15+5+0+20)/4 = 10;
        // sd x = .5, sd y = sqrt((900+100+0+1600)/4) = sqrt(650).
        let expected = 10.0 / (0.5 * 650f64.sqrt());
        let r = point_biserial(&pairs).unwrap();
        assert!((r - expected).abs() < 1e-12, "{r} vs {expected}");
        assert_eq!(point_biserial(&[(true, 1.0), (true, 2.0)]), None);
        assert_eq!(point_biserial(&[(true, 5.0), (false, 5.0)]), None);
    }
}
