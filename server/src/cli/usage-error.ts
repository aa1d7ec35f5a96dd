/** A command line that cannot be run as written: printed with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
