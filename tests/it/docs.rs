//! The documentation a newcomer reads: README.md stays short and gives the two commands CI
//! runs, and every relative link in README.md and docs/*.md (and the other READMEs that link
//! into them) reaches a file, and a heading when it names one.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// "Under 12 KB" read strictly: a kilobyte of 1,000 bytes.
const README_LIMIT: u64 = 12_000;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// README.md, every page in docs/, and the READMEs beside the code that link into them.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![
        root().join("README.md"),
        root().join("rubrics/README.md"),
        root().join("fuzz/README.md"),
    ];
    let mut docs: Vec<PathBuf> = fs::read_dir(root().join("docs"))
        .expect("list docs/")
        .map(|entry| entry.expect("docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The lines of a Markdown page outside fenced code blocks, numbered from 1.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            lines.push((index + 1, line));
        }
    }
    lines
}

/// A line with its inline code spans (`` `…` ``) blanked, so `](` inside code is no link.
fn without_code_spans(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else {
            out.push(if in_code { ' ' } else { c });
        }
    }
    out
}

/// Every `[text](target)` and `![alt](target)` target on the page, with its line.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in prose_lines(text) {
        let line = without_code_spans(line);
        let mut rest = line.as_str();
        while let Some(start) = rest.find("](") {
            let after = &rest[start + 2..];
            let Some(end) = after.find(')') else { break };
            found.push((number, after[..end].trim().to_owned()));
            rest = &after[end + 1..];
        }
    }
    found
}

/// The anchor GitHub gives a heading: lower case, punctuation dropped (letters of any script,
/// digits, `-` and `_` kept), spaces turned into `-`; a repeated heading gets `-1`, `-2`, ….
fn slug(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    for (_, line) in prose_lines(text) {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        let Some(title) = line[hashes..].strip_prefix(' ') else {
            continue;
        };
        if !(1..=6).contains(&hashes) {
            continue;
        }
        let base = slug(title);
        let mut anchor = base.clone();
        let mut n = 0;
        while anchors.contains(&anchor) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        anchors.insert(anchor);
    }
    anchors
}

#[test]
fn readme_is_under_12_kb() {
    let size = fs::metadata(root().join("README.md"))
        .expect("README.md")
        .len();
    assert!(
        size < README_LIMIT,
        "README.md is {size} bytes; keep it under {README_LIMIT} (what a newcomer needs) and move \
         the reference into docs/"
    );
}

#[test]
fn readme_gives_the_two_commands_and_ci_runs_its_test_command() {
    let readme = read(&root().join("README.md"));
    for command in ["`cargo run --release`", "`cargo test --locked`"] {
        assert!(readme.contains(command), "README.md lost {command}");
    }
    let ci = read(&root().join(".ci/run"));
    assert!(
        ci.lines().any(|line| line.trim() == "cargo test --locked"),
        ".ci/run must run the test command README.md gives: `cargo test --locked`"
    );
}

#[test]
fn every_relative_link_reaches_a_file_and_its_heading() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text = read(&page);
        let shown = page
            .strip_prefix(root())
            .unwrap_or(&page)
            .display()
            .to_string();
        for (line, target) in links(&text) {
            if target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            checked += 1;
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = if path.is_empty() {
                page.clone()
            } else {
                page.parent().expect("a page is in a folder").join(path)
            };
            if !file.exists() {
                broken.push(format!("{shown}:{line}: {target}: no such file"));
                continue;
            }
            let is_page = file.extension().is_some_and(|ext| ext == "md");
            if !anchor.is_empty() && is_page && !anchors(&read(&file)).contains(anchor) {
                broken.push(format!("{shown}:{line}: {target}: no such heading"));
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(
        checked > 20,
        "only {checked} links found: is the link parser still working?"
    );
}

#[test]
fn headings_become_github_anchors() {
    let page = "# Commands\n## Evidence (minh chứng)\n## The visit document (`format: onsite-visit/1`)\n\
                ```\n# not a heading\n```\n## Keys\n### Keys\n#nospace\n";
    let expected: BTreeSet<String> = [
        "commands",
        "evidence-minh-chứng",
        "the-visit-document-format-onsite-visit1",
        "keys",
        "keys-1",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(anchors(page), expected);
}

#[test]
fn links_in_code_are_not_links() {
    let page = "See [a](a.md) and `[b](b.md)`.\n```\n[c](c.md)\n```\n![d](d.png)\n";
    let found: Vec<String> = links(page).into_iter().map(|(_, target)| target).collect();
    assert_eq!(found, ["a.md", "d.png"]);
}
