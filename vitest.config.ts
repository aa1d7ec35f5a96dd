import { defineConfig } from 'vitest/config';
import { BROWSER_LANE, LANES } from './scripts/test-lanes/lane-files.js';

const EXCLUDED = ['**/node_modules/**', '**/dist/**'];

// Workspace packages resolve to their TypeScript sources ("source" export condition), so tests
// never run against a stale build.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    exclude: EXCLUDED,
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One worker per lane runs its files one after another; not isolated, it imports Fastify,
    // SQLite, sharp and hash-core once instead of once per file (the node lane spent 110 s of its
    // ~870 s importing). Stubbed variables and globals are put back after each test all the same.
    isolate: false,
    unstubEnvs: true,
    unstubGlobals: true,
    // Two lanes, which scripts/test runs at once (scripts/test-lanes/run-lanes.ts); `vitest run`
    // alone runs both, one after the other.
    projects: [
      { extends: true, test: { name: LANES[0], include: BROWSER_LANE } },
      { extends: true, test: { name: LANES[1], include: ['**/*.test.ts'], exclude: [...EXCLUDED, ...BROWSER_LANE] } },
    ],
  },
});
