//! What a sync takes from the remote and under whose name it commits: other laptops' own
//! copies, the team's other files, nothing over the size limit; the user's git identity.

use std::io::Write;
use std::process::Stdio;

use super::*;

const HUGE: u64 = 200 * 1024 * 1024;
const HUGE_NAME: &str = "2026-03-02_huge_01JDX3KQ5M8W2B7C9D0E1F2G3H.yaml";

/// Adds a `HUGE`-byte file of zeros to the laptop's clone as `name` and pushes it, streamed
/// by git so that no process here holds it whole (the file never exists on disk).
fn push_huge_file(laptop: &Laptop, name: &str) {
    let mut hash = laptop.git_command(&laptop.clone, &["-c", "core.bigFileThreshold=1m"]);
    hash.args(["hash-object", "-w", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = hash.spawn().expect("git hash-object");
    let mut stdin = child.stdin.take().expect("stdin");
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..HUGE / zeros.len() as u64 {
        stdin.write_all(&zeros).expect("feed git");
    }
    drop(stdin);
    let output = child.wait_with_output().expect("git hash-object");
    let oid = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let entry = format!("100644,{oid},{name}");
    laptop.git(&["update-index", "--add", "--cacheinfo", &entry]);
    laptop.git(&["commit", "--quiet", "-m", "a huge file"]);
    laptop.git(&["push", "--quiet", "origin", "main"]);
}

/// `onsite ARGS` under GNU time when there is one; the peak memory (KiB) of onsite and the
/// git it ran, when measured.
fn run_measured(laptop: &Laptop, args: &[&str]) -> (Run, Option<u64>) {
    let run = laptop.sandbox.run_measured(args);
    if run.peak_kib.is_none() {
        eprintln!("no GNU time in /usr/bin/time: peak memory not measured");
    }
    let peak = run.peak_kib;
    (run, peak)
}

/// Bình's plain git pushes a 200 MB file named like a visit document. Lan's sync reports it
/// as rejected with its size and never reads it: onsite and the git it runs (fetching,
/// checking the file out) stay far below 200 MB. The rest of the sync goes through.
#[test]
fn a_200_mb_file_in_the_remote_is_refused_by_its_size_without_being_read() {
    skip_without_git!();
    let team = Team::new();
    // The server keeps big blobs as they come rather than unpacking them in memory.
    team.a
        .git_in(&team.bare, &["config", "core.bigFileThreshold", "1m"]);
    let visit = team.shared_visit();
    push_huge_file(&team.b, HUGE_NAME);
    // On a real server upload-pack runs on the server; here it would run under onsite and
    // count in its memory, so it is started outside onsite's process tree.
    let server = team.a.sandbox.path("upload-pack-as-a-server");
    fs::write(
        &server,
        "#!/bin/sh\nexec 3<&0\n( git -c core.bigFileThreshold=1m upload-pack \"$@\" <&3 & )\n",
    )
    .expect("write the wrapper");
    let uploadpack = format!("sh {}", server.display());
    team.a
        .git(&["config", "remote.origin.uploadpack", &uploadpack]);
    team.a.answer(&visit, "1.1", "pass");

    let (run, peak) = run_measured(&team.a, &["sync", &team.a.clone_text(), "--git"]);

    assert_eq!(
        run.code,
        Some(1),
        "rejected files make the exit code 1: {run:?}"
    );
    let rejected = format!(
        "{}/{HUGE_NAME}: the file is {HUGE} bytes, over the 4194304-byte limit for a visit \
         document\n",
        team.a.clone_text()
    );
    assert_eq!(run.stderr, rejected);
    // Left in place for the team, as any file onsite finds (git streamed it there).
    let left = fs::metadata(team.a.clone.join(HUGE_NAME)).expect("checked out");
    assert_eq!(left.len(), HUGE);
    let kept = team
        .a
        .git(&["ls-tree", "--name-only", "HEAD", "--", HUGE_NAME]);
    assert_eq!(kept.trim(), HUGE_NAME, "still in the team's history");
    if let Some(peak) = peak {
        eprintln!("peak memory of the sync: {peak} KiB");
        assert!(peak < 100 * 1024, "peak memory {peak} KiB");
    }
    // Lan's answer went out; Bình takes it in.
    team.b.synced();
    assert_eq!(answer_of(&team.b.document(&visit), "1.1"), "pass");
}

/// After a merge with a teammate who synced meanwhile, the clone holds the teammate's own
/// copies under `.onsite/` exactly as the remote has them, and the team's other files.
#[test]
fn other_laptops_copies_and_the_teams_files_are_taken_from_the_remote() {
    skip_without_git!();
    let team = Team::new();
    let visit = team.shared_visit();
    // Lan's own copy: the only one she has before she takes in Bình's.
    let lans = team.a.git(&["ls-files", ".onsite"]);
    assert_eq!(lans.lines().count(), 1, "{lans}");
    team.b.answer(&visit, "1.2", "fail");
    team.b.synced();
    fs::write(team.b.clone.join("PLAN.md"), "Bình's plan\n").expect("write PLAN.md");
    team.b.git(&["add", "PLAN.md"]);
    team.b.git(&["commit", "--quiet", "-m", "plan"]);
    team.b.git(&["push", "--quiet", "origin", "main"]);
    // Lan has work of her own, so git cannot simply fast-forward.
    team.a.answer(&visit, "1.1", "pass");

    team.a.synced();

    let binhs = team.b.git(&["ls-files", ".onsite"]);
    let binhs: Vec<&str> = binhs.lines().filter(|path| !lans.contains(path)).collect();
    assert_eq!(binhs.len(), 1, "{binhs:?}");
    for path in binhs {
        let here = fs::read(team.a.clone.join(path)).expect("their copy is here");
        let spec = format!("{}:{path}", team.b.head());
        let mut output = team
            .b
            .git_command(&team.b.clone, &["cat-file", "blob", &spec]);
        let there = output.output().expect("git cat-file").stdout;
        assert!(here == there, "{path} differs from Bình's");
    }
    let plan = fs::read_to_string(team.a.clone.join("PLAN.md")).expect("PLAN.md arrived");
    assert_eq!(plan, "Bình's plan\n");
    assert_eq!(team.a.git(&["status", "--porcelain"]), "");
    let document = team.a.document(&visit);
    assert_eq!(answer_of(&document, "1.2"), "fail");
    assert_eq!(answer_of(&document, "1.1"), "pass");
}

/// `author|committer` of each of onsite's commits in the clone.
fn onsite_commit_identities(laptop: &Laptop) -> Vec<String> {
    laptop
        .git(&["log", "--format=%an <%ae>|%cn <%ce>|%s"])
        .lines()
        .filter(|line| line.contains("|onsite: "))
        .map(|line| line.rsplit_once('|').expect("three fields").0.to_owned())
        .collect()
}

#[test]
fn onsite_commits_under_the_users_own_git_identity() {
    skip_without_git!();
    let team = Team::new();
    let visit = team.shared_visit();
    team.a.answer(&visit, "1.1", "pass");
    team.b.answer(&visit, "1.2", "fail");
    team.b.synced();
    team.a.synced();

    let identities = onsite_commit_identities(&team.a);
    assert!(identities.len() >= 3, "{identities:?}");
    let expected = format!("{LAPTOP_IDENTITY}|{LAPTOP_IDENTITY}");
    assert!(identities.iter().all(|i| *i == expected), "{identities:?}");
}

/// With no identity in git, onsite's commits (a merge among them) name the inspector with a
/// placeholder address; git's own settings are left as they were.
#[test]
fn without_a_git_identity_onsite_commits_as_the_inspector() {
    skip_without_git!();
    let team = Team::with_config("[init]\n\tdefaultBranch = main\n");
    let visit = team.shared_visit();
    team.a.answer(&visit, "1.1", "pass");
    team.b.answer(&visit, "1.2", "fail");
    team.b.synced();
    team.a.synced();

    let identities = onsite_commit_identities(&team.a);
    assert!(identities.len() >= 3, "{identities:?}");
    for identity in &identities {
        let (author, _) = identity.split_once('|').expect("two fields");
        assert!(
            [LAN, BINH]
                .iter()
                .any(|name| author == format!("{name} <onsite@localhost>")),
            "{identities:?}"
        );
    }
    let merges = team.a.git(&["log", "--merges", "--format=%an <%ae>"]);
    assert_eq!(merges.trim(), format!("{LAN} <onsite@localhost>"));
    let config = team
        .a
        .git_command(&team.a.clone, &["config", "user.name"])
        .output();
    assert!(
        !config.expect("git config").status.success(),
        "no identity was saved"
    );
}
