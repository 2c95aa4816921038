// Reading the command's input files, relative to the directory it runs in; a file that
// cannot be read is an InputError naming it.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { extname, resolve } from 'node:path';

import { parseProfile } from '../node.js';
import { InputError } from './errors.js';

/** The text of `path`, or an InputError saying why it cannot be read. */
export function readText(path, io) {
  let bytes;
  try {
    bytes = readBytes(resolve(io.cwd, path), path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${path}: ${reason(error)}`);
  }
  return decode(bytes, path);
}

/** The text of `path`, or undefined when there is no such file. */
export function textIfPresent(path, io) {
  let bytes;
  try {
    bytes = readBytes(resolve(io.cwd, path), path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if (error.code === 'ENOENT') return undefined;
    throw new InputError(`cannot read ${path}: ${reason(error)}`);
  }
  return decode(bytes, path);
}

/** The library's limit on one input file (docs/limits.md): 8 MiB. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * The bytes of the regular file at `absolute`, never more than MAX_FILE_BYTES. The file is
 * opened without blocking and judged by what was opened, so a FIFO is refused instead of
 * waited on, a device (`/dev/zero`) instead of read without end, and a file that grows
 * after the check is still cut off at the limit.
 */
function readBytes(absolute, path) {
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new InputError(`cannot read ${path}: it is a directory`);
    if (!stats.isFile()) throw new InputError(`cannot read ${path}: it is ${kind(stats)}, not a regular file`);
    if (stats.size > MAX_FILE_BYTES) throw tooLarge(path, stats.size);

    const chunks = [];
    let length = 0;
    for (;;) {
      // the size stat gave, then room for one byte past the limit: a file may have grown
      const chunk = Buffer.alloc(Math.min(Math.max(stats.size - length, 64 * 1024), MAX_FILE_BYTES + 1 - length));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > MAX_FILE_BYTES) throw tooLarge(path, `more than ${MAX_FILE_BYTES}`);
    }
    return Buffer.concat(chunks, length);
  } finally {
    closeSync(fd);
  }
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

/** What kind of file `stats` describes, in words, for one that is not a regular file. */
function kind(stats) {
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}

function tooLarge(path, size) {
  return new InputError(`cannot read ${path}: it is ${size} bytes, more than the limit of ${MAX_FILE_BYTES} (8 MiB)`);
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
