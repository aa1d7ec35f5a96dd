/**
 * One generated request: a route from /openapi.json (or a hidden one), a credential (valid, wrong
 * or none), path parameters, query, headers and body, each possibly abusive. Every request that
 * could change state (any method but GET/HEAD/OPTIONS) carries at least one part no schema
 * accepts — an invalid path parameter, a broken JSON body — so none may succeed and the store
 * must come out unchanged; reads may be anything.
 */
import { brokenJsonBody, malformedBody, oversizedBody } from './fuzz-bodies.js';
import { multipartAbuse } from './fuzz-multipart.js';
import { TRAVERSALS, type Route } from './fuzz-routes.js';
import { abusiveHeaders, badAuthorization, INVALID_PARAMS, ODD_PARAMS, oddContentType, oddQuery } from './fuzz-values.js';
import type { RawRequest } from './raw-http.js';
import { clientAddress, pick, randomHex, type Random } from './synthetic-items.js';

export interface Credentials {
  platformKeys: string[];
  caseId: string;
  caseSecret: string;
  itemIds: number[];
  admin: { cookie: string; csrf: string };
  ngo: { cookie: string; csrf: string };
}

export interface FuzzCase {
  /** What was abused, for the report (e.g. `POST /v1/cases body:malformed-hash auth:valid`). */
  label: string;
  category: string;
  request: RawRequest;
  /** A success would mean a malformed request changed something. */
  mustRefuse: boolean;
  /** Framing abuse and truncated bodies: the server may just close the connection. */
  mayGoUnanswered: boolean;
  traversal: boolean;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

function framingAbuse(rand: Random): FuzzCase {
  const raw = pick(rand, [
    'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello',
    'POST /v1/match HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    'POST /v1/cases HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\nContent-Type: application/json\r\n\r\n0\r\n\r\n',
    'POST /v1/cases HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n5\r\n{"ite\r\n',
    'GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n',
    'GET /healthz HTTP/1.1\nHost: x\n\n',
    'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Folded: a\r\n  b\r\n\r\n',
    'FOO /v1/match HTTP/1.1\r\nHost: x\r\n\r\n',
    `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Null: a\u0000b\r\n\r\n',
    'GET /healthz HTTP/1.0\r\n\r\n',
    'POST /v1/cases HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
    'POST /v1/match HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
    'POST /v1/match HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n{}',
    '\r\n\r\n\r\n',
    'GET  /healthz  HTTP/1.1\r\nHost: x\r\n\r\n',
  ]);
  return { label: 'framing', category: 'framing', request: { method: 'RAW', target: '', headers: [], raw: Buffer.from(raw, 'latin1') }, mustRefuse: !raw.startsWith('GET'), mayGoUnanswered: true, traversal: false };
}

function fillParams(route: Route, credentials: Credentials, rand: Random, mustBreak: boolean): { path: string; broken: boolean } {
  let broken = false;
  const path = route.template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (mustBreak || rand() < 0.5) {
      broken = true;
      return pick(rand, INVALID_PARAMS);
    }
    if (name === 'caseId') return rand() < 0.7 ? credentials.caseId : pick(rand, ODD_PARAMS);
    if (name === 'itemId') return rand() < 0.5 ? String(pick(rand, credentials.itemIds)) : pick(rand, ODD_PARAMS);
    if (name === 'file') return pick(rand, ['index.js', 'nothing.css', randomHex(rand, 8) + '.js', 'swagger-ui.css', 'a'.repeat(300)]);
    return pick(rand, ODD_PARAMS);
  });
  return { path, broken };
}

function credentialHeaders(route: Route, credentials: Credentials, rand: Random): { headers: [string, string][]; mode: string } {
  const roll = rand();
  if (roll < 0.2) return { headers: [], mode: 'none' };
  if (roll < 0.4) return { headers: [['Authorization', badAuthorization(rand)]], mode: 'bad' };
  switch (route.credential) {
    case 'platform':
      return { headers: [['Authorization', `Bearer ${pick(rand, credentials.platformKeys)}`]], mode: 'valid' };
    case 'case':
      return { headers: [['Authorization', `Case ${credentials.caseSecret}`]], mode: 'valid' };
    case 'operator': {
      const session = route.template.startsWith('/v1/ngo/') ? credentials.ngo : credentials.admin;
      const headers: [string, string][] = [['Cookie', session.cookie]];
      if (!READS.has(route.method) && rand() < 0.8) headers.push(['X-CSRF-Token', session.csrf]);
      return { headers, mode: 'valid' };
    }
    default:
      return { headers: [], mode: 'none' };
  }
}

export function generateCase(routes: readonly Route[], credentials: Credentials, rand: Random): FuzzCase {
  const roll = rand();
  if (roll < 0.03) return framingAbuse(rand);
  if (roll < 0.07) {
    const target = pick(rand, TRAVERSALS);
    return { label: `GET ${target}`, category: 'traversal', request: { method: pick(rand, ['GET', 'HEAD']), target, headers: [] }, mustRefuse: false, mayGoUnanswered: false, traversal: true };
  }
  const route = pick(rand, routes);
  // Now and then another method on the route's address (405s, HEAD, OPTIONS, PUT…).
  const method = rand() < 0.06 ? pick(rand, ['HEAD', 'OPTIONS', 'PUT', 'PATCH', 'DELETE', 'POST', 'TRACE']) : route.method;
  const changes = !READS.has(method);
  const { headers, mode } = credentialHeaders(route, credentials, rand);
  const hasBodySchema = route.body !== undefined && method === route.method;
  // With a valid credential and no body schema to break, the path parameters must be invalid.
  const mustBreakParams = changes && mode === 'valid' && !hasBodySchema && !route.multipart && route.params.length > 0;
  const { path, broken } = fillParams(route, credentials, rand, mustBreakParams);
  const query = rand() < (changes ? 0.1 : 0.4) ? oddQuery(rand) : '';
  const parts: string[] = [`${method} ${route.template}`, `auth:${mode}`];
  if (broken) parts.push('param');
  if (query) parts.push('query');
  headers.push(['X-Forwarded-For', clientAddress(rand)]);
  if (rand() < 0.25) {
    headers.push(...(abusiveHeaders(rand) as [string, string][]));
    parts.push('headers');
  }
  let body: Buffer | undefined;
  let truncateAt: number | undefined;
  let category = 'params-query-headers';
  if (route.multipart && method === 'POST') {
    const multipart = multipartAbuse(rand);
    headers.push(['Content-Type', multipart.contentType]);
    body = multipart.body;
    truncateAt = multipart.truncateAt;
    category = `multipart:${multipart.label}`;
  } else if (changes) {
    const sizeRoll = rand();
    const built = sizeRoll < 0.02 ? oversizedBody(rand) : hasBodySchema && sizeRoll < 0.75 ? brokenJsonBody(route.body!, rand) : malformedBody(rand, hasBodySchema);
    body = built.body;
    category = `body:${built.label}`;
    // The content type is JSON mostly; an odd one changes nothing: the body is refused either way.
    headers.push(['Content-Type', rand() < 0.8 ? 'application/json' : oddContentType(rand)]);
    if (rand() < 0.03) {
      truncateAt = Math.floor(rand() * body.length);
      category += '+truncated';
    }
  }
  parts.push(category);
  return {
    label: parts.join(' '),
    category,
    request: { method, target: path + query, headers, body, truncateAt },
    mustRefuse: changes,
    // A server refusing an oversized body closes the connection with unread bytes: the TCP reset
    // can wipe its 413 from our receive buffer before we read it.
    mayGoUnanswered: truncateAt !== undefined || category.startsWith('body:oversized'),
    traversal: false,
  };
}
