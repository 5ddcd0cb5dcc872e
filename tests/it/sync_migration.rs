//! Shared folders written by the release before per-laptop copies (issue 13) keep working:
//! `tests/fixtures/store-v2-export/` is exactly what that release's `onsite sync` wrote (the
//! same documents as its export), and `tests/fixtures/store-v2/` the store of the laptop that
//! wrote them.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn onsite(data: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_onsite"))
        .env("ONSITE_DATA_DIR", data)
        .env("ONSITE_CONFIG", data.join("no-config.yaml"))
        .env("ONSITE_RUBRICS", data.join("no-rubrics"))
        .env("ONSITE_INSPECTOR", "Tester")
        .env_remove("ONSITE_LANG")
        .args(["--lang", "en"])
        .args(args)
        .output()
        .expect("onsite runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).expect("utf-8")
}

/// The readable documents of a folder, by name.
fn documents(dir: &Path) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = fs::read_dir(dir)
        .expect("the folder")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .map(|path: PathBuf| {
            let name = path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, fs::read_to_string(&path).expect("readable"))
        })
        .collect();
    all.sort();
    all
}

#[test]
fn a_folder_synced_by_the_previous_release_is_read_and_left_as_it_was() {
    let temp = tempfile::tempdir().expect("temp dir");
    let folder = temp.path().join("shared");
    copy_dir(Path::new("tests/fixtures/store-v2-export"), &folder);
    let before = documents(&folder);

    // A new laptop takes both visits in; the documents stay byte for byte.
    let newcomer = temp.path().join("newcomer");
    let summary = onsite(&newcomer, &["sync", folder.to_str().expect("utf-8")]);
    assert_eq!(
        summary.lines().last(),
        Some("2 new, 0 merged, 0 written, 0 unchanged, 0 conflicts, 0 rejected")
    );
    assert_eq!(documents(&folder), before);
    let out = temp.path().join("out");
    onsite(
        &newcomer,
        &["export", "--out", out.to_str().expect("utf-8")],
    );
    // Exported again, the visits are the old release's byte for byte but for the wording of
    // the derived summary's reasons ("mục" → "tiêu chí", issue 14 point 4).
    let reworded: Vec<(String, String)> = before
        .iter()
        .map(|(name, text)| {
            let text = text.replace(" mục chưa chấm\"", " tiêu chí chưa chấm\"");
            (name.clone(), text)
        })
        .collect();
    assert_eq!(
        documents(&out),
        reworded,
        "the visits are exactly the old release's"
    );

    // The laptop that wrote them, upgraded, finds nothing new and changes nothing.
    let writer = temp.path().join("writer");
    copy_dir(Path::new("tests/fixtures/store-v2"), &writer);
    let summary = onsite(&writer, &["sync", folder.to_str().expect("utf-8")]);
    assert_eq!(
        summary.lines().last(),
        Some("0 new, 0 merged, 0 written, 2 unchanged, 0 conflicts, 0 rejected"),
        "{summary}"
    );
    assert_eq!(documents(&folder), before);
    assert_eq!(onsite(&writer, &["conflicts"]).trim(), "no conflicts");
    // Both laptops now keep their own copy beside the documents.
    let own = fs::read_dir(folder.join(".onsite"))
        .expect("own copies")
        .count();
    assert_eq!(own, 4, "two visits × two laptops");
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(at) = todo.pop() {
        for entry in fs::read_dir(&at).expect("read a folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("inside").to_path_buf();
                all.push((relative, fs::read(&path).expect("readable")));
            }
        }
    }
    all.sort();
    all
}

/// `tests/fixtures/campaign-sync/` is what issue 19's release wrote to a team's folder (a
/// campaign of eight visits and a plan of three entries, `onsite-plan/1`) and what it printed
/// for the summary (`onsite-stats/1`) and the plan; see `make-campaign-sync.sh`. A laptop
/// that syncs the folder with any later build reads the same figures and the same plan, in
/// either language, and leaves every file there as it was.
#[test]
fn a_campaign_folder_of_issue_19_reads_to_the_same_summary_and_plan() {
    let fixture = Path::new("tests/fixtures/campaign-sync");
    let temp = tempfile::tempdir().expect("temp dir");
    let folder = temp.path().join("shared");
    copy_dir(&fixture.join("folder"), &folder);
    let before = files(&folder);

    let newcomer = temp.path().join("newcomer");
    let summary = onsite(&newcomer, &["sync", folder.to_str().expect("utf-8")]);
    assert_eq!(
        summary.lines().last(),
        Some("9 new, 0 merged, 0 written, 0 unchanged, 0 conflicts, 0 rejected"),
        "{summary}"
    );
    let stats = fs::read_to_string(fixture.join("stats.yaml")).expect("the summary");
    let plan = fs::read_to_string(fixture.join("plan.yaml")).expect("the plan");
    assert_eq!(
        onsite(&newcomer, &["stats", "--all", "--format", "yaml"]),
        stats
    );
    assert_eq!(
        onsite(&newcomer, &["plan", "list", "--format", "yaml"]),
        plan
    );
    // The files read are left byte for byte; the newcomer only adds its own copies.
    let after = files(&folder);
    for (path, bytes) in &before {
        let now = after.iter().find(|(p, _)| p == path);
        assert_eq!(
            now.map(|(_, b)| b),
            Some(bytes),
            "{} changed",
            path.display()
        );
    }
    let added: Vec<&PathBuf> = after
        .iter()
        .map(|(path, _)| path)
        .filter(|path| !before.iter().any(|(p, _)| p == *path))
        .collect();
    assert!(
        added.iter().all(|path| path.starts_with(".onsite")),
        "{added:?}"
    );
}
