//! Katacoda step pages (Markdown) flattened to terminal text: paragraphs, list items and table
//! rows as beats, portraits followed by a quote as spoken lines, images as a short line, and
//! code marked `{{execute}}` handed to the caller to decide what it becomes.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::notes::Note;
use super::text::squeeze;

/// One beat of a scene, before it is written as narration or a dialogue line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Beat {
    Para(String),
    /// A list item; `depth` 0 for the outermost list.
    Item {
        depth: usize,
        text: String,
    },
    Say {
        name: String,
        text: String,
    },
}

impl Beat {
    /// The beat as one line of terminal text (speech aside).
    pub(crate) fn line(&self) -> String {
        match self {
            Beat::Para(text) | Beat::Say { text, .. } => text.clone(),
            Beat::Item { depth: 0, text } => format!("- {text}"),
            Beat::Item { text, .. } => format!("◦ {text}"),
        }
    }
}

/// What a command marked `{{execute}}` becomes, as the caller decides.
pub(crate) enum Command {
    /// A dialogue player: its lines are played instead.
    Dialogue(Vec<Beat>),
    /// A lab script whose effect cannot be shown: left out of the text.
    Dropped,
    /// Any other command: shown for the reader to run where they can.
    Shell,
}

/// The source of one page: its text, its name in notes, and the part to flatten.
pub(crate) struct Page<'a> {
    pub text: &'a str,
    pub file: &'a str,
    pub range: Range<usize>,
}

impl Page<'_> {
    pub(crate) fn line(&self, offset: usize) -> usize {
        line_of(self.text, offset)
    }
}

/// One-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The markers Katacoda puts after code; `execute` and `exec` run it on the lab machine.
const MARKERS: [&str; 4] = ["{{execute", "{{exec", "{{copy", "{{open"];

/// The length of a marker at the start of `text`, and whether it runs the code.
fn marker_at(text: &str) -> Option<(usize, bool)> {
    let name = MARKERS.iter().find(|m| text.starts_with(**m))?;
    let end = text.find("}}")? + 2;
    Some((
        end,
        !name.starts_with("{{copy") && !name.starts_with("{{open"),
    ))
}

/// Text with every marker removed.
fn without_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        match marker_at(&rest[at..]) {
            Some((len, _)) => rest = &rest[at + len..],
            None => {
                out.push_str("{{");
                rest = &rest[at + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Fenced code closed by a line such as ```` ```{{execute}} ````: the marker is blanked out
/// (so offsets stay put and the fence closes) and its offset kept, with whether it runs.
fn fence_markers(text: &str) -> (String, Vec<(usize, bool)>) {
    let mut cleaned = String::with_capacity(text.len());
    let mut markers = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let fence = trimmed.len() - trimmed.trim_start_matches(['`', '~']).len();
        match marker_at(&trimmed[fence..]).filter(|_| fence >= 3) {
            Some((len, runs)) => {
                let at = line.len() - trimmed.len() + fence;
                markers.push((offset + at, runs));
                cleaned.push_str(&line[..at]);
                cleaned.extend(std::iter::repeat_n(' ', len));
                cleaned.push_str(&line[at + len..]);
            }
            None => cleaned.push_str(line),
        }
        offset += line.len();
    }
    (cleaned, markers)
}

/// Flattens `page`; `command` decides what each command to execute becomes (it is given the
/// command and its line), and every image left behind is noted.
pub(crate) fn flatten(
    page: &Page,
    command: &mut dyn FnMut(&str, usize) -> Command,
    notes: &mut Vec<Note>,
) -> Vec<Beat> {
    let (cleaned, markers) = fence_markers(&page.text[page.range.clone()]);
    let mut walk = Walk {
        page,
        base: page.range.start,
        beats: Vec::new(),
        notes,
        buffer: String::new(),
        commands: Vec::new(),
        after: Vec::new(),
        introduces: false,
        lists: 0,
        table: false,
        item_pending: false,
        quote: 0,
        speaker: None,
        portrait: None,
        image: None,
        link: None,
        code: None,
        cell: Vec::new(),
        last_code: None,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(&cleaned, options).into_offset_iter() {
        walk.event(event, range, &markers, command);
    }
    walk.flush();
    walk.release_portrait();
    walk.beats
}

/// An image being read: its alt text so far, its address and line.
struct Image {
    alt: String,
    url: String,
    line: usize,
}

struct Walk<'p, 'n> {
    page: &'p Page<'p>,
    base: usize,
    beats: Vec<Beat>,
    notes: &'n mut Vec<Note>,
    buffer: String,
    /// Shell commands kept inline in `buffer`, shown alone as "Run:" when nothing else is said.
    commands: Vec<String>,
    /// Beats that follow the paragraph being read (dialogue a command played).
    after: Vec<Beat>,
    /// A command left out or played as dialogue was taken out of the paragraph being read.
    introduces: bool,
    /// How deep in lists the walk is.
    lists: usize,
    table: bool,
    item_pending: bool,
    quote: usize,
    /// Who speaks the quote being read, after a portrait.
    speaker: Option<String>,
    /// A paragraph that was only an image: a portrait if a quote follows.
    portrait: Option<Image>,
    image: Option<Image>,
    link: Option<String>,
    /// Code block text so far, and the offset range of the block.
    code: Option<(String, Range<usize>)>,
    cell: Vec<String>,
    /// The inline code just read and where it starts in `buffer`: a marker may follow.
    last_code: Option<(String, usize)>,
}

impl Walk<'_, '_> {
    fn line(&self, offset: usize) -> usize {
        self.page.line(self.base + offset)
    }

    fn event(
        &mut self,
        event: Event,
        range: Range<usize>,
        markers: &[(usize, bool)],
        command: &mut dyn FnMut(&str, usize) -> Command,
    ) {
        let after_code = self.last_code.take();
        if let Some(image) = &mut self.image {
            match event {
                Event::End(TagEnd::Image) => self.end_image(),
                Event::Text(text) | Event::Code(text) => image.alt.push_str(&text),
                _ => {}
            }
            return;
        }
        if let Some((code, _)) = &mut self.code {
            match event {
                Event::End(TagEnd::CodeBlock) => self.end_code(markers, command),
                Event::Text(text) => code.push_str(&text),
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, after_code, range, command),
            Event::Code(code) => {
                self.last_code = Some((code.to_string(), self.buffer.len()));
                self.buffer.push('`');
                self.buffer.push_str(&code);
                self.buffer.push('`');
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.buffer.push_str(&without_tags(&html));
            }
            Event::SoftBreak | Event::HardBreak => self.buffer.push(' '),
            Event::Rule => self.flush(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } | Tag::HtmlBlock if self.quote == 0 => {
                self.release_portrait();
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote += 1;
                if let Some(portrait) = self.portrait.take() {
                    self.speaker = Some(squeeze(&portrait.alt));
                }
            }
            Tag::List(_) => {
                self.flush();
                self.release_portrait();
                self.lists += 1;
            }
            Tag::Item => {
                self.flush();
                self.item_pending = true;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.release_portrait();
                self.code = Some((String::new(), range));
            }
            Tag::Table(_) => {
                self.flush();
                self.release_portrait();
                self.table = true;
            }
            Tag::Image { dest_url, .. } => {
                self.image = Some(Image {
                    alt: String::new(),
                    url: dest_url.to_string(),
                    line: self.line(range.start),
                });
            }
            Tag::Link { dest_url, .. } => self.link = Some(dest_url.to_string()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::HtmlBlock => {
                let only_image = self.portrait.is_some() && self.buffer.trim().is_empty();
                if !only_image {
                    self.flush();
                }
            }
            TagEnd::Item => self.flush(),
            TagEnd::List(_) => {
                self.flush();
                self.lists = self.lists.saturating_sub(1);
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
                if self.quote == 0 {
                    self.speaker = None;
                }
            }
            TagEnd::Table => self.table = false,
            TagEnd::TableCell => {
                self.cell.push(squeeze(&std::mem::take(&mut self.buffer)));
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                let cells = std::mem::take(&mut self.cell);
                if cells.iter().any(|c| !c.is_empty()) {
                    self.beats.push(Beat::Para(cells.join(" | ")));
                }
            }
            TagEnd::Link => {
                if let Some(url) = self.link.take() {
                    let absolute = url.starts_with("http://") || url.starts_with("https://");
                    if absolute && !self.buffer.ends_with(&url) {
                        self.buffer.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }

    fn text(
        &mut self,
        text: &str,
        after_code: Option<(String, usize)>,
        range: Range<usize>,
        command: &mut dyn FnMut(&str, usize) -> Command,
    ) {
        let mut text = text;
        if let Some((code, at)) = after_code
            && let Some((len, runs)) = marker_at(text)
        {
            text = &text[len..];
            if runs {
                match command(&code, self.line(range.start)) {
                    Command::Dialogue(beats) => {
                        self.buffer.truncate(at);
                        self.after.extend(beats);
                        self.introduces = true;
                    }
                    Command::Dropped => {
                        self.buffer.truncate(at);
                        self.introduces = true;
                    }
                    Command::Shell => self.commands.push(code),
                }
            }
        }
        self.buffer.push_str(&without_markers(text));
    }

    fn end_image(&mut self) {
        let Some(image) = self.image.take() else {
            return;
        };
        // A paragraph that is only an image may be a portrait: wait for what follows.
        if self.buffer.trim().is_empty() && self.quote == 0 && self.lists == 0 && !self.table {
            self.release_portrait();
            self.portrait = Some(image);
            return;
        }
        let shown = self.image_line(&image);
        self.buffer.push_str(&shown);
    }

    /// `[image: alt]`, noted as not shown.
    fn image_line(&mut self, image: &Image) -> String {
        let alt = squeeze(&image.alt);
        let name = if alt.is_empty() {
            image.url.rsplit('/').next().unwrap_or_default().to_string()
        } else {
            alt
        };
        self.notes.push(Note::new(
            self.page.file,
            image.line,
            format!("image `{}`", image.url),
            "a terminal shows no pictures; kept as an [image: …] line",
        ));
        format!("[image: {name}]")
    }

    /// A pending portrait that no quote followed is an image after all.
    fn release_portrait(&mut self) {
        if let Some(image) = self.portrait.take() {
            let line = self.image_line(&image);
            self.beats.push(Beat::Para(line));
        }
    }

    fn end_code(
        &mut self,
        markers: &[(usize, bool)],
        command: &mut dyn FnMut(&str, usize) -> Command,
    ) {
        let Some((code, range)) = self.code.take() else {
            return;
        };
        let runs = markers
            .iter()
            .any(|&(at, runs)| runs && range.contains(&at));
        let lines: Vec<&str> = code.lines().filter(|l| !l.trim().is_empty()).collect();
        if runs {
            match command(code.trim(), self.line(range.start)) {
                Command::Dialogue(beats) => self.beats.extend(beats),
                Command::Dropped => {}
                Command::Shell if lines.len() == 1 => {
                    self.beats
                        .push(Beat::Para(format!("Run: `{}`", lines[0].trim())));
                }
                Command::Shell => {
                    self.beats.push(Beat::Para("Run:".to_string()));
                    self.beats
                        .extend(lines.iter().map(|l| Beat::Para(l.trim().to_string())));
                }
            }
        } else {
            self.beats
                .extend(lines.iter().map(|l| Beat::Para(l.trim_end().to_string())));
        }
    }

    /// Ends the paragraph, item or quote line being read.
    fn flush(&mut self) {
        let text = squeeze(&std::mem::take(&mut self.buffer));
        let commands = std::mem::take(&mut self.commands);
        let after = std::mem::take(&mut self.after);
        let introduced = std::mem::take(&mut self.introduces) && only_introduces(&text);
        let shown = if introduced {
            None
        } else if trivial(&strip_commands(&text, &commands)) {
            for code in &commands {
                self.beats.push(Beat::Para(format!("Run: `{code}`")));
            }
            None
        } else {
            Some(text)
        };
        if let Some(text) = shown {
            let beat = if let Some(name) = &self.speaker {
                Beat::Say {
                    name: name.clone(),
                    text,
                }
            } else if self.item_pending {
                Beat::Item {
                    depth: self.lists.saturating_sub(1),
                    text,
                }
            } else {
                Beat::Para(text)
            };
            self.item_pending = false;
            self.beats.push(beat);
        }
        self.beats.extend(after);
    }
}

fn strip_commands(text: &str, commands: &[String]) -> String {
    commands
        .iter()
        .fold(text.to_string(), |t, c| t.replace(&format!("`{c}`"), ""))
}

/// Whether what is left of a paragraph once its commands are taken out says nothing: empty, or
/// only an instruction to click or run them.
fn trivial(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            [
                "click", "run", "execute", "type", "then", "and", "this", "command", "the",
            ]
            .contains(&w.to_lowercase().as_str())
        })
}

/// Whether a paragraph whose command was taken out only led up to it: it ends with a colon or
/// an instruction such as "click".
fn only_introduces(text: &str) -> bool {
    let text = text.trim_end();
    let last = text
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty());
    text.ends_with(':')
        || last.is_some_and(|w| {
            ["click", "run", "execute", "type"].contains(&w.to_lowercase().as_str())
        })
}

/// HTML with its tags taken out, so `<kbd>Ctrl</kbd>` reads `Ctrl`.
fn without_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("**", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(text: &str) -> (Vec<String>, Vec<Note>) {
        let page = Page {
            text,
            file: "step.md",
            range: 0..text.len(),
        };
        let mut notes = Vec::new();
        let beats = flatten(&page, &mut |_, _| Command::Shell, &mut notes);
        let lines = beats
            .iter()
            .map(|b| match b {
                Beat::Say { name, text } => format!("{name}> {text}"),
                other => other.line(),
            })
            .collect();
        (lines, notes)
    }

    #[test]
    fn paragraphs_lists_tables_and_quotes() {
        let (lines, notes) = flat(
            "# Head\n\nSome *soft*\ntext with <kbd>Ctrl</kbd>.\n\n* one\n  * inner\n* two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![Kim](kim.png)\n\n> Hello there.\n\n![A chart](c.png)\n\nAfter.\n",
        );
        assert_eq!(
            lines,
            [
                "Head",
                "Some soft text with Ctrl.",
                "- one",
                "◦ inner",
                "- two",
                "a | b",
                "1 | 2",
                "Kim> Hello there.",
                "[image: A chart]",
                "After."
            ]
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].line, 18);
    }

    #[test]
    fn commands_to_execute_and_copy() {
        let (lines, _) = flat(
            "Click: `git status`{{execute}}\n\nType `make`{{copy}} now.\n\n```\nls -l\n```{{execute}}\n",
        );
        assert_eq!(
            lines,
            ["Run: `git status`", "Type `make` now.", "Run: `ls -l`"]
        );
    }
}
