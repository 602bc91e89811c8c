//! Bytes → text: BOM, UTF-8, declared charset, detection; binary rejection.
//!
//! Order matters: a BOM is authoritative; valid UTF-8 is almost never an
//! accident for non-ASCII text; an HTML `<meta charset>` is the author's
//! word; only then do we guess with chardetng (which handles the legacy
//! Cyrillic, Western, Central-European … code pages).

use crate::IngestError;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How many leading bytes are searched for a charset declaration (as the
/// HTML spec's prescan does).
const PRESCAN: usize = 1024;

/// How many leading bytes the control-character heuristics look at: enough
/// to judge, cheap on huge files.
const SAMPLE: usize = 64 * 1024;

pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    if let Some(what) = magic(bytes) {
        return Err(IngestError::Binary {
            what: what.to_string(),
        });
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        return finish(enc, body);
    }
    // UTF-16 without a BOM: ASCII-heavy UTF-16 has a zero in every other
    // byte, which would otherwise look like binary NUL-laden data.
    if let Some(enc) = utf16_without_bom(bytes) {
        return finish(enc, bytes);
    }
    check_binary_bytes(bytes)?;
    if let Ok(s) = std::str::from_utf8(bytes) {
        check_text(s)?;
        return Ok((s.to_owned(), UTF_8.name()));
    }
    if let Some(enc) = declared_charset(bytes) {
        // A page declaring UTF-8 with a few stray bytes is still UTF-8;
        // `finish` rejects it only when replacement characters dominate.
        if let Ok(r) = finish(enc, bytes) {
            return Ok(r);
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    finish(enc, bytes)
}

/// Decodes with a known encoding and checks the result is sensible text.
fn finish(enc: &'static Encoding, bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    let (text, _had_errors) = enc.decode_without_bom_handling(bytes);
    check_text(&text)?;
    Ok((text.into_owned(), enc.name()))
}

/// Rejects decoded text full of replacement characters (wrong or broken
/// encoding) or of control characters (binary data that happened to decode).
fn check_text(text: &str) -> Result<(), IngestError> {
    // Byte-level counts (controls, NUL and U+FFFD's bytes are unambiguous
    // in UTF-8): a tight loop instead of decoding every char.
    let bytes = text.as_bytes();
    // SIMD searches first; the char count is only needed when either found
    // something, which clean text (nearly all of it) never does.
    let nul = memchr_count(0, bytes);
    let replacement = memchr::memmem::find_iter(bytes, "\u{FFFD}".as_bytes()).count();
    let chars = if nul > 0 || replacement > 0 {
        bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
    } else {
        bytes.len()
    };
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let sample_chars = sample.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    let control = sample
        .iter()
        .filter(|&&b| matches!(b, 0x01..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
        .count();
    if nul > 0 && (nul > 64 || nul * 1000 > chars) {
        return Err(IngestError::Binary {
            what: "NUL bytes".into(),
        });
    }
    if control * 20 > sample_chars {
        return Err(IngestError::Binary {
            what: "control characters".into(),
        });
    }
    if replacement * 10 > chars || (replacement >= 3 && replacement * 100 > chars) {
        return Err(IngestError::BrokenEncoding);
    }
    Ok(())
}

/// NUL bytes and control characters in content that is not UTF-16 mean
/// binary data. A few stray NULs (scraper accidents) are tolerated; the
/// extractor strips them.
fn check_binary_bytes(bytes: &[u8]) -> Result<(), IngestError> {
    let nul = memchr_count(0, bytes);
    if nul > 0 && (nul > 64 || nul * 1000 > bytes.len()) {
        return Err(IngestError::Binary {
            what: "NUL bytes".into(),
        });
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    let control = sample
        .iter()
        .filter(|&&b| matches!(b, 0x01..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F | 0x7F))
        .count();
    if control * 20 > sample.len() {
        return Err(IngestError::Binary {
            what: "control characters".into(),
        });
    }
    Ok(())
}

fn memchr_count(needle: u8, bytes: &[u8]) -> usize {
    memchr::memchr_iter(needle, bytes).count()
}

/// Known file signatures of non-text formats.
fn magic(b: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF document"),
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"PK\x05\x06", "ZIP archive"),
        (b"\x7fELF", "ELF executable"),
        (b"\x1f\x8b", "gzip archive"),
        (b"BZh", "bzip2 archive"),
        (b"\xfd7zXZ\x00", "xz archive"),
        (b"\x28\xb5\x2f\xfd", "zstd archive"),
        (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
        (b"Rar!\x1a\x07", "RAR archive"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
        (b"SQLite format 3\x00", "SQLite database"),
        (b"\x00asm", "WebAssembly module"),
        (b"\xca\xfe\xba\xbe", "Java class / Mach-O binary"),
        (b"\xcf\xfa\xed\xfe", "Mach-O binary"),
        (b"OggS", "Ogg media"),
        (b"fLaC", "FLAC audio"),
        (b"\x1a\x45\xdf\xa3", "Matroska/WebM media"),
        (b"wOFF", "WOFF font"),
        (b"wOF2", "WOFF2 font"),
    ];
    for (sig, what) in SIGS {
        if b.starts_with(sig) {
            return Some(what);
        }
    }
    if b.len() >= 12 && &b[0..4] == b"RIFF" {
        return Some(match &b[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF media",
        });
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        return Some("MP4/QuickTime media");
    }
    // "ID3" followed by a binary version number: MP3 with tags.
    if b.len() >= 5 && &b[0..3] == b"ID3" && b[3] < 0x10 && b[4] < 0x10 {
        return Some("MP3 audio");
    }
    None
}

/// Detects BOM-less UTF-16 by where the zero bytes fall.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even0, mut odd0) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even0 += (pair[0] == 0) as usize;
        odd0 += (pair[1] == 0) as usize;
    }
    if odd0 * 10 >= pairs * 3 && even0 * 20 <= pairs {
        Some(UTF_16LE)
    } else if even0 * 10 >= pairs * 3 && odd0 * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Finds `charset=…` (meta tag or http-equiv content) or an XML
/// declaration's `encoding="…"` in the first [`PRESCAN`] bytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    for key in [&b"charset"[..], &b"encoding"[..]] {
        let mut from = 0;
        while let Some(pos) = find(&lower[from..], key) {
            let mut i = from + pos + key.len();
            from = i;
            while i < lower.len() && lower[i].is_ascii_whitespace() {
                i += 1;
            }
            if lower.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < lower.len()
                && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
            {
                i += 1;
            }
            let start = i;
            while i < lower.len()
                && (lower[i].is_ascii_alphanumeric() || b"-_.:".contains(&lower[i]))
            {
                i += 1;
            }
            if let Some(enc) = lower.get(start..i).and_then(Encoding::for_label) {
                // The HTML spec: a declared UTF-16 in an ASCII-compatible
                // prescan means UTF-8; x-user-defined means windows-1252.
                return Some(if enc == UTF_16LE || enc == UTF_16BE {
                    UTF_8
                } else if enc.name() == "x-user-defined" {
                    WINDOWS_1252
                } else {
                    enc
                });
            }
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let (t, e) = decode("Grüße aus Köln".as_bytes()).unwrap();
        assert_eq!(t, "Grüße aus Köln");
        assert_eq!(e, "UTF-8");
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let (t, e) = decode(b"\xef\xbb\xbfhello").unwrap();
        assert_eq!(t, "hello");
        assert_eq!(e, "UTF-8");
    }

    #[test]
    fn bomless_utf16le_is_detected() {
        let bytes: Vec<u8> = "Plain words here"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let (t, e) = decode(&bytes).unwrap();
        assert_eq!(t, "Plain words here");
        assert_eq!(e, "UTF-16LE");
    }

    #[test]
    fn meta_charset_is_honoured() {
        let mut page = b"<html><head><meta charset=\"windows-1251\"></head><body>".to_vec();
        page.extend_from_slice(b"\xcf\xf0\xe8\xe2\xe5\xf2</body></html>");
        let (t, e) = decode(&page).unwrap();
        assert!(t.contains("Привет"), "{t}");
        assert_eq!(e, "windows-1251");
    }

    #[test]
    fn http_equiv_charset_is_honoured() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\"><p>\xb1\xe6</p>";
        let (t, e) = decode(page).unwrap();
        assert!(t.contains("ąć"), "{t}");
        assert_eq!(e, "ISO-8859-2");
    }

    #[test]
    fn nul_heavy_is_binary() {
        let err = decode(b"abc\0\0\0def\0ghi\0\0\0\0\x01\x02\x03\x04").unwrap_err();
        assert!(err.to_string().starts_with("binary content"), "{err}");
    }

    #[test]
    fn stray_nul_is_tolerated() {
        let mut text = "word ".repeat(400).into_bytes();
        text[100] = 0;
        assert!(decode(&text).is_ok());
    }

    #[test]
    fn magic_numbers() {
        assert_eq!(
            decode(b"%PDF-1.7\n...").unwrap_err().to_string(),
            "binary content (PDF document)"
        );
        assert_eq!(
            decode(b"\x7fELF\x02\x01").unwrap_err().to_string(),
            "binary content (ELF executable)"
        );
        assert_eq!(
            decode(b"PK\x03\x04rest").unwrap_err().to_string(),
            "binary content (ZIP archive)"
        );
    }

    #[test]
    fn replacement_heavy_utf8_is_broken() {
        let s = "\u{FFFD}\u{FFFD}abc\u{FFFD}\u{FFFD}";
        assert!(matches!(
            decode(s.as_bytes()),
            Err(IngestError::BrokenEncoding)
        ));
    }
}
