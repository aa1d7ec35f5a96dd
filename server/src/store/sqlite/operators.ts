import {
  normalizeUsername,
  type Operator,
  type OperatorCredentials,
  type OperatorRepository,
  type OperatorRole,
} from '../operators-repository.js';
import type { StoreContext } from './context.js';
import { isUniqueViolation } from './errors.js';

interface OperatorRow {
  id: number;
  username: string;
  password_hash: string;
  role: OperatorRole;
  ngo_id: number | null;
  totp_secret: string | null;
  active: number;
  created_at: number;
  last_login_at: number | null;
}

function toOperator(row: OperatorRow): Operator {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    ngoId: row.ngo_id,
    active: row.active === 1,
    totpEnabled: row.totp_secret !== null,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

const toCredentials = (row: OperatorRow): OperatorCredentials => ({ ...toOperator(row), passwordHash: row.password_hash, totpSecret: row.totp_secret });

export function createSqliteOperators({ db, now }: StoreContext): OperatorRepository {
  const insert = db.prepare<[string, string, string, number | null, number]>(
    'INSERT INTO operators (username, password_hash, role, ngo_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[number], OperatorRow>('SELECT * FROM operators WHERE id = ?');
  const byName = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE username = ?');
  const all = db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY username');
  const setPassword = db.prepare<[string, number]>('UPDATE operators SET password_hash = ? WHERE id = ?');
  const setRole = db.prepare<[string, number | null, number]>('UPDATE operators SET role = ?, ngo_id = ? WHERE id = ?');
  const setActive = db.prepare<[number, number]>('UPDATE operators SET active = ? WHERE id = ?');
  const setTotp = db.prepare<[string | null, number]>('UPDATE operators SET totp_secret = ? WHERE id = ?');
  const login = db.prepare<[number, number]>('UPDATE operators SET last_login_at = ? WHERE id = ?');
  const admins = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM operators WHERE role = 'admin' AND active = 1");

  return {
    create({ username, passwordHash, role, ngoId }) {
      try {
        const id = Number(insert.run(normalizeUsername(username), passwordHash, role, ngoId, now()).lastInsertRowid);
        return toOperator(byId.get(id)!);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    get(id) {
      const row = byId.get(id);
      return row && toOperator(row);
    },
    byUsername(username) {
      const row = byName.get(normalizeUsername(username));
      return row && toOperator(row);
    },
    credentials(id) {
      const row = byId.get(id);
      return row && toCredentials(row);
    },
    credentialsByUsername(username) {
      const row = byName.get(normalizeUsername(username));
      return row && toCredentials(row);
    },
    list: () => all.all().map(toOperator),
    setPassword: (id, hash) => setPassword.run(hash, id).changes === 1,
    setRole: (id, role, ngoId) => setRole.run(role, ngoId, id).changes === 1,
    setActive: (id, active) => setActive.run(active ? 1 : 0, id).changes === 1,
    setTotpSecret: (id, secret) => setTotp.run(secret, id).changes === 1,
    recordLogin: (id) => void login.run(now(), id),
    countActiveAdmins: () => admins.get()!.n,
  };
}
