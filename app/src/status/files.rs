//! Files a person attaches on the status page: checked against the limits before any
//! byte is sent, then read and encoded as the API wants them (standard base64).
//!
//! The limits are the server's (`domain::api::MAX_ATTACHMENTS`, `MAX_ATTACHMENT_BYTES`);
//! the page shows them above the picker, and a file over them is refused here with its
//! name, not after a long upload. The kind of a file is checked by the server from its
//! content; its refusal is shown as it comes.

use domain::api::{MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NewAttachment};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why the chosen files cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    TooMany,
    TooBig { name: String },
    Empty { name: String },
    Unreadable { name: String },
}

/// The largest file, in whole MB, for the texts.
pub const MAX_MB: usize = MAX_ATTACHMENT_BYTES / 1024 / 1024;

/// Checks the files picked in `input` against the limits, by their sizes alone.
pub fn check(input: &web_sys::HtmlInputElement) -> Result<Vec<web_sys::File>, FileProblem> {
    let files = picked(input);
    check_sizes(files.iter().map(|f| (f.name(), f.size())))?;
    Ok(files)
}

fn picked(input: &web_sys::HtmlInputElement) -> Vec<web_sys::File> {
    let Some(list) = input.files() else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The rules, on names and sizes (pure, for the tests).
fn check_sizes(files: impl Iterator<Item = (String, f64)>) -> Result<(), FileProblem> {
    let files: Vec<(String, f64)> = files.collect();
    if files.len() > MAX_ATTACHMENTS {
        return Err(FileProblem::TooMany);
    }
    for (name, size) in files {
        if size > MAX_ATTACHMENT_BYTES as f64 {
            return Err(FileProblem::TooBig { name });
        }
        if size <= 0.0 {
            return Err(FileProblem::Empty { name });
        }
    }
    Ok(())
}

/// Reads each file and encodes it for the API.
pub async fn read(files: Vec<web_sys::File>) -> Result<Vec<NewAttachment>, FileProblem> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let name = file.name();
        let unreadable = || FileProblem::Unreadable { name: name.clone() };
        let buffer = JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| unreadable())?;
        let buffer = buffer
            .dyn_into::<js_sys::ArrayBuffer>()
            .map_err(|_| unreadable())?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        out.push(NewAttachment {
            name: name.clone(),
            data: crate::handoff::base64::encode(&bytes),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_over_the_limits_are_named() {
        let file = |name: &str, size: f64| (name.to_owned(), size);
        assert_eq!(check_sizes([file("a.png", 10.0)].into_iter()), Ok(()));
        assert_eq!(
            check_sizes([file("big.pdf", MAX_ATTACHMENT_BYTES as f64 + 1.0)].into_iter()),
            Err(FileProblem::TooBig {
                name: "big.pdf".into()
            })
        );
        assert_eq!(
            check_sizes([file("e.txt", 0.0)].into_iter()),
            Err(FileProblem::Empty {
                name: "e.txt".into()
            })
        );
        let many = (0..=MAX_ATTACHMENTS).map(|i| file(&format!("{i}.png"), 1.0));
        assert_eq!(check_sizes(many), Err(FileProblem::TooMany));
    }
}
