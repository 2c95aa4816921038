//! Short syntax into long: port specs as Docker parses them (host IP, bracketed IPv6,
//! ranges, protocol) and volume specs (named, bind, tmpfs), so rules see one form.

/// One published or exposed port, after ranges are expanded.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PortMapping {
    /// The host address, without brackets; `None` binds every interface.
    pub host_ip: Option<String>,
    /// The host port or range; `None` lets the engine choose one.
    pub published: Option<String>,
    pub target: u32,
    pub protocol: String,
}

/// Why a port spec could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortError(pub String);

/// Parses a short port spec: `[[ip:][host[-end]]:]container[-end][/protocol]`, with an IPv6
/// host address in brackets. A range gives one mapping per port.
pub fn parse_port(spec: &str) -> Result<Vec<PortMapping>, PortError> {
    let spec = spec.trim();
    let (rest, protocol) = match spec.rsplit_once('/') {
        Some((rest, protocol)) => (rest, protocol.to_ascii_lowercase()),
        None => (spec, "tcp".to_string()),
    };
    if !matches!(protocol.as_str(), "tcp" | "udp" | "sctp") {
        return Err(PortError(format!(
            "invalid protocol {protocol:?} in port {spec:?}"
        )));
    }

    let (raw_ip, host, container) = split_parts(rest);
    let host_ip = match raw_ip {
        "" => None,
        ip => {
            let bare = ip
                .strip_prefix('[')
                .and_then(|inner| inner.strip_suffix(']'))
                .unwrap_or(ip);
            if !is_ip(bare) {
                return Err(PortError(format!(
                    "invalid host IP {ip:?} in port {spec:?}"
                )));
            }
            Some(bare.to_string())
        }
    };

    let (start, end) = parse_range(container).ok_or_else(|| {
        PortError(format!(
            "invalid container port {container:?} in port {spec:?}: a port is a number from 1 to 65535, or a range of them"
        ))
    })?;
    if start == 0 {
        return Err(PortError(format!(
            "invalid container port {container:?} in port {spec:?}: port 0 cannot be a container port"
        )));
    }
    let targets = start..=end;
    let hosts = match host {
        "" => None,
        host => Some(
            parse_range(host).ok_or_else(|| {
                PortError(format!(
                    "invalid host port {host:?} in port {spec:?}: a port is a number from 0 to 65535, or a range of them"
                ))
            })?,
        ),
    };

    let count = end - start + 1;
    let mut mappings = Vec::new();
    match hosts {
        None => {
            for target in targets {
                mappings.push(PortMapping {
                    host_ip: host_ip.clone(),
                    published: None,
                    target,
                    protocol: protocol.clone(),
                });
            }
        }
        // a host range with one container port: the engine picks one host port of the range
        Some((host_start, host_end)) if count == 1 && host_end > host_start => {
            mappings.push(PortMapping {
                host_ip,
                published: Some(format!("{host_start}-{host_end}")),
                target: start,
                protocol,
            });
        }
        Some((host_start, host_end)) => {
            if host_end - host_start + 1 != count {
                return Err(PortError(format!(
                    "invalid ranges in port {spec:?}: the host range and the container range differ in length"
                )));
            }
            for (offset, target) in targets.enumerate() {
                let offset = u32::try_from(offset).unwrap_or(0);
                mappings.push(PortMapping {
                    host_ip: host_ip.clone(),
                    published: Some((host_start + offset).to_string()),
                    target,
                    protocol: protocol.clone(),
                });
            }
        }
    }
    Ok(mappings)
}

/// Splits into host IP, host port and container port, the way Docker does: the last part
/// is the container port, the one before it the host port, and everything before that
/// the address (so an unbracketed IPv6 address keeps its colons).
fn split_parts(rest: &str) -> (&str, &str, &str) {
    if let Some(after) = rest.strip_prefix('[') {
        if let Some((ip, ports)) = after.split_once(']') {
            let ip_len = ip.len() + 2;
            let ip = rest.get(..ip_len).unwrap_or("");
            let ports = ports.strip_prefix(':').unwrap_or(ports);
            return match ports.split_once(':') {
                Some((host, container)) => (ip, host, container),
                None => (ip, "", ports),
            };
        }
    }

    let parts: Vec<&str> = rest.split(':').collect();
    match parts.as_slice() {
        [container] => ("", "", container),
        [host, container] => ("", host, container),
        [ip, host, container] => (ip, host, container),
        [.., host, container] => {
            let ip_len = rest.len() - host.len() - container.len() - 2;
            (rest.get(..ip_len).unwrap_or(""), host, container)
        }
        [] => ("", "", ""),
    }
}

/// A port (`8080`) or an inclusive range (`8000-8010`) of ports up to 65535.
pub fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (start, end) = match text.split_once('-') {
        Some((start, end)) => (start, end),
        None => (text, text),
    };
    let start: u32 = start.parse().ok()?;
    let end: u32 = end.parse().ok()?;
    (start <= end && end <= 65535).then_some((start, end))
}

/// Whether a text is an IPv4 or IPv6 address.
pub fn is_ip(text: &str) -> bool {
    text.parse::<std::net::IpAddr>().is_ok()
}

/// Reads a Compose duration (Go's syntax plus days and weeks: `1h30m`, `10s`, `500ms`,
/// `1d`; a bare `0`) as seconds.
pub fn parse_duration(text: &str) -> Option<f64> {
    let (sign, body) = match text.strip_prefix('-') {
        Some(body) => (-1.0, body),
        None => (1.0, text.strip_prefix('+').unwrap_or(text)),
    };
    if body == "0" {
        return Some(0.0);
    }
    if body.is_empty() {
        return None;
    }

    let mut seconds = 0.0;
    let mut rest = body;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at_checked(number_len)?;
        if !number.bytes().any(|b| b.is_ascii_digit()) || number.matches('.').count() > 1 {
            return None;
        }
        let unit_len = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at_checked(unit_len)?;
        let scale = match unit {
            "ns" => 1e-9,
            "us" | "µs" | "μs" => 1e-6,
            "ms" => 1e-3,
            "s" => 1.0,
            "m" => 60.0,
            "h" => 3600.0,
            "d" => 86_400.0,
            "w" => 604_800.0,
            _ => return None,
        };
        seconds += number.parse::<f64>().ok()? * scale;
        rest = next;
    }
    Some(sign * seconds)
}

/// What a mount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MountKind {
    /// A named volume, or an anonymous one when it has no source.
    Volume,
    /// A path on the host.
    Bind,
    Tmpfs,
    /// Anything else the long syntax allows (`npipe`, `cluster`, `image`).
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountSpec {
    pub kind: MountKind,
    pub source: Option<String>,
    pub target: String,
    pub read_only: bool,
}

/// Parses a short volume spec: `[source:]target[:mode]`. A source that starts with `.`, `/`
/// or `~` (or a Windows drive) is a host path; any other source names a volume.
pub fn parse_volume(spec: &str) -> Option<MountSpec> {
    let parts = split_volume(spec);
    let (source, target, mode) = match parts.as_slice() {
        [target] => (None, *target, ""),
        [source, target] => (Some(*source), *target, ""),
        [source, target, mode] => (Some(*source), *target, *mode),
        _ => return None,
    };
    if target.is_empty() {
        return None;
    }

    let kind = match source {
        None => MountKind::Volume,
        Some(source) if is_host_path(source) => MountKind::Bind,
        Some(_) => MountKind::Volume,
    };
    Some(MountSpec {
        kind,
        source: source.map(str::to_string),
        target: target.to_string(),
        read_only: mode.split(',').any(|m| m == "ro"),
    })
}

/// Splits on `:`, keeping a Windows drive (`C:\` or `C:/`) with its path.
fn split_volume(spec: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let bytes = spec.as_bytes();

    for (at, byte) in bytes.iter().enumerate() {
        if *byte != b':' {
            continue;
        }
        // `C:\x` is a drive; `c:/x` only when a target follows (`c:/x:/y`), since a
        // one-letter volume name reads the same
        let later_colon = spec.get(at + 1..).is_some_and(|rest| rest.contains(':'));
        let drive = at == start + 1
            && bytes.get(start).is_some_and(u8::is_ascii_alphabetic)
            && match bytes.get(at + 1) {
                Some(b'\\') => true,
                Some(b'/') => later_colon,
                _ => false,
            };
        if drive {
            continue;
        }
        parts.push(spec.get(start..at).unwrap_or(""));
        start = at + 1;
    }
    parts.push(spec.get(start..).unwrap_or(""));
    parts
}

pub fn is_host_path(source: &str) -> bool {
    let bytes = source.as_bytes();
    let windows_drive =
        bytes.get(1) == Some(&b':') && bytes.first().is_some_and(u8::is_ascii_alphabetic);
    source.starts_with(['.', '/', '~', '\\']) || windows_drive || source.starts_with('$')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(spec: &str) -> PortMapping {
        let mut all = parse_port(spec).unwrap();
        assert_eq!(all.len(), 1, "{spec}");
        all.remove(0)
    }

    #[test]
    fn short_port_forms() {
        let p = one("80");
        assert_eq!(
            (p.host_ip, p.published, p.target, p.protocol.as_str()),
            (None, None, 80, "tcp")
        );
        let p = one("8080:80/udp");
        assert_eq!(
            (p.published.as_deref(), p.target, p.protocol.as_str()),
            (Some("8080"), 80, "udp")
        );
        let p = one("127.0.0.1:8080:80");
        assert_eq!(p.host_ip.as_deref(), Some("127.0.0.1"));
        let p = one("127.0.0.1::80");
        assert_eq!(
            (p.host_ip.as_deref(), p.published),
            (Some("127.0.0.1"), None)
        );
        let p = one("[::1]:8080:80");
        assert_eq!(
            (p.host_ip.as_deref(), p.published.as_deref()),
            (Some("::1"), Some("8080"))
        );
        let p = one("::1:8080:80");
        assert_eq!(p.host_ip.as_deref(), Some("::1"));
        let p = one("8000-8010:80");
        assert_eq!(p.published.as_deref(), Some("8000-8010"));
    }

    #[test]
    fn ranges_expand() {
        let all = parse_port("80-82:8080-8082").unwrap();
        let pairs: Vec<_> = all
            .iter()
            .map(|p| (p.published.clone().unwrap(), p.target))
            .collect();
        assert_eq!(
            pairs,
            [
                ("80".into(), 8080),
                ("81".into(), 8081),
                ("82".into(), 8082)
            ]
        );
    }

    #[test]
    fn invalid_ports_say_why() {
        assert!(parse_port("80:80/xyz").unwrap_err().0.contains("protocol"));
        assert!(parse_port("abc").unwrap_err().0.contains("container port"));
        assert!(parse_port("70000").is_err());
        assert!(parse_port("1.2.3:80:80").unwrap_err().0.contains("host IP"));
        assert!(parse_port("80-81:90-92").unwrap_err().0.contains("ranges"));
        assert!(
            parse_port("8000-8002:80-81")
                .unwrap_err()
                .0
                .contains("ranges")
        );
    }

    #[test]
    fn ports_are_within_range_and_a_container_port_is_never_0() {
        let error = parse_port("8080:0").unwrap_err().0;
        assert_eq!(
            error,
            "invalid container port \"0\" in port \"8080:0\": port 0 cannot be a container port"
        );
        assert!(parse_port("0").unwrap_err().0.contains("port 0 cannot"));
        assert!(
            parse_port("8080:0-1")
                .unwrap_err()
                .0
                .contains("port 0 cannot")
        );
        let error = parse_port("8080:65536").unwrap_err().0;
        assert!(error.contains("from 1 to 65535"), "{error}");
        let error = parse_port("65536:80").unwrap_err().0;
        assert!(error.contains("invalid host port \"65536\""), "{error}");
        assert!(
            parse_port("0:80").is_ok(),
            "host port 0 lets the engine choose"
        );
        assert!(parse_port("65535:65535").is_ok());
        assert!(
            parse_port("8000-8002:80").is_ok(),
            "a host range for one port"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("1h30m"), Some(5400.0));
        assert_eq!(parse_duration("1.5s"), Some(1.5));
        assert_eq!(parse_duration("500ms"), Some(0.5));
        assert_eq!(parse_duration("1d"), Some(86_400.0));
        assert_eq!(parse_duration("0"), Some(0.0));
        for bad in ["", "10", "1x", "s", "1..2s", "h1"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn volume_forms() {
        let v = parse_volume("db_data:/var/lib/postgresql/data").unwrap();
        assert_eq!(
            (v.kind, v.source.as_deref()),
            (MountKind::Volume, Some("db_data"))
        );
        let v = parse_volume("./conf:/etc/nginx/conf.d:ro").unwrap();
        assert_eq!((v.kind, v.read_only), (MountKind::Bind, true));
        let v = parse_volume("/usr/src/app/node_modules").unwrap();
        assert_eq!((v.kind, v.source), (MountKind::Volume, None));
        let v = parse_volume("C:\\data:/data").unwrap();
        assert_eq!(
            (v.kind, v.source.as_deref()),
            (MountKind::Bind, Some("C:\\data"))
        );
        let v = parse_volume("/var/run/docker.sock:/var/run/docker.sock").unwrap();
        assert_eq!(v.kind, MountKind::Bind);
        assert!(parse_volume("a:b:c:d").is_none());
        let v = parse_volume("a:/data").unwrap();
        assert_eq!(
            (v.kind, v.source.as_deref(), v.target.as_str()),
            (MountKind::Volume, Some("a"), "/data")
        );
        let v = parse_volume("c:/data:/data:ro").unwrap();
        assert_eq!(
            (v.kind, v.source.as_deref(), v.read_only),
            (MountKind::Bind, Some("c:/data"), true)
        );
    }
}
