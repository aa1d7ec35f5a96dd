/**
 * hash-core's root entry runs unchanged in a browser Web Worker: no Node built-in, no DOM, no
 * dependency that needs either. The compiler enforces types (tsconfig.core.json has no Node
 * types); this test enforces imports, including dynamic ones a type check would not see.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = new URL('.', import.meta.url).pathname;
const BROWSER_SAFE_PACKAGES = ['typebox', 'blockhash-core', 'js-md5', '@noble/hashes/sha2.js', 'jpeg-js/lib/decoder.js'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return ['node', 'test-support'].includes(entry.name) ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

it('the root entry imports only relative files and browser-safe packages', () => {
  const offenders: string[] = [];
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(20);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = match[1]!;
      if (spec.startsWith('.') || BROWSER_SAFE_PACKAGES.includes(spec)) continue;
      offenders.push(`${relative(SRC, file)}: ${spec}`);
    }
    if (/\b(process|require|Buffer|__dirname)\b\s*[.(]/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''))) offenders.push(`${relative(SRC, file)}: Node global`);
  }
  expect(offenders).toEqual([]);
});
