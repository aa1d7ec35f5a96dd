import { execFileSync } from 'node:child_process';

/**
 * Command-line tests run the built `disrupt` (the real interface), so build first: incremental
 * tsc, a few seconds, and the tests never exercise a stale dist/.
 */
export default function setup(): void {
  execFileSync('pnpm', ['-s', '-r', 'build'], { stdio: 'inherit' });
}
