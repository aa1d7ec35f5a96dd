/**
 * Partner NGOs (admins only): a name and a referral code. Their people sign in as operators with
 * the role `ngo` (created at /operators with `ngoCode`) and see only their own weekly counts.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { NGO_CODE_PATTERN } from '../../store/ngos-repository.js';
import { ngoView, NgoSchema } from './schemas.js';

const NgoWithAccounts = Type.Object({
  ...NgoSchema.properties,
  accounts: Type.Array(Type.Object({ id: Type.Integer(), username: Type.String(), active: Type.Boolean() })),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admins = app.requireRole('admin');

  app.get('/ngos', { onRequest: admins, schema: { tags: ['admin'], summary: 'Partner NGOs and their accounts', response: { 200: Type.Object({ ngos: Type.Array(NgoWithAccounts) }) } } }, async () => {
    const operators = app.store.operators.list();
    return {
      ngos: app.store.ngos.list().map((ngo) => ({
        ...ngoView(ngo),
        accounts: operators.filter((o) => o.ngoId === ngo.id).map((o) => ({ id: o.id, username: o.username, active: o.active })),
      })),
    };
  });

  app.post(
    '/ngos',
    {
      onRequest: admins,
      schema: {
        tags: ['admin'],
        summary: 'Add a partner NGO with its referral code',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }), code: Type.String({ pattern: NGO_CODE_PATTERN, description: '3 to 32 letters, digits or dashes; case does not matter' }) },
          { additionalProperties: false },
        ),
        response: { 201: NgoSchema },
      },
    },
    async (request, reply) => {
      const ngo = app.store.transaction(() => {
        const created = app.store.ngos.create(request.body);
        if (created) app.operatorAuth.audit(request, 'ngo.create', `ngo:${created.id}`, { name: created.name, code: created.code });
        return created;
      });
      if (!ngo) throw problems.conflict(`the referral code ${JSON.stringify(request.body.code)} is taken`);
      return reply.code(201).send(ngoView(ngo));
    },
  );
};

export default routes;
