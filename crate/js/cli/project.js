// The compose files, env files and Compose profiles of a command that loads a project
// (check, fix), read as `docker compose` reads them.
import { basename, dirname, join } from 'node:path';

import { UsageError } from './errors.js';
import { readText, textIfPresent } from './files.js';

/** The options that say which project to load, in parseArgs' form. */
export const PROJECT_OPTIONS = {
  'env-file': { type: 'string', multiple: true },
  profile: { type: 'string', multiple: true },
};

export const PROJECT_HELP = `  --env-file F        an env file for interpolation (repeatable, later files win); without
                      it, the .env beside the first file is read when it exists
  --profile P         an active Compose profile (repeatable); else COMPOSE_PROFILES`;

/**
 * The input of `analyze` for the compose files at `paths` (base first, then overrides):
 * their texts, the env files, the command's environment and the active profiles.
 */
export function readProject(paths, values, io) {
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

  return { files: [...composeFiles, ...envFiles], env: shellEnvironment(io.env), profiles: values.profile };
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

/** The variables of the command's environment, which win over env files in Compose. */
function shellEnvironment(env) {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'string'));
}
