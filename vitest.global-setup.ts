import { execFileSync } from 'node:child_process';

/**
 * Command-line tests run the built `disrupt` (the real interface), so build first: incremental
 * tsc, a few seconds, and the tests never exercise a stale dist/. DISRUPT_TEST_NO_BUILD=1 skips
 * it while iterating on one package (the caller then answers for what dist/ holds).
 */
export default function setup(): void {
  if (process.env.DISRUPT_TEST_NO_BUILD === '1') return;
  execFileSync('pnpm', ['-s', '-r', 'build'], { stdio: 'inherit' });
}
