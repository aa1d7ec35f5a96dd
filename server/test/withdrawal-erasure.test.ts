/**
 * "Withdraw" means gone: after a victim withdraws, none of the item's fingerprints remains in any
 * file under DATA_DIR — not in the database (secure_delete zeroes freed pages, the feed records
 * are redacted) and not in the write-ahead log (checkpointed and truncated after withdrawals).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startTestServer } from './helpers.js';
import { randomItem, storeItems, withdrawItem } from './platform-helpers.js';

function filesContaining(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'latin1'))) found.push(`${name}: ${needle.slice(0, 8)}…`);
  }
  return found;
}

it('leaves no trace of a withdrawn item’s fingerprints in any file', async () => {
  const server = await startTestServer();
  try {
    const withdrawn = randomItem();
    const kept = randomItem();
    const stored = await storeItems(server, [withdrawn, kept]);
    const secrets = [withdrawn.pdq, withdrawn.blockhash, withdrawn.md5, withdrawn.sha256];
    expect(filesContaining(server.dataDir, secrets).length).toBeGreaterThan(0); // the check can see them

    await withdrawItem(server, stored, stored.itemIds[0]!);
    expect(filesContaining(server.dataDir, secrets)).toEqual([]);
    // the other item is untouched and still stored
    expect(filesContaining(server.dataDir, [kept.pdq]).length).toBeGreaterThan(0);

    const all = await server.request(`/v1/cases/${stored.caseId}`, { method: 'DELETE', headers: { authorization: `Case ${stored.secret}` } });
    expect(all.status).toBe(200);
    expect(filesContaining(server.dataDir, [kept.pdq, kept.blockhash, kept.md5, kept.sha256])).toEqual([]);
  } finally {
    await server.close();
  }
});
