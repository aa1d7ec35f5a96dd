/**
 * `pnpm eval:vpdq`: our frames against Meta's vPDQ reference for every corpus clip that has one
 * (../shared/reference/vpdq): per clip, the reference frames of quality ≥ 50 with one of ours
 * within 0.5 s and under 31 bits. Exit code 1 when fewer than 95 % agree, or ../shared is absent.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { clipAgreement, formatAgreement, referenceClips } from './eval/vpdq-agreement.js';

const shared = resolve(import.meta.dirname, '../../shared');
if (!existsSync(resolve(shared, 'reference/vpdq'))) {
  console.error(`eval:vpdq: no reference at ${resolve(shared, 'reference/vpdq')} (../shared beside the repository)`);
  process.exit(1);
}
const clips = [];
for (const clip of referenceClips(shared)) clips.push(await clipAgreement(shared, clip));
console.log(formatAgreement(clips));
const frames = clips.reduce((n, c) => n + c.frames, 0);
const agreeing = clips.reduce((n, c) => n + c.agreeing, 0);
process.exit(frames > 0 && agreeing / frames >= 0.95 ? 0 : 1);
