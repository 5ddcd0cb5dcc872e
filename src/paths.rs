//! Where onsite keeps things on this laptop. Every path can be overridden (flag or
//! environment variable), which is also how tests stay out of the real folders.

use std::path::PathBuf;

use directories::ProjectDirs;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("vn", "onsite", "onsite")
}

/// The user's own rubrics: `--rubrics DIR` / `ONSITE_RUBRICS`, else `rubrics/` in the
/// config dir (e.g. `~/.config/onsite/rubrics` on Linux). `None` when the OS gives no home.
pub fn user_rubrics(flag: Option<&PathBuf>) -> Option<PathBuf> {
    flag.cloned()
        .or_else(|| project_dirs().map(|dirs| dirs.config_dir().join("rubrics")))
}
