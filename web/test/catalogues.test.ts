/**
 * Every message catalogue of the page, checked at run time: TypeScript already refuses a catalogue
 * whose languages differ in keys, but not an empty string, a cast, or a function whose output
 * misses a value. The catalogues are found by searching web/src for `defineMessages(`, so a new
 * component's catalogue is checked without anyone listing it here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../src');
const LANGUAGES = ['fr', 'en'] as const;

/** Every module of web/src that declares a catalogue (the declaring helper itself excepted). */
function catalogueModules(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(SRC, file))
    .filter((path) => path !== join(SRC, 'i18n/messages.ts') && /\bdefineMessages\s*\(/.test(readFileSync(path, 'utf8')))
    .sort();
}

type Catalogue = Record<string, unknown>;
const isCatalogue = (value: unknown): value is Record<(typeof LANGUAGES)[number], Catalogue> =>
  typeof value === 'object' && value !== null && LANGUAGES.every((l) => typeof (value as Catalogue)[l] === 'object' && (value as Catalogue)[l] !== null);

/** What a key is, in words that show the difference when French and English disagree. */
const kind = (message: unknown) => (typeof message === 'function' ? `function of ${message.length} argument(s)` : typeof message);

/**
 * The sentences a message gives: itself, or the function called with numbers (1 then 2, for the
 * singular and the plural) and with a string (for names and dates).
 */
function renderings(message: unknown): unknown[] {
  if (typeof message !== 'function') return [message];
  const call = (arg: unknown) => (message as (...args: unknown[]) => unknown)(...Array.from({ length: message.length }, () => arg));
  return [call(1), call(2), call('12 mars 2031')];
}

/** Everything wrong with one exported catalogue, as readable lines (empty when it is right). */
function catalogueProblems(catalogue: Record<(typeof LANGUAGES)[number], Catalogue>): string[] {
  const problems: string[] = [];
  const [fr, en] = [catalogue.fr, catalogue.en];
  for (const key of Object.keys(fr)) if (!(key in en)) problems.push(`"${key}" is in French only`);
  for (const key of Object.keys(en)) if (!(key in fr)) problems.push(`"${key}" is in English only`);
  for (const key of Object.keys(fr).filter((k) => k in en)) {
    if (kind(fr[key]) !== kind(en[key])) problems.push(`"${key}": ${kind(fr[key])} in French, ${kind(en[key])} in English`);
  }
  for (const language of LANGUAGES) {
    for (const [key, message] of Object.entries(catalogue[language])) {
      if (typeof message !== 'string' && typeof message !== 'function') {
        problems.push(`${language} "${key}" is a ${typeof message}, not a sentence`);
        continue;
      }
      for (const text of renderings(message)) {
        if (typeof text !== 'string') problems.push(`${language} "${key}" returns a ${typeof text}`);
        else if (text.trim() === '') problems.push(`${language} "${key}" is empty`);
        // A value that did not make it into the sentence.
        else if (/\b(undefined|NaN|null)\b|\[object /.test(text)) problems.push(`${language} "${key}" gives "${text}"`);
      }
    }
  }
  return problems;
}

const modules = catalogueModules();

describe('message catalogues', () => {
  it('finds the catalogues of every step', () => {
    const found = modules.map((path) => relative(SRC, path));
    // The search must keep finding them: a broken search would check nothing and pass.
    for (const expected of ['components/welcome/messages.ts', 'components/consent/messages.ts', 'components/choose-files/messages.ts', 'components/choose-files/file-error.ts', 'components/review/messages.ts', 'components/case-created/messages.ts', 'components/my-case/messages.ts', 'components/header/messages.ts']) {
      expect(found).toContain(expected);
    }
  });

  it.each(modules.map((path) => [relative(SRC, path), path]))('%s: French and English say the same things, none empty', async (_name, path) => {
    const exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    const catalogues = Object.entries(exports).flatMap(([name, value]) => (isCatalogue(value) ? [[name, value] as const] : []));
    expect(catalogues.length, 'the module calls defineMessages but exports no catalogue').toBeGreaterThan(0);
    for (const [name, catalogue] of catalogues) {
      expect(Object.keys(catalogue.fr).length, `${name} has no message`).toBeGreaterThan(0);
      expect(catalogueProblems(catalogue), name).toEqual([]);
    }
  });

  // The check itself must be able to fail (TypeScript would refuse these, so they are built loosely).
  it('catches a key in one language only, a changed shape, an empty string and a lost value', () => {
    const problems = catalogueProblems({
      fr: { title: 'Titre', count: (n: number) => `${n} photos`, extra: 'Seulement en français', blank: ' ', lost: (n: number) => `${n} photos` },
      en: { title: 'Title', count: (n: number, m: number) => `${n} of ${m} photos`, blank: 'Blank', lost: (n: number) => `${[n][1]} photos` },
    });
    expect(problems).toEqual([
      '"extra" is in French only',
      '"count": function of 1 argument(s) in French, function of 2 argument(s) in English',
      'fr "blank" is empty',
      'en "lost" gives "undefined photos"',
      'en "lost" gives "undefined photos"',
      'en "lost" gives "undefined photos"',
    ]);
  });
});
