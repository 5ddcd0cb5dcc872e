//! The plan entry document (`format: onsite-plan/1`): one YAML file per entry of the
//! campaign plan, as `onsite sync` carries it (`plans/<id>.yaml`) and `onsite plan list
//! --format yaml` prints it. Kinds and roles are written with the visit document's words
//! ([`super::words`]); one set of serde types reads and writes it.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::words::{kind_from_word, kind_word, role_from_word, role_word};
use crate::domain::plan::PlanEntry;
use crate::domain::visit::{Member, Stamp, Unit};

/// The `format:` of a plan entry document.
pub const PLAN_FORMAT: &str = "onsite-plan/1";

/// A plan entry file is a few hundred bytes; anything far bigger is not one.
pub const MAX_PLAN_DOCUMENT_BYTES: u64 = 256 * 1024;

/// An entry's keys, in the order they are written (`plan list --format yaml` lists these).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFields {
    /// [`PLAN_FORMAT`] in a document of its own; left out of `plan list`'s entries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<String>,
    id: String,
    unit: UnitFields,
    date: Date,
    #[serde(default)]
    team: Vec<MemberFields>,
    rubric: String,
    /// The visit started from the entry; `null` while only planned.
    visit: Option<String>,
    imported_at: Stamp,
    imported_by: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitFields {
    name: String,
    kind: String,
    #[serde(default)]
    address: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberFields {
    name: String,
    role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    position: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    agency: String,
}

impl From<&PlanEntry> for EntryFields {
    fn from(entry: &PlanEntry) -> Self {
        EntryFields {
            format: None,
            id: entry.id.clone(),
            unit: UnitFields {
                name: entry.unit.name.clone(),
                kind: kind_word(entry.unit.kind).to_owned(),
                address: entry.unit.address.clone(),
            },
            date: entry.date,
            team: entry
                .team
                .iter()
                .map(|member| MemberFields {
                    name: member.name.clone(),
                    role: role_word(member.role).to_owned(),
                    position: member.position.clone(),
                    agency: member.agency.clone(),
                })
                .collect(),
            rubric: entry.rubric.clone(),
            visit: entry.visit.clone(),
            imported_at: entry.imported_at,
            imported_by: entry.imported_by.clone(),
        }
    }
}

impl TryFrom<EntryFields> for PlanEntry {
    type Error = String;

    fn try_from(fields: EntryFields) -> Result<Self, String> {
        let id = fields.id.to_ascii_uppercase();
        if !super::is_visit_id(&id) {
            return Err(format!("id: \"{}\" is not a ULID", fields.id));
        }
        if let Some(visit) = &fields.visit
            && !super::is_visit_id(visit)
        {
            return Err(format!("visit: \"{visit}\" is not a visit id"));
        }
        let kind = kind_from_word(&fields.unit.kind)
            .ok_or_else(|| format!("unit.kind: unknown kind \"{}\"", fields.unit.kind))?;
        let mut team = Vec::new();
        for member in fields.team {
            let role = role_from_word(&member.role)
                .ok_or_else(|| format!("team: unknown role \"{}\"", member.role))?;
            team.push(Member {
                name: member.name,
                role,
                position: member.position,
                agency: member.agency,
            });
        }
        if fields.unit.name.trim().is_empty() {
            return Err("unit.name is empty".into());
        }
        Ok(PlanEntry {
            id,
            unit: Unit {
                name: fields.unit.name,
                kind,
                address: fields.unit.address,
            },
            date: fields.date,
            team,
            rubric: fields.rubric,
            visit: fields.visit.map(|visit| visit.to_ascii_uppercase()),
            imported_at: fields.imported_at,
            imported_by: fields.imported_by,
        })
    }
}

/// The entry as its document.
pub fn to_yaml(entry: &PlanEntry) -> String {
    let document = EntryFields {
        format: Some(PLAN_FORMAT.to_owned()),
        ..EntryFields::from(entry)
    };
    // Plain strings, a date and a list: serializing cannot fail.
    crate::yaml::to_string(&document).unwrap_or_default()
}

/// Reads a plan entry document; the problem in words when it is not one.
pub fn parse(text: &str) -> Result<PlanEntry, String> {
    let document: EntryFields =
        crate::yaml::from_str(text).map_err(|error| match error.position {
            Some(at) => format!("{}:{}: {}", at.line, at.column, error.message),
            None => error.message,
        })?;
    match document.format.as_deref() {
        Some(PLAN_FORMAT) => PlanEntry::try_from(document),
        Some(other) => Err(format!("format: \"{other}\" is not {PLAN_FORMAT}")),
        None => Err(format!("no format: {PLAN_FORMAT}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::visit::{Role, UnitKind};

    #[test]
    fn an_entry_reads_back_as_written() {
        let entry = PlanEntry {
            id: "01KBX0J3Y8Q4B9R6W2S5T7V1ZA".into(),
            unit: Unit {
                name: "Phường Thạch Linh".into(),
                kind: UnitKind::DonVi,
                address: "no".into(),
            },
            date: "2026-12-01".parse().expect("a date"),
            team: vec![Member {
                name: "Lê Văn An".into(),
                role: Role::TruongDoan,
                position: String::new(),
                agency: "LĐLĐ".into(),
            }],
            rubric: "co-quan-dat-chuan-van-hoa".into(),
            visit: None,
            imported_at: "2026-11-28T09:30:00+07:00".parse().expect("a stamp"),
            imported_by: "Lan".into(),
        };
        let text = to_yaml(&entry);
        assert!(text.starts_with("format: onsite-plan/1\nid: 01KBX0J3Y8Q4B9R6W2S5T7V1ZA\n"));
        assert!(text.contains("kind: đơn vị"), "{text}");
        assert!(text.contains("role: trưởng đoàn"), "{text}");
        assert_eq!(parse(&text), Ok(entry));
        assert!(parse(&text.replace("onsite-plan/1", "onsite-plan/2")).is_err());
        assert!(parse(&text.replace("imported_by", "imported_by_whom")).is_err());
    }
}
