/** `pnpm load-test` options: names, defaults, and a clear message for anything else. */

export interface LoadOptions {
  /** Seconds of mixed traffic. */
  duration: number;
  /** PDQ hashes stored before the server starts. */
  hashes: number;
  /** Connections sending single-hash matches as fast as the server answers (batches get a quarter). */
  connections: number;
  /** Simulated partner platforms the match traffic is spread over, each with its own key and quota. */
  platforms: number;
  /** Case submissions per second (each from another victim address); 0 leaves them out, as for the next two. */
  submitRate: number;
  /** Feed pages per second. */
  feedRate: number;
  /** Console reads per second. */
  consoleRate: number;
  /** Growth of the server's RSS over the second half of the run, in MB per minute, above which the run fails. */
  maxRssSlope: number;
  seed: number;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = {
  duration: 60,
  hashes: 1_000_000,
  connections: 8,
  platforms: 200,
  submitRate: 50,
  feedRate: 20,
  consoleRate: 10,
  maxRssSlope: 30,
  seed: 1,
};

export const LOAD_USAGE = `pnpm load-test [--duration 60] [--hashes 1000000] [--connections 8] [--platforms 200]
               [--submit-rate 50] [--feed-rate 20] [--console-rate 10] [--max-rss-slope 30] [--seed 1]`;

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function parseLoadOptions(argv: readonly string[]): LoadOptions {
  const options = { ...DEFAULT_LOAD_OPTIONS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue; // pnpm forwards a literal "--"
    const name = camel(arg.replace(/^--/, ''));
    if (!arg.startsWith('--') || !Object.hasOwn(options, name)) throw new Error(`unknown option ${arg}\nusage: ${LOAD_USAGE}`);
    const raw = argv[++i];
    const value = Number(raw?.replace(/_/g, ''));
    if (raw === undefined || !Number.isFinite(value) || value < 0) throw new Error(`${arg} needs a number ≥ 0, got ${raw ?? 'nothing'}`);
    options[name as keyof LoadOptions] = value;
  }
  for (const name of ['duration', 'connections', 'platforms'] as const) {
    if (!Number.isInteger(options[name]) || options[name] < 1) throw new Error(`--${name} must be a whole number ≥ 1, got ${options[name]}`);
  }
  return options;
}
