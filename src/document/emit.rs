//! A small YAML writer for documents whose shape we own, so every other YAML reader reads
//! them exactly as written.
//!
//! Why not the serde YAML library: it leaves `no`, `yes`, `on`, `off`, `y`, `2026-11-28`,
//! `1_000` unquoted, and YAML 1.1 readers (`PyYAML`, spreadsheet plug-ins) turn those into
//! booleans, dates and numbers. Here every text is double-quoted (or, when it has several
//! lines, a literal block), so it stays a string everywhere; numbers, booleans, dates and
//! timestamps are written plain because they are what they look like. Output is
//! deterministic: the same tree always gives the same bytes.

use std::fmt::Write as _;

/// A YAML value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A mapping, keys in the order given.
    Map(Vec<(String, Node)>),
    Seq(Vec<Node>),
    /// Text: always read back as a string.
    Text(String),
    /// A number, date, timestamp, boolean or symbol written plain (the caller vouches that
    /// it reads back as intended, e.g. `8`, `4.5`, `2026-11-28`, `true`, `draft`).
    Plain(String),
    Null,
    /// A mapping already written by [`mapping_at`] for this indentation level: how a large
    /// subtree shared by many documents (the rubric copy) is written once, not per visit.
    Written(String),
}

impl Node {
    pub fn map(entries: impl IntoIterator<Item = (&'static str, Node)>) -> Node {
        Node::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    pub fn text(text: impl Into<String>) -> Node {
        Node::Text(text.into())
    }

    #[allow(clippy::needless_pass_by_value)] // takes numbers, dates and &str alike
    pub fn plain(text: impl ToString) -> Node {
        Node::Plain(text.to_string())
    }
}

/// The document as YAML text, ending with a newline.
pub fn to_yaml(root: &Node) -> String {
    let mut out = String::new();
    match root {
        Node::Map(entries) if !entries.is_empty() => write_entries(&mut out, entries, 0),
        Node::Seq(items) if !items.is_empty() => write_items(&mut out, items, 0),
        other => {
            write_inline(&mut out, other, 0);
            out.push('\n');
        }
    }
    out
}

/// The entries of a non-empty mapping as they stand under a key at `level` (for
/// [`Node::Written`]).
pub fn mapping_at(entries: &[(String, Node)], level: usize) -> String {
    let mut out = String::new();
    write_entries(&mut out, entries, level);
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// Whether a key can be written plain: ASCII word characters that no YAML reader retypes.
fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && !matches!(
            key,
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        )
}

fn write_key(out: &mut String, key: &str) {
    if plain_key(key) {
        out.push_str(key);
    } else {
        quote(out, key);
    }
}

fn write_entries(out: &mut String, entries: &[(String, Node)], level: usize) {
    for (key, value) in entries {
        indent(out, level);
        write_key(out, key);
        out.push(':');
        write_value(out, value, level);
    }
}

fn write_items(out: &mut String, items: &[Node], level: usize) {
    for item in items {
        indent(out, level);
        out.push('-');
        match item {
            Node::Map(entries) if !entries.is_empty() => {
                // The first entry goes on the dash's line, the rest line up under it.
                let (first_key, first_value) = &entries[0];
                out.push(' ');
                write_key(out, first_key);
                out.push(':');
                write_value(out, first_value, level + 1);
                write_entries(out, &entries[1..], level + 1);
            }
            other => write_value(out, other, level),
        }
    }
}

/// Writes what follows `key:` or `-`, including the line end.
fn write_value(out: &mut String, value: &Node, level: usize) {
    match value {
        Node::Map(entries) if !entries.is_empty() => {
            out.push('\n');
            write_entries(out, entries, level + 1);
        }
        Node::Seq(items) if !items.is_empty() => {
            out.push('\n');
            write_items(out, items, level + 1);
        }
        Node::Written(text) => {
            out.push('\n');
            out.push_str(text);
        }
        Node::Text(text) if is_block(text) => {
            out.push(' ');
            write_block(out, text, level + 1);
        }
        other => {
            out.push(' ');
            write_inline(out, other, level);
            out.push('\n');
        }
    }
}

fn write_inline(out: &mut String, value: &Node, _level: usize) {
    match value {
        Node::Map(_) => out.push_str("{}"),
        Node::Seq(_) => out.push_str("[]"),
        Node::Text(text) => quote(out, text),
        Node::Plain(text) => out.push_str(text),
        Node::Null => out.push_str("null"),
        Node::Written(text) => out.push_str(text.trim()),
    }
}

/// Several lines of ordinary text: written as a literal block (`|`), which no reader retypes.
fn is_block(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\n', '\t'])
        && text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !is_special(c))
        && text.lines().all(|line| !line.ends_with([' ', '\t']))
}

/// Characters a double-quoted scalar must escape and a block scalar cannot hold. The bidi
/// controls (which reorder what a terminal or editor shows) are escaped too, so printing a
/// document (`onsite show --format yaml`) cannot disguise its text; readers get them back.
fn is_special(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}' | '\u{fffe}' | '\u{ffff}'
        )
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

fn write_block(out: &mut String, text: &str, level: usize) {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    out.push_str(match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    out.push('\n');
    let body = text.strip_suffix('\n').unwrap_or(text);
    for line in body.split('\n') {
        if !line.is_empty() {
            indent(out, level);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// A double-quoted scalar with YAML escapes.
fn quote(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_special(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_quoted_and_plain_values_are_not() {
        let doc = Node::map([
            ("note", Node::text("no")),
            ("date", Node::plain("2026-11-28")),
            ("score", Node::plain("4.5")),
            ("quote", Node::text("a \"b\" \\ c: d")),
            ("escape", Node::text("\u{1b}[31m")),
        ]);
        assert_eq!(
            to_yaml(&doc),
            "note: \"no\"\ndate: 2026-11-28\nscore: 4.5\nquote: \"a \\\"b\\\" \\\\ c: d\"\n\
             escape: \"\\u001B[31m\"\n"
        );
    }

    #[test]
    fn several_lines_become_a_literal_block() {
        let doc = Node::map([("note", Node::text("dòng 1\n\ndòng 3"))]);
        assert_eq!(to_yaml(&doc), "note: |-\n  dòng 1\n\n  dòng 3\n");
        let doc = Node::map([("note", Node::text(" lề trái\nb"))]);
        assert_eq!(to_yaml(&doc), "note: \" lề trái\\nb\"\n");
    }

    #[test]
    fn lists_of_maps_line_up() {
        let doc = Node::map([(
            "team",
            Node::Seq(vec![Node::map([
                ("name", Node::text("An")),
                ("role", Node::text("Thư ký")),
            ])]),
        )]);
        assert_eq!(
            to_yaml(&doc),
            "team:\n  - name: \"An\"\n    role: \"Thư ký\"\n"
        );
    }

    #[test]
    fn odd_keys_are_quoted() {
        let doc = Node::Map(vec![
            ("1.1".into(), Node::plain("8")),
            ("no".into(), Node::Null),
        ]);
        assert_eq!(to_yaml(&doc), "\"1.1\": 8\n\"no\": null\n");
    }
}
