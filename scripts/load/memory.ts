/**
 * The server's memory over the run: its resident set size read from /proc/<pid>/status once a
 * second (what the operating system charges the process, heap and native alike), and the trend
 * over the second half — after caches and the JIT have settled — as a least-squares slope.
 */
import { readFileSync } from 'node:fs';

export interface RssSample {
  /** Seconds since sampling started. */
  t: number;
  mb: number;
}

export interface MemoryReport {
  samples: RssSample[];
  startMb: number;
  peakMb: number;
  endMb: number;
  /** Least-squares slope of RSS over the second half of the samples, in MB per minute. */
  secondHalfSlopeMbPerMin: number;
  /** The bound the slope was held to. */
  maxSlopeMbPerMin: number;
  /** True when the slope is over the bound: memory kept growing under steady traffic. */
  growing: boolean;
}

/** Resident memory of a process in MB (Linux), or undefined once it is gone. */
export function residentMb(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Slope of y over x by least squares (0 for fewer than two points). */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

export function memoryReport(samples: readonly RssSample[], maxSlopeMbPerMin: number): MemoryReport {
  if (samples.length === 0) throw new Error('no memory sample was taken: the server process was gone');
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const perMinute = slope(secondHalf.map(({ t, mb }) => ({ x: t / 60, y: mb })));
  return {
    samples: [...samples],
    startMb: samples[0]!.mb,
    peakMb: Math.max(...samples.map((s) => s.mb)),
    endMb: samples.at(-1)!.mb,
    secondHalfSlopeMbPerMin: perMinute,
    maxSlopeMbPerMin,
    growing: perMinute > maxSlopeMbPerMin,
  };
}

/** Samples `pid` every second until stopped; `stop` returns the samples. */
export function sampleRss(pid: number): { stop(): RssSample[] } {
  const start = performance.now();
  const samples: RssSample[] = [];
  const take = () => {
    const mb = residentMb(pid);
    if (mb !== undefined) samples.push({ t: (performance.now() - start) / 1000, mb });
  };
  take();
  const timer = setInterval(take, 1000).unref(); // never what keeps a failed run alive
  return {
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
