/**
 * Operator sign-in by session cookie, for the admin and NGO route areas (each registers it).
 *
 * - The cookie holds a random 192-bit token; the store keeps only its HMAC digest. HttpOnly,
 *   SameSite=Strict, Path=/, and Secure (with the `__Host-` prefix) unless `secureCookies` is off.
 *   No Max-Age: the browser drops it on close, the server enforces the expiry.
 * - A session ends after 30 min without a request and 8 h after sign-in in any case (settings in
 *   config.operatorAuth). Each request pushes the idle expiry forward, written at most every
 *   minute so reading pages does not mean a disk write each time.
 * - Every state-changing request (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in
 *   `X-CSRF-Token` (login itself excepted): SameSite=Strict already stops cross-site sends, the
 *   token also covers browsers and proxies that get SameSite wrong.
 * - `requireRole(...roles)` runs as an onRequest hook: an anonymous request is answered 401 before
 *   its body is even parsed, a signed-in one without the role 403.
 */
import { timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { OperatorAuthSettings } from '../config.js';
import { problems } from '../errors.js';
import { randomSecret } from '../secrets/tokens.js';
import type { Operator, OperatorRole } from '../store/operators-repository.js';
import type { Session } from '../store/sessions-repository.js';
import { LoginThrottle } from './login-throttle.js';

export const DEFAULT_OPERATOR_AUTH: OperatorAuthSettings = {
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 8 * 3_600_000,
  totpPendingMs: 5 * 60_000,
  backoffFreeAttempts: 5,
  backoffBaseMs: 1_000,
  backoffMaxMs: 15 * 60_000,
  backoffForgetMs: 3_600_000,
};

export interface SignedIn {
  operator: Operator;
  session: Session;
}

export interface OperatorAuth {
  settings: OperatorAuthSettings;
  throttle: LoginThrottle;
  /** Opens a session (full, or waiting for the TOTP code) and sets its cookie. */
  startSession(reply: FastifyReply, operatorId: number, totpPending: boolean): { csrfToken: string; expiresAt: number };
  /** The session the request's cookie designates, pending or not, if it is still live. */
  sessionOf(request: FastifyRequest): Session | undefined;
  endSession(reply: FastifyReply, session: Session): void;
  /** True the first time a TOTP step is used by this operator: a code works once. */
  acceptTotpStep(operatorId: number, step: number): boolean;
  /** Records an operator action in the audit log, as the signed-in operator. */
  audit(request: FastifyRequest, action: string, target: string | null, detail?: Record<string, unknown>): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    operatorAuth: OperatorAuth;
    requireRole(...roles: OperatorRole[]): onRequestHookHandler;
  }
  interface FastifyRequest {
    /** Set by requireRole for the rest of the request. */
    signedIn: SignedIn | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-csrf-token';

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-disrupt_session' : 'disrupt_session';
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function operatorAuth(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCookie);
  const settings: OperatorAuthSettings = { ...DEFAULT_OPERATOR_AUTH, ...app.config.operatorAuth };
  const secure = app.config.secureCookies;
  const cookieName = sessionCookieName(secure);
  const cookieOptions = { httpOnly: true, secure, sameSite: 'strict', path: '/' } as const;
  const throttle = new LoginThrottle({
    freeAttempts: settings.backoffFreeAttempts,
    baseMs: settings.backoffBaseMs,
    maxMs: settings.backoffMaxMs,
    forgetMs: settings.backoffForgetMs,
  });
  // Touching the expiry at most once per step keeps reads from turning into disk writes.
  const touchStep = Math.min(60_000, Math.ceil(settings.sessionIdleMs / 10));

  const sessionOf = (request: FastifyRequest): Session | undefined => {
    const token = request.cookies[cookieName];
    return token ? app.store.sessions.find(token) : undefined;
  };

  // In memory: after a restart a code could be replayed within its 90 s window, a risk we accept.
  const lastTotpStep = new Map<number, number>();

  const service: OperatorAuth = {
    settings,
    throttle,
    startSession(reply, operatorId, totpPending) {
      const token = randomSecret();
      const csrfToken = randomSecret();
      const expiresAt = Date.now() + (totpPending ? settings.totpPendingMs : Math.min(settings.sessionIdleMs, settings.sessionAbsoluteMs));
      app.store.sessions.purgeExpired(); // sign-ins are rare: a good moment to drop dead sessions
      app.store.sessions.create({ token, operatorId, csrfToken, expiresAt, totpPending });
      reply.setCookie(cookieName, token, cookieOptions);
      return { csrfToken, expiresAt };
    },
    sessionOf,
    endSession(reply, session) {
      app.store.sessions.delete(session.digest);
      reply.clearCookie(cookieName, cookieOptions);
    },
    acceptTotpStep(operatorId, step) {
      if ((lastTotpStep.get(operatorId) ?? -1) >= step) return false;
      lastTotpStep.set(operatorId, step);
      return true;
    },
    audit(request, action, target, detail) {
      const actor = request.signedIn ? `operator:${request.signedIn.operator.id}` : 'anonymous';
      app.store.audit.record(actor, action, target, detail ?? null);
    },
  };

  app.decorate('operatorAuth', service);
  app.decorateRequest('signedIn', null);
  app.decorate('requireRole', (...roles: OperatorRole[]): onRequestHookHandler => {
    const allowed = new Set(roles);
    return async (request) => {
      const session = sessionOf(request);
      const operator = session && !session.totpPending ? app.store.operators.get(session.operatorId) : undefined;
      if (!session || !operator || !operator.active) throw problems.unauthorized('sign in first (or again: sessions end after a while without use)');
      if (STATE_CHANGING.has(request.method)) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameToken(sent, session.csrfToken)) {
          throw problems.forbidden(`the ${CSRF_HEADER} header must carry the token given at sign-in`);
        }
      }
      if (!allowed.has(operator.role)) throw problems.forbidden('your role does not allow this');
      const now = Date.now();
      const expiresAt = Math.min(session.createdAt + settings.sessionAbsoluteMs, now + settings.sessionIdleMs);
      if (expiresAt - session.expiresAt >= touchStep) {
        app.store.sessions.touch(session.digest, expiresAt);
        session.expiresAt = expiresAt;
      }
      request.signedIn = { operator, session };
    };
  });
}

export default fp(operatorAuth, { name: 'operator-auth', dependencies: ['services'] });
