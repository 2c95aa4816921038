//! Reading and writing a requirements profile as JSON and YAML. YAML is read with the
//! crate's own parser and goes through JSON's data model, so both forms accept the same
//! fields and refuse the same mistakes.

use serde_json::{Map, Number, Value as Json};

use super::Profile;
use crate::typed::PathStep;
use crate::yaml::{self, LineIndex, Node, Position, Resolved, Value as Yaml};

/// A profile that could not be read, with the field it is about when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub message: String,
    /// Where in a YAML profile's text the problem is (1-based line, UTF-16 column).
    pub position: Option<Position>,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProfileError {}

fn problem(message: impl Into<String>) -> ProfileError {
    ProfileError {
        message: message.into(),
        position: None,
    }
}

impl Profile {
    /// Reads a profile from JSON text.
    pub fn from_json(text: &str) -> Result<Self, ProfileError> {
        let value: Json =
            serde_json::from_str(text).map_err(|e| problem(format!("invalid JSON: {e}")))?;
        from_value(value, None)
    }

    /// Reads a profile from YAML text (one document; an empty text is an empty profile).
    pub fn from_yaml(text: &str) -> Result<Self, ProfileError> {
        let parsed = yaml::parse(text, 0, yaml::Limits::default());
        if let Some(error) = parsed.errors.first() {
            let position = LineIndex::new(text).position(text, error.span.start);
            return Err(ProfileError {
                message: format!(
                    "invalid YAML at {}:{}: {}",
                    position.line, position.column, error.message
                ),
                position: Some(position),
            });
        }
        if parsed.documents.len() > 1 {
            return Err(problem("a profile is one YAML document; found several"));
        }
        match parsed.documents.first() {
            None => Ok(Self::default()),
            Some(document) if document.root.is_null() => Ok(Self::default()),
            Some(document) => from_value(to_json(&document.root)?, Some((&document.root, text))),
        }
    }

    /// The profile as pretty-printed JSON, camelCase, without the missing fields.
    pub fn to_json(&self) -> String {
        crate::json::pretty(self)
    }

    /// The profile as YAML, camelCase, without the missing fields; strings are quoted.
    pub fn to_yaml(&self) -> String {
        let value = crate::json::to_value(self);
        let mut out = String::new();
        match &value {
            Json::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
            _ => out.push_str("{}\n"),
        }
        out
    }
}

/// Reads the profile from its JSON value; `source` is the YAML tree and text it was
/// read from, where an error's path is turned into a line and column.
fn from_value(value: Json, source: Option<(&Node, &str)>) -> Result<Profile, ProfileError> {
    let profile: Profile = crate::typed::from_json(&value).map_err(|e| {
        let path = e.path();
        let message = e.message();
        let position = source.and_then(|(root, text)| {
            // an unknown field is shown at its key, anything else at its value
            let at_key = message.starts_with("unknown field");
            let node = locate(root, e.steps(), at_key)?;
            Some(LineIndex::new(text).position(text, node.span.start))
        });
        let place = match (position, path.as_str()) {
            (Some(p), ".") => format!(" at {}:{}", p.line, p.column),
            (Some(p), path) => format!(" at {}:{} ({path})", p.line, p.column),
            (None, ".") => String::new(),
            (None, path) => format!(" at {path}"),
        };
        ProfileError {
            message: format!("invalid profile{place}: {message}"),
            position,
        }
    })?;
    match profile.problems().into_iter().next() {
        Some(first) => Err(problem(format!("invalid profile: {first}"))),
        None => Ok(profile),
    }
}

/// The node a path leads to; with `at_key`, the key of the last step instead of its value.
fn locate<'n, 'e>(
    root: &'n Node,
    steps: impl Iterator<Item = PathStep<'e>>,
    at_key: bool,
) -> Option<&'n Node> {
    let mut node = root;
    let mut key = None;
    for step in steps {
        match step {
            PathStep::Key(name) => {
                let entry = node.entry(name)?;
                key = Some(&entry.key);
                node = &entry.value;
            }
            PathStep::Index(index) => {
                key = None;
                node = node.as_seq()?.get(index)?;
            }
        }
    }
    match (at_key, key) {
        (true, Some(key)) => Some(key),
        _ => Some(node),
    }
}

fn to_json(node: &Node) -> Result<Json, ProfileError> {
    Ok(match &node.value {
        Yaml::Scalar(scalar) => match scalar.resolved {
            Resolved::Null => Json::Null,
            Resolved::Bool(b) => Json::Bool(b),
            Resolved::Int(i) => Json::Number(Number::from(i)),
            Resolved::Float(f) => Number::from_f64(f)
                .map(Json::Number)
                .ok_or_else(|| problem(format!("invalid number {}", scalar.text)))?,
            Resolved::Str => Json::String(scalar.text.clone()),
        },
        Yaml::Seq(items) => Json::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        Yaml::Map(entries) => {
            let mut map = Map::new();
            for entry in entries {
                let key = entry
                    .key
                    .as_scalar()
                    .map(|k| k.text.clone())
                    .ok_or_else(|| problem("profile keys are plain strings"))?;
                map.insert(key, to_json(&entry.value)?);
            }
            Json::Object(map)
        }
    })
}

fn write_map(out: &mut String, map: &Map<String, Json>, indent: usize) {
    for (key, value) in map {
        out.push_str(&" ".repeat(indent));
        out.push_str(key);
        out.push(':');
        write_value(out, value, indent);
    }
}

/// Writes a value after its key or dash: scalars on the same line, collections below.
fn write_value(out: &mut String, value: &Json, indent: usize) {
    match value {
        Json::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2);
        }
        Json::Array(items) if !items.is_empty() => {
            out.push('\n');
            for item in items {
                out.push_str(&" ".repeat(indent + 2));
                out.push('-');
                match item {
                    Json::Object(map) if !map.is_empty() => {
                        // the first key on the dash's line, the rest aligned with it
                        let mut inner = String::new();
                        write_map(&mut inner, map, indent + 4);
                        out.push(' ');
                        out.push_str(inner.trim_start());
                    }
                    other => write_value(out, other, indent + 2),
                }
            }
        }
        Json::Object(_) => out.push_str(" {}\n"),
        Json::Array(_) => out.push_str(" []\n"),
        scalar => {
            out.push(' ');
            out.push_str(&scalar.to_string());
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommend::{
        Compliance, CustomerSegment, DeploymentModel, Domain, SegmentDeployment,
    };

    fn sample() -> Profile {
        Profile {
            name: Some("Clinic \"Cloud\"".to_string()),
            domain: Some(Domain::Healthcare),
            compliance: Some(vec![Compliance::Hipaa, Compliance::Soc2]),
            uptime: Some(99.95),
            deployments: Some(vec![SegmentDeployment {
                segment: CustomerSegment::Enterprise,
                models: vec![DeploymentModel::Byoc, DeploymentModel::ProviderAccount],
            }]),
            data_residency: Some(vec!["eu".to_string()]),
            ..Profile::default()
        }
    }

    #[test]
    fn profiles_round_trip_through_json_and_yaml() {
        let profile = sample();
        assert_eq!(Profile::from_json(&profile.to_json()).unwrap(), profile);
        let yaml = profile.to_yaml();
        assert_eq!(Profile::from_yaml(&yaml).unwrap(), profile, "{yaml}");
        assert_eq!(Profile::from_yaml("").unwrap(), Profile::default());
        assert_eq!(Profile::default().to_yaml(), "{}\n");
    }

    #[test]
    fn yaml_profiles_give_the_line_and_column_of_the_wrong_value() {
        let text =
            "domain: ai-ml\ndeployments:\n  - segment: enterprise\n    models: [byoc]\n  - saas\n";
        let error = Profile::from_yaml(text).unwrap_err();
        assert_eq!(error.position, Some(Position { line: 5, column: 5 }));
        assert_eq!(
            error.message,
            "invalid profile at 5:5 (deployments[1]): invalid type: string \"saas\", expected \
             an object with the keys segment, models"
        );

        let error = Profile::from_yaml("uptime: 99.9\ndeploymentModels: [saas]\n").unwrap_err();
        assert_eq!(error.position, Some(Position { line: 2, column: 1 }));
        assert!(
            error
                .message
                .starts_with("invalid profile at 2:1 (deploymentModels): unknown field"),
            "{error}"
        );

        let error = Profile::from_yaml("uptime: \"99.99\"\n").unwrap_err();
        assert_eq!(
            error.message,
            "invalid profile at 1:9 (uptime): invalid type: string \"99.99\", expected a number"
        );
        let error = Profile::from_yaml("pricing: [tiered]\n").unwrap_err();
        assert!(
            error.message.starts_with(
                "invalid profile at 1:10 (pricing): invalid type: sequence, expected one of "
            ),
            "{error}"
        );

        let error = Profile::from_yaml("domain: [ai-ml\n").unwrap_err();
        assert_eq!(error.position.map(|p| p.line), Some(2), "{error}");
        assert_eq!(Profile::from_json("[]").unwrap_err().position, None);
    }

    #[test]
    fn yaml_profiles_name_the_wrong_field() {
        let error = Profile::from_yaml("domain: astrology\n").unwrap_err();
        assert!(error.message.contains("domain"), "{error}");
        let error = Profile::from_yaml("uptime: 200\n").unwrap_err();
        assert!(error.message.contains("uptime"), "{error}");
        let error = Profile::from_json("{\"colour\": 1}").unwrap_err();
        assert!(error.message.contains("colour"), "{error}");
    }
}
