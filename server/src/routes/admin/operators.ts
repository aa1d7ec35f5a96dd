/**
 * Operator accounts (admins only): create (with a password given, or a temporary one shown once),
 * deactivate and reactivate, reset a password, change a role, clear a lost second factor. The
 * last active admin can be neither deactivated nor demoted: someone must be able to run the place.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { hashPassword } from '../../secrets/passwords.js';
import { randomSecret } from '../../secrets/tokens.js';
import { USERNAME_PATTERN, type Operator, type OperatorRole } from '../../store/operators-repository.js';
import { NGO_CODE_PATTERN } from '../../store/ngos-repository.js';
import { IdParams, operatorView, OperatorSchema, PasswordSchema, RoleSchema } from './schemas.js';

const NgoCode = Type.String({ pattern: NGO_CODE_PATTERN, description: 'referral code of the NGO (role ngo only)' });
const WithPassword = Type.Object({
  operator: OperatorSchema,
  temporaryPassword: Type.Optional(Type.String({ description: 'shown once: hand it over safely; the operator can change it at /me/password' })),
});

/** The NGO a role needs: exactly one for `ngo`, none for the others. */
function ngoForRole(app: FastifyInstance, role: OperatorRole, ngoCode: string | undefined): number | null {
  if (role !== 'ngo') {
    if (ngoCode !== undefined) throw problems.invalid('ngoCode', 'only accounts with the role ngo belong to an NGO');
    return null;
  }
  if (ngoCode === undefined) throw problems.invalid('ngoCode', 'is required for the role ngo');
  const ngo = app.store.ngos.byCode(ngoCode);
  if (!ngo) throw problems.invalid('ngoCode', `no NGO has the code ${JSON.stringify(ngoCode)}`);
  return ngo.id;
}

/** A temporary password: 27 URL-safe characters (160 bits), shown once. */
const temporaryPassword = () => randomSecret().slice(0, 27);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admins = app.requireRole('admin');
  const auth = app.operatorAuth;

  const target = (id: number): Operator => {
    const operator = app.store.operators.get(id);
    if (!operator) throw problems.notFound(`operator ${id}`);
    return operator;
  };
  /** Refuses to leave the service without an active admin. */
  const keepAnAdmin = (operator: Operator) => {
    if (operator.role === 'admin' && operator.active && app.store.operators.countActiveAdmins() <= 1) {
      throw problems.conflict('this is the last active admin: make another admin first');
    }
  };

  app.get('/operators', { onRequest: admins, schema: { tags: ['admin'], summary: 'Operator accounts', response: { 200: Type.Object({ operators: Type.Array(OperatorSchema) }) } } }, async () => ({
    operators: app.store.operators.list().map((operator) => operatorView(app, operator)),
  }));

  app.post(
    '/operators',
    {
      onRequest: admins,
      schema: {
        tags: ['admin'],
        summary: 'Create an operator account',
        body: Type.Object(
          { username: Type.String({ pattern: USERNAME_PATTERN }), role: RoleSchema, ngoCode: Type.Optional(NgoCode), password: Type.Optional(PasswordSchema) },
          { additionalProperties: false },
        ),
        response: { 201: WithPassword },
      },
    },
    async (request, reply) => {
      const { username, role, ngoCode, password } = request.body;
      const ngoId = ngoForRole(app, role, ngoCode);
      const temporary = password === undefined ? temporaryPassword() : undefined;
      const passwordHash = await hashPassword(password ?? temporary!);
      const operator = app.store.transaction(() => {
        const created = app.store.operators.create({ username, passwordHash, role, ngoId });
        if (created) auth.audit(request, 'operator.create', `operator:${created.id}`, { username: created.username, role, ngoCode });
        return created;
      });
      if (!operator) throw problems.conflict(`the username ${JSON.stringify(username)} is taken`);
      return reply.code(201).send({ operator: operatorView(app, operator), temporaryPassword: temporary });
    },
  );

  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    app.post(
      `/operators/:id/${path}`,
      {
        onRequest: admins,
        schema: { tags: ['admin'], summary: active ? 'Reactivate an operator' : 'Deactivate an operator (signs them out)', params: IdParams, response: { 200: OperatorSchema } },
      },
      async (request) => {
        const operator = target(request.params.id);
        if (!active) {
          if (operator.id === request.signedIn!.operator.id) throw problems.conflict('you cannot deactivate your own account');
          keepAnAdmin(operator);
        }
        app.store.transaction(() => {
          app.store.operators.setActive(operator.id, active);
          if (!active) app.store.sessions.deleteForOperator(operator.id);
          auth.audit(request, `operator.${path}`, `operator:${operator.id}`);
        });
        return operatorView(app, target(operator.id));
      },
    );
  }

  app.post(
    '/operators/:id/reset-password',
    {
      onRequest: admins,
      schema: {
        tags: ['admin'],
        summary: "Set a new password (given, or a temporary one shown once); signs the operator out",
        params: IdParams,
        body: Type.Object({ password: Type.Optional(PasswordSchema) }, { additionalProperties: false }),
        response: { 200: WithPassword },
      },
    },
    async (request) => {
      const operator = target(request.params.id);
      const temporary = request.body.password === undefined ? temporaryPassword() : undefined;
      const passwordHash = await hashPassword(request.body.password ?? temporary!);
      app.store.transaction(() => {
        app.store.operators.setPassword(operator.id, passwordHash);
        app.store.sessions.deleteForOperator(operator.id);
        auth.audit(request, 'operator.reset_password', `operator:${operator.id}`, { temporary: temporary !== undefined });
      });
      return { operator: operatorView(app, operator), temporaryPassword: temporary };
    },
  );

  app.post(
    '/operators/:id/role',
    {
      onRequest: admins,
      schema: {
        tags: ['admin'],
        summary: 'Change the role of an operator (and the NGO of an ngo account)',
        params: IdParams,
        body: Type.Object({ role: RoleSchema, ngoCode: Type.Optional(NgoCode) }, { additionalProperties: false }),
        response: { 200: OperatorSchema },
      },
    },
    async (request) => {
      const operator = target(request.params.id);
      const { role, ngoCode } = request.body;
      const ngoId = ngoForRole(app, role, ngoCode);
      if (role !== 'admin') keepAnAdmin(operator);
      app.store.transaction(() => {
        app.store.operators.setRole(operator.id, role, ngoId);
        auth.audit(request, 'operator.role', `operator:${operator.id}`, { from: operator.role, to: role, ngoCode });
      });
      return operatorView(app, target(operator.id));
    },
  );

  app.delete(
    '/operators/:id/totp',
    {
      onRequest: admins,
      schema: { tags: ['admin'], summary: 'Switch off the second factor of an operator who lost their device', params: IdParams, response: { 200: OperatorSchema } },
    },
    async (request) => {
      const operator = target(request.params.id);
      app.store.transaction(() => {
        app.store.operators.setTotpSecret(operator.id, null);
        auth.audit(request, 'operator.totp_reset', `operator:${operator.id}`);
      });
      return operatorView(app, target(operator.id));
    },
  );
};

export default routes;
