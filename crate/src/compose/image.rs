//! Image references: split into registry, repository, tag and digest the way Docker
//! splits them, and checked against Docker's reference grammar, which Compose applies
//! before it pulls, builds or creates anything.

/// An image reference split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageName {
    /// The registry host, `docker.io` when none is named.
    pub registry: String,
    /// The path below the registry; Docker Hub's official images get `library/`.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

/// Why an image reference is not one Docker accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageError {
    /// What is wrong, as a clause: "the repository name must be lowercase".
    pub reason: String,
    /// The same reference made valid, where only letter case was wrong.
    pub suggestion: Option<String>,
}

/// The longest repository name Docker accepts, registry included.
const MAX_NAME: usize = 255;

/// The longest tag.
const MAX_TAG: usize = 128;

/// Splits `[host[:port]/]path[:tag][@digest]` the way Docker does: the first component
/// is a host only if it has a `.` or a `:`, is `localhost`, or has an uppercase letter.
pub fn parse_image(reference: &str) -> ImageName {
    let reference = reference.trim();
    let (name, digest) = match reference.split_once('@') {
        Some((name, digest)) => (name, Some(digest.to_string())),
        None => (reference, None),
    };

    // a tag is after the last ':' that comes after the last '/'
    let slash = name.rfind('/').map_or(0, |at| at + 1);
    let (path, tag) = match name.get(slash..).and_then(|last| last.rfind(':')) {
        Some(colon) => {
            let at = slash + colon;
            (
                name.get(..at).unwrap_or(name),
                name.get(at + 1..).map(str::to_string),
            )
        }
        None => (name, None),
    };

    let (registry, repository) = match split_host(path) {
        (Some(host), rest) => (host.to_string(), rest.to_string()),
        (None, rest) => ("docker.io".to_string(), rest.to_string()),
    };
    let registry = match registry.as_str() {
        "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => {
            "docker.io".to_string()
        }
        _ => registry,
    };
    let repository = if registry == "docker.io" && !repository.contains('/') {
        format!("library/{repository}")
    } else {
        repository
    };

    ImageName {
        registry,
        repository,
        tag: tag.filter(|t| !t.is_empty()),
        digest,
    }
}

/// The registry host named before the first `/`, if the first component is one, and the
/// rest of the name.
fn split_host(name: &str) -> (Option<&str>, &str) {
    match name.split_once('/') {
        Some((first, rest))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (Some(first), rest)
        }
        _ => (None, name),
    }
}

/// Checks a reference against Docker's grammar: a registry host (any case, with an
/// optional port), a lowercase repository path, at most one tag of up to 128 characters,
/// and a digest of a supported algorithm with its exact length.
pub fn check_image(reference: &str) -> Result<(), ImageError> {
    let fail = |reason: String| ImageError {
        reason,
        suggestion: None,
    };
    if reference.is_empty() {
        return Err(fail("the reference is empty".to_string()));
    }
    if reference.len() == 64 && is_lower_hex(reference) {
        return Err(fail(
            "a 64-character hexadecimal string is an image ID, not a reference".to_string(),
        ));
    }

    let (name, digest) = match reference.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (reference, None),
    };
    let (host, remainder) = split_host(name);
    let (path, tag) = match remainder.split_once(':') {
        Some((path, tag)) => (path, Some(tag)),
        None => (remainder, None),
    };

    if let Some(host) = host {
        check_host(host).map_err(fail)?;
    }
    if path.bytes().any(|b| b.is_ascii_uppercase()) {
        let suggestion = lowercased(reference, host, path);
        return Err(ImageError {
            reason: format!("the repository name {path:?} must be lowercase"),
            suggestion,
        });
    }
    check_path(path).map_err(fail)?;
    if let Some(tag) = tag {
        check_tag(tag).map_err(fail)?;
    }
    if let Some(digest) = digest {
        check_digest(digest).map_err(fail)?;
    }

    let parsed = parse_image(reference);
    let length = parsed.registry.len() + 1 + parsed.repository.len();
    if length > MAX_NAME {
        return Err(fail(format!(
            "the repository name is {length} characters long, more than {MAX_NAME}"
        )));
    }
    Ok(())
}

/// The reference with its repository path in lowercase, if that makes it valid.
fn lowercased(reference: &str, host: Option<&str>, path: &str) -> Option<String> {
    let start = host.map_or(0, |h| h.len() + 1);
    let rest = reference.get(start + path.len()..)?;
    let prefix = reference.get(..start)?;
    let candidate = format!("{prefix}{}{rest}", path.to_ascii_lowercase());
    check_image(&candidate).is_ok().then_some(candidate)
}

/// `host[:port]`: dot-separated components of letters, digits and inner dashes, or a
/// bracketed IPv6 address; the port is digits.
fn check_host(host: &str) -> Result<(), String> {
    let invalid = || format!("the registry host {host:?} is not a valid host name or address");
    let (address, port) = match host.strip_prefix('[') {
        Some(inner) => {
            let (ip, after) = inner.split_once(']').ok_or_else(invalid)?;
            if ip.is_empty() || !ip.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
                return Err(invalid());
            }
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':').ok_or_else(invalid)?),
            };
            (None, port)
        }
        None => match host.split_once(':') {
            Some((address, port)) => (Some(address), Some(port)),
            None => (Some(host), None),
        },
    };

    if let Some(address) = address {
        let valid = address.split('.').all(|component| {
            let bytes = component.as_bytes();
            !bytes.is_empty()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
                && bytes.first() != Some(&b'-')
                && bytes.last() != Some(&b'-')
        });
        if !valid {
            return Err(invalid());
        }
    }
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("the registry port {port:?} must be a number"));
        }
    }
    Ok(())
}

/// Components separated by `/`, each lowercase letters and digits joined by one `.`,
/// one or two `_`, or any number of `-`.
fn check_path(path: &str) -> Result<(), String> {
    if path.is_empty() {
        return Err("the repository name is empty".to_string());
    }
    for component in path.split('/') {
        if !is_path_component(component) {
            return Err(if component.is_empty() {
                format!("the repository name {path:?} has an empty component")
            } else {
                format!(
                    "the repository name component {component:?} must be lowercase letters and digits, joined by '.', '_', '__' or dashes"
                )
            });
        }
    }
    Ok(())
}

fn is_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let alphanumeric = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if !bytes.first().is_some_and(alphanumeric) || !bytes.last().is_some_and(alphanumeric) {
        return false;
    }

    // each run of separators between alphanumerics: `.`, `_`, `__`, or dashes
    let mut run: Vec<u8> = Vec::new();
    for byte in bytes {
        if alphanumeric(byte) {
            let allowed = match run.as_slice() {
                [] | [b'.'] | [b'_'] | [b'_', b'_'] => true,
                dashes => dashes.iter().all(|b| *b == b'-'),
            };
            if !allowed {
                return false;
            }
            run.clear();
        } else if matches!(byte, b'.' | b'_' | b'-') {
            run.push(*byte);
        } else {
            return false;
        }
    }
    true
}

/// A letter, digit or `_`, then up to 127 letters, digits, `_`, `.` or `-`.
fn check_tag(tag: &str) -> Result<(), String> {
    if tag.contains(':') {
        return Err("it has more than one tag".to_string());
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let valid = tag.as_bytes().first().is_some_and(|b| word(*b))
        && tag.bytes().all(|b| word(b) || b == b'.' || b == b'-')
        && tag.len() <= MAX_TAG;
    if valid {
        Ok(())
    } else if tag.is_empty() {
        Err("the tag after ':' is empty".to_string())
    } else {
        Err(format!(
            "the tag {tag:?} must start with a letter, digit or '_' and hold at most {MAX_TAG} letters, digits, '_', '.' and '-'"
        ))
    }
}

/// `algorithm:hex`, where the algorithm is one Docker supports and the hex has its length.
fn check_digest(digest: &str) -> Result<(), String> {
    let Some((algorithm, encoded)) = digest.split_once(':') else {
        return Err(format!(
            "the digest {digest:?} must be written as algorithm:hex, such as sha256:<64 hex digits>"
        ));
    };
    let length = match algorithm {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        _ => {
            return Err(format!(
                "the digest algorithm {algorithm:?} is not supported (use sha256, sha384 or sha512)"
            ));
        }
    };
    if encoded.len() != length || !is_lower_hex(encoded) {
        return Err(format!(
            "a {algorithm} digest is {length} lowercase hexadecimal digits, not {encoded:?}"
        ));
    }
    Ok(())
}

/// Whether the text is lowercase hexadecimal digits.
fn is_lower_hex(text: &str) -> bool {
    text.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    fn reason(reference: &str) -> String {
        check_image(reference).unwrap_err().reason
    }

    #[test]
    fn docker_hub_is_implied_and_official_images_are_library() {
        let name = parse_image("postgres:15");
        assert_eq!(name.registry, "docker.io");
        assert_eq!(name.repository, "library/postgres");
        assert_eq!(name.tag.as_deref(), Some("15"));
    }

    #[test]
    fn hosts_ports_tags_and_digests() {
        let name = parse_image("registry.company.com:5000/team/api:v1.0.0@sha256:abc");
        assert_eq!(name.registry, "registry.company.com:5000");
        assert_eq!(name.repository, "team/api");
        assert_eq!(name.tag.as_deref(), Some("v1.0.0"));
        assert_eq!(name.digest.as_deref(), Some("sha256:abc"));

        let name = parse_image("localhost:5000/api");
        assert_eq!(name.registry, "localhost:5000");
        assert_eq!(name.tag, None);

        let name = parse_image("mycompany/api");
        assert_eq!(name.registry, "docker.io");
        assert_eq!(name.repository, "mycompany/api");
    }

    #[test]
    fn a_first_component_with_uppercase_is_a_host() {
        let name = parse_image("Registry/team/app:1");
        assert_eq!(
            (name.registry.as_str(), name.repository.as_str()),
            ("Registry", "team/app")
        );
        assert_eq!(check_image("Registry/team/app:1"), Ok(()));
    }

    #[test]
    fn valid_references_pass() {
        for reference in [
            "nginx",
            "nginx:1.27",
            "nginx:1.27-alpine",
            "library/nginx:latest",
            "acme/my-app_v2:1.0.0",
            "acme/my__app",
            "acme/my---app",
            "ghcr.io/acme/api:v1.2.3",
            "registry.example.com:5000/team/app:1.0",
            "Registry.Example.COM:5000/team/app:1.0",
            "localhost/app",
            "localhost:5000/app:_dev",
            "[::1]:5000/app:1",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:1",
            &format!("nginx@{DIGEST}"),
            &format!("nginx:1.27@{DIGEST}"),
            &format!("ghcr.io/acme/api:1@sha512:{}", "a".repeat(128)),
        ] {
            assert_eq!(check_image(reference), Ok(()), "{reference}");
        }
    }

    #[test]
    fn uppercase_in_the_repository_is_refused_with_a_suggestion() {
        let error = check_image("Nginx:1.27").unwrap_err();
        assert_eq!(
            error.reason,
            "the repository name \"Nginx\" must be lowercase"
        );
        assert_eq!(error.suggestion.as_deref(), Some("nginx:1.27"));

        let error = check_image("acme/MyApp:1").unwrap_err();
        assert_eq!(
            error.reason,
            "the repository name \"acme/MyApp\" must be lowercase"
        );
        assert_eq!(error.suggestion.as_deref(), Some("acme/myapp:1"));

        let error = check_image("registry.example.com:5000/Team/App:V1").unwrap_err();
        assert_eq!(
            error.suggestion.as_deref(),
            Some("registry.example.com:5000/team/app:V1")
        );
    }

    #[test]
    fn tags_are_one_and_well_formed() {
        assert_eq!(reason("nginx:1.27:extra"), "it has more than one tag");
        assert_eq!(reason("acme/app:1:2"), "it has more than one tag");
        assert_eq!(reason("nginx:"), "the tag after ':' is empty");
        assert!(reason("nginx:-1").contains("the tag \"-1\" must start"));
        assert!(reason("nginx:.x").contains("must start"));
        assert!(reason("nginx:1+2").contains("the tag \"1+2\""));
        assert!(reason(&format!("nginx:{}", "a".repeat(129))).contains("at most 128"));
        assert_eq!(check_image(&format!("nginx:{}", "a".repeat(128))), Ok(()));
    }

    #[test]
    fn digests_need_a_supported_algorithm_and_the_exact_length() {
        assert!(reason("nginx@sha256:abc").contains("a sha256 digest is 64 lowercase"));
        assert!(reason(&format!("nginx@sha256:{}", "A".repeat(64))).contains("64 lowercase"));
        assert!(reason(&format!("nginx@sha256:{}", "0".repeat(65))).contains("64 lowercase"));
        assert!(reason(&format!("nginx@sha256:{}", "g".repeat(64))).contains("64 lowercase"));
        assert!(reason("nginx@sha256").contains("algorithm:hex"));
        assert!(reason(&format!("nginx@md5:{}", "0".repeat(32))).contains("not supported"));
        assert!(reason(&format!("{DIGEST}@x")).contains("algorithm:hex"));
    }

    #[test]
    fn names_hosts_and_sizes() {
        assert_eq!(reason(""), "the reference is empty");
        assert!(reason(&"a".repeat(64)).contains("image ID"));
        assert!(reason("acme//app").contains("empty component"));
        assert!(reason("acme/app-").contains("component \"app-\""));
        assert!(reason("acme/.app").contains("component \".app\""));
        assert!(reason("acme/a...b").contains("component"));
        assert!(reason("acme/a___b").contains("component"));
        assert!(reason(" nginx").contains("component"));
        assert!(reason("nginx latest").contains("component"));
        assert!(reason("host:port/app").contains("registry port \"port\""));
        assert!(reason("-bad.example.com/app").contains("not a valid host name"));
        assert!(reason("bad_host.example.com/app").contains("not a valid host name"));
        assert!(reason("[zz]:5000/app").contains("not a valid host name or address"));
        assert!(reason("example.com/").contains("repository name is empty"));
        assert!(reason(&format!("acme/{}", "a".repeat(250))).contains("more than 255"));
    }
}
