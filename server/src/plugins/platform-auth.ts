/**
 * Platform API keys: `Authorization: Bearer <key>`. The key is resolved once per request (the
 * rate limiter needs it first, to count per platform) and remembered on the request;
 * `requireScope(scope)` then answers 401 for a missing, unknown or revoked key and 403 for a
 * key without the scope. The key itself never reaches a log.
 */
import type { SignalType } from '@disrupt/hash-core';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { Problem, problems } from '../errors.js';
import type { PlatformScope, SignalThresholds } from '../store/platforms-repository.js';

export interface AuthenticatedPlatform {
  id: number;
  name: string;
  scopes: readonly PlatformScope[];
  thresholds: SignalThresholds;
}

/** How far `signal` is searched for this platform: the threshold it set, else the signal's own. */
export function platformRadius(platform: AuthenticatedPlatform, signal: Pick<SignalType, 'name' | 'threshold'>): number {
  return platform.thresholds[signal.name] ?? signal.threshold;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The platform whose key came with the request (null: none, or not a valid key). */
    platform: AuthenticatedPlatform | null;
  }
}

// Whether the key was already resolved: `platform` alone cannot tell "none" from "not looked up".
const resolved = new WeakSet<FastifyRequest>();

function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The platform of this request's key (looked up once), or null. */
export function authenticatePlatform(request: FastifyRequest): AuthenticatedPlatform | null {
  if (resolved.has(request)) return request.platform;
  resolved.add(request);
  const token = bearerToken(request.headers.authorization);
  // Keys are short; anything long is not one of ours and is not worth hashing.
  const found = token !== undefined && token.length <= 128 ? request.server.store.platforms.findByKey(token) : undefined;
  if (!found) return (request.platform = null);
  request.server.store.platforms.touch(found.id);
  return (request.platform = { id: found.id, name: found.name, scopes: found.scopes, thresholds: found.thresholds });
}

/** preHandler: the request must carry an active key with `scope`. */
export function requireScope(scope: PlatformScope): preHandlerAsyncHookHandler {
  return async function checkScope(request: FastifyRequest, _reply: FastifyReply) {
    const platform = authenticatePlatform(request);
    if (!platform) {
      const detail = request.headers.authorization === undefined ? 'send your API key as "Authorization: Bearer <key>"' : 'this API key is not valid (unknown, revoked or replaced)';
      const problem = problems.unauthorized(detail);
      throw new Problem(problem.status, problem.slug, problem.title, problem.detail, undefined, { 'www-authenticate': 'Bearer' });
    }
    if (!platform.scopes.includes(scope)) throw problems.forbidden(`this API key does not have the "${scope}" scope`);
  };
}
