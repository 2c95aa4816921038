//! Typed inputs read from JSON values, with the path of the field an error is about
//! (`files[0].text: invalid type: null, expected a string`).
//!
//! The inputs of the package (analysis input, profiles, options, reports given back) arrive
//! as JSON values. One deserializer over `&serde_json::Value` reads them into their types and
//! records, as an error travels out, the keys and indexes it passed through. It replaces a
//! wrapping deserializer that doubled every input type's visitors in the wasm module.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};
use serde_json::{Number, Value};

/// Reads `value` into `T`; an error says where in `value` it is.
pub fn from_json<T: DeserializeOwned>(value: &Value) -> Result<T, ReadError> {
    T::deserialize(Reader(value)).map_err(ReadError::finished)
}

/// Why a value could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// Innermost step first while the error travels out; outermost first once finished.
    steps: Vec<Step>,
    message: String,
}

/// One step of the path of a [`ReadError`]: a key of an object or an index of an array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathStep<'e> {
    Key(&'e str),
    Index(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

impl ReadError {
    /// Where the error is: `files[0].text`, `[2]`, or `.` for the value itself.
    pub fn path(&self) -> String {
        if self.steps.is_empty() {
            return ".".to_string();
        }

        let mut path = String::new();
        for step in &self.steps {
            match step {
                Step::Key(key) if path.is_empty() => path.push_str(key),
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Index(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
            }
        }
        path
    }

    /// The keys and indexes from the top of the value to the one the error is about.
    pub fn steps(&self) -> impl Iterator<Item = PathStep<'_>> {
        self.steps.iter().map(|step| match step {
            Step::Key(key) => PathStep::Key(key),
            Step::Index(index) => PathStep::Index(*index),
        })
    }

    /// What is wrong, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }

    fn within(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }

    fn finished(mut self) -> Self {
        self.steps.reverse();
        self
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path(), self.message)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self {
            steps: Vec::new(),
            message: in_plain_words(message.to_string()),
        }
    }

    // JSON's null is `null` in messages, not serde's "unit value"
    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        match unexpected {
            de::Unexpected::Unit => {
                Self::custom(format_args!("invalid type: null, expected {expected}"))
            }
            other => Self::custom(format_args!("invalid type: {other}, expected {expected}")),
        }
    }
}

/// One value being read.
struct Reader<'a>(&'a Value);

/// What an enum expects: one of its names.
struct OneOf(&'static [&'static str]);

impl de::Expected for OneOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", self.0.join(", "))
    }
}

/// A message whose expected Rust number type (`expected u32`) is said in words.
fn in_plain_words(message: String) -> String {
    const NUMBERS: [(&str, &str); 10] = [
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number from 0 to 4294967295"),
        ("u64", "a whole number of 0 or more"),
        ("usize", "a whole number of 0 or more"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("isize", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
    ];
    for (name, words) in NUMBERS {
        if let Some(start) = message.strip_suffix(&format!("expected {name}")) {
            return format!("{start}expected {words}");
        }
    }
    message
}

/// What a struct expects: an object with these keys.
struct Fields(&'static [&'static str]);

impl de::Expected for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("an object"),
            fields => write!(f, "an object with the keys {}", fields.join(", ")),
        }
    }
}

impl<'de> Deserializer<'de> for Reader<'_> {
    type Error = ReadError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(number) => visit_number(number, visitor),
            Value::String(text) => visitor.visit_str(text),
            Value::Array(items) => visit_array(items, visitor),
            Value::Object(entries) => visit_object(entries, visitor),
        }
    }

    // A type that asks for one kind of value is given only that kind: its visitor's other
    // methods are never called, so they are not compiled for it.

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Bool(b) => visitor.visit_bool(*b),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::String(text) => visitor.visit_str(text),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Array(items) => visit_array(items, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Object(entries) => visit_object(entries, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Number(number) => visit_number(number, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    // a struct is an object: the derived visitors would also take an array, by position;
    // what is expected is said in the user's words, not with the type's name
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::Object(entries) => visit_object(entries, visitor),
            other => Err(de::Error::invalid_type(unexpected(other), &Fields(fields))),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.0 {
            Value::String(name) => visitor.visit_enum(name.as_str().into_deserializer()),
            Value::Object(entries) if entries.len() == 1 => match entries.iter().next() {
                Some((name, value)) => visitor.visit_enum(Variant { name, value }),
                None => Err(de::Error::invalid_length(0, &"an object with one key")),
            },
            other => Err(de::Error::invalid_type(unexpected(other), &OneOf(variants))),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf
    }
}

fn visit_number<'de, V: Visitor<'de>>(number: &Number, visitor: V) -> Result<V::Value, ReadError> {
    if let Some(n) = number.as_u64() {
        visitor.visit_u64(n)
    } else if let Some(n) = number.as_i64() {
        visitor.visit_i64(n)
    } else {
        visitor.visit_f64(number.as_f64().unwrap_or(f64::NAN))
    }
}

fn visit_array<'de, V: Visitor<'de>>(items: &[Value], visitor: V) -> Result<V::Value, ReadError> {
    let mut items = Items {
        items: items.iter(),
        index: 0,
    };
    let value = visitor.visit_seq(&mut items)?;
    let left = items.items.len();
    if left > 0 {
        return Err(de::Error::invalid_length(
            items.index + left,
            &"fewer elements in the array",
        ));
    }
    Ok(value)
}

fn visit_object<'de, V: Visitor<'de>>(
    entries: &serde_json::Map<String, Value>,
    visitor: V,
) -> Result<V::Value, ReadError> {
    visitor.visit_map(Entries {
        entries: entries.iter(),
        value: None,
    })
}

/// What a value is, for an error about its type.
fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (None, Some(i)) => de::Unexpected::Signed(i),
            (None, None) => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(text) => de::Unexpected::Str(text),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// The items of an array, each read at its index.
struct Items<'a> {
    items: std::slice::Iter<'a, Value>,
    index: usize,
}

impl<'de> SeqAccess<'de> for &mut Items<'_> {
    type Error = ReadError;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, ReadError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };

        let index = self.index;
        self.index += 1;
        seed.deserialize(Reader(item))
            .map(Some)
            .map_err(|e| e.within(Step::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of an object, each value read under its key.
struct Entries<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<(&'a String, &'a Value)>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = ReadError;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, ReadError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };

        self.value = Some((key, value));
        let name: de::value::StrDeserializer<'_, ReadError> = key.as_str().into_deserializer();
        seed.deserialize(name)
            .map(Some)
            .map_err(|e| e.within(Step::Key(key.clone())))
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, ReadError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("a value was asked for before its key"));
        };

        seed.deserialize(Reader(value))
            .map_err(|e| e.within(Step::Key(key.clone())))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as `{ "variant": value }`.
struct Variant<'a> {
    name: &'a String,
    value: &'a Value,
}

impl<'de, 'a> EnumAccess<'de> for Variant<'a> {
    type Error = ReadError;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), ReadError> {
        let name: de::value::StrDeserializer<'_, ReadError> =
            self.name.as_str().into_deserializer();
        let variant = seed
            .deserialize(name)
            .map_err(|e| e.within(Step::Key(self.name.clone())))?;
        Ok((variant, self))
    }
}

impl<'de> VariantAccess<'de> for Variant<'_> {
    type Error = ReadError;

    fn unit_variant(self) -> Result<(), ReadError> {
        match self.value {
            Value::Null => Ok(()),
            other => Err(de::Error::invalid_type(
                unexpected(other),
                &"a unit variant",
            ))
            .map_err(|e: ReadError| e.within(Step::Key(self.name.clone()))),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, ReadError> {
        seed.deserialize(Reader(self.value))
            .map_err(|e| e.within(Step::Key(self.name.clone())))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        Reader(self.value)
            .deserialize_any(visitor)
            .map_err(|e| e.within(Step::Key(self.name.clone())))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        Reader(self.value)
            .deserialize_any(visitor)
            .map_err(|e| e.within(Step::Key(self.name.clone())))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;
    use serde_json::json;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields, rename_all = "camelCase")]
    struct Input {
        files: Vec<File>,
        #[serde(default)]
        env: BTreeMap<String, String>,
        #[serde(default)]
        level: Option<Level>,
        #[serde(default)]
        limit: Option<u8>,
        #[serde(default)]
        shape: Option<Shape>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct File {
        path: String,
        text: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Level {
        Low,
        High,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Shape {
        Circle { radius: u32 },
        Pair(u8, u8),
        Named(String),
    }

    fn read(value: Value) -> Result<Input, ReadError> {
        from_json(&value)
    }

    #[test]
    fn reads_every_kind_of_value_into_its_type() {
        let input = read(json!({
            "files": [{ "path": "compose.yaml", "text": "services: {}" }],
            "env": { "TAG": "1.0" },
            "level": "high",
            "limit": 7,
            "shape": { "circle": { "radius": 3 } },
        }));

        let expected = Input {
            files: vec![File {
                path: "compose.yaml".to_string(),
                text: "services: {}".to_string(),
            }],
            env: BTreeMap::from([("TAG".to_string(), "1.0".to_string())]),
            level: Some(Level::High),
            limit: Some(7),
            shape: Some(Shape::Circle { radius: 3 }),
        };
        assert_eq!(input, Ok(expected));
        let pair = read(json!({ "files": [], "shape": { "pair": [1, 2] } }));
        assert_eq!(pair.map(|i| i.shape), Ok(Some(Shape::Pair(1, 2))));
        let named = read(json!({ "files": [], "shape": { "named": "x" } }));
        assert_eq!(
            named.map(|i| i.shape),
            Ok(Some(Shape::Named("x".to_string())))
        );
    }

    #[test]
    fn an_error_names_the_keys_and_indexes_it_is_under() {
        let error =
            read(json!({ "files": [{ "path": "a", "text": "" }, { "path": "b", "text": null }] }));
        let error = error.err();
        assert_eq!(
            error.as_ref().map(ReadError::path).as_deref(),
            Some("files[1].text")
        );
        assert_eq!(
            error.as_ref().map(ReadError::message),
            Some("invalid type: null, expected a string")
        );

        let error = read(json!({ "files": [], "env": { "TAG": 1 } })).err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some("env.TAG: invalid type: integer `1`, expected a string")
        );
    }

    #[test]
    fn an_unknown_field_is_named_where_it_is() {
        let error = read(json!({ "files": [{ "path": "a", "text": "", "mode": 1 }] })).err();
        assert_eq!(
            error.as_ref().map(ReadError::path).as_deref(),
            Some("files[0].mode")
        );
        assert!(error.is_some_and(|e| e.message().starts_with("unknown field `mode`, expected")),);
    }

    #[test]
    fn an_error_in_the_value_itself_has_the_path_dot() {
        let error = read(json!([1, 2])).err();
        assert_eq!(error.as_ref().map(ReadError::path).as_deref(), Some("."));
        assert_eq!(
            error.map(|e| e.message().to_string()).as_deref(),
            Some(
                "invalid type: sequence, expected an object with the keys files, env, level, limit, shape"
            )
        );
        assert_eq!(
            read(json!({})).err().map(|e| e.to_string()).as_deref(),
            Some(".: missing field `files`")
        );
    }

    #[test]
    fn numbers_out_of_range_enums_unknown_and_extra_items_are_refused() {
        let limit = read(json!({ "files": [], "limit": 300 })).err();
        assert_eq!(
            limit.map(|e| e.to_string()).as_deref(),
            Some("limit: invalid value: integer `300`, expected a whole number from 0 to 255")
        );

        let level = read(json!({ "files": [], "level": "medium" })).err();
        assert_eq!(
            level.map(|e| e.to_string()).as_deref(),
            Some("level: unknown variant `medium`, expected `low` or `high`")
        );

        let level = read(json!({ "files": [], "level": 3 })).err();
        assert_eq!(
            level.map(|e| e.to_string()).as_deref(),
            Some("level: invalid type: integer `3`, expected one of low, high")
        );

        let pair = read(json!({ "files": [], "shape": { "pair": [1, 2, 3] } })).err();
        assert_eq!(
            pair.map(|e| e.to_string()).as_deref(),
            Some("shape.pair: invalid length 3, expected fewer elements in the array")
        );
    }
}
