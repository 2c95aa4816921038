//! Unified diffs of whole lines (`--- a/path`, `+++ b/path`, three lines of context),
//! found with Myers' algorithm; values that must not be shown are masked in the lines
//! the diff removes.

/// The most differing lines searched for before the whole text is shown as replaced.
const MAX_EDIT_DISTANCE: usize = 1024;

/// The context lines around each change.
const CONTEXT: usize = 3;

/// What stands for a masked value.
pub const MASK: &str = "********";

/// The unified diff from `old` to `new`, empty when they are the same. `old_path` is
/// `None` for a new file (shown as `/dev/null`). Every value of `masked` is replaced by
/// `MASK` in the removed lines.
pub fn unified(
    old_path: Option<&str>,
    new_path: &str,
    old: &str,
    new: &str,
    masked: &[String],
) -> String {
    if old == new {
        return String::new();
    }
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let ops = script(&old_lines, &new_lines);

    let mut out = match old_path {
        Some(path) => format!("--- a/{path}\n+++ b/{new_path}\n"),
        None => format!("--- /dev/null\n+++ b/{new_path}\n"),
    };
    let mask = |line: &str| {
        masked
            .iter()
            .filter(|value| !value.is_empty())
            .fold(line.to_string(), |line, value| {
                line.replace(value.as_str(), MASK)
            })
    };
    // the lines as shown: masked in one pass over each whole text, so that a block
    // scalar is masked even where its key is outside the hunk
    let shown_old = shown(&old_lines);
    let shown_new = shown(&new_lines);

    // the lines before each hunk are counted from where the last hunk ended
    let (mut old_start, mut new_start, mut counted) = (0, 0, 0);
    for hunk in hunks(&ops) {
        let (old_skipped, new_skipped) = lines(ops.get(counted..hunk.start).unwrap_or_default());
        old_start += old_skipped;
        new_start += new_skipped;
        let (old_count, new_count) = lines(ops.get(hunk.clone()).unwrap_or_default());
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(old_start, old_count),
            range(new_start, new_count)
        ));
        old_start += old_count;
        new_start += new_count;
        counted = hunk.end;
        for op in ops.get(hunk).unwrap_or_default() {
            let (sign, line) = match *op {
                Op::Same(at, _) => (' ', shown_old.get(at).cloned().unwrap_or_default()),
                Op::Removed(at) => ('-', mask(shown_old.get(at).map_or("", String::as_str))),
                Op::Added(at) => ('+', shown_new.get(at).cloned().unwrap_or_default()),
            };
            out.push(sign);
            out.push_str(&line);
            if !line.ends_with('\n') {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// Every line with its secrets masked.
fn shown(lines: &[&str]) -> Vec<String> {
    let mut secrets = SecretLines::default();
    lines.iter().map(|line| secrets.mask(line)).collect()
}

/// Masks what the text renderer masks: the value on a line that sets a secret-looking
/// name (or holds a URL with a password), and the lines of a block scalar such a line
/// opens. A value taken from a variable is shown: it is no secret.
#[derive(Debug, Default)]
struct SecretLines {
    /// The indentation of the line that opened a secret block scalar.
    block: Option<usize>,
}

impl SecretLines {
    fn mask(&mut self, line: &str) -> String {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let chars: Vec<char> = body.chars().collect();
        let indentation = chars.iter().take_while(|c| c.is_whitespace()).count();

        if let Some(opened) = self.block {
            if body.trim().is_empty() {
                return line.to_string();
            }
            if indentation > opened {
                let kept: String = chars.iter().take(indentation).collect();
                return format!("{kept}{MASK}{end}");
            }
            self.block = None;
        }

        let Some(from) = crate::report::secret_assignment(&chars) else {
            return line.to_string();
        };
        let value: String = chars.iter().skip(from).collect();
        let value = value.trim_start();
        if value.is_empty() || crate::report::is_reference_only(value) {
            return line.to_string();
        }
        if value.starts_with(['|', '>']) {
            self.block = Some(indentation);
        }
        let kept: String = chars.iter().take(from).collect();
        let space = if kept.ends_with(':') { " " } else { "" };
        format!("{kept}{space}{MASK}{end}")
    }
}

/// `start,count` as a unified diff writes it: 1-based, and for an empty range the line
/// before it.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{count}", start + 1),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Old line, new line.
    Same(usize, usize),
    Removed(usize),
    Added(usize),
}

/// How many old and how many new lines a run of operations covers.
fn lines(ops: &[Op]) -> (usize, usize) {
    ops.iter().fold((0, 0), |(old, new), op| match op {
        Op::Same(..) => (old + 1, new + 1),
        Op::Removed(_) => (old + 1, new),
        Op::Added(_) => (old, new + 1),
    })
}

/// The ranges of operations each hunk shows: every change with its context, hunks
/// whose context would touch merged into one.
fn hunks(ops: &[Op]) -> Vec<std::ops::Range<usize>> {
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, op)| !matches!(op, Op::Same(..)))
        .map(|(at, _)| at)
        .collect();

    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for at in changed {
        let start = at.saturating_sub(CONTEXT);
        let end = (at + 1 + CONTEXT).min(ops.len());
        match ranges.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => ranges.push(start..end),
        }
    }
    ranges
}

/// How far ahead, in lines of both texts together, a change's end is looked for.
const WINDOW: usize = 256;

/// How many equal lines in a row end a change.
const SYNC: usize = 3;

/// An edit script from `a` to `b`. Fixes change a few lines here and there, so the texts
/// are walked together: at each difference, the nearest place where both agree again
/// for `SYNC` lines (or both end) closes the change, and Myers' algorithm finds the
/// shortest script for that gap alone. The cost grows with the text and the size of
/// each change, not with their number. A change with no agreement within `WINDOW` lines
/// is diffed with the rest of the texts.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(a.len().max(b.len()));
    let (mut i, mut j) = (0, 0);

    while i < a.len() && j < b.len() {
        if a.get(i) == b.get(j) {
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
            continue;
        }
        let (di, dj) = resync(a, b, i, j).unwrap_or((a.len() - i, b.len() - j));
        gap(a, b, i, j, di, dj, &mut ops);
        i += di;
        j += dj;
    }
    gap(a, b, i, j, a.len() - i, b.len() - j, &mut ops);
    ops
}

/// The nearest offsets past a difference at which both texts agree for `SYNC` lines, or
/// both end.
fn resync(a: &[&str], b: &[&str], i: usize, j: usize) -> Option<(usize, usize)> {
    let agree = |x: usize, y: usize| {
        (0..SYNC).all(|k| match (a.get(x + k), b.get(y + k)) {
            (Some(p), Some(q)) => p == q,
            (None, None) => true,
            _ => false,
        })
    };
    for distance in 1..=WINDOW {
        for di in 0..=distance {
            let dj = distance - di;
            if i + di > a.len() || j + dj > b.len() {
                continue;
            }
            if agree(i + di, j + dj) {
                return Some((di, dj));
            }
        }
    }
    None
}

/// Appends the shortest script for `a[i..i+di]` to `b[j..j+dj]`, or past the distance
/// budget, all of it removed and added.
fn gap(a: &[&str], b: &[&str], i: usize, j: usize, di: usize, dj: usize, ops: &mut Vec<Op>) {
    let old = a.get(i..i + di).unwrap_or_default();
    let new = b.get(j..j + dj).unwrap_or_default();
    let middle = myers(old, new).unwrap_or_else(|| {
        let mut replaced: Vec<Op> = (0..old.len()).map(Op::Removed).collect();
        replaced.extend((0..new.len()).map(Op::Added));
        replaced
    });
    ops.extend(middle.into_iter().map(|op| match op {
        Op::Same(x, y) => Op::Same(x + i, y + j),
        Op::Removed(x) => Op::Removed(x + i),
        Op::Added(y) => Op::Added(y + j),
    }));
}

/// Myers' greedy algorithm with the trace kept for the walk back; `None` past the
/// distance budget.
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let n = a.len();
    let m = b.len();
    let max = (n + m).min(MAX_EDIT_DISTANCE);
    let offset = max + 1;
    let index = |k: isize| usize::try_from(k + offset as isize).ok();
    let mut v = vec![0usize; 2 * max + 3];
    let mut trace: Vec<Vec<usize>> = Vec::new();

    for d in 0..=max {
        // the diagonals this step reads, -(d+1)..=d+1, are all the walk back needs
        trace.push(v.get(offset - d - 1..=offset + d + 1)?.to_vec());
        let d = d as isize;
        let mut k = -d;
        while k <= d {
            let down = k == -d
                || (k != d && v.get(index(k - 1)?).copied()? < v.get(index(k + 1)?).copied()?);
            let mut x = if down {
                v.get(index(k + 1)?).copied()?
            } else {
                v.get(index(k - 1)?).copied()? + 1
            };
            let mut y = usize::try_from(x as isize - k).ok()?;
            while x < n && y < m && a.get(x) == b.get(y) {
                x += 1;
                y += 1;
            }
            *v.get_mut(index(k)?)? = x;
            if x >= n && y >= m {
                return Some(walk_back(&trace, n, m, d));
            }
            k += 2;
        }
    }
    None
}

fn walk_back(trace: &[Vec<usize>], n: usize, m: usize, last: isize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut x, mut y) = (n as isize, m as isize);

    for d in (0..=last).rev() {
        let Some(v) = trace.get(d as usize) else {
            break;
        };
        // step d's slice starts at diagonal -(d+1)
        let at = |v: &Vec<usize>, k: isize| {
            usize::try_from(k + d + 1)
                .ok()
                .and_then(|i| v.get(i).copied())
                .unwrap_or(0) as isize
        };
        let k = x - y;
        let down = k == -d || (k != d && at(v, k - 1) < at(v, k + 1));
        let previous_k = if down { k + 1 } else { k - 1 };
        let previous_x = at(v, previous_k);
        let previous_y = previous_x - previous_k;
        while x > previous_x && y > previous_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Same(x as usize, y as usize));
        }
        if d > 0 {
            if down {
                y -= 1;
                ops.push(Op::Added(y as usize));
            } else {
                x -= 1;
                ops.push(Op::Removed(x as usize));
            }
        }
        x = previous_x;
        y = previous_y;
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_the_fix_left_are_masked_on_every_line_of_the_diff() {
        // the block scalar's key is outside the hunk
        let old = "    environment:\n      SECRET_KEY: >-\n        block-99\n        more-99\n      API_TOKEN: tok-1234\n      DB_PASSWORD: ${DB_PASSWORD:?set}\n    image: a\n";
        let new = old.replace("image: a\n", "image: a:1\n");

        let diff = unified(Some("x.yaml"), "x.yaml", old, &new, &[]);

        assert_eq!(
            diff,
            "--- a/x.yaml\n+++ b/x.yaml\n@@ -4,4 +4,4 @@\n         ********\n       API_TOKEN: ********\n       DB_PASSWORD: ${DB_PASSWORD:?set}\n-    image: a\n+    image: a:1\n"
        );
    }

    #[test]
    fn one_changed_line_with_context() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\n";
        let new = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assert_eq!(
            unified(Some("x.yaml"), "x.yaml", old, new, &[]),
            "--- a/x.yaml\n+++ b/x.yaml\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"
        );
    }

    #[test]
    fn insertions_removals_and_far_apart_hunks() {
        let old: String = (1..=20).map(|i| format!("{i}\n")).collect();
        let new: String = (1..=20)
            .filter(|i| *i != 18)
            .map(|i| {
                if i == 2 {
                    "2\nnew\n".to_string()
                } else {
                    format!("{i}\n")
                }
            })
            .collect();
        let diff = unified(Some("f"), "f", &old, &new, &[]);
        assert_eq!(
            diff,
            "--- a/f\n+++ b/f\n@@ -1,5 +1,6 @@\n 1\n 2\n+new\n 3\n 4\n 5\n@@ -15,6 +16,5 @@\n 15\n 16\n 17\n-18\n 19\n 20\n"
        );
    }

    #[test]
    fn a_new_file_and_a_missing_newline() {
        assert_eq!(
            unified(None, ".env.example", "", "A=\n", &[]),
            "--- /dev/null\n+++ b/.env.example\n@@ -0,0 +1 @@\n+A=\n"
        );
        assert_eq!(
            unified(Some("f"), "f", "a", "b", &[]),
            "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn masked_values_are_not_shown() {
        let diff = unified(
            Some("f"),
            "f",
            "P: hunter2\n",
            "P: ${P}\n",
            &["hunter2".to_string()],
        );
        assert!(!diff.contains("hunter2"));
        assert!(diff.contains("-P: ********\n+P: ${P}\n"));
    }

    #[test]
    fn many_small_changes_far_apart_each_get_their_hunk() {
        let old: String = (0..3000).map(|i| format!("line {i}\n")).collect();
        let new: String = (0..3000)
            .map(|i| match i % 100 {
                0 => format!("line {i}\nadded {i}\n"),
                50 => format!("changed {i}\n"),
                _ => format!("line {i}\n"),
            })
            .collect();
        let diff = unified(Some("f"), "f", &old, &new, &[]);

        assert_eq!(diff.matches("\n@@ ").count(), 60);
        assert_eq!(diff.lines().filter(|l| l.starts_with("+added")).count(), 30);
        assert_eq!(diff.lines().filter(|l| l.starts_with("-line")).count(), 30);
        assert!(
            diff.contains(
                "@@ -48,7 +49,7 @@\n line 47\n line 48\n line 49\n-line 50\n+changed 50\n"
            )
        );
    }

    #[test]
    fn the_script_is_minimal() {
        let a = ["a\n", "b\n", "c\n", "a\n", "b\n", "b\n", "a\n"];
        let b = ["c\n", "b\n", "a\n", "b\n", "a\n", "c\n"];
        let ops = script(&a, &b);
        let changes = ops.iter().filter(|op| !matches!(op, Op::Same(..))).count();
        assert_eq!(changes, 5);
        let rebuilt: Vec<&str> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Same(_, y) | Op::Added(y) => Some(b[*y]),
                Op::Removed(_) => None,
            })
            .collect();
        assert_eq!(rebuilt, b);
    }
}
