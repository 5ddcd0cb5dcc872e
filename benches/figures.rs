//! The figures of issue 7, each measured side by side with its floor in the same run:
//! `cargo bench --bench figures` prints one Markdown table per store size (figure, our median,
//! floor median, ratio, target, PASS/FAIL) and a growth table between the sizes.
//!
//! Environment (all optional):
//! - `ONSITE_BENCH_VISITS=1000,10000`: the store sizes, in visits;
//! - `ONSITE_BENCH_SYNC_MAX=1000`: the sync figure runs on store sizes up to this (the issue
//!   fixes it at 1,000 visits; a first sync of 10,000 visits alone takes minutes);
//! - `ONSITE_BENCH_DIR=target/bench-figures`: where the stores and exports go (same disk as
//!   the build; everything in it is deleted and rebuilt on each run);
//! - `ONSITE_BENCH_KEEP=1`: keep each size's stores under `ONSITE_BENCH_DIR/n<visits>/` after
//!   the run, to look into them (`ONSITE_DATA_DIR=… onsite list`).
//!
//! What each figure runs (docs/benchmarks.md has the details and the latest output):
//! 1. durable answer: `service::edit` of an answer (commit + fsync), p50 and p99, vs appending
//!    500 bytes to a file in the same folder + `sync_data`;
//! 2. TUI first frame: `Store::open` + `summaries` + `State` + 120×40 render into a
//!    `TestBackend`, vs the same on an empty store;
//! 3. `onsite list` as a process vs `onsite --version`;
//! 4. key → frame: `Down`/`Up` through `update` + 200×60 render of the scoring screen of a
//!    generated 150-item rubric, vs drawing an empty frame;
//! 5. `onsite export` (YAML) vs writing the same bytes (temp file, `sync_data`, rename, one
//!    folder fsync);
//! 6. a second `onsite sync DIR` with nothing changed vs a full `onsite export`;
//! 7. the TUI's peak RSS (`VmHWM`) once the list is drawn in a 120×40 pty, vs an empty store;
//! 8. the TUI's CPU time (utime + stime) over 10 s idle at the list;
//! 9. the store's size on disk vs the YAML export of the same visits.
//!
//! The store holds N visits of the shipped 41-item rubric, built in memory (answers, notes in
//! Vietnamese, findings, a history of one change per edit) and written with
//! `Store::put_record`, one durable batch per visit.
//!
//! Every process started gets its own data folder, config file and rubrics folder under
//! `ONSITE_BENCH_DIR`, and `ONSITE_INSPECTOR`, so the real data folder is never touched.
//! Benchmarks are not tests: `cargo test --all-targets` runs this binary without `--bench`,
//! and then it does nothing.

use std::collections::BTreeMap;
use std::error::Error;
use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use onsite::document::VisitRecord;
use onsite::domain::answer::Answer;
use onsite::domain::history::{self, Change, ChangeKind, Edit, Request};
use onsite::domain::rubric::{ItemKind, Lang, Rubric};
use onsite::domain::visit::{
    FindingField, Findings, Member, Role, RubricRef, Stamp, Status, Unit, UnitKind, Visit,
    VisitState,
};
use onsite::service::{self, Actor};
use onsite::store::Store;
use onsite::tui::action::Action;
use onsite::tui::state::State;
use onsite::tui::update::update;
use onsite::tui::view::{Theme, render};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rust_decimal::Decimal;

type Res<T> = Result<T, Box<dyn Error>>;

/// The release binary `cargo bench` builds next to this benchmark.
const BIN: &str = env!("CARGO_BIN_EXE_onsite");
const INSPECTOR: &str = "Nguyễn Thị Lan";
/// The visit list's title (`src/strings/vi_ui.rs`): the TUI has drawn the list once it shows.
const LIST_TITLE: &str = "Các lần kiểm tra";
const RUBRIC_FILE: &str = "co-quan-dat-chuan-van-hoa.yaml";

fn main() -> ExitCode {
    if !std::env::args().any(|arg| arg == "--bench") {
        println!("figures: a benchmark, not a test; run `cargo bench --bench figures`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("figures: {error}");
            ExitCode::FAILURE
        }
    }
}

// ------------------------------------------------------------------------------ settings

struct Settings {
    counts: Vec<usize>,
    sync_max: usize,
    root: PathBuf,
    keep: bool,
}

impl Settings {
    fn from_env() -> Res<Settings> {
        let counts = match std::env::var("ONSITE_BENCH_VISITS") {
            Ok(text) => text
                .split(',')
                .map(|n| n.trim().replace('_', "").parse::<usize>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("ONSITE_BENCH_VISITS={text}: {e}"))?,
            Err(_) => vec![1000, 10_000],
        };
        if counts.is_empty() || counts.contains(&0) {
            return Err("ONSITE_BENCH_VISITS needs one or more counts above 0".into());
        }
        let sync_max = match std::env::var("ONSITE_BENCH_SYNC_MAX") {
            Ok(text) => text
                .trim()
                .parse()
                .map_err(|e| format!("ONSITE_BENCH_SYNC_MAX={text}: {e}"))?,
            Err(_) => 1000,
        };
        let root = std::env::var_os("ONSITE_BENCH_DIR").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-figures"),
            PathBuf::from,
        );
        Ok(Settings {
            counts,
            sync_max,
            root,
            keep: std::env::var_os("ONSITE_BENCH_KEEP").is_some_and(|v| !v.is_empty()),
        })
    }
}

/// One store size's folder: the store, an empty store, config, rubrics and exports.
struct Sandbox {
    home: PathBuf,
}

impl Sandbox {
    fn new(root: &Path, visits: usize) -> Res<Sandbox> {
        let home = root.join(format!("n{visits}"));
        if home.exists() {
            fs::remove_dir_all(&home)?;
        }
        fs::create_dir_all(home.join("rubrics"))?;
        Ok(Sandbox { home })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.home.join(name)
    }

    fn data(&self) -> PathBuf {
        self.path("data")
    }

    fn empty(&self) -> PathBuf {
        self.path("empty")
    }

    /// `onsite ARGS` on `data`, never on the real folders.
    fn onsite(&self, data: &Path) -> Command {
        let mut command = Command::new(BIN);
        command
            .current_dir(&self.home)
            .env("ONSITE_DATA_DIR", data)
            .env("ONSITE_CONFIG", self.path("config.yaml"))
            .env("ONSITE_RUBRICS", self.path("rubrics"))
            .env("ONSITE_INSPECTOR", INSPECTOR)
            .env_remove("ONSITE_LANG");
        command
    }

    /// The TUI on `data` in a 120×40 pseudo-terminal.
    fn tui(&self, data: &Path) -> Res<Tui> {
        let mut command = CommandBuilder::new(BIN);
        command.cwd(&self.home);
        command.env("TERM", "xterm-256color");
        command.env("ONSITE_DATA_DIR", data);
        command.env("ONSITE_CONFIG", self.path("config.yaml"));
        command.env("ONSITE_RUBRICS", self.path("rubrics"));
        command.env("ONSITE_INSPECTOR", INSPECTOR);
        command.env_remove("ONSITE_LANG");
        command.env_remove("NO_COLOR");
        Tui::spawn(command)
    }
}

/// Runs `command` to completion, failing on a non-zero exit; stdout is drained.
fn run_ok(command: &mut Command) -> Res<Vec<u8>> {
    let output = command.stdin(Stdio::null()).output()?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(output.stdout)
}

// ------------------------------------------------------------------------------ statistics

/// Samples of one quantity (seconds, bytes, …).
#[derive(Default)]
struct Samples(Vec<f64>);

impl Samples {
    fn push(&mut self, value: f64) {
        self.0.push(value);
    }

    fn time(&mut self, elapsed: Duration) {
        self.0.push(elapsed.as_secs_f64());
    }

    /// Nearest-rank quantile (`q` = 0.5 is the median).
    fn quantile(&self, q: f64) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        if sorted.is_empty() {
            return f64::NAN;
        }
        #[allow(clippy::cast_precision_loss)]
        let rank = (q * sorted.len() as f64).ceil().max(1.0);
        // `rank` is in 1..=len by construction.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let index = (rank as usize).min(sorted.len()) - 1;
        sorted[index]
    }

    fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

fn secs(value: f64) -> String {
    if value >= 1.0 {
        format!("{value:.2} s")
    } else if value >= 1e-3 {
        format!("{:.2} ms", value * 1e3)
    } else {
        format!("{:.1} µs", value * 1e6)
    }
}

/// Decimal megabytes, as the targets are written.
fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1e6)
}

// ------------------------------------------------------------------------------ table

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Pass,
    Fail,
    /// Reported, no target.
    Info,
}

struct Row {
    figure: String,
    ours: String,
    floor: String,
    ratio: String,
    target: String,
    verdict: Verdict,
    /// Our and the floor's medians, in the figure's unit, for the growth table.
    values: (f64, f64),
}

impl Row {
    /// A ratio figure: PASS when ours / floor ≤ `max`.
    fn ratio(figure: String, ours: f64, floor: f64, max: f64, show: fn(f64) -> String) -> Row {
        let ratio = ours / floor;
        Row {
            figure,
            ours: show(ours),
            floor: show(floor),
            ratio: if ratio < 0.1 {
                format!("{ratio:.3}×")
            } else {
                format!("{ratio:.2}×")
            },
            target: format!("≤ {max}×"),
            verdict: if ratio <= max {
                Verdict::Pass
            } else {
                Verdict::Fail
            },
            values: (ours, floor),
        }
    }
}

fn table(rows: &[Row]) -> String {
    let mut text =
        String::from("| figure | ours (median) | floor (median) | ratio | target | result |\n");
    text.push_str("|---|---|---|---|---|---|\n");
    for row in rows {
        let verdict = match row.verdict {
            Verdict::Pass => "PASS",
            Verdict::Fail => "**FAIL**",
            Verdict::Info => "—",
        };
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} | {verdict} |",
            row.figure, row.ours, row.floor, row.ratio, row.target
        );
    }
    text
}

fn progress(message: &str) {
    eprintln!("figures: {message}");
}

// ------------------------------------------------------------------------------ data

/// `SplitMix64`: a small deterministic generator, so every run builds the same data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0..n.
    fn below(&mut self, n: usize) -> usize {
        // n is a small count; the modulo bias does not matter for test data.
        #[allow(clippy::cast_possible_truncation)]
        let value = (self.next() % n as u64) as usize;
        value
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const UNITS: &[&str] = &[
    "UBND phường Bến Thành",
    "Sở Tư pháp tỉnh Đồng Nai",
    "Trường THPT Nguyễn Trãi",
    "Bệnh viện Đa khoa huyện Củ Chi",
    "Bảo hiểm xã hội huyện Long Thành",
    "Chi cục Thuế khu vực Thủ Đức",
    "Công ty TNHH MTV Cao su Đồng Phú",
    "Đội Quản lý thị trường số 1",
    "Trung tâm Y tế thị xã Phú Mỹ",
    "Phòng Giáo dục và Đào tạo quận Hải Châu",
];

const STREETS: &[&str] = &[
    "đường Lê Lợi, phường Bến Thành, Quận 1, TP. Hồ Chí Minh",
    "đường Trần Hưng Đạo, phường Thống Nhất, TP. Biên Hòa, Đồng Nai",
    "đường Hùng Vương, thị trấn Long Thành, Đồng Nai",
    "đường Nguyễn Văn Linh, quận Hải Châu, TP. Đà Nẵng",
];

const NOTES: &[&str] = &[
    "Hòm thư góp ý đặt tại bộ phận một cửa; đường dây nóng niêm yết ở cổng",
    "Đã xem kế hoạch công tác năm và báo cáo tổng kết; 2/15 chỉ tiêu chưa đạt do thiếu kinh phí",
    "Quy chế văn hóa công sở ban hành theo Quyết định số 12/QĐ-UBND, niêm yết tại phòng họp",
    "Cán bộ đeo thẻ đầy đủ; khu vực để xe gọn gàng, có biển chỉ dẫn",
    "Chưa có sổ theo dõi phong trào thi đua; đề nghị bổ sung trong quý tới",
    "Nhà vệ sinh sạch, có xà phòng; cây xanh được chăm sóc thường xuyên",
];

const FINDINGS: &[(FindingField, &str)] = &[
    (
        FindingField::Strengths,
        "Đơn vị hoàn thành tốt kế hoạch công tác năm; cán bộ có tác phong chuẩn mực, \
         đeo thẻ đầy đủ; khuôn viên xanh, sạch, đẹp.",
    ),
    (
        FindingField::Shortcomings,
        "Sổ theo dõi thi đua chưa cập nhật; một số phòng làm việc chưa niêm yết lịch tiếp dân.",
    ),
    (
        FindingField::Recommendations,
        "Bổ sung sổ theo dõi thi đua trong quý tới; niêm yết lịch tiếp dân tại tất cả \
         các phòng làm việc.",
    ),
    (
        FindingField::Conclusion,
        "Đề nghị công nhận đạt chuẩn văn hóa năm nay.",
    ),
];

/// An answer `item` accepts: mostly full marks, sometimes less, now and then N/A.
fn answer_for(item: &onsite::domain::rubric::Item, rng: &mut Rng) -> Answer {
    if item.na && rng.below(20) == 0 {
        return Answer::NotApplicable;
    }
    match item.kind {
        ItemKind::Points => {
            let steps_off = Decimal::from(rng.below(3));
            let value = item.max_points() - item.step() * steps_off;
            Answer::Points(value.max(Decimal::ZERO))
        }
        ItemKind::Check if rng.below(10) == 0 => Answer::Fail,
        ItemKind::Check => Answer::Pass,
        ItemKind::Levels => Answer::Level(rng.below(item.levels.len().max(1)).min(1)),
    }
}

fn stamp(second: i64) -> Stamp {
    Stamp {
        instant: Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH),
        offset: jiff::tz::Offset::constant(7),
    }
}

/// The `n`th visit as created (no answers yet), at `start` (Unix seconds).
fn new_visit(rubric: &Rubric, digest: &str, n: usize, start: i64, rng: &mut Rng) -> Visit {
    let created_at = stamp(start);
    let millis = u64::try_from(start).unwrap_or_default() * 1000;
    let id = ulid::Ulid::from_parts(millis, u128::from(rng.next())).to_string();
    let unit = format!("{} {}", rng.pick(UNITS), n % 97 + 1);
    let member = |name: &str, role| Member {
        name: name.to_owned(),
        role,
        position: String::new(),
        agency: String::new(),
    };
    Visit {
        id,
        unit: Unit {
            name: unit,
            kind: UnitKind::ALL[n % 3],
            address: format!("Số {} {}", n % 300 + 1, rng.pick(STREETS)),
        },
        date: created_at.date(),
        team: vec![
            member(INSPECTOR, Role::TruongDoan),
            member("Trần Văn Kiểm", Role::ThanhVien),
            member("Lê Thị Hồng", Role::ThuKy),
        ],
        status: Status::Draft,
        created_at,
        updated_at: created_at,
        finalized_at: None,
        findings: Findings::default(),
        rubric: RubricRef {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            digest: digest.to_owned(),
        },
        deleted_at: None,
        follow_up_of: None,
        actions: Vec::new(),
        attachments: Vec::new(),
    }
}

/// A visit of `rubric` as an inspector leaves it: created, answered item by item (with
/// notes on some), findings written, often finalized; the state is the history replayed.
fn visit_record(rubric: &Rubric, digest: &str, n: usize, rng: &mut Rng) -> VisitRecord {
    // One visit every 40 minutes from 2024-01-01, in Vietnam's time (+07:00).
    let start = 1_704_067_200 + i64::try_from(n).unwrap_or(i64::MAX / 4_800) * 2_400;
    let visit = new_visit(rubric, digest, n, start, rng);
    let mut state = VisitState {
        visit,
        responses: BTreeMap::new(),
    };
    let mut history = Vec::new();
    let mut at = start;
    let mut push = |state: &mut VisitState, edit: Edit, at: i64| {
        let change = Change {
            seq: history.len() as u64 + 1,
            at: stamp(at),
            by: INSPECTOR.to_owned(),
            kind: ChangeKind::Do,
            edit,
        };
        history::apply(state, &change);
        history.push(change);
    };
    push(&mut state, Edit::Created, at);
    // One visit in ten is still being scored.
    let items: Vec<_> = rubric.items().collect();
    let complete = !n.is_multiple_of(10);
    let answered = if complete {
        items.len()
    } else {
        rng.below(items.len())
    };
    for (index, item) in items.iter().take(answered).enumerate() {
        at += 45;
        let to = Some(answer_for(item, rng));
        push(
            &mut state,
            Edit::Answer {
                item: item.id.clone(),
                from: None,
                to,
            },
            at,
        );
        if index % 5 == 2 {
            at += 30;
            let note = rng.pick(NOTES).to_owned();
            push(
                &mut state,
                Edit::Note {
                    item: item.id.clone(),
                    from: String::new(),
                    to: note,
                },
                at,
            );
        }
    }
    if complete {
        for (field, text) in FINDINGS {
            at += 120;
            push(
                &mut state,
                Edit::Finding {
                    field: *field,
                    from: String::new(),
                    to: (*text).to_owned(),
                },
                at,
            );
        }
        // Most finished visits are finalized.
        if n % 10 < 7 {
            at += 60;
            push(
                &mut state,
                Edit::Status {
                    from: Status::Draft,
                    to: Status::Finalized,
                    reason: None,
                },
                at,
            );
        }
    }
    VisitRecord {
        state,
        rubric: rubric.clone(),
        history,
    }
}

fn shipped_rubric() -> Res<Rubric> {
    let (_, text) = onsite::catalog::SHIPPED
        .iter()
        .find(|(name, _)| *name == RUBRIC_FILE)
        .ok_or("the shipped rubric is missing")?;
    onsite::rubric_file::parse(text).map_err(|problems| format!("{problems:?}").into())
}

/// What the durable-answer figure edits: a draft visit and a points item, toggled between
/// two values so every edit changes something.
struct Target {
    visit: String,
    item: String,
    values: [Answer; 2],
}

/// Writes `count` visits into a new store at `dir`, one durable batch per visit.
fn generate(dir: &Path, rubric: &Rubric, count: usize) -> Res<Target> {
    let store = Store::open(dir)?;
    let digest = service::digest(rubric);
    let mut rng = Rng(0x0DAB_EEF0 ^ count as u64);
    let mut target = None;
    let item = rubric
        .items()
        .find(|item| item.kind == ItemKind::Points && item.max_points() > item.step())
        .ok_or("the rubric has no points item")?;
    let started = Instant::now();
    for n in 0..count {
        let record = visit_record(rubric, &digest, n, &mut rng);
        if target.is_none() && record.state.visit.status == Status::Draft {
            target = Some(Target {
                visit: record.state.visit.id.clone(),
                item: item.id.clone(),
                values: [
                    Answer::Points(item.max_points()),
                    Answer::Points(item.max_points() - item.step()),
                ],
            });
        }
        store.put_record(&record)?;
        if n > 0 && n % 2000 == 0 {
            progress(&format!(
                "  {n} of {count} visits written ({:.0} s)",
                started.elapsed().as_secs_f64()
            ));
        }
    }
    target.ok_or_else(|| "no draft visit was generated".into())
}

/// The 150-item rubric of the key → frame figure: 5 sections × 30 points items.
fn big_rubric_text() -> String {
    let mut text = String::from(
        "format: onsite-rubric/1\nid: bench-150\nversion: \"1\"\n\
         title: \"Bộ tiêu chí thử 150 mục\"\npass:\n  min_score: 600\nsections:\n",
    );
    for section in 1..=5 {
        let _ = write!(
            text,
            "  - id: \"{section}\"\n    title: \"Tiêu chuẩn {section}: xây dựng môi trường \
             văn hóa công sở\"\n    items:\n"
        );
        for item in 1..=30 {
            let _ = write!(
                text,
                "      - id: \"{section}.{item}\"\n        text: \"Mục {section}.{item}: cán bộ, \
                 công chức thực hiện đúng quy chế văn hóa công sở tại bộ phận một cửa\"\n        \
                 guide: \"Xem sổ theo dõi, hỏi trưởng bộ phận, quan sát thực tế\"\n        \
                 max: 5\n        step: 0.5\n"
            );
        }
    }
    text
}

// ------------------------------------------------------------------------------ files

/// Sum of the sizes of the files under `dir`.
fn tree_size(dir: &Path) -> Res<u64> {
    let mut total = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            total += tree_size(&entry.path())?;
        } else {
            total += meta.len();
        }
    }
    Ok(total)
}

fn remove(dir: &Path) -> Res<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    Ok(())
}

/// The files of an export, name and bytes.
fn read_export(dir: &Path) -> Res<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        files.push((name, fs::read(entry.path())?));
    }
    files.sort();
    Ok(files)
}

// ------------------------------------------------------------------------------ the pty

/// The TUI in a pseudo-terminal; a thread feeds its output into a terminal emulator.
struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    done: Arc<AtomicBool>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

const ROWS: u16 = 40;
const COLS: u16 = 120;

impl Tui {
    fn spawn(command: CommandBuilder) -> Res<Tui> {
        let pair = native_pty_system().openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })?;
        let child = pair.slave.spawn_command(command)?;
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let done = Arc::new(AtomicBool::new(false));
        let mut source = pair.master.try_clone_reader()?;
        {
            let screen = Arc::clone(&screen);
            let done = Arc::clone(&done);
            thread::spawn(move || {
                let mut buf = [0u8; 16384];
                while let Ok(n) = source.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    if let Ok(mut parser) = screen.lock() {
                        parser.process(&buf[..n]);
                    }
                }
                done.store(true, Ordering::SeqCst);
            });
        }
        let writer = pair.master.take_writer()?;
        Ok(Tui {
            child,
            writer,
            screen,
            done,
            _master: pair.master,
        })
    }

    fn pid(&self) -> Res<u32> {
        self.child.process_id().ok_or_else(|| "no pid".into())
    }

    fn contents(&self) -> String {
        self.screen
            .lock()
            .map(|parser| parser.screen().contents())
            .unwrap_or_default()
    }

    fn wait_for(&self, text: &str, timeout: Duration) -> Res<()> {
        let deadline = Instant::now() + timeout;
        while !self.contents().contains(text) {
            if Instant::now() > deadline || self.done.load(Ordering::SeqCst) {
                return Err(format!(
                    "the TUI did not show {text:?}; screen:\n{}",
                    self.contents()
                )
                .into());
            }
            thread::sleep(Duration::from_millis(5));
        }
        Ok(())
    }

    /// Presses `q` and waits for the TUI to end (kills it after 10 s).
    fn quit(mut self) -> Res<()> {
        self.writer.write_all(b"q")?;
        self.writer.flush()?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.child.try_wait()?.is_none() {
            if Instant::now() > deadline {
                self.child.kill()?;
                self.child.wait()?;
                return Err("the TUI did not quit on q; killed".into());
            }
            thread::sleep(Duration::from_millis(10));
        }
        Ok(())
    }
}

/// `VmHWM` of a process, in bytes.
fn peak_rss(pid: u32) -> Res<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .ok_or("no VmHWM in /proc/PID/status")?;
    let kib: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()?;
    Ok(kib * 1024)
}

/// utime + stime of a process (all threads), in clock ticks.
fn cpu_ticks(pid: u32) -> Res<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which ends at the last ')': state is field 3.
    let rest = stat.rsplit_once(')').ok_or("bad /proc/PID/stat")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11).ok_or("no utime")?.parse()?;
    let stime: u64 = fields.get(12).ok_or("no stime")?.parse()?;
    Ok(utime + stime)
}

/// CPU time of each thread of a process, in nanoseconds (`/proc/PID/task/*/schedstat`).
fn cpu_ns(pid: u32) -> Res<BTreeMap<String, u64>> {
    let mut threads = BTreeMap::new();
    for task in fs::read_dir(format!("/proc/{pid}/task"))? {
        let task = task?;
        if let Ok(text) = fs::read_to_string(task.path().join("schedstat")) {
            let ns = text
                .split_whitespace()
                .next()
                .and_then(|ns| ns.parse::<u64>().ok())
                .unwrap_or(0);
            threads.insert(task.file_name().to_string_lossy().into_owned(), ns);
        }
    }
    Ok(threads)
}

/// CPU time of all threads of `pid` over `span`, in nanoseconds: the threads' run times are
/// read every 50 ms, so a thread that ends in between still counts up to its last reading
/// (and one that starts counts from zero).
fn cpu_ns_over(pid: u32, span: Duration) -> Res<u64> {
    let start = cpu_ns(pid)?;
    let mut last = start.clone();
    let deadline = Instant::now() + span;
    while Instant::now() < deadline {
        thread::sleep(Duration::from_millis(50).min(deadline - Instant::now()));
        last.extend(cpu_ns(pid)?);
    }
    Ok(last
        .iter()
        .map(|(tid, ns)| ns.saturating_sub(start.get(tid).copied().unwrap_or(0)))
        .sum())
}

fn clock_ticks_per_second() -> u64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .and_then(|text| text.trim().parse().ok())
        .unwrap_or(100)
}

// ------------------------------------------------------------------------------ figures

/// Figure 1: one answer through the real store API, until durable.
fn durable_answer(data: &Path, target: &Target, samples: usize) -> Res<Vec<Row>> {
    let store = Store::open(data)?;
    let floor_path = data.with_file_name("floor-append.bin");
    let mut floor_file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&floor_path)?;
    let payload = [b'x'; 500];
    let (mut ours, mut floor) = (Samples::default(), Samples::default());
    let warmup = 10;
    // Start with the value the item does not have, so every answer changes it.
    let (state, _) = store.load(&target.visit)?;
    let first = usize::from(state.answer(&target.item) == Some(&target.values[0]));
    for i in 0..samples + warmup {
        let request = Request::Answer {
            item: target.item.clone(),
            answer: Some(target.values[(i + first) % 2].clone()),
        };
        let started = Instant::now();
        let outcome = service::edit(&store, &target.visit, request, &Actor::now(INSPECTOR))?;
        let elapsed = started.elapsed();
        if outcome.change.is_none() {
            return Err("the benchmark's answer changed nothing".into());
        }
        let started = Instant::now();
        floor_file.write_all(&payload)?;
        floor_file.sync_data()?;
        let floor_elapsed = started.elapsed();
        if i >= warmup {
            ours.time(elapsed);
            floor.time(floor_elapsed);
        }
    }
    drop(floor_file);
    fs::remove_file(floor_path)?;
    let label = |p: &str| format!("durable answer {p} ({} answers)", ours.len());
    let p99 = |s: &Samples| s.quantile(0.99);
    Ok(vec![
        Row::ratio(label("p50"), ours.median(), floor.median(), 2.0, secs),
        Row::ratio(label("p99"), p99(&ours), p99(&floor), 3.0, secs),
    ])
}

/// Store open + list + state + first 120×40 frame, as `App::start` and the first draw do it
/// (the newest `FIRST_PAGE` visits; the rest is loaded after that frame); checks the frame
/// shows the list.
fn first_frame(dir: &Path, rubrics: &[Rubric], expect_rows: bool) -> Res<Duration> {
    let started = Instant::now();
    let store = Store::open(dir)?;
    let (list, _) = store.newest(Some(onsite::tui::app::FIRST_PAGE), |_| true)?;
    let mut state = State::new(Lang::Vi, Some(INSPECTOR.to_owned()), rubrics.to_vec());
    update(&mut state, Action::ListLoaded(list));
    let mut terminal = Terminal::new(TestBackend::new(120, 40))?;
    terminal.draw(|frame| render(frame, &state, Theme { color: false }))?;
    let elapsed = started.elapsed();
    drop(store);
    let text: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    if !text.contains(LIST_TITLE) || (expect_rows && state.visits.is_empty()) {
        return Err(format!("the first frame does not show the list:\n{text}").into());
    }
    Ok(elapsed)
}

/// Figure 2.
fn tui_first_frame(sandbox: &Sandbox, visits: usize, rubrics: &[Rubric]) -> Res<Row> {
    let (mut ours, mut floor) = (Samples::default(), Samples::default());
    for i in 0..16 {
        let o = first_frame(&sandbox.data(), rubrics, true)?;
        let f = first_frame(&sandbox.empty(), rubrics, false)?;
        if i > 0 {
            ours.time(o);
            floor.time(f);
        }
    }
    let figure = format!("TUI first frame, 120×40, {visits} visits (vs empty store)");
    Ok(Row::ratio(figure, ours.median(), floor.median(), 2.0, secs))
}

/// Figure 3.
/// `all`: `onsite list --all`, every visit (reported beside the default, no target).
fn list_process(sandbox: &Sandbox, visits: usize, all: bool) -> Res<Row> {
    let (mut ours, mut floor) = (Samples::default(), Samples::default());
    let args: &[&str] = if all { &["list", "--all"] } else { &["list"] };
    // The default prints the newest 50 and a line saying there are more.
    let lines = if all { visits } else { visits.min(50) + 1 };
    for i in 0..11 {
        let started = Instant::now();
        let out = run_ok(sandbox.onsite(&sandbox.data()).args(args))?;
        let o = started.elapsed();
        let printed = out.split(|b| *b == b'\n').filter(|l| !l.is_empty()).count();
        if printed != lines {
            return Err(format!("onsite {args:?} printed {printed} lines, not {lines}").into());
        }
        let started = Instant::now();
        run_ok(sandbox.onsite(&sandbox.empty()).arg("--version"))?;
        let f = started.elapsed();
        if i > 0 {
            ours.time(o);
            floor.time(f);
        }
    }
    if all {
        let mut row = Row::ratio(
            format!("`onsite list --all`, {visits} visits (vs `onsite --version`)"),
            ours.median(),
            floor.median(),
            f64::INFINITY,
            secs,
        );
        row.target = "— (every line printed)".into();
        row.verdict = Verdict::Info;
        return Ok(row);
    }
    let figure = format!("`onsite list` (newest 50), {visits} visits (vs `onsite --version`)");
    Ok(Row::ratio(figure, ours.median(), floor.median(), 3.0, secs))
}

/// `onsite stats --format yaml` over every visit (issue 19), against `onsite list --all`
/// (`list_all`, its median in seconds): within 2×.
fn stats_process(sandbox: &Sandbox, list_all: f64) -> Res<Row> {
    let mut ours = Samples::default();
    for i in 0..11 {
        let started = Instant::now();
        let out = run_ok(
            sandbox
                .onsite(&sandbox.data())
                .args(["stats", "--format", "yaml"]),
        )?;
        let o = started.elapsed();
        if !out.starts_with(b"format: onsite-stats/1") {
            return Err("onsite stats printed no summary".into());
        }
        if i > 0 {
            ours.time(o);
        }
    }
    Ok(Row::ratio(
        "`onsite stats --format yaml` (vs `onsite list --all`)".to_owned(),
        ours.median(),
        list_all,
        2.0,
        secs,
    ))
}

/// Figure 4: an arrow key on the scoring screen of a 150-item rubric, 200×60.
fn key_to_frame() -> Res<Row> {
    let rubric = onsite::rubric_file::parse(&big_rubric_text())
        .map_err(|problems| format!("the 150-item rubric: {problems:?}"))?;
    if rubric.item_count() != 150 {
        return Err("the generated rubric does not have 150 items".into());
    }
    let digest = service::digest(&rubric);
    let mut rng = Rng(150);
    let record = visit_record(&rubric, &digest, 10, &mut rng);
    let mut state = State::new(Lang::Vi, Some(INSPECTOR.to_owned()), Vec::new());
    update(
        &mut state,
        Action::Opened(Box::new((record.state, rubric.clone()))),
    );
    state.overlay = None;
    let theme = Theme { color: true };
    let mut terminal = Terminal::new(TestBackend::new(200, 60))?;
    let mut empty = Terminal::new(TestBackend::new(200, 60))?;
    terminal.draw(|frame| render(frame, &state, theme))?;
    empty.draw(|_| {})?;
    let (mut ours, mut floor) = (Samples::default(), Samples::default());
    let samples = 3000;
    for i in 0..samples + 100 {
        // Sweep down the 150 items and back up.
        let action = if (i / 149) % 2 == 0 {
            Action::Down
        } else {
            Action::Up
        };
        let started = Instant::now();
        update(&mut state, action);
        terminal.draw(|frame| render(frame, &state, theme))?;
        let o = started.elapsed();
        let started = Instant::now();
        empty.draw(|_| {})?;
        let f = started.elapsed();
        if i >= 100 {
            ours.time(o);
            floor.time(f);
        }
    }
    let (o, f) = (ours.median(), floor.median());
    let ratio = o / f;
    Ok(Row {
        figure: "key → frame, scoring screen, 150 items, 200×60 (vs empty frame)".into(),
        ours: secs(o),
        floor: secs(f),
        ratio: format!("{ratio:.2}×"),
        target: "≤ 10× and < 2 ms".into(),
        verdict: if ratio <= 10.0 && o < 2e-3 {
            Verdict::Pass
        } else {
            Verdict::Fail
        },
        values: (o, f),
    })
}

/// `onsite export --out DIR` into a fresh folder.
fn export_cli(sandbox: &Sandbox, out: &Path) -> Res<Duration> {
    remove(out)?;
    let started = Instant::now();
    run_ok(
        sandbox
            .onsite(&sandbox.data())
            .arg("export")
            .arg("--out")
            .arg(out),
    )?;
    Ok(started.elapsed())
}

/// The floor of an export: the same bytes, each written to a temporary file, `sync_data`,
/// renamed; then one fsync of the folder.
fn export_floor(files: &[(String, Vec<u8>)], out: &Path) -> Res<Duration> {
    remove(out)?;
    fs::create_dir_all(out)?;
    let started = Instant::now();
    for (name, bytes) in files {
        let temporary = out.join(format!(".{name}.tmp"));
        let mut file = File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_data()?;
        fs::rename(&temporary, out.join(name))?;
    }
    File::open(out)?.sync_all()?;
    Ok(started.elapsed())
}

/// Figure 5; also gives the export's size for figure 9.
fn export(sandbox: &Sandbox, visits: usize) -> Res<(Row, u64)> {
    let ours_dir = sandbox.path("export-ours");
    let floor_dir = sandbox.path("export-floor");
    let (mut ours, mut floor) = (Samples::default(), Samples::default());
    let started = Instant::now();
    ours.time(export_cli(sandbox, &ours_dir)?);
    let files = read_export(&ours_dir)?;
    if files.len() != visits {
        return Err(format!("export wrote {} files for {visits} visits", files.len()).into());
    }
    let yaml_size = tree_size(&ours_dir)?;
    floor.time(export_floor(&files, &floor_dir)?);
    // Up to three pairs, as long as they start within a minute.
    while ours.len() < 3 && started.elapsed() < Duration::from_secs(60) {
        ours.time(export_cli(sandbox, &ours_dir)?);
        floor.time(export_floor(&files, &floor_dir)?);
    }
    remove(&ours_dir)?;
    remove(&floor_dir)?;
    let figure = format!(
        "export {visits} visits to YAML, durable ({} runs; vs write+sync_data+rename)",
        ours.len()
    );
    Ok((
        Row::ratio(figure, ours.median(), floor.median(), 1.3, secs),
        yaml_size,
    ))
}

/// Figure 6: a second `onsite sync DIR` with nothing changed, vs a full export.
fn sync_unchanged(sandbox: &Sandbox, visits: usize) -> Res<Row> {
    let dir = sandbox.path("sync");
    let export_dir = sandbox.path("export-sync-floor");
    remove(&dir)?;
    let started = Instant::now();
    run_ok(sandbox.onsite(&sandbox.data()).arg("sync").arg(&dir))?;
    progress(&format!(
        "  first sync of {visits} visits: {}",
        secs(started.elapsed().as_secs_f64())
    ));
    let before = read_export(&dir)?;
    let (mut ours, mut floor) = (Samples::default(), Samples::default());
    for _ in 0..5 {
        let started = Instant::now();
        run_ok(sandbox.onsite(&sandbox.data()).arg("sync").arg(&dir))?;
        ours.time(started.elapsed());
        floor.time(export_cli(sandbox, &export_dir)?);
    }
    if read_export(&dir)? != before {
        return Err("a sync with nothing changed changed the folder".into());
    }
    remove(&export_dir)?;
    let figure = format!("second `onsite sync`, {visits} unchanged visits (vs full export)");
    Ok(Row::ratio(
        figure,
        ours.median(),
        floor.median(),
        0.05,
        secs,
    ))
}

/// Peak RSS of the TUI once it shows the list of `data`.
fn tui_rss(sandbox: &Sandbox, data: &Path) -> Res<u64> {
    let tui = sandbox.tui(data)?;
    tui.wait_for(LIST_TITLE, Duration::from_secs(60))?;
    let rss = peak_rss(tui.pid()?)?;
    tui.quit()?;
    Ok(rss)
}

/// Figure 7.
fn tui_memory(sandbox: &Sandbox, visits: usize) -> Res<Row> {
    let (mut ours, mut floor) = (Samples::default(), Samples::default());
    for _ in 0..3 {
        #[allow(clippy::cast_precision_loss)]
        ours.push(tui_rss(sandbox, &sandbox.data())? as f64);
        #[allow(clippy::cast_precision_loss)]
        floor.push(tui_rss(sandbox, &sandbox.empty())? as f64);
    }
    let (o, f) = (ours.median(), floor.median());
    let extra = o - f;
    Ok(Row {
        figure: format!("TUI peak RSS at the list, {visits} visits (vs empty store)"),
        ours: megabytes(o),
        floor: megabytes(f),
        ratio: format!("+{}", megabytes(extra)),
        target: "≤ +40 MB".into(),
        verdict: if extra <= 40e6 {
            Verdict::Pass
        } else {
            Verdict::Fail
        },
        values: (o, f),
    })
}

/// Figure 8: CPU time of the TUI over 10 s at the list with no input. `utime + stime` are
/// each whole clock ticks (10 ms), so their difference is only good to ±20 ms; the verdict
/// uses the threads' run times in nanoseconds (`schedstat`).
fn idle_cpu(sandbox: &Sandbox, visits: usize) -> Res<Row> {
    let tui = sandbox.tui(&sandbox.data())?;
    tui.wait_for(LIST_TITLE, Duration::from_secs(60))?;
    thread::sleep(Duration::from_millis(500));
    let pid = tui.pid()?;
    let ticks = cpu_ticks(pid)?;
    let ns = cpu_ns_over(pid, Duration::from_secs(10))?;
    let ticks = cpu_ticks(pid)? - ticks;
    tui.quit()?;
    #[allow(clippy::cast_precision_loss)]
    let ticks_ms = ticks as f64 * 1000.0 / clock_ticks_per_second() as f64;
    #[allow(clippy::cast_precision_loss)]
    let ms = ns as f64 / 1e6;
    let ours = format!("{ms:.2} ms (utime+stime: {ticks_ms:.0} ms)");
    Ok(Row {
        figure: format!("TUI idle CPU over 10 s at the list, {visits} visits"),
        ours,
        floor: "—".into(),
        ratio: "—".into(),
        target: "≤ 20 ms".into(),
        verdict: if ms <= 20.0 {
            Verdict::Pass
        } else {
            Verdict::Fail
        },
        values: (ms, f64::NAN),
    })
}

/// Figure 9.
fn store_size(visits: usize, store: u64, yaml: u64) -> Row {
    #[allow(clippy::cast_precision_loss)]
    let (store, yaml) = (store as f64, yaml as f64);
    Row::ratio(
        format!("store size on disk, {visits} visits (vs their YAML export)"),
        store,
        yaml,
        3.0,
        megabytes,
    )
}

// ------------------------------------------------------------------------------ the run

/// What the growth table compares between store sizes.
struct Sizes {
    visits: usize,
    first_frame: (f64, f64),
    list: (f64, f64),
    /// Durable answer p50, ours and floor.
    answer_p50: (f64, f64),
}

fn one_size(settings: &Settings, visits: usize, rubric: &Rubric) -> Res<(Vec<Row>, Sizes)> {
    let sandbox = Sandbox::new(&settings.root, visits)?;
    progress(&format!("{visits} visits: generating the store"));
    let started = Instant::now();
    let target = generate(&sandbox.data(), rubric, visits)?;
    progress(&format!(
        "  generated in {}",
        secs(started.elapsed().as_secs_f64())
    ));
    drop(Store::open(&sandbox.empty())?);
    let store_bytes = tree_size(&sandbox.data())?;
    let rubrics = vec![rubric.clone()];
    let mut rows = Vec::new();

    progress("  TUI first frame");
    let frame = tui_first_frame(&sandbox, visits, &rubrics)?;
    let first_frame = frame.values;
    rows.push(frame);
    progress("  onsite list");
    let list = list_process(&sandbox, visits, false)?;
    let list_times = list.values;
    rows.push(list);
    let all = list_process(&sandbox, visits, true)?;
    progress("  onsite stats");
    rows.push(stats_process(&sandbox, all.values.0)?);
    rows.push(all);
    progress("  key → frame");
    rows.push(key_to_frame()?);
    progress("  TUI memory");
    rows.push(tui_memory(&sandbox, visits)?);
    progress("  TUI idle CPU (10 s)");
    rows.push(idle_cpu(&sandbox, visits)?);
    progress("  export");
    let (export_row, yaml_bytes) = export(&sandbox, visits)?;
    rows.push(export_row);
    rows.push(store_size(visits, store_bytes, yaml_bytes));
    if visits <= settings.sync_max {
        progress("  sync");
        rows.push(sync_unchanged(&sandbox, visits)?);
    } else {
        rows.push(Row {
            figure: format!("second `onsite sync`, unchanged visits ({visits})"),
            ours: "not run".into(),
            floor: "—".into(),
            ratio: "—".into(),
            target: format!("measured up to {} visits", settings.sync_max),
            verdict: Verdict::Info,
            values: (f64::NAN, f64::NAN),
        });
    }
    progress("  durable answer");
    let answer = durable_answer(&sandbox.data(), &target, 1000)?;
    let answer_p50 = answer[0].values;
    rows.splice(0..0, answer);
    if !settings.keep {
        remove(&sandbox.home)?;
    }
    Ok((
        rows,
        Sizes {
            visits,
            first_frame,
            list: list_times,
            answer_p50,
        },
    ))
}

fn growth(sizes: &[Sizes]) -> String {
    let mut rows = Vec::new();
    for pair in sizes.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        #[allow(clippy::cast_precision_loss)]
        let visits = b.visits as f64 / a.visits as f64;
        let span = format!("{} → {}", a.visits, b.visits);
        // Cost above the floor (what the visits add), and how it grows against the visits.
        for (name, (ours_a, floor_a), (ours_b, floor_b)) in [
            ("TUI first frame", a.first_frame, b.first_frame),
            ("`onsite list`", a.list, b.list),
        ] {
            let extra_a = (ours_a - floor_a).max(1e-6);
            let extra_b = (ours_b - floor_b).max(1e-6);
            let grew = extra_b / extra_a;
            rows.push(Row {
                figure: format!("{name}: cost above the floor, {span} visits"),
                ours: format!("{} → {}", secs(extra_a), secs(extra_b)),
                floor: format!("visits ×{visits:.0}"),
                ratio: format!("×{grew:.2}"),
                target: format!("≤ ×{visits:.0} (linear; +15% noise)"),
                verdict: if grew <= visits * 1.15 {
                    Verdict::Pass
                } else {
                    Verdict::Fail
                },
                values: (extra_a, extra_b),
            });
        }
        // Against the floor measured beside it, so a slower disk in one run does not count.
        let (ratio_a, ratio_b) = (
            a.answer_p50.0 / a.answer_p50.1,
            b.answer_p50.0 / b.answer_p50.1,
        );
        let grew = ratio_b / ratio_a;
        rows.push(Row {
            figure: format!("durable answer p50 ÷ its floor, {span} visits"),
            ours: format!(
                "{} → {} ({ratio_a:.2}× → {ratio_b:.2}×)",
                secs(a.answer_p50.0),
                secs(b.answer_p50.0)
            ),
            floor: format!("{} → {}", secs(a.answer_p50.1), secs(b.answer_p50.1)),
            ratio: format!("×{grew:.2}"),
            target: "flat (≤ ×1.25, noise)".into(),
            verdict: if grew <= 1.25 {
                Verdict::Pass
            } else {
                Verdict::Fail
            },
            values: (ratio_a, ratio_b),
        });
    }
    table(&rows)
}

fn machine(root: &Path) -> String {
    let shell = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    format!(
        "- date: {}\n- machine: `{}`, {} CPUs (`nproc`)\n- disk of the bench folder \
         (`df -h`):\n\n```\n{}\n```\n",
        shell("date", &["-Iseconds"]),
        shell("uname", &["-a"]),
        shell("nproc", &[]),
        shell("df", &["-h", &root.to_string_lossy()]),
    )
}

fn run() -> Res<()> {
    let settings = Settings::from_env()?;
    fs::create_dir_all(&settings.root)?;
    let rubric = shipped_rubric()?;
    let started = Instant::now();
    let mut report = format!("## Run\n\n{}\nbinary: `{BIN}`\n\n", machine(&settings.root));
    let mut sizes = Vec::new();
    for &visits in &settings.counts {
        let (rows, size) = one_size(&settings, visits, &rubric)?;
        let _ = write!(report, "### {visits} visits\n\n{}\n", table(&rows));
        // Print each table as soon as it is known.
        print!("### {visits} visits\n\n{}\n", table(&rows));
        sizes.push(size);
    }
    if sizes.len() > 1 {
        let text = growth(&sizes);
        let _ = write!(report, "### Growth\n\n{text}\n");
    }
    let _ = writeln!(
        report,
        "Whole run: {} (build excluded).",
        secs(started.elapsed().as_secs_f64())
    );
    println!("\n---- full report ----\n\n{report}");
    Ok(())
}
