//! The texts of the ticket status page, the "check my ticket" page and the landing
//! page's category tiles, in both languages. Kept apart from `texts.rs`, `de.rs` and
//! `en.rs` so these words change in one place (and merge without conflicts).

/// The status page, the "check my ticket" page, and the landing page's extras.
#[derive(Debug)]
pub struct StatusTexts {
    /// The landing page's link to the "check my ticket" page.
    pub check_link: &'static str,
    /// Heading of the category tiles on the landing page.
    pub categories_title: &'static str,
    pub topic_count_one: &'static str,
    /// `{n}` topics.
    pub topic_count_many: &'static str,

    pub check_title: &'static str,
    pub check_intro: &'static str,
    pub reference: &'static str,
    pub reference_help: &'static str,
    pub code: &'static str,
    pub code_help: &'static str,
    pub link: &'static str,
    pub link_help: &'static str,
    pub open: &'static str,
    pub bad_reference: &'static str,
    pub code_required: &'static str,
    pub bad_link: &'static str,
    pub remembered_title: &'static str,
    pub remembered_intro: &'static str,
    /// Button after a remembered ticket; `{reference}` for screen readers.
    pub forget: &'static str,

    pub loading: &'static str,
    /// Above the large reference.
    pub reference_caption: &'static str,
    pub reference_note: &'static str,
    pub status: &'static str,
    pub status_new: &'static str,
    pub status_claimed: &'static str,
    pub status_waiting: &'static str,
    pub status_resolved: &'static str,
    pub status_closed: &'static str,
    pub status_returned: &'static str,
    pub refresh: &'static str,
    /// Why there is no need to reload: the page asks by itself.
    pub refresh_note: &'static str,
    /// `{time}` of the last successful read.
    pub checked_at: &'static str,
    pub timeline_title: &'static str,
    /// A status change in the timeline: `{status}`.
    pub timeline_status: &'static str,
    pub you_wrote: &'static str,
    /// A public reply: `{name}` of the staff member.
    pub staff_wrote: &'static str,
    /// A reply whose author has no name to show.
    pub support_team: &'static str,
    pub attachments: &'static str,

    pub add_title: &'static str,
    pub add_label: &'static str,
    pub add_help: &'static str,
    pub files: &'static str,
    /// Shown before a file is picked: `{count}`, `{size}` (MB).
    pub files_limits: &'static str,
    pub files_too_many: &'static str,
    /// `{name}`, `{max}` (MB).
    pub file_too_big: &'static str,
    pub file_empty: &'static str,
    pub file_unreadable: &'static str,
    /// The server refused a file or the text: `{detail}` is its (English) reason.
    pub refused: &'static str,
    pub add_empty: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub sent: &'static str,
    pub closed_note: &'static str,

    pub solved_title: &'static str,
    pub solved_text: &'static str,
    pub solved_button: &'static str,
    pub solved_confirm: &'static str,
    pub solved_yes: &'static str,
    pub solved_no: &'static str,
    pub solved_done: &'static str,
    /// The ticket was resolved or closed meanwhile.
    pub already_closed: &'static str,

    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub no_code_title: &'static str,
    pub no_code_text: &'static str,
    pub bad_reference_title: &'static str,
}

pub const EN: StatusTexts = StatusTexts {
    check_link: "Check my ticket",
    categories_title: "Topics by category",
    topic_count_one: "1 topic",
    topic_count_many: "{n} topics",

    check_title: "Check your ticket",
    check_intro: "Enter the reference and the code from your confirmation, or paste your \
                  personal status link.",
    reference: "Reference",
    reference_help: "8 letters and digits, for example K7M4-QX9P",
    code: "Code",
    code_help: "The long code from your confirmation. In your status link it is the part \
                after the #.",
    link: "Or paste your status link",
    link_help: "It looks like https://…/status/K7M4-QX9P#…",
    open: "Show status",
    bad_reference: "This is not a ticket reference. A reference has 8 letters and digits, \
                    for example K7M4-QX9P.",
    code_required: "Please enter the code from your confirmation.",
    bad_link: "This is not a status link. Copy the whole link from your confirmation.",
    remembered_title: "Your tickets on this device",
    remembered_intro: "This browser remembers the tickets you sent from it.",
    forget: "Remove {reference} from this device",

    loading: "Loading your ticket …",
    reference_caption: "Your reference",
    reference_note: "Please quote it when you contact us.",
    status: "Status",
    status_new: "Received – waiting for our support team",
    status_claimed: "In progress – a specialist is working on it",
    status_waiting: "Waiting for your answer – please add the information asked for below",
    status_resolved: "Solved",
    status_closed: "Closed",
    status_returned: "With our service desk",
    refresh: "Refresh now",
    refresh_note: "This page checks for news by itself every 30 seconds while it is open.",
    checked_at: "Last checked: {time}",
    timeline_title: "History",
    timeline_status: "Status: {status}",
    you_wrote: "You wrote",
    staff_wrote: "{name} from our support team wrote",
    support_team: "Our support team wrote",
    attachments: "Files",

    add_title: "Add information",
    add_label: "Your message",
    add_help: "Anything that may help: what changed, an error message, when it happens.",
    files: "Attach files (optional)",
    files_limits: "Up to {count} files, each at most {size} MB: images (PNG, JPEG, GIF, \
                   WebP), PDF or plain text.",
    files_too_many: "Please choose no more than {count} files.",
    file_too_big: "{name} is larger than {max} MB. Please choose a smaller file.",
    file_empty: "{name} is empty.",
    file_unreadable: "{name} could not be read. Please choose it again.",
    refused: "This could not be added: {detail}",
    add_empty: "Please write something or attach a file.",
    send: "Send",
    sending: "Sending …",
    sent: "Thank you. Your information was added.",
    closed_note: "This ticket is closed. If the problem comes back, please start a guide \
                  again from the start page.",

    solved_title: "Solved it yourself?",
    solved_text: "If the problem is gone, tell us, so nobody keeps working on it.",
    solved_button: "I solved it myself",
    solved_confirm: "Mark this ticket as solved? Our support team will stop working on it.",
    solved_yes: "Yes, it is solved",
    solved_no: "No, keep it open",
    solved_done: "Thank you. Your ticket is now marked as solved.",
    already_closed: "This ticket was solved or closed in the meantime.",

    not_found_title: "Ticket not found",
    not_found_text: "No ticket matches this reference and code. Please check both against \
                     your confirmation, or paste your status link again.",
    no_code_title: "Code needed",
    no_code_text: "To protect your ticket, its status is shown only with the code from your \
                   confirmation. Please enter it below.",
    bad_reference_title: "Not a ticket reference",
};

pub const DE: StatusTexts = StatusTexts {
    check_link: "Meine Anfrage prüfen",
    categories_title: "Themen nach Bereich",
    topic_count_one: "1 Thema",
    topic_count_many: "{n} Themen",

    check_title: "Ihre Anfrage prüfen",
    check_intro: "Geben Sie die Vorgangsnummer und den Code aus Ihrer Bestätigung ein oder \
                  fügen Sie Ihren persönlichen Status-Link ein.",
    reference: "Vorgangsnummer",
    reference_help: "8 Buchstaben und Ziffern, zum Beispiel K7M4-QX9P",
    code: "Code",
    code_help: "Der lange Code aus Ihrer Bestätigung. In Ihrem Status-Link ist es der Teil \
                nach dem #.",
    link: "Oder fügen Sie Ihren Status-Link ein",
    link_help: "Er sieht so aus: https://…/status/K7M4-QX9P#…",
    open: "Status anzeigen",
    bad_reference: "Das ist keine Vorgangsnummer. Eine Vorgangsnummer hat 8 Buchstaben und \
                    Ziffern, zum Beispiel K7M4-QX9P.",
    code_required: "Bitte geben Sie den Code aus Ihrer Bestätigung ein.",
    bad_link: "Das ist kein Status-Link. Kopieren Sie bitte den ganzen Link aus Ihrer \
               Bestätigung.",
    remembered_title: "Ihre Anfragen auf diesem Gerät",
    remembered_intro: "Dieser Browser merkt sich die Anfragen, die Sie von hier gesendet haben.",
    forget: "{reference} von diesem Gerät entfernen",

    loading: "Ihre Anfrage wird geladen …",
    reference_caption: "Ihre Vorgangsnummer",
    reference_note: "Bitte nennen Sie sie, wenn Sie uns kontaktieren.",
    status: "Status",
    status_new: "Eingegangen – wartet auf unser Support-Team",
    status_claimed: "In Bearbeitung – eine Fachkraft kümmert sich darum",
    status_waiting: "Wartet auf Ihre Antwort – bitte ergänzen Sie unten die erfragten Angaben",
    status_resolved: "Gelöst",
    status_closed: "Geschlossen",
    status_returned: "Beim Service Desk",
    refresh: "Jetzt aktualisieren",
    refresh_note: "Solange diese Seite offen ist, sieht sie alle 30 Sekunden selbst nach \
                   Neuigkeiten.",
    checked_at: "Zuletzt geprüft: {time}",
    timeline_title: "Verlauf",
    timeline_status: "Status: {status}",
    you_wrote: "Sie schrieben",
    staff_wrote: "{name} vom Support-Team schrieb",
    support_team: "Unser Support-Team schrieb",
    attachments: "Dateien",

    add_title: "Informationen ergänzen",
    add_label: "Ihre Nachricht",
    add_help: "Alles, was helfen kann: was sich geändert hat, eine Fehlermeldung, wann es \
               auftritt.",
    files: "Dateien anhängen (freiwillig)",
    files_limits: "Bis zu {count} Dateien, je höchstens {size} MB: Bilder (PNG, JPEG, GIF, \
                   WebP), PDF oder reiner Text.",
    files_too_many: "Bitte wählen Sie höchstens {count} Dateien.",
    file_too_big: "{name} ist größer als {max} MB. Bitte wählen Sie eine kleinere Datei.",
    file_empty: "{name} ist leer.",
    file_unreadable: "{name} konnte nicht gelesen werden. Bitte wählen Sie die Datei erneut.",
    refused: "Das konnte nicht ergänzt werden: {detail}",
    add_empty: "Bitte schreiben Sie etwas oder hängen Sie eine Datei an.",
    send: "Senden",
    sending: "Wird gesendet …",
    sent: "Danke. Ihre Informationen wurden ergänzt.",
    closed_note: "Diese Anfrage ist abgeschlossen. Tritt das Problem wieder auf, starten Sie \
                  bitte auf der Startseite eine neue Anleitung.",

    solved_title: "Selbst gelöst?",
    solved_text: "Wenn das Problem behoben ist, sagen Sie uns Bescheid, damit niemand mehr \
                  daran arbeitet.",
    solved_button: "Ich habe es selbst gelöst",
    solved_confirm: "Diese Anfrage als gelöst markieren? Unser Support-Team arbeitet dann \
                     nicht weiter daran.",
    solved_yes: "Ja, es ist gelöst",
    solved_no: "Nein, offen lassen",
    solved_done: "Danke. Ihre Anfrage ist jetzt als gelöst markiert.",
    already_closed: "Diese Anfrage wurde inzwischen gelöst oder geschlossen.",

    not_found_title: "Anfrage nicht gefunden",
    not_found_text: "Zu dieser Vorgangsnummer und diesem Code gibt es keine Anfrage. Bitte \
                     vergleichen Sie beides mit Ihrer Bestätigung oder fügen Sie Ihren \
                     Status-Link noch einmal ein.",
    no_code_title: "Code erforderlich",
    no_code_text: "Zum Schutz Ihrer Anfrage zeigen wir den Status nur mit dem Code aus Ihrer \
                   Bestätigung. Bitte geben Sie ihn unten ein.",
    bad_reference_title: "Keine Vorgangsnummer",
};
