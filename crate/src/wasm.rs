//! The JavaScript boundary, and nothing else: typed inputs read from plain objects,
//! results returned as plain objects, and every failure thrown as a JS `Error`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::analyze::{Options, RuleInfo, RuleSetting};
use crate::compose::Problem;
use crate::diagram::Diagram;
use crate::fix::{Answers, Fixed};
use crate::generate::{Generated, Start};
use crate::recommend::{Profile, Recommendation};
use crate::report::Report;
use crate::source::FileKind;
use crate::yaml::{LineIndex, Position};
use crate::{Input, SourceFile};

/// One file to analyze: a compose file, an override file, or an environment file (by its
/// name: `.env`, `NAME.env`, `.env.NAME`, or by `kind`).
#[derive(Debug, Deserialize, Tsify)]
#[serde(deny_unknown_fields)]
pub struct FileInput {
    /// The file's path or name, as findings will cite it.
    pub path: String,
    pub text: String,
    /// `env` for an environment file whatever its name, `template` for an environment
    /// template whose values are not used (`.env.example`), `compose` for a compose file;
    /// told by the name when missing.
    #[serde(default)]
    #[tsify(optional)]
    pub kind: Option<FileKind>,
    /// Not read: it lets the files `fix` returns be given back as they are.
    #[serde(default)]
    #[tsify(optional)]
    pub changed: Option<bool>,
}

/// What `analyze` reads.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AnalyzeInput {
    /// The files in order: the base compose file first, then overrides; `.env` files
    /// anywhere.
    pub files: Vec<FileInput>,
    /// The shell environment for interpolation; it wins over `.env` files.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub env: Option<BTreeMap<String, String>>,
    /// The active profiles; services with other profiles are disabled.
    #[serde(default)]
    #[tsify(optional)]
    pub profiles: Option<Vec<String>>,
    /// A setting per rule id: `off`, `on`, or the severity to report it at.
    #[serde(default)]
    #[tsify(optional, type = "Record<string, RuleSetting>")]
    pub rules: Option<BTreeMap<String, RuleSetting>>,
    /// The requirements profile the project must meet; compliance and SLA rules judge
    /// the files against it.
    #[serde(default)]
    #[tsify(optional)]
    pub profile: Option<Profile>,
}

/// Options of `generate`.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenerateOptions {
    /// The iteration of the compose ladder, from 1 to 7; 1 when missing. A user's
    /// project is not rewritten, so it has no iteration.
    #[serde(default)]
    #[tsify(optional)]
    pub iteration: Option<u32>,
    /// The project's name, for a recommendation (a profile has its own `name`).
    #[serde(default)]
    #[tsify(optional)]
    pub name: Option<String>,
}

/// A user's own compose project as `generate` reads it: the files as `analyze` takes
/// them, and the requirements profile that fills the design parts of the handoff.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProjectInput {
    pub files: Vec<FileInput>,
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub env: Option<BTreeMap<String, String>>,
    #[serde(default)]
    #[tsify(optional)]
    pub profiles: Option<Vec<String>>,
    #[serde(default)]
    #[tsify(optional)]
    pub profile: Option<Profile>,
}

/// The version of the package.
#[wasm_bindgen]
pub fn version() -> String {
    crate::version().to_string()
}

/// Analyzes compose files: findings at exact positions, the image inventory and a summary.
#[wasm_bindgen]
pub fn analyze(input: Ts<AnalyzeInput>) -> Result<Ts<Report>, JsValue> {
    console_error_panic_hook::set_once();
    let input: AnalyzeInput = read("analyze", input)?;
    if let Some(profile) = &input.profile {
        check_profile("analyze", profile)?;
    }
    let rules = input.rules.clone().unwrap_or_default();
    if let Some(unknown) = rules.keys().find(|id| !is_rule(id)) {
        return Err(error(&format!(
            "analyze: invalid input at rules: no rule has the id \"{unknown}\" (rules() lists them)"
        )));
    }
    let options = Options {
        rules,
        profile: input.profile.clone(),
    };
    let input = input_files(input);

    write(&crate::analyze::analyze_with(&input, &options))
}

/// Whether a rule, the loader's or the analyzer's, has this id.
fn is_rule(id: &str) -> bool {
    crate::analyze::rules().iter().any(|rule| rule.id == id)
}

/// What `fix` reads: the files, the shell environment and the active profiles, as
/// `analyze` reads them.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FixInput {
    pub files: Vec<FileInput>,
    #[serde(default)]
    #[tsify(optional, type = "Record<string, string>")]
    pub env: Option<BTreeMap<String, String>>,
    #[serde(default)]
    #[tsify(optional)]
    pub profiles: Option<Vec<String>>,
}

/// Options of `fix`.
#[derive(Debug, Default, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FixOptions {
    /// The rules whose findings to fix; every rule with a fix when missing.
    #[serde(default)]
    #[tsify(optional)]
    pub rules: Option<Vec<String>>,
    /// What only the user knows: image names, registry, tags, resource limits.
    #[serde(default)]
    #[tsify(optional)]
    pub answers: Option<Answers>,
}

/// Fixes findings with edits that change only what they must: the new files, a unified
/// diff, and each fix applied or skipped with its reason. The input is never changed.
#[wasm_bindgen]
pub fn fix(input: Ts<FixInput>, options: Option<Ts<FixOptions>>) -> Result<Ts<Fixed>, JsValue> {
    console_error_panic_hook::set_once();
    let input: FixInput = read("fix", input)?;
    let options: FixOptions = match options {
        Some(options) => read("fix", options)?,
        None => FixOptions::default(),
    };
    if let Some(rules) = &options.rules {
        crate::fix::check_rules(rules).map_err(|e| error(&format!("fix: {e}")))?;
    }

    let input = project_input(input.files, input.env, input.profiles);
    let options = crate::fix::FixOptions {
        rules: options.rules,
        answers: options.answers.unwrap_or_default(),
        ..crate::fix::FixOptions::default()
    };
    write(&crate::fix::fix(&input, &options))
}

/// Options of `config`.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigOptions {
    pub format: ConfigFormatName,
}

/// The form `config` prints the project in.
#[derive(Debug, Clone, Copy, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum ConfigFormatName {
    Yaml,
    Json,
}

/// The canonical resolved project, as `docker compose config` prints it. Throws with the
/// file, line and column of the first problem that would make Compose refuse the project.
#[wasm_bindgen]
pub fn config(input: Ts<AnalyzeInput>, options: Ts<ConfigOptions>) -> Result<String, JsValue> {
    console_error_panic_hook::set_once();
    let input = input_files(read("config", input)?);
    let options: ConfigOptions = read("config", options)?;
    let format = match options.format {
        ConfigFormatName::Yaml => crate::compose::ConfigFormat::Yaml,
        ConfigFormatName::Json => crate::compose::ConfigFormat::Json,
    };

    crate::compose::config(&input, format).map_err(|problem| problem_error(&input, &problem))
}

/// The architecture diagram of the services the active profiles enable, as SVG, Mermaid
/// and plain text. Problems in the files leave out what they spoil and the rest is drawn;
/// only when nothing loads (no service, and a problem Compose would refuse) it throws, with
/// the file, line and column of that problem.
#[wasm_bindgen]
pub fn diagram(input: Ts<AnalyzeInput>) -> Result<Ts<Diagram>, JsValue> {
    console_error_panic_hook::set_once();
    let input = input_files(read("diagram", input)?);

    let loaded = crate::compose::load(&input);
    let fatal = loaded.problems.iter().find(|p| p.kind.is_fatal());
    if let (true, Some(problem)) = (loaded.project.services.is_empty(), fatal) {
        return Err(problem_error(&input, problem));
    }
    write(&crate::diagram(&loaded.project))
}

/// An `Error` for a load problem: `file:line:column: message`, with `file`, `line` and
/// `column` properties.
fn problem_error(input: &Input, problem: &Problem) -> JsValue {
    let file = input.files.get(problem.span.file);
    let position = file.map_or(Position { line: 1, column: 1 }, |f| {
        f.position(problem.span.start)
    });
    let path = file.map_or("", |f| f.path.as_str());
    let error = error_at(
        &format!(
            "{path}:{}:{}: {}",
            position.line, position.column, problem.message
        ),
        position,
    );
    let _ = js_sys::Reflect::set(&error, &"file".into(), &path.into());
    error
}

fn input_files(input: AnalyzeInput) -> Input {
    project_input(input.files, input.env, input.profiles)
}

/// The loader's input from the files, environment and profiles a call was given.
fn project_input(
    files: Vec<FileInput>,
    env: Option<BTreeMap<String, String>>,
    profiles: Option<Vec<String>>,
) -> Input {
    Input {
        files: files
            .into_iter()
            .map(|f| SourceFile::new(f.path, f.text).with_kind(f.kind))
            .collect(),
        env: env.unwrap_or_default(),
        profiles: profiles.unwrap_or_default(),
    }
}

/// Every rule, the loader's and the analyzer's, with its category, default severity and
/// documentation.
#[wasm_bindgen]
pub fn rules() -> Result<Vec<Ts<RuleInfo>>, JsValue> {
    console_error_panic_hook::set_once();
    crate::analyze::rules().iter().map(write).collect()
}

/// Recommends an architecture for a requirements profile.
#[wasm_bindgen]
pub fn recommend(profile: Ts<Profile>) -> Result<Ts<Recommendation>, JsValue> {
    console_error_panic_hook::set_once();
    let profile: Profile = read("recommend", profile)?;
    check_profile("recommend", &profile)?;
    write(&crate::recommend(&profile))
}

/// Reads a requirements profile from the text of a YAML or JSON file (`yaml` when
/// `format` is missing). Throws naming the field, or the line and column, of the problem.
#[wasm_bindgen(js_name = parseProfile)]
pub fn parse_profile(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "'yaml' | 'json'")] format: JsValue,
) -> Result<Ts<Profile>, JsValue> {
    console_error_panic_hook::set_once();
    let text = read_string("parseProfile", "text", &text)?;
    let format = if format.is_undefined() || format.is_null() {
        "yaml".to_string()
    } else {
        read_string("parseProfile", "format", &format)?
    };

    let profile = match format.as_str() {
        "yaml" => Profile::from_yaml(&text),
        "json" => Profile::from_json(&text),
        other => {
            return Err(error(&format!(
                "parseProfile: unknown format \"{other}\"; use yaml or json"
            )));
        }
    }
    .map_err(|e| {
        let message = format!("parseProfile: {e}");
        match e.position {
            Some(position) => error_at(&message, position),
            None => error(&message),
        }
    })?;
    write(&profile)
}

/// The discovery questions, in four groups (business, technical, compliance, SLA): each
/// with the profile field it fills, typical answers, why it matters and the decisions
/// it moves.
#[wasm_bindgen]
pub fn questions() -> Result<Vec<Ts<crate::recommend::Question>>, JsValue> {
    console_error_panic_hook::set_once();
    crate::recommend::questions().iter().map(write).collect()
}

/// Generates the files for the next onboarding step from one of three starting points,
/// told apart by their fields: an object with `files` is a user's compose project
/// (`.env.example` and the handoff; the compose file is not rewritten); one with
/// `framework` is a recommendation, as `recommend` returns it and possibly edited; any
/// other object is a requirements profile. A profile or a recommendation gives
/// `compose.yaml` at an iteration of the ladder, `.env.example` and the handoff.
#[wasm_bindgen]
pub fn generate(
    #[wasm_bindgen(unchecked_param_type = "Profile | Recommendation | ProjectInput")]
    input: JsValue,
    options: Option<Ts<GenerateOptions>>,
) -> Result<Ts<Generated>, JsValue> {
    console_error_panic_hook::set_once();
    let options: GenerateOptions = match options {
        Some(options) => read("generate", options)?,
        None => GenerateOptions::default(),
    };
    let iteration = options.iteration.unwrap_or(1);
    let json = read_json("generate", input)?;
    let has = |field: &str| json.get(field).is_some();

    if options.name.is_some() && !has("framework") {
        return Err(error(
            "generate: invalid options at name: a name is for a recommendation; a profile \
             has its own `name`, and a project its `name:` key",
        ));
    }

    let generated = if has("files") {
        if options.iteration.is_some() {
            return Err(error(
                "generate: invalid options at iteration: a project's compose files are not \
                 rewritten, so it has no iteration",
            ));
        }
        let project: ProjectInput = from_json("generate", json)?;
        if let Some(profile) = &project.profile {
            check_profile("generate", profile)?;
        }
        let profile = project.profile.clone();
        let input = Input {
            files: project
                .files
                .into_iter()
                .map(|f| SourceFile::new(f.path, f.text).with_kind(f.kind))
                .collect(),
            env: project.env.unwrap_or_default(),
            profiles: project.profiles.unwrap_or_default(),
        };
        let start = Start::Project {
            input: &input,
            profile: profile.as_ref(),
        };
        crate::generate::generate_from(start, iteration)
    } else if has("framework") {
        let recommendation: Recommendation = from_json("generate", json)?;
        let start = Start::Recommendation {
            recommendation: &recommendation,
            name: options.name.as_deref(),
        };
        crate::generate::generate_from(start, iteration)
    } else {
        let profile: Profile = from_json("generate", json)?;
        check_profile("generate", &profile)?;
        crate::generate::generate_from(Start::Profile(&profile), iteration)
    };

    write(&generated.map_err(|e| error(&format!("generate: {e}")))?)
}

/// Substitutes Compose variables in a template, as `docker compose` does. Throws with
/// compose's own message, and the position of the `$`, on an invalid template or a
/// missing required variable.
#[wasm_bindgen]
pub fn interpolate(
    #[wasm_bindgen(unchecked_param_type = "string")] template: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] env: JsValue,
) -> Result<String, JsValue> {
    console_error_panic_hook::set_once();
    let template = read_string("interpolate", "template", &template)?;
    let template = template.as_str();
    let env = read_env("interpolate", env)?;

    let lookup = |name: &str| env.get(name).cloned();
    match crate::compose::interpolate::substitute(template, &lookup) {
        Ok(done) => Ok(done.value),
        Err(e) => {
            let message = match &e {
                crate::compose::interpolate::TemplateError::Invalid { .. } => {
                    format!("Invalid template: \"{template}\"")
                }
                crate::compose::interpolate::TemplateError::Required { .. }
                | crate::compose::interpolate::TemplateError::TooLong { .. } => e.to_string(),
            };
            let index = LineIndex::new(template);
            Err(error_at(&message, index.position(template, e.offset())))
        }
    }
}

/// Reads a `.env` file as `docker compose` does, expanding variables from earlier lines
/// and from `env`. Throws with the line and column of the first problem.
#[wasm_bindgen(js_name = parseEnvFile, unchecked_return_type = "Record<string, string>")]
pub fn parse_env_file(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string>")] env: JsValue,
) -> Result<JsValue, JsValue> {
    console_error_panic_hook::set_once();
    let text = read_string("parseEnvFile", "text", &text)?;
    let text = text.as_str();
    let env = read_env("parseEnvFile", env)?;

    let lookup = |name: &str| env.get(name).cloned();
    let parsed = crate::compose::dotenv::parse_map(text, &lookup).map_err(|e| {
        let index = LineIndex::new(text);
        error_at(&e.message, index.position(text, e.offset))
    })?;
    parsed
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| error(&format!("internal error: {e}")))
}

fn check_profile(call: &str, profile: &Profile) -> Result<(), JsValue> {
    match profile.problems().first() {
        Some(problem) => Err(error(&format!("{call}: invalid profile: {problem}"))),
        None => Ok(()),
    }
}

/// An optional `Record<string, string>`.
fn read_env(call: &str, value: JsValue) -> Result<BTreeMap<String, String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(BTreeMap::new());
    }
    if !value.is_object() || js_sys::Array::is_array(&value) {
        let kind = describe(&value);
        return Err(error(&format!(
            "{call}: invalid environment: expected an object of strings, got {kind}"
        )));
    }
    check_depth(call, &value)?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| error(&format!("{call}: invalid environment: {e}")))
}

/// Renders a report from `analyze` as `text`, `json`, `sarif`, `markdown` or `github`.
/// `files`, the files the report is about, give the text form its source lines.
#[wasm_bindgen]
pub fn render(
    report: Ts<Report>,
    #[wasm_bindgen(unchecked_param_type = "'text' | 'json' | 'sarif' | 'markdown' | 'github'")]
    format: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "FileInput[]")] files: JsValue,
) -> Result<String, JsValue> {
    use crate::report::Format;

    console_error_panic_hook::set_once();
    let allowed = || Format::ALL.map(Format::name).join(", ");
    let format = match format.as_string() {
        Some(name) => Format::parse(&name).ok_or_else(|| {
            error(&format!(
                "render: unknown format \"{name}\"; use one of {}",
                allowed()
            ))
        })?,
        None => {
            let kind = describe(&format);
            return Err(error(&format!(
                "render: invalid format: expected one of {}, got {kind}",
                allowed()
            )));
        }
    };
    let report: Report = read("render", report)?;
    if report.version != 1 {
        return Err(error(&format!(
            "render: unsupported report version {}; this package renders version 1",
            report.version
        )));
    }
    let files = render_files(files)?;

    Ok(crate::report::render(
        &report,
        &files,
        format,
        &crate::analyze::rules(),
    ))
}

/// The optional files of `render`, as `analyze` reads them.
fn render_files(value: JsValue) -> Result<Vec<SourceFile>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !js_sys::Array::is_array(&value) {
        let kind = describe(&value);
        return Err(error(&format!(
            "render: invalid files: expected an array of {{ path, text }}, got {kind}"
        )));
    }

    check_depth("render", &value)?;
    let json: serde_json::Value = serde_wasm_bindgen::from_value(value)
        .map_err(|e| error(&format!("render: invalid files: {e}")))?;
    let files: Vec<FileInput> = crate::typed::from_json(&json).map_err(|e| {
        error(&format!(
            "render: invalid files at {}: {}",
            e.path(),
            e.message()
        ))
    })?;
    Ok(files
        .into_iter()
        .map(|f| SourceFile::new(f.path, f.text).with_kind(f.kind))
        .collect())
}

/// Reads a plain object into its Rust type; an error names the field it is about.
fn read<T: Tsify + for<'de> Deserialize<'de>>(call: &str, value: Ts<T>) -> Result<T, JsValue>
where
    <T as Tsify>::JsType: JsCast,
{
    let json = read_json(call, value.js_value())?;
    from_json(call, json)
}

/// A plain object, through JSON's data model, so that unknown fields are refused (the
/// direct deserializer only looks up the fields it knows).
fn read_json(call: &str, value: JsValue) -> Result<serde_json::Value, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(&value) {
        let kind = describe(&value);
        return Err(error(&format!(
            "{call}: invalid input: expected an object, got {kind}"
        )));
    }
    check_depth(call, &value)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| error(&format!("{call}: invalid input: {e}")))
}

/// A JSON value into its Rust type; an error names the field it is about.
fn from_json<T: for<'de> Deserialize<'de>>(
    call: &str,
    json: serde_json::Value,
) -> Result<T, JsValue> {
    crate::typed::from_json(&json).map_err(|e| {
        let path = e.path();
        let message = e.message();
        if path == "." {
            error(&format!("{call}: invalid input: {message}"))
        } else {
            error(&format!("{call}: invalid input at {path}: {message}"))
        }
    })
}

/// The deepest an input may nest: real inputs nest a few levels; a deeper (or cyclic)
/// object would exhaust the stack while it is read.
const MAX_INPUT_DEPTH: usize = 64;

/// Refuses an input that nests deeper than `MAX_INPUT_DEPTH` (a cycle always does),
/// walking it without recursion.
fn check_depth(call: &str, value: &JsValue) -> Result<(), JsValue> {
    let mut stack: Vec<(JsValue, usize)> = vec![(value.clone(), 0)];
    while let Some((current, depth)) = stack.pop() {
        if depth > MAX_INPUT_DEPTH {
            return Err(error(&format!(
                "{call}: invalid input: nested deeper than {MAX_INPUT_DEPTH} levels (or cyclic)"
            )));
        }
        if js_sys::Array::is_array(&current) {
            let array = js_sys::Array::from(&current);
            stack.extend(
                array
                    .iter()
                    .filter(JsValue::is_object)
                    .map(|item| (item, depth + 1)),
            );
        } else if current.is_object() {
            let object = js_sys::Object::from(current);
            stack.extend(
                js_sys::Object::values(&object)
                    .iter()
                    .filter(JsValue::is_object)
                    .map(|item| (item, depth + 1)),
            );
        }
    }
    Ok(())
}

/// A string argument, or an error naming it.
fn read_string(call: &str, name: &str, value: &JsValue) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| {
        let kind = describe(value);
        error(&format!("{call}: {name} must be a string, got {kind}"))
    })
}

/// A JS value's kind, for messages.
fn describe(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "undefined"
    } else if value.is_null() {
        "null"
    } else if js_sys::Array::is_array(value) {
        "an array"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_object() {
        "an object"
    } else {
        "a value of another kind"
    }
}

fn write<T: Tsify + Serialize>(value: &T) -> Result<Ts<T>, JsValue> {
    // one JSON text parsed by the engine's own parser costs far less than building the
    // result one property at a time across the boundary (a report of thousands of
    // findings: several times less), and gives the same plain objects
    let failed = |e: &dyn std::fmt::Display| {
        error(&format!(
            "internal error: the result could not be converted: {e}"
        ))
    };
    let text = crate::json::compact(value).map_err(|e| failed(&e))?;
    js_sys::JSON::parse(&text)
        .map(Ts::new_unchecked)
        .map_err(|_| failed(&"the JSON text was refused"))
}

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

/// An `Error` that also carries `line` and `column` (1-based, UTF-16) properties.
fn error_at(message: &str, position: Position) -> JsValue {
    let error = js_sys::Error::new(message);
    let _ = js_sys::Reflect::set(&error, &"line".into(), &position.line.into());
    let _ = js_sys::Reflect::set(&error, &"column".into(), &position.column.into());
    error.into()
}
