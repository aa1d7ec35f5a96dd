/**
 * `disrupt operator add|deactivate|reset-password`: operator accounts from the command line — how
 * the first admin is made, and the way back in when the last admin is locked out. The password
 * is read from standard input, never from an argument. Every change is in the audit log (actor `cli`).
 */
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../secrets/passwords.js';
import { normalizeUsername, OPERATOR_ROLES, USERNAME_PATTERN, type OperatorRole } from '../store/operators-repository.js';
import type { Store } from '../store/store.js';
import { withStore } from './open-store.js';
import { readPassword } from './read-password.js';
import { UsageError } from './usage-error.js';

export const OPERATOR_USAGE = `disrupt operator add --username U --role admin|reviewer|ngo [--ngo CODE]
                          create an operator; the password (12 characters or more) is read from stdin
disrupt operator deactivate --username U
                          sign an operator out everywhere and refuse their sign-ins
disrupt operator reset-password --username U [--clear-totp]
                          set a new password (from stdin); --clear-totp also removes their second factor
`;

function options(argv: string[], allowed: Record<string, { type: 'string' | 'boolean' }>): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args: argv, options: allowed, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function requiredUsername(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UsageError('--username is required');
  if (!new RegExp(USERNAME_PATTERN).test(value)) throw new UsageError(`--username: 3 to 64 letters, digits, or . _ @ - (got ${JSON.stringify(value)})`);
  return normalizeUsername(value);
}

async function newPassword(): Promise<string> {
  const password = await readPassword('Password: ');
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters long (got ${password.length}); nothing was changed`);
  }
  return password;
}

function existing(store: Store, username: string) {
  const operator = store.operators.byUsername(username);
  if (!operator) throw new Error(`no operator is called "${username}"`);
  return operator;
}

async function add(argv: string[]): Promise<number> {
  const values = options(argv, { username: { type: 'string' }, role: { type: 'string' }, ngo: { type: 'string' } });
  const username = requiredUsername(values.username);
  const role = values.role as OperatorRole;
  if (!OPERATOR_ROLES.includes(role)) throw new UsageError(`--role must be one of ${OPERATOR_ROLES.join(', ')}`);
  if (role === 'ngo' && typeof values.ngo !== 'string') throw new UsageError('--ngo CODE is required for the role ngo');
  if (role !== 'ngo' && values.ngo !== undefined) throw new UsageError('--ngo is only for the role ngo');
  return withStore(async (store) => {
    const ngo = typeof values.ngo === 'string' ? store.ngos.byCode(values.ngo) : undefined;
    if (role === 'ngo' && !ngo) throw new Error(`no NGO has the code "${String(values.ngo)}" (add it first: disrupt ngo add)`);
    if (store.operators.byUsername(username)) throw new Error(`the username "${username}" is taken`);
    const passwordHash = await hashPassword(await newPassword());
    const created = store.transaction(() => {
      const operator = store.operators.create({ username, passwordHash, role, ngoId: ngo?.id ?? null });
      if (operator) store.audit.record('cli', 'operator.create', `operator:${operator.id}`, { username, role, ngoCode: ngo?.code });
      return operator;
    });
    if (!created) throw new Error(`the username "${username}" is taken`);
    process.stdout.write(`operator "${created.username}" created (role ${role}${ngo ? `, NGO ${ngo.code}` : ''})\n`);
    return 0;
  });
}

async function deactivate(argv: string[]): Promise<number> {
  const username = requiredUsername(options(argv, { username: { type: 'string' } }).username);
  return withStore((store) => {
    const operator = existing(store, username);
    store.transaction(() => {
      store.operators.setActive(operator.id, false);
      store.sessions.deleteForOperator(operator.id);
      store.audit.record('cli', 'operator.deactivate', `operator:${operator.id}`, null);
    });
    process.stdout.write(`operator "${username}" deactivated and signed out\n`);
    return 0;
  });
}

async function resetPassword(argv: string[]): Promise<number> {
  const values = options(argv, { username: { type: 'string' }, 'clear-totp': { type: 'boolean' } });
  const username = requiredUsername(values.username);
  return withStore(async (store) => {
    const operator = existing(store, username);
    const passwordHash = await hashPassword(await newPassword());
    const clearTotp = values['clear-totp'] === true;
    store.transaction(() => {
      store.operators.setPassword(operator.id, passwordHash);
      if (clearTotp) store.operators.setTotpSecret(operator.id, null);
      store.sessions.deleteForOperator(operator.id);
      store.audit.record('cli', 'operator.reset_password', `operator:${operator.id}`, { secondFactorCleared: clearTotp });
    });
    process.stdout.write(`password of "${username}" changed${clearTotp ? ', second factor removed' : ''}; their sessions are closed\n`);
    return 0;
  });
}

export async function runOperatorCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  switch (action) {
    case 'add':
      return add(rest);
    case 'deactivate':
      return deactivate(rest);
    case 'reset-password':
      return resetPassword(rest);
    default:
      throw new UsageError(action === undefined ? 'operator needs an action: add, deactivate or reset-password' : `unknown operator action "${action}"`);
  }
}
