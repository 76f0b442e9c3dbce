//! The tree parser and validator on any text, put among the shipped trees (in place of
//! the shipped tree with the same id, if it has one) with the shipped catalog. Whatever
//! the text, `Catalog::build` answers a catalog or a list of problems; it must never
//! panic, loop or blow the stack. A text that validates is walked: every legal walk
//! the engine finds replays to itself.

#![no_main]

use domain::Catalog;
use domain::catalog::SourceFile;
use libfuzzer_sys::fuzz_target;

const CATALOG: &str = include_str!("../../trees/catalog.toml");
const SHIPPED: [(&str, &str); 6] = [
    ("email", include_str!("../../trees/email.toml")),
    ("no-internet", include_str!("../../trees/no-internet.toml")),
    ("password", include_str!("../../trees/password.toml")),
    ("printer", include_str!("../../trees/printer.toml")),
    ("slow-computer", include_str!("../../trees/slow-computer.toml")),
    ("vpn", include_str!("../../trees/vpn.toml")),
];

/// The id a tree file claims (`id = "..."`), so it can be saved under its own name.
fn claimed_id(text: &str) -> &str {
    text.lines()
        .find_map(|l| l.trim().strip_prefix("id = \"").and_then(|r| r.split('"').next()))
        .filter(|id| !id.is_empty() && id.len() < 64 && !id.contains('/'))
        .unwrap_or("fuzzed")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = |path: String, text: &str| SourceFile {
        path,
        text: text.to_owned(),
    };
    let id = claimed_id(text);
    let mut trees: Vec<SourceFile> = SHIPPED
        .iter()
        .filter(|(shipped, _)| *shipped != id)
        .map(|(shipped, text)| file(format!("trees/{shipped}.toml"), text))
        .collect();
    trees.push(file(format!("trees/{id}.toml"), text));
    let catalog = file("trees/catalog.toml".into(), CATALOG);
    if let Ok(catalog) = Catalog::build(&trees, Some(&catalog)) {
        for end in [domain::walk::End::Resolved, domain::walk::End::Escalated] {
            for walk in domain::walk::explore::walks(&catalog, id, end, 3) {
                let again = domain::replay(&catalog, id, &walk.transcript).expect("a found walk replays");
                assert_eq!(again, walk);
            }
        }
    }
});
