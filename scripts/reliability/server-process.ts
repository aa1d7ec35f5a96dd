/**
 * The real `disrupt` as child processes, for the reliability scripts: the server started the way
 * an operator starts it (`node server/dist/cli/main.js serve`, settings from the environment, a
 * free loopback port), killed with SIGKILL or stopped with SIGTERM; the CLI run to completion.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(REPO_ROOT, 'server/dist/cli/main.js');

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
    probe.on('error', fail);
  });
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything the server printed so far (its JSON log lines). */
  output(): string;
  /** SIGKILL: no shutdown hook runs, the database is left as the kernel found it. */
  kill9(): Promise<void>;
  /** SIGTERM: the clean shutdown; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Resolves when the process exits by itself (a crash), with its exit code or signal. */
  exited: Promise<string>;
}

export interface StartOptions {
  dataDir: string;
  /** Extra environment (TRUST_PROXY, LOG_LEVEL…). */
  env?: Record<string, string>;
  /** How long to wait for /healthz (the machine may be busy). */
  startTimeoutMs?: number;
}

/**
 * Starts the server; a start that fails is tried twice more, 2 s apart, when the output shows a
 * module that could not be loaded (a build rewriting dist/ in a shared checkout); any other
 * failure, or the third one, is thrown.
 */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (error) {
      const loading = /does not provide an export|ERR_MODULE_NOT_FOUND|Cannot find module/.test((error as Error).message);
      if (!loading || attempt === 3) throw error;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

async function startOnce(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATA_DIR: options.dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env };
  const child: ChildProcess = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<string>((ok) => child.once('exit', (code, signal) => ok(signal ?? `exit code ${code}`)));
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  for (;;) {
    if (gone) throw new Error(`the server exited during start: ${await exited}\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within ${options.startTimeoutMs ?? 30_000} ms\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    exited,
    async kill9() {
      if (!gone) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone) child.kill('SIGTERM');
      await exited;
      return child.exitCode;
    },
  };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `disrupt <args>` against DATA_DIR, with `input` on stdin (passwords). */
export function runCli(args: string[], dataDir: string, input?: string): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir }, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A platform with an API key, made with `disrupt platform add --json`. */
export function addPlatform(dataDir: string, name: string, scopes: string): string {
  const result = runCli(['platform', 'add', '--name', name, '--scopes', scopes, '--json'], dataDir);
  if (result.status !== 0) throw new Error(`disrupt platform add failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { apiKey: string }).apiKey;
}
