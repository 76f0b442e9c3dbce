//! The attachment picker: the limits are shown before anything is picked, and a file
//! that breaks them is refused here, with its name and the reason, before any upload.
//!
//! The limits and the accepted kinds are `domain::attachment`'s, the rules the server
//! applies; the kind is read from the file's first bytes, as the server does, not from
//! its name.

use crate::handoff::base64;
use crate::i18n::{Lang, fill, number, tr, use_i18n};
use domain::attachment::{
    ACCEPTED, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, accept_attribute, sniff,
};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// A file picked for the hand-off, read and encoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Picked {
    pub name: String,
    pub size: u64,
    /// The bytes in standard base64, as the API takes them.
    pub data: String,
}

/// Why a picked file was not taken.
#[derive(Debug, Clone, PartialEq)]
enum Problem {
    TooMany,
    TooBig { name: String, size: u64 },
    WrongKind { name: String },
    Empty { name: String },
    Unreadable { name: String },
}

const MB: f64 = 1024.0 * 1024.0;

/// "PNG, JPEG, GIF, WebP, PDF, TXT".
fn kinds() -> String {
    ACCEPTED.map(|k| k.name).join(", ")
}

fn megabytes(lang: Lang, bytes: u64) -> String {
    number(lang, bytes as f64 / MB)
}

/// A file's size as people read it: kB below a megabyte.
fn size(lang: Lang, bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} kB", bytes.div_ceil(1024))
    } else {
        format!("{} MB", megabytes(lang, bytes))
    }
}

fn words(problem: &Problem, lang: Lang) -> String {
    let t = &lang.texts().handoff;
    let max = megabytes(lang, MAX_ATTACHMENT_BYTES as u64);
    match problem {
        Problem::TooMany => fill(t.files_too_many, &[("count", &MAX_ATTACHMENTS.to_string())]),
        Problem::TooBig { name, size } => fill(
            t.file_too_big,
            &[
                ("name", name),
                ("size", &megabytes(lang, *size)),
                ("max", &max),
            ],
        ),
        Problem::WrongKind { name } => {
            fill(t.file_wrong_kind, &[("name", name), ("kinds", &kinds())])
        }
        Problem::Empty { name } => fill(t.file_empty, &[("name", name)]),
        Problem::Unreadable { name } => fill(t.file_unreadable, &[("name", name)]),
    }
}

/// Reads one picked file, refusing it as the server would.
async fn read(file: web_sys::File) -> Result<Picked, Problem> {
    let name = file.name();
    let bytes = file.size() as u64;
    if bytes > MAX_ATTACHMENT_BYTES as u64 {
        return Err(Problem::TooBig { name, size: bytes });
    }
    if bytes == 0 {
        return Err(Problem::Empty { name });
    }
    let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
        return Err(Problem::Unreadable { name });
    };
    let data = js_sys::Uint8Array::new(&buffer).to_vec();
    if sniff(&data).is_none() {
        return Err(Problem::WrongKind { name });
    }
    Ok(Picked {
        name,
        size: data.len() as u64,
        data: base64::encode(&data),
    })
}

#[component]
pub fn Files(files: RwSignal<Vec<Picked>>) -> impl IntoView {
    let i18n = use_i18n();
    let problems = RwSignal::new(Vec::<Problem>::new());
    let reading = RwSignal::new(false);
    let limits = move || {
        let lang = i18n.lang();
        fill(
            lang.texts().handoff.files_limits,
            &[
                ("count", &MAX_ATTACHMENTS.to_string()),
                ("size", &megabytes(lang, MAX_ATTACHMENT_BYTES as u64)),
                ("kinds", &kinds()),
            ],
        )
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else {
            return;
        };
        let picked: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        // Picking the same file again after removing it must fire `change` again.
        input.set_value("");
        reading.set(true);
        leptos::task::spawn_local(async move {
            let mut found = Vec::new();
            for file in picked {
                if files.with_untracked(Vec::len) >= MAX_ATTACHMENTS {
                    if !found.contains(&Problem::TooMany) {
                        found.push(Problem::TooMany);
                    }
                    continue;
                }
                match read(file).await {
                    Ok(file) => files.update(|f| f.push(file)),
                    Err(problem) => found.push(problem),
                }
            }
            problems.set(found);
            reading.set(false);
        });
    };
    let described_by = move || {
        if problems.with(Vec::is_empty) {
            "field-attachments-help".to_owned()
        } else {
            "field-attachments-help field-attachments-error".to_owned()
        }
    };
    let chosen = move || {
        let lang = i18n.lang();
        let list = files.get();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .enumerate()
                .map(|(index, file)| {
                    let label = format!("{} {}", lang.texts().handoff.file_remove, file.name);
                    view! {
                        <li>
                            <span class="file-name">{file.name.clone()}</span>
                            " "
                            <span class="file-size">"(" {size(lang, file.size)} ")"</span>
                            <button
                                type="button"
                                class="button button-small button-quiet"
                                aria-label=label
                                on:click=move |_| files.update(|f| {
                                    if index < f.len() {
                                        f.remove(index);
                                    }
                                })
                            >
                                {lang.texts().handoff.file_remove}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <p class="sent-heading" id="attachments-chosen">{lang.texts().handoff.files_chosen}</p>
                <ul class="files" aria-labelledby="attachments-chosen" data-testid="attachments">{items}</ul>
            }
        })
    };
    view! {
        <div class="field" class:field-invalid=move || !problems.with(Vec::is_empty)>
            <label class="field-label" for="field-attachments">{tr(|t| t.handoff.files)}</label>
            <p id="field-attachments-help" class="field-help" data-testid="attachment-limits">{limits}</p>
            <input
                type="file"
                id="field-attachments"
                class="file-input"
                multiple=true
                accept=accept_attribute()
                aria-describedby=described_by
                on:change=on_change
            />
            {move || reading.get().then(|| view! { <p class="field-help">{tr(|t| t.handoff.file_reading)}</p> })}
            <div id="field-attachments-error" role="alert">
                {move || {
                    let lang = i18n.lang();
                    problems
                        .get()
                        .iter()
                        .map(|p| view! { <p class="field-error">{words(p, lang)}</p> })
                        .collect_view()
                }}
            </div>
            {chosen}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_problems_are_worded_from_the_shared_rules() {
        assert_eq!(kinds(), "PNG, JPEG, GIF, WebP, PDF, TXT");
        let big = Problem::TooBig {
            name: "shot.png".into(),
            size: 7 * 1024 * 1024 + 512 * 1024,
        };
        assert_eq!(
            words(&big, Lang::En),
            "“shot.png” is 7.5 MB. A file may be at most 5 MB."
        );
        assert_eq!(
            words(&big, Lang::De),
            "„shot.png“ ist 7,5 MB groß. Eine Datei darf höchstens 5 MB haben."
        );
        assert!(words(&Problem::TooMany, Lang::En).contains(&MAX_ATTACHMENTS.to_string()));
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(Lang::En, 1), "1 kB");
        assert_eq!(size(Lang::En, 200 * 1024), "200 kB");
        assert_eq!(size(Lang::De, 3 * 1024 * 1024 / 2), "1,5 MB");
    }
}
