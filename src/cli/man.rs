//! `onsite man`: the manual page (roff), generated from the argument definitions
//! (`clap_mangen`): onsite's own options, then every command with its synopsis, what it does
//! and its options, on one page, so `man onsite` tells as much as every `--help`.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::Roff;

use super::{Args, CliError};

pub fn run(out: &mut dyn Write) -> Result<(), CliError> {
    let mut command = Args::command();
    command.build();
    let page = Man::new(command.clone());
    let mut roff = Vec::new();
    // The title with the preamble every rendered piece starts with; the pieces below drop it.
    page.render_title(&mut roff)?;
    for render in [
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        roff.extend(section(|w| render(&page, w))?);
    }
    writeln!(roff, ".SH COMMANDS")?;
    commands(&command, &mut roff)?;
    roff.extend(section(|w| page.render_version_section(w))?);
    out.write_all(&roff)?;
    Ok(())
}

/// One `.SS` per command that runs something (`onsite rubric check`, not `onsite rubric`), in
/// the order `--help` lists them; hidden ones (`onsite dev`) stay hidden, and clap's `help`
/// commands only repeat what is here.
fn commands(parent: &clap::Command, roff: &mut Vec<u8>) -> io::Result<()> {
    let shown = |command: &&clap::Command| !command.is_hide_set() && command.get_name() != "help";
    for command in parent.get_subcommands().filter(shown) {
        if command.has_subcommands() {
            commands(command, roff)?;
            continue;
        }
        // The options every command takes (`--lang`, `--data-dir`, …) and `--help` are listed
        // once, above.
        let own = command.clone().mut_args(|arg| {
            let shared = arg.is_global_set() || arg.get_id() == "help";
            if shared { arg.hide(true) } else { arg }
        });
        let name = command.get_bin_name().unwrap_or_else(|| command.get_name());
        writeln!(roff, ".SS \"{name}\"")?;
        let has_arguments = own.get_arguments().any(|arg| !arg.is_hide_set());
        let page = Man::new(own);
        roff.extend(body(|w| page.render_synopsis_section(w))?);
        roff.extend(body(|w| page.render_description_section(w))?);
        if has_arguments {
            roff.extend(body(|w| page.render_options_section(w))?);
        }
    }
    Ok(())
}

/// A section as `clap_mangen` renders it, without the preamble it repeats each time.
fn section(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<Vec<u8>> {
    let mut preamble = Vec::new();
    Roff::new().to_writer(&mut preamble)?;
    let mut section = Vec::new();
    render(&mut section)?;
    Ok(match section.strip_prefix(preamble.as_slice()) {
        Some(rest) => rest.to_vec(),
        None => section,
    })
}

/// A section without its `.SH` heading line, as a paragraph under a command's `.SS`.
fn body(render: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<Vec<u8>> {
    let section = section(render)?;
    let rest = match section.strip_prefix(b".SH ") {
        Some(heading) => heading
            .iter()
            .position(|&b| b == b'\n')
            .map_or(&[][..], |end| &heading[end + 1..]),
        None => &section[..],
    };
    let mut body = b".PP\n".to_vec();
    body.extend_from_slice(rest);
    Ok(body)
}
