/**
 * A vitest setup file: a test file that drives Chromium (or saturates both cores with ffmpeg and
 * hashing threads) holds the "browser lane" for its whole run, so two such files never run side by
 * side. Two of them together ran 1.7–4× slower each on 2 cores, and a page's "at once" or a long
 * clip's timeout then failed; beside a light file they run at their usual pace.
 *
 * The lane is a directory made atomically (mkdir), per vitest run (the workers' parent process),
 * with its holder's pid inside: a holder that died (a killed worker) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { holdsLane } from './lane-files.js';

const LANE = join(tmpdir(), `disrupt-test-browser-lane-${process.ppid}`);
const HOLDER = join(LANE, 'pid');
/** Long enough for the longest heavy file to finish (the video page's, ~4 min when slowed). */
const WAIT_MS = 20 * 60_000;

let held = false;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tryTake(): boolean {
  try {
    mkdirSync(LANE);
  } catch {
    let holder: number;
    try {
      holder = Number(readFileSync(HOLDER, 'utf8'));
    } catch {
      return false; // just released, or being taken (the holder writes its pid right after mkdir)
    }
    if (!holder || alive(holder)) return false;
    rmSync(LANE, { recursive: true, force: true });
    return tryTake();
  }
  writeFileSync(HOLDER, String(process.pid));
  return true;
}

beforeAll(async ({}, suite) => {
  if (!holdsLane(suite.file.filepath)) return;
  while (!tryTake()) await new Promise((done) => setTimeout(done, 250));
  held = true;
}, WAIT_MS);

afterAll(() => {
  if (held) rmSync(LANE, { recursive: true, force: true });
  held = false;
});
