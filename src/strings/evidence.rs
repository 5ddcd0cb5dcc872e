//! Words about evidence (minh chứng) on the command line and in `onsite doctor`, per
//! language: both languages in this one file, each a few lines.

use super::clip;
use super::en::En;
use super::vi::Vi;
use crate::store::Cleaned;

pub trait EvidenceTexts {
    /// On stderr: the file was attached to this item before; its id is printed again.
    fn evidence_already(&self, name: &str, item: &str) -> String;
    fn no_evidence(&self) -> &'static str;
    /// Beside an attachment whose file is not on this laptop.
    fn evidence_missing_mark(&self) -> &'static str;
    fn evidence_detached(&self, name: &str, item: &str) -> String;
    /// What `onsite doctor` removed from the evidence folder (nothing: no lines).
    fn evidence_cleaned(&self, cleaned: &Cleaned) -> Vec<String>;
}

impl EvidenceTexts for Vi {
    fn evidence_already(&self, name: &str, item: &str) -> String {
        format!(
            "«{}» đã được đính kèm vào tiêu chí {item}; không đính kèm lại",
            clip(name, 60)
        )
    }

    fn no_evidence(&self) -> &'static str {
        "chưa có minh chứng nào"
    }

    fn evidence_missing_mark(&self) -> &'static str {
        "thiếu tệp trên máy này"
    }

    fn evidence_detached(&self, name: &str, item: &str) -> String {
        format!(
            "đã gỡ «{}» khỏi tiêu chí {item} (`onsite undo` để gắn lại)",
            clip(name, 60)
        )
    }

    fn evidence_cleaned(&self, cleaned: &Cleaned) -> Vec<String> {
        let mut lines = Vec::new();
        if !cleaned.unused.is_empty() {
            lines.push(format!(
                "minh chứng: đã xóa {} tệp không lần kiểm tra nào còn dùng",
                cleaned.unused.len()
            ));
        }
        if cleaned.unfinished > 0 {
            lines.push(format!(
                "minh chứng: đã xóa {} tệp tạm của lần ghi bị dừng giữa chừng",
                cleaned.unfinished
            ));
        }
        lines
    }
}

impl EvidenceTexts for En {
    fn evidence_already(&self, name: &str, item: &str) -> String {
        format!(
            "«{}» is attached to criterion {item} already; not attached again",
            clip(name, 60)
        )
    }

    fn no_evidence(&self) -> &'static str {
        "no evidence attached"
    }

    fn evidence_missing_mark(&self) -> &'static str {
        "file not on this laptop"
    }

    fn evidence_detached(&self, name: &str, item: &str) -> String {
        format!(
            "detached «{}» from criterion {item} (`onsite undo` attaches it again)",
            clip(name, 60)
        )
    }

    fn evidence_cleaned(&self, cleaned: &Cleaned) -> Vec<String> {
        let mut lines = Vec::new();
        if !cleaned.unused.is_empty() {
            lines.push(format!(
                "evidence: removed {} files no visit uses",
                cleaned.unused.len()
            ));
        }
        if cleaned.unfinished > 0 {
            lines.push(format!(
                "evidence: removed {} temporary files of writes that were stopped",
                cleaned.unfinished
            ));
        }
        lines
    }
}
