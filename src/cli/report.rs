//! `onsite report VISIT [--format html|docx|md] [-o FILE] [--no-evidence]`: the inspection
//! minutes, with the visit's evidence unless left out.

use std::path::Path;

use super::{CliError, Context, ReportFormat};
use crate::report;
use crate::service;

fn format_of(format: ReportFormat) -> report::Format {
    match format {
        ReportFormat::Html => report::Format::Html,
        ReportFormat::Docx => report::Format::Docx,
        ReportFormat::Md => report::Format::Markdown,
    }
}

pub fn run(
    cx: &mut Context<'_>,
    visit: &str,
    format: ReportFormat,
    output: Option<&Path>,
    with_evidence: bool,
) -> Result<(), CliError> {
    let store = cx.store()?;
    let record = service::resolve(&store, visit).and_then(|id| Ok(store.record(&id)?))?;
    let format = format_of(format);
    let extension = format.extension();
    let previous = service::previous(&store, &record.state);
    let evidence = if with_evidence {
        report::evidence_of(&store, &record.state.visit.attachments)
    } else {
        report::Evidence::left_out()
    };
    let bytes = report::render_follow_up(&record, previous.as_ref(), &evidence, cx.lang, format)
        .map_err(CliError::Report)?;
    let name = report::file_name(&record, extension);
    deliver(cx, output, &name, &bytes)
}

/// Writes a made file where `-o` says (`-`: to standard output), by default as `default`
/// in the current folder, atomically, and prints the path written.
pub(super) fn deliver(
    cx: &mut Context<'_>,
    output: Option<&Path>,
    default: &str,
    bytes: &[u8],
) -> Result<(), CliError> {
    if output == Some(Path::new("-")) {
        cx.out.write_all(bytes)?;
        return Ok(());
    }
    let path = output.map_or_else(|| Path::new(".").join(default), Path::to_owned);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let written =
        crate::export::write_atomic(dir, &name, bytes).map_err(|error| CliError::Export {
            file: path.clone(),
            reason: error.to_string(),
        })?;
    writeln!(cx.out, "{}", written.display())?;
    Ok(())
}
