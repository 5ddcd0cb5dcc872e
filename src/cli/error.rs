//! Why a command stopped: one typed error for every command, turned into words (in the
//! user's language) only by [`CliError::message`], which `cli::run` prints once.

use std::io;
use std::path::PathBuf;

use crate::catalog::FindError;
use crate::config::ConfigError;
use crate::domain::answer::ParseAnswerError;
use crate::domain::history::EditError;
use crate::domain::visit::{Role, UnitKind};
use crate::rubric_file::Diagnostic;
use crate::service::VisitError;
use crate::store::StoreError;
use crate::strings::{Label, Texts, inert};
use crate::sync::SyncError;
use crate::sync::git::GitError;

/// A command that could not do what it was asked; exit code 1, except [`CliError::Output`].
#[derive(Debug)]
pub enum CliError {
    /// Writing the command's own output failed (a closed pipe, a full disk): `main` says
    /// so in its own words, exit code 2.
    Output(io::Error),
    /// The settings file is there but unreadable or wrong.
    Config(ConfigError),
    /// The OS gives no data folder and `--data-dir` was not given.
    NoDataDir,
    /// A change needs a name to record and none was given (`--as`, the config's `inspector`).
    NoInspector {
        config_file: Option<PathBuf>,
    },
    Store(StoreError),
    Visit(VisitError),
    /// No rubric (or no single one) answers to an id.
    Rubric(FindError),
    /// `rubric show FILE` of a file that is not a valid rubric: every problem, one a line.
    InvalidRubric {
        origin: String,
        diagnostics: Vec<Diagnostic>,
    },
    /// `onsite new` with neither `--rubric` nor a `default_rubric`.
    NoRubricGiven,
    UnitEmpty,
    BadKind(String),
    BadRole(String),
    BadDate(String),
    MemberUnnamed,
    BadAnswer {
        item: String,
        given: String,
        error: ParseAnswerError,
    },
    /// `findings` or `minutes` without a single field to set.
    NothingToSet,
    DeleteNeedsYes {
        visit: String,
    },
    /// A file or folder could not be written.
    Export {
        file: PathBuf,
        reason: String,
    },
    /// The Word minutes could not be made (the reason is the library's).
    Report(String),
    Csv(::csv::Error),
    Workbook(rust_xlsxwriter::XlsxError),
    /// `stats --format html|xlsx` with no visit to sum up: no file is written.
    NoStatsToWrite {
        drafts: bool,
    },
    Sync(SyncError),
    Git(GitError),
    NoSuchConflict(String),
    PlanUnreadable {
        file: String,
        reason: String,
    },
    PlanHasNoEntries {
        file: String,
    },
    /// A plan file with wrong rows (each already reported): nothing imported.
    PlanRejected {
        rows: usize,
    },
    PlanNotFound(String),
    PlanAmbiguous {
        prefix: String,
        matches: Vec<(String, String)>,
    },
    PlanStarted {
        entry: String,
        visit: String,
    },
}

impl CliError {
    /// What went wrong, where and what to do, in the user's language; control characters
    /// from a file or an argument made inert.
    pub fn message(&self, t: &dyn Texts) -> String {
        let words = match self {
            CliError::Output(error) => error.to_string(),
            CliError::Config(error) => t.config_error(error),
            CliError::NoDataDir => t.no_data_dir().to_owned(),
            CliError::NoInspector { config_file } => t.who_are_you(config_file.as_deref()),
            CliError::Store(error) => t.store_error(error),
            CliError::Visit(error) => t.visit_error(error),
            CliError::Rubric(error) => t.find_error(error),
            CliError::InvalidRubric {
                origin,
                diagnostics,
            } => diagnostic_lines(t, origin, diagnostics).join("\n"),
            CliError::NoRubricGiven => t.no_rubric_given(),
            CliError::UnitEmpty => t.unit_empty().to_owned(),
            CliError::BadKind(given) => {
                let choices: Vec<&str> = UnitKind::ALL.iter().map(|k| t.unit_kind(*k)).collect();
                t.bad_choice(Label::Kind, given, &choices)
            }
            CliError::BadRole(given) => {
                let choices: Vec<&str> = Role::ALL.iter().map(|r| t.role(*r)).collect();
                t.bad_choice(Label::Role, given, &choices)
            }
            CliError::BadDate(given) => t.bad_date(given),
            CliError::MemberUnnamed => t.member_unnamed().to_owned(),
            CliError::BadAnswer { item, given, error } => t.parse_answer_error(error, item, given),
            CliError::NothingToSet => t.nothing_to_set().to_owned(),
            CliError::DeleteNeedsYes { visit } => t.delete_needs_yes(visit),
            CliError::Export { file, reason } => {
                t.export_failed(&file.display().to_string(), reason)
            }
            CliError::Report(reason) => reason.clone(),
            CliError::Csv(error) => error.to_string(),
            CliError::Workbook(error) => error.to_string(),
            CliError::NoStatsToWrite { drafts } => {
                format!("{}; {}", t.stats_none(*drafts), t.stats_no_file())
            }
            CliError::Sync(error) => error.to_string(),
            CliError::Git(error) => t.git_error(error),
            CliError::NoSuchConflict(field) => t.no_such_conflict(field),
            CliError::PlanUnreadable { file, reason } => t.plan_unreadable(file, reason),
            CliError::PlanHasNoEntries { file } => t.plan_no_entries(file),
            CliError::PlanRejected { rows } => t.plan_nothing_imported(*rows),
            CliError::PlanNotFound(prefix) => t.plan_not_found(prefix),
            CliError::PlanAmbiguous { prefix, matches } => t.plan_ambiguous(prefix, matches),
            CliError::PlanStarted { entry, visit } => t.plan_already_started(entry, visit),
        };
        inert(&words)
    }

    /// A criterion the visit's rubric does not have.
    pub fn unknown_item(item: &str) -> Self {
        CliError::Visit(EditError::UnknownItem(item.to_owned()).into())
    }
}

/// `file:line:col: message` for each problem, or `file: message` when it has no position.
pub(super) fn diagnostic_lines(
    t: &dyn Texts,
    origin: &str,
    diagnostics: &[Diagnostic],
) -> Vec<String> {
    // A file's name can hold control characters too (a colleague's file).
    let origin = inert(origin);
    diagnostics
        .iter()
        .map(|diagnostic| {
            let message = inert(&t.diagnostic(&diagnostic.kind));
            match diagnostic.position {
                Some(at) => format!("{origin}:{}:{}: {message}", at.line, at.column),
                None => format!("{origin}: {message}"),
            }
        })
        .collect()
}

macro_rules! from_error {
    ($($source:ty => $variant:ident),* $(,)?) => {$(
        impl From<$source> for CliError {
            fn from(error: $source) -> Self {
                CliError::$variant(error)
            }
        }
    )*};
}

from_error! {
    io::Error => Output,
    ConfigError => Config,
    StoreError => Store,
    VisitError => Visit,
    FindError => Rubric,
    SyncError => Sync,
    GitError => Git,
    ::csv::Error => Csv,
    rust_xlsxwriter::XlsxError => Workbook,
}
