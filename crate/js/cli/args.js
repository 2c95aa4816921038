// Reading a command's arguments with node:util's parseArgs, so that every mistake in
// them is a UsageError that names the option.
import { parseArgs } from 'node:util';

import { UsageError } from './errors.js';

/**
 * Parses `args` against `options` (parseArgs' own form); `--help` is always known.
 * Returns `{ values, positionals, tokens }`; the tokens keep the order of the options.
 */
export function readArguments(args, options) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw new UsageError(error.message.split('\n')[0]);
  }
}

/** The value of a choice option, or a UsageError listing the choices. */
export function choice(name, value, choices, fallback) {
  if (value === undefined) return fallback;
  if (!choices.includes(value)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got "${value}"`);
  }
  return value;
}

/** Exactly `count` positional arguments, named in `names` for the message. */
export function positionals(found, names) {
  if (found.length < names.length) {
    throw new UsageError(`missing ${names.slice(found.length).join(' and ')}`);
  }
  if (found.length > names.length) {
    throw new UsageError(`unexpected argument "${found[names.length]}"`);
  }
  return found;
}
