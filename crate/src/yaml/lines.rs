//! Turns byte offsets into the positions people and editors see: 1-based lines and
//! 1-based columns counted in UTF-16 code units, the unit browser editors use.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// A 1-based line and a 1-based column in UTF-16 code units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Tsify)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// The start of every line of one text, for offset-to-position look-ups.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of the first character of each line; the first entry is 0.
    starts: Vec<usize>,
    /// Whether each line is ASCII, where a column is a byte count (found in O(1) even on
    /// a very long line).
    ascii: Vec<bool>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];

        for (offset, byte) in bytes.iter().enumerate() {
            let next = bytes.get(offset + 1).copied();
            let breaks = match byte {
                b'\n' => true,
                b'\r' => next != Some(b'\n'),
                _ => false,
            };
            if breaks {
                starts.push(offset + 1);
            }
        }

        let ascii = starts
            .iter()
            .enumerate()
            .map(|(line, &start)| {
                let end = starts.get(line + 1).copied().unwrap_or(bytes.len());
                bytes.get(start..end).is_some_and(<[u8]>::is_ascii)
            })
            .collect();

        Self {
            starts,
            ascii,
            len: text.len(),
        }
    }

    /// The position of a byte offset; an offset past the end is clamped to the end, one
    /// inside a multi-byte character counts from that character's start.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(self.len);
        let line = self.starts.partition_point(|&start| start <= offset).max(1) - 1;
        let start = self.starts.get(line).copied().unwrap_or(0);

        let column: usize = if self.ascii.get(line) == Some(&true) {
            offset - start
        } else {
            text.get(start..)
                .unwrap_or("")
                .char_indices()
                .take_while(|(at, _)| start + at < offset)
                .map(|(at, c)| {
                    // a character that only begins before the offset still counts once
                    if start + at + c.len_utf8() <= offset {
                        c.len_utf16()
                    } else {
                        0
                    }
                })
                .sum()
        };

        Position {
            line: u32::try_from(line + 1).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// The byte offset where a 1-based line starts, if the text has that line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.starts.get(index).copied()
    }

    /// The number of lines, counting a last line without a newline.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text<'t>(&self, text: &'t str, line: u32) -> &'t str {
        let Some(start) = self.line_start(line) else {
            return "";
        };
        let end = self
            .line_start(line.saturating_add(1))
            .unwrap_or(text.len());
        text.get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_utf16_columns() {
        let text = "a: 1\nb: \"é😀x\"\r\nc: 3";
        let index = LineIndex::new(text);

        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 5), Position { line: 2, column: 1 });
        let x = text.find('x').unwrap();
        // é is one UTF-16 unit, 😀 is two
        assert_eq!(index.position(text, x), Position { line: 2, column: 8 });
        let c = text.find('c').unwrap();
        assert_eq!(index.position(text, c), Position { line: 3, column: 1 });
        assert_eq!(index.line_text(text, 2), "b: \"é😀x\"");
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn clamps_offsets_past_the_end() {
        let text = "ab";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 99), Position { line: 1, column: 3 });
    }
}
