//! The house has no import circles between its top-level modules (issue 20): `strings` sits
//! above what it names, `cli` and `tui` do not import each other, and so on. Each `crate::X`
//! path in `src/` is an arrow from the file's top-level module to `X`; a circle fails with
//! the modules it runs through. (`farm-studio look` draws the same at the level of files.)

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Top-level module → the top-level modules its files name through `crate::`.
fn arrows() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let module_of = |path: &Path| -> String {
        let relative = path.strip_prefix(&src).expect("under src");
        let first = relative.components().next().expect("a component");
        let name = first.as_os_str().to_string_lossy();
        name.trim_end_matches(".rs").to_owned()
    };
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut arrows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let from = module_of(file);
        if from == "lib" || from == "main" {
            continue;
        }
        let whole = fs::read_to_string(file).expect("a source file");
        // A unit-test module (at a file's end) may reach anywhere, as an integration test can.
        let code = whole.split("#[cfg(test)]").next().unwrap_or_default();
        // Comments (doc links included) name modules without importing them.
        let text: String = code
            .lines()
            .map(|line| line.split("//").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        for (at, _) in text.match_indices("crate::") {
            let rest = &text[at + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').map(str::trim).collect()
            } else {
                vec![rest]
            };
            for name in names {
                let to: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if to != from && modules.contains(&to) {
                    arrows.entry(from.clone()).or_default().insert(to);
                }
            }
        }
    }
    arrows
}

/// A circle through `arrows`, as the modules it runs through, if there is one.
fn circle(arrows: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn walk(
        at: &str,
        arrows: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == at) {
            let mut found = path[start..].to_vec();
            found.push(at.to_owned());
            return Some(found);
        }
        if done.contains(at) {
            return None;
        }
        path.push(at.to_owned());
        for next in arrows.get(at).into_iter().flatten() {
            if let Some(found) = walk(next, arrows, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(at.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    arrows
        .keys()
        .find_map(|start| walk(start, arrows, &mut Vec::new(), &mut done))
}

/// Arrows still to be taken out: none. (`strings` named `tui`'s keymap `Help`, dialogs'
/// `Confirm` and inbox `Listing` until they moved to `ui`, below both.) A new arrow that
/// closes a circle fails; an arrow listed here fails once it is gone (remove it here then).
const KNOWN: [(&str, &str); 0] = [];

#[test]
fn no_top_level_module_imports_itself_through_others() {
    let mut arrows = arrows();
    assert!(
        arrows.contains_key("cli"),
        "the walk found the modules: {arrows:?}"
    );
    for (from, to) in KNOWN {
        let removed = arrows
            .get_mut(from)
            .is_some_and(|targets| targets.remove(to));
        assert!(removed, "{from} → {to} is gone: take it out of KNOWN");
    }
    if let Some(found) = circle(&arrows) {
        panic!("an import circle: {}", found.join(" → "));
    }
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut arrows: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in [("cli", "tui"), ("tui", "store"), ("store", "cli")] {
        arrows.entry(from.into()).or_default().insert(to.into());
    }
    assert_eq!(
        circle(&arrows),
        Some(vec![
            "cli".into(),
            "tui".into(),
            "store".into(),
            "cli".into()
        ])
    );
    arrows.get_mut("store").expect("store").clear();
    assert_eq!(circle(&arrows), None);
}

/// The words live at the top (issue 20): only the faces of the program — the command line,
/// the TUI, and what renders a document for people (the minutes, the summary, the tables) —
/// name `strings`; and nothing names those faces but each other and `main`.
#[test]
fn only_the_top_floor_names_the_words() {
    const TOP: [&str; 6] = ["cli", "tui", "report", "stats", "tables", "strings"];
    let arrows = arrows();
    for (from, targets) in &arrows {
        if targets.contains("strings") {
            assert!(TOP.contains(&from.as_str()), "{from} names strings");
        }
    }
    for face in ["cli", "tui", "report", "stats", "tables"] {
        for (from, targets) in &arrows {
            if targets.contains(face) {
                assert!(TOP.contains(&from.as_str()), "{from} names {face}");
            }
        }
    }
}
