// Reading the command's input files, relative to the directory it runs in; a file that
// cannot be read is an InputError naming it.
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';

import { parseProfile } from '../node.js';
import { InputError } from './errors.js';

/** The text of `path`, or an InputError saying why it cannot be read. */
export function readText(path, io) {
  let bytes;
  try {
    bytes = readFileSync(resolve(io.cwd, path));
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${reason(error)}`);
  }
  return decode(bytes, path);
}

/** The text of `path`, or undefined when there is no such file. */
export function textIfPresent(path, io) {
  let bytes;
  try {
    bytes = readFileSync(resolve(io.cwd, path));
  } catch (error) {
    if (error.code === 'ENOENT') return undefined;
    throw new InputError(`cannot read ${path}: ${reason(error)}`);
  }
  return decode(bytes, path);
}

/** Strict UTF-8 that keeps a byte order mark: edits are byte spans of exactly this text. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The text of a file's bytes, or an InputError at the first byte that is not UTF-8: a
 * lossy decoding would analyze, and `fix --write` would write, a character the file lacks.
 */
function decode(bytes, path) {
  try {
    return UTF8.decode(bytes);
  } catch {
    const at = firstInvalidByte(bytes);
    const before = UTF8.decode(bytes.subarray(0, at));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    const byte = bytes[at]?.toString(16).padStart(2, '0') ?? 'end';
    throw new InputError(`${path}:${line}:${column}: not UTF-8: byte 0x${byte} at offset ${at}`);
  }
}

/**
 * The offset of the first byte that starts no valid UTF-8 sequence (the WHATWG decoder's
 * rules: no overlong forms, no surrogates, nothing above U+10FFFF), or of a sequence cut off
 * at the end.
 */
function firstInvalidByte(bytes) {
  let at = 0;
  while (at < bytes.length) {
    const lead = bytes[at];
    let length;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else return at;

    for (let next = 1; next < length; next++) {
      const byte = bytes[at + next];
      if (byte === undefined || byte < lower || byte > upper) return at;
      lower = 0x80;
      upper = 0xbf;
    }
    at += length;
  }
  return at;
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
