/**
 * Memory of the Chromium a test launched, read from Linux's /proc: the resident set of every
 * process under the test's own (the browser, its renderers, GPU and utility processes), summed.
 * Shared pages count more than once, so this over-states: an upper bound, fine for a limit.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone meanwhile
  }
}

function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Resident bytes of every process under `rootPid` (not counting itself): by default, this test's browsers. */
export function childrenResidentBytes(rootPid = process.pid): number {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = 0;
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    total += residentBytes(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}
