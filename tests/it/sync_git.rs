//! `onsite sync CLONE --git` against what a real team's repository throws at it (issue 13,
//! case 6): a teammate's `.gitattributes` that re-encodes visit files, Git for Windows' CRLF
//! setting, a 200 MB file, a server hook refusing the push, a detached HEAD, an unreachable
//! remote, teammates' files onsite does not own, and whose name is on onsite's commits.
//!
//! Each laptop is a temp home of its own (data folder, config, rubrics, `HOME` with a
//! `.gitconfig`), with a clone of one bare repository in a temp dir; nothing touches the real
//! data folder or the caller's git settings. Teammates' mischief is done with plain git.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::support::sandbox::{LAN, Run, Sandbox, isolate_git};
use crate::support::team::{BINH, RUBRIC, UNIT};

/// The identity in each laptop's `.gitconfig`.
const LAPTOP_IDENTITY: &str = "Git On This Laptop <laptop@example.invalid>";

struct Laptop {
    sandbox: Sandbox,
    clone: PathBuf,
}

impl Laptop {
    fn new(inspector: &'static str, bare: &Path, gitconfig: &str) -> Self {
        let sandbox = Sandbox::new().acting_as(Some(inspector));
        fs::write(sandbox.path(".gitconfig"), gitconfig).expect("write .gitconfig");
        let clone = sandbox.path("visits");
        let laptop = Laptop { sandbox, clone };
        let (bare, clone) = (bare.to_str().expect("UTF-8"), laptop.clone_text());
        laptop.git_in(laptop.sandbox.home(), &["clone", "--quiet", bare, &clone]);
        laptop
    }

    fn clone_text(&self) -> String {
        self.clone.to_str().expect("UTF-8").to_owned()
    }

    /// `onsite --lang en ARGS` as this laptop's inspector.
    fn run(&self, args: &[&str]) -> Run {
        self.sandbox.run(args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(
            run.code,
            Some(0),
            "{} {args:?}: {run:?}",
            self.sandbox.inspector()
        );
        run.stdout
    }

    fn sync(&self) -> Run {
        self.run(&["sync", &self.clone_text(), "--git"])
    }

    /// A sync that must succeed; its summary line.
    fn synced(&self) -> String {
        let run = self.sync();
        assert_eq!(run.code, Some(0), "{}: {run:?}", self.sandbox.inspector());
        run.stdout.lines().last().expect("a summary").to_owned()
    }

    fn new_visit(&self) -> String {
        let out = self.ok(&["new", "--unit", UNIT, "--rubric", RUBRIC]);
        out.trim_end().to_owned()
    }

    fn answer(&self, visit: &str, item: &str, value: &str) {
        self.ok(&["score", visit, item, value]);
    }

    /// The visit's document as this laptop holds it.
    fn document(&self, visit: &str) -> String {
        self.ok(&["show", visit, "--format", "yaml"])
    }

    /// `git ARGS` in the clone, which must succeed; stdout.
    fn git(&self, args: &[&str]) -> String {
        self.git_in(&self.clone, args)
    }

    fn git_in(&self, dir: &Path, args: &[&str]) -> String {
        let output = self.git_command(dir, args).output().expect("run git");
        assert!(output.status.success(), "git {args:?}: {output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn git_command(&self, dir: &Path, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command.current_dir(dir).args(args);
        isolate_git(&mut command, self.sandbox.home());
        command
    }

    fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"]).trim().to_owned()
    }
}

/// A laptop's `.gitconfig`: its own identity, `main` as the first branch, and `extra`.
fn gitconfig(extra: &str) -> String {
    format!(
        "[user]\n\tname = Git On This Laptop\n\temail = laptop@example.invalid\n\
         [init]\n\tdefaultBranch = main\n{extra}"
    )
}

/// Lan (`a`) and Bình (`b`), each with a clone of one bare repository.
struct Team {
    bare: PathBuf,
    a: Laptop,
    b: Laptop,
    _remote: TempDir,
}

impl Team {
    fn new() -> Self {
        Team::with_config(&gitconfig(""))
    }

    fn with_config(gitconfig: &str) -> Self {
        let remote = tempfile::tempdir().expect("create a temp dir");
        let bare = remote.path().join("visits.git");
        let status = Command::new("git")
            .args(["-c", "init.defaultBranch=main", "init", "--quiet", "--bare"])
            .arg(&bare)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .status()
            .expect("git init");
        assert!(status.success());
        let a = Laptop::new(LAN, &bare, gitconfig);
        let b = Laptop::new(BINH, &bare, gitconfig);
        Team {
            bare,
            a,
            b,
            _remote: remote,
        }
    }

    /// Lan creates a visit and syncs it out; Bình syncs it in.
    fn shared_visit(&self) -> String {
        let visit = self.a.new_visit();
        self.a.synced();
        self.b.synced();
        visit
    }

    /// The remote's `main`, or "" when it has none.
    fn remote_head(&self) -> String {
        let output = Command::new("git")
            .args(["rev-parse", "--verify", "--quiet", "refs/heads/main"])
            .current_dir(&self.bare)
            .output()
            .expect("git rev-parse");
        String::from_utf8_lossy(&output.stdout).trim().to_owned()
    }

    /// Every `*.yaml` on the remote's `main`, by path.
    fn remote_yaml(&self) -> Vec<(String, Vec<u8>)> {
        let listed = self
            .a
            .git_in(&self.bare, &["ls-tree", "-r", "--name-only", "main"]);
        listed
            .lines()
            .filter(|path| {
                Path::new(path)
                    .extension()
                    .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml"))
            })
            .map(|path| {
                let spec = format!("main:{path}");
                let output = self
                    .a
                    .git_command(&self.bare, &["cat-file", "blob", &spec])
                    .output()
                    .expect("git cat-file");
                (path.to_owned(), output.stdout)
            })
            .collect()
    }
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success())
}

macro_rules! skip_without_git {
    () => {
        if !git_available() {
            eprintln!("skipped: `git --version` failed, so git sync cannot be tested here");
            return;
        }
    };
}

/// A visit document as onsite writes it: UTF-8, LF, no NUL (UTF-16 would have one per
/// ASCII letter).
fn assert_plain_document(path: &str, bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
    assert!(!text.contains('\0'), "{path} holds NUL bytes");
    assert!(!text.contains('\r'), "{path} has CR line ends");
    assert!(text.contains("onsite-visit/1"), "{path}:\n{text}");
}

/// The answer to `item` in a visit document; "" when there is none.
fn answer_of(document: &str, item: &str) -> String {
    document
        .lines()
        .skip_while(|line| *line != format!("  \"{item}\":"))
        .skip(1)
        .take_while(|line| line.starts_with("    "))
        .find_map(|line| line.trim_start().strip_prefix("answer: "))
        .unwrap_or_default()
        .to_owned()
}

/// Every `*.yaml` file of a work tree (the top and `.onsite/`), by path.
fn yaml_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    for folder in [dir.to_owned(), dir.join(".onsite")] {
        let Ok(listing) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in listing.map(|entry| entry.expect("a folder entry")) {
            let path = entry.path();
            if path.extension().is_some_and(|ext| ext == "yaml") {
                let bytes = fs::read(&path).expect("read a visit file");
                found.push((path.display().to_string(), bytes));
            }
        }
    }
    found
}

mod attributes;
mod errors;
mod files;
