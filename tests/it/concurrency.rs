//! One `onsite` at a time per data folder: while the TUI has the store open, every other
//! command on it (`export`, `sync`, `list`, `show`, an edit) is refused with exit 1 and a
//! message naming the folder, the other process's pid and what to do, and writes nothing;
//! once the TUI quits, the same command works. Two exports into one folder at the same time
//! (from two data folders) never leave a partial file: each file is written to a temporary
//! name and renamed into place.

use std::fs;
use std::process::Stdio;

use crate::support::files::names;
use crate::support::sandbox::{CONG_SO, GOOD_VISIT, Sandbox, wait_or_kill};
use crate::support::terminal::Tui;

fn tui(sandbox: &Sandbox) -> Tui {
    sandbox.tui_as(Some("Trần Văn Kiểm"))
}

#[test]
fn commands_wait_for_the_tui_holding_the_store() {
    let sandbox = Sandbox::new();
    let id = sandbox.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    let out = sandbox.path("out");
    let shared = sandbox.path("shared");
    fs::create_dir(&shared).expect("mkdir");
    let out_arg = out.display().to_string();
    let shared_arg = shared.display().to_string();
    let commands: Vec<Vec<&str>> = vec![
        vec!["export", "--out", &out_arg],
        vec!["export", "--out", &out_arg, "--format", "csv"],
        vec!["sync", &shared_arg],
        vec!["list"],
        vec!["show", &id],
        vec!["score", &id, "1.1", "pass"],
        vec!["import", GOOD_VISIT],
    ];

    let mut tui = tui(&sandbox);
    tui.wait_for("Sở Văn hóa");
    let pid = tui.pid().to_string();
    let data = sandbox.data().display().to_string();
    for args in &commands {
        let done = sandbox.run(args);
        assert_eq!(done.code, Some(1), "{args:?} while the TUI runs: {done:?}");
        let message = done.stderr.clone();
        assert!(message.contains("already open"), "{args:?}: {message}");
        assert!(
            message.contains(&data),
            "{args:?} names the folder: {message}"
        );
        assert!(
            message.contains(&format!("pid {pid}")),
            "{args:?} names the pid: {message}"
        );
        assert!(
            message.contains("close it there first"),
            "what to do: {message}"
        );
        assert_eq!(done.stdout, "", "{args:?} printed nothing else");
    }
    assert!(!out.exists() || names(&out).is_empty(), "nothing exported");
    assert!(
        names(&shared).is_empty(),
        "nothing synced: {:?}",
        names(&shared)
    );
    // The TUI did not notice anything.
    assert!(tui.running());
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");

    for args in &commands {
        let done = sandbox.run(args);
        assert_eq!(done.code, Some(0), "{args:?} after the TUI quit: {done:?}");
    }
    assert!(!names(&out).is_empty(), "exported now");
    assert!(!names(&shared).is_empty(), "synced now");
}

#[test]
fn a_second_tui_is_refused_and_the_first_keeps_working() {
    let sandbox = Sandbox::new();
    sandbox.new_visit(CONG_SO, "Sở Văn hóa", &[]);
    let mut first = tui(&sandbox);
    first.wait_for("Sở Văn hóa");
    let mut second = tui(&sandbox);
    let status = second.wait_exit();
    assert!(!status.success(), "{status:?}");
    let printed = String::from_utf8_lossy(&second.raw()).into_owned();
    assert!(
        printed.contains(&format!("pid {}", first.pid())),
        "the second says who has it: {printed}"
    );
    first.send("\r");
    first.wait_for("e ghi chú");
    first.send("1");
    first.wait_for("tiêu chí 2/25");
    first.send("q");
    first.send("q");
    assert!(first.wait_exit().success());
}

/// A data folder holding the good fixture visit, with `note` on item 1.1.
fn exporter(note: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.ok(&["import", GOOD_VISIT]);
    sandbox.ok(&["note", "01M8H00G09WAWN13KGF42BJPMN", "1.1", note]);
    sandbox
}

#[test]
fn two_exports_into_one_folder_never_leave_a_partial_file() {
    let one = exporter("Bản của máy một");
    let two = exporter(&"Bản của máy hai, dài hơn nhiều. ".repeat(200));
    let out = tempfile::tempdir().expect("a shared folder");
    let out_arg = out.path().display().to_string();
    // Each document as exported alone.
    let alone = |sandbox: &Sandbox| {
        let own = sandbox.path("own");
        sandbox.ok(&["export", "--out", &own.display().to_string()]);
        let name = names(&own).pop().expect("one file");
        (name.clone(), fs::read(own.join(name)).expect("read"))
    };
    let (name, first) = alone(&one);
    let (same_name, second) = alone(&two);
    assert_eq!(name, same_name, "the same visit, the same file name");
    assert_ne!(first, second);
    for round in 0..15 {
        let mut children: Vec<_> = [&one, &two]
            .iter()
            .map(|sandbox| {
                let mut command = sandbox.command(&["export", "--out", &out_arg]);
                command.stdout(Stdio::null()).stderr(Stdio::piped());
                command.spawn().expect("start an export")
            })
            .collect();
        for child in &mut children {
            let status = wait_or_kill(child, "a concurrent export");
            assert!(status.success(), "round {round}: {status:?}");
        }
        let left = names(out.path());
        assert_eq!(
            left,
            std::slice::from_ref(&name),
            "round {round}: only the document, no temp file"
        );
        let now = fs::read(out.path().join(&name)).expect("read");
        assert!(
            now == first || now == second,
            "round {round}: the file is one whole export ({} bytes)",
            now.len()
        );
        onsite::document::parse(&String::from_utf8(now).expect("UTF-8")).expect("it reads");
    }
}
