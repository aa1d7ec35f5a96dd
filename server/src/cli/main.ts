#!/usr/bin/env node
/**
 * `disrupt` — the command line of disrupt-hash. Each command lives in its own module; this file
 * only dispatches, so `disrupt --help` stays an honest table of contents.
 */
import { UsageError } from './usage-error.js';

interface Command {
  summary: string;
  /** Loaded on use: `disrupt hash` never loads the server, and every call starts faster. */
  load(): Promise<{ run(argv: string[]): Promise<number>; usage: string }>;
}

const COMMANDS: Record<string, Command> = {
  serve: { summary: 'Start the service', load: async () => { const m = await import('./serve-command.js'); return { run: m.runServeCommand, usage: m.SERVE_USAGE }; } },
  hash: { summary: 'Print the fingerprints of image and video files (one JSON line per file)', load: async () => { const m = await import('./hash-command.js'); return { run: m.runHashCommand, usage: m.HASH_USAGE }; } },
  backup: { summary: 'Online backup of the database and server keys into one file', load: async () => { const m = await import('./backup-command.js'); return { run: m.runBackupCommand, usage: m.BACKUP_USAGE }; } },
  restore: { summary: 'Restore a backup (stop the server first)', load: async () => { const m = await import('./backup-command.js'); return { run: m.runRestoreCommand, usage: '' }; } },
  operator: { summary: 'Add, deactivate an operator account, or reset its password', load: async () => { const m = await import('./operator-command.js'); return { run: m.runOperatorCommand, usage: m.OPERATOR_USAGE }; } },
  ngo: { summary: 'Add a partner NGO and its referral code', load: async () => { const m = await import('./ngo-command.js'); return { run: m.runNgoCommand, usage: m.NGO_USAGE }; } },
  platform: { summary: 'Add a partner platform, rotate or revoke its API key, list platforms', load: async () => { const m = await import('./platform-command.js'); return { run: m.runPlatformCommand, usage: m.PLATFORM_USAGE }; } },
  keys: { summary: 'Rotate the server key that protects secrets and API keys', load: async () => { const m = await import('./keys-command.js'); return { run: m.runKeysCommand, usage: m.KEYS_USAGE }; } },
  export: { summary: 'Write the active bank as CSV (ThreatExchange dataset layout)', load: async () => { const m = await import('./export-command.js'); return { run: m.runExportCommand, usage: m.EXPORT_USAGE }; } },
  import: { summary: 'Add hashes from a bank CSV or a StopNCII JSON answer', load: async () => { const m = await import('./import-command.js'); return { run: m.runImportCommand, usage: m.IMPORT_USAGE }; } },
};

async function usage(): Promise<string> {
  const table = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(9)}${c.summary}`).join('\n');
  const details = await Promise.all(Object.values(COMMANDS).map(async (c) => (await c.load()).usage));
  return `Usage: disrupt <command> [options]\n\nCommands:\n${table}\n\n${details.filter((d) => d !== '').join('\n')}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await usage());
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return (await command.load()).run(rest);
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
