//! The `onsite` binary: parse arguments, run, turn the outcome into an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    onsite::export::survive_file_size_limit();
    // A decoder's panic on a hostile photo is caught and means "no thumbnail": not worth
    // Rust's panic message on the inspector's screen (see `media::guarded`).
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !onsite::media::guarding() {
            previous(info);
        }
    }));
    let args = onsite::cli::Args::parse();
    if args.command.is_some() {
        onsite::interrupt::catch();
    }
    // Buffered: `onsite list` of 10,000 visits is one write, not 10,000 (stdout is
    // line-buffered). Flushed below, and before the TUI takes the terminal.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let mut stderr = std::io::stderr().lock();
    let outcome = onsite::cli::run(&args, &mut stdout, &mut stderr)
        .and_then(|code| stdout.flush().map(|()| code));
    if onsite::interrupt::requested() {
        let _ = writeln!(
            std::io::stderr(),
            "onsite: {}",
            onsite::cli::interrupted_text(&args)
        );
        return ExitCode::from(onsite::interrupt::EXIT_CODE);
    }
    match outcome {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`onsite rubric list | head`) is not worth a message.
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                // Not `eprintln!`: it panics when stderr is gone (a closed terminal).
                let _ = writeln!(std::io::stderr(), "onsite: {error}");
            }
            ExitCode::from(2)
        }
    }
}
