//! Transcript replay on the shipped trees with any JSON: a forged or broken transcript
//! is refused with the step it fails at, never a panic; a transcript that replays
//! replays the same way twice (the engine is deterministic).

#![no_main]

use domain::Catalog;
use domain::catalog::SourceFile;
use domain::walk::Step;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

const FILES: [(&str, &str); 6] = [
    ("trees/email.toml", include_str!("../../trees/email.toml")),
    ("trees/no-internet.toml", include_str!("../../trees/no-internet.toml")),
    ("trees/password.toml", include_str!("../../trees/password.toml")),
    ("trees/printer.toml", include_str!("../../trees/printer.toml")),
    ("trees/slow-computer.toml", include_str!("../../trees/slow-computer.toml")),
    ("trees/vpn.toml", include_str!("../../trees/vpn.toml")),
];
const CATALOG: &str = include_str!("../../trees/catalog.toml");

fn catalog() -> &'static Catalog {
    static SHIPPED: OnceLock<Catalog> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let file = |(path, text): (&str, &str)| SourceFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
        let trees: Vec<SourceFile> = FILES.into_iter().map(file).collect();
        Catalog::build(&trees, Some(&file(("trees/catalog.toml", CATALOG)))).expect("shipped trees are valid")
    })
}

#[derive(serde::Deserialize)]
struct Input {
    tree: String,
    transcript: Vec<Step>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(input) = serde_json::from_slice::<Input>(data) else {
        return;
    };
    let catalog = catalog();
    let first = domain::replay(catalog, &input.tree, &input.transcript);
    let second = domain::replay(catalog, &input.tree, &input.transcript);
    match (first, second) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(a.step, b.step),
        _ => panic!("replay is not deterministic"),
    }
});
