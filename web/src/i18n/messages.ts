/**
 * Each component keeps its strings beside it, in both languages, declared with `defineMessages`:
 * TypeScript refuses a catalogue whose French and English keys differ, and
 * web/test/catalogues.test.ts checks the same at run time (and that no string is empty).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from './locale.js';

/** A message is a sentence, or a function of a few values that returns one. */
export type Message = string | ((...args: never[]) => string);
export type Catalogue = Record<string, Message>;

export interface Messages<T extends Catalogue> {
  readonly fr: T;
  readonly en: { [K in keyof T]: T[K] };
}

/** French first: it is the reference wording; English must provide the same keys and shapes. */
export function defineMessages<T extends Catalogue>(messages: Messages<T>): Messages<T> {
  return messages;
}

export const LocaleContext = createContext<Locale>('fr');

/** The current language's strings of one catalogue. */
export function useMessages<T extends Catalogue>(messages: Messages<T>): T {
  return messages[useContext(LocaleContext)];
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}
