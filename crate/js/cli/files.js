// Reading the command's input files, relative to the directory it runs in; a file that
// cannot be read is an InputError naming it.
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';

import { parseProfile } from '../node.js';
import { InputError } from './errors.js';

/** The text of `path`, or an InputError saying why it cannot be read. */
export function readText(path, io) {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${reason(error)}`);
  }
}

/** The text of `path`, or undefined when there is no such file. */
export function textIfPresent(path, io) {
  try {
    return readFileSync(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw new InputError(`cannot read ${path}: ${reason(error)}`);
  }
}

/** A requirements profile from a `.json` file, or else a YAML one. */
export function readProfile(path, io) {
  const text = readText(path, io);
  const format = extname(path).toLowerCase() === '.json' ? 'json' : 'yaml';
  try {
    return parseProfile(text, format);
  } catch (error) {
    throw new InputError(`${path}: ${error.message.replace(/^parseProfile: /, '')}`);
  }
}

/** Rule settings from a JSON file (--rules-config): an object; the analyzer checks the settings. */
export function readRuleSettings(path, io) {
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

/** The system's reason for a failed file operation, in words. */
export function reason(error) {
  const words = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EEXIST: 'it already exists',
  };
  return words[error.code] ?? error.message;
}
