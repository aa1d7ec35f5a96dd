/**
 * No IP address, file name or query hash anywhere: the real `disrupt serve` runs at debug level
 * behind TRUST_PROXY, takes victims' submissions (IPv4, IPv6 and a forwarded address), platforms'
 * matches (near and unknown hashes, a video, an uploaded file with a telling name, malformed
 * bodies), feedback, an operator's review and withdrawals; then its whole output and every file
 * under DATA_DIR are searched for those values, as text and, for hashes, as raw bytes.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashImageBytes } from '@disrupt/hash-core/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { bodyOf } from './json-body.js';
import { blockImage, encodePng, flipBits, hex, randomItem } from './platform-helpers.js';
import { randomFrames, reencoded, videoItem } from './video-helpers.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');
const FORWARDED = '198.51.100.23';
const FILE_NAME = 'IMG_20240611_private-beach.png';
const PASSWORD = 'correct horse battery staple';

let child: ChildProcess;
let dataDir: string;
let port: number;
let output = '';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '::', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function cli(args: string[], input?: string): string {
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir }, input, encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`disrupt ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'disrupt-pii-'));
  port = await freePort();
  // Listening on :: takes IPv6 (::1) and IPv4 (127.0.0.1, seen as ::ffff:127.0.0.1) alike.
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '::', LOG_LEVEL: 'debug', TRUST_PROXY: 'loopback', INSECURE_COOKIES: '1' };
  child = spawn(process.execPath, [CLI, 'serve'], { env });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(base: string, path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  return fetch(base + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
}

/** Where each needle occurs: a file under DATA_DIR, or the server's output (but its own listening address). */
function occurrences(needles: Record<string, Buffer[]>): string[] {
  const logged = output
    .split('\n')
    .filter((line) => !/"msg":"Server listening at /.test(line)) // the server's own address, not a client's
    .join('\n');
  const places: [string, Buffer][] = [['server output', Buffer.from(logged)], ...readdirSync(dataDir).map((name) => [name, readFileSync(join(dataDir, name))] as [string, Buffer])];
  const found: string[] = [];
  for (const [what, forms] of Object.entries(needles)) {
    for (const [place, bytes] of places) if (forms.some((form) => bytes.includes(form))) found.push(`${what} in ${place}`);
  }
  return found;
}

const asText = (value: string) => [Buffer.from(value)];
const asHash = (value: string) => [Buffer.from(value.toLowerCase()), Buffer.from(value.toUpperCase()), Buffer.from(value, 'hex')];

it('keeps no client address, file name or query hash in its logs or its files', async () => {
  const v4 = `http://127.0.0.1:${port}`;
  const v6 = `http://[::1]:${port}`;
  const forwarded = { 'x-forwarded-for': FORWARDED };

  // Victims: from a forwarded address, over IPv4 and over IPv6.
  const photo = randomItem();
  const video = videoItem(randomFrames(10));
  const created = await bodyOf(call(v4, '/v1/cases', { method: 'POST', headers: forwarded, json: { items: [photo, video] } }));
  expect(created.caseId).toMatch(/^DSR-/);
  const auth = { authorization: `Case ${created.secret}` };
  const extra = randomItem();
  expect((await call(v6, `/v1/cases/${created.caseId}/items`, { method: 'POST', headers: auth, json: { items: [extra] } })).status).toBe(201);
  expect((await call(v6, `/v1/cases/${created.caseId}`, { headers: { authorization: 'Case WRONGSECRET' } })).status).toBe(401);
  expect((await call(v4, `/v1/cases/${created.caseId}/export`, { headers: { ...auth, ...forwarded } })).status).toBe(200);
  expect((await call(v6, '/v1/cases', { method: 'POST', json: { items: [randomItem()] } })).status).toBe(201);

  // Platforms: near copies (the query is not the stored hash), unknown hashes, a video, a file.
  const { apiKey } = JSON.parse(cli(['platform', 'add', '--name', 'alpha', '--scopes', 'match,feed,feedback', '--json']));
  const bearer = { authorization: `Bearer ${apiKey}`, ...forwarded };
  const near = flipBits(photo.pdq, [3, 77, 150, 201]);
  const unknown = { pdq: hex(32), sha256: hex(32), md5: hex(16) };
  const nearFrames = reencoded(video.frames, 5);
  const matched = await bodyOf(
    call(v4, '/v1/match', {
      method: 'POST',
      headers: bearer,
      json: { items: [{ type: 'image', pdq: near, quality: 90, ref: 'upload-1' }, { type: 'image', ...unknown, quality: 90 }, { type: 'video', frames: nearFrames }] },
    }),
  );
  expect(matched.results[0].matches).toHaveLength(1);
  expect(matched.results[2].matches).toHaveLength(1);
  const malformed = await call(v6, '/v1/match', { method: 'POST', headers: bearer, json: { items: [{ type: 'image', pdq: unknown.pdq, exif: 'x' }] } });
  expect(malformed.status).toBe(400);
  const png = encodePng(blockImage(11));
  const uploaded = (await hashImageBytes(png, { dihedral: true })).item;
  const form = new FormData();
  form.append('file', new Blob([png], { type: 'image/png' }), FILE_NAME);
  expect((await call(v4, '/v1/match/file', { method: 'POST', headers: bearer, body: form })).status).toBe(200);
  const matchId = matched.results[0].matches[0].matchId;
  expect((await call(v6, `/v1/matches/${matchId}/feedback`, { method: 'POST', headers: bearer, json: { decision: 'not_ncii' } })).status).toBe(200);
  expect((await call(v4, '/v1/feed', { headers: bearer })).status).toBe(200);

  // An operator reviews, from a forwarded address.
  cli(['operator', 'add', '--username', 'rita', '--role', 'reviewer'], `${PASSWORD}\n`);
  const login = await call(v4, '/v1/admin/login', { method: 'POST', headers: forwarded, json: { username: 'rita', password: PASSWORD } });
  expect(login.status).toBe(200);
  const { csrfToken } = await bodyOf(login);
  const session = { cookie: login.headers.getSetCookie()[0]!.split(';')[0]!, 'x-csrf-token': csrfToken, ...forwarded };
  expect((await call(v6, '/v1/admin/matches', { headers: session })).status).toBe(200);
  expect((await call(v6, `/v1/admin/matches/${matchId}/review`, { method: 'POST', headers: session, json: { review: 'confirmed' } })).status).toBe(200);
  expect((await call(v4, '/v1/admin/login', { method: 'POST', headers: forwarded, json: { username: 'rita', password: 'not the password' } })).status).toBe(401);

  // The victim withdraws everything.
  expect((await call(v4, `/v1/cases/${created.caseId}`, { method: 'DELETE', headers: { ...auth, ...forwarded } })).status).toBe(200);

  // Stop it (its output flushed, the WAL checkpointed on close), then search.
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  expect(output).toMatch(/"level":20/); // debug lines were written: the search below covers them
  expect(output).toContain('"route":"/v1/match"');

  const found = occurrences({
    '127.0.0.1': asText('127.0.0.1'),
    '::1': asText('::1'),
    [FORWARDED]: asText(FORWARDED),
    'file name': [...asText(FILE_NAME), ...asText('private-beach')],
    'near query PDQ': asHash(near),
    'unknown query PDQ': asHash(unknown.pdq),
    'unknown query SHA-256': asHash(unknown.sha256),
    'unknown query MD5': asHash(unknown.md5),
    'near video frame': asHash(nearFrames[4]!.pdq),
    'uploaded file PDQ': asHash(uploaded.pdq!),
    'uploaded file SHA-256': asHash(uploaded.sha256),
    'withdrawn photo PDQ': asHash(photo.pdq),
    'withdrawn video frame': asHash(video.frames[4]!.pdq),
  });
  expect(found).toEqual([]);
});
