/**
 * Which test files take the browser lane (browser-lane.ts), and an order that keeps the other
 * worker busy meanwhile (sequencer.ts): every file under web/test/ drives Chromium; the video
 * harness's subset hashes with worker threads on both cores.
 */
const HEAVY_NODE_FILES = ['scripts/eval/eval-video.test.ts'];

export function holdsLane(path: string): boolean {
  const normalized = path.replaceAll('\\', '/');
  return normalized.includes('/web/test/') || HEAVY_NODE_FILES.some((file) => normalized.endsWith(`/${file}`));
}
