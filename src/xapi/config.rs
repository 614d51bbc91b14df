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

use super::XapiError;
use super::statements::Base;

/// The file name inside dojo's config folder.
pub const CONFIG_FILE: &str = "lrs.toml";

/// A configured LRS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The xAPI endpoint, ending in `/` (`statements` is appended).
    pub endpoint: String,
    pub username: String,
    pub password: String,
    pub base: Base,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    endpoint: Option<String>,
    username: Option<String>,
    password: Option<String>,
    activities: Option<String>,
    home_page: Option<String>,
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
        let file = match path.map(std::fs::read_to_string) {
            Some(Ok(text)) => toml::from_str::<File>(&text).map_err(|e| XapiError::Config {
                path: path.map(Path::to_path_buf).unwrap_or_default(),
                reason: e.message().to_string(),
            })?,
            Some(Err(e)) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(XapiError::Config {
                    path: path.map(Path::to_path_buf).unwrap_or_default(),
                    reason: e.to_string(),
                });
            }
            _ => File::default(),
        };
        let Some(endpoint) = endpoint.or(file.endpoint) else {
            return Ok(None);
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
                activities: file.activities.unwrap_or(default.activities),
                home_page: file.home_page.unwrap_or(default.home_page),
            },
        }))
    }
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
        assert_eq!(
            Config::resolve(Some(&missing), None, None, None).unwrap(),
            None
        );
    }
}
