/**
 * One error catalogue, RFC 9457 problem details for every error the API returns. Routes throw
 * `problem(...)`; the error handler turns validation errors, body-size and content-type errors
 * into the same shape, naming the field where there is one.
 */
import { HashFormatError, signalType } from '@disrupt/hash-core';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './plugins/security-headers.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request field at fault, as a path like `items[2].pdq`. */
  field?: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  toBody(): ProblemBody {
    const body: ProblemBody = { type: `https://disrupt-hash.org/problems/${this.slug}`, title: this.title, status: this.status, detail: this.detail };
    if (this.field !== undefined) body.field = this.field;
    return body;
  }
}

export const problems = {
  invalid: (field: string, detail: string) => new Problem(400, 'invalid-request', 'The request is not valid', `${field}: ${detail}`, field),
  unauthorized: (detail = 'missing or invalid credentials') => new Problem(401, 'unauthorized', 'Authentication required', detail),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (what: string) => new Problem(404, 'not-found', 'Not found', `${what} was not found`),
  conflict: (detail: string) => new Problem(409, 'conflict', 'Conflict', detail),
  /** The IETF idempotency-key draft's answer to a key sent again with a different request. */
  keyReused: (header: string) =>
    new Problem(422, 'idempotency-key-reused', 'Idempotency key already used', `${header}: this key was already used for a different request; send a new key with a new request`, header),
  /** `qualifier`: when the limit applies, e.g. "without a video" on routes that allow more for videos. */
  tooLarge: (limit: number, qualifier?: string) =>
    new Problem(413, 'body-too-large', 'Request body too large', `the request body is over the limit of ${limit} bytes${qualifier ? ` ${qualifier}` : ''}`),
  unsupportedMedia: (detail: string) => new Problem(415, 'unsupported-media-type', 'Unsupported media type', detail),
  tooMany: (retryAfterSeconds: number, detail = 'too many requests') =>
    new Problem(429, 'too-many-requests', 'Too many requests', `${detail}; retry in ${retryAfterSeconds} s`, undefined, { 'retry-after': String(retryAfterSeconds) }),
};

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).headers(problem.headers).type('application/problem+json').send(problem.toBody());
}

/** `/items/2/pdq` (ajv instancePath) → `items[2].pdq`. */
export function fieldFromPointer(pointer: string, missingProperty?: string): string {
  const parts = pointer.split('/').filter((p) => p !== '');
  if (missingProperty !== undefined) parts.push(missingProperty);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '') || 'body';
}

interface AjvError {
  instancePath?: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** The value at an ajv instancePath (`/items/2/pdq`) inside the validated data. */
function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .filter((p) => p !== '')
    .reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), data);
}

/**
 * For a fingerprint field, the signal's own explanation ("expected 64 hex characters, got 63")
 * instead of ajv's `must match pattern "^[0-9a-fA-F]{64}$"`.
 */
function signalReason(pointer: string, data: unknown): string | undefined {
  const parts = pointer.split('/').filter((p) => p !== '');
  const name = /^\d+$/.test(parts.at(-1) ?? '') && parts.at(-2) === 'dihedral' ? 'pdq' : parts.at(-1);
  const signal = name === undefined ? undefined : signalType(name);
  if (!signal) return undefined;
  try {
    signal.normalize(valueAt(data, pointer));
  } catch (error) {
    if (error instanceof HashFormatError) return error.reason;
  }
  return undefined;
}

function validationProblem(error: FastifyError, data: unknown): Problem {
  const first = (error.validation as AjvError[] | undefined)?.[0];
  const context = (error as { validationContext?: string }).validationContext ?? 'body';
  if (!first) return problems.invalid(context, error.message);
  const params = first.params ?? {};
  if (first.keyword === 'additionalProperties') {
    const extra = String(params.additionalProperty);
    return problems.invalid(fieldFromPointer(`${first.instancePath ?? ''}/${extra}`), 'unknown field (only fingerprints are accepted)');
  }
  if (first.keyword === 'required') {
    return problems.invalid(fieldFromPointer(first.instancePath ?? '', String(params.missingProperty)), 'is required');
  }
  const field = fieldFromPointer(first.instancePath ?? '') === 'body' && context !== 'body' ? context : fieldFromPointer(first.instancePath ?? '');
  const reason = context === 'body' ? signalReason(first.instancePath ?? '', data) : undefined;
  return problems.invalid(field, reason ?? first.message ?? 'is not valid');
}

/**
 * Router errors (an over-long path parameter, a malformed %-escape) happen before any route and
 * bypass the error handler: answer them with the same problem+json, without echoing the URL.
 * Passed to Fastify as its `frameworkErrors` option.
 */
export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply): void {
  const problem =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new Problem(414, 'uri-too-long', 'Address too long', 'a part of the address is too long')
      : problems.invalid('url', 'the address is not valid');
  void sendProblem(reply, problem);
}

/**
 * Requests Node's HTTP parser refuses (broken framing, a body cut short, headers over 16 KB, a
 * request too slow to arrive) never reach Fastify: answer them with problem+json too, written on
 * the socket (Fastify's default writes its own JSON shape). Passed as `clientErrorHandler`.
 */
export function clientErrors(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return; // the client is gone
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new Problem(431, 'headers-too-large', 'Request headers too large', 'the request headers are over the limit of 16 KB')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new Problem(408, 'request-timeout', 'Request timeout', 'the request did not arrive in time')
        : new Problem(400, 'malformed-request', 'Malformed request', 'the request is not valid HTTP (framing, headers or a body shorter than announced)');
  const body = JSON.stringify(problem.toBody());
  if (socket.writable) {
    const headers = { ...SECURITY_HEADERS, 'content-type': 'application/problem+json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'cache-control': 'no-store', connection: 'close' };
    const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${lines.join('')}\r\n${body}`);
  }
  socket.destroy(error);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof Problem) return sendProblem(reply, error);
    if (error.validation) return sendProblem(reply, validationProblem(error, request.body));
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, problems.tooLarge(request.routeOptions.bodyLimit ?? 0));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, problems.unsupportedMedia(`content type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted here; send application/json`));
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, problems.invalid('body', 'the JSON body is empty'));
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendProblem(reply, problems.invalid('body', 'the body is not valid JSON'));
    }
    if (error.statusCode === 429) return sendProblem(reply, problems.tooMany(Number(reply.getHeader('retry-after') ?? 60)));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, new Problem(error.statusCode, 'bad-request', 'Bad request', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, new Problem(500, 'internal', 'Internal error', 'something went wrong on our side; nothing you sent was stored unless you got a success answer'));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problems.notFound(`${request.method} ${request.url.split('?')[0]}`)));
}
