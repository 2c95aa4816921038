//! The fixer: findings turned into surgical edits of the text they were found in. Each
//! fix changes only the bytes it must; comments, anchors, key order, quoting and
//! indentation outside the edited spans stay as they were. One file per fix, named by
//! the rule it fixes; a fix that cannot be made safely is skipped with its reason.

mod build_context;
mod dependency_without_healthy_condition;
pub mod diff;
mod duplicate_merge_key;
pub mod edit;
mod hardcoded_secret;
mod missing_healthcheck;
mod resource_limits;
pub mod text;
mod unpinned_image;
mod yaml11_sexagesimal_port;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::analyze::{self, Options as AnalyzeOptions};
use crate::compose::{Input, Project, Service};
use crate::report::Diagnostic;
use crate::source::{FileKind, SourceFile};
use crate::yaml::{self, Entry, Limits, Node, Parsed, Span, YamlError, YamlErrorKind};

pub use edit::Edit;

/// What only the user knows, for the fixes that need it. Every field is optional: where
/// an answer is missing, the fix uses a default and says which answer would replace it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Answers {
    /// The registry and namespace the team pushes to, e.g. `ghcr.io/acme`: a service
    /// that builds becomes `REGISTRY/SERVICE:TAG`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub registry: Option<String>,
    /// The tag of the images the team builds, e.g. `1.0.0`; `0.1.0` when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tag: Option<String>,
    /// The full image reference per service that builds, e.g.
    /// `{ api: "ghcr.io/acme/api:1.0.0" }`; it wins over `registry` and `tag`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[tsify(optional, type = "Record<string, string>")]
    pub images: BTreeMap<String, String>,
    /// The version tag to pin per service whose image floats, e.g. `{ cache: "7.4-alpine" }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[tsify(optional, type = "Record<string, string>")]
    pub tags: BTreeMap<String, String>,
    /// The resource limits per service, e.g. `{ api: { cpus: "1.0", memory: "1G" } }`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[tsify(optional, type = "Record<string, ResourceAnswer>")]
    pub resources: BTreeMap<String, ResourceAnswer>,
}

/// The limits one service needs at peak.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResourceAnswer {
    /// CPUs, as Compose writes them: `"0.5"`, `"2"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub cpus: Option<String>,
    /// Memory with its unit: `512M`, `2G`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub memory: Option<String>,
}

/// How to fix: which rules (all that have a fix when `None`), and the answers.
#[derive(Debug, Clone, Default)]
pub struct FixOptions {
    pub rules: Option<Vec<String>>,
    pub answers: Answers,
    /// How the findings are found: rule settings and the requirements profile.
    pub analyze: AnalyzeOptions,
}

/// The fixed files and what was done.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Fixed {
    /// Every file given, changed or not, in order; then `.env.example` when a fix added
    /// a variable and none was given.
    pub files: Vec<FixedFile>,
    /// A unified diff per changed file, one after the other; secret values removed by a
    /// fix are masked in it (the file texts are exact).
    pub diff: String,
    pub applied: Vec<AppliedFix>,
    pub skipped: Vec<SkippedFix>,
}

/// One file after the fixes, and whether they changed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct FixedFile {
    pub path: String,
    pub text: String,
    /// What the caller said the file is, passed on so that the files can be analyzed
    /// or fixed again as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub kind: Option<FileKind>,
    pub changed: bool,
}

/// A finding that was fixed, at its position in the file as it was given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct AppliedFix {
    pub rule: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// What the fix did.
    pub message: String,
    /// The default the fix used where an answer was missing, and the answer that would
    /// replace it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub used_default: Option<String>,
    /// Commands to run for the fixed file to work: for an image that replaced a build
    /// context, the `docker build` and `docker push` that make it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[tsify(optional)]
    pub commands: Vec<String>,
    /// The file index and byte offset of the finding in the text its pass read.
    #[serde(skip)]
    pub(crate) at: (usize, usize),
}

/// A finding with a fix that was not made, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SkippedFix {
    pub rule: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub reason: String,
    /// The file index and byte offset of the finding in the text its pass read.
    #[serde(skip)]
    pub(crate) at: (usize, usize),
}

/// What one fix makes of one finding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Change {
    pub edits: Vec<Edit>,
    pub message: String,
    pub used_default: Option<String>,
    pub commands: Vec<String>,
    /// Variables the fixed file now requires, for `.env.example`.
    pub variables: Vec<String>,
    /// Values the diff must not show (the secrets a fix removed).
    pub masked: Vec<String>,
    /// Set where the finding is fixed by the edits of another change of the same pass
    /// (its index there), which this one repeats.
    pub same_as: Option<usize>,
}

/// A fix: the rule whose findings it fixes, and how.
#[derive(Debug)]
pub struct Fix {
    pub rule: &'static str,
    /// One line: what the fix does.
    pub summary: &'static str,
    make: fn(&Context<'_>, &Diagnostic) -> Result<Change, String>,
}

/// Every fix, by the rule it fixes.
static FIXES: &[Fix] = &[
    build_context::FIX,
    hardcoded_secret::FIX,
    missing_healthcheck::FIX,
    dependency_without_healthy_condition::FIX,
    yaml11_sexagesimal_port::FIX,
    duplicate_merge_key::FIX,
    resource_limits::MEMORY,
    resource_limits::CPU,
    unpinned_image::FIX,
];

/// The fixes there are, one per rule id.
pub fn fixes() -> &'static [Fix] {
    FIXES
}

/// Refuses a rule id that has no fix, naming those that have one.
pub fn check_rules(rules: &[String]) -> Result<(), String> {
    match rules
        .iter()
        .find(|r| !FIXES.iter().any(|f| f.rule == r.as_str()))
    {
        Some(unknown) => {
            let known: Vec<&str> = FIXES.iter().map(|f| f.rule).collect();
            Err(format!(
                "no fix for rule \"{unknown}\"; rules with a fix: {}",
                known.join(", ")
            ))
        }
        None => Ok(()),
    }
}

/// One file as the fixes read it: its own tree (before merging with other files), its
/// anchors and its YAML errors.
#[derive(Debug)]
pub struct Tree {
    pub parsed: Parsed,
    /// One indentation step of this file.
    pub unit: usize,
    /// The services written under `services:` (not aliases), by the start of their key:
    /// the key's start, the entry's document and index.
    services: Vec<(usize, usize, usize)>,
    /// The anchored spans by start, each with the furthest end of any anchored span that
    /// starts at or before it, so that containment is one binary search.
    anchors: Vec<(usize, usize)>,
    /// The YAML errors that are duplicate keys, by the span of the repeated key.
    duplicates: HashMap<Span, usize>,
}

impl Tree {
    fn new(parsed: Parsed, text: &str) -> Self {
        let unit = parsed
            .documents
            .first()
            .map_or(2, |d| text::indent_unit(text, &d.root));

        let mut services = Vec::new();
        for (at, document) in parsed.documents.iter().enumerate() {
            let Some(map) = document.root.get("services") else {
                continue;
            };
            for (index, entry) in map.as_map().unwrap_or_default().iter().enumerate() {
                if text::within(&entry.key.span, &map.span) && !text::is_alias(text, entry) {
                    services.push((entry.key.span.start, at, index));
                }
            }
        }
        crate::sort::sort(&mut services);

        let mut spans: Vec<(usize, usize)> =
            parsed.anchors.iter().map(|a| (a.start, a.end)).collect();
        crate::sort::sort(&mut spans);
        let mut furthest = 0;
        let anchors = spans
            .into_iter()
            .map(|(start, end)| {
                furthest = furthest.max(end);
                (start, furthest)
            })
            .collect();

        let duplicates = parsed
            .errors
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == YamlErrorKind::DuplicateKey)
            .map(|(at, e)| (e.span, at))
            .collect();

        Self {
            parsed,
            unit,
            services,
            anchors,
            duplicates,
        }
    }

    /// The duplicate-key error at the span of a repeated key.
    pub fn duplicate(&self, span: Span) -> Option<&YamlError> {
        self.duplicates
            .get(&span)
            .and_then(|at| self.parsed.errors.get(*at))
    }

    /// The service entry whose text holds `span`: its key is at the span, or its value
    /// contains it.
    fn service_holding(&self, span: Span) -> Option<&Entry> {
        let before = self
            .services
            .partition_point(|(start, _, _)| *start <= span.start);
        let (_, document, index) = self.services.get(before.checked_sub(1)?)?;
        let map = self.parsed.documents.get(*document)?.root.get("services")?;
        let entry = map.as_map()?.get(*index)?;
        (entry.key.span == span || text::within(&span, &entry.value.span)).then_some(entry)
    }

    /// Whether an anchored span contains this one.
    fn anchored(&self, span: Span) -> bool {
        let before = self
            .anchors
            .partition_point(|(start, _)| *start <= span.start);
        before
            .checked_sub(1)
            .and_then(|at| self.anchors.get(at))
            .is_some_and(|(_, furthest)| *furthest >= span.end)
    }
}

/// What a fix reads: the files as they stand, each file's own tree, the loaded project
/// and every finding of this pass.
#[derive(Debug)]
pub struct Context<'a> {
    pub files: &'a [SourceFile],
    pub trees: &'a [Tree],
    pub project: &'a Project,
    pub project_name: &'a str,
    pub diagnostics: &'a [Diagnostic],
    /// Every finding of this pass by rule and span, for fixes that change several
    /// places at once.
    pub findings: &'a HashSet<(&'static str, Span)>,
    pub answers: &'a Answers,
    /// Services that some service extends: an edit of theirs changes the others too.
    pub extended: &'a HashSet<String>,
}

/// A service as written in one file.
#[derive(Debug)]
pub struct Written<'a> {
    /// The service as the project reads it, merged and interpolated.
    pub service: &'a Service,
    /// Its entry under `services:` in the file the finding points into.
    pub entry: &'a Entry,
    pub text: &'a str,
    pub unit: usize,
}

impl<'a> Context<'a> {
    pub fn text(&self, file: usize) -> &'a str {
        self.files.get(file).map_or("", |f| f.text.as_str())
    }

    /// The service written in the file of `span` whose entry holds it, with the checks
    /// every edit of a service needs: the entry is the service's own text (not copied by
    /// an alias or merge key), no anchor shares it, and no service extends it.
    pub fn service_at(&self, span: Span) -> Result<Written<'a>, String> {
        let tree = self
            .trees
            .get(span.file)
            .ok_or_else(|| "the finding points into no file".to_string())?;
        let text = self.text(span.file);

        let found = tree.service_holding(span);
        let entry = found.ok_or_else(|| {
            "the finding is not inside a service written in this file (it comes from an alias, a merge key, extends or include)".to_string()
        })?;
        let name = entry
            .key
            .as_str()
            .ok_or_else(|| "the service's name is not a string".to_string())?;
        let service = self
            .project
            .service(name)
            .ok_or_else(|| format!("service {name} is not in the loaded project"))?;

        if let Some(reason) = self.shared(&entry.value) {
            return Err(reason);
        }
        if self.extended.contains(name) {
            return Err(format!(
                "service {name} is extended by another service; a change here would change that service too"
            ));
        }
        Ok(Written {
            service,
            entry,
            text,
            unit: tree.unit,
        })
    }

    /// Why a node cannot be edited without changing other places: an anchor shares it,
    /// or it stands inside an anchored node.
    pub fn shared(&self, node: &Node) -> Option<String> {
        self.shared_span(node.span)
    }

    /// `shared`, for a span of text.
    pub fn shared_span(&self, span: Span) -> Option<String> {
        let tree = self.trees.get(span.file)?;
        tree.anchored(span).then(|| {
                "the value is defined under an anchor (&...) that aliases share; changing it would change every alias".to_string()
            })
    }
}

/// The most passes: a fix can make another finding appear (a health check makes a
/// `depends_on` condition possible), which the next pass fixes.
const MAX_PASSES: usize = 4;

/// What `fix` did in one pass: the edits it applied to each file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pass {
    pub edits: Vec<Edit>,
}

/// The result with the edits of each pass, for tests that replay them.
#[derive(Debug, Clone)]
pub struct Traced {
    pub fixed: Fixed,
    pub passes: Vec<Pass>,
}

/// Fixes every finding that has a fix, never changing the input: new texts, a unified
/// diff, and what was applied and skipped.
pub fn fix(input: &Input, options: &FixOptions) -> Fixed {
    fix_traced(input, options).fixed
}

/// `fix`, with the edits of each pass.
pub fn fix_traced(input: &Input, options: &FixOptions) -> Traced {
    let wanted = |rule: &str| {
        options
            .rules
            .as_ref()
            .is_none_or(|rules| rules.iter().any(|r| r == rule))
    };
    let mut files: Vec<SourceFile> = input.files.clone();
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    let mut variables: BTreeSet<String> = BTreeSet::new();
    let mut masked: Vec<String> = Vec::new();
    let mut passes = Vec::new();

    // one more analysis than passes, so that what is skipped is told on the final text
    for round in 0..=MAX_PASSES {
        let current = Input {
            files: files.clone(),
            env: input.env.clone(),
            profiles: input.profiles.clone(),
        };
        let outcome = pass(&current, options, &wanted);
        skipped = outcome.skipped;
        if round == MAX_PASSES {
            // fixes that only the passes before made possible, past the last pass
            skipped.extend(outcome.accepted.into_iter().map(|(_, entry)| SkippedFix {
                rule: entry.rule,
                file: entry.file,
                line: entry.line,
                column: entry.column,
                reason: format!("it needs more than {MAX_PASSES} passes; fix again to apply it"),
                at: entry.at,
            }));
            break;
        }
        if outcome.accepted.is_empty() {
            break;
        }

        let mut edits = Vec::new();
        for (change, entry) in outcome.accepted {
            edits.extend(change.edits);
            variables.extend(change.variables);
            masked.extend(change.masked);
            applied.push((passes.len(), entry));
        }
        let mut made = Vec::with_capacity(edits.len());
        for (file, source) in files.iter_mut().enumerate() {
            let own: Vec<Edit> = edits.iter().filter(|e| e.file == file).cloned().collect();
            if own.is_empty() {
                continue;
            }
            let (text, rejected) = edit::apply(&source.text, &own);
            made.extend(own.into_iter().filter(|e| !rejected.contains(e)));
            *source = SourceFile::new(source.path.clone(), text);
        }
        passes.push(Pass { edits: made });
    }

    // a fix of a later pass, and one skipped on the final text, is told where its finding
    // stood in the file given: its offset is mapped back through the passes before
    let given = |(file, mut offset): (usize, usize), round: usize| {
        for pass in passes.iter().take(round).rev() {
            offset = edit::before(offset, file, &pass.edits);
        }
        input
            .files
            .get(file)
            .map(|source| source.position(offset.min(source.text.len())))
    };
    let applied: Vec<AppliedFix> = applied
        .into_iter()
        .map(|(round, mut entry)| {
            if let Some(position) = given(entry.at, round) {
                entry.line = position.line;
                entry.column = position.column;
            }
            entry
        })
        .collect();
    let skipped: Vec<SkippedFix> = skipped
        .into_iter()
        .map(|mut entry| {
            if let Some(position) = given(entry.at, passes.len()) {
                entry.line = position.line;
                entry.column = position.column;
            }
            entry
        })
        .collect();

    let env_example = env_example(input, &files, &variables);
    let mut diff = String::new();
    let mut out: Vec<FixedFile> = Vec::with_capacity(files.len() + 1);
    for (before, after) in input.files.iter().zip(&files) {
        let changed = before.text != after.text;
        if changed {
            diff.push_str(&diff::unified(
                Some(&before.path),
                &after.path,
                &before.text,
                &after.text,
                &masked,
            ));
        }
        out.push(FixedFile {
            path: after.path.clone(),
            text: after.text.clone(),
            kind: before.kind,
            changed,
        });
    }
    if let Some((index, path, old, new)) = env_example {
        diff.push_str(&diff::unified(
            index.map(|_| path.as_str()),
            &path,
            &old,
            &new,
            &[],
        ));
        match index.and_then(|at| out.get_mut(at)) {
            Some(file) => {
                file.text = new;
                file.changed = true;
            }
            None => out.push(FixedFile {
                path,
                text: new,
                kind: None,
                changed: true,
            }),
        }
    }

    Traced {
        fixed: Fixed {
            files: out,
            diff,
            applied,
            skipped,
        },
        passes,
    }
}

struct Outcome {
    accepted: Vec<(Change, AppliedFix)>,
    skipped: Vec<SkippedFix>,
}

/// One pass: analyze the files as they stand, make a change for each finding that has a
/// fix, keep the changes that do not conflict, and drop any that would break a file.
fn pass(input: &Input, options: &FixOptions, wanted: &dyn Fn(&str) -> bool) -> Outcome {
    let analysis = analyze::run(input, &options.analyze);
    let trees: Vec<Tree> = input
        .files
        .iter()
        .enumerate()
        .map(|(file, source)| {
            let text = if source.is_env_file() {
                ""
            } else {
                source.text.as_str()
            };
            Tree::new(yaml::parse(text, file, Limits::default()), text)
        })
        .collect();
    let extended = extended_services(&trees);
    let project_name = crate::compose::project_name(input, &analysis.loaded.project);
    let findings: HashSet<(&'static str, Span)> = analysis
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.span))
        .collect();
    let context = Context {
        files: &input.files,
        trees: &trees,
        project: &analysis.loaded.project,
        project_name: &project_name,
        diagnostics: &analysis.diagnostics,
        findings: &findings,
        answers: &options.answers,
        extended: &extended,
    };

    // one finding per place, as the report shows them
    let diagnostics = crate::report::distinct(&analysis.diagnostics);

    let mut accepted: Vec<(Change, AppliedFix)> = Vec::new();
    let mut placed = Placed::default();
    let mut same: HashMap<Vec<Edit>, usize> = HashMap::new();
    let mut skipped = Vec::new();
    for diagnostic in diagnostics {
        let Some(fix) = FIXES.iter().find(|f| f.rule == diagnostic.rule) else {
            continue;
        };
        if !wanted(fix.rule) {
            continue;
        }
        let (file, line, column) = place(&input.files, diagnostic.span);
        let skip = |reason: String| SkippedFix {
            rule: fix.rule.to_string(),
            file: file.clone(),
            line,
            column,
            reason,
            at: (diagnostic.span.file, diagnostic.span.start),
        };

        let change = match (fix.make)(&context, diagnostic) {
            Ok(change) => change,
            Err(reason) => {
                skipped.push(skip(reason));
                continue;
            }
        };
        if !fits(&input.files, &change.edits) {
            skipped.push(skip(
                "its edits fall outside the file's text or overlap each other".to_string(),
            ));
            continue;
        }
        let entry = AppliedFix {
            rule: fix.rule.to_string(),
            file: file.clone(),
            line,
            column,
            message: change.message.clone(),
            used_default: change.used_default.clone(),
            commands: change.commands.clone(),
            at: (diagnostic.span.file, diagnostic.span.start),
        };
        // one change can fix several findings (both resource limits of a service)
        if let Some(&at) = same.get(&change.edits) {
            let mut entry = entry;
            if let Some((_, first)) = accepted.get(at) {
                entry.message = first.message.clone();
            }
            let repeat = Change {
                same_as: Some(at),
                ..Change::default()
            };
            accepted.push((repeat, entry));
            continue;
        }
        let clash = change
            .edits
            .iter()
            .find_map(|edit| placed.clash(edit))
            .and_then(|at| accepted.get(at));
        if let Some((_, other)) = clash {
            skipped.push(skip(format!(
                "its edit overlaps the fix of {} at line {}; fix again to apply it",
                other.rule, other.line
            )));
            continue;
        }
        for edit in &change.edits {
            placed.add(edit, accepted.len());
        }
        if !change.edits.is_empty() {
            same.insert(change.edits.clone(), accepted.len());
        }
        accepted.push((change, entry));
    }

    let accepted = keep_what_parses(input, &trees, accepted, &mut skipped);
    Outcome { accepted, skipped }
}

/// The accepted edits of one pass by file and start, for finding a clash without
/// comparing every pair: accepted edits never overlap, so their ends grow with their
/// starts, and only the few just before an edit's end can touch it.
#[derive(Debug, Default)]
struct Placed {
    /// By file, start, end (so that of two edits at one start the longer comes later),
    /// and the order they came in.
    edits: BTreeMap<(usize, usize, usize, usize), (Edit, usize)>,
}

impl Placed {
    fn add(&mut self, edit: &Edit, change: usize) {
        let key = (edit.file, edit.start, edit.end, self.edits.len());
        self.edits.insert(key, (edit.clone(), change));
    }

    /// The change whose edit conflicts with this one.
    fn clash(&self, edit: &Edit) -> Option<usize> {
        let range = (edit.file, 0, 0, 0)..=(edit.file, edit.end, usize::MAX, usize::MAX);
        for (_, (other, change)) in self.edits.range(range).rev() {
            if other.conflicts(edit) {
                return Some(*change);
            }
            if other.end <= edit.start && other.start < edit.start {
                break;
            }
        }
        None
    }
}

/// Drops every change of a file whose edited text would read with more YAML errors than
/// before, with that reason.
fn keep_what_parses(
    input: &Input,
    trees: &[Tree],
    accepted: Vec<(Change, AppliedFix)>,
    skipped: &mut Vec<SkippedFix>,
) -> Vec<(Change, AppliedFix)> {
    let mut broken: HashSet<usize> = HashSet::new();
    for (file, source) in input.files.iter().enumerate() {
        let own: Vec<Edit> = accepted
            .iter()
            .flat_map(|(change, _)| change.edits.iter())
            .filter(|e| e.file == file)
            .cloned()
            .collect();
        if own.is_empty() || source.is_env_file() {
            continue;
        }
        let before = trees.get(file).map_or(0, |t| t.parsed.errors.len());
        let (text, _) = edit::apply(&source.text, &own);
        if yaml::parse(&text, file, Limits::default()).errors.len() > before {
            broken.insert(file);
        }
    }
    if broken.is_empty() {
        return accepted;
    }

    let touches = |change: &Change| change.edits.iter().any(|e| broken.contains(&e.file));
    let dropped: Vec<bool> = accepted.iter().map(|(change, _)| touches(change)).collect();
    let mut kept = Vec::with_capacity(accepted.len());
    for (change, entry) in accepted {
        let repeats_dropped = change
            .same_as
            .is_some_and(|at| dropped.get(at).copied().unwrap_or(false));
        if touches(&change) || repeats_dropped {
            skipped.push(SkippedFix {
                rule: entry.rule,
                file: entry.file,
                line: entry.line,
                column: entry.column,
                reason: "the fixes of this file together would not read as YAML; left unchanged"
                    .to_string(),
                at: entry.at,
            });
        } else {
            kept.push((change, entry));
        }
    }
    kept
}

/// Whether a change's edits stand on character boundaries inside their files and leave
/// each other alone, so that all of them apply.
fn fits(files: &[SourceFile], edits: &[Edit]) -> bool {
    let inside = edits.iter().all(|edit| {
        files.get(edit.file).is_some_and(|file| {
            edit.start <= edit.end
                && edit.end <= file.text.len()
                && file.text.is_char_boundary(edit.start)
                && file.text.is_char_boundary(edit.end)
        })
    });
    let apart = edits.iter().enumerate().all(|(at, edit)| {
        edits
            .get(at + 1..)
            .unwrap_or_default()
            .iter()
            .all(|other| !edit.conflicts(other))
    });
    inside && apart
}

/// The path, line and column of a span's start.
fn place(files: &[SourceFile], span: Span) -> (String, u32, u32) {
    match files.get(span.file) {
        Some(file) => {
            let position = file.position(span.start);
            (file.path.clone(), position.line, position.column)
        }
        None => (String::new(), 1, 1),
    }
}

/// The services that any service of any file extends, by name.
fn extended_services(trees: &[Tree]) -> HashSet<String> {
    let mut names = HashSet::new();
    for tree in trees {
        for document in &tree.parsed.documents {
            let services = document.root.get("services");
            for entry in services.and_then(Node::as_map).unwrap_or_default() {
                let Some(extends) = entry.value.get("extends") else {
                    continue;
                };
                let name = extends
                    .as_str()
                    .or_else(|| extends.get("service").and_then(Node::as_str));
                if let Some(name) = name {
                    names.insert(name.to_string());
                }
            }
        }
    }
    names
}

/// The `.env.example` that lists every variable the fixes now require: the given one
/// with the missing names added, or a new one beside the first compose file. Its index
/// among the given files (when it was given), path, old and new text.
fn env_example(
    input: &Input,
    files: &[SourceFile],
    variables: &BTreeSet<String>,
) -> Option<(Option<usize>, String, String, String)> {
    if variables.is_empty() {
        return None;
    }
    let is_example = |path: &str| path.rsplit(['/', '\\']).next() == Some(".env.example");
    let given = files.iter().position(|f| is_example(&f.path));
    let (path, old) = match given.and_then(|at| files.get(at)) {
        Some(file) => (file.path.clone(), file.text.clone()),
        None => {
            let first = input.files.iter().find(|f| !f.is_env_file());
            let dir = first
                .and_then(|f| f.path.rsplit_once(['/', '\\']))
                .map(|(dir, _)| format!("{dir}/"))
                .unwrap_or_default();
            (format!("{dir}.env.example"), String::new())
        }
    };

    let listed: HashSet<&str> = old
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix("export ").unwrap_or(line);
            line.split_once('=').map(|(name, _)| name.trim())
        })
        .collect();
    let missing: Vec<&String> = variables
        .iter()
        .filter(|name| !listed.contains(name.as_str()))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let nl = text::newline(&old);
    let mut new = old.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push_str(nl);
    }
    for name in missing {
        new.push_str(name);
        new.push('=');
        new.push_str(nl);
    }
    Some((given, path, old, new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clash_is_found_behind_an_insertion_at_the_same_start() {
        let mut placed = Placed::default();
        placed.add(&Edit::replace(0, 10, 20, "x"), 0);
        placed.add(&Edit::insert(0, 10, "y"), 1);
        placed.add(&Edit::replace(0, 30, 31, "z"), 2);

        assert_eq!(placed.clash(&Edit::replace(0, 15, 16, "")), Some(0));
        assert_eq!(placed.clash(&Edit::insert(0, 30, "")), None);
        assert_eq!(placed.clash(&Edit::replace(0, 25, 31, "")), Some(2));
        assert_eq!(placed.clash(&Edit::replace(0, 20, 30, "")), None);
        assert_eq!(placed.clash(&Edit::replace(1, 15, 16, "")), None);
    }

    #[test]
    fn nested_anchors_contain_what_lies_inside_any_of_them() {
        let text = "a: &a\n  b: &b [1]\n  c: 2\nd: 3\n";
        let tree = Tree::new(yaml::parse(text, 0, Limits::default()), text);
        let at = |needle: &str| {
            let start = text.find(needle).unwrap();
            Span::new(0, start, start + needle.len())
        };

        assert!(tree.anchored(at("2")));
        assert!(tree.anchored(at("1")));
        assert!(!tree.anchored(at("3")));
    }
}
