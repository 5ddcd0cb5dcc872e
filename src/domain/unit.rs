//! The kinds of unit an inspection visits, and every way each kind is spelled.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// Cơ quan: a state body.
    #[default]
    CoQuan,
    /// Đơn vị: a public service unit (school, hospital, BHXH, ...).
    DonVi,
    /// Doanh nghiệp: an enterprise.
    DoanhNghiep,
}

/// How one kind is spelled. The one table of unit-kind words: the files, the command line and
/// a rubric's `unit_kinds` all read and write from here, never from a translation table (the
/// UI's labels live in `strings` and may be reworded; these may not).
pub struct Spelling {
    pub kind: UnitKind,
    /// The word both file formats write: a visit document's `unit.kind` (`onsite-visit/1`)
    /// and a rubric's `unit_kinds` (`onsite-rubric/1`). Changing it changes the formats.
    pub word: &'static str,
    /// Plain ASCII, for typing on the command line: `onsite new --kind co-quan`.
    pub slug: &'static str,
    /// The English name, accepted wherever a kind is typed.
    pub english: &'static str,
    /// The name the store's records use (serde's `snake_case` of the variant).
    pub stored: &'static str,
}

/// Every kind's spellings, in [`UnitKind::ALL`] order.
pub const SPELLINGS: [Spelling; 3] = [
    Spelling {
        kind: UnitKind::CoQuan,
        word: "cơ quan",
        slug: "co-quan",
        english: "agency",
        stored: "co_quan",
    },
    Spelling {
        kind: UnitKind::DonVi,
        word: "đơn vị",
        slug: "don-vi",
        english: "public unit",
        stored: "don_vi",
    },
    Spelling {
        kind: UnitKind::DoanhNghiep,
        word: "doanh nghiệp",
        slug: "doanh-nghiep",
        english: "enterprise",
        stored: "doanh_nghiep",
    },
];

impl UnitKind {
    pub const ALL: [UnitKind; 3] = [UnitKind::CoQuan, UnitKind::DonVi, UnitKind::DoanhNghiep];

    fn spelling(self) -> &'static Spelling {
        match self {
            UnitKind::CoQuan => &SPELLINGS[0],
            UnitKind::DonVi => &SPELLINGS[1],
            UnitKind::DoanhNghiep => &SPELLINGS[2],
        }
    }

    /// The word the files write (see [`Spelling::word`]): `cơ quan`.
    pub fn word(self) -> &'static str {
        self.spelling().word
    }

    /// The kind any of its spellings names (word, slug, English, stored name), compared after
    /// trimming, NFC and lower-casing, so `Cơ quan` and a decomposed `cơ quan` both match.
    pub fn named(text: &str) -> Option<UnitKind> {
        let text: String = text.trim().nfc().collect::<String>().to_lowercase();
        SPELLINGS
            .iter()
            .find(|s| [s.word, s.slug, s.english, s.stored].contains(&text.as_str()))
            .map(|s| s.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    /// `UnitKind::spelling` indexes the table; the store's name is what serde writes.
    #[test]
    fn the_table_has_one_row_per_kind_in_order_with_the_stored_name() {
        for (kind, spelling) in UnitKind::ALL.into_iter().zip(&SPELLINGS) {
            assert_eq!(spelling.kind, kind);
            assert_eq!(kind.spelling().kind, kind);
            let stored = serde_json::to_string(&kind).expect("a unit kind serializes");
            assert_eq!(stored, format!("\"{}\"", spelling.stored));
            for word in [
                spelling.word,
                spelling.slug,
                spelling.english,
                spelling.stored,
            ] {
                assert!(is_nfc(word) && word == word.to_lowercase(), "{word}");
                assert_eq!(UnitKind::named(word), Some(kind), "{word}");
            }
        }
    }
}
