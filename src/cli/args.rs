//! The command line as clap reads it: onsite's options, every command and its flags. What
//! each command does lives in its own file beside this one.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
