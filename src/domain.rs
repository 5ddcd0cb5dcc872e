//! What an inspection is, free of terminal, storage and file-format crates.

pub mod action;
pub mod answer;
pub mod evidence;
pub mod history;
pub mod minutes;
pub mod plan;
pub mod replay;
pub mod rubric;
pub mod rubric_check;
pub mod scoring;
pub mod search;
pub mod stamp;
pub mod stats;
pub mod unit;
pub mod visit;
