//! `onsite completions SHELL` and `onsite man`, black-box: generated from the argument
//! definitions, they name every command, leave the hidden `onsite dev` out, and run with no
//! data folder, store or readable settings file (a broken one is not even read).

use clap::CommandFactory;
use rstest::rstest;

use crate::support::sandbox::{Run, Sandbox};

/// `onsite ARGS` with a data folder that does not exist and a settings file that is broken.
fn onsite(sandbox: &Sandbox, args: &[&str]) -> Run {
    sandbox.write_config("lang: [\n");
    sandbox.run_in_default_lang(args)
}

/// A sandbox with no inspector.
fn sandbox() -> Sandbox {
    Sandbox::new().acting_as(None)
}

/// Stdout of a run that must succeed quietly and leave no data folder behind.
fn generated(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = onsite(sandbox, args);
    assert_eq!(output.code, Some(0), "onsite {args:?}: {}", output.stderr);
    assert!(
        output.stderr.is_empty(),
        "onsite {args:?} wrote to stderr: {}",
        output.stderr
    );
    assert!(
        !sandbox.data().exists(),
        "onsite {args:?} made a data folder"
    );
    output.stdout
}

/// Every command `--help` lists, by its full name (`rubric check`, not `rubric`).
fn visible_commands() -> Vec<String> {
    fn walk(parent: &clap::Command, prefix: &str, names: &mut Vec<String>) {
        for command in parent.get_subcommands().filter(|c| !c.is_hide_set()) {
            let name = format!("{prefix}{}", command.get_name());
            if command.has_subcommands() {
                walk(command, &format!("{name} "), names);
            } else {
                names.push(name);
            }
        }
    }
    let mut names = Vec::new();
    walk(&onsite::cli::Args::command(), "", &mut names);
    names
}

#[rstest]
#[case::bash("bash")]
#[case::zsh("zsh")]
#[case::fish("fish")]
#[case::powershell("powershell")]
#[case::elvish("elvish")]
fn each_shell_gets_a_script_with_the_commands_and_without_the_hidden_ones(#[case] shell: &str) {
    let sandbox = sandbox();
    let script = generated(&sandbox, &["completions", shell]);
    for command in ["attach", "export", "sync", "minutes", "completions", "man"] {
        assert!(script.contains(command), "{shell}: no {command}");
    }
    assert!(
        !script.contains("churn"),
        "{shell}: offers the hidden `onsite dev churn`"
    );
}

/// The bash script, loaded into bash, completes a command and a flag (skipped without bash).
#[test]
fn bash_completes_a_command_and_its_flags() {
    let sandbox = sandbox();
    let script = sandbox.path("onsite.bash");
    std::fs::write(&script, generated(&sandbox, &["completions", "bash"])).expect("write");
    let complete = |words: &str, current: usize| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD={current}; \
             _onsite onsite \"${{COMP_WORDS[{current}]}}\" \"${{COMP_WORDS[{}]}}\"; \
             echo \"${{COMPREPLY[@]}}\"",
            script.display(),
            current - 1
        );
        std::process::Command::new("bash")
            .args(["--norc", "-c", &program])
            .output()
    };
    let Ok(output) = complete("onsite ex", 1) else {
        eprintln!("skipped: no bash here");
        return;
    };
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "export");
    let output = complete("onsite export --f", 2).expect("bash");
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "--format");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let sandbox = sandbox();
    let output = onsite(&sandbox, &["completions", "tcsh"]);
    assert_eq!(output.code, Some(2));
    let stderr = &output.stderr;
    assert!(
        stderr.contains("bash, elvish, fish, powershell, zsh"),
        "{stderr}"
    );
}

#[test]
fn the_man_page_has_a_title_and_every_command_with_its_options() {
    let sandbox = sandbox();
    let page = generated(&sandbox, &["man"]);
    assert!(page.contains(".TH onsite 1"), "no .TH line:\n{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    let commands = visible_commands();
    assert!(commands.len() > 30, "only {commands:?}");
    for command in &commands {
        assert!(
            page.contains(&format!(".SS \"onsite {command}\"")),
            "no section for `onsite {command}`"
        );
    }
    // A command's own flags, and the shared ones once (in OPTIONS), not under every command.
    assert!(
        page.contains(r"\-\-caption"),
        "`onsite attach --caption` is missing"
    );
    assert_eq!(page.matches(r"\fB\-\-data\-dir\fR \fI").count(), 1);
    assert!(
        !page.contains("churn"),
        "the hidden `onsite dev churn` is shown"
    );
}

/// groff reads the page without a warning (skipped without groff).
#[test]
fn groff_reads_the_man_page_cleanly() {
    let sandbox = sandbox();
    let page = sandbox.path("onsite.1");
    std::fs::write(&page, generated(&sandbox, &["man"])).expect("write the page");
    // -k: the page is UTF-8 (Vietnamese), as `man` itself reads it; -ww: every warning.
    let Ok(output) = std::process::Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(&page)
        .output()
    else {
        eprintln!("skipped: no groff here");
        return;
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.is_empty(),
        "groff: {stderr}"
    );
}
