/**
 * The README's start command and the Docker image's, on a clean clone: `scripts/start` installs,
 * builds and serves; then the image's path — a production-only install over the built tree
 * (`prune_to_production`) and `DISRUPT_PREBUILT=1 scripts/start` — serves the same service with no
 * build tool or test runner left. (No Docker engine here: this is the script the Dockerfile calls.)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const isGitClone = existsSync(join(repo, '.git'));
if (!isGitClone) console.warn('start-script.test: skipped, the repository is not a git clone (nothing to clone from)');

const work = mkdtempSync(join(tmpdir(), 'disrupt-start-'));
const clone = join(work, 'clone');
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/** Runs `scripts/start` in the clone and resolves once /healthz answers (its output kept for errors). */
async function start(env: Record<string, string>, timeoutMs: number): Promise<{ port: number; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(join(clone, 'scripts/start'), [], { cwd: clone, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`scripts/start exited with ${child.exitCode}:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return { port, child };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`scripts/start did not answer /healthz within ${timeoutMs / 1000} s:\n${output}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

describe.skipIf(!isGitClone)('scripts/start on a clean clone', () => {
  it('installs, builds and serves; the production-only tree serves the same', { timeout: 600_000 }, async () => {
    const cloned = spawnSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo}`, clone], { encoding: 'utf8' });
    expect(cloned.status, cloned.stderr).toBe(0);

    // As the README says: one command, with the database under DATA_DIR.
    const dataDir = join(work, 'data');
    const first = await start({ DATA_DIR: dataDir }, 480_000);
    const page = await fetch(`http://127.0.0.1:${first.port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    await stop(first.child);
    expect(readdirSync(dataDir)).toContain('disrupt.sqlite');

    // The Docker image's path: production dependencies only, no second build.
    const pruned = spawnSync('bash', ['-c', 'source scripts/lib.sh && prune_to_production'], { cwd: clone, encoding: 'utf8', env: { ...process.env } });
    expect(pruned.status, pruned.stderr).toBe(0);
    const left = readdirSync(join(clone, 'node_modules/.pnpm'));
    for (const devOnly of ['vitest@', 'typescript@', 'vite@', 'playwright-core@', 'tsx@']) {
      expect(left.filter((name) => name.startsWith(devOnly)), `${devOnly} left in the production tree`).toEqual([]);
    }
    const second = await start({ DATA_DIR: dataDir, DISRUPT_PREBUILT: '1', NODE_ENV: 'production' }, 60_000);
    const health = await fetch(`http://127.0.0.1:${second.port}/readyz`);
    expect(health.status).toBe(200);
    const admin = await fetch(`http://127.0.0.1:${second.port}/admin`);
    expect(admin.status).toBe(200);
    await stop(second.child);
  });
});
