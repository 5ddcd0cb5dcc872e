//! Evidence attachments (the photos and documents an inspector attaches to a rubric item): what
//! a file is, when a photo was taken, and a small JPEG to show for it. Pure functions over
//! bytes; reading the file and keeping the results belong to the caller.
//!
//! Every byte here may be hostile: a file from anyone's phone or inbox. So nothing trusts a
//! file's name, an image's declared size is checked before its pixels are decoded, and a panic
//! inside a third-party parser is caught (see `guarded`).

use std::io::Cursor;
use std::panic::{self, UnwindSafe};

use image::codecs::jpeg::JpegEncoder;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, Rgb, RgbImage};

/// What a file is, recognised by its content (magic bytes), never by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sniffed {
    /// The media type, such as `image/jpeg`; `application/octet-stream` when unknown.
    pub media_type: String,
    /// The extension to keep the file under: lowercase, no dot (`jpg`, `pdf`, `bin`).
    pub extension: String,
    /// A photo format (JPEG, PNG, WebP, GIF, HEIC), though only the first four get a
    /// [`thumbnail`].
    pub image: bool,
}

/// A small JPEG shown for a photo, with its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub jpeg: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

const OCTET_STREAM: &str = "application/octet-stream";

/// The media types [`Sniffed::image`] is true for.
const PHOTO_TYPES: [&str; 5] = [
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "image/heic",
];

/// Extensions a text file may keep from its name. Any other becomes `txt`: the extension decides
/// what opens the file later, and a text file named `.bat`, `.ps1` or `.html` would run or render.
const TEXT_EXTENSIONS: [&str; 9] = [
    "txt", "text", "md", "csv", "tsv", "log", "json", "yaml", "yml",
];

/// How much of a ZIP archive is searched for the entry names that tell Word and Excel files
/// apart: their first entries sit near the start.
const ZIP_HEAD: usize = 64 * 1024;

/// `name` is only a fallback for the extension of text-like files the content does not
/// identify; unknown binary → `application/octet-stream`, extension `bin`.
///
/// Text is UTF-8 (a character cut at the end of `bytes` is allowed, so a file's first bytes are
/// enough) or UTF-16 with a byte-order mark, without control characters other than whitespace.
/// An empty file is unknown binary: nothing in it says what it is. Whether a kind is welcome as
/// evidence (an `.exe` is named `exe` here) is the caller's decision.
pub fn sniff(bytes: &[u8], name: &str) -> Sniffed {
    let (media_type, extension) = match infer::get(bytes) {
        Some(kind) => by_content(kind, bytes),
        None if is_text(bytes) => ("text/plain", text_extension(name)),
        None => (OCTET_STREAM, "bin"),
    };
    Sniffed {
        media_type: media_type.to_owned(),
        extension: extension.to_owned(),
        image: PHOTO_TYPES.contains(&media_type),
    }
}

/// `infer`'s verdict, with two corrections: HEIC under the name phones give it, and Word and
/// Excel files that `infer` only knows as ZIP. `infer` looks for `word/` or `xl/` among the first
/// few entries, where Office puts them; other writers order them otherwise, so the entry names
/// near the start are searched as `onsite import` does ([`crate::file_kind`]).
fn by_content(kind: infer::Type, bytes: &[u8]) -> (&'static str, &'static str) {
    match kind.mime_type() {
        // `infer` names the family (HEIF), but it only answers so for the `heic` brands.
        "image/heif" => ("image/heic", "heic"),
        "application/zip" => {
            let head = bytes.get(..ZIP_HEAD).unwrap_or(bytes);
            match crate::file_kind::judge(head, None) {
                Some(crate::file_kind::Foreign::WordDocument) => (
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "docx",
                ),
                Some(crate::file_kind::Foreign::Workbook) => (
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "xlsx",
                ),
                _ => ("application/zip", "zip"),
            }
        }
        media_type => (media_type, kind.extension()),
    }
}

fn is_text(bytes: &[u8]) -> bool {
    let readable = |c: char| !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\x0c');
    if let Some(units) = utf16_units(bytes) {
        // A surrogate pair cut at the end, like a UTF-8 character cut at the end, is allowed.
        let mut chars = char::decode_utf16(units).peekable();
        while let Some(decoded) = chars.next() {
            match decoded {
                Ok(c) if readable(c) => {}
                Err(_) if chars.peek().is_none() => {}
                _ => return false,
            }
        }
        return true;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default()
        }
        Err(_) => return false,
    };
    !text.is_empty() && text.chars().all(readable)
}

/// The 16-bit units after a UTF-16 byte-order mark, or None without one.
fn utf16_units(bytes: &[u8]) -> Option<Vec<u16>> {
    let (body, decode): (_, fn([u8; 2]) -> u16) = match bytes {
        [0xFF, 0xFE, body @ ..] => (body, u16::from_le_bytes),
        [0xFE, 0xFF, body @ ..] => (body, u16::from_be_bytes),
        _ => return None,
    };
    Some(
        body.chunks_exact(2)
            .map(|pair| decode([pair[0], pair[1]]))
            .collect(),
    )
}

fn text_extension(name: &str) -> &'static str {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    file.rsplit_once('.')
        .and_then(|(_, extension)| {
            TEXT_EXTENSIONS
                .into_iter()
                .find(|known| known.eq_ignore_ascii_case(extension))
        })
        .unwrap_or("txt")
}

/// EXIF `DateTimeOriginal` (else `DateTime`) as `yyyy-mm-ddThh:mm:ss` (no zone; EXIF has none),
/// None when absent or malformed. Must never panic on hostile input.
///
/// Read from JPEG, HEIC, PNG and WebP files (and TIFF). A `DateTimeOriginal` that is not a real
/// date and time (a camera's blank `0000:00:00 00:00:00`) is passed over for `DateTime`.
pub fn taken_at(bytes: &[u8]) -> Option<String> {
    guarded(|| {
        let exif = exif::Reader::new()
            .read_from_container(&mut Cursor::new(bytes))
            .ok()?;
        [exif::Tag::DateTimeOriginal, exif::Tag::DateTime]
            .into_iter()
            .find_map(|tag| {
                let field = exif.get_field(tag, exif::In::PRIMARY)?;
                let exif::Value::Ascii(parts) = &field.value else {
                    return None;
                };
                civil_time(parts.first()?)
            })
    })
}

/// `yyyy:mm:dd hh:mm:ss` as `yyyy-mm-ddThh:mm:ss`, None unless it is a real date and time.
fn civil_time(ascii: &[u8]) -> Option<String> {
    let stamp = exif::DateTime::from_ascii(ascii).ok()?;
    let time = jiff::civil::DateTime::new(
        i16::try_from(stamp.year).ok()?,
        i8::try_from(stamp.month).ok()?,
        i8::try_from(stamp.day).ok()?,
        i8::try_from(stamp.hour).ok()?,
        i8::try_from(stamp.minute).ok()?,
        i8::try_from(stamp.second).ok()?,
        0,
    )
    .ok()?;
    Some(time.strftime("%Y-%m-%dT%H:%M:%S").to_string())
}

/// The longest side an image may declare, and the most pixels, so that a decompression bomb
/// (a small file declaring a huge canvas) is refused before its pixels are decoded. A phone's
/// usual 12- to 50-megapixel photo (at most 8160 px wide) is well inside; the 108- and
/// 200-megapixel modes some phones offer are not, and get no thumbnail.
const MAX_SIDE: u32 = 12_000;
/// See [`MAX_SIDE`].
const MAX_PIXELS: u64 = 100_000_000;
/// The most memory a decoded image may take: 100 megapixels of 8-bit RGBA fit, 16-bit ones don't.
const MAX_DECODED_BYTES: u64 = 512 * 1024 * 1024;
/// Small enough for a list of evidence, sharp enough to tell what a photo shows.
const JPEG_QUALITY: u8 = 80;

/// A JPEG no larger than `max_side` on its longer side (never upscaled), EXIF orientation
/// applied if cheap to do, or None when the bytes are not an image this build decodes (JPEG,
/// PNG, WebP, GIF; HEIC is recognised by sniff but not decoded: None). Must never panic; refuses
/// images whose declared dimensions exceed 12000×12000 or 100 megapixels before decoding
/// (decompression bombs).
///
/// Also None when `max_side` is 0. The format is told from the content, never the name; an
/// animation gives its first frame; transparency is laid over white, as JPEG has none.
///
/// Decoding dominates the time: about 0.15 s for a 12-megapixel JPEG in a release build on two
/// cores, some fifty times that in an unoptimised (debug) build (`tests::twelve_megapixels`).
/// Too slow for the key-handling path: call it once, when a photo is attached, and keep the
/// result.
pub fn thumbnail(bytes: &[u8], max_side: u32) -> Option<Thumbnail> {
    if max_side == 0 {
        return None;
    }
    guarded(|| shrink(bytes, max_side))
}

fn shrink(bytes: &[u8], max_side: u32) -> Option<Thumbnail> {
    // Only these four, even if another crate turns on more of `image`'s decoders (docx-rs
    // turns on BMP and TIFF): what a build thumbnails should not depend on its neighbours.
    let format = image::guess_format(bytes).ok()?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif
    ) {
        return None;
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    reader.limits(limits);
    // The decoder has read the header only: the declared size is checked here, before any
    // pixel is decoded. `DynamicImage::from_decoder` does not check `max_alloc` itself.
    let mut decoder = reader.into_decoder().ok()?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS
        || decoder.total_bytes() > MAX_DECODED_BYTES
    {
        return None;
    }
    // A photo held upright is stored sideways with an EXIF note; turning the small picture
    // afterwards costs next to nothing.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let full = DynamicImage::from_decoder(decoder).ok()?;
    let (new_width, new_height) = fit(width, height, max_side);
    let mut small = if (new_width, new_height) == (width, height) {
        full
    } else {
        full.thumbnail_exact(new_width, new_height)
    };
    small.apply_orientation(orientation);
    let pixels = over_white(small);
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
        .encode_image(&pixels)
        .ok()?;
    Some(Thumbnail {
        jpeg,
        width: pixels.width(),
        height: pixels.height(),
    })
}

/// `width`×`height` shrunk, keeping its shape, until the longer side is at most `max_side`.
fn fit(width: u32, height: u32, max_side: u32) -> (u32, u32) {
    let longer = width.max(height);
    if longer <= max_side {
        return (width, height);
    }
    let scale = |side: u32| {
        let scaled =
            (u64::from(side) * u64::from(max_side) + u64::from(longer) / 2) / u64::from(longer);
        u32::try_from(scaled).unwrap_or(max_side).max(1)
    };
    (scale(width), scale(height))
}

/// The picture's pixels without transparency: a transparent pixel's colour is often black or
/// noise, which JPEG (no alpha channel) would show as is.
fn over_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [red, green, blue, alpha] = rgba.get_pixel(x, y).0;
        let alpha = u16::from(alpha);
        let blend = |channel: u8| {
            let mixed = (u16::from(channel) * alpha + 255 * (255 - alpha) + 127) / 255;
            u8::try_from(mixed).unwrap_or(u8::MAX)
        };
        Rgb([blend(red), blend(green), blend(blue)])
    })
}

/// Runs a third-party parser on hostile bytes; a panic inside it means "cannot read", as an
/// error does, instead of taking the caller down.
///
/// The decoders do panic on crafted files. zune-jpeg 0.5.15, the JPEG decoder `image` 0.25.10
/// uses, has open reports of out-of-bounds, `unwrap` and assertion panics found by fuzzing
/// (etemesi254/zune-image issues 409 and 362, filed against 0.5.15 and fixed only in unreleased
/// code; 262 and 218 are older). `image`'s PNG glue asserts on a buffer size that a PNG browsers
/// open can break (image-rs/image issue 2803, open, the assertion still in 0.25.10). image-webp
/// panics on a zero-sized frame inside an animation (image-rs/image-webp issue 182, fix not
/// merged). No such report was found for kamadak-exif, whose parser checks its arithmetic,
/// but it reads the same hostile bytes, so it is guarded too.
///
/// A caught panic still runs the process's panic hook first: it would print to stderr, and
/// under the TUI ratatui's hook would restore the terminal under a screen that goes on. So
/// [`guarding`] tells a hook that the panic is one of these, to be left alone (the TUI's hook
/// asks). This only helps while panics unwind (no `panic = "abort"` profile).
fn guarded<T>(parse: impl FnOnce() -> Option<T> + UnwindSafe) -> Option<T> {
    GUARDING.with(|flag| flag.set(true));
    let parsed = panic::catch_unwind(parse).ok().flatten();
    GUARDING.with(|flag| flag.set(false));
    parsed
}

thread_local! {
    static GUARDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside a guarded decoder: a panic hook should then do nothing, the
/// panic is caught and means "cannot read this file".
pub fn guarding() -> bool {
    GUARDING.with(std::cell::Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;
    use std::time::{Duration, Instant};

    /// Deterministic noise, so test images do not compress to nothing.
    fn noise(seed: u32) -> impl FnMut() -> u8 {
        let mut state = seed | 1;
        move || {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        }
    }

    /// A `width`×`height` picture: a gradient with noise, so that its orientation can be seen.
    fn picture(width: u32, height: u32) -> DynamicImage {
        let mut grain = noise(width ^ height);
        DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
            let red = u8::try_from(x * 255 / width).unwrap();
            let green = u8::try_from(y * 255 / height).unwrap();
            Rgb([red, green, grain() / 4])
        }))
    }

    fn encode(image: &DynamicImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Cursor::new(Vec::new());
        image.write_to(&mut bytes, format).unwrap();
        bytes.into_inner()
    }

    /// A JPEG carrying an APP1 EXIF segment with `fields`, written by kamadak-exif's writer.
    fn jpeg_with_exif(image: &DynamicImage, fields: &[exif::Field]) -> Vec<u8> {
        let mut writer = exif::experimental::Writer::new();
        for field in fields {
            writer.push_field(field);
        }
        let mut tiff = Cursor::new(Vec::new());
        writer.write(&mut tiff, false).unwrap();
        let tiff = tiff.into_inner();
        let jpeg = encode(image, ImageFormat::Jpeg);
        let length = u16::try_from(2 + 6 + tiff.len()).unwrap();
        let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE1];
        bytes.extend_from_slice(&length.to_be_bytes());
        bytes.extend_from_slice(b"Exif\0\0");
        bytes.extend_from_slice(&tiff);
        bytes.extend_from_slice(&jpeg[2..]);
        bytes
    }

    fn ascii(tag: exif::Tag, text: &str) -> exif::Field {
        exif::Field {
            tag,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Ascii(vec![text.as_bytes().to_vec()]),
        }
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    /// A PNG signature and header declaring `width`×`height`, and nothing after it.
    fn png_header(width: u32, height: u32) -> Vec<u8> {
        let mut chunk = b"IHDR".to_vec();
        chunk.extend_from_slice(&width.to_be_bytes());
        chunk.extend_from_slice(&height.to_be_bytes());
        chunk.extend_from_slice(&[8, 2, 0, 0, 0]);
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.extend_from_slice(&13u32.to_be_bytes());
        bytes.extend_from_slice(&chunk);
        bytes.extend_from_slice(&crc32(&chunk).to_be_bytes());
        bytes
    }

    #[rstest]
    #[case::png(ImageFormat::Png)]
    #[case::jpeg(ImageFormat::Jpeg)]
    fn a_large_photo_shrinks_to_the_longer_side(#[case] format: ImageFormat) {
        let source = encode(&picture(2000, 1000), format);
        let small = thumbnail(&source, 320).unwrap();
        assert_eq!((small.width, small.height), (320, 160));
        let decoded = image::load_from_memory_with_format(&small.jpeg, ImageFormat::Jpeg).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (320, 160));
        assert!(small.jpeg.len() < source.len());
    }

    #[rstest]
    #[case::png(ImageFormat::Png)]
    #[case::jpeg(ImageFormat::Jpeg)]
    #[case::webp(ImageFormat::WebP)]
    #[case::gif(ImageFormat::Gif)]
    fn a_small_photo_is_never_upscaled(#[case] format: ImageFormat) {
        let source = encode(&picture(60, 90), format);
        let small = thumbnail(&source, 320).unwrap();
        assert_eq!((small.width, small.height), (60, 90));
        assert_eq!(image::guess_format(&small.jpeg).unwrap(), ImageFormat::Jpeg);
    }

    #[test]
    fn a_transparent_png_is_laid_over_white() {
        let clear = DynamicImage::ImageRgba8(image::RgbaImage::from_pixel(
            8,
            8,
            image::Rgba([0, 0, 0, 0]),
        ));
        let small = thumbnail(&encode(&clear, ImageFormat::Png), 320).unwrap();
        let decoded = image::load_from_memory(&small.jpeg).unwrap().into_rgb8();
        assert!(
            decoded
                .pixels()
                .all(|pixel| pixel.0.iter().all(|c| *c > 245))
        );
    }

    #[test]
    fn exif_orientation_turns_the_thumbnail_upright() {
        let sideways = exif::Field {
            tag: exif::Tag::Orientation,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Short(vec![6]),
        };
        let source = jpeg_with_exif(&picture(400, 200), &[sideways]);
        let small = thumbnail(&source, 100).unwrap();
        assert_eq!((small.width, small.height), (50, 100));
    }

    #[test]
    fn a_declared_bomb_is_refused_before_decoding() {
        let started = Instant::now();
        assert_eq!(thumbnail(&png_header(100_000, 100_000), 320), None);
        // Within the side limit, over the pixel limit.
        assert_eq!(thumbnail(&png_header(11_000, 11_000), 320), None);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn a_jpeg_declaring_a_huge_frame_is_refused() {
        let mut jpeg = encode(&picture(16, 16), ImageFormat::Jpeg);
        let frame = jpeg
            .windows(2)
            .position(|marker| marker == [0xFF, 0xC0])
            .unwrap();
        // SOF0: marker, length (2), precision (1), then height and width.
        jpeg[frame + 5..frame + 9].copy_from_slice(&[0xEA, 0x60, 0xEA, 0x60]);
        assert_eq!(thumbnail(&jpeg, 320), None);
    }

    #[rstest]
    #[case::empty(&b""[..])]
    #[case::garbage(&b"\x00\x9f\x13\xe2\x88\x01\xff\xfe\x00\x00\x07"[..])]
    #[case::jpeg_magic_only(&b"\xff\xd8\xff\xe0"[..])]
    #[case::png_magic_only(&b"\x89PNG\r\n\x1a\n"[..])]
    #[case::gif_magic_only(&b"GIF89a"[..])]
    #[case::webp_magic_only(&b"RIFF\x10\x00\x00\x00WEBPVP8 "[..])]
    #[case::heic(&b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"[..])]
    #[case::pdf(&b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"[..])]
    fn bytes_that_are_no_decodable_image_give_no_thumbnail(#[case] bytes: &[u8]) {
        assert_eq!(thumbnail(bytes, 320), None);
    }

    #[test]
    fn a_truncated_photo_gives_no_thumbnail_and_no_panic() {
        for format in [
            ImageFormat::Png,
            ImageFormat::Jpeg,
            ImageFormat::WebP,
            ImageFormat::Gif,
        ] {
            let source = encode(&picture(64, 48), format);
            for cut in [4, 16, 40, source.len() / 4] {
                assert_eq!(
                    thumbnail(&source[..cut], 320),
                    None,
                    "{format:?} cut at {cut}"
                );
            }
            // Further cuts may decode with a grey bottom or be refused; either, never a panic.
            let step = (source.len() / 50).max(1);
            for cut in (source.len() / 4..source.len()).step_by(step) {
                let _ = thumbnail(&source[..cut], 320);
            }
        }
    }

    #[test]
    fn a_panic_inside_a_parser_reads_as_none() {
        // The hook's message lands in this test's captured output.
        assert_eq!(
            guarded(|| -> Option<u8> { panic!("a decoder's bug") }),
            None
        );
    }

    #[test]
    fn a_zero_max_side_gives_no_thumbnail() {
        assert_eq!(
            thumbnail(&encode(&picture(8, 8), ImageFormat::Png), 0),
            None
        );
    }

    #[test]
    fn taken_at_reads_date_time_original_first() {
        let source = jpeg_with_exif(
            &picture(32, 32),
            &[
                ascii(exif::Tag::DateTime, "2024:06:01 12:00:00"),
                ascii(exif::Tag::DateTimeOriginal, "2024:05:17 09:41:07"),
            ],
        );
        assert_eq!(taken_at(&source).as_deref(), Some("2024-05-17T09:41:07"));
    }

    #[rstest]
    #[case::only_date_time(None, Some("2023:12:31 23:59:59"), Some("2023-12-31T23:59:59"))]
    #[case::blank_original(
        Some("0000:00:00 00:00:00"),
        Some("2023:01:02 03:04:05"),
        Some("2023-01-02T03:04:05")
    )]
    #[case::impossible_date(Some("2023:02:30 10:00:00"), None, None)]
    #[case::impossible_time(Some("2023:02:03 25:00:00"), None, None)]
    #[case::not_a_date(Some("yesterday at noon!!"), None, None)]
    #[case::blank(Some("    :  :     :  :  "), None, None)]
    #[case::neither(None, None, None)]
    fn taken_at_cases(
        #[case] original: Option<&str>,
        #[case] modified: Option<&str>,
        #[case] expected: Option<&str>,
    ) {
        let mut fields = vec![exif::Field {
            tag: exif::Tag::Orientation,
            ifd_num: exif::In::PRIMARY,
            value: exif::Value::Short(vec![1]),
        }];
        fields.extend(original.map(|text| ascii(exif::Tag::DateTimeOriginal, text)));
        fields.extend(modified.map(|text| ascii(exif::Tag::DateTime, text)));
        let source = jpeg_with_exif(&picture(16, 16), &fields);
        assert_eq!(taken_at(&source).as_deref(), expected);
    }

    #[test]
    fn taken_at_is_none_without_exif() {
        assert_eq!(taken_at(&encode(&picture(16, 16), ImageFormat::Jpeg)), None);
        assert_eq!(taken_at(&encode(&picture(16, 16), ImageFormat::Png)), None);
        assert_eq!(taken_at(b""), None);
        assert_eq!(taken_at(b"%PDF-1.4"), None);
    }

    #[test]
    fn taken_at_survives_every_cut_and_byte_flip_of_an_exif_photo() {
        let source = jpeg_with_exif(
            &picture(16, 16),
            &[ascii(exif::Tag::DateTimeOriginal, "2024:05:17 09:41:07")],
        );
        let exif_end = 4 + usize::from(u16::from_be_bytes([source[4], source[5]]));
        for cut in 0..exif_end {
            assert_eq!(taken_at(&source[..cut]), None, "cut at {cut}");
        }
        let mut grain = noise(7);
        for position in 2..exif_end {
            let mut flipped = source.clone();
            flipped[position] ^= grain() | 1;
            let _ = taken_at(&flipped);
        }
    }

    fn sniffed(media_type: &str, extension: &str, image: bool) -> Sniffed {
        Sniffed {
            media_type: media_type.to_owned(),
            extension: extension.to_owned(),
            image,
        }
    }

    #[rstest]
    #[case::jpeg(&b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"[..], sniffed("image/jpeg", "jpg", true))]
    #[case::png(&b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"[..], sniffed("image/png", "png", true))]
    #[case::webp(&b"RIFF\x24\x00\x00\x00WEBPVP8 "[..], sniffed("image/webp", "webp", true))]
    #[case::gif(&b"GIF89a\x01\x00\x01\x00"[..], sniffed("image/gif", "gif", true))]
    #[case::heic(
        &b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"[..],
        sniffed("image/heic", "heic", true)
    )]
    #[case::heic_by_compatible_brand(
        &b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf"[..],
        sniffed("image/heic", "heic", true)
    )]
    #[case::pdf(&b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"[..], sniffed("application/pdf", "pdf", false))]
    #[case::zip(
        &b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05\x00\x00\x00notes"[..],
        sniffed("application/zip", "zip", false)
    )]
    #[case::mp4(
        &b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"[..],
        sniffed("video/mp4", "mp4", false)
    )]
    #[case::mov(
        &b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  "[..],
        sniffed("video/quicktime", "mov", false)
    )]
    #[case::random(
        &b"\x00\x9f\x13\xe2\x88\x01\xff\xfe\x00\x00\x07\x9c\x41\x00\xd3"[..],
        sniffed(OCTET_STREAM, "bin", false)
    )]
    #[case::empty(&b""[..], sniffed(OCTET_STREAM, "bin", false))]
    fn sniff_knows_a_kind_by_its_first_bytes(#[case] bytes: &[u8], #[case] expected: Sniffed) {
        // The name never changes the verdict on content it can identify.
        assert_eq!(sniff(bytes, "photo.jpg"), expected);
        assert_eq!(sniff(bytes, "notes.txt"), expected);
    }

    #[rstest]
    #[case::markdown("Biên bản kiểm tra\n- Lối thoát hiểm: đạt\n", "ghi-chu.MD", "md")]
    #[case::csv("hạng mục;điểm\n1.1;5\n", "C:\\Users\\an\\diem.csv", "csv")]
    #[case::no_extension("plain words", "README", "txt")]
    #[case::script_name_is_not_kept("echo hi\r\n", "run.bat", "txt")]
    #[case::page_name_is_not_kept("hello <b>there</b>", "page.html", "txt")]
    #[case::character_cut_at_the_end("Kiểm tra đ", "a.txt", "txt")]
    fn text_takes_its_extension_from_the_name_only_when_harmless(
        #[case] text: &str,
        #[case] name: &str,
        #[case] extension: &str,
    ) {
        let mut bytes = text.as_bytes().to_vec();
        if text.ends_with('đ') {
            bytes.pop();
        }
        assert_eq!(sniff(&bytes, name), sniffed("text/plain", extension, false));
    }

    #[test]
    fn utf16_text_with_a_byte_order_mark_is_text() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Điểm\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&bytes, "x.csv"), sniffed("text/plain", "csv", false));
    }

    #[test]
    fn text_with_control_bytes_is_binary() {
        assert_eq!(
            sniff(b"abc\x01\x02def", "a.txt"),
            sniffed(OCTET_STREAM, "bin", false)
        );
    }

    #[test]
    fn a_photo_named_as_a_document_is_still_a_photo() {
        let jpeg = encode(&picture(8, 8), ImageFormat::Jpeg);
        assert_eq!(
            sniff(&jpeg, "report.pdf"),
            sniffed("image/jpeg", "jpg", true)
        );
    }

    #[test]
    fn a_word_file_with_its_entries_in_another_order_is_still_word() {
        let mut archive = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for entry in [
            "[Content_Types].xml",
            "customXml/item1.xml",
            "customXml/itemProps1.xml",
            "_rels/.rels",
            "word/document.xml",
        ] {
            archive
                .start_file(entry, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut archive, b"<x/>").unwrap();
        }
        let bytes = archive.finish().unwrap().into_inner();
        assert_eq!(
            infer::get(&bytes).map(|kind| kind.mime_type()),
            Some("application/zip")
        );
        assert_eq!(sniff(&bytes, "a.zip").extension, "docx");
    }

    #[test]
    fn word_and_excel_files_are_told_from_other_zips() {
        let mut docx = Cursor::new(Vec::new());
        docx_rs::Docx::new()
            .add_paragraph(docx_rs::Paragraph::new().add_run(docx_rs::Run::new().add_text("x")))
            .build()
            .pack(&mut docx)
            .unwrap();
        assert_eq!(
            sniff(docx.get_ref(), "a.zip"),
            sniffed(
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "docx",
                false
            )
        );
        let mut workbook = rust_xlsxwriter::Workbook::new();
        workbook.add_worksheet().write_string(0, 0, "x").unwrap();
        assert_eq!(
            sniff(&workbook.save_to_buffer().unwrap(), "a.zip"),
            sniffed(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
                false
            )
        );
    }

    proptest::proptest! {
        #[test]
        fn nothing_panics_on_arbitrary_bytes(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..512),
        ) {
            let _ = sniff(&bytes, "x");
            proptest::prop_assert_eq!(taken_at(&bytes), None);
            let _ = thumbnail(&bytes, 64);
        }
    }

    /// How long a 12-megapixel phone photo takes; run with
    /// `cargo test --release --lib media::tests::twelve_megapixels -- --ignored --nocapture`.
    // Ignored on purpose: it asserts nothing about time (tests never do; speed goes in
    // benchmarks) and in a debug build encoding the 12 MP source alone takes many seconds.
    // What a thumbnail must be (its size, orientation, alpha) is checked by the tests above.
    #[test]
    #[ignore = "a measurement, not a check"]
    fn twelve_megapixels() {
        let source = encode(&picture(4000, 3000), ImageFormat::Jpeg);
        let started = Instant::now();
        let small = thumbnail(&source, 320).unwrap();
        println!(
            "12 MP JPEG ({} KiB) -> {}x{} thumbnail ({} KiB) in {:?}",
            source.len() / 1024,
            small.width,
            small.height,
            small.jpeg.len() / 1024,
            started.elapsed()
        );
    }
}
