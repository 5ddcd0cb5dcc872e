//! `onsite rubric check|list|show`.

use std::io;
use std::path::Path;
use std::process::ExitCode;

use super::error::diagnostic_lines;
use super::{CliError, Context, Exit};
use crate::catalog::{Catalog, FileProblem, Origin};
use crate::domain::rubric::{Item, ItemKind, Rubric};
use crate::rubric_file::{self, Diagnostic};
use crate::strings::{Label, inert, num};

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `file:line:col: message` for each problem, to the output or to the error stream.
fn write_diagnostics(
    cx: &mut Context<'_>,
    origin: &str,
    diagnostics: &[Diagnostic],
    to_err: bool,
) -> io::Result<()> {
    for line in diagnostic_lines(cx.texts, origin, diagnostics) {
        let sink = if to_err { &mut *cx.err } else { &mut *cx.out };
        writeln!(sink, "{line}")?;
    }
    Ok(())
}

/// Prints `ok: …` or every problem of each file; exit code 1 when a file has any.
pub fn check(cx: &mut Context<'_>, files: &[std::path::PathBuf]) -> Exit {
    let mut all_ok = true;
    for file in files {
        let origin = file.display().to_string();
        match rubric_file::read(file) {
            Ok(rubric) => {
                let line = cx.texts.check_ok(
                    &rubric.id,
                    &rubric.version,
                    rubric.item_count(),
                    rubric.nominal_total(),
                );
                writeln!(cx.out, "{}", inert(&line))?;
            }
            Err(diagnostics) => {
                all_ok = false;
                write_diagnostics(cx, &origin, &diagnostics, false)?;
            }
        }
    }
    Ok(exit(all_ok))
}

/// Reports the files of the user's folder that were left out; true when there were none.
fn report_problems(catalog: &Catalog, cx: &mut Context<'_>) -> io::Result<bool> {
    for problem in &catalog.problems {
        writeln!(cx.err, "{}", inert(&cx.texts.file_problem_head(problem)))?;
        if let FileProblem::Invalid {
            origin,
            diagnostics,
        } = problem
        {
            write_diagnostics(cx, &origin.to_string(), diagnostics, true)?;
        }
    }
    // A warning (a world-writable folder) is printed but does not fail the command.
    Ok(catalog
        .problems
        .iter()
        .all(|p| matches!(p, FileProblem::WorldWritable { .. })))
}

/// Exit code 1 when a file of the user's folder was left out.
pub fn list(cx: &mut Context<'_>) -> Exit {
    let catalog = Catalog::load(cx.paths.user_rubrics.as_deref());
    if catalog.entries.is_empty() {
        writeln!(cx.out, "{}", cx.texts.label(Label::NoRubrics))?;
    }
    // Earlier shipped versions last, with where they live: only `ID@VERSION` picks them.
    let rows = || {
        let current = catalog.entries.iter().map(|entry| (entry, false));
        current.chain(catalog.superseded.iter().map(|entry| (entry, true)))
    };
    let id_width = rows().map(|(e, _)| e.rubric.id.len()).max().unwrap_or(0);
    let version_width = rows()
        .map(|(e, _)| e.rubric.version.len())
        .max()
        .unwrap_or(0);
    for (entry, superseded) in rows() {
        let rubric = &entry.rubric;
        let source = match &entry.origin {
            Origin::Shipped(_) if superseded => format!("  [{}]", entry.origin),
            Origin::Shipped(_) => String::new(),
            Origin::File(path) => format!("  [{}]", path.display()),
        };
        let line = format!(
            "{:id_width$}  {:version_width$}  {:>3} {}  {:>5} {}  {}{source}",
            rubric.id,
            rubric.version,
            rubric.item_count(),
            cx.texts.label(Label::ItemsUnit),
            num(rubric.nominal_total()),
            cx.texts.label(Label::Points),
            rubric.title_in(cx.lang),
        );
        writeln!(cx.out, "{}", inert(&line))?;
    }
    Ok(exit(report_problems(&catalog, cx)?))
}

pub fn show(cx: &mut Context<'_>, query: &str) -> Result<(), CliError> {
    let looks_like_file = query.contains('/')
        || Path::new(query)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"));
    if looks_like_file {
        let rubric =
            rubric_file::read(Path::new(query)).map_err(|diagnostics| CliError::InvalidRubric {
                origin: query.to_owned(),
                diagnostics,
            })?;
        return Ok(write_outline(&rubric, cx)?);
    }
    let catalog = Catalog::load(cx.paths.user_rubrics.as_deref());
    let entry = catalog.find(query)?;
    Ok(write_outline(&entry.rubric, cx)?)
}

fn write_outline(rubric: &Rubric, cx: &mut Context<'_>) -> io::Result<()> {
    let t = cx.texts;
    let lang = cx.lang;
    let mut text = format!(
        "{}\n{}: {} · {}: {} · {}: {} · {}: {}\n",
        rubric.title_in(lang),
        t.label(Label::Id),
        rubric.id,
        t.label(Label::Version),
        rubric.version,
        t.label(Label::Items),
        rubric.item_count(),
        t.label(Label::Total),
        num(rubric.nominal_total()),
    );
    if let Some(basis) = rubric.basis_in(lang) {
        text += &format!("{}: {basis}\n", t.label(Label::Basis));
    }
    if let Some(notice) = rubric.notice_in(lang) {
        text += &format!("{}: {}\n", t.label(Label::Notice), notice.trim_end());
    }
    let pass = &rubric.pass;
    text += &format!(
        "{}: {}\n",
        t.label(Label::PassRule),
        t.pass_rule(pass.min_score, pass.min_section_percent)
    );
    if !rubric.bands.is_empty() {
        let bands: Vec<String> = rubric
            .bands
            .iter()
            .map(|band| format!("≥{} {}", num(band.min_score), band.label_in(lang)))
            .collect();
        text += &format!("{}: {}\n", t.label(Label::Bands), bands.join(" · "));
    }
    for section in &rubric.sections {
        text += &format!(
            "\n{}  {}  ({} {})\n",
            section.id,
            section.title_in(lang),
            num(section.max_points()),
            t.label(Label::Points)
        );
        for item in &section.items {
            text += &format!(
                "  {:<6} {}  [{}]\n",
                item.id,
                item.text_in(lang),
                answer_spec(item, cx)
            );
        }
    }
    write!(cx.out, "{}", inert(&text))
}

/// How an item is answered, e.g. `10, bước 0.5`, `đạt/không đạt 4 · điểm liệt`.
fn answer_spec(item: &Item, cx: &Context<'_>) -> String {
    let t = cx.texts;
    let mut spec = match item.kind {
        ItemKind::Points if item.step.is_some() => format!(
            "{} {} ({} {})",
            num(item.max_points()),
            t.label(Label::Points),
            t.label(Label::Step),
            num(item.step())
        ),
        ItemKind::Points => format!("{} {}", num(item.max_points()), t.label(Label::Points)),
        ItemKind::Check => format!(
            "{} {}",
            t.item_kind(ItemKind::Check),
            num(item.max_points())
        ),
        ItemKind::Levels => item
            .levels
            .iter()
            .map(|level| format!("{} {}", level.label_in(cx.lang), num(level.points)))
            .collect::<Vec<_>>()
            .join(" / "),
    };
    if item.critical {
        spec += &format!(" · {}", t.label(Label::Critical).to_uppercase());
    }
    if item.na {
        spec += &format!(" · {}", t.label(Label::NaAllowed));
    }
    spec
}
