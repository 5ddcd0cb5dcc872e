//! The inspector's settings file (`config.yaml`): name, language, default rubric, folders.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::yaml::{self, YamlError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LangSetting {
    Vi,
    En,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Recorded on every change made on this laptop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspector: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<LangSetting>,
    /// Rubric id (or `id@version`) for new visits when none is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_rubric: Option<String>,
    /// TUI: move to the next item after an answer (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance: Option<bool>,
    /// TUI: the folder reports are written to (default: [`crate::paths::reports_dir`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reports_dir: Option<PathBuf>,
    /// TUI: the folder `p` offers files from (photos copied from a phone, scans), default
    /// [`crate::paths::inbox_dir`]. A leading `~` is the home folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inbox: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {error:?}")]
    Invalid { path: String, error: YamlError },
}

/// Config files are a few lines; anything bigger is not one.
const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// Reads the config file; a missing file is an empty config.
pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let shown = path.display().to_string();
    let text = match std::fs::metadata(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(source) => {
            return Err(ConfigError::Unreadable {
                path: shown,
                source,
            });
        }
        Ok(meta) if meta.len() > MAX_CONFIG_BYTES => {
            let source = std::io::Error::other("the file is too large for a config file");
            return Err(ConfigError::Unreadable {
                path: shown,
                source,
            });
        }
        Ok(_) => std::fs::read_to_string(path).map_err(|source| ConfigError::Unreadable {
            path: shown.clone(),
            source,
        })?,
    };
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    yaml::from_str(&text).map_err(|error| ConfigError::Invalid { path: shown, error })
}
