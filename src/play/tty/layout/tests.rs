//! Layouts checked row by row at fixed widths, without a terminal.

use super::*;
use crate::engine::{
    Answer, CompetencyResult, EndingResult, FeedbackLine, GradeResult, Kind, QuestionResult,
    ScoreChange,
};
use crate::scenario::{Colour, Named};

fn texts(rows: &[Line]) -> Vec<String> {
    rows.iter().map(Line::text).collect()
}

fn assert_fits(rows: &[Line], width: usize) {
    for row in rows {
        let text = row.text();
        assert!(
            columns(&text) <= width,
            "{} columns > {width}: {text:?}",
            columns(&text)
        );
    }
}

fn sample() -> Results {
    Results {
        scenario: "pet-clinic-vsm".into(),
        title: "Pet Clinic".into(),
        learner: "Tester".into(),
        seed: 7,
        pass_mark: None,
        setback: false,
        ending: EndingResult {
            scene: "workshop".into(),
            title: "Ready for the workshop".into(),
        },
        competencies: vec![
            CompetencyResult {
                id: "facilitation".into(),
                name: "Facilitation".into(),
                score: 5,
                max: 8,
            },
            CompetencyResult {
                id: "flow".into(),
                name: "Seeing the flow".into(),
                score: -2,
                max: 6,
            },
            CompetencyResult {
                id: "measurement".into(),
                name: "Measuring what matters".into(),
                score: 4,
                max: 4,
            },
        ],
        score: 7,
        max: 18,
        percent: 38,
        grade: Some(GradeResult {
            name: "Still in the war room".into(),
            message: "The pizza boxes are winning for now. Try again, and watch for the moments when blame crowds out the work.".into(),
        }),
        questions: vec![
            QuestionResult {
                scene: "war-room".into(),
                prompt: "Everyone in the room has found a culprit, and it is never themselves. What do you say?".into(),
                answer: "Ask everyone to set names aside for now and lay out on the whiteboard what happened to the upgrade, step by step.".into(),
                right: Some(true),
                feedback: vec![],
                kind: Kind::Single,
                given: Answer::Choice(String::new()),
                score: Vec::new(),
                options: Vec::new(),
                at: 0,
            },
            QuestionResult {
                scene: "tally".into(),
                prompt: "How many hours did the release wait?".into(),
                answer: "12 hours".into(),
                right: Some(false),
                feedback: vec![],
                kind: Kind::Single,
                given: Answer::Choice(String::new()),
                score: Vec::new(),
                options: Vec::new(),
                at: 0,
            },
            QuestionResult {
                scene: "name".into(),
                prompt: "What would you call it?".into(),
                answer: "flow".into(),
                right: None,
                feedback: vec![],
                kind: Kind::Single,
                given: Answer::Choice(String::new()),
                score: Vec::new(),
                options: Vec::new(),
                at: 0,
            },
        ],
        maps: Vec::new(),
        retries: Vec::new(),
    }
}

#[test]
fn results_at_80_columns() {
    let rows = results(&sample(), 80, 21);
    assert_fits(&rows, 80);
    let text = texts(&rows);
    assert_eq!(
        text[..7],
        [
            format!("══ The end: Ready for the workshop {}", "═".repeat(45)),
            "Still in the war room · 7 of 18 points (38%)".to_string(),
            "The pizza boxes are winning for now. Try again, and watch for the moments when"
                .to_string(),
            "blame crowds out the work.".to_string(),
            String::new(),
            format!(
                "  Facilitation            {}{}   5 / 8",
                "█".repeat(13),
                "░".repeat(7)
            ),
            format!("  Seeing the flow         {}  -2 / 6", "░".repeat(20)),
        ]
    );
    assert_eq!(
        text[7],
        format!("  Measuring what matters  {}   4 / 4", "█".repeat(20))
    );
    assert_eq!(text.len(), 8, "the answers wait behind a key: {text:#?}");
}

#[test]
fn a_retry_is_said_under_the_verdict_and_blank_rows_give_way_to_fit() {
    let mut retried = sample();
    retried.retries = vec![crate::engine::Attempt {
        ending: EndingResult {
            scene: "empty-chair".into(),
            title: "An empty chair".into(),
        },
        score: 3,
        max: 12,
        percent: 25,
    }];
    let text = texts(&results(&retried, 80, 21));
    assert_eq!(
        text[4],
        "Second attempt; the first ended in \"An empty chair\" with 3 of 12 points."
    );
    assert_eq!(text[5], "", "room to spare keeps the blank row");
    assert_eq!(text.len(), 9);
    // One row short: the blank row goes rather than the last competency.
    let tight = texts(&results(&retried, 80, 8));
    assert_eq!(tight.len(), 8);
    assert!(tight[5].starts_with("  Facilitation"), "{tight:#?}");
    assert!(
        tight[7].starts_with("  Measuring what matters"),
        "{tight:#?}"
    );
}

#[test]
fn every_answer_comes_after_the_first_screen() {
    assert_eq!(
        details_prompt(&sample()),
        Some("press any key for every answer · q to finish"),
        "no map to draw, so none is promised"
    );
    let rows = details(&sample(), 80);
    assert_fits(&rows, 80);
    let text = texts(&rows);
    assert_eq!(text[0], "Your answers");
    assert_eq!(
        text[1],
        "✓ 1. Everyone in the room has found a culprit, and it is never themselves. What"
    );
    assert_eq!(text[2], "     do you say?");
    assert_eq!(
        text[3],
        "     Ask everyone to set names aside for now and lay out on the whiteboard what"
    );
    assert!(text.contains(&"✗ 2. How many hours did the release wait?".to_string()));
    assert!(text.contains(&"· 3. What would you call it?".to_string()));
    let mut bare = sample();
    bare.questions.clear();
    assert_eq!(details_prompt(&bare), None);
}

#[test]
fn results_at_60_columns_keep_every_row_inside() {
    let rows = results(&sample(), 60, 21);
    assert_fits(&rows, 60);
    let text = texts(&rows);
    assert_eq!(
        text[5],
        format!(
            "  Facilitation            {}{}   5 / 8",
            "█".repeat(13),
            "░".repeat(7)
        )
    );
}

#[test]
fn results_at_tiny_widths_drop_the_bar_but_keep_the_numbers() {
    let rows = results(&sample(), 24, 21);
    let text = texts(&rows);
    assert!(
        text.iter()
            .any(|row| row.contains("Facilitation") && row.ends_with("5 / 8")),
        "{text:#?}"
    );
    assert!(!text.iter().any(|row| row.contains('█')));
    for width in 0..30 {
        results(&sample(), width, 21);
    }
}

#[test]
fn bars_fill_in_proportion_and_never_overflow() {
    assert_eq!(filled(5, 10, 20), 10);
    assert_eq!(filled(12, 10, 20), 20);
    assert_eq!(filled(-3, 10, 20), 0);
    assert_eq!(filled(3, 0, 20), 0);
}

fn speaker(name: &str, role: &str) -> Speaker {
    Speaker {
        id: name.to_lowercase().into(),
        name: name.into(),
        role: role.into(),
        colour: Colour::Named(Named::Red),
        portrait: None,
    }
}

#[test]
fn a_portrait_shows_only_where_it_leaves_room_for_the_story() {
    let mut dan = speaker("Dan", "Developer");
    dan.portrait = Some(" .--. \n(o  o)\n \\__/ ".into());
    let roomy = Screen {
        width: 80,
        height: 24,
        colour: false,
    };
    let rows = portrait(&dan, &roomy);
    assert_eq!(texts(&rows), ["   .--. ", "  (o  o)", "   \\__/ "]);
    let cramped = Screen {
        width: 80,
        height: 5,
        colour: false,
    };
    assert!(portrait(&dan, &cramped).is_empty());
    let narrow = Screen {
        width: 7,
        height: 24,
        colour: false,
    };
    assert!(portrait(&dan, &narrow).is_empty());
    assert!(portrait(&speaker("Tina", "Testing"), &roomy).is_empty());
}

#[test]
fn speech_hangs_under_the_name_in_the_speakers_colour() {
    let rows = speech(
        &speaker("Dan", "Developer"),
        "What happened is that testing signed off a build.",
        30,
        false,
    );
    assert_eq!(
        texts(&rows),
        [
            "Dan: What happened is that",
            "     testing signed off",
            "     a build."
        ]
    );
    assert_eq!(rows[0].0[0].paint.fg, Some(Color::DarkRed));
    assert!(rows[0].0[0].paint.bold);
}

#[test]
fn speech_introduces_the_role_once_asked() {
    let rows = speech(&speaker("Dan", "Developer"), "Here we go.", 80, true);
    assert_eq!(texts(&rows), ["Dan (Developer): Here we go."]);
    let rows = speech(
        &speaker("Paulo", "Product owner, new to the company"),
        "Hi.",
        40,
        true,
    );
    assert_eq!(texts(&rows), ["Paulo: Hi."]);
}

#[test]
fn an_introduced_speech_hangs_under_its_words_past_the_role() {
    let text = "One goal for the hour: understand what happened, so it never happens again.";
    let rows = speech(&speaker("Santhosh", "Scrum Master"), text, 80, true);
    assert_eq!(
        texts(&rows),
        [
            "Santhosh (Scrum Master): One goal for the hour: understand what happened, so it",
            "                         never happens again.",
        ]
    );
    let rows = speech(&speaker("Santhosh", "Scrum Master"), text, 80, false);
    assert_eq!(texts(&rows)[1], "          again.");
}

#[test]
fn speech_survives_tiny_widths_and_empty_text() {
    for width in 0..20 {
        let rows = speech(
            &speaker("Santhosh", "Scrum Master"),
            "Thanks for coming, everyone.",
            width,
            true,
        );
        assert!(rows[0].text().starts_with("Santhosh"));
    }
    assert_eq!(texts(&speech(&speaker("Dan", ""), "", 40, true)), ["Dan: "]);
}

#[test]
fn title_card_lists_objectives_as_bullets() {
    let meta = Meta {
        pass: None,
        id: "pet-clinic-vsm".into(),
        title: "Pet Clinic: Seeing the Flow".into(),
        summary: "Two days of firefighting.".into(),
        minutes: 15,
        level: crate::scenario::model::Level::Beginner,
        objectives: vec!["Describe a value stream: every step a request passes through".into()],
    };
    let rows = title(&meta, 40, 24);
    assert_fits(&rows, 40);
    assert_eq!(
        texts(&rows),
        [
            "══ Pet Clinic: Seeing the Flow ═════════",
            "",
            "Two days of firefighting.",
            "",
            "About 15 minutes · beginner level",
            "",
            "You will learn to:",
            "  • Describe a value stream: every step",
            "    a request passes through",
        ]
    );
}

/// A scenario introduced at Pet Clinic's length: a long summary and seven long objectives.
fn long_meta() -> Meta {
    let objective = |n: usize| {
        format!(
            "Objective {n}: walk the process with everyone it passes through and write down the lead time, process time and %C/A of every step"
        )
    };
    Meta {
        pass: None,
        id: "long".into(),
        title: "Pet Clinic: Seeing the Flow".into(),
        summary: "Two days of firefighting a botched upgrade have left the team tired and blaming each other. You are the newest engineer in the room, asked to help run the post-mortem. Turn it into a value stream mapping workshop: frame it, get the right people in the room, walk the real process, build the map, read what it says and choose what to change first.".into(),
        minutes: 45,
        level: crate::scenario::model::Level::Beginner,
        objectives: (1..=7).map(objective).collect(),
    }
}

#[test]
fn a_long_title_card_cuts_its_objectives_to_fit_80_by_24() {
    // 24 rows less the blank row above the card and the pause's two below it.
    let rows = title_card(&long_meta(), 80, 21);
    assert_fits(&rows, 80);
    let text = texts(&rows);
    assert_eq!(
        text,
        [
            format!("══ Pet Clinic: Seeing the Flow {}", "═".repeat(49)),
            String::new(),
            "Two days of firefighting a botched upgrade have left the team tired and blaming"
                .into(),
            "each other. You are the newest engineer in the room, asked to help run the".into(),
            "post-mortem. Turn it into a value stream mapping workshop: frame it, get the".into(),
            "right people in the room, walk the real process, build the map, read what it".into(),
            "says and choose what to change first.".into(),
            String::new(),
            "About 45 minutes · beginner level".into(),
            String::new(),
            "You will learn to:".into(),
            "  • Objective 1: walk the process with everyone it passes through and write down"
                .into(),
            "    the lead time, process time and %C/A of every step".into(),
            "  • Objective 2: walk the process with everyone it passes through and write down"
                .into(),
            "    the lead time, process time and %C/A of every step".into(),
            "  • Objective 3: walk the process with everyone it passes through and write down"
                .into(),
            "    the lead time, process time and %C/A of every step".into(),
            "  • Objective 4: walk the process with everyone it passes through and write down"
                .into(),
            "    the lead time, process time and %C/A of every step".into(),
            "  …and 3 more".into(),
        ]
    );
}

#[test]
fn a_long_title_card_fits_60_by_20_with_its_title_on_top() {
    let rows = title_card(&long_meta(), 60, 17);
    assert_fits(&rows, 60);
    assert!(rows.len() <= 17, "{:#?}", texts(&rows));
    let text = texts(&rows);
    assert!(text[0].starts_with("══ Pet Clinic: Seeing the Flow"));
    assert_eq!(text.last().map(String::as_str), Some("  …and 6 more"));
    assert!(text.contains(&"About 45 minutes · beginner level".to_string()));
}

#[test]
fn the_banner_and_every_objective_show_where_there_is_room() {
    let rows = title_card(&long_meta(), 80, 60);
    let text = texts(&rows);
    assert!(
        text[0].contains("____"),
        "the banner comes first: {text:#?}"
    );
    assert!(text.iter().any(|row| row.contains("Objective 7")));
    assert!(!text.iter().any(|row| row.contains("more")));
    // Room for every objective but not for the banner too: the objectives win.
    let rows = title_card(&long_meta(), 80, 30);
    let text = texts(&rows);
    assert!(text[0].starts_with("══ Pet Clinic"), "{text:#?}");
    assert!(text.iter().any(|row| row.contains("Objective 7")));
}

#[test]
fn a_card_with_no_room_for_any_objective_says_how_many_there_are() {
    let text = texts(&title_card(&long_meta(), 80, 12));
    assert!(
        !text.iter().any(|row| row.contains("learn to")),
        "{text:#?}"
    );
    assert_eq!(
        text[text.len() - 3..],
        [
            "About 45 minutes · beginner level",
            "",
            "7 learning objectives: a taller window shows them."
        ]
    );
    let text = texts(&title_card(&long_meta(), 80, 10));
    assert_eq!(
        text.last().map(String::as_str),
        Some("About 45 minutes · beginner level"),
        "no room even for that"
    );
}

#[test]
fn pet_clinic_title_card_fits_80_by_24_and_60_by_20() {
    let loaded = crate::scenario::load(&crate::scenario::FLAGSHIP).expect("the flagship loads");
    let meta = &loaded.scenario.expect("the flagship compiles").meta;
    for (width, height) in [(80, 24), (60, 20)] {
        let rows = title_card(meta, width, height - 3);
        assert_fits(&rows, width);
        assert!(
            rows.len() <= height - 3,
            "{width}x{height}: {:#?}",
            texts(&rows)
        );
        assert!(texts(&rows)[0].contains(meta.title.as_str()) || width < 40);
    }
}

#[test]
fn heading_is_a_rule_with_the_title() {
    assert_eq!(
        texts(&heading("The war room", 24)),
        ["── The war room ────────"]
    );
    assert_fits(
        &heading("A very long title for a very narrow terminal", 20),
        20,
    );
}

#[test]
fn feedback_marks_right_and_wrong_in_words() {
    let view = FeedbackView {
        right: Some(false),
        lines: vec![FeedbackLine {
            option: None,
            missed: false,
            text: "Taking a side turns you from facilitator into player.".into(),
        }],
        solution: Some("Ask everyone to set names aside.".into()),
        score: vec![
            ScoreChange {
                competency: "Facilitation".into(),
                delta: -2,
            },
            ScoreChange {
                competency: "Seeing the flow".into(),
                delta: 1,
            },
        ],
    };
    let rows = feedback(&view, 60);
    assert_eq!(
        texts(&rows),
        [
            "✗ Not quite.",
            "  Taking a side turns you from facilitator into player.",
            "  The answer: Ask everyone to set names aside.",
            "  Score: Facilitation -2, Seeing the flow +1",
        ]
    );
    assert_eq!(rows[0].0[0].paint, Paint::WRONG);
    let narrow = feedback(&view, 30);
    assert_fits(&narrow, 30);
    assert_eq!(
        texts(&narrow)[texts(&narrow).len() - 2..],
        ["    Facilitation -2", "    Seeing the flow +1"]
    );
}

#[test]
fn feedback_on_several_options_names_each() {
    let view = FeedbackView {
        right: Some(true),
        lines: vec![
            FeedbackLine {
                option: Some("Testing".into()),
                missed: false,
                text: "They catch it late.".into(),
            },
            FeedbackLine {
                option: Some("Security".into()),
                missed: true,
                text: "Booked after go-live.".into(),
            },
        ],
        solution: None,
        score: vec![],
    };
    assert_eq!(
        texts(&feedback(&view, 40)),
        [
            "✓ Right.",
            "• Testing",
            "  They catch it late.",
            "• Missed: Security",
            "  Booked after go-live."
        ]
    );
}
