/**
 * `disrupt export [--output file]`: the active bank (no withdrawn or disabled item) as a
 * ThreatExchange-style CSV (see bank-csv.ts), for another HMA-compatible system or a mirror. The
 * file holds every hash of the bank: it is written with owner-only permissions; keep it as safe
 * as the database.
 */
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMAGE_SIGNALS } from '@disrupt/hash-core';
import { bankCsvHeader, bankCsvRow } from './bank-csv.js';
import { withStore } from './open-store.js';
import { UsageError } from './usage-error.js';

export const EXPORT_USAGE = `disrupt export [--output file]
                          write the active bank as CSV (collab,signal_type,signal_str,category,tags),
                          to stdout or to a new file (mode 0600); it holds every hash: keep it safe
`;

export async function runExportCommand(argv: string[]): Promise<number> {
  let output: string | undefined;
  try {
    output = parseArgs({ args: argv, options: { output: { type: 'string', short: 'o' } }, strict: true }).values.output;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (output !== undefined && existsSync(output)) throw new UsageError(`${output} already exists; choose a new file name`);
  return withStore((store) => {
    const fd = output === undefined ? process.stdout.fd : openSync(output, 'wx', 0o600);
    let rows = 0;
    try {
      writeSync(fd, bankCsvHeader());
      // Streams from SQLite: a bank of millions of hashes is never held in memory at once.
      for (const entry of store.cases.activeBankEntries(IMAGE_SIGNALS.map((s) => s.name))) {
        writeSync(fd, bankCsvRow({ ...entry, quality: entry.signal === 'pdq' ? entry.quality : null }));
        rows++;
      }
    } finally {
      if (output !== undefined) closeSync(fd);
    }
    store.audit.record('cli', 'bank.export', null, { rows, to: output === undefined ? 'stdout' : 'file' });
    if (output !== undefined) process.stderr.write(`${rows} hashes written to ${output}\n`);
    return 0;
  });
}
