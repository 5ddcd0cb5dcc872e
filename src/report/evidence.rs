//! Evidence (minh chứng) in the minutes: each attached file next to its criterion (a
//! thumbnail of a photo, the name and size of anything else) and the appendix that lists
//! every file with its SHA-256, so a printed page can be checked against the files.
//!
//! The files live in the store; the writers never read it. The caller resolves the files
//! once ([`Evidence::gather`], with a reader it passes in), and [`rows`] turns the visit's
//! attachments and what was found into rows in the minutes' language.

use std::collections::{BTreeMap, BTreeSet};

use crate::document::VisitRecord;
use crate::domain::evidence::{Attachment, extension};
use crate::domain::rubric::Lang;
use crate::media::Thumbnail;
use crate::strings::texts;

/// The longest side of a thumbnail, in pixels: 320 CSS pixels are about 85 mm on paper,
/// large enough to recognise a notice board, small enough for two side by side.
pub const THUMBNAIL_SIDE: u32 = 320;

/// How one file shows in the minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preview {
    /// A photo, as a JPEG thumbnail.
    Thumbnail(Thumbnail),
    /// A file that is here but is no picture the minutes can show (a PDF, a video, a photo
    /// format the thumbnailer cannot read): listed by name and size.
    Listed,
    /// The file is not on this laptop (a visit synced or imported without it, a damaged
    /// disk): marked so, never a broken image.
    Missing,
}

/// A visit's evidence files as found on this laptop, by SHA-256; or evidence left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// `None` leaves evidence out of the minutes (`onsite report --no-evidence`).
    previews: Option<BTreeMap<String, Preview>>,
}

impl Evidence {
    /// The short minutes: no evidence next to the criteria and no appendix.
    pub fn left_out() -> Evidence {
        Evidence { previews: None }
    }

    /// Resolves each file of `attachments` once (the same photo attached to two criteria is
    /// read once). `read` gives a file's bytes, checked against its hash, or `None` when the
    /// file is not there (the store's `read_evidence`). Decoding a photo takes about 0.15 s,
    /// so the thumbnails of a few files are made at once, one per core; only those few files
    /// are held in memory.
    pub fn gather(
        attachments: &[Attachment],
        mut read: impl FnMut(&str) -> Option<Vec<u8>>,
    ) -> Evidence {
        let mut seen = BTreeSet::new();
        let files: Vec<(&str, bool)> = attachments
            .iter()
            .filter(|a| seen.insert(a.added.sha256.as_str()))
            .map(|a| (a.added.sha256.as_str(), a.is_image()))
            .collect();
        let at_once = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let mut previews = BTreeMap::new();
        for batch in files.chunks(at_once) {
            let read: Vec<(&str, bool, Option<Vec<u8>>)> = batch
                .iter()
                .map(|&(sha256, image)| (sha256, image, read(sha256)))
                .collect();
            std::thread::scope(|scope| {
                let made: Vec<_> = read
                    .iter()
                    .map(|(sha256, image, bytes)| {
                        (*sha256, scope.spawn(|| preview(*image, bytes.as_deref())))
                    })
                    .collect();
                for (sha256, thread) in made {
                    // `media::thumbnail` catches its decoders' panics; a thread lost anyway
                    // leaves the file listed by name.
                    let preview = thread.join().unwrap_or(Preview::Listed);
                    previews.insert(sha256.to_owned(), preview);
                }
            });
        }
        Evidence {
            previews: Some(previews),
        }
    }
}

/// How a file shows: `bytes` as read (`None`: not on this laptop); `image`, whether its
/// type is a photo's.
fn preview(image: bool, bytes: Option<&[u8]>) -> Preview {
    match bytes {
        None => Preview::Missing,
        Some(bytes) if image => crate::media::thumbnail(bytes, THUMBNAIL_SIDE)
            .map_or(Preview::Listed, Preview::Thumbnail),
        Some(_) => Preview::Listed,
    }
}

/// One file as the minutes show it, every text in the minutes' language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceRow {
    /// Its number in the appendix, from 1; the picture next to its criterion carries it too.
    pub number: usize,
    /// The criterion it is evidence for.
    pub item: String,
    /// The file's name when it was attached.
    pub name: String,
    /// Where an export of the visit puts the file, relative to the exported document:
    /// `<document stem>.files/<sha256>.<extension>`.
    pub exported: String,
    pub caption: String,
    /// The file's type as people name it: `JPG`, `PDF`.
    pub kind: String,
    /// "2,3 MB".
    pub size: String,
    /// When the photo was taken (camera time), or empty.
    pub taken_at: String,
    /// Who attached it, and when.
    pub added: String,
    pub sha256: String,
    pub preview: Preview,
}

impl EvidenceRow {
    /// What stands for a picture that cannot be seen (alt text) and under it: the caption,
    /// else the file's name.
    pub fn label(&self) -> &str {
        if self.caption.trim().is_empty() {
            &self.name
        } else {
            self.caption.trim()
        }
    }
}

/// "20/11/2026 08:42" (Vietnamese), "2026-11-20 08:42" (English).
fn date_time(lang: Lang, at: jiff::civil::DateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        texts(lang).report_short_date(at.year(), at.month(), at.day()),
        at.hour(),
        at.minute()
    )
}

/// The rows of `record`'s attachments, numbered down the rubric (criteria in rubric order,
/// files of one criterion in the order attached); empty when `evidence` is left out.
pub fn rows(record: &VisitRecord, evidence: &Evidence, lang: Lang) -> Vec<EvidenceRow> {
    let Some(previews) = &evidence.previews else {
        return Vec::new();
    };
    let t = texts(lang);
    let position: BTreeMap<&str, usize> = record
        .rubric
        .items()
        .enumerate()
        .map(|(index, item)| (item.id.as_str(), index))
        .collect();
    let mut attachments: Vec<&Attachment> = record.state.visit.attachments.iter().collect();
    // A stable sort: files of one criterion keep the order they were attached in.
    attachments.sort_by_key(|a| {
        position
            .get(a.added.item.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });
    let yaml = crate::export::file_name(record);
    let stem = yaml.trim_end_matches(".yaml");
    attachments
        .into_iter()
        .enumerate()
        .map(|(index, attachment)| {
            let added = &attachment.added;
            let taken_at = added.taken_at.as_deref().map_or_else(String::new, |taken| {
                taken
                    .parse()
                    .map_or_else(|_| taken.to_owned(), |at| date_time(lang, at))
            });
            let at = attachment.at.offset.to_datetime(attachment.at.instant);
            EvidenceRow {
                number: index + 1,
                item: added.item.clone(),
                name: added.name.clone(),
                exported: format!("{stem}.files/{}", attachment.file_name()),
                caption: added.caption.clone(),
                kind: extension(added).to_uppercase(),
                size: t.report_number(crate::strings::size(added.bytes)),
                taken_at,
                added: format!("{}, {}", attachment.by, date_time(lang, at)),
                sha256: added.sha256.clone(),
                preview: previews
                    .get(&added.sha256)
                    .cloned()
                    .unwrap_or(Preview::Missing),
            }
        })
        .collect()
}

/// A visit's evidence as the minutes show it: each file read from the store (checked
/// against its hash; a missing or damaged one is marked so) and a thumbnail of each photo.
pub fn from_store(
    store: &crate::store::Store,
    attachments: &[crate::domain::evidence::Attachment],
) -> Evidence {
    Evidence::gather(attachments, |sha256| store.read_evidence(sha256))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::evidence::NewAttachment;

    fn attachment(item: &str, sha: char, media_type: &str) -> Attachment {
        Attachment {
            added: NewAttachment {
                id: format!("01JDX3ZK6Q00000000000000{sha}{sha}").to_ascii_uppercase(),
                item: item.into(),
                sha256: sha.to_string().repeat(64),
                name: format!("{sha}.bin"),
                bytes: 10,
                media_type: media_type.into(),
                caption: String::new(),
                taken_at: None,
            },
            by: "An".into(),
            at: "2026-11-20T09:15:00+07:00".parse().expect("a stamp"),
        }
    }

    /// A real PNG, 640×480, so the thumbnail is made and shrunk.
    fn png() -> Vec<u8> {
        let pixels = image::RgbImage::from_fn(640, 480, |x, y| {
            let [low, ..] = (x ^ y).to_le_bytes();
            image::Rgb([low, low.wrapping_mul(3), 128])
        });
        let mut bytes = std::io::Cursor::new(Vec::new());
        pixels
            .write_to(&mut bytes, image::ImageFormat::Png)
            .expect("encode");
        bytes.into_inner()
    }

    #[test]
    fn each_file_is_read_once_and_shown_as_what_it_is() {
        let attachments = [
            attachment("1.1", 'a', "image/png"),
            // The same photo on another criterion: read once.
            attachment("2.1", 'a', "image/png"),
            attachment("1.1", 'b', "application/pdf"),
            attachment("1.2", 'c', "image/jpeg"),
            // A photo type whose bytes no decoder reads (HEIC, or damaged): listed.
            attachment("1.2", 'd', "image/heic"),
        ];
        let mut reads = Vec::new();
        let evidence = Evidence::gather(&attachments, |sha256| {
            reads.push(sha256.to_owned());
            match sha256.chars().next() {
                Some('a') => Some(png()),
                Some('b' | 'd') => Some(b"not a picture".to_vec()),
                _ => None,
            }
        });
        assert_eq!(reads.len(), 4, "{reads:?}");
        let previews = evidence.previews.expect("gathered");
        let preview = |sha: char| &previews[&sha.to_string().repeat(64)];
        let Preview::Thumbnail(thumbnail) = preview('a') else {
            panic!("no thumbnail: {:?}", preview('a'));
        };
        assert_eq!((thumbnail.width, thumbnail.height), (THUMBNAIL_SIDE, 240));
        assert_eq!(preview('b'), &Preview::Listed);
        assert_eq!(preview('c'), &Preview::Missing);
        assert_eq!(preview('d'), &Preview::Listed);
    }

    #[test]
    fn left_out_evidence_reads_nothing() {
        assert_eq!(Evidence::left_out().previews, None);
        let evidence = Evidence::gather(&[], |_| panic!("nothing to read"));
        assert_eq!(evidence.previews, Some(BTreeMap::new()));
    }
}
