/**
 * `disrupt platform add|rotate-key|list|revoke`: partner platforms and their API keys. A key is
 * printed once, when it is made; only its digest is stored, so a lost key is replaced
 * (rotate-key), never recovered. Every change is in the audit log (actor `cli`).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isPlatformScope, PLATFORM_SCOPES, PlatformNameTakenError, thresholdsProblem, type Platform, type PlatformScope, type PlatformWithKey } from '../store/platforms-repository.js';
import type { Store } from '../store/store.js';
import { withStore } from './open-store.js';
import { UsageError } from './usage-error.js';

export const PLATFORM_USAGE = `disrupt platform add --name X --scopes match,feed,feedback [--listed] [--threshold pdq=24] [--json]
                          add a partner platform; prints its API key once (--json: {"id","apiKey"})
disrupt platform rotate-key --name X [--json]
                          replace the platform's key (the old one stops working at once)
disrupt platform list [--json]
                          the platforms, their scopes, thresholds and status (never their keys)
disrupt platform revoke --name X
                          the platform's key stops working; its match history stays
`;

const NAME_MAX_LENGTH = 100;

type Values = Record<string, string | boolean | string[] | undefined>;

function options(argv: string[], allowed: ParseArgsConfig['options']): Values {
  try {
    return parseArgs({ args: argv, options: allowed, allowPositionals: false, strict: true }).values as Values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function requiredName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (!name) throw new UsageError('--name is required');
  if (name.length > NAME_MAX_LENGTH) throw new UsageError(`--name: ${NAME_MAX_LENGTH} characters at most`);
  return name;
}

function parseScopes(value: unknown): PlatformScope[] {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--scopes is required: a comma-separated list of ${PLATFORM_SCOPES.join(', ')}`);
  const scopes = value.split(',').map((s) => s.trim());
  const unknown = scopes.filter((s) => !isPlatformScope(s));
  if (unknown.length > 0) throw new UsageError(`--scopes: unknown scope "${unknown[0]}" (choose from ${PLATFORM_SCOPES.join(', ')})`);
  return scopes as PlatformScope[];
}

/** `--threshold pdq=24 --threshold blockhash=20` → { pdq: 24, blockhash: 20 }. */
function parseThresholds(values: unknown): Record<string, number> {
  const thresholds: Record<string, number> = {};
  for (const entry of (values as string[] | undefined) ?? []) {
    const [signal, bits] = entry.split('=');
    if (!signal || bits === undefined || !/^\d+$/.test(bits)) throw new UsageError(`--threshold: expected signal=bits, e.g. pdq=24 (got "${entry}")`);
    thresholds[signal] = Number(bits);
  }
  const problem = thresholdsProblem(thresholds);
  if (problem) throw new UsageError(`--threshold ${problem}`);
  return thresholds;
}

function existing(store: Store, name: string): Platform {
  const platform = store.platforms.getByName(name);
  if (!platform) throw new Error(`no platform is called "${name}" (see: disrupt platform list)`);
  return platform;
}

function printKey(created: PlatformWithKey, json: boolean, what: string): void {
  if (json) {
    process.stdout.write(`${JSON.stringify({ id: created.platform.id, apiKey: created.apiKey })}\n`);
    return;
  }
  process.stdout.write(
    `${what} "${created.platform.name}" (id ${created.platform.id}, scopes ${created.platform.scopes.join(',')}).\n` +
      `Its API key, shown only this once — hand it over through a secure channel:\n\n  ${created.apiKey}\n\n`,
  );
}

async function add(argv: string[]): Promise<number> {
  const values = options(argv, {
    name: { type: 'string' },
    scopes: { type: 'string' },
    listed: { type: 'boolean' },
    threshold: { type: 'string', multiple: true },
    json: { type: 'boolean' },
  });
  const name = requiredName(values.name);
  const scopes = parseScopes(values.scopes);
  const thresholds = parseThresholds(values.threshold);
  const listed = values.listed === true;
  return withStore((store) => {
    let created: PlatformWithKey;
    try {
      created = store.transaction(() => {
        const result = store.platforms.create({ name, scopes, thresholds, listed });
        // Thresholds as text: the audit log drops fields named after signals (they usually hold hashes).
        const thresholdText = Object.entries(thresholds).map(([signal, bits]) => `${signal}=${bits}`).join(',') || 'default';
        store.audit.record('cli', 'platform.create', `platform:${result.platform.id}`, { name, scopes, thresholds: thresholdText, listed });
        return result;
      });
    } catch (error) {
      if (error instanceof PlatformNameTakenError) throw new Error(`${error.message}; to give it a new key: disrupt platform rotate-key --name "${name}"`);
      throw error;
    }
    printKey(created, values.json === true, 'Added platform');
    return 0;
  });
}

async function rotateKey(argv: string[]): Promise<number> {
  const values = options(argv, { name: { type: 'string' }, json: { type: 'boolean' } });
  const name = requiredName(values.name);
  return withStore((store) => {
    const rotated = store.transaction(() => {
      const platform = existing(store, name);
      const result = store.platforms.rotateKey(platform.id)!;
      store.audit.record('cli', 'platform.rotate-key', `platform:${platform.id}`, { name, wasRevoked: platform.revokedAt !== null });
      return result;
    });
    printKey(rotated, values.json === true, 'New key for platform');
    return 0;
  });
}

async function revoke(argv: string[]): Promise<number> {
  const values = options(argv, { name: { type: 'string' } });
  const name = requiredName(values.name);
  return withStore((store) => {
    const platform = existing(store, name);
    if (platform.revokedAt !== null) {
      process.stdout.write(`Platform "${name}" was already revoked.\n`);
      return 0;
    }
    store.transaction(() => {
      store.platforms.revoke(platform.id);
      store.audit.record('cli', 'platform.revoke', `platform:${platform.id}`, { name });
    });
    process.stdout.write(`Platform "${name}" revoked: its key no longer works. Its match history stays.\n`);
    return 0;
  });
}

const isoOrDash = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'));

async function list(argv: string[]): Promise<number> {
  const values = options(argv, { json: { type: 'boolean' } });
  return withStore((store) => {
    const platforms = store.platforms.list();
    if (values.json === true) {
      process.stdout.write(`${JSON.stringify(platforms)}\n`);
      return 0;
    }
    if (platforms.length === 0) {
      process.stdout.write('No platforms yet. Add one: disrupt platform add --name X --scopes match\n');
      return 0;
    }
    const rows = platforms.map((p) => [
      p.name,
      String(p.id),
      p.revokedAt === null ? 'active' : 'revoked',
      p.scopes.join(','),
      Object.entries(p.thresholds).map(([s, d]) => `${s}=${d}`).join(',') || 'default',
      p.listed ? 'yes' : 'no',
      p.keyHint ? `${p.keyHint}…` : '-',
      isoOrDash(p.lastSeenAt),
    ]);
    const table = [['NAME', 'ID', 'STATUS', 'SCOPES', 'THRESHOLDS', 'LISTED', 'KEY', 'LAST SEEN'], ...rows];
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
    for (const row of table) process.stdout.write(`${row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()}\n`);
    return 0;
  });
}

export async function runPlatformCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  switch (action) {
    case 'add':
      return add(rest);
    case 'rotate-key':
      return rotateKey(rest);
    case 'list':
      return list(rest);
    case 'revoke':
      return revoke(rest);
    case undefined:
      throw new UsageError('platform needs an action: add, rotate-key, list or revoke');
    default:
      throw new UsageError(`unknown platform action "${action}"`);
  }
}
