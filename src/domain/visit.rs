//! A visit (lần kiểm tra): the unit visited, the team, the answers and notes, the findings.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::action::Action;
use super::answer::Answer;
use super::evidence::Attachment;
use super::rubric::Rubric;
use super::scoring::{self, Answers, Scorecard, Verdict};
pub use super::stamp::Stamp;
pub use super::unit::UnitKind;

/// A member's role in the inspection team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Trưởng đoàn: leads the team and signs the minutes.
    TruongDoan,
    /// Phó trưởng đoàn: deputy leader.
    PhoTruongDoan,
    #[default]
    /// Thành viên.
    ThanhVien,
    /// Thư ký: keeps the minutes.
    ThuKy,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::TruongDoan,
        Role::PhoTruongDoan,
        Role::ThanhVien,
        Role::ThuKy,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub role: Role,
    /// Chức vụ, as the minutes list it ("Phó Chủ tịch LĐLĐ tỉnh"); empty if not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
    /// Cơ quan the member comes from; empty if not given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agency: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Unit {
    pub name: String,
    pub kind: UnitKind,
    #[serde(default)]
    pub address: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Finalized,
}

/// The free-text conclusions of the visit, as in the biên bản.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Findings {
    /// Ưu điểm.
    #[serde(default)]
    pub strengths: String,
    /// Tồn tại, hạn chế.
    #[serde(default)]
    pub shortcomings: String,
    /// Kiến nghị.
    #[serde(default)]
    pub recommendations: String,
    /// Kết luận.
    #[serde(default)]
    pub conclusion: String,
    /// For the biên bản: the inspecting body (đoàn / ban chỉ đạo / LĐLĐ).
    #[serde(default)]
    pub body: String,
    /// Số biên bản.
    #[serde(default)]
    pub number: String,
    /// Căn cứ: the plan or decision the inspection follows.
    #[serde(default)]
    pub basis: String,
    /// Địa điểm.
    #[serde(default)]
    pub place: String,
    /// Start time, as written (e.g. `08:30`).
    #[serde(default)]
    pub started: String,
    #[serde(default)]
    pub ended: String,
    /// The unit's representatives, one per line: `Name — position`.
    #[serde(default)]
    pub representatives: String,
    /// Cơ quan chủ quản: the body above the inspecting body, printed above it.
    #[serde(default)]
    pub governing_body: String,
    /// Địa danh of "Hà Tĩnh, ngày …" (the place is the unit's premises).
    #[serde(default)]
    pub locality: String,
    /// Ý kiến của đơn vị được kiểm tra, written before the signatures.
    #[serde(default)]
    pub unit_comments: String,
    /// Nơi nhận, one per line ("Lưu: VT, HS." is always added).
    #[serde(default)]
    pub recipients: String,
    /// How many copies the minutes are made in (a whole number; 2 when empty).
    #[serde(default)]
    pub copies: String,
    /// The recognition the visit serves: [`RECOGNITION_FIRST`] or [`RECOGNITION_RENEWAL`].
    #[serde(default)]
    pub recognition: String,
    /// The year the unit registered for the title (a four-digit year).
    #[serde(default)]
    pub registered: String,
    /// The period the recognition covers, as written ("2024–2025").
    #[serde(default)]
    pub period: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingField {
    Strengths,
    Shortcomings,
    Recommendations,
    Conclusion,
    Body,
    Number,
    Basis,
    Place,
    Started,
    Ended,
    Representatives,
    GoverningBody,
    Locality,
    UnitComments,
    Recipients,
    Copies,
    Recognition,
    Registered,
    Period,
}

impl FindingField {
    /// The four findings of the minutes (ưu điểm, tồn tại hạn chế, kiến nghị, kết luận).
    pub const FINDINGS: [FindingField; 4] = [
        FindingField::Strengths,
        FindingField::Shortcomings,
        FindingField::Recommendations,
        FindingField::Conclusion,
    ];
    /// The minutes' other details: who inspected, on what basis, where, when, with whom, for
    /// which recognition. They do not change the score, so they stay editable after finalize.
    pub const MINUTES: [FindingField; 15] = [
        FindingField::GoverningBody,
        FindingField::Body,
        FindingField::Number,
        FindingField::Locality,
        FindingField::Basis,
        FindingField::Recognition,
        FindingField::Registered,
        FindingField::Period,
        FindingField::Place,
        FindingField::Started,
        FindingField::Ended,
        FindingField::Representatives,
        FindingField::UnitComments,
        FindingField::Recipients,
        FindingField::Copies,
    ];

    /// Whether this is a detail of the minutes (editable after finalize), not a finding.
    pub fn is_minutes(self) -> bool {
        Self::MINUTES.contains(&self)
    }
    /// Every text field: the findings, then the minutes' details.
    pub fn all() -> impl Iterator<Item = FindingField> {
        Self::FINDINGS.into_iter().chain(Self::MINUTES)
    }
}

impl Findings {
    pub fn get(&self, field: FindingField) -> &str {
        match field {
            FindingField::Strengths => &self.strengths,
            FindingField::Shortcomings => &self.shortcomings,
            FindingField::Recommendations => &self.recommendations,
            FindingField::Conclusion => &self.conclusion,
            FindingField::Body => &self.body,
            FindingField::Number => &self.number,
            FindingField::Basis => &self.basis,
            FindingField::Place => &self.place,
            FindingField::Started => &self.started,
            FindingField::Ended => &self.ended,
            FindingField::Representatives => &self.representatives,
            FindingField::GoverningBody => &self.governing_body,
            FindingField::Locality => &self.locality,
            FindingField::UnitComments => &self.unit_comments,
            FindingField::Recipients => &self.recipients,
            FindingField::Copies => &self.copies,
            FindingField::Recognition => &self.recognition,
            FindingField::Registered => &self.registered,
            FindingField::Period => &self.period,
        }
    }

    pub fn get_mut(&mut self, field: FindingField) -> &mut String {
        match field {
            FindingField::Strengths => &mut self.strengths,
            FindingField::Shortcomings => &mut self.shortcomings,
            FindingField::Recommendations => &mut self.recommendations,
            FindingField::Conclusion => &mut self.conclusion,
            FindingField::Body => &mut self.body,
            FindingField::Number => &mut self.number,
            FindingField::Basis => &mut self.basis,
            FindingField::Place => &mut self.place,
            FindingField::Started => &mut self.started,
            FindingField::Ended => &mut self.ended,
            FindingField::Representatives => &mut self.representatives,
            FindingField::GoverningBody => &mut self.governing_body,
            FindingField::Locality => &mut self.locality,
            FindingField::UnitComments => &mut self.unit_comments,
            FindingField::Recipients => &mut self.recipients,
            FindingField::Copies => &mut self.copies,
            FindingField::Recognition => &mut self.recognition,
            FindingField::Registered => &mut self.registered,
            FindingField::Period => &mut self.period,
        }
    }
}

/// Which rubric a visit was scored against; the digest pins the exact content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
    /// `sha256:<hex>` of the rubric's canonical form.
    pub digest: String,
}

impl RubricRef {
    /// The digest as people compare it: `sha256:27d888de…` → `27d888de`.
    pub fn digest_prefix(&self) -> &str {
        let hex = self.digest.trim_start_matches("sha256:");
        hex.get(..8).unwrap_or(hex)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    /// A ULID: unique across laptops and sortable by creation time.
    pub id: String,
    pub unit: Unit,
    pub date: Date,
    pub team: Vec<Member>,
    pub status: Status,
    pub created_at: Stamp,
    pub updated_at: Stamp,
    #[serde(default)]
    pub finalized_at: Option<Stamp>,
    #[serde(default)]
    pub findings: Findings,
    pub rubric: RubricRef,
    /// Set while the visit is in the trash.
    #[serde(default)]
    pub deleted_at: Option<Stamp>,
    /// The visit this one checks again (kiểm tra lại / phúc tra), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_of: Option<String>,
    /// Corrective actions, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Evidence attached to items, in the order it was attached.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

impl Visit {
    pub fn action(&self, id: &str) -> Option<&Action> {
        self.actions.iter().find(|a| a.id() == id)
    }

    pub fn action_mut(&mut self, id: &str) -> Option<&mut Action> {
        self.actions.iter_mut().find(|a| a.id() == id)
    }

    pub fn attachment(&self, id: &str) -> Option<&Attachment> {
        self.attachments.iter().find(|a| a.id() == id)
    }

    /// The evidence attached to `item`, in the order it was attached.
    pub fn evidence_of<'v>(&'v self, item: &'v str) -> impl Iterator<Item = &'v Attachment> + 'v {
        self.attachments
            .iter()
            .filter(move |a| a.added.item == item)
    }
}

/// The answer and note of one item, with who touched it last and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    #[serde(default)]
    pub answer: Option<Answer>,
    #[serde(default)]
    pub note: String,
    pub by: String,
    pub at: Stamp,
}

impl Response {
    pub fn is_empty(&self) -> bool {
        self.answer.is_none() && self.note.is_empty()
    }
}

/// A visit with its responses: everything needed to score and show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitState {
    pub visit: Visit,
    pub responses: BTreeMap<String, Response>,
}

impl VisitState {
    pub fn answers(&self) -> Answers {
        self.responses
            .iter()
            .filter_map(|(item, response)| Some((item.clone(), response.answer.clone()?)))
            .collect()
    }

    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.responses.get(item)?.answer.as_ref()
    }

    pub fn note(&self, item: &str) -> &str {
        self.responses
            .get(item)
            .map_or("", |response| response.note.as_str())
    }

    pub fn score(&self, rubric: &Rubric) -> Scorecard {
        scoring::score(rubric, &self.answers())
    }

    pub fn summary(&self, rubric: &Rubric) -> VisitSummary {
        let card = self.score(rubric);
        let visit = &self.visit;
        VisitSummary {
            id: visit.id.clone(),
            unit: visit.unit.name.clone(),
            kind: visit.unit.kind,
            date: visit.date,
            rubric_id: visit.rubric.id.clone(),
            rubric_version: visit.rubric.version.clone(),
            status: visit.status,
            answered: card.answered,
            item_count: card.item_count,
            score: scoring::round1(card.score),
            nominal_total: card.nominal_total,
            verdict: card.verdict,
            band: card
                .band
                .and_then(|b| rubric.bands.get(b))
                .map(|band| band.label.clone()),
            updated_at: visit.updated_at,
            deleted: visit.deleted_at.is_some(),
            last_seq: 0,
        }
    }
}

/// What the visit list shows, kept apart so listing never reads every visit's answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSummary {
    pub id: String,
    pub unit: String,
    pub kind: UnitKind,
    pub date: Date,
    pub rubric_id: String,
    pub rubric_version: String,
    pub status: Status,
    pub answered: usize,
    pub item_count: usize,
    pub score: rust_decimal::Decimal,
    pub nominal_total: rust_decimal::Decimal,
    pub verdict: Verdict,
    pub band: Option<String>,
    pub updated_at: Stamp,
    pub deleted: bool,
    /// The number of the visit's last change (set by the store; 0 in summaries written
    /// before it was kept). Lets sync see a change without reading the history.
    #[serde(default)]
    pub last_seq: u64,
}

pub use super::minutes::parse_clock;

/// The first 10 characters of a ULID, as people name an action or a visit.
pub fn short_id(id: &str) -> &str {
    id.get(..10).unwrap_or(id)
}
