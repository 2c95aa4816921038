// `check FILES...`: analyzes compose files as Compose would load them, prints the report
// in the chosen format, and exits 1 when a finding is at or above --fail-on.
import { analyze, render } from '../node.js';
import { choice, readArguments } from './args.js';
import { EXIT, InputError } from './errors.js';
import { readProfile, readRuleSettings } from './files.js';
import { PROJECT_HELP, PROJECT_OPTIONS, readProject } from './project.js';

export const CHECK_HELP = `usage: compose-architect check FILES... [options]

Analyzes compose files: the first is the base, the others are overrides merged onto it in
order, as with "docker compose -f A -f B". List files reached by include or extends too.

options:
${PROJECT_HELP}
  --rules-config F    a JSON file of rule settings: { "rule-id": "off" | "on" | "error" |
                      "warning" | "info" }
  --requirements F    a requirements profile (YAML or JSON) that the compliance and SLA
                      rules judge the files against
  --format FORMAT     text (default), json, sarif, markdown or github
  --fail-on LEVEL     exit 1 when a finding is at or above error (default), warning or info

Variables of the environment the command runs in win over env files, as in Compose.`;

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'github'];
const LEVELS = ['error', 'warning', 'info'];
const RANK = { info: 1, warning: 2, error: 3 };

export async function check(args, io) {
  const parsed = readArguments(args, {
    ...PROJECT_OPTIONS,
    'rules-config': { type: 'string' },
    requirements: { type: 'string' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  const { values, positionals: paths } = parsed;
  if (values.help) {
    io.out.write(`${CHECK_HELP}\n`);
    return EXIT.ok;
  }
  const format = choice('format', values.format, FORMATS, 'text');
  const failOn = choice('fail-on', values['fail-on'], LEVELS, 'error');

  const project = readProject(paths, parsed, io);
  const rules = values['rules-config'] === undefined ? undefined : readRuleSettings(values['rules-config'], io);
  const profile = values.requirements === undefined ? undefined : readProfile(values.requirements, io);

  let report;
  try {
    report = analyze({ ...project, rules, profile });
  } catch (error) {
    throw new InputError(error.message);
  }
  io.out.write(withNewline(render(report, format, project.files)));

  const threshold = RANK[failOn];
  const failing = report.findings.filter((finding) => RANK[finding.severity] >= threshold);
  return failing.length > 0 ? EXIT.findings : EXIT.ok;
}

function withNewline(text) {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}
