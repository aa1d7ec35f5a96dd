/**
 * `pnpm fuzz-api`, short: 1,000 generated malformed requests to every route of the real server,
 * then malformed media to /v1/match/file and `disrupt hash` (no two-hour video here). No answer
 * ≥ 500, no crash, problem+json for every 4xx with a body, no malformed write accepted, the store
 * unchanged; media refused clearly within bounded time and memory.
 */
import { afterAll, expect, it } from 'vitest';
import { fuzzCli, removeMedia } from './fuzz-media.js';
import { runFuzz } from './fuzz-run.js';

afterAll(removeMedia);

it('survives 1,000 malformed requests and malformed media, with clear refusals and the store unchanged', async () => {
  const report = await runFuzz({ requests: 1000, seed: 11, concurrency: 4, media: true });
  expect(report.violations).toEqual([]);
  expect(report.requests).toBe(1000);
  expect(report.routes).toBeGreaterThan(40);
  // The requests reached the handlers' checks, not only the router: validation refusals, auth refusals, refused media types.
  for (const status of [400, 401, 404, 415]) expect(report.byStatus[status] ?? 0, `answers ${status}`).toBeGreaterThan(0);
  expect(Object.keys(report.byStatus).filter((s) => Number(s) >= 500)).toEqual([]);
  expect(report.media.length).toBeGreaterThan(10);
  expect(report.media.find((m) => m.file === 'bomb.png')).toMatchObject({ outcome: '400' });

  // The CLI starts a process per file: a few representative ones here, all of them in `pnpm fuzz-api`.
  const cli = await fuzzCli({ long: false, only: ['bomb.png', 'empty.jpg', 'huge-frames.mp4', 'png-named.mp4'] });
  expect(cli.flatMap((m) => m.violations)).toEqual([]);
  expect(cli.find((m) => m.file === 'bomb.png')).toMatchObject({ outcome: 'exit 1' });
  expect(cli.find((m) => m.file === 'empty.jpg')?.message).toContain('empty');
  expect(cli.find((m) => m.file === 'png-named.mp4')).toMatchObject({ outcome: 'exit 0' });
}, 120_000);
