/** `--name value` options of the reliability scripts, numbers only, with their defaults. */
export function numericOptions<T extends Record<string, number>>(argv: readonly string[], defaults: T, usage: string): T {
  const options: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue; // pnpm forwards a literal "--"
    const name = arg.replace(/^--/, '');
    const value = Number((argv[i + 1] ?? '').replace(/_/g, ''));
    if (!arg.startsWith('--') || !(name in defaults) || !Number.isFinite(value) || argv[i + 1] === undefined) {
      process.stderr.write(`unknown or incomplete option ${arg}\n${usage}\n`);
      process.exit(2);
    }
    options[name] = value;
    i++;
  }
  return options as T;
}
