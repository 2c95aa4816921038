//! The loader's problems as findings: each kind of problem has a stable rule id, a
//! category and a severity, so that suppression and every renderer treat it like a rule.

use super::registry::RuleDoc;
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
        ProblemKind::InvalidImage => ("invalid-image-reference", Correctness, Error),
        ProblemKind::InvalidProjectName => ("invalid-project-name", Schema, Warning),
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
    ProblemKind::InvalidImage,
    ProblemKind::InvalidProjectName,
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

const fn doc(
    summary: &'static str,
    why: &'static str,
    bad: &'static str,
    good: &'static str,
    fix: &'static str,
    limitations: &'static str,
) -> RuleDoc {
    RuleDoc {
        summary,
        why,
        bad,
        good,
        fix,
        limitations,
    }
}

const NONE: &str = "None known.";

/// The documentation of a loader rule, in the same fixed sections as every rule's.
pub fn documentation(kind: ProblemKind) -> RuleDoc {
    match kind {
        ProblemKind::YamlSyntax => doc(
            "The file is not valid YAML.",
            "Compose cannot read the file at all; nothing after the error is analyzed.",
            "services:\n  web:\n    image: [nginx\n",
            "services:\n  web:\n    image: nginx:1.27\n",
            "Fix the YAML at the position given: an unclosed bracket or quote, or a wrong indent.",
            "Only the first syntax error of a file is reported; the parser stops there.",
        ),
        ProblemKind::DuplicateKey => doc(
            "A mapping repeats a key (the merge key `<<` included).",
            "Compose refuses the file (\"mapping key already defined\"); other YAML tools keep one of the two silently.",
            "services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n",
            "services:\n  web:\n    image: nginx:1.27\n",
            "Keep one of the two keys; for several merge sources write `<<: [*a, *b]`.",
            NONE,
        ),
        ProblemKind::InvalidMerge => doc(
            "A merge key `<<` names something other than a mapping or a list of mappings.",
            "Compose refuses it (\"map merge requires map\").",
            "x-image: &image \"nginx:1.27\"\nservices:\n  web:\n    <<: *image\n",
            "x-base: &base\n  image: nginx:1.27\nservices:\n  web:\n    <<: *base\n",
            "Anchor a mapping and merge that, or set the value directly.",
            NONE,
        ),
        ProblemKind::LimitExceeded => doc(
            "The input is larger than a limit: file size, number of files, nesting, alias expansion, or an interpolated value.",
            "The limits keep hostile input (an alias bomb, a value that doubles on every line) from costing unbounded time or memory.",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nservices:\n  web:\n    image: nginx:1.27\n",
            "services:\n  web:\n    image: nginx:1.27\n",
            "Write the values out, or split the project; real compose files are far below every limit.",
            "The limits are listed in docs/decisions.md.",
        ),
        ProblemKind::InvalidShape => doc(
            "The project's structure is not what Compose accepts: a section that must be a mapping, a key that must be a string, a service with neither image nor build, mutually exclusive settings.",
            "Compose refuses the project; the platform cannot run it.",
            "services:\n  web:\n    environment: [A=1]\n",
            "services:\n  web:\n    image: nginx:1.27\n    environment: [A=1]\n",
            "Change the structure as the message says.",
            NONE,
        ),
        ProblemKind::SchemaViolation => doc(
            "A key or value does not fit the Compose Specification: an unknown key, a wrong type, a value outside its choices or range, a missing required key.",
            "Compose refuses the file; a misspelt key that some tools ignore silently would never take effect.",
            "services:\n  web:\n    imagee: nginx:1.27\n",
            "services:\n  web:\n    image: nginx:1.27\n",
            "Use the key or value the message suggests.",
            "Checked after interpolation on the merged project, as Compose checks it; a value an unset variable left empty is left to the unset-variable finding.",
        ),
        ProblemKind::InvalidValue => doc(
            "A value Compose cannot read: a port or volume spec, or a port out of range.",
            "Compose refuses the project when it converts the value: a container port is 1 to 65535, a host port 0 to 65535, and a host range is as long as its container range.",
            "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80/xyz\", \"8080:0\", \"8000-8002:80-81\"]\n",
            "services:\n  web:\n    image: nginx:1.27\n    ports: [\"80:80/udp\", \"8080:80\", \"8000-8001:80-81\"]\n",
            "Write the spec as `[[ip:]host:]container[/protocol]` for ports and `[source:]target[:mode]` for volumes, with every port in range.",
            "A value that an unset variable left incomplete is not judged; the unset variable is the finding.",
        ),
        ProblemKind::InvalidImage => doc(
            "An image reference Docker refuses: uppercase letters in the repository, more than one tag, an invalid tag, or a malformed digest.",
            "Compose loads the file, but no service with such an image can be pulled, built or created (\"invalid reference format\"), here or on the platform.",
            "services:\n  web:\n    image: Nginx:1.27:alpine\n  api:\n    image: acme/api@sha256:abc\n",
            "services:\n  web:\n    image: nginx:1.27-alpine\n  api:\n    image: acme/api:1.4.2\n",
            "Write it as `[registry[:port]/]repository[:tag][@sha256:digest]`: the repository in lowercase (the registry host may have capitals), one tag of letters, digits, `_`, `.` and `-`, and a digest of 64 hexadecimal digits.",
            "A reference that an unset variable left incomplete is not judged; the unset variable is the finding. The registry host is checked for its form only, never looked up.",
        ),
        ProblemKind::InvalidProjectName => doc(
            "The top-level `name:` is not a valid Compose project name: only lowercase letters, digits, `-` and `_`, starting with a letter or digit.",
            "Compose refuses such a name given on its command line and changes one written in the file (lowercase, other characters dropped), so the containers, networks and volumes carry a name other than the one written.",
            "name: MyShop\nservices:\n  web:\n    image: nginx:1.27\n",
            "name: myshop\nservices:\n  web:\n    image: nginx:1.27\n",
            "Write the name Compose uses, given in the message.",
            "A name that an unset variable left incomplete is not judged.",
        ),
        ProblemKind::PlaceholderValue => doc(
            "A value that an unset variable left incomplete.",
            "It stops `config`, as it stops Compose; in an analysis the unset variable is reported instead.",
            "services:\n  web:\n    image: nginx:1.27\n    ports: [\"${PORT}:80\"]\n",
            "services:\n  web:\n    image: nginx:1.27\n    ports: [\"${PORT:-8080}:80\"]\n",
            "Set the variable, or give it a default.",
            "Never reported by `analyze`; only `config` shows it.",
        ),
        ProblemKind::InvalidInterpolation => doc(
            "A `$` starts no valid variable reference (`${`, `${ X}`, `${X!}`).",
            "Compose refuses the file (\"invalid interpolation format\").",
            "services:\n  web:\n    image: nginx:1.27\n    command: echo ${ HOME}\n",
            "services:\n  web:\n    image: nginx:1.27\n    command: echo $${HOME}\n",
            "Write a literal `$` as `$$`, a reference as `${NAME}` or `${NAME:-default}`.",
            "The bash operators Compose does not support (`${X/a/b}`) are invalid here too.",
        ),
        ProblemKind::RequiredVariable => doc(
            "A required variable (`${NAME:?message}`) has no value in the analyzed environment.",
            "Compose refuses to start without it; on a control plane it is a parameter the deployment must supply.",
            "services:\n  web:\n    image: acme/web:${TAG:?set TAG}\n",
            "services:\n  web:\n    image: acme/web:${TAG:-1.0.0}\n",
            "Supply the variable, or list it in `.env.example` as a parameter.",
            "Reported as information: in a spec meant for a control plane such variables are its parameters.",
        ),
        ProblemKind::UnsetVariable => doc(
            "A variable with no default is not set, so it becomes an empty string.",
            "An empty value changes what runs (an image tag, a port) without any error at load time.",
            "services:\n  web:\n    image: nginx:${TAG}\n",
            "services:\n  web:\n    image: nginx:${TAG:-1.27}\n",
            "Set it in the environment or a `.env` file given to the analysis, or give it a default with `${NAME:-default}`.",
            "Reported once per file, at its first use, with the number of uses.",
        ),
        ProblemKind::InvalidEnvFile => doc(
            "A `.env` file cannot be read: an unterminated quote, an unexpected character in a name, an invalid reference.",
            "Compose refuses it, and the variables it would set stay unset.",
            "",
            "",
            "Fix the line given; the value itself is never repeated in the message.",
            "Its examples are `.env` files, so they are not run as compose files.",
        ),
        ProblemKind::UnknownService => doc(
            "A service names a service that does not exist: in depends_on, links, volumes_from, extends, or `service:x` in network_mode, ipc or pid.",
            "Compose refuses the project.",
            "services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n",
            "services:\n  web:\n    image: nginx:1.27\n    depends_on: [api]\n  api:\n    image: acme/api:1.0.0\n",
            "Define the service, or correct its name.",
            NONE,
        ),
        ProblemKind::DisabledDependency => doc(
            "An enabled service depends on a service the active profiles disable.",
            "Compose refuses to start it (the dependency is not enabled); dependencies do not enable profiles.",
            "services:\n  web:\n    image: nginx:1.27\n    depends_on: [debug]\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n",
            "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      debug:\n        condition: service_started\n        required: false\n  debug:\n    image: busybox:1.36\n    profiles: [debug]\n",
            "Activate the profile, or mark the dependency `required: false`.",
            NONE,
        ),
        ProblemKind::UndefinedResource => doc(
            "A service uses a named volume, network, secret or config that the top level does not declare.",
            "Compose refuses the project.",
            "services:\n  db:\n    image: postgres:16\n    volumes: [\"data:/var/lib/postgresql/data\"]\n",
            "services:\n  db:\n    image: postgres:16\n    volumes: [\"data:/var/lib/postgresql/data\"]\nvolumes:\n  data:\n",
            "Declare it at the top level, or use a path (`./data`) for a bind mount.",
            NONE,
        ),
        ProblemKind::DependencyCycle => doc(
            "Services depend on each other in a cycle: through depends_on, links, volumes_from, or `service:x` in network_mode, ipc or pid.",
            "Compose starts a service after every service it depends on, and counts each of these keys as a dependency; in a cycle no start order exists, so Compose refuses the project.",
            "services:\n  a:\n    image: acme/a:1\n    depends_on: [b]\n  b:\n    image: acme/b:1\n    volumes_from: [a]\n",
            "services:\n  a:\n    image: acme/a:1\n    depends_on: [b]\n  b:\n    image: acme/b:1\n",
            "Remove one dependency of the cycle (the message names each, with its key); a service that only calls another does not need to depend on it.",
            "Each cycle is reported once, at the dependency that closes it; services the active profiles disable are not part of the graph.",
        ),
        ProblemKind::PortConflict => doc(
            "Two services publish the same host port and protocol on overlapping addresses.",
            "The second one cannot start: the port is already allocated.",
            "services:\n  a:\n    image: acme/a:1\n    ports: [\"8080:80\"]\n  b:\n    image: acme/b:1\n    ports: [\"8080:81\"]\n",
            "services:\n  a:\n    image: acme/a:1\n    ports: [\"8080:80\"]\n  b:\n    image: acme/b:1\n    ports: [\"8081:81\"]\n",
            "Publish one of them on another host port, or on another address.",
            "Port ranges are not compared.",
        ),
        ProblemKind::MissingFile => doc(
            "A file the project includes or extends from was not given to the analysis.",
            "What it defines cannot be checked.",
            "include: [other.yaml]\nservices:\n  web:\n    image: nginx:1.27\n",
            "services:\n  web:\n    image: nginx:1.27\n",
            "Analyze it together with this file.",
            "Remote includes (git, OCI) are never fetched.",
        ),
        ProblemKind::EnvFileNotGiven => doc(
            "A service reads an `env_file` that was not given to the analysis.",
            "Its variables cannot be checked; on the platform they become parameters of the service, not a file on a laptop.",
            "services:\n  web:\n    image: nginx:1.27\n    env_file: [web.env]\n",
            "services:\n  web:\n    image: nginx:1.27\n    environment:\n      LOG_LEVEL: ${LOG_LEVEL:-info}\n",
            "Give the file to the analysis, or move its variables into `environment` as parameters.",
            "Files that are given are matched by their path.",
        ),
        ProblemKind::PartialService => doc(
            "A service that only an override file writes has no image in the files given.",
            "The file that gives it its image was probably not given; on its own the project would not run.",
            "",
            "",
            "Analyze the override together with the file that defines the service.",
            "It needs two files, so its examples are not run as single files.",
        ),
        ProblemKind::IncludeCycle => doc(
            "Files include or extend each other in a cycle.",
            "Compose refuses the project.",
            "services:\n  a:\n    extends: b\n    image: acme/a:1\n  b:\n    extends: a\n    image: acme/b:1\n",
            "services:\n  a:\n    extends: b\n  b:\n    image: acme/b:1\n",
            "Break the cycle.",
            NONE,
        ),
        ProblemKind::IncludeConflict => doc(
            "The local file defines a service, volume, network, secret or config that an included file defines too.",
            "Compose versions differ: older ones refuse it, current ones merge the local definition over the included one.",
            "",
            "",
            "Rename one of them, or say in a comment that the override is meant.",
            "It needs two files, so its examples are not run as single files.",
        ),
        ProblemKind::EmptyProject => doc(
            "The project defines no services.",
            "There is nothing to run or to onboard.",
            "name: empty\n",
            "services:\n  web:\n    image: nginx:1.27\n",
            "Add a `services:` section.",
            NONE,
        ),
    }
}
