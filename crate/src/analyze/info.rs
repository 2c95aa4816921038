//! The rule list as users read it: every rule, the analyzer's and the loader's, with its
//! id, category, default severity and documentation, for `rules()` and `docs/rules.md`.

use super::loader;
use super::registry::{self, RuleDoc};
use crate::report::{Category, RuleInfo, Severity};

fn info(
    id: &str,
    category: Category,
    severity: Severity,
    blocking: bool,
    doc: &RuleDoc,
) -> RuleInfo {
    RuleInfo {
        id: id.to_string(),
        category,
        severity,
        blocking,
        enabled_by_default: super::registry::enabled_by_default(id),
        summary: doc.summary.to_string(),
        why: doc.why.to_string(),
        bad: doc.bad.to_string(),
        good: doc.good.to_string(),
        fix: doc.fix.to_string(),
        limitations: doc.limitations.to_string(),
    }
}

/// Every rule: the loader's first (they read the files), then the analyzer's, each group
/// in its own order.
pub fn rules() -> Vec<RuleInfo> {
    let loading = loader::ALL.iter().map(|&kind| {
        let (id, category, severity) = loader::identity(kind);
        let blocking = category == Category::Syntax && severity == Severity::Error;
        info(
            id,
            category,
            severity,
            blocking,
            &loader::documentation(kind),
        )
    });
    let analysis = registry::all().map(|rule| {
        info(
            rule.id,
            rule.category,
            rule.severity,
            rule.blocking,
            &rule.doc,
        )
    });
    loading.chain(analysis).collect()
}

/// `docs/rules.md`: the rule list, one section per rule.
pub fn markdown() -> String {
    let rules = rules();
    let mut out = String::from(
        "# Rules\n\nGenerated from the rule registry by `cargo test --test rule_examples` \
         (run it with `UPDATE_RULE_DOCS=1` to rewrite this file; the test fails while it is \
         stale). Every rule's bad example is flagged and its good example is not: the same \
         test runs them.\n\n| rule | category | severity | blocks onboarding | what it flags |\n|---|---|---|---|---|\n",
    );
    for rule in &rules {
        out.push_str(&format!(
            "| [`{0}`](#{0}) | {1} | {2}{5} | {3} | {4} |\n",
            rule.id,
            rule.category.as_str(),
            rule.severity.as_str(),
            if rule.blocking { "yes" } else { "no" },
            rule.summary.replace('|', "\\|"),
            if rule.enabled_by_default {
                ""
            } else {
                " (off by default)"
            }
        ));
    }

    for rule in &rules {
        out.push_str(&format!(
            "\n## {}\n\n{} · {} by default{}{}\n\n{}\n\n### Why it matters\n\n{}\n",
            rule.id,
            rule.category.as_str(),
            rule.severity.as_str(),
            if rule.blocking {
                " · blocks onboarding"
            } else {
                ""
            },
            if rule.enabled_by_default {
                ""
            } else {
                " · off unless turned on"
            },
            rule.summary,
            rule.why
        ));
        if !rule.bad.is_empty() {
            out.push_str(&format!("\n### Flagged\n\n```yaml\n{}```\n", rule.bad));
        }
        if !rule.good.is_empty() {
            out.push_str(&format!("\n### Not flagged\n\n```yaml\n{}```\n", rule.good));
        }
        out.push_str(&format!(
            "\n### How to fix\n\n{}\n\n### Known limitations\n\n{}\n",
            rule.fix, rule.limitations
        ));
    }
    out
}
