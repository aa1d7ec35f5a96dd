/** Schemas and views shared by the admin routes: what an operator, an NGO, a time looks like. */
import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { problems } from '../../errors.js';
import { MIN_PASSWORD_LENGTH } from '../../secrets/passwords.js';
import type { Ngo } from '../../store/ngos-repository.js';
import type { Operator } from '../../store/operators-repository.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Timestamp = Type.String({ description: 'ISO 8601 time (UTC)' });
export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const RoleSchema = Type.Union([Type.Literal('admin'), Type.Literal('reviewer'), Type.Literal('ngo')]);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

export const NgoRefSchema = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const OperatorSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: RoleSchema,
  ngo: Nullable(NgoRefSchema),
  active: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  createdAt: Timestamp,
  lastLoginAt: Nullable(Timestamp),
});

export const NgoSchema = Type.Object({ id: Type.Integer(), name: Type.String(), code: Type.String(), active: Type.Boolean(), createdAt: Timestamp });

export const ngoView = (ngo: Ngo) => ({ id: ngo.id, name: ngo.name, code: ngo.code, active: ngo.active, createdAt: iso(ngo.createdAt) });

export function operatorView(app: FastifyInstance, operator: Operator) {
  const ngo = operator.ngoId === null ? undefined : app.store.ngos.get(operator.ngoId);
  return {
    id: operator.id,
    username: operator.username,
    role: operator.role,
    ngo: ngo ? { id: ngo.id, code: ngo.code, name: ngo.name } : null,
    active: operator.active,
    totpEnabled: operator.totpEnabled,
    createdAt: iso(operator.createdAt),
    lastLoginAt: isoOrNull(operator.lastLoginAt),
  };
}

/** Time filters: an ISO date (`2025-03-01`, midnight UTC) or date-time; undefined when absent. */
export const TimeQuery = Type.String({ minLength: 10, maxLength: 40, description: 'ISO 8601 date or date-time' });

export function parseTime(field: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw problems.invalid(field, `expected an ISO 8601 date or date-time such as 2025-03-01 or 2025-03-01T12:00:00Z, got ${JSON.stringify(value)}`);
  return ms;
}

/** `[from, to)` checked: `from` before `to`. */
export function parseRange(from: string | undefined, to: string | undefined): { from?: number; to?: number } {
  const range = { from: parseTime('from', from), to: parseTime('to', to) };
  if (range.from !== undefined && range.to !== undefined && range.from >= range.to) throw problems.invalid('from', 'must be before `to`');
  return range;
}

const DAY_MS = 86_400_000;
const REPORT_DEFAULT_DAYS = 30;
const REPORT_MAX_DAYS = 400;

/**
 * The period of a report (dashboard, transparency): both ends given or defaulted (the last 30
 * days up to now), `from` before `to`, at most 400 days.
 */
export function reportRange(fromInput: string | undefined, toInput: string | undefined): { from: number; to: number } {
  const range = parseRange(fromInput, toInput);
  // `to` is exclusive: by default just after now, so that what happened in this millisecond counts.
  const to = range.to ?? Date.now() + 1;
  const from = range.from ?? to - REPORT_DEFAULT_DAYS * DAY_MS;
  if (from >= to) throw problems.invalid('from', 'must be before `to`');
  if (to - from > REPORT_MAX_DAYS * DAY_MS) throw problems.invalid('from', `the range may cover at most ${REPORT_MAX_DAYS} days`);
  return { from, to };
}

/** Free text an operator writes (notes, reasons): trimmed, bounded. */
export const NoteSchema = Type.String({ minLength: 1, maxLength: 2000 });

/** A new password: 12 characters or more (a passphrase is best). */
export const PasswordSchema = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 });
