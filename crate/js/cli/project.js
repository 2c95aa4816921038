// The compose files, env files and Compose profiles of a command that loads a project
// (check, fix), read as `docker compose` reads them.
import { dirname, join } from 'node:path';

import { UsageError } from './errors.js';
import { readText, textIfPresent } from './files.js';

/** The options that say which project to load, in parseArgs' form. */
export const PROJECT_OPTIONS = {
  dotenv: { type: 'string', multiple: true },
  'env-file': { type: 'string', multiple: true },
  profile: { type: 'string', multiple: true },
};

export const PROJECT_HELP = `  --dotenv F          an env file for interpolation (repeatable, later files win); without
                      it, the .env beside the first file is read when it exists
  --env-file F        the same, as docker compose spells it; but on Node 20, through npx
                      or "node .../main.js", Node itself loads an --env-file into its own
                      environment (NODE_OPTIONS in it runs code): use --dotenv there
  --profile P         an active Compose profile (repeatable); else COMPOSE_PROFILES`;

/**
 * The input of `analyze` for the compose files at `paths` (base first, then overrides):
 * their texts, the env files (--dotenv and --env-file, in the order given), the command's
 * environment and the active profiles.
 */
export function readProject(paths, { values, tokens }, io) {
  if (paths.length === 0) throw new UsageError('missing FILES: name at least one compose file');
  const envPaths = tokens.filter((token) => token.kind === 'option' && ENV_FILE_OPTIONS.has(token.name)).map((token) => token.value);

  const composeFiles = paths.map((path) => ({ path, text: readText(path, io), kind: 'compose' }));
  const envFiles =
    envPaths.length > 0 ? envPaths.map((path) => ({ path, text: readText(path, io), kind: 'env' })) : defaultEnvFile(paths[0], io);

  return { files: [...composeFiles, ...envFiles], env: shellEnvironment(io.env), profiles: values.profile };
}

/**
 * The two names of the env file option. `--dotenv` is the one Node never reads itself:
 * Node 20 loads an `--env-file` anywhere on its command line into its own environment,
 * in npx's process too, before any code of ours runs.
 */
const ENV_FILE_OPTIONS = new Set(['dotenv', 'env-file']);

/** The `.env` beside the first compose file, as Compose reads it by default. */
function defaultEnvFile(first, io) {
  const path = join(dirname(first), '.env');
  const text = textIfPresent(path, io);
  return text === undefined ? [] : [{ path, text, kind: 'env' }];
}

/** The variables of the command's environment, which win over env files in Compose. */
function shellEnvironment(env) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'string'));
}
