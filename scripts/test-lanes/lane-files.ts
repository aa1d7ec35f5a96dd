/** The two lanes: vitest projects (vitest.config.ts) that scripts/test-lanes/run-lanes.ts runs at once. */
export const LANES = ['browser', 'node'] as const;
export type Lane = (typeof LANES)[number];

/**
 * The test files of the "browser" lane (scripts/test-lanes/run-lanes.ts runs it beside the
 * "node" lane): every file under web/test/ drives Chromium, and the video harness's subset hashes
 * with worker threads on both cores. Two of them side by side ran 1.7–4× slower each on 2 cores
 * and broke a page's timing; one of them beside a light file runs at its usual pace. The typecheck
 * runs in the node lane: since the lanes' files share their imports (vitest.config.ts), that lane
 * is the shorter by 50–130 s.
 */
export const BROWSER_LANE = ['web/test/**/*.test.ts', 'scripts/eval/eval-video.test.ts'];
