//! Placeholder until the media module lands (sniffing, EXIF, thumbnails).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    pub media_type: String,
    pub extension: String,
    pub image: bool,
}

pub fn sniff(bytes: &[u8], _name: &str) -> Sniffed {
    let (media_type, extension, image) = if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        ("image/jpeg", "jpg", true)
    } else if bytes.starts_with(b"\x89PNG") {
        ("image/png", "png", true)
    } else if bytes.starts_with(b"%PDF") {
        ("application/pdf", "pdf", false)
    } else {
        ("application/octet-stream", "bin", false)
    };
    Sniffed {
        media_type: media_type.into(),
        extension: extension.into(),
        image,
    }
}

pub fn taken_at(_bytes: &[u8]) -> Option<String> {
    None
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

pub fn thumbnail(_bytes: &[u8], _max_side: u32) -> Option<Thumbnail> {
    None
}
