//! Where each key sits in a YAML text, so a rule broken by a well-formed file (a duplicate id,
//! `max: 0`) can still be reported as `file:line:col`. Serde gives positions only for errors
//! it finds itself; this walks the parser's events once and records them by dotted path
//! (`sections.1.items.0.max`, 0-based indexes). Aliases are not expanded, so a hostile file
//! costs no more than its size.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::Position;

/// Deeper than any rubric or visit document; below it nothing is recorded.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Default)]
pub struct Locations {
    by_path: HashMap<String, Position>,
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
            by_path: HashMap::new(),
        };
        walker.skip_to_first_node();
        walker.node("", 0);
        Locations {
            by_path: walker.by_path,
        }
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
}

struct Walker<'a> {
    events: &'a [(Event, Marker)],
    next: usize,
    by_path: HashMap<String, Position>,
}

fn join(parent: &str, segment: &str) -> String {
    if parent.is_empty() {
        segment.to_owned()
    } else {
        format!("{parent}.{segment}")
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

    fn record(&mut self, path: String, mark: Marker) {
        // yaml-rust2 counts lines from 1 and columns from 0.
        let position = Position {
            line: mark.line(),
            column: mark.col() + 1,
        };
        self.by_path.entry(path).or_insert(position);
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
                    self.record(child.clone(), *mark);
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
                    if depth <= MAX_DEPTH {
                        self.record(child.clone(), *mark);
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
      - id: \"1.1\"
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
    fn survives_broken_text() {
        let at = Locations::of("a: [1, 2\nb: {");
        assert_eq!(at.find("zzz"), None);
    }
}
