//! Where each step goes on the SVG's grid: columns left to right in flow order, parallel
//! branches stacked in rows, and the joints where arrows leave some steps and reach others.

use super::flow::Segment;

/// One end of an arrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    /// The customer's request, at the left.
    Request,
    /// Delivery to the customer, at the right.
    Delivery,
    Step(usize),
}

/// Where arrows from `exits` meet and go on to `entries`, in the gap before column `col`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Joint {
    pub col: usize,
    pub exits: Vec<End>,
    pub entries: Vec<End>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Grid {
    /// (column, row) of every step, by step index.
    pub cells: Vec<Option<(usize, usize)>>,
    pub cols: usize,
    pub rows: usize,
    pub joints: Vec<Joint>,
}

/// What a placed part of the flow looks like from outside.
struct Shape {
    cols: usize,
    rows: usize,
    entries: Vec<End>,
    exits: Vec<End>,
}

pub(crate) fn layout(flow: &[Segment], steps: usize) -> Grid {
    let mut grid = Grid {
        cells: vec![None; steps],
        ..Grid::default()
    };
    let shape = series(flow, 0, 0, &mut grid);
    grid.cols = shape.cols;
    grid.rows = shape.rows.max(1);
    grid.joints.insert(
        0,
        Joint {
            col: 0,
            exits: vec![End::Request],
            entries: shape.entries,
        },
    );
    grid.joints.push(Joint {
        col: shape.cols,
        exits: shape.exits,
        entries: vec![End::Delivery],
    });
    grid
}

fn series(segments: &[Segment], col: usize, row: usize, grid: &mut Grid) -> Shape {
    let mut at = col;
    let mut rows = 1;
    let mut entries = Vec::new();
    let mut exits: Option<Vec<End>> = None;
    for segment in segments {
        let shape = match segment {
            Segment::Step(i) => {
                if let Some(cell) = grid.cells.get_mut(*i) {
                    *cell = Some((at, row));
                }
                Shape {
                    cols: 1,
                    rows: 1,
                    entries: vec![End::Step(*i)],
                    exits: vec![End::Step(*i)],
                }
            }
            Segment::Parallel(branches) => {
                let mut shape = Shape {
                    cols: 0,
                    rows: 0,
                    entries: Vec::new(),
                    exits: Vec::new(),
                };
                // An empty branch (a link straight past the others) takes no room: the
                // joints before and after the block still connect.
                for branch in branches.iter().filter(|b| !b.is_empty()) {
                    let inner = series(branch, at, row + shape.rows, grid);
                    shape.cols = shape.cols.max(inner.cols);
                    shape.rows += inner.rows;
                    shape.entries.extend(inner.entries);
                    shape.exits.extend(inner.exits);
                }
                shape.rows = shape.rows.max(1);
                shape
            }
        };
        match exits.take() {
            Some(before) => grid.joints.push(Joint {
                col: at,
                exits: before,
                entries: shape.entries.clone(),
            }),
            None => entries = shape.entries.clone(),
        }
        exits = Some(shape.exits);
        at += shape.cols;
        rows = rows.max(shape.rows);
    }
    Shape {
        cols: at - col,
        rows,
        entries,
        exits: exits.unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Segment::{Parallel, Step};

    #[test]
    fn parallel_steps_share_a_column_and_stack() {
        let flow = vec![
            Step(0),
            Parallel(vec![vec![Step(1), Step(2)], vec![Step(3)]]),
            Step(4),
        ];
        let grid = layout(&flow, 5);
        assert_eq!(
            grid.cells,
            vec![
                Some((0, 0)),
                Some((1, 0)),
                Some((2, 0)),
                Some((1, 1)),
                Some((3, 0))
            ]
        );
        assert_eq!((grid.cols, grid.rows), (4, 2));
        assert_eq!(
            grid.joints,
            vec![
                Joint {
                    col: 0,
                    exits: vec![End::Request],
                    entries: vec![End::Step(0)]
                },
                Joint {
                    col: 2,
                    exits: vec![End::Step(1)],
                    entries: vec![End::Step(2)]
                },
                Joint {
                    col: 1,
                    exits: vec![End::Step(0)],
                    entries: vec![End::Step(1), End::Step(3)]
                },
                Joint {
                    col: 3,
                    exits: vec![End::Step(2), End::Step(3)],
                    entries: vec![End::Step(4)]
                },
                Joint {
                    col: 4,
                    exits: vec![End::Step(4)],
                    entries: vec![End::Delivery]
                },
            ]
        );
    }
}
