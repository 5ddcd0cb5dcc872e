//! Where each key sits in a YAML text, so a rule broken by a well-formed file (a duplicate id,
//! `max: 0`) can still be reported as `file:line:col`. Serde gives positions only for errors
//! it finds itself; this walks the parser's events once and records them by dotted path
//! (`sections.1.items.0.max`, 0-based indexes). It also remembers which values were written
//! unquoted (YAML 1.1 readers turn an unquoted `2025.10` into the number 2025.1) and where a
//! key was written twice. Aliases are not expanded, so a hostile file costs no more than its
//! size.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::Position;

/// Deeper than any rubric or visit document; below it nothing is recorded.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Default)]
pub struct Locations {
    by_path: HashMap<String, Position>,
    /// Unquoted scalar values, by path.
    plain: HashMap<String, String>,
    /// Second (and later) occurrences of a key in one mapping, in file order.
    repeated: Vec<(String, Position)>,
}

struct Collect(Vec<(Event, Marker)>);

impl MarkedEventReceiver for Collect {
    fn on_event(&mut self, event: Event, mark: Marker) {
        self.0.push((event, mark));
    }
}

impl Locations {
    pub(super) fn of(text: &str) -> Self {
        let mut events = Collect(Vec::new());
        // A text the parser rejects simply has fewer known positions; serde reports the error.
        let _ = Parser::new_from_str(text).load(&mut events, false);
        let mut walker = Walker {
            events: &events.0,
            next: 0,
            found: Locations::default(),
        };
        walker.skip_to_first_node();
        walker.node("", 0);
        walker.found
    }

    /// The position of `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<Position> {
        let mut path = path;
        loop {
            if let Some(position) = self.by_path.get(path) {
                return Some(*position);
            }
            path = path.rsplit_once('.')?.0;
        }
    }

    /// The text of the value at `path` if it was written without quotes.
    pub fn plain(&self, path: &str) -> Option<&str> {
        self.plain.get(path).map(String::as_str)
    }

    /// Every key written a second time in its mapping: dotted path and position.
    pub fn repeats(&self) -> &[(String, Position)] {
        &self.repeated
    }

    /// Where a key named `key` was written a second time, if anywhere.
    pub fn repeated(&self, key: &str) -> Option<Position> {
        self.repeated
            .iter()
            .find(|(path, _)| path.rsplit('.').next() == Some(key))
            .map(|(_, position)| *position)
    }
}

struct Walker<'a> {
    events: &'a [(Event, Marker)],
    next: usize,
    found: Locations,
}

fn join(parent: &str, segment: &str) -> String {
    if parent.is_empty() {
        segment.to_owned()
    } else {
        format!("{parent}.{segment}")
    }
}

/// yaml-rust2 counts lines from 1 and columns from 0.
fn position(mark: Marker) -> Position {
    Position {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl Walker<'_> {
    fn skip_to_first_node(&mut self) {
        while let Some((Event::StreamStart | Event::DocumentStart | Event::Nothing, _)) =
            self.events.get(self.next)
        {
            self.next += 1;
        }
    }

    fn record(&mut self, path: &str, mark: Marker) {
        self.found
            .by_path
            .entry(path.to_owned())
            .or_insert(position(mark));
    }

    /// Consumes one node (scalar, alias, mapping or sequence) starting at `self.next`.
    fn node(&mut self, path: &str, depth: usize) {
        let Some((event, _)) = self.events.get(self.next) else {
            return;
        };
        self.next += 1;
        match event {
            Event::MappingStart(..) => self.mapping(path, depth + 1),
            Event::SequenceStart(..) => self.sequence(path, depth + 1),
            Event::Scalar(value, TScalarStyle::Plain, ..) if depth <= MAX_DEPTH => {
                self.found.plain.insert(path.to_owned(), value.clone());
            }
            _ => {}
        }
    }

    fn mapping(&mut self, path: &str, depth: usize) {
        while let Some((event, mark)) = self.events.get(self.next) {
            match event {
                Event::MappingEnd => {
                    self.next += 1;
                    return;
                }
                Event::Scalar(key, ..) if depth <= MAX_DEPTH => {
                    let child = join(path, key);
                    // A block mapping's own start mark sits past its first key; its first
                    // key is where a reader looks for it.
                    self.record(path, *mark);
                    if self.found.by_path.contains_key(&child) {
                        self.found.repeated.push((child.clone(), position(*mark)));
                    }
                    self.record(&child, *mark);
                    self.next += 1;
                    self.node(&child, depth);
                }
                Event::StreamEnd | Event::DocumentEnd => return,
                _ => {
                    self.node("?", depth);
                    self.node("?", depth);
                }
            }
        }
    }

    fn sequence(&mut self, path: &str, depth: usize) {
        let mut index = 0usize;
        while let Some((event, mark)) = self.events.get(self.next) {
            match event {
                Event::SequenceEnd => {
                    self.next += 1;
                    return;
                }
                Event::StreamEnd | Event::DocumentEnd => return,
                _ => {
                    let child = join(path, &index.to_string());
                    if depth <= MAX_DEPTH && !matches!(event, Event::MappingStart(..)) {
                        self.record(&child, *mark);
                    }
                    self.node(&child, depth);
                    index += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
id: x
sections:
  - id: \"1\"
    items:
      - id: 1.1
        max: 0
";

    #[test]
    fn finds_keys_and_list_elements() {
        let at = Locations::of(TEXT);
        assert_eq!(at.find("id"), Some(Position { line: 1, column: 1 }));
        assert_eq!(
            at.find("sections.0.items.0.max"),
            Some(Position { line: 6, column: 9 })
        );
        assert_eq!(
            at.find("sections.0.items.0"),
            Some(Position { line: 5, column: 9 })
        );
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        let at = Locations::of(TEXT);
        assert_eq!(
            at.find("sections.0.items.0.step"),
            at.find("sections.0.items.0")
        );
    }

    #[test]
    fn knows_which_values_were_unquoted() {
        let at = Locations::of(TEXT);
        assert_eq!(at.plain("sections.0.items.0.id"), Some("1.1"));
        assert_eq!(at.plain("sections.0.id"), None);
    }

    #[test]
    fn finds_a_repeated_key() {
        let at = Locations::of("a: 1\nb: 2\na: 3\n");
        assert_eq!(at.repeated("a"), Some(Position { line: 3, column: 1 }));
        assert_eq!(at.repeated("b"), None);
    }

    #[test]
    fn survives_broken_text() {
        let at = Locations::of("a: [1, 2\nb: {");
        assert_eq!(at.find("zzz"), None);
    }
}
