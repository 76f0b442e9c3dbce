//! Attachments: images shown in the page (the server accepts only PNG, JPEG, GIF and
//! WebP as images, never SVG), every file offered as a download, PDF and text files
//! only as a download (never opened in the workspace's own origin).
//!
//! The files come from `GET /api/v1/tickets/{id}/attachments/{a}`, which the session
//! cookie opens; the server sends them as attachments with `nosniff`, which an `<img>`
//! ignores and a navigation obeys.

use crate::i18n::fill;
use crate::staff::texts::now;
use domain::api::AttachmentInfo;
use leptos::prelude::*;

/// Content types shown inline.
const IMAGES: [&str; 4] = ["image/png", "image/jpeg", "image/gif", "image/webp"];

/// A size as people read it: `820 B`, `14 KB`, `2.4 MB`.
pub fn size(bytes: i64) -> String {
    if bytes < 1_000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{} KB", bytes / 1_000)
    } else {
        format!("{}.{} MB", bytes / 1_000_000, bytes % 1_000_000 / 100_000)
    }
}

fn url(ticket: i64, file: &AttachmentInfo) -> String {
    format!(
        "{}/tickets/{ticket}/attachments/{}",
        domain::api::API,
        file.id
    )
}

/// The files of a ticket or a message.
#[component]
pub fn Files(ticket: i64, files: Vec<AttachmentInfo>) -> impl IntoView {
    move || {
        let t = &now().ticket;
        files
            .iter()
            .map(|file| {
                let href = url(ticket, file);
                let download = fill(t.download, &[("name", &file.name)]);
                let kind = if IMAGES.contains(&file.content_type.as_str()) {
                    t.file_image
                } else if file.content_type == "application/pdf" {
                    "PDF"
                } else {
                    t.file_text
                };
                let facts = format!("{kind}, {}", size(file.size));
                let preview = IMAGES.contains(&file.content_type.as_str()).then(|| {
                    view! { <img class="file-preview" src=href.clone() alt=fill(t.image_alt, &[("name", &file.name)]) loading="lazy" /> }
                });
                view! {
                    <li class="file" data-testid="attachment">
                        {preview}
                        <p class="file-line">
                            <span class="file-name">{file.name.clone()}</span>" "
                            <span class="muted">"("{facts}")"</span>" "
                            <a href=href download=file.name.clone() rel="external">{download}</a>
                        </p>
                    </li>
                }
            })
            .collect_view()
    }
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_at_a_glance() {
        assert_eq!(size(820), "820 B");
        assert_eq!(size(14_200), "14 KB");
        assert_eq!(size(2_450_000), "2.4 MB");
    }
}
