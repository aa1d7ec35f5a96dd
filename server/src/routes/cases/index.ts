/**
 * Victim endpoints: no account, fingerprints only, JSON only, 2 MB bodies (8 MB with video frames). A case is created with
 * its first items and answered with a readable case number and a long secret (shown once). With
 * `Authorization: Case <secret>` the owner can see it, add items and withdraw one or all — which
 * deletes the hashes for real, in the store, the feed and the in-memory indexes. Both POSTs take
 * an `Idempotency-Key`, so a retry whose first answer was lost gets that answer, not a second case.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { problems } from '../../errors.js';
import { countBodyBytes, photoBodyLimit } from '../body-size.js';
import { randomCaseSecret, readableCaseId } from '../../secrets/tokens.js';
import type { CaseRecord, StoredItem } from '../../store/cases-repository.js';
import { createCaseAuth } from './case-auth.js';
import { addToBank, storedItemAnswers, toNewItem } from './case-items.js';
import { CaseExport, caseExport } from './case-export.js';
import { caseView } from './case-view.js';
import { checkIdempotencyKey, idempotent, scheduleIdempotencyPurge } from './idempotency.js';
import { scheduleRetention } from './retention.js';
import {
  AddItemsBody,
  AddItemsResponse,
  CaseParams,
  CaseView,
  CreateCaseBody,
  CreateCaseResponse,
  IdempotencyHeaders,
  ItemParams,
  VICTIM_BODY_LIMIT,
  VICTIM_VIDEO_BODY_LIMIT,
} from './schemas.js';
import { clientKey, SecretThrottle } from './secret-throttle.js';
import { SubmissionLimit } from './submission-limit.js';
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
  const submissions = new SubmissionLimit(limits);
  const authorized = new WeakMap<FastifyRequest, CaseRecord>();
  // Before the body is read: a wrong secret costs us no parsing, and learns nothing about validation.
  const requireCase = async (request: FastifyRequest) => {
    authorized.set(request, authenticate(request, (request.params as { caseId: string }).caseId));
  };
  const caseOf = (request: FastifyRequest) => authorized.get(request)!;
  const tags = ['victims'];
  // 8 MB for a body with video frames, 2 MB for pictures only.
  const photosOnlyLimit = photoBodyLimit(VICTIM_BODY_LIMIT);
  const security = [{ caseSecret: [] }];

  scheduleRetention(app);
  scheduleIdempotencyPurge(app);

  app.post(
    '/cases',
    {
      bodyLimit: VICTIM_VIDEO_BODY_LIMIT,
      preParsing: [checkIdempotencyKey, countBodyBytes],
      preValidation: photosOnlyLimit,
      schema: {
        tags,
        summary: 'Create a case with the fingerprints of some pictures or videos',
        headers: IdempotencyHeaders,
        body: CreateCaseBody,
        response: { 201: CreateCaseResponse },
      },
    },
    async (request, reply) => {
      const items = request.body.items.map(toNewItem);
      let stored: readonly StoredItem[] | undefined; // stays unset when a retry gets the first answer again
      const answer = idempotent(app, request, 'POST /v1/cases', () => {
        submissions.check(request.ip, items.length); // inside: a retry answered from its key is not a new submission
        const secret = randomCaseSecret();
        const created = app.store.cases.create({ secret: app.keys.digest(secret), referral: request.body.referral, items }, readableCaseId);
        stored = created.items;
        return { caseId: created.caseId, secret, items: storedItemAnswers(items, created.items) };
      });
      if (stored) {
        submissions.charge(request.ip, items.length);
        addToBank(app.bank, items, stored);
      }
      return reply.code(201).send(answer);
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

  app.get(
    '/cases/:caseId/export',
    {
      preParsing: requireCase,
      schema: {
        tags,
        summary: 'Download everything stored about a case: its items’ fingerprints, statuses, dates and match counts per platform',
        params: CaseParams,
        security,
        response: { 200: CaseExport },
      },
    },
    async (request, reply) => {
      const record = caseOf(request);
      reply.header('content-disposition', `attachment; filename="disrupt-${record.id}.json"`);
      return caseExport(app, record);
    },
  );

  app.post(
    '/cases/:caseId/items',
    {
      bodyLimit: VICTIM_VIDEO_BODY_LIMIT,
      preParsing: [requireCase, checkIdempotencyKey, countBodyBytes],
      preValidation: photosOnlyLimit,
      schema: {
        tags,
        summary: 'Add pictures or videos to a case',
        params: CaseParams,
        headers: IdempotencyHeaders,
        security,
        body: AddItemsBody,
        response: { 201: AddItemsResponse },
      },
    },
    async (request, reply) => {
      const record = caseOf(request);
      if (record.status !== 'active') {
        throw problems.conflict('this case was withdrawn and its fingerprints deleted; to protect these pictures, please start a new case');
      }
      const items = request.body.items.map(toNewItem);
      let stored: readonly StoredItem[] | undefined;
      const answer = idempotent(app, request, `POST /v1/cases/${record.id}/items`, () => {
        submissions.check(request.ip, items.length);
        const added = app.store.cases.addItems(record.id, items);
        stored = added;
        return { caseId: record.id, items: storedItemAnswers(items, added) };
      });
      if (stored) {
        submissions.charge(request.ip, items.length);
        addToBank(app.bank, items, stored);
      }
      return reply.code(201).send(answer);
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
