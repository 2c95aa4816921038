//! Resolution of plain scalars under the YAML 1.2 core schema, as Compose reads them:
//! `yes`, `on` and `2122:22` stay strings, `010` is ten, `0o10` is eight.

/// What a scalar means once its tag or the core schema has been applied.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

/// Resolves a plain (unquoted, untagged) scalar.
pub fn resolve_plain(text: &str) -> Resolved {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        _ => {}
    }

    if let Some(int) = parse_int(text) {
        return Resolved::Int(int);
    }
    if let Some(float) = parse_float(text) {
        return Resolved::Float(float);
    }
    Resolved::Str
}

/// Resolves a scalar that carries a core-schema tag such as `!!str` or `!!int`; `None`
/// when the text does not fit the tag.
pub fn resolve_tagged(suffix: &str, text: &str) -> Option<Resolved> {
    match suffix {
        "str" => Some(Resolved::Str),
        "null" => Some(Resolved::Null),
        "bool" => match resolve_plain(text) {
            Resolved::Bool(b) => Some(Resolved::Bool(b)),
            _ => None,
        },
        "int" => parse_int(text).map(Resolved::Int),
        "float" => parse_float(text)
            .or_else(|| parse_int(text).map(|i| i as f64))
            .map(Resolved::Float),
        _ => Some(Resolved::Str),
    }
}

fn parse_int(text: &str) -> Option<i64> {
    if let Some(octal) = text.strip_prefix("0o") {
        return digits_only(octal, 8).then(|| i64::from_str_radix(octal, 8).ok())?;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return digits_only(hex, 16).then(|| i64::from_str_radix(hex, 16).ok())?;
    }

    let unsigned = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('+'))
        .unwrap_or(text);
    if !digits_only(unsigned, 10) {
        return None;
    }
    text.parse::<i64>().ok()
}

fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text
        .strip_prefix('-')
        .or_else(|| text.strip_prefix('+'))
        .unwrap_or(text);
    let negative = text.starts_with('-');

    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == text.len() => return Some(f64::NAN),
        _ => {}
    }

    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (unsigned.get(..at)?, Some(unsigned.get(at + 1..)?)),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let mantissa_ok = match fraction {
        Some(fraction) => {
            (whole.is_empty() && !fraction.is_empty() && digits_only(fraction, 10))
                || (digits_only(whole, 10) && (fraction.is_empty() || digits_only(fraction, 10)))
        }
        None => digits_only(whole, 10),
    };
    let exponent_ok = match exponent {
        Some(exp) => {
            let exp = exp
                .strip_prefix('-')
                .or_else(|| exp.strip_prefix('+'))
                .unwrap_or(exp);
            digits_only(exp, 10)
        }
        None => true,
    };
    // a bare integer is an int, not a float
    if !mantissa_ok || !exponent_ok || (fraction.is_none() && exponent.is_none()) {
        return None;
    }
    text.parse::<f64>().ok()
}

fn digits_only(text: &str, radix: u32) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_digit(radix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_schema_keeps_yaml_1_1_words_as_strings() {
        for word in [
            "yes", "no", "on", "off", "y", "n", "Yes", "ON", "2122:22", "1:30",
        ] {
            assert_eq!(resolve_plain(word), Resolved::Str, "{word}");
        }
    }

    #[test]
    fn core_schema_numbers_and_nulls() {
        assert_eq!(resolve_plain("010"), Resolved::Int(10));
        assert_eq!(resolve_plain("0o10"), Resolved::Int(8));
        assert_eq!(resolve_plain("0x1F"), Resolved::Int(31));
        assert_eq!(resolve_plain("-42"), Resolved::Int(-42));
        assert_eq!(resolve_plain("1e3"), Resolved::Float(1000.0));
        assert_eq!(resolve_plain("3.5"), Resolved::Float(3.5));
        assert_eq!(resolve_plain(".5"), Resolved::Float(0.5));
        assert_eq!(resolve_plain("~"), Resolved::Null);
        assert_eq!(resolve_plain("True"), Resolved::Bool(true));
        assert_eq!(resolve_plain("1.2.3"), Resolved::Str);
        assert_eq!(resolve_plain("99999999999999999999"), Resolved::Str);
        assert_eq!(resolve_plain("-"), Resolved::Str);
        assert_eq!(resolve_plain("."), Resolved::Str);
    }
}
