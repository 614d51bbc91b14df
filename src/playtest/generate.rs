//! Synthetic scenarios of any size, for benchmarks and tests: narration, dialogue among six
//! characters, single, multiple, number and order questions, branches that rejoin, routes on
//! conditions and several endings, split into files of a hundred scenes.
//!
//! The story runs through layers of four rooms. In each room a single-choice question branches
//! to a talk (a multiple-choice question), a count (a number or order question) or an aside,
//! which all rejoin at the room's end; asides rejoin at the next room's end instead. Each room's
//! end leads to the same room of the next layer, or, on a condition, the next room over.
//! Every tenth layer has a way out to an early ending; the last leads through an interlude to
//! a finale that routes to one of three endings by score.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

/// Rooms side by side in each layer.
const ROOMS: usize = 4;
/// Scenes in a room: ask, talk, count, aside, end.
const ROOM_SCENES: usize = 5;
/// Start, finale and three endings.
const FRAME_SCENES: usize = 5;
const SCENES_PER_FILE: usize = 100;
const CHARACTERS: [(&str, &str, &str); 6] = [
    ("ana", "Ana", "Team lead"),
    ("ben", "Ben", "Developer"),
    ("chen", "Chen", "Tester"),
    ("dara", "Dara", "Product owner"),
    ("eli", "Eli", "Operations"),
    ("fay", "Fay", "Security"),
];

/// The fewest scenes a generated scenario can have: one layer of rooms and its frame.
pub const MIN_SCENES: usize = FRAME_SCENES + ROOMS * ROOM_SCENES;

/// Writes a scenario of exactly `scenes` scenes into `dir`, which must exist.
pub fn generate(dir: &Path, scenes: usize) -> io::Result<()> {
    if scenes < MIN_SCENES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a generated scenario has at least {MIN_SCENES} scenes"),
        ));
    }
    let mut layers = (scenes - FRAME_SCENES) / (ROOMS * ROOM_SCENES);
    while FRAME_SCENES + layers * ROOMS * ROOM_SCENES + layers / 10 > scenes {
        layers -= 1;
    }
    let interludes = scenes - FRAME_SCENES - layers * ROOMS * ROOM_SCENES - layers / 10;
    let mut writer = Writer::default();
    writer.start();
    let after_rooms = if interludes > 0 {
        "interlude-0"
    } else {
        "finale"
    };
    for layer in 0..layers {
        for room in 0..ROOMS {
            let next = if layer + 1 == layers {
                Some(after_rooms)
            } else {
                None
            };
            writer.room(layer, room, next);
        }
        if layer % 10 == 9 {
            writer.ending(&format!("early-{layer}"), "Called away early");
        }
    }
    for interlude in 0..interludes {
        writer.interlude(interlude, interludes);
    }
    writer.finale(layers);
    for (id, title) in [
        ("ending-great", "The team finds its flow"),
        ("ending-good", "Shipped, with lessons"),
        ("ending-rough", "Back to firefighting"),
    ] {
        writer.ending(id, title);
    }
    let mut files = Vec::new();
    for (n, chunk) in writer.scenes.chunks(SCENES_PER_FILE).enumerate() {
        let name = format!("part-{:04}.toml", n + 1);
        fs::write(dir.join(&name), chunk.concat())?;
        files.push(format!("\"{name}\""));
    }
    fs::write(dir.join("scenario.toml"), manifest(scenes, &files))
}

fn manifest(scenes: usize, files: &[String]) -> String {
    let mut text = format!(
        "id = \"generated-{scenes}\"\n\
         title = \"A week of incidents ({scenes} scenes)\"\n\
         summary = \"A generated scenario for benchmarks: rooms of people, questions and branches.\"\n\
         minutes = {}\n\
         level = \"intermediate\"\n\
         objectives = [\"Listen before acting\", \"Measure before deciding\"]\n\
         start = \"start\"\n\
         scenes = [{}]\n\n",
        (scenes / 10).max(1),
        files.join(", ")
    );
    for (id, name, role) in CHARACTERS {
        let _ = write!(
            text,
            "[[character]]\nid = \"{id}\"\nname = \"{name}\"\nrole = \"{role}\"\ncolour = \"cyan\"\n\n"
        );
    }
    for (id, name) in [
        ("empathy", "Empathy"),
        ("measurement", "Measurement"),
        ("delivery", "Delivery"),
    ] {
        let _ = write!(
            text,
            "[[competency]]\nid = \"{id}\"\nname = \"{name}\"\ndescription = \"How well you show {id}.\"\n\n"
        );
    }
    for (min, name) in [(80, "Flow keeper"), (50, "Steady hand"), (0, "Learning")] {
        let _ = write!(
            text,
            "[[grade]]\nmin = {min}\nname = \"{name}\"\nmessage = \"You finished as a {name}.\"\n\n"
        );
    }
    text
}

/// Scene tables as text, one string per scene, and a counter that varies the words.
#[derive(Default)]
struct Writer {
    scenes: Vec<String>,
    words: u64,
}

const SUBJECTS: [&str; 8] = [
    "The build",
    "The release",
    "The backlog",
    "The pager",
    "The test suite",
    "The deploy",
    "The ticket",
    "The board",
];
const VERBS: [&str; 8] = [
    "waits on",
    "blocks",
    "slows",
    "hides",
    "outgrows",
    "trips over",
    "depends on",
    "ignores",
];
const OBJECTS: [&str; 8] = [
    "the change board",
    "a flaky test",
    "the staging server",
    "an old script",
    "the weekly sync",
    "a missing approval",
    "the night shift",
    "a queue of reviews",
];
const TAILS: [&str; 6] = [
    "again this week.",
    "and nobody knows why.",
    "for the third time.",
    "while the clinic waits.",
    "until someone asks.",
    "without anyone noticing.",
];

impl Writer {
    /// A sentence that differs from its neighbours.
    fn sentence(&mut self) -> String {
        self.words = self
            .words
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let pick = |shift: u32, len: usize| ((self.words >> shift) as usize) % len;
        format!(
            "{} {} {} {}",
            SUBJECTS[pick(33, SUBJECTS.len())],
            VERBS[pick(40, VERBS.len())],
            OBJECTS[pick(47, OBJECTS.len())],
            TAILS[pick(54, TAILS.len())]
        )
    }

    /// A few lines of dialogue, speakers taking turns from `first`.
    fn dialogue(&mut self, first: usize, lines: usize) -> String {
        let mut text = String::from("dialogue = \"\"\"\n");
        for line in 0..lines {
            let (id, _, _) = CHARACTERS[(first + line * 2) % CHARACTERS.len()];
            let said = self.sentence();
            let _ = writeln!(text, "{id}: {said}");
        }
        text.push_str("\"\"\"\n");
        text
    }

    fn start(&mut self) {
        let mut scene = format!(
            "[[scene]]\nid = \"start\"\ntitle = \"Monday morning\"\nallow = [\"no-correct-option\"]\n\
             narration = \"{}\"\n{}",
            self.sentence(),
            self.dialogue(0, 4)
        );
        scene.push_str("\n[scene.question]\nkind = \"single\"\nprompt = \"Which room do you walk into first?\"\n");
        for room in 0..ROOMS {
            let _ = write!(
                scene,
                "\n[[scene.question.option]]\nid = \"room-{room}\"\ntext = \"Room {room}.\"\n\
                 feedback = \"Every room has its own fire.\"\nscore = {{ empathy = {} }}\n\
                 goto = \"l0-r{room}-ask\"\n",
                room % 2
            );
        }
        self.scenes.push(scene + "\n");
    }

    /// One room; `last` names where the rooms of the last layer lead.
    fn room(&mut self, layer: usize, room: usize, last: Option<&str>) {
        let id = |part: &str| format!("l{layer}-r{room}-{part}");
        let early = layer % 10 == 9 && room == 0;
        let skip_to = if early {
            format!("early-{layer}")
        } else {
            id("end")
        };
        let mut ask = format!(
            "[[scene]]\nid = \"{}\"\ntitle = \"Room {room}, hour {layer}\"\nnarration = \"{}\"\n{}",
            id("ask"),
            self.sentence(),
            self.dialogue(layer + room, 3)
        );
        let _ = write!(
            ask,
            "\n[scene.question]\nkind = \"single\"\nprompt = \"What do you do first?\"\nshuffle = {}\n",
            (layer + room).is_multiple_of(3)
        );
        let options = [
            (
                "listen",
                "Ask the room what happened.",
                "correct = true\nscore = { empathy = 2 }\nset = { careful = true }\n",
                id("talk"),
            ),
            (
                "measure",
                "Pull up the numbers.",
                "score = { measurement = 1 }\n",
                id("count"),
            ),
            (
                "push",
                "Push for a quick fix.",
                "score = { delivery = 1, empathy = -1 }\nset = { bold = true }\n",
                id("aside"),
            ),
        ];
        for (option, text, effects, goto) in options {
            let _ = write!(
                ask,
                "\n[[scene.question.option]]\nid = \"{option}\"\ntext = \"{text}\"\nfeedback = \"{}\"\n{effects}goto = \"{goto}\"\n",
                self.sentence()
            );
        }
        if early || (layer + room).is_multiple_of(2) {
            let _ = write!(
                ask,
                "\n[[scene.question.option]]\nid = \"skip\"\ntext = \"Skip ahead.\"\nfeedback = \"{}\"\n\
                 score = {{ delivery = 1 }}\nwhen = \"flag.careful\"\ngoto = \"{skip_to}\"\n",
                self.sentence()
            );
        }
        self.scenes.push(ask + "\n");
        self.talk(&id("talk"), &id("end"), layer + room);
        self.count(&id("count"), &id("end"), layer * ROOMS + room);
        let neighbour_end = format!("l{layer}-r{}-end", (room + 1) % ROOMS);
        let aside = format!(
            "[[scene]]\nid = \"{}\"\nnarration = \"{}\"\n{}next = \"{neighbour_end}\"\n\n",
            id("aside"),
            self.sentence(),
            self.dialogue(room + 1, 2)
        );
        self.scenes.push(aside);
        let mut end = format!(
            "[[scene]]\nid = \"{}\"\n{}",
            id("end"),
            self.dialogue(room, 1)
        );
        if let Some(last) = last {
            let _ = writeln!(end, "next = \"{last}\"");
        } else {
            let _ = write!(
                end,
                "next = \"l{}-r{room}-ask\"\n\n[[scene.route]]\nwhen = \"flag.bold and score.delivery >= {}\"\n\
                 goto = \"l{}-r{}-ask\"\n",
                layer + 1,
                layer / 2,
                layer + 1,
                (room + 1) % ROOMS
            );
        }
        self.scenes.push(end + "\n");
    }

    fn talk(&mut self, id: &str, next: &str, turn: usize) {
        let mut scene = format!(
            "[[scene]]\nid = \"{id}\"\n{}next = \"{next}\"\n\n[scene.question]\nkind = \"multiple\"\n\
             prompt = \"Which of these do you write on the board?\"\n",
            self.dialogue(turn, 3)
        );
        let options = [
            (
                "waits",
                "Where the work waits.",
                "correct = true\nscore = { empathy = 1 }\n",
            ),
            (
                "handoffs",
                "Every handoff.",
                "correct = true\nscore = { measurement = 1 }\n",
            ),
            ("culprit", "Who caused it.", "score = { empathy = -1 }\n"),
            ("tools", "Which tools are old.", ""),
        ];
        for (option, text, effects) in options {
            let _ = write!(
                scene,
                "\n[[scene.question.option]]\nid = \"{option}\"\ntext = \"{text}\"\nfeedback = \"{}\"\n{effects}",
                self.sentence()
            );
        }
        self.scenes.push(scene + "\n");
    }

    fn count(&mut self, id: &str, next: &str, n: usize) {
        let mut scene = format!(
            "[[scene]]\nid = \"{id}\"\nnarration = \"{}\"\nnext = \"{next}\"\n\n[scene.question]\n",
            self.sentence()
        );
        if n % 3 == 2 {
            scene.push_str("kind = \"order\"\nprompt = \"Put the steps of a fix in order.\"\n");
            for (step, text) in [
                ("report", "Read the report"),
                ("reproduce", "Reproduce it"),
                ("fix", "Fix it"),
                ("ship", "Ship it"),
            ] {
                let _ = write!(
                    scene,
                    "\n[[scene.question.option]]\nid = \"{step}\"\ntext = \"{text}\"\n"
                );
            }
        } else {
            let _ = write!(
                scene,
                "kind = \"number\"\nprompt = \"How many hours did the change wait?\"\n\
                 answer = \"{} * 8 + {}\"\ntolerance = {}\nunit = \"hours\"\n",
                n % 5 + 1,
                n % 7,
                n % 2
            );
        }
        let _ = write!(
            scene,
            "\n[scene.question.right]\nfeedback = \"{}\"\nscore = {{ measurement = 2 }}\n\n\
             [scene.question.wrong]\nfeedback = \"{}\"\n\n",
            self.sentence(),
            self.sentence()
        );
        self.scenes.push(scene);
    }

    fn interlude(&mut self, n: usize, count: usize) {
        let next = if n + 1 == count {
            "finale".to_string()
        } else {
            format!("interlude-{}", n + 1)
        };
        let scene = format!(
            "[[scene]]\nid = \"interlude-{n}\"\nnarration = \"{}\"\n{}next = \"{next}\"\n\n",
            self.sentence(),
            self.dialogue(n, 2)
        );
        self.scenes.push(scene);
    }

    fn finale(&mut self, layers: usize) {
        let scene = format!(
            "[[scene]]\nid = \"finale\"\ntitle = \"Friday review\"\n{}next = \"ending-rough\"\n\n\
             [[scene.route]]\nwhen = \"score.empathy >= {}\"\ngoto = \"ending-great\"\n\n\
             [[scene.route]]\nwhen = \"score.delivery >= {}\"\ngoto = \"ending-good\"\n\n",
            self.dialogue(0, 3),
            (layers / 2).max(1),
            (layers / 3).max(1)
        );
        self.scenes.push(scene);
    }

    fn ending(&mut self, id: &str, title: &str) {
        let scene = format!(
            "[[scene]]\nid = \"{id}\"\ntitle = \"{title}\"\nending = true\nnarration = \"{}\"\n\n",
            self.sentence()
        );
        self.scenes.push(scene);
    }
}
