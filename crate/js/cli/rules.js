// `rules`: every rule with its category, default severity and documentation.
import { rules as ruleList } from '../node.js';
import { choice, positionals, readArguments } from './args.js';
import { EXIT } from './errors.js';

export const RULES_HELP = `usage: compose-architect rules [--format text|json|markdown]

Lists every rule: its id, category, default severity, whether it blocks onboarding and
whether it runs by default. The JSON and Markdown forms carry each rule's documentation.`;

export async function rules(args, io) {
  const { values, positionals: found } = readArguments(args, { format: { type: 'string' } });
  if (values.help) {
    io.out.write(`${RULES_HELP}\n`);
    return EXIT.ok;
  }
  const format = choice('format', values.format, ['text', 'json', 'markdown'], 'text');
  positionals(found, []);

  const list = ruleList();
  const print = { text, json: (l) => `${JSON.stringify(l, null, 2)}\n`, markdown }[format];
  io.out.write(print(list));
  return EXIT.ok;
}

function severity(rule) {
  return rule.enabledByDefault ? rule.severity : `${rule.severity} (off by default)`;
}

function text(list) {
  const width = (pick) => Math.max(...list.map((rule) => pick(rule).length));
  const id = width((rule) => rule.id);
  const category = width((rule) => rule.category);
  const level = width(severity);
  return list
    .map((rule) => {
      const blocking = rule.blocking ? ' [blocks onboarding]' : '';
      return `${rule.id.padEnd(id)}  ${rule.category.padEnd(category)}  ${severity(rule).padEnd(level)}  ${rule.summary}${blocking}\n`;
    })
    .join('');
}

function markdown(list) {
  const cell = (value) => value.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = list.map(
    (rule) =>
      `| [\`${rule.id}\`](#${rule.id}) | ${rule.category} | ${severity(rule)} | ${rule.blocking ? 'yes' : 'no'} | ${cell(rule.summary)} |`,
  );
  const sections = list.map((rule) => {
    const parts = [`## ${rule.id}`, '', rule.summary, '', `**Why.** ${rule.why}`];
    if (rule.bad !== '') parts.push('', 'Flagged:', '', '```yaml', rule.bad.trimEnd(), '```');
    if (rule.good !== '') parts.push('', 'Not flagged:', '', '```yaml', rule.good.trimEnd(), '```');
    if (rule.fix !== '') parts.push('', `**Fix.** ${rule.fix}`);
    if (rule.limitations !== '') parts.push('', `**Known limitations.** ${rule.limitations}`);
    return parts.join('\n');
  });
  return [
    '# Rules',
    '',
    '| rule | category | severity | blocks onboarding | what it flags |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}
