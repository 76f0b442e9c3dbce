//! The words of "Talk to a person" (the session handover by code), in both languages.
//!
//! Not a part of [`super::Texts`]: that struct is one constant per language, and every
//! bundle that shows any text carries all of it, the landing page's too. Only the walk
//! page (the `portal` bundle) talks to a person, so these words live in constants of
//! their own, reached through [`handover`], and the landing page's first load stays as
//! it was.

use super::{Lang, use_i18n};

/// The words of the handover panel. Placeholders: `{agent}` (the agent's name, or
/// [`HandoverTexts::someone`]), `{n}` (minutes), `{reference}`.
#[derive(Debug)]
pub struct HandoverTexts {
    /// The quiet action under every step, and the confirmation's heading.
    pub talk: &'static str,
    /// On the escalate screen, before the action: the alternative to the form.
    pub alternative: &'static str,
    /// What happens when the person asks for a code; nothing is sent before.
    pub confirm_text: &'static str,
    pub confirm_nothing_yet: &'static str,
    pub get_code: &'static str,
    pub not_now: &'static str,
    pub asking: &'static str,
    /// No code could be made (the cause follows from the common texts).
    pub failed: &'static str,
    pub code_title: &'static str,
    /// Read out before the code, which follows digit by digit.
    pub code_spelled: &'static str,
    /// Before the phone number (a `tel:` link).
    pub call_us: &'static str,
    /// After the phone number.
    pub read_code: &'static str,
    /// When the server has no phone number configured.
    pub call_desk: &'static str,
    pub valid_many: &'static str,
    pub valid_one: &'static str,
    pub valid_less: &'static str,
    /// Until someone takes the code.
    pub waiting: &'static str,
    pub cancel: &'static str,
    /// The connection to the server is lost for now (the page keeps trying).
    pub trouble: &'static str,
    /// When the server does not name the agent.
    pub someone: &'static str,
    pub connected: &'static str,
    pub connected_text: &'static str,
    pub end: &'static str,
    pub end_question: &'static str,
    pub end_yes: &'static str,
    pub end_no: &'static str,
    /// Said (politely) when the agent moved the walk on.
    pub agent_moved: &'static str,
    pub escalated: &'static str,
    pub solved: &'static str,
    pub ended_by_agent: &'static str,
    pub ended_by_caller: &'static str,
    pub expired: &'static str,
    pub new_code: &'static str,
    pub close: &'static str,
    /// The session cannot be read any more (removed on the server).
    pub lost: &'static str,
}

pub const DE: HandoverTexts = HandoverTexts {
    talk: "Mit einer Person sprechen",
    alternative: "Lieber mit jemandem sprechen? Rufen Sie uns an – wir sehen Ihre Schritte \
                  und machen mit Ihnen weiter.",
    confirm_text: "Sie erhalten einen kurzen Code und unsere Telefonnummer. Wenn Sie anrufen, \
                   nennen Sie den Code: Dann sieht die Person vom Support-Team Ihre bisherigen \
                   Schritte und die Ergebnisse der Prüfungen und kann mit Ihnen weitermachen.",
    confirm_nothing_yet: "Bis Sie auf den Knopf unten klicken, wird nichts gesendet.",
    get_code: "Schritte senden und Code erhalten",
    not_now: "Jetzt nicht",
    asking: "Ihr Code wird erstellt …",
    failed: "Es konnte kein Code erstellt werden.",
    code_title: "Ihr Code",
    code_spelled: "Ziffer für Ziffer:",
    call_us: "Rufen Sie uns an:",
    read_code: "Nennen Sie der Person am Telefon diesen Code.",
    call_desk: "Rufen Sie den Service-Desk an und nennen Sie der Person am Telefon diesen Code.",
    valid_many: "Noch {n} Minuten gültig.",
    valid_one: "Noch 1 Minute gültig.",
    valid_less: "Noch weniger als eine Minute gültig.",
    waiting: "Wir warten auf Ihren Anruf. Sie können inzwischen weitermachen – die Person \
              am Telefon sieht jeden Schritt.",
    cancel: "Abbrechen",
    trouble: "Die Verbindung ist unterbrochen. Wir versuchen es weiter …",
    someone: "Eine Person vom Support",
    connected: "{agent} ist verbunden und sieht Ihre Schritte.",
    connected_text: "{agent} kann mit Ihnen weitermachen: Ihr Bildschirm folgt. Sie können \
                     auch selbst antworten.",
    end: "Sitzung beenden",
    end_question: "Sitzung wirklich beenden? {agent} sieht Ihre Schritte dann nicht mehr. \
                   Ihre Antworten bleiben hier erhalten.",
    end_yes: "Ja, beenden",
    end_no: "Nein, verbunden bleiben",
    agent_moved: "{agent} hat Ihren Weg weitergeführt.",
    escalated: "{agent} hat für Sie den Vorgang {reference} angelegt.",
    solved: "{agent} hat den Fall als gelöst markiert.",
    ended_by_agent: "{agent} hat die Sitzung beendet.",
    ended_by_caller: "Sie haben die Sitzung beendet.",
    expired: "Niemand hat den Code in 30 Minuten angenommen. Fordern Sie einen neuen an.",
    new_code: "Neuen Code anfordern",
    close: "Schließen",
    lost: "Diese Sitzung gibt es nicht mehr.",
};

pub const EN: HandoverTexts = HandoverTexts {
    talk: "Talk to a person",
    alternative: "Would you rather talk to someone? Call us: we see your steps and continue \
                  with you.",
    confirm_text: "You get a short code and our phone number. When you call, read the code \
                   to the person who answers: they then see your steps so far and the \
                   results of the checks, and can continue with you.",
    confirm_nothing_yet: "Nothing is sent before you press the button below.",
    get_code: "Send my steps and get a code",
    not_now: "Not now",
    asking: "Getting your code …",
    failed: "No code could be made.",
    code_title: "Your code",
    code_spelled: "Digit by digit:",
    call_us: "Call us:",
    read_code: "Read this code to the person who answers.",
    call_desk: "Call the service desk and read this code to the person who answers.",
    valid_many: "Valid for {n} more minutes.",
    valid_one: "Valid for 1 more minute.",
    valid_less: "Valid for less than a minute.",
    waiting: "We are waiting for your call. You can keep going meanwhile: the person on the \
              phone sees every step.",
    cancel: "Cancel",
    trouble: "The connection is interrupted. We keep trying …",
    someone: "A support agent",
    connected: "{agent} is connected and sees your steps.",
    connected_text: "{agent} can continue with you: your screen follows. You can also answer \
                     yourself.",
    end: "End the session",
    end_question: "End the session? {agent} will no longer see your steps. Your answers stay \
                   here.",
    end_yes: "Yes, end it",
    end_no: "No, stay connected",
    agent_moved: "{agent} moved your walk on.",
    escalated: "{agent} opened ticket {reference} for you.",
    solved: "{agent} marked this as solved.",
    ended_by_agent: "{agent} ended the session.",
    ended_by_caller: "You ended the session.",
    expired: "Nobody took the code in 30 minutes; ask for a new one.",
    new_code: "Get a new code",
    close: "Close",
    lost: "This session no longer exists.",
};

/// The handover words of a language.
pub fn handover(lang: Lang) -> &'static HandoverTexts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// One handover text, following the language (as [`super::tr`] for the app's texts).
pub fn ht(
    pick: fn(&'static HandoverTexts) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || pick(handover(i18n.lang()))
}
