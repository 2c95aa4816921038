//! The loader's problems as findings: each kind of problem has a stable rule id, a
//! category and a severity, so that suppression and every renderer treat it like a rule.

use crate::compose::{Problem, ProblemKind};
use crate::report::{Category, Diagnostic, Severity};

/// The rule id, category and severity of a kind of loader problem.
pub fn identity(kind: ProblemKind) -> (&'static str, Category, Severity) {
    use Category::*;
    use Severity::*;

    match kind {
        ProblemKind::YamlSyntax => ("yaml-syntax", Syntax, Error),
        ProblemKind::DuplicateKey => ("duplicate-key", Syntax, Error),
        ProblemKind::InvalidMerge => ("invalid-merge-key", Syntax, Error),
        ProblemKind::LimitExceeded => ("input-limit", Syntax, Error),
        ProblemKind::InvalidShape => ("invalid-structure", Schema, Error),
        ProblemKind::SchemaViolation => ("schema-violation", Schema, Error),
        ProblemKind::InvalidValue => ("invalid-value", Schema, Error),
        ProblemKind::PlaceholderValue => ("incomplete-value", Interpolation, Info),
        ProblemKind::InvalidInterpolation => ("invalid-interpolation", Interpolation, Error),
        ProblemKind::RequiredVariable => ("required-variable", Interpolation, Info),
        ProblemKind::UnsetVariable => ("unset-variable", Interpolation, Warning),
        ProblemKind::InvalidEnvFile => ("invalid-env-file", Syntax, Error),
        ProblemKind::UnknownService => ("undefined-service", Reference, Error),
        ProblemKind::DisabledDependency => ("dependency-disabled-by-profile", Reference, Error),
        ProblemKind::UndefinedResource => ("undefined-resource", Reference, Error),
        ProblemKind::DependencyCycle => ("dependency-cycle", Reference, Error),
        ProblemKind::PortConflict => ("port-conflict", Correctness, Error),
        ProblemKind::MissingFile => ("file-not-given", Reference, Info),
        ProblemKind::EnvFileNotGiven => ("env-file-not-given", Readiness, Info),
        ProblemKind::PartialService => ("service-defined-elsewhere", Readiness, Info),
        ProblemKind::IncludeCycle => ("include-cycle", Reference, Error),
        ProblemKind::IncludeConflict => ("include-conflict", Reference, Warning),
        ProblemKind::EmptyProject => ("empty-project", Schema, Error),
    }
}

/// Whether an id names one of the loader's rules.
pub fn is_loader_rule(id: &str) -> bool {
    ALL.iter().any(|kind| identity(*kind).0 == id)
}

/// Every kind of loader problem, for the rule list.
pub const ALL: &[ProblemKind] = &[
    ProblemKind::YamlSyntax,
    ProblemKind::DuplicateKey,
    ProblemKind::InvalidMerge,
    ProblemKind::LimitExceeded,
    ProblemKind::InvalidShape,
    ProblemKind::SchemaViolation,
    ProblemKind::InvalidValue,
    ProblemKind::InvalidInterpolation,
    ProblemKind::RequiredVariable,
    ProblemKind::UnsetVariable,
    ProblemKind::InvalidEnvFile,
    ProblemKind::UnknownService,
    ProblemKind::DisabledDependency,
    ProblemKind::UndefinedResource,
    ProblemKind::DependencyCycle,
    ProblemKind::PortConflict,
    ProblemKind::MissingFile,
    ProblemKind::EnvFileNotGiven,
    ProblemKind::PartialService,
    ProblemKind::IncludeCycle,
    ProblemKind::IncludeConflict,
    ProblemKind::EmptyProject,
];

pub fn diagnostic(problem: &Problem) -> Diagnostic {
    let (rule, category, severity) = identity(problem.kind);
    Diagnostic {
        rule,
        category,
        severity,
        message: problem.message.clone(),
        help: problem.help.clone(),
        span: problem.span,
    }
}
