//! The cases: what each hostile input is, how it is run, and what dojo must answer.

use std::fs;
use std::path::Path;

use super::{Case, MANIFEST, MAP, SCENES, case, narration, route, scenario, with_manifest, write};
#[cfg(unix)]
use super::{fifo, link};

const CHECK: &[&str] = &["check", "@/s"];
const PLAY: &[&str] = &["play", "@/s", "--plain", "--name", "Ada", "--seed", "1"];
const RANDOM: &[&str] = &["test", "@/s", "--random", "20", "--seed", "1"];
const VSM: &[&str] = &["vsm", "@/m.vsm.toml"];

/// One more byte than dojo reads, as a sparse file: nothing large is written to disk.
fn oversized(path: &Path) {
    let file = fs::File::create(path).expect("a file");
    file.set_len(8 * 1024 * 1024 + 1).expect("a sparse length");
}

fn nested(open: &str, core: &str, close: &str, depth: usize) -> String {
    format!("{}{core}{}", open.repeat(depth), close.repeat(depth))
}

fn map_scenario(dir: &Path, map: &str) {
    write(
        dir,
        "s/scenario.toml",
        &format!("{MANIFEST}\n[[map]]\nid = \"team\"\nfile = \"team.vsm.toml\"\n"),
    );
    write(dir, "s/scenes.toml", SCENES);
    write(dir, "s/team.vsm.toml", map);
}

fn portrait_scenario(dir: &Path) {
    write(
        dir,
        "s/scenario.toml",
        &format!(
            "{MANIFEST}\n[[character]]\nid = \"ana\"\nname = \"Ana\"\nrole = \"Lead\"\nportrait = \"ana.txt\"\n"
        ),
    );
    write(
        dir,
        "s/scenes.toml",
        &SCENES.replace(
            "narration = \"Hello, {learner}.\"",
            "dialogue = \"ana: Hello.\"",
        ),
    );
}

fn no_escape_in_svg(dir: &Path) {
    let svg = fs::read_to_string(dir.join("m.svg")).expect("the SVG was written");
    assert!(!svg.contains(['\u{fffe}', '\u{ffff}', '\u{1b}']), "{svg}");
}

fn no_escape_in_transcript(dir: &Path) {
    let transcript = fs::read_to_string(dir.join("s/golden.txt")).expect("blessed");
    assert!(
        !transcript.contains(['\u{1b}', '\u{202e}', '\r']),
        "{transcript:?}"
    );
}

pub(super) fn cases() -> Vec<Case> {
    vec![
        // The base scenario and map are fine: every other case breaks one thing.
        case(
            "base scenario",
            |d| scenario(d, SCENES),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case("base map", |d| write(d, "m.vsm.toml", MAP), VSM, 0, "A map"),
        // Files that are not what they claim.
        case(
            "empty manifest",
            |d| with_manifest(d, ""),
            CHECK,
            1,
            "error[missing-key]: missing key `id` in scenario.toml",
        ),
        case(
            "manifest with a BOM",
            |d| with_manifest(d, &format!("\u{feff}{MANIFEST}")),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case(
            "NUL byte in a scene file",
            |d| narration(d, "\"a\0b\""),
            CHECK,
            1,
            "error[toml-syntax]: a raw control character in the file",
        ),
        case(
            "non-UTF-8 scene file",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                fs::write(d.join("s/scenes.toml"), b"[[scene]]\nid = \"\xff\xfe\"\n")
                    .expect("a file");
            },
            CHECK,
            1,
            "error[not-utf8]: scene file `scenes.toml` is not UTF-8 text",
        ),
        case(
            "CRLF line endings",
            |d| scenario(d, &SCENES.replace('\n', "\r\n")),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case(
            "lone CR line endings",
            |d| scenario(d, &SCENES.replace('\n', "\r")),
            CHECK,
            1,
            "error[toml-syntax]: carriage return must be followed by newline",
        ),
        case(
            "a scene file over the size limit",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                oversized(&d.join("s/scenes.toml"));
            },
            CHECK,
            1,
            "error[file-too-large]: cannot read scene file `scenes.toml`: it is 8388609 bytes; dojo reads files of at most 8388608 bytes",
        ),
        case(
            "a 1 MB line of narration",
            |d| narration(d, &format!("\"{}\"", "a".repeat(1 << 20))),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case(
            "a scene file that is a folder",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                fs::create_dir_all(d.join("s/scenes.toml")).expect("a folder");
            },
            CHECK,
            1,
            "error[not-a-file]: cannot read scene file `scenes.toml`: it is not a regular file",
        ),
        case(
            "no such folder",
            |_| {},
            CHECK,
            2,
            "error: @/s does not exist",
        ),
        case(
            "a file, not a folder",
            |d| write(d, "s", "x"),
            CHECK,
            2,
            "error: @/s is not a scenario folder: it has no scenario.toml",
        ),
        case(
            "a scene path with ..",
            |d| with_manifest(d, &MANIFEST.replace("scenes.toml\"]", "../scenes.toml\"]")),
            CHECK,
            1,
            "error[bad-path]: `../scenes.toml` is outside the scenario folder",
        ),
        case(
            "an absolute scene path",
            |d| with_manifest(d, &MANIFEST.replace("\"scenes.toml\"", "\"/etc/passwd\"")),
            CHECK,
            1,
            "error[bad-path]: `/etc/passwd` is outside the scenario folder",
        ),
        case(
            "a scene file listed twice",
            |d| {
                with_manifest(
                    d,
                    &MANIFEST.replace("\"scenes.toml\"]", "\"scenes.toml\", \"scenes.toml\"]"),
                )
            },
            CHECK,
            1,
            "error[duplicate-file]: `scenes.toml` is listed twice",
        ),
        // Special files, made at test time.
        #[cfg(unix)]
        case(
            "a scene file that is a FIFO",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                fifo(&d.join("s/scenes.toml"));
            },
            CHECK,
            1,
            "error[not-a-file]: cannot read scene file `scenes.toml`: it is not a regular file",
        ),
        #[cfg(unix)]
        case(
            "a manifest that is a FIFO",
            |d| {
                fs::create_dir_all(d.join("s")).expect("a folder");
                fifo(&d.join("s/scenario.toml"));
            },
            CHECK,
            2,
            "error: @/s is not a scenario folder: it has no scenario.toml",
        ),
        #[cfg(unix)]
        case(
            "a scene file linked to /dev/zero",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                link("/dev/zero", &d.join("s/scenes.toml"));
            },
            CHECK,
            1,
            "error[not-a-file]: cannot read scene file `scenes.toml`: it is not a regular file",
        ),
        #[cfg(unix)]
        case(
            "a manifest linked to /dev/zero",
            |d| {
                fs::create_dir_all(d.join("s")).expect("a folder");
                link("/dev/zero", &d.join("s/scenario.toml"));
            },
            CHECK,
            2,
            "error: @/s is not a scenario folder: it has no scenario.toml",
        ),
        #[cfg(unix)]
        case(
            "a scene file linked outside the folder",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                link("/etc/passwd", &d.join("s/scenes.toml"));
            },
            CHECK,
            1,
            "error[bad-path]: cannot read scene file `scenes.toml`: it leads outside the scenario folder",
        ),
        #[cfg(unix)]
        case(
            "a folder of scenes linked outside",
            |d| {
                write(
                    d,
                    "s/scenario.toml",
                    &MANIFEST.replace("\"scenes.toml\"", "\"parts/scenes.toml\""),
                );
                write(d, "outside/scenes.toml", SCENES);
                link("../outside", &d.join("s/parts"));
            },
            CHECK,
            1,
            "error[bad-path]: cannot read scene file `parts/scenes.toml`: it leads outside the scenario folder",
        ),
        #[cfg(unix)]
        case(
            "a scene file linked inside the folder",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                write(d, "s/real.toml", SCENES);
                link("real.toml", &d.join("s/scenes.toml"));
            },
            CHECK,
            0,
            "@/s: no problems found",
        ),
        #[cfg(unix)]
        case(
            "a dangling link",
            |d| {
                write(d, "s/scenario.toml", MANIFEST);
                link("nowhere.toml", &d.join("s/scenes.toml"));
            },
            CHECK,
            1,
            "error[missing-file]: cannot read scene file `scenes.toml`: no such file or directory",
        ),
        #[cfg(unix)]
        case(
            "a portrait that is a FIFO",
            |d| {
                portrait_scenario(d);
                fifo(&d.join("s/ana.txt"));
            },
            CHECK,
            1,
            "error[not-a-file]: cannot read portrait `ana.txt`: it is not a regular file",
        ),
        #[cfg(unix)]
        case(
            "a portrait linked outside",
            |d| {
                portrait_scenario(d);
                link("/etc/hostname", &d.join("s/ana.txt"));
            },
            CHECK,
            1,
            "error[bad-path]: cannot read portrait `ana.txt`: it leads outside the scenario folder",
        ),
        #[cfg(unix)]
        case(
            "a map file that is a FIFO",
            |d| {
                map_scenario(d, MAP);
                fs::remove_file(d.join("s/team.vsm.toml")).expect("removed");
                fifo(&d.join("s/team.vsm.toml"));
            },
            CHECK,
            1,
            "error[not-a-file]: cannot read map file `team.vsm.toml`: it is not a regular file",
        ),
        #[cfg(unix)]
        case(
            "dojo vsm on a FIFO",
            |d| fifo(&d.join("m.vsm.toml")),
            VSM,
            2,
            "error: cannot read @/m.vsm.toml: it is not a regular file",
        ),
        case(
            "dojo vsm on /dev/zero",
            |_| {},
            &["vsm", "/dev/zero"],
            2,
            "error: cannot read /dev/zero: it is not a regular file",
        ),
        case(
            "dojo vsm on a folder",
            |d| fs::create_dir_all(d.join("m.vsm.toml")).expect("a folder"),
            VSM,
            2,
            "error: cannot read @/m.vsm.toml: it is not a regular file",
        ),
        // Expressions past the limits.
        case(
            "1,500 nested ( in a route",
            |d| route(d, &nested("(", "1", ")", 1_500)),
            CHECK,
            1,
            "error[expression-too-big]: cannot read this expression",
        ),
        case(
            "1,500 nested ( in {...}",
            |d| narration(d, &format!("\"{{{}}}\"", nested("(", "1", ")", 1_500))),
            CHECK,
            1,
            "error[expression-too-big]: cannot read this text",
        ),
        case(
            "100k not",
            |d| route(d, &format!("{}true", "not ".repeat(100_000))),
            CHECK,
            1,
            "error[expression-too-big]: cannot read this expression",
        ),
        case(
            "100k minus",
            |d| route(d, &format!("{}1 > 0", "- ".repeat(100_000))),
            CHECK,
            1,
            "error[expression-too-big]: cannot read this expression",
        ),
        case(
            "a 100k-term sum",
            |d| route(d, &format!("1{} > 0", " + 1".repeat(100_000))),
            CHECK,
            1,
            "error[expression-too-big]: cannot read this expression",
        ),
        case(
            "32 nested ( is allowed",
            |d| route(d, &nested("(", "visits.ask > 1", ")", 31)),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case(
            "33 nested ( is not",
            |d| route(d, &nested("(", "visits.ask > 1", ")", 33)),
            CHECK,
            1,
            "error[expression-too-big]: cannot read this expression",
        ),
        case(
            "a 400-digit number",
            |d| route(d, &format!("visits.ask > {}", "9".repeat(400))),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case(
            "an unclosed text in an expression",
            |d| route(d, "flag.x == 'abc"),
            CHECK,
            1,
            "error[bad-expression]: cannot read this expression",
        ),
        // Numbers.
        case(
            "answer = 1e308 checks",
            |d| scenario(d, &number_question("answer = 1e308")),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case(
            "answer = 1e308 plays at random",
            |d| scenario(d, &number_question("answer = 1e308")),
            RANDOM,
            0,
            "20 random runs of @/s from seed 1",
        ),
        case(
            "answer = nan",
            |d| scenario(d, &number_question("answer = nan")),
            CHECK,
            1,
            "error[invalid-value]: `answer` must be a finite number",
        ),
        case(
            "answer = -inf",
            |d| scenario(d, &number_question("answer = -inf")),
            CHECK,
            1,
            "error[invalid-value]: `answer` must be a finite number",
        ),
        case(
            "tolerance = inf",
            |d| scenario(d, &number_question("answer = 3\ntolerance = inf")),
            CHECK,
            1,
            "error[invalid-value]: `tolerance` must be a finite number",
        ),
        case(
            "an answer of 1e308 typed",
            |d| scenario(d, &number_question("answer = 1e308")),
            PLAY,
            0,
            "# Hostile input",
        )
        .typing("1e308\n"),
        case(
            "an answer of 1e999 typed",
            |d| scenario(d, &number_question("answer = 3")),
            PLAY,
            0,
            "# Hostile input",
        )
        .typing("1e999\n3\n"),
        case(
            "score near i64::MAX",
            |d| scenario(d, &SCENES.replace("flow = 2", "flow = 9223372036854775807")),
            CHECK,
            1,
            "error[score-too-large]: a score of 9223372036854775807 is beyond the ±1000000 one answer may give",
        ),
        case(
            "score at i64::MIN",
            |d| {
                scenario(
                    d,
                    &SCENES.replace("flow = 2", "flow = -9223372036854775808"),
                )
            },
            CHECK,
            1,
            "error[score-too-large]: a score of -9223372036854775808 is beyond the ±1000000 one answer may give",
        ),
        case(
            "score past i64",
            |d| scenario(d, &SCENES.replace("flow = 2", "flow = 9223372036854775808")),
            CHECK,
            1,
            "error[invalid-value]: `score.flow` should be a whole number, not `9223372036854775808`",
        ),
        case(
            "score at the limit",
            |d| scenario(d, &SCENES.replace("flow = 2", "flow = 1000000")),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        case(
            "minutes past u64",
            |d| {
                with_manifest(
                    d,
                    &MANIFEST.replace("start =", "minutes = 18446744073709551616\nstart ="),
                )
            },
            CHECK,
            1,
            "error[invalid-value]: `minutes` should be a whole number, not the number 18446744073709551616",
        ),
        case(
            "negative minutes",
            |d| with_manifest(d, &MANIFEST.replace("start =", "minutes = -1\nstart =")),
            CHECK,
            1,
            "error[invalid-value]: `minutes` should be a whole number, 0 or more, not `-1`",
        ),
        case(
            "a grade min of 1e9",
            |d| with_manifest(d, &MANIFEST.replace("min = 50", "min = 1000000000")),
            CHECK,
            1,
            "error[invalid-grade]: a grade band cannot start at 1000000000%",
        ),
        // Size of a question or a scenario.
        case(
            "101 options",
            |d| scenario(d, &many_options(101)),
            CHECK,
            1,
            "error[too-many-options]: this question has 101 options; at most 100 are allowed",
        ),
        case(
            "100 options",
            |d| scenario(d, &many_options(100)),
            CHECK,
            0,
            "@/s: no problems found",
        ),
        // Flow that cannot end.
        case(
            "play refuses a loop with no way out",
            |d| scenario(d, &SCENES.replace("next = \"done\"", "next = \"ask\"")),
            PLAY,
            1,
            "error[cycle-without-exit]: scene `ask` leads only back to itself",
        ),
        case(
            "a quiet loop on a condition ends",
            |d| scenario(d, QUIET_LOOP),
            PLAY,
            0,
            "# Hostile input",
        ),
        // Text that would steer a terminal.
        case(
            "an escape in narration is a warning",
            |d| narration(d, r#""a\u001b[2Jb""#),
            CHECK,
            1,
            "warning[control-character]: text contains a control character",
        ),
        case(
            "escapes in narration never reach the terminal",
            |d| narration(d, r#""a\u001b]52;c;aGk=\u0007b\u009b31m""#),
            PLAY,
            0,
            "# Hostile input",
        )
        .typing("1\n"),
        case(
            "U+202E in a title is a warning",
            |d| {
                with_manifest(
                    d,
                    &MANIFEST.replace("Hostile input", "Hostile \\u202E input"),
                )
            },
            CHECK,
            1,
            "warning[control-character]: text contains a control character",
        ),
        case(
            "an escape in the learner's name",
            |_| {},
            &[
                "play",
                "tests/fixtures/check/good",
                "--plain",
                "--name",
                "\u{1b}]52;c;aGk=\u{7}Eve",
                "--seed",
                "1",
            ],
            0,
            "# A small, clean scenario",
        ),
        case(
            "escapes typed as an answer",
            |d| scenario(d, &text_question()),
            PLAY,
            0,
            "# Hostile input",
        )
        .typing("\u{1b}[2J\u{202e}abc\r\n"),
        case(
            "a 1 MB answer line",
            |d| scenario(d, &text_question()),
            PLAY,
            0,
            "# Hostile input",
        )
        .typing(Box::leak(
            format!("{}\n", "x".repeat(1 << 20)).into_boxed_str(),
        )),
        case(
            "escapes typed into a blessed transcript",
            |d| {
                scenario(d, &text_question());
                write(d, "s/answers.txt", "\u{1b}[31mred\u{202e}\r\n");
            },
            &[
                "test",
                "@/s",
                "--answers",
                "@/s/answers.txt",
                "--expect",
                "@/s/golden.txt",
                "--bless",
            ],
            0,
            "Wrote @/s/golden.txt: 25 lines; the run ends at `done`.",
        )
        .then(no_escape_in_transcript),
        // Files named to the commands that read learners' records, or planted among them.
        #[cfg(unix)]
        case(
            "a results file that is a FIFO, given to report",
            |d| fifo(&d.join("r.json")),
            &["report", "@/r.json"],
            1,
            "error: nothing to report: no results file or journal could be used",
        ),
        #[cfg(unix)]
        case(
            "a FIFO among the results in a folder given to report",
            |d| {
                fs::create_dir_all(d.join("cohort")).expect("a folder");
                fifo(&d.join("cohort/r.json"));
            },
            &["report", "@/cohort"],
            1,
            "error: nothing to report: no results file or journal could be used",
        ),
        #[cfg(unix)]
        case(
            "a journal that is a FIFO, given to xapi",
            |d| fifo(&d.join("j.jsonl")),
            &["xapi", "@/j.jsonl"],
            1,
            "error: cannot use @/j.jsonl: it is not a regular file",
        ),
        #[cfg(unix)]
        case(
            "a FIFO among the results dojo results looks through",
            |d| {
                fs::create_dir_all(d.join("data/results")).expect("a folder");
                fifo(&d.join("data/results/hostile-1.json"));
            },
            &["results"],
            1,
            "error: no finished session yet: results appear in @/data/results once a story ends",
        ),
        #[cfg(unix)]
        case(
            "an answers file that is a FIFO, given to test",
            |d| {
                scenario(d, SCENES);
                fifo(&d.join("a.answers"));
            },
            &["test", "@/s", "--answers", "@/a.answers"],
            2,
            "error: cannot read @/a.answers: it is not a regular file",
        ),
        case(
            "escapes in every field a results file shows, to results",
            planted_results,
            &["results", "@/r.json"],
            0,
            "== The end: ]0;pwnedMerged by Monday ==",
        ),
        case(
            "escapes in every field a results file shows, to report",
            planted_results,
            &["report", "@/r.json"],
            0,
            "Cohort report: [2JA Friday Code Review (code-review)",
        ),
        case(
            "escapes in a Katacoda module's index.json",
            |d| {
                write(d, "k/step1.md", "hello\n");
                write(
                    d,
                    "k/index.json",
                    r#"{"title":"\u001b]0;pwned\u0007Tea","difficulty":"\u001b[31mhard\u202e","details":{"steps":[{"title":"s","text":"step1.md"}]}}"#,
                );
            },
            &["import", "katacoda", "@/k", "@/out"],
            1,
            "Nothing to play in @/k (\"]0;pwnedTea\"): it has no quiz and no dialogue, only lab work; nothing written",
        ),
        // The language server's input: lsp-server set aside what a header claimed before
        // reading, so a four-gigabyte Content-Length aborted the process.
        case(
            "a language server message claiming 4 GB",
            |_| {},
            &["lsp"],
            1,
            "error: cannot read or write stdio: a message of 4000000000 bytes; at most 50397184 are read",
        )
        .typing("Content-Length: 4000000000\r\n\r\n{}"),
        case(
            "a language server header line without end",
            |_| {},
            &["lsp"],
            1,
            "error: cannot read or write stdio: a header line that is not one of at most 1024 bytes ending in CRLF",
        )
        .typing(format!("Content-Length: 1{}", "0".repeat(2_000))),
        // Journals of an unfinished session, damaged or planted.
        #[cfg(unix)]
        case(
            "a journal that is a FIFO",
            |d| {
                scenario(d, SCENES);
                fs::create_dir_all(d.join("data/saves")).expect("a folder");
                fifo(&d.join("data/saves/hostile.jsonl"));
            },
            PLAY,
            1,
            "error: could not read the save file @/data/saves/hostile.jsonl: it is not a regular file; to start the scenario over, run it again with --restart",
        ),
        #[cfg(unix)]
        case(
            "a journal linked to /dev/zero",
            |d| {
                scenario(d, SCENES);
                fs::create_dir_all(d.join("data/saves")).expect("a folder");
                link("/dev/zero", &d.join("data/saves/hostile.jsonl"));
            },
            PLAY,
            1,
            "error: could not read the save file @/data/saves/hostile.jsonl: it is not a regular file; to start the scenario over, run it again with --restart",
        ),
        case(
            "a journal of garbage",
            |d| {
                scenario(d, SCENES);
                write(d, "data/saves/hostile.jsonl", "\u{0}\u{1b}[2J not json\n");
            },
            PLAY,
            1,
            "error: the save file @/data/saves/hostile.jsonl is damaged at line 1 and cannot be read (expected value at line 1 column 1); to start the scenario over, run it again with --restart",
        ),
        case(
            "an empty journal",
            |d| {
                scenario(d, SCENES);
                write(d, "data/saves/hostile.jsonl", "");
            },
            PLAY,
            1,
            "error: the save file @/data/saves/hostile.jsonl is damaged at line 1 and cannot be read (it is empty); to start the scenario over, run it again with --restart",
        ),
        case(
            "a journal whose learner is an escape sequence",
            |d| {
                scenario(d, SCENES);
                write(d, "data/saves/hostile.jsonl", JOURNAL);
            },
            PLAY,
            0,
            "You have an unfinished session of \"Hostile input\" (0 answers so far).",
        )
        .typing("y\n1\n"),
        case(
            "a journal with a torn last line",
            |d| {
                scenario(d, SCENES);
                write(
                    d,
                    "data/saves/hostile.jsonl",
                    &format!("{JOURNAL}{{\"event\":\"ans"),
                );
            },
            PLAY,
            0,
            "You have an unfinished session of \"Hostile input\" (0 answers so far).",
        )
        .typing("y\n1\n"),
        // Maps.
        case(
            "a map with no steps",
            |d| write(d, "m.vsm.toml", "id = \"m\"\ntitle = \"t\"\n"),
            VSM,
            1,
            "error[no-steps]: this map has no steps",
        ),
        case(
            "a map with step = []",
            |d| write(d, "m.vsm.toml", "id = \"m\"\ntitle = \"t\"\nstep = []\n"),
            VSM,
            1,
            "error[no-steps]: this map has no steps",
        ),
        case(
            "an empty map file",
            |d| write(d, "m.vsm.toml", ""),
            VSM,
            1,
            "error[missing-key]: missing key `id` in m.vsm.toml",
        ),
        case(
            "a scenario naming an empty map",
            |d| map_scenario(d, ""),
            CHECK,
            1,
            "error[missing-key]: missing key `id` in team.vsm.toml",
        ),
        case(
            "U+FFFE in a step name, drawn as SVG",
            |d| {
                write(
                    d,
                    "m.vsm.toml",
                    &MAP.replace("Build", "Bu\\uFFFEil\\uFFFFd"),
                )
            },
            &["vsm", "@/m.vsm.toml", "--svg", "@/m.svg"],
            0,
            "wrote @/m.svg",
        )
        .then(no_escape_in_svg),
        case(
            "a duration past any calendar",
            |d| {
                write(
                    d,
                    "m.vsm.toml",
                    &MAP.replace("\"2 days\"", "\"99999999999999999999 days\""),
                )
            },
            VSM,
            0,
            "A map",
        ),
        case(
            "a step's people = 1e308",
            |d| {
                write(
                    d,
                    "m.vsm.toml",
                    &MAP.replace("people = 1", "people = 1e308"),
                )
            },
            VSM,
            1,
            "error[invalid-value]: `people` should be a whole number, not the number 1e308",
        ),
        case(
            "a queue of i64::MAX items",
            |d| {
                write(
                    d,
                    "m.vsm.toml",
                    &format!("{MAP}[step.queue]\nname = \"q\"\nitems = 9223372036854775807\n"),
                )
            },
            VSM,
            0,
            "A map",
        ),
        case(
            "ca = -1",
            |d| write(d, "m.vsm.toml", &MAP.replace("ca = 90", "ca = -1")),
            VSM,
            1,
            "error[invalid-value]: `ca` cannot be negative",
        ),
        // TOML built to exhaust a parser.
        case(
            "5,000 nested arrays",
            |d| narration(d, &nested("[", "1", "]", 5_000)),
            CHECK,
            1,
            "error[toml-syntax]: cannot recurse further; max recursion depth met",
        ),
        case(
            "5,000 nested inline tables",
            |d| narration(d, &nested("{a=", "1", "}", 5_000)),
            CHECK,
            1,
            "error[toml-syntax]: cannot recurse further; max recursion depth met",
        ),
        case(
            "a dotted key 5,000 deep",
            |d| {
                scenario(
                    d,
                    &format!("{SCENES}\n{} = 1\n", vec!["a"; 5_000].join(".")),
                )
            },
            CHECK,
            1,
            "error[toml-syntax]: recursion limit",
        ),
        case(
            "a header twice after 100k [",
            |d| {
                scenario(
                    d,
                    &format!(
                        "{SCENES}\n# {}\n[scene.question]\n[scene.question]\n",
                        "[".repeat(100_000)
                    ),
                )
            },
            CHECK,
            1,
            "error[toml-syntax]: `[scene.question]` is written twice for the same table",
        ),
        // Shapes the fuzz harness found: thousands of problems in one file were quadratic.
        case(
            "5,000 characters with one id",
            |d| {
                with_manifest(
                    d,
                    &format!(
                        "{MANIFEST}{}",
                        "[[character]]\nid = \"ana\"\nname = \"Ana\"\nrole = \"Lead\"\n"
                            .repeat(5_000)
                    ),
                )
            },
            CHECK,
            1,
            "error[duplicate-id]: the character id `ana` is used twice",
        ),
        case(
            "10k repeated keys in a map step",
            |d| {
                write(
                    d,
                    "m.vsm.toml",
                    &format!("{MAP}{}", "lt = \"1d\"\n".repeat(10_000)),
                )
            },
            VSM,
            1,
            "error[toml-syntax]: `lt` is set twice in [[step]]",
        ),
        case(
            "10k unknown keys",
            |d| {
                scenario(
                    d,
                    &format!(
                        "{SCENES}{}",
                        (0..10_000)
                            .map(|i| format!("k{i} = 1\n"))
                            .collect::<String>()
                    ),
                )
            },
            CHECK,
            1,
            "error[unknown-key]: unknown key `k0` in [[scene]]",
        ),
        case(
            "8,000 grade bands, each wrong twice",
            |d| {
                with_manifest(
                    d,
                    &format!("{MANIFEST}{}", "[[grade]]\nmin = -1\n\n".repeat(8_000)),
                )
            },
            CHECK,
            1,
            "error[invalid-value]: `min` should be a whole number, 0 or more, not `-1`",
        ),
        // Found by the fuzz harness: each unknown name was compared with every id, the longest
        // 800 KB, and each hint quoted that id whole (17 minutes, 29 MB of output).
        case(
            "5,000 scenes with an unknown next beside an 800 KB id",
            |d| {
                scenario(
                    d,
                    &format!(
                        "{SCENES}{}[[scene]]\nid = \"{}\"\nending = true\n",
                        "[[scene]]\nid = \"ask\"\nnext = \"The End\"\n".repeat(5_000),
                        "not ".repeat(200_000)
                    ),
                )
            },
            CHECK,
            1,
            "error[duplicate-id]: the scene id `ask` is used twice",
        ),
        case(
            "900 steps after a step that is not there",
            |d| {
                write(
                    d,
                    "m.vsm.toml",
                    &format!(
                        "{MAP}{}",
                        (0..900)
                            .map(|i| format!("\n[[step]]\nid = \"s{i}\"\nname = \"S\"\nowner = \"O\"\npeople = 1\nlt = \"1h\"\npt = \"1h\"\nafter = [\"left\"]\n"))
                            .collect::<String>()
                    ),
                )
            },
            VSM,
            1,
            "error[unknown-step]: `after` names `left`, which is not a step of this map",
        ),
        // Found by the fuzz harness: a thousand `[[map]]` entries naming one broken map file read
        // it a thousand times and listed its problems each time (80 s, 201,000 errors).
        case(
            "100 map entries naming one broken map",
            |d| many_maps(d, 100),
            CHECK,
            1,
            "error[unknown-key]: unknown key `colour` in [[step]]",
        )
        .printing_at_most(128 * 1024),
        case(
            "101 map entries",
            |d| many_maps(d, 101),
            CHECK,
            1,
            "error[too-many-maps]: this scenario lists 101 maps; at most 100 are allowed",
        ),
        // Flow analysis was cubic in the steps of a map that splits and joins: 300 diamonds
        // took 9.5 s and 1,500 hung; it is linear now, and a map has at most 1,000 steps.
        case(
            "1,500 splits that join, 4,501 steps",
            |d| write(d, "m.vsm.toml", &diamonds(1_500)),
            VSM,
            1,
            "error[too-many-steps]: this map has 4501 steps; at most 1000 are allowed",
        ),
        case(
            "333 splits that join, 1,000 steps",
            |d| write(d, "m.vsm.toml", &diamonds(333)),
            &["vsm", "@/m.vsm.toml", "--json"],
            0,
            "{",
        ),
        // Found by the fuzz harness: every option without a `goto` was underlined, so a
        // 30,000-option question printed 800 KB for one problem.
        case(
            "10,000 options and no way on",
            |d| scenario(d, &many_options(10_000).replace("next = \"done\"\n", "")),
            CHECK,
            1,
            "error[no-way-on]: scene `ask` has nowhere to go after an answer without a `goto`",
        )
        .printing_at_most(64 * 1024),
        case(
            "100,001 scenes",
            |d| {
                let extra: String = (0..99_999)
                    .map(|i| format!("[[scene]]\nid = \"s{i}\"\nending = true\n"))
                    .collect();
                scenario(d, &format!("{SCENES}{extra}"));
            },
            CHECK,
            1,
            "error[too-many-scenes]: this scenario has 100001 scenes; at most 100000 are allowed",
        ),
    ]
}

/// The base scenario listing `count` maps, all in one file with 300 problems.
/// A map of `count` splits in a row, each into two steps that join again at the next.
fn diamonds(count: usize) -> String {
    let step = |id: String, after: &[String]| {
        let after: Vec<String> = after.iter().map(|a| format!("\"{a}\"")).collect();
        format!(
            "\n[[step]]\nid = \"{id}\"\nname = \"S\"\nlt = \"1 h\"\npt = \"1 h\"\nafter = [{}]\n",
            after.join(", ")
        )
    };
    let mut map = String::from("id = \"m\"\ntitle = \"Diamonds\"\n");
    map.push_str(&step("m0".into(), &[]));
    for i in 1..=count {
        let before = [format!("m{}", i - 1)];
        map.push_str(&step(format!("l{i}"), &before));
        map.push_str(&step(format!("r{i}"), &before));
        map.push_str(&step(format!("m{i}"), &[format!("l{i}"), format!("r{i}")]));
    }
    map
}

/// A results file of the report fixtures with terminal escapes planted in the titles, the
/// grade and the answers, as anyone with the file could.
fn planted_results(dir: &Path) {
    let fixture = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report/cohort/learner-1.json"),
    )
    .expect("the fixture");
    let planted = fixture
        .replace(
            "\"A Friday Code Review\"",
            r#""\u001b[2JA Friday Code Review""#,
        )
        .replace(
            "\"Merged by Monday\"",
            r#""\u001b]0;pwned\u0007Merged by Monday""#,
        )
        .replace(
            "\"Trusted reviewer\"",
            r#""\u009b31mTrusted reviewer\u202e""#,
        )
        .replace("\"text\": \"", r#""text": "\u001b[31m"#);
    assert_ne!(planted, fixture, "the fixture has the fields planted");
    write(dir, "r.json", &planted);
}

fn many_maps(dir: &Path, count: usize) {
    let entries: String = (0..count)
        .map(|i| format!("\n[[map]]\nid = \"m{i}\"\nfile = \"team.vsm.toml\"\n"))
        .collect();
    write(dir, "s/scenario.toml", &format!("{MANIFEST}{entries}"));
    write(dir, "s/scenes.toml", SCENES);
    let broken = MAP.replace("ca = 90", "ca = 90\ncolour = \"red\"");
    write(
        dir,
        "s/team.vsm.toml",
        &format!(
            "{broken}{}",
            "\n[[step]]\nid = \"x\"\ncolour = 1\n".repeat(300)
        ),
    );
}

/// A journal header naming the learner with an OSC 52 clipboard write and a screen clear.
const JOURNAL: &str = concat!(
    r#"{"journal":1,"session":"ff2f9b48-1943-4c87-b375-1cb3e36d8489","scenario":"hostile","#,
    r#""fingerprint":"0","learner":"\u001b]52;c;aGk=\u0007\u001b[2JEve","#,
    r#""learner_id":"5287a029-ab28-4197-8672-da4ef3fbc2cb","seed":1,"#,
    r#""started":"2026-12-03T14:21:24.008Z"}"#,
    "\n"
);

fn number_question(answer: &str) -> String {
    SCENES.replace(
        "kind = \"single\"\nprompt = \"Pick one.\"",
        &format!("kind = \"number\"\nprompt = \"How many?\"\n{answer}"),
    )
    .replace(
        "[[scene.question.option]]\nid = \"right\"\ntext = \"The right one.\"\nfeedback = \"Yes.\"\ncorrect = true\nscore = { flow = 2 }\n\n[[scene.question.option]]\nid = \"wrong\"\ntext = \"The wrong one.\"\nfeedback = \"No.\"\n",
        "[scene.question.right]\nfeedback = \"Yes.\"\nscore = { flow = 2 }\n\n[scene.question.wrong]\nfeedback = \"No.\"\n",
    )
}

fn text_question() -> String {
    number_question("answer = 1").replace(
        "kind = \"number\"\nprompt = \"How many?\"\nanswer = 1",
        "kind = \"text\"\nprompt = \"Say something.\"",
    )
}

fn many_options(count: usize) -> String {
    let mut scenes = SCENES.to_string();
    let extra: String = (0..count - 2)
        .map(|i| format!("\n[[scene.question.option]]\nid = \"o{i}\"\ntext = \"Option {i}.\"\nfeedback = \"No.\"\n"))
        .collect();
    scenes = scenes.replace(
        "feedback = \"No.\"\n",
        &format!("feedback = \"No.\"\n{extra}"),
    );
    scenes
}

/// Two talking scenes that route to each other while a visit count the analysis cannot bound
/// stays low: `check` cannot prove the loop endless, so the engine must stop it.
const QUIET_LOOP: &str = r#"[[scene]]
id = "ask"
narration = "Round and round."
next = "done"

[[scene.route]]
when = "visits.ask < 1000000000"
goto = "other"

[[scene]]
id = "other"
narration = "And round."
next = "ask"

[[scene]]
id = "done"
title = "The end"
ending = true
narration = "Done."

[[scene]]
id = "quiz"
next = "done"

[scene.question]
kind = "single"
prompt = "Pick one."

[[scene.question.option]]
id = "right"
text = "The right one."
feedback = "Yes."
correct = true
score = { flow = 2 }

[[scene.question.option]]
id = "wrong"
text = "The wrong one."
feedback = "No."
"#;
