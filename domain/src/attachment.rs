//! Which files a hand-off or a message may carry: how many, how large, of which kinds.
//!
//! The server refuses a file by these rules and the browser refuses it before upload by
//! the same ones, so the limits a person reads above the file picker are the limits
//! that apply. The kind of a file is found from its first bytes, never from its name.

pub use crate::api::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS};

/// The kinds Lotse accepts: the content type a file is stored with, a name people know,
/// and the file name endings a file picker offers.
pub const ACCEPTED: [Kind; 6] = [
    Kind::new("image/png", "PNG", &[".png"]),
    Kind::new("image/jpeg", "JPEG", &[".jpg", ".jpeg"]),
    Kind::new("image/gif", "GIF", &[".gif"]),
    Kind::new("image/webp", "WebP", &[".webp"]),
    Kind::new("application/pdf", "PDF", &[".pdf"]),
    // A text file has no signature: any UTF-8 without control characters is one.
    Kind::new(
        "text/plain; charset=utf-8",
        "TXT",
        &[".txt", ".log", ".csv"],
    ),
];

/// One accepted kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    pub content_type: &'static str,
    pub name: &'static str,
    pub endings: &'static [&'static str],
}

impl Kind {
    const fn new(
        content_type: &'static str,
        name: &'static str,
        endings: &'static [&'static str],
    ) -> Kind {
        Kind {
            content_type,
            name,
            endings,
        }
    }
}

/// The `accept` attribute of a file input: every ending and content type of
/// [`ACCEPTED`]. A hint to the picker only; [`sniff`] decides.
pub fn accept_attribute() -> String {
    let mut parts: Vec<&str> = Vec::new();
    for kind in ACCEPTED {
        for ending in kind.endings {
            if !parts.contains(ending) {
                parts.push(ending);
            }
        }
        let mime = kind.content_type.split(';').next().unwrap_or("");
        if !parts.contains(&mime) {
            parts.push(mime);
        }
    }
    parts.join(",")
}

/// The content type from the first bytes, for the kinds Lotse accepts; `None` for any
/// other file (an executable, an Office document, an archive).
pub fn sniff(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if data.starts_with(b"GIF87a") || data.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if data.len() >= 12 && &data[..4] == b"RIFF" && &data[8..12] == b"WEBP" {
        Some("image/webp")
    } else if data.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if is_text(data) {
        Some("text/plain; charset=utf-8")
    } else {
        None
    }
}

/// UTF-8 without control characters other than tab, newline and carriage return.
fn is_text(data: &[u8]) -> bool {
    std::str::from_utf8(data).is_ok_and(|s| {
        s.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_content() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("image/png"));
        assert_eq!(sniff(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(sniff(b"plain words\n"), Some("text/plain; charset=utf-8"));
        assert_eq!(sniff(b"MZ\x90\x00\x03"), None, "an executable is refused");
        assert_eq!(sniff(b"text with \x00 nul"), None);
    }

    #[test]
    fn every_sniffed_type_is_listed_as_accepted() {
        for sample in [
            &b"\x89PNG\r\n\x1a\n"[..],
            b"\xFF\xD8\xFF\xE0",
            b"GIF89a",
            b"RIFF\0\0\0\0WEBP",
            b"%PDF-1.4",
            b"text",
        ] {
            let found = sniff(sample).unwrap();
            assert!(ACCEPTED.iter().any(|k| k.content_type == found), "{found}");
        }
    }

    #[test]
    fn the_picker_offers_endings_and_types_once() {
        let accept = accept_attribute();
        assert!(accept.starts_with(".png,image/png,.jpg,.jpeg,image/jpeg"));
        assert_eq!(accept.matches("text/plain").count(), 1);
        assert!(accept.contains(".pdf") && accept.contains(".txt"));
    }
}
