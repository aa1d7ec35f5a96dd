import type { Store } from '../store/store.js';
import type { MatchBank } from './match-bank.js';

/**
 * Fills the in-memory indexes from the store at start, in one bulk build per signal: every
 * perceptual value of an item that is neither withdrawn nor disabled (the bank itself skips
 * values under a signal's quality floor), and every frame of the active videos. Exact signals stay in SQLite, where `findExact` looks
 * them up. Returns how many hashes were indexed.
 */
export function loadBank(bank: MatchBank, store: Store): number {
  const perceptual = bank.signals.filter((signal) => signal.kind === 'perceptual').map((signal) => signal.name);
  bank.load(store.cases.activeBankEntries(perceptual));
  bank.frames.load(store.cases.activeFrames());
  return Object.values(bank.sizes()).reduce((sum, size) => sum + size, 0);
}
