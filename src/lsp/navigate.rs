//! Go to definition, find references, rename, and the outline of a file.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, GotoDefinitionParams,
    GotoDefinitionResponse, Location, Position, PrepareRenameResponse, ReferenceParams,
    RenameParams, SymbolKind, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};
use toml::de::{DeTable, DeValue};

use super::documents::{Documents, Project};
use super::index::{Index, Kind, Occurrence, Role};
use super::position::Lines;
use super::server::path_of;
use super::uri::from_path;

/// The index of the folder a document is in, and the byte offset of a position in it.
pub(crate) struct Here {
    pub(crate) path: PathBuf,
    pub(crate) index: Index,
    pub(crate) text: String,
    pub(crate) offset: usize,
}

impl Here {
    pub(crate) fn find(
        documents: &Documents,
        uri: &Uri,
        position: Position,
    ) -> Result<Here, String> {
        let path = path_of(uri)?;
        let index = match documents.project_of(&path) {
            Some(Project::Scenario(root)) => Index::build(&root, &documents.unsaved_in(&root)),
            _ => Index::default(),
        };
        let text = match index.texts.get(&path) {
            Some(text) => text.clone(),
            None => documents.read(&path).unwrap_or_default(),
        };
        let offset = Lines::new(&text).offset(position);
        Ok(Here {
            path,
            index,
            text,
            offset,
        })
    }

    pub(crate) fn occurrence(&self) -> Option<&Occurrence> {
        self.index.at(&self.path, self.offset)
    }

    pub(crate) fn location(&self, occurrence: &Occurrence) -> Option<Location> {
        let text = self.index.texts.get(&occurrence.file)?;
        let range = Lines::new(text).range(&occurrence.span);
        Some(Location::new(from_path(&occurrence.file)?, range))
    }
}

pub(crate) fn definition(
    documents: &Documents,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>, String> {
    let at = params.text_document_position_params;
    let here = Here::find(documents, &at.text_document.uri, at.position)?;
    if let Some(target) = here.index.link_at(&here.path, here.offset) {
        let start = lsp_types::Range::new(Position::new(0, 0), Position::new(0, 0));
        return Ok(
            from_path(target).map(|uri| GotoDefinitionResponse::Scalar(Location::new(uri, start)))
        );
    }
    let Some(occurrence) = here.occurrence() else {
        return Ok(None);
    };
    let locations: Vec<Location> = here
        .index
        .definitions(occurrence.kind, &occurrence.name)
        .into_iter()
        .filter_map(|o| here.location(o))
        .collect();
    Ok(match locations.len() {
        0 => None,
        1 => locations
            .into_iter()
            .next()
            .map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    })
}

pub(crate) fn references(
    documents: &Documents,
    params: ReferenceParams,
) -> Result<Option<Vec<Location>>, String> {
    let at = params.text_document_position;
    let here = Here::find(documents, &at.text_document.uri, at.position)?;
    let Some(occurrence) = here.occurrence() else {
        return Ok(None);
    };
    let declarations = params.context.include_declaration;
    Ok(Some(
        here.index
            .all_of(occurrence.kind, &occurrence.name)
            .into_iter()
            // A flag's "definitions" are where it is set: uses like any other.
            .filter(|o| declarations || o.role == Role::Use || o.kind == Kind::Flag)
            .filter_map(|o| here.location(o))
            .collect(),
    ))
}

pub(crate) fn prepare_rename(
    documents: &Documents,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>, String> {
    let here = Here::find(documents, &params.text_document.uri, params.position)?;
    Ok(here
        .occurrence()
        .map(|o| PrepareRenameResponse::RangeWithPlaceholder {
            range: Lines::new(&here.text).range(&o.span),
            placeholder: o.name.clone(),
        }))
}

// lsp-types keys a workspace edit by `Uri`, whose lazily filled cache never changes its hash.
#[allow(clippy::mutable_key_type)]
pub(crate) fn rename(
    documents: &Documents,
    params: RenameParams,
) -> Result<Option<WorkspaceEdit>, String> {
    let at = params.text_document_position;
    let here = Here::find(documents, &at.text_document.uri, at.position)?;
    let Some(occurrence) = here.occurrence() else {
        return Ok(None);
    };
    let name = params.new_name;
    if !is_id(&name) {
        return Err(format!(
            "`{name}` is not an id: lowercase letters, digits, `_` and `-`, starting with a letter"
        ));
    }
    if name != occurrence.name && !here.index.definitions(occurrence.kind, &name).is_empty() {
        return Err(format!(
            "there is already a {} `{name}`",
            occurrence.kind.noun()
        ));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for o in here.index.all_of(occurrence.kind, &occurrence.name) {
        if let Some(location) = here.location(o) {
            changes
                .entry(location.uri)
                .or_default()
                .push(TextEdit::new(location.range, name.clone()));
        }
    }
    Ok(Some(WorkspaceEdit::new(changes)))
}

fn is_id(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// The outline: the scenes of a scene file, the cast and maps of a manifest, the steps of a
/// map file.
pub(crate) fn symbols(
    documents: &Documents,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>, String> {
    let here = Here::find(documents, &params.text_document.uri, Position::new(0, 0))?;
    let lines = Lines::new(&here.text);
    let mut symbols: Vec<DocumentSymbol> = here
        .index
        .scenes
        .iter()
        .filter(|scene| scene.file == here.path)
        .map(|scene| {
            symbol(
                &scene.id,
                scene.title.clone(),
                SymbolKind::CLASS,
                lines.range(&scene.span),
                lines.range(&scene.id_span),
            )
        })
        .collect();
    symbols.extend(
        here.index
            .occurrences
            .iter()
            .filter(|o| o.file == here.path && o.role == Role::Definition)
            .filter(|o| !matches!(o.kind, Kind::Scene | Kind::Flag))
            .map(|o| {
                let kind = match o.kind {
                    Kind::Character => SymbolKind::CONSTRUCTOR,
                    Kind::Competency => SymbolKind::ENUM_MEMBER,
                    _ => SymbolKind::STRUCT,
                };
                let range = lines.range(&o.span);
                symbol(&o.name, Some(o.kind.noun().to_string()), kind, range, range)
            }),
    );
    if super::documents::is_map_file(&here.path) {
        symbols.extend(steps(&here.text));
    }
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

/// The `[[step]]` ids of a map file.
fn steps(text: &str) -> Vec<DocumentSymbol> {
    let lines = Lines::new(text);
    let (root, _) = DeTable::parse_recoverable(text);
    let Some(DeValue::Array(items)) = root.get_ref().get("step").map(|v| v.get_ref()) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let DeValue::Table(step) = item.get_ref() else {
                return None;
            };
            let id = step.get("id")?;
            let DeValue::String(name) = id.get_ref() else {
                return None;
            };
            let detail = match step.get("name").map(|n| n.get_ref()) {
                Some(DeValue::String(full)) => Some(full.to_string()),
                _ => None,
            };
            let range = lines.range(&id.span());
            Some(symbol(name, detail, SymbolKind::FUNCTION, range, range))
        })
        .collect()
}

#[allow(deprecated)] // `deprecated` is a field every DocumentSymbol must still spell out.
fn symbol(
    name: &str,
    detail: Option<String>,
    kind: SymbolKind,
    range: lsp_types::Range,
    selection_range: lsp_types::Range,
) -> DocumentSymbol {
    DocumentSymbol {
        name: name.to_string(),
        detail,
        kind,
        tags: None,
        deprecated: None,
        range,
        selection_range,
        children: None,
    }
}
