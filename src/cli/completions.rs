//! `onsite completions SHELL`: the shell's completion script, generated from the argument
//! definitions (`clap_complete`), so it never falls behind a new command or flag.

use clap::CommandFactory;
use clap_complete::{Generator, Shell};

use super::{Args, CliError};

pub fn run(shell: Shell, out: &mut dyn std::io::Write) -> Result<(), CliError> {
    let mut command = visible(&Args::command());
    command.set_bin_name("onsite");
    command.build();
    // `try_`: a closed pipe (`onsite completions bash | head`) is an error, not a panic.
    shell.try_generate(&command, out)?;
    Ok(())
}

/// onsite's options with the commands `--help` shows and no others: `clap_complete` offers
/// hidden commands (`onsite dev`) too (clap#1335), and a `clap::Command` cannot drop one, so
/// the root is put together again from its own parts.
fn visible(all: &clap::Command) -> clap::Command {
    let mut root = clap::Command::new("onsite").version(env!("CARGO_PKG_VERSION"));
    if let Some(about) = all.get_about() {
        root = root.about(about.clone());
    }
    root.args(all.get_arguments().cloned())
        .subcommands(all.get_subcommands().filter(|c| !c.is_hide_set()).cloned())
}
