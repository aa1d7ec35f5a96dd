/** `disrupt ngo add --name X --code CODE`: a partner NGO and the referral code it hands out. */
import { parseArgs } from 'node:util';
import { NGO_CODE_PATTERN } from '../store/ngos-repository.js';
import { withStore } from './open-store.js';
import { UsageError } from './usage-error.js';

export const NGO_USAGE = `disrupt ngo add --name X --code CODE
                          add a partner NGO; CODE (3 to 32 letters, digits, dashes) is its referral code
`;

export async function runNgoCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action !== 'add') throw new UsageError(action === undefined ? 'ngo needs an action: add' : `unknown ngo action "${action}"`);
  let values: { name?: string; code?: string };
  try {
    values = parseArgs({ args: rest, options: { name: { type: 'string' }, code: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const name = values.name?.trim();
  if (!name) throw new UsageError('--name is required');
  if (name.length > 200) throw new UsageError('--name: 200 characters at most');
  if (!values.code || !new RegExp(NGO_CODE_PATTERN).test(values.code)) throw new UsageError('--code: 3 to 32 letters, digits or dashes, e.g. --code ASSO-75');
  const code = values.code;
  return withStore((store) => {
    const ngo = store.transaction(() => {
      const created = store.ngos.create({ name, code });
      if (created) store.audit.record('cli', 'ngo.create', `ngo:${created.id}`, { name: created.name, code: created.code });
      return created;
    });
    if (!ngo) throw new Error(`the referral code "${code.toUpperCase()}" is taken`);
    process.stdout.write(`NGO "${ngo.name}" added with referral code ${ngo.code}\n`);
    return 0;
  });
}
