//! Issue 18: evidence (`onsite attach | attachments | detach | open`) through the `onsite`
//! binary: the contract's output, every bad file or name refused with exit 1 and nothing
//! changed, one stored file per content, the files carried byte for byte by export and
//! import, a shared folder and git, a changed file refused, and `onsite doctor` removing
//! what no visit lists.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::sandbox::{HANG, LAN, Sandbox, run_command};
use crate::support::team::{BINH, CHAU, RUBRIC, Team, UNIT};

fn sha256(bytes: &[u8]) -> String {
    onsite::domain::evidence::sha256_hex(bytes)
}

/// A small PNG-looking photo and a PDF-looking plan, distinct per `seed`.
fn photo(seed: u8) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..4096u32).map(|i| i.to_le_bytes()[0].wrapping_mul(seed)));
    bytes
}

fn plan() -> Vec<u8> {
    b"%PDF-1.4\nKe hoach xay dung co quan dat chuan van hoa nam 2026\n%%EOF\n".to_vec()
}

fn put(laptop: &Sandbox, name: &str, bytes: &[u8]) -> PathBuf {
    let path = laptop.path(name);
    fs::write(&path, bytes).expect("write a file to attach");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The evidence folder of a laptop's store: file name → bytes.
fn stored(laptop: &Sandbox) -> BTreeMap<String, Vec<u8>> {
    let dir = laptop.data().join("evidence");
    let Ok(listing) = fs::read_dir(&dir) else {
        return BTreeMap::new();
    };
    listing
        .map(|entry| {
            let entry = entry.expect("list the evidence folder");
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, fs::read(entry.path()).expect("read an evidence file"))
        })
        .collect()
}

/// The ids printed by `attach`: one per line, nothing else.
fn attach(laptop: &Sandbox, args: &[&str]) -> Vec<String> {
    let out = laptop.ok(&[&["attach"][..], args].concat());
    let ids: Vec<String> = out.lines().map(str::to_owned).collect();
    for id in &ids {
        assert!(
            id.len() == 26 && id.bytes().all(|b| b.is_ascii_alphanumeric()),
            "{out:?}"
        );
    }
    ids
}

fn listed(laptop: &Sandbox, visit: &str) -> Vec<yaml_serde::Value> {
    let yaml = laptop.ok(&["attachments", visit, "--format", "yaml"]);
    let value: yaml_serde::Value = yaml_serde::from_str(&yaml).expect("yaml");
    value.as_sequence().cloned().unwrap_or_default()
}

fn field(entry: &yaml_serde::Value, key: &str) -> String {
    match &entry[key] {
        yaml_serde::Value::String(text) => text.clone(),
        yaml_serde::Value::Number(n) => n.to_string(),
        yaml_serde::Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

#[test]
fn files_are_attached_listed_detached_and_stored_once() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(RUBRIC, UNIT, &[]);
    let board = put(&laptop, "bang-tin.png", &photo(3));
    let plan_file = put(&laptop, "ke-hoach.pdf", &plan());
    let ids = attach(
        &laptop,
        &[
            &visit,
            "1.1",
            s(&board),
            s(&plan_file),
            "--caption",
            "Bảng tin nội bộ tại sảnh",
        ],
    );
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);

    let entries = listed(&laptop, &visit);
    assert_eq!(entries.len(), 2);
    let first = &entries[0];
    assert_eq!(field(first, "id"), ids[0]);
    assert_eq!(field(first, "item"), "1.1");
    assert_eq!(field(first, "sha256"), sha256(&photo(3)));
    assert_eq!(field(first, "name"), "bang-tin.png");
    assert_eq!(field(first, "bytes"), photo(3).len().to_string());
    assert_eq!(field(first, "media_type"), "image/png");
    assert_eq!(field(first, "caption"), "Bảng tin nội bộ tại sảnh");
    assert_eq!(field(first, "by"), LAN);
    assert_eq!(field(first, "stored"), "true");
    assert_eq!(field(&entries[1], "media_type"), "application/pdf");

    // The same bytes on the same item: the same id again, noted, nothing recorded.
    let history = laptop.ok(&["history", &visit]);
    let run = laptop.run(&["attach", &visit, "1.1", s(&board)]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(run.stdout, format!("{}\n", ids[0]));
    assert!(run.stderr.contains("already"), "{run:?}");
    assert_eq!(laptop.ok(&["history", &visit]), history);

    // The same bytes on another item: a new attachment, still one stored file.
    let copy = put(&laptop, "copy-of-board.png", &photo(3));
    let other = attach(&laptop, &[&visit, "1.2", s(&copy)]);
    assert_ne!(other[0], ids[0]);
    let files = stored(&laptop);
    assert_eq!(files.len(), 2, "{:?}", files.keys());
    assert_eq!(files.get(&sha256(&photo(3))), Some(&photo(3)));
    assert_eq!(files.get(&sha256(&plan())), Some(&plan()));

    let only = laptop.ok(&["attachments", &visit, "--item", "1.2"]);
    assert_eq!(only.lines().count(), 1, "{only}");
    assert!(only.contains("copy-of-board.png"), "{only}");

    // Detach (any case): recorded, the file kept; undo attaches it again.
    let out = laptop.ok(&["detach", &visit, &ids[1].to_lowercase()]);
    assert!(out.contains("ke-hoach.pdf"), "{out}");
    assert_eq!(listed(&laptop, &visit).len(), 2);
    assert!(laptop.ok(&["history", &visit]).contains("detached"));
    assert_eq!(stored(&laptop).len(), 2);
    laptop.ok(&["undo", &visit]);
    let back: Vec<String> = listed(&laptop, &visit)
        .iter()
        .map(|e| field(e, "id"))
        .collect();
    assert!(back.contains(&ids[1]), "{back:?}");
}

#[test]
fn bad_files_and_names_are_refused_and_change_nothing() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(RUBRIC, UNIT, &[]);
    let good = put(&laptop, "good.png", &photo(5));
    let folder = laptop.path("a-folder");
    fs::create_dir(&folder).expect("mkdir");
    let empty = put(&laptop, "empty.jpg", b"");
    let big = laptop.path("big.mov");
    let file = fs::File::create(&big).expect("create");
    file.set_len(25 * 1024 * 1024 + 1)
        .expect("a sparse file over the limit");
    let fifo = laptop.path("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let missing = laptop.path("not-there.jpg");
    let before = laptop.ok(&["show", &visit, "--format", "yaml"]);

    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["attach", "01ZZZZZZZZZZZZZZZZZZZZZZZZ", "1.1", s(&good)],
            "no visit",
        ),
        (vec!["attach", &visit, "9.9", s(&good)], "9.9"),
        (vec!["attach", &visit, "1.1", s(&missing)], "no such file"),
        (vec!["attach", &visit, "1.1", s(&folder)], "folder"),
        (
            vec!["attach", &visit, "1.1", s(&fifo)],
            "not a regular file",
        ),
        (vec!["attach", &visit, "1.1", s(&empty)], "empty"),
        (vec!["attach", &visit, "1.1", s(&big)], "over the limit"),
        // One bad file among good ones: none is attached.
        (
            vec!["attach", &visit, "1.1", s(&good), s(&folder)],
            "folder",
        ),
        (vec!["detach", &visit, "01ZZZZ"], "no attachment"),
        (vec!["open", &visit, "01ZZZZ"], "no attachment"),
        (
            vec!["attachments", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"],
            "no visit",
        ),
    ];
    for (args, says) in cases {
        let run = laptop.run(&args);
        assert_eq!(run.code, Some(1), "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {run:?}");
        assert!(
            run.stderr.contains(says),
            "{args:?} should say {says:?}: {run:?}"
        );
    }
    assert_eq!(laptop.ok(&["show", &visit, "--format", "yaml"]), before);
    assert!(
        stored(&laptop).is_empty(),
        "nothing kept: {:?}",
        stored(&laptop).keys()
    );

    // A file nobody may read (where permissions hold: not as root).
    let locked = put(&laptop, "locked.jpg", &photo(6));
    set_mode(&locked, 0o000);
    if fs::read(&locked).is_err() {
        let run = laptop.run(&["attach", &visit, "1.1", s(&locked)]);
        assert_eq!(run.code, Some(1), "{run:?}");
        assert!(run.stderr.contains("cannot be read"), "{run:?}");
        assert_eq!(laptop.ok(&["show", &visit, "--format", "yaml"]), before);
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
}

/// `onsite open` hands the viewer a read-only copy with the right extension, never the
/// stored file itself; `ONSITE_OPENER` stands in for the system viewer.
#[test]
fn open_gives_the_viewer_a_copy() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(RUBRIC, UNIT, &[]);
    let plan_file = put(&laptop, "Kế hoạch 2026.pdf", &plan());
    let id = attach(&laptop, &[&visit, "2.1", s(&plan_file)]).remove(0);
    let seen = laptop.path("seen");
    let viewer = put(
        &laptop,
        "viewer.sh",
        format!(
            "#!/bin/sh\ncp \"$1\" '{}'\necho \"$1\" > '{}.path'\n",
            s(&seen),
            s(&seen)
        )
        .as_bytes(),
    );
    set_mode(&viewer, 0o755);
    let mut command = laptop.command(&["open", &visit, &id]);
    command.env("ONSITE_OPENER", &viewer);
    let run = run_command(command, HANG);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert_eq!(fs::read(&seen).expect("the viewer got a file"), plan());
    let opened = fs::read_to_string(laptop.path("seen.path")).expect("path");
    assert!(
        Path::new(opened.trim())
            .extension()
            .is_some_and(|e| e == "pdf"),
        "{opened}"
    );
    assert!(!opened.contains(s(&laptop.data())), "{opened}");
    let meta = fs::metadata(opened.trim()).expect("the copy");
    assert!(meta.permissions().readonly());

    // A viewer that fails is reported.
    let mut command = laptop.command(&["open", &visit, &id]);
    command.env("ONSITE_OPENER", "false");
    let run = run_command(command, HANG);
    assert_eq!(run.code, Some(1), "{run:?}");
}

/// Evidence does not change the score: it can be attached and detached on a finalized
/// visit, and the minutes' verdict stays.
#[test]
fn a_finalized_visit_takes_evidence() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(RUBRIC, UNIT, &[]);
    laptop.answer_all(&visit);
    laptop.ok(&["finalize", &visit]);
    let board = put(&laptop, "bang.png", &photo(7));
    let id = attach(&laptop, &[&visit, "1.1", s(&board)]).remove(0);
    laptop.ok(&["detach", &visit, &id]);
    let doc = laptop.ok(&["show", &visit, "--format", "yaml"]);
    assert!(doc.contains("status: finalized"), "{doc}");
}

#[test]
fn export_and_import_carry_the_files_and_refuse_a_changed_one() {
    let lan = Sandbox::laptop(LAN);
    let visit = lan.new_visit(RUBRIC, UNIT, &[]);
    let board = put(&lan, "bang.png", &photo(9));
    let plan_file = put(&lan, "ke-hoach.pdf", &plan());
    attach(&lan, &[&visit, "1.1", s(&board), "--caption", "Bảng tin"]);
    attach(&lan, &[&visit, "2.1", s(&plan_file)]);
    let out = lan.path("out");
    lan.ok(&["export", "--out", s(&out)]);
    let documents: Vec<PathBuf> = fs::read_dir(&out)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    assert_eq!(documents.len(), 1);
    let document = &documents[0];
    let files_dir = document.with_extension("files");
    let mut exported: Vec<String> = fs::read_dir(&files_dir)
        .expect("the files folder beside the document")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    exported.sort();
    let mut expected = vec![
        format!("{}.png", sha256(&photo(9))),
        format!("{}.pdf", sha256(&plan())),
    ];
    expected.sort();
    assert_eq!(exported, expected);

    // Another laptop imports the document with its files: the same bytes, the same document.
    let binh = Sandbox::laptop(BINH);
    binh.ok(&["import", s(document)]);
    assert_eq!(stored(&binh), stored(&lan));
    assert_eq!(
        binh.ok(&["show", &visit, "--format", "yaml"]),
        lan.ok(&["show", &visit, "--format", "yaml"])
    );

    // A changed file is refused; the attachment stays, marked missing.
    let chau = Sandbox::laptop(CHAU);
    let pdf = files_dir.join(format!("{}.pdf", sha256(&plan())));
    let mut changed = plan();
    changed.extend_from_slice(b"% edited\n");
    fs::write(&pdf, &changed).expect("change the exported file");
    let run = chau.run(&["import", s(document)]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("does not match its SHA-256"), "{run:?}");
    assert!(!stored(&chau).contains_key(&sha256(&plan())));
    assert!(!stored(&chau).values().any(|bytes| *bytes == changed));
    let entries = listed(&chau, &visit);
    assert_eq!(entries.len(), 2);
    let pdf_entry = entries
        .iter()
        .find(|e| field(e, "item") == "2.1")
        .expect("kept");
    assert_eq!(field(pdf_entry, "stored"), "false");

    // A missing file is reported, the rest taken.
    fs::remove_file(&pdf).expect("remove");
    let dung = Sandbox::laptop("Lê Văn Dũng");
    let run = dung.run(&["import", s(document)]);
    assert_eq!(run.code, Some(0), "{run:?}");
    assert!(run.stderr.contains("is not there"), "{run:?}");
    assert_eq!(stored(&dung).len(), 1);
}

fn converge_with_evidence(team: &Team) {
    let (a, b) = (&team.laptops[0], &team.laptops[1]);
    let visit = team.shared_visit();
    let board = put(a, "bang.png", &photo(11));
    attach(a, &[&visit, "1.1", s(&board), "--caption", "Bảng tin"]);
    let hotline = put(b, "duong-day-nong.jpg", &photo(13));
    attach(
        b,
        &[
            &visit,
            "1.3",
            s(&hotline),
            "--caption",
            "Biển đường dây nóng",
        ],
    );
    team.round();
    team.round();
    assert_eq!(stored(a), stored(b));
    assert_eq!(stored(a).len(), 2);
    let ids = |laptop: &Sandbox| -> Vec<String> {
        listed(laptop, &visit)
            .iter()
            .map(|e| field(e, "id"))
            .collect()
    };
    assert_eq!(ids(a).len(), 2);
    let mut in_a = ids(a);
    let mut in_b = ids(b);
    in_a.sort();
    in_b.sort();
    assert_eq!(in_a, in_b);
    for laptop in [a, b] {
        for entry in listed(laptop, &visit) {
            assert_eq!(field(&entry, "stored"), "true", "{}", laptop.inspector());
        }
    }
}

#[test]
fn two_laptops_share_evidence_through_a_folder() {
    let team = Team::folder(&[LAN, BINH]);
    converge_with_evidence(&team);
    let shared = team.shared().join(".onsite").join("files");
    assert_eq!(
        fs::read_dir(&shared).expect("the shared evidence").count(),
        2
    );
}

#[test]
fn two_laptops_share_evidence_through_git() {
    let team = Team::git(&[LAN, BINH]);
    converge_with_evidence(&team);
}

/// A changed file in the shared folder never reaches a laptop that lacks it, and the laptop
/// that has the right one writes it back.
#[test]
fn a_changed_file_in_the_shared_folder_is_refused_and_written_again() {
    let team = Team::folder(&[LAN, BINH]);
    let (a, b) = (&team.laptops[0], &team.laptops[1]);
    let visit = team.shared_visit();
    let board = put(a, "bang.png", &photo(17));
    attach(a, &[&visit, "1.1", s(&board)]);
    team.sync(0);
    let shared = team
        .shared()
        .join(".onsite")
        .join("files")
        .join(format!("{}.png", sha256(&photo(17))));
    fs::write(&shared, b"\x89PNG not the photo").expect("tamper");
    let run = team.sync_run(1);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.all().contains("does not match its SHA-256"), "{run:?}");
    assert!(stored(b).is_empty());
    team.sync(0);
    assert_eq!(fs::read(&shared).expect("written again"), photo(17));
    team.sync(1);
    assert_eq!(stored(b), stored(a));
}

#[test]
fn doctor_removes_files_no_visit_lists() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(RUBRIC, UNIT, &[]);
    let board = put(&laptop, "bang.png", &photo(19));
    let plan_file = put(&laptop, "ke-hoach.pdf", &plan());
    let ids = attach(&laptop, &[&visit, "1.1", s(&board), s(&plan_file)]);
    let dir = laptop.data().join("evidence");
    // What a killed attach leaves: a finished file nobody recorded, a temporary file.
    fs::write(dir.join(sha256(b"orphan")), b"orphan").expect("orphan");
    fs::write(dir.join(".onsite-abc123.tmp"), b"half").expect("tmp");
    laptop.ok(&["detach", &visit, &ids[1]]);
    let out = laptop.ok(&["doctor"]);
    assert!(out.contains("evidence"), "{out}");
    let left: Vec<String> = stored(&laptop).into_keys().collect();
    assert_eq!(left, vec![sha256(&photo(19))]);
    // Undo of the detach now says the file is gone, and changes nothing.
    let run = laptop.run(&["undo", &visit]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stderr.contains("ke-hoach.pdf"), "{run:?}");
    assert_eq!(listed(&laptop, &visit).len(), 1);
}

/// SIGKILL at any moment of `onsite attach`: an attachment the store lists always has its
/// file, whole; what a killed attach wrote before recording is gone after `onsite doctor`.
#[test]
fn an_attach_killed_at_any_moment_never_leaves_an_attachment_without_its_file() {
    let laptop = Sandbox::laptop(LAN);
    let visit = laptop.new_visit(RUBRIC, UNIT, &[]);
    let mut recorded = 0;
    for round in 0..16u8 {
        // 12 MB each, all different: the write takes long enough to be cut anywhere.
        let mut bytes = photo(round.wrapping_mul(2).wrapping_add(1));
        bytes.resize(12 * 1024 * 1024, round);
        let file = put(&laptop, &format!("photo-{round}.png"), &bytes);
        let mut child = laptop
            .command(&["attach", &visit, "1.1", s(&file)])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start onsite attach");
        std::thread::sleep(std::time::Duration::from_millis(u64::from(round) * 9));
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let files = stored(&laptop);
        let entries = listed(&laptop, &visit);
        for entry in &entries {
            let sha = field(entry, "sha256");
            let bytes = files
                .get(&sha)
                .expect("an acknowledged attachment has its file");
            assert_eq!(sha256(bytes), sha, "round {round}: a whole file");
        }
        if status.success() {
            assert_eq!(
                entries.len(),
                recorded + 1,
                "round {round}: exit 0 means recorded"
            );
        }
        recorded = entries.len();
    }
    laptop.ok(&["doctor"]);
    let listed_shas: Vec<String> = listed(&laptop, &visit)
        .iter()
        .map(|e| field(e, "sha256"))
        .collect();
    for name in stored(&laptop).keys() {
        assert!(listed_shas.contains(name), "{name} is left after doctor");
    }
}

/// `tests/fixtures/evidence-export/`: what this release's `onsite export` wrote for a visit
/// with evidence (two files, one attached twice and detached once). Every later release
/// must read it, write the document back byte for byte, and take its files.
#[test]
fn the_committed_evidence_export_reads_and_imports_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence-export");
    let document = fs::read_dir(&dir)
        .expect("the fixture folder")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "yaml"))
        .expect("the exported document");
    let text = fs::read_to_string(&document).expect("read");
    let record = onsite::document::parse(&text).expect("the fixture reads");
    assert_eq!(record.state.visit.attachments.len(), 2);
    assert_eq!(
        onsite::document::to_yaml(&record),
        text,
        "written back byte for byte"
    );

    let laptop = Sandbox::laptop(LAN);
    let copy = laptop.path("in");
    fs::create_dir(&copy).expect("mkdir");
    let files = document.with_extension("files");
    let copied_files = copy.join(files.file_name().expect("name"));
    fs::create_dir(&copied_files).expect("mkdir");
    let mut expected = BTreeMap::new();
    for entry in fs::read_dir(&files).expect("the fixture's files") {
        let path = entry.expect("entry").path();
        let bytes = fs::read(&path).expect("read");
        fs::write(copied_files.join(path.file_name().expect("name")), &bytes).expect("copy");
        expected.insert(sha256(&bytes), bytes);
    }
    let copied = copy.join(document.file_name().expect("name"));
    fs::write(&copied, &text).expect("copy");
    laptop.ok(&["import", s(&copied)]);
    assert_eq!(stored(&laptop), expected);
    let id = &record.state.visit.id;
    assert_eq!(laptop.ok(&["show", id, "--format", "yaml"]), text);
}
