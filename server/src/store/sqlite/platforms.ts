/**
 * Platforms in SQLite. API keys are looked up by digest: the presented key is HMAC'd under every
 * server key (there are few) and each digest is tried against the unique key_digest index, so a
 * lookup costs a few microseconds and never scans. The digest's key id must match the row's, so
 * a digest made under one key cannot stand in for another.
 */
import { randomSecret } from '../../secrets/tokens.js';
import {
  isPlatformScope,
  PlatformNameTakenError,
  type NewPlatform,
  type Platform,
  type PlatformChanges,
  type PlatformRepository,
  type PlatformScope,
  type PlatformWithKey,
} from '../platforms-repository.js';
import type { StoreContext } from './context.js';
import { isUniqueViolation } from './errors.js';

export const API_KEY_PREFIX = 'dh_';
const KEY_HINT_LENGTH = 6;
const TOUCH_INTERVAL_MS = 60_000;
/**
 * Known keys are remembered this long, so a busy platform does not pay an HMAC and a query on
 * every request. Changes made through this repository clear the memory at once; a change made
 * by another process (the CLI) is seen within this delay.
 */
const KEY_CACHE_MS = 1000;
const KEY_CACHE_MAX = 1024;

interface PlatformRow {
  id: number;
  name: string;
  key_hint: string | null;
  key_key_id: string | null;
  scopes: string;
  thresholds: string;
  listed: number;
  created_at: number;
  revoked_at: number | null;
  last_seen_at: number | null;
}

const COLUMNS = 'id, name, key_hint, key_key_id, scopes, thresholds, listed, created_at, revoked_at, last_seen_at';

function toPlatform(row: PlatformRow): Platform {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.split(',').filter(isPlatformScope),
    thresholds: JSON.parse(row.thresholds) as Record<string, number>,
    listed: row.listed === 1,
    keyHint: row.key_hint,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastSeenAt: row.last_seen_at,
  };
}

/** Scopes in their canonical order, without repeats. */
function scopesText(scopes: readonly PlatformScope[]): string {
  return ['match', 'feed', 'feedback'].filter((s) => scopes.includes(s as PlatformScope)).join(',');
}

export function createSqlitePlatforms({ db, keys, now }: StoreContext): PlatformRepository {
  const insert = db.prepare(
    `INSERT INTO platforms (name, key_digest, key_key_id, key_hint, scopes, thresholds, listed, created_at)
     VALUES (@name, @digest, @keyId, @hint, @scopes, @thresholds, @listed, @now)`,
  );
  const byId = db.prepare<[number], PlatformRow>(`SELECT ${COLUMNS} FROM platforms WHERE id = ?`);
  const byName = db.prepare<[string], PlatformRow>(`SELECT ${COLUMNS} FROM platforms WHERE name = ?`);
  const byDigest = db.prepare<[Buffer], PlatformRow>(`SELECT ${COLUMNS} FROM platforms WHERE key_digest = ? AND revoked_at IS NULL`);
  const all = db.prepare<[], PlatformRow>(`SELECT ${COLUMNS} FROM platforms ORDER BY name`);
  const listed = db.prepare<[], { name: string }>('SELECT name FROM platforms WHERE listed = 1 AND revoked_at IS NULL ORDER BY name');
  const setKey = db.prepare('UPDATE platforms SET key_digest = @digest, key_key_id = @keyId, key_hint = @hint, revoked_at = NULL WHERE id = @id');
  const revoke = db.prepare('UPDATE platforms SET key_digest = NULL, revoked_at = @now WHERE id = @id AND revoked_at IS NULL');
  const setLastSeen = db.prepare('UPDATE platforms SET last_seen_at = ? WHERE id = ?');
  const lastTouched = new Map<number, number>();
  // Only keys that were found: unknown keys always reach the database (and the per-client limit).
  const knownKeys = new Map<string, { platform: Platform; until: number }>();
  const forgetKeys = () => knownKeys.clear();

  function newKey() {
    const apiKey = randomSecret(API_KEY_PREFIX);
    const { keyId, digest } = keys.digest(apiKey);
    return { apiKey, keyId, digest, hint: apiKey.slice(0, KEY_HINT_LENGTH) };
  }

  const repository: PlatformRepository = {
    create(input: NewPlatform): PlatformWithKey {
      const key = newKey();
      let lastInsertRowid: number | bigint;
      try {
        ({ lastInsertRowid } = insert.run({
          name: input.name,
          digest: key.digest,
          keyId: key.keyId,
          hint: key.hint,
          scopes: scopesText(input.scopes),
          thresholds: JSON.stringify(input.thresholds ?? {}),
          listed: input.listed ? 1 : 0,
          now: now(),
        }));
      } catch (error) {
        if (isUniqueViolation(error) && byName.get(input.name)) throw new PlatformNameTakenError(input.name);
        throw error;
      }
      return { platform: toPlatform(byId.get(Number(lastInsertRowid))!), apiKey: key.apiKey };
    },

    get: (id) => {
      const row = byId.get(id);
      return row && toPlatform(row);
    },

    getByName: (name) => {
      const row = byName.get(name);
      return row && toPlatform(row);
    },

    findByKey(apiKey) {
      if (!apiKey.startsWith(API_KEY_PREFIX)) return undefined;
      const at = now();
      const known = knownKeys.get(apiKey);
      if (known && known.until > at) return known.platform;
      for (const { keyId, digest } of keys.allDigests(apiKey)) {
        const row = byDigest.get(digest);
        if (row && row.key_key_id === keyId) {
          const platform = toPlatform(row);
          if (knownKeys.size >= KEY_CACHE_MAX) forgetKeys();
          knownKeys.set(apiKey, { platform, until: at + KEY_CACHE_MS });
          return platform;
        }
      }
      knownKeys.delete(apiKey);
      return undefined;
    },

    list: () => all.all().map(toPlatform),

    listListed: () => listed.all().map((row) => row.name),

    rotateKey(id) {
      if (!byId.get(id)) return undefined;
      const key = newKey();
      setKey.run({ id, digest: key.digest, keyId: key.keyId, hint: key.hint });
      forgetKeys();
      return { platform: toPlatform(byId.get(id)!), apiKey: key.apiKey };
    },

    revoke(id) {
      const changed = revoke.run({ id, now: now() }).changes > 0;
      forgetKeys();
      return changed || byId.get(id) !== undefined;
    },

    update(id, changes: PlatformChanges) {
      const sets: string[] = [];
      const params: Record<string, unknown> = { id };
      if (changes.scopes !== undefined) {
        sets.push('scopes = @scopes');
        params.scopes = scopesText(changes.scopes);
      }
      if (changes.thresholds !== undefined) {
        sets.push('thresholds = @thresholds');
        params.thresholds = JSON.stringify(changes.thresholds);
      }
      if (changes.listed !== undefined) {
        sets.push('listed = @listed');
        params.listed = changes.listed ? 1 : 0;
      }
      if (sets.length > 0) db.prepare(`UPDATE platforms SET ${sets.join(', ')} WHERE id = @id`).run(params);
      forgetKeys();
      return repository.get(id);
    },

    touch(id) {
      const at = now();
      if (at - (lastTouched.get(id) ?? -Infinity) < TOUCH_INTERVAL_MS) return;
      lastTouched.set(id, at);
      setLastSeen.run(at, id);
    },
  };
  return repository;
}
