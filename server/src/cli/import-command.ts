/**
 * `disrupt import <file>`: hashes from a bank CSV (ours, or any ThreatExchange dataset CSV) or a
 * StopNCII FetchHashes JSON answer, into one new case held by the operators (no victim secret is
 * handed out, no referral). Unusable rows are skipped and listed (without their values); the rest
 * goes in, in one transaction. A running server sees exact hashes at once and perceptual ones
 * within a few seconds (it follows the change feed: match/follow-feed.ts).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Digest } from '../secrets/server-keys.js';
import { readableCaseId } from '../secrets/tokens.js';
import { readBankFile } from './bank-import.js';
import { withStore } from './open-store.js';
import { UsageError } from './usage-error.js';

export const IMPORT_USAGE = `disrupt import <file> [--json]
                          add the hashes of a bank CSV (disrupt export, ThreatExchange dataset), of a
                          StopNCII FetchHashes JSON answer or of one video's vPDQ text
                          (frameNumber,quality,hash,timestamp) to a new operator-held case; bad rows
                          are skipped and listed (exit 1 if any)
`;

/**
 * An imported case is the operators': there is no victim secret. Random bytes under a key id that
 * no server key has can never verify, so nobody can act on the case through the victim API.
 */
const NO_SECRET: Digest = { keyId: 'none', digest: randomBytes(32) };

export async function runImportCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('import needs exactly one file');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const { items, skipped, format } = readBankFile(text);
  return withStore((store) => {
    let caseId: string | null = null;
    if (items.length > 0) {
      caseId = store.transaction(() => {
        const created = store.cases.create({ secret: NO_SECRET, items }, readableCaseId);
        store.audit.record('cli', 'bank.import', `case:${created.caseId}`, { format, items: items.length, skipped: skipped.length });
        return created.caseId;
      });
    }
    if (parsed.values.json === true) {
      process.stdout.write(`${JSON.stringify({ caseId, items: items.length, skipped })}\n`);
    } else {
      process.stdout.write(caseId ? `Imported ${items.length} item(s) into case ${caseId} (${format}).\n` : `Nothing imported (${format}).\n`);
      if (caseId) process.stdout.write('A running server matches them within a few seconds.\n');
      for (const { where, reason } of skipped) process.stderr.write(`skipped ${where}: ${reason}\n`);
    }
    return skipped.length > 0 || caseId === null ? 1 : 0;
  });
}
