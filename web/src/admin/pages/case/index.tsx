import { useEffect, useState } from 'preact/hooks';
import { useLocale, useMessages } from '../../../i18n/messages.js';
import { AdminApiError, http } from '../../lib/admin-api.js';
import { href } from '../../lib/route.js';
import type { ItemSummary, NgoRef } from '../item/api.js';
import type { Match } from '../matches/api.js';
import { formatTime } from '../matches/format.js';
import { MatchTable } from '../matches/table.js';
import type { PageProps } from '../page.js';
import { messages } from './messages.js';

interface CaseDetailReply {
  caseId: string;
  status: 'active' | 'withdrawn';
  createdAt: string;
  updatedAt: string;
  withdrawnAt: string | null;
  ngo: NgoRef | null;
  items: ItemSummary[];
  matches: Match[];
  matchCount: number;
}

/** One case: status, dates, referral, its items (links) and counts, its matches. */
export function CaseDetail({ params }: PageProps) {
  const t = useMessages(messages);
  const locale = useLocale();
  const [data, setData] = useState<CaseDetailReply>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    http.get<CaseDetailReply>(`/v1/admin/cases/${encodeURIComponent(params.caseId!)}`).then(setData, (e: unknown) => setError(e instanceof AdminApiError ? e.problem.detail : String(e)));
  }, [params.caseId]);

  if (error) return <p role="alert">{t.error(error)}</p>;
  if (!data) return <p aria-busy="true">{t.loading}</p>;
  const time = (iso: string) => <time dateTime={iso}>{formatTime(iso, locale)}</time>;
  const countOf = (status: ItemSummary['status']) => data.items.filter((i) => i.status === status).length;
  const reviewed = (updated: Match) => setData({ ...data, matches: data.matches.map((m) => (m.id === updated.id ? updated : m)) });

  return (
    <section class="case-detail" data-case={data.caseId}>
      <h1 class="mono">{t.title(data.caseId)}</h1>
      <dl class="facts">
        <dt>{t.status}</dt>
        <dd data-case-status>{t[`status_${data.status}`]}</dd>
        <dt>{t.created}</dt>
        <dd>{time(data.createdAt)}</dd>
        <dt>{t.updated}</dt>
        <dd>{time(data.updatedAt)}</dd>
        {data.withdrawnAt && (
          <>
            <dt>{t.withdrawn}</dt>
            <dd>{time(data.withdrawnAt)}</dd>
          </>
        )}
        <dt>{t.referral}</dt>
        <dd>{data.ngo ? `${data.ngo.name} (${data.ngo.code})` : t.noReferral}</dd>
      </dl>

      <h2>{t.counts}</h2>
      <dl class="facts" data-counts>
        <dt>{t.itemCount}</dt>
        <dd data-count="items">{data.items.length}</dd>
        <dt>{t.activeCount}</dt>
        <dd data-count="active">{countOf('active')}</dd>
        <dt>{t.disabledCount}</dt>
        <dd data-count="disabled">{countOf('disabled')}</dd>
        <dt>{t.withdrawnCount}</dt>
        <dd data-count="withdrawn">{countOf('withdrawn')}</dd>
        <dt>{t.matchCount}</dt>
        <dd data-count="matches">{data.matchCount}</dd>
      </dl>

      <h2>{t.items}</h2>
      <table data-case-items>
        <thead>
          <tr>
            <th scope="col">{t.colItem}</th>
            <th scope="col">{t.colType}</th>
            <th scope="col">{t.colSubmitted}</th>
            <th scope="col">{t.colQuality}</th>
            <th scope="col">{t.colStatus}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((item) => (
            <tr key={item.itemId}>
              <td>
                <a href={href(`/items/${item.itemId}`)}>{t.itemLink(item.itemId)}</a>
              </td>
              <td>{item.type}</td>
              <td>{time(item.createdAt)}</td>
              <td>{item.quality ?? '—'}</td>
              <td>{t[`item_${item.status}`]}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t.matches}</h2>
      {data.matchCount > data.matches.length && <p>{t.shownOf(data.matches.length, data.matchCount)}</p>}
      {data.matches.length === 0 ? <p>{t.noMatches}</p> : <MatchTable name="case" caption={t.matches} matches={data.matches} caseId={data.caseId} onReviewed={reviewed} />}
    </section>
  );
}
