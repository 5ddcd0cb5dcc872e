//! Which files of the work tree are onsite's, which carry git's own setup, and onsite's
//! `.gitattributes`.
//!
//! Names are compared without regard to ASCII case: on Windows and macOS `.GitAttributes`
//! and `.gitattributes` are the same file.

use std::path::Path;

use super::error::{GitError, GitSetup};
use crate::export;
use crate::sync::folder::{self, SyncError};

pub const ATTRIBUTES_FILE: &str = ".gitattributes";
/// Where each laptop keeps its own copy of every visit (`.onsite/<VISIT>.<DEVICE>.yaml`).
pub use crate::sync::folder::OWN_COPIES as DEVICE_DIR;

/// onsite's `.gitattributes`: its files are stored and checked out byte for byte, whatever
/// the laptop's git settings (Git for Windows' CRLF conversion, a filter or an encoding set
/// for `*.yaml` elsewhere). `diff` is left alone: it changes only how `git log -p` shows a
/// file, and YAML reads well as text.
pub const ATTRIBUTES: &str = "\
# Written by onsite on every sync: visit files are stored byte for byte, with no line-end,
# encoding or filter conversion. A different version pushed to the team's repository is
# refused by every laptop's onsite.
*.yaml -text -filter -merge -ident -working-tree-encoding
.onsite/** -text -filter -merge -ident -working-tree-encoding
.gitattributes -text -filter -merge -ident -working-tree-encoding
";

/// Who a path of the work tree belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// The top-level `.gitattributes`: always onsite's own.
    Attributes,
    /// A visit document at the top of the folder: onsite rewrites it from the store.
    Document,
    /// Under `.onsite/`: each laptop's own copies of visits.
    DeviceFile,
    /// A plan entry, `plans/<ID>.yaml`: merged into the store like a visit document, and
    /// rewritten from it.
    Plan,
    /// Anything else: the team's, merged as git would.
    Other,
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn under(path: &str, dir: &str) -> bool {
    path.get(..dir.len()).is_some_and(|head| same(head, dir)) && path[dir.len()..].starts_with('/')
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

pub fn owner(path: &str) -> Owner {
    if same(path, ATTRIBUTES_FILE) {
        Owner::Attributes
    } else if same(path, DEVICE_DIR) || under(path, DEVICE_DIR) {
        Owner::DeviceFile
    } else if !path.contains('/') && !path.starts_with('.') && folder::is_yaml(Path::new(path)) {
        Owner::Document
    } else if under(path, crate::sync::plans::PLANS_DIR)
        && !file_name(path).starts_with('.')
        && path.matches('/').count() == 1
        && folder::is_yaml(Path::new(path))
    {
        Owner::Plan
    } else {
        Owner::Other
    }
}

/// Whether `path` is an evidence file (`.onsite/files/…`): up to 25 MB, read by the folder
/// sync after git has checked it out, with its own limit and hash check; not a document.
pub fn is_evidence(path: &str) -> bool {
    under(
        path,
        &format!("{DEVICE_DIR}/{}", crate::sync::evidence::FILES_DIR),
    )
}

/// Whether `path` is this laptop's own copy of a visit: `….<my_device>.yaml` under `.onsite/`.
pub fn is_my_device_file(path: &str, my_device: &str) -> bool {
    let suffix = format!(".{my_device}.yaml");
    let name = file_name(path);
    under(path, DEVICE_DIR)
        && name.len() > suffix.len()
        && name.is_char_boundary(name.len() - suffix.len())
        && same(&name[name.len() - suffix.len()..], &suffix)
}

/// The git setup a changed file would alter, if any: attributes, submodules, config git or
/// git-lfs reads from the work tree, hooks. `hooks_dir` is `core.hooksPath` when it lies in
/// the work tree. Mode `160000` is a submodule, `120000` a symbolic link.
pub fn git_setup(path: &str, mode: &str, hooks_dir: Option<&str>) -> Option<GitSetup> {
    let name = file_name(path);
    if same(name, ".gitattributes") {
        Some(GitSetup::Attributes)
    } else if same(name, ".gitmodules") || mode == "160000" {
        Some(GitSetup::Submodule)
    } else if same(path, ".lfsconfig") || same(path, ".gitconfig") {
        Some(GitSetup::Config)
    } else if [".githooks", ".husky"]
        .into_iter()
        .chain(hooks_dir)
        .any(|dir| under(path, dir.trim_end_matches('/')))
    {
        Some(GitSetup::Hooks)
    } else if mode == "120000" && owner(path) != Owner::Other {
        Some(GitSetup::Symlink)
    } else {
        None
    }
}

/// Writes onsite's `.gitattributes` into `dir` unless it is there already, byte for byte.
pub fn write_attributes(dir: &Path) -> Result<(), GitError> {
    let path = dir.join(ATTRIBUTES_FILE);
    let is_ours = std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file())
        && std::fs::read(&path).is_ok_and(|bytes| bytes == ATTRIBUTES.as_bytes());
    if !is_ours {
        // A rename over whatever is there: a symbolic link is replaced, never followed.
        export::write_atomic(dir, ATTRIBUTES_FILE, ATTRIBUTES.as_bytes())
            .map_err(|source| SyncError::Io { path, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn the_attributes_cover_the_device_folder() {
        assert!(ATTRIBUTES.contains(&format!("\n{DEVICE_DIR}/** -text -filter ")));
    }

    #[rstest]
    #[case(".gitattributes", Owner::Attributes)]
    #[case(".GitAttributes", Owner::Attributes)]
    #[case("2026-03-02_cuc-qltt_01JDX3.yaml", Owner::Document)]
    #[case("NOTES.YAML", Owner::Document)]
    #[case(".onsite", Owner::DeviceFile)]
    #[case(".onsite/01JDX3.01JDX4.yaml", Owner::DeviceFile)]
    #[case(".Onsite/x", Owner::DeviceFile)]
    #[case(".onsitex/y.yaml", Owner::Other)]
    #[case("sub/visit.yaml", Owner::Other)]
    #[case(".hidden.yaml", Owner::Other)]
    #[case("README.md", Owner::Other)]
    #[case("docs/.gitattributes", Owner::Other)]
    #[case("plans/01KBX0J3Y8Q4B9R6W2S5T7V1ZA.yaml", Owner::Plan)]
    #[case("Plans/x.YAML", Owner::Plan)]
    #[case("plans/sub/x.yaml", Owner::Other)]
    #[case("plans/README.md", Owner::Other)]
    fn owners(#[case] path: &str, #[case] want: Owner) {
        assert_eq!(owner(path), want);
    }

    #[rstest]
    #[case(".onsite/V1.DEVA.yaml", true)]
    #[case(".onsite/V1.deva.YAML", true)]
    #[case(".onsite/V1.DEVB.yaml", false)]
    #[case(".onsite/V1.XDEVA.yaml", false)]
    #[case(".onsite/.DEVA.yaml", false)]
    #[case("V1.DEVA.yaml", false)]
    fn own_device_files(#[case] path: &str, #[case] mine: bool) {
        assert_eq!(is_my_device_file(path, "DEVA"), mine);
    }

    #[rstest]
    #[case(".gitattributes", "100644", Some(GitSetup::Attributes))]
    #[case("sub/.GITATTRIBUTES", "100644", Some(GitSetup::Attributes))]
    #[case(".gitmodules", "100644", Some(GitSetup::Submodule))]
    #[case("vendor/lib", "160000", Some(GitSetup::Submodule))]
    #[case(".lfsconfig", "100644", Some(GitSetup::Config))]
    #[case(".githooks/pre-commit", "100755", Some(GitSetup::Hooks))]
    #[case("tools/hooks/post-merge", "100755", Some(GitSetup::Hooks))]
    #[case(".onsite", "120000", Some(GitSetup::Symlink))]
    #[case("a_01JDX3.yaml", "120000", Some(GitSetup::Symlink))]
    #[case("docs/link", "120000", None)]
    #[case("a_01JDX3.yaml", "100644", None)]
    #[case("README.md", "100644", None)]
    fn git_setup_files(#[case] path: &str, #[case] mode: &str, #[case] want: Option<GitSetup>) {
        assert_eq!(git_setup(path, mode, Some("tools/hooks/")), want);
    }
}
