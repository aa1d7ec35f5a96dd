/**
 * Victim endpoints: no account, fingerprints only, JSON only, 1 MB bodies. A case is created with
 * its first items and answered with a readable case number and a long secret (shown once). With
 * `Authorization: Case <secret>` the owner can see it, add items and withdraw one or all — which
 * deletes the hashes for real, in the store, the feed and the in-memory indexes.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { problems } from '../../errors.js';
import { randomSecret, readableCaseId } from '../../secrets/tokens.js';
import type { CaseRecord } from '../../store/cases-repository.js';
import { createCaseAuth } from './case-auth.js';
import { addToBank, storedItemAnswers, toNewItem } from './case-items.js';
import { caseView } from './case-view.js';
import { scheduleRetention } from './retention.js';
import { AddItemsBody, AddItemsResponse, CaseParams, CaseView, CreateCaseBody, CreateCaseResponse, ItemParams, VICTIM_BODY_LIMIT } from './schemas.js';
import { clientKey, SecretThrottle } from './secret-throttle.js';
import { victimLimits } from './victim-limits.js';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = victimLimits(app.config.victimLimits);

  // Registered here, so it applies to these routes only; addresses stay in this process's memory.
  await app.register(rateLimit, {
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    enableDraftSpec: true,
    keyGenerator: (request) => clientKey(request.ip),
    errorResponseBuilder: (_request, context) => problems.tooMany(Math.max(1, Math.ceil(context.ttl / 1000)), 'too many requests from your connection'),
  });
  // JSON only: without this, a text/plain body would reach validation instead of getting a 415.
  app.removeContentTypeParser('text/plain');
  // Answers carry secrets and case contents: never cached by a browser or a proxy.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  const authenticate = createCaseAuth(app, new SecretThrottle(limits));
  const authorized = new WeakMap<FastifyRequest, CaseRecord>();
  // Before the body is read: a wrong secret costs us no parsing, and learns nothing about validation.
  const requireCase = async (request: FastifyRequest) => {
    authorized.set(request, authenticate(request, (request.params as { caseId: string }).caseId));
  };
  const caseOf = (request: FastifyRequest) => authorized.get(request)!;
  const tags = ['victims'];
  const security = [{ caseSecret: [] }];

  scheduleRetention(app);

  app.post(
    '/cases',
    {
      bodyLimit: VICTIM_BODY_LIMIT,
      schema: { tags, summary: 'Create a case with the fingerprints of some pictures', body: CreateCaseBody, response: { 201: CreateCaseResponse } },
    },
    async (request, reply) => {
      const items = request.body.items.map(toNewItem);
      const secret = randomSecret();
      const created = app.store.cases.create({ secret: app.keys.digest(secret), referral: request.body.referral, items }, readableCaseId);
      addToBank(app.bank, items, created.items);
      return reply.code(201).send({ caseId: created.caseId, secret, items: storedItemAnswers(items, created.items) });
    },
  );

  app.get(
    '/cases/:caseId',
    {
      preParsing: requireCase,
      schema: { tags, summary: 'See a case: its status, items and confirmed matches', params: CaseParams, security, response: { 200: CaseView } },
    },
    async (request) => caseView(app, caseOf(request)),
  );

  app.post(
    '/cases/:caseId/items',
    {
      bodyLimit: VICTIM_BODY_LIMIT,
      preParsing: requireCase,
      schema: { tags, summary: 'Add pictures to a case', params: CaseParams, security, body: AddItemsBody, response: { 201: AddItemsResponse } },
    },
    async (request, reply) => {
      const record = caseOf(request);
      if (record.status !== 'active') {
        throw problems.conflict('this case was withdrawn and its fingerprints deleted; to protect these pictures, please start a new case');
      }
      const items = request.body.items.map(toNewItem);
      const stored = app.store.cases.addItems(record.id, items);
      addToBank(app.bank, items, stored);
      return reply.code(201).send({ caseId: record.id, items: storedItemAnswers(items, stored) });
    },
  );

  app.delete(
    '/cases/:caseId/items/:itemId',
    {
      preParsing: requireCase,
      schema: { tags, summary: 'Withdraw one item: its fingerprints are deleted', params: ItemParams, security, response: { 200: CaseView } },
    },
    async (request) => {
      const record = caseOf(request);
      const withdrawn = app.store.cases.withdrawItem(record.id, request.params.itemId);
      if (!withdrawn) throw problems.notFound(`item ${request.params.itemId} of this case`);
      app.bank.remove(withdrawn.itemId);
      return caseView(app, app.store.cases.find(record.id)!);
    },
  );

  app.delete(
    '/cases/:caseId',
    {
      preParsing: requireCase,
      schema: { tags, summary: 'Withdraw the whole case: every fingerprint is deleted', params: CaseParams, security, response: { 200: CaseView } },
    },
    async (request) => {
      const record = caseOf(request);
      for (const item of app.store.cases.withdrawCase(record.id)) app.bank.remove(item.itemId);
      return caseView(app, app.store.cases.find(record.id)!);
    },
  );
};

export default routes;
