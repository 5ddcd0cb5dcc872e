//! The integration tests, one binary (as bottom and ripgrep have them): each module tests one
//! part of onsite from outside, through the `onsite` binary, a pseudo-terminal or the
//! library's public API; `support` holds what they share. Run one part with a name filter,
//! e.g. `cargo test --test it tui_snapshots::`.

mod support;

mod actions_cli;
mod completions_cli;
mod concurrency;
mod docs;
mod document;
mod evidence_cli;
mod export_xlsx;
mod fuzz_corpus;
mod import_cli;
mod kill_soak;
mod layering;
mod limits;
mod minutes_layout;
mod plan_cli;
mod report;
mod report_evidence;
mod rubric_cli;
mod scoring;
mod state_machine;
mod stats_cli;
mod store;
mod store_recovery;
mod sync_cli;
mod sync_git;
mod sync_merge;
mod sync_migration;
mod sync_team;
mod terminal_safety;
mod tui_actions;
mod tui_app;
mod tui_e2e;
mod tui_snapshots;
mod tui_update;
mod visit_cli;
mod write_failures;
