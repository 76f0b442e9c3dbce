//! Entry point of the browser app: mounts the root component on the page.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| view! { <p>"Lotse"</p> });
}
