//! When git cannot do what a sync needs, the message says what to do, not what git said; a
//! server's refusal is shown in the server's words and never retried.

use super::*;

/// Writes an executable shell script.
#[cfg(unix)]
fn script(path: &Path, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    fs::write(path, format!("#!/bin/sh\n{body}")).expect("write a script");
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// The server's pre-receive hook refuses every push and counts how often it was asked.
#[cfg(unix)]
#[test]
fn a_push_refused_by_a_server_hook_is_reported_with_its_message_and_not_retried() {
    skip_without_git!();
    let team = Team::new();
    let runs = team.bare.with_file_name("pre-receive-runs");
    let body = format!(
        "echo run >> '{}'\necho 'visits must be reviewed by the team lead' >&2\n\
         echo 'contact: lead@example.invalid' >&2\nexit 1\n",
        runs.display()
    );
    script(&team.bare.join("hooks/pre-receive"), &body);
    team.a.new_visit();

    let run = team.a.sync();

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "the team's repository (origin) refused the push (pre-receive hook declined). It \
             said:\n  visits must be reviewed by the team lead\n  contact: \
             lead@example.invalid\nNothing was pushed; your changes are committed in {}. The \
             server decides this: ask whoever runs it about its message, then sync again\n",
            team.a.clone_text()
        )
    );
    let asked = fs::read_to_string(&runs).expect("the hook ran");
    assert_eq!(asked.lines().count(), 1, "pushed once, not retried");
    assert_eq!(team.remote_head(), "");
}

#[test]
fn a_detached_head_says_to_check_out_a_branch() {
    skip_without_git!();
    let team = Team::new();
    team.shared_visit();
    team.a.git(&["checkout", "--quiet", "--detach"]);

    let run = team.a.sync();

    assert_eq!(run.code, Some(1), "{run:?}");
    let dir = team.a.clone_text();
    assert_eq!(
        run.stderr,
        format!(
            "{dir} has no branch checked out (detached HEAD), so onsite has nowhere to commit; \
             check out a branch, e.g. git -C {dir} switch main, then sync again\n"
        )
    );
}

/// A remote that does not answer (a server down, no network): the work is committed here,
/// and the message says so.
#[test]
fn an_unreachable_remote_says_to_check_the_network() {
    skip_without_git!();
    let team = Team::new();
    team.a.new_visit();
    // Nothing listens on port 1: the connection is refused at once.
    team.a.git(&[
        "remote",
        "set-url",
        "origin",
        "http://127.0.0.1:1/visits.git",
    ]);

    let run = team.a.sync();

    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "cannot reach the team's repository (origin): check the network connection, or \
             that the drive holding it is plugged in; your changes are committed in {} and go \
             out with the next sync\n",
            team.a.clone_text()
        )
    );
    let log = team.a.git(&["log", "--format=%s"]);
    assert!(log.contains("1 visit(s)"), "{log}");
}

/// A file onsite does not own, changed differently here and on the remote: onsite merges
/// nothing, pushes nothing, and names the file.
#[test]
fn a_conflict_in_a_file_onsite_does_not_own_is_left_to_the_user() {
    skip_without_git!();
    let team = Team::new();
    team.shared_visit();
    for (laptop, text) in [(&team.b, "Bình's plan\n"), (&team.a, "Lan's plan\n")] {
        fs::write(laptop.clone.join("PLAN.md"), text).expect("write PLAN.md");
        laptop.git(&["add", "PLAN.md"]);
        laptop.git(&["commit", "--quiet", "-m", "plan"]);
    }
    team.b.git(&["push", "--quiet", "origin", "main"]);
    let pushed = team.remote_head();

    let run = team.a.sync();

    assert_eq!(run.code, Some(1), "{run:?}");
    let dir = team.a.clone_text();
    assert_eq!(
        run.stderr,
        format!(
            "files onsite does not own were changed both here and in the team's repository: \
             PLAN.md. onsite merged nothing; settle them with git (e.g. take the team's \
             version: git -C {dir} checkout origin/main -- FILE, then commit), then sync again\n"
        )
    );
    assert_eq!(team.remote_head(), pushed, "nothing was pushed");
    let plan = fs::read_to_string(team.a.clone.join("PLAN.md")).expect("read PLAN.md");
    assert_eq!(plan, "Lan's plan\n");
    assert_eq!(
        team.a.git(&["status", "--porcelain"]),
        "",
        "no merge left half-done"
    );
}

/// A hook in the laptop's own clone (here one that refuses every commit) does not run
/// inside onsite's commits.
#[cfg(unix)]
#[test]
fn hooks_in_the_clone_do_not_run_in_onsites_commits() {
    skip_without_git!();
    let team = Team::new();
    let ran = team.a.clone.join(".git/hook-ran");
    let body = format!("touch '{}'\nexit 1\n", ran.display());
    for hook in [
        "pre-commit",
        "commit-msg",
        "post-commit",
        "pre-push",
        "post-merge",
    ] {
        script(&team.a.clone.join(".git/hooks").join(hook), &body);
    }
    team.a.new_visit();
    team.a.synced();
    team.b.new_visit();
    team.b.synced();

    team.a.synced();

    assert!(!ran.exists(), "a hook ran");
    assert_ne!(team.remote_head(), "");
}
