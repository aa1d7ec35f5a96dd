import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { HashPool, type HashOutcome } from '@disrupt/hash-core/node';
import { collectFiles } from './collect-files.js';
import { createProgress } from './progress.js';
import { UsageError } from './usage-error.js';

export const HASH_USAGE = `disrupt hash [--dihedral] <file-or-folder>...
  Prints one JSON object per line and file, in a stable order (folders recursively, sorted):
  {"file","type","width","height","sha256","md5","pdq","quality","blockhash"}
  --dihedral   also print "dihedral": the PDQ of the 8 rotations and flips
  A file that cannot be hashed prints {"file","error"}; the others are still hashed, and the exit
  code is 1. Images are decoded locally; nothing is sent anywhere.
`;

function outputLine(file: string, outcome: HashOutcome): string {
  if (!outcome.ok) return JSON.stringify({ file, error: outcome.error });
  const { item, width, height } = outcome.value;
  const { type, ...signals } = item;
  return JSON.stringify({ file, type, width, height, ...signals });
}

export async function runHashCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { dihedral: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(HASH_USAGE);
    return 0;
  }
  if (parsed.positionals.length === 0) throw new UsageError('hash needs at least one file or folder');

  const targets = await collectFiles(parsed.positionals);
  const files = targets.filter((t) => !('error' in t));
  const pool = files.length > 0 ? new HashPool({ dihedral: parsed.values.dihedral ?? false, threads: Math.min(files.length, availableParallelism()) }) : undefined;
  const progress = createProgress(targets.length);
  // Start every file at once (the pool queues them), then print in order as results arrive.
  const outcomes = targets.map((t): Promise<HashOutcome> => ('error' in t ? Promise.resolve({ ok: false, error: t.error }) : pool!.hashFile(t.file)));
  let failed = false;
  try {
    for (let i = 0; i < targets.length; i++) {
      const outcome = await outcomes[i]!;
      if (!outcome.ok) failed = true;
      progress.clear();
      process.stdout.write(outputLine(targets[i]!.file, outcome) + '\n');
      progress.tick();
    }
  } finally {
    progress.finish();
    await pool?.close();
  }
  return failed ? 1 : 0;
}
