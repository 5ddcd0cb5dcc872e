//! Where onsite keeps things on this laptop. Every path can be overridden (flag or
//! environment variable), which is also how tests stay out of the real folders.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("vn", "onsite", "onsite")
}

/// The paths in use, after flags, environment and defaults.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config_file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub user_rubrics: Option<PathBuf>,
}

impl Paths {
    /// `config`, `data_dir` and `rubrics` are the flags (clap has already folded in the
    /// `ONSITE_CONFIG`, `ONSITE_DATA_DIR` and `ONSITE_RUBRICS` variables).
    pub fn resolve(
        config: Option<&Path>,
        data_dir: Option<&Path>,
        rubrics: Option<&Path>,
    ) -> Paths {
        let dirs = project_dirs();
        Paths {
            config_file: config
                .map(Path::to_owned)
                .or_else(|| dirs.as_ref().map(|d| d.config_dir().join("config.yaml"))),
            // The local folder, not the roaming one: on Windows a roaming profile is copied
            // to the domain's server at every logoff, a sled store with it (elsewhere the two
            // are the same folder).
            data_dir: data_dir
                .map(Path::to_owned)
                .or_else(|| dirs.as_ref().map(|d| d.data_local_dir().to_owned())),
            user_rubrics: rubrics
                .map(Path::to_owned)
                .or_else(|| dirs.as_ref().map(|d| d.config_dir().join("rubrics"))),
        }
    }
}

/// Where the TUI writes reports: `reports_dir` from the settings file; else `Documents\onsite`
/// on Windows (a shortcut may start onsite in a folder the user cannot write to); else, on
/// Linux and macOS, the folder onsite was started from.
pub fn reports_dir(config: &crate::config::Config) -> std::io::Result<PathBuf> {
    match config
        .reports_dir
        .clone()
        .or_else(crate::platform::default_reports_dir)
    {
        Some(dir) => Ok(dir),
        None => std::env::current_dir(),
    }
}
