import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { LaneSequencer } from './scripts/test-lanes/sequencer.js';

// Workspace packages resolve to their TypeScript sources ("source" export condition), so tests
// never run against a stale build.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./vitest.global-setup.ts'],
    // Vitest's default on 2 cores is one file at a time (cores - 1), which leaves the second core
    // idle whenever a file waits on its browser, server or ffmpeg. Two at a time, but never two
    // browser files together (scripts/test-lanes/): they slowed each other 1.7–4×.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    setupFiles: ['./scripts/test-lanes/browser-lane.ts'],
    sequence: { sequencer: LaneSequencer },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
