//! Edits as byte spans of one file and their replacement text, applied once and in
//! order; everything outside the edited spans is copied byte for byte.

/// Replaces the bytes `start..end` of one file with `text`; an empty span inserts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Edit {
    /// The file's index among the files given.
    pub file: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Edit {
    pub fn replace(file: usize, start: usize, end: usize, text: impl Into<String>) -> Self {
        Self {
            file,
            start,
            end,
            text: text.into(),
        }
    }

    pub fn insert(file: usize, at: usize, text: impl Into<String>) -> Self {
        Self::replace(file, at, at, text)
    }

    /// Whether two edits of the same file touch the same bytes: their spans overlap, or
    /// one inserts inside the span the other replaces. Two insertions at one offset do
    /// not conflict; they are applied in the order they were accepted.
    pub fn conflicts(&self, other: &Edit) -> bool {
        if self.file != other.file {
            return false;
        }
        let inside = |at: usize, edit: &Edit| edit.start < at && at < edit.end;
        if self.start == self.end {
            return inside(self.start, other);
        }
        if other.start == other.end {
            return inside(other.start, self);
        }
        self.start < other.end && other.start < self.end
    }
}

/// Applies non-conflicting edits of one file to its text. Edits are sorted by their
/// start (insertions at one offset keep their order); an edit that conflicts with one
/// applied before it, or that does not fall on character boundaries inside the text,
/// is returned instead of applied.
/// Where a byte offset of a file after `edits` stood before them: text the edits left
/// alone maps back one to one, and an offset inside a replacement goes to the start of
/// what it replaced.
pub fn before(offset: usize, file: usize, edits: &[Edit]) -> usize {
    let mut order: Vec<&Edit> = edits.iter().filter(|e| e.file == file).collect();
    crate::sort::sort_by_key(&mut order, |edit| (edit.start, edit.end));

    let mut old = 0;
    let mut new = 0;
    for edit in order {
        let gap = edit.start.saturating_sub(old);
        if offset < new + gap {
            return old + (offset - new);
        }
        new += gap;
        old = edit.start;
        if offset < new + edit.text.len() {
            return edit.start;
        }
        new += edit.text.len();
        old = old.max(edit.end);
    }
    old + offset.saturating_sub(new)
}

pub fn apply(text: &str, edits: &[Edit]) -> (String, Vec<Edit>) {
    let mut order: Vec<&Edit> = edits.iter().collect();
    crate::sort::sort_by_key(&mut order, |edit| (edit.start, edit.end));

    let mut kept: Vec<&Edit> = Vec::with_capacity(order.len());
    let mut rejected = Vec::new();
    for edit in order {
        let valid = edit.start <= edit.end
            && edit.end <= text.len()
            && text.is_char_boundary(edit.start)
            && text.is_char_boundary(edit.end);
        // kept edits are sorted and apart, so only the last can reach this one
        let clash = kept.last().is_some_and(|k| k.conflicts(edit));
        if valid && !clash {
            kept.push(edit);
        } else {
            rejected.push(edit.clone());
        }
    }

    let mut out =
        String::with_capacity(text.len() + kept.iter().map(|e| e.text.len()).sum::<usize>());
    let mut copied = 0;
    for edit in kept {
        out.push_str(text.get(copied..edit.start).unwrap_or(""));
        out.push_str(&edit.text);
        copied = copied.max(edit.end);
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    (out, rejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_in_order_and_keeps_the_rest() {
        let text = "a: 1\nb: 2\n";
        let edits = [
            Edit::replace(0, 8, 9, "\"2\""),
            Edit::insert(0, 10, "c: 3\n"),
            Edit::replace(0, 3, 4, "one"),
        ];
        let (out, rejected) = apply(text, &edits);
        assert_eq!(out, "a: one\nb: \"2\"\nc: 3\n");
        assert!(rejected.is_empty());
    }

    #[test]
    fn an_overlapping_edit_is_rejected() {
        let text = "abcdef";
        let edits = [Edit::replace(0, 1, 4, "X"), Edit::replace(0, 3, 5, "Y")];
        let (out, rejected) = apply(text, &edits);
        assert_eq!(out, "aXef");
        assert_eq!(rejected, [Edit::replace(0, 3, 5, "Y")]);
    }

    #[test]
    fn insertions_at_one_offset_both_apply() {
        let (out, rejected) = apply("ab", &[Edit::insert(0, 1, "1"), Edit::insert(0, 1, "2")]);
        assert_eq!(out, "a12b");
        assert!(rejected.is_empty());
    }

    #[test]
    fn an_insertion_inside_a_replacement_conflicts() {
        assert!(Edit::insert(0, 2, "x").conflicts(&Edit::replace(0, 1, 3, "")));
        assert!(!Edit::insert(0, 1, "x").conflicts(&Edit::replace(0, 1, 3, "")));
        assert!(!Edit::replace(1, 1, 3, "").conflicts(&Edit::replace(0, 1, 3, "")));
    }

    #[test]
    fn an_edit_outside_the_text_is_rejected() {
        let (out, rejected) = apply("é", &[Edit::replace(0, 1, 2, "x"), Edit::insert(0, 9, "y")]);
        assert_eq!(out, "é");
        assert_eq!(rejected.len(), 2);
    }
}
