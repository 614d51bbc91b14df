//! The answers a playtest gives to a question: every distinct one, or one at random, each with
//! the line a learner would type in plain mode so that a run can be replayed by hand.

use rand::seq::SliceRandom;
use rand::{Rng, RngExt};

use crate::engine::Answer;
use crate::scenario::QuestionDef;
use crate::scenario::model::QuestionKind;

/// Typed for a text question that should not match any expected word, and for one without any.
const OTHER_TEXT: &str = "no idea";

/// Fallbacks for [`OTHER_TEXT`] when an author expects one of its words.
const OTHER_TEXTS: [&str; 5] = ["pass", "x", "q", "z", "0"];

/// Enumerating more orders than this would swamp the search; beyond it, right and one wrong.
const MOST_OPTIONS_TO_PERMUTE: usize = 8;

/// Options of a select-all question beyond which its selections are too many to try each.
pub(crate) const MOST_OPTIONS_TO_SELECT: usize = 16;

/// A question waiting for an answer, with what the playtest needs to answer it.
pub(crate) struct Asked<'a> {
    pub def: &'a QuestionDef,
    /// The options shown, in order, by position in the question's list.
    pub shown: &'a [usize],
    /// The value a number question expects right now, if it can be computed.
    pub expected: Option<f64>,
}

/// One answer, by place among the options as shown, so it can become an [`Answer`] and a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Pick {
    One(usize),
    Some(Vec<usize>),
    Order(Vec<usize>),
    Number(f64),
    Text(String),
}

impl Pick {
    pub(crate) fn answer(&self, asked: &Asked<'_>) -> Answer {
        let id = |&i: &usize| asked.def.options[asked.shown[i]].id.clone();
        match self {
            Pick::One(i) => Answer::Choice(id(i)),
            Pick::Some(all) => Answer::Choices(all.iter().map(id).collect()),
            Pick::Order(all) => Answer::Order(all.iter().map(id).collect()),
            Pick::Number(n) => Answer::Number(*n),
            Pick::Text(text) => Answer::Text(text.clone()),
        }
    }

    /// What a learner types in `dojo play --plain` for this answer: options number from 1.
    pub(crate) fn line(&self) -> String {
        let numbers = |all: &[usize]| {
            all.iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        match self {
            Pick::One(i) => (i + 1).to_string(),
            Pick::Some(all) | Pick::Order(all) => numbers(all),
            // The shortest text that reads back as exactly this number.
            Pick::Number(n) => n.to_string(),
            Pick::Text(text) => text.clone(),
        }
    }
}

impl Asked<'_> {
    /// Every answer worth telling apart, in a fixed order; empty when no option is offered.
    ///
    /// Single: each option. Multiple: each non-empty selection. Order: the right order and one
    /// wrong one (its reverse), since the story only tells orders apart by being right, unless
    /// a condition reads this answer (`order_read`): then every order of up to eight options.
    /// Number and text: one right answer and one wrong one, each standing for every answer of
    /// its kind; a condition that reads the number or text itself sees only these two.
    pub(crate) fn every_pick(&self, order_read: bool) -> Vec<Pick> {
        let count = self.shown.len();
        match self.def.kind {
            QuestionKind::Single => (0..count).map(Pick::One).collect(),
            QuestionKind::Multiple => selections(count).map(Pick::Some).collect(),
            QuestionKind::Order if count == 0 => Vec::new(),
            QuestionKind::Order if order_read && count <= MOST_OPTIONS_TO_PERMUTE => {
                permutations(count).into_iter().map(Pick::Order).collect()
            }
            QuestionKind::Order => {
                let right = self.right_order();
                let mut wrong = right.clone();
                wrong.reverse();
                if wrong == right {
                    vec![Pick::Order(right)]
                } else {
                    vec![Pick::Order(right), Pick::Order(wrong)]
                }
            }
            QuestionKind::Number => match self.expected {
                Some(expected) => {
                    // A wrong answer the engine still takes: a percentage stays within 100.
                    let above = expected + self.def.tolerance + 1.0;
                    let wrong = if self.is_percent() && above > 100.0 {
                        (expected - self.def.tolerance - 1.0).max(0.0)
                    } else {
                        above
                    };
                    vec![Pick::Number(expected), Pick::Number(wrong)]
                }
                // Nothing can be right: any number stands for all of them.
                None => vec![Pick::Number(0.0)],
            },
            QuestionKind::Text => {
                let mut picks: Vec<Pick> = self
                    .def
                    .expect
                    .first()
                    .map(|word| Pick::Text(word.clone()))
                    .into_iter()
                    .collect();
                picks.extend(self.other_text().map(Pick::Text));
                picks
            }
        }
    }

    /// Whether the answer is a percentage, which the engine refuses above 100 when it
    /// builds a map.
    fn is_percent(&self) -> bool {
        self.def
            .unit
            .as_deref()
            .is_some_and(|unit| unit.starts_with('%'))
    }

    /// A uniformly random valid answer: for number and text questions, right half the time
    /// when a right answer is known. `None` when no option is offered.
    pub(crate) fn random_pick(&self, rng: &mut impl Rng) -> Option<Pick> {
        let count = self.shown.len();
        Some(match self.def.kind {
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Order if count == 0 => {
                return None;
            }
            QuestionKind::Single => Pick::One(rng.random_range(0..count)),
            QuestionKind::Multiple => Pick::Some(random_selection(count, rng)),
            QuestionKind::Order => {
                let mut order: Vec<usize> = (0..count).collect();
                order.shuffle(rng);
                Pick::Order(order)
            }
            QuestionKind::Number => match self.expected {
                Some(expected) if rng.random_bool(0.5) => Pick::Number(expected),
                expected => {
                    let top = if self.is_percent() {
                        100.0
                    } else {
                        // Halved first, so that twice a huge answer (`1e308`) is still finite.
                        expected.map_or(100.0, |e| (e.abs().min(f64::MAX / 2.0) * 2.0).max(100.0))
                    };
                    // Whole numbers are what a guessing learner types.
                    Pick::Number(rng.random_range(0.0..=top).round())
                }
            },
            QuestionKind::Text => {
                let expect = &self.def.expect;
                if !expect.is_empty() && rng.random_bool(0.5) {
                    Pick::Text(expect[rng.random_range(0..expect.len())].clone())
                } else {
                    // Every text is right when no words are expected: any stands for all.
                    Pick::Text(self.other_text().unwrap_or_else(|| OTHER_TEXT.to_string()))
                }
            }
        })
    }

    /// The options as shown, by place, in the order the author listed them: the right order.
    fn right_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.shown.len()).collect();
        order.sort_by_key(|&place| self.shown[place]);
        order
    }

    /// A text that contains none of the expected words, or `None` if every candidate does.
    fn other_text(&self) -> Option<String> {
        std::iter::once(OTHER_TEXT)
            .chain(OTHER_TEXTS)
            .find(|text| {
                !self
                    .def
                    .expect
                    .iter()
                    .any(|word| text.contains(word.as_str()))
            })
            .map(str::to_string)
    }
}

/// Every non-empty selection of `count` options, smallest bit pattern first. Exploration keeps
/// `count` to [`MOST_OPTIONS_TO_SELECT`]; the cap here only keeps the shift defined.
fn selections(count: usize) -> impl Iterator<Item = Vec<usize>> {
    let count = count.min(usize::BITS as usize - 1);
    (1..1usize << count).map(move |mask| (0..count).filter(|i| mask & (1 << i) != 0).collect())
}

/// A selection drawn uniformly from the non-empty ones of `count` options, `count` at least 1.
fn random_selection(count: usize, rng: &mut impl Rng) -> Vec<usize> {
    if count < 64 {
        let mask = rng.random_range(1..=(1u64 << count) - 1);
        return (0..count).filter(|i| mask & (1 << i) != 0).collect();
    }
    loop {
        let chosen: Vec<usize> = (0..count).filter(|_| rng.random_bool(0.5)).collect();
        if !chosen.is_empty() {
            return chosen;
        }
    }
}

/// Every order of `count` positions (Heap's algorithm).
fn permutations(count: usize) -> Vec<Vec<usize>> {
    let mut items: Vec<usize> = (0..count).collect();
    let mut all = vec![items.clone()];
    let mut c = vec![0; count];
    let mut i = 1;
    while i < count {
        if c[i] < i {
            items.swap(if i % 2 == 0 { 0 } else { c[i] }, i);
            all.push(items.clone());
            c[i] += 1;
            i = 1;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_are_every_non_empty_subset() {
        let all: Vec<Vec<usize>> = selections(3).collect();
        assert_eq!(all.len(), 7);
        assert!(all.contains(&vec![0, 2]));
        assert!(!all.contains(&vec![]));
    }

    #[test]
    fn permutations_are_all_distinct() {
        let all = permutations(4);
        assert_eq!(all.len(), 24);
        let distinct: std::collections::BTreeSet<_> = all.into_iter().collect();
        assert_eq!(distinct.len(), 24);
    }

    #[test]
    fn a_random_selection_is_never_empty() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        for count in 1..6 {
            for _ in 0..200 {
                let chosen = random_selection(count, &mut rng);
                assert!(!chosen.is_empty() && chosen.iter().all(|&i| i < count));
            }
        }
    }

    #[test]
    fn lines_number_options_from_one() {
        assert_eq!(Pick::One(0).line(), "1");
        assert_eq!(Pick::Some(vec![0, 2]).line(), "1 3");
        assert_eq!(Pick::Number(14.6).line(), "14.6");
        assert_eq!(Pick::Number(106.0).line(), "106");
    }
}
