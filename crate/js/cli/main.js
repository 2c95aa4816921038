#!/usr/bin/env -S node --
// (the "--" ends Node's own options: Node 20 otherwise reads a later --env-file itself;
// npx's own Node has no such guard, so the README says --dotenv)
// The command line of the npm package: `compose-architect COMMAND ...`. Each command
// lives in its own module and returns its exit code; this file only dispatches and
// turns the two kinds of failure into their exit codes.
import { check } from './check.js';
import { EXIT, InputError, UsageError } from './errors.js';
import { fix } from './fix.js';
import { generate } from './generate.js';
import { recommend } from './recommend.js';
import { rules } from './rules.js';
import { version } from '../node.js';

const COMMANDS = { check, fix, recommend, generate, rules };

const USAGE = `usage: compose-architect COMMAND [ARGUMENTS]

commands:
  check FILES... [--dotenv F]... [--profile P]... [--rules-config F]
        [--requirements PROFILE] [--format text|json|sarif|markdown|github]
        [--fail-on error|warning|info]
                     analyze compose files (base first, then overrides)
  fix FILES... (--diff | --write) [--dotenv F]... [--profile P]... [--rule R]...
        [--answers F]
                     fix what can be fixed safely; print the diff or write the files
  recommend PROFILE [--format text|json]
                     the recommended architecture for a requirements profile
  generate PROFILE --out DIR [--iteration N] [--force]
                     write the compose spec, .env.example and the handoff
  rules [--format text|json|markdown]
                     every rule, with its category and default severity

exit codes: 0 success, 1 findings at or above --fail-on, 2 usage error,
3 input error (a file that cannot be read or written, an invalid profile),
4 internal error

compose-architect COMMAND --help shows one command's options.`;

/** Runs the command line with `args` (without node and the script); resolves to the exit code. */
async function main(args, io) {
  const [name, ...rest] = args;

  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out.write(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V') {
    io.out.write(`${version()}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.err.write(`compose-architect: unknown command "${name}"\n\n${USAGE}\n`);
    return EXIT.usage;
  }

  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err.write(`compose-architect ${name}: ${error.message}\n`);
      io.err.write(`run "compose-architect ${name} --help" for its options\n`);
      return EXIT.usage;
    }
    if (error instanceof InputError) {
      io.err.write(`compose-architect ${name}: ${error.message}\n`);
      return EXIT.input;
    }
    io.err.write(`compose-architect ${name}: internal error: ${error?.stack ?? error}\n`);
    return EXIT.internal;
  }
}

// a reader that stops early (`| head`) closes the pipe: that is not a failure of ours
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? EXIT.ok);
});
// nor is a closed stderr: the exit code still says how the command ended
process.stderr.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

const io = { out: process.stdout, err: process.stderr, env: process.env, cwd: process.cwd() };
process.exitCode = await main(process.argv.slice(2), io);
