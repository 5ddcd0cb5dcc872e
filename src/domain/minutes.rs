//! The details of the minutes (biên bản) that are not findings: checked and written in one
//! canonical form before they are recorded, so the TUI, the CLI and an import agree.

use super::visit::{FindingField, Findings};

/// The recognition word for a first recognition (công nhận lần đầu), as files store it.
pub const RECOGNITION_FIRST: &str = "first";
/// The recognition word for a re-recognition (công nhận lại), as files store it.
pub const RECOGNITION_RENEWAL: &str = "renewal";

/// The most copies a minutes can be made in; more is surely a typing slip.
pub const MAX_COPIES: u32 = 20;

/// Why a detail of the minutes was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinutesError {
    #[error("\"{0}\" is not a time of day as HH:MM")]
    BadTime(String),
    #[error("the end {end} is before the start {start}")]
    EndBeforeStart { start: String, end: String },
    #[error("\"{0}\" is not a year")]
    BadYear(String),
    #[error("\"{0}\" is not a kind of recognition")]
    BadRecognition(String),
    #[error("\"{0}\" is not a number of copies")]
    BadCopies(String),
}

/// A time of day as the minutes write it, from `HH:MM` (24 hours, `8:30` or `08:30`; the
/// minutes two digits). Anything else — `25:00`, `9:5`, other digits — is `None`.
pub fn parse_clock(text: &str) -> Option<(u8, u8)> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&hours.len()) || minutes.len() != 2 || !digits(hours) || !digits(minutes) {
        return None;
    }
    let (hours, minutes): (u8, u8) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some((hours, minutes))
}

/// `text` in the form `field` is recorded in, or why it cannot be: times as `HH:MM`, the end
/// not before the start (as `recorded` holds it), the year as four digits, the recognition as
/// [`RECOGNITION_FIRST`] / [`RECOGNITION_RENEWAL`] (Vietnamese and English words accepted,
/// with or without diacritics), copies as a whole number 1–[`MAX_COPIES`]. Empty clears.
/// Other fields are free text, returned as given.
pub fn normalize(
    field: FindingField,
    text: &str,
    recorded: &Findings,
) -> Result<String, MinutesError> {
    let trimmed = text.trim();
    let checked = matches!(
        field,
        FindingField::Started
            | FindingField::Ended
            | FindingField::Registered
            | FindingField::Recognition
            | FindingField::Copies
    );
    if !checked {
        return Ok(text.to_owned());
    }
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    match field {
        FindingField::Started | FindingField::Ended => {
            let (hours, minutes) =
                parse_clock(trimmed).ok_or_else(|| MinutesError::BadTime(trimmed.to_owned()))?;
            let clock = format!("{hours:02}:{minutes:02}");
            let (start, end) = if field == FindingField::Started {
                (clock.clone(), recorded.ended.clone())
            } else {
                (recorded.started.clone(), clock.clone())
            };
            match (parse_clock(&start), parse_clock(&end)) {
                (Some(from), Some(to)) if to < from => Err(MinutesError::EndBeforeStart {
                    start: start.trim().to_owned(),
                    end: end.trim().to_owned(),
                }),
                _ => Ok(clock),
            }
        }
        FindingField::Registered => {
            let year: Option<u16> = (trimmed.len() == 4
                && trimmed.bytes().all(|b| b.is_ascii_digit()))
            .then(|| trimmed.parse().ok())
            .flatten();
            match year {
                Some(year) if (1990..=2100).contains(&year) => Ok(year.to_string()),
                _ => Err(MinutesError::BadYear(trimmed.to_owned())),
            }
        }
        FindingField::Recognition => {
            recognition(trimmed).ok_or_else(|| MinutesError::BadRecognition(trimmed.to_owned()))
        }
        FindingField::Copies => match trimmed.parse::<u32>() {
            Ok(copies)
                if (1..=MAX_COPIES).contains(&copies)
                    && trimmed.bytes().all(|b| b.is_ascii_digit()) =>
            {
                Ok(copies.to_string())
            }
            _ => Err(MinutesError::BadCopies(trimmed.to_owned())),
        },
        _ => Ok(text.to_owned()),
    }
}

/// The stored recognition word for what an inspector may type.
fn recognition(text: &str) -> Option<String> {
    use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};
    let folded: String = text
        .to_lowercase()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            '-' | '_' => ' ',
            c => c,
        })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let words: &[&str] = match words.as_slice() {
        ["cong", "nhan", rest @ ..] => rest,
        all => all,
    };
    match words {
        ["first" | "1"] | ["lan", "dau"] => Some(RECOGNITION_FIRST.to_owned()),
        ["renewal" | "again" | "lai" | "2"] => Some(RECOGNITION_RENEWAL.to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clock_times_are_24_hour_with_two_digit_minutes() {
        assert_eq!(parse_clock("08:30"), Some((8, 30)));
        assert_eq!(parse_clock("8:30"), Some((8, 30)));
        assert_eq!(parse_clock(" 23:59 "), Some((23, 59)));
        for bad in [
            "25:00",
            "9:5",
            "24:00",
            "12:60",
            "\u{661}\u{662}:00",
            "8h30",
            "",
            ":30",
            "123:00",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
    }

    #[test]
    fn details_are_recorded_in_one_form_or_refused() {
        let mut recorded = Findings::default();
        let n = |field, text: &str, recorded: &Findings| normalize(field, text, recorded);
        assert_eq!(
            n(FindingField::Started, " 8:30 ", &recorded),
            Ok("08:30".into())
        );
        recorded.started = "09:00".into();
        assert_eq!(
            n(FindingField::Ended, "8:45", &recorded),
            Err(MinutesError::EndBeforeStart {
                start: "09:00".into(),
                end: "08:45".into()
            })
        );
        assert_eq!(n(FindingField::Ended, "", &recorded), Ok(String::new()));
        assert!(n(FindingField::Started, "25:00", &recorded).is_err());
        assert_eq!(
            n(FindingField::Registered, "2024", &recorded),
            Ok("2024".into())
        );
        for bad in [
            "24",
            "20244",
            "năm 2024",
            "1800",
            "\u{662}\u{660}\u{662}\u{664}",
        ] {
            assert!(
                n(FindingField::Registered, bad, &recorded).is_err(),
                "{bad}"
            );
        }
        for first in ["lần đầu", "Công nhận lần đầu", "lan-dau", "first", "1"] {
            assert_eq!(
                n(FindingField::Recognition, first, &recorded),
                Ok(RECOGNITION_FIRST.into()),
                "{first}"
            );
        }
        for again in [
            "lại",
            "công nhận lại",
            "cong nhan lai",
            "renewal",
            "again",
            "2",
        ] {
            assert_eq!(
                n(FindingField::Recognition, again, &recorded),
                Ok(RECOGNITION_RENEWAL.into()),
                "{again}"
            );
        }
        assert!(n(FindingField::Recognition, "lần ba", &recorded).is_err());
        assert_eq!(n(FindingField::Copies, "03", &recorded), Ok("3".into()));
        for bad in ["0", "21", "-1", "hai", "+2"] {
            assert!(n(FindingField::Copies, bad, &recorded).is_err(), "{bad}");
        }
        assert_eq!(
            n(FindingField::Strengths, "  giữ nguyên  ", &recorded),
            Ok("  giữ nguyên  ".into())
        );
    }
}
