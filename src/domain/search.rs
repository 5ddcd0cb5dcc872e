//! Finding text as Vietnamese users type it: often without an input method, so `bien ten`
//! must find "Biển tên" and `thach` "Thạch Hà", `dia` "Địa". A match that keeps the
//! diacritics the user typed ranks before one found only by ignoring them.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How well a text matches a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hit {
    /// Contains the query as typed, ignoring only case.
    Exact,
    /// Contains it once diacritics are ignored too (`đ` counts as `d`).
    Folded,
}

/// `text` without case and diacritics: decomposed (NFD), combining marks dropped, `đ` and
/// `Đ` (a letter of their own, not a `d` with a mark) made `d`, lower-cased.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Case only: NFC then lower-cased, so a decomposed "Biển" still equals a composed one.
fn lower(text: &str) -> String {
    text.nfc().collect::<String>().to_lowercase()
}

/// What the user typed, ready to match: lower-cased and folded once, not once per text it is
/// compared with (the list filter runs over every visit on every key).
pub struct Query {
    lower: String,
    folded: String,
}

impl Query {
    pub fn new(typed: &str) -> Query {
        Query {
            lower: lower(typed),
            folded: fold(typed),
        }
    }

    /// Whether `text` starts with the query, ignoring case only (an id prefix).
    pub fn starts(&self, text: &str) -> bool {
        lower(text).starts_with(&self.lower)
    }

    /// How `text` matches, if at all. An empty query matches everything exactly.
    pub fn find(&self, text: &str) -> Option<Hit> {
        if lower(text).contains(&self.lower) {
            Some(Hit::Exact)
        } else if fold(text).contains(&self.folded) {
            Some(Hit::Folded)
        } else {
            None
        }
    }

    /// The best hit in any of `texts`.
    pub fn find_any<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> Option<Hit> {
        texts.into_iter().filter_map(|text| self.find(text)).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, query: &str) -> Option<Hit> {
        Query::new(query).find(text)
    }

    #[test]
    fn typing_without_marks_finds_the_marked_text() {
        assert_eq!(find("Biển tên cơ quan", "bien ten"), Some(Hit::Folded));
        assert_eq!(find("Huyện Thạch Hà", "thach"), Some(Hit::Folded));
        assert_eq!(find("Đường dây nóng", "duong day"), Some(Hit::Folded));
        assert_eq!(find("địa chỉ", "DIA"), Some(Hit::Folded));
    }

    #[test]
    fn the_marks_typed_rank_first_and_wrong_marks_still_find() {
        assert_eq!(find("Biển tên", "biển"), Some(Hit::Exact));
        assert_eq!(find("BIỂN TÊN", "biển"), Some(Hit::Exact));
        assert_eq!(find("Biến động", "biển"), Some(Hit::Folded));
        assert!(Hit::Exact < Hit::Folded);
    }

    #[test]
    fn decomposed_text_matches_composed_queries() {
        let decomposed: String = "Thạch Hà".nfd().collect();
        assert_eq!(find(&decomposed, "Thạch"), Some(Hit::Exact));
    }

    #[test]
    fn nothing_found_is_none() {
        assert_eq!(find("Hà Tĩnh", "nghệ"), None);
        assert_eq!(Query::new("c").find_any(["a", "b"]), None);
        assert_eq!(
            Query::new("thach").find_any(["Thạch", "thach"]),
            Some(Hit::Exact)
        );
        assert!(Query::new("01kab").starts("01KAB8C2"));
    }
}
