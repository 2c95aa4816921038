// `check FILES...`: analyzes compose files as Compose would load them, prints the report
// in the chosen format, and exits 1 when a finding is at or above --fail-on.
import { basename, dirname, join } from 'node:path';

import { analyze, render } from '../node.js';
import { choice, readArguments } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { readProfile, readText, textIfPresent } from './files.js';

export const CHECK_HELP = `usage: compose-architect check FILES... [options]

Analyzes compose files: the first is the base, the others are overrides merged onto it in
order, as with "docker compose -f A -f B". List files reached by include or extends too.

options:
  --env-file F        an env file for interpolation (repeatable, later files win); without
                      it, the .env beside the first file is read when it exists
  --profile P         an active Compose profile (repeatable); else COMPOSE_PROFILES
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
  const { values, positionals: paths } = readArguments(args, {
    'env-file': { type: 'string', multiple: true },
    profile: { type: 'string', multiple: true },
    'rules-config': { type: 'string' },
    requirements: { type: 'string' },
    format: { type: 'string' },
    'fail-on': { type: 'string' },
  });
  if (values.help) {
    io.out.write(`${CHECK_HELP}\n`);
    return EXIT.ok;
  }
  const format = choice('format', values.format, FORMATS, 'text');
  const failOn = choice('fail-on', values['fail-on'], LEVELS, 'error');
  if (paths.length === 0) throw new UsageError('missing FILES: name at least one compose file');
  const envPaths = values['env-file'] ?? [];
  for (const path of envPaths) {
    if (!isEnvFileName(path)) {
      throw new UsageError(
        `--env-file ${path}: the analyzer tells env files by their name; name it .env, NAME.env or .env.NAME`,
      );
    }
  }

  const composeFiles = paths.map((path) => ({ path, text: readText(path, io) }));
  const envFiles = envPaths.length > 0 ? envPaths.map((path) => ({ path, text: readText(path, io) })) : defaultEnvFile(paths[0], io);
  const files = [...composeFiles, ...envFiles];
  const rules = values['rules-config'] === undefined ? undefined : readRulesConfig(values['rules-config'], io);
  const profile = values.requirements === undefined ? undefined : readProfile(values.requirements, io);

  let report;
  try {
    report = analyze({ files, env: shellEnvironment(io.env), profiles: values.profile, rules, profile });
  } catch (error) {
    throw new InputError(error.message);
  }
  io.out.write(withNewline(render(report, format, files)));

  const threshold = RANK[failOn];
  const failing = report.findings.filter((finding) => RANK[finding.severity] >= threshold);
  return failing.length > 0 ? EXIT.findings : EXIT.ok;
}

/** The `.env` beside the first compose file, as Compose reads it by default. */
function defaultEnvFile(first, io) {
  const path = join(dirname(first), '.env');
  const text = textIfPresent(path, io);
  return text === undefined ? [] : [{ path, text }];
}

/** The names the analyzer reads as env files rather than compose files. */
function isEnvFileName(path) {
  const name = basename(path);
  return name === '.env' || name.endsWith('.env') || name.startsWith('.env.');
}

/** The rule settings of --rules-config: a JSON object; the analyzer checks the settings. */
function readRulesConfig(path, io) {
  const text = readText(path, io);
  let settings;
  try {
    settings = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: invalid JSON: ${error.message}`);
  }
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    throw new InputError(`${path}: expected an object of rule settings, like { "missing-healthcheck": "off" }`);
  }
  return settings;
}

/** The variables of the command's environment, which win over env files in Compose. */
function shellEnvironment(env) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'string'));
}

function withNewline(text) {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}
