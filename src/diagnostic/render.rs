//! Renders diagnostics rustc-style (source line, underline, hint) or as JSON for CI.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, Config, Styles, StylesWriter, termcolor::Ansi};
use std::borrow::Cow;

use serde::Serialize;

use codespan_reporting::files::Files;

use super::cut::CutSources;
use super::source::{clipped, visible};
use super::{Diagnostic, Severity, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Colour,
}

impl Style {
    /// Colour when the output goes to a terminal and `NO_COLOR` is unset or empty. The one place
    /// dojo decides on colour, for diagnostics, maps and the player alike, so `NO_COLOR=` (empty)
    /// means the same everywhere: colour, as the convention says.
    pub fn for_output(is_terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if is_terminal && !no_color {
            Style::Colour
        } else {
            Style::Plain
        }
    }

    pub fn is_colour(self) -> bool {
        self == Style::Colour
    }
}

/// Renders every diagnostic, in order, as one block of text ending in a newline.
pub fn render(diagnostics: &[Diagnostic], sources: &Sources, style: Style) -> String {
    let config = Config::default();
    let styles = Styles::default();
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        let mut converted = convert(diagnostic, sources);
        let spans: Vec<_> = converted
            .labels
            .iter()
            .map(|l| (l.file_id, l.range.clone()))
            .collect();
        let result = match CutSources::new(sources, &spans) {
            None => emit(&mut out, style, &config, &styles, sources, &converted),
            Some(cut) => {
                for label in &mut converted.labels {
                    label.range = cut.span(label.file_id, &label.range);
                }
                emit(&mut out, style, &config, &styles, &cut, &converted)
            }
        };
        // A label outside its file would be our bug, not the author's; fall back to the message.
        if result.is_err() {
            out.extend_from_slice(
                format!(
                    "{}: {}\n",
                    severity_word(diagnostic.severity),
                    visible(&diagnostic.message)
                )
                .as_bytes(),
            );
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn emit<'f>(
    out: &mut Vec<u8>,
    style: Style,
    config: &Config,
    styles: &Styles,
    files: &'f impl Files<'f, FileId = super::FileId>,
    diagnostic: &cs::Diagnostic<super::FileId>,
) -> Result<(), codespan_reporting::files::Error> {
    match style {
        Style::Plain => term::emit_to_io_write(out, config, files, diagnostic),
        Style::Colour => {
            let mut writer = StylesWriter::new(Ansi::new(out), styles);
            term::emit_to_write_style(&mut writer, config, files, diagnostic)
        }
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The codespan form of a diagnostic: spans moved onto the display copy of their file, and
/// every text made [`visible`], since messages quote ids and keys from an author's files.
fn convert(diagnostic: &Diagnostic, sources: &Sources) -> cs::Diagnostic<super::FileId> {
    let severity = match diagnostic.severity {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let label = |style: cs::LabelStyle, label: &super::Label| {
        let file = label.location.file;
        cs::Label::new(
            style,
            file,
            sources.display_span(file, &label.location.span),
        )
        .with_message(visible(&label.message))
    };
    let mut labels = Vec::new();
    if let Some(primary) = &diagnostic.primary {
        labels.push(label(cs::LabelStyle::Primary, primary));
    }
    for secondary in &diagnostic.secondary {
        labels.push(label(cs::LabelStyle::Secondary, secondary));
    }
    let unlabelled = match diagnostic.unlabelled {
        0 => None,
        1 => Some("1 more place like these is not shown".to_string()),
        n => Some(format!("{n} more places like these are not shown")),
    };
    let notes = unlabelled
        .into_iter()
        .chain(
            diagnostic
                .hint
                .iter()
                .map(|hint| format!("hint: {}", visible(hint))),
        )
        .collect();
    cs::Diagnostic::new(severity)
        .with_code(diagnostic.code)
        .with_message(visible(&diagnostic.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// The closing line: how many errors and warnings, or that all is well.
pub fn summary(diagnostics: &[Diagnostic], what: &str) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let count = |n: usize, word: &str| match n {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    };
    match (errors, warnings) {
        (0, 0) => format!("{what}: no problems found"),
        (0, w) => format!("{what}: {}", count(w, "warning")),
        (e, 0) => format!("{what}: {}", count(e, "error")),
        (e, w) => format!("{what}: {}, {}", count(e, "error"), count(w, "warning")),
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    message: Cow<'a, str>,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    /// What the underline says.
    label: Option<Cow<'a, str>>,
    hint: Option<Cow<'a, str>>,
}

/// One JSON object per diagnostic, in a list: severity, code, message, file, one-based line and
/// column of the start and end of the underline, its label, and the hint.
pub fn render_json(diagnostics: &[Diagnostic], sources: &Sources) -> serde_json::Value {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| {
            let place = d.primary.as_ref().map(|label| {
                let file = label.location.file;
                let start = sources.line_col(file, label.location.span.start);
                let end = sources.line_col(file, label.location.span.end);
                (sources.name(file), start, end)
            });
            JsonDiagnostic {
                severity: d.severity,
                code: d.code,
                message: clipped(&d.message),
                file: place.map(|p| p.0),
                line: place.map(|p| p.1.0),
                column: place.map(|p| p.1.1),
                end_line: place.map(|p| p.2.0),
                end_column: place.map(|p| p.2.1),
                label: d.primary.as_ref().map(|label| clipped(&label.message)),
                hint: d.hint.as_deref().map(clipped),
            }
        })
        .collect();
    serde_json::to_value(items).unwrap_or(serde_json::Value::Null)
}
