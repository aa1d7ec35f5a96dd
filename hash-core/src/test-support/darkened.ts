/**
 * The one way tests and evaluations darken a video: ffmpeg's `colorlevels`, every RGB channel
 * scaled by `level` (0–1), as sharp's `linear(level, 0)` does for photos. A clip at 0.3 or 0.15 is
 * a dim room or a night video: most of its frames fall under PDQ's quality floor.
 */
export function darkenedFilter(level: number): string {
  return `colorlevels=romax=${level}:gomax=${level}:bomax=${level}`;
}
