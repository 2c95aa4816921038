//! What the fuzz targets share: how one fuzz input becomes the files of a project.

use compose_architect::{Input, SourceFile};

/// Splits an input at NUL bytes into files: the first is `compose.yaml`, a part that
/// starts with `.env\n` is a `.env` file, every other part an override. At most eight
/// files, so that the fuzzer spends its time inside the files, not on their number.
pub fn project(data: &[u8]) -> Input {
    let text = String::from_utf8_lossy(data);
    let files = text
        .split('\0')
        .take(8)
        .enumerate()
        .map(|(index, part)| match part.strip_prefix(".env\n") {
            Some(env) => SourceFile::new(".env", env),
            None if index == 0 => SourceFile::new("compose.yaml", part),
            None => SourceFile::new(format!("compose.override-{index}.yaml"), part),
        })
        .collect();

    Input {
        files,
        ..Input::default()
    }
}

/// Splits an input at its first NUL byte: the text before it, and `NAME=value` lines
/// after it as an environment.
pub fn text_and_env(data: &[u8]) -> (String, std::collections::BTreeMap<String, String>) {
    let text = String::from_utf8_lossy(data);
    let (head, tail) = text.split_once('\0').unwrap_or((&text, ""));
    let env = tail
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();

    (head.to_string(), env)
}
