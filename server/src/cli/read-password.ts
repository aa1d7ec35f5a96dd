/**
 * Reads a password from standard input: typed at a terminal (not echoed), or piped
 * (`printf '%s\n' "$PASSWORD" | disrupt operator add …`), first line only. Never from an
 * argument: arguments end up in shell history and process lists.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  process.stderr.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await new Promise<string>((resolve) => rl.once('line', resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
