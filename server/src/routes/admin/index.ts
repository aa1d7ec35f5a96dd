/**
 * The operators' API under /v1/admin: signing in, review (matches, items, cases, stats) for admins
 * and reviewers, and administration (operators, platforms, NGOs, audit log) for admins. Each
 * route states its roles with `requireRole`; nothing here is reachable without a session.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import operatorAuth from '../../plugins/operator-auth.js';
import alerts from './alerts.js';
import audit from './audit.js';
import cases from './cases.js';
import items from './items.js';
import matches from './matches.js';
import ngos from './ngos.js';
import operators from './operators.js';
import platforms from './platforms.js';
import session from './session.js';
import stats from './stats.js';
import totp from './totp.js';
import transparency from './transparency.js';

/** Routes open without a session; every other one says in the OpenAPI document that it needs one. */
const PUBLIC = new Set(['/v1/admin/login', '/v1/admin/login/totp']);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRoute', (route) => {
    if (!PUBLIC.has(route.url)) route.schema = { ...route.schema, security: [{ operatorSession: [] }] };
  });
  await app.register(operatorAuth);
  for (const area of [session, totp, matches, items, alerts, cases, stats, transparency, operators, platforms, ngos, audit]) await app.register(area);
};

export default routes;
