/**
 * The server's HMAC keys. Case secrets, API keys and session tokens are stored only as
 * HMAC-SHA-256 digests: fast to check, useless without the key, which lives in a separate file
 * under DATA_DIR (mode 0600) rather than in the database. Each digest records the id of the key
 * that made it, so a new key can become current while old digests still verify.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SERVER_KEYS_FILE = 'server-keys.json';

interface KeyFile {
  current: string;
  keys: Record<string, string>; // id → base64 (32 bytes)
}

export interface Digest {
  keyId: string;
  digest: Buffer;
}

/** A running server notices a rotation made by `disrupt keys rotate` within this delay. */
const RELOAD_CHECK_MS = 1000;

export class ServerKeys {
  private lastCheck = 0;
  private mtimeMs = 0;

  private constructor(
    private file: KeyFile,
    readonly path: string | undefined,
  ) {
    if (path && existsSync(path)) this.mtimeMs = statSync(path).mtimeMs;
  }

  /** Loads DATA_DIR/server-keys.json, creating it with a fresh key on first start. */
  static loadOrCreate(dataDir: string): ServerKeys {
    const path = join(dataDir, SERVER_KEYS_FILE);
    if (existsSync(path)) return new ServerKeys(parseKeyFile(readFileSync(path, 'utf8'), path), path);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // a first start with a new DATA_DIR
    const keys = new ServerKeys(newKeyFile(), path);
    keys.save();
    return keys;
  }

  static inMemory(): ServerKeys {
    return new ServerKeys(newKeyFile(), undefined);
  }

  get currentKeyId(): string {
    this.reloadIfChanged();
    return this.file.current;
  }

  /** Re-reads the key file when another process (the CLI) rotated it; checked at most once a second. */
  private reloadIfChanged(): void {
    if (!this.path || Date.now() - this.lastCheck < RELOAD_CHECK_MS) return;
    this.lastCheck = Date.now();
    const mtimeMs = statSync(this.path, { throwIfNoEntry: false })?.mtimeMs;
    if (mtimeMs === undefined || mtimeMs === this.mtimeMs) return;
    this.file = parseKeyFile(readFileSync(this.path, 'utf8'), this.path);
    this.mtimeMs = mtimeMs;
  }

  /** Adds a new key and makes it current; old digests keep verifying with their own key. */
  rotate(): string {
    const id = `k${Object.keys(this.file.keys).length + 1}-${randomBytes(3).toString('hex')}`;
    this.file.keys[id] = randomBytes(32).toString('base64');
    this.file.current = id;
    this.save();
    return id;
  }

  digest(token: string): Digest {
    this.reloadIfChanged();
    return { keyId: this.file.current, digest: this.hmac(this.file.current, token) };
  }

  /** Constant-time check of a token against a stored digest. */
  verify(token: string, stored: Digest): boolean {
    this.reloadIfChanged();
    if (this.file.keys[stored.keyId] === undefined) return false;
    const actual = this.hmac(stored.keyId, token);
    return actual.length === stored.digest.length && timingSafeEqual(actual, stored.digest);
  }

  /** Digests of a token under every key, for looking a token up by digest (API keys, sessions). */
  allDigests(token: string): Digest[] {
    this.reloadIfChanged();
    return Object.keys(this.file.keys).map((keyId) => ({ keyId, digest: this.hmac(keyId, token) }));
  }

  toJSON(): string {
    return JSON.stringify(this.file, null, 2);
  }

  private hmac(keyId: string, token: string): Buffer {
    return createHmac('sha256', Buffer.from(this.file.keys[keyId]!, 'base64')).update(token, 'utf8').digest();
  }

  private save(): void {
    if (!this.path) return;
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, this.toJSON() + '\n', { mode: 0o600 });
    renameSync(tmp, this.path);
    this.mtimeMs = statSync(this.path).mtimeMs;
  }
}

function newKeyFile(): KeyFile {
  const id = `k1-${randomBytes(3).toString('hex')}`;
  return { current: id, keys: { [id]: randomBytes(32).toString('base64') } };
}

export function parseKeyFile(text: string, where = 'server keys'): KeyFile {
  const file = JSON.parse(text) as KeyFile;
  if (typeof file.current !== 'string' || typeof file.keys !== 'object' || !file.keys[file.current]) {
    throw new Error(`${where}: not a valid server key file`);
  }
  return file;
}
