/**
 * The fuzzer's fixtures, made the way an operator and users make them: platforms and operator
 * accounts with the CLI, a case submitted by a victim over HTTP, sessions from the sign-in route.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { Credentials } from './fuzz-requests.js';
import { addPlatform, runCli } from './server-process.js';
import { imageItem, videoItem, type Random } from './synthetic-items.js';

const PASSWORD = 'fuzzing is a long password';

/**
 * Before the server starts: platforms and operators in DATA_DIR. The generated requests use three
 * keys (spreading the per-key limits); the media uploads have their own, so quotas the fuzzing
 * used up do not answer them 429.
 */
export function prepareAccounts(dataDir: string): { fuzzKeys: string[]; mediaKey: string } {
  const keys = ['fuzz-a', 'fuzz-b', 'fuzz-c', 'fuzz-media'].map((name) => addPlatform(dataDir, name, 'match,feed,feedback'));
  const steps: [string[], string | undefined][] = [
    [['ngo', 'add', '--name', 'Fuzz NGO', '--code', 'FUZZ-NGO'], undefined],
    [['operator', 'add', '--username', 'fuzz-admin', '--role', 'admin'], `${PASSWORD}\n`],
    [['operator', 'add', '--username', 'fuzz-ngo', '--role', 'ngo', '--ngo', 'FUZZ-NGO'], `${PASSWORD}\n`],
  ];
  for (const [args, input] of steps) {
    const result = runCli(args, dataDir, input);
    if (result.status !== 0) throw new Error(`disrupt ${args.join(' ')} failed: ${result.stderr}`);
  }
  return { fuzzKeys: keys.slice(0, 3), mediaKey: keys[3]! };
}

async function signIn(url: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/v1/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  const body = (await response.json()) as { csrfToken?: string };
  const cookie = response.headers.getSetCookie().find((c) => c.includes('disrupt_session='))?.split(';')[0];
  if (response.status !== 200 || !cookie || !body.csrfToken) throw new Error(`sign-in of ${username} answered ${response.status}`);
  return { cookie, csrf: body.csrfToken };
}

/** With the server running: a victim's case (photos and a video) and both operators' sessions. */
export async function prepareCredentials(url: string, platformKeys: string[], rand: Random): Promise<Credentials> {
  const response = await fetch(`${url}/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' },
    body: JSON.stringify({ items: [imageItem(rand), imageItem(rand), videoItem(rand, 8)] }),
  });
  if (response.status !== 201) throw new Error(`POST /v1/cases answered ${response.status}: ${await response.text()}`);
  const created = (await response.json()) as { caseId: string; secret: string; items: { itemId: number }[] };
  return {
    platformKeys,
    caseId: created.caseId,
    caseSecret: created.secret,
    itemIds: created.items.map((i) => i.itemId),
    admin: await signIn(url, 'fuzz-admin'),
    ngo: await signIn(url, 'fuzz-ngo'),
  };
}

/** Resident memory of a process, from /proc (kB → bytes); VmHWM is its peak so far. */
export function processMemory(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** Resident memory of a process and its direct children (the ffmpeg and ffprobe a server runs). */
export function residentWithChildren(pid: number): number {
  let total = processMemory(pid).rss;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) total += processMemory(Number(name)).rss;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
