// The exit codes of the command line, and the two failures a command may throw.

/** Exit codes, as the package README documents them. */
export const EXIT = Object.freeze({
  ok: 0,
  findings: 1,
  usage: 2,
  input: 3,
  internal: 4,
});

/** The command line was used wrongly: an unknown option, a missing or invalid value. */
export class UsageError extends Error {}

/** An input could not be used: a file that cannot be read or written, an invalid profile. */
export class InputError extends Error {}
