//! The inspection minutes (biên bản kiểm tra) of a visit, laid out after Nghị định
//! 30/2020/NĐ-CP, Phụ lục III, Mẫu 1.9, in three formats: a printable HTML page, an
//! editable Word file, and Markdown for e-mail or chat.
//!
//! [`build`] gathers the content once, in the chosen language, so the three writers only
//! lay it out and can never disagree on a number. The visit's evidence comes in resolved
//! ([`Evidence`], made by the caller from the store's files), so no writer reads the store.

mod cycle;
mod docx;
mod evidence;
mod html;
mod markdown;

use rust_decimal::Decimal;

use crate::document::VisitRecord;
use crate::domain::answer::Answer;
use crate::domain::rubric::Lang;
use crate::domain::scoring::{Verdict, round1};
use crate::domain::visit::{FindingField, Role, Status};
use crate::strings::{Label, ReportLabel as L, Texts, num, texts};

pub use cycle::{ActionRow, CompareRow, Comparison};
pub use docx::to_docx;
pub use evidence::{Evidence, EvidenceRow, Preview, THUMBNAIL_SIDE, from_store as evidence_of};
pub use html::to_html;
pub use markdown::to_markdown;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRow {
    pub id: String,
    pub text: String,
    /// The answer as words: the score, đạt/không đạt, the level, không áp dụng; empty if none.
    pub answer: String,
    /// Points earned, `—` for N/A or unanswered.
    pub points: String,
    pub max: String,
    pub note: String,
    pub failed_critical: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionRows {
    pub id: String,
    pub title: String,
    pub earned: String,
    pub max: String,
    /// Share of the applicable max, 0–100, for the chart; `None` when all N/A.
    pub percent: Option<Decimal>,
    pub items: Vec<ItemRow>,
}

/// Everything the minutes say, ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    pub lang: Lang,
    pub draft: bool,
    pub unanswered: usize,
    /// Cơ quan chủ quản, upper case (empty when not given).
    pub governing_body: String,
    /// The inspecting body, upper case as NĐ 30 writes the issuing body.
    pub body: String,
    pub number: String,
    /// "Hà Tĩnh, ngày 20 tháng 11 năm 2026".
    pub place_date: String,
    pub rubric_title: String,
    /// The rubric stated in full: title, id, version, digest prefix and its basis.
    pub rubric: String,
    /// The rubric's notice in the minutes' language (empty when it has none): a scale that
    /// is onsite's suggestion must not read as law on paper.
    pub scale_notice: String,
    pub basis: String,
    /// The recognition the visit serves ("công nhận lần đầu; năm đăng ký: 2024"), or empty.
    pub recognition: String,
    pub place: String,
    pub time: String,
    pub team: Vec<(String, String)>,
    pub representatives: Vec<String>,
    pub unit_name: String,
    pub unit_kind: String,
    pub unit_address: String,
    pub sections: Vec<SectionRows>,
    pub total: String,
    pub nominal_total: String,
    /// Each section's minimum share and the pass mark as a share, for the chart's line.
    pub pass_line_percent: Decimal,
    pub band: String,
    pub verdict: String,
    pub verdict_pass: bool,
    /// The team's recommendation (empty while the visit is incomplete).
    pub recommendation: String,
    pub reasons: Vec<String>,
    pub failed_critical: Vec<String>,
    pub findings: Vec<(String, String)>,
    /// Ý kiến của đơn vị được kiểm tra (dotted for handwriting when not given).
    pub unit_comments: String,
    /// "Biên bản kết thúc vào … giờ … phút, ngày …, được lập thành 02 bản …/.".
    pub closing: String,
    /// The visit's corrective actions.
    pub actions: Vec<ActionRow>,
    /// For a follow-up visit: how it compares with the visit it checks again.
    pub previous: Option<Comparison>,
    /// (role, name) for each signature block.
    pub signatures: Vec<(String, String)>,
    /// Nơi nhận, each line as printed; the archive line ("Lưu: VT, HS.") last.
    pub recipients: Vec<String>,
    /// The evidence files, numbered down the rubric; empty when there are none or they
    /// are left out (then the minutes are exactly those of a visit without evidence).
    pub evidence: Vec<EvidenceRow>,
}

impl Minutes {
    pub fn label(&self, label: L) -> &'static str {
        texts(self.lang).report_label(label)
    }

    /// A share or score as the minutes write numbers ("93,5" in Vietnamese).
    pub fn decimal(&self, value: Decimal) -> String {
        texts(self.lang).report_number(value.normalize().to_string())
    }

    /// The evidence files of criterion `item`, in the appendix's order.
    pub fn evidence_of<'m>(&'m self, item: &'m str) -> impl Iterator<Item = &'m EvidenceRow> {
        self.evidence.iter().filter(move |row| row.item == item)
    }
}

fn answer_words(t: &dyn Texts, record: &VisitRecord, id: &str) -> String {
    let answer = record.state.answer(id);
    match answer {
        None => String::new(),
        Some(Answer::Points(_)) => String::new(),
        Some(_) => t.answer(answer, &record.rubric, id),
    }
}

/// "ưu điểm" → "Ưu điểm", as a heading of the minutes.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn dotted(text: &str) -> String {
    if text.trim().is_empty() {
        "…………………………".to_owned()
    } else {
        text.trim().to_owned()
    }
}

/// Gathers the minutes of `record` in `lang`; `previous` is the visit a follow-up checks
/// again, when the store holds it; `evidence`, the visit's files as found on this laptop.
#[allow(clippy::too_many_lines)] // one field of the minutes per line
pub fn build(
    record: &VisitRecord,
    previous: Option<&VisitRecord>,
    evidence: &Evidence,
    lang: Lang,
) -> Minutes {
    let t = texts(lang);
    let num = |value: Decimal| t.report_number(num(value));
    let state = &record.state;
    let visit = &state.visit;
    let rubric = &record.rubric;
    let card = state.score(rubric);
    let details = &visit.findings;
    let sections = rubric
        .sections
        .iter()
        .zip(&card.sections)
        .map(|(section, score)| SectionRows {
            id: section.id.clone(),
            title: section.title_in(lang).to_owned(),
            earned: num(score.earned),
            max: num(score.applicable_max),
            percent: score.percent.map(round1),
            items: section
                .items
                .iter()
                .map(|item| {
                    let answer = state.answer(&item.id);
                    let points = answer
                        .and_then(|a| item.points_for(a))
                        .map_or_else(|| "—".to_owned(), num);
                    let mut words = answer_words(t, record, &item.id);
                    if matches!(answer, Some(Answer::NotApplicable)) {
                        t.report_label(L::NotApplicable).clone_into(&mut words);
                    }
                    ItemRow {
                        id: item.id.clone(),
                        text: item.text_in(lang).to_owned(),
                        answer: words,
                        points,
                        max: num(item.max_points()),
                        note: state.note(&item.id).to_owned(),
                        failed_critical: card.failed_critical.contains(&item.id),
                    }
                })
                .collect(),
        })
        .collect();
    let named = |role: Role| {
        visit
            .team
            .iter()
            .find(|m| m.role == role)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let representatives: Vec<String> = details
        .representatives
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let pass_line = match rubric.pass.min_section_percent {
        Some(percent) => percent,
        None if !card.nominal_total.is_zero() => {
            rubric.pass.min_score * Decimal::ONE_HUNDRED / card.nominal_total
        }
        None => Decimal::ZERO,
    };
    let date = visit.date;
    let or = |given: &'_ str, instead: &'_ str| -> String {
        if given.trim().is_empty() {
            instead.trim().to_owned()
        } else {
            given.trim().to_owned()
        }
    };
    // The premises default to the unit's address; the địa danh of the date line to the
    // premises, as the minutes of earlier releases printed it.
    let place_name = or(&details.place, &visit.unit.address);
    let locality = or(&details.locality, &place_name);
    let copies = details.copies.trim().parse().unwrap_or(2);
    let mut recipients: Vec<String> = details
        .recipients
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| format!("- {}", line.trim_start_matches(['-', '–']).trim()))
        .collect();
    if recipients.is_empty() {
        recipients.push(format!("- {}", t.report_label(L::DefaultRecipient)));
    }
    recipients.push(format!("- {}", t.report_label(L::Archive)));
    Minutes {
        lang,
        draft: visit.status != Status::Finalized,
        unanswered: card.unanswered.len(),
        governing_body: details.governing_body.trim().to_uppercase(),
        body: dotted(&details.body.to_uppercase()),
        number: details.number.trim().to_owned(),
        place_date: t.report_place_date(&locality, date.year(), date.month(), date.day()),
        rubric_title: rubric.title_in(lang).to_owned(),
        rubric: t.report_rubric(
            rubric.title_in(lang),
            &rubric.id,
            &rubric.version,
            visit.rubric.digest_prefix(),
            rubric.basis_in(lang).unwrap_or_default(),
        ),
        scale_notice: rubric.notice_in(lang).unwrap_or_default().to_owned(),
        basis: dotted(&details.basis),
        recognition: t.report_recognition(
            &details.recognition,
            &details.registered,
            &details.period,
        ),
        place: dotted(&place_name),
        time: t.report_time(details.started.trim(), details.ended.trim()),
        team: visit
            .team
            .iter()
            .map(|m| {
                let mut who = m.name.clone();
                for detail in [&m.position, &m.agency] {
                    if !detail.trim().is_empty() {
                        who.push_str(", ");
                        who.push_str(detail.trim());
                    }
                }
                (who, t.role(m.role).to_owned())
            })
            .collect(),
        representatives,
        unit_name: visit.unit.name.clone(),
        unit_kind: t.unit_kind(visit.unit.kind).to_owned(),
        unit_address: visit.unit.address.clone(),
        sections,
        total: num(card.score_rounded()),
        nominal_total: num(card.nominal_total),
        pass_line_percent: round1(pass_line),
        band: card
            .band
            .and_then(|b| rubric.bands.get(b))
            .map(|b| {
                if card.is_provisional() {
                    format!("{} ({})", b.label_in(lang), t.label(Label::Provisional))
                } else {
                    b.label_in(lang).to_owned()
                }
            })
            .unwrap_or_default(),
        verdict: t.verdict(card.verdict).to_owned(),
        verdict_pass: card.verdict == Verdict::Pass,
        recommendation: match card.verdict {
            Verdict::Incomplete => String::new(),
            verdict => t.report_recommendation(
                verdict == Verdict::Pass,
                &details.recognition,
                &details.period,
            ),
        },
        reasons: card.reasons.iter().map(|r| t.reason(r)).collect(),
        failed_critical: card
            .failed_critical
            .iter()
            .map(|id| format!("{id} {}", rubric.item(id).map_or("", |i| i.text_in(lang))))
            .collect(),
        findings: FindingField::FINDINGS
            .iter()
            .map(|field| {
                (
                    capitalized(t.finding(*field)),
                    details.get(*field).to_owned(),
                )
            })
            .collect(),
        unit_comments: dotted(&details.unit_comments),
        actions: cycle::action_rows(t, &visit.actions),
        previous: previous.map(|previous| cycle::compare(record, previous, lang)),
        closing: t.report_closing(
            &details.ended,
            (date.year(), date.month(), date.day()),
            copies,
        ),
        recipients,
        evidence: evidence::rows(record, evidence, lang),
        signatures: vec![
            (
                t.report_label(L::SignLeader).to_owned(),
                named(Role::TruongDoan),
            ),
            (
                t.report_label(L::SignSecretary).to_owned(),
                named(Role::ThuKy),
            ),
            (
                t.report_label(L::SignUnit).to_owned(),
                details
                    .representatives
                    .lines()
                    .next()
                    .unwrap_or("")
                    .split(" — ")
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_owned(),
            ),
        ],
    }
}

/// The formats the minutes are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Docx,
    Markdown,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Markdown => "md",
        }
    }
}

/// The minutes of `record` as the bytes of a file in `format`, without evidence.
pub fn render(record: &VisitRecord, lang: Lang, format: Format) -> Result<Vec<u8>, String> {
    render_follow_up(record, None, &Evidence::left_out(), lang, format)
}

/// Like [`render`], with the visit a follow-up checks again and the visit's evidence
/// ([`Evidence::gather`], or [`Evidence::left_out`] for the short minutes).
pub fn render_follow_up(
    record: &VisitRecord,
    previous: Option<&VisitRecord>,
    evidence: &Evidence,
    lang: Lang,
    format: Format,
) -> Result<Vec<u8>, String> {
    let minutes = build(record, previous, evidence, lang);
    match format {
        Format::Html => Ok(to_html(&minutes).into_bytes()),
        Format::Markdown => Ok(to_markdown(&minutes).into_bytes()),
        Format::Docx => to_docx(&minutes),
    }
}

/// The file name of a visit's report: like its export, with the format's extension.
pub fn file_name(record: &VisitRecord, extension: &str) -> String {
    let yaml = crate::export::file_name(record);
    format!("{}.{extension}", yaml.trim_end_matches(".yaml"))
}
