/**
 * `disrupt platform`, `disrupt export` and `disrupt import` through the built command, with
 * DATA_DIR set to a fresh folder, and what they did checked through a real server on that folder.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { flipBits, hex, match, randomItem, storeItems, withdrawItem } from './platform-helpers.js';

const CLI = join(__dirname, '../dist/cli/main.js');

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'disrupt-platform-cli-'));
  dirs.push(dir);
  return dir;
}

function disrupt(dir: string, args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dir }, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A server on `dir` for the duration of `fn` (the CLI and the server never run at once here). */
async function withServer<T>(dir: string, fn: (server: TestServer) => Promise<T>): Promise<T> {
  const server = await startTestServer({ dataDir: dir });
  try {
    return await fn(server);
  } finally {
    await server.close(true);
  }
}

describe('disrupt platform', () => {
  it('add --json prints {id, apiKey} once, and that key works with exactly its scopes', async () => {
    const dir = dataDir();
    const added = disrupt(dir, ['platform', 'add', '--name', 'Example Social', '--scopes', 'match,feed', '--listed', '--json']);
    expect(added.code).toBe(0);
    const printed = JSON.parse(added.stdout) as { id: number; apiKey: string };
    expect(Object.keys(printed)).toEqual(['id', 'apiKey']);
    expect(printed.apiKey).toMatch(/^dh_[A-Za-z0-9_-]{32}$/);
    // The key is stored only as a digest: it appears nowhere under DATA_DIR.
    expect(readFileSync(join(dir, 'disrupt.sqlite')).includes(printed.apiKey)).toBe(false);

    await withServer(dir, async (server) => {
      const auth = { authorization: `Bearer ${printed.apiKey}` };
      expect((await server.request('/v1/feed', { headers: auth })).status).toBe(200);
      expect((await match(server, auth, [randomItem()])).status).toBe(200);
      expect((await server.request('/v1/matches/1/feedback', { method: 'POST', headers: auth, json: { decision: 'blocked' } })).status).toBe(403);
      expect(await (await server.request('/v1/platforms')).json()).toEqual({ platforms: [{ name: 'Example Social' }] });
    });

    const again = disrupt(dir, ['platform', 'add', '--name', 'Example Social', '--scopes', 'match']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists.*rotate-key/);
  });

  it('rotate-key replaces the key, revoke stops it, list shows status without keys', async () => {
    const dir = dataDir();
    const first = JSON.parse(disrupt(dir, ['platform', 'add', '--name', 'p1', '--scopes', 'feed', '--threshold', 'pdq=24', '--json']).stdout);
    const rotated = disrupt(dir, ['platform', 'rotate-key', '--name', 'p1', '--json']);
    expect(rotated.code).toBe(0);
    const second = JSON.parse(rotated.stdout);
    expect(second.id).toBe(first.id);
    expect(second.apiKey).not.toBe(first.apiKey);

    await withServer(dir, async (server) => {
      expect((await server.request('/v1/feed', { headers: { authorization: `Bearer ${first.apiKey}` } })).status).toBe(401);
      expect((await server.request('/v1/feed', { headers: { authorization: `Bearer ${second.apiKey}` } })).status).toBe(200);
    });

    const listed = disrupt(dir, ['platform', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^NAME\s+ID\s+STATUS\s+SCOPES\s+THRESHOLDS\s+LISTED\s+KEY\s+LAST SEEN\n/);
    expect(listed.stdout).toMatch(/p1\s+\d+\s+active\s+feed\s+pdq=24\s+no\s+dh_/);
    expect(listed.stdout).not.toContain(second.apiKey);

    expect(disrupt(dir, ['platform', 'revoke', '--name', 'p1']).stdout).toMatch(/revoked: its key no longer works/);
    const json = JSON.parse(disrupt(dir, ['platform', 'list', '--json']).stdout);
    expect(json).toEqual([expect.objectContaining({ name: 'p1', scopes: ['feed'], thresholds: { pdq: 24 }, revokedAt: expect.any(Number) })]);
    expect(JSON.stringify(json)).not.toContain(second.apiKey.slice(6));
    await withServer(dir, async (server) => {
      expect((await server.request('/v1/feed', { headers: { authorization: `Bearer ${second.apiKey}` } })).status).toBe(401);
    });
  });

  it('works beside a running server: a new key works at once, a revoked one stops within a second', async () => {
    const dir = dataDir();
    await withServer(dir, async (server) => {
      const { apiKey } = JSON.parse(disrupt(dir, ['platform', 'add', '--name', 'live', '--scopes', 'feed', '--json']).stdout);
      const auth = { authorization: `Bearer ${apiKey}` };
      expect((await server.request('/v1/feed', { headers: auth })).status).toBe(200);
      expect(disrupt(dir, ['platform', 'revoke', '--name', 'live']).code).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 1100)); // the server remembers known keys for 1 s
      expect((await server.request('/v1/feed', { headers: auth })).status).toBe(401);
    });
  });

  it('explains bad command lines with exit code 2', () => {
    const dir = dataDir();
    for (const [args, message] of [
      [['platform'], /needs an action/],
      [['platform', 'add', '--scopes', 'match'], /--name is required/],
      [['platform', 'add', '--name', 'x'], /--scopes is required/],
      [['platform', 'add', '--name', 'x', '--scopes', 'match,delete'], /unknown scope "delete"/],
      [['platform', 'add', '--name', 'x', '--scopes', 'match', '--threshold', 'md5=3'], /not a perceptual signal/],
      [['platform', 'add', '--name', 'x', '--scopes', 'match', '--threshold', 'pdq=300'], /from 0 to 256/],
      [['platform', 'add', '--name', 'x', '--scopes', 'match', '--colour', 'red'], /Unknown option '--colour'/],
    ] as const) {
      const run = disrupt(dir, [...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    const missing = disrupt(dir, ['platform', 'revoke', '--name', 'nobody']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no platform is called "nobody"/);
  });
});

describe('disrupt export and import', () => {
  it('export writes the active bank as ThreatExchange-style CSV that import reads back into a matching bank', async () => {
    const source = dataDir();
    const [kept, withdrawn] = [randomItem({ quality: 77 }), randomItem()];
    await withServer(source, async (server) => {
      const stored = await storeItems(server, [kept, withdrawn]);
      await withdrawItem(server, stored, stored.itemIds[1]!);
    });
    const file = join(source, '..', `${source.split('/').pop()}-bank.csv`);
    dirs.push(file);
    const exported = disrupt(source, ['export', '--output', file]);
    expect(exported.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('collab,signal_type,signal_str,category,tags');
    expect(lines.slice(1).sort()).toEqual(
      (['pdq', 'blockhash', 'md5', 'sha256'] as const)
        .map((s) => `disrupt-hash,${s},${kept[s]},POSITIVE_CLASS,item_1${s === 'pdq' ? ' quality_77' : ''}`)
        .sort(),
    );
    expect(disrupt(source, ['export']).stdout).toBe(`${readFileSync(file, 'utf8')}`);

    const target = dataDir();
    const imported = disrupt(target, ['import', file, '--json']);
    expect(imported.code).toBe(0);
    const result = JSON.parse(imported.stdout);
    expect(result).toEqual({ caseId: expect.stringMatching(/^DSR-/), items: 1, skipped: [] });
    await withServer(target, async (server) => {
      const auth = { authorization: `Bearer ${server.app.store.platforms.create({ name: 'm', scopes: ['match'] }).apiKey}` };
      const { body } = await match(server, auth, [{ type: 'image', pdq: flipBits(kept.pdq, [1, 2, 3]) }, { type: 'image', md5: withdrawn.md5 }]);
      expect(body.results[0].matches).toEqual([expect.objectContaining({ signal: 'pdq', distance: 3 })]);
      expect(body.results[1].matches).toEqual([]);
      expect(server.app.store.cases.items(result.caseId)).toEqual([expect.objectContaining({ quality: 77, reliable: true, status: 'active' })]);
    });
  });

  it('imports StopNCII FetchHashes JSON, skipping withdrawn hashes and other signal types, and reports bad rows', async () => {
    const dir = dataDir();
    const live = hex(32);
    const file = join(dir, 'fetch.json');
    writeFileSync(
      file,
      JSON.stringify({
        count: 5,
        nextPageToken: '',
        hasMoreRecords: false,
        hashRecords: [
          { lastModtimestamp: 1, signalType: 'ImagePDQ', hashValue: live.toUpperCase(), hashStatus: 'Active', caseNumbers: {} },
          { lastModtimestamp: 1, signalType: 'ImagePDQ', hashValue: hex(32), hashStatus: 'Withdrawn', caseNumbers: {} },
          { lastModtimestamp: 1, signalType: 'VideoMD5', hashValue: hex(16), hashStatus: 'Active', caseNumbers: {} },
          { lastModtimestamp: 1, signalType: 'ImagePDQ', hashValue: 'abc', hashStatus: 'Received', caseNumbers: {} },
        ],
      }),
    );
    const run = disrupt(dir, ['import', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Imported 1 item\(s\) into case DSR-\S+ \(stopncii-json\)\./);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'skipped record 2: hashStatus "Withdrawn": only Active and Received hashes are imported',
      'skipped record 3: signalType "VideoMD5" is not supported (ImagePDQ only)',
      expect.stringMatching(/^skipped record 4: pdq: /),
    ]);
    await withServer(dir, async (server) => {
      const auth = { authorization: `Bearer ${server.app.store.platforms.create({ name: 'm', scopes: ['match'] }).apiKey}` };
      expect((await match(server, auth, [{ type: 'image', pdq: live }])).body.results[0].matches).toHaveLength(1);
    });
  });

  it('skips bad CSV rows with their line and keeps the good ones; refuses a file that is not a bank', () => {
    const dir = dataDir();
    const file = join(dir, 'bank.csv');
    const good = randomItem();
    writeFileSync(
      file,
      [
        'signal_type,signal_str,category,tags',
        `pdq,${good.pdq},POSITIVE_CLASS,item_9 quality_88`,
        `md5,${good.md5},POSITIVE_CLASS,item_9`,
        `pdq,${hex(32)},NEGATIVE_CLASS,`,
        `tmk,${hex(32)},POSITIVE_CLASS,`,
        `sha256,${hex(31)},,item_4`,
        `md5,${hex(16)},,item_4`,
        `"blockhash","${hex(32)}","POSITIVE_CLASS",""`,
      ].join('\n'),
    );
    const run = disrupt(dir, ['import', file, '--json']);
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.items).toBe(2);
    expect(result.skipped).toEqual([
      { where: 'line 4', reason: 'category NEGATIVE_CLASS does not mark content to block' },
      { where: 'line 5', reason: 'signal type "tmk" is not supported (pdq, blockhash, md5, sha256)' },
      { where: 'line 6', reason: expect.stringMatching(/^sha256: /) },
      { where: 'line 7', reason: 'skipped with the rest of item_4' },
    ]);
    expect(JSON.stringify(result)).not.toContain(good.pdq);

    writeFileSync(file, 'hello,world\n1,2\n');
    const notBank = disrupt(dir, ['import', file]);
    expect(notBank.code).toBe(1);
    expect(notBank.stderr).toMatch(/not a bank CSV/);
    expect(disrupt(dir, ['import']).code).toBe(2);
    expect(disrupt(dir, ['import', join(dir, 'missing.csv')]).stderr).toMatch(/no such file/);
  });
});
