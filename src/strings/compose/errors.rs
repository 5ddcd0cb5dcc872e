//! A rubric's problems, a rubric file's or folder's, and the store's errors: which words go
//! with which case and which values fill them. The words are each language's [`Words`].

use super::{Words, fill};
use crate::catalog::FileProblem;
use crate::domain::rubric::FORMAT;
use crate::domain::rubric_check::ProblemKind;
use crate::store::StoreError;
use crate::strings::num;

/// What is wrong in a rubric (after its subject, `criterion "1.1": `).
pub struct ProblemWords {
    /// `{found} {format}`.
    pub(in crate::strings) wrong_format: &'static str,
    /// `{found}`.
    pub(in crate::strings) bad_id: &'static str,
    /// `{key}`.
    pub(in crate::strings) empty: &'static str,
    /// `{key} {value}`.
    pub(in crate::strings) not_quoted: &'static str,
    pub(in crate::strings) no_sections: &'static str,
    pub(in crate::strings) no_items: &'static str,
    pub(in crate::strings) duplicate_section_id: &'static str,
    /// `{first_section}`.
    pub(in crate::strings) duplicate_item_id: &'static str,
    pub(in crate::strings) max_missing: &'static str,
    /// `{max}`.
    pub(in crate::strings) max_not_positive: &'static str,
    pub(in crate::strings) max_on_levels: &'static str,
    /// `{step}`, and likewise the next.
    pub(in crate::strings) step_not_positive: &'static str,
    pub(in crate::strings) step_not_half: &'static str,
    /// `{step} {max}`.
    pub(in crate::strings) step_not_dividing: &'static str,
    pub(in crate::strings) step_only_for_points: &'static str,
    pub(in crate::strings) levels_only_for_levels: &'static str,
    pub(in crate::strings) no_levels: &'static str,
    /// `{label}`, and likewise the next.
    pub(in crate::strings) duplicate_level: &'static str,
    pub(in crate::strings) negative_level_points: &'static str,
    /// `{score}`.
    pub(in crate::strings) negative_score: &'static str,
    /// `{score} {total}`.
    pub(in crate::strings) score_above_total: &'static str,
    /// `{this} {previous}`.
    pub(in crate::strings) bands_not_descending: &'static str,
    /// `{percent}`.
    pub(in crate::strings) percent_out_of_range: &'static str,
    /// `{found}`.
    pub(in crate::strings) unknown_unit_kind: &'static str,
}

/// The first line of a rubric file or folder that was left out or warned about.
pub struct FileProblemWords {
    /// `{origin}`.
    pub(in crate::strings) invalid: &'static str,
    /// `{origin} {id} {version} {first}`.
    pub(in crate::strings) duplicate: &'static str,
    /// `{folder}`.
    pub(in crate::strings) world_writable: &'static str,
    /// `{folder} {reason}`.
    pub(in crate::strings) unreadable_folder: &'static str,
}

/// Why the store cannot be opened or written, and what to do.
pub struct StoreWords {
    /// `{dir} {pid}`.
    pub(in crate::strings) locked: &'static str,
    /// `{dir} {found} {known}`.
    pub(in crate::strings) newer_schema: &'static str,
    /// `{dir}`.
    pub(in crate::strings) not_a_store: &'static str,
    /// `{dir} {source}`.
    pub(in crate::strings) io: &'static str,
    /// `{path}`.
    pub(in crate::strings) lock_is_link: &'static str,
    /// `{dir} {detail}`, and likewise the next.
    pub(in crate::strings) damaged: &'static str,
    pub(in crate::strings) engine: &'static str,
    /// `{key} {detail}`.
    pub(in crate::strings) corrupt: &'static str,
    pub(in crate::strings) interrupted: &'static str,
    /// `{id}`.
    pub(in crate::strings) no_visit: &'static str,
}

pub(in crate::strings) fn problem(words: &Words, problem: &ProblemKind) -> String {
    let w = &words.problem;
    let one = |template: &str, name: &str, value: &str| fill(template, &[(name, value)]);
    match problem {
        ProblemKind::WrongFormat { found } => {
            fill(w.wrong_format, &[("found", found), ("format", FORMAT)])
        }
        ProblemKind::BadId { found } => one(w.bad_id, "found", found),
        ProblemKind::Empty { key } => one(w.empty, "key", key),
        ProblemKind::NotQuoted { key, value } => {
            fill(w.not_quoted, &[("key", key), ("value", value)])
        }
        ProblemKind::NoSections => w.no_sections.to_owned(),
        ProblemKind::NoItems => w.no_items.to_owned(),
        ProblemKind::DuplicateSectionId => w.duplicate_section_id.to_owned(),
        ProblemKind::DuplicateItemId { first_section } => {
            one(w.duplicate_item_id, "first_section", first_section)
        }
        ProblemKind::MaxMissing => w.max_missing.to_owned(),
        ProblemKind::MaxNotPositive { max } => one(w.max_not_positive, "max", &num(*max)),
        ProblemKind::MaxOnLevels => w.max_on_levels.to_owned(),
        ProblemKind::StepNotPositive { step } => one(w.step_not_positive, "step", &num(*step)),
        ProblemKind::StepNotHalf { step } => one(w.step_not_half, "step", &num(*step)),
        ProblemKind::StepNotDividing { step, max } => fill(
            w.step_not_dividing,
            &[("step", &num(*step)), ("max", &num(*max))],
        ),
        ProblemKind::StepOnlyForPoints => w.step_only_for_points.to_owned(),
        ProblemKind::LevelsOnlyForLevels => w.levels_only_for_levels.to_owned(),
        ProblemKind::NoLevels => w.no_levels.to_owned(),
        ProblemKind::DuplicateLevel { label } => one(w.duplicate_level, "label", label),
        ProblemKind::NegativeLevelPoints { label } => one(w.negative_level_points, "label", label),
        ProblemKind::NegativeScore { score } => one(w.negative_score, "score", &num(*score)),
        ProblemKind::ScoreAboveTotal { score, total } => fill(
            w.score_above_total,
            &[("score", &num(*score)), ("total", &num(*total))],
        ),
        ProblemKind::BandsNotDescending { previous, this } => fill(
            w.bands_not_descending,
            &[("this", &num(*this)), ("previous", &num(*previous))],
        ),
        ProblemKind::PercentOutOfRange { percent } => {
            one(w.percent_out_of_range, "percent", &num(*percent))
        }
        ProblemKind::UnknownUnitKind { found } => one(w.unknown_unit_kind, "found", found),
    }
}

pub(in crate::strings) fn file_problem_head(words: &Words, problem: &FileProblem) -> String {
    let w = &words.file_problem;
    match problem {
        FileProblem::Invalid { origin, .. } => fill(w.invalid, &[("origin", &origin.to_string())]),
        FileProblem::Duplicate {
            origin,
            id,
            version,
            first,
        } => fill(
            w.duplicate,
            &[
                ("origin", &origin.to_string()),
                ("id", id),
                ("version", version),
                ("first", &first.to_string()),
            ],
        ),
        FileProblem::WorldWritable { folder } => fill(
            w.world_writable,
            &[("folder", &folder.display().to_string())],
        ),
        FileProblem::UnreadableFolder { folder, reason } => fill(
            w.unreadable_folder,
            &[
                ("folder", &folder.display().to_string()),
                ("reason", reason),
            ],
        ),
    }
}

pub(in crate::strings) fn store_error(words: &Words, error: &StoreError) -> String {
    let w = &words.store;
    let dir_and = |template: &str, dir: &std::path::Path, name: &str, value: &str| {
        fill(
            template,
            &[("dir", &dir.display().to_string()), (name, value)],
        )
    };
    match error {
        StoreError::Locked { dir, pid } => dir_and(w.locked, dir, "pid", pid),
        StoreError::NewerSchema { dir, found, known } => fill(
            w.newer_schema,
            &[
                ("dir", &dir.display().to_string()),
                ("found", &found.to_string()),
                ("known", &known.to_string()),
            ],
        ),
        StoreError::NotAStore { dir } => {
            fill(w.not_a_store, &[("dir", &dir.display().to_string())])
        }
        StoreError::Io { dir, source } => dir_and(w.io, dir, "source", &source.to_string()),
        StoreError::LockIsLink { path } => {
            fill(w.lock_is_link, &[("path", &path.display().to_string())])
        }
        StoreError::Damaged { dir, detail } => dir_and(w.damaged, dir, "detail", detail),
        StoreError::Engine { dir, detail } => dir_and(w.engine, dir, "detail", detail),
        StoreError::Corrupt { key, detail } => fill(w.corrupt, &[("key", key), ("detail", detail)]),
        StoreError::Interrupted => w.interrupted.to_owned(),
        StoreError::NoVisit(id) => fill(w.no_visit, &[("id", id)]),
    }
}
