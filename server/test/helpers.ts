/**
 * A real server for tests: a fresh DATA_DIR, listening on a free loopback port, so tests speak
 * HTTP to it exactly as the page, a platform or an operator would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';

export { bodyOf } from './json-body.js';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  /** fetch against the server, with JSON helpers. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  /** Closes the server; `keepData` leaves DATA_DIR for a restart test. */
  close(keepData?: boolean): Promise<void>;
}

export async function startTestServer(options: { dataDir?: string; config?: Partial<Config> } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'disrupt-test-'));
  const config = loadConfig({ DATA_DIR: dataDir }, { port: 0, host: '127.0.0.1', secureCookies: false, ...options.config });
  const app = await buildApp({ config, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    dataDir,
    request(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(url + path, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
    },
    async close(keepData = false) {
      await app.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
