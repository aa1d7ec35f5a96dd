#!/usr/bin/env node
/**
 * `disrupt` — the command line of disrupt-hash. Each command lives in its own module; this file
 * only dispatches, so `disrupt --help` stays an honest table of contents.
 */
import { BACKUP_USAGE, runBackupCommand, runRestoreCommand } from './backup-command.js';
import { EXPORT_USAGE, runExportCommand } from './export-command.js';
import { runHashCommand, HASH_USAGE } from './hash-command.js';
import { IMPORT_USAGE, runImportCommand } from './import-command.js';
import { NGO_USAGE, runNgoCommand } from './ngo-command.js';
import { OPERATOR_USAGE, runOperatorCommand } from './operator-command.js';
import { PLATFORM_USAGE, runPlatformCommand } from './platform-command.js';
import { runServeCommand, SERVE_USAGE } from './serve-command.js';
import { UsageError } from './usage-error.js';

const USAGE = `Usage: disrupt <command> [options]

Commands:
  serve    Start the service
  hash     Print the fingerprints of image files (one JSON line per file)
  backup   Online backup of the database and server keys into one file
  restore  Restore a backup (stop the server first)
  operator Add, deactivate an operator account, or reset its password
  ngo      Add a partner NGO and its referral code
  platform Add a partner platform, rotate or revoke its API key, list platforms
  export   Write the active bank as CSV (ThreatExchange dataset layout)
  import   Add hashes from a bank CSV or a StopNCII JSON answer

${SERVE_USAGE}
${HASH_USAGE}
${BACKUP_USAGE}
${OPERATOR_USAGE}
${NGO_USAGE}
${PLATFORM_USAGE}
${EXPORT_USAGE}
${IMPORT_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  switch (command) {
    case 'serve':
      return runServeCommand(rest);
    case 'hash':
      return runHashCommand(rest);
    case 'backup':
      return runBackupCommand(rest);
    case 'restore':
      return runRestoreCommand(rest);
    case 'operator':
      return runOperatorCommand(rest);
    case 'ngo':
      return runNgoCommand(rest);
    case 'platform':
      return runPlatformCommand(rest);
    case 'export':
      return runExportCommand(rest);
    case 'import':
      return runImportCommand(rest);
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
