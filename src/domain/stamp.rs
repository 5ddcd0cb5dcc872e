//! A moment as onsite records it: to the second, with the offset it was recorded in.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;
use serde::{Deserialize, Serialize};

/// A moment with the offset it was recorded in, written as RFC 3339
/// (`2026-11-28T09:30:00+07:00`) so a reader sees the inspector's local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub instant: Timestamp,
    pub offset: Offset,
}

impl Stamp {
    /// Now, in the laptop's time zone, to the second (history is ordered by sequence
    /// number, so finer time only makes the record harder to read).
    pub fn now() -> Stamp {
        let now = jiff::ZonedDateTime::now();
        let whole = Timestamp::from_second(now.timestamp().as_second()).unwrap_or(now.timestamp());
        Stamp {
            instant: whole,
            offset: now.offset(),
        }
    }

    /// The later of two moments.
    #[must_use]
    pub fn max_by_instant(self, other: Stamp) -> Stamp {
        if other.instant > self.instant {
            other
        } else {
            self
        }
    }

    /// The local calendar date of this moment.
    pub fn date(&self) -> Date {
        self.offset.to_datetime(self.instant).date()
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.instant.display_with_offset(self.offset))
    }
}

impl std::str::FromStr for Stamp {
    type Err = jiff::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let pieces = jiff::fmt::temporal::Pieces::parse(text)?;
        let offset = pieces.to_numeric_offset().unwrap_or(Offset::UTC);
        Ok(Stamp {
            instant: text.parse()?,
            offset,
        })
    }
}

impl Serialize for Stamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A date as inspectors type it: `2026-12-31` or `31/12/2026` (also `31-12-2026`,
/// `31.12.2026`, and one-digit days and months).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    let [day, month, year] = parts.as_slice() else {
        return None;
    };
    let digits = |part: &str, most: usize| {
        !part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(day, 2) && digits(month, 2) && year.len() == 4 && digits(year, 4)) {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}
