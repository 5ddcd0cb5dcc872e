//! Command-line arguments and the subcommands behind them.

mod action;
mod completions;
mod dev;
mod doctor;
mod edit;
mod evidence;
mod exchange;
mod man;
mod paths;
mod plan;
mod report;
mod rubric;
mod stats;
mod visit;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{self, Config, LangSetting};
use crate::domain::rubric::Lang;
use crate::paths::Paths;
use crate::store::Store;
use crate::strings::{self, Texts, inert};
use crate::visits::Actor;

#[derive(Debug, Parser)]
#[command(
    name = "onsite",
    version,
    about = "Chấm điểm kiểm tra cơ quan đạt chuẩn văn hóa / \
    Score a workplace-culture inspection"
)]
pub struct Args {
    /// Language of messages: vi or en (default: the config file's, else vi).
    #[arg(long, global = true, env = "ONSITE_LANG", value_enum)]
    pub lang: Option<LangArg>,
    /// Folder with your own rubrics (default: rubrics/ in the config folder).
    #[arg(long, global = true, env = "ONSITE_RUBRICS", value_name = "DIR")]
    pub rubrics: Option<PathBuf>,
    /// Where visits are stored (default: the OS data folder, see `onsite paths`).
    #[arg(long, global = true, env = "ONSITE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The settings file (default: config.yaml in the config folder).
    #[arg(long, global = true, env = "ONSITE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Your name, recorded on every change (default: `inspector:` in the config file).
    #[arg(
        long = "as",
        global = true,
        env = "ONSITE_INSPECTOR",
        value_name = "NAME"
    )]
    pub inspector: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    Draft,
    Finalized,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ListFormat {
    #[default]
    Table,
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatsFormat {
    #[default]
    Table,
    Yaml,
    /// One self-contained page with charts, to print or send.
    Html,
    /// The tables as sheets of an Excel workbook.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ShowFormat {
    #[default]
    Text,
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    /// One visit document per visit.
    #[default]
    Yaml,
    /// `visits.csv` and `answers.csv`.
    Csv,
    /// One Excel workbook, `onsite-visits.xlsx`.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    #[default]
    Html,
    Docx,
    Md,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Side {
    /// Keep the value on this laptop.
    Mine,
    /// Take the other laptop's value.
    Theirs,
}

/// `onsite minutes`: the details of the minutes, each flag one field (boxed: the longest
/// command by far).
#[derive(Debug, clap::Args)]
pub struct MinutesArgs {
    pub visit: String,
    /// Cơ quan chủ quản: the body above the inspecting body, printed above its name.
    #[arg(long)]
    pub governing_body: Option<String>,
    /// The inspecting body (đoàn kiểm tra / ban chỉ đạo).
    #[arg(long)]
    pub body: Option<String>,
    /// Số biên bản.
    #[arg(long)]
    pub number: Option<String>,
    /// Căn cứ: the plan or decision, e.g. "Kế hoạch số 12/KH-LĐLĐ ngày 02/11/2026".
    #[arg(long)]
    pub basis: Option<String>,
    /// Địa danh of "Hà Tĩnh, ngày …" (default: the unit's address).
    #[arg(long)]
    pub locality: Option<String>,
    /// lần đầu | lại (first recognition or re-recognition).
    #[arg(long)]
    pub recognition: Option<String>,
    /// The year the unit registered for the title, e.g. 2024.
    #[arg(long)]
    pub registered: Option<String>,
    /// The period proposed for recognition, e.g. "2024–2025".
    #[arg(long)]
    pub period: Option<String>,
    /// Địa điểm: where the team worked (default: the unit's address).
    #[arg(long)]
    pub place: Option<String>,
    /// Start time, e.g. 08:30.
    #[arg(long)]
    pub start: Option<String>,
    /// End time, e.g. 11:00.
    #[arg(long)]
    pub end: Option<String>,
    /// "Name — position" of a representative of the unit; repeat for each (replaces the list).
    #[arg(long)]
    pub representative: Vec<String>,
    /// Ý kiến của đơn vị: the unit's comments on the minutes.
    #[arg(long)]
    pub unit_comments: Option<String>,
    /// A recipient under "Nơi nhận"; repeat for each (replaces the list; "Lưu: VT, HS." is
    /// always added).
    #[arg(long)]
    pub recipient: Vec<String>,
    /// How many copies the minutes are made in (default 2).
    #[arg(long)]
    pub copies: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check, list and show rubrics (bộ tiêu chí).
    #[command(subcommand)]
    Rubric(RubricCommand),
    /// Corrective actions (yêu cầu khắc phục): add, list, mark done, reopen.
    #[command(subcommand)]
    Action(ActionCommand),
    /// The campaign plan (kế hoạch kiểm tra): import it from a table, list it, start a visit
    /// from an entry.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Print every path in use: config file, data folder, rubrics folder.
    Paths,
    /// Start a visit; prints only its id.
    New {
        /// Rubric id or id@version (default: `default_rubric` in the config file).
        #[arg(long)]
        rubric: Option<String>,
        /// Name of the unit visited.
        #[arg(long, required_unless_present = "follow_up")]
        unit: Option<String>,
        /// cơ quan | đơn vị | doanh nghiệp (also co-quan, don-vi, doanh-nghiep).
        #[arg(long, default_value = "cơ quan")]
        kind: String,
        #[arg(long, default_value = "")]
        address: String,
        /// YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// "Name:Role:Position:Agency" (role one of trưởng đoàn, phó trưởng đoàn, thành viên,
        /// thư ký; position and agency may be left out); repeat for each member.
        #[arg(long = "team", value_name = "NAME:ROLE")]
        team: Vec<String>,
        /// Check a visited unit again (kiểm tra lại / phúc tra): the unit and the rubric (its
        /// newest version) come from this earlier visit.
        #[arg(long, value_name = "VISIT", conflicts_with_all = ["unit", "kind", "address", "rubric"])]
        follow_up: Option<String>,
    },
    /// List visits, newest first.
    List {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
        /// Every visit, not only the newest 50 (`--format yaml` always lists every visit).
        #[arg(long)]
        all: bool,
    },
    /// The summary of many finalized visits, one per rubric: counts, scores, section means,
    /// each criterion's results, the weakest criteria and every unit's row.
    Stats {
        /// Only this rubric id (default: every rubric, one summary each).
        #[arg(long)]
        rubric: Option<String>,
        /// Visits on or after this date (YYYY-MM-DD or DD/MM/YYYY).
        #[arg(long)]
        from: Option<String>,
        /// Visits on or before this date.
        #[arg(long)]
        to: Option<String>,
        /// Only units of this kind: cơ quan | đơn vị | doanh nghiệp.
        #[arg(long)]
        kind: Option<String>,
        /// Count drafts too (marked as such).
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t)]
        format: StatsFormat,
        /// Output file (html and xlsx default to onsite-stats.html/.xlsx in the current
        /// folder; `-` prints; table and yaml print unless given a file).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Answer an item: a number, pass/fail, a level 1..k or its name, na, or clear.
    Score {
        visit: String,
        item: String,
        value: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Set an item's note (an empty text clears it).
    Note {
        visit: String,
        item: String,
        text: String,
    },
    /// Set the findings written in the minutes.
    Findings {
        visit: String,
        /// Ưu điểm.
        #[arg(long)]
        strengths: Option<String>,
        /// Tồn tại, hạn chế.
        #[arg(long)]
        shortcomings: Option<String>,
        /// Kiến nghị.
        #[arg(long)]
        recommendations: Option<String>,
        /// Kết luận.
        #[arg(long)]
        conclusion: Option<String>,
    },
    /// Details for the minutes (biên bản): who inspected, on what basis, where, when, with whom.
    Minutes(Box<MinutesArgs>),
    /// Progress, section scores, verdict, band and failed critical items; or the visit
    /// document with `--format yaml`.
    Show {
        visit: String,
        #[arg(long, value_enum, default_value_t)]
        format: ShowFormat,
    },
    /// Write the inspection minutes (biên bản) of a visit: HTML (print it), Word, or Markdown.
    Report {
        visit: String,
        #[arg(long, value_enum, default_value_t)]
        format: ReportFormat,
        /// Output file (default: like the export's name, in the current folder; `-` prints it).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// The short minutes: no evidence next to the criteria and no list of evidence.
        #[arg(long)]
        no_evidence: bool,
    },
    /// Write visits as YAML documents (or CSV tables, or an Excel workbook) into a folder.
    Export {
        /// Visits to export (default: all, trash excluded).
        visits: Vec<String>,
        #[arg(long, default_value = ".", value_name = "DIR")]
        out: PathBuf,
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
    },
    /// Read visit documents (files or folders) into the store.
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Two-way sync with a folder (or, with --git, a team's git repository).
    Sync {
        dir: PathBuf,
        #[arg(long)]
        git: bool,
    },
    /// Items changed on two laptops since their last sync.
    Conflicts { visit: Option<String> },
    /// Settle a conflict: keep your value or take the other laptop's.
    Resolve {
        visit: String,
        /// The item id (`1.1`), an item's note (`1.1#note`) or a finding (`strengths`, ...).
        field: String,
        #[arg(long, value_enum)]
        take: Side,
    },
    /// Every change to a visit, oldest first.
    History {
        visit: String,
        #[arg(long)]
        item: Option<String>,
    },
    /// Undo the latest answer, note or findings change.
    Undo { visit: String },
    /// Redo what undo took back.
    Redo { visit: String },
    /// Lock a fully answered visit against changes.
    Finalize { visit: String },
    /// Make a finalized visit editable again; the reason is recorded.
    Reopen {
        visit: String,
        #[arg(long)]
        reason: String,
    },
    /// Move a visit to the trash (needs --yes).
    Delete {
        visit: String,
        #[arg(long)]
        yes: bool,
    },
    /// List the visits in the trash.
    Trash,
    /// Bring a visit back from the trash.
    Restore { visit: String },
    /// Attach evidence (photos, documents) to an item; prints one attachment id per file.
    Attach {
        visit: String,
        /// The rubric item the files are evidence for.
        item: String,
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
        /// A caption for the files (what the photo shows).
        #[arg(long, default_value = "")]
        caption: String,
    },
    /// List a visit's evidence.
    Attachments {
        visit: String,
        /// Only the evidence of this item.
        #[arg(long)]
        item: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// Detach evidence from its item (recorded in history; `onsite undo` attaches it again).
    Detach { visit: String, attachment: String },
    /// Open an attachment with the system viewer (a read-only copy).
    Open { visit: String, attachment: String },
    /// Check the store and its spare copy; repair what can be repaired.
    Doctor,
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `onsite man > ~/.local/share/man/man1/onsite.1`.
    Man,
    /// Developer tools: test drivers and data generators (not for inspectors).
    #[command(subcommand, hide = true)]
    Dev(DevCommand),
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Apply COUNT answer changes to VISIT, printing `ack SEQ ITEM ANSWER` after each one is
    /// durable. Drives the crash test.
    Churn {
        visit: String,
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
}

impl Command {
    /// The visit a command names, if it names one.
    fn visit(&self) -> Option<&str> {
        match self {
            Command::Minutes(args) => Some(&args.visit),
            Command::Score { visit, .. }
            | Command::Note { visit, .. }
            | Command::Findings { visit, .. }
            | Command::Show { visit, .. }
            | Command::History { visit, .. }
            | Command::Undo { visit }
            | Command::Redo { visit }
            | Command::Finalize { visit }
            | Command::Reopen { visit, .. }
            | Command::Delete { visit, .. }
            | Command::Restore { visit } => Some(visit),
            _ => None,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Add an action to a visit (finalized or not); prints only its id.
    Add {
        visit: String,
        /// The rubric item it is about (an id of the visit's rubric).
        #[arg(long)]
        item: Option<String>,
        /// What the unit must do.
        #[arg(long)]
        text: String,
        /// Who does it: a person or a department.
        #[arg(long, default_value = "")]
        owner: String,
        /// yyyy-mm-dd or dd/mm/yyyy.
        #[arg(long)]
        due: Option<String>,
    },
    /// List actions: of one visit, or of every visit outside the trash.
    List {
        visit: Option<String>,
        /// Only the actions not done yet.
        #[arg(long, conflicts_with = "overdue")]
        open: bool,
        /// Only the open actions whose due date is before today.
        #[arg(long)]
        overdue: bool,
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// Mark an action done (by its id or a unique prefix).
    Done {
        action: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Open a done action again; say why.
    Reopen {
        action: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Import plan entries from a CSV file or an Excel workbook (first sheet): a header row
    /// (Vietnamese or English), then one visit per row. All or nothing: a file with a wrong
    /// row imports nothing.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List the plan, soonest first, with the visit each started entry became.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: ListFormat,
    },
    /// Start the visit of a plan entry (its id or a unique prefix) as `onsite new` would;
    /// prints only the visit's id.
    Start {
        #[arg(value_name = "ENTRY")]
        entry: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// Validate rubric files; print `ok: …` or every problem with `file:line:col`.
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// List the rubrics available: shipped ones and your own folder's.
    List,
    /// Print one rubric as an outline: by ID, ID@VERSION, or a file path.
    Show {
        #[arg(value_name = "ID|FILE")]
        rubric: String,
    },
}

/// What a command needs besides its own arguments.
pub struct Context<'a> {
    pub lang: Lang,
    pub texts: &'static dyn Texts,
    pub paths: Paths,
    pub config: Config,
    /// `--as`, `ONSITE_INSPECTOR` or the config's `inspector`.
    pub inspector: Option<String>,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// A command's result: the exit code once its output is written, or a failure to write.
type Outcome = io::Result<ExitCode>;

impl Context<'_> {
    /// Prints a one-line error (made inert) and gives exit code 1.
    fn fail(&mut self, message: &str) -> Outcome {
        writeln!(self.err, "{}", inert(message))?;
        Ok(ExitCode::FAILURE)
    }

    /// [`Context::fail`] with a visit operation's error, in the user's language.
    fn fail_visit(&mut self, error: &crate::visits::VisitError) -> Outcome {
        let message = self.texts.visit_error(error);
        self.fail(&message)
    }

    /// Opens the store, or prints why not.
    pub(crate) fn store(&mut self) -> Result<Store, io::Result<ExitCode>> {
        let Some(dir) = self.paths.data_dir.clone() else {
            return Err(self.fail(self.texts.no_data_dir()));
        };
        let store = Store::open(&dir).map_err(|error| {
            let message = self.texts.store_error(&error);
            self.fail(&message)
        })?;
        for opened in store.opened() {
            for line in self.texts.store_opened(opened) {
                // Written now: a command that fails later must not hide what was repaired.
                let _ = writeln!(self.err, "{}", inert(&line));
            }
        }
        Ok(store)
    }

    /// Who is acting, or a message saying how to say so.
    pub(crate) fn actor(&mut self) -> Result<Actor, io::Result<ExitCode>> {
        let name = self
            .inspector
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty());
        if let Some(name) = name {
            return Ok(Actor::now(name));
        }
        let message = self.texts.who_are_you(self.paths.config_file.as_deref());
        Err(self.fail(&message))
    }
}

/// The message for a command stopped by Ctrl-C, in the user's language.
pub fn interrupted_text(args: &Args) -> &'static str {
    let paths = Paths::resolve(
        args.config.as_deref(),
        args.data_dir.as_deref(),
        args.rubrics.as_deref(),
    );
    let setting = config::load(paths.config_file.as_deref())
        .ok()
        .and_then(|config| config.lang);
    strings::texts(choose_lang(args.lang, setting)).interrupted()
}

/// `--lang` (or `ONSITE_LANG`) first, then the config file's, else Vietnamese.
fn choose_lang(arg: Option<LangArg>, setting: Option<LangSetting>) -> Lang {
    match (arg, setting) {
        (Some(LangArg::En), _) | (None, Some(LangSetting::En)) => Lang::En,
        _ => Lang::Vi,
    }
}

/// Runs the command. `Ok` carries the exit code (0 fine, 1 problems reported); `Err` is an
/// I/O failure writing the output itself.
pub fn run(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    match args.command {
        // Made from the argument definitions alone: no settings file, data folder or store, so
        // they work where onsite never ran, and a broken settings file cannot stop a shell
        // that loads the completions from starting.
        Some(Command::Completions { shell }) => completions::run(shell, out),
        Some(Command::Man) => man::run(out),
        _ => run_with_settings(args, out, err),
    }
}

/// Every other command: the settings file first, then the command (no command: the TUI).
fn run_with_settings(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> Outcome {
    let paths = Paths::resolve(
        args.config.as_deref(),
        args.data_dir.as_deref(),
        args.rubrics.as_deref(),
    );
    let loaded = config::load(paths.config_file.as_deref());
    let config = loaded.as_ref().cloned().unwrap_or_default();
    let lang = choose_lang(args.lang, config.lang);
    let texts = strings::texts(lang);
    let inspector = args.inspector.clone().or_else(|| config.inspector.clone());
    let mut cx = Context {
        lang,
        texts,
        paths,
        config,
        inspector,
        out,
        err,
    };
    if let Err(error) = loaded {
        // A broken config file is reported, never silently ignored.
        return cx.fail(&texts.config_error(&error));
    }
    match &args.command {
        Some(Command::Rubric(command)) => rubric::run(command, &mut cx),
        Some(Command::Action(command)) => action::run(command, &mut cx),
        Some(Command::Plan(command)) => plan::run(command, &mut cx),
        Some(Command::Stats {
            rubric,
            from,
            to,
            kind,
            all,
            format,
            output,
        }) => stats::run(
            &mut cx,
            &stats::Query {
                rubric: rubric.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                kind: kind.as_deref(),
                all: *all,
                format: *format,
                output: output.as_deref(),
            },
        ),
        Some(Command::Paths) => paths::run(&mut cx),
        Some(Command::Doctor) => doctor::run(&mut cx),
        Some(
            command @ (Command::Attach { .. }
            | Command::Attachments { .. }
            | Command::Detach { .. }
            | Command::Open { .. }),
        ) => evidence::run(command, &mut cx),
        Some(Command::Dev(command)) => dev::run(command, &mut cx),
        Some(Command::Show {
            visit,
            format: ShowFormat::Yaml,
        }) => exchange::show_yaml(&mut cx, visit),
        Some(Command::Export {
            visits,
            out,
            format,
        }) => exchange::export(&mut cx, visits, out, *format),
        Some(Command::Import { paths }) => exchange::import(&mut cx, paths),
        Some(Command::Report {
            visit,
            format,
            output,
            no_evidence,
        }) => report::run(&mut cx, visit, *format, output.as_deref(), !*no_evidence),
        Some(Command::Sync { dir, git }) => exchange::sync(&mut cx, dir, *git),
        Some(Command::Conflicts { visit }) => exchange::conflicts(&mut cx, visit.as_deref()),
        Some(Command::Resolve { visit, field, take }) => {
            exchange::resolve(&mut cx, visit, field, *take == Side::Theirs)
        }
        Some(command) => match command {
            Command::New { .. } | Command::List { .. } | Command::Show { .. } => {
                visit::run(command, &mut cx)
            }
            Command::History { .. } | Command::Trash => visit::run(command, &mut cx),
            _ => edit::run(command, &mut cx),
        },
        None => interactive(&mut cx),
    }
}

/// `onsite` alone: the store opened here, then the TUI, given what it needs (the TUI does
/// not import the CLI).
fn interactive(cx: &mut Context<'_>) -> Outcome {
    let store = match cx.store() {
        Ok(store) => store,
        Err(outcome) => return outcome,
    };
    crate::tui::run(crate::tui::Start {
        store,
        lang: cx.lang,
        inspector: cx.inspector.clone(),
        config: cx.config.clone(),
        config_file: cx.paths.config_file.clone(),
        user_rubrics: cx.paths.user_rubrics.clone(),
        err: &mut *cx.err,
    })
}
