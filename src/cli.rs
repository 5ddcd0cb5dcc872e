//! The command line: one dispatch from the parsed arguments to the command that runs, and
//! the one place a failed command's error is printed.

mod action;
mod args;
mod completions;
mod dev;
mod doctor;
mod edit;
mod error;
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
use std::process::ExitCode;

pub use args::{
    ActionCommand, Args, Command, DevCommand, ExportFormat, LangArg, ListFormat, MinutesArgs,
    PlanCommand, ReportFormat, RubricCommand, ShowFormat, Side, StatsFormat, StatusArg,
};
pub use error::CliError;

use crate::config::{self, Config, LangSetting};
use crate::domain::rubric::Lang;
use crate::paths::Paths;
use crate::service::Actor;
use crate::store::Store;
use crate::strings::{self, Texts, inert};

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

/// A command's exit code once its output is written: 0, or 1 for a command that reported
/// problems it found (a check, an import with rejected files); or why it stopped.
type Exit = Result<ExitCode, CliError>;

impl Context<'_> {
    /// Opens the store; what opening it repaired is printed at once.
    pub(crate) fn store(&mut self) -> Result<Store, CliError> {
        let dir = self.paths.data_dir.clone().ok_or(CliError::NoDataDir)?;
        let store = Store::open(&dir)?;
        for opened in store.opened() {
            for line in self.texts.store_opened(opened) {
                // Written now: a command that fails later must not hide what was repaired.
                let _ = writeln!(self.err, "{}", inert(&line));
            }
        }
        Ok(store)
    }

    /// Who is acting: `--as`, `ONSITE_INSPECTOR` or the config's `inspector`.
    pub(crate) fn actor(&self) -> Result<Actor, CliError> {
        let name = self
            .inspector
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty());
        match name {
            Some(name) => Ok(Actor::now(name)),
            None => Err(CliError::NoInspector {
                config_file: self.paths.config_file.clone(),
            }),
        }
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

/// Runs the command and prints its error, if any, once, in the user's language. `Ok` carries
/// the exit code (0 fine, 1 a failure or problems reported); `Err` is a failure to write the
/// output itself, which `main` reports.
pub fn run(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitCode> {
    let paths = Paths::resolve(
        args.config.as_deref(),
        args.data_dir.as_deref(),
        args.rubrics.as_deref(),
    );
    // The completion script and the manual page are made from the argument definitions
    // alone: they work where onsite never ran, and a broken settings file cannot stop a
    // shell that loads the completions from starting.
    let standalone = matches!(
        args.command,
        Some(Command::Completions { .. } | Command::Man)
    );
    let loaded = if standalone {
        Ok(Config::default())
    } else {
        config::load(paths.config_file.as_deref())
    };
    let config = loaded.as_ref().cloned().unwrap_or_default();
    let lang = choose_lang(args.lang, config.lang);
    let inspector = args.inspector.clone().or_else(|| config.inspector.clone());
    let mut cx = Context {
        lang,
        texts: strings::texts(lang),
        paths,
        config,
        inspector,
        out,
        err,
    };
    // A broken config file is reported, never silently ignored.
    let outcome = match loaded {
        Ok(_) => dispatch(args.command.as_ref(), &mut cx),
        Err(error) => Err(error.into()),
    };
    match outcome {
        Ok(code) => Ok(code),
        Err(CliError::Output(error)) => Err(error),
        Err(error) => {
            writeln!(cx.err, "{}", error.message(cx.texts))?;
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Every command, each to the function that runs it (no command: the TUI).
#[allow(clippy::too_many_lines)] // one arm per command, the whole table in one place
fn dispatch(command: Option<&Command>, cx: &mut Context<'_>) -> Exit {
    let Some(command) = command else {
        return interactive(cx);
    };
    match command {
        Command::Completions { shell } => completions::run(*shell, cx.out).map(done),
        Command::Man => man::run(cx.out).map(done),
        Command::Paths => paths::run(cx).map(done),
        Command::Doctor => doctor::run(cx),
        Command::Rubric(RubricCommand::Check { files }) => rubric::check(cx, files),
        Command::Rubric(RubricCommand::List) => rubric::list(cx),
        Command::Rubric(RubricCommand::Show { rubric }) => rubric::show(cx, rubric).map(done),
        Command::Action(command) => action::run(cx, command).map(done),
        Command::Plan(PlanCommand::Import { file }) => plan::import(cx, file).map(done),
        Command::Plan(PlanCommand::List { format }) => plan::list(cx, *format).map(done),
        Command::Plan(PlanCommand::Start { entry }) => plan::start(cx, entry).map(done),
        Command::New {
            rubric,
            unit,
            kind,
            address,
            date,
            team,
            follow_up,
        } => {
            let unit = (unit.as_deref().unwrap_or_default(), address.as_str());
            let new = (kind.as_str(), date.as_deref(), team.as_slice());
            visit::new(cx, rubric.as_deref(), unit, new, follow_up.as_deref()).map(done)
        }
        Command::List {
            status,
            format,
            all,
        } => visit::list(cx, *status, *format, false, *all).map(done),
        Command::Trash => visit::list(cx, None, ListFormat::Table, true, true).map(done),
        Command::Show {
            visit,
            format: ShowFormat::Text,
        } => visit::show(cx, visit).map(done),
        Command::Show {
            visit,
            format: ShowFormat::Yaml,
        } => exchange::show_yaml(cx, visit).map(done),
        Command::History { visit, item } => visit::history(cx, visit, item.as_deref()).map(done),
        Command::Stats {
            rubric,
            from,
            to,
            kind,
            all,
            format,
            output,
        } => {
            let query = stats::Query {
                rubric: rubric.as_deref(),
                from: from.as_deref(),
                to: to.as_deref(),
                kind: kind.as_deref(),
                all: *all,
                format: *format,
                output: output.as_deref(),
            };
            stats::run(cx, &query).map(done)
        }
        Command::Score {
            visit,
            item,
            value,
            note,
        } => edit::score(cx, visit, item, value, note.as_deref()).map(done),
        Command::Note { visit, item, text } => edit::note(cx, visit, item, text).map(done),
        Command::Findings {
            visit,
            strengths,
            shortcomings,
            recommendations,
            conclusion,
        } => {
            let given = [strengths, shortcomings, recommendations, conclusion];
            edit::findings(cx, visit, given.map(Clone::clone)).map(done)
        }
        Command::Minutes(args) => edit::minutes(cx, args).map(done),
        Command::Undo { visit } => edit::undo(cx, visit).map(done),
        Command::Redo { visit } => edit::redo(cx, visit).map(done),
        Command::Finalize { visit } => edit::finalize(cx, visit).map(done),
        Command::Reopen { visit, reason } => edit::reopen(cx, visit, reason).map(done),
        Command::Delete { visit, yes } => edit::delete(cx, visit, *yes).map(done),
        Command::Restore { visit } => edit::restore(cx, visit).map(done),
        Command::Attach {
            visit,
            item,
            files,
            caption,
        } => evidence::attach(cx, visit, item, files, caption).map(done),
        Command::Attachments {
            visit,
            item,
            format,
        } => evidence::list(cx, visit, item.as_deref(), *format).map(done),
        Command::Detach { visit, attachment } => evidence::detach(cx, visit, attachment).map(done),
        Command::Open { visit, attachment } => evidence::open(cx, visit, attachment).map(done),
        Command::Report {
            visit,
            format,
            output,
            no_evidence,
        } => report::run(cx, visit, *format, output.as_deref(), !*no_evidence).map(done),
        Command::Export {
            visits,
            out,
            format,
        } => exchange::export(cx, visits, out, *format).map(done),
        Command::Import { paths } => exchange::import(cx, paths),
        Command::Sync { dir, git } => exchange::sync(cx, dir, *git),
        Command::Conflicts { visit } => exchange::conflicts(cx, visit.as_deref()).map(done),
        Command::Resolve { visit, field, take } => {
            exchange::resolve(cx, visit, field, *take == Side::Theirs).map(done)
        }
        Command::Dev(DevCommand::Churn { visit, count }) => dev::churn(cx, visit, *count).map(done),
    }
}

/// The exit code of a command that did what it was asked.
fn done((): ()) -> ExitCode {
    ExitCode::SUCCESS
}

/// `onsite` alone: the store opened here, then the TUI, given what it needs (the TUI does
/// not import the CLI).
fn interactive(cx: &mut Context<'_>) -> Exit {
    let store = cx.store()?;
    let code = crate::tui::run(crate::tui::Start {
        store,
        lang: cx.lang,
        inspector: cx.inspector.clone(),
        config: cx.config.clone(),
        config_file: cx.paths.config_file.clone(),
        user_rubrics: cx.paths.user_rubrics.clone(),
        err: &mut *cx.err,
    })?;
    Ok(code)
}
