/**
 * Memory of the Chromium a test launched, read from Linux's /proc: the proportional set size of
 * every process under the test's own (the browser, its renderers, GPU and utility processes),
 * summed. Each shared page is split among the processes that map it, so the sum counts it once;
 * the resident sets (VmRSS, where a kernel has no smaps_rollup) count it in every process, and
 * Chromium's processes share much: the same clip's run summed 164–299 MB of resident sets.
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
    const rollup = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    if (rollup) return Number(rollup[1]) * 1024;
  } catch {
    // no smaps_rollup (an older kernel), or gone meanwhile
  }
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
