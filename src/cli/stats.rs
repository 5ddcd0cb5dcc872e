//! `onsite stats`: the summary of many visits, one per rubric (issue 19). The figures come
//! from [`crate::domain::stats`]; this prints them as a table or as `onsite-stats/1` YAML.

use std::path::Path;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::Serialize;

use super::visit::pad;
use super::{CliError, Context, StatsFormat};
use crate::domain::scoring::Verdict;
use crate::domain::stamp::parse_date;
use crate::domain::stats::{Filter, Stats};
use crate::domain::visit::{Status, UnitKind};
use crate::strings::{Label, inert, num};

/// The arguments of `onsite stats`, as typed.
pub struct Query<'a> {
    pub rubric: Option<&'a str>,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub all: bool,
    pub format: StatsFormat,
    pub output: Option<&'a Path>,
}

pub fn run(cx: &mut Context<'_>, query: &Query<'_>) -> Result<(), CliError> {
    let t = cx.texts;
    let mut dates = [None, None];
    for (slot, text) in dates.iter_mut().zip([query.from, query.to]) {
        if let Some(text) = text {
            let date = parse_date(text).ok_or_else(|| CliError::BadDate(text.to_owned()))?;
            *slot = Some(date);
        }
    }
    let kind = query
        .kind
        .map(|text| UnitKind::named(text).ok_or_else(|| CliError::BadKind(text.to_owned())))
        .transpose()?;
    let filter = Filter {
        rubric: query.rubric.map(str::to_owned),
        from: dates[0],
        to: dates[1],
        kind,
        drafts: query.all,
    };
    let store = cx.store()?;
    let summaries = crate::stats::gather(&store, &filter)?;
    let bytes = match query.format {
        StatsFormat::Yaml => yaml(&summaries, &filter).into_bytes(),
        StatsFormat::Table if summaries.is_empty() => {
            format!("{}\n", t.stats_none(filter.drafts)).into_bytes()
        }
        StatsFormat::Table => {
            let tables: Vec<String> = summaries
                .iter()
                .map(|stats| inert(&table(cx, stats, filter.drafts)))
                .collect();
            tables.join("\n").into_bytes()
        }
        _ if summaries.is_empty() => {
            return Err(CliError::NoStatsToWrite {
                drafts: filter.drafts,
            });
        }
        StatsFormat::Html | StatsFormat::Xlsx => {
            let page = crate::stats::Page {
                filter: &filter,
                lang: cx.lang,
                made: crate::domain::visit::Stamp::now().date(),
            };
            let (bytes, name) = if query.format == StatsFormat::Html {
                let html = crate::stats::to_html(&summaries, &page);
                (html.into_bytes(), "onsite-stats.html")
            } else {
                let bytes = crate::stats::workbook(&summaries, &page)?;
                (bytes, "onsite-stats.xlsx")
            };
            return super::report::deliver(cx, query.output, name, &bytes);
        }
    };
    if let Some(path) = query.output {
        return super::report::deliver(cx, Some(path), "", &bytes);
    }
    cx.out.write_all(&bytes)?;
    Ok(())
}

/// `onsite-stats/1`: one YAML document per rubric, in one stream.
fn yaml(summaries: &[Stats], filter: &Filter) -> String {
    let documents: Vec<String> = summaries
        .iter()
        .map(|stats| {
            inert(&crate::yaml::to_string(&Document::new(stats, filter)).unwrap_or_default())
        })
        .collect();
    documents.join("---\n")
}

fn shown(value: Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), num)
}

fn table(cx: &Context<'_>, stats: &Stats, drafts: bool) -> String {
    let t = cx.texts;
    let mut text = format!(
        "{}\n",
        t.stats_heading(&stats.rubric_id, &stats.versions.join(", "))
    );
    text += &format!(
        "{}\n",
        t.stats_counts(stats.total, stats.pass, stats.fail, stats.incomplete)
    );
    if let Some(score) = stats.score {
        text += &format!(
            "{}\n",
            t.stats_scores(
                &num(score.mean),
                &num(score.median),
                &num(score.min),
                &num(score.max)
            )
        );
    }
    text += &format!("\n{}\n", t.stats_sections());
    for section in &stats.sections {
        let percent = section.mean_percent.map(|p| format!("{}%", num(p)));
        text += &format!(
            "  {:<6} {:>7}  {}\n",
            section.id,
            percent.unwrap_or_else(|| "—".into()),
            section.title
        );
    }
    if !stats.weakest.is_empty() {
        text += &format!("\n{}\n", t.stats_weakest());
        for id in &stats.weakest {
            let Some(item) = stats.items.iter().find(|i| i.id == *id) else {
                continue;
            };
            let percent = shown(item.mean_percent);
            text += &format!("  {:<6} {:>6}%  {}\n", item.id, percent, item.text);
        }
    }
    text += &format!("\n{}\n", t.stats_units());
    for unit in &stats.units {
        let draft = if drafts && unit.status == Status::Draft {
            format!(" {}", t.stats_draft_mark())
        } else {
            String::new()
        };
        let failed = if unit.failed_mandatory.is_empty() {
            String::new()
        } else {
            format!(
                "  {}: {}",
                t.label(Label::FailedCritical),
                unit.failed_mandatory.join(", ")
            )
        };
        text += &format!(
            "  {}  {}  {}  {:>5}  {}{draft}{failed}\n",
            &unit.visit[..unit.visit.len().min(12)],
            unit.date,
            pad(&unit.unit, 30),
            num(unit.score),
            t.verdict(unit.verdict),
        );
    }
    text
}

/// `onsite-stats/1`, field by field as docs/formats.md gives it.
#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    rubric: RubricOut<'a>,
    range: Range,
    visits: Counts,
    score: Score,
    sections: Vec<SectionOut<'a>>,
    items: Vec<ItemOut<'a>>,
    weakest: &'a [String],
    units: Vec<UnitOut<'a>>,
}

#[derive(Serialize)]
struct RubricOut<'a> {
    id: &'a str,
    versions: &'a [String],
}

#[derive(Serialize)]
struct Range {
    from: Option<String>,
    to: Option<String>,
}

#[derive(Serialize)]
struct Counts {
    total: usize,
    pass: usize,
    fail: usize,
    incomplete: usize,
}

#[derive(Serialize)]
struct Score {
    mean: Option<f64>,
    median: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
}

#[derive(Serialize)]
struct SectionOut<'a> {
    id: &'a str,
    title: &'a str,
    mean_percent: Option<f64>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    id: &'a str,
    text: &'a str,
    answered: usize,
    na: usize,
    mean_points: Option<f64>,
    max: f64,
    mean_percent: Option<f64>,
    zero: usize,
    critical: bool,
}

#[derive(Serialize)]
struct UnitOut<'a> {
    visit: &'a str,
    date: String,
    unit: &'a str,
    kind: &'static str,
    score: f64,
    verdict: Verdict,
    failed_mandatory: &'a [String],
    /// Only when drafts are counted (`--all`): `draft` or `finalized`.
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
}

impl<'a> Document<'a> {
    fn new(stats: &'a Stats, filter: &Filter) -> Self {
        let date = |d: Option<Date>| d.map(|d| d.to_string());
        Document {
            format: "onsite-stats/1",
            rubric: RubricOut {
                id: &stats.rubric_id,
                versions: &stats.versions,
            },
            range: Range {
                from: date(filter.from),
                to: date(filter.to),
            },
            visits: Counts {
                total: stats.total,
                pass: stats.pass,
                fail: stats.fail,
                incomplete: stats.incomplete,
            },
            score: Score {
                mean: stats.score.map(|s| float(s.mean)),
                median: stats.score.map(|s| float(s.median)),
                min: stats.score.map(|s| float(s.min)),
                max: stats.score.map(|s| float(s.max)),
            },
            sections: stats
                .sections
                .iter()
                .map(|s| SectionOut {
                    id: &s.id,
                    title: &s.title,
                    mean_percent: s.mean_percent.map(float),
                })
                .collect(),
            items: stats
                .items
                .iter()
                .map(|i| ItemOut {
                    id: &i.id,
                    text: &i.text,
                    answered: i.answered,
                    na: i.na,
                    mean_points: i.mean_points.map(float),
                    max: float(i.max),
                    mean_percent: i.mean_percent.map(float),
                    zero: i.zero,
                    critical: i.critical,
                })
                .collect(),
            weakest: &stats.weakest,
            units: stats
                .units
                .iter()
                .map(|u| UnitOut {
                    visit: &u.visit,
                    date: u.date.to_string(),
                    unit: &u.unit,
                    kind: u.kind.word(),
                    score: float(u.score),
                    verdict: u.verdict,
                    failed_mandatory: &u.failed_mandatory,
                    status: filter.drafts.then_some(u.status),
                })
                .collect(),
        }
    }
}

/// A figure as a YAML number (figures are rounded to one decimal before this).
fn float(value: Decimal) -> f64 {
    f64::try_from(value).unwrap_or(f64::NAN)
}
