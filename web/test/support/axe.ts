/**
 * axe-core in a page under test: injected through page.evaluate (run by DevTools, so the page's
 * CSP — which rightly refuses any other script — does not apply). "serious" and "critical"
 * violations are returned for the test to fail on; lesser ones are printed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const BLOCKING = new Set(['serious', 'critical']);

/** One line per failing element: what to fix and where. */
const describeViolation = (v: Result) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ')})` : ''}`).join('; ')}`;

/** Runs axe on the whole page; returns the blocking violations and prints the rest. */
export async function audit(page: Page, state: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  // Let a just-shown state finish rendering (transitions, images) before measuring contrast.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const results = (await page.evaluate(() => (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, { resultTypes: ['violations'] }))) as AxeResults;
  const others = results.violations.filter((v) => !BLOCKING.has(v.impact ?? ''));
  if (others.length > 0) console.info(`axe, ${state}: ${others.map(describeViolation).join('\n  ')}`);
  // Proof that axe looked at something: a page it could not read would pass every rule.
  expect(results.passes.length, `axe checked nothing on ${state}`).toBeGreaterThan(10);
  return results.violations.filter((v) => BLOCKING.has(v.impact ?? '')).map(describeViolation);
}
