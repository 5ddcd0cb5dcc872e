//! English texts.

use rust_decimal::Decimal;

use super::compose::{
    ActionWords, AnswerWords, ChangeWords, CheckupWords, ConfigWords, ConflictWords,
    DiagnosticWords, EditWords, FileProblemWords, FindWords, MinutesWords, OpenedWords,
    PassRuleWords, ProblemWords, ReasonWords, StoreWords, VisitWords, Words,
};
use super::{Label, Texts, num};
use crate::domain::rubric::{ItemKind, Lang};
use crate::domain::rubric_check::Subject;
use crate::domain::scoring::Verdict;
use crate::domain::visit::{FindingField, Role, Status, UnitKind};

pub struct En;

pub(super) const WORDS: Words = Words {
    lang: Lang::En,
    answer: AnswerWords {
        none: "—",
        pass: "pass",
        fail: "fail",
        na: "N/A",
        wrong_kind: "this criterion is answered as {kind}",
        out_of_range: "the score must be between 0 and {max}",
        not_a_step: "the score must be a multiple of {step}",
        na_not_allowed: "this criterion may not be marked N/A",
        no_such_level: "this criterion has levels 1 to {count}",
        not_an_answer: "criterion {item}: \"{given}\" is not an answer here; expected {expected}, na or clear",
        expected_number: "a number such as 7 or 7.5",
        expected_pass_fail: "pass or fail",
        expected_level: "a level 1 to {count} or a level's name",
    },
    reason: ReasonWords {
        unanswered_one: "1 criterion not yet answered",
        unanswered: "{count} criteria not yet answered",
        score_below_pass: "score {score} is below the pass mark {min}",
        section_below_minimum: "standard {section} reached {percent}%, below the minimum {min}%",
        critical_failed: "mandatory criterion {item} failed",
        nothing_applicable: "every criterion is marked N/A: nothing to score",
    },
    diagnostic: DiagnosticWords {
        unreadable: "cannot read the file: {reason}",
        too_large: "the file is {size} bytes, over the {limit}-byte limit for a rubric; is this \
                    the right file?",
        not_utf8: "the file is not UTF-8 text; save it as UTF-8",
        empty: "the file is empty; a rubric starts with `format: {format}`",
        not_a_rubric: "this is not a rubric: expected keys such as `format: {format}`, `id:`, \
                       `sections:` (see rubrics/README.md)",
        unknown_key: "unknown key \"{key}\"; allowed here: {expected}",
        missing_key: "the required key \"{key}\" is missing",
        duplicate_key: "the key \"{key}\" is written twice; keep one",
        alias_bomb: "the file expands YAML aliases too many times; refused (write the values out)",
        quote_hint: " (put quotes around ids and versions, e.g. version: \"2025.1\")",
        yaml: "{message}",
    },
    find: FindWords {
        not_found: "no rubric \"{query}\"; available: {known} (see `onsite rubric list`)",
        ambiguous: "rubric \"{query}\" exists in versions {versions}; name one as {query}@VERSION",
    },
    pass_rule: PassRuleWords {
        score: "score",
        each_section: "each standard",
        no_critical_failed: "no mandatory criterion failed",
    },
    change: ChangeWords {
        undo: "undo",
        redo: "redo",
        created: "visit created",
        criterion: "criterion",
        note: "note",
        note_cleared: "note cleared",
        finalized: "finalized",
        reopened: "reopened",
        trashed: "moved to the trash",
        restored: "restored from the trash",
        action_added: "corrective action added",
        action_removed: "corrective action removed",
        action: "action",
        attached: "evidence attached",
        detached: "evidence detached",
    },
    opened: OpenedWords {
        snapshots_set_aside: "the store's snapshot files could not be read; they were moved to \
                              {folder} and the store was read from its full log instead",
        rebuilt: "the store could not be read, so it was moved to {folder} (kept, not deleted) \
                  and rebuilt from the spare copy: {count} visit(s) recovered",
        recovered: "  recovered {id} {unit}: {changes} change(s), the newest at {last}",
        not_recovered: "  NOT recovered {id}: {reason}",
        spare_incomplete: "  the spare copy was not complete yet (the store was last used by an \
                           older onsite): import your exports or sync folder to get the rest",
        plans_recovered: "  recovered {count} entry(ies) of the campaign plan",
        run_doctor: "run `onsite doctor` to check everything again",
    },
    checkup: CheckupWords {
        spare_refreshed: "spare copy of {id} was missing or behind: rewritten",
        restored: "{id} {unit}: brought back from the spare copy ({changes} change(s), the newest \
                   at {last})",
        lost: "{id}: cannot be read from the store or the spare copy: {reason}",
        sizes: "size on disk: store {store} MB, spare copy {spare} MB",
        sound: "checked {visits} visit(s): the store and its spare copy are sound",
        unsound: "checked {visits} visit(s): {lost} could not be recovered; keep a copy of the \
                  data folder (onsite paths) for support",
        plans_restored: "{count} entry(ies) of the campaign plan brought back from the spare copy",
        plan_unreadable: "{file}: a plan entry's spare copy that cannot be read, left as it is: \
                          {reason}",
    },
    config: ConfigWords {
        unreadable: "{path}: cannot read the settings file: {source}",
        invalid: "{path}{at}: {message}; the settings file takes inspector, lang (vi|en), \
                  default_rubric and advance (true|false)",
    },
    visit: VisitWords {
        not_found: "no visit matches \"{prefix}\"; see `onsite list` for ids",
        ambiguous: "\"{prefix}\" matches {count} visits ({matches}); type more of the id",
        action_not_found: "no corrective action matches \"{prefix}\"; see the ids with `onsite \
                           action list`",
        action_ambiguous: "\"{prefix}\" matches {count} actions ({matches}); type more of the id",
        attachment_not_found: "no attachment matches \"{prefix}\"; see the ids with `onsite \
                               attachments VISIT`",
        attachment_ambiguous: "\"{prefix}\" matches {count} attachments ({matches}); type more \
                               of the id",
        evidence_missing: "the file of «{name}» is not on this laptop (the copy it came from had \
                           no file); sync or import again from the laptop that attached it",
        file: "{path}: {what}; nothing attached",
        file_missing: "there is no such file; check the name and folder",
        file_folder: "it is a folder; name the files in it instead",
        file_not_regular: "it is not a regular file (a pipe or a device); save it as a file first",
        file_empty: "the file is empty",
        file_too_large: "the file is {size}, over the limit of {limit} per file; attach a smaller \
                         copy",
        file_unreadable: "it cannot be read ({error}); check its permissions",
        opener: "cannot open {path} ({source}); open it from the file manager",
    },
    edit: EditWords {
        finalized: "the visit is finalized and read-only; `onsite reopen VISIT --reason …` to \
                    change it",
        in_trash: "the visit is in the trash; `onsite restore VISIT` first",
        not_in_trash: "the visit is not in the trash",
        unknown_item: "no criterion \"{item}\" in this visit's rubric; see `onsite rubric show`",
        too_long: "the text has {chars} characters, over the limit of {max}; shorten it",
        unanswered: "{count} criteria are still unanswered; answer them (or mark them na where \
                     allowed) before finalizing",
        not_finalized: "the visit is not finalized; it can be edited as it is",
        reason_required: "say why the visit is reopened: --reason \"…\"",
        nothing_to_undo: "nothing to undo",
        nothing_to_redo: "nothing to redo",
        unknown_action: "no corrective action {id}; see `onsite action list`",
        action_done: "action {id} is already marked done",
        action_open: "action {id} is open, not done",
        action_text_required: "a corrective action needs a text: --text \"…\"",
        action_exists: "action {id} exists already",
        bad_date: "\"{given}\" is not a date; write year-month-day (2026-12-31) or day/month/year \
                   (31/12/2026)",
        unknown_attachment: "no attachment {id} in this visit; see `onsite attachments VISIT`",
        attachment_exists: "attachment {id} exists already",
        file_too_large: "the file is {size}, over the limit of {limit} per file; attach a smaller \
                         copy (a phone's \"reduce size\" or a scan at lower resolution)",
        visit_evidence_full: "the visit's evidence would reach {size}, over the limit of {limit} \
                              per visit; detach what is not needed (`onsite detach`) or attach \
                              smaller copies",
        bad_hash: "\"{given}\" is not a SHA-256 of a file",
    },
    minutes: MinutesWords {
        bad_time: "\"{given}\" is not a time; write HH:MM on the 24-hour clock, e.g. 08:30 or 14:05",
        bad_year: "\"{given}\" is not a year; write four digits, e.g. 2024",
        bad_recognition: "\"{given}\" is not a kind of recognition; write \"first\" (lần đầu) or \
                          \"renewal\" (lại)",
        bad_copies: "\"{given}\" is not a number of copies; write 1 to {max}, e.g. 2",
        end_before_start: "the end {end} is before the start {start}; nothing was changed",
    },
    conflict: ConflictWords {
        line: "conflict {visit} {field}: mine {mine} · theirs {theirs}{by} — settle with `onsite \
               resolve {visit} {field} --take mine|theirs`",
        counted: [
            "new",
            "merged",
            "written",
            "unchanged",
            "conflicts",
            "rejected",
        ],
        resolved: "settled {field}: kept {side}",
        mine: "your value",
        theirs: "the other laptop's value",
    },
    action: ActionWords {
        open: "open",
        done: "done",
        saved: "saved: action {id}: {status}",
    },
    problem: ProblemWords {
        wrong_format: "format is \"{found}\"; this file must start with `format: {format}`",
        bad_id: "id \"{found}\" may use only lowercase letters a-z, digits and '-' \
                 (e.g. co-quan-dat-chuan-van-hoa)",
        empty: "{key} is empty; write it out",
        not_quoted: "{key} {value} must be in quotes (\"{value}\"): other YAML readers take it \
                     as a number, and 2025.10 or 1.10 would lose the last zero",
        no_sections: "there are no standards (sections); add at least one",
        no_items: "the standard has no criteria (items); add at least one",
        duplicate_section_id: "this standard's id is used twice; give each standard its own id",
        duplicate_item_id: "this criterion's id is already used in standard \
                            \"{first_section}\"; criterion ids must be unique in the rubric",
        max_missing: "max is missing; give the most points it can earn",
        max_not_positive: "max must be > 0 (it is {max})",
        max_on_levels: "a levels criterion takes its max from its best level; remove max",
        step_not_positive: "step must be > 0 (it is {step})",
        step_not_half: "step {step} is not a multiple of 0.5; use 0.5, 1, 2, ...",
        step_not_dividing: "step {step} does not divide max {max}; change one so max is a \
                            whole number of steps",
        step_only_for_points: "step applies only to points criteria; remove it",
        levels_only_for_levels: "levels apply only to `kind: levels` criteria; set the kind or \
                                 remove levels",
        no_levels: "a levels criterion needs a list of levels",
        duplicate_level: "level \"{label}\" is listed twice",
        negative_level_points: "level \"{label}\" has negative points",
        negative_score: "min_score {score} is negative",
        score_above_total: "min_score {score} is above the rubric's total {total} (the sum of \
                            every criterion's max); no visit could reach it",
        bands_not_descending: "min_score {this} is not below the band above it ({previous}); \
                               list bands from the highest score down",
        percent_out_of_range: "min_section_percent {percent} must be between 0 and 100",
        unknown_unit_kind: "unit_kinds: \"{found}\" is not a kind of unit; use \"cơ quan\" \
                            (agency), \"đơn vị\" (public unit) or \"doanh nghiệp\" (enterprise)",
    },
    file_problem: FileProblemWords {
        invalid: "{origin}: not loaded",
        duplicate: "{origin}: rubric {id} version {version} is already provided by {first}; \
                    bump the version or change the id",
        world_writable: "{folder}: warning: anyone on this computer can change the rubrics in \
                         this folder; make it yours only (chmod o-w)",
        unreadable_folder: "{folder}: cannot read the rubrics folder: {reason}",
    },
    store: StoreWords {
        locked: "onsite is already open on {dir} (pid {pid}); close it there first, then try \
                 again",
        newer_schema: "the visits in {dir} were saved by a newer onsite (store schema {found}; \
                       this one reads up to {known}); nothing was read or changed. Update \
                       onsite to open them",
        not_a_store: "{dir} holds files that are not an onsite store; point --data-dir at an \
                      empty or onsite folder",
        io: "cannot use the data folder {dir}: {source}; what was saved before is safe. If the \
             disk is full or the folder cannot be written to, free space or fix that, then try \
             again",
        lock_is_link: "{path} is a symbolic link, not onsite's lock file; nothing was opened. \
                       Delete the link (onsite makes a new lock file), then try again",
        damaged: "the store in {dir} is damaged ({detail}) and has no spare copy to rebuild it \
                  from (it was last used by an onsite older than spare copies); nothing was \
                  changed or deleted. Keep a copy of that folder for support; your exported \
                  files and sync folder still hold the visits: `onsite --data-dir NEW_FOLDER \
                  import FOLDER` reads them into a new store",
        engine: "the store in {dir} failed: {detail}; what was saved before is safe. If the \
                 disk is full or the folder cannot be written to, free space or fix that, then \
                 try again; if it keeps failing, run `onsite doctor`",
        corrupt: "a saved record ({key}) cannot be read: {detail}; run `onsite doctor`, which \
                  brings it back from the spare copy",
        interrupted: "interrupted (Ctrl-C) before this change was saved; everything saved \
                      before is kept",
        no_visit: "no visit {id}; see `onsite list`",
    },
    who_are_you: "who is scoring? Every change records a name. Add `inspector: Your Name` to \
                  {file}, or pass --as \"Your Name\", or set ONSITE_INSPECTOR",
    bad_choice: "{what} \"{given}\" is not known; use one of: {choices}",
    rubric_not_for_kind: "warning: rubric {id}@{version} is written for units of kind {kinds}, \
                          not {kind}; visit {visit} was created anyway. If that was a mistake, \
                          delete it (`onsite delete {visit} --yes`) and create it again with the \
                          right --rubric (see `onsite rubric list`)",
};

impl Texts for En {
    fn words(&self) -> &'static Words {
        &WORDS
    }

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

    fn subject(&self, subject: &Subject) -> String {
        match subject {
            Subject::Rubric => String::new(),
            Subject::Section(id) => format!("standard \"{id}\": "),
            Subject::Item(id) => format!("criterion \"{id}\": "),
            Subject::Band(n) => format!("band {n}: "),
        }
    }

    fn check_ok(&self, id: &str, version: &str, items: usize, total: Decimal) -> String {
        format!(
            "ok: {id} {version} ({items} criteria, total {})",
            num(total)
        )
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

    fn file_skipped(&self, path: &str, why: &str) -> String {
        format!("warning: {path}: {why}")
    }

    fn interrupted(&self) -> &'static str {
        "interrupted (Ctrl-C); every change saved before it is kept, the one in progress was finished or not started"
    }

    fn no_data_dir(&self) -> &'static str {
        "no data folder: this system gives no home folder; set --data-dir DIR or ONSITE_DATA_DIR"
    }

    fn compared_with(&self, visit: &str, date: &str) -> String {
        format!("follow-up of visit {visit} of {date}:")
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

    fn moved_to_trash(&self, id: &str) -> String {
        format!("visit {id} is in the trash; `onsite restore {id}` brings it back")
    }

    fn export_failed(&self, file: &str, reason: &str) -> String {
        format!(
            "could not write {file}: {reason}; nothing half-written was left behind; free \
             space on that disk or write to another folder, then try again"
        )
    }

    fn no_conflicts(&self) -> &'static str {
        "no conflicts"
    }

    fn no_such_conflict(&self, field: &str) -> String {
        format!("no open conflict on {field}; see `onsite conflicts`")
    }
}
