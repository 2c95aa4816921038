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

/** A JSON object from a file, or an InputError naming the file; `example` shows the shape. */
export function readJsonObject(path, io, example) {
  const text = readText(path, io);
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${path}: invalid JSON: ${error.message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${path}: expected an object, like ${example}`);
  }
  return value;
}

/** Rule settings from a JSON file (--rules-config); the analyzer checks each setting. */
export function readRuleSettings(path, io) {
  return readJsonObject(path, io, '{ "missing-healthcheck": "off" }');
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
