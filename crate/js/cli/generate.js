// `generate PROFILE --out DIR`: writes the compose spec, its .env.example and the handoff
// for a requirements profile. Refuses to replace existing files unless --force is given.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

import { generate as generateFiles } from '../node.js';
import { positionals, readArguments } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { readProfile, reason } from './files.js';

export const GENERATE_HELP = `usage: compose-architect generate PROFILE --out DIR [--iteration N] [--force]

Generates, for a requirements profile (YAML or JSON), the compose spec at an iteration of
the ladder (1 to 7; 1 when not given), its .env.example, and the handoff (handoff.md,
handoff.json and the diagram architecture.svg), and writes them under DIR, creating it
when needed. Files that already exist are left alone, and nothing is written, unless
--force is given.`;

export async function generate(args, io) {
  const { values, positionals: found } = readArguments(args, {
    out: { type: 'string' },
    iteration: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (values.help) {
    io.out.write(`${GENERATE_HELP}\n`);
    return EXIT.ok;
  }
  const [path] = positionals(found, ['PROFILE']);
  if (values.out === undefined || values.out === '') throw new UsageError('missing --out DIR');
  const iteration = values.iteration === undefined ? 1 : iterationNumber(values.iteration);

  const profile = readProfile(path, io);
  let generated;
  try {
    generated = generateFiles(profile, { iteration });
  } catch (error) {
    throw new InputError(error.message);
  }

  const out = resolve(io.cwd, values.out);
  const targets = generated.files.map((file) => ({ ...file, shown: join(values.out, file.path), target: inside(out, file.path) }));
  const existing = targets.filter((file) => existsSync(file.target));
  if (existing.length > 0 && !values.force) {
    throw new InputError(
      `not replacing ${existing.map((file) => file.shown).join(', ')}; nothing was written (use --force to replace)`,
    );
  }
  for (const file of targets) {
    try {
      makeFolders(dirname(file.target));
      writeFileSync(file.target, file.text);
    } catch (error) {
      throw new InputError(`cannot write ${file.shown}: ${reason(error)}`);
    }
    io.out.write(`wrote ${file.shown}\n`);
  }
  return EXIT.ok;
}

/**
 * Creates `folder` and the folders above it that are missing, one at a time: Node's own
 * recursive mkdir never returns where a parent refuses new entries (under /proc).
 */
function makeFolders(folder) {
  const missing = [];
  let current = folder;
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) mkdirSync(path);
}

/** The iterations of the ladder: 1 (core services) to 7 (resource hints). */
const LAST_ITERATION = 7;

function iterationNumber(text) {
  if (!/^[1-9][0-9]*$/.test(text) || Number(text) > LAST_ITERATION) {
    throw new UsageError(`--iteration must be a whole number from 1 to ${LAST_ITERATION}; got "${text}"`);
  }
  return Number(text);
}

/**
 * The absolute path of a generated file under `out`; a path that would leave it is a bug.
 * Judged by the relative path, not by a prefix of `out` plus a separator: the root folder
 * (`--out /`) already ends in one.
 */
function inside(out, path) {
  const target = join(out, path);
  const within = relative(out, target);
  if (isAbsolute(path) || within === '' || within === '..' || within.startsWith(`..${sep}`) || isAbsolute(within)) {
    throw new Error(`the generator named a path outside the output folder: ${path}`);
  }
  return target;
}
