/**
 * `disrupt keys rotate`: a new server key becomes current for every new case secret, API key and
 * session; digests made with older keys keep verifying (each digest records its key id), so
 * nobody is locked out. A running server picks the new key up within a second.
 */
import { loadConfig } from '../config.js';
import { ServerKeys } from '../secrets/server-keys.js';
import { withStore } from './open-store.js';
import { UsageError } from './usage-error.js';

export const KEYS_USAGE = `disrupt keys rotate       make a new server key current (old digests still verify)
`;

export async function runKeysCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'rotate' || rest.length > 0) throw new UsageError(action === undefined ? 'keys needs an action: rotate' : `unknown keys action "${[action, ...rest].join(' ')}"`);
  const keys = ServerKeys.loadOrCreate(loadConfig().dataDir);
  const previous = keys.currentKeyId;
  const current = keys.rotate();
  await withStore((store) => store.audit.record('cli', 'keys.rotate', `key:${current}`, { previous }));
  process.stdout.write(`new server key ${current} is current; digests made with ${previous} still verify\n`);
  return 0;
}
