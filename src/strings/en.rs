//! English texts.

use rust_decimal::Decimal;

use std::path::Path;

use super::{Label, Texts, answer_words, clip, num, short_id};
use crate::catalog::{FileProblem, FindError};
use crate::config::ConfigError;
use crate::domain::action::ActionStatus;
use crate::domain::answer::{Answer, AnswerError, ParseAnswerError};
use crate::domain::evidence::SourceProblem;
use crate::domain::history::{Change, ChangeKind, Edit, EditError, MAX_TEXT_CHARS};
use crate::domain::minutes::{MAX_COPIES, MinutesError};
use crate::domain::rubric::{FORMAT, ItemKind, Lang, Rubric};
use crate::domain::rubric_check::{ProblemKind, Subject};
use crate::domain::scoring::{Reason, Verdict, round1};
use crate::domain::visit::{FindingField, Role, Status, UnitKind};
use crate::rubric_file::DiagnosticKind;
use crate::store::StoreError;
use crate::visits::VisitError;

pub struct En;

impl Texts for En {
    fn label(&self, label: Label) -> &'static str {
        match label {
            Label::Id => "id",
            Label::Version => "version",
            Label::Items => "criteria",
            Label::Item => "criterion",
            Label::ItemsUnit => "criteria",
            Label::Total => "total",
            Label::Basis => "basis",
            Label::Notice => "notice",
            Label::PassRule => "pass",
            Label::Bands => "bands",
            Label::Critical => "mandatory",
            Label::NaAllowed => "N/A allowed",
            Label::Points => "points",
            Label::Step => "step",
            Label::NoRubrics => "no rubrics available",
            Label::Date => "date",
            Label::Unit => "unit",
            Label::Rubric => "rubric",
            Label::Status => "status",
            Label::Progress => "progress",
            Label::Score => "score",
            Label::Verdict => "verdict",
            Label::Band => "band",
            Label::Reasons => "reasons",
            Label::FailedCritical => "mandatory criteria failed",
            Label::Team => "team",
            Label::Role => "role",
            Label::Provisional => "provisional",
            Label::TrashEmpty => "the trash is empty",
            Label::NoVisits => "no visits yet; start one with `onsite new --unit NAME --rubric ID`",
            Label::NoMatchingVisits => "no visit matches",
            Label::NoActions => "no corrective actions",
            Label::Then => "then",
            Label::Kind => "kind",
            Label::Minutes => "minutes details",
            Label::Findings => "findings",
            Label::Address => "address",
        }
    }

    fn item_kind(&self, kind: ItemKind) -> &'static str {
        match kind {
            ItemKind::Points => "points",
            ItemKind::Check => "pass/fail",
            ItemKind::Levels => "levels",
        }
    }

    fn verdict(&self, verdict: Verdict) -> &'static str {
        match verdict {
            Verdict::Incomplete => "incomplete",
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        }
    }

    fn reason(&self, reason: &Reason) -> String {
        match reason {
            Reason::Unanswered { count: 1 } => "1 criterion not yet answered".into(),
            Reason::Unanswered { count } => format!("{count} criteria not yet answered"),
            Reason::ScoreBelowPass { score, min } => format!(
                "score {} is below the pass mark {}",
                num(round1(*score)),
                num(*min)
            ),
            Reason::SectionBelowMinimum {
                section,
                percent,
                min,
            } => format!(
                "standard {section} reached {}%, below the minimum {}%",
                num(round1(*percent)),
                num(*min)
            ),
            Reason::CriticalFailed { item } => format!("mandatory criterion {item} failed"),
            Reason::NothingApplicable => "every criterion is marked N/A: nothing to score".into(),
        }
    }

    fn subject(&self, subject: &Subject) -> String {
        match subject {
            Subject::Rubric => String::new(),
            Subject::Section(id) => format!("standard \"{id}\": "),
            Subject::Item(id) => format!("criterion \"{id}\": "),
            Subject::Band(n) => format!("band {n}: "),
        }
    }

    fn problem(&self, problem: &ProblemKind) -> String {
        match problem {
            ProblemKind::WrongFormat { found } => {
                format!("format is \"{found}\"; this file must start with `format: {FORMAT}`")
            }
            ProblemKind::BadId { found } => format!(
                "id \"{found}\" may use only lowercase letters a-z, digits and '-' \
                 (e.g. co-quan-dat-chuan-van-hoa)"
            ),
            ProblemKind::Empty { key } => format!("{key} is empty; write it out"),
            ProblemKind::NotQuoted { key, value } => format!(
                "{key} {value} must be in quotes (\"{value}\"): other YAML readers take it as a \
                 number, and 2025.10 or 1.10 would lose the last zero"
            ),
            ProblemKind::NoSections => "there are no standards (sections); add at least one".into(),
            ProblemKind::NoItems => "the standard has no criteria (items); add at least one".into(),
            ProblemKind::DuplicateSectionId => {
                "this standard's id is used twice; give each standard its own id".into()
            }
            ProblemKind::DuplicateItemId { first_section } => format!(
                "this criterion's id is already used in standard \"{first_section}\"; criterion \
                 ids must be unique in the rubric"
            ),
            ProblemKind::MaxMissing => "max is missing; give the most points it can earn".into(),
            ProblemKind::MaxNotPositive { max } => {
                format!("max must be > 0 (it is {})", num(*max))
            }
            ProblemKind::MaxOnLevels => {
                "a levels criterion takes its max from its best level; remove max".into()
            }
            ProblemKind::StepNotPositive { step } => {
                format!("step must be > 0 (it is {})", num(*step))
            }
            ProblemKind::StepNotHalf { step } => format!(
                "step {} is not a multiple of 0.5; use 0.5, 1, 2, ...",
                num(*step)
            ),
            ProblemKind::StepNotDividing { step, max } => format!(
                "step {} does not divide max {}; change one so max is a whole number of steps",
                num(*step),
                num(*max)
            ),
            ProblemKind::StepOnlyForPoints => {
                "step applies only to points criteria; remove it".into()
            }
            ProblemKind::LevelsOnlyForLevels => {
                "levels apply only to `kind: levels` criteria; set the kind or remove levels".into()
            }
            ProblemKind::NoLevels => "a levels criterion needs a list of levels".into(),
            ProblemKind::DuplicateLevel { label } => {
                format!("level \"{label}\" is listed twice")
            }
            ProblemKind::NegativeLevelPoints { label } => {
                format!("level \"{label}\" has negative points")
            }
            ProblemKind::NegativeScore { score } => {
                format!("min_score {} is negative", num(*score))
            }
            ProblemKind::ScoreAboveTotal { score, total } => format!(
                "min_score {} is above the rubric's total {} (the sum of every criterion's max); \
                 no visit could reach it",
                num(*score),
                num(*total)
            ),
            ProblemKind::BandsNotDescending { previous, this } => format!(
                "min_score {} is not below the band above it ({}); list bands from the \
                 highest score down",
                num(*this),
                num(*previous)
            ),
            ProblemKind::PercentOutOfRange { percent } => {
                format!(
                    "min_section_percent {} must be between 0 and 100",
                    num(*percent)
                )
            }
            ProblemKind::UnknownUnitKind { found } => format!(
                "unit_kinds: \"{found}\" is not a kind of unit; use \"cơ quan\" (agency), \
                 \"đơn vị\" (public unit) or \"doanh nghiệp\" (enterprise)"
            ),
        }
    }

    fn diagnostic(&self, kind: &DiagnosticKind) -> String {
        match kind {
            DiagnosticKind::Unreadable { reason } => format!("cannot read the file: {reason}"),
            DiagnosticKind::TooLarge { size, limit } => format!(
                "the file is {size} bytes, over the {limit}-byte limit for a rubric; is this \
                 the right file?"
            ),
            DiagnosticKind::NotUtf8 => "the file is not UTF-8 text; save it as UTF-8".into(),
            DiagnosticKind::Empty => {
                format!("the file is empty; a rubric starts with `format: {FORMAT}`")
            }
            DiagnosticKind::NotARubric => format!(
                "this is not a rubric: expected keys such as `format: {FORMAT}`, `id:`, \
                 `sections:` (see rubrics/README.md)"
            ),
            DiagnosticKind::UnknownKey {
                within,
                key,
                expected,
            } => format!(
                "{}unknown key \"{key}\"; allowed here: {expected}",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::MissingKey { within, key } => format!(
                "{}the required key \"{key}\" is missing",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::DuplicateKey { within, key } => format!(
                "{}the key \"{key}\" is written twice; keep one",
                within
                    .as_ref()
                    .map(|w| format!("{w}: "))
                    .unwrap_or_default()
            ),
            DiagnosticKind::AliasBomb => {
                "the file expands YAML aliases too many times; refused (write the values out)"
                    .into()
            }
            DiagnosticKind::Yaml { message } if message.contains("expected a string") => {
                format!("{message} (put quotes around ids and versions, e.g. version: \"2025.1\")")
            }
            DiagnosticKind::Yaml { message } => message.clone(),
            DiagnosticKind::Rule(problem) => {
                format!(
                    "{}{}",
                    self.subject(&problem.subject),
                    self.problem(&problem.kind)
                )
            }
        }
    }

    fn file_problem_head(&self, problem: &FileProblem) -> String {
        match problem {
            FileProblem::Invalid { origin, .. } => format!("{origin}: not loaded"),
            FileProblem::Duplicate {
                origin,
                id,
                version,
                first,
            } => format!(
                "{origin}: rubric {id} version {version} is already provided by {first}; \
                 bump the version or change the id"
            ),
            FileProblem::WorldWritable { folder } => format!(
                "{}: warning: anyone on this computer can change the rubrics in this folder; \
                 make it yours only (chmod o-w)",
                folder.display()
            ),
            FileProblem::UnreadableFolder { folder, reason } => {
                format!(
                    "{}: cannot read the rubrics folder: {reason}",
                    folder.display()
                )
            }
        }
    }

    fn find_error(&self, error: &FindError) -> String {
        match error {
            FindError::NotFound { query, known } => format!(
                "no rubric \"{query}\"; available: {} (see `onsite rubric list`)",
                known.join(", ")
            ),
            FindError::Ambiguous { query, versions } => format!(
                "rubric \"{query}\" exists in versions {}; name one as {query}@VERSION",
                versions.join(", ")
            ),
        }
    }

    fn check_ok(&self, id: &str, version: &str, items: usize, total: Decimal) -> String {
        format!(
            "ok: {id} {version} ({items} criteria, total {})",
            num(total)
        )
    }

    fn pass_rule(&self, min_score: Decimal, min_section_percent: Option<Decimal>) -> String {
        let mut rule = format!("score ≥ {}", num(min_score));
        if let Some(percent) = min_section_percent {
            rule.push_str(&format!(", each standard ≥ {}%", num(percent)));
        }
        rule.push_str(", no mandatory criterion failed");
        rule
    }

    fn unit_kind(&self, kind: UnitKind) -> &'static str {
        match kind {
            UnitKind::CoQuan => "agency",
            UnitKind::DonVi => "public unit",
            UnitKind::DoanhNghiep => "enterprise",
        }
    }

    fn role(&self, role: Role) -> &'static str {
        match role {
            Role::TruongDoan => "team leader",
            Role::PhoTruongDoan => "deputy team leader",
            Role::ThanhVien => "member",
            Role::ThuKy => "secretary",
        }
    }

    fn status(&self, status: Status) -> &'static str {
        match status {
            Status::Draft => "draft",
            Status::Finalized => "finalized",
        }
    }

    fn finding(&self, field: FindingField) -> &'static str {
        match field {
            FindingField::Strengths => "strengths",
            FindingField::Shortcomings => "shortcomings",
            FindingField::Recommendations => "recommendations",
            FindingField::Conclusion => "conclusion",
            FindingField::Body => "inspecting body",
            FindingField::Number => "minutes number",
            FindingField::Basis => "basis",
            FindingField::Place => "place",
            FindingField::Started => "start time",
            FindingField::Ended => "end time",
            FindingField::Representatives => "unit's representatives",
            FindingField::GoverningBody => "governing body",
            FindingField::Locality => "locality",
            FindingField::UnitComments => "unit's comments",
            FindingField::Recipients => "recipients",
            FindingField::Copies => "copies",
            FindingField::Recognition => "recognition",
            FindingField::Registered => "year registered",
            FindingField::Period => "period proposed for recognition",
        }
    }

    fn answer(&self, answer: Option<&Answer>, rubric: &Rubric, item: &str) -> String {
        answer_words(answer, rubric, item, ["—", "pass", "fail", "N/A"], Lang::En)
    }

    fn change(&self, change: &Change, rubric: &Rubric) -> String {
        let prefix = match change.kind {
            ChangeKind::Do => String::new(),
            ChangeKind::Undo { of } => format!("undo #{of}: "),
            ChangeKind::Redo { of } => format!("redo #{of}: "),
        };
        let what = match &change.edit {
            Edit::Created => "visit created".to_owned(),
            Edit::Answer { item, from, to } => format!(
                "criterion {item}: {} → {}",
                self.answer(from.as_ref(), rubric, item),
                self.answer(to.as_ref(), rubric, item)
            ),
            Edit::Note { item, to, .. } if to.is_empty() => {
                format!("criterion {item}: note cleared")
            }
            Edit::Note { item, to, .. } => format!("criterion {item}: note «{}»", clip(to, 60)),
            Edit::Finding { field, to, .. } => {
                format!("{}: «{}»", self.finding(*field), clip(to, 60))
            }
            Edit::Status {
                to: Status::Finalized,
                ..
            } => "finalized".to_owned(),
            Edit::Status { reason, .. } => {
                format!("reopened: {}", clip(reason.as_deref().unwrap_or(""), 60))
            }
            Edit::Trash { to: true } => "moved to the trash".to_owned(),
            Edit::Trash { to: false } => "restored from the trash".to_owned(),
            Edit::ActionAdd { action } => {
                format!("corrective action added «{}»", clip(&action.text, 60))
            }
            Edit::ActionRemove { action } => {
                format!("corrective action removed «{}»", clip(&action.text, 60))
            }
            Edit::ActionSet { id, to, .. } => {
                format!("action {}: «{}»", short_id(id), clip(to, 60))
            }
            Edit::ActionStatus {
                id,
                to: ActionStatus::Done,
                ..
            } => format!("action {}: done", short_id(id)),
            Edit::ActionStatus { id, note, .. } => {
                format!("action {}: reopened: {}", short_id(id), clip(note, 60))
            }
            Edit::Attach { attachment } => format!(
                "criterion {}: evidence attached «{}»",
                attachment.item,
                clip(&attachment.name, 60)
            ),
            Edit::Detach { attachment } => format!(
                "criterion {}: evidence detached «{}»",
                attachment.item,
                clip(&attachment.name, 60)
            ),
        };
        prefix + &what
    }

    fn store_opened(&self, opened: &crate::store::Opened) -> Vec<String> {
        use crate::store::{EngineRepair, Opened};
        match opened {
            Opened::Engine(EngineRepair::PartialSnapshots(_) | EngineRepair::TornSettings(_)) => {
                Vec::new()
            }
            Opened::Engine(EngineRepair::SnapshotsSetAside(folder)) => vec![format!(
                "the store's snapshot files could not be read; they were moved to {} and the \
                 store was read from its full log instead",
                folder.display()
            )],
            Opened::Checked(checkup) => self.checkup(checkup),
            Opened::Rebuilt(recovery) => {
                let mut lines = vec![format!(
                    "the store could not be read, so it was moved to {} (kept, not deleted) and \
                     rebuilt from the spare copy: {} visit(s) recovered",
                    recovery.moved_to.display(),
                    recovery.restored.len()
                )];
                for visit in &recovery.restored {
                    lines.push(format!(
                        "  recovered {} {}: {} change(s), the newest at {}",
                        visit.id, visit.unit, visit.changes, visit.last_change
                    ));
                }
                for (id, reason) in &recovery.unreadable {
                    lines.push(format!("  NOT recovered {id}: {reason}"));
                }
                if !recovery.complete {
                    lines.push(
                        "  the spare copy was not complete yet (the store was last used by an \
                         older onsite): import your exports or sync folder to get the rest"
                            .to_owned(),
                    );
                }
                lines.push("run `onsite doctor` to check everything again".to_owned());
                lines
            }
        }
    }

    fn checkup(&self, checkup: &crate::store::Checkup) -> Vec<String> {
        let mut lines = Vec::new();
        for id in &checkup.spare_refreshed {
            lines.push(format!(
                "spare copy of {id} was missing or behind: rewritten"
            ));
        }
        for visit in &checkup.restored {
            lines.push(format!(
                "{} {}: brought back from the spare copy ({} change(s), the newest at {})",
                visit.id, visit.unit, visit.changes, visit.last_change
            ));
        }
        for (id, reason) in &checkup.lost {
            lines.push(format!(
                "{id}: cannot be read from the store or the spare copy: {reason}"
            ));
        }
        lines.push(format!(
            "size on disk: store {:.1} MB, spare copy {:.1} MB",
            mb(checkup.store_bytes),
            mb(checkup.spare_bytes)
        ));
        lines.push(if checkup.lost.is_empty() {
            format!(
                "checked {} visit(s): the store and its spare copy are sound",
                checkup.visits
            )
        } else {
            format!(
                "checked {} visit(s): {} could not be recovered; keep a copy of the data folder \
                 (onsite paths) for support",
                checkup.visits,
                checkup.lost.len()
            )
        });
        lines
    }

    fn file_skipped(&self, path: &str, why: &str) -> String {
        format!("warning: {path}: {why}")
    }

    fn interrupted(&self) -> &'static str {
        "interrupted (Ctrl-C); every change saved before it is kept, the one in progress was finished or not started"
    }

    fn no_data_dir(&self) -> &'static str {
        "no data folder: this system gives no home folder; set --data-dir DIR or ONSITE_DATA_DIR"
    }

    fn who_are_you(&self, config_file: Option<&Path>) -> String {
        let file =
            config_file.map_or_else(|| "config.yaml".to_owned(), |p| p.display().to_string());
        format!(
            "who is scoring? Every change records a name. Add `inspector: Your Name` to {file}, \
             or pass --as \"Your Name\", or set ONSITE_INSPECTOR"
        )
    }

    fn config_error(&self, error: &ConfigError) -> String {
        match error {
            ConfigError::Unreadable { path, source } => {
                format!("{path}: cannot read the settings file: {source}")
            }
            ConfigError::Invalid { path, error } => {
                let at = error
                    .position
                    .map(|p| format!(":{}:{}", p.line, p.column))
                    .unwrap_or_default();
                format!(
                    "{path}{at}: {}; the settings file takes inspector, lang (vi|en), \
                     default_rubric and advance (true|false)",
                    error.message
                )
            }
        }
    }

    fn store_error(&self, error: &StoreError) -> String {
        match error {
            StoreError::Locked { dir, pid } => format!(
                "onsite is already open on {} (pid {pid}); close it there first, then try again",
                dir.display()
            ),
            StoreError::NewerSchema { dir, found, known } => format!(
                "the visits in {} were saved by a newer onsite (store schema {found}; this one \
                 reads up to {known}); nothing was read or changed. Update onsite to open them",
                dir.display()
            ),
            StoreError::NotAStore { dir } => format!(
                "{} holds files that are not an onsite store; point --data-dir at an empty or \
                 onsite folder",
                dir.display()
            ),
            StoreError::Io { dir, source } => format!(
                "cannot use the data folder {}: {source}; what was saved before is safe. If the \
                 disk is full or the folder cannot be written to, free space or fix that, then \
                 try again",
                dir.display()
            ),
            StoreError::LockIsLink { path } => format!(
                "{} is a symbolic link, not onsite's lock file; nothing was opened. Delete the \
                 link (onsite makes a new lock file), then try again",
                path.display()
            ),
            StoreError::Damaged { dir, detail } => format!(
                "the store in {} is damaged ({detail}) and has no spare copy to rebuild it from \
                 (it was last used by an onsite older than spare copies); nothing was changed or \
                 deleted. Keep a copy of that folder for support; your exported files and sync \
                 folder still hold the visits: `onsite --data-dir NEW_FOLDER import FOLDER` \
                 reads them into a new store",
                dir.display()
            ),
            StoreError::Engine { dir, detail } => format!(
                "the store in {} failed: {detail}; what was saved before is safe. If the disk is \
                 full or the folder cannot be written to, free space or fix that, then try again; \
                 if it keeps failing, run `onsite doctor`",
                dir.display()
            ),
            StoreError::Corrupt { key, detail } => format!(
                "a saved record ({key}) cannot be read: {detail}; run `onsite doctor`, which \
                 brings it back from the spare copy"
            ),
            StoreError::Interrupted => {
                "interrupted (Ctrl-C) before this change was saved; everything saved before is kept"
                    .to_owned()
            }
            StoreError::NoVisit(id) => format!("no visit {id}; see `onsite list`"),
        }
    }

    fn visit_error(&self, error: &VisitError) -> String {
        match error {
            VisitError::Store(error) => self.store_error(error),
            VisitError::Edit(error) => self.edit_error(error),
            VisitError::NotFound(prefix) => {
                format!("no visit matches \"{prefix}\"; see `onsite list` for ids")
            }
            VisitError::Ambiguous { prefix, matches } => format!(
                "\"{prefix}\" matches {} visits ({}); type more of the id",
                matches.len(),
                matches
                    .iter()
                    .map(|m| format!("{} {}", m.id, m.unit))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            VisitError::ActionNotFound(prefix) => format!(
                "no corrective action matches \"{prefix}\"; see the ids with `onsite action list`"
            ),
            VisitError::ActionAmbiguous { prefix, matches } => format!(
                "\"{prefix}\" matches {} actions ({}); type more of the id",
                matches.len(),
                matches
                    .iter()
                    .map(|(id, text)| format!("{id} {}", clip(text, 30)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            VisitError::AttachmentNotFound(prefix) => format!(
                "no attachment matches \"{prefix}\"; see the ids with `onsite attachments VISIT`"
            ),
            VisitError::AttachmentAmbiguous { prefix, matches } => format!(
                "\"{prefix}\" matches {} attachments ({}); type more of the id",
                matches.len(),
                matches
                    .iter()
                    .map(|(id, name)| format!("{id} {}", clip(name, 30)))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            VisitError::EvidenceMissing(name) => format!(
                "the file of «{}» is not on this laptop (the copy it came from had no file); \
                 sync or import again from the laptop that attached it",
                clip(name, 60)
            ),
            VisitError::File { path, problem } => {
                let what = match problem {
                    SourceProblem::Missing => {
                        "there is no such file; check the name and folder".to_owned()
                    }
                    SourceProblem::Folder => {
                        "it is a folder; name the files in it instead".to_owned()
                    }
                    SourceProblem::NotRegular => {
                        "it is not a regular file (a pipe or a device); save it as a file first"
                            .to_owned()
                    }
                    SourceProblem::Empty => "the file is empty".to_owned(),
                    SourceProblem::TooLarge { bytes } => format!(
                        "the file is {}, over the limit of {} per file; attach a smaller copy",
                        super::size(*bytes),
                        super::size(crate::domain::evidence::MAX_FILE_BYTES)
                    ),
                    SourceProblem::Unreadable(error) => {
                        format!("it cannot be read ({error}); check its permissions")
                    }
                };
                format!("{}: {what}; nothing attached", path.display())
            }
            VisitError::Opener { path, source } => format!(
                "cannot open {} ({source}); open it from the file manager",
                path.display()
            ),
        }
    }

    fn edit_error(&self, error: &EditError) -> String {
        match error {
            EditError::Finalized => {
                "the visit is finalized and read-only; `onsite reopen VISIT --reason …` to change it"
                    .into()
            }
            EditError::InTrash => "the visit is in the trash; `onsite restore VISIT` first".into(),
            EditError::NotInTrash => "the visit is not in the trash".into(),
            EditError::UnknownItem(item) => {
                format!(
                    "no criterion \"{item}\" in this visit's rubric; see `onsite rubric show`"
                )
            }
            EditError::Answer { item, error } => {
                format!("criterion {item}: {}", self.answer_error(error))
            }
            EditError::TooLong { chars } => format!(
                "the text has {chars} characters, over the limit of {MAX_TEXT_CHARS}; shorten it"
            ),
            EditError::Unanswered { unanswered } => format!(
                "{unanswered} criteria are still unanswered; answer them (or mark them na where \
                 allowed) before finalizing"
            ),
            EditError::NotFinalized => "the visit is not finalized; it can be edited as it is".into(),
            EditError::ReasonRequired => "say why the visit is reopened: --reason \"…\"".into(),
            EditError::NothingToUndo => "nothing to undo".into(),
            EditError::NothingToRedo => "nothing to redo".into(),
            EditError::Minutes(error) => self.minutes_error(error),
            EditError::UnknownAction(id) => {
                format!("no corrective action {id}; see `onsite action list`")
            }
            EditError::ActionDone(id) => format!("action {id} is already marked done"),
            EditError::ActionOpen(id) => format!("action {id} is open, not done"),
            EditError::ActionTextRequired => "a corrective action needs a text: --text \"…\"".into(),
            EditError::ActionExists(id) => format!("action {id} exists already"),
            EditError::BadDate(given) => format!(
                "\"{given}\" is not a date; write year-month-day (2026-12-31) or \
                 day/month/year (31/12/2026)"
            ),
            EditError::UnknownAttachment(id) => {
                format!("no attachment {id} in this visit; see `onsite attachments VISIT`")
            }
            EditError::AttachmentExists(id) => format!("attachment {id} exists already"),
            EditError::FileTooLarge { bytes } => format!(
                "the file is {}, over the limit of {} per file; attach a smaller copy (a \
                 phone's \"reduce size\" or a scan at lower resolution)",
                super::size(*bytes),
                super::size(crate::domain::evidence::MAX_FILE_BYTES)
            ),
            EditError::VisitEvidenceFull { bytes } => format!(
                "the visit's evidence would reach {}, over the limit of {} per visit; detach \
                 what is not needed (`onsite detach`) or attach smaller copies",
                super::size(*bytes),
                super::size(crate::domain::evidence::MAX_VISIT_BYTES)
            ),
            EditError::BadHash(given) => format!("\"{given}\" is not a SHA-256 of a file"),
        }
    }

    fn answer_error(&self, error: &AnswerError) -> String {
        match error {
            AnswerError::WrongKind { expected } => {
                format!(
                    "this criterion is answered as {}",
                    self.item_kind(*expected)
                )
            }
            AnswerError::OutOfRange { max } => {
                format!("the score must be between 0 and {}", num(*max))
            }
            AnswerError::NotAStep { step } => {
                format!("the score must be a multiple of {}", num(*step))
            }
            AnswerError::NaNotAllowed => "this criterion may not be marked N/A".into(),
            AnswerError::NoSuchLevel { count } => format!("this criterion has levels 1 to {count}"),
        }
    }

    fn parse_answer_error(&self, error: &ParseAnswerError, item: &str, given: &str) -> String {
        let expected = match error {
            ParseAnswerError::NotANumber => "a number such as 7 or 7.5".to_owned(),
            ParseAnswerError::NotPassFail => "pass or fail".to_owned(),
            ParseAnswerError::NotALevel { count } => {
                format!("a level 1 to {count} or a level's name")
            }
        };
        format!(
            "criterion {item}: \"{given}\" is not an answer here; expected {expected}, na or clear"
        )
    }

    fn bad_choice(&self, what: Label, given: &str, choices: &[&str]) -> String {
        format!(
            "{} \"{given}\" is not known; use one of: {}",
            self.label(what),
            choices.join(", ")
        )
    }

    fn minutes_error(&self, error: &MinutesError) -> String {
        match error {
            MinutesError::BadTime(given) => self.bad_time(given),
            MinutesError::EndBeforeStart { start, end } => self.end_before_start(start, end),
            MinutesError::BadYear(given) => {
                format!("\"{given}\" is not a year; write four digits, e.g. 2024")
            }
            MinutesError::BadRecognition(given) => format!(
                "\"{given}\" is not a kind of recognition; write \"first\" (lần đầu) or \"renewal\" (lại)"
            ),
            MinutesError::BadCopies(given) => {
                format!("\"{given}\" is not a number of copies; write 1 to {MAX_COPIES}, e.g. 2")
            }
        }
    }

    fn bad_time(&self, given: &str) -> String {
        format!("\"{given}\" is not a time; write HH:MM on the 24-hour clock, e.g. 08:30 or 14:05")
    }

    fn end_before_start(&self, start: &str, end: &str) -> String {
        format!("the end {end} is before the start {start}; nothing was changed")
    }

    fn compared_with(&self, visit: &str, date: &str) -> String {
        format!("follow-up of visit {visit} of {date}:")
    }

    fn action_status(&self, status: ActionStatus) -> String {
        match status {
            ActionStatus::Open => "open".into(),
            ActionStatus::Done => "done".into(),
        }
    }

    fn action_saved(&self, id: &str, status: ActionStatus) -> String {
        format!("saved: action {id}: {}", self.action_status(status))
    }

    fn member_unnamed(&self) -> &'static str {
        "a team member needs a name: --team \"Name:role\", e.g. --team \"Trần Thị Bình:thư ký\""
    }

    fn bad_date(&self, given: &str) -> String {
        format!("\"{given}\" is not a date; write DD/MM/YYYY or YYYY-MM-DD, e.g. 28/11/2026")
    }

    fn no_rubric_given(&self) -> String {
        "which rubric? pass --rubric ID (see `onsite rubric list`) or set default_rubric in the \
         settings file"
            .into()
    }

    fn delete_needs_yes(&self, id: &str) -> String {
        format!("deleting moves visit {id} to the trash; add --yes to confirm")
    }

    fn unit_empty(&self) -> &'static str {
        "the unit name is empty; give --unit NAME"
    }

    fn nothing_to_set(&self) -> &'static str {
        "nothing to set: give at least one of the options (see --help)"
    }

    fn saved(&self, what: &str, answered: usize, items: usize, score: &str) -> String {
        format!("saved: {what} · {answered}/{items} · score {score}")
    }

    fn unchanged(&self) -> &'static str {
        "unchanged: it already had that value"
    }

    fn list_cut(&self, shown: usize) -> String {
        format!("… only the newest {shown} visits are shown; `onsite list --all` lists them all")
    }

    // Rubrics for some kinds of unit only (`unit_kinds`).
    fn rubric_not_for_kind(&self, rubric: &Rubric, kind: UnitKind, visit: &str) -> String {
        let kinds: Vec<&str> = rubric
            .unit_kinds
            .iter()
            .filter_map(|word| UnitKind::named(word))
            .map(|kind| self.unit_kind(kind))
            .collect();
        format!(
            "warning: rubric {}@{} is written for units of kind {}, not {}; visit {visit} was \
             created anyway. If that was a mistake, delete it (`onsite delete {visit} --yes`) and create \
             it again with the right --rubric (see `onsite rubric list`)",
            rubric.id,
            rubric.version,
            kinds.join(", "),
            self.unit_kind(kind),
        )
    }

    fn moved_to_trash(&self, id: &str) -> String {
        format!("visit {id} is in the trash; `onsite restore {id}` brings it back")
    }

    fn export_failed(&self, file: &str, reason: &str) -> String {
        format!(
            "could not write {file}: {reason}; nothing half-written was left behind; free \
             space on that disk or write to another folder, then try again"
        )
    }

    fn conflict_line(&self, visit: &str, conflict: &crate::sync::Conflict) -> String {
        let field = &conflict.field;
        let (mine, theirs, by) = super::conflict_values(conflict);
        format!(
            "conflict {visit} {field}: mine {mine} · theirs {theirs}{by} — settle with `onsite resolve {visit} {field} --take mine|theirs`",
        )
    }

    fn exchange_summary(&self, counts: &super::ExchangeCounts) -> String {
        let super::ExchangeCounts {
            imported,
            merged,
            written,
            unchanged,
            conflicts,
            rejected,
        } = *counts;
        format!(
            "{imported} new, {merged} merged, {written} written, {unchanged} unchanged, \
             {conflicts} conflicts, {rejected} rejected"
        )
    }

    fn no_conflicts(&self) -> &'static str {
        "no conflicts"
    }

    fn no_such_conflict(&self, field: &str) -> String {
        format!("no open conflict on {field}; see `onsite conflicts`")
    }

    fn resolved(&self, field: &str, theirs: bool) -> String {
        let side = if theirs {
            "the other laptop's value"
        } else {
            "your value"
        };
        format!("settled {field}: kept {side}")
    }
}

/// Bytes as megabytes (10^6), for sizes on disk.
#[allow(clippy::cast_precision_loss)] // a size shown to one decimal
fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}
