/** What a partner NGO sees through HTTP: its own referrals per ISO week, small counts as "<5". */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeek } from '../src/store/iso-week.js';
import { createCase, expectProblem, openDb } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login } from './operator-helpers.js';
import { randomItem } from './platform-helpers.js';

const WEEK_MS = 7 * 86_400_000;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
  server.app.store.ngos.create({ name: 'Association Une', code: 'ASSO-1' });
  server.app.store.ngos.create({ name: 'Deux', code: 'DEUX' });
  await createOperator(server, 'une', 'ngo', { ngoCode: 'ASSO-1' });
  await createOperator(server, 'deux', 'ngo', { ngoCode: 'DEUX' });
  await createOperator(server, 'rita', 'reviewer');

  // ASSO-1: 6 cases last week, 2 two weeks ago, 1 four weeks ago, 3 this week (not shown yet);
  // DEUX: 3 last week; and 2 cases without a referral.
  const asso: string[] = [];
  for (let i = 0; i < 12; i++) asso.push((await createCase(server, [randomItem()], { referral: i % 2 ? 'asso-1' : 'ASSO-1' })).caseId);
  const deux: string[] = [];
  for (let i = 0; i < 3; i++) deux.push((await createCase(server, [randomItem()], { referral: 'DEUX' })).caseId);
  for (let i = 0; i < 2; i++) await createCase(server, [randomItem()]);
  const db = openDb(server);
  try {
    const move = db.prepare('UPDATE cases SET created_at = created_at - ? WHERE id = ?');
    asso.slice(0, 6).forEach((id) => move.run(WEEK_MS, id));
    asso.slice(6, 8).forEach((id) => move.run(2 * WEEK_MS, id));
    move.run(4 * WEEK_MS, asso[8]);
    deux.forEach((id) => move.run(WEEK_MS, id));
  } finally {
    db.close();
  }
});
afterAll(async () => server.close());

describe('GET /v1/ngo/stats', () => {
  it('shows the NGO its own referrals per completed ISO week, every week of the range, under 5 as "<5"', async () => {
    const une = await login(server, 'une');
    const body = await json(await une.request('/v1/ngo/stats?weeks=4'), 200);
    const now = Date.now();
    expect(body).toEqual({
      ngo: { name: 'Association Une', code: 'ASSO-1' },
      weeks: [
        { week: isoWeek(now - 4 * WEEK_MS), referrals: '<5' },
        { week: isoWeek(now - 3 * WEEK_MS), referrals: '<5' },
        { week: isoWeek(now - 2 * WEEK_MS), referrals: '<5' },
        { week: isoWeek(now - WEEK_MS), referrals: 6 },
      ],
    });
    expect(body.weeks[3].week).toMatch(/^\d{4}-W\d{2}$/);
    expect(JSON.stringify(body)).not.toContain(isoWeek(now)); // the week under way is not shown
    const defaults = await json(await une.request('/v1/ngo/stats'), 200);
    expect(defaults.weeks).toHaveLength(12);
    expect(defaults.weeks.at(-1)).toEqual({ week: isoWeek(now - WEEK_MS), referrals: 6 });
  });

  it('shows another NGO only its own counts, and nothing per case', async () => {
    const deux = await login(server, 'deux');
    const body = await json(await deux.request('/v1/ngo/stats?weeks=2'), 200);
    expect(body).toEqual({ ngo: { name: 'Deux', code: 'DEUX' }, weeks: [expect.objectContaining({ referrals: '<5' }), expect.objectContaining({ referrals: '<5' })] });
    expect(JSON.stringify(body)).not.toMatch(/DSR-/);
  });

  it('is for NGO accounts only, and checks its query', async () => {
    const une = await login(server, 'une');
    await expectProblem(await une.request('/v1/ngo/stats?weeks=0'), 400, 'weeks');
    await expectProblem(await une.request('/v1/ngo/stats?caseId=DSR-1'), 400, 'caseId');
    await expectProblem(await (await login(server, 'rita')).request('/v1/ngo/stats'), 403);
    await expectProblem(await server.request('/v1/ngo/stats'), 401);
    // The NGO account reaches none of the operators' data.
    await expectProblem(await une.request('/v1/admin/matches'), 403);
    await expectProblem(await une.request('/v1/admin/stats'), 403);
  });
});
