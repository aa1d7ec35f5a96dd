/**
 * The audit log (admins): who did what, when, to what; filters (actor, action, period) and the
 * page number live in the address, so a filtered view can be bookmarked or shared.
 */
import { useEffect, useState } from 'preact/hooks';
import { useMessages } from '../../../i18n/messages.js';
import { http } from '../../lib/admin-api.js';
import { href, navigate } from '../../lib/route.js';
import type { OperatorView } from '../../lib/types.js';
import { Problem, useFormatTime, useLoaded, RecordTable } from '../admin-common/index.js';
import type { PageProps } from '../page.js';
import { messages } from './messages.js';

const PAGE_SIZE = 50;
const ACTIONS = [
  'platform.create',
  'platform.rotate_key',
  'platform.revoke',
  'platform.update',
  'operator.create',
  'operator.deactivate',
  'operator.activate',
  'operator.reset_password',
  'operator.role',
  'operator.totp_reset',
  'operator.totp_enabled',
  'operator.password_changed',
  'ngo.create',
  'session.logout',
  'item.view',
  'item.disable',
  'item.enable',
  'case.view',
  'match.review',
];

interface Entry {
  id: number;
  at: string;
  actor: string;
  actorName: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}

/** `to` is a day included in the period; the API takes the end as exclusive. */
const dayAfter = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10) : date);

export function AuditLog({ route }: PageProps) {
  const t = useMessages(messages);
  const time = useFormatTime();
  const q = route.query;
  const filters = { actor: q.get('actor') ?? '', action: q.get('action') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' };
  const [actor, setActor] = useState(filters.actor);
  useEffect(() => setActor(filters.actor), [filters.actor]);
  const page = Math.max(1, Number(q.get('page')) || 1);
  const key = `${filters.actor}|${filters.action}|${filters.from}|${filters.to}|${page}`;
  const log = useLoaded(
    () =>
      http.get<{ entries: Entry[]; total: number }>('/v1/admin/audit', {
        ...filters,
        to: filters.to && dayAfter(filters.to),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    [key],
  );
  const operators = useLoaded(() => http.get<{ operators: OperatorView[] }>('/v1/admin/operators')).data?.operators ?? [];

  const apply = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim() || undefined;
    navigate('/audit', { actor: value('actor'), action: value('action'), from: value('from'), to: value('to') });
  };
  const pageHref = (n: number) => href('/audit', { ...filters, page: n > 1 ? n : undefined });

  const total = log.data?.total ?? 0;
  const entries = log.data?.entries;
  const last = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <section class="admin-page" data-page="audit">
      <h1>{t.title}</h1>
      <p>{t.intro}</p>
      <form class="filters" id="audit-filters" aria-label={t.filters} onSubmit={apply} key={key}>
        <label>
          {t.actor}
          <select name="actor" id="audit-actor" value={actor} onChange={(e) => setActor(e.currentTarget.value)}>
            <option value="">{t.anyActor}</option>
            {operators.map((o) => (
              <option key={o.id} value={`operator:${o.id}`}>
                {o.username}
              </option>
            ))}
            <option value="cli">cli</option>
            {filters.actor && filters.actor !== 'cli' && !operators.some((o) => `operator:${o.id}` === filters.actor) && <option value={filters.actor}>{filters.actor}</option>}
          </select>
        </label>
        <label>
          {t.action}
          <input name="action" id="audit-action" list="audit-actions" defaultValue={filters.action} placeholder={t.actionHint} maxLength={64} />
        </label>
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <label>
          {t.from}
          <input name="from" id="audit-from" type="date" defaultValue={filters.from} />
        </label>
        <label>
          {t.to}
          <input name="to" id="audit-to" type="date" defaultValue={filters.to} />
        </label>
        <button type="submit" class="primary">
          {t.apply}
        </button>
        <a href={href('/audit')} class="button">
          {t.clear}
        </a>
      </form>
      <Problem text={log.error} />
      {!entries ? (
        !log.error && <p aria-busy="true">…</p>
      ) : entries.length === 0 ? (
        <p data-empty>{t.none}</p>
      ) : (
        <>
          <p role="status" data-range>
            {t.range((page - 1) * PAGE_SIZE + 1, (page - 1) * PAGE_SIZE + entries.length, total)}
          </p>
          <RecordTable columns={[t.at, t.actor, t.action, t.target, t.detail]}>
            {entries.map((e) => (
              <tr key={e.id} data-action={e.action} data-target={e.target ?? ''}>
                <td>{time(e.at)}</td>
                <td>{e.actorName ?? e.actor}</td>
                <td class="mono">{e.action}</td>
                <td class="mono">{e.target ?? '—'}</td>
                <td class="mono">{e.detail ? JSON.stringify(e.detail) : '—'}</td>
              </tr>
            ))}
          </RecordTable>
        </>
      )}
      {last > 1 && (
        <nav aria-label={t.pages} class="pager">
          {page > 1 && (
            <a href={pageHref(page - 1)} rel="prev">
              {t.previous}
            </a>
          )}{' '}
          <span>
            {page} / {last}
          </span>{' '}
          {page < last && (
            <a href={pageHref(page + 1)} rel="next">
              {t.next}
            </a>
          )}
        </nav>
      )}
    </section>
  );
}
