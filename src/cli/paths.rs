//! `onsite paths`: every path in use, so an inspector (or support) can find the files.

use std::path::Path;

use super::{CliError, Context};

pub fn run(cx: &mut Context<'_>) -> Result<(), CliError> {
    let shown =
        |path: Option<&Path>| path.map_or_else(|| "-".to_owned(), |p| p.display().to_string());
    let paths = &cx.paths;
    let lines = [
        ("config", shown(paths.config_file.as_deref())),
        ("data", shown(paths.data_dir.as_deref())),
        (
            "store",
            shown(paths.data_dir.as_ref().map(|d| d.join("store")).as_deref()),
        ),
        ("rubrics", shown(paths.user_rubrics.as_deref())),
        (
            "reports",
            shown(crate::paths::reports_dir(&cx.config).ok().as_deref()),
        ),
        (
            "evidence",
            shown(
                paths
                    .data_dir
                    .as_ref()
                    .map(|d| d.join("evidence"))
                    .as_deref(),
            ),
        ),
        (
            "inbox",
            crate::paths::inbox_dir(&cx.config, crate::paths::home_dir().as_deref())
                .display()
                .to_string(),
        ),
    ];
    for (name, path) in lines {
        writeln!(cx.out, "{name:<8} {path}")?;
    }
    Ok(())
}
