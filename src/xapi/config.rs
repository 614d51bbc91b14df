//! Where records go: the LRS endpoint and credentials, from the environment or from
//! `<config>/dojo/lrs.toml`, so an organisation can preset either.
//!
//! ```toml
//! endpoint = "https://lrs.example.com/xAPI/"
//! username = "key"
//! password = "secret"
//! activities = "https://training.example.com"   # optional base of activity ids
//! home_page = "https://training.example.com"    # optional homePage of learner accounts
//! ```
//!
//! Each environment variable wins over the file's key of the same meaning.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::XapiError;
use super::statements::Base;
use crate::diagnostic::{Diagnostic, FileId, Sources, Style, render, summary};
use crate::toml_doc::{self, Doc, Format, lenient};

/// The file name inside dojo's config folder.
pub const CONFIG_FILE: &str = "lrs.toml";

/// The most of `lrs.toml` read: a few lines, whatever else the file holds.
const FILE_LIMIT: u64 = 64 * 1024;

/// A configured LRS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The xAPI endpoint, ending in `/` (`statements` is appended).
    pub endpoint: String,
    pub username: String,
    pub password: String,
    pub base: Base,
}

/// An `lrs.toml` that cannot be used, with every problem located in it.
#[derive(Debug)]
pub struct ConfigProblems {
    pub path: PathBuf,
    diagnostics: Vec<Diagnostic>,
    sources: Sources,
}

impl ConfigProblems {
    /// The problems rustc-style, as `dojo check` shows a scenario's.
    pub fn render(&self, style: Style) -> String {
        render(&self.diagnostics, &self.sources, style)
    }

    /// "2 errors in <path>".
    pub fn summary(&self) -> String {
        summary(&self.diagnostics, &self.path.display().to_string())
    }
}

static LRS_TOML: Format = Format {
    tables: &[(
        "",
        &[
            "endpoint",
            "username",
            "password",
            "activities",
            "home_page",
        ],
    )],
    entries: "",
    headers_twice: &[],
    examples: &[("endpoint", "\"https://lrs.example.com/xAPI/\"")],
    untagged: &[],
    range_hints: &[],
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    endpoint: Option<Spanned<String>>,
    username: Option<String>,
    password: Option<String>,
    activities: Option<Spanned<String>>,
    home_page: Option<Spanned<String>>,
}

impl Config {
    /// The configuration in effect, or `None` when no endpoint is set: then nothing is sent.
    pub fn discover() -> Result<Option<Config>, XapiError> {
        let file = Self::file_path();
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Self::resolve(
            file.as_deref(),
            env("DOJO_LRS_ENDPOINT"),
            env("DOJO_LRS_USERNAME"),
            env("DOJO_LRS_PASSWORD"),
        )
    }

    /// `$XDG_CONFIG_HOME/dojo/lrs.toml` (or the platform's config folder).
    pub fn file_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "dojo").map(|d| d.config_dir().join(CONFIG_FILE))
    }

    fn resolve(
        path: Option<&Path>,
        endpoint: Option<String>,
        username: Option<String>,
        password: Option<String>,
    ) -> Result<Option<Config>, XapiError> {
        let file = match path {
            Some(path) => read_file(path)?,
            None => File::default(),
        };
        let endpoint = match endpoint {
            Some(endpoint) => {
                if let Err(reason) = web_address(&endpoint) {
                    return Err(XapiError::BadEndpoint { endpoint, reason });
                }
                endpoint
            }
            None => match file.endpoint {
                Some(endpoint) => endpoint.into_inner(),
                None => return Ok(None),
            },
        };
        let endpoint = if endpoint.ends_with('/') {
            endpoint
        } else {
            format!("{endpoint}/")
        };
        let default = Base::default();
        Ok(Some(Config {
            endpoint,
            username: username.or(file.username).unwrap_or_default(),
            password: password.or(file.password).unwrap_or_default(),
            base: Base {
                activities: file
                    .activities
                    .map_or(default.activities, Spanned::into_inner),
                home_page: file
                    .home_page
                    .map_or(default.home_page, Spanned::into_inner),
            },
        }))
    }
}

/// Reads `lrs.toml` through the scenario files' TOML path, so its mistakes get the same
/// located words; a missing file is no configuration.
fn read_file(path: &Path) -> Result<File, XapiError> {
    let unreadable = |reason: String| XapiError::ConfigUnreadable {
        path: path.to_path_buf(),
        reason,
    };
    let text = match crate::scenario::read_regular_bytes(path) {
        Ok(bytes) if bytes.len() as u64 > FILE_LIMIT => {
            return Err(unreadable(format!(
                "it is {} bytes; a configuration is at most {FILE_LIMIT}",
                bytes.len()
            )));
        }
        Ok(bytes) => {
            String::from_utf8(bytes).map_err(|_| unreadable("it is not UTF-8 text".into()))?
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(File::default()),
        Err(e) => return Err(unreadable(e.to_string())),
    };
    let mut sources = Sources::new();
    let id = sources.add(path.display().to_string(), text);
    let mut diagnostics = Vec::new();
    let file = parse(&sources, id, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(XapiError::Config(Box::new(ConfigProblems {
            path: path.to_path_buf(),
            diagnostics,
            sources,
        })));
    }
    Ok(file)
}

fn parse(sources: &Sources, id: FileId, diagnostics: &mut Vec<Diagnostic>) -> File {
    let (table, _) = toml_doc::parse(&LRS_TOML, sources, id, diagnostics);
    let doc = Doc::new(
        &LRS_TOML,
        id,
        sources.name(id),
        sources.text(id),
        table.get_ref(),
    );
    let root = Spanned::new(
        table.span(),
        toml::de::DeValue::Table(table.get_ref().clone()),
    );
    let file = lenient::<File>(&doc, &root, diagnostics).map_or_else(File::default, |(f, _)| f);
    toml_doc::quiet_after_syntax(sources, diagnostics);
    for (key, value) in [
        ("endpoint", &file.endpoint),
        ("activities", &file.activities),
        ("home_page", &file.home_page),
    ] {
        if let Some(value) = value
            && let Err(reason) = web_address(value.get_ref())
        {
            diagnostics.push(
                Diagnostic::error("lrs-address", format!("`{key}` is not a web address"))
                    .at(id, value.span(), reason)
                    .hint("write the whole address, such as \"https://lrs.example.com/xAPI/\""),
            );
        }
    }
    file
}

/// Whether `text` is an absolute http or https address with a host; why not otherwise.
fn web_address(text: &str) -> Result<(), String> {
    if !text.contains("://") {
        return Err("no `https://` in front".to_string());
    }
    let uri: ureq::http::Uri = text.parse().map_err(|_| "not an address".to_string())?;
    match uri.scheme_str() {
        Some("http" | "https") => {}
        Some(other) => return Err(format!("`{other}:` is not http or https")),
        None => return Err("no `https://` in front".to_string()),
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err("no host".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_wins_over_the_file_and_no_endpoint_means_nothing_is_sent() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_FILE);
        std::fs::write(
            &path,
            "endpoint = \"http://file/xAPI\"\nusername = \"u\"\npassword = \"p\"\n",
        )
        .unwrap();
        let config = Config::resolve(Some(&path), Some("http://env/x/".into()), None, None)
            .unwrap()
            .unwrap();
        assert_eq!(config.endpoint, "http://env/x/");
        assert_eq!(
            (config.username.as_str(), config.password.as_str()),
            ("u", "p")
        );
        let from_file = Config::resolve(Some(&path), None, None, None)
            .unwrap()
            .unwrap();
        assert_eq!(from_file.endpoint, "http://file/xAPI/");
        let missing = dir.path().join("none.toml");
        assert!(matches!(
            Config::resolve(None, Some("lrs.example.com".into()), None, None),
            Err(XapiError::BadEndpoint { .. })
        ));
        assert_eq!(
            Config::resolve(Some(&missing), None, None, None).unwrap(),
            None
        );
    }
}
