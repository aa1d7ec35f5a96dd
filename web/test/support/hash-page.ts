/**
 * The parity tests' view of the page: pick files, get what the page shows for each (its
 * fingerprints on the review step, or why it was refused), in English so refusals read exactly
 * as the CLI's.
 */
import { VictimPage, type FileRow } from './victim-page.js';

export { hasChromium, runInBrowser } from './victim-page.js';

/** What the page shows for one file. */
export interface PageEntry {
  name: string;
  state: string;
  fields: Record<string, string>;
  alert: string | null;
}

export interface HashPage {
  victim: VictimPage;
  /** Picks the files, waits for all of them, returns their entries in the order given. */
  hashFiles(paths: string[]): Promise<PageEntry[]>;
  close(): Promise<void>;
}

export async function openHashPage(origin: string): Promise<HashPage> {
  const victim = await VictimPage.open(origin, { locale: 'en-GB' });
  await victim.start();
  return {
    victim,
    async hashFiles(paths) {
      const rows = await victim.chooseFiles(paths);
      const fields = new Map<string, Record<string, string>>();
      if (rows.some((row) => row.state === 'done')) {
        await victim.toReview();
        for (const entry of await victim.reviewEntries()) fields.set(entry.key, entry.fields);
        await victim.backToChoose();
      }
      return rows.map((row: FileRow) => ({ name: row.name, state: row.state, fields: fields.get(row.key) ?? {}, alert: row.alert }));
    },
    close: () => victim.close(),
  };
}
