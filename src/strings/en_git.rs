//! English words for git sync's errors.

use super::Texts;
use super::en::En;
use super::git::{GitTexts, path_list, server_lines};
use crate::sync::folder::SyncError;
use crate::sync::git::{GitError as E, GitSetup, Operation, RemoteProblem};

fn setup(alters: GitSetup) -> &'static str {
    match alters {
        GitSetup::Attributes => {
            "file attributes other than onsite's (they could re-encode, filter or convert the \
             visit files)"
        }
        GitSetup::Submodule => "a submodule (git would fetch and check out another repository)",
        GitSetup::Config => "settings git or git-lfs reads from the repository",
        GitSetup::Hooks => "a hook (a program git would run on every laptop)",
        GitSetup::Symlink => {
            "a symbolic link where onsite keeps its files (writes would land elsewhere)"
        }
    }
}

impl GitTexts for En {
    #[allow(clippy::too_many_lines)] // one arm per error, each a sentence
    fn git_error(&self, error: &E) -> String {
        match error {
            E::Sync(SyncError::Store(error)) => self.store_error(error),
            E::Sync(error) => error.to_string(),
            E::GitMissing { detail } => format!(
                "git could not be started ({detail}); install git (https://git-scm.com), check \
                 that `git --version` works, then try again"
            ),
            E::NotARepository { dir } => format!(
                "{0} is not a git work tree; clone the team's repository there first (git clone \
                 URL {0})",
                dir.display()
            ),
            E::NotTopLevel { dir, top } => format!(
                "{} is inside the git repository {1}, not a repository of its own: onsite would \
                 commit your visits into {1}. Clone the team's repository into a folder of its \
                 own (git clone URL FOLDER) and sync that",
                dir.display(),
                top.display()
            ),
            E::DetachedHead { dir, branch } => format!(
                "{0} has no branch checked out (detached HEAD), so onsite has nowhere to commit; \
                 check out a branch, e.g. git -C {0} switch {branch}, then sync again",
                dir.display()
            ),
            E::InProgress { dir, operation } => {
                let (what, finish, abort) = match operation {
                    Operation::Merge => ("merge", "commit", "merge --abort"),
                    Operation::Rebase => ("rebase", "rebase --continue", "rebase --abort"),
                    Operation::CherryPick => (
                        "cherry-pick",
                        "cherry-pick --continue",
                        "cherry-pick --abort",
                    ),
                    Operation::Revert => ("revert", "revert --continue", "revert --abort"),
                };
                format!(
                    "a {what} is in progress in {0}; finish it (git -C {0} {finish}) or abort it \
                     (git -C {0} {abort}), then sync again",
                    dir.display()
                )
            }
            E::Unmerged { dir, paths } => format!(
                "{0} has files with unresolved conflicts: {1}; resolve them and commit (git -C {0} \
                 status shows how), then sync again",
                dir.display(),
                path_list(paths)
            ),
            E::Busy { dir, lock } => format!(
                "another git command is using {} ({1} exists); wait for it to finish. If no git \
                 is running (one was stopped halfway), delete {1}, then sync again",
                dir.display(),
                lock.display()
            ),
            E::Remote {
                dir,
                remote,
                problem,
            } => {
                let dir = dir.display();
                let what = match problem {
                    RemoteProblem::Unreachable => format!(
                        "cannot reach the team's repository ({remote}): check the network \
                         connection, or that the drive holding it is plugged in"
                    ),
                    RemoteProblem::NotFound => format!(
                        "the team's repository ({remote}) was not found at its address: check \
                         the address (git -C {dir} remote -v), that your account has access, or \
                         that the drive holding it is plugged in"
                    ),
                    RemoteProblem::AuthFailed => format!(
                        "the team's repository ({remote}) did not accept your sign-in: set up \
                         your credentials (an SSH key, or a token saved by a credential \
                         helper) and check them with git -C {dir} fetch"
                    ),
                };
                format!("{what}; your changes are committed in {dir} and go out with the next sync")
            }
            E::RefusedRemoteChange {
                dir,
                remote,
                changes,
            } => {
                let lines = changes
                    .iter()
                    .map(|c| {
                        let by = if c.author.is_empty() {
                            String::new()
                        } else {
                            format!(" by {}", c.author)
                        };
                        format!("\n  {} ({}{by}): {}", c.path, c.commit, setup(c.alters))
                    })
                    .collect::<Vec<_>>()
                    .concat();
                format!(
                    "the team's repository ({remote}) has changes onsite refuses, because they \
                     change how git stores or treats files:{lines}\nNothing was merged or \
                     pushed; your changes are committed in {}. Ask whoever made the change to \
                     undo it (git revert COMMIT, then git push); onsite writes its own \
                     .gitattributes back on their next sync",
                    dir.display()
                )
            }
            E::MergeConflict {
                dir,
                upstream,
                paths,
            } => format!(
                "files onsite does not own were changed both here and in the team's repository: \
                 {}. onsite merged nothing; settle them with git (e.g. take the team's version: \
                 git -C {} checkout {upstream} -- FILE, then commit), then sync again",
                path_list(paths),
                dir.display()
            ),
            E::LocalChanges { dir, paths } => format!(
                "your uncommitted changes to {} in {1} would be overwritten by the team's \
                 version; commit them (git -C {1} commit -a) or put them aside (git -C {1} \
                 stash), then sync again",
                path_list(paths),
                dir.display()
            ),
            E::PushRefused {
                dir,
                remote,
                reason,
                message,
            } => {
                let said = if message.is_empty() {
                    " ".to_owned()
                } else {
                    format!(" It said:{}\n", server_lines(message))
                };
                format!(
                    "the team's repository ({remote}) refused the push ({reason}).{said}Nothing \
                     was pushed; your changes are committed in {}. The server decides this: ask \
                     whoever runs it about its message, then sync again",
                    dir.display()
                )
            }
            E::KeptBehind { dir, attempts } => format!(
                "teammates pushed to the team's repository during each of {attempts} attempts; \
                 your changes are merged and committed in {}: sync again in a moment",
                dir.display()
            ),
            E::Git { dir, args, detail } => {
                format!("`git {args}` failed in {}: {detail}", dir.display())
            }
        }
    }
}
