//! onsite: score an on-site workplace-culture inspection from a laptop keyboard.
//!
//! Layout: [`domain`] (rubric, answers, scoring; pure), [`yaml`] (the one YAML door),
//! [`rubric_file`] and [`catalog`] (reading rubrics), [`strings`] (every user-facing
//! sentence, per language), [`cli`] (subcommands).

pub mod catalog;
pub mod cli;
pub mod config;
pub mod document;
pub mod domain;
pub mod evidence;
pub mod export;
pub mod file_kind;
pub mod files;
pub mod interrupt;
pub mod media;
pub mod paths;
pub mod plan_file;
pub mod platform;
pub mod report;
pub mod rubric_file;
pub mod service;
pub mod stats;
pub mod store;
pub mod strings;
pub mod sync;
pub mod tables;
pub mod tui;
pub mod ui;
pub mod yaml;
