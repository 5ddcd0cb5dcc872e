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
            data_dir: data_dir
                .map(Path::to_owned)
                .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_owned())),
            user_rubrics: rubrics
                .map(Path::to_owned)
                .or_else(|| dirs.as_ref().map(|d| d.config_dir().join("rubrics"))),
        }
    }
}
