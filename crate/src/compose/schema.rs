//! The structure of a Compose file as the Compose Specification describes it, written as
//! static tables of shapes, and one validator that walks a document against them and
//! reports every place that does not fit, each at its own node.

use std::collections::HashMap;

use crate::yaml::{Entry, Node, Resolved, Scalar, Span, Tag, Value};

/// A place where the document does not fit the Compose Specification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// Where it stands, as `services.web.ports[0].target`; an unknown key's path ends in
    /// that key.
    pub path: String,
    pub message: String,
    pub span: Span,
}

/// Checks one document (after interpolation, before merging); every error, each at its node.
///
/// Unknown keys are reported at the key, wrong types and values at the value, a missing
/// required key at the key that holds the object (or the object itself in a sequence).
/// A value tagged `!reset` is never checked. Interpolated text is accepted wherever Compose
/// would cast it to the type the path expects.
pub fn validate(root: &Node) -> Vec<SchemaError> {
    let mut validator = Validator::default();

    validator.check(root, &Shape::Object(&COMPOSE_FILE), &Path::Root, None);

    validator.errors
}

// The shapes

/// What a value at one path may be.
#[derive(Debug)]
enum Shape {
    /// Anything at all: extension values, `storage_opt` values.
    Any,
    Null,
    Str,
    /// `true`/`false`, or text Compose casts to a boolean.
    Bool,
    /// An integer, or text Compose casts to one.
    Int,
    /// Any number, or text Compose casts to one.
    Number,
    /// An integer within bounds, both included.
    Range(i64, i64),
    /// Text such as `1m30s`; units ns, us, ms, s, m, h, d, w.
    Duration,
    Bytes(BytesForm),
    /// Text that is one of these words.
    Enum(&'static [&'static str]),
    /// Text that follows a rule the words cannot list.
    Text(&'static TextRule),
    Object(&'static Object),
    List(&'static Shape),
    /// A sequence whose items must all differ.
    Set(&'static Shape),
    /// A mapping with keys of the user's choosing.
    Map(&'static Shape),
    /// A mapping whose keys name resources: letters, digits, `.`, `_`, `-`.
    Names(&'static Shape),
    OneOf(&'static [Shape]),
}

/// How a byte size may be written where one is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BytesForm {
    /// An integer (`-1` for unlimited) or text such as `512m`.
    IntOrText,
    /// A non-negative integer or text.
    NonNegative,
    /// Only text.
    TextOnly,
}

#[derive(Debug)]
struct TextRule {
    fits: fn(&str) -> bool,
    /// What the text must be, after "must be".
    expected: &'static str,
}

/// A mapping with known keys.
#[derive(Debug)]
struct Object {
    fields: &'static [(&'static str, Shape)],
    required: &'static [&'static str],
    /// Whether `x-` keys are allowed.
    extensions: bool,
}

impl Object {
    fn field(&self, key: &str) -> Option<&'static Shape> {
        self.fields
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, shape)| shape)
    }
}

const STRINGS: Shape = Shape::List(&Shape::Str);
const STRING_SET: Shape = Shape::Set(&Shape::Str);
const STRING_OR_SET: Shape = Shape::OneOf(&[Shape::Str, STRING_SET]);
const COMMAND: Shape = Shape::OneOf(&[Shape::Null, Shape::Str, STRINGS]);
const LIST_OR_DICT: Shape = Shape::OneOf(&[
    Shape::Map(&Shape::OneOf(&[
        Shape::Str,
        Shape::Number,
        Shape::Bool,
        Shape::Null,
    ])),
    STRING_SET,
]);
const EXTRA_HOSTS: Shape = Shape::OneOf(&[
    Shape::Map(&Shape::OneOf(&[Shape::Str, STRINGS])),
    STRING_SET,
]);
const DRIVER_OPTS: Shape = Shape::Map(&Shape::OneOf(&[Shape::Str, Shape::Number]));
const FILE_MODE: Shape = Shape::OneOf(&[Shape::Number, Shape::Str]);
const EXTERNAL: Shape = Shape::OneOf(&[Shape::Bool, Shape::Object(&EXTERNAL_OBJECT)]);
const FILE_REFS: Shape = Shape::List(&Shape::OneOf(&[Shape::Str, Shape::Object(&FILE_REF)]));
const ULIMITS: Shape = Shape::Map(&Shape::OneOf(&[Shape::Int, Shape::Object(&ULIMIT)]));
const DEVICE_COUNT: Shape = Shape::OneOf(&[Shape::Enum(&["all"]), Shape::Int]);
const SCALAR_OPTION: Shape = Shape::OneOf(&[Shape::Str, Shape::Number, Shape::Bool]);

static COMPOSE_FILE: Object = Object {
    fields: &[
        ("version", Shape::Str),
        ("name", Shape::Str),
        (
            "include",
            Shape::List(&Shape::OneOf(&[Shape::Str, Shape::Object(&INCLUDE)])),
        ),
        ("services", Shape::Names(&Shape::Object(&SERVICE))),
        (
            "networks",
            Shape::Names(&Shape::OneOf(&[Shape::Null, Shape::Object(&NETWORK)])),
        ),
        (
            "volumes",
            Shape::Names(&Shape::OneOf(&[Shape::Null, Shape::Object(&VOLUME)])),
        ),
        ("secrets", Shape::Names(&Shape::Object(&SECRET))),
        ("configs", Shape::Names(&Shape::Object(&CONFIG))),
        ("models", Shape::Names(&Shape::Object(&MODEL))),
    ],
    required: &[],
    extensions: true,
};

static INCLUDE: Object = Object {
    fields: &[
        ("path", STRING_OR_SET),
        ("env_file", STRING_OR_SET),
        ("project_directory", Shape::Str),
    ],
    required: &[],
    extensions: false,
};

static SERVICE: Object = Object {
    fields: &[
        ("annotations", LIST_OR_DICT),
        ("attach", Shape::Bool),
        ("blkio_config", Shape::Object(&BLKIO_CONFIG)),
        ("build", Shape::OneOf(&[Shape::Str, Shape::Object(&BUILD)])),
        ("cap_add", STRING_SET),
        ("cap_drop", STRING_SET),
        ("cgroup", Shape::Enum(&["host", "private"])),
        ("cgroup_parent", Shape::Str),
        ("command", COMMAND),
        ("configs", FILE_REFS),
        ("container_name", Shape::Text(&CONTAINER_NAME)),
        ("cpu_count", Shape::Range(0, i64::MAX)),
        ("cpu_percent", Shape::Range(0, 100)),
        ("cpu_period", Shape::Int),
        ("cpu_quota", Shape::Int),
        ("cpu_rt_period", Shape::Int),
        ("cpu_rt_runtime", Shape::Int),
        ("cpu_shares", Shape::Int),
        ("cpus", Shape::Number),
        ("cpuset", Shape::Str),
        ("credential_spec", Shape::Object(&CREDENTIAL_SPEC)),
        (
            "depends_on",
            Shape::OneOf(&[STRING_SET, Shape::Names(&Shape::Object(&DEPENDENCY))]),
        ),
        (
            "deploy",
            Shape::OneOf(&[Shape::Null, Shape::Object(&DEPLOY)]),
        ),
        (
            "develop",
            Shape::OneOf(&[Shape::Null, Shape::Object(&DEVELOP)]),
        ),
        ("device_cgroup_rules", STRING_SET),
        (
            "devices",
            Shape::List(&Shape::OneOf(&[Shape::Str, Shape::Object(&DEVICE)])),
        ),
        ("dns", STRING_OR_SET),
        ("dns_opt", STRING_SET),
        ("dns_search", STRING_OR_SET),
        ("domainname", Shape::Str),
        ("entrypoint", COMMAND),
        (
            "env_file",
            Shape::OneOf(&[
                Shape::Str,
                Shape::List(&Shape::OneOf(&[Shape::Str, Shape::Object(&ENV_FILE)])),
            ]),
        ),
        ("environment", LIST_OR_DICT),
        (
            "expose",
            Shape::Set(&Shape::OneOf(&[Shape::Str, Shape::Number])),
        ),
        (
            "extends",
            Shape::OneOf(&[Shape::Str, Shape::Object(&EXTENDS)]),
        ),
        ("external_links", STRING_SET),
        ("extra_hosts", EXTRA_HOSTS),
        (
            "gpus",
            Shape::OneOf(&[Shape::Enum(&["all"]), Shape::List(&Shape::Object(&GPU))]),
        ),
        (
            "group_add",
            Shape::Set(&Shape::OneOf(&[Shape::Str, Shape::Number])),
        ),
        ("healthcheck", Shape::Object(&HEALTHCHECK)),
        ("hostname", Shape::Str),
        ("image", Shape::Str),
        ("init", Shape::Bool),
        ("ipc", Shape::Str),
        ("isolation", Shape::Str),
        ("label_file", Shape::OneOf(&[Shape::Str, STRINGS])),
        ("labels", LIST_OR_DICT),
        ("links", STRING_SET),
        ("logging", Shape::Object(&LOGGING)),
        ("mac_address", Shape::Str),
        ("mem_limit", Shape::Bytes(BytesForm::IntOrText)),
        ("mem_reservation", Shape::Bytes(BytesForm::IntOrText)),
        ("mem_swappiness", Shape::Range(0, 100)),
        ("memswap_limit", Shape::Bytes(BytesForm::IntOrText)),
        (
            "models",
            Shape::OneOf(&[
                STRING_SET,
                Shape::Names(&Shape::OneOf(&[Shape::Null, Shape::Object(&SERVICE_MODEL)])),
            ]),
        ),
        ("network_mode", Shape::Str),
        (
            "networks",
            Shape::OneOf(&[
                STRING_SET,
                Shape::Names(&Shape::OneOf(&[
                    Shape::Null,
                    Shape::Object(&SERVICE_NETWORK),
                ])),
            ]),
        ),
        ("oom_kill_disable", Shape::Bool),
        ("oom_score_adj", Shape::Range(-1000, 1000)),
        ("pid", Shape::OneOf(&[Shape::Null, Shape::Str])),
        ("pids_limit", Shape::Int),
        ("platform", Shape::Str),
        (
            "ports",
            Shape::Set(&Shape::OneOf(&[
                Shape::Number,
                Shape::Str,
                Shape::Object(&PORT),
            ])),
        ),
        ("post_start", Shape::List(&Shape::Object(&HOOK))),
        ("pre_start", Shape::List(&Shape::Object(&PRE_START_HOOK))),
        ("pre_stop", Shape::List(&Shape::Object(&HOOK))),
        ("privileged", Shape::Bool),
        ("profiles", STRING_SET),
        ("provider", Shape::Object(&PROVIDER)),
        ("pull_policy", Shape::Text(&PULL_POLICY)),
        ("pull_refresh_after", Shape::Str),
        ("read_only", Shape::Bool),
        ("restart", Shape::Text(&RESTART)),
        ("runtime", Shape::Str),
        ("scale", Shape::Range(0, i64::MAX)),
        ("secrets", FILE_REFS),
        ("security_opt", STRING_SET),
        ("shm_size", Shape::Bytes(BytesForm::IntOrText)),
        ("stdin_open", Shape::Bool),
        ("stop_grace_period", Shape::Duration),
        ("stop_signal", Shape::Str),
        ("storage_opt", Shape::Map(&Shape::Any)),
        ("sysctls", LIST_OR_DICT),
        ("tmpfs", STRING_OR_SET),
        ("tty", Shape::Bool),
        ("ulimits", ULIMITS),
        ("use_api_socket", Shape::Bool),
        ("user", Shape::Str),
        ("userns_mode", Shape::Str),
        ("uts", Shape::Str),
        (
            "volumes",
            Shape::Set(&Shape::OneOf(&[Shape::Str, Shape::Object(&SERVICE_VOLUME)])),
        ),
        ("volumes_from", STRING_SET),
        ("working_dir", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static BUILD: Object = Object {
    fields: &[
        ("additional_contexts", LIST_OR_DICT),
        ("args", LIST_OR_DICT),
        ("cache_from", STRINGS),
        ("cache_to", STRINGS),
        ("context", Shape::Str),
        ("dockerfile", Shape::Str),
        ("dockerfile_inline", Shape::Str),
        ("entitlements", STRINGS),
        ("extra_hosts", EXTRA_HOSTS),
        ("isolation", Shape::Str),
        ("labels", LIST_OR_DICT),
        ("network", Shape::Str),
        ("no_cache", Shape::Bool),
        ("no_cache_filter", STRING_OR_SET),
        ("platforms", STRINGS),
        ("privileged", Shape::Bool),
        ("provenance", Shape::OneOf(&[Shape::Str, Shape::Bool])),
        ("pull", Shape::Bool),
        ("sbom", Shape::OneOf(&[Shape::Str, Shape::Bool])),
        ("secrets", FILE_REFS),
        ("shm_size", Shape::Bytes(BytesForm::IntOrText)),
        ("ssh", LIST_OR_DICT),
        ("tags", STRINGS),
        ("target", Shape::Str),
        ("ulimits", ULIMITS),
    ],
    required: &[],
    extensions: true,
};

static BLKIO_CONFIG: Object = Object {
    fields: &[
        ("device_read_bps", Shape::List(&Shape::Object(&BLKIO_LIMIT))),
        (
            "device_read_iops",
            Shape::List(&Shape::Object(&BLKIO_LIMIT)),
        ),
        (
            "device_write_bps",
            Shape::List(&Shape::Object(&BLKIO_LIMIT)),
        ),
        (
            "device_write_iops",
            Shape::List(&Shape::Object(&BLKIO_LIMIT)),
        ),
        ("weight", Shape::Int),
        ("weight_device", Shape::List(&Shape::Object(&BLKIO_WEIGHT))),
    ],
    required: &[],
    extensions: false,
};

static BLKIO_LIMIT: Object = Object {
    fields: &[
        ("path", Shape::Str),
        ("rate", Shape::Bytes(BytesForm::IntOrText)),
    ],
    required: &[],
    extensions: false,
};

static BLKIO_WEIGHT: Object = Object {
    fields: &[("path", Shape::Str), ("weight", Shape::Int)],
    required: &[],
    extensions: false,
};

static CREDENTIAL_SPEC: Object = Object {
    fields: &[
        ("config", Shape::Str),
        ("file", Shape::Str),
        ("registry", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static DEPENDENCY: Object = Object {
    fields: &[
        (
            "condition",
            Shape::Enum(&[
                "service_started",
                "service_healthy",
                "service_completed_successfully",
            ]),
        ),
        ("required", Shape::Bool),
        ("restart", Shape::Bool),
    ],
    required: &["condition"],
    extensions: true,
};

static DEVICE: Object = Object {
    fields: &[
        ("permissions", Shape::Str),
        ("source", Shape::Str),
        ("target", Shape::Str),
    ],
    required: &["source"],
    extensions: true,
};

static ENV_FILE: Object = Object {
    fields: &[
        ("format", Shape::Str),
        ("path", Shape::Str),
        ("required", Shape::Bool),
    ],
    required: &["path"],
    extensions: false,
};

static EXTENDS: Object = Object {
    fields: &[("file", Shape::Str), ("service", Shape::Str)],
    required: &["service"],
    extensions: false,
};

static GPU: Object = Object {
    fields: &[
        ("capabilities", STRING_SET),
        ("count", DEVICE_COUNT),
        ("device_ids", STRING_SET),
        ("driver", Shape::Str),
        ("options", LIST_OR_DICT),
    ],
    required: &[],
    extensions: true,
};

static HEALTHCHECK: Object = Object {
    fields: &[
        ("disable", Shape::Bool),
        ("interval", Shape::Duration),
        ("retries", Shape::Int),
        ("start_interval", Shape::Duration),
        ("start_period", Shape::Duration),
        ("test", Shape::OneOf(&[Shape::Str, STRINGS])),
        ("timeout", Shape::Duration),
    ],
    required: &[],
    extensions: true,
};

static LOGGING: Object = Object {
    fields: &[
        ("driver", Shape::Str),
        (
            "options",
            Shape::Map(&Shape::OneOf(&[Shape::Str, Shape::Number, Shape::Null])),
        ),
    ],
    required: &[],
    extensions: true,
};

static SERVICE_MODEL: Object = Object {
    fields: &[("endpoint_var", Shape::Str), ("model_var", Shape::Str)],
    required: &[],
    extensions: true,
};

static SERVICE_NETWORK: Object = Object {
    fields: &[
        ("aliases", STRING_SET),
        ("driver_opts", DRIVER_OPTS),
        ("gw_priority", Shape::Number),
        ("interface_name", Shape::Str),
        ("ipv4_address", Shape::Str),
        ("ipv6_address", Shape::Str),
        ("link_local_ips", STRING_SET),
        ("mac_address", Shape::Str),
        ("priority", Shape::Number),
    ],
    required: &[],
    extensions: true,
};

static PORT: Object = Object {
    fields: &[
        ("app_protocol", Shape::Str),
        ("host_ip", Shape::Str),
        ("mode", Shape::Str),
        ("name", Shape::Str),
        ("protocol", Shape::Str),
        ("published", Shape::OneOf(&[Shape::Str, Shape::Int])),
        ("target", Shape::Int),
    ],
    required: &[],
    extensions: true,
};

static HOOK: Object = Object {
    fields: &[
        ("command", COMMAND),
        ("environment", LIST_OR_DICT),
        ("privileged", Shape::Bool),
        ("user", Shape::Str),
        ("working_dir", Shape::Str),
    ],
    required: &["command"],
    extensions: true,
};

static PRE_START_HOOK: Object = Object {
    fields: &[
        ("command", COMMAND),
        ("environment", LIST_OR_DICT),
        ("image", Shape::Str),
        ("per_replica", Shape::Bool),
        ("privileged", Shape::Bool),
        ("user", Shape::Str),
        ("working_dir", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static PROVIDER: Object = Object {
    fields: &[
        (
            "options",
            Shape::Map(&Shape::OneOf(&[SCALAR_OPTION, Shape::List(&SCALAR_OPTION)])),
        ),
        ("type", Shape::Str),
    ],
    required: &["type"],
    extensions: true,
};

/// A secret or config as a service mounts it.
static FILE_REF: Object = Object {
    fields: &[
        ("gid", Shape::Str),
        ("mode", FILE_MODE),
        ("source", Shape::Str),
        ("target", Shape::Str),
        ("uid", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static ULIMIT: Object = Object {
    fields: &[("hard", Shape::Int), ("soft", Shape::Int)],
    required: &["soft", "hard"],
    extensions: true,
};

static SERVICE_VOLUME: Object = Object {
    fields: &[
        ("bind", Shape::Object(&BIND)),
        ("consistency", Shape::Str),
        ("image", Shape::Object(&IMAGE_MOUNT)),
        ("read_only", Shape::Bool),
        ("source", Shape::Str),
        ("target", Shape::Str),
        ("tmpfs", Shape::Object(&TMPFS)),
        (
            "type",
            Shape::Enum(&["bind", "volume", "tmpfs", "cluster", "npipe", "image"]),
        ),
        ("volume", Shape::Object(&VOLUME_MOUNT)),
    ],
    required: &["type"],
    extensions: true,
};

static BIND: Object = Object {
    fields: &[
        ("create_host_path", Shape::Bool),
        (
            "propagation",
            Shape::Enum(&[
                "rprivate", "private", "rshared", "shared", "rslave", "slave",
            ]),
        ),
        (
            "recursive",
            Shape::Enum(&["enabled", "disabled", "writable", "readonly"]),
        ),
        ("selinux", Shape::Enum(&["z", "Z"])),
    ],
    required: &[],
    extensions: true,
};

static VOLUME_MOUNT: Object = Object {
    fields: &[
        ("labels", LIST_OR_DICT),
        ("nocopy", Shape::Bool),
        ("subpath", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static TMPFS: Object = Object {
    fields: &[
        ("mode", FILE_MODE),
        ("size", Shape::Bytes(BytesForm::NonNegative)),
    ],
    required: &[],
    extensions: true,
};

static IMAGE_MOUNT: Object = Object {
    fields: &[("subpath", Shape::Str)],
    required: &[],
    extensions: true,
};

static DEVELOP: Object = Object {
    fields: &[("watch", Shape::List(&Shape::Object(&WATCH)))],
    required: &[],
    extensions: true,
};

static WATCH: Object = Object {
    fields: &[
        (
            "action",
            Shape::Enum(&["rebuild", "sync", "restart", "sync+restart", "sync+exec"]),
        ),
        ("exec", Shape::Object(&HOOK)),
        ("ignore", STRING_OR_SET),
        ("include", STRING_OR_SET),
        ("initial_sync", Shape::Bool),
        ("path", Shape::Str),
        ("target", Shape::Str),
    ],
    required: &["path", "action"],
    extensions: true,
};

static DEPLOY: Object = Object {
    fields: &[
        ("endpoint_mode", Shape::Str),
        ("labels", LIST_OR_DICT),
        ("mode", Shape::Str),
        ("placement", Shape::Object(&PLACEMENT)),
        ("replicas", Shape::Int),
        ("resources", Shape::Object(&RESOURCES)),
        ("restart_policy", Shape::Object(&RESTART_POLICY)),
        ("rollback_config", Shape::Object(&UPDATE_CONFIG)),
        ("update_config", Shape::Object(&UPDATE_CONFIG)),
    ],
    required: &[],
    extensions: true,
};

/// `update_config` and `rollback_config` alike.
static UPDATE_CONFIG: Object = Object {
    fields: &[
        ("delay", Shape::Duration),
        ("failure_action", Shape::Str),
        ("max_failure_ratio", Shape::Number),
        ("monitor", Shape::Duration),
        ("order", Shape::Enum(&["start-first", "stop-first"])),
        ("parallelism", Shape::Int),
    ],
    required: &[],
    extensions: true,
};

static RESOURCES: Object = Object {
    fields: &[
        ("limits", Shape::Object(&LIMITS)),
        ("reservations", Shape::Object(&RESERVATIONS)),
    ],
    required: &[],
    extensions: true,
};

static LIMITS: Object = Object {
    fields: &[
        ("cpus", Shape::Number),
        ("memory", Shape::Bytes(BytesForm::TextOnly)),
        ("pids", Shape::Int),
    ],
    required: &[],
    extensions: true,
};

static RESERVATIONS: Object = Object {
    fields: &[
        ("cpus", Shape::Number),
        ("devices", Shape::List(&Shape::Object(&DEPLOY_DEVICE))),
        (
            "generic_resources",
            Shape::List(&Shape::Object(&GENERIC_RESOURCE)),
        ),
        ("memory", Shape::Bytes(BytesForm::TextOnly)),
    ],
    required: &[],
    extensions: true,
};

static DEPLOY_DEVICE: Object = Object {
    fields: &[
        ("capabilities", STRING_SET),
        ("count", DEVICE_COUNT),
        ("device_ids", STRING_SET),
        ("driver", Shape::Str),
        ("options", LIST_OR_DICT),
    ],
    required: &["capabilities"],
    extensions: true,
};

static GENERIC_RESOURCE: Object = Object {
    fields: &[("discrete_resource_spec", Shape::Object(&DISCRETE_RESOURCE))],
    required: &[],
    extensions: true,
};

static DISCRETE_RESOURCE: Object = Object {
    fields: &[("kind", Shape::Str), ("value", Shape::Number)],
    required: &[],
    extensions: true,
};

static RESTART_POLICY: Object = Object {
    fields: &[
        ("condition", Shape::Str),
        ("delay", Shape::Duration),
        ("max_attempts", Shape::Int),
        ("window", Shape::Duration),
    ],
    required: &[],
    extensions: true,
};

static PLACEMENT: Object = Object {
    fields: &[
        ("constraints", STRINGS),
        ("max_replicas_per_node", Shape::Int),
        ("preferences", Shape::List(&Shape::Object(&PREFERENCE))),
    ],
    required: &[],
    extensions: true,
};

static PREFERENCE: Object = Object {
    fields: &[("spread", Shape::Str)],
    required: &[],
    extensions: true,
};

static NETWORK: Object = Object {
    fields: &[
        ("attachable", Shape::Bool),
        ("driver", Shape::Str),
        ("driver_opts", DRIVER_OPTS),
        ("enable_ipv4", Shape::Bool),
        ("enable_ipv6", Shape::Bool),
        ("external", EXTERNAL),
        ("internal", Shape::Bool),
        ("ipam", Shape::Object(&IPAM)),
        ("labels", LIST_OR_DICT),
        ("name", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static IPAM: Object = Object {
    fields: &[
        ("config", Shape::List(&Shape::Object(&IPAM_POOL))),
        ("driver", Shape::Str),
        ("options", Shape::Map(&Shape::Str)),
    ],
    required: &[],
    extensions: true,
};

static IPAM_POOL: Object = Object {
    fields: &[
        ("aux_addresses", Shape::Map(&Shape::Str)),
        ("gateway", Shape::Str),
        ("ip_range", Shape::Str),
        ("subnet", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

/// `external: {name: ...}`, the old way to name an external resource.
static EXTERNAL_OBJECT: Object = Object {
    fields: &[("name", Shape::Str)],
    required: &[],
    extensions: true,
};

static VOLUME: Object = Object {
    fields: &[
        ("driver", Shape::Str),
        ("driver_opts", DRIVER_OPTS),
        ("external", EXTERNAL),
        ("labels", LIST_OR_DICT),
        ("name", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static SECRET: Object = Object {
    fields: &[
        ("driver", Shape::Str),
        ("driver_opts", DRIVER_OPTS),
        ("environment", Shape::Str),
        ("external", EXTERNAL),
        ("file", Shape::Str),
        ("labels", LIST_OR_DICT),
        ("name", Shape::Str),
        ("template_driver", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static CONFIG: Object = Object {
    fields: &[
        ("content", Shape::Str),
        ("environment", Shape::Str),
        ("external", EXTERNAL),
        ("file", Shape::Str),
        ("labels", LIST_OR_DICT),
        ("name", Shape::Str),
        ("template_driver", Shape::Str),
    ],
    required: &[],
    extensions: true,
};

static MODEL: Object = Object {
    fields: &[
        ("context_size", Shape::Int),
        ("model", Shape::Str),
        ("name", Shape::Str),
        ("runtime_flags", STRINGS),
    ],
    required: &["model"],
    extensions: true,
};

static CONTAINER_NAME: TextRule = TextRule {
    fits: is_container_name,
    expected: "a container name: a letter or digit, then letters, digits, '_', '.' or '-'",
};

static PULL_POLICY: TextRule = TextRule {
    fits: is_pull_policy,
    expected: "one of always, never, missing, build, if_not_present, refresh, daily, weekly \
               or every_<duration> (such as every_12h)",
};

static RESTART: TextRule = TextRule {
    fits: is_restart_policy,
    expected: "one of no, always, on-failure, on-failure:<max-retries>, unless-stopped",
};

// The validator

#[derive(Debug, Default)]
struct Validator {
    errors: Vec<SchemaError>,
}

/// How a scalar fits a shape.
enum Fit {
    Yes,
    /// Not the kind of value the shape wants.
    No,
    /// The right kind, a wrong value; the text follows the path.
    Bad(String),
}

impl Validator {
    /// Checks `node` against `shape`; `key` is the span of the key that holds it, if any.
    /// Recursion follows the shapes, which are a few levels deep, never the document alone.
    fn check(&mut self, node: &Node, shape: &Shape, path: &Path<'_>, key: Option<Span>) {
        if node.tag == Some(Tag::Reset) || matches!(shape, Shape::Any) {
            return;
        }

        match &node.value {
            Value::Map(entries) => match mapping_shape(shape) {
                Some(Shape::Object(object)) => self.check_object(node, entries, object, path, key),
                Some(Shape::Map(values)) => self.check_map(entries, values, path, false),
                Some(Shape::Names(values)) => self.check_map(entries, values, path, true),
                _ => self.mismatch(node, shape, path),
            },
            Value::Seq(items) => match sequence_shape(shape) {
                Some(Shape::List(item)) => self.check_items(items, item, path, false),
                Some(Shape::Set(item)) => self.check_items(items, item, path, true),
                _ => self.mismatch(node, shape, path),
            },
            Value::Scalar(scalar) => match fit(scalar, shape) {
                Fit::Yes => {}
                Fit::No => self.mismatch(node, shape, path),
                Fit::Bad(message) => {
                    self.push(path, format!("{} {message}", path.shown()), node.span)
                }
            },
        }
    }

    fn check_object(
        &mut self,
        node: &Node,
        entries: &[Entry],
        object: &Object,
        path: &Path<'_>,
        key: Option<Span>,
    ) {
        for entry in entries {
            if entry.value.tag == Some(Tag::Reset) {
                continue;
            }
            let name = key_text(entry);
            let at = path.key(name);

            if let Some(shape) = object.field(name) {
                self.check(&entry.value, shape, &at, Some(entry.key.span));
            } else if !(object.extensions && name.starts_with("x-")) {
                let hint = suggestion(name, object.fields.iter().map(|(field, _)| *field));
                let message = if path.is_root() {
                    format!("additional property '{name}' is not allowed at the top level")
                } else {
                    format!("{path}: additional property '{name}' is not allowed")
                };
                self.push(&at, with_hint(message, hint), entry.key.span);
            }
        }

        let span = key.unwrap_or(node.span);
        for required in object.required {
            if !entries.iter().any(|entry| key_text(entry) == *required) {
                let message = format!(
                    "{}: required property '{required}' is missing",
                    path.shown()
                );
                self.push(path, message, span);
            }
        }
    }

    fn check_map(&mut self, entries: &[Entry], values: &Shape, path: &Path<'_>, names: bool) {
        for entry in entries {
            if entry.value.tag == Some(Tag::Reset) {
                continue;
            }
            let name = key_text(entry);
            let at = path.key(name);

            if names && !is_name(name) {
                let message = format!(
                    "{}: '{name}' is not a valid name (use letters, digits, '.', '_' and '-')",
                    path.shown()
                );
                self.push(&at, message, entry.key.span);
            }
            self.check(&entry.value, values, &at, Some(entry.key.span));
        }
    }

    fn check_items(&mut self, items: &[Node], item: &Shape, path: &Path<'_>, unique: bool) {
        let mut seen: HashMap<String, usize> = HashMap::new();

        for (index, node) in items.iter().enumerate() {
            if node.tag == Some(Tag::Reset) {
                continue;
            }
            let at = path.index(index);
            self.check(node, item, &at, None);

            if unique {
                let mut canonical = String::new();
                write_canonical(node, &mut canonical);
                match seen.get(&canonical) {
                    Some(first) => {
                        let message = format!("{at} repeats {path}[{first}]: items must be unique");
                        self.push(&at, message, node.span);
                    }
                    None => {
                        seen.insert(canonical, index);
                    }
                }
            }
        }
    }

    fn mismatch(&mut self, node: &Node, shape: &Shape, path: &Path<'_>) {
        let message = format!("{} must be {}", path.shown(), describe(shape));
        self.push(path, message, node.span);
    }

    fn push(&mut self, path: &Path<'_>, message: String, span: Span) {
        self.errors.push(SchemaError {
            path: path.to_string(),
            message,
            span,
        });
    }
}

/// The shape that takes a mapping here: the first such alternative.
fn mapping_shape(shape: &Shape) -> Option<&Shape> {
    match shape {
        Shape::Object(_) | Shape::Map(_) | Shape::Names(_) => Some(shape),
        Shape::OneOf(alternatives) => alternatives.iter().find_map(mapping_shape),
        _ => None,
    }
}

/// The shape that takes a sequence here: the first such alternative.
fn sequence_shape(shape: &Shape) -> Option<&Shape> {
    match shape {
        Shape::List(_) | Shape::Set(_) => Some(shape),
        Shape::OneOf(alternatives) => alternatives.iter().find_map(sequence_shape),
        _ => None,
    }
}

fn fit(scalar: &Scalar, shape: &Shape) -> Fit {
    let text = scalar.text.as_str();
    let is_text = scalar.resolved == Resolved::Str;

    match shape {
        Shape::Any => Fit::Yes,
        Shape::Null => yes_if(scalar.resolved == Resolved::Null),
        Shape::Str => yes_if(is_text),
        Shape::Bool => {
            yes_if(matches!(scalar.resolved, Resolved::Bool(_)) || is_text && is_bool_text(text))
        }
        Shape::Int => yes_if(integer(scalar).is_some()),
        Shape::Number => yes_if(match scalar.resolved {
            Resolved::Int(_) | Resolved::Float(_) => true,
            Resolved::Str => is_number_text(text),
            _ => false,
        }),
        Shape::Range(min, max) => match integer(scalar) {
            None => Fit::No,
            Some(value) if value < *min || value > *max => Fit::Bad(range_message(*min, *max)),
            Some(_) => Fit::Yes,
        },
        Shape::Duration if is_text => {
            good_if(is_duration(text), || format!("must be {}", describe(shape)))
        }
        Shape::Bytes(form) => bytes_fit(scalar, *form, shape),
        Shape::Enum(words) if is_text => good_if(words.contains(&text), || {
            let hint = suggestion(text, words.iter().copied());
            with_hint(format!("must be {}", describe(shape)), hint)
        }),
        Shape::Text(rule) if is_text => {
            good_if((rule.fits)(text), || format!("must be {}", rule.expected))
        }
        Shape::OneOf(alternatives) => {
            let mut bad = None;
            for alternative in *alternatives {
                match fit(scalar, alternative) {
                    Fit::Yes => return Fit::Yes,
                    // among other shapes, a word that is not a choice is the wrong kind
                    Fit::Bad(_) if matches!(alternative, Shape::Enum(_)) => {}
                    Fit::Bad(message) => {
                        bad.get_or_insert(message);
                    }
                    Fit::No => {}
                }
            }
            bad.map_or(Fit::No, Fit::Bad)
        }
        _ => Fit::No,
    }
}

fn bytes_fit(scalar: &Scalar, form: BytesForm, shape: &Shape) -> Fit {
    match scalar.resolved {
        Resolved::Int(value) if form == BytesForm::NonNegative && value < 0 => {
            Fit::Bad("must be at least 0".to_string())
        }
        Resolved::Int(_) => yes_if(form != BytesForm::TextOnly),
        Resolved::Str => good_if(is_byte_size(&scalar.text), || {
            format!("must be {}", describe(shape))
        }),
        _ => Fit::No,
    }
}

fn yes_if(fits: bool) -> Fit {
    if fits { Fit::Yes } else { Fit::No }
}

fn good_if(fits: bool, message: impl FnOnce() -> String) -> Fit {
    if fits { Fit::Yes } else { Fit::Bad(message()) }
}

fn range_message(min: i64, max: i64) -> String {
    if max == i64::MAX {
        format!("must be at least {min}")
    } else {
        format!("must be between {min} and {max}")
    }
}

/// What a shape wants, after "must be".
fn describe(shape: &Shape) -> String {
    match shape {
        Shape::Any => "anything".to_string(),
        Shape::Null => "null".to_string(),
        Shape::Str | Shape::Text(_) => "a string".to_string(),
        Shape::Bool => "a boolean".to_string(),
        Shape::Int | Shape::Range(..) => "an integer".to_string(),
        Shape::Number => "a number".to_string(),
        Shape::Duration => "a duration such as 30s or 1m30s".to_string(),
        Shape::Bytes(BytesForm::TextOnly) => {
            "a string with a byte size such as 512m or 1g".to_string()
        }
        Shape::Bytes(_) => "a byte size such as 512m or 1g".to_string(),
        Shape::Enum([word]) => format!("'{word}'"),
        Shape::Enum(words) => format!("one of {}", words.join(", ")),
        Shape::Object(_) | Shape::Map(_) | Shape::Names(_) => "a mapping".to_string(),
        Shape::List(Shape::Str) | Shape::Set(Shape::Str) => "a sequence of strings".to_string(),
        Shape::List(_) | Shape::Set(_) => "a sequence".to_string(),
        Shape::OneOf(alternatives) => {
            let mut parts: Vec<String> = Vec::new();
            for part in alternatives.iter().map(describe) {
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
            join_or(&parts)
        }
    }
}

fn join_or(parts: &[String]) -> String {
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Where the validator is, as messages name it (`services.web.ports[0]`): built as a
/// chain on the stack and written out only for an error, so a valid document costs no
/// text at all.
#[derive(Debug, Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    fn is_root(&self) -> bool {
        matches!(self, Path::Root)
    }

    /// The path as a message shows it; the root has none.
    fn shown(&self) -> Shown<'_> {
        Shown(self)
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Key(Path::Root, key) => f.write_str(key),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

struct Shown<'a>(&'a Path<'a>);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.0.is_root() {
            f.write_str("the document")
        } else {
            self.0.fmt(f)
        }
    }
}

fn key_text(entry: &Entry) -> &str {
    entry
        .key
        .as_scalar()
        .map_or("", |scalar| scalar.text.as_str())
}

fn with_hint(message: String, hint: Option<&str>) -> String {
    match hint {
        Some(near) => format!("{message} (did you mean '{near}'?)"),
        None => message,
    }
}

/// The nearest candidate by edit distance, when it is near enough to be a likely typo.
fn suggestion<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // a long key is no typo of a short field; this also bounds the work
    if word.is_empty() || word.len() > 64 {
        return None;
    }
    let limit = (word.chars().count() / 3).max(1);

    candidates
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbouring characters each cost one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();

    for (i, &ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let at = |row: &[usize], k: usize| row.get(k).copied().unwrap_or(usize::MAX / 2);
            let substitution = at(&previous, j) + usize::from(ca != cb);
            let deletion = at(&previous, j + 1) + 1;
            let insertion = at(&current, j) + 1;
            let mut best = substitution.min(deletion).min(insertion);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
            if swapped {
                best = best.min(at(&before, j - 1) + 1);
            }
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = best;
            }
        }
        before = std::mem::replace(&mut previous, current);
    }

    previous.last().copied().unwrap_or(0)
}

/// A form of the node in which equal values (as JSON compares them) read the same.
/// Recursion is bounded by the YAML layer's nesting limit.
fn write_canonical(node: &Node, out: &mut String) {
    match &node.value {
        Value::Scalar(scalar) => match scalar.resolved {
            Resolved::Null => out.push('~'),
            Resolved::Bool(value) => out.push_str(if value { "T" } else { "F" }),
            Resolved::Int(value) => out.push_str(&format!("n{}:", value as f64)),
            Resolved::Float(value) => out.push_str(&format!("n{value}:")),
            Resolved::Str => {
                out.push_str(&format!("s{}:", scalar.text.len()));
                out.push_str(&scalar.text);
            }
        },
        Value::Seq(items) => {
            out.push('[');
            for item in items {
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Map(entries) => {
            let mut parts: Vec<String> = entries
                .iter()
                .map(|entry| {
                    let key = key_text(entry);
                    let mut part = format!("{}:{key}", key.len());
                    write_canonical(&entry.value, &mut part);
                    part
                })
                .collect();
            crate::sort::sort(&mut parts);
            out.push('{');
            for part in parts {
                out.push_str(&part);
            }
            out.push('}');
        }
    }
}

// Scalar text as Compose casts it

/// The integer a scalar holds: an integer, a float with no fraction, or text that Compose
/// casts to an integer.
fn integer(scalar: &Scalar) -> Option<i64> {
    match scalar.resolved {
        Resolved::Int(value) => Some(value),
        Resolved::Float(value) if value.fract() == 0.0 && value.abs() < 9.0e18 => {
            Some(value as i64)
        }
        Resolved::Str => integer_text(&scalar.text),
        _ => None,
    }
}

/// Decimal digits with an optional sign, as Go's `strconv.Atoi` reads them.
fn integer_text(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn is_number_text(text: &str) -> bool {
    let trimmed = text.trim();
    !trimmed.is_empty() && trimmed == text && text.parse::<f64>().is_ok()
}

/// The words compose-go's cast to a boolean takes (the YAML 1.1 ones with a warning).
fn is_bool_text(text: &str) -> bool {
    matches!(
        text.to_ascii_lowercase().as_str(),
        "true" | "false" | "y" | "yes" | "on" | "n" | "no" | "off"
    )
}

/// A Go duration with days and weeks: `0`, or numbers each followed by a unit, such as
/// `1h30m`, `1.5s`, `-10s`.
fn is_duration(text: &str) -> bool {
    super::normalize::parse_duration(text).is_some()
}

/// A size as Docker's `RAMInBytes` reads it: a number, an optional space, an optional
/// unit letter (k, m, g, t, p), an optional `i` and an optional `b`: `512m`, `1.5g`, `128mb`.
fn is_byte_size(text: &str) -> bool {
    if text == "-1" {
        return true;
    }
    let number_len = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(number_len);
    let number_ok = !number.is_empty()
        && !number.starts_with('.')
        && !number.ends_with('.')
        && !number.contains("..");
    if !number_ok {
        return false;
    }

    let unit = unit.strip_prefix(' ').unwrap_or(unit).to_ascii_lowercase();
    let unit = unit.strip_suffix('b').unwrap_or(&unit);
    let unit = unit.strip_suffix('i').unwrap_or(unit);
    matches!(unit, "" | "k" | "m" | "g" | "t" | "p")
}

/// Letters, digits, `.`, `_`, `-`: the names of services, networks, volumes and the rest.
fn is_name(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn is_container_name(text: &str) -> bool {
    let mut bytes = text.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphanumeric());
    first_ok
        && text.len() >= 2
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

fn is_pull_policy(text: &str) -> bool {
    match text {
        "always" | "never" | "build" | "if_not_present" | "missing" | "refresh" | "daily"
        | "weekly" => true,
        _ => text.strip_prefix("every_").is_some_and(is_pull_interval),
    }
}

/// One or more numbers each followed by one of w, d, h, m, s: `12h`, `1d12h`.
fn is_pull_interval(text: &str) -> bool {
    let mut digits = 0;
    let mut groups = 0;
    for byte in text.bytes() {
        match byte {
            b'0'..=b'9' => digits += 1,
            b'w' | b'd' | b'h' | b'm' | b's' if digits > 0 => {
                digits = 0;
                groups += 1;
            }
            _ => return false,
        }
    }
    groups > 0 && digits == 0
}

fn is_restart_policy(text: &str) -> bool {
    match text {
        "no" | "always" | "unless-stopped" | "on-failure" => true,
        _ => text
            .strip_prefix("on-failure:")
            .and_then(integer_text)
            .is_some_and(|retries| retries >= 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, parse};

    fn errors(text: &str) -> Vec<SchemaError> {
        let parsed = parse(text, 0, Limits::default());
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        validate(&parsed.documents.into_iter().next().unwrap().root)
    }

    fn messages(text: &str) -> Vec<String> {
        errors(text).into_iter().map(|e| e.message).collect()
    }

    #[test]
    fn durations_follow_go_with_days_and_weeks() {
        for good in [
            "10s", "1h30m", "1d", "500ms", "1.5h", "2w3d", "0", "-1s", "10us",
        ] {
            assert!(is_duration(good), "{good}");
        }
        for bad in ["", "10", "1x", "s", "1..5s", "1h 30m", "h1"] {
            assert!(!is_duration(bad), "{bad}");
        }
    }

    #[test]
    fn byte_sizes_follow_docker() {
        for good in [
            "128mb", "1g", "512m", "1.5g", "100", "1 GiB", "64k", "-1", "2TB",
        ] {
            assert!(is_byte_size(good), "{good}");
        }
        for bad in ["", "m", "1.5.g", "1gg", "one", "1 g b", ".5g", "1x"] {
            assert!(!is_byte_size(bad), "{bad}");
        }
    }

    #[test]
    fn pull_policies_and_restart_policies() {
        for good in ["always", "missing", "every_12h", "every_1d12h"] {
            assert!(is_pull_policy(good), "{good}");
        }
        for bad in ["sometimes", "every_", "every_12", "every_h"] {
            assert!(!is_pull_policy(bad), "{bad}");
        }
        for good in [
            "no",
            "always",
            "on-failure",
            "on-failure:3",
            "unless-stopped",
        ] {
            assert!(is_restart_policy(good), "{good}");
        }
        for bad in ["never", "on-failure:", "on-failure:x", "yes"] {
            assert!(!is_restart_policy(bad), "{bad}");
        }
    }

    #[test]
    fn edit_distance_counts_swaps_once() {
        assert_eq!(edit_distance("image", "imagee"), 1);
        assert_eq!(edit_distance("restart", "restrat"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ports", "ports"), 0);
    }

    #[test]
    fn the_messages_read_as_the_examples() {
        let found = messages(
            "services:\n  web:\n    imagee: nginx\n    ports:\n      - target: eighty\n    \
             depends_on:\n      db:\n        condition: started\n",
        );
        assert_eq!(
            found,
            [
                "services.web: additional property 'imagee' is not allowed (did you mean 'image'?)",
                "services.web.ports[0].target must be an integer",
                "services.web.depends_on.db.condition must be one of service_started, \
                 service_healthy, service_completed_successfully",
            ]
        );
    }

    #[test]
    fn the_root_must_be_a_mapping() {
        assert_eq!(messages("- a\n"), ["the document must be a mapping"]);
        assert_eq!(
            messages("servics: {}\n"),
            [
                "additional property 'servics' is not allowed at the top level (did you mean 'services'?)"
            ]
        );
    }

    #[test]
    fn odd_documents_are_reported_not_panicked_on() {
        for text in [
            "~",
            "42",
            "[]",
            "services: 3",
            "services: {web: ~}",
            "? [a]\n: b",
        ] {
            let parsed = parse(text, 0, Limits::default());
            for document in parsed.documents {
                let _ = validate(&document.root);
            }
        }

        let deep = format!(
            "services:\n  web:\n    cap_add: {}{}\n    x-deep: {}{}\n",
            "[".repeat(200),
            "]".repeat(200),
            "{a: ".repeat(200),
            "}".repeat(200)
        );
        let found = errors(&deep);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "services.web.cap_add[0] must be a string");

        let long_key = format!("services:\n  web:\n    {}: 1\n", "imagee".repeat(150));
        assert_eq!(errors(&long_key).len(), 1);
    }

    #[test]
    fn every_error_is_reported_across_services() {
        let found = messages(
            "services:\n  a:\n    image: 1\n  b:\n    tty: sometimes\n  c:\n    ports: {}\n",
        );
        assert_eq!(
            found,
            [
                "services.a.image must be a string",
                "services.b.tty must be a boolean",
                "services.c.ports must be a sequence",
            ]
        );
    }

    #[test]
    fn repeated_items_are_reported_at_the_repeat() {
        let found = errors("services:\n  web:\n    cap_add: [NET_ADMIN, SYS_TIME, NET_ADMIN]\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "services.web.cap_add[2]");
        assert_eq!(
            found[0].message,
            "services.web.cap_add[2] repeats services.web.cap_add[0]: items must be unique"
        );
    }
}
