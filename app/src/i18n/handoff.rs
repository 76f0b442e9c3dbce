//! The texts of the hand-off screen (form, outbox states, confirmation), in both
//! languages. Kept apart from `texts.rs`, `de.rs` and `en.rs` so the hand-off's
//! words change in one place.

/// The hand-off at an escalate node.
#[derive(Debug)]
pub struct HandoffTexts {
    pub form_title: &'static str,
    pub form_intro: &'static str,
    pub description: &'static str,
    pub description_help: &'static str,
    pub contact_title: &'static str,
    pub name: &'static str,
    pub email: &'static str,
    pub email_help: &'static str,
    pub phone: &'static str,
    pub phone_help: &'static str,
    /// "Can you keep working?": the urgency.
    pub urgency: &'static str,
    pub urgency_high: &'static str,
    pub urgency_medium: &'static str,
    pub urgency_low: &'static str,
    /// "How many people are affected?": the impact.
    pub impact: &'static str,
    pub impact_low: &'static str,
    pub impact_medium: &'static str,
    pub impact_high: &'static str,
    pub files: &'static str,
    /// Shown before a file is picked: `{count}`, `{size}` (MB), `{kinds}`.
    pub files_limits: &'static str,
    /// Heading of the list of picked files.
    pub files_chosen: &'static str,
    /// Button after a picked file; `{name}` for screen readers.
    pub file_remove: &'static str,
    pub files_too_many: &'static str,
    /// `{name}`, `{size}` (the file's MB), `{max}` (MB).
    pub file_too_big: &'static str,
    /// `{name}`, `{kinds}`.
    pub file_wrong_kind: &'static str,
    pub file_empty: &'static str,
    pub file_unreadable: &'static str,
    /// A file's size in the list: `{size}` in kB or MB with the unit.
    pub file_reading: &'static str,
    /// "What we will send".
    pub send_title: &'static str,
    pub send_always: &'static str,
    /// The facts heading, with the walk's own details under it.
    pub send_facts: &'static str,
    pub send_no_facts: &'static str,
    pub send_details: &'static str,
    /// The consent checkbox for the browser details.
    pub consent: &'static str,
    pub consent_help: &'static str,
    pub submit: &'static str,
    pub sending: &'static str,
    pub saved_title: &'static str,
    pub saved_text: &'static str,
    pub saved_tab_only: &'static str,
    pub refused_title: &'static str,
    pub refused_fields: &'static str,
    /// A refusal the form cannot point at: `{message}` is the server's (English) words.
    pub refused_other: &'static str,
    pub sent_title: &'static str,
    pub sent_text: &'static str,
    pub reference: &'static str,
    /// Read out before the reference, which follows letter by letter.
    pub reference_spelled: &'static str,
    pub copy_reference: &'static str,
    pub status_link: &'static str,
    pub status_link_help: &'static str,
    pub copy_link: &'static str,
}

pub const DE: HandoffTexts = HandoffTexts {
    form_title: "Ihre Meldung an den Support",
    form_intro: "Ein paar Angaben noch, dann geht Ihr Fall an unser Support-Team.",
    description: "Was ist los? (in Ihren eigenen Worten)",
    description_help: "Alles, was hilft: Fehlermeldungen, seit wann es so ist, was sich \
                       geändert hat.",
    contact_title: "Wie erreichen wir Sie?",
    name: "Ihr Name",
    email: "E-Mail-Adresse",
    email_help: "Zum Beispiel name@example.org.",
    phone: "Telefonnummer",
    phone_help: "Eine Nummer, unter der wir Sie erreichen, zum Beispiel +49 30 1234567.",
    urgency: "Können Sie weiterarbeiten?",
    urgency_high: "Nein, ich kann gar nicht arbeiten",
    urgency_medium: "Nur eingeschränkt",
    urgency_low: "Ja, es kann warten",
    impact: "Wie viele Personen sind betroffen?",
    impact_low: "Nur ich",
    impact_medium: "Mehrere, zum Beispiel mein Team",
    impact_high: "Viele, zum Beispiel eine ganze Abteilung oder ein Standort",
    files: "Dateien anhängen (freiwillig), zum Beispiel ein Bildschirmfoto",
    files_limits: "Bis zu {count} Dateien, je höchstens {size} MB: {kinds}.",
    files_chosen: "Angehängte Dateien",
    file_remove: "Entfernen",
    files_too_many: "Sie können höchstens {count} Dateien anhängen.",
    file_too_big: "„{name}“ ist {size} MB groß. Eine Datei darf höchstens {max} MB haben.",
    file_wrong_kind: "„{name}“ ist keine Datei, die wir annehmen. Möglich sind: {kinds}.",
    file_empty: "„{name}“ ist leer.",
    file_unreadable: "„{name}“ konnte nicht gelesen werden.",
    file_reading: "Datei wird gelesen …",
    send_title: "Das senden wir",
    send_always: "Immer dabei: Ihr Weg mit Ihren Antworten (oben), Ihre Beschreibung, Ihre \
                  Kontaktdaten, die Dringlichkeit und Ihre Anhänge.",
    send_facts: "Angaben aus Ihren Antworten und den automatischen Prüfungen:",
    send_no_facts: "Keine weiteren Angaben.",
    send_details: "Angaben zu Ihrem Browser und Gerät (nur mit Ihrer Zustimmung):",
    consent: "Auch die Angaben zu meinem Browser und Gerät senden",
    consent_help: "Sie helfen dem Support, die Ursache schneller zu finden. Ohne Ihre \
                   Zustimmung bleiben sie weg.",
    submit: "An den Support senden",
    sending: "Wird gesendet …",
    saved_title: "Auf diesem Gerät gespeichert",
    saved_text: "Sie scheinen offline zu sein, oder unser Dienst ist gerade nicht erreichbar. \
                 Ihre Meldung ist in diesem Browser gespeichert und wird automatisch gesendet, \
                 sobald Sie wieder online sind – auch wenn Sie die Seite schließen und später \
                 wieder öffnen.",
    saved_tab_only: "Sie scheinen offline zu sein, oder unser Dienst ist gerade nicht \
                     erreichbar. Ihre Meldung wird automatisch gesendet, sobald Sie wieder \
                     online sind. Sie ist mit den Anhängen zu groß, um sie im Browser zu \
                     speichern: Bitte lassen Sie diese Seite geöffnet, bis sie gesendet ist.",
    refused_title: "Ihre Meldung wurde nicht angenommen",
    refused_fields: "Bitte prüfen Sie die markierten Angaben und senden Sie erneut.",
    refused_other: "Der Dienst hat die Meldung abgelehnt: {message}",
    sent_title: "Ihr Fall ist beim Support",
    sent_text: "Bitte notieren Sie Ihre Vorgangsnummer. Wenn Sie anrufen, nennen Sie sie – dann \
                sieht der Support sofort alles, was Sie hier gemacht haben.",
    reference: "Ihre Vorgangsnummer",
    reference_spelled: "Zeichen für Zeichen:",
    copy_reference: "Vorgangsnummer kopieren",
    status_link: "Stand Ihres Vorgangs ansehen",
    status_link_help: "Dieser persönliche Link öffnet Ihren Vorgang. Wer ihn hat, kann den \
                       Vorgang sehen – geben Sie ihn nicht weiter. Dieser Browser merkt sich \
                       Ihren Vorgang ebenfalls.",
    copy_link: "Link kopieren",
};

pub const EN: HandoffTexts = HandoffTexts {
    form_title: "Your report to support",
    form_intro: "A few more details, then your case goes to our support team.",
    description: "What is wrong? (in your own words)",
    description_help: "Anything that helps: error messages, since when it happens, what \
                       changed.",
    contact_title: "How can we reach you?",
    name: "Your name",
    email: "E-mail address",
    email_help: "For example name@example.org.",
    phone: "Phone number",
    phone_help: "A number where we can reach you, for example +49 30 1234567.",
    urgency: "Can you keep working?",
    urgency_high: "No, I cannot work at all",
    urgency_medium: "Only partly",
    urgency_low: "Yes, it can wait",
    impact: "How many people are affected?",
    impact_low: "Only me",
    impact_medium: "Several people, such as my team",
    impact_high: "Many people, such as a whole department or site",
    files: "Attach files (optional), such as a screenshot",
    files_limits: "Up to {count} files, each at most {size} MB: {kinds}.",
    files_chosen: "Attached files",
    file_remove: "Remove",
    files_too_many: "You can attach at most {count} files.",
    file_too_big: "“{name}” is {size} MB. A file may be at most {max} MB.",
    file_wrong_kind: "“{name}” is not a kind of file we accept. Possible are: {kinds}.",
    file_empty: "“{name}” is empty.",
    file_unreadable: "“{name}” could not be read.",
    file_reading: "Reading the file …",
    send_title: "What we will send",
    send_always: "Always included: your path with your answers (above), your description, \
                  your contact details, the urgency and your attachments.",
    send_facts: "Details from your answers and the automatic checks:",
    send_no_facts: "No further details.",
    send_details: "Details about your browser and device (only if you agree):",
    consent: "Also send the details about my browser and device",
    consent_help: "They help support find the cause faster. Without your consent they are \
                   left out.",
    submit: "Send to support",
    sending: "Sending …",
    saved_title: "Saved on this device",
    saved_text: "You seem to be offline, or our service cannot be reached right now. Your \
                 report is saved in this browser and will be sent automatically when you are \
                 online again – even if you close this page and open it later.",
    saved_tab_only: "You seem to be offline, or our service cannot be reached right now. Your \
                     report will be sent automatically when you are online again. With its \
                     attachments it is too large to save in the browser: please keep this page \
                     open until it has been sent.",
    refused_title: "Your report was not accepted",
    refused_fields: "Please check the marked details and send it again.",
    refused_other: "The service refused the report: {message}",
    sent_title: "Your case is with support",
    sent_text: "Please note your reference. If you call us, tell us this reference, and \
                support sees everything you did here straight away.",
    reference: "Your reference",
    reference_spelled: "Character by character:",
    copy_reference: "Copy reference",
    status_link: "See the status of your ticket",
    status_link_help: "This personal link opens your ticket. Anyone who has it can see the \
                       ticket, so do not share it. This browser also remembers your ticket.",
    copy_link: "Copy link",
};
