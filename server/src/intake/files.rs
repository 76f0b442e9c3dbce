//! Attachments: decoded, size-checked, and typed by their content, never by their name.
//!
//! Accepted: the kinds of `domain::attachment` (PNG, JPEG, GIF, WebP, PDF, plain UTF-8
//! text), the same rule the browser applies before upload. Names keep only their last
//! path segment and printable characters, so `../../etc/passwd` is stored as `passwd`.

use crate::error::Error;
use crate::store::tickets::NewFile;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use domain::api::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NewAttachment};
use domain::attachment::sniff;
use sha2::{Digest, Sha256};

/// Checks and decodes every attachment; `field` is the list's name in messages.
pub fn check(field: &str, attachments: &[NewAttachment]) -> Result<Vec<NewFile>, Error> {
    if attachments.len() > MAX_ATTACHMENTS {
        return Err(Error::invalid(
            field,
            "max_items",
            format!("at most {MAX_ATTACHMENTS} attachments"),
        ));
    }
    attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let at = |part: &str| format!("{field}[{i}].{part}");
            let name = clean_name(&a.name)
                .ok_or_else(|| Error::invalid(at("name"), "required", "give the file a name"))?;
            // Base64 is 4/3 of the bytes: refuse an oversized file before decoding it.
            if a.data.len() > MAX_ATTACHMENT_BYTES / 3 * 4 + 4 {
                return Err(Error::invalid(
                    at("data"),
                    "max_size",
                    format!(
                        "a file has at most {} MB",
                        MAX_ATTACHMENT_BYTES / 1024 / 1024
                    ),
                ));
            }
            let data = STANDARD.decode(a.data.trim()).map_err(|_| {
                Error::invalid(
                    at("data"),
                    "base64",
                    "send the file's bytes as standard base64",
                )
            })?;
            if data.len() > MAX_ATTACHMENT_BYTES {
                return Err(Error::invalid(
                    at("data"),
                    "max_size",
                    format!(
                        "a file has at most {} MB",
                        MAX_ATTACHMENT_BYTES / 1024 / 1024
                    ),
                ));
            }
            if data.is_empty() {
                return Err(Error::invalid(at("data"), "required", "the file is empty"));
            }
            let content_type = sniff(&data).ok_or_else(|| {
                Error::invalid(
                    at("data"),
                    "file_type",
                    "send an image (PNG, JPEG, GIF, WebP), a PDF or plain text",
                )
            })?;
            let sha256 = Sha256::digest(&data)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            Ok(NewFile {
                name,
                content_type: content_type.to_owned(),
                sha256,
                data,
            })
        })
        .collect()
}

/// The last path segment, without control characters or quotes, at most 120 characters.
pub fn clean_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | ';' | '<' | '>' | '`'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    (!cleaned.is_empty()).then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_path_and_tricks() {
        assert_eq!(clean_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(
            clean_name("C:\\Users\\a\\screen.png").as_deref(),
            Some("screen.png")
        );
        assert_eq!(clean_name("a\"b;c\n.png").as_deref(), Some("abc.png"));
        assert_eq!(clean_name("..").as_deref(), None);
        assert_eq!(clean_name("   ").as_deref(), None);
    }

    #[test]
    fn oversized_undecodable_and_too_many_files_are_refused() {
        let file = |data: &str| NewAttachment {
            name: "a.txt".into(),
            data: data.into(),
        };
        assert!(
            matches!(check("attachments", &[file("!!!")]), Err(Error::Invalid { rule, .. }) if rule == "base64")
        );
        let big = STANDARD.encode(vec![b'a'; MAX_ATTACHMENT_BYTES + 1]);
        assert!(
            matches!(check("attachments", &[file(&big)]), Err(Error::Invalid { rule, .. }) if rule == "max_size")
        );
        let four = vec![file("aGk="); 4];
        assert!(
            matches!(check("attachments", &four), Err(Error::Invalid { rule, .. }) if rule == "max_items")
        );
        let ok = check("attachments", &[file("aGk=")]).unwrap();
        assert_eq!(ok[0].data, b"hi");
    }
}
