/**
 * Hashing for the evaluation: the CLI's own worker pool (`disrupt hash`), from the built
 * hash-core — the worker file only exists in dist/, and the CLI runs that build too. Originals are
 * hashed as the victims' page does (no dihedral hashes: the page sends none); variants as a platform
 * with `disrupt hash --dihedral` queries (the 8 rotations and flips), unless told otherwise.
 */
import { availableParallelism } from 'node:os';
import type { HashOutcome, HashPool as HashPoolType } from '@disrupt/hash-core/node';

const built = new URL('../../hash-core/dist/node/index.js', import.meta.url);

export async function hashFiles(files: readonly string[], options: { dihedral: boolean }): Promise<HashOutcome[]> {
  if (files.length === 0) return [];
  const { HashPool } = (await import(built.href)) as { HashPool: typeof HashPoolType };
  const pool = new HashPool({ dihedral: options.dihedral, threads: Math.min(files.length, availableParallelism()) });
  try {
    return await Promise.all(files.map((f) => pool.hashFile(f)));
  } finally {
    await pool.close();
  }
}
