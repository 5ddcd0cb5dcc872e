//! What the remote changed since the common ancestor: the changes onsite refuses (git's own
//! setup), the files too big to read (sized by git from the object, never read), and the
//! remote's visit documents merged into the store.

use std::collections::BTreeMap;
use std::path::Path;

use super::command::Git;
use super::error::{GitError, RefusedChange};
use super::paths::{self, ATTRIBUTES, ATTRIBUTES_FILE, Owner};
use crate::document::{self, DocumentError, DocumentProblem, MAX_DOCUMENT_BYTES};
use crate::sync::folder::{self, SyncSummary};

/// A file as git stores it: `100644`/`100755` a file, `120000` a link, `160000` a submodule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    pub mode: String,
    pub oid: String,
}

/// One path the remote changed: its version at the common ancestor and on the remote
/// (`None` where it does not exist).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    pub before: Option<Blob>,
    pub after: Option<Blob>,
}

/// The remote's changes, checked: nothing here touches git's setup.
pub struct Incoming {
    /// The common ancestor; `None` for unrelated histories.
    pub base: Option<String>,
    pub changes: Vec<Change>,
    /// onsite's files over the size limit on the remote (path → bytes): never read by onsite
    /// (git checks them out, streaming).
    pub too_big: BTreeMap<String, u64>,
    /// Sizes of the onsite blobs involved, by object id.
    sizes: BTreeMap<String, u64>,
}

impl Incoming {
    /// Lists and checks what `upstream` changed since the common ancestor with `HEAD`;
    /// refuses the lot when it touches git's setup.
    pub fn read(git: &Git, remote: &str, upstream: &str) -> Result<Self, GitError> {
        let base = merge_base(git, upstream)?;
        let changes = changes_since(git, base.as_deref(), upstream)?;
        refuse_git_setup(git, remote, base.as_deref(), upstream, &changes)?;
        let onsite_blobs: Vec<&Blob> = changes
            .iter()
            .filter(|change| {
                matches!(
                    paths::owner(&change.path),
                    Owner::Document | Owner::DeviceFile | Owner::Plan
                ) && !paths::is_evidence(&change.path)
            })
            .filter_map(|change| change.after.as_ref())
            .collect();
        let sizes = sizes(git, &onsite_blobs)?;
        let too_big = changes
            .iter()
            .filter_map(|change| {
                let size = *sizes.get(&change.after.as_ref()?.oid)?;
                (size > MAX_DOCUMENT_BYTES as u64).then(|| (change.path.clone(), size))
            })
            .collect();
        Ok(Incoming {
            base,
            changes,
            too_big,
            sizes,
        })
    }

    /// Reports each oversized file as rejected, with its size (as the folder sync words it
    /// when it meets the file on disk).
    pub fn report_too_big(&self, dir: &Path, report: &mut SyncSummary) {
        for (path, size) in &self.too_big {
            let message = format!(
                "the file is {size} bytes, over the {MAX_DOCUMENT_BYTES}-byte limit for a visit \
                 document"
            );
            let problems = vec![DocumentProblem {
                position: None,
                message,
            }];
            report
                .rejected
                .push((dir.join(path), DocumentError { problems }));
        }
    }

    /// The text of a blob onsite may read (within the size limit), else `None`.
    fn read_small(&self, git: &Git, blob: &Blob) -> Result<Option<Vec<u8>>, GitError> {
        match self.sizes.get(&blob.oid) {
            Some(&size) if size <= MAX_DOCUMENT_BYTES as u64 => {
                Ok(Some(git.bytes(&["cat-file", "blob", &blob.oid], None)?))
            }
            _ => Ok(None),
        }
    }
}

/// Merges into the store every visit document the remote changed at the top of the folder
/// (a teammate's onsite of any version writes these; the other laptops' own copies under
/// `.onsite/` are checked out and read with the rest of the folder).
pub fn take_in_documents(
    store: &crate::store::Store,
    git: &Git,
    incoming: &Incoming,
    report: &mut SyncSummary,
) -> Result<(), GitError> {
    let documents = incoming
        .changes
        .iter()
        .filter(|change| paths::owner(&change.path) == Owner::Document);
    for change in documents {
        let Some(after) = &change.after else { continue };
        let Some(bytes) = incoming.read_small(git, after)? else {
            continue;
        };
        let path = git.dir().join(&change.path);
        let parsed = String::from_utf8(bytes)
            .map_err(|_| not_utf8())
            .and_then(|text| document::parse(&text));
        match parsed {
            Ok(remote) => {
                folder::take_in(store, &remote, &path, report)?;
            }
            Err(error) => report.rejected.push((path, error)),
        }
    }
    Ok(())
}

/// Merges into the store every plan entry the remote changed (`plans/<ID>.yaml`), so an
/// entry started on another laptop is started here even where both sides rewrote its file
/// (ours is then kept and rewritten from the merged store).
pub fn take_in_plans(
    store: &crate::store::Store,
    git: &Git,
    incoming: &Incoming,
    report: &mut SyncSummary,
) -> Result<(), GitError> {
    let mut entries = Vec::new();
    let plans = incoming
        .changes
        .iter()
        .filter(|change| paths::owner(&change.path) == Owner::Plan);
    for change in plans {
        let Some(after) = &change.after else { continue };
        let Some(bytes) = incoming.read_small(git, after)? else {
            continue;
        };
        let path = git.dir().join(&change.path);
        let parsed = String::from_utf8(bytes)
            .map_err(|_| "is not UTF-8 text".to_owned())
            .and_then(|text| crate::document::plan::parse(&text));
        match parsed {
            Ok(entry) => entries.push(entry),
            Err(why) => report.rejected.push((path, folder::refused_because(why))),
        }
    }
    crate::sync::plans::take_in(store, &entries, report)?;
    Ok(())
}

fn not_utf8() -> DocumentError {
    DocumentError {
        problems: vec![DocumentProblem {
            position: None,
            message: "is not UTF-8 text".into(),
        }],
    }
}

/// The common ancestor of `HEAD` and `upstream`; `None` for unrelated histories or a clone
/// with no commit yet.
fn merge_base(git: &Git, upstream: &str) -> Result<Option<String>, GitError> {
    if !git.test(&["rev-parse", "--verify", "--quiet", "HEAD"])? {
        return Ok(None);
    }
    let args = ["merge-base", "HEAD", upstream];
    let output = git.run(&args, None)?;
    match output.code {
        Some(0) => Ok(Some(
            String::from_utf8_lossy(&output.stdout).trim().to_owned(),
        )),
        Some(1) => Ok(None),
        _ => Err(git.failure(&args, &output.stderr)),
    }
}

/// Refuses the remote's changes when one of them alters git's setup (see
/// [`paths::git_setup`]); onsite's own `.gitattributes`, byte for byte, is welcome, and a
/// deletion is harmless (onsite writes its file again).
fn refuse_git_setup(
    git: &Git,
    remote: &str,
    base: Option<&str>,
    upstream: &str,
    changes: &[Change],
) -> Result<(), GitError> {
    let hooks_dir = hooks_dir(git)?;
    let ours = git.bytes(&["hash-object", "--stdin"], Some(ATTRIBUTES.as_bytes()))?;
    let ours = String::from_utf8_lossy(&ours).trim().to_owned();
    let range = base.map_or_else(|| upstream.to_owned(), |b| format!("{b}..{upstream}"));
    let mut refused = Vec::new();
    for change in changes {
        let Some(after) = &change.after else { continue };
        let Some(alters) = paths::git_setup(&change.path, &after.mode, hooks_dir.as_deref()) else {
            continue;
        };
        if change.path == ATTRIBUTES_FILE && after.mode == "100644" && after.oid == ours {
            continue;
        }
        let pathspec = format!(":(literal){}", change.path);
        let log = ["log", "-1", "--format=%h%x00%an", &range, "--", &pathspec];
        let found = git.text(&log)?;
        let (commit, author) = found.split_once('\0').unwrap_or((&found, ""));
        refused.push(RefusedChange {
            path: change.path.clone(),
            alters,
            commit: commit.to_owned(),
            author: author.to_owned(),
        });
    }
    if refused.is_empty() {
        return Ok(());
    }
    Err(GitError::RefusedRemoteChange {
        dir: git.dir().to_owned(),
        remote: remote.to_owned(),
        changes: refused,
    })
}

/// `core.hooksPath` as the user set it (not onsite's own `-c`), relative to the top of the
/// work tree, when it lies inside it.
fn hooks_dir(git: &Git) -> Result<Option<String>, GitError> {
    let output = git.run(
        &["config", "--show-scope", "--get-all", "core.hooksPath"],
        None,
    )?;
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(value) = text
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(scope, _)| *scope != "command")
        .map(|(_, value)| value.trim())
        .next_back()
    else {
        return Ok(None);
    };
    let path = Path::new(value);
    if path.is_relative() {
        return Ok(Some(value.trim_start_matches("./").to_owned()));
    }
    let top = std::fs::canonicalize(git.dir()).ok();
    let inside = top.and_then(|top| path.strip_prefix(top).ok().map(Path::to_owned));
    Ok(inside.map(|p| p.to_string_lossy().replace('\\', "/")))
}

/// Object sizes from git's object headers (`cat-file --batch-check`): nothing is read.
fn sizes(git: &Git, blobs: &[&Blob]) -> Result<BTreeMap<String, u64>, GitError> {
    if blobs.is_empty() {
        return Ok(BTreeMap::new());
    }
    let input = blobs
        .iter()
        .map(|blob| blob.oid.as_str())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let args = ["cat-file", "--batch-check=%(objectname) %(objectsize)"];
    let output = git.bytes(&args, Some(input.as_bytes()))?;
    Ok(String::from_utf8_lossy(&output)
        .lines()
        .filter_map(|line| {
            let (oid, size) = line.split_once(' ')?;
            Some((oid.to_owned(), size.parse().ok()?))
        })
        .collect())
}

/// What `rev` changed since `base`; with no common ancestor, every file of `rev`.
pub fn changes_since(git: &Git, base: Option<&str>, rev: &str) -> Result<Vec<Change>, GitError> {
    Ok(match base {
        Some(base) => {
            let args = [
                "diff",
                "--raw",
                "-z",
                "--no-renames",
                "--no-abbrev",
                base,
                rev,
            ];
            parse_raw(&git.bytes(&args, None)?)
        }
        None => parse_ls_tree(&git.bytes(&["ls-tree", "-r", "-z", rev], None)?),
    })
}

/// `git diff --raw -z`: `:OLDMODE NEWMODE OLDOID NEWOID STATUS\0PATH\0` per file.
fn parse_raw(bytes: &[u8]) -> Vec<Change> {
    let mut fields = bytes.split(|b| *b == 0);
    let mut changes = Vec::new();
    while let (Some(head), Some(path)) = (fields.next(), fields.next()) {
        let head = String::from_utf8_lossy(head);
        let parts: Vec<&str> = head.trim_start_matches(':').split(' ').collect();
        let [old_mode, new_mode, old_oid, new_oid, ..] = parts[..] else {
            continue;
        };
        let blob = |mode: &str, oid: &str| {
            (mode != "000000").then(|| Blob {
                mode: mode.to_owned(),
                oid: oid.to_owned(),
            })
        };
        changes.push(Change {
            path: String::from_utf8_lossy(path).into_owned(),
            before: blob(old_mode, old_oid),
            after: blob(new_mode, new_oid),
        });
    }
    changes
}

/// `git ls-tree -r -z`: `MODE TYPE OID\tPATH\0` per file, each taken as added.
fn parse_ls_tree(bytes: &[u8]) -> Vec<Change> {
    bytes
        .split(|b| *b == 0)
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (head, path) = entry.split_once('\t')?;
            let mut parts = head.split(' ');
            let (mode, _type, oid) = (parts.next()?, parts.next()?, parts.next()?);
            Some(Change {
                path: path.to_owned(),
                before: None,
                after: Some(Blob {
                    mode: mode.to_owned(),
                    oid: oid.to_owned(),
                }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blob(mode: &str, oid: &str) -> Blob {
        Blob {
            mode: mode.into(),
            oid: oid.into(),
        }
    }

    #[test]
    fn raw_diff_lines_become_changes() {
        let raw = b":100644 100644 aaa bbb M\0a b.yaml\0:000000 120000 000 ccc A\0.onsite\0\
                    :100644 000000 ddd 000 D\0old.txt\0";
        let changes = parse_raw(raw);
        assert_eq!(changes.len(), 3);
        assert_eq!(changes[0].path, "a b.yaml");
        assert_eq!(changes[0].before, Some(blob("100644", "aaa")));
        assert_eq!(changes[0].after, Some(blob("100644", "bbb")));
        assert_eq!(changes[1].before, None);
        assert_eq!(changes[1].after, Some(blob("120000", "ccc")));
        assert_eq!(changes[2].after, None);
    }

    #[test]
    fn a_whole_tree_is_all_added() {
        let tree = b"100644 blob aaa\tx.yaml\x00160000 commit bbb\tvendor/lib\x00";
        let changes = parse_ls_tree(tree);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[1].path, "vendor/lib");
        assert_eq!(changes[1].after, Some(blob("160000", "bbb")));
    }
}
