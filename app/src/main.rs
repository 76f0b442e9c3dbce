//! Entry point of the browser app: mounts [`app::App`] on the page.

fn main() {
    leptos::mount::mount_to_body(app::App);
}
