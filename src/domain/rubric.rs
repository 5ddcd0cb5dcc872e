//! The rubric an inspection is scored against (file format `onsite-rubric/1`).
//!
//! These types are the file's shape one to one, so a rubric read from disk, stored with a
//! visit, and written back out is the same document. They are checked by
//! [`super::rubric_check::check`] before anything scores against them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::unit::UnitKind;

/// The exact value of a rubric's `format` key.
pub const FORMAT: &str = "onsite-rubric/1";

/// Language of the user interface and of the text picked from a rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// Vietnamese, the default.
    #[default]
    Vi,
    /// English, using the `_en` twins where a rubric has them.
    En,
}

/// Picks the English twin of a text when the UI is English and the twin exists.
fn localized<'a>(vi: &'a str, en: Option<&'a String>, lang: Lang) -> &'a str {
    match (lang, en) {
        (Lang::En, Some(en)) if !en.trim().is_empty() => en,
        _ => vi,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub format: String,
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_en: Option<String>,
    /// Shown once when a visit starts, e.g. to say the scale is only a suggestion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_en: Option<String>,
    /// The kinds of unit the rubric is written for, as the user wrote them (see
    /// [`UnitKind::named`]); empty means any kind. Never written when empty, so the digest of a
    /// rubric without the key is what it was before the key existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_kinds: Vec<String>,
    pub pass: PassRule,
    /// Tried from the top; the first whose `min_score` the score reaches names the result.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PassRule {
    /// On the rubric's nominal total (the sum of every item's max).
    pub min_score: Decimal,
    /// Each section must reach this share (0–100) of its applicable max.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_section_percent: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min_score: Decimal,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_en: Option<String>,
    pub items: Vec<Item>,
}

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A score from 0 to `max` in steps of `step`.
    #[default]
    Points,
    /// Đạt / không đạt: pass earns `max`, fail earns 0.
    Check,
    /// One of a list of named levels, each worth fixed points.
    Levels,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_en: Option<String>,
    /// What evidence the inspector looks at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis_en: Option<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: ItemKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<Level>,
    /// Điểm liệt: answered and earning 0, it fails the whole visit.
    #[serde(default, skip_serializing_if = "is_default")]
    pub critical: bool,
    /// Whether "not applicable" is an allowed answer.
    #[serde(default, skip_serializing_if = "is_default")]
    pub na: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_en: Option<String>,
    pub points: Decimal,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Rubric {
    /// Whether a visit to a unit of this kind is what the rubric is written for: true when
    /// `unit_kinds` is empty (any kind) or names the kind. An unknown word names nothing; the
    /// checker refuses it before a rubric is used.
    pub fn fits(&self, kind: UnitKind) -> bool {
        self.unit_kinds.is_empty()
            || self
                .unit_kinds
                .iter()
                .any(|word| UnitKind::named(word) == Some(kind))
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.sections.iter().flat_map(|section| &section.items)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().find(|item| item.id == id)
    }

    pub fn item_count(&self) -> usize {
        self.sections
            .iter()
            .map(|section| section.items.len())
            .sum()
    }

    /// The sum of every item's max: what a score is expressed out of.
    pub fn nominal_total(&self) -> Decimal {
        self.sections.iter().map(Section::max_points).sum()
    }

    pub fn title_in(&self, lang: Lang) -> &str {
        localized(&self.title, self.title_en.as_ref(), lang)
    }

    pub fn notice_in(&self, lang: Lang) -> Option<&str> {
        let vi = self.notice.as_deref()?;
        Some(localized(vi, self.notice_en.as_ref(), lang))
    }

    pub fn basis_in(&self, lang: Lang) -> Option<&str> {
        let vi = self.basis.as_deref()?;
        Some(localized(vi, self.basis_en.as_ref(), lang))
    }
}

impl Section {
    pub fn max_points(&self) -> Decimal {
        self.items.iter().map(Item::max_points).sum()
    }

    pub fn title_in(&self, lang: Lang) -> &str {
        localized(&self.title, self.title_en.as_ref(), lang)
    }
}

impl Item {
    /// The most this item can earn: `max`, or the best level's points for a levels item.
    pub fn max_points(&self) -> Decimal {
        match self.kind {
            ItemKind::Points | ItemKind::Check => self.max.unwrap_or_default(),
            ItemKind::Levels => self
                .levels
                .iter()
                .map(|level| level.points)
                .max()
                .unwrap_or_default(),
        }
    }

    /// The granularity of a points item's score (default 1).
    pub fn step(&self) -> Decimal {
        self.step.unwrap_or(Decimal::ONE)
    }

    pub fn text_in(&self, lang: Lang) -> &str {
        localized(&self.text, self.text_en.as_ref(), lang)
    }

    pub fn guide_in(&self, lang: Lang) -> Option<&str> {
        let vi = self.guide.as_deref()?;
        Some(localized(vi, self.guide_en.as_ref(), lang))
    }

    pub fn basis_in(&self, lang: Lang) -> Option<&str> {
        let vi = self.basis.as_deref()?;
        Some(localized(vi, self.basis_en.as_ref(), lang))
    }
}

impl Band {
    pub fn label_in(&self, lang: Lang) -> &str {
        localized(&self.label, self.label_en.as_ref(), lang)
    }
}

impl Level {
    pub fn label_in(&self, lang: Lang) -> &str {
        localized(&self.label, self.label_en.as_ref(), lang)
    }
}
