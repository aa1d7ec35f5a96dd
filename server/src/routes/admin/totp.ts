/**
 * Enrolling the optional second factor: the server draws a secret and shows it as an otpauth://
 * URI and a QR code (drawn here, no third party); it is switched on only once the operator proves
 * their app has it by sending a valid code. Until then the secret is held in memory only, for
 * ten minutes.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { newTotpSecret, totpQrSvg, totpStep, totpUri } from '../../secrets/totp.js';
import { OPERATOR_ROLES } from '../../store/operators-repository.js';

const ENROLMENT_MS = 10 * 60_000;

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const anyRole = app.requireRole(...OPERATOR_ROLES);
  const pending = new Map<number, { secret: string; until: number }>();

  app.post(
    '/me/totp',
    {
      onRequest: anyRole,
      schema: {
        tags: ['operators'],
        summary: 'Start enrolling an authenticator app (two-step sign-in)',
        response: {
          200: Type.Object({
            uri: Type.String({ description: 'otpauth:// URI, for apps that take a link' }),
            secret: Type.String({ description: 'base32, for typing into the app by hand' }),
            qrSvg: Type.String({ description: 'the URI as a QR code, an SVG document' }),
            expiresAt: Type.String(),
          }),
        },
      },
    },
    async (request) => {
      const { operator } = request.signedIn!;
      if (operator.totpEnabled) throw problems.conflict('two-step sign-in is already on; an admin can reset it if you need to enrol a new device');
      const secret = newTotpSecret();
      const until = Date.now() + ENROLMENT_MS;
      for (const [id, entry] of pending) if (entry.until < Date.now()) pending.delete(id);
      pending.set(operator.id, { secret, until });
      const uri = totpUri(secret, operator.username);
      return { uri, secret, qrSvg: await totpQrSvg(uri), expiresAt: new Date(until).toISOString() };
    },
  );

  app.post(
    '/me/totp/confirm',
    {
      onRequest: anyRole,
      schema: {
        tags: ['operators'],
        summary: 'Switch two-step sign-in on with a first code from the app',
        body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ totpEnabled: Type.Literal(true) }) },
      },
    },
    async (request) => {
      const { operator } = request.signedIn!;
      const enrolment = pending.get(operator.id);
      if (!enrolment || enrolment.until < Date.now()) throw problems.conflict('start the enrolment first (it stays open for 10 minutes)');
      const step = totpStep(enrolment.secret, request.body.code);
      if (step === null) throw problems.invalid('code', 'is not the current code of the app (check that the phone’s clock is right)');
      app.operatorAuth.acceptTotpStep(operator.id, step);
      app.store.transaction(() => {
        app.store.operators.setTotpSecret(operator.id, enrolment.secret);
        app.operatorAuth.audit(request, 'operator.totp_enabled', `operator:${operator.id}`);
      });
      pending.delete(operator.id);
      return { totpEnabled: true as const };
    },
  );
};

export default routes;
