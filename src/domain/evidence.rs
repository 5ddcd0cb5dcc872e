//! Evidence (minh chứng): photos and documents attached to a rubric item — the notice board,
//! the hotline sign, a copy of the annual plan. The visit keeps what each file is (its
//! SHA-256, name, size, type, caption); the bytes live once per content in the data folder
//! (`store`), so the same photo attached twice is stored once. Attaching and detaching are
//! edits in the visit's history, merged by sync like an answer; neither changes the score,
//! so both stay possible after the visit is finalized.

use serde::{Deserialize, Serialize};

use super::stamp::Stamp;

/// The largest file accepted, in bytes (a phone photo is 2–8 MB; a scanned plan a few).
pub const MAX_FILE_BYTES: u64 = 25 * 1024 * 1024;
/// The most evidence one visit may hold, in bytes, each distinct file counted once: what a
/// shared folder or a git repository carries for it stays in reach of a laptop's disk.
pub const MAX_VISIT_BYTES: u64 = 500 * 1024 * 1024;

/// A file as attached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttachment {
    /// A ULID: any unique prefix names it.
    pub id: String,
    /// The rubric item it is evidence for.
    pub item: String,
    /// Lowercase hex SHA-256 of the file's bytes: its name in the store and in exports.
    pub sha256: String,
    /// The file's name when it was attached (for people; never used as a path).
    pub name: String,
    pub bytes: u64,
    /// Recognised from the content (`image/jpeg`, `application/pdf`, ...).
    pub media_type: String,
    #[serde(default)]
    pub caption: String,
    /// When the photo was taken, from its EXIF data (`yyyy-mm-ddThh:mm:ss`, camera time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub taken_at: Option<String>,
}

/// An attachment as the visit holds it: the file, who attached it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    #[serde(flatten)]
    pub added: NewAttachment,
    pub by: String,
    pub at: Stamp,
}

impl Attachment {
    pub fn id(&self) -> &str {
        &self.added.id
    }

    /// Whether this is an image a page or a Word file can show.
    pub fn is_image(&self) -> bool {
        self.added.media_type.starts_with("image/")
    }

    /// The file's name in an export: `<sha256>.<extension>`.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.added.sha256, extension(&self.added))
    }
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    use std::fmt::Write;
    let mut text = String::with_capacity(64);
    for byte in sha2::Sha256::digest(bytes) {
        // Writing to a String cannot fail.
        let _ = write!(text, "{byte:02x}");
    }
    text
}

/// Whether `text` is a SHA-256 as onsite writes it: 64 lowercase hex digits.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The extension an exported copy gets: from the recognised type, else from the name it was
/// attached with (letters and digits only), else `bin`. Never a path: the store and the
/// exports name files by hash, so a hostile name cannot reach outside their folder.
pub fn extension(attachment: &NewAttachment) -> String {
    let by_type = match attachment.media_type.as_str() {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "image/heic" | "image/heif" => "heic",
        "application/pdf" => "pdf",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "text/plain" => "txt",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "application/zip" => "zip",
        _ => "",
    };
    if !by_type.is_empty() {
        return by_type.to_owned();
    }
    let from_name = attachment
        .name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .filter(|ext| {
            (1..=8).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        });
    from_name.unwrap_or_else(|| "bin".to_owned())
}

/// The bytes of evidence a visit holds, each distinct file once.
pub fn total_bytes<'a>(attachments: impl IntoIterator<Item = &'a Attachment>) -> u64 {
    let mut seen = std::collections::BTreeSet::new();
    attachments
        .into_iter()
        .filter(|a| seen.insert(a.added.sha256.as_str()))
        .map(|a| a.added.bytes)
        .sum()
}

/// Why a file could not be read for attaching. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum SourceProblem {
    #[error("there is no such file")]
    Missing,
    #[error("it is a folder")]
    Folder,
    /// A FIFO, a socket or a device: reading it could wait forever or never end.
    #[error("it is not a regular file")]
    NotRegular,
    #[error("it is empty")]
    Empty,
    #[error("it is {bytes} bytes, over the limit of {MAX_FILE_BYTES}")]
    TooLarge { bytes: u64 },
    #[error("it cannot be read: {0}")]
    Unreadable(std::io::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(name: &str, media_type: &str) -> NewAttachment {
        NewAttachment {
            id: "01JDX3ZK6Q0000000000000000".into(),
            item: "1.1".into(),
            sha256: "a".repeat(64),
            name: name.into(),
            bytes: 10,
            media_type: media_type.into(),
            caption: String::new(),
            taken_at: None,
        }
    }

    #[test]
    fn the_extension_comes_from_the_content_then_a_safe_name() {
        assert_eq!(extension(&new("x.PNG", "image/jpeg")), "jpg");
        assert_eq!(
            extension(&new("Bien ban.ODT", "application/octet-stream")),
            "odt"
        );
        for hostile in [
            "../../etc/passwd",
            "a.b/c",
            "x.",
            "noext",
            "a.very-long-ext",
            "ảnh.jpẹg",
        ] {
            let ext = extension(&new(hostile, "application/octet-stream"));
            assert_eq!(ext, "bin", "{hostile}");
        }
    }

    #[test]
    fn only_lowercase_hex_of_64_digits_is_a_hash() {
        assert!(is_sha256(&"0f".repeat(32)));
        assert!(!is_sha256(&"0F".repeat(32)));
        assert!(!is_sha256(&"0f".repeat(31)));
        assert!(!is_sha256(&format!("../{}", "0".repeat(61))));
    }
}
