/**
 * Test support for the operator and NGO API: accounts made through the store (as `disrupt
 * operator add` does), and a small client that signs in over HTTP and then sends its session
 * cookie and CSRF token like the console page would.
 */
import { Secret, TOTP } from 'otpauth';
import { expect } from 'vitest';
import { hashPassword } from '../src/secrets/passwords.js';
import type { OperatorRole } from '../src/store/operators-repository.js';
import type { TestServer } from './helpers.js';

export const PASSWORD = 'correct horse battery staple';

// scrypt is slow on purpose: hash each test password once.
const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export function createOperator(server: TestServer, username: string, role: OperatorRole, options: { password?: string; ngoCode?: string } = {}) {
  return (async () => {
    const ngoId = options.ngoCode ? server.app.store.ngos.byCode(options.ngoCode)!.id : null;
    const operator = server.app.store.operators.create({ username, role, ngoId, passwordHash: await hashOf(options.password ?? PASSWORD) });
    if (!operator) throw new Error(`${username} exists`);
    return operator;
  })();
}

/** The `name=value` pair of the session cookie a response sets, and the raw Set-Cookie line. */
export function sessionCookie(response: Response): { pair: string; line: string } | undefined {
  const line = response.headers.getSetCookie().find((c) => /^(__Host-)?disrupt_session=/.test(c));
  return line ? { pair: line.split(';')[0]!, line } : undefined;
}

export interface Operator {
  cookie: string;
  csrf: string;
  /** A request with the session cookie, and the CSRF token unless `csrf: false`. */
  request(path: string, init?: RequestInit & { json?: unknown; csrf?: boolean }): Promise<Response>;
}

export function operatorClient(server: TestServer, cookie: string, csrf: string): Operator {
  return {
    cookie,
    csrf,
    request(path, init = {}) {
      const { csrf: withCsrf = true, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('cookie', cookie);
      if (withCsrf) headers.set('x-csrf-token', csrf);
      return server.request(path, { ...rest, headers });
    },
  };
}

export async function login(server: TestServer, username: string, password = PASSWORD): Promise<Operator> {
  const response = await server.request('/v1/admin/login', { method: 'POST', json: { username, password } });
  const body = (await response.json()) as { csrfToken?: string; totpRequired?: boolean };
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(body.totpRequired).toBe(false);
  return operatorClient(server, sessionCookie(response)!.pair, body.csrfToken!);
}

export async function json<T = any>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** The code an authenticator app shows now (or at `at`) for this base-32 secret (for tests that sign in with TOTP). */
export function currentTotpCode(secret: string, at = Date.now()): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
}
