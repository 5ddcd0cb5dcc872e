//! Running the system `git` for onsite: always in the sync folder, with settings that keep
//! git from changing a file's bytes or running anyone's programs, and with its failures
//! turned into [`GitError`]s that say what to do.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::error::{GitError, RemoteProblem};
use crate::document::MAX_DOCUMENT_BYTES;

/// `-c` settings for every git onsite runs.
fn settings() -> [String; 6] {
    [
        // Git for Windows turns autocrlf on: checked-out visit files would get CRLF, differ
        // from what onsite writes, and be rewritten on every sync.
        "core.autocrlf=false".into(),
        "core.safecrlf=false".into(),
        // No hook runs inside onsite's commits, merges, checkouts or pushes (a server's hooks
        // still run on the server).
        "core.hooksPath=/dev/null".into(),
        // A file-system monitor is a program named in the repository's config.
        "core.fsmonitor=false".into(),
        "submodule.recurse=false".into(),
        // A fetched blob over a visit document's limit is streamed to disk, never held whole
        // in memory (git's default holds blobs up to 512 MiB).
        format!("core.bigFileThreshold={MAX_DOCUMENT_BYTES}"),
    ]
}

/// Variables that would point git at another repository, index or pathspec syntax than the
/// folder's own.
const FOREIGN_ENV: [&str; 12] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
    "GIT_LITERAL_PATHSPECS",
    "GIT_GLOB_PATHSPECS",
    "GIT_NOGLOB_PATHSPECS",
    "GIT_ICASE_PATHSPECS",
];

pub struct Output {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

/// git in one folder.
pub struct Git {
    dir: PathBuf,
}

impl Git {
    pub fn new(dir: &Path) -> Self {
        Git {
            dir: dir.to_owned(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Runs `git ARGS`, feeding `input` on stdin; any exit code.
    pub fn run(&self, args: &[&str], input: Option<&[u8]>) -> Result<Output, GitError> {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.dir);
        for setting in settings() {
            command.arg("-c").arg(setting);
        }
        command
            .args(args)
            // English messages, which `failure` recognises; never a password prompt.
            .env("LC_ALL", "C")
            .env_remove("LANGUAGE")
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for name in FOREIGN_ENV {
            command.env_remove(name);
        }
        let missing = |error: std::io::Error| GitError::GitMissing {
            detail: error.to_string(),
        };
        let mut child = command.spawn().map_err(missing)?;
        let output = std::thread::scope(|scope| {
            if let (Some(mut stdin), Some(input)) = (child.stdin.take(), input) {
                // On a thread: git may fill its output pipe before reading all its input.
                scope.spawn(move || stdin.write_all(input));
            }
            child.wait_with_output()
        })
        .map_err(missing)?;
        Ok(Output {
            code: output.status.code(),
            stdout: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }

    /// stdout of a command that must succeed.
    pub fn bytes(&self, args: &[&str], input: Option<&[u8]>) -> Result<Vec<u8>, GitError> {
        let output = self.run(args, input)?;
        if output.code == Some(0) {
            Ok(output.stdout)
        } else {
            Err(self.failure(args, &output.stderr))
        }
    }

    /// Trimmed stdout of a command that must succeed.
    pub fn text(&self, args: &[&str]) -> Result<String, GitError> {
        let stdout = self.bytes(args, None)?;
        Ok(String::from_utf8_lossy(&stdout).trim().to_owned())
    }

    /// A yes/no question (`merge-base --is-ancestor`, `rev-parse --verify -q`): exit 0 yes,
    /// exit 1 no, anything else a failure.
    pub fn test(&self, args: &[&str]) -> Result<bool, GitError> {
        let output = self.run(args, None)?;
        match output.code {
            Some(0) => Ok(true),
            Some(1) => Ok(false),
            _ => Err(self.failure(args, &output.stderr)),
        }
    }

    /// What a failed `git ARGS` means for the user.
    pub fn failure(&self, args: &[&str], stderr: &str) -> GitError {
        let dir = self.dir.clone();
        // Only fetch and push talk to the remote; elsewhere "unable to access" is a local file.
        let talks_to_remote = matches!(args.first(), Some(&("fetch" | "push")));
        if let Some(problem) = remote_problem(stderr).filter(|_| talks_to_remote) {
            // The first word after the options: `fetch --quiet origin`, `push origin …`.
            let remote = args.iter().skip(1).find(|a| !a.starts_with('-'));
            return GitError::Remote {
                dir,
                remote: remote.map_or("origin", |r| r).to_owned(),
                problem,
            };
        }
        if stderr.contains("fatal: not a git repository") {
            return GitError::NotARepository { dir };
        }
        if let Some(lock) = lock_file(stderr) {
            return GitError::Busy { dir, lock };
        }
        if stderr.contains("would be overwritten by") {
            return GitError::LocalChanges {
                dir,
                paths: indented_paths(stderr),
            };
        }
        GitError::Git {
            dir,
            args: args.join(" "),
            detail: stderr.trim().to_owned(),
        }
    }
}

/// What went wrong talking to a remote, from git's (English) message.
pub fn remote_problem(stderr: &str) -> Option<RemoteProblem> {
    let lower = stderr.to_ascii_lowercase();
    let any = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    if any(&[
        "authentication failed",
        "permission denied (publickey",
        "could not read username",
        "could not read password",
        "access denied",
        "invalid username or password",
        "returned error: 401",
        "returned error: 403",
        "host key verification failed",
    ]) {
        return Some(RemoteProblem::AuthFailed);
    }
    if any(&[
        "does not appear to be a git repository",
        "repository not found",
        "returned error: 404",
    ]) || (lower.contains("repository '") && lower.contains("' not found"))
    {
        return Some(RemoteProblem::NotFound);
    }
    if any(&[
        "could not resolve host",
        "could not connect",
        "couldn't connect",
        "failed to connect",
        "connection refused",
        "connection timed out",
        "operation timed out",
        "network is unreachable",
        "no route to host",
        "temporary failure in name resolution",
        "connection reset",
        "could not read from remote repository",
        "unable to access",
    ]) {
        return Some(RemoteProblem::Unreachable);
    }
    None
}

/// `fatal: Unable to create '/x/.git/index.lock': File exists.` → that path.
fn lock_file(stderr: &str) -> Option<PathBuf> {
    let line = stderr
        .lines()
        .find(|line| line.contains("Unable to create '") && line.contains(".lock'"))?;
    let start = line.find('\'')? + 1;
    let end = start + line[start..].find('\'')?;
    Some(PathBuf::from(&line[start..end]))
}

/// The tab-indented file names git lists under "would be overwritten by merge:".
fn indented_paths(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|line| line.strip_prefix('\t'))
        .map(|path| path.trim().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::ssh_key(
        "git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote \
         repository.\n\nPlease make sure you have the correct access rights",
        Some(RemoteProblem::AuthFailed)
    )]
    #[case::https_no_prompt(
        "fatal: could not read Username for 'https://github.com': terminal prompts disabled",
        Some(RemoteProblem::AuthFailed)
    )]
    #[case::https_refused(
        "remote: Invalid username or password.\nfatal: Authentication failed for \
         'https://github.com/team/visits.git/'",
        Some(RemoteProblem::AuthFailed)
    )]
    #[case::path_gone(
        "fatal: '/media/usb/visits.git' does not appear to be a git repository\nfatal: Could \
         not read from remote repository.",
        Some(RemoteProblem::NotFound)
    )]
    #[case::https_not_found(
        "remote: Repository not found.\nfatal: repository 'https://github.com/t/v.git/' not \
         found",
        Some(RemoteProblem::NotFound)
    )]
    #[case::no_dns(
        "ssh: Could not resolve hostname github.com: Temporary failure in name resolution\r\n\
         fatal: Could not read from remote repository.",
        Some(RemoteProblem::Unreachable)
    )]
    #[case::refused(
        "fatal: unable to access 'http://127.0.0.1:1/r.git/': Failed to connect to 127.0.0.1 \
         port 1 after 0 ms: Couldn't connect to server",
        Some(RemoteProblem::Unreachable)
    )]
    #[case::other("error: pathspec 'x' did not match any file(s) known to git", None)]
    fn remote_problems_are_recognised(#[case] stderr: &str, #[case] want: Option<RemoteProblem>) {
        assert_eq!(remote_problem(stderr), want);
    }

    #[test]
    fn a_held_lock_names_its_file() {
        let stderr = "fatal: Unable to create '/home/lan/visits/.git/index.lock': File \
                      exists.\n\nAnother git process seems to be running";
        assert_eq!(
            lock_file(stderr),
            Some(PathBuf::from("/home/lan/visits/.git/index.lock"))
        );
    }

    #[test]
    fn files_in_the_way_are_listed() {
        let stderr = "error: Your local changes to the following files would be overwritten \
                      by merge:\n\tREADME.md\n\tnotes/plan.txt\nPlease commit your changes";
        assert_eq!(indented_paths(stderr), ["README.md", "notes/plan.txt"]);
    }
}
