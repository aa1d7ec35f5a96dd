/** The CLI's VideoItem of a file (`pnpm -s disrupt hash <video>`), to compare the page's with. */
import { spawnSync } from 'node:child_process';
import { hamming, STORED_FRAME_INTERVAL, type VideoItem } from '@disrupt/hash-core';
import { repoRoot } from '../../../hash-core/src/test-support/shared.js';

/** The CLI's item at the page's sampling (`--interval 0.5` by default), or undefined when this CLI does not hash videos. */
export function cliVideoItem(path: string, interval = STORED_FRAME_INTERVAL): VideoItem | undefined {
  const run = spawnSync('pnpm', ['-s', 'disrupt', 'hash', '--interval', String(interval), path], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  const line = run.stdout.trim().split('\n')[0];
  if (!line) return undefined;
  const parsed = JSON.parse(line) as { item?: VideoItem } & Partial<VideoItem>;
  const item = parsed.item ?? parsed;
  return item.type === 'video' ? (item as VideoItem) : undefined;
}

/** For each page frame, the PDQ distance to the CLI's frame at the same time (Infinity when it has none). */
export function frameDistances(page: VideoItem, cli: VideoItem): number[] {
  const byTime = new Map(cli.frames.map((frame) => [frame.t, frame.pdq]));
  return page.frames.map((frame) => {
    const other = byTime.get(frame.t);
    return other === undefined ? Infinity : hamming(frame.pdq, other);
  });
}
