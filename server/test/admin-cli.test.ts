/** `disrupt operator …` and `disrupt ngo …` as real processes on a DATA_DIR, then used over HTTP. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { json, login } from './operator-helpers.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');
const PASSWORD = 'a long enough password';
let dataDir: string;

function disrupt(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'disrupt-operator-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('disrupt ngo / operator', () => {
  let server: TestServer;
  afterAll(async () => server?.close(true));

  it('adds an NGO, and refuses a taken code or a bad one', async () => {
    const added = await disrupt(['ngo', 'add', '--name', 'Association Une', '--code', 'asso-1']);
    expect(added).toMatchObject({ code: 0, stdout: 'NGO "Association Une" added with referral code ASSO-1\n' });
    const again = await disrupt(['ngo', 'add', '--name', 'Copy', '--code', 'ASSO-1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/ASSO-1.*taken/);
    const bad = await disrupt(['ngo', 'add', '--name', 'Bad', '--code', 'a b']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--code/);
  });

  it('adds operators with the password from stdin, refusing one under 12 characters', async () => {
    const short = await disrupt(['operator', 'add', '--username', 'alice', '--role', 'admin'], 'too short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 12 characters.*nothing was changed/);
    const admin = await disrupt(['operator', 'add', '--username', 'alice', '--role', 'admin'], `${PASSWORD}\n`);
    expect(admin).toMatchObject({ code: 0, stdout: 'operator "alice" created (role admin)\n' });
    const ngo = await disrupt(['operator', 'add', '--username', 'nadia', '--role', 'ngo', '--ngo', 'asso-1'], PASSWORD);
    expect(ngo).toMatchObject({ code: 0, stdout: 'operator "nadia" created (role ngo, NGO ASSO-1)\n' });
    expect((await disrupt(['operator', 'add', '--username', 'alice', '--role', 'admin'], `${PASSWORD}\n`)).stderr).toMatch(/taken/);
  });

  it('explains wrong usage with exit code 2', async () => {
    for (const [args, message] of [
      [['operator', 'add', '--username', 'bob', '--role', 'boss'], /--role must be one of admin, reviewer, ngo/],
      [['operator', 'add', '--username', 'bob', '--role', 'ngo'], /--ngo CODE is required/],
      [['operator', 'add', '--username', 'bob', '--role', 'admin', '--password', 'x'], /Unknown option '--password'/],
    ] as const) {
      const result = await disrupt([...args], `${PASSWORD}\n`);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    const help = await disrupt(['--help']);
    expect(help.stdout).toMatch(/disrupt operator add --username U --role admin\|reviewer\|ngo \[--ngo CODE\]/);
    expect(help.stdout).toMatch(/disrupt ngo add --name X --code CODE/);
  });

  it('made accounts that sign in over HTTP; deactivation from the CLI signs out at once; all audited as cli', async () => {
    server = await startTestServer({ dataDir });
    const alice = await login(server, 'alice', PASSWORD);
    const nadia = await login(server, 'nadia', PASSWORD);
    expect(await json(await nadia.request('/v1/ngo/stats?weeks=1'), 200)).toMatchObject({ ngo: { code: 'ASSO-1' } });

    const result = await disrupt(['operator', 'deactivate', '--username', 'nadia']);
    expect(result).toMatchObject({ code: 0, stdout: 'operator "nadia" deactivated and signed out\n' });
    await expectProblem(await nadia.request('/v1/ngo/stats'), 401);
    await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'nadia', password: PASSWORD } }), 401);

    const reset = await disrupt(['operator', 'reset-password', '--username', 'alice', '--clear-totp'], 'another long password\n');
    expect(reset.code).toBe(0);
    await expectProblem(await alice.request('/v1/admin/me'), 401);
    const again = await login(server, 'alice', 'another long password');

    const audit = await json(await again.request('/v1/admin/audit?actor=cli'), 200);
    expect(audit.entries.map((e: { action: string }) => e.action)).toEqual(['operator.reset_password', 'operator.deactivate', 'operator.create', 'operator.create', 'ngo.create']);
    expect(JSON.stringify(audit)).not.toMatch(/long enough|another long/);
  });
});
