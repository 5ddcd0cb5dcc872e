//! Where onsite keeps things on this laptop. Every path can be overridden (flag or
//! environment variable), which is also how tests stay out of the real folders.

use std::path::{Path, PathBuf};

use directories::{ProjectDirs, UserDirs};

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

/// The home folder, if this user has one.
pub fn home_dir() -> Option<PathBuf> {
    UserDirs::new().map(|dirs| dirs.home_dir().to_owned())
}

/// The inbox the TUI's `p` lists files from: `inbox` from the settings file; else an
/// `onsite` folder in the user's Pictures folder (`~/Pictures/onsite`, the place a phone's
/// photos are copied to); else, when the system names no Pictures folder, the home folder's
/// `Pictures/onsite`; with no home folder at all, `Pictures/onsite` where onsite started.
pub fn inbox_dir(config: &crate::config::Config, home: Option<&Path>) -> PathBuf {
    if let Some(inbox) = &config.inbox {
        return expand_home(inbox, home);
    }
    let pictures = UserDirs::new()
        .and_then(|dirs| dirs.picture_dir().map(Path::to_owned))
        .or_else(|| home.map(|home| home.join("Pictures")))
        .unwrap_or_else(|| PathBuf::from("Pictures"));
    pictures.join("onsite")
}

/// `path` with a leading `~` (alone or before a separator) replaced by `home`; unchanged
/// when there is no home folder or no `~`. `~user` is not expanded.
pub fn expand_home(path: &Path, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return path.to_owned();
    };
    match path.strip_prefix("~") {
        Ok(rest) if rest.as_os_str().is_empty() => home.to_owned(),
        Ok(rest) => home.join(rest),
        Err(_) => path.to_owned(),
    }
}

/// `path` as shown to its user: under the home folder it starts with `~`, which is shorter
/// and says the same (and can be typed back: [`expand_home`]).
pub fn tilde(path: &Path, home: Option<&Path>) -> String {
    match home.and_then(|home| path.strip_prefix(home).ok()) {
        Some(rest) if rest.as_os_str().is_empty() => "~".to_owned(),
        Some(rest) => format!("~{}{}", std::path::MAIN_SEPARATOR, rest.display()),
        None => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_folder_and_nothing_else_is() {
        let home = Path::new("/home/lan");
        let cases = [
            ("~", "/home/lan"),
            ("~/Pictures/onsite", "/home/lan/Pictures/onsite"),
            ("~lan/x", "~lan/x"),
            ("/srv/~/x", "/srv/~/x"),
            ("anh/~", "anh/~"),
        ];
        for (given, expanded) in cases {
            assert_eq!(
                expand_home(Path::new(given), Some(home)),
                Path::new(expanded)
            );
        }
        assert_eq!(expand_home(Path::new("~/x"), None), Path::new("~/x"));
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(
            tilde(Path::new("/home/lan/Pictures"), Some(home)),
            format!("~{sep}Pictures")
        );
        assert_eq!(tilde(Path::new("/home/lanh/x"), Some(home)), "/home/lanh/x");
        assert_eq!(tilde(Path::new("/home/lan"), Some(home)), "~");
    }

    #[test]
    fn the_inbox_from_the_settings_file_wins() {
        let config = crate::config::Config {
            inbox: Some("~/anh-kiem-tra".into()),
            ..Default::default()
        };
        let home = Path::new("/home/lan");
        assert_eq!(
            inbox_dir(&config, Some(home)),
            Path::new("/home/lan/anh-kiem-tra")
        );
        let default = inbox_dir(&crate::config::Config::default(), Some(home));
        assert!(default.ends_with("onsite"), "{}", default.display());
    }
}
