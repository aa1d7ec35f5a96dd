/**
 * `pnpm eval:images <originals-dir> [--variants <dir>] [--limit N] [--json <file>] [--no-dihedral]
 * [--keep-variants <dir>]`: how well the service recognises edited copies of photos it holds.
 *
 * The originals (any folder of images `disrupt hash` reads, recursively) are hashed with the CLI's
 * worker pool and put into a fresh bank — a real server on a temporary DATA_DIR — through
 * POST /v1/cases as the victims' page sends them. Every variant is hashed the same way (with the 8
 * dihedral PDQ hashes, as `disrupt hash --dihedral`) and queried through POST /v1/match with a
 * platform key at the default thresholds. Without --variants, 27 variants per original are made in
 * a temporary folder: 16 by ../shared/corpus/make-variants.sh (ImageMagick) and 11 with sharp
 * (right side cut 10 %, −3° rotation in the frame, 3° rotation on a grown white canvas, a 3°
 * tilt straightened by an editor, white padding 10 %, a phone screenshot, darkened to 30 %,
 * darkened and flipped, flipped and cut 5 % or 10 % from each edge, flipped with black bars).
 *
 * Prints per transform: recall by pdq/blockhash (the main figure), by any signal, false matches,
 * PDQ distances to the own original, the target and whether it is met; then the PDQ distances
 * between distinct originals. Exit code 0 whatever the figures (it is a measurement).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFolderCommand } from './lib/command-line.js';
import { formatReport } from './eval/report.js';
import { runEval } from './eval/run.js';

const USAGE = 'usage: pnpm eval:images <originals-dir> [--variants <dir>] [--limit N] [--json <file>] [--no-dihedral] [--keep-variants <dir>]';

const command = parseFolderCommand(USAGE, {
  variants: { type: 'string' },
  limit: { type: 'string' },
  json: { type: 'string' },
  'no-dihedral': { type: 'boolean' },
  'keep-variants': { type: 'string' },
});
const parsed = command.values;
const limit = command.number('limit', parsed.limit, 'must be a positive integer', (n) => Number.isInteger(n) && n > 0);

const report = await runEval({
  originalsDir: resolve(command.folder),
  variantsDir: parsed.variants === undefined ? undefined : resolve(parsed.variants),
  keepVariants: parsed['keep-variants'] === undefined ? undefined : resolve(parsed['keep-variants']),
  limit,
  dihedral: !parsed['no-dihedral'],
  log: (line) => console.error(line),
});
console.log(formatReport(report));
if (parsed.json) {
  writeFileSync(parsed.json, JSON.stringify(report, null, 2) + '\n');
  console.error(`results written to ${parsed.json}`);
}
