//! Texts of the tree gaps screen.

#[derive(Debug)]
pub struct GapsTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub filters: &'static str,
    pub tree_label: &'static str,
    pub tree_all: &'static str,
    pub period_label: &'static str,
    /// `{days}`.
    pub period_days: &'static str,
    pub period_year: &'static str,
    pub loading: &'static str,
    /// `{groups}`, `{resolutions}`, `{days}`.
    pub summary: &'static str,
    /// `{days}`.
    pub empty: &'static str,
    /// `{tree}`, `{days}`.
    pub empty_tree: &'static str,
    /// `{shown}`, `{total}`.
    pub more_groups: &'static str,
    pub count_one: &'static str,
    /// `{count}`.
    pub count_many: &'static str,
    /// `{node}`.
    pub node_id: &'static str,
    /// `{version}`.
    pub not_served: &'static str,
    pub no_text: &'static str,
    /// `{shown}`, `{count}`.
    pub shown_of: &'static str,
    pub resolutions: &'static str,
    /// `{reference}`.
    pub ticket_link: &'static str,
    /// `{time}`, `{name}`.
    pub resolved_by: &'static str,
    /// `{time}`.
    pub resolved_at: &'static str,
    pub erased: &'static str,
    /// `{tree}`.
    pub graph_link: &'static str,
    /// `{tree}`.
    pub versions_link: &'static str,
}

pub const EN: GapsTexts = GapsTexts {
    nav: "Tree gaps",
    title: "Tree gaps",
    intro: "Resolutions that named the step where the tree should have helped, grouped by step, most named first. Where many land, a branch is missing.",
    filters: "Which gaps",
    tree_label: "Tree",
    tree_all: "All trees",
    period_label: "Period",
    period_days: "Last {days} days",
    period_year: "Last year",
    loading: "Loading tree gaps…",
    summary: "Steps named: {groups}. Resolutions: {resolutions}. Period: the last {days} days.",
    empty: "No resolution in the last {days} days named a step where the tree should have helped.",
    empty_tree: "No resolution in the last {days} days named a step of “{tree}” where it should have helped.",
    more_groups: "Showing the {shown} most named of {total} steps.",
    count_one: "Named once",
    count_many: "Named {count} times",
    node_id: "Step id: {node}",
    not_served: "This step is no longer in the version served now; its text is from version {version}.",
    no_text: "This step shows no text of its own.",
    shown_of: "The newest {shown} of {count} resolutions",
    resolutions: "Resolutions",
    ticket_link: "Ticket {reference}",
    resolved_by: "resolved {time} by {name}",
    resolved_at: "resolved {time}",
    erased: "personal data erased",
    graph_link: "Graph of “{tree}”",
    versions_link: "Versions of “{tree}”",
};

pub const DE: GapsTexts = GapsTexts {
    nav: "Baumlücken",
    title: "Baumlücken",
    intro: "Lösungen, die den Schritt nennen, an dem der Baum hätte helfen sollen – nach Schritt gruppiert, die meistgenannten zuerst. Wo sich viele sammeln, fehlt ein Zweig.",
    filters: "Welche Lücken",
    tree_label: "Baum",
    tree_all: "Alle Bäume",
    period_label: "Zeitraum",
    period_days: "Letzte {days} Tage",
    period_year: "Letztes Jahr",
    loading: "Baumlücken werden geladen …",
    summary: "Genannte Schritte: {groups}. Lösungen: {resolutions}. Zeitraum: die letzten {days} Tage.",
    empty: "Keine Lösung der letzten {days} Tage nennt einen Schritt, an dem der Baum hätte helfen sollen.",
    empty_tree: "Keine Lösung der letzten {days} Tage nennt einen Schritt von „{tree}“, an dem er hätte helfen sollen.",
    more_groups: "Gezeigt werden die {shown} meistgenannten von {total} Schritten.",
    count_one: "Einmal genannt",
    count_many: "{count}-mal genannt",
    node_id: "Schritt-ID: {node}",
    not_served: "Diesen Schritt gibt es in der jetzt verwendeten Version nicht mehr; sein Text stammt aus Version {version}.",
    no_text: "Dieser Schritt zeigt keinen eigenen Text.",
    shown_of: "Die neuesten {shown} von {count} Lösungen",
    resolutions: "Lösungen",
    ticket_link: "Ticket {reference}",
    resolved_by: "gelöst am {time} von {name}",
    resolved_at: "gelöst am {time}",
    erased: "personenbezogene Daten gelöscht",
    graph_link: "Graph von „{tree}“",
    versions_link: "Versionen von „{tree}“",
};
