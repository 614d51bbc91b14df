//! Hover: a scene's title and first line, a map figure's computed value, a lint's meaning.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::vsm::{self, Metrics};

use super::collect::is_name_char;
use super::documents::Documents;
use super::explain;
use super::index::{Kind, Occurrence, Role};
use super::navigate::Here;
use super::position::Lines;

pub(crate) fn hover(documents: &Documents, params: HoverParams) -> Result<Option<Hover>, String> {
    let at = params.text_document_position_params;
    let here = Here::find(documents, &at.text_document.uri, at.position)?;
    let (word, span) = dotted_word(&here.text, here.offset);
    let text = if let Some(rest) = word.strip_prefix("vsm.") {
        figure(&here, rest)
    } else if let Some(o) = here.occurrence().filter(|o| o.kind == Kind::Scene) {
        here.index.scene(&o.name).map(|scene| {
            let mut text = format!("scene `{}`", scene.id);
            if let Some(title) = &scene.title {
                text.push_str(&format!(": **{title}**"));
            }
            if let Some(line) = &scene.first_line {
                text.push_str(&format!("\n\n{line}"));
            }
            text
        })
    } else if let Some(o) = here.occurrence() {
        about(&here, o)
    } else if quoted(&here.text, &span) {
        explain::markdown(&word)
    } else {
        None
    };
    Ok(text.map(|value| Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(Lines::new(&here.text).range(&span)),
    }))
}

/// A character, competency or workbench as the manifest describes it; a map by its file; a
/// flag by where it is set and read.
fn about(here: &Here, o: &Occurrence) -> Option<String> {
    if let Some(text) = here.index.about.get(&(o.kind, o.name.clone())) {
        return Some(text.clone());
    }
    match o.kind {
        Kind::Map => here.index.map_files.get(&o.name).map(|file| {
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            format!("map `{}`, read from `{name}`", o.name)
        }),
        Kind::Flag => {
            let all = here.index.all_of(Kind::Flag, &o.name);
            let sets = all.iter().filter(|o| o.role == Role::Definition).count();
            let places = |n: usize| {
                if n == 1 {
                    "1 place".to_string()
                } else {
                    format!("{n} places")
                }
            };
            Some(format!(
                "flag `{}`: set in {}, read in {}",
                o.name,
                places(sets),
                places(all.len() - sets)
            ))
        }
        _ => None,
    }
}

/// The value of `<map>.<metric>` computed from the map file, as `dojo vsm --json` has it.
fn figure(here: &Here, name: &str) -> Option<String> {
    let (map, metric) = name.split_once('.')?;
    let Some(path) = here.index.map_files.get(map) else {
        return here
            .index
            .definitions(Kind::Map, map)
            .first()
            .map(|_| format!("`vsm.{name}`: a workbench, built by the learner during play"));
    };
    let text = here.index.texts.get(path)?;
    let loaded = vsm::load(&path.display().to_string(), text);
    let Some(value) = loaded
        .map
        .map(|m| Metrics::compute(&m))
        .and_then(|m| m.get(metric))
    else {
        return Some(format!(
            "`vsm.{name}`: map `{map}` has no figure `{metric}`"
        ));
    };
    Some(format!("`vsm.{name}` = **{}**", value.display()))
}

/// The name around an offset, dots included: `vsm.team.lead_time_days`.
fn dotted_word(text: &str, offset: usize) -> (String, std::ops::Range<usize>) {
    let part = |c: char| is_name_char(c) || c == '.';
    let offset = offset.min(text.len());
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| part(*c))
        .last()
        .map_or(offset, |(at, _)| at);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !part(*c))
        .map_or(text.len(), |(at, _)| offset + at);
    let word = text[start..end].trim_end_matches('.');
    (word.to_string(), start..start + word.len())
}

/// Whether a span sits right inside quotes, as the codes of an `allow` list do.
fn quoted(text: &str, span: &std::ops::Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    matches!(before, Some('"' | '\'')) && before == after
}
