//! The store always opens again, with everything that was acknowledged in it (issue 12):
//! - short commands (`score --note`, `note`, `new`, `list`, `finalize`/`reopen`, `export`)
//!   killed at random moments (start-up, the write, the exit), by SIGKILL or SIGINT: the next
//!   command opens the store, every change acknowledged by exit 0 is there, nothing changed
//!   but the change in flight, and SIGINT gives exit 0 or 130;
//! - a leftover partial or empty `snap.*.generating`, which sled 0.34 reads and then refuses;
//! - a data file the engine cannot read: the next ordinary command rebuilds every visit from
//!   the spare copy (`DATA/spare/`), says so and keeps the broken store in `DATA/aside/`;
//!   so does damage inside the log (sled takes it for the log's end and drops what follows:
//!   the spare copy's count of visits tells); `onsite
//!   doctor` rewrites a missing spare copy and restores a visit the store is behind on;
//! - a full disk (a small tmpfs, root only, skipped otherwise; and a file-size limit) under
//!   `list`, `score` and `export`: exit 0, or 1 with a message; once there is room the store
//!   opens with nothing acknowledged lost and no `snap.*.generating` left.
//!
//! Visits are read through `onsite export` (one command for all) and `document::parse`.
//! Long form of the kill test: `scripts/kill-short.sh` (300 runs); `ONSITE_KILL_SEED=N`
//! replays one.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::files::names;
use crate::support::sandbox::{CONG_SO, Run, Sandbox, wait_or_kill};
use onsite::document::{self, VisitRecord};
use onsite::domain::answer::Answer;
use onsite::domain::history::{self, Change, Edit};
use onsite::domain::rubric::ItemKind;
use onsite::domain::visit::Status;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rust_decimal::Decimal;
use rustix::process::{Pid, Signal, kill_process};

/// The 41-item rubric (points, check and levels items), pinned to the version [`SCORED`] and
/// [`VALUES`] were written for (2026.1 gives some of these items 2 points).
const RUBRIC: &str = "co-quan-dat-chuan-van-hoa@2025.1";
/// Points items (max ≥ 3, step 0.5) the kill test scores, the values it uses, items it notes.
const SCORED: [&str; 6] = ["1.1", "1.2", "1.7", "1.8", "2.2", "2.7"];
const VALUES: [&str; 6] = ["0", "1", "1.5", "2", "2.5", "3"];
const NOTED: [&str; 3] = ["1.4", "1.5", "2.3"];
const KINDS: [&str; 6] = ["score", "note", "new", "list", "status", "export"];
const REBUILT: &str = "rebuilt from the spare copy";

type Records = BTreeMap<String, VisitRecord>;

/// Every visit in the store, by id, as `onsite export` writes it (the command must succeed).
fn stored(sandbox: &Sandbox) -> Records {
    let dir = sandbox.path("check");
    let _ = fs::remove_dir_all(&dir);
    sandbox.ok(&["export".as_ref(), "--out".as_ref(), dir.as_os_str()]);
    let read = |name: &String| read_document(&dir.join(name));
    names(&dir)
        .iter()
        .map(read)
        .map(|r| (r.state.visit.id.clone(), r))
        .collect()
}

fn read_document(path: &Path) -> VisitRecord {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// History entries as short keys: `answer 1.1 2.5`, `note 1.4 TEXT`, `status draft`.
fn keys(changes: &[Change]) -> Vec<String> {
    let key = |change: &Change| match &change.edit {
        Edit::Created => "created".to_owned(),
        Edit::Answer {
            item,
            to: Some(Answer::Points(value)),
            ..
        } => format!("answer {item} {}", value.normalize()),
        Edit::Note { item, to, .. } => format!("note {item} {to}"),
        Edit::Status { to, .. } => format!("status {}", document::status_word(*to)),
        other => format!("{other:?}"),
    };
    changes.iter().map(key).collect()
}

/// The history entries `after` has beyond `before`, which must be its start.
fn added<'a>(what: &str, before: &VisitRecord, after: &'a VisitRecord) -> &'a [Change] {
    assert!(
        after.history.starts_with(&before.history),
        "{what}: history lost or rewritten:\n{:?}\n{:?}",
        keys(&before.history),
        keys(&after.history)
    );
    &after.history[before.history.len()..]
}

fn points(value: &str) -> Decimal {
    value.parse::<Decimal>().expect("a number").normalize()
}

fn new_visit(sandbox: &Sandbox, unit: &str, rubric: &str) -> String {
    let printed = sandbox.ok(&["new", "--unit", unit, "--rubric", rubric]);
    printed.trim().to_owned()
}

/// Two visits with answers and notes; their ids.
fn two_visits(sandbox: &Sandbox) -> (String, String) {
    let a = new_visit(sandbox, "Sở Văn hóa và Thể thao", RUBRIC);
    sandbox.ok(&["score", &a, "1.1", "4.5", "--note", "Đủ hồ sơ"]);
    sandbox.ok(&["score", &a, "1.2", "2", "--note", "Thiếu 1 biên bản"]);
    sandbox.ok(&["note", &a, "1.4", "Bảng tin đặt ở sảnh"]);
    let b = new_visit(sandbox, "UBND phường Bến Thành", RUBRIC);
    sandbox.ok(&["note", &b, "2.3", "Tiếp dân lịch sự"]);
    (a, b)
}

/// The files in `dir` whose names end with `suffix`.
fn ending(dir: &Path, suffix: &str) -> Vec<String> {
    let all = if dir.exists() { names(dir) } else { Vec::new() };
    all.into_iter().filter(|n| n.ends_with(suffix)).collect()
}

// ---------------------------------------------------------------------------------------
// Killed at random moments.

/// `onsite ARGS`, sent `signal` after `delay` (the child may have exited by then).
fn run_signalled(sandbox: &Sandbox, args: &[String], delay: Duration, signal: Signal) -> Run {
    let (out, err) = (sandbox.path("stdout"), sandbox.path("stderr"));
    let to = |path: &Path| Stdio::from(fs::File::create(path).expect("create"));
    let started = Instant::now();
    let mut child = (sandbox.command(args).stdin(Stdio::null()))
        .stdout(to(&out))
        .stderr(to(&err))
        .spawn()
        .expect("start onsite");
    thread::sleep(delay);
    let pid = Pid::from_raw(i32::try_from(child.id()).expect("a pid")).expect("a pid");
    // Not reaped yet, so the pid is still this child's (a zombie ignores the signal).
    let _ = kill_process(pid, signal);
    let status = wait_or_kill(&mut child, &format!("onsite {args:?}"));
    let read = |path: &Path| fs::read(path).expect("read the output");
    Run::new(status, read(&out), read(&err), started.elapsed())
}

/// One short command, the visit it changes and the history entries it adds, in order.
struct Step {
    kind: &'static str,
    args: Vec<String>,
    visit: Option<String>,
    adds: Vec<String>,
}

fn step(kind: &'static str, run: usize, rng: &mut StdRng, now: &Records, ids: [&str; 2]) -> Step {
    let [a, f] = ids;
    let pick = |rng: &mut StdRng, from: &[&'static str]| from[rng.random_range(0..from.len())];
    let args = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
    let (args, visit, adds) = match kind {
        "score" => {
            let item = pick(rng, &SCORED);
            // Never the value it has, so the change is always recorded.
            let had = now[a].state.answer(item).cloned();
            let fresh: Vec<&str> = VALUES
                .into_iter()
                .filter(|v| had != Some(Answer::Points(points(v))))
                .collect();
            let (value, note) = (pick(rng, &fresh), format!("lần {run}: hòm thư góp ý"));
            let adds = vec![
                format!("answer {item} {}", points(value)),
                format!("note {item} {note}"),
            ];
            let command = ["score", a, item, value, "--note", &note];
            (args(&command), Some(a), adds)
        }
        "note" => {
            let item = pick(rng, &NOTED);
            let text = format!("lần {run}: bảng tin {}", "ghi chú ".repeat(run % 7));
            let adds = vec![format!("note {item} {text}")];
            (args(&["note", a, item, &text]), Some(a), adds)
        }
        "new" => {
            let unit = format!("Đơn vị {run}");
            let command = ["new", "--unit", &unit, "--rubric", RUBRIC];
            (args(&command), None, vec!["created".to_owned()])
        }
        "status" if now[f].state.visit.status == Status::Draft => {
            let adds = vec!["status finalized".to_owned()];
            (args(&["finalize", f]), Some(f), adds)
        }
        "status" => {
            let reason = format!("lần {run}: bổ sung");
            let adds = vec!["status draft".to_owned()];
            (args(&["reopen", f, "--reason", &reason]), Some(f), adds)
        }
        "export" => (args(&["export", "--out", "out"]), None, Vec::new()),
        _ => (args(&["list"]), None, Vec::new()),
    };
    let visit = visit.map(str::to_owned);
    Step {
        kind,
        args,
        visit,
        adds,
    }
}

/// A visit's line in `list --format yaml`.
#[derive(serde::Deserialize, Debug, PartialEq)]
struct Listed {
    id: String,
    answered: usize,
    status: String,
}

/// `list --format yaml` (the store must open), and what it said on stderr.
fn listed(sandbox: &Sandbox) -> (Vec<Listed>, String) {
    let done = sandbox.run(&["list", "--format", "yaml"]);
    assert_eq!(done.code, Some(0), "the store opens: {}", done.stderr);
    let list = yaml_serde::from_str(&done.stdout).expect("the list in YAML");
    (list, done.stderr)
}

/// After one killed (or finished, `ok`) step: every visit but the one it changes is as it
/// was; that one has the step's entries (all of them if acknowledged, a start otherwise)
/// and exactly their effect; a new visit appears only from `new`; the list agrees.
fn check_run(what: &str, step: &Step, ok: bool, printed: &str, prev: &Records, now: &Records) {
    for (id, before) in prev {
        let Some(after) = now.get(id) else {
            panic!("{what}: visit {id} lost")
        };
        if step.visit.as_deref() != Some(id) {
            assert_eq!(before, after, "{what}: {id} changed");
            continue;
        }
        let added = added(what, before, after);
        let keys = keys(added);
        if ok {
            assert_eq!(keys, step.adds, "{what}: acknowledged, not all stored");
        } else {
            assert!(step.adds.starts_with(&keys), "{what}: {keys:?}");
        }
        let mut state = before.state.clone();
        for change in added {
            history::apply(&mut state, change);
        }
        assert_eq!(state.responses, after.state.responses, "{what}: {id}");
        assert_eq!(state.visit.status, after.state.visit.status, "{what}: {id}");
    }
    let born: Vec<&String> = now.keys().filter(|id| !prev.contains_key(*id)).collect();
    match step.kind {
        "new" if ok => assert_eq!(born, [printed.trim()], "{what}: the id printed"),
        "new" => assert!(born.len() <= 1, "{what}: {born:?}"),
        _ => assert!(born.is_empty(), "{what}: {born:?}"),
    }
    for id in born {
        assert_eq!(keys(&now[id].history), ["created"], "{what}");
    }
}

#[test]
fn short_commands_killed_at_random_moments_lose_nothing_acknowledged() {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let runs = env("ONSITE_KILL_RUNS").unwrap_or(36);
    let seed = env("ONSITE_KILL_SEED").unwrap_or_else(|| rand::rng().random());
    eprintln!("seed {seed} (ONSITE_KILL_SEED={seed} replays), {runs} runs");
    let mut rng = StdRng::seed_from_u64(seed);
    let sandbox = Sandbox::new();
    let (a, _) = two_visits(&sandbox);
    // A fully answered visit to finalize and reopen.
    let f = new_visit(&sandbox, "Trung tâm Văn hóa", CONG_SO);
    for item in stored(&sandbox)[&f].rubric.items() {
        let answer = match item.kind {
            ItemKind::Points => item.max.unwrap_or_default().to_string(),
            ItemKind::Check => "pass".to_owned(),
            ItemKind::Levels => "1".to_owned(),
        };
        sandbox.ok(&["score", &f, &item.id, &answer]);
    }
    // How long each command takes, to spread the kills over its start-up, write and exit.
    let mut took = BTreeMap::new();
    for kind in KINDS {
        let step = step(kind, 0, &mut rng, &stored(&sandbox), [&a, &f]);
        let start = Instant::now();
        sandbox.ok(&step.args);
        took.insert(kind, start.elapsed());
    }
    eprintln!("one command each: {took:?}");
    let (mut acked, mut interrupted, mut early, mut notices) = (0, 0, 0, Vec::new());
    let mut temp_files = BTreeMap::<String, usize>::new();
    let mut prev = stored(&sandbox);
    for run in 1..=usize::try_from(runs).expect("a count") {
        let kind = KINDS[(run / 2) % KINDS.len()];
        let signal = [Signal::KILL, Signal::INT][run % 2];
        let step = step(kind, run, &mut rng, &prev, [&a, &f]);
        let delay = took[kind].mul_f64(1.2 * rng.random_range(0.0..1.0));
        let done = run_signalled(&sandbox, &step.args, delay, signal);
        let what = format!(
            "run {run}, seed {seed}: {signal:?} after {delay:?}: {:?}",
            step.args
        );
        let ok = done.code == Some(0);
        match (signal, done.code, done.status.signal()) {
            (_, Some(0), _) => acked += 1,
            (Signal::INT, Some(130), _) => interrupted += 1,
            // SIGINT before `main` took it over: nothing was open yet; a shell shows 130.
            (Signal::INT, None, Some(2)) => early += 1,
            (Signal::KILL, None, Some(9)) => {}
            _ => panic!("{what}: {:?}\n{}", done.status, done.stderr),
        }
        // The next command opens the store, and the list agrees with the visits.
        let (mut list, said) = listed(&sandbox);
        if !said.is_empty() {
            notices.push(format!("{what}: {said}"));
        }
        let now = stored(&sandbox);
        check_run(&what, &step, ok, &done.stdout, &prev, &now);
        let expected: Vec<Listed> = (now.values())
            .map(|record| Listed {
                id: record.state.visit.id.clone(),
                answered: record.state.answers().len(),
                status: document::status_word(record.state.visit.status).to_owned(),
            })
            .collect();
        list.sort_by(|x, y| x.id.cmp(&y.id));
        assert_eq!(list, expected, "{what}: the list");
        // An export writes whole files or none (a temporary file may stay after a kill).
        let out = sandbox.path("out");
        for name in ending(&out, "") {
            if name.starts_with('.') {
                *temp_files.entry(format!("{signal:?}")).or_default() += 1;
                fs::remove_file(out.join(&name)).expect("remove");
            } else {
                let record = read_document(&out.join(&name));
                assert!(now.contains_key(&record.state.visit.id), "{what}: {name}");
            }
        }
        if ok && kind == "export" {
            for path in done.stdout.lines() {
                // Printed as given: relative to the command's folder.
                let record = read_document(&sandbox.home().join(path));
                assert_eq!(record, now[&record.state.visit.id], "{what}: {path}");
            }
        }
        prev = now;
    }
    eprintln!(
        "{runs} runs: {acked} acknowledged, none lost; SIGINT gave 130 {interrupted} times and \
         came before its handler {early} times; export temp files left: {temp_files:?}"
    );
    for notice in &notices {
        eprintln!("said on the next open after {notice}");
    }
    let rebuilt = notices.iter().filter(|n| n.contains(REBUILT)).count();
    assert_eq!(rebuilt, 0, "a kill made the store unreadable to the engine");
}

// ---------------------------------------------------------------------------------------
// Damaged files.

#[test]
fn a_leftover_unfinished_snapshot_is_removed_and_the_store_opens_whole() {
    for partial in [false, true] {
        let sandbox = Sandbox::new();
        let (a, _) = two_visits(&sandbox);
        let before = stored(&sandbox);
        let store = sandbox.data().join("store");
        let mut planted = Vec::new();
        if partial {
            // The first half of the snapshot sled wrote last.
            let snapshots = names(&store).into_iter().filter(|n| n.starts_with("snap."));
            let last = snapshots.max().expect("sled wrote a snapshot");
            planted = fs::read(store.join(last)).expect("read");
            planted.truncate(planted.len() / 2);
        }
        fs::write(store.join("snap.FFFFFFFFFFFFFFFF.generating"), planted).expect("plant");
        let done = sandbox.run(&["list"]);
        assert_eq!(done.code, Some(0), "partial {partial}: {}", done.stderr);
        assert!(!done.stderr.contains(REBUILT), "{}", done.stderr);
        assert_eq!(ending(&store, ".generating"), [""; 0]);
        assert_eq!(stored(&sandbox), before, "partial {partial}");
        sandbox.ok(&["score", &a, "1.7", "3"]);
    }
}

/// Overwrites the whole of `path` with zeros, or with garbage when `byte` is not 0.
fn overwrite(path: &Path, byte: u8) {
    let size = fs::metadata(path).expect("stat").len();
    let garbage = (0..size).map(|i| if byte == 0 { 0 } else { (i % 251) as u8 ^ byte });
    fs::write(path, garbage.collect::<Vec<u8>>()).expect("overwrite");
}

#[test]
fn a_data_file_the_engine_cannot_read_is_rebuilt_from_the_spare_copy_by_the_next_command() {
    type Damage = fn(&Path);
    let damages: [(&str, Damage); 3] = [
        ("zeroed", |store| overwrite(&store.join("db"), 0)),
        ("garbage", |store| overwrite(&store.join("db"), 0x5a)),
        ("emptied, with a garbage snapshot", |store| {
            fs::write(store.join("db"), b"").expect("truncate");
            fs::write(store.join("snap.FFFFFFFFFFFFFFFF"), [0xa5; 200]).expect("plant");
        }),
    ];
    for (what, damage) in damages {
        let sandbox = Sandbox::new();
        let (a, b) = two_visits(&sandbox);
        let before = stored(&sandbox);
        damage(&sandbox.data().join("store"));
        // An ordinary command: an answer.
        let done = sandbox.run(&["score", &a, "1.8", "2.5"]);
        assert_eq!(done.code, Some(0), "{what}: {}", done.stderr);
        let said = done.stderr.clone();
        let rebuilt = format!("{REBUILT}: 2 visit(s) recovered");
        assert!(said.contains(&rebuilt), "{what}: {said}");
        for id in [&a, &b] {
            assert!(said.contains(&format!("recovered {id}")), "{what}: {said}");
        }
        let aside = sandbox.data().join("aside");
        let kept: Vec<PathBuf> = names(&aside)
            .into_iter()
            .filter(|n| n.starts_with("store-"))
            .map(|n| aside.join(n).join("db"))
            .collect();
        assert!(kept.len() == 1 && kept[0].exists(), "{what}: {kept:?}");
        let after = stored(&sandbox);
        assert_eq!(after[&b], before[&b], "{what}");
        let added = keys(added(what, &before[&a], &after[&a]));
        assert_eq!(added, ["answer 1.8 2.5"], "{what}");
        // Said once: the next command opens the rebuilt store quietly.
        let again = sandbox.run(&["list"]);
        assert_eq!((again.code, again.stderr), (Some(0), String::new()));
    }
}

/// Four visits; then 64 bytes in the middle of the written part of the data file flipped,
/// and (`snapshots: false`) the snapshot files removed. The next `list` must show them all.
fn damage_inside_the_log(snapshots: bool) {
    let sandbox = Sandbox::new();
    two_visits(&sandbox);
    two_visits(&sandbox);
    let before = stored(&sandbox);
    let store = sandbox.data().join("store");
    for name in ending(&store, "")
        .into_iter()
        .filter(|n| n.starts_with("snap."))
    {
        if !snapshots {
            fs::remove_file(store.join(name)).expect("remove a snapshot");
        }
    }
    let mut bytes = fs::read(store.join("db")).expect("read");
    let middle = bytes.iter().rposition(|b| *b != 0).expect("a written log") / 2;
    for byte in &mut bytes[middle..middle + 64] {
        *byte ^= 0x5a;
    }
    fs::write(store.join("db"), bytes).expect("damage");
    let done = sandbox.run(&["list"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let after = stored(&sandbox);
    let ids = |records: &Records| records.keys().cloned().collect::<Vec<String>>();
    assert_eq!(ids(&after), ids(&before), "said: {}", done.stderr);
    assert_eq!(after, before, "said: {}", done.stderr);
}

/// sled 0.34 takes a bad record for the end of its log and opens with what came before; with
/// a snapshot that needs what was lost it refuses, onsite replays the log and checks every
/// visit against the spare copy.
#[test]
fn a_data_file_damaged_inside_its_log_is_made_whole_from_the_spare_copy() {
    damage_inside_the_log(true);
}

/// Without a snapshot sled reports nothing, and nothing checks the visits.
#[test]
fn a_data_file_damaged_inside_its_log_without_snapshots_is_made_whole_too() {
    damage_inside_the_log(false);
}

fn doctor(sandbox: &Sandbox) -> String {
    let done = sandbox.run(&["doctor"]);
    assert_eq!(done.code, Some(0), "{}\n{}", done.stdout, done.stderr);
    done.stdout
}

#[test]
fn doctor_rewrites_a_missing_spare_copy_and_restores_a_visit_the_store_is_behind_on() {
    let sandbox = Sandbox::new();
    let (a, b) = two_visits(&sandbox);
    let spare = sandbox.data().join("spare");
    // One visit's spare copy deleted.
    for name in [format!("{a}.yaml"), format!("{a}.changes")] {
        let _ = fs::remove_file(spare.join(name));
    }
    let said = doctor(&sandbox);
    let rewritten = format!("spare copy of {a} was missing or behind: rewritten");
    assert!(said.contains(&rewritten), "{said}");
    let spare_a = read_document(&spare.join(format!("{a}.yaml")));
    assert_eq!(spare_a, stored(&sandbox)[&a]);
    // The whole spare folder deleted: back, and sound.
    fs::remove_dir_all(&spare).expect("delete the spare copy");
    let said = doctor(&sandbox);
    assert!(said.contains("its spare copy are sound"), "{said}");
    assert_eq!(ending(&spare, ".yaml").len(), 2, "{:?}", names(&spare));
    // The store goes back to an older copy of itself: the spare copy of B is newer.
    let store = sandbox.data().join("store");
    let old = sandbox.path("old-store");
    let copied = Command::new("cp").arg("-a").args([&store, &old]).status();
    assert!(copied.is_ok_and(|status| status.success()), "cp -a");
    sandbox.ok(&["score", &b, "2.2", "1.5", "--note", "Bổ sung sau"]);
    sandbox.ok(&["note", &b, "2.3", "Đã sửa"]);
    let newer = stored(&sandbox);
    fs::remove_dir_all(&store).expect("remove");
    fs::rename(&old, &store).expect("put the old store back");
    let behind = stored(&sandbox)[&b].history.len();
    assert_eq!(behind + 3, newer[&b].history.len());
    let said = doctor(&sandbox);
    let restored = format!("{b} UBND phường Bến Thành: brought back from the spare copy");
    assert!(said.contains(&restored), "{said}");
    assert_eq!(stored(&sandbox), newer);
}

/// The plan as `plan list --format yaml` prints it.
fn plan_listed(sandbox: &Sandbox) -> String {
    sandbox.ok(&["plan", "list", "--format", "yaml"])
}

/// A plan of two entries, the first started; the id of that entry.
fn plan_with_one_started(sandbox: &Sandbox) -> String {
    let csv = sandbox.path("plan.csv");
    let text = format!(
        "unit;kind;date;leader;rubric\n\
         Chi cục Thuế khu vực Hồng Lĩnh;cơ quan;2027-03-10;Lê Văn An;{CONG_SO}\n\
         Trung tâm Y tế huyện Can Lộc;đơn vị;2027-03-15;Lê Văn An;{CONG_SO}\n"
    );
    fs::write(&csv, text).expect("write the plan");
    sandbox.ok(&["plan", "import", csv.to_str().expect("UTF-8")]);
    let listed = plan_listed(sandbox);
    let first = listed
        .lines()
        .find_map(|line| line.strip_prefix("- id: "))
        .expect("an entry")
        .to_owned();
    sandbox.ok(&["plan", "start", &first]);
    first
}

#[test]
fn the_plan_and_its_links_come_back_with_a_store_rebuilt_from_the_spare_copy() {
    let sandbox = Sandbox::new();
    let entry = plan_with_one_started(&sandbox);
    let before = plan_listed(&sandbox);
    assert!(before.contains("visit: 01"), "{before}");
    overwrite(&sandbox.data().join("store").join("db"), 0);
    let done = sandbox.run(&["list"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    assert!(done.stderr.contains(REBUILT), "{}", done.stderr);
    let said = "recovered 2 entry(ies) of the campaign plan";
    assert!(done.stderr.contains(said), "{}", done.stderr);
    assert_eq!(plan_listed(&sandbox), before, "entry {entry}");
    // The started entry cannot be started twice.
    assert_eq!(sandbox.run(&["plan", "start", &entry]).code, Some(1));
}

/// Copies the store folder (`cp -a`) to `to`.
fn copy_store(sandbox: &Sandbox, to: &Path) {
    let store = sandbox.data().join("store");
    let copied = Command::new("cp").arg("-a").args([&store, to]).status();
    assert!(copied.is_ok_and(|status| status.success()), "cp -a");
}

/// Puts the copy made by [`copy_store`] back in place of the store.
fn put_store_back(sandbox: &Sandbox, from: &Path) {
    let store = sandbox.data().join("store");
    fs::remove_dir_all(&store).expect("remove the store");
    fs::rename(from, &store).expect("put the old store back");
}

#[test]
fn a_store_gone_back_to_before_a_plan_gets_it_back_with_its_links() {
    let sandbox = Sandbox::new();
    new_visit(&sandbox, "UBND phường Bến Thành", CONG_SO);
    let before = sandbox.path("before-plan");
    copy_store(&sandbox, &before);
    let entry = plan_with_one_started(&sandbox);
    let listed = plan_listed(&sandbox);
    // An entry's spare copy deleted: doctor writes it again.
    let file = sandbox
        .data()
        .join("spare/plan")
        .join(format!("{entry}.yaml"));
    fs::remove_file(&file).expect("the entry's spare copy");
    doctor(&sandbox);
    assert!(file.exists(), "doctor rewrote {}", file.display());
    // Back to before the plan, the visit started included: the store then knows fewer
    // visits than its spare copy, so the next command checks everything and brings the
    // visit, the entries and the link back.
    put_store_back(&sandbox, &before);
    assert_eq!(plan_listed(&sandbox), listed);
}

#[test]
fn doctor_brings_back_plan_entries_a_store_lost() {
    let sandbox = Sandbox::new();
    new_visit(&sandbox, "UBND phường Bến Thành", CONG_SO);
    let before = sandbox.path("before-plan");
    copy_store(&sandbox, &before);
    let csv = sandbox.path("plan.csv");
    let text =
        format!("unit;date;leader;rubric\nUBND xã Thạch Hạ;2027-04-01;Lê Văn An;{CONG_SO}\n");
    fs::write(&csv, text).expect("write the plan");
    sandbox.ok(&["plan", "import", csv.to_str().expect("UTF-8")]);
    let listed = plan_listed(&sandbox);
    // As many visits as before: nothing makes the next command look; doctor does.
    put_store_back(&sandbox, &before);
    assert!(!plan_listed(&sandbox).contains("Thạch Hạ"));
    let said = doctor(&sandbox);
    let back = "1 entry(ies) of the campaign plan brought back from the spare copy";
    assert!(said.contains(back), "{said}");
    assert_eq!(plan_listed(&sandbox), listed);
}

// ---------------------------------------------------------------------------------------
// A full disk.

/// A tmpfs mounted on `dir` for one test, unmounted when dropped; `None` (saying why) when
/// this machine does not let us mount one (not root).
struct Mount(PathBuf);

impl Mount {
    fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        fs::create_dir_all(dir).expect("mkdir");
        let size = format!("size={size}");
        let mount = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &size, "tmpfs"])
            .arg(dir)
            .output();
        match mount {
            Ok(output) if output.status.success() => Some(Mount(dir.to_owned())),
            other => {
                eprintln!("skipped: cannot mount a tmpfs here: {other:?}");
                None
            }
        }
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// Fills the disk holding `dir` but for about `leave` bytes, with `dir/filler`.
fn fill(dir: &Path, leave: u64) {
    let filler = dir.join("filler");
    let mut file = fs::File::create(&filler).expect("create the filler");
    while file.write_all(&[0xee; 4096]).is_ok() {}
    let written = fs::metadata(&filler).expect("stat").len();
    let keep = written.saturating_sub(leave);
    file.set_len(keep).expect("leave room");
}

#[test]
fn a_full_disk_under_list_score_and_export_loses_nothing_and_leaves_no_partial_snapshot() {
    // A 2 MiB tmpfs filled to the brim or nearly (bytes left); then a 512-byte file limit.
    let disks = [
        ("tmpfs", 0),
        ("tmpfs", 8192),
        ("tmpfs", 40_000),
        ("limit", 512),
    ];
    for (disk, left) in disks {
        let what = format!("{disk}, {left} bytes");
        let sandbox = Sandbox::new();
        let mount = match disk {
            "tmpfs" => match Mount::tmpfs(&sandbox.data(), "2m") {
                None => continue,
                some => some,
            },
            _ => None,
        };
        let (a, _) = two_visits(&sandbox);
        let before = stored(&sandbox);
        let out = sandbox.data().join("exports");
        let out_arg = out.display().to_string();
        let (mut score_acked, mut codes) = (false, Vec::new());
        let answer = ["score", &a, "1.2", "2.5", "--note", "Đĩa đầy"];
        for args in [&["list"][..], &answer, &["export", "--out", &out_arg]] {
            // Full again before each command (a failed one may have freed what it had).
            let done = match mount {
                Some(_) => {
                    fill(&sandbox.data(), left);
                    sandbox.run(args)
                }
                None => sandbox.run_file_limited(left, args),
            };
            let message = done.stderr.clone();
            codes.push(format!("{} {:?}", args[0], done.code));
            match done.code {
                Some(0) => score_acked |= args[0] == "score",
                Some(1) => {
                    let why = ["No space left on device", "File too large"];
                    let why = why.iter().any(|w| message.contains(w));
                    let what_to_do = message.contains("free space");
                    assert!(why && what_to_do, "{what}: {args:?}: {message}");
                }
                _ => panic!("{what}: {args:?}: {:?}\n{message}", done.status),
            }
            let left_over = ending(&out, "").into_iter().filter(|n| n.starts_with('.'));
            assert_eq!(left_over.count(), 0, "{what}: {args:?}: a temporary file");
        }
        // Room again.
        let store = sandbox.data().join("store");
        let unfinished = ending(&store, ".generating");
        if mount.is_some() {
            fs::remove_file(sandbox.data().join("filler")).expect("free space");
        }
        let done = sandbox.run(&["list"]);
        assert_eq!(done.code, Some(0), "{what}: {}", done.stderr);
        assert_eq!(ending(&store, ".generating"), [""; 0], "{what}");
        let mut after = stored(&sandbox);
        let added = keys(added(&what, &before[&a], &after[&a]));
        if score_acked {
            assert_eq!(added, ["answer 1.2 2.5", "note 1.2 Đĩa đầy"], "{what}");
        } else {
            assert_eq!(added, Vec::<String>::new(), "{what}: refused, yet changed");
        }
        after.insert(a.clone(), before[&a].clone());
        assert_eq!(after, before, "{what}: the other visit");
        // The spare copy has nothing the store lacks.
        let said = doctor(&sandbox);
        assert!(!said.contains("brought back"), "{what}: {said}");
        eprintln!("{what}: exit codes {codes:?}, then unfinished snapshots {unfinished:?}");
        drop(mount);
    }
}
