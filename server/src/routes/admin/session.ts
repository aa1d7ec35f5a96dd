/**
 * Signing in and out: password, then (when enabled) a TOTP code; the signed-in operator's own
 * account. Failures answer the same 401 whether the username exists or not, and cost the same
 * time (a dummy scrypt check), so usernames cannot be probed.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { hashPassword, verifyPassword } from '../../secrets/passwords.js';
import { totpStep } from '../../secrets/totp.js';
import { normalizeUsername, OPERATOR_ROLES } from '../../store/operators-repository.js';
import { iso, operatorView, OperatorSchema, PasswordSchema } from './schemas.js';

const SignedInSchema = Type.Object({ operator: OperatorSchema, csrfToken: Type.String(), expiresAt: Type.String() });
const LoginReply = Type.Object({
  totpRequired: Type.Boolean({ description: 'true: send the code to /v1/admin/login/totp to finish signing in' }),
  operator: Type.Optional(OperatorSchema),
  csrfToken: Type.Optional(Type.String({ description: 'send it as X-CSRF-Token on every POST, PUT, PATCH and DELETE' })),
  expiresAt: Type.Optional(Type.String()),
});
const WRONG_LOGIN = 'wrong username or password';

let dummyHash: Promise<string> | undefined;
/** Checked against when the username is unknown, so both failures take as long. */
const dummy = () => (dummyHash ??= hashPassword('not a real password, only here for timing'));

function throttleKeys(request: FastifyRequest, username: string): [string, string] {
  return [`user:${normalizeUsername(username)}`, `ip:${request.ip}`];
}

function checkThrottle(app: FastifyInstance, keys: readonly string[]): void {
  const wait = app.operatorAuth.throttle.waitMs(keys);
  if (wait > 0) throw problems.tooMany(Math.ceil(wait / 1000), 'too many failed sign-in attempts: wait, then try again');
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = app.operatorAuth;
  const anyRole = app.requireRole(...OPERATOR_ROLES);
  void dummy(); // computed now, so the first unknown username costs no more than the others

  app.post(
    '/login',
    {
      schema: {
        tags: ['operators'],
        summary: 'Sign in with a username and password',
        body: Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }, { additionalProperties: false }),
        response: { 200: LoginReply },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const keys = throttleKeys(request, username);
      checkThrottle(app, keys);
      const credentials = app.store.operators.credentialsByUsername(username);
      const valid = await verifyPassword(password, credentials?.passwordHash ?? (await dummy()));
      if (!credentials || !valid || !credentials.active) {
        auth.throttle.failed(keys);
        // Unknown usernames are not recorded: people sometimes type their password there.
        if (credentials) app.store.audit.record('anonymous', 'session.login_failed', `operator:${credentials.id}`, { reason: valid ? 'inactive' : 'password' });
        throw problems.unauthorized(WRONG_LOGIN);
      }
      if (credentials.totpSecret !== null) {
        auth.startSession(reply, credentials.id, true);
        return { totpRequired: true };
      }
      auth.throttle.succeeded(keys[0]);
      app.store.operators.recordLogin(credentials.id);
      app.store.audit.record(`operator:${credentials.id}`, 'session.login', `operator:${credentials.id}`, { secondFactor: false });
      const session = auth.startSession(reply, credentials.id, false);
      return { totpRequired: false, operator: operatorView(app, app.store.operators.get(credentials.id)!), csrfToken: session.csrfToken, expiresAt: iso(session.expiresAt) };
    },
  );

  app.post(
    '/login/totp',
    {
      schema: {
        tags: ['operators'],
        summary: 'Finish signing in with the code of the authenticator app',
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$', description: 'the 6 digits shown by the app' }) }, { additionalProperties: false }),
        response: { 200: SignedInSchema },
      },
    },
    async (request, reply) => {
      const pending = auth.sessionOf(request);
      const credentials = pending?.totpPending ? app.store.operators.credentials(pending.operatorId) : undefined;
      if (!pending || !credentials?.totpSecret || !credentials.active) throw problems.unauthorized('sign in with your password first (the code must follow within 5 minutes)');
      const keys = throttleKeys(request, credentials.username);
      checkThrottle(app, keys);
      const step = totpStep(credentials.totpSecret, request.body.code);
      if (step === null || !auth.acceptTotpStep(credentials.id, step)) {
        auth.throttle.failed(keys);
        app.store.audit.record('anonymous', 'session.totp_failed', `operator:${credentials.id}`, null);
        throw problems.unauthorized('that code is not valid (codes change every 30 seconds, and each works once)');
      }
      auth.throttle.succeeded(keys[0]);
      // A fresh token for the full session: the pending one is never promoted.
      app.store.sessions.delete(pending.digest);
      app.store.operators.recordLogin(credentials.id);
      app.store.audit.record(`operator:${credentials.id}`, 'session.login', `operator:${credentials.id}`, { secondFactor: true });
      const session = auth.startSession(reply, credentials.id, false);
      return { operator: operatorView(app, app.store.operators.get(credentials.id)!), csrfToken: session.csrfToken, expiresAt: iso(session.expiresAt) };
    },
  );

  app.post('/logout', { onRequest: anyRole, schema: { tags: ['operators'], summary: 'Sign out', response: { 204: Type.Null() } } }, async (request, reply) => {
    auth.audit(request, 'session.logout', `operator:${request.signedIn!.operator.id}`);
    auth.endSession(reply, request.signedIn!.session);
    return reply.code(204).send(null);
  });

  app.get('/me', { onRequest: anyRole, schema: { tags: ['operators'], summary: 'The signed-in operator', response: { 200: SignedInSchema } } }, async (request) => {
    const { operator, session } = request.signedIn!;
    return { operator: operatorView(app, operator), csrfToken: session.csrfToken, expiresAt: iso(session.expiresAt) };
  });

  app.post(
    '/me/password',
    {
      onRequest: anyRole,
      schema: {
        tags: ['operators'],
        summary: 'Change your own password (signs out your other sessions)',
        body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: PasswordSchema }, { additionalProperties: false }),
        response: { 200: SignedInSchema },
      },
    },
    async (request, reply) => {
      const { operator } = request.signedIn!;
      const credentials = app.store.operators.credentials(operator.id)!;
      if (!(await verifyPassword(request.body.currentPassword, credentials.passwordHash))) throw problems.invalid('currentPassword', 'is not your current password');
      const passwordHash = await hashPassword(request.body.newPassword);
      const session = app.store.transaction(() => {
        app.store.operators.setPassword(operator.id, passwordHash);
        app.store.sessions.deleteForOperator(operator.id);
        auth.audit(request, 'operator.password_changed', `operator:${operator.id}`);
        return auth.startSession(reply, operator.id, false);
      });
      return { operator: operatorView(app, operator), csrfToken: session.csrfToken, expiresAt: iso(session.expiresAt) };
    },
  );
};

export default routes;
