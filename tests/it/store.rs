//! The store on disk: old stores still open, newer ones are refused, a second process is
//! refused, and a process killed at any moment loses nothing it had acknowledged.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use onsite::domain::answer::Answer;
use onsite::domain::history::{self, Change, ChangeKind, Edit};
use onsite::domain::visit::{Status, VisitState, VisitSummary};
use onsite::store::{Store, StoreError};
use rand::RngExt;

/// A command for the real binary, isolated from the user's real folders.
fn onsite(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_onsite"));
    command
        .env("ONSITE_DATA_DIR", data)
        .env("ONSITE_CONFIG", data.join("no-config.yaml"))
        .env("ONSITE_RUBRICS", data.join("no-rubrics"))
        .env("ONSITE_INSPECTOR", "Tester")
        .env_remove("ONSITE_LANG")
        .arg("--lang")
        .arg("en");
    command
}

fn new_visit(data: &Path, rubric: &str) -> String {
    let output = onsite(data)
        .args(["new", "--unit", "Cục QLTT Hà Tĩnh", "--rubric", rubric])
        .output()
        .expect("onsite runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn fixture_v1() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().expect("temp dir");
    let data = temp.path().join("data");
    copy_dir(Path::new("tests/fixtures/store-v1"), &data);
    (temp, data)
}

/// Visit ids in `tests/fixtures/store-v1` (see tests/fixtures/README.md).
const V1_DRAFT: &str = "01M8GY3MVFDH2S5NFWHEH8S4PY";
const V1_FINAL: &str = "01M8GY3N8D1GRXT0ZTATWWJRJM";

#[test]
fn a_schema_1_store_opens_with_everything_in_it() {
    let (_temp, data) = fixture_v1();
    let store = Store::open(&data).unwrap();
    let list = store.summaries().unwrap();
    assert_eq!(list.len(), 2);

    let (draft, rubric) = store.load(V1_DRAFT).unwrap();
    assert_eq!(draft.visit.unit.name, "Cục Quản lý thị trường tỉnh Hà Tĩnh");
    assert_eq!(draft.visit.team.len(), 2);
    assert_eq!(rubric.id, "co-quan-dat-chuan-van-hoa");
    // Written before the canonical digest: it keeps the one it had.
    assert_eq!(
        draft.visit.rubric.digest,
        onsite::service::legacy_digest(&rubric)
    );
    // 1.1 was set to 5 and undone back to 4.5.
    assert_eq!(
        draft.answer("1.1"),
        Some(&Answer::Points("4.5".parse().unwrap()))
    );
    assert_eq!(draft.answer("1.6"), Some(&Answer::NotApplicable));
    assert!(draft.note("1.10").starts_with("Đường dây nóng"));
    assert!(draft.visit.findings.strengths.contains("INS"));
    let history = store.history(V1_DRAFT).unwrap();
    assert!(matches!(history[0].edit, Edit::Created));
    assert!(
        history
            .iter()
            .any(|c| matches!(c.kind, ChangeKind::Undo { .. }))
    );

    let (done, rubric) = store.load(V1_FINAL).unwrap();
    assert_eq!(done.visit.status, Status::Finalized);
    assert_eq!(done.score(&rubric).score, "49".parse().unwrap());
}

/// Issue 14: the shipped rubrics moved to 2026.1. Visits made with 2025.1 (the fixture store
/// and the exported fixture document) keep their own copies, each exactly the superseded
/// built-in of its id, and score as before.
#[test]
fn an_old_visit_keeps_its_2025_1_rubric_after_the_shipped_one_changed() {
    let catalog = onsite::catalog::Catalog::load(None);
    let superseded = |id: &str| {
        let query = format!("{id}@2025.1");
        let entry = catalog.find(&query).expect("the superseded built-in");
        entry.rubric.clone()
    };
    let (_temp, data) = fixture_v1();
    let store = Store::open(&data).unwrap();
    for id in [V1_DRAFT, V1_FINAL] {
        let (state, rubric) = store.load(id).unwrap();
        let current = &catalog.find(&rubric.id).expect("shipped").rubric;
        assert_eq!(current.version, "2026.1");
        assert_eq!(state.visit.rubric.version, "2025.1");
        // Compared whole: a difference anywhere would change what the old visit shows.
        assert!(rubric == superseded(&rubric.id), "{id}: {}", rubric.id);
        let digest = onsite::service::legacy_digest(&superseded(&rubric.id));
        assert_eq!(state.visit.rubric.digest, digest);
    }
    let (draft, rubric) = store.load(V1_DRAFT).unwrap();
    assert_eq!(rubric.item_count(), 41);
    assert_eq!(draft.answer("1.6"), Some(&Answer::NotApplicable));
    let (done, rubric) = store.load(V1_FINAL).unwrap();
    assert_eq!(done.score(&rubric).score, "49".parse().unwrap());
    let text = std::fs::read_to_string("tests/fixtures/good-visit.yaml").expect("the fixture");
    let record = onsite::document::parse(&text).expect("the fixture document reads");
    assert!(record.rubric == superseded(&record.rubric.id));
}

/// Every key of the raw sled tree, to see which layout a store is in.
/// (`schema=N` is added to the list.)
/// The store opened raw by sled. A `sled::Db` dropped just before (by [`raw_keys`]) may
/// still hold its file lock for a moment while its background thread ends (seen under a
/// loaded machine): wait for it, up to ten seconds, rather than fail.
fn open_raw(data: &Path) -> sled::Db {
    let started = std::time::Instant::now();
    loop {
        match sled::open(data.join("store")) {
            Ok(db) => return db,
            Err(error) if started.elapsed() < std::time::Duration::from_secs(10) => {
                assert!(error.to_string().contains("lock"), "the raw store: {error}");
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(error) => panic!("the raw store: {error}"),
        }
    }
}

fn raw_keys(data: &Path) -> Vec<String> {
    let db = open_raw(data);
    let schema = db
        .get(b"meta/schema")
        .expect("readable")
        .expect("a schema key");
    let mut keys: Vec<String> = db
        .iter()
        .keys()
        .map(|key| String::from_utf8_lossy(&key.expect("a key")).into_owned())
        .collect();
    keys.push(format!("schema={}", String::from_utf8_lossy(&schema)));
    keys
}

#[test]
fn a_schema_1_store_is_upgraded_to_one_value_per_visit_and_keeps_everything() {
    let (_temp, data) = fixture_v1();
    let before = raw_keys(&data);
    assert!(
        before.iter().any(|key| key.starts_with("resp/")),
        "{before:?}"
    );
    assert!(before.iter().any(|key| key.starts_with("hist/")));

    let store = Store::open(&data).unwrap();
    let draft = store.record(V1_DRAFT).unwrap();
    let done = store.record(V1_FINAL).unwrap();
    let marks = [V1_DRAFT, V1_FINAL].map(|id| store.change_mark(id).unwrap().unwrap());
    drop(store);

    let after = raw_keys(&data);
    for old in ["visit/", "resp/", "hist/"] {
        assert!(
            !after.iter().any(|key| key.starts_with(old)),
            "{old} left: {after:?}"
        );
    }
    assert!(after.contains(&format!("state/{V1_DRAFT}")), "{after:?}");
    // Schema 3 keeps notes and findings in a tree of their own; `meta/` has two more keys.
    let per_visit = after.iter().filter(|key| !key.starts_with("meta/")).count();
    assert!(
        per_visit < before.len() / 5,
        "{} → {per_visit} keys: {after:?}",
        before.len(),
    );
    assert!(
        after.contains(&format!("schema={}", onsite::store::SCHEMA)),
        "{after:?}"
    );
    assert!(before.contains(&"schema=1".to_owned()), "{before:?}");

    // Opening again changes nothing, and the history replays to the stored state.
    let store = Store::open(&data).unwrap();
    assert_eq!(store.record(V1_DRAFT).unwrap(), draft);
    assert_eq!(store.record(V1_FINAL).unwrap(), done);
    assert_eq!(
        draft.history.last().unwrap().seq,
        store.next_seq(V1_DRAFT).unwrap() - 1
    );
    assert_eq!(marks[0], store.change_mark(V1_DRAFT).unwrap().unwrap());
    assert!(marks[1].ends_with(&format!("#{}", done.history.last().unwrap().seq)));
    assert_eq!(replay(draft.state.clone(), &draft.history), draft.state);
}

#[test]
fn a_long_history_is_kept_in_chunks_and_read_back_in_order() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let id = new_visit(&data, "van-hoa-cong-so");
    // 150 changes, some with long notes: several chunks.
    for round in 0..50 {
        for (item, value) in [("1.1", "đạt"), ("1.1", "không đạt")] {
            let output = onsite(&data)
                .args(["score", &id, item, value])
                .output()
                .unwrap();
            assert!(output.status.success(), "{output:?}");
        }
        let note = format!("Lần {round}: {}", "hòm thư góp ý ".repeat(round * 20));
        let output = onsite(&data)
            .args(["note", &id, "1.2", &note])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
    }
    let chunks = raw_keys(&data)
        .into_iter()
        .filter(|key| key.starts_with("log/"))
        .count();
    assert!(chunks > 3, "{chunks} chunks");
    let store = Store::open(&data).unwrap();
    let history = store.history(&id).unwrap();
    let seqs: Vec<u64> = history.iter().map(|change| change.seq).collect();
    assert_eq!(seqs, (1..=151).collect::<Vec<u64>>());
    let (state, _) = store.load(&id).unwrap();
    assert_eq!(replay(state.clone(), &history), state);
    assert!(state.note("1.2").starts_with("Lần 49: hòm thư"));
}

#[test]
fn a_summary_left_behind_by_a_dead_process_is_rebuilt_on_the_next_open() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let id = new_visit(&data, "van-hoa-cong-so");
    let output = onsite(&data)
        .args(["score", &id, "1.1", "đạt"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let good = Store::open(&data).unwrap().summaries().unwrap();
    assert_eq!(good[0].answered, 1);
    {
        // What a process killed between writing a visit and its summary leaves behind.
        let db = sled::open(data.join("store")).unwrap();
        let mut stale = good[0].clone();
        stale.answered = 0;
        stale.last_seq = 1;
        db.insert(format!("sum/{id}"), serde_json::to_vec(&stale).unwrap())
            .unwrap();
        db.insert(format!("dirty/{id}"), b"".as_slice()).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&data).unwrap();
    assert_eq!(store.summaries().unwrap(), good);
    drop(store);
    assert!(!raw_keys(&data).iter().any(|key| key.starts_with("dirty/")));
}

#[test]
fn opening_waits_for_the_database_file_a_just_closed_store_still_holds() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    drop(Store::open(&data).unwrap());
    // sled's threads can hold its file a moment after a Store is dropped; a raw handle
    // released 200 ms later stands in for them.
    let db = sled::open(data.join("store")).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(200));
        drop(db);
    });
    let store = Store::open(&data);
    release.join().unwrap();
    assert!(store.is_ok(), "{:?}", store.err().map(|e| e.to_string()));
}

#[test]
fn a_schema_1_store_can_be_edited_and_read_through_the_cli() {
    let (_temp, data) = fixture_v1();
    let output = onsite(&data)
        .args(["score", "01M8GY3MVF", "1.2", "3"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let output = onsite(&data).args(["show", V1_DRAFT]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("progress: 5/41"), "{text}");
}

#[test]
fn a_store_from_a_newer_onsite_is_refused_and_left_alone() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    drop(Store::open(&data).unwrap());
    {
        let db = sled::open(data.join("store")).unwrap();
        db.insert(b"meta/schema", b"99".as_slice()).unwrap();
        db.flush().unwrap();
    }
    match Store::open(&data) {
        Err(StoreError::NewerSchema {
            found: 99,
            known: onsite::store::SCHEMA,
            ..
        }) => {}
        Err(other) => panic!("wrong error: {other}"),
        Ok(_) => panic!("a newer store was opened"),
    }
    let output = onsite(&data).arg("list").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(
        message.contains(&format!(
            "newer onsite (store schema 99; this one reads up to {})",
            onsite::store::SCHEMA
        )),
        "{message}"
    );
    let db = sled::open(data.join("store")).unwrap();
    assert_eq!(
        db.get(b"meta/schema").unwrap().as_deref(),
        Some(b"99".as_slice())
    );
}

#[test]
fn a_folder_holding_another_database_is_not_taken_over() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    {
        let db = sled::open(data.join("store")).unwrap();
        db.insert(b"someone else's", b"data".as_slice()).unwrap();
        db.flush().unwrap();
    }
    assert!(matches!(
        Store::open(&data),
        Err(StoreError::NotAStore { .. })
    ));
}

#[test]
fn a_second_process_is_refused_while_the_store_is_open() {
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let store = Store::open(&data).unwrap();
    let output = onsite(&data).arg("list").output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let message = String::from_utf8(output.stderr).unwrap();
    let expected = format!(
        "onsite is already open on {} (pid {})",
        data.display(),
        std::process::id()
    );
    assert!(message.starts_with(&expected), "{message}");
    drop(store);
    let output = onsite(&data).arg("list").output().unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// One acknowledged change, as the child printed it: `ack SEQ ITEM ANSWER`.
#[derive(Debug)]
struct Ack {
    seq: u64,
    item: String,
    answer: String,
}

fn parse_ack(line: &str) -> Ack {
    let mut parts = line.splitn(4, ' ');
    assert_eq!(parts.next(), Some("ack"), "{line}");
    Ack {
        seq: parts.next().and_then(|s| s.parse().ok()).expect("seq"),
        item: parts.next().expect("item").to_owned(),
        answer: parts.next().expect("answer").to_owned(),
    }
}

/// Replays a history from the visit's creation and returns the answers it gives.
fn replay(mut state: VisitState, changes: &[Change]) -> VisitState {
    state.responses.clear();
    for change in changes {
        history::apply(&mut state, change);
    }
    state
}

fn kill_at_a_random_moment(data: &Path, id: &str, rng: &mut impl rand::Rng) -> Vec<Ack> {
    let mut child = onsite(data)
        .args(["dev", "churn", id, "--count", "100000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts");
    let stdout = child.stdout.take().expect("piped");
    let mut lines = BufReader::new(stdout).lines();
    let kill_after = rng.random_range(0..120);
    let mut acks = Vec::new();
    while acks.len() < kill_after {
        match lines.next() {
            Some(Ok(line)) => acks.push(parse_ack(&line)),
            _ => break,
        }
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    // Acks already in the pipe were acknowledged too.
    acks.extend(lines.map_while(Result::ok).map(|line| parse_ack(&line)));
    acks
}

#[test]
fn a_killed_process_loses_no_acknowledged_change() {
    let runs: usize = std::env::var("ONSITE_CRASH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    let id = new_visit(&data, "co-quan-dat-chuan-van-hoa");
    let mut rng = rand::rng();
    let mut acknowledged = 0;
    for run in 0..runs {
        let acks = kill_at_a_random_moment(&data, &id, &mut rng);
        acknowledged += acks.len();
        let store = Store::open(&data).unwrap_or_else(|e| panic!("run {run}: reopen: {e}"));
        let changes = store.history(&id).unwrap();
        // Sequence numbers are contiguous: nothing half-written in the middle.
        for (index, change) in changes.iter().enumerate() {
            assert_eq!(change.seq, index as u64 + 1, "run {run}");
        }
        for ack in &acks {
            let change = changes
                .get(usize::try_from(ack.seq).unwrap() - 1)
                .unwrap_or_else(|| panic!("run {run}: acknowledged #{} is missing", ack.seq));
            match &change.edit {
                Edit::Answer {
                    item, to: Some(to), ..
                } => {
                    assert_eq!(item, &ack.item, "run {run}");
                    assert_eq!(format!("{to:?}"), ack.answer, "run {run}");
                }
                other => panic!("run {run}: #{} is {other:?}", ack.seq),
            }
        }
        // The stored state is exactly what the history replays to, and the list agrees.
        let (state, rubric) = store.load(&id).unwrap();
        assert_eq!(
            replay(state.clone(), &changes).responses,
            state.responses,
            "run {run}"
        );
        let listed = store.summaries().unwrap().remove(0);
        assert_eq!(
            listed,
            VisitSummary {
                last_seq: changes.last().unwrap().seq,
                ..state.summary(&rubric)
            },
            "run {run}"
        );
    }
    eprintln!("{runs} kills, {acknowledged} acknowledged changes, none lost");
}

#[cfg(unix)]
#[test]
fn the_data_folder_is_private_and_a_shared_rubrics_folder_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let data = temp.path().join("data");
    new_visit(&data, "van-hoa-cong-so");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    drop(Store::open(&data).unwrap());
    for entry in std::fs::read_dir(data.join("store")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
    let rubrics = temp.path().join("shared-rubrics");
    std::fs::create_dir(&rubrics).unwrap();
    std::fs::set_permissions(&rubrics, std::fs::Permissions::from_mode(0o777)).unwrap();
    let output = onsite(&data)
        .env("ONSITE_RUBRICS", &rubrics)
        .args(["rubric", "list"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "a warning does not fail the command: {output:?}"
    );
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(
        message.contains("warning: anyone on this computer can change"),
        "{message}"
    );
}

/// Visit ids in `tests/fixtures/store-v2` (written by onsite at commit 9cce420, schema 2).
const V2_DRAFT: &str = "01M90XR1ZPCZJZTJ5NWP2G8HRY";
const V2_FINAL: &str = "01M90XR2M2B3QXJBCADQ8ZGX9B";

/// A schema 2 store (the release before texts moved apart) upgrades to schema 3, and its
/// visits export byte for byte as that release exported them (`store-v2-export/`).
#[test]
fn a_schema_2_store_is_upgraded_and_exports_exactly_as_before() {
    let temp = tempfile::tempdir().expect("temp dir");
    let data = temp.path().join("data");
    copy_dir(Path::new("tests/fixtures/store-v2"), &data);
    assert!(raw_keys(&data).contains(&"schema=2".to_owned()));
    let out = temp.path().join("out");
    let status = onsite(&data)
        .args(["export", "--out"])
        .arg(&out)
        .status()
        .expect("run onsite export");
    assert!(status.success());
    let expected = Path::new("tests/fixtures/store-v2-export");
    let mut names: Vec<_> = std::fs::read_dir(expected)
        .expect("fixture exports")
        .map(|entry| entry.expect("entry").file_name())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2);
    for name in &names {
        // The one change since that release: the wording of the derived, never-trusted
        // summary's reasons ("mục" → "tiêu chí", issue 14 point 4). Everything else, byte
        // for byte.
        let before = std::fs::read_to_string(expected.join(name))
            .expect("fixture")
            .replace(" mục chưa chấm\"", " tiêu chí chưa chấm\"");
        let now = std::fs::read_to_string(out.join(name)).expect("exported now");
        assert_eq!(
            now, before,
            "{name:?} exports differently after the upgrade"
        );
    }

    let keys = raw_keys(&data);
    assert!(
        keys.contains(&format!("schema={}", onsite::store::SCHEMA)),
        "{keys:?}"
    );
    let db = open_raw(&data);
    let texts = db.open_tree("texts").expect("the texts tree");
    assert!(
        texts
            .contains_key(format!("{V2_DRAFT}/note/1.10"))
            .expect("readable"),
        "the note moved to the texts tree: {keys:?}"
    );
    let head = db
        .get(format!("state/{V2_DRAFT}"))
        .expect("readable")
        .expect("the draft's state");
    // The first line is the state; the lines after it are the newest changes.
    let head = String::from_utf8_lossy(&head);
    let head = head.lines().next().unwrap_or_default();
    assert!(
        !head.contains("Đường dây nóng"),
        "a note left in the state: {head}"
    );
    drop((texts, db));

    // Every visit also has its spare copy now, and it reads back as the store has it.
    let store = Store::open(&data).expect("opens");
    for id in [V2_DRAFT, V2_FINAL] {
        assert!(data.join("spare").join(format!("{id}.yaml")).exists());
    }
    let checkup = store.checkup().expect("checkup");
    assert!(
        checkup.spare_refreshed.is_empty() && checkup.lost.is_empty(),
        "{checkup:?}"
    );
}

/// The size of every file under `dir`.
fn bytes_under(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |listing| {
        listing
            .flatten()
            .map(|entry| {
                if entry.file_type().expect("type").is_dir() {
                    bytes_under(&entry.path())
                } else {
                    entry.metadata().expect("metadata").len()
                }
            })
            .sum()
    })
}

/// An answer once rewrote the visit with all its notes: ten notes of 19,000 characters made
/// 1,000 answers take 292 MB. Now 2,000 answers stay within a small multiple of the export
/// (measured 3.4×; see docs/benchmarks.md, "Store growth").
#[test]
fn answers_on_a_visit_with_long_notes_keep_the_store_small() {
    let temp = tempfile::tempdir().expect("temp dir");
    let data = temp.path().join("data");
    let id = new_visit(&data, "co-quan-dat-chuan-van-hoa");
    let note: String = "Hòm thư góp ý đặt tại bộ phận một cửa; "
        .chars()
        .cycle()
        .take(19_000)
        .collect();
    for item in 1..=10 {
        let status = onsite(&data)
            .args(["note", &id, &format!("1.{item}"), &note])
            .stdout(Stdio::null())
            .status()
            .expect("onsite note");
        assert!(status.success());
    }
    let churn = onsite(&data)
        .args(["dev", "churn", &id, "--count", "2000"])
        .stdout(Stdio::null())
        .status()
        .expect("onsite dev churn");
    assert!(churn.success());
    let out = temp.path().join("out");
    let export = onsite(&data)
        .args(["export", &id, "--out"])
        .arg(&out)
        .stdout(Stdio::null())
        .status()
        .expect("onsite export");
    assert!(export.success());
    let exported = bytes_under(&out);
    let store = bytes_under(&data.join("store"));
    eprintln!("store {store} bytes, export {exported} bytes");
    assert!(
        store <= 6 * exported,
        "the store is {store} bytes for an export of {exported}"
    );
}
