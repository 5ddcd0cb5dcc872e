//! `onsite stats --format html`: the summary as one self-contained page (inline CSS with an
//! A4 print stylesheet, inline SVG charts, no scripts or files from elsewhere): per rubric,
//! the counts and scores, a bar chart of section means, the distribution of scores, the
//! weakest criteria, every unit's row and every criterion's figures. Every text from a
//! visit or a rubric goes through maud, which escapes it.

use jiff::civil::Date;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use rust_decimal::Decimal;

use crate::domain::rubric::Lang;
use crate::domain::stats::{Filter, Stats, distribution};
use crate::domain::visit::Status;
use crate::strings::{StatsLabel as L, Texts, inert, num, texts};

const STYLE: &str = r#"
body { font-family: "Times New Roman", Times, serif; font-size: 12pt; color: #000; background: #fff;
       max-width: 180mm; margin: 1em auto; padding: 0 1em; line-height: 1.3; }
h1 { text-align: center; font-size: 15pt; margin: .6em 0 .2em; }
h2 { font-size: 13pt; margin: 1.2em 0 .3em; border-bottom: 1px solid #000; }
h3 { font-size: 12pt; margin: 1em 0 .3em; }
p.scope { text-align: center; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; margin: .3em 0; font-size: 11pt; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
tr.fail td.verdict { color: #a00; font-weight: bold; }
tr.draft td { font-style: italic; }
td.critical { color: #a00; }
figure { margin: .4em 0; }
figcaption { font-size: 10pt; font-style: italic; }
footer { margin-top: 2em; font-size: 10pt; font-style: italic; }
@page { size: A4; margin: 15mm 15mm 15mm 20mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; }
  section.rubric + section.rubric { break-before: page; }
  tr, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

/// What one page needs besides the summaries.
pub struct Page<'a> {
    pub filter: &'a Filter,
    pub lang: Lang,
    /// The day the page is made, printed at its foot.
    pub made: Date,
}

/// How many bands the distribution of scores has.
const BANDS: usize = 10;

/// The page of `summaries` (one section per rubric).
pub fn to_html(summaries: &[Stats], page: &Page<'_>) -> String {
    let t = texts(page.lang);
    let lang = match page.lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    };
    html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (t.stats_label(L::Title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (t.stats_label(L::Title)) }
                p.scope { (scope(t, page)) }
                @for stats in summaries { (rubric(t, stats, page)) }
                footer { (t.stats_label(L::Made)) " " (t.short_date(page.made)) }
            }
        }
    }
    .into_string()
}

/// The range counted: "01/01/2026 – không giới hạn".
pub(super) fn period(t: &dyn Texts, filter: &Filter) -> String {
    let end = |date: Option<Date>| {
        date.map_or_else(|| t.stats_label(L::Open).to_owned(), |d| t.short_date(d))
    };
    format!("{} – {}", end(filter.from), end(filter.to))
}

/// "Period: 01/01/2026 – không giới hạn · Kind: cơ quan · drafts counted".
fn scope(t: &dyn Texts, page: &Page<'_>) -> String {
    let mut text = format!("{}: {}", t.stats_label(L::Period), period(t, page.filter));
    if let Some(kind) = page.filter.kind {
        text += &format!(" · {}: {}", t.stats_label(L::Kind), t.unit_kind(kind));
    }
    if page.filter.drafts {
        text += &format!(" · {}", t.stats_label(L::DraftsCounted));
    }
    text
}

fn number(t: &dyn Texts, value: Decimal) -> String {
    t.report_number(num(value))
}

fn maybe(t: &dyn Texts, value: Option<Decimal>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| number(t, v))
}

fn rubric(t: &dyn Texts, stats: &Stats, page: &Page<'_>) -> Markup {
    let spread = stats.score;
    html! {
        section.rubric {
            h2 { (t.stats_label(L::Rubric)) " " (inert(&stats.rubric_id)) " — " (inert(&stats.title)) }
            p { (t.stats_label(L::Versions)) ": " (inert(&stats.versions.join(", "))) }
            table.figures {
                thead { tr {
                    th { (t.stats_label(L::Visits)) } th { (t.stats_label(L::Pass)) }
                    th { (t.stats_label(L::Fail)) } th { (t.stats_label(L::Incomplete)) }
                    th { (t.stats_label(L::Mean)) } th { (t.stats_label(L::Median)) }
                    th { (t.stats_label(L::Min)) } th { (t.stats_label(L::Max)) }
                } }
                tbody { tr {
                    td.num { (stats.total) } td.num { (stats.pass) }
                    td.num { (stats.fail) } td.num { (stats.incomplete) }
                    td.num { (maybe(t, spread.map(|s| s.mean))) }
                    td.num { (maybe(t, spread.map(|s| s.median))) }
                    td.num { (maybe(t, spread.map(|s| s.min))) }
                    td.num { (maybe(t, spread.map(|s| s.max))) }
                } }
            }
            h3 { (t.stats_sections()) }
            (section_chart(t, stats))
            h3 { (t.stats_label(L::Distribution)) }
            (score_chart(t, stats))
            @if !stats.weakest.is_empty() {
                h3 { (t.stats_weakest()) }
                (items_table(t, stats.weakest.iter().filter_map(|id| stats.items.iter().find(|i| i.id == *id))))
            }
            h3 { (t.stats_units()) }
            (units(t, stats, page.filter.drafts))
            h3 { (t.stats_label(L::Items)) }
            (items_table(t, stats.items.iter()))
        }
    }
}

/// One horizontal bar per section: its mean share of points.
fn section_chart(t: &dyn Texts, stats: &Stats) -> Markup {
    let (width, row, label_width) = (640u32, 24u32, 250u32);
    let bar_width = width - label_width - 60;
    let count = u32::try_from(stats.sections.len()).unwrap_or(0);
    let height = count * row + 8;
    html! {
        figure.sections {
            svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                viewBox=(format!("0 0 {width} {height}")) role="img" aria-label=(t.stats_sections()) {
                @for (index, section) in stats.sections.iter().enumerate() {
                    @let y = u32::try_from(index).unwrap_or(0) * row + 4;
                    @let bar = section.mean_percent.map_or(0, |p| scale(p, Decimal::ONE_HUNDRED, bar_width));
                    text x="0" y=(y + 14) font-size="12" { (inert(&format!("{} {}", section.id, section.title)).chars().take(38).collect::<String>()) }
                    rect x=(label_width) y=(y) width=(bar_width) height="17" fill="#eee" stroke="#999" {}
                    rect.bar x=(label_width) y=(y) width=(bar) height="17" fill="#555" {}
                    text x=(label_width + bar_width + 6) y=(y + 14) font-size="12" {
                        (section.mean_percent.map_or_else(|| "—".to_owned(), |p| format!("{}%", number(t, p))))
                    }
                }
            }
        }
    }
}

/// Columns of visits per band of scores, with the newest version's pass line.
fn score_chart(t: &dyn Texts, stats: &Stats) -> Markup {
    let bins = distribution(stats, BANDS);
    let (width, plot_height, column) = (640u32, 160u32, 56u32);
    let height = plot_height + 44;
    let most = bins.iter().map(|b| b.visits).max().unwrap_or(0).max(1);
    let plot_width = column * u32::try_from(bins.len()).unwrap_or(0);
    let pass_x = 20 + scale(stats.pass_score, stats.out_of, plot_width);
    html! {
        figure.distribution {
            svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                viewBox=(format!("0 0 {width} {height}")) role="img" aria-label=(t.stats_label(L::Distribution)) {
                @for (index, bin) in bins.iter().enumerate() {
                    @let x = 20 + u32::try_from(index).unwrap_or(0) * column;
                    @let tall = u32::try_from(bin.visits * 140 / most).unwrap_or(0);
                    rect.bar x=(x + 4) y=(plot_height - tall) width=(column - 8) height=(tall) fill="#555" {}
                    @if bin.visits > 0 {
                        text x=(x + column / 2) y=(plot_height - tall - 4) font-size="12" text-anchor="middle" { (bin.visits) }
                    }
                    text x=(x + column / 2) y=(plot_height + 16) font-size="11" text-anchor="middle" {
                        (number(t, bin.from.round_dp(1))) "–" (number(t, bin.to.round_dp(1)))
                    }
                }
                line x1="20" x2=(20 + plot_width) y1=(plot_height) y2=(plot_height) stroke="#000" {}
                line x1=(pass_x) x2=(pass_x) y1="10" y2=(plot_height) stroke="#a00" stroke-width="2" stroke-dasharray="4 3" {}
                text x=(pass_x + 4) y=(plot_height + 34) font-size="11" fill="#a00" {
                    (t.stats_label(L::PassLine)) " " (number(t, stats.pass_score))
                }
            }
            figcaption { (t.stats_label(L::UnitsCount)) }
        }
    }
}

/// `value` of `whole` as pixels of `width` (0 when `whole` is not positive).
fn scale(value: Decimal, whole: Decimal, width: u32) -> u32 {
    if whole <= Decimal::ZERO {
        return 0;
    }
    let share = value.clamp(Decimal::ZERO, whole) / whole * Decimal::from(width);
    share.round().try_into().unwrap_or(0)
}

fn items_table<'s>(
    t: &dyn Texts,
    items: impl Iterator<Item = &'s crate::domain::stats::ItemStats>,
) -> Markup {
    html! {
        table.items {
            thead { tr {
                th { (t.stats_label(L::Item)) } th { (t.stats_label(L::Text)) }
                th { (t.stats_label(L::Answered)) } th { (t.stats_label(L::NotApplicable)) }
                th { (t.stats_label(L::MeanPoints)) } th { (t.stats_label(L::Max)) }
                th { (t.stats_label(L::MeanPercent)) } th { (t.stats_label(L::Zero)) }
            } }
            tbody {
                @for item in items {
                    tr {
                        td class=(if item.critical { "critical" } else { "" }) {
                            (inert(&item.id)) @if item.critical { " (" (t.stats_label(L::Critical)) ")" }
                        }
                        td { (inert(&item.text)) }
                        td.num { (item.answered) } td.num { (item.na) }
                        td.num { (maybe(t, item.mean_points)) } td.num { (number(t, item.max)) }
                        td.num { (maybe(t, item.mean_percent)) } td.num { (item.zero) }
                    }
                }
            }
        }
    }
}

fn units(t: &dyn Texts, stats: &Stats, drafts: bool) -> Markup {
    html! {
        table.units {
            thead { tr {
                th { (t.stats_label(L::Date)) } th { (t.stats_label(L::Unit)) }
                th { (t.stats_label(L::Kind)) } th { (t.stats_label(L::Score)) }
                th { (t.stats_label(L::Verdict)) } th { (t.stats_label(L::FailedMandatory)) }
                @if drafts { th { (t.stats_label(L::Status)) } }
                th { (t.stats_label(L::Visit)) }
            } }
            tbody {
                @for unit in &stats.units {
                    @let class = match (unit.verdict, unit.status) {
                        (_, Status::Draft) if drafts => "draft",
                        (crate::domain::scoring::Verdict::Fail, _) => "fail",
                        _ => "",
                    };
                    tr class=(class) {
                        td { (t.short_date(unit.date)) }
                        td { (inert(&unit.unit)) }
                        td { (t.unit_kind(unit.kind)) }
                        td.num { (number(t, unit.score)) }
                        td.verdict { (t.verdict(unit.verdict)) }
                        td { (inert(&unit.failed_mandatory.join(", "))) }
                        @if drafts { td { (t.status(unit.status)) } }
                        td { code { (inert(&unit.visit[..unit.visit.len().min(10)])) } }
                    }
                }
            }
        }
    }
}
