import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export type Target = { file: string } | { file: string; error: string };

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Expands the paths given on the command line into files, in a stable order: arguments as given,
 * folders recursively with their entries sorted. Hidden entries inside folders (.DS_Store, .git)
 * are skipped; a path that does not exist becomes an error entry instead of stopping the run.
 */
export async function collectFiles(paths: string[]): Promise<Target[]> {
  const targets: Target[] = [];
  async function visit(path: string, explicit: boolean): Promise<void> {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      targets.push({ file: path, error: code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${code ?? String(error)}` });
      return;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((name) => !name.startsWith('.')).sort(byCodePoint);
      for (const name of entries) await visit(join(path, name), false);
    } else if (info.isFile()) {
      targets.push({ file: path });
    } else if (explicit) {
      targets.push({ file: path, error: 'not a regular file' });
    }
  }
  for (const path of paths) await visit(path, true);
  return targets;
}
