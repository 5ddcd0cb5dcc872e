//! A file's bytes are what onsite wrote, whatever git is told: a teammate's `.gitattributes`
//! is refused, and a laptop set to convert line ends converts nothing of onsite's.

use super::*;

/// Bình (with plain git) pushes attributes that make git re-encode every visit file as
/// UTF-16, and with them his visit files, garbled: git read their UTF-8 as UTF-16. Lan's
/// sync refuses the remote's changes, says why and what to do, and pushes nothing. Bình's
/// next onsite sync puts onsite's attributes back and stores his files as they are on disk
/// again; then Lan's answer goes out, and every visit file in the repository is plain UTF-8.
#[test]
fn a_teammates_gitattributes_that_re_encodes_visit_files_is_refused_and_nothing_garbled_is_pushed()
{
    skip_without_git!();
    let team = Team::new();
    let visit = team.shared_visit();
    // git refuses to decode an odd number of bytes as UTF-16: make Bình's copies even.
    for length in 1..=20 {
        team.b.ok(&["note", &visit, "1.1", &"x".repeat(length)]);
        if team.b.document(&visit).len().is_multiple_of(2) {
            break;
        }
    }
    team.b.synced();
    let hostile = "*.yaml working-tree-encoding=UTF-16LE\n";
    fs::write(team.b.clone.join(".gitattributes"), hostile).expect("write .gitattributes");
    // Files of odd length are left as they were, with an error git does not fail on.
    team.b.git(&["add", "--renormalize", "."]);
    team.b
        .git(&["commit", "--quiet", "-m", "Store visit files as UTF-16"]);
    team.b.git(&["push", "--quiet", "origin", "main"]);
    let pushed = team.remote_head();
    let garbled = team
        .remote_yaml()
        .into_iter()
        .filter(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("onsite-visit/1"))
        .count();
    assert!(garbled >= 2, "Bình's copies went out garbled");

    team.a.answer(&visit, "1.1", "pass");
    let run = team.a.sync();

    assert_eq!(run.code, Some(1), "{run:?}");
    let head = "the team's repository (origin) has changes onsite refuses, because they change \
                how git stores or treats files:\n  .gitattributes (";
    assert!(run.stderr.starts_with(head), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            " by Git On This Laptop): file attributes other than onsite's (they could \
             re-encode, filter or convert the visit files)\nNothing was merged or pushed; your \
             changes are committed in "
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("git revert COMMIT"), "{}", run.stderr);
    assert_eq!(team.remote_head(), pushed, "nothing was pushed");
    let attributes = fs::read_to_string(team.a.clone.join(".gitattributes")).expect("read");
    assert_eq!(attributes, onsite::sync::git::ATTRIBUTES);
    for (path, bytes) in yaml_in(&team.a.clone) {
        assert_plain_document(&path, &bytes);
    }
    // Refused again, the same way: nothing was half-taken.
    let again = team.a.sync();
    assert_eq!((again.code, &again.stderr), (Some(1), &run.stderr));

    // Bình's onsite writes its own attributes back and pushes them, and his files as they
    // are on disk.
    team.b.synced();
    for (path, bytes) in team.remote_yaml() {
        assert_plain_document(&path, &bytes);
    }
    team.a.synced();
    team.b.synced();

    assert_eq!(answer_of(&team.b.document(&visit), "1.1"), "pass");
    let on_remote = team.remote_yaml();
    assert!(
        on_remote.len() >= 3,
        "{:?}",
        on_remote.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for (path, bytes) in on_remote {
        assert_plain_document(&path, &bytes);
    }
    let remote_attributes = team.a.git_in(&team.bare, &["show", "main:.gitattributes"]);
    assert_eq!(remote_attributes, onsite::sync::git::ATTRIBUTES);
}

/// Git for Windows' default (`core.autocrlf=true`) would check visit files out with CRLF;
/// onsite would then find each file different from what it writes and rewrite it on every
/// sync. With onsite's settings and attributes, a sync after taking in a teammate's work
/// writes nothing, commits nothing, and git sees nothing changed.
#[test]
fn a_laptop_set_to_convert_line_ends_rewrites_nothing_on_the_next_sync() {
    skip_without_git!();
    let team = Team::with_config(&gitconfig("[core]\n\tautocrlf = true\n"));
    let first = team.a.new_visit();
    team.a.new_visit();
    team.a.synced();
    team.b.synced();
    team.a.answer(&first, "1.1", "pass");
    team.a.synced();
    team.b.synced();
    let head = team.b.head();

    let summary = team.b.synced();

    assert!(
        summary.starts_with("0 new, 0 merged, 0 written, "),
        "{summary}"
    );
    assert_eq!(team.b.head(), head, "no new commit");
    assert_eq!(
        team.b.git(&["status", "--porcelain"]),
        "",
        "git sees no change"
    );
    for (path, bytes) in yaml_in(&team.b.clone) {
        assert_plain_document(&path, &bytes);
    }
    assert_eq!(answer_of(&team.b.document(&first), "1.1"), "pass");
}
