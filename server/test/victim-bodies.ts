/**
 * What the victim page may send, checked against the server's own schemas (not a copy of them):
 * the privacy test validates every request body the page makes with this.
 */
import { Value } from 'typebox/value';
import { AddItemsBody, CreateCaseBody } from '../src/routes/cases/schemas.js';

/** Why this request body is not a fingerprint-only body the server accepts (empty when it is). */
export function victimBodyProblems(method: string, pathname: string, body: Buffer): string[] {
  const schema = method === 'POST' && pathname === '/v1/cases' ? CreateCaseBody : method === 'POST' && /^\/v1\/cases\/[^/]+\/items$/.test(pathname) ? AddItemsBody : undefined;
  if (!schema) return [`${method} ${pathname} carries a body; only case creation and adding items may`];
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return [`${method} ${pathname}: the body is not JSON`];
  }
  return [...Value.Errors(schema, value)].map((error) => `${method} ${pathname}: ${JSON.stringify(error)}`);
}
