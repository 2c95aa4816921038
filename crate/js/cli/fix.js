// `fix FILES... --diff | --write`: applies the fixes the analyzer knows for its findings,
// as byte-span edits of the files, and prints the diff or writes the files.
import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import { fix as fixFiles } from '../node.js';
import { readArguments } from './args.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { readJsonObject, reason, textIfPresent } from './files.js';
import { PROJECT_HELP, PROJECT_OPTIONS, readProject } from './project.js';

export const FIX_HELP = `usage: compose-architect fix FILES... (--diff | --write) [options]

Fixes what can be fixed safely in compose files (base first, then overrides): each fix
edits only the bytes it must, keeping comments, anchors, order and quoting.

  --diff              print a unified diff of the changes; change no file
  --write             write the changed files in place; when a fix moves a secret into a
                      variable, the .env.example beside the first file gets a line for
                      it (the file is created, or extended when it exists)
${PROJECT_HELP}
  --rule R            fix only the findings of this rule (repeatable); else every rule
                      that has a fix
  --answers F         a JSON file of what only you know: { "registry": "ghcr.io/acme",
                      "tag": "1.0.0", "images": {...}, "tags": {...}, "resources": {...} }

What was fixed, what used a default, and what was skipped and why go to standard error.`;

export async function fix(args, io) {
  const parsed = readArguments(args, {
    ...PROJECT_OPTIONS,
    diff: { type: 'boolean' },
    write: { type: 'boolean' },
    rule: { type: 'string', multiple: true },
    answers: { type: 'string' },
  });
  const { values, positionals: paths } = parsed;
  if (values.help) {
    io.out.write(`${FIX_HELP}\n`);
    return EXIT.ok;
  }
  if (values.diff === values.write) throw new UsageError('give exactly one of --diff and --write');

  const project = withTemplate(readProject(paths, parsed, io), paths[0], io);
  const answers = values.answers === undefined ? undefined : readJsonObject(values.answers, io, '{ "registry": "ghcr.io/acme", "tag": "1.0.0" }');

  let fixed;
  try {
    fixed = fixFiles(project, { rules: values.rule, answers });
  } catch (error) {
    const message = error.message.replace(/^fix: /, '');
    if (message.startsWith('no fix for rule')) throw new UsageError(`--rule: ${message}`);
    throw new InputError(message);
  }

  for (const applied of fixed.applied) {
    io.err.write(`fixed ${applied.file}:${applied.line}:${applied.column} [${applied.rule}] ${applied.message}\n`);
    if (applied.usedDefault) io.err.write(`  default: ${applied.usedDefault}\n`);
    for (const command of applied.commands ?? []) io.err.write(`  run: ${command}\n`);
  }
  for (const skipped of fixed.skipped) {
    io.err.write(`skipped ${skipped.file}:${skipped.line}:${skipped.column} [${skipped.rule}] ${skipped.reason}\n`);
  }

  if (values.diff) {
    io.out.write(fixed.diff);
    return EXIT.ok;
  }
  writeChanged(fixed, project, io);
  return EXIT.ok;
}

/**
 * The project with the `.env.example` beside its first file, when one exists and was not
 * given: a fix that adds a variable extends it (and the diff shows that) instead of
 * writing a new one over it. As a template, its values are never used.
 */
function withTemplate(project, first, io) {
  const path = join(dirname(first), '.env.example');
  const given = project.files.some((file) => basename(file.path) === '.env.example');
  const text = given ? undefined : textIfPresent(path, io);
  if (text === undefined) return project;
  return { ...project, files: [...project.files, { path, text, kind: 'template' }] };
}

/** Writes the changed files; a new file must not replace one on disk that was not given. */
function writeChanged(fixed, project, io) {
  const given = new Set(project.files.map((file) => file.path));
  const changed = fixed.files.filter((file) => file.changed || !given.has(file.path));
  const clashes = changed.filter((file) => !given.has(file.path) && existsSync(resolve(io.cwd, file.path)));
  if (clashes.length > 0) {
    throw new InputError(
      `not replacing ${clashes.map((file) => file.path).join(', ')}, which was not given; nothing was written`,
    );
  }

  for (const file of changed) {
    try {
      writeFileSync(resolve(io.cwd, file.path), file.text);
    } catch (error) {
      throw new InputError(`cannot write ${file.path}: ${reason(error)}`);
    }
    io.out.write(`wrote ${file.path}\n`);
  }
}
