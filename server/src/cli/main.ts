#!/usr/bin/env node
/**
 * `disrupt` — the command line of disrupt-hash. Each command lives in its own module; this file
 * only dispatches, so `disrupt --help` stays an honest table of contents.
 */
import { runHashCommand, HASH_USAGE } from './hash-command.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage: disrupt <command> [options]

Commands:
  hash     Print the fingerprints of image files (one JSON line per file)

${HASH_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  switch (command) {
    case 'hash':
      return runHashCommand(rest);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`disrupt: ${error.message}\nRun "disrupt --help" for usage.\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`disrupt: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
