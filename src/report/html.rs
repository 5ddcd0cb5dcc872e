//! The minutes as one self-contained HTML page: inline CSS with a print stylesheet (A4, no
//! row cut across pages), an inline SVG chart, no scripts, fonts or images from elsewhere.
//! Every text from the visit goes through maud, which escapes it (`<script>` shows as text).
//! Evidence photos are inline thumbnails ([`evidence`]), so the page stays one file.

mod evidence;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use rust_decimal::Decimal;

use super::Minutes;
use crate::strings::{ReportLabel as L, inert};

const STYLE: &str = r#"
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; color: #000; background: #fff;
       max-width: 165mm; margin: 1em auto; padding: 0 1em; line-height: 1.35; }
header.national { display: flex; justify-content: space-between; text-align: center; gap: 2em;
                  font-size: 12pt; }
header.national > div:first-child { flex: 1 1 auto; }
header.national > div:last-child { flex: 0 0 auto; white-space: nowrap; }
header.national .governing { text-transform: uppercase; }
header.national .body { text-transform: uppercase; font-weight: bold; }
header.national hr.rule { width: 35%; margin: 2px auto 4px; border: 0; border-top: 1px solid #000; }
header.national .nation { font-weight: bold; }
header.national .motto { font-weight: bold; text-decoration: underline; }
.place-date { text-align: right; font-style: italic; margin: .8em 0; }
h1 { text-align: center; font-size: 15pt; margin: 1em 0 .2em; }
.subtitle { text-align: center; font-weight: bold; margin-bottom: 1em; }
h2 { font-size: 13pt; margin: 1.2em 0 .4em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
td.note { white-space: pre-wrap; }
tr.section td { font-weight: bold; background: #f5f5f5; }
tr.critical td { color: #a00; font-weight: bold; }
.verdict.pass { font-weight: bold; }
.verdict.fail { font-weight: bold; color: #a00; }
.signatures { display: flex; justify-content: space-between; text-align: center; margin-top: 2em; }
.signatures div { flex: 1; min-height: 8em; }
.hint { font-style: italic; font-size: 11pt; }
.draft-mark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; font-size: 90pt;
              color: rgba(200, 0, 0, .12); transform: rotate(-30deg); pointer-events: none; z-index: 0; }
.draft-note { border: 1px solid #a00; color: #a00; padding: .3em .6em; }
figure { margin: .6em 0; }
/* NĐ 30/2020, Phụ lục I: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; page
   numbers centred at the top from the second page. */
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
        @top-center { content: counter(page); font-family: "Times New Roman", Times, serif; font-size: 13pt; } }
@page :first { @top-center { content: none; } }
.recipients { margin-top: 2em; font-size: 11pt; }
.recipients b { font-style: italic; font-size: 12pt; }
.recipients p { margin: 0; }
@media print {
  body { margin: 0; padding: 0; max-width: none; }
  section.results { break-before: page; }
  tr, .signatures, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
"#;

fn text(value: &str) -> String {
    inert(value)
}

/// One bar per section: its share of the applicable max, with the pass line drawn.
fn chart(minutes: &Minutes) -> Markup {
    let width = 640u32;
    let row = 26u32;
    let label_width = 260u32;
    let bar_width = width - label_width - 60;
    let count = u32::try_from(minutes.sections.len()).unwrap_or(0);
    let height = count * row + 30;
    let to_px = |percent: Decimal| {
        let share =
            (percent.min(Decimal::ONE_HUNDRED) / Decimal::ONE_HUNDRED) * Decimal::from(bar_width);
        share.round().try_into().unwrap_or(0u32)
    };
    let pass_x = label_width + to_px(minutes.pass_line_percent);
    html! {
        figure {
            svg xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                viewBox=(format!("0 0 {width} {height}")) role="img" aria-label=(minutes.label(L::Chart)) {
                @for (index, section) in minutes.sections.iter().enumerate() {
                    @let y = u32::try_from(index).unwrap_or(0) * row + 4;
                    @let bar = section.percent.map_or(0, to_px);
                    text x="0" y=(y + 15) font-size="12" { (text(&format!("{} {}", section.id, section.title)).chars().take(40).collect::<String>()) }
                    rect x=(label_width) y=(y) width=(bar_width) height="18" fill="#eee" stroke="#999" {}
                    rect x=(label_width) y=(y) width=(bar) height="18" fill="#555" {}
                    text x=(label_width + bar_width + 6) y=(y + 15) font-size="12" {
                        (section.percent.map_or_else(|| "—".to_owned(), |p| format!("{}%", minutes.decimal(p))))
                    }
                }
                line x1=(pass_x) x2=(pass_x) y1="0" y2=(count * row + 8) stroke="#a00" stroke-width="2" stroke-dasharray="4 3" {}
                text x=(pass_x + 4) y=(count * row + 24) font-size="11" fill="#a00" {
                    (minutes.label(L::PassLine)) " " (minutes.decimal(minutes.pass_line_percent)) "%"
                }
            }
            figcaption { (minutes.label(L::Chart)) }
        }
    }
}

fn results(minutes: &Minutes) -> Markup {
    html! {
        table {
            thead { tr {
                th { (minutes.label(L::ColItem)) }
                th { (minutes.label(L::ColText)) }
                th { (minutes.label(L::ColAnswer)) }
                th { (minutes.label(L::ColPoints)) }
                th { (minutes.label(L::ColNote)) }
            } }
            tbody {
                @for section in &minutes.sections {
                    tr.section {
                        td { (text(&section.id)) }
                        td { (text(&section.title)) }
                        td {}
                        td.num { (section.earned) "/" (section.max) }
                        td { @if let Some(p) = section.percent { (minutes.decimal(p)) "%" } }
                    }
                    @for item in &section.items {
                        tr class=[evidence::row_class(minutes, item)] {
                            td { (text(&item.id)) }
                            td { (text(&item.text)) }
                            td { (text(&item.answer)) @if item.failed_critical { " ✗" } }
                            td.num { (item.points) "/" (item.max) }
                            td.note { (text(&item.note)) }
                        }
                        (evidence::item_row(minutes, &item.id))
                    }
                }
            }
        }
    }
}

fn action_table(minutes: &Minutes, rows: &[super::ActionRow]) -> Markup {
    html! {
        table.actions {
            thead { tr {
                th { (minutes.label(L::ColItem)) }
                th { (minutes.label(L::ColText)) }
                th { (minutes.label(L::Actions)) }
                th { (minutes.label(L::ColOwner)) }
                th { (minutes.label(L::ColDue)) }
                th { (minutes.label(L::ColStatus)) }
            } }
            tbody {
                @for (index, row) in rows.iter().enumerate() {
                    tr {
                        td { (index + 1) }
                        td { (text(&row.item)) }
                        td { (text(&row.text)) }
                        td { (text(&row.owner)) }
                        td.num { (text(&row.due)) }
                        td { (text(&row.status)) }
                    }
                }
            }
        }
    }
}

/// The follow-up's comparison and the earlier visit's actions; the visit's own actions.
fn cycle(minutes: &Minutes) -> Markup {
    html! {
        @if let Some(previous) = &minutes.previous {
            section.previous {
                h2 { (minutes.label(L::Previous)) " (" (text(&previous.date)) ")" }
                table.compare {
                    thead { tr {
                        th { (minutes.label(L::ColItem)) }
                        th { (minutes.label(L::ColStandard)) }
                        th { (minutes.label(L::ColThen)) }
                        th { (minutes.label(L::ColNow)) }
                        th { (minutes.label(L::ColChange)) }
                    } }
                    tbody {
                        @for row in &previous.rows {
                            tr {
                                td { (text(&row.id)) }
                                td { (text(&row.title)) }
                                td.num { (row.then) }
                                td.num { (row.now) }
                                td.num { (row.change) }
                            }
                        }
                    }
                }
                @if !previous.actions.is_empty() {
                    h2 { (minutes.label(L::PreviousActions)) }
                    (action_table(minutes, &previous.actions))
                }
            }
        }
        @if !minutes.actions.is_empty() {
            h2 { (minutes.label(L::Actions)) }
            (action_table(minutes, &minutes.actions))
        }
    }
}

/// The page.
pub fn to_html(minutes: &Minutes) -> String {
    let lang = match minutes.lang {
        crate::domain::rubric::Lang::Vi => "vi",
        crate::domain::rubric::Lang::En => "en",
    };
    let texts = crate::strings::texts(minutes.lang);
    let page = html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (minutes.label(L::Title)) " · " (text(&minutes.unit_name)) }
                style { (PreEscaped(STYLE)) }
                @if !minutes.evidence.is_empty() { style { (PreEscaped(evidence::STYLE)) } }
            }
            body {
                @if minutes.draft { div.draft-mark aria-hidden="true" { (minutes.label(L::Draft)) } }
                header.national {
                    div {
                        @if !minutes.governing_body.is_empty() { div.governing { (text(&minutes.governing_body)) } }
                        div.body { (text(&minutes.body)) }
                        hr.rule;
                        @if !minutes.number.is_empty() { div { (minutes.label(L::Number)) ": " (text(&minutes.number)) } }
                    }
                    div { div.nation { (minutes.label(L::Nation)) } div.motto { (minutes.label(L::Motto)) } }
                }
                p.place-date { (text(&minutes.place_date)) }
                h1 { (minutes.label(L::Title)) }
                p.subtitle { (minutes.label(L::Subtitle)) " “" (text(&minutes.rubric_title)) "”" }
                @if minutes.draft { p.draft-note { (minutes.label(L::Draft)) " — " (texts.report_draft_note(minutes.unanswered)) } }
                p { b { (minutes.label(L::Time)) ": " } (text(&minutes.time)) }
                p { b { (minutes.label(L::Place)) ": " } (text(&minutes.place)) }
                p { b { (minutes.label(L::Basis)) ": " } (text(&minutes.basis)) }
                @if !minutes.recognition.is_empty() { p.recognition { b { (minutes.label(L::Recognition)) ": " } (text(&minutes.recognition)) } }
                p.rubric { b { (minutes.label(L::Rubric)) ": " } (text(&minutes.rubric)) }
                @if !minutes.scale_notice.is_empty() { p.scale-notice { b { (minutes.label(L::ScaleNotice)) ": " } (text(&minutes.scale_notice)) } }
                h2 { (minutes.label(L::Team)) }
                ul { @for (name, role) in &minutes.team { li { (text(name)) " — " (role) } } }
                h2 { (minutes.label(L::Representatives)) }
                ul { @for name in &minutes.representatives { li { (text(name)) } } }
                h2 { (minutes.label(L::Unit)) }
                p { (minutes.label(L::UnitName)) ": " b { (text(&minutes.unit_name)) } }
                p { (minutes.label(L::UnitKind)) ": " (minutes.unit_kind) " · " (minutes.label(L::UnitAddress)) ": " (text(&minutes.unit_address)) }
                section.results {
                    h2 { (minutes.label(L::Results)) }
                    (results(minutes))
                    (chart(minutes))
                    p { b { (minutes.label(L::Total)) ": " (minutes.total) "/" (minutes.nominal_total) } }
                    @if !minutes.band.is_empty() { p { (minutes.label(L::Band)) ": " b { (text(&minutes.band)) } } }
                    p { (minutes.label(L::Verdict)) ": "
                        span class=(if minutes.verdict_pass { "verdict pass" } else { "verdict fail" }) { (minutes.verdict.to_uppercase()) } }
                    @if !minutes.recommendation.is_empty() { p.recommendation { b { (minutes.label(L::Recommendation)) ": " } (minutes.recommendation) } }
                    @if !minutes.reasons.is_empty() {
                        p { (minutes.label(L::Reasons)) ":" }
                        ul { @for reason in &minutes.reasons { li { (text(reason)) } } }
                    }
                    @if !minutes.failed_critical.is_empty() {
                        p { (minutes.label(L::FailedCritical)) ":" }
                        ul { @for item in &minutes.failed_critical { li { (text(item)) } } }
                    }
                }
                h2 { (minutes.label(L::Findings)) }
                @for (label, value) in &minutes.findings {
                    p { b { (label) ": " } }
                    @for line in value.lines() { p { (text(line)) } }
                }
                (cycle(minutes))
                h2 { (minutes.label(L::UnitComments)) }
                @for line in minutes.unit_comments.lines() { p.unit-comments { (text(line)) } }
                p { i { (minutes.label(L::Closing)) } }
                p.closing { (text(&minutes.closing)) }
                div.signatures {
                    @for (role, name) in &minutes.signatures {
                        div { b { (role) } br; span.hint { (minutes.label(L::SignHint)) } br; br; br; br; (text(name)) }
                    }
                }
                div.recipients {
                    b { (minutes.label(L::Recipients)) }
                    @for line in &minutes.recipients { p { (text(line)) } }
                }
                @if !minutes.evidence.is_empty() { (evidence::appendix(minutes)) }
            }
        }
    };
    page.into_string()
}
