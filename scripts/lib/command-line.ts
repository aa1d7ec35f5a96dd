/**
 * The command line of an evaluation script taking one folder: options parsed strictly, `--help`
 * printing the usage, and any mistake printed with the usage and exit code 2 (a message, never a
 * stack), so every script answers bad input the same way.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>['values'];

export interface FolderCommand<O extends Options> {
  folder: string;
  values: Values<O>;
  /** Exits with `--name <rule>` and the usage when `ok` is false; returns the number otherwise. */
  number(name: string, value: string | undefined, rule: string, ok: (n: number) => boolean): number | undefined;
}

export function parseFolderCommand<O extends Options>(usage: string, options: O): FolderCommand<O> {
  const fail = (message: string): never => {
    console.error(message ? `${message}\n${usage}` : usage);
    process.exit(2);
  };
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return fail((error as Error).message);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  if (parsed.positionals.length !== 1) fail('');
  return {
    folder: parsed.positionals[0]!,
    values: parsed.values as Values<O>,
    number(name: string, value: string | undefined, rule: string, ok: (n: number) => boolean) {
      if (value === undefined) return undefined;
      const n = Number(value);
      return ok(n) ? n : fail(`--${name} ${rule}`);
    },
  };
}
