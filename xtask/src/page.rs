//! Fills the page template `app/index.html` with the fingerprinted file names.
//!
//! The same template serves every entry bundle (`index.html`, `portal.html`); its inline
//! bootstrap script names no file, so it is the same on every page (the server allows it
//! by its hash).
//!
//! URLs are absolute (`/home-….js`): the app's routes are nested (`/walk/printer`), and a
//! relative URL would be resolved against the route a person opened.

use crate::bundle::Entry;

/// The template with `{{css}}`, `{{js}}` and `{{wasm}}` replaced by absolute URLs.
///
/// Every placeholder must appear, and nothing that looks like another placeholder may
/// remain: a typo in the template should break the build, not the page.
pub fn fill(template: &str, entry: &Entry) -> Result<String, String> {
    let mut page = template.to_owned();
    for (placeholder, name) in [
        ("{{css}}", &entry.css),
        ("{{js}}", &entry.js),
        ("{{wasm}}", &entry.wasm),
    ] {
        if !page.contains(placeholder) {
            return Err(format!(
                "app/index.html lacks the placeholder {placeholder}"
            ));
        }
        page = page.replace(placeholder, &format!("/{name}"));
    }
    if let Some(start) = page.find("{{") {
        let rest = &page[start..];
        let unknown = rest.find("}}").map_or(rest, |end| &rest[..end + 2]);
        return Err(format!(
            "app/index.html has an unknown placeholder `{unknown}`; known are {{{{css}}}}, \
             {{{{js}}}} and {{{{wasm}}}}"
        ));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            name: "home".to_owned(),
            html: "index.html".to_owned(),
            css: "lotse-00112233aabbccdd.css".to_owned(),
            js: "app-1111111111111111.js".to_owned(),
            wasm: "app-2222222222222222.wasm".to_owned(),
        }
    }

    #[test]
    fn every_placeholder_becomes_an_absolute_url() {
        let page = fill(
            "<link href=\"{{css}}\"><link rel=modulepreload href=\"{{js}}\">\
             <script type=module>import init from '{{js}}'; init({ module_or_path: '{{wasm}}' })</script>",
            &entry(),
        )
        .unwrap();
        assert_eq!(
            page,
            "<link href=\"/lotse-00112233aabbccdd.css\">\
             <link rel=modulepreload href=\"/app-1111111111111111.js\">\
             <script type=module>import init from '/app-1111111111111111.js'; \
             init({ module_or_path: '/app-2222222222222222.wasm' })</script>"
        );
    }

    #[test]
    fn a_missing_placeholder_is_an_error() {
        let error = fill("{{css}} {{js}}", &entry()).unwrap_err();
        assert!(error.contains("{{wasm}}"), "{error}");
    }

    #[test]
    fn an_unknown_placeholder_is_an_error() {
        let error = fill("{{css}} {{js}} {{wasm}} {{title}}", &entry()).unwrap_err();
        assert!(error.contains("`{{title}}`"), "{error}");
    }
}
