//! German texts (formal address, "Sie").

use super::texts::*;

pub const DE: Texts = Texts {
    common: CommonTexts {
        skip_link: "Zum Inhalt springen",
        tagline: "IT-Hilfe Schritt für Schritt",
        language: "Sprache",
        retry: "Erneut versuchen",
        unreachable: "Der Dienst ist gerade nicht erreichbar. Prüfen Sie Ihre Verbindung und \
                      versuchen Sie es erneut.",
        server_error: "Bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal.",
        load_failed_title: "Diese Seite konnte nicht geladen werden",
        new_tab: "(öffnet in neuem Tab)",
        copy: "Kopieren",
        copied: "Kopiert",
        copy_manually: "Kopieren ist hier nicht möglich. Markieren Sie den Text und kopieren Sie \
                        ihn selbst.",
        not_found_title: "Seite nicht gefunden",
        not_found_text: "Unter dieser Adresse gibt es nichts. Vielleicht ist der Link veraltet \
                         oder vertippt.",
        go_home: "Zur Startseite",
    },
    landing: LandingTexts {
        title: "Wie können wir helfen?",
        intro: "Wählen Sie das Thema, das zu Ihrem Problem passt. Wir führen Sie Schritt für \
                Schritt. Lässt es sich hier nicht lösen, geben wir es an unser Support-Team \
                weiter – mit allem, was Sie schon versucht haben.",
        loading: "Themen werden geladen …",
        empty: "Es sind noch keine Themen verfügbar.",
        other_topics: "Weitere Themen",
        search_label: "Themen durchsuchen",
        found_one: "1 Thema gefunden",
        found_many: "{n} Themen gefunden",
        no_match: "Kein Thema passt zu Ihrer Suche.",
        no_match_hint: "Versuchen Sie ein anderes Wort, etwa „Drucker“ oder „Passwort“, oder \
                        leeren Sie die Suche, um aus allen Themen nach Kategorie zu wählen.",
    },
    walk: WalkTexts {
        loading: "Anleitung wird geladen …",
        unknown_tree_title: "Thema nicht gefunden",
        unknown_tree_text: "Unter dieser Adresse gibt es keine Anleitung. Vielleicht wurde sie \
                            umbenannt oder entfernt.",
        all_topics: "Alle Themen",
        back: "Zurück",
        start_over: "Neu beginnen",
        move_failed: "Dieser Schritt ist nicht möglich. Bitte beginnen Sie neu.",
        did_it_help: "Hat das geholfen?",
        helped_yes: "Ja, das hat geholfen",
        helped_no: "Nein, geht immer noch nicht",
        heading_question: "Bitte wählen Sie",
        heading_step: "Versuchen Sie Folgendes",
        heading_input: "Ein paar Angaben",
        heading_check: "Automatische Prüfung",
        heading_resolved: "Lösung",
        heading_escalate: "Wir übernehmen",
        findings: "Was wir geprüft haben",
        required_note: "Mit * markierte Felder müssen ausgefüllt werden.",
        required: "Pflichtfeld",
        submit: "Weiter",
        form_has_errors: "Bitte prüfen Sie die markierten Felder.",
        glad_title: "Schön, dass es wieder geht!",
        glad_text: "Falls das Problem wiederkommt, können Sie diese Anleitung jederzeit neu \
                    beginnen.",
        handoff_title: "Ihr Fall wird an unser Support-Team übergeben",
        handoff_text: "Unser Support-Team erhält alles, was Sie hier gemacht haben – niemand \
                       muss Sie noch einmal danach fragen.",
        handoff_summary: "Das geben wir weiter",
        summary_helped: "Hat geholfen",
        summary_not_helped: "Hat nicht geholfen",
        summary_empty: "(leer gelassen)",
        progress: "Schritt {n} · höchstens noch {m}",
        answers_title: "Ihre Antworten",
        answers_return: "Ändern:",
    },
    field: FieldTexts {
        required: "Bitte füllen Sie dieses Feld aus.",
        required_choice: "Bitte wählen Sie eine Möglichkeit.",
        too_short: "Bitte geben Sie mindestens {n} Zeichen ein.",
        too_long: "Bitte geben Sie höchstens {n} Zeichen ein.",
        not_a_number: "Bitte geben Sie eine Zahl ein, zum Beispiel 12.",
        below_min: "Bitte geben Sie eine Zahl ab {n} ein.",
        above_max: "Bitte geben Sie eine Zahl bis höchstens {n} ein.",
        not_an_option: "Bitte wählen Sie eine der Möglichkeiten.",
        not_an_email: "Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein.",
        not_a_phone: "Bitte geben Sie eine Telefonnummer ein, zum Beispiel +49 30 1234567.",
        not_a_date: "Bitte geben Sie ein Datum wie 2025-03-31 ein.",
        pattern_mismatch: "Das hat nicht das erwartete Format. Beachten Sie den Hinweis unter \
                           der Beschriftung.",
    },
    check: CheckTexts {
        running: "Wird geprüft …",
        online: "Ihr Gerät ist mit einem Netzwerk verbunden.",
        offline: "Ihr Gerät ist mit keinem Netzwerk verbunden.",
        rtt_fast: "Das Hilfeportal antwortet schnell ({ms} ms).",
        rtt_slow: "Das Hilfeportal antwortet langsam ({ms} ms).",
        rtt_unreachable: "Das Hilfeportal hat nicht geantwortet.",
        reachable: "{url} ist erreichbar.",
        unreachable: "{url} ist nicht erreichbar.",
        os: "Ihr Betriebssystem: {name}.",
        os_other: "Wir konnten nicht erkennen, welches Betriebssystem Sie nutzen.",
        browser: "Ihr Browser: {name}.",
        browser_other: "Wir konnten nicht erkennen, welchen Browser Sie nutzen.",
        screen: "Ihr Bildschirm ist {n} Pixel breit.",
        storage_available: "Ihr Browser erlaubt Webseiten, Daten zu speichern (Cookies und \
                            lokaler Speicher).",
        storage_blocked: "Ihr Browser verbietet Webseiten, Daten zu speichern (Cookies oder \
                          lokaler Speicher).",
        timezone_expected: "Ihre Zeitzone ist {zone}, wie erwartet.",
        timezone_unexpected: "Ihre Zeitzone ist {zone}. Das ist nicht die hier erwartete.",
        language_expected: "Ihre Browsersprache ist {lang}.",
        language_unexpected: "Ihre Browsersprache ist {lang}. Das ist keine der hier erwarteten.",
    },
    status: super::status::DE,
    handoff: super::handoff::DE,
};
