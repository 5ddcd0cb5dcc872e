//! Command-line arguments and the subcommands behind them.

mod rubric;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::rubric::Lang;
use crate::strings::{self, Texts};

#[derive(Debug, Parser)]
#[command(
    name = "onsite",
    version,
    about = "Chấm điểm kiểm tra cơ quan đạt chuẩn văn hóa / \
    Score a workplace-culture inspection"
)]
pub struct Args {
    /// Language of messages: vi (default) or en.
    #[arg(long, global = true, env = "ONSITE_LANG", value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// Folder with your own rubrics (default: rubrics/ in the config folder).
    #[arg(long, global = true, env = "ONSITE_RUBRICS", value_name = "DIR")]
    pub rubrics: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check, list and show rubrics (bộ tiêu chí).
    #[command(subcommand)]
    Rubric(RubricCommand),
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
    pub user_rubrics: Option<PathBuf>,
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Runs the command. `Ok` carries the exit code (0 fine, 1 problems reported); `Err` is an
/// I/O failure writing the output itself.
pub fn run(args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<ExitCode> {
    let lang = Lang::from(args.lang);
    let mut cx = Context {
        lang,
        texts: strings::texts(lang),
        user_rubrics: crate::paths::user_rubrics(args.rubrics.as_ref()),
        out,
        err,
    };
    match &args.command {
        Some(Command::Rubric(command)) => rubric::run(command, &mut cx),
        None => {
            writeln!(cx.out, "{}", cx.texts.intro())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
