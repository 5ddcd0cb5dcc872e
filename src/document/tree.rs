//! Any typed value as a document tree ([`Node`]), through serde's data model: a struct's
//! fields in their order (those its `skip_serializing_if` leaves out are absent), an enum's
//! unit variant as its word written plain, numbers and booleans plain, every other text
//! quoted. So a type that derives `Serialize` (the rubric) is written by the same
//! description that reads it, never by a second field-by-field copy.
//!
//! `Decimal` reaches serde as text (`rust_decimal` serializes `"4.5"`, and the rubric digest
//! hashes exactly that), so the caller names the keys whose values are numbers in its format:
//! their text is written as the number, plain.

use serde::Serialize;
use serde_content::{Data, Number, Value};

use super::emit::Node;

/// `value` as a document tree, the text under any key in `numbers` written as the number
/// it holds; `None` if serde refuses it (a map with a key that is not text or a number,
/// which no document type has).
pub fn node_of<T: Serialize + ?Sized>(value: &T, numbers: &[&str]) -> Option<Node> {
    let value = serde_content::Serializer::new().serialize(value).ok()?;
    Tree { numbers }.convert(value)
}

struct Tree<'n> {
    numbers: &'n [&'n str],
}

impl Tree<'_> {
    fn convert(&self, value: Value<'_>) -> Option<Node> {
        Some(match value {
            Value::Unit | Value::Option(None) => Node::Null,
            Value::Option(Some(inner)) => self.convert(*inner)?,
            Value::Bool(flag) => Node::plain(flag),
            Value::Number(number) => Node::Plain(number_text(number)?),
            Value::Char(c) => Node::text(c),
            Value::String(text) => Node::text(text),
            Value::Bytes(_) => return None,
            Value::Seq(items) | Value::Tuple(items) => self.seq(items)?,
            Value::Map(entries) => {
                let entries = entries
                    .into_iter()
                    .map(|(key, value)| Some((key_text(key)?, value)));
                self.map(entries.collect::<Option<Vec<_>>>()?)?
            }
            Value::Struct(s) => self.data(s.data)?,
            Value::Enum(e) => match e.data {
                Data::Unit => Node::Plain(e.variant.into_owned()),
                other => Node::Map(vec![(e.variant.into_owned(), self.data(other)?)]),
            },
        })
    }

    fn data(&self, data: Data<'_>) -> Option<Node> {
        Some(match data {
            Data::Unit => Node::Null,
            Data::NewType { value } => self.convert(value)?,
            Data::Tuple { values } => self.seq(values)?,
            Data::Struct { fields } => {
                let fields = fields
                    .into_iter()
                    .map(|(key, value)| (key.into_owned(), value));
                self.map(fields.collect())?
            }
        })
    }

    fn seq(&self, items: Vec<Value<'_>>) -> Option<Node> {
        let items = items.into_iter().map(|item| self.convert(item));
        Some(Node::Seq(items.collect::<Option<_>>()?))
    }

    fn map(&self, entries: Vec<(String, Value<'_>)>) -> Option<Node> {
        let mut nodes = Vec::with_capacity(entries.len());
        for (key, mut value) in entries {
            while let Value::Option(Some(inner)) = value {
                value = *inner;
            }
            let node = match value {
                Value::String(text) if self.numbers.contains(&key.as_str()) => {
                    let number: rust_decimal::Decimal = text.parse().ok()?;
                    Node::plain(number.normalize())
                }
                other => self.convert(other)?,
            };
            nodes.push((key, node));
        }
        Some(Node::Map(nodes))
    }
}

fn key_text(key: Value<'_>) -> Option<String> {
    match key {
        Value::String(text) => Some(text.into_owned()),
        Value::Number(number) => number_text(number),
        _ => None,
    }
}

/// A number as written: integers as they are, floats by the shortest text that reads back
/// as the same float.
fn number_text(number: Number) -> Option<String> {
    Some(match number {
        Number::I8(n) => n.to_string(),
        Number::U8(n) => n.to_string(),
        Number::I16(n) => n.to_string(),
        Number::U16(n) => n.to_string(),
        Number::I32(n) => n.to_string(),
        Number::U32(n) => n.to_string(),
        Number::I64(n) => n.to_string(),
        Number::U64(n) => n.to_string(),
        Number::I128(n) => n.to_string(),
        Number::U128(n) => n.to_string(),
        Number::F32(n) => n.to_string(),
        Number::F64(n) => n.to_string(),
        _ => return None,
    })
}
