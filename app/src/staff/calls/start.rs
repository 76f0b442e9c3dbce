//! "New call": who calls (name required; phone and e-mail if the caller gives them),
//! the caller's language, and the topic. Starting the call starts its timer and the
//! walk at the topic's first node.

use super::call::{Call, Caller, key_from};
use super::field::{Entry, TextField};
use super::node::focus_by_id;
use super::store;
use super::topics::TopicPicker;
use crate::focus;
use crate::staff::texts::{lang_code, now, st};
use domain::api::TreeSummary;
use leptos::prelude::*;

#[component]
pub fn NewCall() -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    focus::on_mount(heading);
    let name = Entry::new(String::new());
    let phone = Entry::new(String::new());
    let email = Entry::new(String::new());
    let language = RwSignal::new(lang_code().to_owned());
    let topic = RwSignal::new(None::<TreeSummary>);
    let topic_error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let t = &now().calls;
        let mut bad = None;
        if name.get().trim().is_empty() {
            name.error.set(Some(t.name_required.to_owned()));
            bad.get_or_insert("call-name");
        }
        let email_given = email.get();
        if !email_given.trim().is_empty() && !domain::tree::field::is_email(email_given.trim()) {
            email.error.set(Some(t.bad_email.to_owned()));
            bad.get_or_insert("call-email");
        }
        let phone_given = phone.get();
        if !phone_given.trim().is_empty() && !domain::tree::field::is_phone(phone_given.trim()) {
            phone.error.set(Some(t.bad_phone.to_owned()));
            bad.get_or_insert("call-phone");
        }
        let Some(tree) = topic.get_untracked() else {
            topic_error.set(Some(t.topic_required.to_owned()));
            focus_by_id(bad.unwrap_or("topic-search"));
            return;
        };
        if let Some(id) = bad {
            focus_by_id(id);
            return;
        }
        let caller = Caller {
            name: name.get(),
            phone: phone_given,
            email: email_given,
        };
        focus::person_moved();
        store::set(Some(Call::new(
            caller,
            tree.id,
            &language.get_untracked(),
            js_sys::Date::now() as i64,
            key_from(crate::browser::random_16()),
        )));
    };
    view! {
        <section class="call-new" aria-labelledby="new-call-title">
            <h2 id="new-call-title" tabindex="-1" node_ref=heading>{st(|t| t.calls.new_call_title)}</h2>
            <form novalidate on:submit=submit data-testid="new-call-form">
                <TextField id="call-name" label=|| now().calls.caller_name entry=name required=true autocomplete="off" />
                <div class="call-reach-fields">
                    <TextField id="call-phone" label=|| now().calls.caller_phone entry=phone kind="tel" />
                    <TextField id="call-email" label=|| now().calls.caller_email entry=email kind="email" />
                </div>
                <div class="field">
                    <label class="field-label" for="call-language">{st(|t| t.calls.caller_language)}</label>
                    <select id="call-language" on:change:target=move |ev| language.set(ev.target().value())>
                        <option value="de" selected=move || language.get() == "de">"Deutsch"</option>
                        <option value="en" selected=move || language.get() == "en">"English"</option>
                    </select>
                </div>
                <TopicPicker chosen=topic error=topic_error />
                <button type="submit" class="button button-primary" data-testid="start-call">{st(|t| t.calls.start_call)}</button>
            </form>
        </section>
    }
}
