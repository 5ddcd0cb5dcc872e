//! How a message is put together, written once for every language: which pieces come in
//! which order, what is clipped, joined, counted, rounded or left out. A language supplies
//! only its words, a [`Words`] table (`en.rs`, `vi.rs`). Where the words of a piece come in
//! another order in each language, the piece is a small template with named `{placeholders}`,
//! filled by [`fill`]; the branching around it stays here.

mod errors;
pub(super) mod ui;

use rust_decimal::Decimal;

use std::path::Path;

use super::{Label, Texts, clip, conflict_values, num, short_id, size};
use crate::catalog::FindError;
use crate::config::ConfigError;
use crate::domain::action::ActionStatus;
use crate::domain::answer::{AnswerError, ParseAnswerError};
use crate::domain::evidence::{MAX_FILE_BYTES, MAX_VISIT_BYTES, SourceProblem};
use crate::domain::history::{Change, ChangeKind, Edit, EditError, MAX_TEXT_CHARS};
use crate::domain::minutes::{MAX_COPIES, MinutesError};
use crate::domain::rubric::{FORMAT, Lang, Rubric};
use crate::domain::scoring::{Reason, round1};
use crate::domain::visit::{Status, UnitKind};
use crate::rubric_file::DiagnosticKind;
use crate::service::VisitError;
use crate::store::{Checkup, EngineRepair, Opened};
use crate::sync::Conflict;

pub use errors::{FileProblemWords, ProblemWords, StoreWords};
pub(super) use errors::{file_problem_head, problem, store_error};

/// One language's words for the messages composed here.
pub struct Words {
    /// The language of a rubric's own words (its levels' labels).
    pub(super) lang: Lang,
    pub(super) answer: AnswerWords,
    pub(super) reason: ReasonWords,
    pub(super) diagnostic: DiagnosticWords,
    pub(super) find: FindWords,
    pub(super) pass_rule: PassRuleWords,
    pub(super) change: ChangeWords,
    pub(super) opened: OpenedWords,
    pub(super) checkup: CheckupWords,
    pub(super) config: ConfigWords,
    pub(super) visit: VisitWords,
    pub(super) edit: EditWords,
    pub(super) minutes: MinutesWords,
    pub(super) conflict: ConflictWords,
    pub(super) action: ActionWords,
    pub(super) problem: ProblemWords,
    pub(super) file_problem: FileProblemWords,
    pub(super) store: StoreWords,
    /// `{file}`: the settings file.
    pub(super) who_are_you: &'static str,
    /// `{what} {given} {choices}`.
    pub(super) bad_choice: &'static str,
    /// `{id} {version} {kinds} {kind} {visit}`.
    pub(super) rubric_not_for_kind: &'static str,
}

/// An answer as a reader says it, and why one is refused.
pub struct AnswerWords {
    pub(super) none: &'static str,
    pub(super) pass: &'static str,
    pub(super) fail: &'static str,
    pub(super) na: &'static str,
    /// `{kind}`.
    pub(super) wrong_kind: &'static str,
    /// `{max}`.
    pub(super) out_of_range: &'static str,
    /// `{step}`.
    pub(super) not_a_step: &'static str,
    pub(super) na_not_allowed: &'static str,
    /// `{count}`.
    pub(super) no_such_level: &'static str,
    /// `{item} {given} {expected}`: typed text that is no answer.
    pub(super) not_an_answer: &'static str,
    pub(super) expected_number: &'static str,
    pub(super) expected_pass_fail: &'static str,
    /// `{count}`.
    pub(super) expected_level: &'static str,
}

pub struct ReasonWords {
    /// `{count}` is 1.
    pub(super) unanswered_one: &'static str,
    /// `{count}`.
    pub(super) unanswered: &'static str,
    /// `{score} {min}`.
    pub(super) score_below_pass: &'static str,
    /// `{section} {percent} {min}`.
    pub(super) section_below_minimum: &'static str,
    /// `{item}`.
    pub(super) critical_failed: &'static str,
    pub(super) nothing_applicable: &'static str,
}

pub struct DiagnosticWords {
    /// `{reason}`.
    pub(super) unreadable: &'static str,
    /// `{size} {limit}`.
    pub(super) too_large: &'static str,
    pub(super) not_utf8: &'static str,
    /// `{format}`.
    pub(super) empty: &'static str,
    /// `{format}`.
    pub(super) not_a_rubric: &'static str,
    /// `{key} {expected}`, after `WITHIN: ` when the key is inside something.
    pub(super) unknown_key: &'static str,
    /// `{key}`, likewise.
    pub(super) missing_key: &'static str,
    /// `{key}`, likewise.
    pub(super) duplicate_key: &'static str,
    pub(super) alias_bomb: &'static str,
    /// After YAML's own message when it expected a string: how to quote.
    pub(super) quote_hint: &'static str,
    /// `{message}`: any other message of the YAML reader.
    pub(super) yaml: &'static str,
}

pub struct FindWords {
    /// `{query} {known}`.
    pub(super) not_found: &'static str,
    /// `{query} {versions}`.
    pub(super) ambiguous: &'static str,
}

/// "score ≥ S, each standard ≥ P%, no mandatory criterion failed".
pub struct PassRuleWords {
    pub(super) score: &'static str,
    pub(super) each_section: &'static str,
    pub(super) no_critical_failed: &'static str,
}

/// The words of one history line.
pub struct ChangeWords {
    pub(super) undo: &'static str,
    pub(super) redo: &'static str,
    pub(super) created: &'static str,
    /// Before an item's id.
    pub(super) criterion: &'static str,
    pub(super) note: &'static str,
    pub(super) note_cleared: &'static str,
    pub(super) finalized: &'static str,
    pub(super) reopened: &'static str,
    pub(super) trashed: &'static str,
    pub(super) restored: &'static str,
    pub(super) action_added: &'static str,
    pub(super) action_removed: &'static str,
    /// Before an action's id.
    pub(super) action: &'static str,
    pub(super) attached: &'static str,
    pub(super) detached: &'static str,
}

/// What opening the store repaired.
pub struct OpenedWords {
    /// `{folder}`.
    pub(super) snapshots_set_aside: &'static str,
    /// `{folder} {count}`.
    pub(super) rebuilt: &'static str,
    /// `{id} {unit} {changes} {last}`.
    pub(super) recovered: &'static str,
    /// `{id} {reason}`.
    pub(super) not_recovered: &'static str,
    pub(super) spare_incomplete: &'static str,
    /// `{count}`: entries of the campaign plan rebuilt.
    pub(super) plans_recovered: &'static str,
    pub(super) run_doctor: &'static str,
}

/// What `onsite doctor` found.
pub struct CheckupWords {
    /// `{id}`.
    pub(super) spare_refreshed: &'static str,
    /// `{id} {unit} {changes} {last}`.
    pub(super) restored: &'static str,
    /// `{id} {reason}`.
    pub(super) lost: &'static str,
    /// `{store} {spare}`, in MB.
    pub(super) sizes: &'static str,
    /// `{visits}`.
    pub(super) sound: &'static str,
    /// `{visits} {lost}`.
    pub(super) unsound: &'static str,
    /// `{count}`: plan entries (or their links to a visit) brought back.
    pub(super) plans_restored: &'static str,
    /// `{file} {reason}`: a plan entry's spare copy that does not read.
    pub(super) plan_unreadable: &'static str,
}

pub struct ConfigWords {
    /// `{path} {source}`.
    pub(super) unreadable: &'static str,
    /// `{path}{at} {message}`.
    pub(super) invalid: &'static str,
}

pub struct VisitWords {
    /// `{prefix}`.
    pub(super) not_found: &'static str,
    /// `{prefix} {count} {matches}`.
    pub(super) ambiguous: &'static str,
    /// `{prefix}`.
    pub(super) action_not_found: &'static str,
    /// `{prefix} {count} {matches}`.
    pub(super) action_ambiguous: &'static str,
    /// `{prefix}`.
    pub(super) attachment_not_found: &'static str,
    /// `{prefix} {count} {matches}`.
    pub(super) attachment_ambiguous: &'static str,
    /// `{name}`.
    pub(super) evidence_missing: &'static str,
    /// `{path} {what}`: a file that cannot be attached, and why.
    pub(super) file: &'static str,
    pub(super) file_missing: &'static str,
    pub(super) file_folder: &'static str,
    pub(super) file_not_regular: &'static str,
    pub(super) file_empty: &'static str,
    /// `{size} {limit}`.
    pub(super) file_too_large: &'static str,
    /// `{error}`.
    pub(super) file_unreadable: &'static str,
    /// `{path} {source}`.
    pub(super) opener: &'static str,
}

pub struct EditWords {
    pub(super) finalized: &'static str,
    pub(super) in_trash: &'static str,
    pub(super) not_in_trash: &'static str,
    /// `{item}`.
    pub(super) unknown_item: &'static str,
    /// `{chars} {max}`.
    pub(super) too_long: &'static str,
    /// `{count}`.
    pub(super) unanswered: &'static str,
    pub(super) not_finalized: &'static str,
    pub(super) reason_required: &'static str,
    pub(super) nothing_to_undo: &'static str,
    pub(super) nothing_to_redo: &'static str,
    /// `{id}`, and likewise below.
    pub(super) unknown_action: &'static str,
    pub(super) action_done: &'static str,
    pub(super) action_open: &'static str,
    pub(super) action_text_required: &'static str,
    pub(super) action_exists: &'static str,
    /// `{given}`.
    pub(super) bad_date: &'static str,
    pub(super) unknown_attachment: &'static str,
    pub(super) attachment_exists: &'static str,
    /// `{size} {limit}`.
    pub(super) file_too_large: &'static str,
    /// `{size} {limit}`.
    pub(super) visit_evidence_full: &'static str,
    /// `{given}`.
    pub(super) bad_hash: &'static str,
}

/// Why a detail of the minutes was refused.
pub struct MinutesWords {
    /// `{given}`, and likewise below.
    pub(super) bad_time: &'static str,
    pub(super) bad_year: &'static str,
    pub(super) bad_recognition: &'static str,
    /// `{given} {max}`.
    pub(super) bad_copies: &'static str,
    /// `{start} {end}`.
    pub(super) end_before_start: &'static str,
}

/// A sync's conflicts and counts.
pub struct ConflictWords {
    /// `{visit} {field} {mine} {theirs} {by}`.
    pub(super) line: &'static str,
    /// After each count of the summary: new, merged, written, unchanged, conflicts,
    /// rejected.
    pub(super) counted: [&'static str; 6],
    /// `{field} {side}`.
    pub(super) resolved: &'static str,
    pub(super) mine: &'static str,
    pub(super) theirs: &'static str,
}

pub struct ActionWords {
    pub(super) open: &'static str,
    pub(super) done: &'static str,
    /// `{id} {status}`.
    pub(super) saved: &'static str,
}

/// A template with its `{name}`s replaced by their values, in one pass: a value that holds
/// braces (a unit's name, a file's) is never read as a placeholder.
pub(super) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value, close))
        });
        if let Some((value, close)) = value {
            text.push_str(value);
            rest = &after[close + 1..];
        } else {
            debug_assert!(false, "no value for a placeholder of {template:?}");
            text.push('{');
            rest = after;
        }
    }
    text.push_str(rest);
    text
}

/// `{count} {matches}` of several things that start with the prefix, `; `-separated.
fn ambiguous(template: &str, prefix: &str, matches: &[String]) -> String {
    fill(
        template,
        &[
            ("prefix", prefix),
            ("count", &matches.len().to_string()),
            ("matches", &matches.join("; ")),
        ],
    )
}

/// The size of a file and a limit, for `{size} {limit}`.
fn over_limit(template: &str, bytes: u64, limit: u64) -> String {
    fill(template, &[("size", &size(bytes)), ("limit", &size(limit))])
}

pub(super) fn answer<T: Texts + ?Sized>(
    texts: &T,
    answer: Option<&crate::domain::answer::Answer>,
    rubric: &Rubric,
    item: &str,
) -> String {
    let words = texts.words();
    let a = &words.answer;
    super::answer_words(
        answer,
        rubric,
        item,
        [a.none, a.pass, a.fail, a.na],
        words.lang,
    )
}

pub(super) fn reason(words: &Words, reason: &Reason) -> String {
    let w = &words.reason;
    match reason {
        Reason::Unanswered { count } => {
            let template = if *count == 1 {
                w.unanswered_one
            } else {
                w.unanswered
            };
            fill(template, &[("count", &count.to_string())])
        }
        Reason::ScoreBelowPass { score, min } => fill(
            w.score_below_pass,
            &[("score", &num(round1(*score))), ("min", &num(*min))],
        ),
        Reason::SectionBelowMinimum {
            section,
            percent,
            min,
        } => fill(
            w.section_below_minimum,
            &[
                ("section", section),
                ("percent", &num(round1(*percent))),
                ("min", &num(*min)),
            ],
        ),
        Reason::CriticalFailed { item } => fill(w.critical_failed, &[("item", item)]),
        Reason::NothingApplicable => w.nothing_applicable.to_owned(),
    }
}

pub(super) fn diagnostic<T: Texts + ?Sized>(texts: &T, kind: &DiagnosticKind) -> String {
    let w = &texts.words().diagnostic;
    let within = |within: &Option<String>, text: String| match within {
        Some(within) => format!("{within}: {text}"),
        None => text,
    };
    match kind {
        DiagnosticKind::Unreadable { reason } => fill(w.unreadable, &[("reason", reason)]),
        DiagnosticKind::TooLarge { size, limit } => fill(
            w.too_large,
            &[("size", &size.to_string()), ("limit", &limit.to_string())],
        ),
        DiagnosticKind::NotUtf8 => w.not_utf8.to_owned(),
        DiagnosticKind::Empty => fill(w.empty, &[("format", FORMAT)]),
        DiagnosticKind::NotARubric => fill(w.not_a_rubric, &[("format", FORMAT)]),
        DiagnosticKind::UnknownKey {
            within: inside,
            key,
            expected,
        } => within(
            inside,
            fill(w.unknown_key, &[("key", key), ("expected", expected)]),
        ),
        DiagnosticKind::MissingKey {
            within: inside,
            key,
        } => within(inside, fill(w.missing_key, &[("key", key)])),
        DiagnosticKind::DuplicateKey {
            within: inside,
            key,
        } => within(inside, fill(w.duplicate_key, &[("key", key)])),
        DiagnosticKind::AliasBomb => w.alias_bomb.to_owned(),
        DiagnosticKind::Yaml { message } if message.contains("expected a string") => {
            format!("{message}{}", w.quote_hint)
        }
        DiagnosticKind::Yaml { message } => fill(w.yaml, &[("message", message)]),
        DiagnosticKind::Rule(problem) => format!(
            "{}{}",
            texts.subject(&problem.subject),
            texts.problem(&problem.kind)
        ),
    }
}

pub(super) fn find_error(words: &Words, error: &FindError) -> String {
    match error {
        FindError::NotFound { query, known } => fill(
            words.find.not_found,
            &[("query", query), ("known", &known.join(", "))],
        ),
        FindError::Ambiguous { query, versions } => fill(
            words.find.ambiguous,
            &[("query", query), ("versions", &versions.join(", "))],
        ),
    }
}

pub(super) fn pass_rule(
    words: &Words,
    min_score: Decimal,
    min_section_percent: Option<Decimal>,
) -> String {
    let w = &words.pass_rule;
    let mut rule = format!("{} ≥ {}", w.score, num(min_score));
    if let Some(percent) = min_section_percent {
        rule.push_str(&format!(", {} ≥ {}%", w.each_section, num(percent)));
    }
    rule.push_str(", ");
    rule.push_str(w.no_critical_failed);
    rule
}

pub(super) fn change<T: Texts + ?Sized>(texts: &T, change: &Change, rubric: &Rubric) -> String {
    let words = texts.words();
    let w = &words.change;
    let prefix = match change.kind {
        ChangeKind::Do => String::new(),
        ChangeKind::Undo { of } => format!("{} #{of}: ", w.undo),
        ChangeKind::Redo { of } => format!("{} #{of}: ", w.redo),
    };
    let criterion = w.criterion;
    let action = w.action;
    let what = match &change.edit {
        Edit::Created => w.created.to_owned(),
        Edit::Answer { item, from, to } => format!(
            "{criterion} {item}: {} → {}",
            texts.answer(from.as_ref(), rubric, item),
            texts.answer(to.as_ref(), rubric, item)
        ),
        Edit::Note { item, to, .. } if to.is_empty() => {
            format!("{criterion} {item}: {}", w.note_cleared)
        }
        Edit::Note { item, to, .. } => format!("{criterion} {item}: {} «{}»", w.note, clip(to, 60)),
        Edit::Finding { field, to, .. } => {
            format!("{}: «{}»", texts.finding(*field), clip(to, 60))
        }
        Edit::Status {
            to: Status::Finalized,
            ..
        } => w.finalized.to_owned(),
        Edit::Status { reason, .. } => format!(
            "{}: {}",
            w.reopened,
            clip(reason.as_deref().unwrap_or(""), 60)
        ),
        Edit::Trash { to: true } => w.trashed.to_owned(),
        Edit::Trash { to: false } => w.restored.to_owned(),
        Edit::ActionAdd { action } => format!("{} «{}»", w.action_added, clip(&action.text, 60)),
        Edit::ActionRemove { action } => {
            format!("{} «{}»", w.action_removed, clip(&action.text, 60))
        }
        Edit::ActionSet { id, to, .. } => format!("{action} {}: «{}»", short_id(id), clip(to, 60)),
        Edit::ActionStatus {
            id,
            to: ActionStatus::Done,
            ..
        } => format!("{action} {}: {}", short_id(id), words.action.done),
        Edit::ActionStatus { id, note, .. } => format!(
            "{action} {}: {}: {}",
            short_id(id),
            w.reopened,
            clip(note, 60)
        ),
        Edit::Attach { attachment } => format!(
            "{criterion} {}: {} «{}»",
            attachment.item,
            w.attached,
            clip(&attachment.name, 60)
        ),
        Edit::Detach { attachment } => format!(
            "{criterion} {}: {} «{}»",
            attachment.item,
            w.detached,
            clip(&attachment.name, 60)
        ),
    };
    prefix + &what
}

/// `{id} {unit} {changes} {last}` of a visit brought back from the spare copy.
fn restored(template: &str, visit: &crate::store::Restored) -> String {
    fill(
        template,
        &[
            ("id", &visit.id),
            ("unit", &visit.unit),
            ("changes", &visit.changes.to_string()),
            ("last", &visit.last_change.to_string()),
        ],
    )
}

pub(super) fn store_opened<T: Texts + ?Sized>(texts: &T, opened: &Opened) -> Vec<String> {
    let w = &texts.words().opened;
    match opened {
        Opened::Engine(EngineRepair::PartialSnapshots(_) | EngineRepair::TornSettings(_)) => {
            Vec::new()
        }
        Opened::Engine(EngineRepair::SnapshotsSetAside(folder)) => vec![fill(
            w.snapshots_set_aside,
            &[("folder", &folder.display().to_string())],
        )],
        Opened::Checked(checkup) => texts.checkup(checkup),
        Opened::Rebuilt(recovery) => {
            let mut lines = vec![fill(
                w.rebuilt,
                &[
                    ("folder", &recovery.moved_to.display().to_string()),
                    ("count", &recovery.restored.len().to_string()),
                ],
            )];
            for visit in &recovery.restored {
                lines.push(restored(w.recovered, visit));
            }
            for (id, reason) in &recovery.unreadable {
                lines.push(fill(w.not_recovered, &[("id", id), ("reason", reason)]));
            }
            if recovery.plans > 0 {
                let count = recovery.plans.to_string();
                lines.push(fill(w.plans_recovered, &[("count", &count)]));
            }
            if !recovery.complete {
                lines.push(w.spare_incomplete.to_owned());
            }
            lines.push(w.run_doctor.to_owned());
            lines
        }
    }
}

pub(super) fn checkup(words: &Words, checkup: &Checkup) -> Vec<String> {
    let w = &words.checkup;
    let mut lines = Vec::new();
    for id in &checkup.spare_refreshed {
        lines.push(fill(w.spare_refreshed, &[("id", id)]));
    }
    for visit in &checkup.restored {
        lines.push(restored(w.restored, visit));
    }
    for (id, reason) in &checkup.lost {
        lines.push(fill(w.lost, &[("id", id), ("reason", reason)]));
    }
    if checkup.plans_restored > 0 {
        let count = checkup.plans_restored.to_string();
        lines.push(fill(w.plans_restored, &[("count", &count)]));
    }
    for (file, reason) in &checkup.plans_unreadable {
        lines.push(fill(
            w.plan_unreadable,
            &[("file", file), ("reason", reason)],
        ));
    }
    lines.push(fill(
        w.sizes,
        &[
            ("store", &format!("{:.1}", mb(checkup.store_bytes))),
            ("spare", &format!("{:.1}", mb(checkup.spare_bytes))),
        ],
    ));
    let visits = checkup.visits.to_string();
    lines.push(if checkup.lost.is_empty() {
        fill(w.sound, &[("visits", &visits)])
    } else {
        fill(
            w.unsound,
            &[
                ("visits", &visits),
                ("lost", &checkup.lost.len().to_string()),
            ],
        )
    });
    lines
}

/// Bytes as megabytes (10^6), for sizes on disk.
#[allow(clippy::cast_precision_loss)] // a size shown to one decimal
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

pub(super) fn who_are_you(words: &Words, config_file: Option<&Path>) -> String {
    let file = config_file.map_or_else(|| "config.yaml".to_owned(), |p| p.display().to_string());
    fill(words.who_are_you, &[("file", &file)])
}

pub(super) fn config_error(words: &Words, error: &ConfigError) -> String {
    match error {
        ConfigError::Unreadable { path, source } => fill(
            words.config.unreadable,
            &[("path", path), ("source", &source.to_string())],
        ),
        ConfigError::Invalid { path, error } => {
            let at = error
                .position
                .map(|p| format!(":{}:{}", p.line, p.column))
                .unwrap_or_default();
            fill(
                words.config.invalid,
                &[("path", path), ("at", &at), ("message", &error.message)],
            )
        }
    }
}

pub(super) fn visit_error<T: Texts + ?Sized>(texts: &T, error: &VisitError) -> String {
    let w = &texts.words().visit;
    match error {
        VisitError::Store(error) => texts.store_error(error),
        VisitError::Edit(error) => texts.edit_error(error),
        VisitError::NotFound(prefix) => fill(w.not_found, &[("prefix", prefix)]),
        VisitError::Ambiguous { prefix, matches } => {
            let matches: Vec<String> = matches
                .iter()
                .map(|m| format!("{} {}", m.id, m.unit))
                .collect();
            ambiguous(w.ambiguous, prefix, &matches)
        }
        VisitError::ActionNotFound(prefix) => fill(w.action_not_found, &[("prefix", prefix)]),
        VisitError::ActionAmbiguous { prefix, matches } => {
            ambiguous(w.action_ambiguous, prefix, &clipped_pairs(matches))
        }
        VisitError::AttachmentNotFound(prefix) => {
            fill(w.attachment_not_found, &[("prefix", prefix)])
        }
        VisitError::AttachmentAmbiguous { prefix, matches } => {
            ambiguous(w.attachment_ambiguous, prefix, &clipped_pairs(matches))
        }
        VisitError::EvidenceMissing(name) => fill(w.evidence_missing, &[("name", &clip(name, 60))]),
        VisitError::File { path, problem } => {
            let what = match problem {
                SourceProblem::Missing => w.file_missing.to_owned(),
                SourceProblem::Folder => w.file_folder.to_owned(),
                SourceProblem::NotRegular => w.file_not_regular.to_owned(),
                SourceProblem::Empty => w.file_empty.to_owned(),
                SourceProblem::TooLarge { bytes } => {
                    over_limit(w.file_too_large, *bytes, MAX_FILE_BYTES)
                }
                SourceProblem::Unreadable(error) => {
                    fill(w.file_unreadable, &[("error", &error.to_string())])
                }
            };
            fill(
                w.file,
                &[("path", &path.display().to_string()), ("what", &what)],
            )
        }
        VisitError::Opener { path, source } => fill(
            w.opener,
            &[
                ("path", &path.display().to_string()),
                ("source", &source.to_string()),
            ],
        ),
    }
}

/// `ID TEXT` of each (id, text), the text clipped for one line.
fn clipped_pairs(matches: &[(String, String)]) -> Vec<String> {
    matches
        .iter()
        .map(|(id, text)| format!("{id} {}", clip(text, 30)))
        .collect()
}

pub(super) fn edit_error<T: Texts + ?Sized>(texts: &T, error: &EditError) -> String {
    let words = texts.words();
    let w = &words.edit;
    let id = |template: &str, id: &str| fill(template, &[("id", id)]);
    match error {
        EditError::Finalized => w.finalized.to_owned(),
        EditError::InTrash => w.in_trash.to_owned(),
        EditError::NotInTrash => w.not_in_trash.to_owned(),
        EditError::UnknownItem(item) => fill(w.unknown_item, &[("item", item)]),
        EditError::Answer { item, error } => format!(
            "{} {item}: {}",
            words.change.criterion,
            texts.answer_error(error)
        ),
        EditError::TooLong { chars } => fill(
            w.too_long,
            &[
                ("chars", &chars.to_string()),
                ("max", &MAX_TEXT_CHARS.to_string()),
            ],
        ),
        EditError::Unanswered { unanswered } => {
            fill(w.unanswered, &[("count", &unanswered.to_string())])
        }
        EditError::NotFinalized => w.not_finalized.to_owned(),
        EditError::ReasonRequired => w.reason_required.to_owned(),
        EditError::NothingToUndo => w.nothing_to_undo.to_owned(),
        EditError::NothingToRedo => w.nothing_to_redo.to_owned(),
        EditError::Minutes(error) => texts.minutes_error(error),
        EditError::UnknownAction(action) => id(w.unknown_action, action),
        EditError::ActionDone(action) => id(w.action_done, action),
        EditError::ActionOpen(action) => id(w.action_open, action),
        EditError::ActionTextRequired => w.action_text_required.to_owned(),
        EditError::ActionExists(action) => id(w.action_exists, action),
        EditError::BadDate(given) => fill(w.bad_date, &[("given", given)]),
        EditError::UnknownAttachment(attachment) => id(w.unknown_attachment, attachment),
        EditError::AttachmentExists(attachment) => id(w.attachment_exists, attachment),
        EditError::FileTooLarge { bytes } => over_limit(w.file_too_large, *bytes, MAX_FILE_BYTES),
        EditError::VisitEvidenceFull { bytes } => {
            over_limit(w.visit_evidence_full, *bytes, MAX_VISIT_BYTES)
        }
        EditError::BadHash(given) => fill(w.bad_hash, &[("given", given)]),
    }
}

pub(super) fn answer_error<T: Texts + ?Sized>(texts: &T, error: &AnswerError) -> String {
    let w = &texts.words().answer;
    match error {
        AnswerError::WrongKind { expected } => {
            fill(w.wrong_kind, &[("kind", texts.item_kind(*expected))])
        }
        AnswerError::OutOfRange { max } => fill(w.out_of_range, &[("max", &num(*max))]),
        AnswerError::NotAStep { step } => fill(w.not_a_step, &[("step", &num(*step))]),
        AnswerError::NaNotAllowed => w.na_not_allowed.to_owned(),
        AnswerError::NoSuchLevel { count } => {
            fill(w.no_such_level, &[("count", &count.to_string())])
        }
    }
}

pub(super) fn parse_answer_error(
    words: &Words,
    error: &ParseAnswerError,
    item: &str,
    given: &str,
) -> String {
    let w = &words.answer;
    let expected = match error {
        ParseAnswerError::NotANumber => w.expected_number.to_owned(),
        ParseAnswerError::NotPassFail => w.expected_pass_fail.to_owned(),
        ParseAnswerError::NotALevel { count } => {
            fill(w.expected_level, &[("count", &count.to_string())])
        }
    };
    fill(
        w.not_an_answer,
        &[("item", item), ("given", given), ("expected", &expected)],
    )
}

pub(super) fn bad_choice<T: Texts + ?Sized>(
    texts: &T,
    what: Label,
    given: &str,
    choices: &[&str],
) -> String {
    fill(
        texts.words().bad_choice,
        &[
            ("what", texts.label(what)),
            ("given", given),
            ("choices", &choices.join(", ")),
        ],
    )
}

pub(super) fn minutes_error(words: &Words, error: &MinutesError) -> String {
    let w = &words.minutes;
    match error {
        MinutesError::BadTime(given) => fill(w.bad_time, &[("given", given)]),
        MinutesError::EndBeforeStart { start, end } => {
            fill(w.end_before_start, &[("start", start), ("end", end)])
        }
        MinutesError::BadYear(given) => fill(w.bad_year, &[("given", given)]),
        MinutesError::BadRecognition(given) => fill(w.bad_recognition, &[("given", given)]),
        MinutesError::BadCopies(given) => fill(
            w.bad_copies,
            &[("given", given), ("max", &MAX_COPIES.to_string())],
        ),
    }
}

pub(super) fn action_status(words: &Words, status: ActionStatus) -> String {
    match status {
        ActionStatus::Open => words.action.open,
        ActionStatus::Done => words.action.done,
    }
    .to_owned()
}

pub(super) fn action_saved(words: &Words, id: &str, status: ActionStatus) -> String {
    fill(
        words.action.saved,
        &[("id", id), ("status", &action_status(words, status))],
    )
}

pub(super) fn rubric_not_for_kind<T: Texts + ?Sized>(
    texts: &T,
    rubric: &Rubric,
    kind: UnitKind,
    visit: &str,
) -> String {
    let kinds: Vec<&str> = rubric
        .unit_kinds
        .iter()
        .filter_map(|word| UnitKind::named(word))
        .map(|kind| texts.unit_kind(kind))
        .collect();
    fill(
        texts.words().rubric_not_for_kind,
        &[
            ("id", &rubric.id),
            ("version", &rubric.version),
            ("kinds", &kinds.join(", ")),
            ("kind", texts.unit_kind(kind)),
            ("visit", visit),
        ],
    )
}

pub(super) fn conflict_line(words: &Words, visit: &str, conflict: &Conflict) -> String {
    let (mine, theirs, by) = conflict_values(conflict);
    fill(
        words.conflict.line,
        &[
            ("visit", visit),
            ("field", &conflict.field),
            ("mine", &mine),
            ("theirs", &theirs),
            ("by", &by),
        ],
    )
}

pub(super) fn exchange_summary(words: &Words, counts: &super::ExchangeCounts) -> String {
    let super::ExchangeCounts {
        imported,
        merged,
        written,
        unchanged,
        conflicts,
        rejected,
    } = *counts;
    [imported, merged, written, unchanged, conflicts, rejected]
        .iter()
        .zip(words.conflict.counted)
        .map(|(count, word)| format!("{count} {word}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn resolved(words: &Words, field: &str, theirs: bool) -> String {
    let w = &words.conflict;
    let side = if theirs { w.theirs } else { w.mine };
    fill(w.resolved, &[("field", field), ("side", side)])
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_each_name_once_and_never_reads_a_value_as_a_placeholder() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "{b}"), ("b", "2")]),
            "{b} and 2, {b}"
        );
        assert_eq!(fill("no names", &[("a", "1")]), "no names");
    }
}
