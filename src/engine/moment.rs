//! Where the story has got to, before anything is put into words: what a step shows, for a
//! driver that reads only the state (automated playthroughs).

use crate::scenario::{Beat, MapRef, QuestionDef, SceneIx};

#[derive(Debug, Clone, Copy)]
pub(crate) enum Moment<'s> {
    /// A scene begins.
    Scene(SceneIx),
    /// Narration or a line of dialogue in the current scene.
    Beat(&'s Beat),
    Map(MapRef),
    /// The question waits for an answer; asked again until it gets one.
    Question(&'s QuestionDef),
    /// The last answer's feedback; the story has already moved on to where the answer leads.
    Feedback,
    /// The story is over; asked again, it stays over.
    End,
}
